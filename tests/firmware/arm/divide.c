/* SDIV/UDIV: truncation toward zero, signs, INT_MIN / -1 = INT_MIN (no
 * overflow trap), and division by zero returning 0 while CCR.DIV_0_TRP is
 * clear (its reset value). */
#include "rt.h"

static uint32_t sdiv(uint32_t a, uint32_t b)
{
    uint32_t r;
    __asm__ volatile("sdiv %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
    return r;
}

static uint32_t udiv(uint32_t a, uint32_t b)
{
    uint32_t r;
    __asm__ volatile("udiv %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
    return r;
}

int main(void)
{
    rt_check("CCR.DIV_0_TRP", RT_MMIO32(SCB_CCR) & CCR_DIV_0_TRP, 0);
    rt_check("udiv 100/7", udiv(100, 7), 14);
    rt_check("udiv max/1", udiv(0xffffffffu, 1), 0xffffffff);
    rt_check("udiv max/max", udiv(0xffffffffu, 0xffffffffu), 1);
    rt_check("udiv 0x80000000/3", udiv(0x80000000u, 3), 0x2aaaaaaa);
    rt_check("udiv 5/0", udiv(5, 0), 0);
    rt_check("udiv 0/0", udiv(0, 0), 0);
    rt_check("sdiv 100/7", sdiv(100, 7), 14);
    rt_check("sdiv -100/7", sdiv((uint32_t)-100, 7), (uint32_t)-14);
    rt_check("sdiv 100/-7", sdiv(100, (uint32_t)-7), (uint32_t)-14);
    rt_check("sdiv -100/-7", sdiv((uint32_t)-100, (uint32_t)-7), 14);
    rt_check("sdiv -1/2", sdiv((uint32_t)-1, 2), 0);
    rt_check("sdiv min/-1", sdiv(0x80000000u, 0xffffffffu), 0x80000000);
    rt_check("sdiv min/1", sdiv(0x80000000u, 1), 0x80000000);
    rt_check("sdiv -5/0", sdiv((uint32_t)-5, 0), 0);
    /* Remainders the compiler builds with MLS. */
    volatile int32_t n = -12345, d = 67;
    rt_check("c -12345/67", (uint32_t)(n / d), (uint32_t)-184);
    rt_check("c -12345%67", (uint32_t)(n % d), (uint32_t)-17);
    volatile uint32_t un = 4000000000u, ud = 3;
    rt_check("c 4e9%3", un % ud, 1);
    rt_check("c 4e9/3", un / ud, 1333333333);
    return rt_done();
}
