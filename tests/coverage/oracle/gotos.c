/* oracle: goto for error handling and loops built from labels. */
volatile int cfg[3] = {1, 0, 3};
volatile int sink;

static int setup(int a, int b)
{
    int state = 0;
    if (a == 0)
        goto fail_a;
    state = 1;
    if (b == 0)
        goto fail_b;
    state = 2;
    return state;
fail_b:
    state = -2;
fail_a:
    state -= 1;
    return state;
}

static int count_down(int n)
{
    int steps = 0;
again:
    if (n <= 0)
        goto done;
    n--;
    steps++;
    goto again;
done:
    return steps;
}

static int unused_goto(int x)
{
    if (x)
        goto out;
    x = 7;
out:
    return x;
}

int main(void)
{
    sink = setup(cfg[0], cfg[2]);
    sink = setup(cfg[0], cfg[1]);
    sink = count_down(cfg[2]);
    sink = unused_goto(cfg[0]);
    return 0;
}
