/*
 * tests/isa/arm/arm_dis_tool.c - feed halfwords to the ARMv7-M decoder.
 *
 * stdin lines:  "ADDR HW1 [HW2]" (hex) -> prints "ADDR\tTEXT"
 *               "reset"                -> forget the IT state (new symbol)
 * The IT state is carried from line to line as in a linear disassembly.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "emu/isa/arm/arm_isa.h"

int main(void)
{
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
