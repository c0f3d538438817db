/* Dropping to U mode with mret (MPP = U) and coming back: ecall from U
 * raises mcause 8 (not 11) with MPP = U in mstatus; U code runs with its
 * own stack; the U-mode function's result comes back to M mode. */
#include "traptest.h"

static volatile uint32_t seen_cause[4], seen_mpp[4], seen_a0[4];
static volatile uint32_t nseen;

static void on_trap(RtTrapFrame *f)
{
    if (nseen < 4) {
        seen_cause[nseen] = f->mcause;
        seen_mpp[nseen] = (f->mstatus >> 11) & 3;
        seen_a0[nseen] = f->x[10];
        nseen++;
    }
    f->x[10] += 1000;                   /* the "system call" result */
    f->mepc += 4;
}

static uint32_t user_fn(uint32_t arg)
{
    register uint32_t a0 __asm__("a0") = arg;
    register uint32_t a7 __asm__("a7") = 1;
    __asm__ volatile("ecall" : "+r"(a0) : "r"(a7) : "memory");
    uint32_t first = a0;
    a0 = first * 2;
    __asm__ volatile("ecall" : "+r"(a0) : "r"(a7) : "memory");
    return a0 + 1;
}

int main(void)
{
    rt_pmp_allow_all();
    rt_set_trap_handler(on_trap);
    uint32_t r = rt_run_user(user_fn, 5, rt_user_stack_top());
    rt_check("result", r, 2 * (5 + 1000) + 1000 + 1);
    rt_check("ecalls seen", nseen, 2);
    rt_check("mcause 1 (ecall from U)", seen_cause[0], 8);
    rt_check("MPP 1 = U", seen_mpp[0], 0);
    rt_check("a0 1", seen_a0[0], 5);
    rt_check("mcause 2", seen_cause[1], 8);
    rt_check("a0 2", seen_a0[1], 2010);
    /* Back in M mode: M-only CSRs work. */
    rt_check("M mode again (mscratch access)", rt_csr_read(mhartid), 0);
    /* An ecall from M mode now reports 11. */
    rt_set_trap_handler(tt_skip_handler);
    TT_EXPECT("ecall from M", "ecall", 11, 0);
    /* A second trip to U mode works the same way. */
    rt_set_trap_handler(on_trap);
    r = rt_run_user(user_fn, 1, rt_user_stack_top());
    rt_check("second run result", r, 2 * 1001 + 1000 + 1);
    return rt_done();
}
