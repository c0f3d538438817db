/* UsageFault INVSTATE: BLX/BX to an even address clears EPSR.T; the next
 * instruction raises a UsageFault with CFSR.INVSTATE, the stacked pc is the
 * (even) target and the stacked xPSR has T = 0 (ARMv7-M ARM B1.4.2,
 * A2.3.1).  The handler returns to the caller (stacked lr) in Thumb state. */
#include "faults.h"

static uint32_t __attribute__((noinline)) target(void)
{
    return 0x1234;
}

int main(void)
{
    fault_install();
    RT_MMIO32(SCB_SHCSR) |= SHCSR_USGFAULTENA;
    uint32_t even = (uint32_t)(uintptr_t)target & ~1u;

    fault_reset();
    fault_return_to_lr = 1;
    uint32_t r0 = 7;
    __asm__ volatile("mov r0, %1\n\tblx %2\n\tmov %0, r0" : "=r"(r0) : "r"(r0), "r"(even)
                     : "r0", "r1", "r2", "r3", "r12", "lr", "memory");
    rt_check("blx even count", fault.count, 1);
    rt_check("blx even exc", fault.exc, EXC_USAGEFAULT);
    rt_check("blx even CFSR", fault.cfsr, CFSR_INVSTATE);
    rt_check("blx even stacked pc", fault.pc, even);
    rt_check("blx even stacked T", (fault.xpsr >> 24) & 1, 0);
    rt_check("r0 untouched", r0, 7);

    /* The same through BX with a handcrafted return address. */
    fault_reset();
    fault_return_to_lr = 1;
    __asm__ volatile("adr lr, 1f + 1\n\tbx %0\n\t.align 2\n1:" :: "r"(even)
                     : "r0", "r1", "r2", "r3", "r12", "lr", "memory");
    rt_check("bx even count", fault.count, 1);
    rt_check("bx even CFSR", fault.cfsr, CFSR_INVSTATE);
    rt_check("bx even stacked pc", fault.pc, even);

    /* The proper call still works. */
    rt_check("call with bit0", ((uint32_t (*)(void))((uintptr_t)target))(), 0x1234);
    return rt_done();
}
