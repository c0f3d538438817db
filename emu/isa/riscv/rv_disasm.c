/*
 * emu/isa/riscv/rv_disasm.c - disassembly text identical to binutils 2.40
 * `riscv64-unknown-elf-objdump -d` for RV32IMAC + Zicsr + Zifencei ELFs.
 *
 * Every rule below was measured against that objdump (see
 * tests/isa/riscv/, which re-checks all of them on every test run), not
 * derived from its sources.  Notable habits of objdump 2.40 we reproduce:
 *  - register-immediate ALU operations print under the register-register
 *    mnemonic: "add a0,a1,4" for addi, "and", "or", "xor", "sll", "srl",
 *    "sra"; andi with 255 prints "zext.b"; shift amounts print in hex;
 *  - compressed HINT encodings print as "c.nop 5", "c.li zero,1",
 *    "c.mv zero,a1", "c.add zero,a1", "c.slli64 a0", "c.srli64 a0";
 *  - CSR*I print as "csrrw a0,mstatus,1" / "csrw mstatus,1";
 *  - after an addi/load/store/jalr whose base register holds a value from
 *    lui/auipc (or is zero, tp, or gp when __global_pointer$ is known),
 *    objdump appends " # <address>" (RvDisasmCtx);
 *  - encodings it does not know print as ".2byte 0x..." / ".4byte 0x...".
 */
#include "rv_isa.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const reg_names[32] = {
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2",
    "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
    "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7",
    "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

const char *rv_reg_name(unsigned r)
{
    return r < 32 ? reg_names[r] : "?";
}

static const char *const op_names[RV_OP_COUNT] = {
    [RV_OP_ILLEGAL] = "illegal",
    [RV_OP_LUI] = "lui", [RV_OP_AUIPC] = "auipc", [RV_OP_JAL] = "jal", [RV_OP_JALR] = "jalr",
    [RV_OP_BEQ] = "beq", [RV_OP_BNE] = "bne", [RV_OP_BLT] = "blt", [RV_OP_BGE] = "bge",
    [RV_OP_BLTU] = "bltu", [RV_OP_BGEU] = "bgeu",
    [RV_OP_LB] = "lb", [RV_OP_LH] = "lh", [RV_OP_LW] = "lw", [RV_OP_LBU] = "lbu",
    [RV_OP_LHU] = "lhu", [RV_OP_SB] = "sb", [RV_OP_SH] = "sh", [RV_OP_SW] = "sw",
    [RV_OP_ADDI] = "addi", [RV_OP_SLTI] = "slti", [RV_OP_SLTIU] = "sltiu",
    [RV_OP_XORI] = "xori", [RV_OP_ORI] = "ori", [RV_OP_ANDI] = "andi",
    [RV_OP_SLLI] = "slli", [RV_OP_SRLI] = "srli", [RV_OP_SRAI] = "srai",
    [RV_OP_ADD] = "add", [RV_OP_SUB] = "sub", [RV_OP_SLL] = "sll", [RV_OP_SLT] = "slt",
    [RV_OP_SLTU] = "sltu", [RV_OP_XOR] = "xor", [RV_OP_SRL] = "srl", [RV_OP_SRA] = "sra",
    [RV_OP_OR] = "or", [RV_OP_AND] = "and",
    [RV_OP_FENCE] = "fence", [RV_OP_FENCE_TSO] = "fence.tso", [RV_OP_PAUSE] = "pause",
    [RV_OP_ECALL] = "ecall", [RV_OP_EBREAK] = "ebreak", [RV_OP_FENCE_I] = "fence.i",
    [RV_OP_CSRRW] = "csrrw", [RV_OP_CSRRS] = "csrrs", [RV_OP_CSRRC] = "csrrc",
    [RV_OP_CSRRWI] = "csrrwi", [RV_OP_CSRRSI] = "csrrsi", [RV_OP_CSRRCI] = "csrrci",
    [RV_OP_MUL] = "mul", [RV_OP_MULH] = "mulh", [RV_OP_MULHSU] = "mulhsu",
    [RV_OP_MULHU] = "mulhu", [RV_OP_DIV] = "div", [RV_OP_DIVU] = "divu",
    [RV_OP_REM] = "rem", [RV_OP_REMU] = "remu",
    [RV_OP_LR_W] = "lr.w", [RV_OP_SC_W] = "sc.w", [RV_OP_AMOSWAP_W] = "amoswap.w",
    [RV_OP_AMOADD_W] = "amoadd.w", [RV_OP_AMOXOR_W] = "amoxor.w",
    [RV_OP_AMOAND_W] = "amoand.w", [RV_OP_AMOOR_W] = "amoor.w",
    [RV_OP_AMOMIN_W] = "amomin.w", [RV_OP_AMOMAX_W] = "amomax.w",
    [RV_OP_AMOMINU_W] = "amominu.w", [RV_OP_AMOMAXU_W] = "amomaxu.w",
    [RV_OP_MRET] = "mret", [RV_OP_SRET] = "sret", [RV_OP_URET] = "uret",
    [RV_OP_DRET] = "dret", [RV_OP_WFI] = "wfi", [RV_OP_SFENCE_VMA] = "sfence.vma",
};

const char *rv_op_name(RvOp op)
{
    return (unsigned)op < RV_OP_COUNT ? op_names[op] : "illegal";
}

void rv_disasm_ctx_init(RvDisasmCtx *ctx, bool has_gp, uint32_t gp)
{
    memset(ctx, 0, sizeof(*ctx));
    ctx->has_gp = has_gp;
    ctx->gp = gp;
}

unsigned rv_insn_length(uint32_t lo16)
{
    if ((lo16 & 0x03u) != 0x03u)
        return 2;
    if ((lo16 & 0x1cu) != 0x1cu)
        return 4;
    if ((lo16 & 0x3fu) == 0x1fu)
        return 6;
    if ((lo16 & 0x7fu) == 0x3fu)
        return 8;
    return 0;
}

/* Output buffer that never overflows; counts what it would have written. */
typedef struct Out {
    char *buf;
    size_t size;
    size_t len;
} Out;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void put(Out *o, const char *fmt, ...)
{
    va_list ap;
    int n;
    size_t room = o->len < o->size ? o->size - o->len : 0;

    va_start(ap, fmt);
    n = vsnprintf(room ? o->buf + o->len : NULL, room, fmt, ap);
    va_end(ap);
    if (n > 0)
        o->len += (size_t)n;
}

#define R(r) reg_names[(r) & 31]

/* Work out objdump's "# address" note for an access at offset `off` from
 * register `base`; consumes a pending lui/auipc value of `base`. */
static void note_addr(RvDisasmCtx *c, unsigned base, int32_t off, bool *have, uint32_t *addr)
{
    if (c && (c->hi_valid & (1u << base))) {
        *addr = (base ? c->hi[base] : 0) + (uint32_t)off;
        c->hi_valid &= ~(1u << base);
        *have = true;
    } else if (base == 3 && c && c->has_gp) {
        *addr = c->gp + (uint32_t)off;
        *have = true;
    } else if (base == 4 || base == 0) {
        *addr = (uint32_t)off;
        *have = true;
    }
}

static void set_hi(RvDisasmCtx *c, unsigned rd, uint32_t v)
{
    if (c) {
        c->hi[rd] = v;
        c->hi_valid |= 1u << rd;
    }
}

/* FENCE predecessor/successor set as objdump prints it. */
static void put_fence_set(Out *o, unsigned s)
{
    if (s == 0) {
        put(o, "unknown");
        return;
    }
    if (s & 8) put(o, "i");
    if (s & 4) put(o, "o");
    if (s & 2) put(o, "r");
    if (s & 1) put(o, "w");
}

static void put_csr(Out *o, unsigned csr)
{
    const char *n = rv_csr_name(csr);
    if (n)
        put(o, "%s", n);
    else
        put(o, "0x%x", csr);
}

static void put_unknown(Out *o, uint32_t raw, unsigned len)
{
    if (len == 2)
        put(o, ".2byte\t0x%x", raw & 0xffffu);
    else
        put(o, ".4byte\t0x%x", raw);
}

/* Compressed forms whose text differs from their expansion's. */
static bool disasm_c(RvDisasmCtx *c, const RvInsn *d, Out *o, bool *have, uint32_t *addr)
{
    switch (d->cop) {
    case RV_C_NOP:
        if (d->imm == 0)
            put(o, "nop");
        else
            put(o, "c.nop\t%d", d->imm);
        return true;
    case RV_C_ADDI:
        /* c.addi prints as "add rd,rd,imm" even for imm 0 (a HINT) */
        note_addr(c, d->rd, d->imm, have, addr);
        put(o, "add\t%s,%s,%d", R(d->rd), R(d->rd), d->imm);
        return true;
    case RV_C_LI:
        put(o, d->rd ? "li\t%s,%d" : "c.li\t%s,%d", R(d->rd), d->imm);
        return true;
    case RV_C_MV:
        put(o, d->rd ? "mv\t%s,%s" : "c.mv\t%s,%s", R(d->rd), R(d->rs2));
        return true;
    case RV_C_ADD:
        if (d->rd)
            put(o, "add\t%s,%s,%s", R(d->rd), R(d->rd), R(d->rs2));
        else
            put(o, "c.add\t%s,%s", R(d->rd), R(d->rs2));
        return true;
    case RV_C_SLLI:
    case RV_C_SRLI:
    case RV_C_SRAI:
        if (d->imm == 0) {
            put(o, "c.%s64\t%s", d->cop == RV_C_SLLI ? "slli" : d->cop == RV_C_SRLI ? "srli" : "srai",
                R(d->rd));
            return true;
        }
        put(o, "%s\t%s,%s,0x%x", d->cop == RV_C_SLLI ? "sll" : d->cop == RV_C_SRLI ? "srl" : "sra",
            R(d->rd), R(d->rd), (unsigned)d->imm);
        return true;
    case RV_C_ADDI4SPN:
    case RV_C_ADDI16SP:
        put(o, "add\t%s,%s,%d", R(d->rd), R(d->rs1), d->imm);
        return true;
    case RV_C_LUI:
        set_hi(c, d->rd, (uint32_t)d->imm);
        put(o, "lui\t%s,0x%x", R(d->rd), ((uint32_t)d->imm >> 12) & 0xfffffu);
        return true;
    case RV_C_ANDI:
        put(o, "and\t%s,%s,%d", R(d->rd), R(d->rd), d->imm);
        return true;
    case RV_C_LW:
    case RV_C_LWSP:
        put(o, "lw\t%s,%d(%s)", R(d->rd), d->imm, R(d->rs1));
        return true;
    case RV_C_SW:
    case RV_C_SWSP:
        put(o, "sw\t%s,%d(%s)", R(d->rs2), d->imm, R(d->rs1));
        return true;
    case RV_C_JR:
        if (d->rs1 == 1)
            put(o, "ret");
        else
            put(o, "jr\t%s", R(d->rs1));
        return true;
    case RV_C_JALR:
        put(o, "jalr\t%s", R(d->rs1));
        return true;
    default:
        return false; /* same text as the expansion */
    }
}

static const char *amo_suffix(const RvInsn *d)
{
    static const char *const s[4] = { "", ".rl", ".aq", ".aqrl" };
    return s[((d->aq & 1u) << 1) | (d->rl & 1u)];
}

int rv_disasm_ctx(RvDisasmCtx *c, const RvInsn *d, uint32_t pc, char *buf, size_t bufsize)
{
    Out o = { buf, bufsize, 0 };
    Out *out = &o;
    bool have = false;
    uint32_t addr = 0;
    uint32_t raw = d->raw;
    uint32_t target = pc + (uint32_t)d->imm;

    if (bufsize)
        buf[0] = '\0';

    if (d->len == 0) {
        if (raw == 0)
            put(out, "unimp");
        else
            put_unknown(out, raw, rv_insn_length(raw & 0xffffu) == 2 ? 2 : 4);
        return (int)o.len;
    }
    if (d->cop != RV_C_NONE && disasm_c(c, d, out, &have, &addr))
        goto done;

    switch (d->op) {
    case RV_OP_LUI:
    case RV_OP_AUIPC:
        set_hi(c, d->rd, d->op == RV_OP_LUI ? (uint32_t)d->imm : pc + (uint32_t)d->imm);
        put(out, "%s\t%s,0x%x", op_names[d->op], R(d->rd), (uint32_t)d->imm >> 12);
        break;
    case RV_OP_JAL:
        if (d->rd == 0)
            put(out, "j\t%x", target);
        else if (d->rd == 1)
            put(out, "jal\t%x", target);
        else
            put(out, "jal\t%s,%x", R(d->rd), target);
        break;
    case RV_OP_JALR:
        if (d->rd == 0 && d->rs1 == 1 && d->imm == 0) {
            put(out, "ret");
            break;
        }
        note_addr(c, d->rs1, d->imm, &have, &addr);
        if (d->rd == 0)
            put(out, "jr\t");
        else if (d->rd == 1)
            put(out, "jalr\t");
        else
            put(out, "jalr\t%s,", R(d->rd));
        if (d->imm == 0)
            put(out, "%s", R(d->rs1));
        else
            put(out, "%d(%s)", d->imm, R(d->rs1));
        break;
    case RV_OP_BEQ:
    case RV_OP_BNE:
        if (d->rs2 == 0)
            put(out, "%s\t%s,%x", d->op == RV_OP_BEQ ? "beqz" : "bnez", R(d->rs1), target);
        else
            put(out, "%s\t%s,%s,%x", op_names[d->op], R(d->rs1), R(d->rs2), target);
        break;
    case RV_OP_BLT:
    case RV_OP_BGE:
        if (d->rs2 == 0)
            put(out, "%s\t%s,%x", d->op == RV_OP_BLT ? "bltz" : "bgez", R(d->rs1), target);
        else if (d->rs1 == 0)
            put(out, "%s\t%s,%x", d->op == RV_OP_BLT ? "bgtz" : "blez", R(d->rs2), target);
        else
            put(out, "%s\t%s,%s,%x", op_names[d->op], R(d->rs1), R(d->rs2), target);
        break;
    case RV_OP_BLTU:
    case RV_OP_BGEU:
        put(out, "%s\t%s,%s,%x", op_names[d->op], R(d->rs1), R(d->rs2), target);
        break;
    case RV_OP_LB: case RV_OP_LH: case RV_OP_LW: case RV_OP_LBU: case RV_OP_LHU:
        note_addr(c, d->rs1, d->imm, &have, &addr);
        put(out, "%s\t%s,%d(%s)", op_names[d->op], R(d->rd), d->imm, R(d->rs1));
        break;
    case RV_OP_SB: case RV_OP_SH: case RV_OP_SW:
        note_addr(c, d->rs1, d->imm, &have, &addr);
        put(out, "%s\t%s,%d(%s)", op_names[d->op], R(d->rs2), d->imm, R(d->rs1));
        break;
    case RV_OP_ADDI:
        if (d->rd == 0 && d->rs1 == 0 && d->imm == 0) {
            put(out, "nop");
        } else if (d->rs1 == 0) {
            put(out, "li\t%s,%d", R(d->rd), d->imm);
        } else if (d->imm == 0) {
            put(out, "mv\t%s,%s", R(d->rd), R(d->rs1));
        } else {
            note_addr(c, d->rs1, d->imm, &have, &addr);
            put(out, "add\t%s,%s,%d", R(d->rd), R(d->rs1), d->imm);
        }
        break;
    case RV_OP_SLTI:
        put(out, "slti\t%s,%s,%d", R(d->rd), R(d->rs1), d->imm);
        break;
    case RV_OP_SLTIU:
        if (d->imm == 1)
            put(out, "seqz\t%s,%s", R(d->rd), R(d->rs1));
        else
            put(out, "sltiu\t%s,%s,%d", R(d->rd), R(d->rs1), d->imm);
        break;
    case RV_OP_XORI:
        if (d->imm == -1)
            put(out, "not\t%s,%s", R(d->rd), R(d->rs1));
        else
            put(out, "xor\t%s,%s,%d", R(d->rd), R(d->rs1), d->imm);
        break;
    case RV_OP_ORI:
        put(out, "or\t%s,%s,%d", R(d->rd), R(d->rs1), d->imm);
        break;
    case RV_OP_ANDI:
        if (d->imm == 255)
            put(out, "zext.b\t%s,%s", R(d->rd), R(d->rs1));
        else
            put(out, "and\t%s,%s,%d", R(d->rd), R(d->rs1), d->imm);
        break;
    case RV_OP_SLLI: case RV_OP_SRLI: case RV_OP_SRAI:
        put(out, "%s\t%s,%s,0x%x", d->op == RV_OP_SLLI ? "sll" : d->op == RV_OP_SRLI ? "srl" : "sra",
            R(d->rd), R(d->rs1), (unsigned)d->imm);
        break;
    case RV_OP_SUB:
        if (d->rs1 == 0)
            put(out, "neg\t%s,%s", R(d->rd), R(d->rs2));
        else
            put(out, "sub\t%s,%s,%s", R(d->rd), R(d->rs1), R(d->rs2));
        break;
    case RV_OP_SLT:
        if (d->rs2 == 0)
            put(out, "sltz\t%s,%s", R(d->rd), R(d->rs1));
        else if (d->rs1 == 0)
            put(out, "sgtz\t%s,%s", R(d->rd), R(d->rs2));
        else
            put(out, "slt\t%s,%s,%s", R(d->rd), R(d->rs1), R(d->rs2));
        break;
    case RV_OP_SLTU:
        if (d->rs1 == 0)
            put(out, "snez\t%s,%s", R(d->rd), R(d->rs2));
        else
            put(out, "sltu\t%s,%s,%s", R(d->rd), R(d->rs1), R(d->rs2));
        break;
    case RV_OP_ADD: case RV_OP_SLL: case RV_OP_XOR: case RV_OP_SRL: case RV_OP_SRA:
    case RV_OP_OR: case RV_OP_AND:
    case RV_OP_MUL: case RV_OP_MULH: case RV_OP_MULHSU: case RV_OP_MULHU:
    case RV_OP_DIV: case RV_OP_DIVU: case RV_OP_REM: case RV_OP_REMU:
        put(out, "%s\t%s,%s,%s", op_names[d->op], R(d->rd), R(d->rs1), R(d->rs2));
        break;
    case RV_OP_FENCE:
        /* objdump knows only fm=0000 with rd = rs1 = 0 as "fence" */
        if ((raw & 0xf00f8f80u) != 0) {
            put_unknown(out, raw, 4);
        } else if (d->pred == 0xf && d->succ == 0xf) {
            put(out, "fence");
        } else {
            put(out, "fence\t");
            put_fence_set(out, d->pred);
            put(out, ",");
            put_fence_set(out, d->succ);
        }
        break;
    case RV_OP_FENCE_TSO:
        if ((raw & 0x000f8f80u) != 0)
            put_unknown(out, raw, 4);
        else
            put(out, "fence.tso");
        break;
    case RV_OP_FENCE_I:
        if (raw != 0x0000100fu)
            put_unknown(out, raw, 4);
        else
            put(out, "fence.i");
        break;
    case RV_OP_PAUSE: case RV_OP_ECALL: case RV_OP_EBREAK: case RV_OP_MRET: case RV_OP_SRET:
    case RV_OP_URET: case RV_OP_DRET: case RV_OP_WFI:
        put(out, "%s", op_names[d->op]);
        break;
    case RV_OP_SFENCE_VMA:
        if (d->rs2)
            put(out, "sfence.vma\t%s,%s", R(d->rs1), R(d->rs2));
        else if (d->rs1)
            put(out, "sfence.vma\t%s", R(d->rs1));
        else
            put(out, "sfence.vma");
        break;
    case RV_OP_CSRRW:
        if (raw == 0xc0001073u) { /* csrrw x0, cycle, x0 */
            put(out, "unimp");
        } else if (d->rd == 0) {
            put(out, "csrw\t");
            put_csr(out, d->csr);
            put(out, ",%s", R(d->rs1));
        } else {
            put(out, "csrrw\t%s,", R(d->rd));
            put_csr(out, d->csr);
            put(out, ",%s", R(d->rs1));
        }
        break;
    case RV_OP_CSRRS:
        if (d->rs1 == 0) {
            static const char *const rd_names[3] = { "rdcycle", "rdtime", "rdinstret" };
            unsigned lo = d->csr & 0x7fu;
            if ((d->csr & ~0x83u) == 0xc00u && lo < 3)
                put(out, "%s%s\t%s", rd_names[lo], (d->csr & 0x80u) ? "h" : "", R(d->rd));
            else {
                put(out, "csrr\t%s,", R(d->rd));
                put_csr(out, d->csr);
            }
        } else if (d->rd == 0) {
            put(out, "csrs\t");
            put_csr(out, d->csr);
            put(out, ",%s", R(d->rs1));
        } else {
            put(out, "csrrs\t%s,", R(d->rd));
            put_csr(out, d->csr);
            put(out, ",%s", R(d->rs1));
        }
        break;
    case RV_OP_CSRRC:
        if (d->rd == 0) {
            put(out, "csrc\t");
            put_csr(out, d->csr);
            put(out, ",%s", R(d->rs1));
        } else {
            put(out, "csrrc\t%s,", R(d->rd));
            put_csr(out, d->csr);
            put(out, ",%s", R(d->rs1));
        }
        break;
    case RV_OP_CSRRWI: case RV_OP_CSRRSI: case RV_OP_CSRRCI: {
        static const char *const pn[3] = { "csrw", "csrs", "csrc" };
        static const char *const fn[3] = { "csrrw", "csrrs", "csrrc" };
        unsigned k = (unsigned)(d->op - RV_OP_CSRRWI);
        if (d->rd == 0)
            put(out, "%s\t", pn[k]);
        else
            put(out, "%s\t%s,", fn[k], R(d->rd));
        put_csr(out, d->csr);
        put(out, ",%d", d->imm);
        break;
    }
    case RV_OP_LR_W:
        put(out, "lr.w%s\t%s,(%s)", amo_suffix(d), R(d->rd), R(d->rs1));
        break;
    case RV_OP_SC_W: case RV_OP_AMOSWAP_W: case RV_OP_AMOADD_W: case RV_OP_AMOXOR_W:
    case RV_OP_AMOAND_W: case RV_OP_AMOOR_W: case RV_OP_AMOMIN_W: case RV_OP_AMOMAX_W:
    case RV_OP_AMOMINU_W: case RV_OP_AMOMAXU_W:
        put(out, "%s%s\t%s,%s,(%s)", op_names[d->op], amo_suffix(d), R(d->rd), R(d->rs2),
            R(d->rs1));
        break;
    default:
        put_unknown(out, raw, d->len);
        break;
    }
done:
    if (have)
        put(out, " # %x", addr);
    return (int)o.len;
}

int rv_disasm(const RvInsn *insn, uint32_t pc, char *buf, size_t bufsize)
{
    return rv_disasm_ctx(NULL, insn, pc, buf, bufsize);
}

unsigned rv_disasm_bytes(RvDisasmCtx *ctx, const uint8_t *p, size_t avail, uint32_t pc,
                         char *buf, size_t bufsize)
{
    unsigned len;
    RvInsn d;
    Out o = { buf, bufsize, 0 };

    if (bufsize)
        buf[0] = '\0';
    if (avail < 2)
        return 0;
    len = rv_insn_length((uint32_t)p[0] | ((uint32_t)p[1] << 8));
    if (len == 0)
        len = 2; /* objdump steps over reserved >= 80-bit encodings by halfword */
    if (avail < len)
        return 0;
    if (len > 4) {
        unsigned i;
        put(&o, ".%ubyte\t0x", len);
        for (i = len; i-- > 0;)
            if (o.len > 8 || p[i] || i == 0)
                put(&o, o.len > 8 ? "%02x" : "%x", p[i]);
        return len;
    }
    rv_decode(p, avail, &d);
    rv_disasm_ctx(ctx, &d, pc, buf, bufsize);
    return len;
}
