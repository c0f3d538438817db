/* Pulls in a large body of newlib code (printf family, strtod, qsort) so
 * that the objdump agreement test sees real-world compiled Thumb-2 code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

int main(int argc, char **argv)
{
    char buf[128];
    int v[8] = { 5, -3, 9, 0, 12, 7, -8, 1 };
    qsort(v, 8, sizeof v[0], cmp);
    double d = strtod(argc > 1 ? argv[1] : "3.25e2", NULL);
    snprintf(buf, sizeof buf, "%d %x %s %.3f %lld", v[0], (unsigned)v[7], "x", d, (long long)d * 1000);
    return (int)strlen(buf) + atoi(buf);
}
