/* Jumps to an address no memory region covers, with mtvec pointing there
 * too: the fetch fault cannot be handled, so the emulator must stop with
 * a clear message (exit status 122), not loop forever. */
    .section .text.start, "ax"
    .globl _start
_start:
    li t0, 0x40000000
    csrw mtvec, t0
    jr t0
