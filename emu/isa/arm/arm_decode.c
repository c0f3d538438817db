/*
 * emu/isa/arm/arm_decode.c - ARMv7-M Thumb decoder (DDI0403E chapter A5).
 *
 * Structure follows the manual's decode tables: arm_decode_hw() picks the
 * 16-bit (A5.2) or 32-bit (A5.3) table, each sub-table is one static
 * function named after its section.
 */
#include "arm_internal.h"

#include <string.h>

#define BIT(x, n)      (((x) >> (n)) & 1u)
#define BITS(x, hi, lo) (((x) >> (lo)) & ((1u << ((hi) - (lo) + 1)) - 1u))

static const char *const op_names[ARM_OP_COUNT] = {
#define ARM_OP_NAME_(name, mn) mn,
    ARM_OP_LIST(ARM_OP_NAME_)
#undef ARM_OP_NAME_
};

const char *arm_op_name(ArmOp op)
{
    return (unsigned)op < ARM_OP_COUNT ? op_names[op] : "?";
}

static int32_t sext(uint32_t v, unsigned bits)
{
    uint32_t m = 1u << (bits - 1);
    v &= (bits == 32) ? 0xffffffffu : ((1u << bits) - 1u);
    return (int32_t)((v ^ m) - m);
}

static unsigned popcount16(uint16_t v)
{
    unsigned n = 0;
    for (; v; v &= (uint16_t)(v - 1))
        n++;
    return n;
}

/* BadReg(): SP or PC where the manual forbids them (A7.1.1 notes). */
static bool bad(unsigned r)
{
    return r == 13 || r == 15;
}

static void unpred_if(ArmInsn *d, bool c)
{
    if (c)
        d->flags |= ARM_F_UNPRED;
}

static void undef(ArmInsn *d)
{
    d->op = ARM_OP_UNDEFINED;
}

/* Should-be-zero / should-be-one bits ("(0)", "(1)" in the manual) that
 * are violated: the manual says UNPREDICTABLE; QEMU's decoder and binutils
 * both treat such encodings as UNDEFINED, and so do we: op UNDEFINED with
 * ARM_F_UNPRED | ARM_F_UNPRED_UNDEF saying why.  Call after the op is
 * known. */
static void sbz_undef(ArmInsn *d, bool violated)
{
    if (violated) {
        d->op = ARM_OP_UNDEFINED;
        d->flags |= ARM_F_UNPRED | ARM_F_UNPRED_UNDEF;
    }
}

uint32_t arm_thumb_expand_imm(uint32_t imm12, bool *carry_valid, bool *unpred)
{
    uint32_t imm8 = imm12 & 0xff;
    *carry_valid = false;
    *unpred = false;
    if (BITS(imm12, 11, 10) == 0) {
        switch (BITS(imm12, 9, 8)) {
        case 0: return imm8;
        case 1: if (!imm8) *unpred = true; return imm8 << 16 | imm8;
        case 2: if (!imm8) *unpred = true; return imm8 << 24 | imm8 << 8;
        default: if (!imm8) *unpred = true; return imm8 * 0x01010101u;
        }
    }
    uint32_t v = 0x80u | (imm12 & 0x7f);
    unsigned rot = BITS(imm12, 11, 7);
    *carry_valid = true;
    return (v >> rot) | (v << (32 - rot));
}

/* DecodeImmShift (A7.4.2). */
static void set_shift(ArmInsn *d, unsigned type, unsigned imm5)
{
    switch (type) {
    case 0: d->shift_t = ARM_SHIFT_LSL; d->shift_n = (uint8_t)imm5; break;
    case 1: d->shift_t = ARM_SHIFT_LSR; d->shift_n = (uint8_t)(imm5 ? imm5 : 32); break;
    case 2: d->shift_t = ARM_SHIFT_ASR; d->shift_n = (uint8_t)(imm5 ? imm5 : 32); break;
    default:
        if (imm5) {
            d->shift_t = ARM_SHIFT_ROR;
            d->shift_n = (uint8_t)imm5;
        } else {
            d->shift_t = ARM_SHIFT_RRX;
            d->shift_n = 1;
        }
    }
}

/* ---------------------------------------------------------------- 16-bit */

/* A5.2.1 shift (immediate), add, subtract, move, and compare */
static void dec16_shift_add(uint32_t hw, ArmInsn *d)
{
    unsigned rd = BITS(hw, 2, 0), rn = BITS(hw, 5, 3);
    unsigned opc = BITS(hw, 13, 9);
    d->flags |= ARM_F_S_OUTSIDE_IT;
    if (opc < 0xc) {                      /* LSL/LSR/ASR immediate */
        d->op = ARM_OP_MOV_REG;
        d->rd = (uint8_t)rd;
        d->rm = (uint8_t)rn;
        set_shift(d, BITS(hw, 12, 11), BITS(hw, 10, 6));
        return;
    }
    d->rd = (uint8_t)rd;
    d->rn = (uint8_t)rn;
    switch (opc) {
    case 0xc: d->op = ARM_OP_ADD_REG; d->rm = (uint8_t)BITS(hw, 8, 6); break;
    case 0xd: d->op = ARM_OP_SUB_REG; d->rm = (uint8_t)BITS(hw, 8, 6); break;
    case 0xe: d->op = ARM_OP_ADD_IMM; d->imm = (int32_t)BITS(hw, 8, 6); break;
    case 0xf: d->op = ARM_OP_SUB_IMM; d->imm = (int32_t)BITS(hw, 8, 6); break;
    default: {
        unsigned r = BITS(hw, 10, 8);
        d->imm = (int32_t)BITS(hw, 7, 0);
        d->rd = d->rn = (uint8_t)r;
        switch (BITS(hw, 12, 11)) {
        case 0: d->op = ARM_OP_MOV_IMM; d->rn = 0; break;
        case 1: d->op = ARM_OP_CMP_IMM; d->flags = ARM_F_S; d->rd = 0; break;
        case 2: d->op = ARM_OP_ADD_IMM; break;
        default: d->op = ARM_OP_SUB_IMM; break;
        }
    }
    }
}

/* A5.2.2 data processing */
static void dec16_dp(uint32_t hw, ArmInsn *d)
{
    static const uint8_t ops[16] = {
        ARM_OP_AND_REG, ARM_OP_EOR_REG, ARM_OP_LSL_REG, ARM_OP_LSR_REG,
        ARM_OP_ASR_REG, ARM_OP_ADC_REG, ARM_OP_SBC_REG, ARM_OP_ROR_REG,
        ARM_OP_TST_REG, ARM_OP_RSB_IMM, ARM_OP_CMP_REG, ARM_OP_CMN_REG,
        ARM_OP_ORR_REG, ARM_OP_MUL, ARM_OP_BIC_REG, ARM_OP_MVN_REG,
    };
    unsigned opc = BITS(hw, 9, 6), rdn = BITS(hw, 2, 0), rm = BITS(hw, 5, 3);
    d->op = ops[opc];
    d->flags |= ARM_F_S_OUTSIDE_IT;
    d->rd = d->rn = (uint8_t)rdn;
    d->rm = (uint8_t)rm;
    switch (opc) {
    case 8: case 10: case 11:             /* TST/CMP/CMN: always set flags */
        d->flags = ARM_F_S;
        d->rd = 0;
        break;
    case 9:                               /* RSBS Rd, Rn, #0 (NEG) */
        d->rn = (uint8_t)rm;
        d->rm = 0;
        d->imm = 0;
        break;
    case 13:                              /* MULS Rdm, Rn, Rdm */
        d->rn = (uint8_t)rm;
        d->rm = (uint8_t)rdn;
        break;
    case 15:                              /* MVNS Rd, Rm */
        d->rn = 0;
        break;
    default:
        break;
    }
}

/* A5.2.3 special data instructions and branch and exchange */
static void dec16_special(uint32_t hw, ArmInsn *d)
{
    unsigned rdn = BITS(hw, 2, 0) | BIT(hw, 7) << 3, rm = BITS(hw, 6, 3);
    switch (BITS(hw, 9, 8)) {
    case 0:                               /* ADD Rdn, Rm */
        d->op = ARM_OP_ADD_REG;
        d->rd = d->rn = (uint8_t)rdn;
        d->rm = (uint8_t)rm;
        unpred_if(d, rdn == 15 && rm == 15);
        break;
    case 1:                               /* CMP Rn, Rm (high registers) */
        d->op = ARM_OP_CMP_REG;
        d->flags = ARM_F_S;
        d->rn = (uint8_t)rdn;
        d->rm = (uint8_t)rm;
        unpred_if(d, (rdn < 8 && rm < 8) || rdn == 15 || rm == 15);
        break;
    case 2:                               /* MOV Rd, Rm */
        d->op = ARM_OP_MOV_REG;
        d->rd = (uint8_t)rdn;
        d->rm = (uint8_t)rm;
        break;
    default:
        d->op = BIT(hw, 7) ? ARM_OP_BLX_REG : ARM_OP_BX;
        d->rm = (uint8_t)rm;
        unpred_if(d, d->op == ARM_OP_BLX_REG && rm == 15);
        sbz_undef(d, BITS(hw, 2, 0) != 0);
        break;
    }
}

/* A5.2.4 load/store single data item */
static void dec16_ldst(uint32_t hw, ArmInsn *d)
{
    unsigned opa = BITS(hw, 15, 12), opb = BITS(hw, 11, 9);
    d->rd = (uint8_t)BITS(hw, 2, 0);
    d->rn = (uint8_t)BITS(hw, 5, 3);
    d->flags = ARM_F_INDEX | ARM_F_ADD;
    if (opa == 5) {                        /* register offset */
        static const uint8_t w[8] = { 4, 2, 1, 1, 4, 2, 1, 2 };
        d->rm = (uint8_t)BITS(hw, 8, 6);
        d->op = opb < 3 ? ARM_OP_STR_REG : ARM_OP_LDR_REG;
        d->flags |= ARM_F_REG_OFFSET;
        d->width = w[opb];
        d->shift_t = ARM_SHIFT_LSL;
        if (opb == 3 || opb == 7)
            d->flags |= ARM_F_SIGNED;
        return;
    }
    unsigned imm5 = BITS(hw, 10, 6);
    bool load = BIT(hw, 11);
    d->op = load ? ARM_OP_LDR_IMM : ARM_OP_STR_IMM;
    switch (opa) {
    case 6: d->width = 4; d->imm = (int32_t)(imm5 * 4); break;
    case 7: d->width = 1; d->imm = (int32_t)imm5; break;
    case 8: d->width = 2; d->imm = (int32_t)(imm5 * 2); break;
    default:                               /* 9: SP-relative */
        d->width = 4;
        d->rd = (uint8_t)BITS(hw, 10, 8);
        d->rn = 13;
        d->imm = (int32_t)(BITS(hw, 7, 0) * 4);
        break;
    }
}

/* A5.2.5 miscellaneous 16-bit instructions */
static void dec16_misc(uint32_t hw, ArmInsn *d)
{
    unsigned op = BITS(hw, 11, 5);
    if ((op & 0x78) == 0x00) {             /* ADD/SUB SP, SP, #imm7*4 */
        d->op = BIT(hw, 7) ? ARM_OP_SUB_IMM : ARM_OP_ADD_IMM;
        d->rd = d->rn = 13;
        d->imm = (int32_t)(BITS(hw, 6, 0) * 4);
    } else if ((op & 0x28) == 0x08) {      /* CBZ/CBNZ: 1011 o0i1 */
        d->op = BIT(hw, 11) ? ARM_OP_CBNZ : ARM_OP_CBZ;
        d->rn = (uint8_t)BITS(hw, 2, 0);
        d->imm = (int32_t)((BIT(hw, 9) << 6) | (BITS(hw, 7, 3) << 1));
    } else if ((op & 0x78) == 0x10) {      /* 0010xx: extend */
        static const uint8_t ops[4] = { ARM_OP_SXTH, ARM_OP_SXTB, ARM_OP_UXTH, ARM_OP_UXTB };
        d->op = ops[BITS(hw, 7, 6)];
        d->rd = (uint8_t)BITS(hw, 2, 0);
        d->rm = (uint8_t)BITS(hw, 5, 3);
    } else if ((op & 0x70) == 0x20) {      /* 010x: PUSH */
        d->op = ARM_OP_STMDB;
        d->rn = 13;
        d->flags = ARM_F_WBACK;
        d->reglist = (uint16_t)(BITS(hw, 7, 0) | BIT(hw, 8) << 14);
        if (d->reglist == 0)
            d->flags |= ARM_F_UNPRED | ARM_F_UNPRED_UNDEF;
    } else if ((op & 0x70) == 0x60) {      /* 110x: POP */
        d->op = ARM_OP_LDM;
        d->rn = 13;
        d->flags = ARM_F_WBACK;
        d->reglist = (uint16_t)(BITS(hw, 7, 0) | BIT(hw, 8) << 15);
        if (d->reglist == 0)
            d->flags |= ARM_F_UNPRED | ARM_F_UNPRED_UNDEF;
    } else if ((op & 0x7f) == 0x33) {      /* 0110011: CPS */
        d->op = ARM_OP_CPS;
        d->imm = (int32_t)(BIT(hw, 0) | BIT(hw, 1) << 1 | BIT(hw, 4) << 4);
        unpred_if(d, BIT(hw, 2) || (BITS(hw, 1, 0) == 0));
        sbz_undef(d, BIT(hw, 3));
    } else if ((op & 0x78) == 0x50) {      /* 1010xx: REV */
        static const uint8_t ops[4] = { ARM_OP_REV, ARM_OP_REV16, ARM_OP_UNDEFINED, ARM_OP_REVSH };
        d->op = ops[BITS(hw, 7, 6)];
        d->rd = (uint8_t)BITS(hw, 2, 0);
        d->rm = (uint8_t)BITS(hw, 5, 3);
    } else if ((op & 0x78) == 0x70) {      /* 1110xxx: BKPT */
        d->op = ARM_OP_BKPT;
        d->imm = (int32_t)BITS(hw, 7, 0);
    } else if ((op & 0x78) == 0x78) {      /* 1111xxx: IT and hints */
        if (BITS(hw, 3, 0)) {
            d->op = ARM_OP_IT;
            d->cond = (uint8_t)BITS(hw, 7, 4);
            d->it_mask = (uint8_t)BITS(hw, 3, 0);
            /* firstcond 1111, or AL with a mask naming an "else" slot */
            if (d->cond == 15)
                unpred_if(d, true);
            else if (d->cond == 14 && (d->it_mask & 0x7) && popcount16(d->it_mask) != 1)
                unpred_if(d, true);
        } else {
            static const uint8_t hints[5] = { ARM_OP_NOP, ARM_OP_YIELD, ARM_OP_WFE, ARM_OP_WFI, ARM_OP_SEV };
            unsigned h = BITS(hw, 7, 4);
            d->op = h < 5 ? hints[h] : ARM_OP_NOP;
            d->imm = (int32_t)h;
        }
    } else {
        undef(d);
    }
}

static void dec16(uint32_t hw, ArmInsn *d)
{
    unsigned top = BITS(hw, 15, 10);
    if ((top & 0x30) == 0x00) {
        dec16_shift_add(hw, d);
    } else if (top == 0x10) {
        dec16_dp(hw, d);
    } else if (top == 0x11) {
        dec16_special(hw, d);
    } else if ((top & 0x3e) == 0x12) {     /* LDR literal */
        d->op = ARM_OP_LDR_LIT;
        d->rd = (uint8_t)BITS(hw, 10, 8);
        d->rn = 15;
        d->width = 4;
        d->flags = ARM_F_ADD | ARM_F_INDEX;
        d->imm = (int32_t)(BITS(hw, 7, 0) * 4);
    } else if ((top & 0x3c) == 0x14 || (top & 0x38) == 0x18 || (top & 0x38) == 0x20) {
        dec16_ldst(hw, d);
    } else if ((top & 0x3e) == 0x28) {     /* ADR */
        d->op = ARM_OP_ADR;
        d->rd = (uint8_t)BITS(hw, 10, 8);
        d->rn = 15;
        d->imm = (int32_t)(BITS(hw, 7, 0) * 4);
    } else if ((top & 0x3e) == 0x2a) {     /* ADD Rd, SP, #imm8*4 */
        d->op = ARM_OP_ADD_IMM;
        d->rd = (uint8_t)BITS(hw, 10, 8);
        d->rn = 13;
        d->imm = (int32_t)(BITS(hw, 7, 0) * 4);
    } else if ((top & 0x3c) == 0x2c) {
        dec16_misc(hw, d);
    } else if ((top & 0x3e) == 0x30 || (top & 0x3e) == 0x32) {   /* STM / LDM */
        bool load = BIT(hw, 11);
        d->op = load ? ARM_OP_LDM : ARM_OP_STM;
        d->rn = (uint8_t)BITS(hw, 10, 8);
        d->reglist = (uint16_t)BITS(hw, 7, 0);
        if (!load || !(d->reglist & (1u << d->rn)))
            d->flags = ARM_F_WBACK;
        if (d->reglist == 0)
            d->flags |= ARM_F_UNPRED | ARM_F_UNPRED_UNDEF;
        /* STM with writeback and the base in the list, not lowest: UNPRED */
        if (!load && (d->reglist & (1u << d->rn)) && (d->reglist & ((1u << d->rn) - 1)))
            unpred_if(d, true);
    } else if ((top & 0x3c) == 0x34) {     /* B<cond>, UDF, SVC */
        unsigned cond = BITS(hw, 11, 8);
        if (cond == 14) {
            d->op = ARM_OP_UDF;
            d->imm = (int32_t)BITS(hw, 7, 0);
        } else if (cond == 15) {
            d->op = ARM_OP_SVC;
            d->imm = (int32_t)BITS(hw, 7, 0);
        } else {
            d->op = ARM_OP_B;
            d->cond = (uint8_t)cond;
            d->imm = sext(BITS(hw, 7, 0) << 1, 9);
        }
    } else if ((top & 0x3e) == 0x38) {     /* B (T2) */
        d->op = ARM_OP_B;
        d->imm = sext(BITS(hw, 10, 0) << 1, 12);
    } else {
        undef(d);
    }
}

/* ---------------------------------------------------------------- 32-bit */

/* A5.3.5 load/store multiple */
static void dec32_ldm(uint32_t h1, uint32_t h2, ArmInsn *d)
{
    unsigned op = BITS(h1, 8, 7);
    bool load = BIT(h1, 4), w = BIT(h1, 5);
    d->rn = (uint8_t)BITS(h1, 3, 0);
    d->reglist = (uint16_t)h2;
    if (w)
        d->flags |= ARM_F_WBACK;
    if (op == 1)
        d->op = load ? ARM_OP_LDM : ARM_OP_STM;
    else if (op == 2)
        d->op = load ? ARM_OP_LDMDB : ARM_OP_STMDB;
    else {
        undef(d);                          /* SRS/RFE are not in ARMv7-M */
        return;
    }
    unsigned n = d->rn;
    unpred_if(d, n == 15 || popcount16(d->reglist) < 2 || (d->reglist & (1u << 13)));
    if (n == 15 || d->reglist == 0)
        d->flags |= ARM_F_UNPRED_UNDEF;
    if (load)
        unpred_if(d, (d->reglist & 0xc000) == 0xc000);
    else
        unpred_if(d, (d->reglist & 0x8000) != 0);
    unpred_if(d, w && (d->reglist & (1u << n)));
}

/* A5.3.6 load/store dual or exclusive, table branch */
static void dec32_dual(uint32_t h1, uint32_t h2, ArmInsn *d)
{
    unsigned op1 = BITS(h1, 8, 7), op2 = BITS(h1, 5, 4), op3 = BITS(h2, 7, 4);
    unsigned rn = BITS(h1, 3, 0), rt = BITS(h2, 15, 12), rt2 = BITS(h2, 11, 8);
    d->rn = (uint8_t)rn;
    if (op1 == 0 && op2 == 0) {            /* STREX */
        d->op = ARM_OP_STREX;
        d->ra = (uint8_t)rt2;
        d->rd = (uint8_t)rt;
        d->width = 4;
        d->imm = (int32_t)(BITS(h2, 7, 0) * 4);
        unpred_if(d, bad(rt2) || bad(rt) || rn == 15 || rt2 == rn || rt2 == rt);
    } else if (op1 == 0 && op2 == 1) {     /* LDREX */
        d->op = ARM_OP_LDREX;
        d->rd = (uint8_t)rt;
        d->width = 4;
        d->imm = (int32_t)(BITS(h2, 7, 0) * 4);
        unpred_if(d, bad(rt) || rn == 15);
        sbz_undef(d, rt2 != 15);
    } else if ((op1 & 2) || (op2 & 2)) {   /* LDRD/STRD immediate/literal */
        bool load = BIT(h1, 4);
        bool p = BIT(h1, 8), u = BIT(h1, 7), w = BIT(h1, 5);
        d->op = load ? (rn == 15 ? ARM_OP_LDRD_LIT : ARM_OP_LDRD_IMM) : ARM_OP_STRD_IMM;
        d->rd = (uint8_t)rt;
        d->ra = (uint8_t)rt2;
        d->width = 8;
        d->imm = (int32_t)(BITS(h2, 7, 0) * 4);
        d->flags |= (p ? ARM_F_INDEX : 0) | (u ? ARM_F_ADD : 0) | (w ? ARM_F_WBACK : 0);
        unpred_if(d, w && (rn == rt || rn == rt2));
        unpred_if(d, bad(rt) || bad(rt2));
        if (load)
            unpred_if(d, rt == rt2 || (rn == 15 && w));
        else
            unpred_if(d, rn == 15);
    } else if (op1 == 1 && op2 == 0) {    /* STREXB/STREXH */
        if (op3 == 4 || op3 == 5) {
            d->op = ARM_OP_STREX;
            d->width = op3 == 4 ? 1 : 2;
            d->ra = (uint8_t)BITS(h2, 3, 0);
            d->rd = (uint8_t)rt;
            unpred_if(d, bad(d->ra) || bad(rt) || rn == 15 || d->ra == rn || d->ra == rt);
            sbz_undef(d, rt2 != 15);
        } else {
            undef(d);
        }
    } else {                               /* op1 == 1 && op2 == 1 */
        if (op3 == 0 || op3 == 1) {
            d->op = op3 ? ARM_OP_TBH : ARM_OP_TBB;
            d->rm = (uint8_t)BITS(h2, 3, 0);
            unpred_if(d, rn == 13 || bad(d->rm));
            sbz_undef(d, BITS(h2, 15, 8) != 0xf0);
        } else if (op3 == 4 || op3 == 5) {
            d->op = ARM_OP_LDREX;
            d->width = op3 == 4 ? 1 : 2;
            d->rd = (uint8_t)rt;
            unpred_if(d, bad(rt) || rn == 15);
            sbz_undef(d, rt2 != 15 || BITS(h2, 3, 0) != 15);
        } else {
            undef(d);
        }
    }
}

/* A5.3.11 data processing (shifted register) */
static void dec32_dp_shreg(uint32_t h1, uint32_t h2, ArmInsn *d)
{
    unsigned op = BITS(h1, 8, 5), rn = BITS(h1, 3, 0), rd = BITS(h2, 11, 8);
    unsigned rm = BITS(h2, 3, 0);
    bool s = BIT(h1, 4);
    d->rd = (uint8_t)rd;
    d->rn = (uint8_t)rn;
    d->rm = (uint8_t)rm;
    if (s)
        d->flags |= ARM_F_S;
    set_shift(d, BITS(h2, 5, 4), BITS(h2, 14, 12) << 2 | BITS(h2, 7, 6));
    if (BIT(h2, 15)) {                     /* (0) */
        sbz_undef(d, true);
        return;
    }
    bool test = rd == 15 && s;
    switch (op) {
    case 0: d->op = test ? ARM_OP_TST_REG : ARM_OP_AND_REG; break;
    case 1: d->op = ARM_OP_BIC_REG; break;
    case 2: d->op = rn == 15 ? ARM_OP_MOV_REG : ARM_OP_ORR_REG; break;
    case 3: d->op = rn == 15 ? ARM_OP_MVN_REG : ARM_OP_ORN_REG; break;
    case 4: d->op = test ? ARM_OP_TEQ_REG : ARM_OP_EOR_REG; break;
    case 6:
        if (s || BIT(h2, 4)) {
            undef(d);
            return;
        }
        d->op = BIT(h2, 5) ? ARM_OP_PKHTB : ARM_OP_PKHBT;
        if (d->op == ARM_OP_PKHBT && d->shift_t != ARM_SHIFT_LSL)
            d->shift_t = ARM_SHIFT_LSL, d->shift_n = (uint8_t)(BITS(h2, 14, 12) << 2 | BITS(h2, 7, 6));
        unpred_if(d, bad(rd) || bad(rn) || bad(rm));
        return;
    case 8: d->op = test ? ARM_OP_CMN_REG : ARM_OP_ADD_REG; break;
    case 10: d->op = ARM_OP_ADC_REG; break;
    case 11: d->op = ARM_OP_SBC_REG; break;
    case 13: d->op = test ? ARM_OP_CMP_REG : ARM_OP_SUB_REG; break;
    case 14: d->op = ARM_OP_RSB_REG; break;
    default:
        undef(d);
        return;
    }
    switch (d->op) {
    case ARM_OP_TST_REG: case ARM_OP_TEQ_REG: case ARM_OP_CMP_REG: case ARM_OP_CMN_REG:
        d->rd = 0;
        if (d->op == ARM_OP_CMP_REG || d->op == ARM_OP_CMN_REG)
            unpred_if(d, rn == 15 || bad(rm));
        else
            unpred_if(d, bad(rn) || bad(rm));
        break;
    case ARM_OP_MOV_REG: case ARM_OP_MVN_REG:
        d->rn = 0;
        unpred_if(d, bad(rd) || bad(rm));
        break;
    case ARM_OP_ADD_REG: case ARM_OP_SUB_REG:
        if (rn == 13) {                    /* ADD/SUB (SP plus register) */
            unpred_if(d, rd == 15 && !s);
            unpred_if(d, rd == 13 && (d->shift_t != ARM_SHIFT_LSL || d->shift_n > 3));
            unpred_if(d, bad(rm));
        } else {
            unpred_if(d, bad(rd) || rn == 15 || bad(rm));
        }
        break;
    default:
        unpred_if(d, bad(rd) || bad(rn) || bad(rm));
        break;
    }
}

/* A5.3.1 data processing (modified immediate) */
static void dec32_dp_modimm(uint32_t h1, uint32_t h2, ArmInsn *d)
{
    unsigned op = BITS(h1, 8, 5), rn = BITS(h1, 3, 0), rd = BITS(h2, 11, 8);
    bool s = BIT(h1, 4), cv, up;
    uint32_t imm12 = BIT(h1, 10) << 11 | BITS(h2, 14, 12) << 8 | BITS(h2, 7, 0);
    d->imm = (int32_t)arm_thumb_expand_imm(imm12, &cv, &up);
    unpred_if(d, up);
    if (cv)
        d->flags |= ARM_F_IMM_CARRY;
    if (s)
        d->flags |= ARM_F_S;
    d->rd = (uint8_t)rd;
    d->rn = (uint8_t)rn;
    bool test = rd == 15 && s;
    switch (op) {
    case 0: d->op = test ? ARM_OP_TST_IMM : ARM_OP_AND_IMM; break;
    case 1: d->op = ARM_OP_BIC_IMM; break;
    case 2: d->op = rn == 15 ? ARM_OP_MOV_IMM : ARM_OP_ORR_IMM; break;
    case 3: d->op = rn == 15 ? ARM_OP_MVN_IMM : ARM_OP_ORN_IMM; break;
    case 4: d->op = test ? ARM_OP_TEQ_IMM : ARM_OP_EOR_IMM; break;
    case 8: d->op = test ? ARM_OP_CMN_IMM : ARM_OP_ADD_IMM; break;
    case 10: d->op = ARM_OP_ADC_IMM; break;
    case 11: d->op = ARM_OP_SBC_IMM; break;
    case 13: d->op = test ? ARM_OP_CMP_IMM : ARM_OP_SUB_IMM; break;
    case 14: d->op = ARM_OP_RSB_IMM; break;
    default: undef(d); return;
    }
    switch (d->op) {
    case ARM_OP_TST_IMM: case ARM_OP_TEQ_IMM:
        d->rd = 0; unpred_if(d, bad(rn)); break;
    case ARM_OP_CMP_IMM: case ARM_OP_CMN_IMM:
        d->rd = 0; unpred_if(d, rn == 15); break;
    case ARM_OP_MOV_IMM: case ARM_OP_MVN_IMM:
        d->rn = 0; unpred_if(d, bad(rd)); break;
    case ARM_OP_ADD_IMM: case ARM_OP_SUB_IMM:
        if (rn == 13)
            unpred_if(d, rd == 15 && !s);
        else
            unpred_if(d, bad(rd) || rn == 15);
        break;
    default:
        unpred_if(d, bad(rd) || bad(rn));
        break;
    }
}

/* A5.3.3 data processing (plain binary immediate) */
static void dec32_dp_plain(uint32_t h1, uint32_t h2, ArmInsn *d)
{
    unsigned op = BITS(h1, 8, 4), rn = BITS(h1, 3, 0), rd = BITS(h2, 11, 8);
    uint32_t imm12 = BIT(h1, 10) << 11 | BITS(h2, 14, 12) << 8 | BITS(h2, 7, 0);
    unsigned imm5 = BITS(h2, 14, 12) << 2 | BITS(h2, 7, 6);
    d->rd = (uint8_t)rd;
    d->rn = (uint8_t)rn;
    if (BIT(h2, 15)) {                     /* (0) */
        sbz_undef(d, true);
        return;
    }
    switch (op) {
    case 0x00: case 0x0a:                  /* ADDW / SUBW / ADR */
        if (rn == 15) {
            d->op = ARM_OP_ADR;
            d->imm = op ? -(int32_t)imm12 : (int32_t)imm12;
            unpred_if(d, bad(rd));
        } else {
            d->op = op ? ARM_OP_SUB_IMM : ARM_OP_ADD_IMM;
            d->imm = (int32_t)imm12;
            unpred_if(d, rn == 13 ? rd == 15 : bad(rd));
        }
        return;
    case 0x04: case 0x0c:                  /* MOVW / MOVT */
        d->op = op == 4 ? ARM_OP_MOV_IMM : ARM_OP_MOVT;
        d->imm = (int32_t)(BITS(h1, 3, 0) << 12 | imm12);
        d->rn = 0;
        unpred_if(d, bad(rd));
        return;
    default:
        break;
    }
    unpred_if(d, bad(rd) || bad(rn));
    if (BIT(h1, 10)) {                     /* (0) */
        sbz_undef(d, true);
        return;
    }
    switch (op) {
    case 0x10: case 0x12: case 0x18: case 0x1a: {   /* SSAT / USAT (+16) */
        bool u = op >= 0x18, asr = BIT(h1, 5);
        if (asr && imm5 == 0) {
            d->op = u ? ARM_OP_USAT16 : ARM_OP_SSAT16;
            d->rm = (uint8_t)rn;
            d->rn = 0;
            d->imm = (int32_t)(BITS(h2, 3, 0) + (u ? 0 : 1));
            sbz_undef(d, BITS(h2, 5, 4) != 0);
        } else {
            d->op = u ? ARM_OP_USAT : ARM_OP_SSAT;
            d->rm = (uint8_t)rn;
            d->rn = 0;
            d->imm = (int32_t)(BITS(h2, 4, 0) + (u ? 0 : 1));
            set_shift(d, asr ? 2 : 0, imm5);
            sbz_undef(d, BIT(h2, 5));
        }
        return;
    }
    case 0x14: case 0x1c:                  /* SBFX / UBFX */
        d->op = op == 0x14 ? ARM_OP_SBFX : ARM_OP_UBFX;
        d->imm = (int32_t)imm5;
        d->imm2 = (uint8_t)BITS(h2, 4, 0);
        unpred_if(d, imm5 + BITS(h2, 4, 0) > 31);
        sbz_undef(d, BIT(h2, 5));
        return;
    case 0x16:                             /* BFI / BFC */
        d->op = rn == 15 ? ARM_OP_BFC : ARM_OP_BFI;
        if (rn == 15) {
            d->rn = 0;
            d->flags &= (uint16_t)~ARM_F_UNPRED;
            unpred_if(d, bad(rd));
        }
        d->imm = (int32_t)imm5;
        d->imm2 = (uint8_t)BITS(h2, 4, 0);
        unpred_if(d, BITS(h2, 4, 0) < imm5);
        sbz_undef(d, BIT(h2, 5));
        return;
    default:
        undef(d);
        return;
    }
}

/* SYSm values defined for MRS/MSR (B5.2.2); others are UNPREDICTABLE. */
static bool sysm_valid(unsigned sysm)
{
    return sysm <= 3 || (sysm >= 5 && sysm <= 9) || (sysm >= 16 && sysm <= 20);
}

/* A5.3.4 branches and miscellaneous control */
static void dec32_branch_misc(uint32_t h1, uint32_t h2, ArmInsn *d)
{
    unsigned op = BITS(h1, 10, 4), op1 = BITS(h2, 14, 12);
    unsigned s = BIT(h1, 10), j1 = BIT(h2, 13), j2 = BIT(h2, 11);
    if (op1 & 1) {                         /* B.W (T4) or BL */
        uint32_t i1 = !(j1 ^ s), i2 = !(j2 ^ s);
        d->op = (op1 & 4) ? ARM_OP_BL : ARM_OP_B;
        d->imm = sext(s << 24 | i1 << 23 | i2 << 22 | BITS(h1, 9, 0) << 12 | BITS(h2, 10, 0) << 1, 25);
        return;
    }
    if (op1 & 4) {                         /* BLX immediate: not in ARMv7-M */
        undef(d);
        return;
    }
    if ((op & 0x38) != 0x38) {             /* B<cond>.W (T3), op1 = 0x0 */
        d->op = ARM_OP_B;
        d->cond = (uint8_t)BITS(h1, 9, 6);
        d->imm = sext(s << 20 | j2 << 19 | j1 << 18 | BITS(h1, 5, 0) << 12 | BITS(h2, 10, 0) << 1, 21);
        return;
    }
    if (op == 0x7f) {                      /* op1 = 010: UDF.W; 000: SMC (not v7-M) */
        if (op1 == 2) {
            d->op = ARM_OP_UDF;
            d->imm = (int32_t)(BITS(h1, 3, 0) << 12 | BITS(h2, 11, 0));
        } else {
            undef(d);
        }
        return;
    }
    switch (op) {
    case 0x38: case 0x39:                  /* MSR */
        d->op = ARM_OP_MSR;
        d->rn = (uint8_t)BITS(h1, 3, 0);
        d->imm = (int32_t)(BITS(h2, 7, 0) | BITS(h2, 11, 10) << 8);
        unpred_if(d, bad(d->rn));
        {
            unsigned mask = BITS(h2, 11, 10), sysm = BITS(h2, 7, 0);
            if (mask == 0 || (sysm > 3 && mask != 2) || !sysm_valid(sysm))
                unpred_if(d, true);
        }
        sbz_undef(d, BIT(h1, 4) || BIT(h2, 13) || BITS(h2, 9, 8));
        return;
    case 0x3a:                             /* hints (CPS.W is not ARMv7-M) */
        if (BITS(h2, 10, 8) != 0) {
            undef(d);
            return;
        }
        {
            static const uint8_t hints[5] = { ARM_OP_NOP, ARM_OP_YIELD, ARM_OP_WFE, ARM_OP_WFI, ARM_OP_SEV };
            unsigned h = BITS(h2, 7, 0);
            d->imm = (int32_t)h;
            if (h < 5)
                d->op = hints[h];
            else if ((h & 0xf0) == 0xf0) {
                d->op = ARM_OP_DBG;
                d->imm = (int32_t)(h & 0xf);
            } else
                d->op = ARM_OP_NOP;
            sbz_undef(d, BITS(h1, 3, 0) != 15 || BIT(h2, 13) || BIT(h2, 11));
        }
        return;
    case 0x3b:                             /* misc control */
        d->imm = (int32_t)BITS(h2, 3, 0);
        switch (BITS(h2, 7, 4)) {
        case 2: d->op = ARM_OP_CLREX; break;
        case 4: d->op = ARM_OP_DSB; break;
        case 5: d->op = ARM_OP_DMB; break;
        case 6: d->op = ARM_OP_ISB; break;
        default: undef(d); return;
        }
        sbz_undef(d, BITS(h1, 3, 0) != 15 || BIT(h2, 13) || BITS(h2, 11, 8) != 15
                  || (d->op == ARM_OP_CLREX && BITS(h2, 3, 0) != 15));
        return;
    case 0x3e: case 0x3f:                  /* MRS */
        d->op = ARM_OP_MRS;
        d->rd = (uint8_t)BITS(h2, 11, 8);
        d->imm = (int32_t)BITS(h2, 7, 0);
        unpred_if(d, bad(d->rd) || !sysm_valid(BITS(h2, 7, 0)));
        sbz_undef(d, BIT(h1, 4) || BITS(h1, 3, 0) != 15 || BIT(h2, 13));
        return;
    default:
        undef(d);
        return;
    }
}

/* A5.3.7 - A5.3.10 load/store single, memory hints */
static void dec32_ldst_single(uint32_t h1, uint32_t h2, ArmInsn *d)
{
    bool load = BIT(h1, 4), sign = BIT(h1, 8), imm12 = BIT(h1, 7);
    unsigned size = BITS(h1, 6, 5);
    unsigned rn = BITS(h1, 3, 0), rt = BITS(h2, 15, 12);
    if (size == 3 || (!load && sign) || (size == 2 && sign)) {
        undef(d);
        return;
    }
    d->width = (uint8_t)(1u << size);
    if (sign)
        d->flags |= ARM_F_SIGNED;
    d->rd = (uint8_t)rt;
    d->rn = (uint8_t)rn;
    if (!load && rn == 15) {
        undef(d);
        return;
    }
    if (load && rn == 15) {                /* literal */
        d->op = ARM_OP_LDR_LIT;
        d->flags |= ARM_F_INDEX | (imm12 ? ARM_F_ADD : 0);
        d->imm = (int32_t)BITS(h2, 11, 0);
    } else if (imm12) {                    /* T2/T3 imm12 */
        d->op = load ? ARM_OP_LDR_IMM : ARM_OP_STR_IMM;
        d->flags |= ARM_F_INDEX | ARM_F_ADD;
        d->imm = (int32_t)BITS(h2, 11, 0);
    } else if (BITS(h2, 11, 6) == 0) {     /* register */
        d->op = load ? ARM_OP_LDR_REG : ARM_OP_STR_REG;
        d->flags |= ARM_F_INDEX | ARM_F_ADD | ARM_F_REG_OFFSET;
        d->rm = (uint8_t)BITS(h2, 3, 0);
        d->shift_t = ARM_SHIFT_LSL;
        d->shift_n = (uint8_t)BITS(h2, 5, 4);
        unpred_if(d, bad(d->rm));
    } else if (BIT(h2, 11)) {              /* imm8 with P/U/W */
        unsigned puw = BITS(h2, 10, 8);
        d->imm = (int32_t)BITS(h2, 7, 0);
        if (puw == 6) {
            d->op = load ? ARM_OP_LDRT : ARM_OP_STRT;
            d->flags |= ARM_F_INDEX | ARM_F_ADD;
        } else if ((puw & 5) == 0) {       /* P=0, W=0 */
            undef(d);
            return;
        } else {
            d->op = load ? ARM_OP_LDR_IMM : ARM_OP_STR_IMM;
            d->flags |= (BIT(puw, 2) ? ARM_F_INDEX : 0) | (BIT(puw, 1) ? ARM_F_ADD : 0)
                        | (BIT(puw, 0) ? ARM_F_WBACK : 0);
        }
        if (d->flags & ARM_F_WBACK)
            unpred_if(d, rn == rt);
    } else {
        undef(d);
        return;
    }

    /* Rt = PC: memory hints for byte/halfword loads (A5.3.8, A5.3.9). */
    if (load && rt == 15 && size < 2) {
        bool hint = d->op == ARM_OP_LDR_LIT || d->op == ARM_OP_LDR_REG
                    || (d->op == ARM_OP_LDR_IMM && !(d->flags & ARM_F_WBACK)
                        && (imm12 || !(d->flags & ARM_F_ADD)));
        if (hint && size == 0) {
            d->op = sign ? ARM_OP_PLI : ARM_OP_PLD;
            d->flags &= (uint16_t)~ARM_F_SIGNED;
            d->rd = 0;
            return;
        }
        if (hint) {                        /* unallocated hint: NOP */
            d->op = ARM_OP_NOP;
            d->flags |= ARM_F_UNPRED;
            d->rd = 0;
            return;
        }
        unpred_if(d, true);
        return;
    }
    /* LDR PC is allowed (last in an IT block: checked by arm_it_step);
     * byte/halfword loads into PC were handled above as hints. */
    if (load)
        unpred_if(d, rt == 13 && size < 2);
    else
        unpred_if(d, rt == 15 || (rt == 13 && size < 2));
    if (d->op == ARM_OP_LDRT || d->op == ARM_OP_STRT)
        unpred_if(d, bad(rt));
}

/* A5.3.12 data processing (register) incl. A5.3.13-15 */
static void dec32_dp_reg(uint32_t h1, uint32_t h2, ArmInsn *d)
{
    unsigned op1 = BITS(h1, 7, 4), op2 = BITS(h2, 7, 4);
    unsigned rn = BITS(h1, 3, 0), rd = BITS(h2, 11, 8), rm = BITS(h2, 3, 0);
    d->rd = (uint8_t)rd;
    d->rn = (uint8_t)rn;
    d->rm = (uint8_t)rm;
    if (BITS(h2, 15, 12) != 15) {
        undef(d);
        return;
    }
    if ((op1 & 8) == 0 && op2 == 0) {      /* shifts by register */
        static const uint8_t ops[4] = { ARM_OP_LSL_REG, ARM_OP_LSR_REG, ARM_OP_ASR_REG, ARM_OP_ROR_REG };
        d->op = ops[BITS(op1, 2, 1)];
        if (BIT(op1, 0))
            d->flags |= ARM_F_S;
        unpred_if(d, bad(rd) || bad(rn) || bad(rm));
        return;
    }
    if ((op1 & 8) == 0 && (op2 & 8)) {     /* extend (A5.3.12 0xxx 1xxx) */
        static const uint8_t ext[6] = { ARM_OP_SXTH, ARM_OP_UXTH, ARM_OP_SXTB16, ARM_OP_UXTB16,
                                        ARM_OP_SXTB, ARM_OP_UXTB };
        static const uint8_t exta[6] = { ARM_OP_SXTAH, ARM_OP_UXTAH, ARM_OP_SXTAB16,
                                         ARM_OP_UXTAB16, ARM_OP_SXTAB, ARM_OP_UXTAB };
        if (op1 > 5) {
            undef(d);
            return;
        }
        d->op = rn == 15 ? ext[op1] : exta[op1];
        if (rn == 15)
            d->rn = 0;
        d->shift_t = ARM_SHIFT_ROR;
        d->shift_n = (uint8_t)(BITS(h2, 5, 4) * 8);
        unpred_if(d, bad(rd) || rn == 13 || bad(rm));
        sbz_undef(d, BIT(h2, 6));
        return;
    }
    if ((op1 & 8) && (op2 & 0xc) == 0 && op2 != 3) {     /* signed parallel */
        static const uint8_t ops[3][8] = {
            { ARM_OP_SADD8, ARM_OP_SADD16, ARM_OP_SASX, 0, ARM_OP_SSUB8, ARM_OP_SSUB16, ARM_OP_SSAX, 0 },
            { ARM_OP_QADD8, ARM_OP_QADD16, ARM_OP_QASX, 0, ARM_OP_QSUB8, ARM_OP_QSUB16, ARM_OP_QSAX, 0 },
            { ARM_OP_SHADD8, ARM_OP_SHADD16, ARM_OP_SHASX, 0, ARM_OP_SHSUB8, ARM_OP_SHSUB16, ARM_OP_SHSAX, 0 },
        };
        d->op = ops[op2][op1 & 7];
        unpred_if(d, bad(rd) || bad(rn) || bad(rm));
        return;
    }
    if ((op1 & 8) && (op2 & 0xc) == 4 && op2 != 7) {     /* unsigned parallel */
        static const uint8_t ops[3][8] = {
            { ARM_OP_UADD8, ARM_OP_UADD16, ARM_OP_UASX, 0, ARM_OP_USUB8, ARM_OP_USUB16, ARM_OP_USAX, 0 },
            { ARM_OP_UQADD8, ARM_OP_UQADD16, ARM_OP_UQASX, 0, ARM_OP_UQSUB8, ARM_OP_UQSUB16, ARM_OP_UQSAX, 0 },
            { ARM_OP_UHADD8, ARM_OP_UHADD16, ARM_OP_UHASX, 0, ARM_OP_UHSUB8, ARM_OP_UHSUB16, ARM_OP_UHSAX, 0 },
        };
        d->op = ops[op2 & 3][op1 & 7];
        unpred_if(d, bad(rd) || bad(rn) || bad(rm));
        return;
    }
    if ((op1 & 0xc) == 8 && (op2 & 0xc) == 8) {          /* A5.3.15 misc */
        static const uint8_t ops[4][4] = {
            { ARM_OP_QADD, ARM_OP_QDADD, ARM_OP_QSUB, ARM_OP_QDSUB },
            { ARM_OP_REV, ARM_OP_REV16, ARM_OP_RBIT, ARM_OP_REVSH },
            { ARM_OP_SEL, 0, 0, 0 },
            { ARM_OP_CLZ, 0, 0, 0 },
        };
        d->op = ops[op1 & 3][op2 & 3];
        if (d->op == ARM_OP_UNDEFINED)
            return;
        unpred_if(d, bad(rd) || bad(rn) || bad(rm));
        if ((op1 & 3) == 1 || (op1 & 3) == 3) {
            /* one-operand: Rm appears twice (Consistent(Rm)) */
            unpred_if(d, rn != rm);
            d->rn = 0;
        }
        return;
    }
    undef(d);
}

/* A5.3.16 multiply, multiply accumulate, absolute difference */
static void dec32_mul(uint32_t h1, uint32_t h2, ArmInsn *d)
{
    unsigned op1 = BITS(h1, 6, 4), op2 = BITS(h2, 5, 4);
    unsigned rn = BITS(h1, 3, 0), ra = BITS(h2, 15, 12), rd = BITS(h2, 11, 8), rm = BITS(h2, 3, 0);
    bool acc = ra != 15;
    d->rd = (uint8_t)rd;
    d->rn = (uint8_t)rn;
    d->rm = (uint8_t)rm;
    d->ra = acc ? (uint8_t)ra : 0;
    if (BITS(h2, 7, 6) != 0) {
        undef(d);
        return;
    }
    switch (op1) {
    case 0:
        if (op2 == 0)
            d->op = acc ? ARM_OP_MLA : ARM_OP_MUL;
        else if (op2 == 1) {
            d->op = ARM_OP_MLS;
            d->ra = (uint8_t)ra;
        } else {
            undef(d);
            return;
        }
        break;
    case 1:
        d->op = acc ? ARM_OP_SMLAXY : ARM_OP_SMULXY;
        d->imm = (int32_t)op2;
        break;
    case 2: case 3: case 4: case 5: case 6:
        if (op2 & 2) {
            undef(d);
            return;
        }
        d->imm = (int32_t)(op2 & 1);
        switch (op1) {
        case 2: d->op = acc ? ARM_OP_SMLAD : ARM_OP_SMUAD; break;
        case 3: d->op = acc ? ARM_OP_SMLAWY : ARM_OP_SMULWY; break;
        case 4: d->op = acc ? ARM_OP_SMLSD : ARM_OP_SMUSD; break;
        case 5: d->op = acc ? ARM_OP_SMMLA : ARM_OP_SMMUL; break;
        default: d->op = ARM_OP_SMMLS; d->ra = (uint8_t)ra; break;
        }
        break;
    default:
        if (op2 != 0) {
            undef(d);
            return;
        }
        d->op = acc ? ARM_OP_USADA8 : ARM_OP_USAD8;
        break;
    }
    unpred_if(d, bad(rd) || bad(rn) || bad(rm) || ra == 13);
    if (d->op == ARM_OP_MLS || d->op == ARM_OP_SMMLS)
        unpred_if(d, bad(ra));
}

/* A5.3.17 long multiply, long multiply accumulate, divide */
static void dec32_long_mul(uint32_t h1, uint32_t h2, ArmInsn *d)
{
    unsigned op1 = BITS(h1, 6, 4), op2 = BITS(h2, 7, 4);
    unsigned rn = BITS(h1, 3, 0), lo = BITS(h2, 15, 12), hi = BITS(h2, 11, 8), rm = BITS(h2, 3, 0);
    d->rn = (uint8_t)rn;
    d->rm = (uint8_t)rm;
    d->rd = (uint8_t)lo;
    d->ra = (uint8_t)hi;
    if ((op1 == 1 || op1 == 3) && op2 == 15) {
        d->op = op1 == 1 ? ARM_OP_SDIV : ARM_OP_UDIV;
        d->rd = (uint8_t)hi;
        d->ra = 0;
        unpred_if(d, bad(hi) || bad(rn) || bad(rm));
        sbz_undef(d, lo != 15);
        return;
    }
    switch (op1 << 4 | op2) {
    case 0x00: d->op = ARM_OP_SMULL; break;
    case 0x20: d->op = ARM_OP_UMULL; break;
    case 0x40: d->op = ARM_OP_SMLAL; break;
    case 0x48: case 0x49: case 0x4a: case 0x4b:
        d->op = ARM_OP_SMLALXY; d->imm = (int32_t)(op2 & 3); break;
    case 0x4c: case 0x4d: d->op = ARM_OP_SMLALD; d->imm = (int32_t)(op2 & 1); break;
    case 0x5c: case 0x5d: d->op = ARM_OP_SMLSLD; d->imm = (int32_t)(op2 & 1); break;
    case 0x60: d->op = ARM_OP_UMLAL; break;
    case 0x66: d->op = ARM_OP_UMAAL; break;
    default: undef(d); return;
    }
    unpred_if(d, bad(lo) || bad(hi) || bad(rn) || bad(rm) || lo == hi);
}

static void dec32(uint32_t h1, uint32_t h2, ArmInsn *d)
{
    unsigned op1 = BITS(h1, 12, 11), op2 = BITS(h1, 10, 4);
    bool op = BIT(h2, 15);
    if (op1 == 1) {
        if ((op2 & 0x64) == 0x00)
            dec32_ldm(h1, h2, d);
        else if ((op2 & 0x64) == 0x04)
            dec32_dual(h1, h2, d);
        else if ((op2 & 0x60) == 0x20)
            dec32_dp_shreg(h1, h2, d);
        else
            arm_vfp_decode(h1, h2, d);
    } else if (op1 == 2) {
        if (op)
            dec32_branch_misc(h1, h2, d);
        else if ((op2 & 0x20) == 0)
            dec32_dp_modimm(h1, h2, d);
        else
            dec32_dp_plain(h1, h2, d);
    } else {
        if ((op2 & 0x71) == 0x00 || (op2 & 0x67) == 0x01 || (op2 & 0x67) == 0x03
            || (op2 & 0x67) == 0x05)
            dec32_ldst_single(h1, h2, d);
        else if ((op2 & 0x67) == 0x07)
            undef(d);
        else if ((op2 & 0x70) == 0x20)
            dec32_dp_reg(h1, h2, d);
        else if ((op2 & 0x78) == 0x30)
            dec32_mul(h1, h2, d);
        else if ((op2 & 0x78) == 0x38)
            dec32_long_mul(h1, h2, d);
        else if (op2 & 0x40)
            arm_vfp_decode(h1, h2, d);
        else
            undef(d);
    }
}

unsigned arm_decode_hw(uint16_t hw1, uint16_t hw2, uint32_t pc, ArmInsn *out)
{
    (void)pc;   /* offsets are kept pc-relative; pc is for future use */
    memset(out, 0, sizeof *out);
    out->cond = ARM_COND_AL;
    if (arm_is_32bit(hw1)) {
        out->len = 4;
        out->raw = (uint32_t)hw1 << 16 | hw2;
        dec32(hw1, hw2, out);
    } else {
        out->len = 2;
        out->raw = hw1;
        dec16(hw1, out);
    }
    return out->len;
}

unsigned arm_decode(const uint8_t *p, size_t avail, uint32_t pc, ArmInsn *out)
{
    if (avail < 2) {
        memset(out, 0, sizeof *out);
        return 0;
    }
    uint16_t hw1 = (uint16_t)(p[0] | p[1] << 8);
    if (arm_is_32bit(hw1)) {
        if (avail < 4) {
            memset(out, 0, sizeof *out);
            return 0;
        }
        return arm_decode_hw(hw1, (uint16_t)(p[2] | p[3] << 8), pc, out);
    }
    return arm_decode_hw(hw1, 0, pc, out);
}

/* ------------------------------------------------------------- IT state */

void arm_it_step(ArmItState *s, ArmInsn *insn)
{
    if (arm_it_active(s)) {
        unsigned cond = s->bits >> 4;
        /* IT, CBZ/CBNZ and B<cond> are not permitted inside an IT block. */
        bool last = (s->bits & 0x7) == 0;
        if (insn->op == ARM_OP_IT || insn->op == ARM_OP_CBZ || insn->op == ARM_OP_CBNZ
            || (insn->op == ARM_OP_B && insn->cond != ARM_COND_AL))
            insn->flags |= ARM_F_UNPRED;
        else if (insn->op != ARM_OP_BKPT)      /* BKPT is always unconditional */
            insn->cond = (uint8_t)cond;
        insn->flags |= ARM_F_IN_IT;
        if (last)
            insn->flags |= ARM_F_LAST_IN_IT;
        else {
            /* A branch or other write to the PC must be the last
             * instruction of an IT block (A7.3.3). */
            IsaInsnInfo info;
            arm_insn_info(insn, 0, &info);
            if (info.flow != ISA_FLOW_SEQ && info.flow != ISA_FLOW_SYSTEM
                && info.flow != ISA_FLOW_TRAP)
                insn->flags |= ARM_F_UNPRED;
        }
        if (insn->flags & ARM_F_S_OUTSIDE_IT)
            insn->flags &= (uint16_t)~ARM_F_S;
        /* A7.3.3 ITAdvance() */
        if ((s->bits & 0x7) == 0)
            s->bits = 0;
        else
            s->bits = (uint8_t)((s->bits & 0xe0) | ((s->bits << 1) & 0x1f));
        return;
    }
    if (insn->flags & ARM_F_S_OUTSIDE_IT)
        insn->flags |= ARM_F_S;
    if (insn->op == ARM_OP_IT && !(insn->flags & ARM_F_UNPRED))
        s->bits = (uint8_t)(insn->cond << 4 | insn->it_mask);
}
