/* A real program: insertion sort, heap sort and an iterative quicksort of
 * pseudo-random arrays (xorshift32), checked sorted and checksummed. */
#include "rt.h"

#define N 300

static uint32_t rng = 2463534242u;
static int32_t a[N], b[N], c[N];

static uint32_t xorshift32(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static void insertion_sort(int32_t *v, int n)
{
    for (int i = 1; i < n; i++) {
        int32_t x = v[i];
        int j = i - 1;
        while (j >= 0 && v[j] > x) {
            v[j + 1] = v[j];
            j--;
        }
        v[j + 1] = x;
    }
}

static void sift_down(int32_t *v, int start, int end)
{
    int root = start;
    while (2 * root + 1 <= end) {
        int child = 2 * root + 1, swap = root;
        if (v[swap] < v[child])
            swap = child;
        if (child + 1 <= end && v[swap] < v[child + 1])
            swap = child + 1;
        if (swap == root)
            return;
        int32_t t = v[root];
        v[root] = v[swap];
        v[swap] = t;
        root = swap;
    }
}

static void heap_sort(int32_t *v, int n)
{
    for (int start = (n - 2) / 2; start >= 0; start--)
        sift_down(v, start, n - 1);
    for (int end = n - 1; end > 0; end--) {
        int32_t t = v[end];
        v[end] = v[0];
        v[0] = t;
        sift_down(v, 0, end - 1);
    }
}

static void quick_sort(int32_t *v, int n)
{
    int stack[64], sp = 0;
    stack[sp++] = 0;
    stack[sp++] = n - 1;
    while (sp) {
        int hi = stack[--sp], lo = stack[--sp];
        if (lo >= hi)
            continue;
        int32_t pivot = v[(lo + hi) / 2];
        int i = lo, j = hi;
        while (i <= j) {
            while (v[i] < pivot)
                i++;
            while (v[j] > pivot)
                j--;
            if (i <= j) {
                int32_t t = v[i];
                v[i] = v[j];
                v[j] = t;
                i++;
                j--;
            }
        }
        stack[sp++] = lo;
        stack[sp++] = j;
        stack[sp++] = i;
        stack[sp++] = hi;
    }
}

static int is_sorted(const int32_t *v, int n)
{
    for (int i = 1; i < n; i++)
        if (v[i - 1] > v[i])
            return 0;
    return 1;
}

static uint32_t checksum(const int32_t *v, int n)
{
    uint32_t h = 2166136261u;
    for (int i = 0; i < n; i++)
        h = (h ^ (uint32_t)v[i]) * 16777619u;
    return h;
}

int main(void)
{
    for (int i = 0; i < N; i++)
        a[i] = b[i] = c[i] = (int32_t)(xorshift32() % 2000u) - 1000;
    insertion_sort(a, N);
    heap_sort(b, N);
    quick_sort(c, N);
    rt_check("insertion sorted", is_sorted(a, N), 1);
    rt_check("heap sorted", is_sorted(b, N), 1);
    rt_check("quick sorted", is_sorted(c, N), 1);
    rt_check("heap == insertion", checksum(b, N), checksum(a, N));
    rt_check("quick == insertion", checksum(c, N), checksum(a, N));
    rt_print_val("checksum", checksum(a, N));
    rt_print_val("min", (uint32_t)a[0]);
    rt_print_val("max", (uint32_t)a[N - 1]);
    return rt_done();
}
