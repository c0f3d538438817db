/* Macros for the Thumb-2 assembly tests: compare a register with an
 * expected constant through rt_check() (which prints the value and counts
 * mismatches).  They clobber r0-r3, r12, lr and the flags, so keep live
 * values in r4-r11.  Literal pools: put POOL between groups of checks. */
#ifndef ASMTEST_H
#define ASMTEST_H

    .syntax unified
    .thumb

/* CHECK("name", reg, expected): rt_check("name", reg, expected) */
#define CHECK(name, reg, expected)  \
    mov     r1, reg;                \
    ldr     r2, =expected;          \
    ldr     r0, =9f;                \
    bl      rt_check;               \
    .pushsection .rodata.str, "aMS", %progbits, 1; \
9:  .asciz  name;                   \
    .popsection

/* CHECKF("name", reg, nzcv): compares reg & 0xf0000000 (an APSR value
 * read with mrs) with nzcv; prints "name nzcv=...". */
#define CHECKF(name, reg, nzcv)     \
    and     r1, reg, #0xf0000000;   \
    ldr     r2, =nzcv;              \
    ldr     r0, =9f;                \
    bl      rt_check;               \
    .pushsection .rodata.str, "aMS", %progbits, 1; \
9:  .ascii  name;                   \
    .asciz  " nzcv";                \
    .popsection

/* SETF(v): APSR.NZCVQ = v (e.g. SETF(0x20000000) sets C only). */
#define SETF(v)                     \
    ldr     r0, =v;                 \
    msr     APSR_nzcvq, r0

/* T3(name, insn, a, b, flagsin, res, nzcv): r6 = insn r4(a), r5(b) with
 * the flags set to flagsin first; checks the result and the new NZCV. */
#define T3(name, insn, a, b, flagsin, res, nzcv) \
    ldr     r4, =a;                 \
    ldr     r5, =b;                 \
    SETF(flagsin);                  \
    insn    r6, r4, r5;             \
    mrs     r7, apsr;               \
    CHECK(name, r6, res);           \
    CHECKF(name, r7, nzcv)

#define POOL    b 8f; .ltorg; 8:

#define ASM_MAIN_ENTER              \
    .text;                          \
    .global main;                   \
    .type   main, %function;        \
    .thumb_func;                    \
main:                               \
    push    {r4-r11, lr};           \
    sub     sp, sp, #4

#define ASM_MAIN_LEAVE              \
    bl      rt_done;                \
    add     sp, sp, #4;             \
    pop     {r4-r11, pc};           \
    .ltorg

#endif
