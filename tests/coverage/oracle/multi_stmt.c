/* oracle: several statements on one line; conditional expressions. */
volatile int in_a = 3, in_b = 0;
volatile int sink;

static int mix(int a, int b)
{
    int x = a; int y = b; int z = 0;
    if (a > b) z = a; else z = b;
    if (a < 0) { x = -a; y = 1; }
    z += x + y; x = 0;
    return a ? z : -z;
}

static int loop_line(int n)
{
    int s = 0; for (int i = 0; i < n; i++) s += i; return s;
}

int main(void)
{
    sink = mix(in_a, in_b);
    sink = mix(in_b, in_a);
    sink = loop_line(in_a);
    return 0;
}
