/* newlib with rdimon semihosting I/O (--specs=rdimon.specs): printf with
 * integer, string, char, padding, hex, long long and float conversions,
 * snprintf, malloc/free, qsort, strtol, a constructor; results are also
 * checked (MISMATCH on a difference).  Exit through exit() (newlib's
 * _exit: semihosting). Built at -O0 and -O2. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

static int fails, checks;
static int ctor_ran;

__attribute__((constructor)) static void ctor(void)
{
    ctor_ran = 42;
}

static void check_str(const char *name, const char *got, const char *want)
{
    checks++;
    if (strcmp(got, want) == 0) {
        printf("%s=\"%s\" ok\n", name, got);
    } else {
        fails++;
        printf("%s=\"%s\" MISMATCH expected \"%s\"\n", name, got, want);
    }
}

static void check_int(const char *name, long got, long want)
{
    checks++;
    printf("%s=%ld %s\n", name, got, got == want ? "ok" : "MISMATCH");
    if (got != want)
        fails++;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

int main(void)
{
    char buf[128];
    printf("newlib printf via semihosting\n");
    check_int("constructor", ctor_ran, 42);
    snprintf(buf, sizeof buf, "%d|%5d|%-5d|%05d|%x|%#X|%o", -42, 7, 7, 42, 0xbeef, 0xbeef, 8);
    check_str("ints", buf, "-42|    7|7    |00042|beef|0XBEEF|10");
    snprintf(buf, sizeof buf, "%s|%10s|%-4s|%c%c|%%", "abc", "right", "l", 'x', 'y');
    check_str("strings", buf, "abc|     right|l   |xy|%");
    snprintf(buf, sizeof buf, "%lld|%llx|%lu", -1234567890123LL, 0x123456789abcULL, 4000000000UL);
    check_str("long long", buf, "-1234567890123|123456789abc|4000000000");
    snprintf(buf, sizeof buf, "%.3f|%8.2f|%e|%g", 3.14159, -2.5, 12345.678, 0.0001);
    check_str("floats", buf, "3.142|   -2.50|1.234568e+04|0.0001");
    check_int("sqrt(2)*1e6", (long)(sqrt(2.0) * 1e6), 1414213);
    check_int("strtol hex", strtol("0x7fff", NULL, 16), 0x7fff);
    check_int("strtol neg", strtol("-987", NULL, 10), -987);
    check_int("atoi", atoi("  123abc"), 123);

    int n = 64;
    int *a = malloc(sizeof(int) * (size_t)n);
    check_int("malloc ok", a != NULL, 1);
    if (!a)
        return 1;
    unsigned s = 12345;
    for (int i = 0; i < n; i++) {
        s = s * 1103515245u + 12345u;
        a[i] = (int)((s >> 8) % 1000) - 500;
    }
    qsort(a, (size_t)n, sizeof a[0], cmp_int);
    int sorted = 1;
    long sum = 0;
    for (int i = 0; i < n; i++) {
        sum += a[i];
        if (i && a[i - 1] > a[i])
            sorted = 0;
    }
    check_int("qsort sorted", sorted, 1);
    printf("min %d max %d sum %ld\n", a[0], a[n - 1], sum);
    free(a);
    char *p = strdup("semihosting");
    check_int("strdup len", (long)strlen(p), 11);
    free(p);
    fprintf(stderr, "a line on stderr\n");
    if (fails) {
        printf("FAIL %d of %d\n", fails, checks);
        exit(fails);
    }
    printf("PASS (%d checks)\n", checks);
    exit(0);
}
