/* Compiler-generated code for the objdump agreement test: loops, switch
 * tables (TBB/TBH), 64-bit arithmetic, division, bit tricks, structs. */
#include <stdint.h>
#include <string.h>

struct node { struct node *next; int32_t key; uint16_t flags; uint8_t tag; };

static volatile uint32_t sink;

uint32_t crc32(const uint8_t *p, unsigned n)
{
    uint32_t c = 0xffffffffu;
    while (n--) {
        c ^= *p++;
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xedb88320u & -(c & 1));
    }
    return ~c;
}

int classify(int x)
{
    switch (x) {
    case 0: return 10;
    case 1: return 21;
    case 2: return 32;
    case 3: return 43;
    case 4: return 54;
    case 5: return 65;
    case 7: return 87;
    case 9: return 99;
    default: return -1;
    }
}

int classify_wide(unsigned x)
{
    switch (x) {
    case 0: return sink + 1;
    case 10: return sink * 3;
    case 20: return sink - 7;
    case 30: return sink ^ 9;
    case 40: return (int)(sink >> 3);
    case 50: return (int)(sink << 5);
    case 60: return (int)sink / 7;
    case 70: return (int)(sink % 11u);
    case 300: return 5;
    default: return 0;
    }
}

int64_t mix64(int64_t a, int64_t b, uint64_t c)
{
    return a * b + (int64_t)(c / 3u) - (a >> 7) + (int64_t)((uint64_t)b % 1000u);
}

int32_t divs(int32_t a, int32_t b) { return b ? a / b + a % b : 0; }
uint32_t divu(uint32_t a, uint32_t b) { return b ? a / b + a % b : 0; }

uint32_t bits(uint32_t x)
{
    uint32_t r = (uint32_t)__builtin_clz(x | 1) + (uint32_t)__builtin_ctz(x | 0x80000000u);
    r += __builtin_bswap32(x) ^ (uint32_t)__builtin_bswap16((uint16_t)x);
    r += (x >> 3 & 0x1f) | ((x & 0xff) << 11);
    return r + (uint32_t)__builtin_popcount(x);
}

int sum_list(const struct node *n)
{
    int s = 0;
    for (; n; n = n->next)
        s += n->key * (n->flags & 3) + (int8_t)n->tag;
    return s;
}

int sat(int x) { return x > 127 ? 127 : x < -128 ? -128 : x; }

int cond_chain(int a, int b, int c)
{
    if ((a > b && b > c) || (a == 0 && c != 0))
        return a - c;
    return a < 0 ? -a : b + (c ? 1 : 2);
}

void copy_fill(uint8_t *dst, const uint8_t *src, unsigned n)
{
    memcpy(dst, src, n);
    memset(dst + n, 0x5a, 16);
}

float fmix(float a, float b) { return a * b + a / (b + 1.0f); }
double dmix(double a, int b) { return a * b - (double)b / 3.0; }

int main(void)
{
    static uint8_t buf[64];
    static struct node n2 = { 0, 5, 1, 200 }, n1 = { &n2, -3, 2, 7 };
    for (unsigned i = 0; i < sizeof buf; i++)
        buf[i] = (uint8_t)(i * 7);
    uint32_t r = crc32(buf, sizeof buf);
    for (int i = 0; i < 12; i++)
        r += (uint32_t)classify(i) + (uint32_t)classify_wide((unsigned)i * 10);
    r += (uint32_t)mix64(r, -12345, 0xdeadbeefcafeull) + (uint32_t)divs((int32_t)r, -7) + divu(r, 13);
    r += bits(r) + (uint32_t)sum_list(&n1) + (uint32_t)sat((int)r) + (uint32_t)cond_chain((int)r, 3, 4);
    copy_fill(buf + 8, buf, 8);
    r += (uint32_t)fmix((float)r, 2.5f) + (uint32_t)dmix(1.5, (int)r);
    sink = r;
    return (int)(r & 0x7f);
}
