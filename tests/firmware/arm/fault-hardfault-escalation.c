/* With the configurable faults disabled (SHCSR = 0, the reset value), a
 * UsageFault (UDF), a UsageFault (DIVBYZERO) and a BusFault (unmapped load)
 * escalate to HardFault: exception 3, HFSR.FORCED, CFSR still names the
 * original fault (and BFAR for the bus fault). */
#include "faults.h"

extern char esc_udf_at[], esc_div_at[], esc_bus_at[];

int main(void)
{
    fault_install();
    rt_check("SHCSR enables", RT_MMIO32(SCB_SHCSR) & 0x70000u, 0);

    fault_reset();
    __asm__ volatile(".global esc_udf_at\nesc_udf_at: udf #1" ::: "memory");
    rt_check("udf count", fault.count, 1);
    rt_check("udf exc", fault.exc, EXC_HARDFAULT);
    rt_check("udf HFSR", fault.hfsr, HFSR_FORCED);
    rt_check("udf CFSR", fault.cfsr, CFSR_UNDEFINSTR);
    rt_check("udf pc", fault.pc, (uint32_t)(uintptr_t)esc_udf_at);
    rt_check("HFSR cleared", RT_MMIO32(SCB_HFSR), 0);

    RT_MMIO32(SCB_CCR) |= CCR_DIV_0_TRP;
    fault_reset();
    uint32_t r = 0, zero = 0;
    __asm__ volatile(".global esc_div_at\nesc_div_at: sdiv %0, %1, %2" : "+r"(r) : "r"(1u), "r"(zero) : "memory");
    rt_check("div count", fault.count, 1);
    rt_check("div exc", fault.exc, EXC_HARDFAULT);
    rt_check("div HFSR", fault.hfsr, HFSR_FORCED);
    rt_check("div CFSR", fault.cfsr, CFSR_DIVBYZERO);
    rt_check("div pc", fault.pc, (uint32_t)(uintptr_t)esc_div_at);
    RT_MMIO32(SCB_CCR) &= ~CCR_DIV_0_TRP;

    fault_reset();
    __asm__ volatile(".global esc_bus_at\nesc_bus_at: ldr %0, [%1]" : "+r"(r) : "r"(0x60000100u) : "memory");
    rt_check("bus count", fault.count, 1);
    rt_check("bus exc", fault.exc, EXC_HARDFAULT);
    rt_check("bus HFSR", fault.hfsr, HFSR_FORCED);
    rt_check("bus CFSR", fault.cfsr, CFSR_PRECISERR | CFSR_BFARVALID);
    rt_check("bus BFAR", fault.bfar, 0x60000100);
    rt_check("bus pc", fault.pc, (uint32_t)(uintptr_t)esc_bus_at);

    /* Enabled again: the same UDF is a UsageFault, HFSR stays 0. */
    RT_MMIO32(SCB_SHCSR) |= SHCSR_USGFAULTENA;
    fault_reset();
    __asm__ volatile("udf #2" ::: "memory");
    rt_check("enabled exc", fault.exc, EXC_USAGEFAULT);
    rt_check("enabled HFSR", fault.hfsr, 0);
    return rt_done();
}
