/* lui loads the upper 20 bits and clears the low 12; auipc adds the upper
 * immediate to its own pc (checked against la/label arithmetic and against
 * a jal's link value). */
#include "asmtest.h"

    .text
    .globl main
main:
    ASM_MAIN_ENTER
    lui     s0, 0x12345
    CHECK("lui 0x12345", s0, 0x12345000)
    lui     s0, 0xfffff
    CHECK("lui 0xfffff", s0, 0xfffff000)
    lui     s0, 0x80000
    CHECK("lui 0x80000", s0, 0x80000000)
    lui     s0, 0
    CHECK("lui 0", s0, 0)
    /* lui + addi with a negative low part (the %hi/%lo carry). */
    lui     s0, %hi(0x1234f800)
    addi    s0, s0, %lo(0x1234f800)
    CHECK("lui+addi carry", s0, 0x1234f800)

    /* auipc 0 gives the address of the auipc itself. */
1:  auipc   s0, 0
    la      s1, 1b
    sub     s2, s0, s1
    CHECK("auipc 0 == own pc", s2, 0)
    /* auipc 1 gives pc + 0x1000. */
2:  auipc   s0, 1
    la      s1, 2b
    sub     s2, s0, s1
    CHECK("auipc 1 - pc", s2, 0x1000)
    /* auipc 0xfffff gives pc - 0x1000. */
3:  auipc   s0, 0xfffff
    la      s1, 3b
    sub     s2, s1, s0
    CHECK("pc - auipc -1", s2, 0x1000)
    /* auipc agrees with the link address written by jal. */
    jal     s1, 4f
4:  auipc   s0, 0
    sub     s2, s0, s1
    CHECK("auipc == jal link", s2, 0)
    /* Text is linked at 0x80000000: the upper bits are the RAM base. */
    auipc   s0, 0
    srli    s0, s0, 24
    CHECK("auipc in RAM", s0, 0x80)
    ASM_MAIN_LEAVE
