/* A small program for the check-build verdicts: one decision per function. */
int cb_f(int a, int b);
int cb_f(int a, int b)
{
    if (a && b)
        return 1;
    return 0;
}
