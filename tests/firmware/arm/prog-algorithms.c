/* A realistic freestanding C program: table-driven CRC-32, an in-place
 * quicksort, a sieve of Eratosthenes, a tokenizer state machine over a
 * string, and a fixed-point IIR filter; every result is checked against a
 * constant computed independently.  Built at -O2 and -Os. */
#include "rt.h"

static uint32_t crc_table[256];

static void crc_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}

static uint32_t crc32(const uint8_t *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    while (n--)
        c = crc_table[(c ^ *p++) & 0xff] ^ (c >> 8);
    return c ^ 0xffffffffu;
}

static void quicksort(int32_t *a, int lo, int hi)
{
    while (lo < hi) {
        int32_t pivot = a[(lo + hi) / 2];
        int i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot)
                i++;
            while (a[j] > pivot)
                j--;
            if (i <= j) {
                int32_t t = a[i];
                a[i] = a[j];
                a[j] = t;
                i++;
                j--;
            }
        }
        if (j - lo < hi - i) {
            quicksort(a, lo, j);
            lo = i;
        } else {
            quicksort(a, i, hi);
            hi = j;
        }
    }
}

static uint8_t sieve[2000];

enum tok { T_SPACE, T_WORD, T_NUM };

/* Counts words, numbers and the sum of the numbers in s. */
static void tokenize(const char *s, uint32_t *words, uint32_t *nums, uint32_t *sum)
{
    enum tok st = T_SPACE;
    uint32_t v = 0;
    *words = *nums = *sum = 0;
    for (;; s++) {
        char c = *s;
        int digit = c >= '0' && c <= '9';
        int alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        switch (st) {
        case T_SPACE:
            if (digit) {
                st = T_NUM;
                v = (uint32_t)(c - '0');
            } else if (alpha) {
                st = T_WORD;
            }
            break;
        case T_WORD:
            if (!digit && !alpha) {
                (*words)++;
                st = T_SPACE;
            }
            break;
        case T_NUM:
            if (digit) {
                v = v * 10 + (uint32_t)(c - '0');
            } else {
                (*nums)++;
                *sum += v;
                st = alpha ? T_WORD : T_SPACE;
            }
            break;
        }
        if (!c)
            break;
    }
}

int main(void)
{
    crc_init();
    static const char text[] = "The quick brown fox jumps over the lazy dog";
    rt_check("crc32 fox", crc32((const uint8_t *)text, sizeof text - 1), 0x414fa339);
    rt_check("crc32 123456789", crc32((const uint8_t *)"123456789", 9), 0xcbf43926);

    static int32_t arr[200];
    uint32_t s = 1;
    int64_t sum = 0;
    for (int i = 0; i < 200; i++) {
        s = s * 1664525u + 1013904223u;
        arr[i] = (int32_t)(s >> 12) - 0x40000;
        sum += arr[i];
    }
    quicksort(arr, 0, 199);
    uint32_t sorted = 1;
    int64_t sum2 = 0;
    for (int i = 0; i < 200; i++) {
        sum2 += arr[i];
        if (i && arr[i - 1] > arr[i])
            sorted = 0;
    }
    rt_check("quicksort sorted", sorted, 1);
    rt_check("quicksort sum kept", (uint32_t)(sum2 == sum), 1);

    for (int i = 2; i < 2000; i++)
        sieve[i] = 1;
    for (int i = 2; i * i < 2000; i++)
        if (sieve[i])
            for (int j = i * i; j < 2000; j += i)
                sieve[j] = 0;
    uint32_t primes = 0, last = 0;
    for (int i = 2; i < 2000; i++)
        if (sieve[i]) {
            primes++;
            last = (uint32_t)i;
        }
    rt_check("primes below 2000", primes, 303);
    rt_check("largest prime", last, 1999);

    uint32_t w, n, total;
    tokenize("abc 12 de4f 7 x_y 100 200end 3", &w, &n, &total);
    rt_check("words", w, 4);
    rt_check("numbers", n, 5);
    rt_check("number sum", total, 322);

    /* First-order IIR low-pass in Q16: y += (x - y) / 8, step input. */
    int32_t y = 0;
    for (int i = 0; i < 40; i++)
        y += ((65536 * 100) - y) >> 3;
    rt_check("iir after 40 steps", (uint32_t)(y >> 16), 99);
    return rt_done();
}
