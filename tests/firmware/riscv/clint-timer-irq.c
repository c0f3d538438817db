/* Machine timer interrupts from the CLINT: mip.MTIP follows mtime >=
 * mtimecmp, nothing is taken while mstatus.MIE = 0, then with MTIE and MIE
 * the handler runs with mcause 0x80000007, MPIE = 1, MIE = 0; it reprograms
 * mtimecmp for 10 interrupts and then stops them.  Counts are printed, never
 * times, so the output does not depend on speed. */
#include "rt.h"

static volatile uint32_t ticks, bad_cause, mpie_ok, mie_in_handler;

static void on_trap(RtTrapFrame *f)
{
    if (f->mcause != 0x80000007u) {
        bad_cause = f->mcause;
        rt_set_mtimecmp(~0ull);
        return;
    }
    if ((f->mstatus >> 7) & 1)
        mpie_ok++;
    if (rt_csr_read(mstatus) & 8)
        mie_in_handler++;
    ticks++;
    if (ticks < 10)
        rt_set_mtimecmp(rt_mtime() + 500);
    else
        rt_set_mtimecmp(~0ull);         /* no more */
}

int main(void)
{
    rt_set_trap_handler(on_trap);
    rt_set_mtimecmp(~0ull);
    rt_check("MTIP clear with mtimecmp = max", (rt_csr_read(mip) >> 7) & 1, 0);
    rt_set_mtimecmp(0);
    rt_check("MTIP set with mtimecmp = 0", (rt_csr_read(mip) >> 7) & 1, 1);
    rt_csr_set(mie, 1u << 7);
    for (volatile int i = 0; i < 1000; i++)
        ;
    rt_check("not taken while mstatus.MIE = 0", ticks, 0);
    rt_set_mtimecmp(rt_mtime() + 500);
    rt_csr_set(mstatus, 8);
    uint32_t spins = 0;
    while (ticks < 10 && spins < 50000000u)
        spins++;
    rt_csr_clear(mstatus, 8);
    rt_check("interrupts taken", ticks, 10);
    rt_check("unexpected causes", bad_cause, 0);
    rt_check("MPIE = 1 in every handler", mpie_ok, 10);
    rt_check("MIE = 0 inside the handler", mie_in_handler, 0);
    rt_check("MIE restored by mret (we cleared it after)", rt_csr_read(mstatus) & 8, 0);
    rt_check("MTIP clear after stop", (rt_csr_read(mip) >> 7) & 1, 0);
    /* mtime keeps counting. */
    uint64_t t0 = rt_mtime();
    for (volatile int i = 0; i < 20000; i++)
        ;
    rt_check("mtime advances", rt_mtime() > t0, 1);
    rt_csr_clear(mie, 1u << 7);
    return rt_done();
}
