/* wfi waits for an enabled interrupt: with mie.MTIE set and mstatus.MIE
 * clear, wfi returns once the timer fires (no trap taken, mip.MTIP set);
 * with MIE set the handler runs and execution continues after the wfi. */
#include "rt.h"

static volatile uint32_t taken;

static void on_trap(RtTrapFrame *f)
{
    if (f->mcause == 0x80000007u)
        taken++;
    rt_set_mtimecmp(~0ull);
}

int main(void)
{
    rt_set_trap_handler(on_trap);
    rt_set_mtimecmp(~0ull);
    rt_csr_set(mie, 1u << 7);
    for (int round = 0; round < 3; round++) {
        rt_set_mtimecmp(rt_mtime() + 10000);
        uint32_t loops = 0;
        while (!((rt_csr_read(mip) >> 7) & 1) && loops < 100000000u) {
            __asm__ volatile("wfi");
            loops++;
        }
        rt_check("woke with MTIP pending", (rt_csr_read(mip) >> 7) & 1, 1);
        rt_check("no trap with MIE = 0", taken, 0);
        rt_set_mtimecmp(~0ull);
    }
    /* With MIE = 1 the interrupt is taken; wfi then falls through. */
    rt_set_mtimecmp(rt_mtime() + 10000);
    rt_csr_set(mstatus, 8);
    while (!taken)
        __asm__ volatile("wfi");
    rt_csr_clear(mstatus, 8);
    rt_check("taken after wfi", taken, 1);
    rt_csr_clear(mie, 1u << 7);
    return rt_done();
}
