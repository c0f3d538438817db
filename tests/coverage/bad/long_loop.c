/* bad-input test: a run long enough to fill several trace frames, so that a
 * truncated trace still holds complete frames to recover. */
#ifndef ITERATIONS
#define ITERATIONS 6000000
#endif
volatile unsigned seed = 12345;
volatile unsigned sink;

static unsigned step(unsigned x)
{
    if (x & 1)
        return x * 3 + 1;
    return x / 2;
}

int main(void)
{
    unsigned x = seed, odd = 0;
    for (unsigned i = 0; i < ITERATIONS; i++) {
        x = step(x ^ i);
        if (x & 4)
            odd++;
    }
    sink = odd;
    if (sink == 0xffffffffu)
        sink = 0;
    return 0;
}
