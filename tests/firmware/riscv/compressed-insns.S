/* Every RV32C instruction (quadrants 0-2) written explicitly, each result
 * checked: c.addi4spn c.lw c.sw c.nop c.addi c.jal c.li c.addi16sp c.lui
 * c.srli c.srai c.andi c.sub c.xor c.or c.and c.j c.beqz c.bnez c.slli
 * c.lwsp c.jr c.mv c.ebreak (in trap-ecall-ebreak-m) c.jalr c.add c.swsp.
 * Results go through s0/s1 (x8/x9, reachable by the 3-bit register
 * fields). */
#include "asmtest.h"

    .text
    .globl main
main:
    ASM_MAIN_ENTER
    .option push
    .option rvc
    addi    sp, sp, -64

    c.li    s0, 31
    CHECK("c.li 31", s0, 31)
    c.li    s0, -32
    CHECK("c.li -32", s0, -32)
    c.addi  s0, 5
    CHECK("c.addi", s0, -27)
    c.lui   s0, 0x1f
    CHECK("c.lui 0x1f", s0, 0x1f000)
    c.lui   s0, 0xfffe0
    CHECK("c.lui negative", s0, 0xfffe0000)
    c.li    s0, -1
    c.srli  s0, 4
    CHECK("c.srli", s0, 0x0fffffff)
    c.li    s0, -16
    c.srai  s0, 2
    CHECK("c.srai", s0, -4)
    c.li    s0, 0x15
    c.slli  s0, 27
    CHECK("c.slli", s0, 0xa8000000)
    c.li    s0, 0x1b
    c.andi  s0, -6
    CHECK("c.andi", s0, 0x1a)
    c.li    s0, 12
    c.li    s1, 5
    c.sub   s0, s1
    CHECK("c.sub", s0, 7)
    c.li    s0, 12
    c.xor   s0, s1
    CHECK("c.xor", s0, 9)
    c.li    s0, 12
    c.or    s0, s1
    CHECK("c.or", s0, 13)
    c.li    s0, 12
    c.and   s0, s1
    CHECK("c.and", s0, 4)
    c.li    s0, 3
    c.add   s0, s1
    CHECK("c.add", s0, 8)
    c.mv    s0, s1
    CHECK("c.mv", s0, 5)
    c.nop
    /* Stack-relative: c.swsp / c.lwsp / c.addi4spn / c.addi16sp. */
    li      s1, 0x5a5a1234
    c.swsp  s1, 12(sp)
    c.lwsp  s0, 12(sp)
    CHECK("c.swsp/c.lwsp", s0, 0x5a5a1234)
    c.addi4spn s0, sp, 8
    sub     s0, s0, sp
    CHECK("c.addi4spn", s0, 8)
    mv      s1, sp
    c.addi16sp sp, -32
    sub     s0, s1, sp
    c.addi16sp sp, 32
    CHECK("c.addi16sp", s0, 32)
    /* c.sw / c.lw with an offset. */
    addi    s1, sp, 16
    li      s0, 0x600dcafe
    c.sw    s0, 4(s1)
    c.li    s0, 0
    c.lw    s0, 4(s1)
    CHECK("c.sw/c.lw", s0, 0x600dcafe)
    /* Control flow. */
    c.li    s0, 0
    c.j     1f
    c.li    s0, 1
1:  CHECK("c.j", s0, 0)
    c.li    s0, 0
    c.beqz  s0, 2f
    c.li    s0, 1
2:  CHECK("c.beqz taken", s0, 0)
    c.li    s0, 3
    c.beqz  s0, 3f
    c.li    s0, 4
3:  CHECK("c.beqz not taken", s0, 4)
    c.bnez  s0, 4f
    c.li    s0, 9
4:  CHECK("c.bnez taken", s0, 4)
    c.li    s1, 0
    c.bnez  s1, 5f
    c.li    s1, 6
5:  CHECK("c.bnez not taken", s1, 6)
    c.jal   twice                       /* a0 = 2 * a0 */
    la      s0, twice
    c.li    a0, 21
    c.jalr  s0
    mv      s0, a0
    CHECK("c.jal/c.jalr/c.jr", s0, 42)

    addi    sp, sp, 64
    .option pop
    ASM_MAIN_LEAVE

    .option push
    .option rvc
twice:
    c.add   a0, a0
    c.jr    ra
    .option pop
