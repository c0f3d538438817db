/* Corpus: loop conditions and constant conditions. */
volatile int in_n = 5;
int hits;

int while_loop(int n, int stop)
{
    int i = 0;
    /*@dec while: and({i < n},{i != stop}) */ /*@cov outcomes=TF uc=1,2 mask=1,2 */
    while (i < n && i != stop)
        i++;
    return i;
}

int for_loop(int n)
{
    int s = 0;
    /*@dec for: or({i < n},{i == 0}) */ /*@cov outcomes=TF uc=1,2 mask=1,2 */
    for (int i = 0; i < n || i == 0; i++)
        s += i;
    return s;
}

int for_no_cond(int n)
{
    int s = 0;
    for (;;) {
        s++;
        /*@dec if: {s >= n} */ /*@cov outcomes=TF uc=1 mask=1 */
        if (s >= n)
            break;
    }
    return s;
}

int do_loop(int n, int m)
{
    int i = 0;
    do {
        i++;
    } while (i < n || /*@dec do-while: or({i < n},not({m})) */ /*@cov outcomes=TF uc=1 mask=1 */
             !m);
    return i;
}

int constants(int n)
{
    int s = 0;
    /*@dec while const: const:{1} */ /*@cov outcomes=T uc= mask= */
    while (1) {
        s++;
        /*@dec if: and({s > n},const:{2}) */ /*@cov outcomes=TF uc=1 mask=1 */
        if (s > n && 2)
            break;
    }
    /*@dec if const: const:{0} */ /*@cov outcomes=F uc= mask= */
    if (0)
        s = 100;
    /*@dec if: and(const:{sizeof(int) == 4},{n}) */ /*@cov outcomes=TF uc=2 mask=2 */
    if (sizeof(int) == 4 && n)
        s++;
    return s;
}

int main(void)
{
    int s = 0;
    s += while_loop(in_n, 9) + while_loop(in_n, 2);
    s += for_loop(3) + for_loop(0);
    s += for_no_cond(3);
    s += do_loop(3, 1) + do_loop(0, 1);
    s += constants(2) + constants(0);
    hits = s;
    return s == 22 ? 0 : 1; /*@dec ternary: {s == 22} */ /*@cov outcomes=T uc= mask= */
}
