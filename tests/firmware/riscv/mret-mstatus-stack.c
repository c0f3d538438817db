/* The mstatus privilege/interrupt-enable stack (privileged spec 3.1.6.1):
 * a trap copies MIE to MPIE, clears MIE and records the previous mode in
 * MPP; mret restores MIE from MPIE, sets MPIE to 1, sets MPP to the least
 * privileged mode (U) and continues at mepc. */
#include "rt.h"

static volatile uint32_t in_trap_mstatus;

static void on_trap(RtTrapFrame *f)
{
    in_trap_mstatus = f->mstatus;
    f->mepc += 4;
}

static uint32_t do_mret(uint32_t mstatus_bits)
{
    uint32_t out;
    rt_csr_clear(mstatus, (3u << 11) | (1u << 7) | 8u);
    rt_csr_set(mstatus, mstatus_bits);
    __asm__ volatile("la t0, 1f\n"
                     "csrw mepc, t0\n"
                     "mret\n"
                     "1: csrr %0, mstatus\n" : "=r"(out) :: "t0", "memory");
    return out;
}

int main(void)
{
    /* Nothing may interrupt: no source enabled in mie. */
    rt_csr_write(mie, 0);
    uint32_t s = do_mret((3u << 11) | (1u << 7));   /* MPP = M, MPIE = 1 */
    rt_check("MIE from MPIE=1", (s >> 3) & 1, 1);
    rt_check("MPIE set to 1", (s >> 7) & 1, 1);
    rt_check("MPP set to U", (s >> 11) & 3, 0);
    rt_csr_clear(mstatus, 8);
    s = do_mret(3u << 11);                          /* MPP = M, MPIE = 0 */
    rt_check("MIE from MPIE=0", (s >> 3) & 1, 0);
    rt_check("MPIE set to 1 again", (s >> 7) & 1, 1);

    /* A trap with MIE = 1 pushes it into MPIE and records MPP = M. */
    rt_set_trap_handler(on_trap);
    rt_csr_set(mstatus, 8);
    __asm__ volatile(".option push\n.option norvc\necall\n.option pop" ::: "memory");
    uint32_t after = rt_csr_read(mstatus);
    rt_csr_clear(mstatus, 8);
    rt_check("in trap: MIE cleared", (in_trap_mstatus >> 3) & 1, 0);
    rt_check("in trap: MPIE = old MIE", (in_trap_mstatus >> 7) & 1, 1);
    rt_check("in trap: MPP = M", (in_trap_mstatus >> 11) & 3, 3);
    rt_check("after mret: MIE restored", (after >> 3) & 1, 1);
    return rt_done();
}
