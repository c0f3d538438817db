/* oracle: statement macros, while (1) with break, multi-line statements,
 * conditional expressions, a static array walk, unsigned wrap-around. */
#define SWAP(a, b) do { int t_ = (a); (a) = (b); (b) = t_; } while (0)
#define CLAMP(v, lo, hi) ((v) < (lo) ? (lo) : (v) > (hi) ? (hi) : (v))

volatile int data[8] = {7, 3, 9, 1, 4, 8, 2, 6};
volatile int sink;

static void sort(int *a, int n)
{
    for (int i = 0; i < n; i++)
        for (int j = n - 1; j > i; j--)
            if (a[j] < a[j - 1])
                SWAP(a[j], a[j - 1]);
}

static int search(const int *a, int n, int key)
{
    int lo = 0, hi = n - 1;
    while (1) {
        if (lo > hi)
            break;
        int mid = (lo + hi) / 2;
        if (a[mid] == key)
            return mid;
        if (a[mid] < key)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

static int weighted(int a,
                    int b,
                    int c)
{
    int r = a * 3 +
            b * 2 +
            c;
    return CLAMP(r, 0,
                 50);
}

static unsigned countdown(unsigned n)
{
    unsigned steps = 0;
    while (n-- > 0)
        steps++;
    return steps;
}

int main(void)
{
    int a[8];
    for (int i = 0; i < 8; i++)
        a[i] = data[i];
    sort(a, 8);
    sink = search(a, 8, 4);
    sink = search(a, 8, 5);
    sink = weighted(a[0], a[1],
                    a[2]);
    sink = weighted(10, 10, 10);
    sink = (int)countdown(3);
    sink = a[0] > 100 ? a[0] : -a[0];
    return 0;
}
