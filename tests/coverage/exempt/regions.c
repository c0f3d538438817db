/* exempt corpus: exemption regions (docs/coverage-semantics.md §6): one violated, one met,
 * one over two decisions (violated: a statement never runs), one opened and
 * closed at the end of code lines.  Every line of a region, its annotation lines included,
 * is '#' when none of its obligations was violated and '*' when one was.  Expected marks:
 * `// @M` (tests/coverage/annotated.py); expected exemptions: `@ex` (check_exempt.py). */
volatile int in_a = 4, in_b = 9;
volatile int sink, other;

static int checked(int a)
{
    /* xcov: exempt on "defensive: a is never negative (SRS-12)" */ /*@ex region 11-14 * */ // @*
    if (a < 0)  // @*
        sink = -1;  // @*
    /* xcov: exempt off */ // @*
    return a * 2;  // @+
}

static int logged(int a)
{
    /* xcov: exempt on "trace hook, covered by the system tests" */ /*@ex region 20-23 # */ // @#
    sink = a;  // @#
    sink = a + 1;  // @#
    // xcov: exempt off // @#
    return a;  // @+
}

static void never_called(void)
{
    sink = 7;  // @-
}

static void both(int a, int b)
{
    sink = 0;  // @+
    /* xcov: exempt on "range checks reviewed (REV-3)" */ /*@ex region 35-40 * */ // @*
    if (a > 3 && b > 3)  // @*
        sink = 1;  // @*
    if (a > 100 || b > 100)  // @*
        other = 2;  // @*
    /* xcov: exempt off */ // @*
    sink = 3;  // @+
}

static void pos(int a)
{
    /* xcov: exempt on "both outcomes are driven" */ /*@ex region 46-49 # */ // @#
    if (a > 5)  // @#
        other = 1;  // @#
    /* xcov: exempt off */ // @#
    sink = 0;  // @+
}

int main(void)
{
    sink = checked(in_a);  // @+
    sink = logged(in_b);  /* xcov: exempt on "one-line region" */ /*@ex region 56-57 # */ // @#
    both(in_a, in_b); both(in_b, in_a);  /* xcov: exempt off */ // @#
    pos(in_a); pos(in_b);  // @+
    if (sink == 12345)  // @+ decision@!
        never_called();  // @-
    return 0;  // @+
}
