/* The M extension: mul, mulh, mulhsu, mulhu, div, divu, rem, remu with
 * sign combinations, division by zero (quotient all ones, remainder =
 * dividend) and signed overflow (-2^31 / -1 = -2^31, remainder 0). */
#include "insn.h"
#include "rt.h"

#define RR INSN_RR

int main(void)
{
    rt_check("mul 7*6", RR(mul, 7, 6), 42);
    rt_check("mul -7*6", RR(mul, -7, 6), (uint32_t)-42);
    rt_check("mul wrap", RR(mul, 0x10000, 0x10000), 0);
    rt_check("mul big", RR(mul, 0x12345678, 0x9abcdef0), 0x242d2080);
    rt_check("mulh -1*-1", RR(mulh, -1, -1), 0);
    rt_check("mulh min*min", RR(mulh, 0x80000000, 0x80000000), 0x40000000);
    rt_check("mulh -1*1", RR(mulh, -1, 1), 0xffffffff);
    rt_check("mulh big", RR(mulh, 0x12345678, 0x9abcdef0), 0xf8cc93d6);
    rt_check("mulhu -1*-1", RR(mulhu, -1, -1), 0xfffffffe);
    rt_check("mulhu big", RR(mulhu, 0x12345678, 0x9abcdef0), 0x0b00ea4e);
    rt_check("mulhsu -1*-1", RR(mulhsu, -1, -1), 0xffffffff);
    rt_check("mulhsu 1*-1", RR(mulhsu, 1, -1), 0);
    rt_check("mulhsu min*-1", RR(mulhsu, 0x80000000, 0xffffffff), 0x80000000);
    rt_check("div 7/2", RR(div, 7, 2), 3);
    rt_check("div -7/2", RR(div, -7, 2), (uint32_t)-3);
    rt_check("div 7/-2", RR(div, 7, -2), (uint32_t)-3);
    rt_check("div -7/-2", RR(div, -7, -2), 3);
    rt_check("div x/0", RR(div, 1234, 0), 0xffffffff);
    rt_check("div -x/0", RR(div, -1234, 0), 0xffffffff);
    rt_check("div min/-1", RR(div, 0x80000000, -1), 0x80000000);
    rt_check("divu 7/2", RR(divu, 7, 2), 3);
    rt_check("divu -1/2", RR(divu, -1, 2), 0x7fffffff);
    rt_check("divu x/0", RR(divu, 1234, 0), 0xffffffff);
    rt_check("rem -7%2", RR(rem, -7, 2), (uint32_t)-1);
    rt_check("rem 7%-2", RR(rem, 7, -2), 1);
    rt_check("rem x%0", RR(rem, -1234, 0), (uint32_t)-1234);
    rt_check("rem min%-1", RR(rem, 0x80000000, -1), 0);
    rt_check("remu -1%10", RR(remu, -1, 10), 5);
    rt_check("remu x%0", RR(remu, 0xdeadbeef, 0), 0xdeadbeef);
    /* rd overlapping a source. */
    uint32_t a = 9;
    __asm__ volatile("mul %0, %0, %0" : "+r"(a));
    rt_check("mul rd=rs1=rs2", a, 81);
    return rt_done();
}
