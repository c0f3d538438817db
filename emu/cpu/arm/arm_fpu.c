/*
 * emu/cpu/arm/arm_fpu.c - the FPv4-SP floating-point extension of the
 * Cortex-M4F (ARMv7-M ARM DDI0403E.e: A2.5 floating-point data types and
 * arithmetic, A7.7 the V* instructions, B1.5.7 lazy context preservation).
 *
 * Arithmetic runs on the host's IEEE 754 single precision under <fenv.h>
 * (rounding mode from FPSCR.RMode, exception flags read back), wrapped in
 * the parts where ARM differs from IEEE defaults or from x86:
 *   - NaN operands never reach the host: FPProcessNaNs/FPProcessNaNs3
 *     (A2.5.9) pick the first signalling then the first quiet NaN, quiet it
 *     and honour FPSCR.DN;
 *   - a NaN the operation itself generates is FPDefaultNaN 0x7FC00000
 *     (x86 makes 0xFFC00000);
 *   - FPSCR.FZ flushes denormal inputs to zero (IDC, FPUnpack) and results
 *     that are tiny before rounding (UFC, no IXC; FPRound);
 *   - underflow (UFC) is tininess *before* rounding and inexact (FPRound):
 *     x86 detects tininess after rounding, so the one ambiguous case (a
 *     result rounded to +-2^-126) is decided by recomputing towards zero.
 * Conversions to integer and to/from half precision are done exactly in
 * double or integer arithmetic after the pseudocode (FPToFixed, FPRound).
 *
 * Not modelled: floating-point exception traps (the M4 has none: FPSCR
 * enables are RAZ), MemManage/BusFault derived from lazy preservation
 * other than a bus error (BusFault LSPERR).
 */
#include "arm_cpu.h"

#include <fenv.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

/* FPSCR (A2.5.3) */
enum {
    FPSCR_IOC = 1u << 0, FPSCR_DZC = 1u << 1, FPSCR_OFC = 1u << 2, FPSCR_UFC = 1u << 3,
    FPSCR_IXC = 1u << 4, FPSCR_IDC = 1u << 7,
    FPSCR_RMODE_SHIFT = 22, FPSCR_FZ = 1u << 24, FPSCR_DN = 1u << 25, FPSCR_AHP = 1u << 26,
    FPSCR_MASK = 0xf7c0009fu,     /* writable: NZCV AHP DN FZ RMode, flags */
};
enum { RM_RN, RM_RP, RM_RM, RM_RZ };

#define SIGN32 0x80000000u
#define DEFAULT_NAN32 0x7fc00000u
#define MIN_NORMAL32 0x00800000u

static inline bool is_nan(uint32_t x) { return (x & 0x7fffffffu) > 0x7f800000u; }
static inline bool is_snan(uint32_t x) { return is_nan(x) && !(x & 0x00400000u); }
static inline bool is_inf(uint32_t x) { return (x & 0x7fffffffu) == 0x7f800000u; }
static inline bool is_zero(uint32_t x) { return (x & 0x7fffffffu) == 0; }
static inline bool is_denorm(uint32_t x) { return (x & 0x7f800000u) == 0 && (x & 0x7fffffu); }

static inline float f_of(uint32_t x) { float f; memcpy(&f, &x, 4); return f; }
static inline uint32_t bits_of(float f) { uint32_t x; memcpy(&x, &f, 4); return x; }

/* FPUnpack's flush-to-zero of a denormal input (A2.5.8): IDC. */
static uint32_t unpack(ArmCpu *cpu, uint32_t x)
{
    if ((cpu->fpscr & FPSCR_FZ) && is_denorm(x)) {
        cpu->fpscr |= FPSCR_IDC;
        return x & SIGN32;
    }
    return x;
}

/* FPProcessNaN: quiet a signalling NaN (IOC), DN gives the default NaN. */
static uint32_t process_nan(ArmCpu *cpu, uint32_t x)
{
    if (is_snan(x)) {
        cpu->fpscr |= FPSCR_IOC;
        x |= 0x00400000u;
    }
    return (cpu->fpscr & FPSCR_DN) ? DEFAULT_NAN32 : x;
}

/* FPProcessNaNs3 (and FPProcessNaNs / a single operand with n < 3):
 * true with *res when an operand is a NaN. */
static bool process_nans(ArmCpu *cpu, const uint32_t *ops, unsigned n, uint32_t *res)
{
    for (unsigned i = 0; i < n; i++)
        if (is_snan(ops[i])) {
            *res = process_nan(cpu, ops[i]);
            return true;
        }
    for (unsigned i = 0; i < n; i++)
        if (is_nan(ops[i])) {
            *res = process_nan(cpu, ops[i]);
            return true;
        }
    return false;
}

static const int host_rmode[4] = { FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO };

enum FpArith { FA_ADD, FA_SUB, FA_MUL, FA_DIV, FA_SQRT, FA_FMA };

static uint32_t host_op(enum FpArith k, uint32_t a, uint32_t b, uint32_t c)
{
    volatile float x = f_of(a), y = f_of(b), z = f_of(c), r;
    switch (k) {
    case FA_ADD: r = x + y; break;
    case FA_SUB: r = x - y; break;
    case FA_MUL: r = x * y; break;
    case FA_DIV: r = x / y; break;
    case FA_SQRT: r = sqrtf(x); break;
    default: r = fmaf(x, y, z); break;     /* x * y + z, one rounding */
    }
    return bits_of(r);
}

/* The arithmetic of operands that are not NaNs (already unpacked), with
 * FPRound's flags and flush-to-zero (A2.5.8 FPRound). */
static uint32_t arith(ArmCpu *cpu, enum FpArith k, uint32_t a, uint32_t b, uint32_t c)
{
    /* Fast path, without <fenv.h>: rounding to nearest (the host's mode
     * between instructions) with IXC already set, a finite normal result
     * other than +-2^-126 can only have raised inexact (overflow gives an
     * infinity, invalid a NaN, division by zero an infinity, underflow a
     * result of at most 2^-126): nothing to record. */
    if ((cpu->fpscr & (3u << FPSCR_RMODE_SHIFT | FPSCR_IXC)) == FPSCR_IXC) {
        uint32_t r = host_op(k, a, b, c), e = r & 0x7f800000u;
        if (e != 0 && e != 0x7f800000u && (r & 0x7fffffffu) != MIN_NORMAL32)
            return r;
    }
    int saved = fegetround();
    fesetround(host_rmode[(cpu->fpscr >> FPSCR_RMODE_SHIFT) & 3]);
    feclearexcept(FE_ALL_EXCEPT);
    uint32_t r = host_op(k, a, b, c);
    int ex = fetestexcept(FE_INVALID | FE_DIVBYZERO | FE_OVERFLOW | FE_INEXACT);
    uint32_t mag = r & 0x7fffffffu;
    bool tiny = false;
    if (!(ex & FE_INVALID) && ((ex & FE_INEXACT) ? mag <= MIN_NORMAL32 : is_denorm(r))) {
        /* exact result nonzero and below 2^-126?  Only a result rounded to
         * exactly 2^-126 leaves it open: round towards zero decides */
        tiny = mag < MIN_NORMAL32;
        if (mag == MIN_NORMAL32) {
            fesetround(FE_TOWARDZERO);
            tiny = (host_op(k, a, b, c) & 0x7fffffffu) < MIN_NORMAL32;
        }
    }
    fesetround(saved);
    if (ex & FE_INVALID) {
        cpu->fpscr |= FPSCR_IOC;
        return DEFAULT_NAN32;
    }
    if (ex & FE_DIVBYZERO)
        cpu->fpscr |= FPSCR_DZC;
    if (tiny && (cpu->fpscr & FPSCR_FZ)) {
        cpu->fpscr |= FPSCR_UFC;           /* flushed: no IXC */
        return r & SIGN32;
    }
    if (ex & FE_OVERFLOW)
        cpu->fpscr |= FPSCR_OFC;
    if (ex & FE_INEXACT) {
        cpu->fpscr |= FPSCR_IXC;
        if (tiny)
            cpu->fpscr |= FPSCR_UFC;
    }
    return r;
}

/* FPAdd/FPSub/FPMul/FPDiv (A2.5.9). */
static uint32_t fp_binop(ArmCpu *cpu, enum FpArith k, uint32_t a, uint32_t b)
{
    uint32_t ops[2] = { unpack(cpu, a), unpack(cpu, b) }, r;
    if (process_nans(cpu, (uint32_t[2]){ a, b }, 2, &r))
        return r;
    return arith(cpu, k, ops[0], ops[1], 0);
}

/* FPMulAdd (A2.5.9): addend + op1 * op2, fused. */
static uint32_t fp_muladd(ArmCpu *cpu, uint32_t addend, uint32_t op1, uint32_t op2)
{
    uint32_t ua = unpack(cpu, addend), u1 = unpack(cpu, op1), u2 = unpack(cpu, op2), r;
    bool infzero = (is_inf(u1) && is_zero(u2)) || (is_zero(u1) && is_inf(u2));
    bool done = process_nans(cpu, (uint32_t[3]){ addend, op1, op2 }, 3, &r);
    if (is_nan(addend) && !is_snan(addend) && infzero) {
        cpu->fpscr |= FPSCR_IOC;
        return DEFAULT_NAN32;
    }
    if (done)
        return r;
    return arith(cpu, FA_FMA, u1, u2, ua);
}

static uint32_t fp_sqrt(ArmCpu *cpu, uint32_t a)
{
    uint32_t u = unpack(cpu, a), r;
    if (process_nans(cpu, &a, 1, &r))
        return r;
    return arith(cpu, FA_SQRT, u, 0, 0);
}

/* FPCompare (A2.5.9): FPSCR.NZCV. */
static void fp_compare(ArmCpu *cpu, uint32_t a, uint32_t b, bool quiet_nan_exc)
{
    uint32_t nzcv, ua = unpack(cpu, a), ub = unpack(cpu, b);
    if (is_nan(a) || is_nan(b)) {
        nzcv = 0x3;
        if (is_snan(a) || is_snan(b) || quiet_nan_exc)
            cpu->fpscr |= FPSCR_IOC;
    } else {
        float x = f_of(ua), y = f_of(ub);
        nzcv = x == y ? 0x6 : x < y ? 0x8 : 0x2;
    }
    cpu->fpscr = (cpu->fpscr & 0x0fffffffu) | nzcv << 28;
}

static inline uint32_t fp_neg(uint32_t x) { return x ^ SIGN32; }

/* Round an exact real |v| > 0 with `ebits` exponent and `fbits` fraction
 * bits (FPRound, A2.5.8) for half precision (no flush-to-zero: FZ does not
 * apply to half precision, A2.5.3); ahp = the alternative format. */
static uint32_t round_half(ArmCpu *cpu, bool sign, double v)
{
    const int fbits = 10, min_exp = -14;
    bool ahp = (cpu->fpscr & FPSCR_AHP) != 0;
    int e;
    double mant = frexp(v, &e);             /* v = mant * 2^e, mant in [0.5,1) */
    int exponent = e - 1;
    mant *= 2;
    int biased = exponent - min_exp + 1;
    if (biased < 0)
        biased = 0;
    if (biased == 0)
        mant = ldexp(mant, exponent - min_exp);
    double scaled = ldexp(mant, fbits);
    double int_mant = floor(scaled), err = scaled - int_mant;
    if (biased == 0 && err != 0)
        cpu->fpscr |= FPSCR_UFC;
    bool up;
    switch ((cpu->fpscr >> FPSCR_RMODE_SHIFT) & 3) {
    case RM_RN: up = err > 0.5 || (err == 0.5 && fmod(int_mant, 2) != 0); break;
    case RM_RP: up = err != 0 && !sign; break;
    case RM_RM: up = err != 0 && sign; break;
    default: up = false; break;
    }
    uint32_t im = (uint32_t)int_mant + up;
    if (biased == 0 && im == 1u << fbits)
        biased = 1;                         /* denormal rounded to normal */
    if (im == 2u << fbits) {
        biased++;
        im >>= 1;
    }
    uint32_t s = sign ? 0x8000u : 0;
    uint32_t r;
    if (!ahp) {
        if (biased >= 31) {
            unsigned rm = (cpu->fpscr >> FPSCR_RMODE_SHIFT) & 3;
            bool to_inf = rm == RM_RN || (rm == RM_RP && !sign) || (rm == RM_RM && sign);
            r = s | (to_inf ? 0x7c00u : 0x7bffu);
            cpu->fpscr |= FPSCR_OFC;
            err = 1;
        } else {
            r = s | (uint32_t)biased << 10 | (im & 0x3ff);
        }
    } else if (biased >= 32) {
        r = s | 0x7fffu;
        cpu->fpscr |= FPSCR_IOC;
        err = 0;
    } else {
        r = s | (uint32_t)biased << 10 | (im & 0x3ff);
    }
    if (err != 0)
        cpu->fpscr |= FPSCR_IXC;
    return r;
}

/* FPSingleToHalf (A2.5.9). */
static uint32_t single_to_half(ArmCpu *cpu, uint32_t x)
{
    bool ahp = (cpu->fpscr & FPSCR_AHP) != 0;
    uint32_t u = unpack(cpu, x), s = (x >> 16) & 0x8000u;
    if (is_nan(x)) {
        uint32_t r;
        if (ahp)
            r = s;                          /* FPZero(sign), as QEMU and the
                                               ARMv8 ARM's FPConvert */
        else if (cpu->fpscr & FPSCR_DN)
            r = 0x7e00u;
        else
            r = s | 0x7e00u | ((x >> 13) & 0x1ffu);
        if (is_snan(x) || ahp)
            cpu->fpscr |= FPSCR_IOC;
        return r;
    }
    if (is_inf(x)) {
        if (ahp) {
            cpu->fpscr |= FPSCR_IOC;
            return s | 0x7fffu;
        }
        return s | 0x7c00u;
    }
    if (is_zero(u))
        return s;
    return round_half(cpu, s != 0, fabs((double)f_of(u)));
}

/* FPHalfToSingle (A2.5.9): exact (half denormals are single normals). */
static uint32_t half_to_single(ArmCpu *cpu, uint32_t h)
{
    uint32_t s = (h & 0x8000u) << 16, e = (h >> 10) & 0x1f, f = h & 0x3ff;
    if (e == 31 && !(cpu->fpscr & FPSCR_AHP)) {
        if (!f)
            return s | 0x7f800000u;
        if (!(f & 0x200))
            cpu->fpscr |= FPSCR_IOC;       /* signalling */
        if (cpu->fpscr & FPSCR_DN)
            return DEFAULT_NAN32;
        return s | 0x7fc00000u | (f & 0x1ff) << 13;
    }
    if (e == 0 && f == 0)
        return s;
    double v = e ? ldexp((double)(f | 0x400), (int)e - 25) : ldexp((double)f, -24);
    return s | (bits_of((float)v) & 0x7fffffffu);
}

/* FPToFixed (A2.5.9): `size` 16 or 32 bits, `frac` fraction bits. */
static uint32_t fp_to_fixed(ArmCpu *cpu, uint32_t x, unsigned size, unsigned frac, bool uns,
                            bool round_zero)
{
    unsigned rm = round_zero ? RM_RZ : (cpu->fpscr >> FPSCR_RMODE_SHIFT) & 3;
    uint32_t u = unpack(cpu, x);
    double lo = uns ? 0 : -ldexp(1, (int)size - 1);
    double hi = uns ? ldexp(1, (int)size) - 1 : ldexp(1, (int)size - 1) - 1;
    double res;
    bool ovf = false, inexact = false;
    if (is_nan(x)) {
        cpu->fpscr |= FPSCR_IOC;
        res = 0;
    } else if (is_inf(u)) {
        res = (u & SIGN32) ? lo : hi;
        ovf = true;
    } else {
        double v = ldexp((double)f_of(u), (int)frac);   /* exact */
        double i = floor(v), err = v - i;
        bool up;
        switch (rm) {
        case RM_RN: up = err > 0.5 || (err == 0.5 && fmod(i, 2) != 0); break;
        case RM_RP: up = err != 0; break;
        case RM_RM: up = false; break;
        default: up = err != 0 && i < 0; break;
        }
        res = i + up;
        inexact = err != 0;
        if (res < lo) { res = lo; ovf = true; }
        if (res > hi) { res = hi; ovf = true; }
    }
    if (ovf)
        cpu->fpscr |= FPSCR_IOC;
    else if (inexact)
        cpu->fpscr |= FPSCR_IXC;
    int64_t iv = (int64_t)res;
    uint32_t r = (uint32_t)iv;
    if (size == 16)
        r = uns ? r & 0xffffu : (uint32_t)(int32_t)(int16_t)r;
    return r;
}

/* FixedToFP (A2.5.9), exact scaling by 2^-frac: FPSCR rounding for VCVT
 * from an integer, round to nearest for VCVT from fixed point (A7.7.226:
 * "the fixed-point to floating-point operation uses the Round to Nearest
 * rounding mode"). */
static uint32_t fixed_to_fp(ArmCpu *cpu, uint32_t x, unsigned size, unsigned frac, bool uns,
                            bool round_nearest)
{
    if (size == 16)
        x = uns ? x & 0xffffu : (uint32_t)(int32_t)(int16_t)x;
    if (uns ? x < (1u << 24) : (int32_t)x > -(1 << 24) && (int32_t)x < (1 << 24)) {
        /* exact in single precision: no rounding, no flag */
        float f = uns ? (float)x : (float)(int32_t)x;
        return f == 0 ? 0 : bits_of(ldexpf(f, -(int)frac));
    }
    int saved = fegetround();
    fesetround(round_nearest ? FE_TONEAREST : host_rmode[(cpu->fpscr >> FPSCR_RMODE_SHIFT) & 3]);
    feclearexcept(FE_ALL_EXCEPT);
    volatile float f = uns ? (float)x : (float)(int32_t)x;
    int ex = fetestexcept(FE_INEXACT);
    fesetround(saved);
    if (ex)
        cpu->fpscr |= FPSCR_IXC;
    if (f == 0)
        return 0;                           /* FPZero('0') */
    return bits_of(ldexpf(f, -(int)frac));
}

/* ------------------------------------------------------------------------ */
/* Enable check, lazy preservation (B1.5.7), loads and stores. */

/* PreserveFPState: the lazily reserved frame at FPCAR gets S0-S15 and
 * FPSCR, with the privilege recorded in FPCCR.USER.  Returns 0 or a CFSR
 * bit. */
static uint32_t preserve_fp_state(ArmCpu *cpu)
{
    ArmV7mScs *s = cpu->scs;
    uint32_t a = s->fpcar & ~7u;
    for (unsigned i = 0; i < 17; i++) {
        uint32_t v = i < 16 ? cpu->fps[i] : cpu->fpscr;
        if (arm_store_slow(cpu, a + 4 * i, 4, v))
            return CFSR_LSPERR;
    }
    s->fpccr &= ~FPCCR_LSPACT;
    return 0;
}

bool arm_fpu_enabled(const ArmCpu *cpu, bool priv)
{
    unsigned cp10 = (cpu->scs->cpacr >> 20) & 3;
    /* CPACR (B3.2.20): 00 and the reserved 10 deny, 01 is privileged only
     * (cp11 must equal cp10; QEMU also reads cp10 only) */
    return cp10 == 3 || (cp10 == 1 && priv);
}

/* ExecuteFPCheck (B1.5.7) after the enable check. */
static uint32_t fp_context(ArmCpu *cpu, uint32_t *exc)
{
    ArmV7mScs *s = cpu->scs;
    if (s->fpccr & FPCCR_LSPACT) {
        uint32_t e = preserve_fp_state(cpu);
        if (e) {
            *exc = ARMV7M_EXC_BUSFAULT;
            return e;
        }
    }
    if ((s->fpccr & FPCCR_ASPEN) && !(cpu->control & CONTROL_FPCA)) {
        /* a new FP context: FPSCR = FPDSCR (AHP DN FZ RMode; NZCV and the
         * flags 0), as QEMU and the ARMv8-M pseudocode do */
        cpu->fpscr = s->fpdscr & 0x07c00000u;
        cpu->control |= CONTROL_FPCA;
    }
    return 0;
}

/* MemA word accesses of VLDR/VSTR/VLDM/VSTM: alignment, then the bus. */
static uint32_t ld_word(ArmCpu *cpu, uint32_t a, uint32_t *v, uint32_t *exc)
{
    if (a & 3) {
        *exc = ARMV7M_EXC_USAGEFAULT;
        return CFSR_UNALIGNED;
    }
    uint32_t e = arm_load_slow(cpu, a, 4, v);
    if (e)
        *exc = ARMV7M_EXC_BUSFAULT;
    return e;
}

static uint32_t st_word(ArmCpu *cpu, uint32_t a, uint32_t v, uint32_t *exc)
{
    if (a & 3) {
        *exc = ARMV7M_EXC_USAGEFAULT;
        return CFSR_UNALIGNED;
    }
    uint32_t e = arm_store_slow(cpu, a, 4, v);
    if (e)
        *exc = ARMV7M_EXC_BUSFAULT;
    return e;
}

/* VLDM/VSTM/VLDR/VSTR: `nwords` words from/to S[first...]. */
static uint32_t xfer_words(ArmCpu *cpu, uint32_t a, unsigned first, unsigned nwords, bool load,
                           uint32_t *exc)
{
    for (unsigned i = 0; i < nwords; i++) {
        uint32_t *reg = &cpu->fps[(first + i) & 31], e;
        e = load ? ld_word(cpu, a + 4 * i, reg, exc) : st_word(cpu, a + 4 * i, *reg, exc);
        if (e)
            return e;
    }
    return 0;
}

/* ------------------------------------------------------------------------ */

uint32_t arm_fpu_exec(ArmCpu *cpu, const ArmInsn *in, uint32_t pc, uint32_t *exc)
{
    uint32_t e;
    if (!arm_fpu_enabled(cpu, arm_privileged(cpu))) {     /* CheckVFPEnabled */
        *exc = ARMV7M_EXC_USAGEFAULT;
        return CFSR_NOCP;
    }
    if (in->op == ARM_OP_UNDEFINED || (in->flags & ARM_F_UNPRED_UNDEF) ||
        ((in->op == ARM_OP_VMRS || in->op == ARM_OP_VMSR) && in->imm != 1)) {
        /* (after the NOCP check, as QEMU's m-nocp decode does) */
        *exc = ARMV7M_EXC_USAGEFAULT;
        return CFSR_UNDEFINSTR;
    }
    e = fp_context(cpu, exc);
    if (e)
        return e;
    uint32_t *S = cpu->fps, *R = cpu->r;
    unsigned d = in->rd, n = in->rn, m = in->rm;
    switch (in->op) {
    case ARM_OP_VADD: S[d] = fp_binop(cpu, FA_ADD, S[n], S[m]); break;
    case ARM_OP_VSUB: S[d] = fp_binop(cpu, FA_SUB, S[n], S[m]); break;
    case ARM_OP_VMUL: S[d] = fp_binop(cpu, FA_MUL, S[n], S[m]); break;
    case ARM_OP_VDIV: S[d] = fp_binop(cpu, FA_DIV, S[n], S[m]); break;
    case ARM_OP_VNMUL: S[d] = fp_neg(fp_binop(cpu, FA_MUL, S[n], S[m])); break;
    case ARM_OP_VMLA: case ARM_OP_VMLS: case ARM_OP_VNMLA: case ARM_OP_VNMLS: {
        /* A7.7.235/236: FPAdd of (negated) Sd and the (negated) product */
        uint32_t p = fp_binop(cpu, FA_MUL, S[n], S[m]);
        bool neg_d = in->op == ARM_OP_VNMLA || in->op == ARM_OP_VNMLS;
        bool neg_p = in->op == ARM_OP_VMLS || in->op == ARM_OP_VNMLA;
        S[d] = fp_binop(cpu, FA_ADD, neg_d ? fp_neg(S[d]) : S[d], neg_p ? fp_neg(p) : p);
        break;
    }
    case ARM_OP_VFMA: S[d] = fp_muladd(cpu, S[d], S[n], S[m]); break;
    case ARM_OP_VFMS: S[d] = fp_muladd(cpu, S[d], fp_neg(S[n]), S[m]); break;
    case ARM_OP_VFNMA: S[d] = fp_muladd(cpu, fp_neg(S[d]), fp_neg(S[n]), S[m]); break;
    case ARM_OP_VFNMS: S[d] = fp_muladd(cpu, fp_neg(S[d]), S[n], S[m]); break;
    case ARM_OP_VSQRT: S[d] = fp_sqrt(cpu, S[m]); break;
    case ARM_OP_VABS: S[d] = S[m] & ~SIGN32; break;
    case ARM_OP_VNEG: S[d] = S[m] ^ SIGN32; break;
    case ARM_OP_VMOV_REG: S[d] = S[m]; break;
    case ARM_OP_VMOV_IMM: S[d] = (uint32_t)in->imm; break;
    case ARM_OP_VCMP:
        fp_compare(cpu, S[d], (in->imm & 2) ? 0 : S[m], (in->imm & 1) != 0);
        break;
    case ARM_OP_VCVTB: case ARM_OP_VCVTT: {
        unsigned sh = in->op == ARM_OP_VCVTT ? 16 : 0;
        if (in->imm) {
            uint32_t h = single_to_half(cpu, S[m]);
            S[d] = (S[d] & ~(0xffffu << sh)) | h << sh;
        } else {
            S[d] = half_to_single(cpu, (S[m] >> sh) & 0xffffu);
        }
        break;
    }
    case ARM_OP_VCVT_IF:
        S[d] = fixed_to_fp(cpu, S[m], 32, 0, !(in->imm & 1), false);
        break;
    case ARM_OP_VCVT_FI:
        S[d] = fp_to_fixed(cpu, S[m], 32, 0, !(in->imm & 1), (in->imm & 2) != 0);
        break;
    case ARM_OP_VCVT_FX: {
        unsigned size = (in->imm2 & 4) ? 32 : 16, frac = (unsigned)in->imm;
        bool uns = (in->imm2 & 2) != 0;
        if (in->imm2 & 1)
            S[d] = fp_to_fixed(cpu, S[d], size, frac, uns, true);
        else
            S[d] = fixed_to_fp(cpu, S[d], size, frac, uns, true);
        break;
    }
    case ARM_OP_VMRS:
        if (in->rd == 15) {
            uint32_t q = cpu->qf;          /* APSR_nzcv leaves Q alone */
            arm_set_apsr(cpu, cpu->fpscr & 0xf0000000u, true, false);
            cpu->qf = q;
        } else {
            R[in->rd] = cpu->fpscr;
        }
        break;
    case ARM_OP_VMSR:
        cpu->fpscr = R[in->rn] & FPSCR_MASK;
        break;
    case ARM_OP_VMOV_RS:
        if (in->imm)
            R[in->rd] = S[n];
        else
            S[n] = R[in->rd];
        break;
    case ARM_OP_VMOV_RRSS: case ARM_OP_VMOV_RRD: {
        unsigned s0 = in->op == ARM_OP_VMOV_RRD ? 2 * m : m;
        if (in->imm) {
            R[in->rd] = S[s0 & 31];
            R[in->ra] = S[(s0 + 1) & 31];
        } else {
            S[s0 & 31] = R[in->rd];
            S[(s0 + 1) & 31] = R[in->ra];
        }
        break;
    }
    case ARM_OP_VLDR: case ARM_OP_VSTR: {
        uint32_t base = n == 15 ? (pc + 4) & ~3u : R[n];
        uint32_t a = (in->flags & ARM_F_ADD) ? base + (uint32_t)in->imm : base - (uint32_t)in->imm;
        unsigned first = in->width == 8 ? 2u * d : d;
        return xfer_words(cpu, a, first, in->width / 4, in->op == ARM_OP_VLDR, exc);
    }
    case ARM_OP_VLDM: case ARM_OP_VSTM: case ARM_OP_VLDMDB: case ARM_OP_VSTMDB: {
        unsigned words = (unsigned)in->imm * (in->width / 4u);
        unsigned first = in->width == 8 ? 2u * d : d;
        bool db = in->op == ARM_OP_VLDMDB || in->op == ARM_OP_VSTMDB;
        bool load = in->op == ARM_OP_VLDM || in->op == ARM_OP_VLDMDB;
        uint32_t base = R[n], a = db ? base - 4 * words : base;
        e = xfer_words(cpu, a, first, words, load, exc);
        if (e)
            return e;
        if (in->flags & ARM_F_WBACK)
            R[n] = db ? base - 4 * words : base + 4 * words;
        return 0;
    }
    default:
        *exc = ARMV7M_EXC_USAGEFAULT;
        return CFSR_UNDEFINSTR;
    }
    return 0;
}
