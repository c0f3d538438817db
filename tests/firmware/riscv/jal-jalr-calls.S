/* jal/jalr: link values, jalr with offsets and the cleared low bit, rd=x0
 * jumps, rd==rs1, a jump table, and a recursive call (factorial 10 and
 * fibonacci 15) that exercises the stack. */
#include "asmtest.h"

    .text
    .globl main
main:
    ASM_MAIN_ENTER
    /* jal link = address of the following instruction. */
    jal     s0, 1f
1:  la      s1, 1b
    sub     s2, s0, s1
    CHECK("jal link", s2, 0)
    /* jalr with an offset: target = rs1 + imm. */
    la      s1, 2f - 8
    .option push
    .option norvc
    jalr    s0, 8(s1)
    li      s3, 111                 /* skipped, 4 bytes */
    .option pop
2:  la      s1, 2b
    sub     s2, s1, s0
    CHECK("jalr offset (link before target)", s2, 4)
    /* jalr clears bit 0 of the target. */
    la      s1, 3f
    addi    s1, s1, 1
    jalr    x0, 0(s1)
    li      s3, 222                 /* skipped */
3:  li      s3, 1
    CHECK("jalr clears bit 0", s3, 1)
    /* rd == rs1: target read before the link is written. */
    la      s0, 4f
    jalr    s0, 0(s0)
4:  la      s1, 4b
    sub     s2, s1, s0
    CHECK("jalr rd==rs1", s2, 0)
    /* Jump table. */
    li      s2, 0
    li      s0, 0
5:  la      s1, table
    slli    t0, s0, 2
    add     s1, s1, t0
    lw      s1, 0(s1)
    jalr    ra, 0(s1)
    add     s2, s2, a0
    addi    s0, s0, 1
    li      t0, 4
    blt     s0, t0, 5b
    CHECK("jump table sum", s2, 0x1111)
    /* Recursion. */
    li      a0, 10
    call    fact
    mv      s0, a0
    CHECK("fact(10)", s0, 3628800)
    li      a0, 15
    call    fib
    mv      s0, a0
    CHECK("fib(15)", s0, 610)
    ASM_MAIN_LEAVE

case0: li a0, 0x1
    ret
case1: li a0, 0x10
    ret
case2: li a0, 0x100
    ret
case3: li a0, 0x1000
    ret

/* fact(n) = n <= 1 ? 1 : n * fact(n - 1), no M extension needed: shift/add. */
fact:
    li      t0, 1
    bgt     a0, t0, 1f
    li      a0, 1
    ret
1:  addi    sp, sp, -16
    sw      ra, 12(sp)
    sw      a0, 8(sp)
    addi    a0, a0, -1
    call    fact
    lw      t1, 8(sp)
    mul     a0, a0, t1
    lw      ra, 12(sp)
    addi    sp, sp, 16
    ret

fib:
    li      t0, 2
    bge     a0, t0, 1f
    ret
1:  addi    sp, sp, -16
    sw      ra, 12(sp)
    sw      s0, 8(sp)
    sw      a0, 4(sp)
    addi    a0, a0, -1
    call    fib
    mv      s0, a0
    lw      a0, 4(sp)
    addi    a0, a0, -2
    call    fib
    add     a0, a0, s0
    lw      s0, 8(sp)
    lw      ra, 12(sp)
    addi    sp, sp, 16
    ret

    .section .rodata
    .balign 4
table:
    .word case0, case1, case2, case3
