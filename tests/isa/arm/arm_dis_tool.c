/*
 * tests/isa/arm/arm_dis_tool.c - feed halfwords to the ARMv7-M decoder.
 *
 * stdin lines:  "ADDR HW1 [HW2]" (hex) -> prints "ADDR\tTEXT"
 *               "reset"                -> forget the IT state (new symbol)
 * The IT state is carried from line to line as in a linear disassembly.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "emu/isa/arm/arm_isa.h"

/* "gen N SEED": an assembly file of N pseudo-random encodings that our
 * decoder calls valid and architecturally predictable (no coprocessor
 * space), each as .inst, for an exact comparison with objdump. */
static int gen(unsigned long n, unsigned long long seed, bool unpred)
{
    printf("\t.syntax unified\n\t.thumb\n\t.text\n\t.globl _start\n_start:\n");
    unsigned long done = 0;
    while (done < n) {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        uint32_t r = (uint32_t)seed;
        uint16_t h1 = (uint16_t)(r >> 16), h2 = (uint16_t)r;
        if ((seed >> 40) & 1)                   /* half 16-bit, half 32-bit */
            h1 = (uint16_t)(0xe800 + h1 % 0x1800);
        ArmInsn d;
        arm_decode_hw(h1, h2, 0, &d);
        if (d.op == ARM_OP_UNDEFINED || d.op == ARM_OP_COPROC || ((d.flags & ARM_F_UNPRED) != 0) != unpred
            || d.op == ARM_OP_IT)
            continue;
        /* binutils matches its LDRT pattern before the literal form and
         * prints LDR (literal) with hw2[11:8] = 1110 as "ldrt": skip. */
        if (d.op == ARM_OP_LDR_LIT && d.len == 4 && ((h2 >> 8) & 15) == 14)
            continue;
        if (d.len == 4)
            printf("\t.inst.w 0x%04x%04x\n", h1, h2);
        else
            printf("\t.inst.n 0x%04x\n", h1);
        done++;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if ((argc == 4 || argc == 5) && strcmp(argv[1], "gen") == 0)
        return gen(strtoul(argv[2], NULL, 0), strtoull(argv[3], NULL, 0),
                   argc == 5 && strcmp(argv[4], "unpred") == 0);
    char line[256], text[256];
    ArmItState it = { 0 };
    unsigned long lineno = 0;
    while (fgets(line, sizeof line, stdin)) {
        unsigned addr, h1, h2 = 0;
        lineno++;
        if (strncmp(line, "reset", 5) == 0) {
            it.bits = 0;
            continue;
        }
        int n = sscanf(line, "%x %x %x", &addr, &h1, &h2);
        if (n < 2) {
            fprintf(stderr, "arm_dis_tool: stdin line %lu: expected 'ADDR HW1 [HW2]'\n", lineno);
            return 2;
        }
        ArmInsn d;
        arm_decode_hw((uint16_t)h1, (uint16_t)h2, addr, &d);
        if ((d.len == 4) != (n == 3)) {
            printf("%x\t<length mismatch: decoder says %u bytes>\n", addr, d.len);
            continue;
        }
        arm_it_step(&it, &d);
        arm_disasm(&d, addr, text, sizeof text);
        printf("%x\t%s\n", addr, text);
    }
    return 0;
}
