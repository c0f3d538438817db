/* bench/riscv/decisions.c - a decision-heavy workload for xcov's decision
 * levels (issue 8): millions of evaluations of decisions with &&, ||, !,
 * mixed and nested conditions, in if / while / for / ?: / expression form,
 * fed by a pseudo-random generator so that every decision sees many
 * different condition vectors.  Built at -O0 (bench/meson.build), where
 * xcov maps decisions (docs/coverage-semantics.md §4: `xcov check-build`
 * says "reliable").  Prints a checksum and the rounds run. */
#include <stdint.h>

#include "rt.h"

#define ROUNDS 400000

static uint32_t seed = 0x2545F491u;

static uint32_t next_random(void)
{
    /* xorshift32 */
    seed ^= seed << 13;
    seed ^= seed >> 17;
    seed ^= seed << 5;
    return seed;
}

static int classify(int a, int b, int c, int d)
{
    int k = 0;
    if (a > 3 && b < 5)
        k += 1;
    if (a == 1 || b != 2 || c > 6)
        k += 2;
    if ((a && b) || (c && !d))
        k += 4;
    if (!(a > 4) && (b > 2 || c < 3) && d != 7)
        k += 8;
    return k;
}

static int in_range(int x, int lo, int hi)
{
    return x >= lo && x <= hi;
}

static int count_matches(const uint8_t *v, int n, int lo, int hi, int mask)
{
    int m = 0;
    for (int i = 0; i < n && m < 6; i++) {
        int x = v[i];
        if (in_range(x, lo, hi) || ((x & mask) && !(x & 1)))
            m++;
    }
    return m;
}

static int walk(const uint8_t *v, int n)
{
    int i = 0, s = 0;
    while (i < n && (v[i] != 0 || s < 3) && !(s > 40 && v[i] > 200)) {
        s += v[i] & 3;
        i++;
    }
    return s;
}

int main(void)
{
    uint32_t check = 0;
    uint8_t v[16];
    for (int r = 0; r < ROUNDS; r++) {
        uint32_t x = next_random();
        int a = (int)(x & 7), b = (int)((x >> 3) & 7), c = (int)((x >> 6) & 7);
        int d = (int)((x >> 9) & 7);
        for (int i = 0; i < 16; i++)
            v[i] = (uint8_t)(next_random() >> 11);
        check = check * 31 + (uint32_t)classify(a, b, c, d);
        check += (uint32_t)count_matches(v, 16, a * 20, a * 20 + b * 16, c | 8);
        check ^= (uint32_t)walk(v, 16);
        check += (a < b && c != d) ? 3u : (d > 5 || !c) ? 5u : 7u;
        int flag = (a && !b) || (c > 2 && d < 4);
        check += (uint32_t)flag;
    }
    rt_puts("rounds ");
    rt_put_udec(ROUNDS);
    rt_puts("\nchecksum ");
    rt_put_hex(check);
    rt_nl();
    return 0;
}
