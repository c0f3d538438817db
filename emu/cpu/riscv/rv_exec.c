/*
 * emu/cpu/riscv/rv_exec.c - RV32 translation blocks and their interpreter.
 *
 * A translation block (TB) is the straight-line run of instructions from a
 * pc up to and including the first one that changes control flow (branch,
 * jump, trap, xret) or must be followed by a check (CSR access, wfi,
 * fence.i), capped at RV_TB_MAX_INSNS.  Each guest instruction becomes one
 * pre-decoded operation {handler, imm, rd, rs1, rs2, len}; the interpreter
 * jumps from handler to handler (computed goto) with no decoding at run time.
 * Common idioms get specialised handlers and common adjacent pairs a fused
 * handler on their first operation (rv_fuse); the operations themselves, and
 * so block shapes, counts and traces, stay one per instruction.
 *
 * Blocks are cached by (pc, privilege) and chained to their static
 * successors, so a hot loop runs from block to block without a lookup.
 * Budgets, interrupts, device events and tracing are handled at block
 * boundaries only (DESIGN.md §5).  Writes to memory holding translated code
 * (code_lines) flush the cache: the interpreter finishes the current
 * instruction and leaves the block at once, as QEMU does.
 *
 * Accounting: m->icount is advanced by the block's instruction count when
 * the block is entered; when an instruction traps, or a helper needs the
 * exact count (counters, MMIO), it is set to the number of instructions
 * retired before the current one.
 *
 * Debugging (gdb, docs/gdb.md) never changes translation, so a debugged
 * run writes the same trace as a plain one: a breakpoint swaps the handler
 * of the operation at its address for H_DBG_BKPT in every block holding it
 * (rv_dbg_patch_*); a single step puts H_DBG_STOP on the next operation for
 * the duration of one run, or, after a block's last instruction, lowers the
 * limit so the block exit comes back to `check`; a stop inside a block keeps
 * (block, operation index) and the next run resumes there with the
 * operation's own handler.  Watchpoints turn the fast memory path off and are
 * checked in rv_load_slow/rv_store_slow.  With none of them active the only
 * cost is a test of cpu->dbg at each rv_exec entry.
 */
#include "rv_cpu.h"
#include "tracer/trace.h"

/* Built with -fno-crossjumping (emu/meson.build): GCC's cross-jumping would
 * merge the copies of ENTER_TB into one shared indirect jump that predicts
 * badly.  (Not a #pragma GCC optimize: that blocks inlining of the tracer's
 * inline functions.) */

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define RV_TB_MAX_INSNS 64
#define RV_TB_HASH_BITS 15
#define RV_JC_BITS 12
#define RV_ARENA_SIZE (32u << 20)

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

typedef struct RvOpc {
    const void *h;     /* handler label */
    int32_t imm;
    uint8_t rd, rs1, rs2, len;
} RvOpc;

struct RvTB {
    uint32_t pc, size, ninsns;
    uint8_t priv;
    uint8_t flow;              /* IsaFlow of the last instruction */
    uint32_t taken_pc;         /* static target of the final branch/jump */
    uint32_t fall_pc;          /* address after the block */
    RvTB *next[2];             /* chained successors: [0] fall, [1] taken */
    RvTB *hnext;
    uint32_t trace_id;
    uint16_t *offs;            /* pc offset of each op */
    RvOpc ops[];
};

typedef struct RvTbCache {
    uint8_t *arena;
    size_t used;
    RvTB *hash[1u << RV_TB_HASH_BITS];
    RvTB *jc[1u << RV_JC_BITS];
    const void *const *h;      /* handler table of rv_exec */
    uint64_t generation;
} RvTbCache;

/* Internal operation codes: one per handler label. */
enum {
    H_ILLEGAL, H_FETCH_FAULT, H_END,
    H_LUI, H_ADDI, H_SLTI, H_SLTIU, H_XORI, H_ORI, H_ANDI, H_SLLI, H_SRLI, H_SRAI,
    H_ADD, H_SUB, H_SLL, H_SLT, H_SLTU, H_XOR, H_SRL, H_SRA, H_OR, H_AND,
    H_MUL, H_MULH, H_MULHSU, H_MULHU, H_DIV, H_DIVU, H_REM, H_REMU,
    H_LB, H_LH, H_LW, H_LBU, H_LHU, H_SB, H_SH, H_SW,
    H_LR, H_SC, H_AMO,
    H_NOP,
    H_MV, H_BEQZ, H_BNEZ,       /* specialised forms (rv_translate) */
    /* fused pairs (rv_fuse): the first operation's handler runs the next
     * operation too */
    H_SLLI_ADD, H_ADD_LW, H_ADDI_ADDI, H_LW_ADDI,
    H_ADDI_BNE, H_ADDI_BLT, H_ADD_BNE, H_LW_BNEZ,
    H_BEQ, H_BNE, H_BLT, H_BGE, H_BLTU, H_BGEU,
    H_JAL, H_JALR,
    H_ECALL, H_EBREAK, H_SEMIHOST, H_MRET, H_WFI,
    H_CSRRW, H_CSRRS, H_CSRRC, H_CSRRWI, H_CSRRSI, H_CSRRCI,
    H_DBG_BKPT, H_DBG_STOP,     /* debug: patched in place of an op's handler */
    H_COUNT
};

RvTbCache *rv_tbc_new(void)
{
    RvTbCache *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->arena = malloc(RV_ARENA_SIZE);
    if (!c->arena) {
        free(c);
        return NULL;
    }
    return c;
}

void rv_tbc_free(RvTbCache *c)
{
    if (!c)
        return;
    free(c->arena);
    free(c);
}

static inline unsigned rv_hash(uint32_t pc, unsigned priv)
{
    return ((pc >> 1) ^ (pc >> (RV_TB_HASH_BITS + 1)) ^ priv) & ((1u << RV_TB_HASH_BITS) - 1);
}

static inline unsigned rv_jc_hash(uint32_t pc)
{
    return (pc >> 1) & ((1u << RV_JC_BITS) - 1);
}

static size_t rv_tb_bytes(unsigned nops)
{
    size_t sz = sizeof(RvTB) + (size_t)nops * sizeof(RvOpc) + (size_t)nops * sizeof(uint16_t);
    return (sz + 15) & ~(size_t)15;
}

/* Drop every translation: the arena is reset and the code-line marks of
 * every block are cleared. */
void rv_tb_flush(RvCpu *cpu)
{
    RvTbCache *c = cpu->tbc;
    EmuMachine *m = cpu->m;
    size_t off = 0;
    while (off < c->used) {
        RvTB *tb = (RvTB *)(c->arena + off);
        if (m->code_lines && tb->size) {
            for (uint64_t a = tb->pc & ~63u; a < (uint64_t)tb->pc + tb->size; a += 64)
                m->code_lines[a >> 6] = 0;
        }
        off += rv_tb_bytes(tb->ninsns + 1);
    }
    c->used = 0;
    /* breakpoint patches and any stop point die with the blocks */
    emu_dbg_blocks_flushed(&cpu->dbg);
    memset(c->hash, 0, sizeof c->hash);
    memset(c->jc, 0, sizeof c->jc);
    c->generation++;
    cpu->flush_pending = false;
    EMU_LOG(EMU_LOG_TB, "riscv: translation cache flushed\n");
}

static void rv_emit(RvOpc *o, const void *h, const RvInsn *in, uint8_t rd, int32_t imm)
{
    o->h = h;
    o->imm = imm;
    o->rd = rd;
    o->rs1 = in ? in->rs1 : 0;
    o->rs2 = in ? in->rs2 : 0;
    o->len = in ? in->len : 0;
}

static bool rv_is_semihost_ebreak(RvCpu *cpu, uint32_t pc, const RvInsn *in)
{
    /* RISC-V semihosting: slli x0,x0,0x1f; ebreak; srai x0,x0,7, all
     * uncompressed (RISC-V Semihosting spec, section "Semihosting Trap"). */
    if (in->op != RV_OP_EBREAK || in->len != 4)
        return false;
    uint32_t before, after;
    if (emu_bus_read_buf(cpu->m, pc - 4, &before, 4) != EMU_MEM_OK ||
        emu_bus_read_buf(cpu->m, pc + 4, &after, 4) != EMU_MEM_OK)
        return false;
    return before == 0x01f01013u && after == 0x40705013u;
}

/* Superinstructions: common adjacent pairs get one handler that runs both
 * operations (one dispatch less).  The second operation keeps its own
 * handler and fields, so the fused handler reads them from op[1], and any
 * entry into the middle of the pair (a resumed stop, a fallback from the
 * fused handler's slow path) runs the second operation as usual.  The pairs
 * are the most frequent ones in compiled RV32 code: array indexing
 * (slli+add, add+lw), pointer/counter updates (addi+addi, lw+addi) and loop
 * ends (addi/add + compare-and-branch, lw + bnez). */
static const struct { uint8_t fused, first, second; } rv_fusions[] = {
    { H_SLLI_ADD, H_SLLI, H_ADD },   { H_ADD_LW, H_ADD, H_LW },
    { H_ADDI_ADDI, H_ADDI, H_ADDI }, { H_LW_ADDI, H_LW, H_ADDI },
    { H_ADDI_BNE, H_ADDI, H_BNE },   { H_ADDI_BLT, H_ADDI, H_BLT },
    { H_ADD_BNE, H_ADD, H_BNE },     { H_LW_BNEZ, H_LW, H_BNEZ },
};

/* Fuse the pairs of ops[0..n-1] (greedy, left to right, no overlap). */
static void rv_fuse(const void *const *H, RvOpc *ops, unsigned n)
{
    for (unsigned i = 0; i + 1 < n; i++) {
        for (size_t f = 0; f < sizeof rv_fusions / sizeof rv_fusions[0]; f++) {
            if (ops[i].h == H[rv_fusions[f].first] && ops[i + 1].h == H[rv_fusions[f].second]) {
                ops[i].h = H[rv_fusions[f].fused];
                i++;
                break;
            }
        }
    }
}

/* The handler that runs only the first operation of a fused pair (h itself
 * when h is not a fused handler). */
static const void *rv_unfused_h(const RvTbCache *c, const void *h)
{
    for (size_t f = 0; f < sizeof rv_fusions / sizeof rv_fusions[0]; f++)
        if (h == c->h[rv_fusions[f].fused])
            return c->h[rv_fusions[f].first];
    return h;
}

/* ------------------------------------------------------------------------ */
/* Debug patches.  A breakpoint replaces the handler of the operation at its
 * address by H_DBG_BKPT in each translated block; a single step puts
 * H_DBG_STOP on the operation after the stepped one for the duration of the
 * run.  Neither changes the blocks' shape or their trace definitions. */

/* A patch on operation idx must be reached: operation idx-1, if it is the
 * first of a fused pair, becomes plain (in its breakpoint patch record when
 * it has one: emu_dbg_orig_ref).  It stays plain after the patch is removed
 * (speed only). */
static void rv_dbg_defuse(RvCpu *cpu, RvTB *tb, uint32_t idx)
{
    if (idx == 0)
        return;
    const void **hp = emu_dbg_orig_ref(&cpu->dbg, &tb->ops[idx - 1].h);
    *hp = rv_unfused_h(cpu->tbc, *hp);
}

static void rv_dbg_patch_tb(RvCpu *cpu, RvTB *tb, uint32_t addr)
{
    if (!tb->size || addr < tb->pc || addr >= tb->pc + tb->size)
        return;
    for (uint32_t i = 0; i < tb->ninsns; i++) {
        if (tb->pc + tb->offs[i] == addr) {
            rv_dbg_defuse(cpu, tb, i);
            emu_dbg_patch(&cpu->dbg, &tb->ops[i].h, addr, cpu->tbc->h[H_DBG_BKPT]);
            return;
        }
    }
}

static void rv_dbg_foreach_tb(RvCpu *cpu, uint32_t addr)
{
    RvTbCache *c = cpu->tbc;
    size_t off = 0;
    while (off < c->used) {
        RvTB *tb = (RvTB *)(c->arena + off);
        rv_dbg_patch_tb(cpu, tb, addr);
        off += rv_tb_bytes(tb->ninsns + 1);
    }
}

void rv_dbg_patch_addr(RvCpu *cpu, uint32_t addr)
{
    if (cpu->tbc->h)
        rv_dbg_foreach_tb(cpu, addr);
}

/* Arm the stop after operation `idx` of `tb` for a single step: a patch on
 * the next instruction's operation, or, when `idx` is the block's last
 * instruction, a stop when the block is left (the caller sets the limit so
 * that it does not chain). Returns true for the latter. */
static bool rv_dbg_arm_step(RvCpu *cpu, RvTB *tb, uint32_t idx)
{
    cpu->dbg.stop_at_check = true;
    if (idx + 1 < tb->ninsns) {
        rv_dbg_defuse(cpu, tb, idx + 1);
        emu_dbg_patch_step(&cpu->dbg, &tb->ops[idx + 1].h, cpu->tbc->h[H_DBG_STOP]);
        return false;
    }
    return true;
}

/* Test-only seeded bug (EMUCOV_TEST_SEED_BUG): after a single step that
 * retired instruction number seed_bug_at, flip bit 0 of its result. */
static void rv_dbg_seed_bug(RvCpu *cpu, const RvOpc *op)
{
    if (!cpu->dbg.seed_bug_at || cpu->m->icount != cpu->dbg.seed_bug_at)
        return;
    unsigned r = op && op->rd >= 1 && op->rd <= 31 ? op->rd : 31;
    cpu->x[r] ^= 1;
}

/* Translate the block at cpu->pc for the current privilege. */
static RvTB *rv_translate(RvCpu *cpu)
{
    RvTbCache *c = cpu->tbc;
    EmuMachine *m = cpu->m;
    const void *const *H = c->h;
    uint32_t pc0 = cpu->pc;

    if (c->used + rv_tb_bytes(RV_TB_MAX_INSNS + 1) > RV_ARENA_SIZE)
        rv_tb_flush(cpu);

    RvTB *tb = (RvTB *)(c->arena + c->used);
    memset(tb, 0, sizeof *tb);
    tb->pc = pc0;
    tb->priv = (uint8_t)cpu->priv;
    tb->flow = ISA_FLOW_SEQ;
    RvOpc *ops = tb->ops;
    uint16_t offs[RV_TB_MAX_INSNS + 1];
    unsigned n = 0;
    uint32_t pc = pc0;
    bool done = false;

    if (emu_log_enabled(EMU_LOG_IN_ASM))
        emu_log(EMU_LOG_IN_ASM, "IN: %08" PRIx32 "\n", pc0);

    while (!done && n < RV_TB_MAX_INSNS) {
        RvInsn in;
        unsigned len = 0;
        const uint8_t *p = NULL;
        if (rv_fetch_ok(cpu, pc, 2))
            p = emu_bus_host_ptr(m, pc, 2);
        if (p) {
            uint16_t lo = (uint16_t)(p[0] | p[1] << 8);
            if ((lo & 3) == 3) {
                if (rv_fetch_ok(cpu, pc + 2, 2)) {
                    const uint8_t *p2 = emu_bus_host_ptr(m, pc + 2, 2);
                    uint32_t raw = lo | (uint32_t)(p2[0] | p2[1] << 8) << 16;
                    len = rv_decode_raw(raw, &in);
                    if (!len) {
                        in.raw = raw;
                        in.len = 4;
                    }
                } else {
                    p = NULL;
                }
            } else {
                len = rv_decode_raw(lo, &in);
                if (!len) {
                    in.raw = lo;
                    in.len = 2;
                }
            }
        }
        if (!p) {
            if (n == 0) {
                /* Nothing fetchable at the block start: the block is a
                 * single instruction-access fault that retires nothing. */
                rv_emit(&ops[0], H[H_FETCH_FAULT], NULL, 0, 0);
                offs[0] = 0;
                tb->size = 0;
                tb->ninsns = 0;
                tb->flow = ISA_FLOW_TRAP;
                tb->fall_pc = pc0;
                tb->offs = (uint16_t *)&ops[1];
                tb->offs[0] = 0;
                goto finish;
            }
            break;  /* end before it; the next block faults */
        }

        if (emu_log_enabled(EMU_LOG_IN_ASM)) {
            char buf[96];
            if (len)
                rv_disasm(&in, pc, buf, sizeof buf);
            else
                snprintf(buf, sizeof buf, "(illegal)");
            emu_log(EMU_LOG_IN_ASM, "0x%08" PRIx32 ":  %0*" PRIx32 "  %s\n", pc,
                    in.len == 2 ? 4 : 8, in.raw, buf);
        }

        RvOpc *o = &ops[n];
        offs[n] = (uint16_t)(pc - pc0);
        n++;
        uint8_t rd = in.rd ? in.rd : 32;
        uint32_t next = pc + in.len;

        if (!len) {
            rv_emit(o, H[H_ILLEGAL], &in, 0, (int32_t)in.raw);
            tb->flow = ISA_FLOW_TRAP;
            pc = next;
            break;
        }

        switch (in.op) {
        case RV_OP_LUI:   rv_emit(o, H[H_LUI], &in, rd, in.imm); break;
        case RV_OP_AUIPC: rv_emit(o, H[H_LUI], &in, rd, (int32_t)(pc + (uint32_t)in.imm)); break;
        case RV_OP_ADDI:
            /* specialised forms of the common idioms (nop, li, mv): one
             * operand load less at run time */
            if (in.rd == 0)
                rv_emit(o, H[H_NOP], &in, 32, 0);
            else if (in.rs1 == 0)
                rv_emit(o, H[H_LUI], &in, rd, in.imm);
            else if (in.imm == 0)
                rv_emit(o, H[H_MV], &in, rd, 0);
            else
                rv_emit(o, H[H_ADDI], &in, rd, in.imm);
            break;
        case RV_OP_SLTI:  rv_emit(o, H[H_SLTI], &in, rd, in.imm); break;
        case RV_OP_SLTIU: rv_emit(o, H[H_SLTIU], &in, rd, in.imm); break;
        case RV_OP_XORI:  rv_emit(o, H[H_XORI], &in, rd, in.imm); break;
        case RV_OP_ORI:   rv_emit(o, H[H_ORI], &in, rd, in.imm); break;
        case RV_OP_ANDI:  rv_emit(o, H[H_ANDI], &in, rd, in.imm); break;
        case RV_OP_SLLI:  rv_emit(o, H[H_SLLI], &in, rd, in.imm & 31); break;
        case RV_OP_SRLI:  rv_emit(o, H[H_SRLI], &in, rd, in.imm & 31); break;
        case RV_OP_SRAI:  rv_emit(o, H[H_SRAI], &in, rd, in.imm & 31); break;
        case RV_OP_ADD:
            if (in.rs1 == 0) {          /* mv, c.mv (add rd, x0, rs2) */
                rv_emit(o, H[H_MV], &in, rd, 0);
                o->rs1 = in.rs2;
            } else if (in.rs2 == 0) {
                rv_emit(o, H[H_MV], &in, rd, 0);
            } else {
                rv_emit(o, H[H_ADD], &in, rd, 0);
            }
            break;
        case RV_OP_SUB:   rv_emit(o, H[H_SUB], &in, rd, 0); break;
        case RV_OP_SLL:   rv_emit(o, H[H_SLL], &in, rd, 0); break;
        case RV_OP_SLT:   rv_emit(o, H[H_SLT], &in, rd, 0); break;
        case RV_OP_SLTU:  rv_emit(o, H[H_SLTU], &in, rd, 0); break;
        case RV_OP_XOR:   rv_emit(o, H[H_XOR], &in, rd, 0); break;
        case RV_OP_SRL:   rv_emit(o, H[H_SRL], &in, rd, 0); break;
        case RV_OP_SRA:   rv_emit(o, H[H_SRA], &in, rd, 0); break;
        case RV_OP_OR:    rv_emit(o, H[H_OR], &in, rd, 0); break;
        case RV_OP_AND:   rv_emit(o, H[H_AND], &in, rd, 0); break;
        case RV_OP_MUL:   rv_emit(o, H[H_MUL], &in, rd, 0); break;
        case RV_OP_MULH:  rv_emit(o, H[H_MULH], &in, rd, 0); break;
        case RV_OP_MULHSU:rv_emit(o, H[H_MULHSU], &in, rd, 0); break;
        case RV_OP_MULHU: rv_emit(o, H[H_MULHU], &in, rd, 0); break;
        case RV_OP_DIV:   rv_emit(o, H[H_DIV], &in, rd, 0); break;
        case RV_OP_DIVU:  rv_emit(o, H[H_DIVU], &in, rd, 0); break;
        case RV_OP_REM:   rv_emit(o, H[H_REM], &in, rd, 0); break;
        case RV_OP_REMU:  rv_emit(o, H[H_REMU], &in, rd, 0); break;
        case RV_OP_LB:    rv_emit(o, H[H_LB], &in, rd, in.imm); break;
        case RV_OP_LH:    rv_emit(o, H[H_LH], &in, rd, in.imm); break;
        case RV_OP_LW:    rv_emit(o, H[H_LW], &in, rd, in.imm); break;
        case RV_OP_LBU:   rv_emit(o, H[H_LBU], &in, rd, in.imm); break;
        case RV_OP_LHU:   rv_emit(o, H[H_LHU], &in, rd, in.imm); break;
        case RV_OP_SB:    rv_emit(o, H[H_SB], &in, 0, in.imm); break;
        case RV_OP_SH:    rv_emit(o, H[H_SH], &in, 0, in.imm); break;
        case RV_OP_SW:    rv_emit(o, H[H_SW], &in, 0, in.imm); break;
        case RV_OP_LR_W:  rv_emit(o, H[H_LR], &in, rd, 0); break;
        case RV_OP_SC_W:  rv_emit(o, H[H_SC], &in, rd, 0); break;
        case RV_OP_AMOSWAP_W: case RV_OP_AMOADD_W: case RV_OP_AMOXOR_W:
        case RV_OP_AMOAND_W: case RV_OP_AMOOR_W: case RV_OP_AMOMIN_W:
        case RV_OP_AMOMAX_W: case RV_OP_AMOMINU_W: case RV_OP_AMOMAXU_W:
            rv_emit(o, H[H_AMO], &in, rd, (int32_t)in.op);
            break;
        case RV_OP_FENCE: case RV_OP_FENCE_TSO: case RV_OP_PAUSE:
            rv_emit(o, H[H_NOP], &in, 32, 0);
            break;
        case RV_OP_FENCE_I:
            /* Stores into translated code already flushed the cache; the
             * block still ends so the next fetch sees current memory. */
            rv_emit(o, H[H_NOP], &in, 32, 0);
            tb->flow = ISA_FLOW_SYSTEM;
            done = true;
            break;
        case RV_OP_BEQ: case RV_OP_BNE: case RV_OP_BLT:
        case RV_OP_BGE: case RV_OP_BLTU: case RV_OP_BGEU:
            if ((in.op == RV_OP_BEQ || in.op == RV_OP_BNE) && in.rs2 == 0)
                rv_emit(o, H[in.op == RV_OP_BEQ ? H_BEQZ : H_BNEZ], &in, 0, 0);   /* beqz, bnez */
            else
                rv_emit(o, H[H_BEQ + (in.op - RV_OP_BEQ)], &in, 0, 0);
            tb->flow = ISA_FLOW_COND;
            tb->taken_pc = pc + (uint32_t)in.imm;
            done = true;
            break;
        case RV_OP_JAL: {
            IsaInsnInfo ii;
            rv_insn_info(&in, pc, &ii);
            rv_emit(o, H[H_JAL], &in, rd, (int32_t)next);
            tb->flow = (uint8_t)ii.flow;
            tb->taken_pc = pc + (uint32_t)in.imm;
            done = true;
            break;
        }
        case RV_OP_JALR: {
            IsaInsnInfo ii;
            rv_insn_info(&in, pc, &ii);
            rv_emit(o, H[H_JALR], &in, rd, in.imm);
            tb->flow = (uint8_t)ii.flow;
            done = true;
            break;
        }
        case RV_OP_ECALL:
            rv_emit(o, H[H_ECALL], &in, 0, 0);
            tb->flow = ISA_FLOW_TRAP;
            done = true;
            break;
        case RV_OP_EBREAK:
            if (rv_is_semihost_ebreak(cpu, pc, &in)) {
                rv_emit(o, H[H_SEMIHOST], &in, 0, 0);
                tb->flow = ISA_FLOW_SYSTEM;
            } else {
                rv_emit(o, H[H_EBREAK], &in, 0, 0);
                tb->flow = ISA_FLOW_TRAP;
            }
            done = true;
            break;
        case RV_OP_MRET:
            rv_emit(o, H[H_MRET], &in, 0, (int32_t)in.raw);
            tb->flow = ISA_FLOW_XRET;
            done = true;
            break;
        case RV_OP_WFI:
            rv_emit(o, H[H_WFI], &in, 0, (int32_t)in.raw);
            tb->flow = ISA_FLOW_SYSTEM;
            done = true;
            break;
        case RV_OP_CSRRW: case RV_OP_CSRRS: case RV_OP_CSRRC:
        case RV_OP_CSRRWI: case RV_OP_CSRRSI: case RV_OP_CSRRCI:
            rv_emit(o, H[H_CSRRW + (in.op - RV_OP_CSRRW)], &in, rd, (int32_t)in.raw);
            o->rs1 = (uint8_t)((in.raw >> 15) & 31);   /* rs1 or zimm */
            tb->flow = ISA_FLOW_SYSTEM;
            done = true;
            break;
        default:
            /* sret, uret, dret, sfence.vma: no S-mode or debug mode here. */
            rv_emit(o, H[H_ILLEGAL], &in, 0, (int32_t)in.raw);
            tb->flow = ISA_FLOW_TRAP;
            done = true;
            break;
        }
        pc = next;
    }

    rv_fuse(H, ops, n);
    tb->ninsns = n;
    tb->size = pc - pc0;
    tb->fall_pc = pc;
    /* Blocks that end without a branch (length cap, unfetchable next insn,
     * system instruction) get a final pseudo-op that leaves the block. */
    rv_emit(&ops[n], H[H_END], NULL, 0, 0);
    offs[n] = (uint16_t)(pc - pc0);
    tb->offs = (uint16_t *)&ops[n + 1];
    memcpy(tb->offs, offs, (n + 1) * sizeof(uint16_t));
    if (m->code_lines && tb->size) {
        for (uint64_t a = pc0 & ~63u; a < (uint64_t)pc0 + tb->size; a += 64)
            m->code_lines[a >> 6] = 1;
    }
    if (m->trace_writer)
        tb->trace_id = trace_define_block(m->trace_writer, pc0, tb->size, tb->ninsns,
                                          tb->flow, tb->taken_pc, tb->fall_pc);
finish:
    c->used += rv_tb_bytes(tb->ninsns + 1);
    for (unsigned i = 0; i < cpu->dbg.nbp; i++)
        rv_dbg_patch_tb(cpu, tb, cpu->dbg.bp[i].addr);
    {
        unsigned hsh = rv_hash(pc0, tb->priv);
        tb->hnext = c->hash[hsh];
        c->hash[hsh] = tb;
    }
    return tb;
}

static RvTB *rv_lookup(RvCpu *cpu)
{
    RvTbCache *c = cpu->tbc;
    uint32_t pc = cpu->pc;
    unsigned j = rv_jc_hash(pc);
    RvTB *tb = c->jc[j];
    if (tb && tb->pc == pc && tb->priv == cpu->priv)
        return tb;
    for (tb = c->hash[rv_hash(pc, cpu->priv)]; tb; tb = tb->hnext)
        if (tb->pc == pc && tb->priv == cpu->priv)
            break;
    if (!tb)
        tb = rv_translate(cpu);
    c->jc[j] = tb;
    return tb;
}

/* ------------------------------------------------------------------------ */
/* AMO and LR/SC helpers (Volume I chapter 8), QEMU-compatible: SC succeeds
 * when the reservation address matches and memory still holds the value LR
 * loaded; misaligned LR raises a load misaligned, misaligned AMOs a store
 * misaligned exception (QEMU enforces alignment for atomics only). */
static uint32_t rv_amo(RvCpu *cpu, unsigned op, uint32_t addr, uint32_t src, uint32_t *old)
{
    if (addr & 3)
        return RV_EXC_STORE_MISALIGNED;
    uint32_t v;
    uint32_t e = rv_load_slow(cpu, addr, 4, &v);
    if (e != RV_OK)
        return e == RV_EXC_LOAD_ACCESS ? RV_EXC_STORE_ACCESS : e;
    uint32_t r;
    switch (op) {
    case RV_OP_AMOSWAP_W: r = src; break;
    case RV_OP_AMOADD_W: r = v + src; break;
    case RV_OP_AMOXOR_W: r = v ^ src; break;
    case RV_OP_AMOAND_W: r = v & src; break;
    case RV_OP_AMOOR_W: r = v | src; break;
    case RV_OP_AMOMIN_W: r = (int32_t)v < (int32_t)src ? v : src; break;
    case RV_OP_AMOMAX_W: r = (int32_t)v > (int32_t)src ? v : src; break;
    case RV_OP_AMOMINU_W: r = v < src ? v : src; break;
    default: r = v > src ? v : src; break;
    }
    e = rv_store_slow(cpu, addr, 4, r);
    if (e != RV_OK)
        return e;
    *old = v;
    return RV_OK;
}

static void rv_log_block(RvCpu *cpu, const RvTB *tb)
{
    if (emu_log_enabled(EMU_LOG_CPU))
        emu_cpu_rv32.dump((EmuCpu *)cpu, emu_log_file);
    if (emu_log_enabled(EMU_LOG_EXEC))
        emu_log(EMU_LOG_EXEC, "Trace %08" PRIx32 " [%" PRIu32 "]\n", tb->pc, tb->ninsns);
}

/* ------------------------------------------------------------------------ */
/* The interpreter. */

EmuRunReason rv_exec(RvCpu *cpu, uint64_t limit)
{
    static const void *const handlers[H_COUNT] = {
        [H_ILLEGAL] = &&L_ILLEGAL, [H_FETCH_FAULT] = &&L_FETCH_FAULT, [H_END] = &&L_END,
        [H_LUI] = &&L_LUI, [H_ADDI] = &&L_ADDI, [H_SLTI] = &&L_SLTI, [H_SLTIU] = &&L_SLTIU,
        [H_XORI] = &&L_XORI, [H_ORI] = &&L_ORI, [H_ANDI] = &&L_ANDI, [H_SLLI] = &&L_SLLI,
        [H_SRLI] = &&L_SRLI, [H_SRAI] = &&L_SRAI,
        [H_ADD] = &&L_ADD, [H_SUB] = &&L_SUB, [H_SLL] = &&L_SLL, [H_SLT] = &&L_SLT,
        [H_SLTU] = &&L_SLTU, [H_XOR] = &&L_XOR, [H_SRL] = &&L_SRL, [H_SRA] = &&L_SRA,
        [H_OR] = &&L_OR, [H_AND] = &&L_AND,
        [H_MUL] = &&L_MUL, [H_MULH] = &&L_MULH, [H_MULHSU] = &&L_MULHSU, [H_MULHU] = &&L_MULHU,
        [H_DIV] = &&L_DIV, [H_DIVU] = &&L_DIVU, [H_REM] = &&L_REM, [H_REMU] = &&L_REMU,
        [H_LB] = &&L_LB, [H_LH] = &&L_LH, [H_LW] = &&L_LW, [H_LBU] = &&L_LBU, [H_LHU] = &&L_LHU,
        [H_SB] = &&L_SB, [H_SH] = &&L_SH, [H_SW] = &&L_SW,
        [H_LR] = &&L_LR, [H_SC] = &&L_SC, [H_AMO] = &&L_AMO, [H_NOP] = &&L_NOP,
        [H_MV] = &&L_MV, [H_BEQZ] = &&L_BEQZ, [H_BNEZ] = &&L_BNEZ,
        [H_SLLI_ADD] = &&L_SLLI_ADD, [H_ADD_LW] = &&L_ADD_LW, [H_ADDI_ADDI] = &&L_ADDI_ADDI,
        [H_LW_ADDI] = &&L_LW_ADDI, [H_ADDI_BNE] = &&L_ADDI_BNE, [H_ADDI_BLT] = &&L_ADDI_BLT,
        [H_ADD_BNE] = &&L_ADD_BNE, [H_LW_BNEZ] = &&L_LW_BNEZ,
        [H_BEQ] = &&L_BEQ, [H_BNE] = &&L_BNE, [H_BLT] = &&L_BLT, [H_BGE] = &&L_BGE,
        [H_BLTU] = &&L_BLTU, [H_BGEU] = &&L_BGEU, [H_JAL] = &&L_JAL, [H_JALR] = &&L_JALR,
        [H_ECALL] = &&L_ECALL, [H_EBREAK] = &&L_EBREAK, [H_SEMIHOST] = &&L_SEMIHOST,
        [H_MRET] = &&L_MRET, [H_WFI] = &&L_WFI,
        [H_CSRRW] = &&L_CSRRW, [H_CSRRS] = &&L_CSRRS, [H_CSRRC] = &&L_CSRRC,
        [H_CSRRWI] = &&L_CSRRWI, [H_CSRRSI] = &&L_CSRRSI, [H_CSRRCI] = &&L_CSRRCI,
        [H_DBG_BKPT] = &&L_DBG_BKPT, [H_DBG_STOP] = &&L_DBG_STOP,
    };
    EmuMachine *const m = cpu->m;
    uint32_t *const x = cpu->x;
    const uint8_t *const code_lines = m->code_lines;
    uint32_t fast_base, fast_lim;   /* fast region: offsets < fast_lim (0 = off) */
    uint8_t *fast_host;
    RvTB *tb;
    const RvOpc *op;
    uint64_t icount = m->icount;    /* kept in a register; m->icount synced
                                       around helpers and on exit */
    uint32_t cause = 0, tval = 0;
    int taken;
    bool slow_hooks, hooks;      /* -d exec/cpu; any block-entry work */
    TraceWriter *const tw = m->trace_writer;
    /* in the CPU struct, not locals: no value to carry on dispatch edges */
    cpu->chain_from = NULL;
    cpu->chain_slot = 0;
#define chain_from (*(RvTB **)&cpu->chain_from)
#define chain_slot (cpu->chain_slot)
    /* debug: 0 normal; 1 a single step starts at the next block; 2 the
     * stepped instruction runs: stop at the next check (or H_DBG_STOP) */
    cpu->dbg.dstate = 0;
#define dstate (cpu->dbg.dstate)
    cpu->dbg.dbg_op = NULL;     /* the stepped operation (seeded bug)    */
#define dbg_op (*(const RvOpc **)&cpu->dbg.dbg_op)
    uint32_t dbg_idx = 0;

    cpu->tbc->h = handlers;

#define NEXT()      do { op++; goto *op->h; } while (0)
#define IDX()       ((unsigned)(op - tb->ops))
#define OP_PC()     (tb->pc + tb->offs[IDX()])
#define SYNC()      (m->icount = icount - tb->ninsns + IDX())   /* retired before op */
/* After a helper (MMIO, CSR, semihosting...) that may have kicked the
 * machine: stop chaining at the end of this block.  Asynchronous kicks
 * (signals) are seen when the slice ends. */
#define UNSYNC()    do { if (m->kick) limit = 0; } while (0)
#define RAISE(c, t) do { cause = (c); tval = (t); goto raise; } while (0)
#define LEAVE(r)    do { if (unlikely(dstate)) emu_dbg_leave(&cpu->dbg);       \
                         m->icount = icount; return (r); } while (0)
#define LOAD_LOCALS() do {                                                     \
        fast_base = cpu->fast_base;                                            \
        /* exclusive bound valid for every access size (<= 4 bytes); the      \
         * last 3 bytes of the region take the page-table path */             \
        fast_lim = cpu->fast_size > 3 ? cpu->fast_size - 3 : 0;                \
        fast_host = cpu->fast_host;                                            \
        slow_hooks = cpu->slow_hooks || (emu_log_mask & (EMU_LOG_EXEC | EMU_LOG_CPU)); \
        hooks = tw || slow_hooks;                                              \
    } while (0)
    /* Enter a block: account for its instructions up front (traps correct
     * the count), then dispatch its first operation.  Expanded at every
     * exit site so each has its own indirect jump to predict.  ENTER_TB
     * runs the block-entry hooks (trace, -d exec/cpu); ENTER_TB_FAST is for
     * exits that already tested `hooks` (it is constant between checks). */
#define ENTER_TB_FAST(t) do {                                                  \
        tb = (t);                                                              \
        icount += tb->ninsns;                                                  \
        op = tb->ops;                                                          \
        goto *op->h;                                                           \
    } while (0)
#define ENTER_TB(t) do {                                                       \
        tb = (t);                                                              \
        icount += tb->ninsns;                                                  \
        if (unlikely(hooks) && likely(tb->ninsns)) {                           \
            if (tw) {                                                          \
                trace_block_enter(tw, tb->trace_id);                           \
                m->trace_last_ninsns = tb->ninsns;                             \
            }                                                                  \
            if (unlikely(slow_hooks)) { SYNC_ALL(); rv_log_block(cpu, tb); }   \
        }                                                                      \
        op = tb->ops;                                                          \
        goto *op->h;                                                           \
    } while (0)
#define SYNC_ALL()  (m->icount = icount)
    /* Leave a block by its static exit `t` (0 fall-through, 1 taken); a
     * conditional exit (`cond`) records its outcome first.  One test of
     * `hooks` per exit: without hooks the exit is a load of the chained
     * successor, the budget compare and the entry (no trace, no logging). */
#define CHAIN_EXIT(t, cond) do {                                               \
        RvTB *nx_ = tb->next[(t)];                                             \
        if (unlikely(hooks)) {                                                 \
            if ((cond) && tw) trace_cond(tw, tb->trace_id, (t));               \
            if (likely(nx_ != NULL) && likely(icount < limit))                 \
                ENTER_TB(nx_);                                                 \
        } else if (likely(nx_ != NULL) && likely(icount < limit)) {            \
            ENTER_TB_FAST(nx_);                                                \
        }                                                                      \
        taken = (t);                                                           \
        goto exit_slow;                                                        \
    } while (0)
#define COND_CHAIN(t) CHAIN_EXIT(t, 1)
#define CHAIN(t)      CHAIN_EXIT(t, 0)

    /* Debug: a pending stop, a step request, or resuming inside the block
     * where the last stop happened (its entry is already accounted and
     * traced: continue with the operation's own handler, skipping a
     * breakpoint there). */
    if (unlikely(cpu->dbg.step || cpu->dbg.stop_at_check || cpu->dbg.resume_tb)) {
        EmuDbg *d = &cpu->dbg;
        RvTB *rt = emu_dbg_enter(d, &limit);
        if (rt && d->resume_gen == cpu->tbc->generation && dstate != 2 &&
            rt->pc + rt->offs[d->resume_idx] == cpu->pc && rt->priv == cpu->priv) {
            uint32_t idx = d->resume_idx;
            tb = rt;
            icount = m->icount - idx + tb->ninsns;
            LOAD_LOCALS();
            op = &tb->ops[idx];
            if (dstate == 1) {
                dbg_op = op;
                if (rv_dbg_arm_step(cpu, tb, idx))
                    limit = 0;
                dstate = 2;
            }
            /* after arming the step, which may have unfused this op */
            goto *emu_dbg_orig(d, &tb->ops[idx].h);
        }
    }

check:
    m->icount = icount;
    if (unlikely(cpu->flush_pending)) {
        rv_tb_flush(cpu);
        chain_from = NULL;
    }
    if (m->kick) {
        m->kick = 0;
        if (m->exit_requested || m->error)
            LEAVE(m->error ? EMU_RUN_ERROR : EMU_RUN_EXIT);
        if (m->reset_requested)
            LEAVE(EMU_RUN_LIMIT);
        if (cpu->flush_pending) {
            rv_tb_flush(cpu);
            chain_from = NULL;
        }
        /* A device may have armed a timer earlier than the deadline this
         * run was budgeted for (emu_timer_mod kicks): let the main loop
         * recompute the limit, so timers fire at their exact instruction
         * count whatever the slice length (with or without a debugger). */
        if (likely(dstate == 0) && icount < limit && m->next_deadline_ns != UINT64_MAX)
            LEAVE(EMU_RUN_LIMIT);
    }
    {
        int irq = rv_pending_irq(cpu);
        if (irq >= 0) {
            uint32_t from = cpu->pc;
            rv_raise(cpu, (uint32_t)irq, true, 0, from);
            if (tw)
                trace_event(tw, TRACE_EV_INTERRUPT, from, (uint32_t)irq, cpu->pc,
                            m->trace_last_ninsns);
            chain_from = NULL;
        }
    }
    if (unlikely(dstate == 2)) {
        /* the stepped instruction (or the one that hit a watchpoint) ended
         * its block */
        if (emu_dbg_block_end_stop(&cpu->dbg, cpu->pc))
            rv_dbg_seed_bug(cpu, dbg_op);
        LEAVE(EMU_RUN_DEBUG);
    }
    if (icount >= limit)
        LEAVE(EMU_RUN_LIMIT);
    LOAD_LOCALS();
    {
        uint64_t gen = cpu->tbc->generation;
        tb = rv_lookup(cpu);
        if (gen != cpu->tbc->generation)
            chain_from = NULL;      /* the lookup flushed a full cache */
    }
    if (chain_from) {
        chain_from->next[chain_slot] = tb;
        chain_from = NULL;
    }
    if (unlikely(dstate == 1)) {
        /* single step from a block boundary: enter the block as usual,
         * run its first instruction (even where a breakpoint is), stop */
        icount += tb->ninsns;
        if (tw && tb->ninsns) {
            trace_block_enter(tw, tb->trace_id);
            m->trace_last_ninsns = tb->ninsns;
        }
        if (unlikely(slow_hooks) && tb->ninsns) { SYNC_ALL(); rv_log_block(cpu, tb); }
        op = tb->ops;
        dbg_op = op;
        if (rv_dbg_arm_step(cpu, tb, 0))
            limit = 0;
        dstate = 2;
        goto *emu_dbg_orig(&cpu->dbg, &tb->ops[0].h);
    }
    ENTER_TB(tb);

    /* ---- ALU ---- */
L_LUI:   x[op->rd] = (uint32_t)op->imm; NEXT();
    /* bodies shared with the fused handlers */
#define B_ADDI(o)   (x[(o)->rd] = x[(o)->rs1] + (uint32_t)(o)->imm)
#define B_SLLI(o)   (x[(o)->rd] = x[(o)->rs1] << (o)->imm)
#define B_ADD(o)    (x[(o)->rd] = x[(o)->rs1] + x[(o)->rs2])
L_ADDI:  B_ADDI(op); NEXT();
L_SLTI:  x[op->rd] = (int32_t)x[op->rs1] < op->imm; NEXT();
L_SLTIU: x[op->rd] = x[op->rs1] < (uint32_t)op->imm; NEXT();
L_XORI:  x[op->rd] = x[op->rs1] ^ (uint32_t)op->imm; NEXT();
L_ORI:   x[op->rd] = x[op->rs1] | (uint32_t)op->imm; NEXT();
L_ANDI:  x[op->rd] = x[op->rs1] & (uint32_t)op->imm; NEXT();
L_SLLI:  B_SLLI(op); NEXT();
L_SRLI:  x[op->rd] = x[op->rs1] >> op->imm; NEXT();
L_SRAI:  x[op->rd] = (uint32_t)((int32_t)x[op->rs1] >> op->imm); NEXT();
L_ADD:   B_ADD(op); NEXT();
L_SUB:   x[op->rd] = x[op->rs1] - x[op->rs2]; NEXT();
L_SLL:   x[op->rd] = x[op->rs1] << (x[op->rs2] & 31); NEXT();
L_SLT:   x[op->rd] = (int32_t)x[op->rs1] < (int32_t)x[op->rs2]; NEXT();
L_SLTU:  x[op->rd] = x[op->rs1] < x[op->rs2]; NEXT();
L_XOR:   x[op->rd] = x[op->rs1] ^ x[op->rs2]; NEXT();
L_SRL:   x[op->rd] = x[op->rs1] >> (x[op->rs2] & 31); NEXT();
L_SRA:   x[op->rd] = (uint32_t)((int32_t)x[op->rs1] >> (x[op->rs2] & 31)); NEXT();
L_OR:    x[op->rd] = x[op->rs1] | x[op->rs2]; NEXT();
L_AND:   x[op->rd] = x[op->rs1] & x[op->rs2]; NEXT();
L_NOP:   NEXT();
L_MV:    x[op->rd] = x[op->rs1]; NEXT();
    /* ---- M (Volume I chapter 7; division by zero and overflow results) ---- */
L_MUL:   x[op->rd] = x[op->rs1] * x[op->rs2]; NEXT();
L_MULH:  x[op->rd] = (uint32_t)(((int64_t)(int32_t)x[op->rs1] * (int32_t)x[op->rs2]) >> 32); NEXT();
L_MULHSU:x[op->rd] = (uint32_t)(((int64_t)(int32_t)x[op->rs1] * (int64_t)(uint64_t)x[op->rs2]) >> 32); NEXT();
L_MULHU: x[op->rd] = (uint32_t)(((uint64_t)x[op->rs1] * x[op->rs2]) >> 32); NEXT();
L_DIV: {
    int32_t a = (int32_t)x[op->rs1], b = (int32_t)x[op->rs2];
    x[op->rd] = b == 0 ? 0xffffffffu : (a == INT32_MIN && b == -1) ? (uint32_t)a : (uint32_t)(a / b);
    NEXT();
}
L_DIVU: {
    uint32_t a = x[op->rs1], b = x[op->rs2];
    x[op->rd] = b == 0 ? 0xffffffffu : a / b;
    NEXT();
}
L_REM: {
    int32_t a = (int32_t)x[op->rs1], b = (int32_t)x[op->rs2];
    x[op->rd] = b == 0 ? (uint32_t)a : (a == INT32_MIN && b == -1) ? 0 : (uint32_t)(a % b);
    NEXT();
}
L_REMU: {
    uint32_t a = x[op->rs1], b = x[op->rs2];
    x[op->rd] = b == 0 ? a : a % b;
    NEXT();
}
    /* ---- loads/stores: direct host access for aligned RAM, else the slow
     *      path (MMIO, misaligned, PMP, unmapped) ---- */
    /* RAM_ADDR() recomputes the effective address on the slow paths, after
     * a compiler barrier: the fast path's address then dies at the bounds
     * check instead of being spilled to the stack in every handler for the
     * sake of the rare slow path (x[] and *op are unchanged in between). */
#define RAM_ADDR()  ({ __asm__ volatile("" ::: "memory"); x[op->rs1] + (uint32_t)op->imm; })
    /* Loads in the main RAM region need no alignment test: RAM is plain
     * host memory (fast_lim keeps the access inside it), and a misaligned
     * access there reads what rv_load_slow would (the bus does misaligned
     * RAM accesses, as QEMU does; no trap for ordinary loads). */
#define LOAD(sz, type, conv) {                                                 \
    uint32_t off_ = x[op->rs1] + (uint32_t)op->imm - fast_base;                \
    if (likely(off_ < fast_lim)) {                                             \
        type v; memcpy(&v, fast_host + off_, sz);                              \
        x[op->rd] = conv;                                                      \
        NEXT();                                                                \
    }                                                                          \
    uint32_t a = RAM_ADDR();                                                   \
    uintptr_t h = cpu->rd_tab[a >> EMU_PAGE_BITS];                             \
    if (likely(h && !(a & ((sz) - 1)))) {                                      \
        type v; memcpy(&v, (const void *)(h + a), sz);                         \
        x[op->rd] = conv;                                                      \
        NEXT();                                                                \
    }                                                                          \
    uint32_t v32; SYNC();                                                      \
    uint32_t e = rv_load_slow(cpu, a, sz, &v32);                               \
    if (e != RV_OK) RAISE(e, RAM_ADDR());                                      \
    UNSYNC();                                                                  \
    { type v = (type)v32; x[op->rd] = conv; }                                  \
    if (unlikely(cpu->dbg.watch_hit)) goto dbg_after_op;                       \
    NEXT();                                                                    \
}
L_LB:  LOAD(1, int8_t, (uint32_t)(int32_t)v)
L_LH:  LOAD(2, int16_t, (uint32_t)(int32_t)v)
L_LW:  LOAD(4, uint32_t, v)
L_LBU: LOAD(1, uint8_t, (uint32_t)v)
L_LHU: LOAD(2, uint16_t, (uint32_t)v)
    /* Stores keep the alignment test: the code-line check looks at the line
     * of the first byte only. */
#define STORE(sz, type) {                                                      \
    uint32_t a = x[op->rs1] + (uint32_t)op->imm;                               \
    uint32_t off_ = a - fast_base;                                             \
    if (likely(off_ < fast_lim && !(a & ((sz) - 1)) && !code_lines[a >> 6])) { \
        type v = (type)x[op->rs2]; memcpy(fast_host + off_, &v, sz);           \
        NEXT();                                                                \
    }                                                                          \
    a = RAM_ADDR();                                                            \
    uintptr_t h = cpu->wr_tab[a >> EMU_PAGE_BITS];                             \
    if (likely(h && !(a & ((sz) - 1)) && !code_lines[a >> 6])) {               \
        type v = (type)x[op->rs2]; memcpy((void *)(h + a), &v, sz);            \
        NEXT();                                                                \
    }                                                                          \
    SYNC();                                                                    \
    uint32_t e = rv_store_slow(cpu, a, sz, x[op->rs2]);                        \
    if (e != RV_OK) RAISE(e, RAM_ADDR());                                      \
    UNSYNC();                                                                  \
    if (unlikely(cpu->dbg.watch_hit)) goto dbg_after_op;                       \
    NEXT();                                                                    \
}
L_SB: STORE(1, uint8_t)
L_SH: STORE(2, uint16_t)
L_SW: STORE(4, uint32_t)
L_LR: {
    uint32_t a = x[op->rs1], v;
    if (a & 3) RAISE(RV_EXC_LOAD_MISALIGNED, a);
    SYNC();
    uint32_t e = rv_load_slow(cpu, a, 4, &v);
    if (e != RV_OK) RAISE(e, a);
    UNSYNC();
    cpu->load_res = a;
    cpu->load_val = v;
    cpu->load_res_valid = true;
    x[op->rd] = v;
    if (unlikely(cpu->dbg.watch_hit)) goto dbg_after_op;
    NEXT();
}
L_SC: {
    uint32_t a = x[op->rs1], v, r = 1;
    if (cpu->load_res_valid && cpu->load_res == a) {
        SYNC();
        uint32_t e = rv_load_slow(cpu, a, 4, &v);
        if (e != RV_OK) RAISE(e == RV_EXC_LOAD_ACCESS ? RV_EXC_STORE_ACCESS : e, a);
        if (v == cpu->load_val) {
            e = rv_store_slow(cpu, a, 4, x[op->rs2]);
            if (e != RV_OK) RAISE(e, a);
            r = 0;
        }
        UNSYNC();
    }
    cpu->load_res_valid = false;
    x[op->rd] = r;
    if (unlikely(cpu->dbg.watch_hit)) goto dbg_after_op;
    NEXT();
}
L_AMO: {
    uint32_t a = x[op->rs1], old = 0;
    SYNC();
    uint32_t e = rv_amo(cpu, (unsigned)op->imm, a, x[op->rs2], &old);
    if (e != RV_OK) RAISE(e, a);
    UNSYNC();
    x[op->rd] = old;
    if (unlikely(cpu->dbg.watch_hit)) goto dbg_after_op;
    NEXT();
}
    /* ---- control flow: block exits ---- */
L_BEQ:  if (x[op->rs1] == x[op->rs2]) COND_CHAIN(1); else COND_CHAIN(0);
L_BNE:  if (x[op->rs1] != x[op->rs2]) COND_CHAIN(1); else COND_CHAIN(0);
L_BLT:  if ((int32_t)x[op->rs1] < (int32_t)x[op->rs2]) COND_CHAIN(1); else COND_CHAIN(0);
L_BGE:  if ((int32_t)x[op->rs1] >= (int32_t)x[op->rs2]) COND_CHAIN(1); else COND_CHAIN(0);
L_BLTU: if (x[op->rs1] < x[op->rs2]) COND_CHAIN(1); else COND_CHAIN(0);
L_BGEU: if (x[op->rs1] >= x[op->rs2]) COND_CHAIN(1); else COND_CHAIN(0);
L_BEQZ: if (x[op->rs1] == 0) COND_CHAIN(1); else COND_CHAIN(0);
L_BNEZ: if (x[op->rs1] != 0) COND_CHAIN(1); else COND_CHAIN(0);
    /* ---- fused pairs (rv_fuse): op[0] then op[1]; `op` is advanced before
     *      the second part so that its traps and SYNC see its index ---- */
#define BRANCH(c) do { if (c) COND_CHAIN(1); else COND_CHAIN(0); } while (0)
    /* fast RAM load of a fused pair's first operation: false when the access
     * needs the plain handler (which then runs it from scratch) */
#define FAST_LW() ({                                                           \
    uint32_t off_ = x[op->rs1] + (uint32_t)op->imm - fast_base;                \
    bool ok_ = off_ < fast_lim;                                                \
    if (likely(ok_)) { uint32_t v_; memcpy(&v_, fast_host + off_, 4); x[op->rd] = v_; } \
    ok_; })
L_SLLI_ADD:  B_SLLI(op); op++; B_ADD(op); NEXT();
L_ADDI_ADDI: B_ADDI(op); op++; B_ADDI(op); NEXT();
L_ADD_LW:    B_ADD(op); op++; LOAD(4, uint32_t, v)
L_ADDI_BNE:  B_ADDI(op); op++; BRANCH(x[op->rs1] != x[op->rs2]);
L_ADDI_BLT:  B_ADDI(op); op++; BRANCH((int32_t)x[op->rs1] < (int32_t)x[op->rs2]);
L_ADD_BNE:   B_ADD(op); op++; BRANCH(x[op->rs1] != x[op->rs2]);
L_LW_ADDI:
    if (likely(FAST_LW())) { op++; B_ADDI(op); NEXT(); }
    goto L_LW;
L_LW_BNEZ:
    if (likely(FAST_LW())) { op++; BRANCH(x[op->rs1] != 0); }
    goto L_LW;
L_JAL:
    x[op->rd] = (uint32_t)op->imm;
    CHAIN(1);
L_END:
    CHAIN(0);
L_JALR: {
    uint32_t t = (x[op->rs1] + (uint32_t)op->imm) & ~1u;
    x[op->rd] = tb->fall_pc;       /* jalr always ends its block */
    cpu->pc = t;
    goto exit_indirect;
}
L_ECALL:
    RAISE(cpu->priv == RV_PRIV_U ? RV_EXC_ECALL_U : RV_EXC_ECALL_M, 0);
L_EBREAK:
    RAISE(RV_EXC_BREAKPOINT, 0);
L_SEMIHOST:
    SYNC();
    x[10] = emu_semihost_call(m, x[10], x[11]);
    taken = 0;
    goto exit_slow;
L_MRET: {
    if (cpu->priv != RV_PRIV_M)
        RAISE(RV_EXC_ILLEGAL, (uint32_t)op->imm);
    uint32_t st = cpu->mstatus;
    uint32_t mpp = (st & RV_MSTATUS_MPP) >> 11;
    st = (st & ~RV_MSTATUS_MIE) | ((st & RV_MSTATUS_MPIE) ? RV_MSTATUS_MIE : 0);
    st |= RV_MSTATUS_MPIE;
    st &= ~RV_MSTATUS_MPP;          /* MPP = U, the least-privileged mode */
    if (mpp != RV_PRIV_M)
        st &= ~RV_MSTATUS_MPRV;     /* privileged spec 1.12, section 3.1.6.1 */
    cpu->mstatus = st;
    cpu->priv = mpp;
    cpu->pc = cpu->mepc;
    rv_update_mem_mode(cpu);
    EMU_LOG(EMU_LOG_INT, "riscv: mret to %08" PRIx32 " (%s)\n", cpu->pc, mpp ? "M" : "U");
    goto exit_xret;
}
L_WFI:
    if (cpu->priv == RV_PRIV_U && (cpu->mstatus & RV_MSTATUS_TW))
        RAISE(RV_EXC_ILLEGAL, (uint32_t)op->imm);
    cpu->pc = tb->fall_pc;
    if (!emu_cpu_rv32.has_wakeup((EmuCpu *)cpu))
        LEAVE(EMU_RUN_IDLE);
    goto check;
#define CSR_OP(wval, mask, write) {                                            \
    uint32_t old;                                                              \
    unsigned csr = (uint32_t)op->imm >> 20;                                    \
    SYNC();                                                                    \
    if (!rv_csr_rw(cpu, csr, &old, (wval), (mask), (write)))                   \
        RAISE(RV_EXC_ILLEGAL, (uint32_t)op->imm);                              \
    UNSYNC();                                                                  \
    x[op->rd] = old;                                                           \
    NEXT();                                                                    \
}
L_CSRRW:  CSR_OP(x[op->rs1], 0xffffffffu, true)
L_CSRRS:  CSR_OP(0xffffffffu, x[op->rs1], op->rs1 != 0)
L_CSRRC:  CSR_OP(0, x[op->rs1], op->rs1 != 0)
L_CSRRWI: CSR_OP(op->rs1, 0xffffffffu, true)
L_CSRRSI: CSR_OP(0xffffffffu, op->rs1, op->rs1 != 0)
L_CSRRCI: CSR_OP(0, op->rs1, op->rs1 != 0)
L_ILLEGAL:
    RAISE(RV_EXC_ILLEGAL, (uint32_t)op->imm);
L_FETCH_FAULT:
    /* A fetch fault whose trap vector cannot be fetched either would loop
     * forever: stop with a diagnosis instead. */
    if (cpu->last_was_fetch_fault && cpu->pc == (cpu->mtvec & ~3u)) {
        emu_machine_stop_error(m, "instruction fetch from unmapped or protected address "
                               "0x%08" PRIx32 " (mepc 0x%08" PRIx32 "), and the trap vector "
                               "0x%08" PRIx32 " cannot be fetched either",
                               cpu->mepc, cpu->mepc, cpu->pc);
        LEAVE(EMU_RUN_ERROR);
    }
    cpu->last_was_fetch_fault = true;
    {
        uint32_t from = cpu->pc;
        rv_raise(cpu, RV_EXC_INSN_ACCESS, false, from, from);
        if (tw)
            trace_event(tw, TRACE_EV_EXCEPTION, from, RV_EXC_INSN_ACCESS, cpu->pc,
                        m->trace_last_ninsns);
    }
    goto check;

    /* ---- debug stops ---- */
L_DBG_BKPT: {
    /* a breakpoint: stop before this instruction */
    EmuDbg *d = &cpu->dbg;
    d->stop.kind = EMU_DBG_STOP_BREAK;
    d->stop.type = emu_dbg_bp_type_at(d, OP_PC());
    dbg_idx = IDX();
    dbg_op = NULL;
    goto dbg_stop_mid;
}
L_DBG_STOP:
    /* the operation after a single-stepped one */
    cpu->dbg.stop.kind = EMU_DBG_STOP_STEP;
    dbg_idx = IDX();
    dbg_op = op - 1;
    goto dbg_stop_mid;
dbg_after_op:
    /* the current operation hit a watchpoint: stop after it */
    dbg_idx = IDX() + 1;
    if (dbg_idx < tb->ninsns) {
        dbg_op = NULL;
        goto dbg_stop_mid;
    }
    dstate = 2;                 /* its block ends here: stop on leaving it */
    limit = 0;
    NEXT();
dbg_stop_mid: {
    /* stop before operation dbg_idx of the current block; the next run
     * resumes there */
    EmuDbg *d = &cpu->dbg;
    emu_dbg_unpatch_step(d);
    d->stop_at_check = false;
    d->watch_hit = false;
    d->resume_tb = tb;
    d->resume_idx = dbg_idx;
    d->resume_gen = cpu->tbc->generation;
    cpu->pc = tb->pc + tb->offs[dbg_idx];
    d->resume_pc = cpu->pc;
    d->stop.pc = cpu->pc;
    m->icount = icount - tb->ninsns + dbg_idx;
    if (d->stop.kind == EMU_DBG_STOP_STEP)
        rv_dbg_seed_bug(cpu, dbg_op);
    return EMU_RUN_DEBUG;
}

    /* ---- block exits ---- */
exit_slow:
    cpu->pc = taken ? tb->taken_pc : tb->fall_pc;
    cpu->last_was_fetch_fault = false;
    if (!tb->next[taken]) {
        chain_from = tb;
        chain_slot = taken;
    }
    goto check;
exit_indirect:
    cpu->last_was_fetch_fault = false;
    if (unlikely(hooks)) {
        if (tw)
            trace_indirect(tw, cpu->pc);
        if (likely(icount < limit)) {
            RvTB *nx = cpu->tbc->jc[rv_jc_hash(cpu->pc)];
            if (nx && nx->pc == cpu->pc && nx->priv == cpu->priv)
                ENTER_TB(nx);
        }
    } else if (likely(icount < limit)) {
        RvTB *nx = cpu->tbc->jc[rv_jc_hash(cpu->pc)];
        if (nx && nx->pc == cpu->pc && nx->priv == cpu->priv)
            ENTER_TB_FAST(nx);
    }
    goto check;
exit_xret:
    cpu->last_was_fetch_fault = false;
    if (tw)
        trace_indirect(tw, cpu->pc);
    goto check;
raise: {
    /* The faulting instruction does not retire (minstret).  A trap that
     * ends its block (ecall, ebreak, illegal) still counts as executed in
     * the trace, which reports that block whole (docs/trace-format.md §7). */
    unsigned idx = IDX();
    uint32_t epc = OP_PC();
    bool at_end = tb->flow == ISA_FLOW_TRAP && idx + 1 == tb->ninsns;
    icount = icount - tb->ninsns + idx;
    m->icount = icount;
    cpu->last_was_fetch_fault = false;
    if (cause == RV_EXC_ILLEGAL && emu_log_enabled(EMU_LOG_UNIMP))
        emu_log(EMU_LOG_UNIMP, "riscv: illegal instruction 0x%08" PRIx32 " at pc 0x%08" PRIx32 "\n",
                tval, epc);
    rv_raise(cpu, cause, false, tval, epc);
    if (unlikely(cpu->dbg.watch_hit)) {
        dstate = 2;             /* a watched access, then a trap: stop */
        limit = 0;
    }
    if (at_end)
        m->trap_insns++;
    if (tw)
        trace_event(tw, TRACE_EV_EXCEPTION, epc, cause, cpu->pc, at_end ? idx + 1 : idx);
    goto check;
}
#undef NEXT
#undef IDX
#undef OP_PC
#undef SYNC
#undef UNSYNC
#undef RAISE
#undef LEAVE
#undef dstate
#undef dbg_op
#undef chain_from
#undef chain_slot
#undef ENTER_TB
#undef ENTER_TB_FAST
#undef CHAIN_EXIT
#undef COND_CHAIN
#undef SYNC_ALL
#undef CHAIN
#undef LOAD
#undef STORE
#undef RAM_ADDR
#undef B_ADDI
#undef B_SLLI
#undef B_ADD
#undef BRANCH
#undef FAST_LW
#undef CSR_OP
#undef LOAD_LOCALS
}
