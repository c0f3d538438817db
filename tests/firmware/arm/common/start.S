/* Vector table, reset code and the common exception entry for the
 * Cortex-M3 firmware tests (QEMU mps2-an385).
 *
 * Every vector but reset is a weak symbol (NMI_Handler, HardFault_Handler,
 * ..., SysTick_Handler, IRQ0_Handler .. IRQ31_Handler) that defaults to
 * rt_exc_entry: it finds the stacked frame (MSP or PSP from EXC_RETURN
 * bit 2) and calls rt_exc_dispatch(frame, IPSR, EXC_RETURN), which runs the
 * handler installed with rt_set_handler() or the default one.  A test may
 * also define a vector symbol itself (e.g. a naked PendSV_Handler).
 * Built with -DRT_NEWLIB, rt_reset enters newlib's _start (rdimon crt0)
 * instead of main. */
    .syntax unified
    .thumb

    .section .vectors, "a"
    .align  2
    .global rt_vectors
rt_vectors:
    .word   __stack_top
    .word   rt_reset
    .word   NMI_Handler
    .word   HardFault_Handler
    .word   MemManage_Handler
    .word   BusFault_Handler
    .word   UsageFault_Handler
    .word   0, 0, 0, 0
    .word   SVC_Handler
    .word   DebugMon_Handler
    .word   0
    .word   PendSV_Handler
    .word   SysTick_Handler
    .irp    n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    .word   IRQ\n\()_Handler
    .endr
    .global rt_vectors_end
rt_vectors_end:

    .irp    h, NMI_Handler, HardFault_Handler, MemManage_Handler, BusFault_Handler, UsageFault_Handler, SVC_Handler, DebugMon_Handler, PendSV_Handler, SysTick_Handler
    .weak   \h
    .thumb_set \h, rt_exc_entry
    .endr
    .irp    n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    .weak   IRQ\n\()_Handler
    .thumb_set IRQ\n\()_Handler, rt_exc_entry
    .endr

    .section .text.start, "ax"
    .global rt_reset
    .type   rt_reset, %function
    .thumb_func
rt_reset:
#ifdef RT_FPU
    /* Cortex-M4F programs (-DRT_FPU): full access to cp10/cp11 (CPACR,
     * ARMv7-M ARM B3.2.20) before any floating-point instruction */
    ldr     r0, =0xe000ed88
    ldr     r1, [r0]
    orr     r1, r1, #(0xf << 20)
    str     r1, [r0]
    dsb
    isb
#endif
    ldr     r0, =__data_load
    ldr     r1, =__data_start
    ldr     r2, =__data_end
1:  cmp     r1, r2
    bhs     2f
    ldr     r3, [r0], #4
    str     r3, [r1], #4
    b       1b
2:  ldr     r1, =__bss_start
    ldr     r2, =__bss_end
    movs    r3, #0
3:  cmp     r1, r2
    bhs     4f
    str     r3, [r1], #4
    b       3b
#ifdef RT_NEWLIB
    /* newlib programs: its crt0 sets up the heap, runs constructors,
     * calls main and exits through semihosting. */
4:  bl      _start
#else
4:  bl      main
    bl      rt_finish
#endif
5:  b       5b
    .size   rt_reset, . - rt_reset

    .global rt_exc_entry
    .type   rt_exc_entry, %function
    .thumb_func
rt_exc_entry:
    tst     lr, #4
    ite     eq
    mrseq   r0, msp
    mrsne   r0, psp
    mrs     r1, ipsr
    mov     r2, lr
    push    {r2, lr}
    bl      rt_exc_dispatch
    pop     {r2, pc}
    .size   rt_exc_entry, . - rt_exc_entry

/* uint32_t rt_semihost(uint32_t op, uint32_t arg) */
    .text
    .global rt_semihost
    .type   rt_semihost, %function
    .thumb_func
rt_semihost:
    bkpt    0xab
    bx      lr
    .size   rt_semihost, . - rt_semihost
