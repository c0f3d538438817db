/* The 16-bit Thumb encodings, forced with .n: shift by immediate,
 * ADDS/SUBS register and 3-bit immediate, MOVS/CMP/ADDS/SUBS 8-bit
 * immediate, the 16 data-processing register forms (ANDS EORS LSLS LSRS
 * ASRS ADCS SBCS RORS TST RSBS CMP CMN ORRS MULS BICS MVNS), high-register
 * ADD/CMP/MOV, LDR literal, ADR, SP-relative LDR/STR, ADD Rd,SP,#imm,
 * ADD/SUB SP,#imm, register-offset loads/stores (incl. LDRSB/LDRSH),
 * immediate-offset LDR/STR/LDRB/STRB/LDRH/STRH, STMIA/LDMIA, PUSH/POP,
 * extend and reverse, B and B<cond>.  (Outside an IT block the
 * flag-setting forms set the flags.) */
#include "asmtest.h"

    .data
    .align  2
d16:
    .word   0x89abcdef, 0x01234567, 0, 0, 0, 0


ASM_MAIN_ENTER
    movs.n  r4, #200
    lsls.n  r5, r4, #4
    CHECK("lsls imm", r5, 3200)
    lsrs.n  r5, r4, #3
    CHECK("lsrs imm", r5, 25)
    ldr     r4, =0x80000000
    asrs.n  r5, r4, #31
    CHECK("asrs imm", r5, 0xffffffff)
    movs.n  r4, #7
    movs.n  r5, #9
    adds.n  r6, r4, r5
    CHECK("adds reg", r6, 16)
    subs.n  r6, r4, r5
    CHECK("subs reg", r6, 0xfffffffe)
    adds.n  r6, r4, #7
    CHECK("adds imm3", r6, 14)
    subs.n  r6, r4, #7
    CHECK("subs imm3", r6, 0)
    movs.n  r6, #255
    adds.n  r6, #200
    CHECK("adds imm8", r6, 455)
    subs.n  r6, #255
    CHECK("subs imm8", r6, 200)
    cmp.n   r6, #200
    mrs     r7, apsr
    CHECKF("cmp imm8", r7, 0x60000000)
    POOL

    /* Data-processing register forms: Rdn = Rdn op Rm. */
    ldr     r6, =0xff00ff00
    ldr     r5, =0x0ff00ff0
    ands.n  r6, r5
    CHECK("ands", r6, 0x0f000f00)
    eors.n  r6, r5
    CHECK("eors", r6, 0x00f000f0)
    movs.n  r5, #4
    lsls.n  r6, r5
    CHECK("lsls reg", r6, 0x0f000f00)
    lsrs.n  r6, r5
    CHECK("lsrs reg", r6, 0x00f000f0)
    ldr     r6, =0x80000010
    asrs.n  r6, r5
    CHECK("asrs reg", r6, 0xf8000001)
    SETF(0x20000000)
    movs.n  r6, #1
    adcs.n  r6, r5
    CHECK("adcs", r6, 6)
    SETF(0)
    sbcs.n  r6, r5
    CHECK("sbcs", r6, 1)
    movs.n  r6, #0xf1
    rors.n  r6, r5
    CHECK("rors reg", r6, 0x1000000f)
    POOL
    movs.n  r6, #0x0c
    movs.n  r5, #0x03
    SETF(0)
    tst.n   r6, r5
    mrs     r7, apsr
    CHECKF("tst", r7, 0x40000000)
    movs.n  r5, #5
    rsbs.n  r6, r5, #0
    CHECK("rsbs #0 (neg)", r6, 0xfffffffb)
    cmp.n   r6, r5
    mrs     r7, apsr
    CHECKF("cmp reg", r7, 0xa0000000)
    cmn.n   r6, r5
    mrs     r7, apsr
    CHECKF("cmn reg", r7, 0x60000000)
    movs.n  r6, #0x30
    orrs.n  r6, r5
    CHECK("orrs", r6, 0x35)
    muls.n  r6, r5, r6
    CHECK("muls", r6, 0x109)
    bics.n  r6, r5
    CHECK("bics", r6, 0x108)
    mvns.n  r6, r5
    CHECK("mvns", r6, 0xfffffffa)
    POOL

    /* High registers. */
    movs.n  r4, #40
    mov.n   r9, r4
    add.n   r9, r9, r4
    mov.n   r6, r9
    CHECK("add hi", r6, 80)
    cmp.n   r9, r4
    mrs     r7, apsr
    CHECKF("cmp hi", r7, 0x20000000)
    mov.n   r10, sp
    mov.n   r6, r10
    mov     r7, sp
    subs    r6, r6, r7
    CHECK("mov r10, sp", r6, 0)

    /* Literal, ADR, SP-relative. */
    ldr.n   r6, 3f
    adr.n   r5, 3f
    b.n     4f
    .align  2
3:  .word   0x7e57c0de
4:  CHECK("ldr literal", r6, 0x7e57c0de)
    ldr     r6, [r5]
    CHECK("adr", r6, 0x7e57c0de)
    sub.n   sp, #16
    movs.n  r6, #0x5a
    str.n   r6, [sp, #8]
    ldr.n   r5, [sp, #8]
    CHECK("str/ldr [sp,#8]", r5, 0x5a)
    add.n   r4, sp, #8
    ldr.n   r5, [r4, #0]
    CHECK("add rd, sp, #8", r5, 0x5a)
    add.n   sp, #16
    POOL

    /* Loads/stores. */
    ldr     r4, =d16
    movs.n  r5, #4
    ldr.n   r6, [r4, r5]
    CHECK("ldr reg", r6, 0x01234567)
    ldrb.n  r6, [r4, r5]
    CHECK("ldrb reg", r6, 0x67)
    ldrh.n  r6, [r4, r5]
    CHECK("ldrh reg", r6, 0x4567)
    movs.n  r5, #3
    ldrsb.n r6, [r4, r5]
    CHECK("ldrsb reg", r6, 0xffffff89)
    movs.n  r5, #2
    ldrsh.n r6, [r4, r5]
    CHECK("ldrsh reg", r6, 0xffff89ab)
    ldr.n   r6, [r4, #4]
    ldrb.n  r7, [r4, #1]
    adds    r6, r6, r7
    CHECK("ldr+ldrb imm", r6, 0x01234567 + 0xcd)
    ldrh.n  r6, [r4, #2]
    CHECK("ldrh imm", r6, 0x89ab)
    movs.n  r6, #0x77
    movs.n  r5, #8
    str.n   r6, [r4, r5]
    strb.n  r6, [r4, #13]
    strh.n  r6, [r4, #14]
    ldr     r7, [r4, #8]
    CHECK("str reg", r7, 0x77)
    ldr     r7, [r4, #12]
    CHECK("strb+strh imm", r7, 0x00777700)
    movs.n  r6, #1
    movs.n  r7, #2
    adds    r5, r4, #16
    stmia.n r5!, {r6, r7}
    subs    r5, r5, r4
    CHECK("stmia wb", r5, 24)
    adds    r5, r4, #16
    ldmia.n r5!, {r0, r1}
    adds    r0, r0, r1
    mov     r6, r0
    CHECK("ldmia", r6, 3)
    POOL

    /* PUSH/POP, extend/reverse. */
    movs.n  r6, #11
    movs.n  r7, #22
    push.n  {r6, r7}
    movs.n  r6, #0
    movs.n  r7, #0
    pop.n   {r6, r7}
    adds    r6, r6, r7
    CHECK("push/pop", r6, 33)
    ldr     r5, =0x1234fe80
    sxtb.n  r6, r5
    CHECK("sxtb", r6, 0xffffff80)
    sxth.n  r6, r5
    CHECK("sxth", r6, 0xfffffe80)
    uxtb.n  r6, r5
    CHECK("uxtb", r6, 0x80)
    uxth.n  r6, r5
    CHECK("uxth", r6, 0xfe80)
    rev.n   r6, r5
    CHECK("rev", r6, 0x80fe3412)
    rev16.n r6, r5
    CHECK("rev16", r6, 0x341280fe)
    revsh.n r6, r5
    CHECK("revsh", r6, 0xffff80fe)
    POOL

    /* B and B<cond> (16-bit). */
    movs.n  r6, #0
    b.n     1f
    movs.n  r6, #1
1:  CHECK("b.n", r6, 0)
    movs.n  r6, #3
2:  subs.n  r6, #1
    bne.n   2b
    CHECK("bne.n loop", r6, 0)
ASM_MAIN_LEAVE
