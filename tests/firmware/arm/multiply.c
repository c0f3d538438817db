/* MUL/MULS (N and Z; C and V unchanged on ARMv7-M), MLA, MLS, UMULL,
 * SMULL, UMLAL, SMLAL. */
#include "rt.h"

int main(void)
{
    uint32_t r, lo, hi, f;
    __asm__ volatile("mul %0, %1, %2" : "=r"(r) : "r"(0x12345u), "r"(0x6789u));
    rt_check("mul", r, 0x75cca2ed);
    __asm__ volatile("mul %0, %1, %2" : "=r"(r) : "r"(0xffffffffu), "r"(0xffffffffu));
    rt_check("mul -1*-1", r, 1);
    __asm__ volatile("msr APSR_nzcvq, %2\n\tmuls %0, %1, %0\n\tmrs %1, apsr"
                     : "=l"(r), "=l"(f) : "r"(0x30000000u), "0"(0x10000u), "1"(0x10000u));
    rt_check("muls 0x10000^2", r, 0);
    rt_check(" nzcv (c,v kept)", f & 0xf0000000u, 0x70000000);
    __asm__ volatile("msr APSR_nzcvq, %2\n\tmuls %0, %1, %0\n\tmrs %1, apsr"
                     : "=l"(r), "=l"(f) : "r"(0u), "0"(0xffffffffu), "1"(3u));
    rt_check("muls -1*3", r, 0xfffffffd);
    rt_check(" nzcv", f & 0xf0000000u, 0x80000000);
    __asm__ volatile("mla %0, %1, %2, %3" : "=r"(r) : "r"(1000u), "r"(1000u), "r"(7u));
    rt_check("mla", r, 1000007);
    __asm__ volatile("mls %0, %1, %2, %3" : "=r"(r) : "r"(3u), "r"(5u), "r"(100u));
    rt_check("mls", r, 85);
    __asm__ volatile("mls %0, %1, %2, %3" : "=r"(r) : "r"(3u), "r"(5u), "r"(0u));
    rt_check("mls neg", r, 0xfffffff1);
    __asm__ volatile("umull %0, %1, %2, %3" : "=&r"(lo), "=&r"(hi) : "r"(0xffffffffu), "r"(0xffffffffu));
    rt_check("umull lo", lo, 1);
    rt_check("umull hi", hi, 0xfffffffe);
    __asm__ volatile("smull %0, %1, %2, %3" : "=&r"(lo), "=&r"(hi) : "r"(0xffffffffu), "r"(0xffffffffu));
    rt_check("smull -1*-1 lo", lo, 1);
    rt_check("smull -1*-1 hi", hi, 0);
    __asm__ volatile("smull %0, %1, %2, %3" : "=&r"(lo), "=&r"(hi) : "r"(0x80000000u), "r"(2u));
    rt_check("smull min*2 lo", lo, 0);
    rt_check("smull min*2 hi", hi, 0xffffffff);
    __asm__ volatile("smull %0, %1, %2, %3" : "=&r"(lo), "=&r"(hi) : "r"(0x12345678u), "r"(0x9abcdef0u));
    rt_check("smull lo", lo, 0x242d2080);
    rt_check("smull hi", hi, 0xf8cc93d6);
    lo = 0xffffffffu; hi = 1;
    __asm__ volatile("umlal %0, %1, %2, %3" : "+r"(lo), "+r"(hi) : "r"(2u), "r"(3u));
    rt_check("umlal lo", lo, 5);
    rt_check("umlal hi", hi, 2);
    lo = 10; hi = 0;
    __asm__ volatile("smlal %0, %1, %2, %3" : "+r"(lo), "+r"(hi) : "r"(0xfffffffdu), "r"(4u));
    rt_check("smlal lo", lo, 0xfffffffe);
    rt_check("smlal hi", hi, 0xffffffff);
    /* A dot product through the C compiler's multiply-accumulate. */
    static const int16_t a[8] = {1, -2, 3, -4, 5, -6, 7, -8};
    static const int16_t b[8] = {100, 200, -300, 400, 500, -600, 700, 800};
    volatile int64_t acc = 0;
    for (int i = 0; i < 8; i++)
        acc += (int64_t)(a[i] * 1000003) * b[i];
    rt_check("dot lo", (uint32_t)acc, 1800u * 1000003u);
    rt_check("dot hi", (uint32_t)((uint64_t)acc >> 32), 0);
    return rt_done();
}
