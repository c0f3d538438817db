/* Loads and stores of every kind the interpreter has a fast path for
 * (emu/cpu/arm/arm_exec.c ARM_MEM_OPS: LDR, LDRH, LDRB, LDRSH, LDRSB, STR,
 * STRH, STRB) in each addressing form: immediate offset (positive,
 * negative), pre-indexed and post-indexed with writeback (positive,
 * negative), register offset with LSL #0..3; misaligned pre-indexed
 * halfword/word loads (the general path, CCR.UNALIGN_TRP clear); LDRD/STRD
 * with an immediate offset.  The data is the byte pattern
 * byte[i] = 0xf0 - 7 * i (mod 256); the expected values follow from it
 * (little-endian, sign extension for LDRSB/LDRSH). */
#include "asmtest.h"

    .data
    .align  3
pat:
    .byte 0xf0, 0xe9, 0xe2, 0xdb, 0xd4, 0xcd, 0xc6, 0xbf, 0xb8, 0xb1, 0xaa, 0xa3, 0x9c, 0x95, 0x8e, 0x87
    .byte 0x80, 0x79, 0x72, 0x6b, 0x64, 0x5d, 0x56, 0x4f, 0x48, 0x41, 0x3a, 0x33, 0x2c, 0x25, 0x1e, 0x17
    .byte 0x10, 0x09, 0x02, 0xfb, 0xf4, 0xed, 0xe6, 0xdf, 0xd8, 0xd1, 0xca, 0xc3, 0xbc, 0xb5, 0xae, 0xa7
    .byte 0xa0, 0x99, 0x92, 0x8b, 0x84, 0x7d, 0x76, 0x6f, 0x68, 0x61, 0x5a, 0x53, 0x4c, 0x45, 0x3e, 0x37
    .bss
    .align  3
out:
    .space  128

ASM_MAIN_ENTER
    ldr     r4, =pat + 32
    ldr     r8, =out
    /* ldr */
    ldr r6, [r4, #8]
    CHECK("ldr [r,#8]", r6, 0xc3cad1d8)
    ldr r6, [r4, #-12]
    CHECK("ldr [r,#-12]", r6, 0x4f565d64)
    mov r5, r4
    ldr r6, [r5, #8]!
    CHECK("ldr [r,#8]!", r6, 0xc3cad1d8)
    sub r7, r5, r4
    CHECK("ldr [r,#8]! wb", r7, 0x00000008)
    mov r5, r4
    ldr r6, [r5], #8
    CHECK("ldr [r],#8", r6, 0xfb020910)
    sub r7, r5, r4
    CHECK("ldr [r],#8 wb", r7, 0x00000008)
    mov r5, r4
    ldr r6, [r5, #-12]!
    CHECK("ldr [r,#-12]!", r6, 0x4f565d64)
    sub r7, r5, r4
    CHECK("ldr [r,#-12]! wb", r7, 0xfffffff4)
    mov r5, r4
    ldr r6, [r5], #-12
    CHECK("ldr [r],#-12", r6, 0xfb020910)
    sub r7, r5, r4
    CHECK("ldr [r],#-12 wb", r7, 0xfffffff4)
    movs r7, #4
    ldr r6, [r4, r7]
    CHECK("ldr [r,r,lsl#0]", r6, 0xdfe6edf4)
    movs r7, #3
    ldr.w r6, [r4, r7, lsl #1]
    CHECK("ldr [r,r,lsl#1]", r6, 0xd1d8dfe6)
    movs r7, #2
    ldr.w r6, [r4, r7, lsl #2]
    CHECK("ldr [r,r,lsl#2]", r6, 0xc3cad1d8)
    movs r7, #1
    ldr.w r6, [r4, r7, lsl #3]
    CHECK("ldr [r,r,lsl#3]", r6, 0xc3cad1d8)
    mov r5, r4
    ldr r6, [r5, #-3]!
    CHECK("ldr [r,#-3]! misaligned", r6, 0x10171e25)
    sub r7, r5, r4
    CHECK("ldr [r,#-3]! misaligned wb", r7, 0xfffffffd)
    POOL
    /* ldrh */
    ldrh r6, [r4, #8]
    CHECK("ldrh [r,#8]", r6, 0x0000d1d8)
    ldrh r6, [r4, #-12]
    CHECK("ldrh [r,#-12]", r6, 0x00005d64)
    mov r5, r4
    ldrh r6, [r5, #8]!
    CHECK("ldrh [r,#8]!", r6, 0x0000d1d8)
    sub r7, r5, r4
    CHECK("ldrh [r,#8]! wb", r7, 0x00000008)
    mov r5, r4
    ldrh r6, [r5], #8
    CHECK("ldrh [r],#8", r6, 0x00000910)
    sub r7, r5, r4
    CHECK("ldrh [r],#8 wb", r7, 0x00000008)
    mov r5, r4
    ldrh r6, [r5, #-12]!
    CHECK("ldrh [r,#-12]!", r6, 0x00005d64)
    sub r7, r5, r4
    CHECK("ldrh [r,#-12]! wb", r7, 0xfffffff4)
    mov r5, r4
    ldrh r6, [r5], #-12
    CHECK("ldrh [r],#-12", r6, 0x00000910)
    sub r7, r5, r4
    CHECK("ldrh [r],#-12 wb", r7, 0xfffffff4)
    movs r7, #4
    ldrh r6, [r4, r7]
    CHECK("ldrh [r,r,lsl#0]", r6, 0x0000edf4)
    movs r7, #3
    ldrh.w r6, [r4, r7, lsl #1]
    CHECK("ldrh [r,r,lsl#1]", r6, 0x0000dfe6)
    movs r7, #2
    ldrh.w r6, [r4, r7, lsl #2]
    CHECK("ldrh [r,r,lsl#2]", r6, 0x0000d1d8)
    movs r7, #1
    ldrh.w r6, [r4, r7, lsl #3]
    CHECK("ldrh [r,r,lsl#3]", r6, 0x0000d1d8)
    mov r5, r4
    ldrh r6, [r5, #-3]!
    CHECK("ldrh [r,#-3]! misaligned", r6, 0x00001e25)
    sub r7, r5, r4
    CHECK("ldrh [r,#-3]! misaligned wb", r7, 0xfffffffd)
    POOL
    /* ldrb */
    ldrb r6, [r4, #8]
    CHECK("ldrb [r,#8]", r6, 0x000000d8)
    ldrb r6, [r4, #-12]
    CHECK("ldrb [r,#-12]", r6, 0x00000064)
    mov r5, r4
    ldrb r6, [r5, #8]!
    CHECK("ldrb [r,#8]!", r6, 0x000000d8)
    sub r7, r5, r4
    CHECK("ldrb [r,#8]! wb", r7, 0x00000008)
    mov r5, r4
    ldrb r6, [r5], #8
    CHECK("ldrb [r],#8", r6, 0x00000010)
    sub r7, r5, r4
    CHECK("ldrb [r],#8 wb", r7, 0x00000008)
    mov r5, r4
    ldrb r6, [r5, #-12]!
    CHECK("ldrb [r,#-12]!", r6, 0x00000064)
    sub r7, r5, r4
    CHECK("ldrb [r,#-12]! wb", r7, 0xfffffff4)
    mov r5, r4
    ldrb r6, [r5], #-12
    CHECK("ldrb [r],#-12", r6, 0x00000010)
    sub r7, r5, r4
    CHECK("ldrb [r],#-12 wb", r7, 0xfffffff4)
    movs r7, #4
    ldrb r6, [r4, r7]
    CHECK("ldrb [r,r,lsl#0]", r6, 0x000000f4)
    movs r7, #3
    ldrb.w r6, [r4, r7, lsl #1]
    CHECK("ldrb [r,r,lsl#1]", r6, 0x000000e6)
    movs r7, #2
    ldrb.w r6, [r4, r7, lsl #2]
    CHECK("ldrb [r,r,lsl#2]", r6, 0x000000d8)
    movs r7, #1
    ldrb.w r6, [r4, r7, lsl #3]
    CHECK("ldrb [r,r,lsl#3]", r6, 0x000000d8)
    POOL
    /* ldrsh */
    ldrsh r6, [r4, #8]
    CHECK("ldrsh [r,#8]", r6, 0xffffd1d8)
    ldrsh r6, [r4, #-12]
    CHECK("ldrsh [r,#-12]", r6, 0x00005d64)
    mov r5, r4
    ldrsh r6, [r5, #8]!
    CHECK("ldrsh [r,#8]!", r6, 0xffffd1d8)
    sub r7, r5, r4
    CHECK("ldrsh [r,#8]! wb", r7, 0x00000008)
    mov r5, r4
    ldrsh r6, [r5], #8
    CHECK("ldrsh [r],#8", r6, 0x00000910)
    sub r7, r5, r4
    CHECK("ldrsh [r],#8 wb", r7, 0x00000008)
    mov r5, r4
    ldrsh r6, [r5, #-12]!
    CHECK("ldrsh [r,#-12]!", r6, 0x00005d64)
    sub r7, r5, r4
    CHECK("ldrsh [r,#-12]! wb", r7, 0xfffffff4)
    mov r5, r4
    ldrsh r6, [r5], #-12
    CHECK("ldrsh [r],#-12", r6, 0x00000910)
    sub r7, r5, r4
    CHECK("ldrsh [r],#-12 wb", r7, 0xfffffff4)
    movs r7, #4
    ldrsh r6, [r4, r7]
    CHECK("ldrsh [r,r,lsl#0]", r6, 0xffffedf4)
    movs r7, #3
    ldrsh.w r6, [r4, r7, lsl #1]
    CHECK("ldrsh [r,r,lsl#1]", r6, 0xffffdfe6)
    movs r7, #2
    ldrsh.w r6, [r4, r7, lsl #2]
    CHECK("ldrsh [r,r,lsl#2]", r6, 0xffffd1d8)
    movs r7, #1
    ldrsh.w r6, [r4, r7, lsl #3]
    CHECK("ldrsh [r,r,lsl#3]", r6, 0xffffd1d8)
    mov r5, r4
    ldrsh r6, [r5, #-3]!
    CHECK("ldrsh [r,#-3]! misaligned", r6, 0x00001e25)
    sub r7, r5, r4
    CHECK("ldrsh [r,#-3]! misaligned wb", r7, 0xfffffffd)
    POOL
    /* ldrsb */
    ldrsb r6, [r4, #8]
    CHECK("ldrsb [r,#8]", r6, 0xffffffd8)
    ldrsb r6, [r4, #-12]
    CHECK("ldrsb [r,#-12]", r6, 0x00000064)
    mov r5, r4
    ldrsb r6, [r5, #8]!
    CHECK("ldrsb [r,#8]!", r6, 0xffffffd8)
    sub r7, r5, r4
    CHECK("ldrsb [r,#8]! wb", r7, 0x00000008)
    mov r5, r4
    ldrsb r6, [r5], #8
    CHECK("ldrsb [r],#8", r6, 0x00000010)
    sub r7, r5, r4
    CHECK("ldrsb [r],#8 wb", r7, 0x00000008)
    mov r5, r4
    ldrsb r6, [r5, #-12]!
    CHECK("ldrsb [r,#-12]!", r6, 0x00000064)
    sub r7, r5, r4
    CHECK("ldrsb [r,#-12]! wb", r7, 0xfffffff4)
    mov r5, r4
    ldrsb r6, [r5], #-12
    CHECK("ldrsb [r],#-12", r6, 0x00000010)
    sub r7, r5, r4
    CHECK("ldrsb [r],#-12 wb", r7, 0xfffffff4)
    movs r7, #4
    ldrsb r6, [r4, r7]
    CHECK("ldrsb [r,r,lsl#0]", r6, 0xfffffff4)
    movs r7, #3
    ldrsb.w r6, [r4, r7, lsl #1]
    CHECK("ldrsb [r,r,lsl#1]", r6, 0xffffffe6)
    movs r7, #2
    ldrsb.w r6, [r4, r7, lsl #2]
    CHECK("ldrsb [r,r,lsl#2]", r6, 0xffffffd8)
    movs r7, #1
    ldrsb.w r6, [r4, r7, lsl #3]
    CHECK("ldrsb [r,r,lsl#3]", r6, 0xffffffd8)
    POOL
    /* stores */
    ldr r9, =0x8badf00d
    add r5, r8, #-4
    str r9, [r5, #4]
    ldr r6, [r8, #0]
    CHECK("str #+", r6, 0x8badf00d)
    add r5, r8, #12
    str r9, [r5, #-8]
    ldr r6, [r8, #4]
    CHECK("str #-", r6, 0x8badf00d)
    add r5, r8, #4
    str r9, [r5, #4]!
    ldr r6, [r8, #8]
    CHECK("str pre+", r6, 0x8badf00d)
    sub r7, r5, r8
    CHECK("str pre+ wb", r7, 0x00000008)
    add r5, r8, #20
    str r9, [r5, #-8]!
    ldr r6, [r8, #12]
    CHECK("str pre-", r6, 0x8badf00d)
    sub r7, r5, r8
    CHECK("str pre- wb", r7, 0x0000000c)
    add r5, r8, #16
    str r9, [r5], #12
    ldr r6, [r8, #16]
    CHECK("str post+", r6, 0x8badf00d)
    sub r7, r5, r8
    CHECK("str post+ wb", r7, 0x0000001c)
    add r5, r8, #20
    str r9, [r5], #-12
    ldr r6, [r8, #20]
    CHECK("str post-", r6, 0x8badf00d)
    sub r7, r5, r8
    CHECK("str post- wb", r7, 0x00000008)
    movs r7, #6
    str.w r9, [r8, r7, lsl #2]
    ldr r6, [r8, #24]
    CHECK("str [r,r,lsl#2]", r6, 0x8badf00d)
    POOL
    add r5, r8, #26
    strh r9, [r5, #4]
    ldr r6, [r8, #28]
    CHECK("strh #+", r6, 0xf00d0000)
    add r5, r8, #42
    strh r9, [r5, #-8]
    ldr r6, [r8, #32]
    CHECK("strh #-", r6, 0xf00d0000)
    add r5, r8, #34
    strh r9, [r5, #4]!
    ldr r6, [r8, #36]
    CHECK("strh pre+", r6, 0xf00d0000)
    sub r7, r5, r8
    CHECK("strh pre+ wb", r7, 0x00000026)
    add r5, r8, #50
    strh r9, [r5, #-8]!
    ldr r6, [r8, #40]
    CHECK("strh pre-", r6, 0xf00d0000)
    sub r7, r5, r8
    CHECK("strh pre- wb", r7, 0x0000002a)
    add r5, r8, #46
    strh r9, [r5], #12
    ldr r6, [r8, #44]
    CHECK("strh post+", r6, 0xf00d0000)
    sub r7, r5, r8
    CHECK("strh post+ wb", r7, 0x0000003a)
    add r5, r8, #50
    strh r9, [r5], #-12
    ldr r6, [r8, #48]
    CHECK("strh post-", r6, 0xf00d0000)
    sub r7, r5, r8
    CHECK("strh post- wb", r7, 0x00000026)
    movs r7, #27
    strh.w r9, [r8, r7, lsl #1]
    ldr r6, [r8, #52]
    CHECK("strh [r,r,lsl#1]", r6, 0xf00d0000)
    POOL
    add r5, r8, #55
    strb r9, [r5, #4]
    ldr r6, [r8, #56]
    CHECK("strb #+", r6, 0x0d000000)
    add r5, r8, #71
    strb r9, [r5, #-8]
    ldr r6, [r8, #60]
    CHECK("strb #-", r6, 0x0d000000)
    add r5, r8, #63
    strb r9, [r5, #4]!
    ldr r6, [r8, #64]
    CHECK("strb pre+", r6, 0x0d000000)
    sub r7, r5, r8
    CHECK("strb pre+ wb", r7, 0x00000043)
    add r5, r8, #79
    strb r9, [r5, #-8]!
    ldr r6, [r8, #68]
    CHECK("strb pre-", r6, 0x0d000000)
    sub r7, r5, r8
    CHECK("strb pre- wb", r7, 0x00000047)
    add r5, r8, #75
    strb r9, [r5], #12
    ldr r6, [r8, #72]
    CHECK("strb post+", r6, 0x0d000000)
    sub r7, r5, r8
    CHECK("strb post+ wb", r7, 0x00000057)
    add r5, r8, #79
    strb r9, [r5], #-12
    ldr r6, [r8, #76]
    CHECK("strb post-", r6, 0x0d000000)
    sub r7, r5, r8
    CHECK("strb post- wb", r7, 0x00000043)
    movs r7, #83
    strb.w r9, [r8, r7, lsl #0]
    ldr r6, [r8, #80]
    CHECK("strb [r,r,lsl#0]", r6, 0x0d000000)
    POOL
    /* ldrd/strd */
    ldrd r6, r7, [r4, #8]
    CHECK("ldrd [r,#8] lo", r6, 0xc3cad1d8)
    CHECK("ldrd [r,#8] hi", r7, 0xa7aeb5bc)
    ldrd r6, r7, [r4, #-16]
    CHECK("ldrd [r,#-16] lo", r6, 0x6b727980)
    CHECK("ldrd [r,#-16] hi", r7, 0x4f565d64)
    ldr r6, =0x13579bdf
    ldr r7, =0x2468ace0
    add r5, r8, #120
    strd r6, r7, [r5, #-8]
    ldr r9, [r8, #112]
    CHECK("strd [r,#-8] lo", r9, 0x13579bdf)
    ldr r9, [r8, #116]
    CHECK("strd [r,#-8] hi", r9, 0x2468ace0)
    strd r7, r6, [r8, #4]
    ldr r9, [r8, #4]
    CHECK("strd [r,#4] lo", r9, 0x2468ace0)
    ldr r9, [r8, #8]
    CHECK("strd [r,#4] hi", r9, 0x13579bdf)
ASM_MAIN_LEAVE
