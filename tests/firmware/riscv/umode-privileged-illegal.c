/* In U mode, M-level CSRs and privileged instructions are illegal
 * (mcause 2, mtval = the instruction bits, MPP = U): csrr mstatus,
 * csrw mscratch, csrr mhartid, mret; the counters (cycle/time/instret)
 * are illegal while mcounteren is 0.  (Enabling them is not tested: QEMU's
 * cpu has S mode, so U also needs scounteren, a CSR an M+U core lacks.) */
#include "traptest.h"

static volatile uint32_t step;
static volatile uint32_t cause[16], tval[16], mpp[16];

static void on_trap(RtTrapFrame *f)
{
    if (step < 16) {
        cause[step] = f->mcause;
        tval[step] = f->mtval;
        mpp[step] = (f->mstatus >> 11) & 3;
    }
    step++;
    f->mepc += 4;
}

static uint32_t user_fn(uint32_t arg)
{
    uint32_t v = 0;
    (void)arg;
    __asm__ volatile(".option push\n.option norvc\n"
                     "csrr %0, mstatus\n"
                     "csrw mscratch, %0\n"
                     "csrr %0, mhartid\n"
                     "mret\n"
                     "csrr %0, cycle\n"
                     "csrr %0, instret\n"
                     "csrr %0, time\n"
                     ".option pop\n" : "+r"(v) :: "memory");
    return step;
}

int main(void)
{
    static const char *const names[] = {
        "csrr mstatus", "csrw mscratch", "csrr mhartid", "mret",
        "csrr cycle (mcounteren=0)", "csrr instret (mcounteren=0)",
        "csrr time (mcounteren=0)",
    };
    rt_pmp_allow_all();
    rt_set_trap_handler(on_trap);
    rt_csr_write(mcounteren, 0);
    uint32_t n = rt_run_user(user_fn, 0, rt_user_stack_top());
    rt_check("traps in U", n, 7);
    for (uint32_t i = 0; i < 7; i++) {
        rt_puts(names[i]);
        rt_nl();
        rt_check("  mcause", cause[i], 2);
        rt_print_val("  mtval", tval[i]);
        rt_check("  MPP=U", mpp[i], 0);
    }
    return rt_done();
}
