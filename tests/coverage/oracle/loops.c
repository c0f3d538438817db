/* oracle: for/while/do-while loops, nested loops, break and continue. */
volatile int input_n = 10;
volatile int sink;

static int sum_to(int n)
{
    int s = 0;
    for (int i = 1; i <= n; i++)
        s += i;
    return s;
}

static int count_odd(int n)
{
    int c = 0;
    int i = 0;
    while (i < n) {
        if (i % 2 == 0) {
            i++;
            continue;
        }
        c++;
        i++;
    }
    return c;
}

static int first_multiple(int n, int k)
{
    int i = 1;
    do {
        if (i % k == 0)
            break;
        i++;
    } while (i < n);
    return i;
}

static int nested(int n)
{
    int t = 0;
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < i; j++) {
            if (j > 5)
                break;
            t += j;
        }
    }
    return t;
}

static int never_loops(int n)
{
    int t = 0;
    while (n > 100) {
        t++;
        n--;
    }
    return t;
}

int main(void)
{
    int n = input_n;
    sink = sum_to(n);
    sink = count_odd(n);
    sink = first_multiple(n, 4);
    sink = nested(n);
    sink = never_loops(n);
    return 0;
}
