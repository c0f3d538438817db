/* symbolize test program, CU 2: helpers, header inline used again. */
#include "inl.h"

int util_sum(const int *p, int n)
{
    int s = 0;
    while (n-- > 0)
        s += clamp(*p++, -100, 100);
    return s;
}

int util_classify(int x)
{
    if (x < 0 || x > 1000)
        return 0;
    else if ((x & 1) && x > 10)
        return 1;
    return 2;
}

unsigned util_hash(const char *s)
{
    unsigned h = 5381;
    while (*s)
        h = mix(h, (unsigned char)*s++);
    return h;
}
