/* The smallest firmware: exits with status 0 through the SiFive test
 * finisher as its first act.  bench/run.py times it to measure an
 * emulator's start-up and shutdown cost. */
    .section .text.start, "ax"
    .globl _start
_start:
    li      t0, 0x100000
    li      t1, 0x5555
    sw      t1, 0(t0)
1:  j       1b
