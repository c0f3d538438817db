/*
 * tests/isa/riscv/progs/libc_mix.c - ordinary C that pulls in a good slice
 * of picolibc (formatted output, sorting, strings, soft-float and 64-bit
 * arithmetic helpers), so the objdump-agreement test sees real compiler
 * and library code.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int table[64];
int scale = 5;

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

long long mix64(long long a, long long b)
{
    return a * b / (b + 1) + (a % (b | 1)) - ((unsigned long long)a >> 7);
}

unsigned classify(unsigned v)
{
    switch (v & 15) {
    case 0: return 3;
    case 1: return v * 7;
    case 2: return v ^ 0x55;
    case 3: return v >> 3;
    case 5: return v + 11;
    case 8: return v - 9;
    case 13: return ~v;
    default: return v;
    }
}

int main(int argc, char **argv)
{
    char buf[96];
    unsigned acc = 0;

    for (int i = 0; i < 64; i++)
        table[i] = (i * scale) ^ (i << 3);
    qsort(table, 64, sizeof(int), cmp_int);
    for (int i = 0; i < 64; i++)
        acc += classify((unsigned)table[i]);
    snprintf(buf, sizeof buf, "%d %s %f %lld", table[argc & 63], argc ? argv[0] : "-",
             3.5 * argc, mix64(argc, 7));
    printf("%s %u %g\n", buf, acc, sqrt((double)argc + 0.5));
    return (int)strlen(buf) + (strchr(buf, '3') != NULL);
}
