/* A program using picolibc's libc: malloc/realloc/free, qsort, bsearch,
 * strtol with bases and errors, setjmp/longjmp, memmove/memcmp and
 * strtok; prints through semihosting. */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;
static jmp_buf env;

#define CHECK(what, cond) do { int ok_ = (cond); \
    printf("%s: %s\n", what, ok_ ? "ok" : "MISMATCH"); \
    if (!ok_) failures++; } while (0)

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Every path ends in longjmp, which GCC reports as infinite recursion. */
#pragma GCC diagnostic ignored "-Winfinite-recursion"
static void __attribute__((noinline)) deep(volatile int n)
{
    if (n > 0)
        deep(n - 1);
    else
        longjmp(env, 7);
}

int main(void)
{
    int *v = malloc(10 * sizeof *v);
    CHECK("malloc", v != NULL);
    for (int i = 0; i < 10; i++)
        v[i] = (i * 37) % 11;
    v = realloc(v, 100 * sizeof *v);
    CHECK("realloc keeps data", v != NULL && v[9] == (9 * 37) % 11);
    for (int i = 10; i < 100; i++)
        v[i] = (i * 7919) % 1000;
    qsort(v, 100, sizeof *v, cmp_int);
    int sorted = 1;
    for (int i = 1; i < 100; i++)
        sorted &= v[i - 1] <= v[i];
    CHECK("qsort", sorted);
    int key = v[50];
    int *hit = bsearch(&key, v, 100, sizeof *v, cmp_int);
    CHECK("bsearch", hit != NULL && *hit == key);
    printf("median %d\n", v[50]);
    free(v);

    char *end;
    CHECK("strtol hex", strtol("0x1f", &end, 16) == 31 && *end == 0);
    CHECK("strtol base 0 octal", strtol("017", &end, 0) == 15);
    CHECK("strtol negative", strtol("  -123abc", &end, 10) == -123 && *end == 'a');
    CHECK("strtoul", strtoul("4294967295", NULL, 10) == 4294967295ul);

    int r = setjmp(env);
    if (r == 0)
        deep(20);
    CHECK("longjmp value", r == 7);

    char text[] = "alpha,beta,,gamma";
    int count = 0;
    for (char *tok = strtok(text, ","); tok; tok = strtok(NULL, ","))
        printf("token %d: %s\n", count++, tok);
    CHECK("strtok count", count == 3);
    char m[] = "0123456789";
    memmove(m + 2, m, 5);
    CHECK("memmove", memcmp(m, "0101234789", 10) == 0);
    printf("%s\n", failures ? "FAIL" : "PASS");
    return failures;
}
