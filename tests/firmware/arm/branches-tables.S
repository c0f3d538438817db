/* Control flow: TBB/TBH jump tables (every entry), CBZ/CBNZ taken and not
 * taken, BL/BLX register/BX LR calls, function pointers with bit 0 set
 * (interworking to Thumb), MOV PC and LDR PC loads, POP {PC}, a recursive
 * call chain through BL. */
#include "asmtest.h"

ASM_MAIN_ENTER
    /* TBB: case i -> r6 = 10 * (i + 1); i = 0..3, and i = 4 past the end
     * of our bounds check. */
    movs    r4, #0
    movs    r8, #0
1:  mov     r0, r4
    bl      tbb_switch
    add     r8, r8, r0
    lsl     r8, r8, #1
    adds    r4, #1
    cmp     r4, #5
    blo     1b
    CHECK("tbb results", r8, ((((10*2+20)*2+30)*2+40)*2+99)*2)
    movs    r4, #0
    movs    r8, #0
1:  mov     r0, r4
    bl      tbh_switch
    add     r8, r8, r0
    lsl     r8, r8, #2
    adds    r4, #1
    cmp     r4, #3
    blo     1b
    CHECK("tbh results", r8, ((0x111*4+0x222)*4+0x333)*4)
    POOL

    /* CBZ/CBNZ. */
    movs    r4, #0
    movs    r6, #0
    cbz     r4, 2f
    movs    r6, #1
2:  CHECK("cbz taken", r6, 0)
    movs    r4, #5
    cbz     r4, 2f
    movs    r6, #2
2:  CHECK("cbz not taken", r6, 2)
    cbnz    r4, 2f
    movs    r6, #3
2:  CHECK("cbnz taken", r6, 2)
    movs    r4, #0
    cbnz    r4, 2f
    movs    r6, #4
2:  CHECK("cbnz not taken", r6, 4)
    /* CBZ loop counting down. */
    movs    r4, #7
    movs    r6, #0
3:  cbz     r4, 4f
    adds    r6, r6, r4
    subs    r4, #1
    b       3b
4:  CHECK("cbz loop sum", r6, 28)
    POOL

    /* BLX register with a function pointer (bit 0 set). */
    ldr     r5, =add_five
    movs    r0, #10
    blx     r5
    CHECK("blx reg", r0, 15)
    lsl     r6, r5, #31
    CHECK("fnptr bit0", r6, 0x80000000)
    /* BL and the LR it leaves (bit 0 set, points after the BL). */
    bl      get_lr
5:  adr.w   r6, 5b
    orr     r6, r6, #1
    sub     r6, r0, r6
    CHECK("bl lr = next insn | 1", r6, 0)
    /* MOV PC / LDR PC. */
    movs    r6, #0
    adr     r5, 6f
    mov     pc, r5
    movs    r6, #1
    .align  2
6:  CHECK("mov pc", r6, 0)
    ldr     r5, =7f + 1
    push    {r5}
    ldr     pc, [sp], #4
    movs    r6, #2
7:  CHECK("ldr pc post-index", r6, 0)
    /* Recursion: factorial(10) through BL. */
    movs    r0, #10
    bl      fact
    CHECK("fact 10", r0, 3628800)
    /* Table of function pointers. */
    ldr     r4, =fn_table
    movs    r8, #0
    movs    r9, #0
8:  ldr     r5, [r4, r9, lsl #2]
    mov     r0, r8
    blx     r5
    mov     r8, r0
    add     r9, r9, #1
    cmp     r9, #3
    bne     8b
    CHECK("fn table chain", r8, ((0 + 5) * 2) - 1)
ASM_MAIN_LEAVE

    .type   tbb_switch, %function
    .thumb_func
tbb_switch:
    cmp     r0, #4
    bhs     .Ldefault
    tbb     [pc, r0]
.Ltbb:
    .byte   (.Lc0 - .Ltbb) / 2
    .byte   (.Lc1 - .Ltbb) / 2
    .byte   (.Lc2 - .Ltbb) / 2
    .byte   (.Lc3 - .Ltbb) / 2
    .align  1
.Lc0:
    movs    r0, #10
    bx      lr
.Lc1:
    movs    r0, #20
    bx      lr
.Lc2:
    movs    r0, #30
    bx      lr
.Lc3:
    movs    r0, #40
    bx      lr
.Ldefault:
    movs    r0, #99
    bx      lr

    .type   tbh_switch, %function
    .thumb_func
tbh_switch:
    tbh     [pc, r0, lsl #1]
.Ltbh:
    .hword  (.Lh0 - .Ltbh) / 2
    .hword  (.Lh1 - .Ltbh) / 2
    .hword  (.Lh2 - .Ltbh) / 2
.Lh0:
    movw    r0, #0x111
    bx      lr
    .space  300             /* push the later cases out of TBB's range */
.Lh1:
    movw    r0, #0x222
    bx      lr
    .space  300
.Lh2:
    movw    r0, #0x333
    bx      lr

    .type   add_five, %function
    .thumb_func
add_five:
    adds    r0, #5
    bx      lr

    .type   times_two, %function
    .thumb_func
times_two:
    lsls    r0, r0, #1
    bx      lr

    .type   minus_one, %function
    .thumb_func
minus_one:
    subs    r0, #1
    bx      lr

    .type   get_lr, %function
    .thumb_func
get_lr:
    mov     r0, lr
    bx      lr

    .type   fact, %function
    .thumb_func
fact:
    cmp     r0, #1
    it      ls
    movls   r0, #1
    bls     9f
    push    {r4, lr}
    mov     r4, r0
    subs    r0, #1
    bl      fact
    mul     r0, r0, r4
    pop     {r4, lr}
9:  bx      lr

    .section .rodata
    .align  2
fn_table:
    .word   add_five, times_two, minus_one
