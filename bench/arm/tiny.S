/* The smallest Cortex-M firmware: a two-entry vector table whose reset
 * handler exits with status 0 through semihosting SYS_EXIT
 * (ADP_Stopped_ApplicationExit) as its first act.  bench/run.py times it
 * to measure an emulator's start-up and shutdown cost. */
    .syntax unified
    .thumb
    .section .vectors, "a"
    .word   __stack_top
    .word   rt_reset

    .section .text.start, "ax"
    .global rt_reset
    .type   rt_reset, %function
    .thumb_func
rt_reset:
    movs    r0, #0x18
    ldr     r1, =0x20026
    bkpt    0xab
1:  b       1b
    .ltorg
