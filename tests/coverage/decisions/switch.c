/* Corpus: switch statements are listed separately (not decisions); decisions inside them
 * are ordinary decisions. */
volatile int in_k;
int hits;

int classify(int k, int flag)
{
    int r = 0;
    switch (k) { /*@switch cases=4 */
    case 0:
        r = 1;
        break;
    case 1:
    case 2:
        /*@dec if: or({flag},{k == 2}) */ /*@cov outcomes=TF uc=1,2 mask=1,2 */
        if (flag || k == 2)
            r = 2;
        break;
    default:
        r = 3;
        break;
    }
    return r;
}

int nested(int a, int b)
{
    switch (a + b) { /*@switch cases=2 */
    case 1:
        switch (a) { /*@switch cases=1 */
        case 1:
            return 5;
        }
        return 4;
    default:
        return a && b; /*@dec expr: and({a},{b}) */ /*@cov outcomes=TF uc=1 mask=1 */
    }
}

int main(void)
{
    int s = 0;
    s += classify(0, 0) + classify(1, 0) + classify(1, 1) + classify(2, 0) + classify(9, 0);
    s += nested(1, 0) + nested(0, 1) + nested(1, 1) + nested(0, 0);
    hits = s;
    return 0;
}
