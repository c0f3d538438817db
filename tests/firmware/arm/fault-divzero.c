/* UsageFault DIVBYZERO: with CCR.DIV_0_TRP set, SDIV/UDIV by zero fault
 * (CFSR.DIVBYZERO, stacked pc = the divide); with it clear they return 0. */
#include "faults.h"

extern char udiv_at[], sdiv_at[];

int main(void)
{
    fault_install();
    RT_MMIO32(SCB_SHCSR) |= SHCSR_USGFAULTENA;
    uint32_t r = 0x77, zero = 0;
    __asm__ volatile("udiv %0, %1, %2" : "=r"(r) : "r"(9u), "r"(zero));
    rt_check("udiv/0 no trap", r, 0);
    rt_check("no fault yet", fault.count, 0);

    RT_MMIO32(SCB_CCR) |= CCR_DIV_0_TRP;
    rt_check("CCR.DIV_0_TRP", RT_MMIO32(SCB_CCR) & CCR_DIV_0_TRP, CCR_DIV_0_TRP);
    fault_reset();
    r = 0x77;
    __asm__ volatile(".global udiv_at\nudiv_at: udiv %0, %1, %2" : "+r"(r) : "r"(9u), "r"(zero) : "memory");
    rt_check("udiv/0 count", fault.count, 1);
    rt_check("udiv/0 exc", fault.exc, EXC_USAGEFAULT);
    rt_check("udiv/0 CFSR", fault.cfsr, CFSR_DIVBYZERO);
    rt_check("udiv/0 pc", fault.pc, (uint32_t)(uintptr_t)udiv_at);
    rt_check("udiv/0 rd unchanged", r, 0x77);
    fault_reset();
    __asm__ volatile(".global sdiv_at\nsdiv_at: sdiv %0, %1, %2" : "+r"(r) : "r"(-9), "r"(zero) : "memory");
    rt_check("sdiv/0 CFSR", fault.cfsr, CFSR_DIVBYZERO);
    rt_check("sdiv/0 pc", fault.pc, (uint32_t)(uintptr_t)sdiv_at);
    fault_reset();
    __asm__ volatile("udiv %0, %1, %2" : "=r"(r) : "r"(9u), "r"(2u));
    rt_check("udiv 9/2 with trap on", r, 4);
    rt_check("no fault", fault.count, 0);
    RT_MMIO32(SCB_CCR) &= ~CCR_DIV_0_TRP;
    __asm__ volatile("sdiv %0, %1, %2" : "=r"(r) : "r"(9u), "r"(zero));
    rt_check("sdiv/0 trap off again", r, 0);
    rt_check("no fault after", fault.count, 0);
    return rt_done();
}
