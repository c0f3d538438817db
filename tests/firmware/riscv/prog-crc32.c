/* A real program: CRC-32 (IEEE 802.3, reflected, poly 0xEDB88320) bitwise
 * and table-driven over known vectors ("123456789" -> 0xCBF43926), and
 * Adler-32 ("Wikipedia" -> 0x11E60398). */
#include "rt.h"

static uint32_t table[256];

static uint32_t crc32_bitwise(const uint8_t *p, uint32_t n)
{
    uint32_t crc = 0xffffffffu;
    while (n--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
    }
    return ~crc;
}

static void crc32_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? (c >> 1) ^ 0xedb88320u : c >> 1;
        table[i] = c;
    }
}

static uint32_t crc32_table(const uint8_t *p, uint32_t n)
{
    uint32_t crc = 0xffffffffu;
    while (n--)
        crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    return ~crc;
}

static uint32_t adler32(const uint8_t *p, uint32_t n)
{
    uint32_t a = 1, b = 0;
    while (n--) {
        a = (a + *p++) % 65521u;
        b = (b + a) % 65521u;
    }
    return (b << 16) | a;
}

static uint8_t big[4096];

int main(void)
{
    static const uint8_t check[] = "123456789";
    static const uint8_t wiki[] = "Wikipedia";
    crc32_init();
    rt_check("table[1]", table[1], 0x77073096);
    rt_check("table[255]", table[255], 0x2d02ef8d);
    rt_check("crc32 bitwise 123456789", crc32_bitwise(check, 9), 0xcbf43926);
    rt_check("crc32 table 123456789", crc32_table(check, 9), 0xcbf43926);
    rt_check("crc32 empty", crc32_table(check, 0), 0);
    rt_check("adler32 Wikipedia", adler32(wiki, 9), 0x11e60398);
    for (uint32_t i = 0; i < sizeof big; i++)
        big[i] = (uint8_t)(i * 7 + (i >> 8));
    uint32_t c1 = crc32_bitwise(big, sizeof big);
    rt_check("4 KiB: bitwise == table", crc32_table(big, sizeof big), c1);
    rt_print_val("crc32 of 4 KiB", c1);
    rt_print_val("adler32 of 4 KiB", adler32(big, sizeof big));
    return rt_done();
}
