/* Data processing with flags: ADDS/ADCS/SUBS/SBCS/RSBS results and NZCV,
 * the shifter carry of LSL/LSR/ASR/ROR/RRX (immediate and register shift
 * amounts, including 0, 32 and >32), the carry of a logical operation with
 * a rotated ThumbExpandImm constant (bit 31 of the constant) or an
 * unrotated one (carry unchanged), CMP/CMN/TST/TEQ, and flag preservation
 * by the non-S forms.  Values from the ARMv7-M ARM (A7.4, A7.7). */
#include "asmtest.h"

#define TSH(name, insn, sh, a, b, fin, res, nzcv) \
    ldr     r4, =a;                 \
    ldr     r5, =b;                 \
    SETF(fin);                      \
    insn    r6, r4, r5, sh;         \
    mrs     r7, apsr;               \
    CHECK(name, r6, res);           \
    CHECKF(name, r7, nzcv)

/* TI(name, insn, imm, a, fin, res, nzcv): r6 = insn r4, #imm */
#define TI(name, insn, imm, a, fin, res, nzcv) \
    ldr     r4, =a;                 \
    SETF(fin);                      \
    insn    r6, r4, imm;            \
    mrs     r7, apsr;               \
    CHECK(name, r6, res);           \
    CHECKF(name, r7, nzcv)

/* TS(name, insn, sh, a, fin, res, nzcv): r6 = insn r4, sh (shift by imm) */
#define TS(name, insn, sh, a, fin, res, nzcv) \
    ldr     r4, =a;                 \
    SETF(fin);                      \
    insn    r6, r4, sh;             \
    mrs     r7, apsr;               \
    CHECK(name, r6, res);           \
    CHECKF(name, r7, nzcv)

/* TF(name, insn, a, b, fin, nzcv): insn r4, r5 (flags only) */
#define TF(name, insn, a, b, fin, nzcv) \
    ldr     r4, =a;                 \
    ldr     r5, =b;                 \
    SETF(fin);                      \
    insn    r4, r5;                 \
    mrs     r7, apsr;               \
    CHECKF(name, r7, nzcv)

ASM_MAIN_ENTER
    T3("adds ovf", adds, 0x7fffffff, 1, 0, 0x80000000, 0x90000000)
    T3("adds carry zero", adds, 0xffffffff, 1, 0, 0, 0x60000000)
    T3("adds both", adds, 0x80000000, 0x80000000, 0, 0, 0x70000000)
    T3("adcs c=1", adcs, 1, 2, 0x20000000, 4, 0)
    T3("adcs wrap", adcs, 0xffffffff, 0, 0x20000000, 0, 0x60000000)
    T3("adcs c=0", adcs, 0x7ffffffe, 1, 0, 0x7fffffff, 0)
    POOL
    T3("subs", subs, 5, 3, 0, 2, 0x20000000)
    T3("subs borrow", subs, 3, 5, 0, 0xfffffffe, 0x80000000)
    T3("subs ovf", subs, 0x80000000, 1, 0, 0x7fffffff, 0x30000000)
    T3("sbcs c=0", sbcs, 5, 3, 0, 1, 0x20000000)
    T3("sbcs c=0 eq", sbcs, 3, 3, 0, 0xffffffff, 0x80000000)
    T3("sbcs c=1 eq", sbcs, 3, 3, 0x20000000, 0, 0x60000000)
    T3("rsbs", rsbs, 3, 10, 0, 7, 0x20000000)
    TI("rsbs #0", rsbs, #0, 1, 0, 0xffffffff, 0x80000000)
    TI("rsb #0x100", rsb, #0x100, 0x1, 0x50000000, 0xff, 0x50000000)
    POOL
    T3("add keeps flags", add, 1, 2, 0xf0000000, 3, 0xf0000000)
    T3("sub keeps flags", sub, 1, 2, 0x90000000, 0xffffffff, 0x90000000)
    TI("addw 12-bit", addw, #0xfff, 1, 0, 0x1000, 0)
    TI("subw 12-bit", subw, #0xabc, 0x1000, 0, 0x544, 0)
    TI("adds imm", adds, #0x00ab00ab, 0xff55ff55, 0, 0x00010000, 0x20000000)
    TI("sbc imm c=0", sbc, #1, 10, 0, 8, 0)
    TI("adc imm c=1", adc, #1, 10, 0x20000000, 12, 0x20000000)
    POOL
    /* ThumbExpandImm carry: rotated constants set C to bit 31. */
    TI("ands rot", ands, #0xff000000, 0x12345678, 0, 0x12000000, 0x20000000)
    TI("ands rot bit31", ands, #0x80000000, 0x80000000, 0x10000000, 0x80000000, 0xb0000000)
    TI("ands plain c=1", ands, #0xff, 0x100, 0x20000000, 0, 0x60000000)
    TI("ands plain c=0", ands, #0xff, 0x100, 0, 0, 0x40000000)
    TI("orrs pattern", orrs, #0x00ff00ff, 0, 0x20000000, 0x00ff00ff, 0x20000000)
    TI("eors rot c0", eors, #0x40000000, 0x40000000, 0x20000000, 0, 0x40000000)
    TI("bics rot", bics, #0xf0000000, 0xffffffff, 0, 0x0fffffff, 0x20000000)
    TI("orns", orns, #0xff, 0x0, 0, 0xffffff00, 0x80000000)
    TI("ands XY00XY00", ands, #0xab00ab00, 0xffffffff, 0x20000000, 0xab00ab00, 0xa0000000)
    TI("eors XYXYXYXY", eors, #0x5a5a5a5a, 0xffffffff, 0, 0xa5a5a5a5, 0x80000000)
    TI("adds XYXYXYXY", adds, #0x01010101, 0xfefefeff, 0, 0x00000000, 0x60000000)
    TI("movs rot 0x3fc", orrs, #0x3fc, 0, 0x20000000, 0x3fc, 0)
    TI("subs rot 0x10000", subs, #0x10000, 0x10000, 0, 0, 0x60000000)
    POOL
    /* Shifter carry, immediate amounts. */
    TS("lsls #1", lsls, #1, 0x80000001, 0, 2, 0x20000000)
    TS("lsrs #1", lsrs, #1, 3, 0, 1, 0x20000000)
    TS("asrs #4", asrs, #4, 0x80000008, 0, 0xf8000000, 0xa0000000)
    TS("rors #8", rors, #8, 0x000000ff, 0, 0xff000000, 0xa0000000)
    TS("lsrs #32", lsrs, #32, 0x80000000, 0, 0, 0x60000000)
    TS("asrs #32", asrs, #32, 0x80000000, 0, 0xffffffff, 0xa0000000)
    TS("lsls #0 keeps c", lsls, #0, 0x80000000, 0x20000000, 0x80000000, 0xa0000000)
    POOL
    ldr     r4, =1
    SETF(0x20000000)
    rrxs    r6, r4
    mrs     r7, apsr
    CHECK("rrxs", r6, 0x80000000)
    CHECKF("rrxs", r7, 0xa0000000)
    ldr     r4, =0
    SETF(0x20000000)
    mvns    r6, r4
    mrs     r7, apsr
    CHECK("mvns", r6, 0xffffffff)
    CHECKF("mvns", r7, 0xa0000000)
    POOL
    /* Shifter carry, register amounts (bottom byte of Rm). */
    T3("lsls r 32", lsls, 1, 32, 0, 0, 0x60000000)
    T3("lsls r 33", lsls, 1, 33, 0x20000000, 0, 0x40000000)
    T3("lsls r 0x101", lsls, 0x80000000, 0x101, 0, 0, 0x60000000)
    T3("lsrs r 32", lsrs, 0x80000000, 32, 0, 0, 0x60000000)
    T3("lsrs r 31", lsrs, 0x80000000, 31, 0, 1, 0)
    T3("asrs r 200", asrs, 0x80000000, 200, 0, 0xffffffff, 0xa0000000)
    T3("asrs r 31 pos", asrs, 0x40000000, 31, 0, 0, 0x60000000)
    T3("rors r 32", rors, 0x80000001, 32, 0, 0x80000001, 0xa0000000)
    T3("rors r 0", rors, 0x80000001, 0, 0x20000000, 0x80000001, 0xa0000000)
    T3("rors r 36", rors, 0x000000f1, 36, 0, 0x1000000f, 0)
    POOL
    /* Shifted register operands. */
    TSH("ands lsl #1 carry", ands, lsl #1, 0xffffffff, 0x80000000, 0, 0, 0x60000000)
    TSH("adds lsl #2", adds, lsl #2, 1, 0x40000000, 0, 1, 0)
    TSH("subs asr #1", subs, asr #1, 0, 0x80000000, 0, 0x40000000, 0)
    TSH("orr ror #16", orr, ror #16, 0x0000ffff, 0x00001234, 0, 0x1234ffff, 0)
    TSH("eors lsr #31", eors, lsr #31, 0x1, 0x80000000, 0x20000000, 0, 0x40000000)
    TSH("rsb lsl #3", rsb, lsl #3, 1, 1, 0, 7, 0)
    POOL
    /* Compare and test. */
    TF("cmp lt", cmp, 1, 2, 0, 0x80000000)
    TF("cmp eq", cmp, 2, 2, 0, 0x60000000)
    TF("cmp ovf", cmp, 0x80000000, 1, 0, 0x30000000)
    TF("cmn zero", cmn, 0xffffffff, 1, 0, 0x60000000)
    TF("cmn ovf", cmn, 0x7fffffff, 1, 0, 0x90000000)
    TF("tst zero keeps cv", tst, 0xf0, 0x0f, 0x30000000, 0x70000000)
    TF("teq eq", teq, 0x80000000, 0x80000000, 0, 0x40000000)
    TF("teq ne", teq, 0x80000000, 0, 0, 0x80000000)
    POOL
    ldr     r4, =0x100
    SETF(0)
    cmp     r4, #0x100
    mrs     r7, apsr
    CHECKF("cmp #0x100", r7, 0x60000000)
    ldr     r4, =5
    SETF(0)
    cmn     r4, #-5
    mrs     r7, apsr
    CHECKF("cmn #-5", r7, 0x60000000)
    ldr     r4, =0x80000000
    SETF(0)
    tst     r4, #0x80000000
    mrs     r7, apsr
    CHECKF("tst #rot", r7, 0xa0000000)
    /* High registers (16-bit ADD/MOV/CMP forms). */
    ldr     r4, =0x11
    mov     r8, r4
    ldr     r4, =0x22
    mov     r9, r4
    add     r8, r9
    CHECK("add r8, r9", r8, 0x33)
    SETF(0)
    cmp     r8, r9
    mrs     r7, apsr
    CHECKF("cmp r8, r9", r7, 0x20000000)
ASM_MAIN_LEAVE
