/* Cross-run MC/DC (issue 8, docs/consolidation.md §2a): one decision, or(and(a,b),c), whose
 * evaluation vector is chosen by `pick`, set with gdb before the run.  Expected (by hand,
 * coverage-semantics §1), vectors in canonical order F-F (pick 2), F-T (pick 4),
 * TFF (pick 3), TT- (pick 1):
 *   one run alone: one vector, one outcome, no condition with a pair;
 *   the four runs together: both outcomes, c1 pair (F-F, TT-) = runs 2 and 1,
 *   c2 pair (TFF, TT-) = runs 3 and 1, c3 pair (F-F, F-T) = runs 2 and 4.
 * pick 0 (no gdb) runs all four: the single-run reference. */
volatile int pick;
int hits;

static const int args[4][3] = {{1, 1, 0}, {0, 0, 0}, {1, 0, 0}, {0, 0, 1}};

int decide(int a, int b, int c)
{
    if ((a && b) || c) /* the decision under test */
        return 1;
    return 0;
}

int main(void)
{
    int p = pick;
    for (int k = 0; k < 4; k++)
        if (p == 0 || p == k + 1)
            hits += decide(args[k][0], args[k][1], args[k][2]);
    return 0;
}
