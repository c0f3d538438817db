/* Helpers for tests that provoke synchronous traps: a handler that records
 * mcause/mepc/mtval and resumes after the faulting instruction, and a
 * macro that runs one instruction and reports what it raised. */
#ifndef TRAPTEST_H
#define TRAPTEST_H

#include "rt.h"

static volatile uint32_t tt_count, tt_cause, tt_epc, tt_tval, tt_mpp;

static __attribute__((unused)) void tt_skip_handler(RtTrapFrame *f)
{
    tt_count++;
    tt_cause = f->mcause;
    tt_epc = f->mepc;
    tt_tval = f->mtval;
    tt_mpp = (f->mstatus >> 11) & 3;
    f->mepc += rt_insn_len(f->mepc);
}

static inline void tt_reset(void)
{
    tt_count = 0;
    tt_cause = tt_epc = tt_tval = 0xffffffffu;
}

/* Runs the instruction text INSN (one instruction) at a known address and
 * checks that it trapped once with cause CAUSE, mepc = its address and
 * mtval as given (TVAL_AT_PC: mtval = its address). */
#define TT_AT_PC 0xfffffffeu
#define TT_EXPECT(name, insn, cause, tval) do {                              \
        uint32_t at_;                                                        \
        tt_reset();                                                          \
        __asm__ volatile("la %0, 1f\n1: " insn "\n" : "=&r"(at_) :: "memory"); \
        rt_puts(name); rt_nl();                                              \
        rt_check("  traps", tt_count, 1);                                    \
        rt_check("  mcause", tt_cause, (cause));                             \
        rt_check("  mepc", tt_epc, at_);                                     \
        rt_check("  mtval", tt_tval, (tval) == TT_AT_PC ? at_ : (tval));     \
    } while (0)

#endif
