/* annotated: functions never called, recursion, a small static function. */
volatile int arg = 4;
volatile int sink;

int unused(int v)
{
    int w = v * 2;  // @-
    return w + 1;  // @-
}

static int square(int v)
{
    return v * v;  // @+
}

static inline __attribute__((always_inline)) int twice(int v)
{
    return v + v;  // @+
}

static inline __attribute__((always_inline)) int never_inlined_here(int v)
{
    return v - 1;  // @-
}

static int fact(int n)
{
    if (n <= 1)  // @+
        return 1;  // @+ Og@?
    return n * fact(n - 1);  // @+
}

int main(void)
{
    sink = square(arg);  // @+
    sink = fact(arg);  // @+
    sink = twice(arg);  // @+
    if (sink == 1)  // @+
        sink = never_inlined_here(arg);  // @-
    if (sink == 0)  // @+
        sink = unused(arg);  // @-
    return 0;  // @+
}
