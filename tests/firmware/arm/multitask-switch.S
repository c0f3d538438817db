/* PendSV context switch for multitask.c: saves r4-r11 of the outgoing
 * context (a PSP thread: on its process stack; thread-mode main on MSP: in
 * mt_main_regs), asks mt_switch() for the next process stack pointer
 * (0 = go back to main) and returns into it. */
    .syntax unified
    .thumb
    .text
    .global PendSV_Handler
    .type   PendSV_Handler, %function
    .thumb_func
PendSV_Handler:
    tst     lr, #4
    bne     1f
    ldr     r0, =mt_main_regs
    stmia   r0, {r4-r11}
    movs    r0, #0
    b       2f
1:  mrs     r0, psp
    stmdb   r0!, {r4-r11}
2:  bl      mt_switch
    cbz     r0, 3f
    ldmia   r0!, {r4-r11}
    msr     psp, r0
    ldr     r0, =0xfffffffd
    bx      r0
3:  ldr     r0, =mt_main_regs
    ldmia   r0, {r4-r11}
    ldr     r0, =0xfffffff9
    bx      r0
    .size   PendSV_Handler, . - PendSV_Handler
    .ltorg
