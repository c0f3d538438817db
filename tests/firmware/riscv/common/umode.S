/* rt_run_user(fn, arg, user_sp): runs fn(arg) in U mode on user_sp and
 * returns its result in M mode.  When fn returns, it lands on
 * rt_user_return, which makes the RT_ECALL_EXIT_USER ecall; the trap
 * dispatcher (rt.c) then resumes at rt_user_back in M mode. */
#include "rt_asm.h"

    .text
    .globl rt_run_user
    .align 2
rt_run_user:
    addi    sp, sp, -64
    sw      ra, 60(sp)
    sw      s0, 56(sp)
    sw      s1, 52(sp)
    sw      s2, 48(sp)
    sw      s3, 44(sp)
    sw      s4, 40(sp)
    sw      s5, 36(sp)
    sw      s6, 32(sp)
    sw      s7, 28(sp)
    sw      s8, 24(sp)
    sw      s9, 20(sp)
    sw      s10, 16(sp)
    sw      s11, 12(sp)
    sw      gp, 8(sp)
    sw      tp, 4(sp)
    la      t0, rt_user_saved_sp
    sw      sp, 0(t0)
    csrw    mepc, a0
    mv      a0, a1
    mv      sp, a2
    li      t0, 3 << 11
    csrc    mstatus, t0                 /* MPP = U */
    la      ra, rt_user_return
    mret

    .globl rt_user_return
    .align 2
rt_user_return:
    li      a7, RT_ECALL_EXIT_USER
    ecall
1:  j       1b

    .globl rt_user_back
    .align 2
rt_user_back:
    la      t0, rt_user_saved_sp
    lw      sp, 0(t0)
    lw      ra, 60(sp)
    lw      s0, 56(sp)
    lw      s1, 52(sp)
    lw      s2, 48(sp)
    lw      s3, 44(sp)
    lw      s4, 40(sp)
    lw      s5, 36(sp)
    lw      s6, 32(sp)
    lw      s7, 28(sp)
    lw      s8, 24(sp)
    lw      s9, 20(sp)
    lw      s10, 16(sp)
    lw      s11, 12(sp)
    lw      gp, 8(sp)
    lw      tp, 4(sp)
    addi    sp, sp, 64
    ret

    .bss
    .align 2
rt_user_saved_sp:
    .space 4
