/*
 * emu/isa/riscv/rv_decode.c - RV32IMAC + Zicsr + Zifencei decoder.
 *
 * One switch on the major opcode (Unprivileged ISA 20191213, ch. 24 "RV32/64G
 * Instruction Set Listings", table 24.1) and, for RVC, on quadrant/funct3
 * (ch. 16.8, tables 16.5-16.7).  Compressed instructions are decoded straight
 * into the fields of their 32-bit expansion, so the CPU needs to know only
 * one form of each operation.
 *
 * Reserved and HINT encodings: a reserved encoding decodes as illegal
 * (len 0).  HINTs (e.g. c.addi with nzimm=0, c.li/c.mv/c.add with rd=x0,
 * c.slli with shamt=0) are ordinary instructions whose architectural effect
 * is nothing; we decode them as their expansion, which has exactly that
 * effect.  RV32C shift amounts with shamt[5]=1 are reserved for custom
 * extensions (NSE, §16.5) and decode as illegal, as QEMU and binutils do.
 */
#include "rv_isa.h"

#include <string.h>

/* Bit field extraction: bits [hi:lo] of x. */
#define BITS(x, hi, lo) (((x) >> (lo)) & ((1u << ((hi) - (lo) + 1)) - 1u))
#define BIT(x, n)       (((x) >> (n)) & 1u)

/* Sign-extend the low `bits` bits of x. */
static inline int32_t sext(uint32_t x, unsigned bits)
{
    uint32_t m = 1u << (bits - 1);
    x &= (bits == 32) ? 0xffffffffu : ((1u << bits) - 1u);
    return (int32_t)((x ^ m) - m);
}

/* --- 32-bit immediates (§2.3, figure 2.4) --- */

static inline int32_t imm_i(uint32_t r) { return (int32_t)r >> 20; }

static inline int32_t imm_s(uint32_t r)
{
    return sext((BITS(r, 31, 25) << 5) | BITS(r, 11, 7), 12);
}

static inline int32_t imm_b(uint32_t r)
{
    return sext((BIT(r, 31) << 12) | (BIT(r, 7) << 11) | (BITS(r, 30, 25) << 5) |
                (BITS(r, 11, 8) << 1), 13);
}

static inline int32_t imm_u(uint32_t r) { return (int32_t)(r & 0xfffff000u); }

static inline int32_t imm_j(uint32_t r)
{
    return sext((BIT(r, 31) << 20) | (BITS(r, 19, 12) << 12) | (BIT(r, 20) << 11) |
                (BITS(r, 30, 21) << 1), 21);
}

static unsigned illegal(RvInsn *o)
{
    o->op = RV_OP_ILLEGAL;
    o->len = 0;
    return 0;
}

/* Fill a decoded instruction; returns its length. */
static inline unsigned set(RvInsn *o, RvOp op, unsigned len)
{
    o->op = op;
    o->len = (uint8_t)len;
    return len;
}

static unsigned decode32(uint32_t r, RvInsn *o)
{
    unsigned f3 = BITS(r, 14, 12);
    unsigned f7 = BITS(r, 31, 25);

    o->rd = (uint8_t)BITS(r, 11, 7);
    o->rs1 = (uint8_t)BITS(r, 19, 15);
    o->rs2 = (uint8_t)BITS(r, 24, 20);

    switch (BITS(r, 6, 0)) {
    case 0x37: /* LUI */
        o->rs1 = o->rs2 = 0;
        o->imm = imm_u(r);
        return set(o, RV_OP_LUI, 4);
    case 0x17: /* AUIPC */
        o->rs1 = o->rs2 = 0;
        o->imm = imm_u(r);
        return set(o, RV_OP_AUIPC, 4);
    case 0x6f: /* JAL */
        o->rs1 = o->rs2 = 0;
        o->imm = imm_j(r);
        return set(o, RV_OP_JAL, 4);
    case 0x67: /* JALR */
        if (f3 != 0)
            return illegal(o);
        o->rs2 = 0;
        o->imm = imm_i(r);
        return set(o, RV_OP_JALR, 4);
    case 0x63: { /* BRANCH */
        static const RvOp br[8] = {
            RV_OP_BEQ, RV_OP_BNE, RV_OP_ILLEGAL, RV_OP_ILLEGAL,
            RV_OP_BLT, RV_OP_BGE, RV_OP_BLTU, RV_OP_BGEU,
        };
        if (br[f3] == RV_OP_ILLEGAL)
            return illegal(o);
        o->rd = 0;
        o->imm = imm_b(r);
        return set(o, br[f3], 4);
    }
    case 0x03: { /* LOAD */
        static const RvOp ld[8] = {
            RV_OP_LB, RV_OP_LH, RV_OP_LW, RV_OP_ILLEGAL,
            RV_OP_LBU, RV_OP_LHU, RV_OP_ILLEGAL, RV_OP_ILLEGAL,
        };
        if (ld[f3] == RV_OP_ILLEGAL)
            return illegal(o);
        o->rs2 = 0;
        o->imm = imm_i(r);
        return set(o, ld[f3], 4);
    }
    case 0x23: { /* STORE */
        static const RvOp st[8] = {
            RV_OP_SB, RV_OP_SH, RV_OP_SW, RV_OP_ILLEGAL,
            RV_OP_ILLEGAL, RV_OP_ILLEGAL, RV_OP_ILLEGAL, RV_OP_ILLEGAL,
        };
        if (st[f3] == RV_OP_ILLEGAL)
            return illegal(o);
        o->rd = 0;
        o->imm = imm_s(r);
        return set(o, st[f3], 4);
    }
    case 0x13: { /* OP-IMM */
        static const RvOp alu[8] = {
            RV_OP_ADDI, RV_OP_SLLI, RV_OP_SLTI, RV_OP_SLTIU,
            RV_OP_XORI, RV_OP_SRLI, RV_OP_ORI, RV_OP_ANDI,
        };
        o->rs2 = 0;
        if (f3 == 1 || f3 == 5) {
            /* RV32I shifts: imm[11:5] is 0000000 or (srai) 0100000; a set
             * imm[5] (shamt[5]) is reserved on RV32 (§2.4.1). */
            o->imm = (int32_t)BITS(r, 24, 20);
            if (f7 == 0x00)
                return set(o, alu[f3], 4);
            if (f7 == 0x20 && f3 == 5)
                return set(o, RV_OP_SRAI, 4);
            return illegal(o);
        }
        o->imm = imm_i(r);
        return set(o, alu[f3], 4);
    }
    case 0x33: { /* OP */
        static const RvOp base[8] = {
            RV_OP_ADD, RV_OP_SLL, RV_OP_SLT, RV_OP_SLTU,
            RV_OP_XOR, RV_OP_SRL, RV_OP_OR, RV_OP_AND,
        };
        static const RvOp mul[8] = {
            RV_OP_MUL, RV_OP_MULH, RV_OP_MULHSU, RV_OP_MULHU,
            RV_OP_DIV, RV_OP_DIVU, RV_OP_REM, RV_OP_REMU,
        };
        o->imm = 0;
        if (f7 == 0x00)
            return set(o, base[f3], 4);
        if (f7 == 0x01)
            return set(o, mul[f3], 4);
        if (f7 == 0x20 && f3 == 0)
            return set(o, RV_OP_SUB, 4);
        if (f7 == 0x20 && f3 == 5)
            return set(o, RV_OP_SRA, 4);
        return illegal(o);
    }
    case 0x0f: /* MISC-MEM */
        if (f3 == 0) {
            /* FENCE: fm[31:28] pred[27:24] succ[23:20].  Unused fields and
             * reserved fm values are to be treated as a normal fence
             * (§2.7), so any fm decodes; FENCE.TSO and PAUSE are the
             * exact encodings §2.7 and Zihintpause name. */
            unsigned fm = BITS(r, 31, 28);
            o->pred = (uint8_t)BITS(r, 27, 24);
            o->succ = (uint8_t)BITS(r, 23, 20);
            o->rd = o->rs1 = o->rs2 = 0;
            if (fm == 0x8 && o->pred == 0x3 && o->succ == 0x3)
                return set(o, RV_OP_FENCE_TSO, 4);
            if (r == 0x0100000fu)
                return set(o, RV_OP_PAUSE, 4);
            return set(o, RV_OP_FENCE, 4);
        }
        if (f3 == 1) {
            /* FENCE.I (ch. 3): imm, rs1 and rd are reserved for future
             * finer-grain fences and must be ignored by implementations. */
            o->rd = o->rs1 = o->rs2 = 0;
            return set(o, RV_OP_FENCE_I, 4);
        }
        return illegal(o);
    case 0x73: /* SYSTEM */
        if (f3 == 0) {
            o->imm = 0;
            switch (r) {
            case 0x00000073u: o->rd = o->rs1 = o->rs2 = 0; return set(o, RV_OP_ECALL, 4);
            case 0x00100073u: o->rd = o->rs1 = o->rs2 = 0; return set(o, RV_OP_EBREAK, 4);
            case 0x00200073u: o->rd = o->rs1 = o->rs2 = 0; return set(o, RV_OP_URET, 4);
            case 0x10200073u: o->rd = o->rs1 = o->rs2 = 0; return set(o, RV_OP_SRET, 4);
            case 0x30200073u: o->rd = o->rs1 = o->rs2 = 0; return set(o, RV_OP_MRET, 4);
            case 0x7b200073u: o->rd = o->rs1 = o->rs2 = 0; return set(o, RV_OP_DRET, 4);
            case 0x10500073u: o->rd = o->rs1 = o->rs2 = 0; return set(o, RV_OP_WFI, 4);
            default: break;
            }
            if (f7 == 0x09 && o->rd == 0) /* SFENCE.VMA rs1, rs2 */
                return set(o, RV_OP_SFENCE_VMA, 4);
            return illegal(o);
        }
        if (f3 == 4)
            return illegal(o);
        {
            static const RvOp csr[8] = {
                RV_OP_ILLEGAL, RV_OP_CSRRW, RV_OP_CSRRS, RV_OP_CSRRC,
                RV_OP_ILLEGAL, RV_OP_CSRRWI, RV_OP_CSRRSI, RV_OP_CSRRCI,
            };
            o->csr = (uint16_t)BITS(r, 31, 20);
            o->rs2 = 0;
            if (f3 >= 5) {
                /* CSR*I: the rs1 field is the 5-bit zimm (§9.1). */
                o->imm = o->rs1;
                o->rs1 = 0;
            } else {
                o->imm = 0;
            }
            return set(o, csr[f3], 4);
        }
    case 0x2f: { /* AMO */
        if (f3 != 2)
            return illegal(o);
        o->aq = (uint8_t)BIT(r, 26);
        o->rl = (uint8_t)BIT(r, 25);
        o->imm = 0;
        switch (BITS(r, 31, 27)) {
        case 0x02:
            if (o->rs2 != 0)
                return illegal(o);
            return set(o, RV_OP_LR_W, 4);
        case 0x03: return set(o, RV_OP_SC_W, 4);
        case 0x01: return set(o, RV_OP_AMOSWAP_W, 4);
        case 0x00: return set(o, RV_OP_AMOADD_W, 4);
        case 0x04: return set(o, RV_OP_AMOXOR_W, 4);
        case 0x0c: return set(o, RV_OP_AMOAND_W, 4);
        case 0x08: return set(o, RV_OP_AMOOR_W, 4);
        case 0x10: return set(o, RV_OP_AMOMIN_W, 4);
        case 0x14: return set(o, RV_OP_AMOMAX_W, 4);
        case 0x18: return set(o, RV_OP_AMOMINU_W, 4);
        case 0x1c: return set(o, RV_OP_AMOMAXU_W, 4);
        default: return illegal(o);
        }
    }
    default:
        return illegal(o);
    }
}

/* RVC register fields rd'/rs1'/rs2' (3 bits) name x8..x15 (§16.2). */
#define CREG(x) ((uint8_t)(8u + (x)))

/* Set a compressed instruction's expansion: op, cop and length 2. */
static inline unsigned cset(RvInsn *o, RvOp op, RvCOp cop)
{
    o->cop = (uint8_t)cop;
    return set(o, op, 2);
}

static unsigned decode16(uint32_t r, RvInsn *o)
{
    unsigned f3 = BITS(r, 15, 13);
    unsigned rd = BITS(r, 11, 7);       /* full rd/rs1 field, quadrants 1-2 */
    unsigned rs2 = BITS(r, 6, 2);       /* full rs2 field, quadrant 2      */
    unsigned rdp = BITS(r, 4, 2);       /* rd'/rs2'                        */
    unsigned rs1p = BITS(r, 9, 7);      /* rs1'/rd'                        */
    /* CI-format 6-bit signed immediate: imm[5] = bit 12, imm[4:0] = 6:2 */
    int32_t ci = sext((BIT(r, 12) << 5) | BITS(r, 6, 2), 6);

    switch ((BITS(r, 1, 0) << 3) | f3) {
    /* ---- quadrant 0 ---- */
    case 000: { /* C.ADDI4SPN: addi rd', x2, nzuimm[9:2] */
        uint32_t u = (BITS(r, 12, 11) << 4) | (BITS(r, 10, 7) << 6) |
                     (BIT(r, 6) << 2) | (BIT(r, 5) << 3);
        if (u == 0) /* includes the all-zero illegal instruction */
            return illegal(o);
        o->rd = CREG(rdp);
        o->rs1 = 2;
        o->imm = (int32_t)u;
        return cset(o, RV_OP_ADDI, RV_C_ADDI4SPN);
    }
    case 002: /* C.LW: lw rd', uimm(rs1') */
        o->rd = CREG(rdp);
        o->rs1 = CREG(rs1p);
        o->imm = (int32_t)((BITS(r, 12, 10) << 3) | (BIT(r, 6) << 2) | (BIT(r, 5) << 6));
        return cset(o, RV_OP_LW, RV_C_LW);
    case 006: /* C.SW: sw rs2', uimm(rs1') */
        o->rs1 = CREG(rs1p);
        o->rs2 = CREG(rdp);
        o->imm = (int32_t)((BITS(r, 12, 10) << 3) | (BIT(r, 6) << 2) | (BIT(r, 5) << 6));
        return cset(o, RV_OP_SW, RV_C_SW);
    /* 001 C.FLD, 011 C.FLW, 101 C.FSD, 111 C.FSW: no F/D; 100 reserved */

    /* ---- quadrant 1 ---- */
    case 010: /* C.NOP / C.ADDI: addi rd, rd, nzimm (nzimm=0 / rd=0: HINT) */
        o->rd = o->rs1 = (uint8_t)rd;
        o->imm = ci;
        return cset(o, RV_OP_ADDI, rd == 0 ? RV_C_NOP : RV_C_ADDI);
    case 011: /* C.JAL (RV32 only): jal x1, offset[11:1] */
    case 015: /* C.J: jal x0, offset[11:1] */
        o->rd = f3 == 1 ? 1 : 0;
        o->imm = sext((BIT(r, 12) << 11) | (BIT(r, 11) << 4) | (BITS(r, 10, 9) << 8) |
                      (BIT(r, 8) << 10) | (BIT(r, 7) << 6) | (BIT(r, 6) << 7) |
                      (BITS(r, 5, 3) << 1) | (BIT(r, 2) << 5), 12);
        return cset(o, RV_OP_JAL, f3 == 1 ? RV_C_JAL : RV_C_J);
    case 012: /* C.LI: addi rd, x0, imm (rd=0: HINT) */
        o->rd = (uint8_t)rd;
        o->imm = ci;
        return cset(o, RV_OP_ADDI, RV_C_LI);
    case 013:
        if (rd == 2) { /* C.ADDI16SP: addi x2, x2, nzimm[9:4] */
            int32_t v = sext((BIT(r, 12) << 9) | (BIT(r, 6) << 4) | (BIT(r, 5) << 6) |
                             (BITS(r, 4, 3) << 7) | (BIT(r, 2) << 5), 10);
            if (v == 0)
                return illegal(o);
            o->rd = o->rs1 = 2;
            o->imm = v;
            return cset(o, RV_OP_ADDI, RV_C_ADDI16SP);
        }
        /* C.LUI: lui rd, nzimm[17:12] (rd=0: HINT; nzimm=0: reserved) */
        if (ci == 0)
            return illegal(o);
        o->rd = (uint8_t)rd;
        o->imm = (int32_t)((uint32_t)ci << 12);
        return cset(o, RV_OP_LUI, RV_C_LUI);
    case 014: /* MISC-ALU on rd' */
        o->rd = o->rs1 = CREG(rs1p);
        switch (BITS(r, 11, 10)) {
        case 0: /* C.SRLI */
        case 1: /* C.SRAI */
            if (BIT(r, 12)) /* shamt[5]: reserved for NSE on RV32C */
                return illegal(o);
            o->imm = (int32_t)BITS(r, 6, 2);
            return BITS(r, 11, 10) == 0 ? cset(o, RV_OP_SRLI, RV_C_SRLI)
                                        : cset(o, RV_OP_SRAI, RV_C_SRAI);
        case 2: /* C.ANDI */
            o->imm = ci;
            return cset(o, RV_OP_ANDI, RV_C_ANDI);
        default:
            if (BIT(r, 12)) /* C.SUBW/C.ADDW (RV64) and reserved */
                return illegal(o);
            o->rs2 = CREG(rdp);
            switch (BITS(r, 6, 5)) {
            case 0: return cset(o, RV_OP_SUB, RV_C_SUB);
            case 1: return cset(o, RV_OP_XOR, RV_C_XOR);
            case 2: return cset(o, RV_OP_OR, RV_C_OR);
            default: return cset(o, RV_OP_AND, RV_C_AND);
            }
        }
    case 016: /* C.BEQZ: beq rs1', x0, offset[8:1] */
    case 017: /* C.BNEZ: bne rs1', x0, offset[8:1] */
        o->rs1 = CREG(rs1p);
        o->imm = sext((BIT(r, 12) << 8) | (BITS(r, 11, 10) << 3) | (BITS(r, 6, 5) << 6) |
                      (BITS(r, 4, 3) << 1) | (BIT(r, 2) << 5), 9);
        return f3 == 6 ? cset(o, RV_OP_BEQ, RV_C_BEQZ) : cset(o, RV_OP_BNE, RV_C_BNEZ);

    /* ---- quadrant 2 ---- */
    case 020: /* C.SLLI: slli rd, rd, shamt (rd=0 or shamt=0: HINT) */
        if (BIT(r, 12))
            return illegal(o);
        o->rd = o->rs1 = (uint8_t)rd;
        o->imm = (int32_t)BITS(r, 6, 2);
        return cset(o, RV_OP_SLLI, RV_C_SLLI);
    case 022: /* C.LWSP: lw rd, uimm(x2); rd=0 reserved */
        if (rd == 0)
            return illegal(o);
        o->rd = (uint8_t)rd;
        o->rs1 = 2;
        o->imm = (int32_t)((BIT(r, 12) << 5) | (BITS(r, 6, 4) << 2) | (BITS(r, 3, 2) << 6));
        return cset(o, RV_OP_LW, RV_C_LWSP);
    case 024:
        if (!BIT(r, 12)) {
            if (rs2 == 0) { /* C.JR: jalr x0, 0(rs1); rs1=0 reserved */
                if (rd == 0)
                    return illegal(o);
                o->rs1 = (uint8_t)rd;
                return cset(o, RV_OP_JALR, RV_C_JR);
            }
            /* C.MV: add rd, x0, rs2 (rd=0: HINT) */
            o->rd = (uint8_t)rd;
            o->rs2 = (uint8_t)rs2;
            return cset(o, RV_OP_ADD, RV_C_MV);
        }
        if (rs2 == 0) {
            if (rd == 0) /* C.EBREAK */
                return cset(o, RV_OP_EBREAK, RV_C_EBREAK);
            /* C.JALR: jalr x1, 0(rs1) */
            o->rd = 1;
            o->rs1 = (uint8_t)rd;
            return cset(o, RV_OP_JALR, RV_C_JALR);
        }
        /* C.ADD: add rd, rd, rs2 (rd=0: HINT) */
        o->rd = o->rs1 = (uint8_t)rd;
        o->rs2 = (uint8_t)rs2;
        return cset(o, RV_OP_ADD, RV_C_ADD);
    case 026: /* C.SWSP: sw rs2, uimm(x2) */
        o->rs1 = 2;
        o->rs2 = (uint8_t)rs2;
        o->imm = (int32_t)((BITS(r, 12, 9) << 2) | (BITS(r, 8, 7) << 6));
        return cset(o, RV_OP_SW, RV_C_SWSP);
    /* 021 C.FLDSP, 023 C.FLWSP, 025 C.FSDSP, 027 C.FSWSP: no F/D */
    default:
        return illegal(o);
    }
}

unsigned rv_decode_raw(uint32_t raw, RvInsn *out)
{
    memset(out, 0, sizeof(*out));
    if ((raw & 3u) != 3u) {
        out->raw = raw & 0xffffu;
        return decode16(out->raw, out);
    }
    out->raw = raw;
    /* bits [4:2] = 111: 48-bit and longer encodings (§1.5), not supported */
    if ((raw & 0x1cu) == 0x1cu)
        return illegal(out);
    return decode32(raw, out);
}

unsigned rv_decode(const uint8_t *p, size_t avail, RvInsn *out)
{
    uint32_t raw;

    if (avail < 2) {
        memset(out, 0, sizeof(*out));
        return illegal(out);
    }
    raw = (uint32_t)p[0] | ((uint32_t)p[1] << 8);
    if ((raw & 3u) == 3u) {
        if (avail < 4) {
            memset(out, 0, sizeof(*out));
            out->raw = raw;
            return illegal(out);
        }
        raw |= ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
    }
    return rv_decode_raw(raw, out);
}
