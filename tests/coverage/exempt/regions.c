/* exempt corpus: exemption regions (docs/coverage-semantics.md §6), one met, one violated,
 * one over a whole decision, one opened and closed on code lines.  Expected marks per
 * line in the `// @M` notation of tests/coverage/annotated.py; a region's
 * expected verdict in its line's `@ex` note (check_exempt.py). */
volatile int in_a = 4, in_b = 9;
volatile int sink;

static int checked(int a)
{
    /* xcov: exempt on "defensive: a is never negative (SRS-12)" */
    if (a < 0)  // @* Og@*
        sink = -1;  // @* Og@*
    /* xcov: exempt off */
    return a * 2;  // @+
}

static int logged(int a)
{
    /* xcov: exempt on "trace hook, covered by the system tests" */
    sink = a;  // @#
    sink = a + 1;  // @#
    // xcov: exempt off
    return a;  // @+
}

static void never_called(void)
{
    sink = 7;  // @-
}

static int both(int a, int b)
{
    int r = 0;  // @+
    /* xcov: exempt on "range checks reviewed (REV-3)" */
    if (a > 3 && b > 3)  // @# decision@# Og@#
        r = 1;  // @#
    if (a > 100 || b > 100)  // @* Og@*
        r = 2;  // @*
    /* xcov: exempt off */
    return r;  // @+
}

int main(void)
{
    sink = checked(in_a);  // @+
    sink = logged(in_b);  /* xcov: exempt on "one-line region" */ // @#
    sink = both(in_a, in_b) + both(in_b, in_a);  /* xcov: exempt off */ // @#
    if (sink == 12345)  // @+
        never_called();  // @-
    return 0;  // @+
}
