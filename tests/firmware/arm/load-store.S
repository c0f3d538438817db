/* Loads and stores in every addressing mode: immediate offset (positive,
 * negative), register offset with LSL #0..3, pre-indexed and post-indexed
 * with writeback, literal (PC-relative) loads, LDRB/LDRSB/LDRH/LDRSH/
 * STRB/STRH, LDRD/STRD (offset, pre-, post-index), LDRT/STRT,
 * LDM/STM (IA, DB, with and without writeback), PUSH/POP, POP into PC. */
#include "asmtest.h"

    .data
    .align  3
buf:
    .word   0x11223344, 0x55667788, 0x99aabbcc, 0xddeeff00
    .word   0x80818283, 0x84858687, 0xfffefdfc, 0x7f7e7d7c
out:
    .space  64

    .text
lit_word:
    .word   0xcafef00d

ASM_MAIN_ENTER
    ldr     r4, =buf
    ldr     r6, [r4]
    CHECK("ldr [r]", r6, 0x11223344)
    ldr     r6, [r4, #12]
    CHECK("ldr [r,#12]", r6, 0xddeeff00)
    add     r5, r4, #16
    ldr     r6, [r5, #-12]
    CHECK("ldr [r,#-12]", r6, 0x55667788)
    ldr.w   r6, [r4, #0x1c]
    CHECK("ldr.w [r,#0x1c]", r6, 0x7f7e7d7c)
    movs    r5, #3
    ldr     r6, [r4, r5, lsl #2]
    CHECK("ldr [r,r,lsl#2]", r6, 0xddeeff00)
    movs    r5, #5
    ldrb    r6, [r4, r5]
    CHECK("ldrb [r,r]", r6, 0x77)
    movs    r5, #2
    ldrh    r6, [r4, r5, lsl #1]
    CHECK("ldrh [r,r,lsl#1]", r6, 0x7788)
    movs    r5, #1
    ldrsh   r6, [r4, r5, lsl #3]
    CHECK("ldrsh [r,r,lsl#3]", r6, 0xffffbbcc)
    POOL
    ldrsb   r6, [r4, #16]
    CHECK("ldrsb neg", r6, 0xffffff83)
    ldrsb   r6, [r4, #28]
    CHECK("ldrsb pos", r6, 0x7c)
    ldrsh   r6, [r4, #26]
    CHECK("ldrsh neg", r6, 0xfffffffe)
    ldrh    r6, [r4, #26]
    CHECK("ldrh", r6, 0xfffe)
    ldr     r6, lit_word
    CHECK("ldr literal", r6, 0xcafef00d)
    ldr.w   r6, lit_word
    CHECK("ldr.w literal", r6, 0xcafef00d)
    ldrh    r6, lit_word
    CHECK("ldrh literal", r6, 0xf00d)
    ldrsb   r6, lit_word
    CHECK("ldrsb literal", r6, 0x0d)
    POOL

    /* Pre- and post-index with writeback. */
    mov     r5, r4
    ldr     r6, [r5, #4]!
    CHECK("ldr pre value", r6, 0x55667788)
    sub     r7, r5, r4
    CHECK("ldr pre wb", r7, 4)
    ldr     r6, [r5], #8
    CHECK("ldr post value", r6, 0x55667788)
    sub     r7, r5, r4
    CHECK("ldr post wb", r7, 12)
    ldrb    r6, [r5, #-1]!
    CHECK("ldrb pre neg", r6, 0x99)
    sub     r7, r5, r4
    CHECK("ldrb pre neg wb", r7, 11)
    ldrsh   r6, [r5], #-3
    CHECK("ldrsh post neg (unaligned)", r6, 0x0099)
    sub     r7, r5, r4
    CHECK("ldrsh post neg wb", r7, 8)
    POOL

    /* Stores. */
    ldr     r8, =out
    ldr     r6, =0xa1a2a3a4
    str     r6, [r8]
    strb    r6, [r8, #4]
    strh    r6, [r8, #6]
    ldr     r7, [r8]
    CHECK("str", r7, 0xa1a2a3a4)
    ldr     r7, [r8, #4]
    CHECK("strb+strh", r7, 0xa3a400a4)
    mov     r5, r8
    ldr     r6, =0x01020304
    str     r6, [r5, #8]!
    strh    r6, [r5], #4
    strb    r6, [r5, #1]!
    sub     r7, r5, r8
    CHECK("store wb", r7, 13)
    ldr     r7, [r8, #8]
    CHECK("str pre", r7, 0x01020304)
    ldr     r7, [r8, #12]
    CHECK("strh post+strb pre", r7, 0x00000400)
    movs    r5, #4
    ldr     r6, =0x5a5a5a5a
    str     r6, [r8, r5, lsl #2]
    ldr     r7, [r8, #16]
    CHECK("str [r,r,lsl#2]", r7, 0x5a5a5a5a)
    POOL

    /* LDRD/STRD. */
    ldrd    r6, r7, [r4, #8]
    CHECK("ldrd lo", r6, 0x99aabbcc)
    CHECK("ldrd hi", r7, 0xddeeff00)
    mov     r5, r4
    ldrd    r6, r7, [r5, #16]!
    CHECK("ldrd pre lo", r6, 0x80818283)
    sub     r7, r5, r4
    CHECK("ldrd pre wb", r7, 16)
    ldrd    r6, r7, [r5], #-8
    CHECK("ldrd post hi", r7, 0x84858687)
    sub     r7, r5, r4
    CHECK("ldrd post wb", r7, 8)
    ldr     r6, =0x13579bdf
    ldr     r7, =0x2468ace0
    strd    r6, r7, [r8, #24]
    ldr     r9, [r8, #24]
    CHECK("strd lo", r9, 0x13579bdf)
    ldr     r9, [r8, #28]
    CHECK("strd hi", r9, 0x2468ace0)
    add     r5, r8, #40
    strd    r6, r7, [r5, #-8]!
    sub     r9, r5, r8
    CHECK("strd pre neg wb", r9, 32)
    ldr     r9, [r8, #36]
    CHECK("strd pre neg hi", r9, 0x2468ace0)
    ldrd    r6, r7, lit_dword
    CHECK("ldrd literal lo", r6, 0x0badf00d)
    CHECK("ldrd literal hi", r7, 0xfeedface)
    POOL

    /* LDRT/STRT (privileged here: behave as LDR/STR). */
    ldrt    r6, [r4, #4]
    CHECK("ldrt", r6, 0x55667788)
    ldr     r6, =0x77
    strbt   r6, [r8, #48]
    ldrb    r7, [r8, #48]
    CHECK("strbt", r7, 0x77)

    /* LDM/STM. */
    ldm     r4, {r0-r3}
    add     r0, r0, r1
    add     r0, r0, r2
    add     r9, r0, r3
    CHECK("ldm sum", r9, 0xde226598)
    mov     r5, r4
    ldmia   r5!, {r6, r7}
    sub     r9, r5, r4
    CHECK("ldmia wb", r9, 8)
    CHECK("ldmia r7", r7, 0x55667788)
    add     r5, r4, #16
    ldmdb   r5!, {r6, r7}
    sub     r9, r5, r4
    CHECK("ldmdb wb", r9, 8)
    CHECK("ldmdb r6", r6, 0x99aabbcc)
    CHECK("ldmdb r7", r7, 0xddeeff00)
    POOL
    add     r5, r8, #64
    ldr     r6, =0x66
    ldr     r7, =0x77
    ldr     r9, =0x99
    stmdb   r5!, {r6, r7, r9}
    sub     r10, r5, r8
    CHECK("stmdb wb", r10, 52)
    ldr     r10, [r8, #60]
    CHECK("stmdb highest reg at top", r10, 0x99)
    ldr     r10, [r8, #52]
    CHECK("stmdb lowest reg at bottom", r10, 0x66)
    mov     r5, r8
    stmia   r5!, {r6, r7}
    sub     r10, r5, r8
    CHECK("stmia wb", r10, 8)
    ldr     r10, [r8, #4]
    CHECK("stmia second", r10, 0x77)
    stm     r8, {r9}
    ldr     r10, [r8]
    CHECK("stm no wb", r10, 0x99)
    POOL

    /* PUSH/POP and POP into PC. */
    mov     r10, sp
    ldr     r6, =0x600
    ldr     r7, =0x700
    push    {r6, r7}
    mov     r9, sp
    sub     r9, r10, r9
    CHECK("push depth", r9, 8)
    ldr     r9, [sp]
    CHECK("push low reg at sp", r9, 0x600)
    pop     {r9, r11}
    CHECK("pop r9", r9, 0x600)
    CHECK("pop r11", r11, 0x700)
    mov     r9, sp
    sub     r9, r10, r9
    CHECK("pop depth", r9, 0)
    push.w  {r8}
    pop.w   {r9}
    sub     r9, r9, r8
    CHECK("push.w/pop.w single", r9, 0)
    bl      pop_pc_func
    CHECK("pop {pc} return", r0, 0x4242)
ASM_MAIN_LEAVE

    .align  3
lit_dword:
    .word   0x0badf00d, 0xfeedface

    .type   pop_pc_func, %function
    .thumb_func
pop_pc_func:
    push    {r4, lr}
    movw    r4, #0x4242
    mov     r0, r4
    pop     {r4, pc}
