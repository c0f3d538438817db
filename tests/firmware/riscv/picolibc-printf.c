/* picolibc's printf family over semihosting (stdout is SYS_OPEN(":tt")
 * + SYS_WRITE): integer, string, char, width, precision, padding, sign,
 * hex/octal, snprintf truncation; the run ends through picolibc's exit()
 * (semihosting SYS_EXIT) with main's status. */
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <inttypes.h>

static int failures;

static void expect(const char *what, const char *got, const char *want)
{
    int ok = strcmp(got, want) == 0;
    printf("%s: [%s] %s\n", what, got, ok ? "ok" : "MISMATCH");
    if (!ok) {
        printf("  expected [%s]\n", want);
        failures++;
    }
}

int main(void)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%d %i %u", -42, 17, 4000000000u);
    expect("ints", buf, "-42 17 4000000000");
    snprintf(buf, sizeof buf, "%x %X %o %#x", 0xbeefu, 0xbeefu, 8u, 255u);
    expect("hex/octal", buf, "beef BEEF 10 0xff");
    snprintf(buf, sizeof buf, "[%5d|%-5d|%05d|%+d]", 42, 42, 42, 42);
    expect("width/flags", buf, "[   42|42   |00042|+42]");
    snprintf(buf, sizeof buf, "%.3s|%10.2s|%c%c", "abcdef", "xyz", 'o', 'k');
    expect("strings", buf, "abc|        xy|ok");
    snprintf(buf, sizeof buf, "%" PRId32 " %" PRIx64, INT32_MIN, (uint64_t)0x123456789abcull);
    expect("fixed width", buf, "-2147483648 123456789abc");
    snprintf(buf, sizeof buf, "%lld", -9000000000000000000ll);
    expect("long long", buf, "-9000000000000000000");
    volatile size_t cap = 8;            /* hide the truncation from -Wformat */
    int n = snprintf(buf, cap, "%s", "truncated string");
    expect("truncation", buf, "truncat");
    printf("snprintf returned %d\n", n);
    if (n != 16)
        failures++;
    printf("100%% %s\n", failures ? "FAIL" : "PASS");
    return failures;
}
