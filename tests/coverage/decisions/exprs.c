/* Corpus: decisions outside control statements, and ternaries. */
volatile int in_a;
int hits;

static int id(int v)
{
    return v;
}

int assign(int a, int b)
{
    int x;
    x = a && b; /*@dec expr: and({a},{b}) */ /*@cov outcomes=TF uc=1,2 mask=1,2 */
    return x;
}

int init(int a, int b, int c)
{
    int x = (a || b) && c; /*@dec expr: and(or({a},{b}),{c}) */ /*@cov outcomes=TF uc=1 mask=1,3 */
    return x;
}

int ret(int a, int b)
{
    return !(a || b); /*@dec expr: not(or({a},{b})) */ /*@cov outcomes=TF uc=1,2 mask=1,2 */
}

int arg(int a, int b)
{
    return id(a && !b); /*@dec expr: and({a},not({b})) */ /*@cov outcomes=TF uc=1,2 mask=1,2 */
}

int ternary(int a, int b, int c)
{
    return (a && (b || c)) ? 10 : 20; /*@dec ternary: and({a},or({b},{c})) */ /*@cov outcomes=TF uc=1,3 mask=1,3 */
}

int ternary_simple(int a)
{
    return a > 2 ? 1 : 0; /*@dec ternary: {a > 2} */ /*@cov outcomes=TF uc=1 mask=1 */
}

int nested_in_condition(int a, int b, int c)
{
    /*@dec if: and({id(a || b)},{c}) */ /*@dec expr: or({a},{b}) */ /*@cov col=9 outcomes=TF uc=1,2 mask=1,2 */ /*@cov col=12 outcomes=TF uc=1,2 mask=1,2 */
    if (id(a || b) && c)
        return 1;
    return 0;
}

int ternary_in_condition(int a, int b, int c)
{
    /*@dec if: or({a ? b : c},{a == 7}) */ /*@dec ternary: {a} */ /*@cov col=9 outcomes=TF uc=1,2 mask=1,2 */ /*@cov col=10 outcomes=TF uc=1 mask=1 */
    if ((a ? b : c) || a == 7)
        return 1;
    return 0;
}

int main(void)
{
    int s = 0;
    s += assign(1, 1) + assign(1, 0) + assign(0, 1);
    s += init(1, 0, 1) + init(0, 0, 1) + init(0, 1, 0);
    s += ret(0, 0) + ret(1, 0) + ret(0, 1);
    s += arg(1, 0) + arg(1, 1) + arg(0, 0);
    s += ternary(1, 0, 1) + ternary(1, 0, 0) + ternary(0, 1, 1);
    s += ternary_simple(in_a + 3) + ternary_simple(in_a);
    s += nested_in_condition(0, 1, 1) + nested_in_condition(0, 0, 1) + nested_in_condition(1, 0, 0);
    s += ternary_in_condition(1, 1, 0) + ternary_in_condition(0, 1, 0) +
         ternary_in_condition(7, 0, 0);
    hits = s;
    return 0;
}
