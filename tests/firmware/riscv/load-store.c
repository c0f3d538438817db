/* Loads and stores of every width (lb lbu lh lhu lw / sb sh sw): sign and
 * zero extension, byte order (little endian), negative offsets, and
 * partial stores leaving the neighbouring bytes alone. */
#include "insn.h"
#include "rt.h"

static volatile uint32_t buf[4];

#define LD INSN_LD
#define ST INSN_ST

int main(void)
{
    volatile uint8_t *b = (volatile uint8_t *)buf;
    buf[0] = 0x80ff7f01;
    buf[1] = 0xdeadbeef;
    rt_check("lb 0 (+1)", LD(lb, b, 0), 0x00000001);
    rt_check("lb 1 (0x7f)", LD(lb, b, 1), 0x0000007f);
    rt_check("lb 2 (0xff)", LD(lb, b, 2), 0xffffffff);
    rt_check("lb 3 (0x80)", LD(lb, b, 3), 0xffffff80);
    rt_check("lbu 2", LD(lbu, b, 2), 0xff);
    rt_check("lbu 3", LD(lbu, b, 3), 0x80);
    rt_check("lh 0", LD(lh, b, 0), 0x00007f01);
    rt_check("lh 2", LD(lh, b, 2), 0xffff80ff);
    rt_check("lhu 2", LD(lhu, b, 2), 0x80ff);
    rt_check("lw 0", LD(lw, b, 0), 0x80ff7f01);
    rt_check("lw 4", LD(lw, b, 4), 0xdeadbeef);
    rt_check("lw -4", LD(lw, b + 8, -4), 0xdeadbeef);
    rt_check("lbu -1", LD(lbu, b + 8, -1), 0xde);
    rt_check("lh -2", LD(lh, b + 8, -2), 0xffffdead);

    buf[2] = 0x11223344;
    ST(sb, 0xaabbccdd, b + 8, 1);
    rt_check("sb keeps neighbours", buf[2], 0x1122dd44);
    ST(sh, 0xaabbccdd, b + 8, 2);
    rt_check("sh high half", buf[2], 0xccdddd44);
    ST(sh, 0x5566, b + 8, 0);
    rt_check("sh low half", buf[2], 0xccdd5566);
    ST(sw, 0xcafef00d, b + 12, -4);
    rt_check("sw -4", buf[2], 0xcafef00d);
    ST(sb, 0x1ff, b + 12, 0);
    rt_check("sb truncates", buf[3] & 0xff, 0xff);

    /* A store then a load of the same word, through different widths. */
    buf[3] = 0;
    ST(sw, 0x01020304, b + 12, 0);
    rt_check("byte order b0", LD(lbu, b + 12, 0), 4);
    rt_check("byte order b3", LD(lbu, b + 12, 3), 1);
    rt_check("lh after sw", LD(lhu, b + 12, 2), 0x0102);

    /* Loads into x0 are executed but discard the value. */
    uint32_t z;
    __asm__ volatile("lw x0, 0(%1)\n mv %0, x0" : "=r"(z) : "r"(b) : "memory");
    rt_check("lw x0", z, 0);
    return rt_done();
}
