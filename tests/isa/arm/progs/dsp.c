/* DSP extension code (Cortex-M4): saturating and SIMD intrinsics as GCC
 * emits them, plus the multiply-accumulate patterns it recognises. */
#include <stdint.h>

int32_t dot16(const int16_t *a, const int16_t *b, int n)
{
    int64_t acc = 0;
    for (int i = 0; i < n; i++)
        acc += (int32_t)a[i] * b[i];
    return (int32_t)(acc >> 8);
}

int32_t mulhi(int32_t a, int32_t b) { return (int32_t)(((int64_t)a * b) >> 32); }

uint32_t simd(uint32_t a, uint32_t b)
{
#if defined(__ARM_FEATURE_SIMD32)
    uint32_t r = __builtin_arm_qadd8(a, b) ^ __builtin_arm_uqsub16(a, b);
    r += __builtin_arm_sel(a, b) + __builtin_arm_usad8(a, b) + __builtin_arm_shadd16(a, b);
    r += __builtin_arm_smuad(a, b) + __builtin_arm_smlad(a, b, r) + __builtin_arm_uxtb16(a);
    r += (uint32_t)__builtin_arm_qadd((int32_t)a, (int32_t)b) + __builtin_arm_sxtab16(a, b);
    r += (uint32_t)__builtin_arm_ssat((int32_t)r, 12) + __builtin_arm_usat((int32_t)a, 7);
    return r;
#else
    return a + b;
#endif
}

int16_t mac16(int16_t a, int16_t b, int32_t c) { return (int16_t)(c + (int32_t)a * b); }

int main(void)
{
    static int16_t x[16], y[16];
    for (int i = 0; i < 16; i++) {
        x[i] = (int16_t)(i * 300 - 2000);
        y[i] = (int16_t)(1000 - i * 77);
    }
    uint32_t r = (uint32_t)dot16(x, y, 16) + (uint32_t)mulhi(0x12345678, -77);
    r += simd(r, 0x01020304u) + (uint32_t)mac16(3, 4, (int32_t)r);
    return (int)(r & 0x7f);
}
