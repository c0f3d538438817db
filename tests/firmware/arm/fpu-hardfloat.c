/* A -mfloat-abi=hard C program on the Cortex-M4F (mps2-an386), with newlib
 * built for v7e-m+fp/hard: float arguments and results in s0-s15 (AAPCS
 * VFP), a biquad low-pass filter over a step and a sine input, Newton
 * square roots against vsqrt (sqrtf with -fno-math-errno), libm sinf/
 * expf/atan2f/powf, float<->int conversions, and printf("%f"/"%e"/"%g")
 * of the results (newlib formats doubles in software).  Values are
 * printed as text and bit patterns; a few are also checked exactly. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int fails, checks;

static uint32_t bits(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}

static void check(const char *name, uint32_t got, uint32_t want)
{
    checks++;
    printf("%s=0x%08lx %s\n", name, (unsigned long)got, got == want ? "ok" : "MISMATCH");
    if (got != want)
        fails++;
}

typedef struct Biquad {
    float b0, b1, b2, a1, a2;
    float x1, x2, y1, y2;
} Biquad;

static __attribute__((noinline)) float biquad(Biquad *q, float x)
{
    float y = q->b0 * x + q->b1 * q->x1 + q->b2 * q->x2 - q->a1 * q->y1 - q->a2 * q->y2;
    q->x2 = q->x1;
    q->x1 = x;
    q->y2 = q->y1;
    q->y1 = y;
    return y;
}

static __attribute__((noinline)) float newton_sqrt(float v)
{
    float x = v > 1.0f ? v * 0.5f : 1.0f;
    for (int i = 0; i < 30; i++)
        x = 0.5f * (x + v / x);
    return x;
}

int main(void)
{
    /* low-pass (fc = fs/10, Q = 0.707) coefficients, computed here */
    float w0 = 2.0f * 3.14159265f / 10.0f, alpha = sinf(w0) / (2.0f * 0.70710678f);
    float cw = cosf(w0), a0 = 1.0f + alpha;
    Biquad q = { (1.0f - cw) / 2.0f / a0, (1.0f - cw) / a0, (1.0f - cw) / 2.0f / a0,
                 -2.0f * cw / a0, (1.0f - alpha) / a0, 0, 0, 0, 0 };
    printf("coef %.7e %.7e %.7e %.7e\n", q.b0, q.b1, q.a1, q.a2);
    uint32_t h = 0;
    for (int n = 0; n < 200; n++) {
        float x = (n < 100 ? 1.0f : 0.0f) + 0.25f * sinf(0.9f * (float)n);
        float y = biquad(&q, x);
        h = (h * 31u) ^ bits(y);
        if (n % 20 == 0)
            printf("y[%d] = %.6f (%08lx)\n", n, y, (unsigned long)bits(y));
    }
    printf("filter hash %08lx\n", (unsigned long)h);

    for (float v = 0.0f; v < 1000.0f; v = v * 3.0f + 0.7f) {
        float a = sqrtf(v), b = newton_sqrt(v);
        printf("sqrt(%g) = %.8g vsqrt %08lx newton %08lx\n", v, a, (unsigned long)bits(a),
               (unsigned long)bits(b));
    }
    /* run time operands (volatile): the instructions, not the compiler */
    volatile float two = 2.0f, mzero = -0.0f, m79 = -7.9f, e9 = 3e9f, p = 1.00000012f,
                   mq = 0.99999988f, m1 = -1.0f, one = 1.0f, half = 0.5f;
    volatile int32_t imax = 0x7fffffff;
    check("sqrtf(2)", bits(sqrtf(two)), 0x3fb504f3);
    check("sqrtf(-0)", bits(sqrtf(mzero)), 0x80000000);
    check("(int)-7.9f", (uint32_t)(int)m79, (uint32_t)-7);
    check("(unsigned)3e9f", (uint32_t)e9, 3000000000u);
    check("(float)0x7fffffff", bits((float)imax), 0x4f000000);
    check("fmaf(1+2^-23, 1-2^-23, -1)", bits(fmaf(p, mq, m1)), 0xa8800000);
    printf("expf(1) %.9g  atan2f(1,-1) %.9g  powf(2,0.5) %.9g\n", (double)expf(one),
           (double)atan2f(one, m1), (double)powf(two, half));
    printf("%s (%d checks)\n", fails ? "FAIL" : "PASS", checks);
    return fails != 0;
}
