/* annotated: straight-line code, if/else, several statements per line. */
volatile int in_a = 4, in_b = 9;
volatile int sink;

static int pick(int a, int b)
{
    int r = 0;  // @+
    if (a > b)  // @+
        r = a;  // @+ Og@.
    else
        r = b;  // @+ Og@?
    if (a == 100) { r = 0; sink = 1; }  // @!
    sink = r; if (r > 50) sink = 2;  // @!
    return r;  // @+
}

int main(void)
{
    int a = in_a, b = in_b;  // @+
    sink = pick(a, b);  // @+
    sink = pick(b, a);  // @+
    if (sink < 0)  // @+
        sink = 0;  // @-
    return 0;  // @+
}
