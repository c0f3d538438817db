/* Vectored mtvec (mode 1): an interrupt with cause n enters at base + 4n
 * (machine software interrupt: base + 12, machine timer: base + 28) while
 * synchronous exceptions (an ecall) enter at base.  Each vector records its
 * number and continues in the common trap entry of the runtime. */
#include "asmtest.h"

/* VEC(n): save t0/t1 below the trap stack, record n in vec_hit. */
#define VEC(n)                      \
vec_##n:                            \
    csrrw   sp, mscratch, sp;       \
    sw      t0, -4(sp);             \
    sw      t1, -8(sp);             \
    la      t0, vec_hit;            \
    li      t1, n;                  \
    sw      t1, 0(t0);              \
    lw      t0, -4(sp);             \
    lw      t1, -8(sp);             \
    csrrw   sp, mscratch, sp;       \
    j       rt_trap_entry

    .text
    .balign 64
vector_table:
    .option push
    .option norvc
    j       vec_0
    j       vec_bad
    j       vec_bad
    j       vec_3
    j       vec_bad
    j       vec_bad
    j       vec_bad
    j       vec_7
    j       vec_bad
    j       vec_bad
    j       vec_bad
    j       vec_11
    .option pop

    VEC(0)
    VEC(3)
    VEC(7)
    VEC(11)
    VEC(99)
vec_bad = vec_99

/* void on_trap(RtTrapFrame *f): record mcause, quiet the source. */
on_trap:
    lw      t0, RT_FRAME_MCAUSE(a0)
    la      t1, last_cause
    sw      t0, 0(t1)
    bltz    t0, 1f
    lw      t0, RT_FRAME_MEPC(a0)   /* exception: skip the ecall */
    addi    t0, t0, 4
    sw      t0, RT_FRAME_MEPC(a0)
    ret
1:  li      t1, RT_CLINT_BASE       /* clear msip */
    sw      zero, 0(t1)
    li      t1, RT_CLINT_BASE + 0x4000  /* mtimecmp = max */
    li      t2, -1
    sw      t2, 0(t1)
    sw      t2, 4(t1)
    ret

    .globl main
main:
    ASM_MAIN_ENTER
    la      a0, on_trap
    call    rt_set_trap_handler
    csrr    s0, mtvec
    la      t0, vector_table
    ori     t0, t0, 1
    csrw    mtvec, t0
    csrr    t1, mtvec
    sub     s1, t1, t0
    CHECK("mtvec mode 1 kept", s1, 0)

    /* Exception: goes to base (vector 0). */
    .option push
    .option norvc
    ecall
    .option pop
    la      t0, vec_hit
    lw      s1, 0(t0)
    CHECK("ecall vector", s1, 0)
    la      t0, last_cause
    lw      s1, 0(t0)
    CHECK("ecall mcause", s1, 11)

    /* Software interrupt: vector 3. */
    li      t0, 1 << 3
    csrs    mie, t0
    li      t0, RT_CLINT_BASE
    li      t1, 1
    sw      t1, 0(t0)
    csrsi   mstatus, 8
    li      t0, 1000
1:  addi    t0, t0, -1
    bnez    t0, 1b
    csrci   mstatus, 8
    la      t0, vec_hit
    lw      s1, 0(t0)
    CHECK("msip vector", s1, 3)
    la      t0, last_cause
    lw      s1, 0(t0)
    CHECK("msip mcause", s1, 0x80000003)
    li      t0, 1 << 3
    csrc    mie, t0

    /* Timer interrupt: vector 7 (mtimecmp = 0 is already due). */
    li      t0, RT_CLINT_BASE + 0x4000
    sw      zero, 4(t0)
    sw      zero, 0(t0)
    li      t0, 1 << 7
    csrs    mie, t0
    csrsi   mstatus, 8
    li      t0, 1000
1:  addi    t0, t0, -1
    bnez    t0, 1b
    csrci   mstatus, 8
    la      t0, vec_hit
    lw      s1, 0(t0)
    CHECK("timer vector", s1, 7)
    la      t0, last_cause
    lw      s1, 0(t0)
    CHECK("timer mcause", s1, 0x80000007)
    li      t0, 1 << 7
    csrc    mie, t0

    csrw    mtvec, s0
    ASM_MAIN_LEAVE

    .data
    .balign 4
vec_hit:    .word 0xffffffff
last_cause: .word 0xffffffff
