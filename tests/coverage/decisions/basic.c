/* Corpus: basic decision shapes.  Annotations: see README in this folder.
 * @dec KIND[ macro][ const]: TREE  -- alone on a line: the decision starts on the next line;
 * after code: on this line. */
volatile int in_a, in_b, in_c, in_d;
int hits;

int single(int a)
{
    /*@dec if: {a > 3} */ /*@cov outcomes=TF uc=1 mask=1 */
    if (a > 3)
        return 1;
    return 0;
}

int both(int a, int b)
{
    if (a && b) /*@dec if: and({a},{b}) */ /*@cov outcomes=TF uc=1,2 mask=1,2 */
        return 1;
    return 0;
}

int either(int a, int b)
{
    /*@dec if: or({a == 1},{b != 2}) */ /*@cov outcomes=TF uc=1,2 mask=1,2 */
    if (a == 1 || b != 2)
        return 1;
    return 0;
}

int mixed(int a, int b, int c)
{
    /*@dec if: or(and({a},{b}),{c}) */ /*@cov outcomes=TF uc=2,3 mask=2,3 */
    if (a && b || c)
        return 1;
    return 0;
}

int negations(int a, int b, int c)
{
    /*@dec if: and(not({a}),not(or({b},not({c})))) */ /*@cov outcomes=TF uc=1,2,3 mask=1,2,3 */
    if (!a && !(b || !c))
        return 1;
    return 0;
}

int nested_parens(int a, int b, int c, int d)
{
    /*@dec if: and({a},or(and({b},{c}),{d})) */ /*@cov outcomes=TF uc=1,2 mask=1,2,4 */
    if (((a)) && ((b && (c)) || d))
        return 1;
    return 0;
}

int two_lines(int a, int b, int c)
{
    /*@dec if: and({a < 10},or({b},{c})) */ /*@cov outcomes=TF uc=1,3 mask=1,3 */
    if (a < 10 &&
	(b || c))	/* a tab counts one column */
        return 1;
    return 0;
}

int chain(int a, int b, int c, int d)
{
    int r = 0;
    /*@dec if: {a} */ /*@cov outcomes=TF uc=1 mask=1 */
    if (a)
        r = 1;
    /*@dec if: and({b},{c}) */ /*@cov outcomes=TF uc=1,2 mask=1,2 */
    else if (b && c)
        r = 2;
    /*@dec if: {d == 0} */ /*@cov outcomes=TF uc=1 mask=1 */
    else if (d == 0)
        r = 3;
    return r;
}

int main(void)
{
    int s = 0;
    s += single(in_a + 5) + single(in_a);
    s += both(1, 1) + both(1, 0) + both(0, 1);
    s += either(1, 2) + either(0, 2) + either(0, 3);
    s += mixed(1, 1, 0) + mixed(1, 0, 0) + mixed(0, 0, 1) + mixed(1, 0, 1);
    s += negations(0, 0, 1) + negations(1, 0, 1) + negations(0, 1, 0) + negations(0, 0, 0);
    s += nested_parens(1, 1, 1, 0) + nested_parens(1, 0, 1, 0) + nested_parens(1, 1, 0, 1) +
         nested_parens(0, 1, 1, 1);
    s += two_lines(3, 0, 1) + two_lines(30, 1, 1) + two_lines(3, 0, 0);
    s += chain(1, 0, 0, 0) + chain(0, 1, 1, 0) + chain(0, 1, 0, 0) + chain(0, 0, 0, 1);
    hits = s;
    return s == 17 ? 0 : 1; /*@dec ternary: {s == 17} */ /*@cov outcomes=T uc= mask= */
}
