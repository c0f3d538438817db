/*
 * emu/isa/arm/arm_vfp.c - decoder for the coprocessor space of ARMv7-M:
 * FPv4-SP floating point (cp10/cp11, DDI0403E A6.4) as on a Cortex-M4F.
 * Any other coprocessor decodes as ARM_OP_COPROC (the CPU raises
 * UsageFault.NOCP: Cortex-M3/M4 have no other coprocessor).
 */
#include "arm_internal.h"

#define BIT(x, n)      (((x) >> (n)) & 1u)
#define BITS(x, hi, lo) (((x) >> (lo)) & ((1u << ((hi) - (lo) + 1)) - 1u))

/* VFPExpandImm for single precision (A6.4.1). */
uint32_t arm_vfp_expand_imm(unsigned imm8)
{
    uint32_t sign = BIT(imm8, 7), b6 = BIT(imm8, 6);
    uint32_t exp = (uint32_t)(!b6) << 7 | (b6 ? 0x7cu : 0u) | BITS(imm8, 5, 4);
    return sign << 31 | exp << 23 | BITS(imm8, 3, 0) << 19;
}

/* (0)/(1) bits violated: UNDEFINED as in QEMU and binutils (see
 * arm_decode.c sbz_undef). */
static void sbz_undef(ArmInsn *d)
{
    d->op = ARM_OP_UNDEFINED;
    d->flags |= ARM_F_UNPRED | ARM_F_UNPRED_UNDEF;
}

static void vfp_data(uint32_t h1, uint32_t h2, ArmInsn *d)
{
    unsigned opc1 = BITS(h1, 7, 4) & 0xb, opc2 = BITS(h1, 3, 0), opc3 = BITS(h2, 7, 6);
    bool op = BIT(h2, 6);
    d->rd = (uint8_t)(BITS(h2, 15, 12) << 1 | BIT(h1, 6));
    d->rn = (uint8_t)(BITS(h1, 3, 0) << 1 | BIT(h2, 7));
    d->rm = (uint8_t)(BITS(h2, 3, 0) << 1 | BIT(h2, 5));
    if (BIT(h2, 8)) {                      /* sz = 1: double precision */
        d->op = ARM_OP_UNDEFINED;
        return;
    }
    switch (opc1) {
    case 0x0: d->op = op ? ARM_OP_VMLS : ARM_OP_VMLA; return;
    case 0x1: d->op = op ? ARM_OP_VNMLA : ARM_OP_VNMLS; return;
    case 0x2: d->op = op ? ARM_OP_VNMUL : ARM_OP_VMUL; return;
    case 0x3: d->op = op ? ARM_OP_VSUB : ARM_OP_VADD; return;
    case 0x8: d->op = op ? ARM_OP_UNDEFINED : ARM_OP_VDIV; return;
    case 0x9: d->op = op ? ARM_OP_VFNMA : ARM_OP_VFNMS; return;
    case 0xa: d->op = op ? ARM_OP_VFMS : ARM_OP_VFMA; return;
    default: break;
    }
    d->rn = 0;
    if (!op) {                             /* VMOV (immediate) */
        unsigned imm8 = BITS(h1, 3, 0) << 4 | BITS(h2, 3, 0);
        d->op = ARM_OP_VMOV_IMM;
        d->rm = 0;
        d->imm2 = (uint8_t)imm8;
        d->imm = (int32_t)arm_vfp_expand_imm(imm8);
        if (BITS(h2, 7, 4) != 0)
            sbz_undef(d);
        return;
    }
    bool t = BIT(h2, 7);
    switch (opc2) {
    case 0x0: d->op = t ? ARM_OP_VABS : ARM_OP_VMOV_REG; return;
    case 0x1: d->op = t ? ARM_OP_VSQRT : ARM_OP_VNEG; return;
    case 0x2: case 0x3:
        d->op = t ? ARM_OP_VCVTT : ARM_OP_VCVTB;
        d->imm = (int32_t)(opc2 & 1);
        return;
    case 0x4: case 0x5:
        d->op = ARM_OP_VCMP;
        d->imm = (int32_t)(t | (opc2 & 1) << 1);
        if (opc2 & 1) {
            d->rm = 0;
            if (BITS(h2, 5, 0) != 0)
                sbz_undef(d);
        }
        return;
    case 0x8:
        d->op = ARM_OP_VCVT_IF;
        d->imm = t;
        return;
    case 0xc: case 0xd:
        d->op = ARM_OP_VCVT_FI;
        d->imm = (int32_t)((opc2 & 1) | (unsigned)t << 1);
        return;
    case 0xa: case 0xb: case 0xe: case 0xf: {
        unsigned size = t ? 32 : 16, imm5 = BITS(h2, 3, 0) << 1 | BIT(h2, 5);
        d->op = ARM_OP_VCVT_FX;
        d->rm = d->rd;
        d->imm = (int32_t)(size - imm5);
        d->imm2 = (uint8_t)(BIT(h1, 2) | BIT(h1, 0) << 1 | (t ? 4u : 0u));
        if ((int)size - (int)imm5 < 0)
            d->flags |= ARM_F_UNPRED;
        return;
    }
    default:
        d->op = ARM_OP_UNDEFINED;
        (void)opc3;
        return;
    }
}

/* A6.4.3 8, 16 and 32-bit transfers between core and FP registers */
static void vfp_xfer(uint32_t h1, uint32_t h2, ArmInsn *d)
{
    bool l = BIT(h1, 4), c = BIT(h2, 8);
    unsigned a = BITS(h1, 7, 5), rt = BITS(h2, 15, 12);
    if (c || (a != 0 && a != 7)) {
        d->op = ARM_OP_UNDEFINED;           /* VMOV scalar / VDUP: Advanced SIMD */
        return;
    }
    if (a == 0) {
        d->op = ARM_OP_VMOV_RS;
        d->rd = (uint8_t)rt;
        d->rn = (uint8_t)(BITS(h1, 3, 0) << 1 | BIT(h2, 7));
        d->imm = l;
        if (rt == 13 || rt == 15)
            d->flags |= ARM_F_UNPRED;
        if (BITS(h2, 6, 5) || BITS(h2, 3, 0))
            sbz_undef(d);                  /* (0) bits */
        return;
    }
    d->op = l ? ARM_OP_VMRS : ARM_OP_VMSR;
    d->imm = (int32_t)BITS(h1, 3, 0);
    if (l)
        d->rd = (uint8_t)rt;
    else
        d->rn = (uint8_t)rt;
    if (d->imm != 1 || rt == 13 || (!l && rt == 15))
        d->flags |= ARM_F_UNPRED;
    if (BITS(h2, 7, 5) || BITS(h2, 3, 0))
        sbz_undef(d);                      /* (0) bits */
}

/* A6.4.2 extension register load/store, A6.4.4 64-bit transfers */
static void vfp_ldst(uint32_t h1, uint32_t h2, ArmInsn *d)
{
    bool p = BIT(h1, 8), u = BIT(h1, 7), dbit = BIT(h1, 6), w = BIT(h1, 5), l = BIT(h1, 4);
    bool dbl = BIT(h2, 8);
    unsigned rn = BITS(h1, 3, 0), vd = BITS(h2, 15, 12), imm8 = BITS(h2, 7, 0);
    d->width = dbl ? 8 : 4;
    d->rd = (uint8_t)(dbl ? (dbit << 4 | vd) : (vd << 1 | dbit));
    d->rn = (uint8_t)rn;
    if (!p && !u && !w) {
        if (!dbit) {
            d->op = ARM_OP_UNDEFINED;
            return;
        }
        /* 64-bit transfer: VMOV Rt, Rt2 <-> Sm, Sm1 / Dm */
        d->op = dbl ? ARM_OP_VMOV_RRD : ARM_OP_VMOV_RRSS;
        d->rd = (uint8_t)vd;
        d->ra = (uint8_t)rn;
        d->rn = 0;
        d->rm = (uint8_t)(dbl ? (BIT(h2, 5) << 4 | BITS(h2, 3, 0)) : (BITS(h2, 3, 0) << 1 | BIT(h2, 5)));
        d->imm = l;
        d->width = 0;
        if (vd == 15 || rn == 15 || vd == 13 || rn == 13 || (l && vd == rn)
            || (!dbl && d->rm == 31))
            d->flags |= ARM_F_UNPRED;
        /* (0)/(1) bits, and D16-D31 which FPv4-SP-D16 does not have */
        if (BITS(h2, 7, 6) || !BIT(h2, 4))
            sbz_undef(d);
        else if (dbl && d->rm > 15)
            d->op = ARM_OP_UNDEFINED;
        return;
    }
    if (dbl && dbit) {                     /* D16-D31: not in FPv4-SP-D16 */
        d->op = ARM_OP_UNDEFINED;
        return;
    }
    if (p && !w) {                         /* VLDR / VSTR */
        d->op = l ? ARM_OP_VLDR : ARM_OP_VSTR;
        d->imm = (int32_t)(imm8 * 4);
        if (u)
            d->flags |= ARM_F_ADD;
        if (!l && rn == 15)
            d->flags |= ARM_F_UNPRED;
        return;
    }
    if (p == u) {                          /* P=U=1, W=1 / P=U=0, W=1 */
        d->op = ARM_OP_UNDEFINED;
        return;
    }
    if (dbl && (imm8 & 1)) {               /* FLDMX/FSTMX: not in ARMv7-M */
        d->op = ARM_OP_UNDEFINED;
        return;
    }
    d->op = p ? (l ? ARM_OP_VLDMDB : ARM_OP_VSTMDB) : (l ? ARM_OP_VLDM : ARM_OP_VSTM);
    d->imm = (int32_t)(dbl ? imm8 / 2 : imm8);
    if (w)
        d->flags |= ARM_F_WBACK;
    unsigned regs = (unsigned)d->imm;
    if (rn == 15 || regs == 0 || d->rd + regs > (dbl ? 16u : 32u)
        || (dbl && regs > 16))
        d->flags |= ARM_F_UNPRED;
}

void arm_vfp_decode(uint32_t h1, uint32_t h2, ArmInsn *d)
{
    unsigned coproc = BITS(h2, 11, 8);
    if ((coproc & 0xe) != 0xa) {
        d->op = ARM_OP_COPROC;
        return;
    }
    if (BIT(h1, 12)) {                     /* T = 1 (MCR2, CDP2, ...): UNDEFINED */
        d->op = ARM_OP_UNDEFINED;
        return;
    }
    switch (BITS(h1, 11, 8)) {
    case 0xc: case 0xd:
        vfp_ldst(h1, h2, d);
        break;
    case 0xe:
        if (BIT(h2, 4))
            vfp_xfer(h1, h2, d);
        else
            vfp_data(h1, h2, d);
        break;
    default:                               /* Advanced SIMD: not in ARMv7-M */
        d->op = ARM_OP_UNDEFINED;
        break;
    }
}
