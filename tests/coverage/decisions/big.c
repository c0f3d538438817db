/* Corpus: a decision with 12 conditions (beyond the 10+ of issue 8), over several lines. */
volatile int in_v;
int hits;

int big(const int *v)
{
    /*@dec if: or(or(or(and(and({v[0]},{v[1]}),{v[2]}),and({v[3]},or({v[4]},{v[5]}))),and(and({v[6]},not({v[7]})),or({v[8]},{v[9]}))),and({v[10]},{v[11]})) */ /*@cov outcomes=TF uc=1,3,4,6,7,8,12 mask=1,3,4,6,7,8,11,12 */
    if ((v[0] && v[1] && v[2]) ||
        (v[3] && (v[4] || v[5])) ||
        (v[6] && !v[7] && (v[8] || v[9])) ||
        (v[10] && v[11]))
        return 1;
    return 0;
}

int main(void)
{
    static const int vec[][12] = {
        {1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0},
        {1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
        {0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0},
        {0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0},
        {0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0},
        {0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 0, 0},
        {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1},
        {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0},
    };
    int s = 0;
    for (unsigned i = 0; i < sizeof vec / sizeof vec[0]; i++) /*@dec for: {i < sizeof vec / sizeof vec[0]} */ /*@cov outcomes=TF uc=1 mask=1 */
        s += big(vec[i]);
    hits = s;
    return 0;
}
