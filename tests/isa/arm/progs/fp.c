/* Single-precision FP code for the FPv4-SP (Cortex-M4F) objdump check:
 * arithmetic, fused multiply-add, conversions to/from integers, fixed
 * point and half precision, comparisons, constants, spills of s16-s31. */
#include <math.h>
#include <stdint.h>

volatile float vf[16];
volatile int32_t vi[4];

float poly(float x)
{
    return ((0.5f * x - 1.25f) * x + 3.0f) * x - 0.1875f;
}

float dotf(const float *a, const float *b, int n)
{
    float s = 0.0f;
    for (int i = 0; i < n; i++)
        s = fmaf(a[i], b[i], s);
    return s;
}

int32_t to_int(float x) { return (int32_t)x; }
uint32_t to_uint(float x) { return (uint32_t)x; }
float from_int(int32_t i) { return (float)i; }
float from_uint(uint32_t i) { return (float)i; }
int32_t to_q16(float x) { return (int32_t)(x * 65536.0f); }
float from_q16(int32_t q) { return (float)q / 65536.0f; }

__fp16 to_half(float x) { return (__fp16)x; }
float from_half(__fp16 h) { return (float)h; }

int cmp(float a, float b)
{
    if (a < b) return -1;
    if (a > b) return 1;
    if (a == 0.0f) return 2;
    return isnan(a) ? 3 : 0;
}

float norm(float x, float y, float z)
{
    float r = sqrtf(x * x + y * y + z * z);
    return r > 0.0f ? 1.0f / r : -x / (y - z);
}

float many(float a0, float a1, float a2, float a3, float a4, float a5, float a6, float a7)
{
    float t[8] = { a0, a1, a2, a3, a4, a5, a6, a7 };
    float acc = 0;
    for (int i = 0; i < 8; i++)
        acc = acc * 1.5f - fabsf(t[i]) + (t[i] < 0 ? -t[i] : 2.0f * t[i]);
    return acc;
}

int main(void)
{
    float a[4] = { 1.0f, -2.5f, 3.25f, 0.125f }, b[4] = { 0.5f, 4.0f, -1.0f, 8.0f };
    float r = poly(vf[0]) + dotf(a, b, 4) + norm(vf[1], vf[2], vf[3]);
    r += from_int(vi[0]) + from_uint((uint32_t)vi[1]) + from_q16(vi[2]) + from_half(to_half(r));
    r += many(vf[4], vf[5], vf[6], vf[7], vf[8], vf[9], vf[10], vf[11]);
    vi[3] = to_int(r) + (int32_t)to_uint(r * r) + to_q16(r) + cmp(r, vf[12]);
    return vi[3] & 0x7f;
}
