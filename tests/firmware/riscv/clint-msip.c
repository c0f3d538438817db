/* Machine software interrupt: writing 1 to the CLINT msip register sets
 * mip.MSIP; with mie.MSIE and mstatus.MIE the interrupt is taken with
 * mcause 0x80000003; clearing msip in the handler clears mip.MSIP.  Only
 * bit 0 of msip is writable. */
#include "rt.h"

static volatile uint32_t taken, cause;

static void on_trap(RtTrapFrame *f)
{
    taken++;
    cause = f->mcause;
    RT_MMIO32(RT_CLINT_MSIP) = 0;
}

int main(void)
{
    rt_set_trap_handler(on_trap);
    rt_check("msip reset value", RT_MMIO32(RT_CLINT_MSIP), 0);
    rt_check("mip.MSIP clear", (rt_csr_read(mip) >> 3) & 1, 0);
    RT_MMIO32(RT_CLINT_MSIP) = 0xffffffff;
    rt_check("msip only bit 0", RT_MMIO32(RT_CLINT_MSIP), 1);
    rt_check("mip.MSIP set", (rt_csr_read(mip) >> 3) & 1, 1);
    rt_csr_set(mie, 1u << 3);
    rt_check("not taken while mstatus.MIE = 0", taken, 0);
    rt_csr_set(mstatus, 8);
    for (volatile int i = 0; i < 100 && !taken; i++)
        ;
    rt_csr_clear(mstatus, 8);
    rt_check("taken", taken, 1);
    rt_check("mcause", cause, 0x80000003);
    rt_check("mip.MSIP clear after handler", (rt_csr_read(mip) >> 3) & 1, 0);
    /* Raise it again from the main flow three times. */
    rt_csr_set(mstatus, 8);
    for (int k = 0; k < 3; k++) {
        RT_MMIO32(RT_CLINT_MSIP) = 1;
        for (volatile int i = 0; i < 100 && taken == (uint32_t)(k + 1); i++)
            ;
    }
    rt_csr_clear(mstatus, 8);
    rt_check("taken total", taken, 4);
    rt_csr_clear(mie, 1u << 3);
    /* Pending but masked by mie: mip shows it, nothing is taken. */
    RT_MMIO32(RT_CLINT_MSIP) = 1;
    rt_csr_set(mstatus, 8);
    for (volatile int i = 0; i < 100; i++)
        ;
    rt_csr_clear(mstatus, 8);
    rt_check("masked by mie: not taken", taken, 4);
    rt_check("masked by mie: pending", (rt_csr_read(mip) >> 3) & 1, 1);
    RT_MMIO32(RT_CLINT_MSIP) = 0;
    return rt_done();
}
