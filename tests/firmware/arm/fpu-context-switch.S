/* PendSV context switch for fpu-context.c, in the manner of FreeRTOS's
 * ARM_CM4F port: the outgoing context's s16-s31 are saved only when its
 * EXC_RETURN bit 4 is 0 (an extended frame: the context used the FPU),
 * then r4-r11 and EXC_RETURN; fc_switch() returns where the incoming
 * context's save area starts.  Main runs on the MSP and saves into
 * fc_main_ctx; threads on their process stacks (PSP). */
    .syntax unified
    .thumb
    .text
    .global PendSV_Handler
    .type   PendSV_Handler, %function
    .thumb_func
PendSV_Handler:
    tst     lr, #4
    bne     1f
    ldr     r0, =fc_main_ctx + 100          /* main: top of its area */
    b       2f
1:  mrs     r0, psp
    isb
2:  tst     lr, #0x10
    it      eq
    vstmdbeq r0!, {s16-s31}
    stmdb   r0!, {r4-r11, lr}
    bl      fc_switch
    ldmia   r0!, {r4-r11, lr}
    tst     lr, #0x10
    it      eq
    vldmiaeq r0!, {s16-s31}
    tst     lr, #4
    it      ne
    msrne   psp, r0
    isb
    bx      lr
    .size   PendSV_Handler, . - PendSV_Handler
    .ltorg
