/* symbolize test program, CU 1: entry, loops, switch, inlining. */
#include "inl.h"

volatile int sink;
static int table[16];

static inline int square(int x) { return x * x; }

static int step(int i)
{
    int r = 0;
    for (int k = 0; k < i; k++) { r += square(k); if (r > 1000) break; }
    return clamp(r, 0, 500);
}

static int dispatch(int op, int a, int b)
{
    switch (op) {
    case 0: return a + b;
    case 1: return a - b;
    case 2: return a * b;
    case 3: return b ? a / b : 0;
    case 4: return a << (b & 7);
    case 5: return a >> (b & 7);
    default: return -1;
    }
}

int main(void)
{
    int acc = 0;
    for (int i = 0; i < 16; i++)
        table[i] = step(i) + dispatch(i % 7, i, 3);
    acc = util_sum(table, 16);
    acc += util_classify(acc) ? 1 : 2; sink = acc;
    sink = (int)mix((unsigned)acc, util_hash("symbolize"));
    acc += nodebug_twice(acc);
    return acc > 0 && sink != 0;
}

void _start(void)
{
    sink = main();
    for (;;)
        ;
}
