/* FPv4-SP arithmetic with edge operands (Cortex-M4F, mps2-an386): every
 * data-processing instruction over zeros, normals, the largest and the
 * smallest normal, denormals, infinities, quiet and signalling NaNs, under
 * each rounding mode and with FZ / DN, printing the result bits and the
 * FPSCR (NZCV and the cumulative flags IOC DZC OFC UFC IXC IDC) after each
 * instruction; compared bit for bit with QEMU.  A few results the ARMv7-M
 * ARM (A2.5) fixes are also checked against constants. */
#include "rt.h"

#define FZ (1u << 24)
#define DN (1u << 25)
#define AHP (1u << 26)
#define RM(n) ((uint32_t)(n) << 22)

static uint32_t g_fpscr;

#define FP2(name, insn)                                                        \
    static uint32_t name(uint32_t cfg, uint32_t a, uint32_t b)                 \
    {                                                                          \
        uint32_t r, f;                                                         \
        __asm__ volatile("vmsr fpscr, %2\n\tvmov s0, %3\n\tvmov s1, %4\n\t"    \
                         insn " s2, s0, s1\n\tvmov %0, s2\n\tvmrs %1, fpscr"   \
                         : "=r"(r), "=r"(f) : "r"(cfg), "r"(a), "r"(b)         \
                         : "s0", "s1", "s2");                                  \
        g_fpscr = f;                                                           \
        return r;                                                              \
    }
#define FP3(name, insn)                                                        \
    static uint32_t name(uint32_t cfg, uint32_t d, uint32_t a, uint32_t b)     \
    {                                                                          \
        uint32_t r, f;                                                         \
        __asm__ volatile("vmsr fpscr, %2\n\tvmov s0, %3\n\tvmov s1, %4\n\t"    \
                         "vmov s2, %5\n\t" insn " s2, s0, s1\n\t"              \
                         "vmov %0, s2\n\tvmrs %1, fpscr"                       \
                         : "=r"(r), "=r"(f) : "r"(cfg), "r"(a), "r"(b), "r"(d) \
                         : "s0", "s1", "s2");                                  \
        g_fpscr = f;                                                           \
        return r;                                                              \
    }
#define FP1(name, insn)                                                        \
    static uint32_t name(uint32_t cfg, uint32_t a)                             \
    {                                                                          \
        uint32_t r, f;                                                         \
        __asm__ volatile("vmsr fpscr, %2\n\tvmov s0, %3\n\tvmov s2, %3\n\t"    \
                         insn "\n\tvmov %0, s2\n\tvmrs %1, fpscr"              \
                         : "=r"(r), "=r"(f) : "r"(cfg), "r"(a)                 \
                         : "s0", "s2");                                        \
        g_fpscr = f;                                                           \
        return r;                                                              \
    }

FP2(f_add, "vadd.f32") FP2(f_sub, "vsub.f32") FP2(f_mul, "vmul.f32") FP2(f_div, "vdiv.f32")
FP2(f_nmul, "vnmul.f32")
FP3(f_mla, "vmla.f32") FP3(f_mls, "vmls.f32") FP3(f_nmla, "vnmla.f32") FP3(f_nmls, "vnmls.f32")
FP3(f_fma, "vfma.f32") FP3(f_fms, "vfms.f32") FP3(f_fnma, "vfnma.f32") FP3(f_fnms, "vfnms.f32")
FP1(f_sqrt, "vsqrt.f32 s2, s0") FP1(f_abs, "vabs.f32 s2, s0") FP1(f_neg, "vneg.f32 s2, s0")
FP1(f_toui, "vcvt.u32.f32 s2, s0") FP1(f_tosi, "vcvt.s32.f32 s2, s0")
FP1(f_toui_r, "vcvtr.u32.f32 s2, s0") FP1(f_tosi_r, "vcvtr.s32.f32 s2, s0")
FP1(f_uito, "vcvt.f32.u32 s2, s0") FP1(f_sito, "vcvt.f32.s32 s2, s0")
FP1(f_tofix_s16, "vcvt.s16.f32 s2, s2, #8") FP1(f_tofix_u32, "vcvt.u32.f32 s2, s2, #20")
FP1(f_fromfix_s16, "vcvt.f32.s16 s2, s2, #8") FP1(f_fromfix_u32, "vcvt.f32.u32 s2, s2, #31")
FP1(f_tohalf_b, "vcvtb.f16.f32 s2, s0") FP1(f_tohalf_t, "vcvtt.f16.f32 s2, s0")
FP1(f_fromhalf_b, "vcvtb.f32.f16 s2, s0") FP1(f_fromhalf_t, "vcvtt.f32.f16 s2, s0")
FP2(f_cmp, "vcmp.f32 s0, s1\n\tvmov.f32 s2, s0 @") FP2(f_cmpe, "vcmpe.f32 s0, s1\n\tvmov.f32 s2, s0 @")
FP1(f_cmpz, "vcmp.f32 s0, #0") FP1(f_cmpez, "vcmpe.f32 s0, #0")

static const uint32_t vals[] = {
    0x00000000, 0x80000000, 0x3f800000, 0xbfc00000, 0x3f000000, 0x3eaaaaab,
    0x7f7fffff, 0x00800000, 0x00ffffff, 0x00000001, 0x807fffff, 0x7f800000,
    0xff800000, 0x7fc01234, 0xff800055, 0x4b800001,
};
#define NVALS (sizeof vals / sizeof vals[0])
/* IXC: a sticky inexact flag already set (emucov's fast path) */
#define IXC 0x10u
static const uint32_t cfgs[] = {
    RM(0), RM(1), RM(2), RM(3), RM(0) | FZ, RM(0) | DN, RM(3) | FZ | DN, RM(0) | IXC,
    RM(0) | FZ | IXC,
};
#define NCFGS (sizeof cfgs / sizeof cfgs[0])

static void put(uint32_t r)
{
    rt_putc(' ');
    rt_put_hex(r);
    rt_putc('/');
    rt_put_hex(g_fpscr);
}

/* the operands of a matrix line: "cfg a b:" */
static void key(uint32_t k0, uint32_t k1, const uint32_t *rest, unsigned n)
{
    rt_put_hex(k0);
    rt_putc(' ');
    rt_put_hex(k1);
    for (unsigned i = 0; i < n; i++) {
        rt_putc(' ');
        rt_put_hex(rest[i]);
    }
    rt_putc(':');
}

typedef uint32_t (*Fp1)(uint32_t, uint32_t);
typedef uint32_t (*Fp2)(uint32_t, uint32_t, uint32_t);
typedef uint32_t (*Fp3)(uint32_t, uint32_t, uint32_t, uint32_t);

int main(void)
{
    /* -- constants of the architecture (A2.5) -- */
    rt_check("1+1", f_add(0, 0x3f800000, 0x3f800000), 0x40000000);
    rt_check(" fpscr", g_fpscr, 0);
    rt_check("inf-inf = default NaN", f_sub(0, 0x7f800000, 0x7f800000), 0x7fc00000);
    rt_check(" IOC", g_fpscr, 0x1);
    rt_check("1/0", f_div(0, 0x3f800000, 0), 0x7f800000);
    rt_check(" DZC", g_fpscr, 0x2);
    rt_check("max*2", f_mul(0, 0x7f7fffff, 0x40000000), 0x7f800000);
    rt_check(" OFC IXC", g_fpscr, 0x14);
    rt_check("max*2 RZ", f_mul(RM(3), 0x7f7fffff, 0x40000000), 0x7f7fffff);
    rt_check("sqrt(-1)", f_sqrt(0, 0xbf800000), 0x7fc00000);
    rt_check(" IOC", g_fpscr, 0x1);
    rt_check("snan+1 quieted", f_add(0, 0x7f800001, 0x3f800000), 0x7fc00001);
    rt_check(" IOC", g_fpscr, 0x1);
    rt_check("qnan+snan: snan wins", f_add(0, 0x7fc00002, 0xff800003), 0xffc00003);
    rt_check("qnan+qnan: first", f_add(0, 0xffc00002, 0x7fc00003), 0xffc00002);
    rt_check("DN: qnan -> default", f_add(DN, 0xffc00002, 0x3f800000), 0x7fc00000);
    /* tininess before rounding (A2.5.8 FPRound): (2^-125 - ulp) * 0.5
     * rounds to 2^-126 yet underflows; with FZ it is flushed */
    rt_check("tiny rounding to 2^-126", f_mul(0, 0x00ffffff, 0x3f000000), 0x00800000);
    rt_check(" UFC IXC", g_fpscr, 0x18);
    rt_check(" FZ: flushed", f_mul(FZ, 0x00ffffff, 0x3f000000), 0);
    rt_check(" FZ: UFC only", g_fpscr, FZ | 0x8);
    rt_check("FZ denormal input", f_add(FZ, 0x00000001, 0x3f800000), 0x3f800000);
    rt_check(" IDC", g_fpscr, FZ | 0x80);
    rt_check("exact denormal, no flags", f_mul(0, 0x00800000, 0x3f000000), 0x00400000);
    rt_check(" fpscr", g_fpscr, 0);
    rt_check("fma inf*0+qnan", f_fma(0, 0x7fc00001, 0x7f800000, 0), 0x7fc00000);
    rt_check(" IOC", g_fpscr, 0x1);
    rt_check("cvt 2^32 to u32 saturates", f_toui(0, 0x4f800000), 0xffffffff);
    rt_check(" IOC", g_fpscr, 0x1);
    rt_check("cvt -1.5 to s32 RZ", f_tosi(0, 0xbfc00000), 0xffffffff);
    rt_check(" IXC", g_fpscr, 0x10);
    rt_check("cvtr -1.5 to s32 RN", f_tosi_r(0, 0xbfc00000), 0xfffffffe);
    rt_check("cvtb 1.0 to half", f_tohalf_b(0, 0x3f800000) & 0xffff, 0x3c00);
    rt_check("cvtb half 65504", f_fromhalf_b(0, 0x00007bff), 0x477fe000);
    rt_check("cmp 1 < 2", (f_cmp(0, 0x3f800000, 0x40000000), g_fpscr), 0x80000000);
    rt_check("cmp nan", (f_cmp(0, 0x7fc00000, 0x40000000), g_fpscr), 0x30000000);
    rt_check("cmpe nan IOC", (f_cmpe(0, 0x7fc00000, 0x40000000), g_fpscr), 0x30000001);

    /* -- the matrix: bit patterns for the emulator comparison -- */
    static const struct { const char *name; Fp2 f; } ops2[] = {
        {"add", f_add}, {"sub", f_sub}, {"mul", f_mul}, {"div", f_div}, {"nmul", f_nmul},
        {"cmp", f_cmp}, {"cmpe", f_cmpe},
    };
    for (unsigned c = 0; c < NCFGS; c++) {
        for (unsigned i = 0; i < NVALS; i++)
            for (unsigned j = 0; j < NVALS; j++) {
                key(cfgs[c], vals[i], &vals[j], 1);
                for (unsigned k = 0; k < sizeof ops2 / sizeof ops2[0]; k++)
                    put(ops2[k].f(cfgs[c], vals[i], vals[j]));
                rt_nl();
            }
    }
    static const struct { const char *name; Fp3 f; } ops3[] = {
        {"mla", f_mla}, {"mls", f_mls}, {"nmla", f_nmla}, {"nmls", f_nmls},
        {"fma", f_fma}, {"fms", f_fms}, {"fnma", f_fnma}, {"fnms", f_fnms},
    };
    static const uint32_t dvals[] = { 0x00000000, 0xbfc00000, 0x7f800000, 0x7fc00077, 0x7f800066,
                                      0x80800000 };
    static const uint32_t cfg3[] = { RM(0), RM(2), RM(0) | FZ | DN, RM(0) | IXC };
    for (unsigned c = 0; c < sizeof cfg3 / sizeof cfg3[0]; c++)
        for (unsigned dd = 0; dd < sizeof dvals / sizeof dvals[0]; dd++)
            for (unsigned i = 0; i < NVALS; i++)
                for (unsigned j = 0; j < NVALS; j += 2) {
                    uint32_t ab[2] = { vals[i], vals[j] };
                    key(cfg3[c], dvals[dd], ab, 2);
                    for (unsigned k = 0; k < sizeof ops3 / sizeof ops3[0]; k++)
                        put(ops3[k].f(cfg3[c], dvals[dd], vals[i], vals[j]));
                    rt_nl();
                }
    static const struct { const char *name; Fp1 f; } ops1[] = {
        {"sqrt", f_sqrt}, {"abs", f_abs}, {"neg", f_neg}, {"toui", f_toui}, {"tosi", f_tosi},
        {"toui_r", f_toui_r}, {"tosi_r", f_tosi_r}, {"uito", f_uito}, {"sito", f_sito},
        {"tofix_s16", f_tofix_s16}, {"tofix_u32", f_tofix_u32},
        {"fromfix_s16", f_fromfix_s16}, {"fromfix_u32", f_fromfix_u32},
        {"tohalf_b", f_tohalf_b}, {"tohalf_t", f_tohalf_t},
        {"fromhalf_b", f_fromhalf_b}, {"fromhalf_t", f_fromhalf_t},
        {"cmpz", f_cmpz}, {"cmpez", f_cmpez},
    };
    static const uint32_t uvals[] = {
        0x00000000, 0x80000000, 0x3f800000, 0xbfc00000, 0x3f000000, 0x3fc00000, 0x40200000,
        0xbf000000, 0x4f000000, 0xcf000000, 0x4f800000, 0xcf000001, 0x477fe000, 0x477ff000,
        0x33800000, 0x33000001, 0x387fc000, 0x00000001, 0x807fffff, 0x7f800000, 0xff800000,
        0x7fc01234, 0xff800055, 0x7fffffff, 0x80000001, 0xffffffff, 0x00007c01, 0x7e000000,
        0x3c00fc00, 0x00017bff, 0x12345678, 0x4b800001,
    };
    static const uint32_t cfg1[] = { RM(0), RM(1), RM(2), RM(3), RM(0) | FZ, RM(1) | DN,
                                     RM(0) | AHP, RM(2) | AHP | FZ, RM(0) | IXC };
    for (unsigned c = 0; c < sizeof cfg1 / sizeof cfg1[0]; c++)
        for (unsigned i = 0; i < sizeof uvals / sizeof uvals[0]; i++) {
            key(cfg1[c], uvals[i], NULL, 0);
            for (unsigned k = 0; k < sizeof ops1 / sizeof ops1[0]; k++)
                put(ops1[k].f(cfg1[c], uvals[i]));
            rt_nl();
        }
    return rt_done();
}
