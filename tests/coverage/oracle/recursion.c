/* oracle: direct and mutual recursion. */
volatile int arg = 6;
volatile int sink;

static int fact(int n)
{
    if (n <= 1)
        return 1;
    return n * fact(n - 1);
}

static int fib(int n)
{
    if (n < 2)
        return n;
    return fib(n - 1) + fib(n - 2);
}

static int is_odd(int n);

static int is_even(int n)
{
    if (n == 0)
        return 1;
    return is_odd(n - 1);
}

static int is_odd(int n)
{
    if (n == 0)
        return 0;
    return is_even(n - 1);
}

static int depth(int n, int limit)
{
    if (n > limit)
        return -1;
    if (n == 0)
        return 0;
    return 1 + depth(n - 1, limit);
}

int main(void)
{
    sink = fact(arg);
    sink = fib(arg);
    sink = is_even(arg);
    sink = depth(arg, 100);
    return 0;
}
