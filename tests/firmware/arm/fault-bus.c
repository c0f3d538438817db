/* BusFault: a load from an unmapped address (0x60000000, 0xa0000000:
 * nothing is mapped there on mps2-an385) with SHCSR.BUSFAULTENA set gives
 * exception 5, CFSR = PRECISERR | BFARVALID, BFAR = the address, stacked
 * pc = the load.  An instruction fetch from an unmapped address gives
 * IBUSERR (BFAR not valid), stacked pc = the target.
 * Only loads are used: on real hardware a store to the (bufferable)
 * external RAM/device regions may be reported as an IMPRECISERR, which
 * QEMU does not model; loads are precise on both. */
#include "faults.h"

extern char bus_ld1_at[], bus_ld2_at[];

int main(void)
{
    fault_install();
    RT_MMIO32(SCB_SHCSR) |= SHCSR_BUSFAULTENA;
    rt_check("SHCSR busfaultena", RT_MMIO32(SCB_SHCSR) & 0x70000u, SHCSR_BUSFAULTENA);
    uint32_t v = 0x99;

    fault_reset();
    __asm__ volatile(".global bus_ld1_at\nbus_ld1_at: ldr %0, [%1]" : "+r"(v) : "r"(0x60000000u) : "memory");
    rt_check("ld 0x60000000 count", fault.count, 1);
    rt_check("ld exc", fault.exc, EXC_BUSFAULT);
    rt_check("ld CFSR", fault.cfsr, CFSR_PRECISERR | CFSR_BFARVALID);
    rt_check("ld BFAR", fault.bfar, 0x60000000);
    rt_check("ld pc", fault.pc, (uint32_t)(uintptr_t)bus_ld1_at);
    rt_check("ld HFSR", fault.hfsr, 0);
    rt_check("CFSR cleared", RT_MMIO32(SCB_CFSR), 0);

    fault_reset();
    __asm__ volatile(".global bus_ld2_at\nbus_ld2_at: ldrh %0, [%1, #0x10]" : "+r"(v) : "r"(0xa0000000u) : "memory");
    rt_check("ldrh 0xa0000010 count", fault.count, 1);
    rt_check("ldrh CFSR", fault.cfsr, CFSR_PRECISERR | CFSR_BFARVALID);
    rt_check("ldrh BFAR", fault.bfar, 0xa0000010);
    rt_check("ldrh pc", fault.pc, (uint32_t)(uintptr_t)bus_ld2_at);

    fault_reset();
    fault_return_to_lr = 1;
    __asm__ volatile("blx %0" :: "r"(0x60000001u) : "r0", "r1", "r2", "r3", "r12", "lr", "memory");
    rt_check("fetch count", fault.count, 1);
    rt_check("fetch exc", fault.exc, EXC_BUSFAULT);
    rt_check("fetch CFSR", fault.cfsr, CFSR_IBUSERR);
    rt_check("fetch pc", fault.pc, 0x60000000);
    return rt_done();
}
