/* Macros for the assembly tests: compare a register with an expected
 * constant through rt_check() (which prints the value and counts
 * mismatches).  They clobber a0-a2, ra and the caller-saved registers that
 * rt_check may use, so keep live values in s0-s11. */
#ifndef ASMTEST_H
#define ASMTEST_H

#include "rt_asm.h"

/* CHECK("name", reg, expected): rt_check("name", reg, expected) */
#define CHECK(name, reg, expected)  \
    mv      a1, reg;                \
    li      a2, expected;           \
    la      a0, 9f;                 \
    call    rt_check;               \
    .pushsection .rodata.str, "aMS", @progbits, 1; \
9:  .asciz  name;                   \
    .popsection

/* TEST_RR("name", op, a, b, expected): op on two register operands. */
#define TEST_RR(name, op, a, b, expected) \
    li      s1, a;                  \
    li      s2, b;                  \
    op      s3, s1, s2;             \
    CHECK(name, s3, expected)

/* Function prologue/epilogue for main written in assembly: saves ra and
 * s0-s3 (what the macros use). */
#define ASM_MAIN_ENTER              \
    addi    sp, sp, -32;            \
    sw      ra, 28(sp);             \
    sw      s0, 24(sp);             \
    sw      s1, 20(sp);             \
    sw      s2, 16(sp);             \
    sw      s3, 12(sp)

#define ASM_MAIN_LEAVE              \
    call    rt_done;                \
    lw      ra, 28(sp);             \
    lw      s0, 24(sp);             \
    lw      s1, 20(sp);             \
    lw      s2, 16(sp);             \
    lw      s3, 12(sp);             \
    addi    sp, sp, 32;             \
    ret

#endif
