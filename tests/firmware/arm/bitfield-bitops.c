/* MOVW/MOVT, BFI/BFC/UBFX/SBFX, CLZ/RBIT/REV/REV16/REVSH and the
 * extend instructions SXTB/SXTH/UXTB/UXTH (with rotation). */
#include "rt.h"

#define OP1(insn, a) ({ uint32_t r_; \
    __asm__ volatile(insn " %0, %1" : "=r"(r_) : "r"((uint32_t)(a))); r_; })

static uint32_t vals[] = {0, 1, 0x80000000u, 0x12345678u, 0xff00ff01u, 0x0000f000u};

int main(void)
{
    uint32_t r;
    __asm__ volatile("movw %0, #0xbeef\n\tmovt %0, #0xdead" : "=r"(r));
    rt_check("movw+movt", r, 0xdeadbeef);
    __asm__ volatile("mov %0, #-1\n\tmovw %0, #0x1234" : "=r"(r));
    rt_check("movw zero-extends", r, 0x1234);
    __asm__ volatile("mov %0, #0x55\n\tmovt %0, #0xaaaa" : "=r"(r));
    rt_check("movt keeps low", r, 0xaaaa0055);

    r = 0xffffffffu;
    __asm__ volatile("bfc %0, #4, #8" : "+r"(r));
    rt_check("bfc 4,8", r, 0xfffff00f);
    r = 0x12345678u;
    __asm__ volatile("bfi %0, %1, #8, #12" : "+r"(r) : "r"(0xabcdefu));
    rt_check("bfi 8,12", r, 0x123def78);
    r = 0;
    __asm__ volatile("bfi %0, %1, #31, #1" : "+r"(r) : "r"(3u));
    rt_check("bfi 31,1", r, 0x80000000);
    __asm__ volatile("ubfx %0, %1, #4, #8" : "=r"(r) : "r"(0x12345678u));
    rt_check("ubfx 4,8", r, 0x67);
    __asm__ volatile("sbfx %0, %1, #4, #8" : "=r"(r) : "r"(0x12345f78u));
    rt_check("sbfx 4,8 neg", r, 0xfffffff7);
    __asm__ volatile("sbfx %0, %1, #0, #32" : "=r"(r) : "r"(0x87654321u));
    rt_check("sbfx 0,32", r, 0x87654321);
    __asm__ volatile("ubfx %0, %1, #31, #1" : "=r"(r) : "r"(0x80000000u));
    rt_check("ubfx 31,1", r, 1);

    static const uint32_t clz[] = {32, 31, 0, 3, 0, 16};
    static const uint32_t rbit[] = {0, 0x80000000u, 1, 0x1e6a2c48u, 0x80ff00ffu, 0x000f0000u};
    static const uint32_t rev[] = {0, 0x01000000u, 0x80u, 0x78563412u, 0x01ff00ffu, 0x00f00000u};
    static const uint32_t rev16[] = {0, 0x100u, 0x00800000u, 0x34127856u, 0x00ff01ffu, 0x000000f0u};
    static const uint32_t revsh[] = {0, 0x100u, 0, 0x7856u, 0x01ff, 0xf0};
    static const uint32_t sxtb[] = {0, 1, 0, 0x78, 1, 0};
    static const uint32_t sxth[] = {0, 1, 0, 0x5678, 0xffffff01u, 0xfffff000u};
    static const uint32_t uxtb_ror8[] = {0, 0, 0, 0x56, 0xff, 0xf0};
    static const uint32_t uxth_ror16[] = {0, 0, 0x8000, 0x1234, 0xff00, 0};
    static const uint32_t sxtb_ror24[] = {0, 0, 0xffffff80u, 0x12, 0xffffffffu, 0};
    for (unsigned i = 0; i < sizeof vals / sizeof vals[0]; i++) {
        uint32_t v = vals[i];
        rt_print_val("value", v);
        rt_check(" clz", OP1("clz", v), clz[i]);
        rt_check(" rbit", OP1("rbit", v), rbit[i]);
        rt_check(" rev", OP1("rev", v), rev[i]);
        rt_check(" rev16", OP1("rev16", v), rev16[i]);
        rt_check(" revsh", OP1("revsh", v), revsh[i]);
        rt_check(" sxtb", OP1("sxtb", v), sxtb[i]);
        rt_check(" sxth", OP1("sxth", v), sxth[i]);
        rt_check(" uxtb", OP1("uxtb", v), v & 0xff);
        rt_check(" uxth", OP1("uxth", v), v & 0xffff);
        __asm__ volatile("uxtb %0, %1, ror #8" : "=r"(r) : "r"(v));
        rt_check(" uxtb ror8", r, uxtb_ror8[i]);
        __asm__ volatile("uxth %0, %1, ror #16" : "=r"(r) : "r"(v));
        rt_check(" uxth ror16", r, uxth_ror16[i]);
        __asm__ volatile("sxtb %0, %1, ror #24" : "=r"(r) : "r"(v));
        rt_check(" sxtb ror24", r, sxtb_ror24[i]);
    }
    return rt_done();
}
