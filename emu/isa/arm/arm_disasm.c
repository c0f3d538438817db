/*
 * emu/isa/arm/arm_disasm.c - objdump-compatible text for decoded Thumb
 * instructions, control-flow classes, and the IsaOps table.
 *
 * The text follows binutils 2.40 arm-none-eabi-objdump -d (Debian 12):
 * "gcc" register names (sl, fp, ip, sp, lr, pc), "#imm" with a
 * "\t@ 0x.." comment for values above 32, ".w" on the 32-bit forms of
 * instructions that also have a 16-bit form, the condition of an IT block
 * printed on each instruction inside it.  Symbol parts (" <sym+off>") of
 * addresses are left out.
 */
#include "arm_isa.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const reg_names[16] = {
    "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
    "r8", "r9", "sl", "fp", "ip", "sp", "lr", "pc",
};

static const char *const cond_names[16] = {
    "eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc",
    "hi", "ls", "ge", "lt", "gt", "le", "al", "nv",
};

const char *arm_reg_name(unsigned r) { return reg_names[r & 15]; }
const char *arm_cond_name(unsigned c) { return cond_names[c & 15]; }

typedef struct Out {
    char *buf;
    size_t size, pos;
} Out;

static void outf(Out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void outf(Out *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    size_t room = o->pos < o->size ? o->size - o->pos : 0;
    int n = vsnprintf(o->buf ? o->buf + o->pos : NULL, room, fmt, ap);
    va_end(ap);
    if (n > 0)
        o->pos += (size_t)n;
}

#define R(r) reg_names[(r) & 15]

static void comment(Out *o, int64_t v)
{
    if (v > 32 || v < -16)
        outf(o, "\t@ 0x%x", (unsigned)(uint32_t)v);
}

static void reglist(Out *o, unsigned list)
{
    bool first = true;
    outf(o, "{");
    for (unsigned r = 0; r < 16; r++)
        if (list & (1u << r)) {
            outf(o, "%s%s", first ? "" : ", ", R(r));
            first = false;
        }
    outf(o, "}");
}

/* ", lsl #n" etc. for a shifted register operand (%S in binutils). */
static void shift_suffix(Out *o, const ArmInsn *d)
{
    static const char *const names[4] = { "lsl", "lsr", "asr", "ror" };
    if (d->shift_t == ARM_SHIFT_RRX)
        outf(o, ", rrx");
    else if (d->shift_t != ARM_SHIFT_LSL || d->shift_n)
        outf(o, ", %s #%u", names[d->shift_t], d->shift_n);
}

static const char *cond_str(const ArmInsn *d)
{
    return (d->flags & ARM_F_IN_IT) ? cond_names[d->cond] : "";
}

/* Mnemonic: base + [s] + cond + [.w] (the order objdump prints). */
static void mnem(Out *o, const ArmInsn *d, const char *base, bool s, bool w)
{
    outf(o, "%s%s%s%s", base, s ? "s" : "", cond_str(d), w ? ".w" : "");
}

/* 16-bit encodings with %C: "s" outside an IT block, the condition inside. */
static void mnem16(Out *o, const ArmInsn *d, const char *base)
{
    if (d->flags & ARM_F_IN_IT)
        outf(o, "%s%s", base, cond_names[d->cond]);
    else if (d->flags & (ARM_F_S | ARM_F_S_OUTSIDE_IT))
        outf(o, "%ss", base);
    else
        outf(o, "%s", base);
}

static const char *psr_name(unsigned sysm)
{
    switch (sysm) {
    case 0: return "CPSR";
    case 1: return "IAPSR";
    case 2: return "EAPSR";
    case 3: return "PSR";
    case 5: return "IPSR";
    case 6: return "EPSR";
    case 7: return "IEPSR";
    case 8: return "MSP";
    case 9: return "PSP";
    case 16: return "PRIMASK";
    case 17: return "BASEPRI";
    case 18: return "BASEPRI_MAX";
    case 19: return "FAULTMASK";
    case 20: return "CONTROL";
    default: return "<unknown>";
    }
}

static const char *barrier_name(unsigned opt)
{
    switch (opt) {
    case 0xf: return "sy";
    case 0xe: return "st";
    case 0xd: return "ld";
    case 0xb: return "ish";
    case 0xa: return "ishst";
    case 0x9: return "ishld";
    case 0x7: return "un";
    case 0x6: return "unst";
    case 0x5: return "nshld";
    case 0x3: return "osh";
    case 0x2: return "oshst";
    case 0x1: return "oshld";
    default: return NULL;
    }
}

static bool is_dp_imm(unsigned op) { return op >= ARM_OP_AND_IMM && op <= ARM_OP_RSB_IMM; }
static bool is_dp_reg(unsigned op) { return op >= ARM_OP_AND_REG && op <= ARM_OP_RSB_REG; }

/* Ops whose 32-bit form objdump prints with ".w" (they have a 16-bit form). */
static bool wide_suffix(unsigned op)
{
    switch (op) {
    case ARM_OP_AND_IMM: case ARM_OP_EOR_IMM: case ARM_OP_ORR_IMM: case ARM_OP_BIC_IMM:
    case ARM_OP_MOV_IMM: case ARM_OP_MVN_IMM: case ARM_OP_TST_IMM: case ARM_OP_CMP_IMM:
    case ARM_OP_CMN_IMM: case ARM_OP_ADD_IMM: case ARM_OP_ADC_IMM: case ARM_OP_SUB_IMM:
    case ARM_OP_SBC_IMM:
    case ARM_OP_AND_REG: case ARM_OP_EOR_REG: case ARM_OP_ORR_REG: case ARM_OP_BIC_REG:
    case ARM_OP_MOV_REG: case ARM_OP_MVN_REG: case ARM_OP_TST_REG: case ARM_OP_CMP_REG:
    case ARM_OP_CMN_REG: case ARM_OP_ADD_REG: case ARM_OP_ADC_REG: case ARM_OP_SUB_REG:
    case ARM_OP_SBC_REG:
    case ARM_OP_LSL_REG: case ARM_OP_LSR_REG: case ARM_OP_ASR_REG: case ARM_OP_ROR_REG:
    case ARM_OP_MUL: case ARM_OP_REV: case ARM_OP_REV16: case ARM_OP_REVSH:
    case ARM_OP_SXTB: case ARM_OP_SXTH: case ARM_OP_UXTB: case ARM_OP_UXTH:
    case ARM_OP_LDM: case ARM_OP_STM:
    case ARM_OP_NOP: case ARM_OP_YIELD: case ARM_OP_WFE: case ARM_OP_WFI: case ARM_OP_SEV:
    case ARM_OP_B: case ARM_OP_UDF:
        return true;
    default:
        return false;
    }
}

static void ldst_width(Out *o, const ArmInsn *d)
{
    if (d->flags & ARM_F_SIGNED)
        outf(o, "s");
    if (d->width == 1)
        outf(o, "b");
    else if (d->width == 2)
        outf(o, "h");
}

static void disasm16(Out *o, const ArmInsn *d, uint32_t pc)
{
    unsigned op = d->op;
    uint32_t hw = d->raw;
    switch (op) {
    case ARM_OP_MOV_REG:
        if ((hw & 0xfc00) == 0x4400) {     /* MOV (high registers) */
            if (hw == 0x46c0) {
                outf(o, "nop%s\t\t\t@ (mov r8, r8)", cond_str(d));
                return;
            }
            mnem(o, d, "mov", false, false);
            outf(o, "\t%s, %s", R(d->rd), R(d->rm));
            return;
        }
        if (d->shift_n == 0 && d->shift_t == ARM_SHIFT_LSL) {
            mnem16(o, d, "mov");
            outf(o, "\t%s, %s", R(d->rd), R(d->rm));
            return;
        }
        mnem16(o, d, d->shift_t == ARM_SHIFT_LSL ? "lsl" : d->shift_t == ARM_SHIFT_LSR ? "lsr" : "asr");
        outf(o, "\t%s, %s, #%u", R(d->rd), R(d->rm), d->shift_n);
        return;
    case ARM_OP_ADD_REG: case ARM_OP_SUB_REG:
        if ((hw & 0xfc00) == 0x4400) {         /* ADD Rdn, Rm (high registers) */
            mnem(o, d, "add", false, false);
            outf(o, "\t%s, %s", R(d->rd), R(d->rm));
            return;
        }
        mnem16(o, d, arm_op_name(op));
        outf(o, "\t%s, %s, %s", R(d->rd), R(d->rn), R(d->rm));
        return;
    case ARM_OP_ADD_IMM: case ARM_OP_SUB_IMM:
        if ((hw & 0xff00) == 0xb000) {
            mnem(o, d, arm_op_name(op), false, false);
            outf(o, "\tsp, #%d", d->imm);
            comment(o, d->imm);
            return;
        }
        if ((hw & 0xf800) == 0xa800) {
            mnem(o, d, "add", false, false);
            outf(o, "\t%s, sp, #%d", R(d->rd), d->imm);
            comment(o, d->imm);
            return;
        }
        mnem16(o, d, arm_op_name(op));
        if ((hw & 0xe000) == 0x2000)
            outf(o, "\t%s, #%d", R(d->rd), d->imm);
        else
            outf(o, "\t%s, %s, #%d", R(d->rd), R(d->rn), d->imm);
        comment(o, d->imm);
        return;
    case ARM_OP_MOV_IMM:
        mnem16(o, d, "mov");
        outf(o, "\t%s, #%d", R(d->rd), d->imm);
        comment(o, d->imm);
        return;
    case ARM_OP_CMP_IMM:
        mnem(o, d, "cmp", false, false);
        outf(o, "\t%s, #%d", R(d->rn), d->imm);
        comment(o, d->imm);
        return;
    case ARM_OP_CMP_REG: case ARM_OP_CMN_REG: case ARM_OP_TST_REG:
        mnem(o, d, arm_op_name(op), false, false);
        outf(o, "\t%s, %s", R(d->rn), R(d->rm));
        return;
    case ARM_OP_RSB_IMM:
        mnem16(o, d, "neg");
        outf(o, "\t%s, %s", R(d->rd), R(d->rn));
        return;
    case ARM_OP_MUL:
        mnem16(o, d, "mul");
        outf(o, "\t%s, %s", R(d->rd), R(d->rn));
        return;
    case ARM_OP_MVN_REG:
        mnem16(o, d, "mvn");
        outf(o, "\t%s, %s", R(d->rd), R(d->rm));
        return;
    case ARM_OP_AND_REG: case ARM_OP_EOR_REG: case ARM_OP_ADC_REG: case ARM_OP_SBC_REG:
    case ARM_OP_ORR_REG: case ARM_OP_BIC_REG:
    case ARM_OP_LSL_REG: case ARM_OP_LSR_REG: case ARM_OP_ASR_REG: case ARM_OP_ROR_REG:
        mnem16(o, d, arm_op_name(op));
        outf(o, "\t%s, %s", R(d->rd), R(d->rm));
        return;
    case ARM_OP_BX: case ARM_OP_BLX_REG:
        mnem(o, d, arm_op_name(op), false, false);
        outf(o, "\t%s", R(d->rm));
        return;
    case ARM_OP_LDR_LIT: {
        mnem(o, d, "ldr", false, false);
        uint32_t addr = ((pc + 4) & ~3u) + (uint32_t)d->imm;
        outf(o, "\t%s, [pc, #%d]\t@ (%x)", R(d->rd), d->imm, addr);
        return;
    }
    case ARM_OP_LDR_REG: case ARM_OP_STR_REG:
        outf(o, "%s", op == ARM_OP_LDR_REG ? "ldr" : "str");
        ldst_width(o, d);
        outf(o, "%s\t%s, [%s, %s]", cond_str(d), R(d->rd), R(d->rn), R(d->rm));
        return;
    case ARM_OP_LDR_IMM: case ARM_OP_STR_IMM:
        outf(o, "%s", op == ARM_OP_LDR_IMM ? "ldr" : "str");
        ldst_width(o, d);
        outf(o, "%s\t%s, [%s, #%d]", cond_str(d), R(d->rd), R(d->rn), d->imm);
        comment(o, d->imm);
        return;
    case ARM_OP_ADR: {
        mnem(o, d, "add", false, false);
        uint32_t addr = ((pc + 4) & ~3u) + (uint32_t)d->imm;
        outf(o, "\t%s, pc, #%d\t@ (adr %s, %x)", R(d->rd), d->imm, R(d->rd), addr);
        return;
    }
    case ARM_OP_CBZ: case ARM_OP_CBNZ:
        outf(o, "%s\t%s, %x", arm_op_name(op), R(d->rn), pc + 4 + (uint32_t)d->imm);
        return;
    case ARM_OP_SXTH: case ARM_OP_SXTB: case ARM_OP_UXTH: case ARM_OP_UXTB:
    case ARM_OP_REV: case ARM_OP_REV16: case ARM_OP_REVSH:
        mnem(o, d, arm_op_name(op), false, false);
        outf(o, "\t%s, %s", R(d->rd), R(d->rm));
        return;
    case ARM_OP_STMDB:
        mnem(o, d, "push", false, false);
        outf(o, "\t");
        reglist(o, d->reglist);
        return;
    case ARM_OP_LDM:
        if ((hw & 0xfe00) == 0xbc00) {
            mnem(o, d, "pop", false, false);
            outf(o, "\t");
        } else {
            mnem(o, d, "ldmia", false, false);
            outf(o, "\t%s%s, ", R(d->rn), (d->flags & ARM_F_WBACK) ? "!" : "");
        }
        reglist(o, d->reglist);
        return;
    case ARM_OP_STM:
        mnem(o, d, "stmia", false, false);
        outf(o, "\t%s!, ", R(d->rn));
        reglist(o, d->reglist);
        return;
    case ARM_OP_CPS:
        outf(o, "cps%s\t%s%s%s", (d->imm & 16) ? "id" : "ie", (hw & 4) ? "a" : "",
             (d->imm & 2) ? "i" : "", (d->imm & 1) ? "f" : "");
        return;
    case ARM_OP_BKPT:
        outf(o, "bkpt\t0x%04x", (unsigned)d->imm);
        return;
    case ARM_OP_IT: {
        /* mask bits above the terminating 1, read relative to firstcond[0]:
         * equal = "t", different = "e" (A7.3.3) */
        unsigned mask = d->it_mask, fc0 = d->cond & 1;
        char sfx[4] = { 0 };
        unsigned n = 0;
        unsigned term = mask & (unsigned)-(int)mask;   /* lowest set bit */
        for (unsigned b = 8; b > term; b >>= 1)
            sfx[n++] = ((mask & b) ? 1u : 0u) == fc0 ? 't' : 'e';
        outf(o, "it%s\t%s", sfx, cond_names[d->cond]);
        return;
    }
    case ARM_OP_NOP: case ARM_OP_YIELD: case ARM_OP_WFE: case ARM_OP_WFI: case ARM_OP_SEV:
        if (op == ARM_OP_NOP && d->imm) {
            if (d->imm == 5)
                outf(o, "sevl%s", cond_str(d));
            else
                outf(o, "nop%s\t{%d}", cond_str(d), d->imm);
            return;
        }
        mnem(o, d, arm_op_name(op), false, false);
        return;
    case ARM_OP_UDF:
        outf(o, "udf\t#%d", d->imm);
        comment(o, d->imm);
        return;
    case ARM_OP_SVC:
        mnem(o, d, "svc", false, false);
        outf(o, "\t%d", d->imm);
        comment(o, d->imm);
        return;
    case ARM_OP_B:
        if (d->cond != ARM_COND_AL && !(d->flags & ARM_F_IN_IT))
            outf(o, "b%s.n", cond_names[d->cond]);
        else
            mnem(o, d, "b", false, false), outf(o, ".n");
        outf(o, "\t%x", pc + 4 + (uint32_t)d->imm);
        return;
    default:
        outf(o, "\t\t@ <UNDEFINED> instruction: 0x%04x", (unsigned)hw);
        return;
    }
}

/* Address operand of a 32-bit single load/store or hint, printed from the
 * decoded fields the way binutils' "%a" prints the encoding. */
static void mem_operand32(Out *o, const ArmInsn *d, uint32_t pc)
{
    bool index = d->flags & ARM_F_INDEX, add = d->flags & ARM_F_ADD, wb = d->flags & ARM_F_WBACK;
    int32_t off = add ? d->imm : -d->imm;
    outf(o, "[%s", R(d->rn));
    if (d->flags & ARM_F_REG_OFFSET) {
        outf(o, ", %s", R(d->rm));
        if (d->shift_n)
            outf(o, ", lsl #%u", d->shift_n);
        outf(o, "]");
        return;
    }
    if (!index)
        outf(o, "], #%d", off);
    else {
        if (off)
            outf(o, ", #%d", off);
        outf(o, wb ? "]!" : "]");
    }
    if (d->rn == 15)
        outf(o, "\t@ %x", ((pc + 4) & ~3u) + (uint32_t)off);
    else if (add && index && !wb && d->op != ARM_OP_LDRT && d->op != ARM_OP_STRT)
        comment(o, off);                    /* the imm12 forms */
}

static void mul_xy(Out *o, const ArmInsn *d, const char *base)
{
    outf(o, "%s%c%c%s", base, (d->imm & 2) ? 't' : 'b', (d->imm & 1) ? 't' : 'b', cond_str(d));
}

/* The float value of a VMOV immediate as binutils prints it: the fewest
 * of 1, 3 or 7 decimals that is exact, with a sign column. */
static void vfp_float_comment(Out *o, uint32_t bits)
{
    float f;
    memcpy(&f, &bits, sizeof f);
    static const int prec[3] = { 1, 3, 7 };
    for (int i = 0; i < 3; i++) {
        char t[32];
        snprintf(t, sizeof t, "%.*f", prec[i], (double)f);
        if (i == 2 || strtod(t, NULL) == (double)f) {
            outf(o, "\t@ 0x%08x % .*f", bits, prec[i], (double)f);
            return;
        }
    }
}

static const char *vfp_sysreg(unsigned r)
{
    switch (r) {
    case 0: return "fpsid";
    case 1: return "fpscr";
    case 5: return "mvfr2";
    case 6: return "mvfr1";
    case 7: return "mvfr0";
    case 8: return "fpexc";
    case 9: return "fpinst";
    case 10: return "fpinst2";
    default: return NULL;
    }
}

static void vfp_reglist(Out *o, const ArmInsn *d)
{
    char k = d->width == 8 ? 'd' : 's';
    if (d->imm <= 1)
        outf(o, "{%c%u}", k, d->rd);
    else
        outf(o, "{%c%u-%c%u}", k, d->rd, k, d->rd + (unsigned)d->imm - 1);
}

static void disasm_vfp(Out *o, const ArmInsn *d, uint32_t pc)
{
    unsigned op = d->op;
    const char *name = arm_op_name(op), *c = cond_str(d);
    switch (op) {
    case ARM_OP_VADD: case ARM_OP_VSUB: case ARM_OP_VMUL: case ARM_OP_VNMUL:
    case ARM_OP_VMLA: case ARM_OP_VMLS: case ARM_OP_VNMLA: case ARM_OP_VNMLS:
    case ARM_OP_VFMA: case ARM_OP_VFMS: case ARM_OP_VFNMA: case ARM_OP_VFNMS: case ARM_OP_VDIV:
        outf(o, "%s%s.f32\ts%u, s%u, s%u", name, c, d->rd, d->rn, d->rm);
        return;
    case ARM_OP_VMOV_REG: case ARM_OP_VABS: case ARM_OP_VNEG: case ARM_OP_VSQRT:
        outf(o, "%s%s.f32\ts%u, s%u", name, c, d->rd, d->rm);
        return;
    case ARM_OP_VMOV_IMM:
        outf(o, "vmov%s.f32\ts%u, #%u", c, d->rd, d->imm2);
        vfp_float_comment(o, (uint32_t)d->imm);
        return;
    case ARM_OP_VCVTB: case ARM_OP_VCVTT:
        outf(o, "%s%s.%s\ts%u, s%u", name, c, d->imm ? "f16.f32" : "f32.f16", d->rd, d->rm);
        return;
    case ARM_OP_VCMP:
        outf(o, "vcmp%s%s.f32\ts%u, ", (d->imm & 1) ? "e" : "", c, d->rd);
        if (d->imm & 2)
            outf(o, "#0.0");
        else
            outf(o, "s%u", d->rm);
        return;
    case ARM_OP_VCVT_IF:
        outf(o, "vcvt%s.f32.%s32\ts%u, s%u", c, (d->imm & 1) ? "s" : "u", d->rd, d->rm);
        return;
    case ARM_OP_VCVT_FI:
        outf(o, "vcvt%s%s.%s32.f32\ts%u, s%u", (d->imm & 2) ? "" : "r", c, (d->imm & 1) ? "s" : "u",
             d->rd, d->rm);
        return;
    case ARM_OP_VCVT_FX: {
        const char *t = (d->imm2 & 2) ? "u" : "s";
        unsigned sz = (d->imm2 & 4) ? 32 : 16;
        if (d->imm2 & 1)
            outf(o, "vcvt%s.%s%u.f32\ts%u, s%u, #%d", c, t, sz, d->rd, d->rd, d->imm);
        else
            outf(o, "vcvt%s.f32.%s%u\ts%u, s%u, #%d", c, t, sz, d->rd, d->rd, d->imm);
        return;
    }
    case ARM_OP_VMRS: case ARM_OP_VMSR: {
        const char *sr = vfp_sysreg((unsigned)d->imm);
        char tmp[32];
        if (!sr) {
            snprintf(tmp, sizeof tmp, "<impl def 0x%x>", (unsigned)d->imm);
            sr = tmp;
        }
        if (op == ARM_OP_VMRS) {
            if (d->rd == 15)
                outf(o, "vmrs%s\tAPSR_nzcv, %s", c, sr);
            else
                outf(o, "vmrs%s\t%s, %s", c, R(d->rd), sr);
        } else
            outf(o, "vmsr%s\t%s, %s", c, sr, R(d->rn));
        return;
    }
    case ARM_OP_VMOV_RS:
        if (d->imm)
            outf(o, "vmov%s\t%s, s%u", c, R(d->rd), d->rn);
        else
            outf(o, "vmov%s\ts%u, %s", c, d->rn, R(d->rd));
        return;
    case ARM_OP_VMOV_RRSS:
        if (d->imm)
            outf(o, "vmov%s\t%s, %s, s%u, s%u", c, R(d->rd), R(d->ra), d->rm, d->rm + 1u);
        else
            outf(o, "vmov%s\ts%u, s%u, %s, %s", c, d->rm, d->rm + 1u, R(d->rd), R(d->ra));
        return;
    case ARM_OP_VMOV_RRD:
        if (d->imm)
            outf(o, "vmov%s\t%s, %s, d%u", c, R(d->rd), R(d->ra), d->rm);
        else
            outf(o, "vmov%s\td%u, %s, %s", c, d->rm, R(d->rd), R(d->ra));
        return;
    case ARM_OP_VLDR: case ARM_OP_VSTR: {
        int32_t off = (d->flags & ARM_F_ADD) ? d->imm : -d->imm;
        outf(o, "%s%s\t%c%u, [%s", name, c, d->width == 8 ? 'd' : 's', d->rd, R(d->rn));
        if (off || !(d->flags & ARM_F_ADD))
            outf(o, ", #%s%d", off == 0 ? "-" : "", off);
        outf(o, "]");
        if (d->rn == 15)
            outf(o, "\t@ %x", ((pc + 4) & ~3u) + (uint32_t)off);
        else
            comment(o, off);
        return;
    }
    case ARM_OP_VLDM: case ARM_OP_VSTM: case ARM_OP_VLDMDB: case ARM_OP_VSTMDB:
        if (d->rn == 13 && (d->flags & ARM_F_WBACK)
            && (op == ARM_OP_VLDM || op == ARM_OP_VSTMDB)) {
            outf(o, "%s%s\t", op == ARM_OP_VLDM ? "vpop" : "vpush", c);
        } else {
            outf(o, "%s%s\t%s%s, ", name, c, R(d->rn), (d->flags & ARM_F_WBACK) ? "!" : "");
        }
        vfp_reglist(o, d);
        return;
    default:
        return;
    }
}

static void disasm32(Out *o, const ArmInsn *d, uint32_t pc)
{
    unsigned op = d->op;
    uint32_t g = d->raw;
    bool s = d->flags & ARM_F_S;
    bool w = wide_suffix(op);
    const char *name = arm_op_name(op);

    if (is_dp_imm(op)) {
        switch (op) {
        case ARM_OP_TST_IMM: case ARM_OP_TEQ_IMM: case ARM_OP_CMP_IMM: case ARM_OP_CMN_IMM:
            mnem(o, d, name, false, w);
            outf(o, "\t%s, #%u", R(d->rn), (unsigned)d->imm);
            comment(o, (uint32_t)d->imm);
            return;
        case ARM_OP_MOV_IMM: case ARM_OP_MVN_IMM:
            if (op == ARM_OP_MOV_IMM && (g & 0x02000000u)) {   /* MOVW */
                mnem(o, d, "movw", false, false);
            } else
                mnem(o, d, name, s, w);
            outf(o, "\t%s, #%u", R(d->rd), (unsigned)d->imm);
            comment(o, (uint32_t)d->imm);
            return;
        default:
            if ((g & 0x02000000u) && (op == ARM_OP_ADD_IMM || op == ARM_OP_SUB_IMM))
                mnem(o, d, op == ARM_OP_ADD_IMM ? "addw" : "subw", false, false);
            else
                mnem(o, d, name, s, w);
            outf(o, "\t%s, %s, #%u", R(d->rd), R(d->rn), (unsigned)d->imm);
            comment(o, (uint32_t)d->imm);
            return;
        }
    }
    if (is_dp_reg(op)) {
        switch (op) {
        case ARM_OP_TST_REG: case ARM_OP_TEQ_REG: case ARM_OP_CMP_REG: case ARM_OP_CMN_REG:
            mnem(o, d, name, false, w);
            outf(o, "\t%s, %s", R(d->rn), R(d->rm));
            break;
        case ARM_OP_MOV_REG: case ARM_OP_MVN_REG:
            mnem(o, d, name, s, w);
            outf(o, "\t%s, %s", R(d->rd), R(d->rm));
            break;
        default:
            mnem(o, d, name, s, w);
            outf(o, "\t%s, %s, %s", R(d->rd), R(d->rn), R(d->rm));
            break;
        }
        shift_suffix(o, d);
        return;
    }
    switch (op) {
    case ARM_OP_ADR: {
        unsigned imm = (unsigned)(d->imm < 0 ? -d->imm : d->imm);
        mnem(o, d, d->imm < 0 || (g & 0x00a00000u) == 0x00a00000u ? "subw" : "addw", false, false);
        outf(o, "\t%s, pc, #%u", R(d->rd), imm);
        comment(o, imm);
        return;
    }
    case ARM_OP_MOVT:
        mnem(o, d, "movt", false, false);
        outf(o, "\t%s, #%u", R(d->rd), (unsigned)d->imm);
        comment(o, d->imm);
        return;
    case ARM_OP_LSL_REG: case ARM_OP_LSR_REG: case ARM_OP_ASR_REG: case ARM_OP_ROR_REG:
    case ARM_OP_SDIV: case ARM_OP_UDIV: case ARM_OP_MUL: case ARM_OP_SEL: case ARM_OP_USAD8:
        mnem(o, d, name, s, w);
        outf(o, "\t%s, %s, %s", R(d->rd), R(d->rn), R(d->rm));
        return;
    case ARM_OP_MLA: case ARM_OP_MLS: case ARM_OP_USADA8:
        mnem(o, d, name, false, false);
        outf(o, "\t%s, %s, %s, %s", R(d->rd), R(d->rn), R(d->rm), R(d->ra));
        return;
    case ARM_OP_UMULL: case ARM_OP_SMULL: case ARM_OP_UMLAL: case ARM_OP_SMLAL:
    case ARM_OP_UMAAL:
        mnem(o, d, name, false, false);
        outf(o, "\t%s, %s, %s, %s", R(d->rd), R(d->ra), R(d->rn), R(d->rm));
        return;
    case ARM_OP_SMLALXY:
        mul_xy(o, d, "smlal");
        outf(o, "\t%s, %s, %s, %s", R(d->rd), R(d->ra), R(d->rn), R(d->rm));
        return;
    case ARM_OP_SMLALD: case ARM_OP_SMLSLD:
        outf(o, "%s%s%s", name, d->imm ? "x" : "", cond_str(d));
        outf(o, "\t%s, %s, %s, %s", R(d->rd), R(d->ra), R(d->rn), R(d->rm));
        return;
    case ARM_OP_SMULXY:
        mul_xy(o, d, "smul");
        outf(o, "\t%s, %s, %s", R(d->rd), R(d->rn), R(d->rm));
        return;
    case ARM_OP_SMLAXY:
        mul_xy(o, d, "smla");
        outf(o, "\t%s, %s, %s, %s", R(d->rd), R(d->rn), R(d->rm), R(d->ra));
        return;
    case ARM_OP_SMULWY: case ARM_OP_SMLAWY:
        outf(o, "%s%c%s", name, d->imm ? 't' : 'b', cond_str(d));
        if (op == ARM_OP_SMULWY)
            outf(o, "\t%s, %s, %s", R(d->rd), R(d->rn), R(d->rm));
        else
            outf(o, "\t%s, %s, %s, %s", R(d->rd), R(d->rn), R(d->rm), R(d->ra));
        return;
    case ARM_OP_SMUAD: case ARM_OP_SMUSD: case ARM_OP_SMMUL:
    case ARM_OP_SMLAD: case ARM_OP_SMLSD: case ARM_OP_SMMLA: case ARM_OP_SMMLS: {
        bool mm = op == ARM_OP_SMMUL || op == ARM_OP_SMMLA || op == ARM_OP_SMMLS;
        outf(o, "%s%s%s", name, d->imm ? (mm ? "r" : "x") : "", cond_str(d));
        if (op == ARM_OP_SMUAD || op == ARM_OP_SMUSD || op == ARM_OP_SMMUL)
            outf(o, "\t%s, %s, %s", R(d->rd), R(d->rn), R(d->rm));
        else
            outf(o, "\t%s, %s, %s, %s", R(d->rd), R(d->rn), R(d->rm), R(d->ra));
        return;
    }
    case ARM_OP_QADD: case ARM_OP_QSUB: case ARM_OP_QDADD: case ARM_OP_QDSUB:
        mnem(o, d, name, false, false);
        outf(o, "\t%s, %s, %s", R(d->rd), R(d->rm), R(d->rn));
        return;
    case ARM_OP_CLZ: case ARM_OP_RBIT: case ARM_OP_REV: case ARM_OP_REV16: case ARM_OP_REVSH:
        mnem(o, d, name, false, w);
        outf(o, "\t%s, %s", R(d->rd), R((g >> 16) & 15));
        return;
    case ARM_OP_SXTB: case ARM_OP_SXTH: case ARM_OP_UXTB: case ARM_OP_UXTH:
    case ARM_OP_SXTB16: case ARM_OP_UXTB16:
        mnem(o, d, name, false, w);
        outf(o, "\t%s, %s", R(d->rd), R(d->rm));
        if (d->shift_n)
            outf(o, ", ror #%u", d->shift_n);
        return;
    case ARM_OP_SXTAB: case ARM_OP_SXTAH: case ARM_OP_UXTAB: case ARM_OP_UXTAH:
    case ARM_OP_SXTAB16: case ARM_OP_UXTAB16:
        mnem(o, d, name, false, false);
        outf(o, "\t%s, %s, %s", R(d->rd), R(d->rn), R(d->rm));
        if (d->shift_n)
            outf(o, ", ror #%u", d->shift_n);
        return;
    case ARM_OP_PKHBT: case ARM_OP_PKHTB:
        mnem(o, d, name, false, false);
        outf(o, "\t%s, %s, %s", R(d->rd), R(d->rn), R(d->rm));
        shift_suffix(o, d);
        return;
    case ARM_OP_BFI:
        mnem(o, d, name, false, false);
        outf(o, "\t%s, %s, #%d, #%u", R(d->rd), R(d->rn), d->imm, (unsigned)(d->imm2 - d->imm + 1));
        return;
    case ARM_OP_BFC:
        mnem(o, d, name, false, false);
        outf(o, "\t%s, #%d, #%u", R(d->rd), d->imm, (unsigned)(d->imm2 - d->imm + 1));
        return;
    case ARM_OP_UBFX: case ARM_OP_SBFX:
        mnem(o, d, name, false, false);
        outf(o, "\t%s, %s, #%d, #%d", R(d->rd), R(d->rn), d->imm, d->imm2 + 1);
        return;
    case ARM_OP_SSAT: case ARM_OP_USAT: {
        mnem(o, d, name, false, false);
        outf(o, "\t%s, #%d, %s", R(d->rd), d->imm, R(d->rm));
        if (d->shift_t == ARM_SHIFT_ASR)
            outf(o, ", asr #%u", d->shift_n);
        else if (d->shift_n)
            outf(o, ", lsl #%u", d->shift_n);
        return;
    }
    case ARM_OP_SSAT16: case ARM_OP_USAT16:
        mnem(o, d, name, false, false);
        outf(o, "\t%s, #%d, %s", R(d->rd), d->imm, R(d->rm));
        return;
    case ARM_OP_LDR_IMM: case ARM_OP_LDR_REG: case ARM_OP_LDR_LIT:
    case ARM_OP_STR_IMM: case ARM_OP_STR_REG: case ARM_OP_LDRT: case ARM_OP_STRT:
        outf(o, "%s", (op == ARM_OP_STR_IMM || op == ARM_OP_STR_REG || op == ARM_OP_STRT) ? "str" : "ldr");
        ldst_width(o, d);
        if (op == ARM_OP_LDRT || op == ARM_OP_STRT)
            outf(o, "t%s\t%s, ", cond_str(d), R(d->rd));
        else
            outf(o, "%s.w\t%s, ", cond_str(d), R(d->rd));
        mem_operand32(o, d, pc);
        return;
    case ARM_OP_PLD: case ARM_OP_PLI:
        mnem(o, d, name, false, false);
        outf(o, "\t");
        mem_operand32(o, d, pc);
        return;
    case ARM_OP_LDRD_IMM: case ARM_OP_STRD_IMM: case ARM_OP_LDRD_LIT: {
        bool p = d->flags & ARM_F_INDEX, u = d->flags & ARM_F_ADD, wb = d->flags & ARM_F_WBACK;
        mnem(o, d, name, false, false);
        outf(o, "\t%s, %s, [%s", R(d->rd), R(d->ra), R(d->rn));
        if (p && u && d->imm == 0)
            outf(o, "]");
        else if (p)
            outf(o, ", #%s%d]%s", u ? "" : "-", d->imm, wb ? "!" : "");
        else
            outf(o, "], #%s%d", u ? "" : "-", d->imm);
        if (d->rn == 15 && !(p && u && d->imm == 0))
            outf(o, "\t@ %x", ((pc + 4) & ~3u) + (uint32_t)(u ? d->imm : -d->imm));
        if (!(p && u && d->imm == 0))
            comment(o, d->imm);
        return;
    }
    case ARM_OP_LDREX:
        outf(o, "ldrex%s%s\t%s, [%s", d->width == 1 ? "b" : d->width == 2 ? "h" : "", cond_str(d),
             R(d->rd), R(d->rn));
        if (d->imm)
            outf(o, ", #%d", d->imm);
        outf(o, "]");
        comment(o, d->imm);
        return;
    case ARM_OP_STREX:
        outf(o, "strex%s%s\t%s, %s, [%s", d->width == 1 ? "b" : d->width == 2 ? "h" : "", cond_str(d),
             R(d->ra), R(d->rd), R(d->rn));
        if (d->imm)
            outf(o, ", #%d", d->imm);
        outf(o, "]");
        comment(o, d->imm);
        return;
    case ARM_OP_CLREX:
        mnem(o, d, name, false, false);
        return;
    case ARM_OP_LDM: case ARM_OP_STM: case ARM_OP_LDMDB: case ARM_OP_STMDB:
        mnem(o, d, name, false, w);
        outf(o, "\t%s%s, ", R(d->rn), (d->flags & ARM_F_WBACK) ? "!" : "");
        reglist(o, d->reglist);
        return;
    case ARM_OP_TBB:
        mnem(o, d, name, false, false);
        outf(o, "\t[%s, %s]", R(d->rn), R(d->rm));
        return;
    case ARM_OP_TBH:
        mnem(o, d, name, false, false);
        outf(o, "\t[%s, %s, lsl #1]", R(d->rn), R(d->rm));
        return;
    case ARM_OP_B:
        if (d->cond != ARM_COND_AL && !(d->flags & ARM_F_IN_IT))
            outf(o, "b%s.w", cond_names[d->cond]);
        else
            mnem(o, d, "b", false, true);
        outf(o, "\t%x", pc + 4 + (uint32_t)d->imm);
        return;
    case ARM_OP_BL:
        mnem(o, d, "bl", false, false);
        outf(o, "\t%x", pc + 4 + (uint32_t)d->imm);
        return;
    case ARM_OP_NOP: case ARM_OP_YIELD: case ARM_OP_WFE: case ARM_OP_WFI: case ARM_OP_SEV:
        if ((g >> 25) == 0x7c) {
            /* LDRH/LDRSH with Rt = PC: unallocated memory hint (A5.3.8) */
            outf(o, "ldr%sh%s.w\tpc, ", (g & 0x01000000u) ? "s" : "", cond_str(d));
            mem_operand32(o, d, pc);
            return;
        }
        if (op == ARM_OP_NOP && d->imm) {
            if (d->imm == 5)
                outf(o, "sevl%s.w", cond_str(d));
            else
                outf(o, "nop%s.w\t{%d}", cond_str(d), d->imm);
            return;
        }
        mnem(o, d, name, false, true);
        return;
    case ARM_OP_DBG:
        mnem(o, d, name, false, false);
        outf(o, "\t#%d", d->imm);
        return;
    case ARM_OP_DMB: case ARM_OP_DSB: case ARM_OP_ISB: {
        const char *bn = op == ARM_OP_ISB ? (d->imm == 15 ? "sy" : NULL) : barrier_name((unsigned)d->imm);
        if (op == ARM_OP_DSB && d->imm == 12) {
            /* binutils prints DSB #12 with the ARMv8-R name "dfb" */
            mnem(o, d, "dfb", false, false);
            return;
        }
        mnem(o, d, name, false, false);
        if (bn)
            outf(o, "\t%s", bn);
        else
            outf(o, "\t#%d", d->imm);
        return;
    }
    case ARM_OP_MRS:
        mnem(o, d, name, false, false);
        outf(o, "\t%s, %s", R(d->rd), psr_name((unsigned)d->imm & 0xff));
        return;
    case ARM_OP_MSR:
        mnem(o, d, name, false, false);
        if ((d->imm & 0xff) == 0) {
            outf(o, "\tCPSR_%s%s, %s", (d->imm & 0x200) ? "f" : "", (d->imm & 0x100) ? "s" : "",
                 R(d->rn));
        } else
            outf(o, "\t%s, %s", psr_name((unsigned)d->imm & 0xff), R(d->rn));
        return;
    case ARM_OP_UDF:
        outf(o, "udf.w\t#%d", d->imm);
        comment(o, d->imm);
        return;
    default:
        break;
    }
    if (op >= ARM_OP_VADD && op <= ARM_OP_VSTMDB) {
        disasm_vfp(o, d, pc);
        return;
    }
    if (op >= ARM_OP_SADD16 && op <= ARM_OP_UHSUB8) {
        mnem(o, d, name, false, false);
        outf(o, "\t%s, %s, %s", R(d->rd), R(d->rn), R(d->rm));
        return;
    }
    outf(o, "\t\t@ <UNDEFINED> instruction: 0x%08x", (unsigned)g);
}

/* binutils marks PC in some register operands ("%R" in its tables) with
 * a trailing "@ <UNPREDICTABLE>": the multiplies with accumulators or long
 * results, USADA8, and LSL/LSR/ASR by register. */
static bool objdump_pc_unpredictable(const ArmInsn *d)
{
    switch (d->op) {
    case ARM_OP_LSL_REG: case ARM_OP_LSR_REG: case ARM_OP_ASR_REG:
        return d->rd == 15 || d->rn == 15 || d->rm == 15;
    case ARM_OP_USADA8: case ARM_OP_UMULL: case ARM_OP_SMULL: case ARM_OP_UMLAL:
    case ARM_OP_SMLAL: case ARM_OP_UMAAL: case ARM_OP_SMLAD: case ARM_OP_SMLAWY:
    case ARM_OP_SMLSD: case ARM_OP_SMMLA: case ARM_OP_SMMLS: case ARM_OP_SMLALD:
    case ARM_OP_SMLSLD:
        return d->rd == 15 || d->rn == 15 || d->rm == 15 || d->ra == 15;
    default:
        return false;
    }
}

int arm_disasm(const ArmInsn *insn, uint32_t pc, char *buf, size_t bufsize)
{
    Out o = { buf, bufsize, 0 };
    if (bufsize)
        buf[0] = 0;
    if (insn->len == 2)
        disasm16(&o, insn, pc);
    else if (insn->len == 4) {
        disasm32(&o, insn, pc);
        if (objdump_pc_unpredictable(insn))
            outf(&o, "\t@ <UNPREDICTABLE>");
    } else
        outf(&o, "(truncated)");
    return (int)o.pos;
}

/* ------------------------------------------------------------ flow info */

void arm_insn_info(const ArmInsn *d, uint32_t pc, IsaInsnInfo *info)
{
    memset(info, 0, sizeof *info);
    info->len = d->len;
    info->flow = ISA_FLOW_SEQ;
    info->conditional = (d->flags & ARM_F_IN_IT) && d->cond != ARM_COND_AL;
    if (d->len == 0 || d->op == ARM_OP_UNDEFINED) {
        info->len = 0;
        return;
    }
    switch (d->op) {
    case ARM_OP_B:
        info->has_target = true;
        info->target = (uint32_t)(pc + 4 + (uint32_t)d->imm);
        if (d->cond != ARM_COND_AL) {
            info->flow = ISA_FLOW_COND;
            info->conditional = true;
        } else
            info->flow = info->conditional ? ISA_FLOW_COND : ISA_FLOW_JUMP;
        return;
    case ARM_OP_CBZ: case ARM_OP_CBNZ:
        info->flow = ISA_FLOW_COND;
        info->conditional = true;
        info->has_target = true;
        info->target = (uint32_t)(pc + 4 + (uint32_t)d->imm);
        return;
    case ARM_OP_BL:
        /* inside an IT block (`bleq`) it may not be taken: a conditional
         * branch for the trace and for object branch coverage */
        info->flow = info->conditional ? ISA_FLOW_COND : ISA_FLOW_CALL;
        info->has_target = true;
        info->target = (uint32_t)(pc + 4 + (uint32_t)d->imm);
        return;
    case ARM_OP_BLX_REG:
        info->flow = ISA_FLOW_INDIRECT_CALL;
        return;
    case ARM_OP_BX:
        info->flow = d->rm == 14 ? ISA_FLOW_RETURN : ISA_FLOW_INDIRECT;
        return;
    case ARM_OP_LDM:
        if (d->reglist & 0x8000)
            info->flow = (d->rn == 13 && (d->flags & ARM_F_WBACK)) ? ISA_FLOW_RETURN : ISA_FLOW_INDIRECT;
        return;
    case ARM_OP_LDMDB:
        if (d->reglist & 0x8000)
            info->flow = ISA_FLOW_INDIRECT;
        return;
    case ARM_OP_LDR_IMM:
        if (d->rd == 15)
            info->flow = (d->rn == 13 && !(d->flags & ARM_F_INDEX) && (d->flags & ARM_F_WBACK)
                          && (d->flags & ARM_F_ADD) && d->imm == 4) ? ISA_FLOW_RETURN : ISA_FLOW_INDIRECT;
        return;
    case ARM_OP_LDR_REG: case ARM_OP_LDR_LIT: case ARM_OP_LDRT:
        if (d->rd == 15)
            info->flow = ISA_FLOW_INDIRECT;
        return;
    case ARM_OP_TBB: case ARM_OP_TBH:
        info->flow = ISA_FLOW_INDIRECT;
        return;
    case ARM_OP_SVC: case ARM_OP_BKPT: case ARM_OP_UDF:
        info->flow = ISA_FLOW_TRAP;
        return;
    case ARM_OP_MSR: case ARM_OP_CPS: case ARM_OP_ISB: case ARM_OP_WFI: case ARM_OP_WFE:
        info->flow = ISA_FLOW_SYSTEM;
        return;
    case ARM_OP_COPROC:
        return;
    default:
        break;
    }
    /* Any other write to the PC (MOV pc, ADD pc, ...) is an indirect jump.
     * (FP ops name S registers or, for VMRS, APSR_nzcv as 15.) */
    if (d->rd == 15 && d->op < ARM_OP_VADD && d->op != ARM_OP_STR_IMM && d->op != ARM_OP_STR_REG && d->op != ARM_OP_STRT
        && d->op != ARM_OP_STREX && d->op != ARM_OP_STRD_IMM && d->op != ARM_OP_STM
        && d->op != ARM_OP_STMDB && d->op != ARM_OP_PLD && d->op != ARM_OP_PLI
        && d->op != ARM_OP_CMP_REG && d->op != ARM_OP_CMP_IMM && d->op != ARM_OP_TST_REG
        && d->op != ARM_OP_TST_IMM && d->op != ARM_OP_CMN_REG && d->op != ARM_OP_CMN_IMM
        && d->op != ARM_OP_TEQ_REG && d->op != ARM_OP_TEQ_IMM)
        info->flow = ISA_FLOW_INDIRECT;
}

/* ------------------------------------------------------------- IsaOps */

static unsigned ops_decode_info(const uint8_t *bytes, size_t avail, uint64_t pc, IsaInsnInfo *info)
{
    ArmInsn d;
    if (!arm_decode(bytes, avail, (uint32_t)pc, &d) || d.op == ARM_OP_UNDEFINED) {
        memset(info, 0, sizeof *info);
        return 0;
    }
    arm_insn_info(&d, (uint32_t)pc, info);
    return info->len;
}

static unsigned ops_disasm(const uint8_t *bytes, size_t avail, uint64_t pc, char *buf, size_t bufsize)
{
    ArmInsn d;
    if (!arm_decode(bytes, avail, (uint32_t)pc, &d)) {
        snprintf(buf, bufsize, "(truncated)");
        return 0;
    }
    arm_disasm(&d, (uint32_t)pc, buf, bufsize);
    return d.op == ARM_OP_UNDEFINED ? 0 : d.len;
}

const IsaOps isa_armv7m_ops = {
    .name = "armv7m",
    .min_insn_len = 2,
    .max_insn_len = 4,
    .decode_info = ops_decode_info,
    .disasm = ops_disasm,
};
