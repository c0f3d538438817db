/* A real program: our own memcpy/memmove/memset/strlen/strcmp/strchr/
 * strtoul/itoa with overlapping moves, unaligned pointers and edge cases
 * (byte-wise code the compiler turns into loads/stores of all widths). */
#include "rt.h"

static void *my_memcpy(void *d, const void *s, size_t n)
{
    uint8_t *dp = d;
    const uint8_t *sp = s;
    while (n--)
        *dp++ = *sp++;
    return d;
}

static void *my_memmove(void *d, const void *s, size_t n)
{
    uint8_t *dp = d;
    const uint8_t *sp = s;
    if (dp < sp) {
        while (n--)
            *dp++ = *sp++;
    } else {
        while (n--)
            dp[n] = sp[n];
    }
    return d;
}

static void *my_memset(void *d, int c, size_t n)
{
    uint8_t *dp = d;
    while (n--)
        *dp++ = (uint8_t)c;
    return d;
}

static size_t my_strlen(const char *s)
{
    const char *p = s;
    while (*p)
        p++;
    return (size_t)(p - s);
}

static int my_strcmp(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return (int)(uint8_t)*a - (int)(uint8_t)*b;
}

static const char *my_strchr(const char *s, int c)
{
    for (;; s++) {
        if (*s == (char)c)
            return s;
        if (!*s)
            return 0;
    }
}

static uint32_t my_strtoul(const char *s, const char **end, unsigned base)
{
    uint32_t v = 0;
    for (;; s++) {
        unsigned d;
        if (*s >= '0' && *s <= '9')
            d = (unsigned)(*s - '0');
        else if (*s >= 'a' && *s <= 'z')
            d = (unsigned)(*s - 'a' + 10);
        else if (*s >= 'A' && *s <= 'Z')
            d = (unsigned)(*s - 'A' + 10);
        else
            break;
        if (d >= base)
            break;
        v = v * base + d;
    }
    *end = s;
    return v;
}

static char *my_utoa(uint32_t v, char *buf, unsigned base)
{
    char tmp[33];
    int n = 0;
    do {
        tmp[n++] = "0123456789abcdefghijklmnopqrstuvwxyz"[v % base];
        v /= base;
    } while (v);
    char *p = buf;
    while (n)
        *p++ = tmp[--n];
    *p = 0;
    return buf;
}

int main(void)
{
    char buf[64];
    static const char text[] = "The quick brown fox jumps over the lazy dog";
    my_memset(buf, 'x', sizeof buf);
    my_memcpy(buf + 1, text, sizeof text);
    rt_check("strlen", (uint32_t)my_strlen(buf + 1), 43);
    rt_check("memcpy unaligned dst", (uint32_t)my_strcmp(buf + 1, text), 0);
    rt_check("memset untouched head", (uint8_t)buf[0], 'x');
    my_memmove(buf + 5, buf + 1, 10);
    buf[15] = 0;
    rt_check("memmove overlap forward", (uint32_t)my_strcmp(buf + 1, "The The quick "), 0);
    my_memcpy(buf, "abcdefghij", 11);
    my_memmove(buf, buf + 3, 8);
    rt_check("memmove overlap backward", (uint32_t)my_strcmp(buf, "defghij"), 0);
    rt_check("strcmp less", my_strcmp("abc", "abd") < 0, 1);
    rt_check("strcmp greater (unsigned chars)", my_strcmp("\xff", "a") > 0, 1);
    rt_check("strcmp prefix", my_strcmp("ab", "abc") < 0, 1);
    rt_check("strchr found", (uint32_t)(my_strchr(text, 'q') - text), 4);
    rt_check("strchr NUL", (uint32_t)(my_strchr(text, 0) - text), 43);
    rt_check("strchr missing", my_strchr(text, '!') == 0, 1);
    const char *end;
    rt_check("strtoul dec", my_strtoul("4294967295z", &end, 10), 0xffffffff);
    rt_check("  end", (uint8_t)*end, 'z');
    rt_check("strtoul hex", my_strtoul("DeadBeef", &end, 16), 0xdeadbeef);
    rt_check("strtoul base 36", my_strtoul("zz", &end, 36), 1295);
    rt_check("utoa dec", (uint32_t)my_strcmp(my_utoa(1234567890, buf, 10), "1234567890"), 0);
    rt_check("utoa bin", (uint32_t)my_strcmp(my_utoa(10, buf, 2), "1010"), 0);
    rt_check("utoa 0", (uint32_t)my_strcmp(my_utoa(0, buf, 16), "0"), 0);
    rt_puts(my_utoa(0xcafe, buf, 16));
    rt_nl();
    return rt_done();
}
