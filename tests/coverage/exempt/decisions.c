/* exempt corpus: finer exemptions (docs/coverage-semantics.md §6): one decision outcome
 * or one condition of the decisions starting on the annotation's line, violated and met,
 * and two that find nothing to exempt (a warning at the levels where they could).  At
 * stmt they exempt nothing ('0' in @ex: listed, no obligation); a line whose only missing
 * obligations are exempted is '*' ('#' when they were met).  Expected marks: `// @M`
 * (tests/coverage/annotated.py); exemptions: `@ex`; warnings: `@warn` (check_exempt.py). */
volatile int in_a = 4, in_b = 9, in_p = 1;
volatile int sink, other;

static void guard(int p)
{
    if (p == 0)  /* xcov: exempt decision true "p is checked by every caller (SRS-20)" */ /*@ex decision-true 12 0 decision@* */ // @+ decision@* mcdc@!
        other = -1;  // @-
    sink = p;  // @+
}

static void both_pos(int a, int b)
{
    if (a > 0 && b > 0)  /* xcov: exempt condition 2 "b is a positive hardware constant" */ /*@ex condition:2 19 0 mcdc@* */ // @+ mcdc@*
        sink = 1;  // @+
    other = 0;  // @+
}

static int count_to(int n)
{
    int i = 0;  // @+
    while (i < n)  /* xcov: exempt decision false "met: the loop ends" */ /*@ex decision-false 27 0 decision@# */ // @+ decision@#
        sink = i++;  // @+
    return i;  // @+
}

static void misplaced(int a)
{
    sink = a;  /* xcov: exempt decision true "no decision here" */ /*@ex decision-true 34 0 */ /*@warn decision "no decision starts on this line" */ // @+
    if (a != 0)  /* xcov: exempt condition 3 "only one condition" */ /*@ex condition:3 35 0 */ /*@warn mcdc "no decision of 3 or more conditions" */ // @+ decision@!
        other = 1;  // @+
    sink = 0;  // @+
}

int main(void)
{
    guard(in_p);  // @+
    both_pos(in_a, in_b); both_pos(0, in_b);  // @+
    sink = count_to(in_a);  // @+
    misplaced(in_a);  // @+
    return 0;  // @+
}
