/* Header with an inline function: its code lands in the callers' CUs. */
#ifndef SYMTEST_INL_H
#define SYMTEST_INL_H

static inline int clamp(int v, int lo, int hi)
{
    if (v < lo)
        return lo;
    if (v > hi)
        return hi;
    return v;
}

static inline unsigned mix(unsigned a, unsigned b)
{
    a ^= b << 3; b += a >> 2; /* two statements on one line */
    return a * 31u + b;
}

int util_sum(const int *p, int n);
int util_classify(int x);
unsigned util_hash(const char *s);
int nodebug_twice(int x);

#endif
