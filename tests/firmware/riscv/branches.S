/* Every conditional branch (beq bne blt bge bltu bgeu) both taken and not
 * taken, on signed/unsigned boundary values, forward and backward, plus a
 * loop counted by a backward branch.  Each case records 1 when taken. */
#include "asmtest.h"

/* BR("name", op, a, b, expected_taken) */
#define BR(name, op, a, b, exp)     \
    li      s1, a;                  \
    li      s2, b;                  \
    li      s3, 1;                  \
    op      s1, s2, 8f;             \
    li      s3, 0;                  \
8:  CHECK(name, s3, exp)

    .text
    .globl main
main:
    ASM_MAIN_ENTER
    BR("beq 5 5", beq, 5, 5, 1)
    BR("beq 5 6", beq, 5, 6, 0)
    BR("bne 5 6", bne, 5, 6, 1)
    BR("bne -1 -1", bne, -1, -1, 0)
    BR("blt -1 0", blt, -1, 0, 1)
    BR("blt 0 -1", blt, 0, -1, 0)
    BR("blt min max", blt, 0x80000000, 0x7fffffff, 1)
    BR("blt eq", blt, 7, 7, 0)
    BR("bge 0 -1", bge, 0, -1, 1)
    BR("bge eq", bge, 7, 7, 1)
    BR("bge min 0", bge, 0x80000000, 0, 0)
    BR("bltu 0 -1", bltu, 0, -1, 1)
    BR("bltu -1 0", bltu, -1, 0, 0)
    BR("bltu eq", bltu, 3, 3, 0)
    BR("bgeu -1 0", bgeu, -1, 0, 1)
    BR("bgeu 0 -1", bgeu, 0, -1, 0)
    BR("bgeu eq", bgeu, 0x80000000, 0x80000000, 1)

    /* Backward branch loop: sum 1..100. */
    li      s1, 0
    li      s2, 100
1:  add     s1, s1, s2
    addi    s2, s2, -1
    bnez    s2, 1b
    CHECK("loop sum 1..100", s1, 5050)

    /* Branch to a target far away (beyond the compressed range). */
    li      s3, 0
    beqz    zero, 2f
    .skip   2000, 0
2:  li      s3, 1
    CHECK("far forward branch", s3, 1)
    /* Branch on x0 to itself not taken: bne x0, x0 never loops. */
    li      s3, 1
3:  bne     x0, x0, 3b
    CHECK("bne x0 x0 falls through", s3, 1)
    ASM_MAIN_LEAVE
