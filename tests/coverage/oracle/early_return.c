/* oracle: guard clauses and early returns. */
volatile int values[4] = {5, -3, 0, 42};
volatile int sink;

static int check(int v)
{
    if (v < 0)
        return -1;
    if (v == 0)
        return 0;
    if (v > 1000)
        return 2;
    int r = v * 2;
    if (r > 50) {
        r = 50;
        return r;
    }
    return r + 1;
}

static int find(const volatile int *a, int n, int key)
{
    for (int i = 0; i < n; i++) {
        if (a[i] == key)
            return i;
    }
    return -1;
}

int main(void)
{
    for (int i = 0; i < 4; i++)
        sink = check(values[i]);
    sink = find(values, 4, 0);
    sink = find(values, 4, 7);
    return 0;
}
