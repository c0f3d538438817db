@ tests/firmware/arm/smoke/random_code.S - random Thumb code (rand.bin,
@ written by random_code.py) behind a vector table whose exception
@ handlers skip the faulting halfword and return to Thread mode.
    .syntax unified
    .thumb
    .section .vectors,"a"
    .word 0x20010000
    .word 0x101
    .rept 46
    .word handler+1
    .endr
    .text
    .incbin "rand.bin"
    .balign 4
    .thumb_func
handler:                 @ skip the faulting halfword and return; reseed SP
    mrs r0, msp
    ldr r1, [r0, #24]
    adds r1, r1, #2
    str r1, [r0, #24]
    ldr r1, =0x01000000
    str r1, [r0, #28]
    mov r1, #0
    msr basepri, r1
    ldr r0, =0xfffffff9
    bx r0
