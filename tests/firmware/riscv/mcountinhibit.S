/* mcountinhibit (privileged spec 3.1.13): with IR (bit 2) set, minstret
 * keeps its value while instructions execute, and a value written to it is
 * kept exactly; with IR clear it counts again.  Only relative facts are
 * checked: QEMU 7.2 derives the counters from the host clock, so absolute
 * values differ between emulators. */
#include "asmtest.h"

    .text
    .globl main
main:
    ASM_MAIN_ENTER
    li      t0, 4
    csrw    mcountinhibit, t0
    csrr    s0, minstret
    nop
    nop
    nop
    csrr    s1, minstret
    sub     s2, s1, s0
    CHECK("minstret stopped while inhibited", s2, 0)
    csrr    s2, mcountinhibit
    CHECK("mcountinhibit reads back IR", s2, 4)
    li      t1, 1000
    csrw    minstret, t1
    nop
    csrr    s2, minstret
    CHECK("minstret keeps a written value while stopped", s2, 1000)
    csrw    mcountinhibit, zero
    csrr    s0, minstret
    nop
    nop
    csrr    s1, minstret
    sltu    s2, s0, s1
    CHECK("minstret counts again once IR is clear", s2, 1)
    ASM_MAIN_LEAVE
