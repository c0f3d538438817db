/* Reset code and trap entry for the freestanding firmware tests.
 *
 * QEMU virt (-bios none) jumps here from its reset stub at 0x1000 with
 * a0 = hartid and a1 = device tree address; we ignore both.  The section is
 * named .text.start (not .text.init: with -ffunction-sections that name
 * collides with a C function called init, DESIGN.md §10). */
#include "rt_asm.h"

    .section .text.start, "ax"
    .globl _start
_start:
    .option push
    .option norelax
    la      gp, __global_pointer$
    .option pop
    la      sp, __stack_top
    /* Trap stack: the trap entry swaps sp with mscratch. */
    la      t0, __trap_stack_top
    csrw    mscratch, t0
    la      t0, rt_trap_entry
    csrw    mtvec, t0
    /* Clear .bss. */
    la      t0, __bss_start
    la      t1, __bss_end
1:  bgeu    t0, t1, 2f
    sw      zero, 0(t0)
    addi    t0, t0, 4
    j       1b
2:  call    main
    /* main returned: report and leave through the finisher. */
    call    rt_finish
3:  j       3b

/* Trap entry: direct mode.  Saves all registers into an RtTrapFrame on the
 * trap stack (mscratch), calls rt_trap_dispatch(frame), then restores the
 * (possibly modified) registers and mepc and returns with mret.  A test can
 * install a handler with rt_set_trap_handler().  Not reentrant. */
    .section .text.trap, "ax"
    .globl rt_trap_entry
    .align 2
rt_trap_entry:
    csrrw   sp, mscratch, sp            /* sp = trap stack, mscratch = old sp */
    addi    sp, sp, -RT_FRAME_SIZE
    sw      x1, 1*4(sp)
    sw      x3, 3*4(sp)
    sw      x4, 4*4(sp)
    sw      x5, 5*4(sp)
    sw      x6, 6*4(sp)
    sw      x7, 7*4(sp)
    sw      x8, 8*4(sp)
    sw      x9, 9*4(sp)
    sw      x10, 10*4(sp)
    sw      x11, 11*4(sp)
    sw      x12, 12*4(sp)
    sw      x13, 13*4(sp)
    sw      x14, 14*4(sp)
    sw      x15, 15*4(sp)
    sw      x16, 16*4(sp)
    sw      x17, 17*4(sp)
    sw      x18, 18*4(sp)
    sw      x19, 19*4(sp)
    sw      x20, 20*4(sp)
    sw      x21, 21*4(sp)
    sw      x22, 22*4(sp)
    sw      x23, 23*4(sp)
    sw      x24, 24*4(sp)
    sw      x25, 25*4(sp)
    sw      x26, 26*4(sp)
    sw      x27, 27*4(sp)
    sw      x28, 28*4(sp)
    sw      x29, 29*4(sp)
    sw      x30, 30*4(sp)
    sw      x31, 31*4(sp)
    csrr    t0, mscratch
    sw      t0, 2*4(sp)                 /* the interrupted sp */
    sw      zero, 0(sp)
    csrr    t0, mcause
    sw      t0, RT_FRAME_MCAUSE(sp)
    csrr    t0, mepc
    sw      t0, RT_FRAME_MEPC(sp)
    csrr    t0, mtval
    sw      t0, RT_FRAME_MTVAL(sp)
    csrr    t0, mstatus
    sw      t0, RT_FRAME_MSTATUS(sp)
    .option push
    .option norelax
    la      gp, __global_pointer$       /* the interrupted code may not have it */
    .option pop
    mv      a0, sp
    call    rt_trap_dispatch
    lw      t0, RT_FRAME_MEPC(sp)
    csrw    mepc, t0
    lw      t0, RT_FRAME_MSTATUS(sp)
    csrw    mstatus, t0
    addi    t0, sp, RT_FRAME_SIZE
    csrw    mscratch, t0                /* trap stack top again */
    lw      x1, 1*4(sp)
    lw      x3, 3*4(sp)
    lw      x4, 4*4(sp)
    lw      x5, 5*4(sp)
    lw      x6, 6*4(sp)
    lw      x7, 7*4(sp)
    lw      x8, 8*4(sp)
    lw      x9, 9*4(sp)
    lw      x10, 10*4(sp)
    lw      x11, 11*4(sp)
    lw      x12, 12*4(sp)
    lw      x13, 13*4(sp)
    lw      x14, 14*4(sp)
    lw      x15, 15*4(sp)
    lw      x16, 16*4(sp)
    lw      x17, 17*4(sp)
    lw      x18, 18*4(sp)
    lw      x19, 19*4(sp)
    lw      x20, 20*4(sp)
    lw      x21, 21*4(sp)
    lw      x22, 22*4(sp)
    lw      x23, 23*4(sp)
    lw      x24, 24*4(sp)
    lw      x25, 25*4(sp)
    lw      x26, 26*4(sp)
    lw      x27, 27*4(sp)
    lw      x28, 28*4(sp)
    lw      x29, 29*4(sp)
    lw      x30, 30*4(sp)
    lw      x31, 31*4(sp)
    lw      sp, 2*4(sp)
    mret
