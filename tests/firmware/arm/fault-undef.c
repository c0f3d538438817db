/* UsageFault UNDEFINSTR: UDF (16- and 32-bit encodings) with
 * SHCSR.USGFAULTENA set: exception 6, CFSR = UNDEFINSTR only, stacked pc =
 * the UDF; SHCSR reads back the enable bit.  A coprocessor instruction
 * (MRC p15) on the M3 (no coprocessors): UsageFault NOCP. */
#include "faults.h"

extern char udf16_at[], udf32_at[], mrc_at[];

int main(void)
{
    fault_install();
    RT_MMIO32(SCB_SHCSR) |= SHCSR_USGFAULTENA;
    rt_check("SHCSR usgfaultena", RT_MMIO32(SCB_SHCSR) & 0x70000u, SHCSR_USGFAULTENA);

    fault_reset();
    __asm__ volatile(".global udf16_at\nudf16_at: udf #0x42" ::: "memory");
    rt_check("udf16 count", fault.count, 1);
    rt_check("udf16 exc", fault.exc, EXC_USAGEFAULT);
    rt_check("udf16 CFSR", fault.cfsr, CFSR_UNDEFINSTR);
    rt_check("udf16 pc", fault.pc, (uint32_t)(uintptr_t)udf16_at);
    rt_check("udf16 HFSR", fault.hfsr, 0);
    rt_check("CFSR cleared", RT_MMIO32(SCB_CFSR), 0);

    fault_reset();
    __asm__ volatile(".global udf32_at\nudf32_at: udf.w #0x1234" ::: "memory");
    rt_check("udf32 count", fault.count, 1);
    rt_check("udf32 exc", fault.exc, EXC_USAGEFAULT);
    rt_check("udf32 CFSR", fault.cfsr, CFSR_UNDEFINSTR);
    rt_check("udf32 pc", fault.pc, (uint32_t)(uintptr_t)udf32_at);

    fault_reset();
    uint32_t v = 0x5555;
    __asm__ volatile(".global mrc_at\nmrc_at: mrc p15, 0, %0, c0, c0, 0" : "+r"(v) :: "memory");
    rt_check("mrc p15 count", fault.count, 1);
    rt_check("mrc p15 exc", fault.exc, EXC_USAGEFAULT);
    rt_check("mrc p15 CFSR", fault.cfsr, CFSR_NOCP);
    rt_check("mrc p15 pc", fault.pc, (uint32_t)(uintptr_t)mrc_at);
    return rt_done();
}
