/*
 * emu/cpu/arm/arm_exec.c - ARMv7-M translation blocks and their interpreter.
 *
 * Same machinery as emu/cpu/riscv/rv_exec.c: a block is the straight-line
 * run of Thumb instructions from a pc up to and including the first one
 * that changes control flow or must be followed by a check (MSR, CPS, ISB,
 * WFI, SVC, BKPT, undefined), capped at ARM_TB_MAX_INSNS.  Each instruction
 * becomes one pre-decoded operation (the ArmInsn with the IT state applied
 * plus a handler label).  Instructions made conditional by an IT block get
 * a preceding H_COND_<cond> operation that skips them when the condition
 * fails.
 *
 * Key: (pc, ITSTATE at block start), see arm_cpu.h.  cpu->itstate is
 * authoritative only between blocks (at `check`); every exit sets it from
 * the block (tb->end_it), and a fault inside a block takes the IT state of
 * the faulting instruction (op->its).
 *
 * Accounting (as RISC-V): m->icount advances by the block's instruction
 * count on entry; a faulting instruction does not retire (icount is set to
 * the instructions before it).  SVC and BKPT retire (their return address
 * is the next instruction).
 *
 * Frequent instructions have their own handler (docs/emulator.md lists
 * them); the rest, and the slow cases of the fast handlers (MMIO,
 * misaligned, faults), go through arm_generic(), one switch over ArmOp,
 * still without any decoding.
 */
/* GCC's SLP vectorizer packs the four flag stores of add_flags() into
 * SSE shuffles (7 instructions instead of 4 stores). */
#pragma GCC optimize("no-tree-slp-vectorize")
#include "arm_cpu.h"
#include "tracer/trace.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define ARM_TB_MAX_INSNS 64
#define ARM_TB_HASH_BITS 15
#define ARM_JC_BITS 12
#define ARM_ARENA_SIZE (32u << 20)

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

typedef struct ArmOpc {
    const void *h;
    ArmInsn in;
    uint32_t pc;               /* the instruction's address              */
    uint8_t idx;               /* instructions before it in the block    */
    uint8_t its;               /* ITSTATE before it                      */
} ArmOpc;

struct ArmTB {
    uint32_t pc, size, ninsns;
    uint8_t it;                /* ITSTATE at block start (key)               */
    uint8_t end_it;            /* ITSTATE after the last instruction         */
    uint8_t flow;              /* IsaFlow of the last instruction            */
    uint8_t end_indirect;      /* exit kind needs an indirect trace record   */
    uint32_t taken_pc, fall_pc;
    ArmTB *next[2];
    ArmTB *hnext;
    uint32_t trace_id;
    ArmOpc ops[];
};

typedef struct ArmTbCache {
    uint8_t *arena;
    size_t used;
    ArmTB *hash[1u << ARM_TB_HASH_BITS];
    ArmTB *jc[1u << ARM_JC_BITS];
    const void *const *h;
    uint64_t generation;
} ArmTbCache;

/* The conditions EQ..LE (ARM_COND_EQ + i): conditional branches and the
 * IT-block condition check have one handler per condition, so the test is
 * a constant expression and each has its own indirect jump. */
#define ARM_CONDS(X) X(EQ) X(NE) X(CS) X(CC) X(MI) X(PL) X(VS) X(VC) X(HI) X(LS) \
                     X(GE) X(LT) X(GT) X(LE)

/* Single loads/stores with a fast path: name, LD or ST, size, C type (the
 * type's signedness gives LDRSB/LDRSH their extension).  Each has four
 * addressing forms, in this order (mem_handler() relies on it): IMM
 * [Rn, #imm], PRE [Rn, #imm]!, POST [Rn], #imm, REG [Rn, Rm, LSL #n].
 * For the immediate forms the translator stores the signed offset in imm
 * (ARM_F_ADD set), which arm_generic() also executes as is. */
#define ARM_MEM_OPS(X) \
    X(LDR, LD, 4, uint32_t) X(LDRH, LD, 2, uint16_t) X(LDRB, LD, 1, uint8_t) \
    X(LDRSH, LD, 2, int16_t) X(LDRSB, LD, 1, int8_t) \
    X(STR, ST, 4, uint32_t) X(STRH, ST, 2, uint16_t) X(STRB, ST, 1, uint8_t)
enum { MEM_IMM, MEM_PRE, MEM_POST, MEM_REG, MEM_MODES };

/* Register data-processing without flags, operand 2 = Rm shifted by an
 * immediate (A7.4.2): name, result from a = Rn and b = shifted Rm.  One
 * handler per shift type LSL/LSR/ASR, in that order (ArmShift values 0-2);
 * ROR, RRX and the other operations take H_DP_SH. */
#define ARM_DP_OPS(X) \
    X(AND, a & b) X(EOR, a ^ b) X(ORR, a | b) X(BIC, a & ~b) X(ADD, a + b) \
    X(SUB, a - b) X(RSB, b - a) X(MOV, b)
/* Flag-setting logical operations on an unshifted register: N and Z from
 * the result, C unchanged (shift 0), V unchanged; name, result, whether Rd
 * is written. */
#define ARM_LOGICS_OPS(X) \
    X(ANDS, a & b, 1) X(EORS, a ^ b, 1) X(ORRS, a | b, 1) X(BICS, a & ~b, 1) \
    X(MVNS, ~b, 1) X(TST, a & b, 0)

#define H_COND_ENUM_(c) H_COND_##c,
#define H_B_ENUM_(c) H_B_##c,
#define H_MEM_ENUM_(n, k, sz, t) H_##n##_IMM, H_##n##_PRE, H_##n##_POST, H_##n##_REG,
#define H_DP_ENUM_(n, e) H_##n##_LSL, H_##n##_LSR, H_##n##_ASR,
#define H_LOGICS_ENUM_(n, e, w) H_##n##_REG,
enum {
    H_GENERIC, H_COND, H_END, H_FETCH_FAULT,
    H_MOV_IMM, H_MOV_REG, H_ADD_IMM, H_SUB_IMM, H_CMP_IMM, H_ADD_REG, H_SUB_REG,
    H_CMP_REG, H_DP_SH, H_MOVS_SH, H_ADDS_IMM, H_SUBS_IMM, H_ADDS_REG, H_SUBS_REG,
    H_UBFX, H_NOP, H_LOGIC_IMM, H_TST_IMM, H_LDR_LIT, H_LOGICS_SH, H_MOVT,
    H_UXTB, H_UXTH, H_SXTB, H_SXTH, H_MUL, H_MLA, H_MLS, H_UMULL, H_SMULL,
    H_LDRD, H_STRD, H_LDM, H_LDMDB, H_STM, H_STMDB,
    ARM_MEM_OPS(H_MEM_ENUM_)
    ARM_DP_OPS(H_DP_ENUM_)
    ARM_LOGICS_OPS(H_LOGICS_ENUM_)
    ARM_CONDS(H_COND_ENUM_)
    ARM_CONDS(H_B_ENUM_)
    H_B, H_BL, H_BL_COND, H_BX, H_BLX, H_CBZ, H_CBNZ, H_TBB, H_TBH,
    H_PCWRITE, H_SYSTEM, H_SVC, H_BKPT, H_SEMIHOST, H_UNDEF, H_NOCP, H_WFI, H_WFE,
    H_DBG_BKPT, H_DBG_STOP,     /* debug: patched in place of an op's handler */
    H_COUNT
};
#undef H_COND_ENUM_
#undef H_B_ENUM_
#undef H_MEM_ENUM_
#undef H_DP_ENUM_
#undef H_LOGICS_ENUM_
#define H_MEM_FIRST H_LDR_IMM
#define H_DP_FIRST H_AND_LSL

/* generic results */
enum { R_OK = 0, R_FAULT, R_PC };

ArmTbCache *arm_tbc_new(void)
{
    ArmTbCache *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->arena = malloc(ARM_ARENA_SIZE);
    if (!c->arena) {
        free(c);
        return NULL;
    }
    return c;
}

void arm_tbc_free(ArmTbCache *c)
{
    if (!c)
        return;
    free(c->arena);
    free(c);
}

static inline unsigned arm_hash(uint32_t pc, unsigned it)
{
    return ((pc >> 1) ^ (pc >> (ARM_TB_HASH_BITS + 1)) ^ (it * 0x9e5u)) &
           ((1u << ARM_TB_HASH_BITS) - 1);
}

static inline unsigned arm_jc_hash(uint32_t pc)
{
    return (pc >> 1) & ((1u << ARM_JC_BITS) - 1);
}

static size_t arm_tb_bytes(unsigned nops)
{
    size_t sz = sizeof(ArmTB) + (size_t)nops * sizeof(ArmOpc);
    return (sz + 15) & ~(size_t)15;
}

void arm_tb_flush(ArmCpu *cpu)
{
    ArmTbCache *c = cpu->tbc;
    EmuMachine *m = cpu->m;
    size_t off = 0;
    while (off < c->used) {
        ArmTB *tb = (ArmTB *)(c->arena + off);
        if (m->code_lines && tb->size) {
            for (uint64_t a = tb->pc & ~63u; a < (uint64_t)tb->pc + tb->size; a += 64)
                m->code_lines[a >> 6] = 0;
        }
        off += arm_tb_bytes(tb->ninsns * 2 + 1);
    }
    c->used = 0;
    /* breakpoint patches and any stop point die with the blocks */
    emu_dbg_blocks_flushed(&cpu->dbg);
    memset(c->hash, 0, sizeof c->hash);
    memset(c->jc, 0, sizeof c->jc);
    c->generation++;
    cpu->flush_pending = false;
    EMU_LOG(EMU_LOG_TB, "armv7m: translation cache flushed\n");
}

static bool is_dsp_op(unsigned op)
{
    return (op >= ARM_OP_SADD16 && op <= ARM_OP_SMMLS) || op == ARM_OP_UMAAL ||
           op == ARM_OP_SSAT16 || op == ARM_OP_USAT16 ||
           (op >= ARM_OP_SXTB16 && op <= ARM_OP_UXTAB16 && op != ARM_OP_SXTB &&
            op != ARM_OP_SXTH && op != ARM_OP_UXTB && op != ARM_OP_UXTH);
}

/* A 32-bit encoding of the cp10/cp11 coprocessor space (A6.4): on a core
 * with an FPU its UNDEFINED encodings still raise NOCP first when CPACR
 * denies access (QEMU's m-nocp decode does the same). */
static bool is_fp_space(const ArmInsn *in)
{
    uint32_t hw1 = in->raw >> 16;
    return in->len == 4 && (hw1 & 0xec00u) == 0xec00u && ((in->raw >> 9) & 7) == 5;
}

/* The fast load/store handler for LDR_IMM/STR_IMM/LDR_REG/STR_REG in
 * addressing form `mode` (see ARM_MEM_OPS). */
static unsigned mem_handler(const ArmInsn *in, unsigned mode)
{
    bool load = in->op == ARM_OP_LDR_IMM || in->op == ARM_OP_LDR_REG;
    bool sgn = (in->flags & ARM_F_SIGNED) != 0;
    unsigned kind;
    if (load)
        kind = in->width == 4 ? 0 : in->width == 2 ? (sgn ? 3 : 1) : (sgn ? 4 : 2);
    else
        kind = in->width == 4 ? 5 : in->width == 2 ? 6 : 7;
    return H_MEM_FIRST + kind * MEM_MODES + mode;
}

/* Translation time, out of line (the interpreter must not feel it). */
static __attribute__((cold, noinline)) void log_fp_without_fpu(const ArmInsn *in)
{
    EMU_LOG(EMU_LOG_GUEST_ERRORS, "armv7m: FP instruction 0x%08" PRIx32 " on a core without an "
            "FPU raises UsageFault NOCP (FPv4-SP code needs a Cortex-M4F board: -M mps2-an386)\n",
            in->raw);
}

/* Choose the handler of a decoded, IT-applied instruction. */
static unsigned pick_handler(const ArmCpu *cpu, const ArmInsn *in, const IsaInsnInfo *ii)
{
    unsigned op = in->op;
    bool s = (in->flags & ARM_F_S) != 0;
    if (cpu->has_fpu && ((op >= ARM_OP_VADD && op < ARM_OP_COPROC) || is_fp_space(in)))
        return H_GENERIC;       /* arm_fpu_exec: NOCP, UNDEFINED or the op */
    if (op == ARM_OP_UNDEFINED || (in->flags & ARM_F_UNPRED_UNDEF) || op == ARM_OP_UDF)
        return H_UNDEF;
    if (op >= ARM_OP_VADD) {
        if (op < ARM_OP_COPROC)
            log_fp_without_fpu(in);
        return H_NOCP;
    }
    if (!cpu->has_dsp && is_dsp_op(op))
        return H_UNDEF;
    switch (op) {
    case ARM_OP_B:
        /* a B with a condition is always ISA_FLOW_COND (arm_insn_info) */
        return in->cond < ARM_COND_AL ? H_B_EQ + in->cond : H_B;
    case ARM_OP_BL:
        /* a BL made conditional by an IT block (libgcc's soft-float code
         * has `bleq`) is ISA_FLOW_COND: its outcome goes in the trace */
        return (in->flags & ARM_F_IN_IT) && in->cond != ARM_COND_AL ? H_BL_COND : H_BL;
    case ARM_OP_BX: return H_BX;
    case ARM_OP_BLX_REG: return H_BLX;
    case ARM_OP_CBZ: return H_CBZ;
    case ARM_OP_CBNZ: return H_CBNZ;
    case ARM_OP_TBB: return H_TBB;
    case ARM_OP_TBH: return H_TBH;
    case ARM_OP_SVC: return H_SVC;
    case ARM_OP_BKPT: return (in->imm & 0xff) == 0xab ? H_SEMIHOST : H_BKPT;
    case ARM_OP_WFI: return H_WFI;
    case ARM_OP_WFE: return H_WFE;
    case ARM_OP_MSR: case ARM_OP_CPS: case ARM_OP_ISB: return H_SYSTEM;
    default: break;
    }
    if (ii->flow == ISA_FLOW_INDIRECT || ii->flow == ISA_FLOW_RETURN)
        return H_PCWRITE;
    bool plain_regs = in->rd != 15 && in->rn != 15 && in->rm != 15;
    if (!s && plain_regs && op >= ARM_OP_AND_REG && op <= ARM_OP_RSB_REG &&
        op != ARM_OP_TST_REG && op != ARM_OP_TEQ_REG && op != ARM_OP_CMP_REG &&
        op != ARM_OP_CMN_REG && op != ARM_OP_ADC_REG && op != ARM_OP_SBC_REG &&
        !((op == ARM_OP_ADD_REG || op == ARM_OP_SUB_REG) && in->shift_n == 0 &&
          in->shift_t == ARM_SHIFT_LSL) &&
        !(op == ARM_OP_MOV_REG && in->shift_n == 0 && in->shift_t == ARM_SHIFT_LSL)) {
        static const int8_t dp_idx[] = {
            [ARM_OP_AND_REG - ARM_OP_AND_REG] = 0, [ARM_OP_EOR_REG - ARM_OP_AND_REG] = 1,
            [ARM_OP_ORR_REG - ARM_OP_AND_REG] = 2, [ARM_OP_ORN_REG - ARM_OP_AND_REG] = -1,
            [ARM_OP_BIC_REG - ARM_OP_AND_REG] = 3, [ARM_OP_MOV_REG - ARM_OP_AND_REG] = 7,
            [ARM_OP_MVN_REG - ARM_OP_AND_REG] = -1, [ARM_OP_TST_REG - ARM_OP_AND_REG] = -1,
            [ARM_OP_TEQ_REG - ARM_OP_AND_REG] = -1, [ARM_OP_CMP_REG - ARM_OP_AND_REG] = -1,
            [ARM_OP_CMN_REG - ARM_OP_AND_REG] = -1, [ARM_OP_ADD_REG - ARM_OP_AND_REG] = 4,
            [ARM_OP_ADC_REG - ARM_OP_AND_REG] = -1, [ARM_OP_SUB_REG - ARM_OP_AND_REG] = 5,
            [ARM_OP_SBC_REG - ARM_OP_AND_REG] = -1, [ARM_OP_RSB_REG - ARM_OP_AND_REG] = 6,
        };
        int k = dp_idx[op - ARM_OP_AND_REG];
        if (k >= 0 && in->shift_t <= ARM_SHIFT_ASR)
            return H_DP_FIRST + (unsigned)k * 3 + in->shift_t;
        return H_DP_SH;
    }
    switch (op) {
    case ARM_OP_IT: case ARM_OP_NOP: case ARM_OP_YIELD: case ARM_OP_SEV: case ARM_OP_DBG:
    case ARM_OP_DMB: case ARM_OP_DSB: case ARM_OP_PLD: case ARM_OP_PLI:
        return H_NOP;
    case ARM_OP_AND_IMM: case ARM_OP_EOR_IMM: case ARM_OP_ORR_IMM: case ARM_OP_ORN_IMM:
    case ARM_OP_BIC_IMM:
        return (!s && in->rd != 15 && in->rn != 15) ? H_LOGIC_IMM : H_GENERIC;
    case ARM_OP_TST_IMM: return in->rn != 15 ? H_TST_IMM : H_GENERIC;
    case ARM_OP_LDR_LIT:
        return (in->width == 4 && in->rd != 15) ? H_LDR_LIT : H_GENERIC;
    case ARM_OP_MOV_IMM: return in->rd != 15 ? H_MOV_IMM : H_GENERIC;
    case ARM_OP_MOV_REG:
        if (in->rd == 15 || in->rm == 15)
            return H_GENERIC;
        if (s)
            return H_MOVS_SH;
        return (in->shift_t == ARM_SHIFT_LSL && in->shift_n == 0) ? H_MOV_REG : H_DP_SH;
    case ARM_OP_ADD_IMM:
        if (in->rd == 15 || in->rn == 15)
            return H_GENERIC;
        return s ? H_ADDS_IMM : H_ADD_IMM;
    case ARM_OP_SUB_IMM:
        if (in->rd == 15 || in->rn == 15)
            return H_GENERIC;
        return s ? H_SUBS_IMM : H_SUB_IMM;
    case ARM_OP_UBFX: return in->rd != 15 && in->rn != 15 ? H_UBFX : H_GENERIC;
    case ARM_OP_CMP_IMM: return in->rn != 15 ? H_CMP_IMM : H_GENERIC;
    case ARM_OP_ADD_REG:
        if (!plain_regs || in->shift_t != ARM_SHIFT_LSL || in->shift_n != 0)
            return H_GENERIC;
        return s ? H_ADDS_REG : H_ADD_REG;
    case ARM_OP_SUB_REG:
        if (!plain_regs || in->shift_t != ARM_SHIFT_LSL || in->shift_n != 0)
            return H_GENERIC;
        return s ? H_SUBS_REG : H_SUB_REG;
    case ARM_OP_CMP_REG:
        return (in->rn != 15 && in->rm != 15 && in->shift_t == ARM_SHIFT_LSL && in->shift_n == 0)
               ? H_CMP_REG : H_GENERIC;
    case ARM_OP_LDR_IMM: case ARM_OP_STR_IMM: {
        unsigned f = in->flags & (ARM_F_INDEX | ARM_F_WBACK);
        if (in->rn == 15 || in->rd == 15 || !(in->flags & ARM_F_ADD) || !f)
            return H_GENERIC;
        return mem_handler(in, f == ARM_F_INDEX ? MEM_IMM
                               : f == ARM_F_WBACK ? MEM_POST : MEM_PRE);
    }
    case ARM_OP_LDR_REG: case ARM_OP_STR_REG:
        return plain_regs ? mem_handler(in, MEM_REG) : H_GENERIC;
    case ARM_OP_LDRD_IMM: case ARM_OP_STRD_IMM:
        /* offset form only; rd = Rt, ra = Rt2 */
        if (in->rn == 15 || in->rd == 15 || in->ra == 15 ||
            (in->flags & (ARM_F_INDEX | ARM_F_WBACK | ARM_F_ADD)) != (ARM_F_INDEX | ARM_F_ADD))
            return H_GENERIC;
        return op == ARM_OP_LDRD_IMM ? H_LDRD : H_STRD;
    case ARM_OP_AND_REG: case ARM_OP_EOR_REG: case ARM_OP_ORR_REG: case ARM_OP_ORN_REG:
    case ARM_OP_BIC_REG: case ARM_OP_MVN_REG: case ARM_OP_TST_REG: case ARM_OP_TEQ_REG:
        /* flag-setting logical operations (the others took H_DP_SH) */
        if (!plain_regs)
            return H_GENERIC;
        if (in->shift_t == ARM_SHIFT_LSL && in->shift_n == 0 && (in->flags & ARM_F_S)) {
            switch (op) {
            case ARM_OP_AND_REG: return H_ANDS_REG;
            case ARM_OP_EOR_REG: return H_EORS_REG;
            case ARM_OP_ORR_REG: return H_ORRS_REG;
            case ARM_OP_BIC_REG: return H_BICS_REG;
            case ARM_OP_MVN_REG: return H_MVNS_REG;
            case ARM_OP_TST_REG: return H_TST_REG;
            default: break;
            }
        }
        return H_LOGICS_SH;
    case ARM_OP_LDM: case ARM_OP_LDMDB: case ARM_OP_STM: case ARM_OP_STMDB:
        /* LDM with the PC in the list took H_PCWRITE; an empty list or
         * Rn = PC is ARM_F_UNPRED_UNDEF (H_UNDEF) */
        if (in->rn == 15 || !in->reglist)
            return H_GENERIC;
        return op == ARM_OP_LDM ? H_LDM : op == ARM_OP_LDMDB ? H_LDMDB
             : op == ARM_OP_STM ? H_STM : H_STMDB;
    case ARM_OP_MOVT: return in->rd != 15 ? H_MOVT : H_GENERIC;
    case ARM_OP_UXTB: return H_UXTB;
    case ARM_OP_UXTH: return H_UXTH;
    case ARM_OP_SXTB: return H_SXTB;
    case ARM_OP_SXTH: return H_SXTH;
    case ARM_OP_MUL: return H_MUL;
    case ARM_OP_MLA: return H_MLA;
    case ARM_OP_MLS: return H_MLS;
    case ARM_OP_UMULL: return H_UMULL;
    case ARM_OP_SMULL: return H_SMULL;
    default:
        return H_GENERIC;
    }
}

/* ------------------------------------------------------------------------ */
/* Debug patches (emu/core/debug.h).  An instruction is one operation, or two
 * inside an IT block (H_COND, then its own): a breakpoint patches the first,
 * so it stops whether the condition passes or not, as QEMU does.  The
 * block's final H_END operation (idx == ninsns) is never patched. */

static void arm_dbg_patch_tb(ArmCpu *cpu, ArmTB *tb, uint32_t addr)
{
    if (!tb->size || addr < tb->pc || addr >= tb->pc + tb->size)
        return;
    for (ArmOpc *o = tb->ops; o->idx < tb->ninsns; o++) {
        if (o->pc == addr) {
            emu_dbg_patch(&cpu->dbg, &o->h, addr, cpu->tbc->h[H_DBG_BKPT]);
            return;
        }
    }
}

void arm_dbg_patch_addr(ArmCpu *cpu, uint32_t addr)
{
    ArmTbCache *c = cpu->tbc;
    size_t off = 0;
    if (!c->h)
        return;
    while (off < c->used) {
        ArmTB *tb = (ArmTB *)(c->arena + off);
        arm_dbg_patch_tb(cpu, tb, addr);
        off += arm_tb_bytes(tb->ninsns * 2 + 1);
    }
}

/* Arm the stop after the instruction whose first operation is ops[j] for a
 * single step: a patch on the next instruction's first operation, or, after
 * the block's last instruction, a stop when the block is left (the caller
 * sets the limit so that it does not chain).  Returns true for the latter. */
static bool arm_dbg_arm_step(ArmCpu *cpu, ArmTB *tb, uint32_t j)
{
    unsigned cur = tb->ops[j].idx;
    cpu->dbg.stop_at_check = true;
    if (cur + 1 >= tb->ninsns)
        return true;
    while (tb->ops[j].idx == cur)
        j++;
    emu_dbg_patch_step(&cpu->dbg, &tb->ops[j].h, cpu->tbc->h[H_DBG_STOP]);
    return false;
}

/* Test-only seeded bug (EMUCOV_TEST_SEED_BUG): after a single step that
 * retired instruction number seed_bug_at, flip bit 0 of its destination
 * register (r12 when it has none). */
static void arm_dbg_seed_bug(ArmCpu *cpu, const ArmOpc *op)
{
    if (!cpu->dbg.seed_bug_at || cpu->m->icount != cpu->dbg.seed_bug_at)
        return;
    unsigned r = op && op->in.rd < 13 ? op->in.rd : 12;
    cpu->r[r] ^= 1;
}

/* The step (or watchpoint) stop at a block boundary. */
static void arm_dbg_stop_at_check(ArmCpu *cpu)
{
    if (emu_dbg_block_end_stop(&cpu->dbg, cpu->pc))
        arm_dbg_seed_bug(cpu, cpu->dbg.dbg_op);
}

/* A stop before operation ops[j] of `tb` (breakpoint, step, watchpoint);
 * `retired` instructions have run.  The next run resumes there. */
static void arm_dbg_stop_mid(ArmCpu *cpu, ArmTB *tb, uint32_t j, uint64_t retired)
{
    EmuDbg *d = &cpu->dbg;
    const ArmOpc *o = &tb->ops[j];
    emu_dbg_unpatch_step(d);
    d->stop_at_check = false;
    d->watch_hit = false;
    d->resume_tb = tb;
    d->resume_idx = j;
    d->resume_gen = cpu->tbc->generation;
    cpu->pc = o->pc;
    cpu->itstate = o->its;      /* authoritative while stopped */
    d->resume_pc = cpu->pc;
    d->stop.pc = cpu->pc;
    cpu->m->icount = retired;
    if (d->stop.kind == EMU_DBG_STOP_STEP)
        arm_dbg_seed_bug(cpu, d->dbg_op);
}

/* Translate the block at cpu->pc for the current IT state. */
static ArmTB *arm_translate(ArmCpu *cpu)
{
    ArmTbCache *c = cpu->tbc;
    EmuMachine *m = cpu->m;
    const void *const *H = c->h;
    uint32_t pc0 = cpu->pc;

    if (c->used + arm_tb_bytes(ARM_TB_MAX_INSNS * 2 + 1) > ARM_ARENA_SIZE)
        arm_tb_flush(cpu);

    ArmTB *tb = (ArmTB *)(c->arena + c->used);
    memset(tb, 0, sizeof *tb);
    tb->pc = pc0;
    tb->it = (uint8_t)cpu->itstate;
    tb->flow = ISA_FLOW_SEQ;
    ArmOpc *ops = tb->ops;
    unsigned n = 0, ninsns = 0;
    uint32_t pc = pc0;
    ArmItState st = { .bits = (uint8_t)cpu->itstate };
    bool done = false;

    if (emu_log_enabled(EMU_LOG_IN_ASM))
        emu_log(EMU_LOG_IN_ASM, "IN: %08" PRIx32 "\n", pc0);

    while (!done && ninsns < ARM_TB_MAX_INSNS) {
        const uint8_t *p = emu_bus_host_ptr(m, pc, 2);
        ArmInsn in;
        unsigned len = 0;
        if (p) {
            uint16_t hw1 = (uint16_t)(p[0] | p[1] << 8);
            if (arm_is_32bit(hw1)) {
                const uint8_t *p2 = emu_bus_host_ptr(m, pc + 2, 2);
                if (p2)
                    len = arm_decode_hw(hw1, (uint16_t)(p2[0] | p2[1] << 8), pc, &in);
            } else {
                len = arm_decode_hw(hw1, 0, pc, &in);
            }
        }
        if (!len) {
            if (ninsns == 0) {
                /* nothing fetchable at the block start: a prefetch abort */
                ops[0].h = H[H_FETCH_FAULT];
                memset(&ops[0].in, 0, sizeof ops[0].in);
                ops[0].pc = pc0;
                ops[0].idx = 0;
                ops[0].its = st.bits;
                n = 1;
                tb->size = 0;
                tb->ninsns = 0;
                tb->flow = ISA_FLOW_TRAP;
                tb->fall_pc = pc0;
                tb->end_it = st.bits;
                goto finish;
            }
            break;
        }
        uint8_t it_before = st.bits;
        arm_it_step(&st, &in);

        if (emu_log_enabled(EMU_LOG_IN_ASM)) {
            char buf[96];
            arm_disasm(&in, pc, buf, sizeof buf);
            emu_log(EMU_LOG_IN_ASM, "0x%08" PRIx32 ":  %0*" PRIx32 "  %s\n", pc,
                    in.len == 2 ? 4 : 8, in.raw, buf);
        }
        IsaInsnInfo ii;
        arm_insn_info(&in, pc, &ii);
        if ((in.op == ARM_OP_LDR_IMM || in.op == ARM_OP_STR_IMM || in.op == ARM_OP_LDRD_IMM ||
             in.op == ARM_OP_STRD_IMM) && !(in.flags & ARM_F_ADD)) {
            /* signed offset (see ARM_MEM_OPS); after arm_insn_info, which
             * recognises POP-like forms by their encoded fields */
            in.imm = -in.imm;
            in.flags |= ARM_F_ADD;
        }
        unsigned h = pick_handler(cpu, &in, &ii);
        bool cond_in_it = (in.flags & ARM_F_IN_IT) && in.cond != ARM_COND_AL &&
                          in.op != ARM_OP_B && in.op != ARM_OP_BL && in.op != ARM_OP_IT;
        if (cond_in_it) {
            ops[n].h = H[in.cond < ARM_COND_AL ? H_COND_EQ + in.cond : H_COND];
            ops[n].in = in;
            ops[n].pc = pc;
            ops[n].idx = (uint8_t)ninsns;
            ops[n].its = it_before;
            n++;
        }
        ops[n].h = H[h];
        ops[n].in = in;
        ops[n].pc = pc;
        ops[n].idx = (uint8_t)ninsns;
        ops[n].its = it_before;
        n++;
        ninsns++;
        uint32_t next = pc + in.len;
        if (h >= H_B_EQ && h <= H_B_LE)
            h = H_B;       /* same block end as an unconditional B */
        switch (h) {
        case H_B: case H_BL: case H_BL_COND: case H_CBZ: case H_CBNZ:
            tb->flow = (uint8_t)ii.flow;
            tb->taken_pc = (uint32_t)ii.target;
            done = true;
            break;
        case H_BX: case H_BLX: case H_TBB: case H_TBH: case H_PCWRITE:
            tb->flow = (uint8_t)ii.flow;
            tb->end_indirect = 1;
            done = true;
            break;
        case H_SVC: case H_BKPT: case H_UNDEF: case H_NOCP: case H_SEMIHOST:
            tb->flow = ISA_FLOW_TRAP;
            done = true;
            break;
        case H_SYSTEM: case H_WFI: case H_WFE:
            tb->flow = ISA_FLOW_SYSTEM;
            done = true;
            break;
        default:
            break;
        }
        pc = next;
    }
    tb->ninsns = ninsns;
    tb->size = pc - pc0;
    tb->fall_pc = pc;
    tb->end_it = st.bits;
    ops[n].h = H[H_END];
    memset(&ops[n].in, 0, sizeof ops[n].in);
    ops[n].pc = pc;
    ops[n].idx = (uint8_t)ninsns;
    ops[n].its = st.bits;
    n++;
    if (m->code_lines && tb->size) {
        for (uint64_t a = pc0 & ~63u; a < (uint64_t)pc0 + tb->size; a += 64)
            m->code_lines[a >> 6] = 1;
    }
    if (m->trace_writer)
        tb->trace_id = trace_define_block(m->trace_writer, pc0, tb->size, tb->ninsns,
                                          tb->flow, tb->taken_pc, tb->fall_pc);
finish:
    (void)n;
    c->used += arm_tb_bytes(tb->ninsns * 2 + 1);
    for (unsigned i = 0; i < cpu->dbg.nbp; i++)
        arm_dbg_patch_tb(cpu, tb, cpu->dbg.bp[i].addr);
    {
        unsigned hsh = arm_hash(pc0, tb->it);
        tb->hnext = c->hash[hsh];
        c->hash[hsh] = tb;
    }
    return tb;
}

static ArmTB *arm_lookup(ArmCpu *cpu)
{
    ArmTbCache *c = cpu->tbc;
    uint32_t pc = cpu->pc;
    unsigned j = arm_jc_hash(pc);
    ArmTB *tb = c->jc[j];
    if (tb && tb->pc == pc && tb->it == cpu->itstate)
        return tb;
    for (tb = c->hash[arm_hash(pc, cpu->itstate)]; tb; tb = tb->hnext)
        if (tb->pc == pc && tb->it == cpu->itstate)
            break;
    if (!tb)
        tb = arm_translate(cpu);
    c->jc[j] = tb;
    return tb;
}

/* ------------------------------------------------------------------------ */
/* Semantics helpers (A2.2 pseudocode). */

static inline bool cond_pass(const ArmCpu *cpu, unsigned cond)
{
    switch (cond) {
    case ARM_COND_EQ: return cpu->zf == 0;
    case ARM_COND_NE: return cpu->zf != 0;
    case ARM_COND_CS: return cpu->cf != 0;
    case ARM_COND_CC: return cpu->cf == 0;
    case ARM_COND_MI: return (cpu->nf >> 31) != 0;
    case ARM_COND_PL: return (cpu->nf >> 31) == 0;
    case ARM_COND_VS: return (cpu->vf >> 31) != 0;
    case ARM_COND_VC: return (cpu->vf >> 31) == 0;
    case ARM_COND_HI: return cpu->cf && cpu->zf;
    case ARM_COND_LS: return !cpu->cf || !cpu->zf;
    case ARM_COND_GE: return ((cpu->nf ^ cpu->vf) >> 31) == 0;
    case ARM_COND_LT: return ((cpu->nf ^ cpu->vf) >> 31) != 0;
    case ARM_COND_GT: return cpu->zf && ((cpu->nf ^ cpu->vf) >> 31) == 0;
    case ARM_COND_LE: return !cpu->zf || ((cpu->nf ^ cpu->vf) >> 31) != 0;
    default: return true;
    }
}

/* AddWithCarry (A2.2.1) setting NZCV. */
static inline uint32_t add_flags(ArmCpu *cpu, uint32_t a, uint32_t b, uint32_t carry)
{
    uint64_t u = (uint64_t)a + b + carry;
    uint32_t r = (uint32_t)u;
    cpu->cf = (uint32_t)(u >> 32);
    cpu->vf = (a ^ r) & (b ^ r);
    cpu->nf = cpu->zf = r;
    return r;
}

/* Shift_C (A2.2.2) */
static inline uint32_t shift_c(uint32_t v, unsigned type, unsigned n, uint32_t cin, uint32_t *cout)
{
    if (n == 0 && type != ARM_SHIFT_RRX) {
        *cout = cin;
        return v;
    }
    switch (type) {
    case ARM_SHIFT_LSL:
        if (n >= 32) {
            *cout = n == 32 ? v & 1 : 0;
            return 0;
        }
        *cout = (v >> (32 - n)) & 1;
        return v << n;
    case ARM_SHIFT_LSR:
        if (n >= 32) {
            *cout = n == 32 ? v >> 31 : 0;
            return 0;
        }
        *cout = (v >> (n - 1)) & 1;
        return v >> n;
    case ARM_SHIFT_ASR:
        if (n >= 32) {
            *cout = v >> 31;
            return (uint32_t)((int32_t)v >> 31);
        }
        *cout = (v >> (n - 1)) & 1;
        return (uint32_t)((int32_t)v >> n);
    case ARM_SHIFT_ROR: {
        unsigned k = n & 31;
        uint32_t r = k ? (v >> k) | (v << (32 - k)) : v;
        *cout = r >> 31;
        return r;
    }
    default: /* RRX */
        *cout = v & 1;
        return (v >> 1) | (cin << 31);
    }
}

static inline uint32_t ssat(ArmCpu *cpu, int64_t v, unsigned bits)
{
    int64_t max = ((int64_t)1 << (bits - 1)) - 1, min = -((int64_t)1 << (bits - 1));
    if (v > max) { cpu->qf = 1; return (uint32_t)max; }
    if (v < min) { cpu->qf = 1; return (uint32_t)min; }
    return (uint32_t)v;
}

static inline uint32_t usat(ArmCpu *cpu, int64_t v, unsigned bits)
{
    int64_t max = ((int64_t)1 << bits) - 1;
    if (v > max) { cpu->qf = 1; return (uint32_t)max; }
    if (v < 0) { cpu->qf = 1; return 0; }
    return (uint32_t)v;
}

/* Data access with alignment policy, fast path for host-backed memory. */
static uint32_t g_fault_exc, g_fault_bits;

static inline bool mem_fault(uint32_t exc, uint32_t bits)
{
    g_fault_exc = exc;
    g_fault_bits = bits;
    return false;
}

static bool rd_mem(ArmCpu *cpu, uint32_t a, unsigned size, uint32_t *v, bool strict_align)
{
    if (a & (size - 1)) {
        if (strict_align || (cpu->scs->ccr & CCR_UNALIGN_TRP))
            return mem_fault(ARMV7M_EXC_USAGEFAULT, CFSR_UNALIGNED);
    }
    uintptr_t h = cpu->rd_tab[a >> EMU_PAGE_BITS];
    if (likely(h && ((a & ((1u << EMU_PAGE_BITS) - 1)) + size <= (1u << EMU_PAGE_BITS)))) {
        const uint8_t *p = (const uint8_t *)(h + a);
        switch (size) {
        case 1: *v = p[0]; break;
        case 2: { uint16_t t; memcpy(&t, p, 2); *v = t; break; }
        default: memcpy(v, p, 4); break;
        }
        return true;
    }
    uint32_t e = arm_load_slow(cpu, a, size, v);
    if (e)
        return mem_fault(ARMV7M_EXC_BUSFAULT, e);
    return true;
}

static bool wr_mem(ArmCpu *cpu, uint32_t a, unsigned size, uint32_t v, bool strict_align)
{
    if (a & (size - 1)) {
        if (strict_align || (cpu->scs->ccr & CCR_UNALIGN_TRP))
            return mem_fault(ARMV7M_EXC_USAGEFAULT, CFSR_UNALIGNED);
    }
    uintptr_t h = cpu->wr_tab[a >> EMU_PAGE_BITS];
    if (likely(h && ((a & ((1u << EMU_PAGE_BITS) - 1)) + size <= (1u << EMU_PAGE_BITS)) &&
               !cpu->m->code_lines[a >> 6] && !cpu->m->code_lines[(a + size - 1) >> 6])) {
        uint8_t *p = (uint8_t *)(h + a);
        switch (size) {
        case 1: p[0] = (uint8_t)v; break;
        case 2: { uint16_t t = (uint16_t)v; memcpy(p, &t, 2); break; }
        default: memcpy(p, &v, 4); break;
        }
        return true;
    }
    uint32_t e = arm_store_slow(cpu, a, size, v);
    if (e)
        return mem_fault(ARMV7M_EXC_BUSFAULT, e);
    return true;
}

/* Parallel add/subtract (A7.7, DSP): lanes of 8 or 16 bits. */
static uint32_t parallel(ArmCpu *cpu, unsigned op, uint32_t a, uint32_t b)
{
    /* kind: 0 signed modular (sets GE), 1 signed saturating, 2 signed
     * halving, 3 unsigned modular (GE), 4 unsigned saturating, 5 unsigned
     * halving.  form: 0 add16, 1 asx, 2 sax, 3 sub16, 4 add8, 5 sub8. */
    static const uint8_t kinds[] = {
        [ARM_OP_SADD16 - ARM_OP_SADD16] = 0,
    };
    (void)kinds;
    unsigned idx = op - ARM_OP_SADD16;
    unsigned kind = idx / 6, form = idx % 6;
    bool sgn = kind < 3;
    unsigned k = kind % 3;
    uint32_t res = 0, ge = 0;
    if (form < 4) {
        for (unsigned lane = 0; lane < 2; lane++) {
            int32_t x, y;
            uint32_t ah = lane ? a >> 16 : a & 0xffff;
            unsigned bl = lane;
            if (form == 1) bl = lane ^ 1;       /* asx: lo = a.lo - b.hi; hi = a.hi + b.lo */
            if (form == 2) bl = lane ^ 1;
            uint32_t bh = bl ? b >> 16 : b & 0xffff;
            x = sgn ? (int16_t)ah : (int32_t)(ah & 0xffff);
            y = sgn ? (int16_t)bh : (int32_t)(bh & 0xffff);
            bool add = form == 0 || (form == 1 && lane == 1) || (form == 2 && lane == 0);
            int32_t r = add ? x + y : x - y;
            uint32_t out;
            if (k == 0) {
                out = (uint32_t)r & 0xffff;
                if (sgn ? r >= 0 : (add ? r >= 0x10000 : r >= 0))
                    ge |= 3u << (2 * lane);
            } else if (k == 1) {
                if (sgn) out = (uint32_t)(r > 32767 ? 32767 : r < -32768 ? -32768 : r) & 0xffff;
                else out = (uint32_t)(r > 65535 ? 65535 : r < 0 ? 0 : r);
            } else {
                out = (uint32_t)(r >> 1) & 0xffff;
            }
            res |= out << (16 * lane);
        }
    } else {
        for (unsigned lane = 0; lane < 4; lane++) {
            uint32_t ab = (a >> (8 * lane)) & 0xff, bb = (b >> (8 * lane)) & 0xff;
            int32_t x = sgn ? (int8_t)ab : (int32_t)ab, y = sgn ? (int8_t)bb : (int32_t)bb;
            int32_t r = form == 4 ? x + y : x - y;
            uint32_t out;
            if (k == 0) {
                out = (uint32_t)r & 0xff;
                if (sgn ? r >= 0 : (form == 4 ? r >= 0x100 : r >= 0))
                    ge |= 1u << lane;
            } else if (k == 1) {
                if (sgn) out = (uint32_t)(r > 127 ? 127 : r < -128 ? -128 : r) & 0xff;
                else out = (uint32_t)(r > 255 ? 255 : r < 0 ? 0 : r);
            } else {
                out = (uint32_t)(r >> 1) & 0xff;
            }
            res |= out << (8 * lane);
        }
    }
    if (k == 0)
        cpu->ge = ge;
    return res;
}

static inline int32_t half(uint32_t v, bool top) { return top ? (int16_t)(v >> 16) : (int16_t)v; }

static inline uint32_t ror32(uint32_t v, unsigned n)
{
    n &= 31;
    return n ? (v >> n) | (v << (32 - n)) : v;
}

/* Write to the PC from an instruction (set by arm_generic). */
static uint32_t g_pc_val;
static bool g_pc_bx;

/* Execute one instruction that has no dedicated handler.  R[15] holds the
 * instruction's address + 4.  Returns R_OK, R_FAULT (g_fault_*), or R_PC
 * (g_pc_val / g_pc_bx: the instruction wrote the PC). */
static int arm_generic(ArmCpu *cpu, const ArmInsn *in, uint32_t pc)
{
    uint32_t *R = cpu->r;
    bool S = (in->flags & ARM_F_S) != 0;
    uint32_t imm = (uint32_t)in->imm;
    uint32_t res, carry = cpu->cf, op2;
    unsigned op = in->op;

#define WRITE_RD(v) do { uint32_t v_ = (v); if (in->rd == 15) { g_pc_val = v_; g_pc_bx = false; return R_PC; } R[in->rd] = v_; } while (0)
#define LOGIC_FLAGS(r) do { if (S) { cpu->nf = cpu->zf = (r); cpu->cf = carry; } } while (0)

    switch (op) {
    /* ---- data processing, immediate ---- */
    case ARM_OP_AND_IMM: case ARM_OP_EOR_IMM: case ARM_OP_ORR_IMM: case ARM_OP_ORN_IMM:
    case ARM_OP_BIC_IMM: case ARM_OP_MOV_IMM: case ARM_OP_MVN_IMM: case ARM_OP_TST_IMM:
    case ARM_OP_TEQ_IMM:
        op2 = imm;
        if (in->flags & ARM_F_IMM_CARRY)
            carry = imm >> 31;
        goto logic;
    case ARM_OP_AND_REG: case ARM_OP_EOR_REG: case ARM_OP_ORR_REG: case ARM_OP_ORN_REG:
    case ARM_OP_BIC_REG: case ARM_OP_MOV_REG: case ARM_OP_MVN_REG: case ARM_OP_TST_REG:
    case ARM_OP_TEQ_REG:
        op2 = shift_c(R[in->rm], in->shift_t, in->shift_n, cpu->cf, &carry);
        op = op - ARM_OP_AND_REG + ARM_OP_AND_IMM;
    logic:
        switch (op) {
        case ARM_OP_AND_IMM: res = R[in->rn] & op2; break;
        case ARM_OP_EOR_IMM: res = R[in->rn] ^ op2; break;
        case ARM_OP_ORR_IMM: res = R[in->rn] | op2; break;
        case ARM_OP_ORN_IMM: res = R[in->rn] | ~op2; break;
        case ARM_OP_BIC_IMM: res = R[in->rn] & ~op2; break;
        case ARM_OP_MOV_IMM: res = op2; break;
        case ARM_OP_MVN_IMM: res = ~op2; break;
        case ARM_OP_TST_IMM: res = R[in->rn] & op2; cpu->nf = cpu->zf = res; cpu->cf = carry; return R_OK;
        default: res = R[in->rn] ^ op2; cpu->nf = cpu->zf = res; cpu->cf = carry; return R_OK;
        }
        LOGIC_FLAGS(res);
        WRITE_RD(res);
        return R_OK;
    case ARM_OP_CMP_IMM: case ARM_OP_CMN_IMM: case ARM_OP_ADD_IMM: case ARM_OP_ADC_IMM:
    case ARM_OP_SUB_IMM: case ARM_OP_SBC_IMM: case ARM_OP_RSB_IMM:
        op2 = imm;
        goto arith;
    case ARM_OP_CMP_REG: case ARM_OP_CMN_REG: case ARM_OP_ADD_REG: case ARM_OP_ADC_REG:
    case ARM_OP_SUB_REG: case ARM_OP_SBC_REG: case ARM_OP_RSB_REG: {
        uint32_t dummy;
        op2 = shift_c(R[in->rm], in->shift_t, in->shift_n, cpu->cf, &dummy);
        op = op - ARM_OP_AND_REG + ARM_OP_AND_IMM;
    }
    arith: {
        uint32_t a = R[in->rn];
        uint32_t b, c;
        switch (op) {
        case ARM_OP_CMP_IMM: add_flags(cpu, a, ~op2, 1); return R_OK;
        case ARM_OP_CMN_IMM: add_flags(cpu, a, op2, 0); return R_OK;
        case ARM_OP_ADD_IMM: b = op2; c = 0; break;
        case ARM_OP_ADC_IMM: b = op2; c = cpu->cf; break;
        case ARM_OP_SUB_IMM: b = ~op2; c = 1; break;
        case ARM_OP_SBC_IMM: b = ~op2; c = cpu->cf; break;
        default: /* RSB */ b = ~a; a = op2; c = 1; break;
        }
        if (S && in->rd != 15)
            res = add_flags(cpu, a, b, c);
        else
            res = a + b + c;
        WRITE_RD(res);
        return R_OK;
    }
    case ARM_OP_ADR:
        WRITE_RD((R[15] & ~3u) + imm);
        return R_OK;
    case ARM_OP_MOVT:
        R[in->rd] = (R[in->rd] & 0xffff) | imm << 16;
        return R_OK;
    case ARM_OP_LSL_REG: case ARM_OP_LSR_REG: case ARM_OP_ASR_REG: case ARM_OP_ROR_REG:
        res = shift_c(R[in->rn], op - ARM_OP_LSL_REG, R[in->rm] & 0xff, cpu->cf, &carry);
        LOGIC_FLAGS(res);
        R[in->rd] = res;
        return R_OK;
    /* ---- multiply / divide (A7.7.83...) ---- */
    case ARM_OP_MUL:
        res = R[in->rn] * R[in->rm];
        if (S) cpu->nf = cpu->zf = res;
        R[in->rd] = res;
        return R_OK;
    case ARM_OP_MLA: R[in->rd] = R[in->rn] * R[in->rm] + R[in->ra]; return R_OK;
    case ARM_OP_MLS: R[in->rd] = R[in->ra] - R[in->rn] * R[in->rm]; return R_OK;
    case ARM_OP_UMULL: case ARM_OP_SMULL: case ARM_OP_UMLAL: case ARM_OP_SMLAL: case ARM_OP_UMAAL: {
        uint64_t r64;
        if (op == ARM_OP_UMULL || op == ARM_OP_UMLAL || op == ARM_OP_UMAAL)
            r64 = (uint64_t)R[in->rn] * R[in->rm];
        else
            r64 = (uint64_t)((int64_t)(int32_t)R[in->rn] * (int32_t)R[in->rm]);
        if (op == ARM_OP_UMLAL || op == ARM_OP_SMLAL)
            r64 += (uint64_t)R[in->ra] << 32 | R[in->rd];
        if (op == ARM_OP_UMAAL)
            r64 += (uint64_t)R[in->ra] + R[in->rd];
        R[in->rd] = (uint32_t)r64;
        R[in->ra] = (uint32_t)(r64 >> 32);
        return R_OK;
    }
    case ARM_OP_SDIV: case ARM_OP_UDIV: {
        uint32_t d = R[in->rm];
        if (d == 0) {
            if (cpu->scs->ccr & CCR_DIV_0_TRP)
                return mem_fault(ARMV7M_EXC_USAGEFAULT, CFSR_DIVBYZERO), R_FAULT;
            R[in->rd] = 0;
            return R_OK;
        }
        if (op == ARM_OP_UDIV)
            R[in->rd] = R[in->rn] / d;
        else if (R[in->rn] == 0x80000000u && d == 0xffffffffu)
            R[in->rd] = 0x80000000u;
        else
            R[in->rd] = (uint32_t)((int32_t)R[in->rn] / (int32_t)d);
        return R_OK;
    }
    /* ---- bit fields, saturation, misc ---- */
    case ARM_OP_BFI: case ARM_OP_BFC: {
        unsigned lsb = imm, msb = in->imm2;
        if (msb < lsb)
            return R_OK;  /* UNPREDICTABLE: no change */
        uint32_t mask = (msb - lsb == 31) ? 0xffffffffu : ((1u << (msb - lsb + 1)) - 1) << lsb;
        uint32_t src = op == ARM_OP_BFI ? R[in->rn] << lsb : 0;
        R[in->rd] = (R[in->rd] & ~mask) | (src & mask);
        return R_OK;
    }
    case ARM_OP_UBFX: case ARM_OP_SBFX: {
        unsigned lsb = imm, w = in->imm2 + 1u;
        if (lsb + w > 32)
            return R_OK;
        uint32_t v = R[in->rn] >> lsb;
        if (w < 32) {
            v &= (1u << w) - 1;
            if (op == ARM_OP_SBFX && (v >> (w - 1)) & 1)
                v |= ~((1u << w) - 1);
        }
        R[in->rd] = v;
        return R_OK;
    }
    case ARM_OP_SSAT: case ARM_OP_USAT: {
        uint32_t dummy;
        int32_t v = (int32_t)shift_c(R[in->rm], in->shift_t, in->shift_n, 0, &dummy);
        R[in->rd] = op == ARM_OP_SSAT ? ssat(cpu, v, imm) : usat(cpu, v, imm);
        return R_OK;
    }
    case ARM_OP_SSAT16: case ARM_OP_USAT16: {
        uint32_t v = R[in->rm], lo, hi;
        if (op == ARM_OP_SSAT16) {
            lo = ssat(cpu, (int16_t)v, imm) & 0xffff;
            hi = ssat(cpu, (int16_t)(v >> 16), imm) & 0xffff;
        } else {
            lo = usat(cpu, (int16_t)v, imm);
            hi = usat(cpu, (int16_t)(v >> 16), imm);
        }
        R[in->rd] = lo | hi << 16;
        return R_OK;
    }
    case ARM_OP_CLZ: R[in->rd] = R[in->rm] ? (uint32_t)__builtin_clz(R[in->rm]) : 32; return R_OK;
    case ARM_OP_RBIT: {
        uint32_t v = R[in->rm], r = 0;
        for (unsigned i = 0; i < 32; i++)
            r |= ((v >> i) & 1) << (31 - i);
        R[in->rd] = r;
        return R_OK;
    }
    case ARM_OP_REV: R[in->rd] = __builtin_bswap32(R[in->rm]); return R_OK;
    case ARM_OP_REV16: {
        uint32_t v = R[in->rm];
        R[in->rd] = ((v & 0x00ff00ffu) << 8) | ((v & 0xff00ff00u) >> 8);
        return R_OK;
    }
    case ARM_OP_REVSH: {
        uint32_t v = R[in->rm];
        R[in->rd] = (uint32_t)(int32_t)(int16_t)(((v & 0xff) << 8) | ((v >> 8) & 0xff));
        return R_OK;
    }
    case ARM_OP_SXTB: R[in->rd] = (uint32_t)(int8_t)ror32(R[in->rm], in->shift_n); return R_OK;
    case ARM_OP_SXTH: R[in->rd] = (uint32_t)(int16_t)ror32(R[in->rm], in->shift_n); return R_OK;
    case ARM_OP_UXTB: R[in->rd] = ror32(R[in->rm], in->shift_n) & 0xff; return R_OK;
    case ARM_OP_UXTH: R[in->rd] = ror32(R[in->rm], in->shift_n) & 0xffff; return R_OK;
    case ARM_OP_SXTAB: R[in->rd] = R[in->rn] + (uint32_t)(int8_t)ror32(R[in->rm], in->shift_n); return R_OK;
    case ARM_OP_SXTAH: R[in->rd] = R[in->rn] + (uint32_t)(int16_t)ror32(R[in->rm], in->shift_n); return R_OK;
    case ARM_OP_UXTAB: R[in->rd] = R[in->rn] + (ror32(R[in->rm], in->shift_n) & 0xff); return R_OK;
    case ARM_OP_UXTAH: R[in->rd] = R[in->rn] + (ror32(R[in->rm], in->shift_n) & 0xffff); return R_OK;
    case ARM_OP_SXTB16: case ARM_OP_UXTB16: case ARM_OP_SXTAB16: case ARM_OP_UXTAB16: {
        uint32_t v = ror32(R[in->rm], in->shift_n);
        uint32_t lo = v & 0xff, hi = (v >> 16) & 0xff;
        if (op == ARM_OP_SXTB16 || op == ARM_OP_SXTAB16) {
            lo = (uint32_t)(int8_t)lo;
            hi = (uint32_t)(int8_t)hi;
        }
        if (op == ARM_OP_SXTAB16 || op == ARM_OP_UXTAB16) {
            lo += R[in->rn] & 0xffff;
            hi += R[in->rn] >> 16;
        }
        R[in->rd] = (lo & 0xffff) | (hi & 0xffff) << 16;
        return R_OK;
    }
    /* ---- loads and stores (A7.7.42...) ---- */
    case ARM_OP_LDR_IMM: case ARM_OP_STR_IMM: case ARM_OP_LDRT: case ARM_OP_STRT:
    case ARM_OP_LDR_REG: case ARM_OP_STR_REG: case ARM_OP_LDR_LIT: {
        bool load = op == ARM_OP_LDR_IMM || op == ARM_OP_LDRT || op == ARM_OP_LDR_REG ||
                    op == ARM_OP_LDR_LIT;
        uint32_t base = R[in->rn], off, addr, v;
        bool index = true, wback = false;
        if (op == ARM_OP_LDR_LIT) {
            base = R[15] & ~3u;
            off = imm;
        } else if (op == ARM_OP_LDR_REG || op == ARM_OP_STR_REG) {
            off = R[in->rm] << in->shift_n;
        } else {
            off = imm;
            index = (in->flags & ARM_F_INDEX) != 0;
            wback = (in->flags & ARM_F_WBACK) != 0;
        }
        uint32_t oaddr = (in->flags & ARM_F_ADD) || op == ARM_OP_LDR_REG || op == ARM_OP_STR_REG
                         ? base + off : base - off;
        addr = index ? oaddr : base;
        if (load) {
            if (!rd_mem(cpu, addr, in->width, &v, false))
                return R_FAULT;
            if (in->flags & ARM_F_SIGNED)
                v = in->width == 1 ? (uint32_t)(int8_t)v : (uint32_t)(int16_t)v;
            if (wback)
                R[in->rn] = oaddr;
            if (in->rd == 15) {
                if (addr & 3)
                    return mem_fault(ARMV7M_EXC_USAGEFAULT, CFSR_UNALIGNED), R_FAULT;
                g_pc_val = v;
                g_pc_bx = true;
                return R_PC;
            }
            R[in->rd] = v;
        } else {
            if (!wr_mem(cpu, addr, in->width, R[in->rd], false))
                return R_FAULT;
            if (wback)
                R[in->rn] = oaddr;
        }
        return R_OK;
    }
    case ARM_OP_LDRD_IMM: case ARM_OP_STRD_IMM: case ARM_OP_LDRD_LIT: {
        uint32_t base = op == ARM_OP_LDRD_LIT ? R[15] & ~3u : R[in->rn];
        uint32_t oaddr = (in->flags & ARM_F_ADD) ? base + imm : base - imm;
        uint32_t addr = (op == ARM_OP_LDRD_LIT || (in->flags & ARM_F_INDEX)) ? oaddr : base;
        if (op == ARM_OP_STRD_IMM) {
            if (!wr_mem(cpu, addr, 4, R[in->rd], true) || !wr_mem(cpu, addr + 4, 4, R[in->ra], true))
                return R_FAULT;
        } else {
            uint32_t v1, v2;
            if (!rd_mem(cpu, addr, 4, &v1, true) || !rd_mem(cpu, addr + 4, 4, &v2, true))
                return R_FAULT;
            R[in->rd] = v1;
            R[in->ra] = v2;
        }
        if (op != ARM_OP_LDRD_LIT && (in->flags & ARM_F_WBACK))
            R[in->rn] = oaddr;
        return R_OK;
    }
    case ARM_OP_LDREX: {
        uint32_t addr = R[in->rn] + imm, v;
        if (!rd_mem(cpu, addr, in->width, &v, true))
            return R_FAULT;
        cpu->excl_valid = true;
        cpu->excl_addr = addr;
        R[in->rd] = v;
        return R_OK;
    }
    case ARM_OP_STREX: {
        uint32_t addr = R[in->rn] + imm;
        if (addr & (in->width - 1u))
            return mem_fault(ARMV7M_EXC_USAGEFAULT, CFSR_UNALIGNED), R_FAULT;
        if (cpu->excl_valid && cpu->excl_addr == addr) {
            if (!wr_mem(cpu, addr, in->width, R[in->rd], true))
                return R_FAULT;
            R[in->ra] = 0;
        } else {
            R[in->ra] = 1;
        }
        cpu->excl_valid = false;
        return R_OK;
    }
    case ARM_OP_CLREX: cpu->excl_valid = false; return R_OK;
    case ARM_OP_LDM: case ARM_OP_LDMDB: case ARM_OP_STM: case ARM_OP_STMDB: {
        unsigned cnt = (unsigned)__builtin_popcount(in->reglist);
        uint32_t base = R[in->rn];
        bool db = op == ARM_OP_LDMDB || op == ARM_OP_STMDB;
        uint32_t addr = db ? base - 4 * cnt : base;
        uint32_t wb = db ? base - 4 * cnt : base + 4 * cnt;
        if (addr & 3)
            return mem_fault(ARMV7M_EXC_USAGEFAULT, CFSR_UNALIGNED), R_FAULT;
        /* fast path: the whole transfer inside the main RAM region (and,
         * for stores, no translated code in it) */
        uint8_t *p = NULL;
        uint32_t off = addr - cpu->fast_base;
        bool store = op == ARM_OP_STM || op == ARM_OP_STMDB;
        if (likely(cnt && cpu->fast_size && off < cpu->fast_size &&
                   cpu->fast_size - off >= 4 * cnt)) {
            const uint8_t *cl = cpu->m->code_lines;
            uint32_t l0 = addr >> 6, l1 = (addr + 4 * cnt - 1) >> 6;
            if (!store || (!cl[l0] && !cl[l1] && l1 - l0 <= 1))
                p = cpu->fast_host + off;
        }
        uint32_t vals[16];
        for (unsigned r = 0; r < 16; r++) {
            if (!(in->reglist >> r & 1))
                continue;
            if (p) {
                if (store)
                    memcpy(p, &R[r], 4);
                else
                    memcpy(&vals[r], p, 4);
                p += 4;
            } else if (store ? !wr_mem(cpu, addr, 4, R[r], true)
                             : !rd_mem(cpu, addr, 4, &vals[r], true)) {
                return R_FAULT;
            }
            addr += 4;
        }
        if (in->flags & ARM_F_WBACK)
            R[in->rn] = wb;
        if (store)
            return R_OK;
        for (unsigned r = 0; r < 15; r++)
            if (in->reglist >> r & 1)
                R[r] = vals[r];
        if (in->reglist & 0x8000) {
            g_pc_val = vals[15];
            g_pc_bx = true;
            return R_PC;
        }
        return R_OK;
    }
    case ARM_OP_PLD: case ARM_OP_PLI:
    case ARM_OP_NOP: case ARM_OP_YIELD: case ARM_OP_SEV: case ARM_OP_DBG:
    case ARM_OP_DMB: case ARM_OP_DSB: case ARM_OP_IT:
        return R_OK;
    /* ---- system (B5.2) ---- */
    case ARM_OP_MRS: {
        unsigned sysm = imm & 0xff;
        uint32_t v = 0;
        bool priv = arm_privileged(cpu);
        if (sysm < 8) {
            uint32_t x = arm_get_xpsr(cpu);
            if (!(sysm & 4))
                v |= x & (cpu->has_dsp ? 0xf80f0000u : 0xf8000000u);
            if (sysm & 1)
                v |= x & 0x1ff;
        } else if (priv) {
            switch (sysm) {
            case 8: v = arm_get_msp(cpu); break;
            case 9: v = arm_get_psp(cpu); break;
            case 16: v = cpu->primask; break;
            case 17: case 18: v = cpu->basepri; break;
            case 19: v = cpu->faultmask; break;
            case 20: v = cpu->control; break;
            default: break;
            }
        } else if (sysm == 20) {
            v = cpu->control;
        }
        R[in->rd] = v;
        return R_OK;
    }
    case ARM_OP_MSR: {
        unsigned sysm = imm & 0xff, mask = (imm >> 8) & 3;
        uint32_t v = R[in->rn];
        bool priv = arm_privileged(cpu);
        if (sysm < 8) {
            if (!(sysm & 4))
                arm_set_apsr(cpu, v, (mask & 2) != 0, (mask & 1) && cpu->has_dsp);
        } else if (priv) {
            switch (sysm) {
            case 8: arm_set_msp(cpu, v); break;
            case 9: arm_set_psp(cpu, v); break;
            case 16: cpu->primask = v & 1; break;
            case 17: cpu->basepri = v & 0xff; break;
            case 18:
                if ((v & 0xff) && ((v & 0xff) < cpu->basepri || !cpu->basepri))
                    cpu->basepri = v & 0xff;
                break;
            case 19:
                if (arm_exec_prio(cpu) > -1)
                    cpu->faultmask = v & 1;
                else
                    cpu->faultmask = cpu->faultmask && (v & 1);
                break;
            case 20:
                cpu->control = (cpu->control & ~CONTROL_NPRIV) | (v & CONTROL_NPRIV);
                if (cpu->has_fpu)       /* B5.2.3: FPCA with the FP extension */
                    cpu->control = (cpu->control & ~CONTROL_FPCA) | (v & CONTROL_FPCA);
                if (!arm_handler_mode(cpu)) {
                    cpu->control = (cpu->control & ~CONTROL_SPSEL) | (v & CONTROL_SPSEL);
                    arm_sp_update(cpu, (cpu->control & CONTROL_SPSEL) != 0);
                }
                break;
            default:
                EMU_LOG(EMU_LOG_GUEST_ERRORS, "armv7m: MSR to reserved SYSm %u at %08" PRIx32 "\n",
                        sysm, pc);
                break;
            }
        }
        cpu->scs->changed = 1;
        emu_machine_kick(cpu->m);
        return R_OK;
    }
    case ARM_OP_CPS:
        if (arm_privileged(cpu)) {
            bool dis = (imm & 0x10) != 0;
            if (imm & 2)
                cpu->primask = dis;
            if (imm & 1) {
                if (!dis)
                    cpu->faultmask = 0;
                else if (arm_exec_prio(cpu) > -1)
                    cpu->faultmask = 1;
            }
            cpu->scs->changed = 1;
            emu_machine_kick(cpu->m);
        }
        return R_OK;
    case ARM_OP_ISB:
        return R_OK;
    /* ---- DSP (Cortex-M4) ---- */
    case ARM_OP_QADD: R[in->rd] = ssat(cpu, (int64_t)(int32_t)R[in->rm] + (int32_t)R[in->rn], 32); return R_OK;
    case ARM_OP_QSUB: R[in->rd] = ssat(cpu, (int64_t)(int32_t)R[in->rm] - (int32_t)R[in->rn], 32); return R_OK;
    case ARM_OP_QDADD: {
        int32_t d = (int32_t)ssat(cpu, 2 * (int64_t)(int32_t)R[in->rn], 32);
        R[in->rd] = ssat(cpu, (int64_t)(int32_t)R[in->rm] + d, 32);
        return R_OK;
    }
    case ARM_OP_QDSUB: {
        int32_t d = (int32_t)ssat(cpu, 2 * (int64_t)(int32_t)R[in->rn], 32);
        R[in->rd] = ssat(cpu, (int64_t)(int32_t)R[in->rm] - d, 32);
        return R_OK;
    }
    case ARM_OP_SEL: {
        uint32_t a = R[in->rn], b = R[in->rm], r = 0;
        for (unsigned i = 0; i < 4; i++)
            r |= ((cpu->ge >> i & 1) ? a : b) & (0xffu << (8 * i));
        R[in->rd] = r;
        return R_OK;
    }
    case ARM_OP_USAD8: case ARM_OP_USADA8: {
        uint32_t a = R[in->rn], b = R[in->rm], sum = 0;
        for (unsigned i = 0; i < 4; i++) {
            int32_t d = (int32_t)((a >> (8 * i)) & 0xff) - (int32_t)((b >> (8 * i)) & 0xff);
            sum += (uint32_t)(d < 0 ? -d : d);
        }
        R[in->rd] = sum + (op == ARM_OP_USADA8 ? R[in->ra] : 0);
        return R_OK;
    }
    case ARM_OP_PKHBT: case ARM_OP_PKHTB: {
        uint32_t dummy;
        uint32_t sh = shift_c(R[in->rm], in->shift_t, in->shift_n, 0, &dummy);
        if (op == ARM_OP_PKHBT)
            R[in->rd] = (R[in->rn] & 0xffff) | (sh & 0xffff0000u);
        else
            R[in->rd] = (R[in->rn] & 0xffff0000u) | (sh & 0xffff);
        return R_OK;
    }
    case ARM_OP_SMULXY: case ARM_OP_SMLAXY: {
        int64_t p = (int64_t)half(R[in->rn], imm & 2) * half(R[in->rm], imm & 1);
        if (op == ARM_OP_SMLAXY) {
            p += (int32_t)R[in->ra];
            if (p != (int32_t)p)
                cpu->qf = 1;
        }
        R[in->rd] = (uint32_t)p;
        return R_OK;
    }
    case ARM_OP_SMULWY: case ARM_OP_SMLAWY: {
        int64_t p = ((int64_t)(int32_t)R[in->rn] * half(R[in->rm], imm & 1)) >> 16;
        if (op == ARM_OP_SMLAWY) {
            p += (int32_t)R[in->ra];
            if (p != (int32_t)p)
                cpu->qf = 1;
        }
        R[in->rd] = (uint32_t)p;
        return R_OK;
    }
    case ARM_OP_SMLALXY: {
        uint64_t acc = (uint64_t)R[in->ra] << 32 | R[in->rd];     /* modulo 2^64 */
        acc += (uint64_t)((int64_t)half(R[in->rn], imm & 2) * half(R[in->rm], imm & 1));
        R[in->rd] = (uint32_t)acc;
        R[in->ra] = (uint32_t)(acc >> 32);
        return R_OK;
    }
    case ARM_OP_SMUAD: case ARM_OP_SMUSD: case ARM_OP_SMLAD: case ARM_OP_SMLSD:
    case ARM_OP_SMLALD: case ARM_OP_SMLSLD: {
        uint32_t m = (imm & 1) ? ror32(R[in->rm], 16) : R[in->rm];
        int64_t p1 = (int64_t)half(R[in->rn], false) * half(m, false);
        int64_t p2 = (int64_t)half(R[in->rn], true) * half(m, true);
        bool sub = op == ARM_OP_SMUSD || op == ARM_OP_SMLSD || op == ARM_OP_SMLSLD;
        int64_t s = sub ? p1 - p2 : p1 + p2;
        if (op == ARM_OP_SMLALD || op == ARM_OP_SMLSLD) {
            uint64_t acc = ((uint64_t)R[in->ra] << 32 | R[in->rd]) + (uint64_t)s;
            R[in->rd] = (uint32_t)acc;
            R[in->ra] = (uint32_t)(acc >> 32);
            return R_OK;
        }
        if (op == ARM_OP_SMLAD || op == ARM_OP_SMLSD)
            s += (int32_t)R[in->ra];
        if (s != (int32_t)s)
            cpu->qf = 1;
        R[in->rd] = (uint32_t)s;
        return R_OK;
    }
    case ARM_OP_SMMUL: case ARM_OP_SMMLA: case ARM_OP_SMMLS: {
        /* modulo 2^64 arithmetic: only bits [63:32] are kept (A7.7.151) */
        uint64_t p = (uint64_t)((int64_t)(int32_t)R[in->rn] * (int32_t)R[in->rm]);
        uint64_t acc = (uint64_t)R[in->ra] << 32;
        if (op == ARM_OP_SMMLA) p = acc + p;
        else if (op == ARM_OP_SMMLS) p = acc - p;
        if (imm & 1)
            p += 0x80000000ull;
        R[in->rd] = (uint32_t)(p >> 32);
        return R_OK;
    }
    default:
        if (op >= ARM_OP_SADD16 && op <= ARM_OP_UHSUB8) {
            R[in->rd] = parallel(cpu, op, R[in->rn], R[in->rm]);
            return R_OK;
        }
        if (cpu->has_fpu) {     /* pick_handler sends only FP space here */
            uint32_t exc, bits = arm_fpu_exec(cpu, in, pc, &exc);
            return bits ? (mem_fault(exc, bits), R_FAULT) : R_OK;
        }
        break;
    }
#undef WRITE_RD
#undef LOGIC_FLAGS
    emu_machine_stop_error(cpu->m, "armv7m: unimplemented instruction %s (raw 0x%08" PRIx32
                           ") at pc 0x%08" PRIx32, arm_op_name((ArmOp)in->op), in->raw, pc);
    return mem_fault(0, 0), R_FAULT;
}

static void arm_log_block(ArmCpu *cpu, const ArmTB *tb)
{
    if (emu_log_enabled(EMU_LOG_CPU))
        arm_dump(cpu, emu_log_file);
    if (emu_log_enabled(EMU_LOG_EXEC))
        emu_log(EMU_LOG_EXEC, "Trace %08" PRIx32 " [%" PRIu32 "]\n", tb->pc, tb->ninsns);
}

/* ------------------------------------------------------------------------ */
/* The interpreter. */

EmuRunReason arm_exec(ArmCpu *cpu, uint64_t limit)
{
    static const void *const handlers[H_COUNT] = {
        [H_GENERIC] = &&L_GENERIC, [H_COND] = &&L_COND, [H_END] = &&L_END,
        [H_FETCH_FAULT] = &&L_FETCH_FAULT,
        [H_MOV_IMM] = &&L_MOV_IMM, [H_MOV_REG] = &&L_MOV_REG, [H_ADD_IMM] = &&L_ADD_IMM,
        [H_SUB_IMM] = &&L_SUB_IMM, [H_CMP_IMM] = &&L_CMP_IMM, [H_ADD_REG] = &&L_ADD_REG,
        [H_SUB_REG] = &&L_SUB_REG, [H_CMP_REG] = &&L_CMP_REG,
        [H_DP_SH] = &&L_DP_SH, [H_MOVS_SH] = &&L_MOVS_SH, [H_ADDS_IMM] = &&L_ADDS_IMM,
        [H_SUBS_IMM] = &&L_SUBS_IMM, [H_ADDS_REG] = &&L_ADDS_REG, [H_SUBS_REG] = &&L_SUBS_REG,
        [H_UBFX] = &&L_UBFX, [H_NOP] = &&L_NOP, [H_LOGIC_IMM] = &&L_LOGIC_IMM,
        [H_TST_IMM] = &&L_TST_IMM, [H_LDR_LIT] = &&L_LDR_LIT,
        [H_LOGICS_SH] = &&L_LOGICS_SH, [H_MOVT] = &&L_MOVT,
        [H_UXTB] = &&L_UXTB, [H_UXTH] = &&L_UXTH, [H_SXTB] = &&L_SXTB, [H_SXTH] = &&L_SXTH,
        [H_MUL] = &&L_MUL, [H_MLA] = &&L_MLA, [H_MLS] = &&L_MLS, [H_UMULL] = &&L_UMULL,
        [H_SMULL] = &&L_SMULL, [H_LDRD] = &&L_LDRD, [H_STRD] = &&L_STRD,
        [H_LDM] = &&L_LDM, [H_LDMDB] = &&L_LDMDB, [H_STM] = &&L_STM, [H_STMDB] = &&L_STMDB,
#define H_MEM_TAB_(n, k, sz, t) [H_##n##_IMM] = &&L_##n##_IMM, [H_##n##_PRE] = &&L_##n##_PRE, \
        [H_##n##_POST] = &&L_##n##_POST, [H_##n##_REG] = &&L_##n##_REG,
#define H_DP_TAB_(n, e) [H_##n##_LSL] = &&L_##n##_LSL, [H_##n##_LSR] = &&L_##n##_LSR, \
        [H_##n##_ASR] = &&L_##n##_ASR,
#define H_LOGICS_TAB_(n, e, w) [H_##n##_REG] = &&L_##n##_REG,
#define H_COND_TAB_(c) [H_COND_##c] = &&L_COND_##c,
#define H_B_TAB_(c) [H_B_##c] = &&L_B_##c,
        ARM_MEM_OPS(H_MEM_TAB_)
        ARM_DP_OPS(H_DP_TAB_)
        ARM_LOGICS_OPS(H_LOGICS_TAB_)
        ARM_CONDS(H_COND_TAB_)
        ARM_CONDS(H_B_TAB_)
#undef H_MEM_TAB_
#undef H_DP_TAB_
#undef H_LOGICS_TAB_
#undef H_COND_TAB_
#undef H_B_TAB_
        [H_B] = &&L_B, [H_BL] = &&L_BL, [H_BL_COND] = &&L_BL_COND, [H_BX] = &&L_BX, [H_BLX] = &&L_BLX,
        [H_CBZ] = &&L_CBZ, [H_CBNZ] = &&L_CBNZ, [H_TBB] = &&L_TBB, [H_TBH] = &&L_TBH,
        [H_PCWRITE] = &&L_PCWRITE, [H_SYSTEM] = &&L_SYSTEM, [H_SVC] = &&L_SVC,
        [H_BKPT] = &&L_BKPT, [H_SEMIHOST] = &&L_SEMIHOST, [H_UNDEF] = &&L_UNDEF,
        [H_NOCP] = &&L_NOCP, [H_WFI] = &&L_WFI, [H_WFE] = &&L_WFE,
        [H_DBG_BKPT] = &&L_DBG_BKPT, [H_DBG_STOP] = &&L_DBG_STOP,
    };
    EmuMachine *const m = cpu->m;
    uint32_t *const R = cpu->r;
    ArmV7mScs *const scs = cpu->scs;
    const uint8_t *const code_lines = m->code_lines;
    const uintptr_t *rd_tab, *wr_tab;
    uint32_t fast_base, fast_lim;
    uint8_t *fast_host;
    ArmTB *tb;
    const ArmOpc *op;
    uint64_t icount = m->icount;
    uint32_t f_exc = 0, f_bits = 0;
    int taken;
    bool slow_hooks;
    TraceWriter *const tw = m->trace_writer;
    cpu->chain_from = NULL;
    cpu->chain_slot = 0;
#define chain_from (*(ArmTB **)&cpu->chain_from)
#define chain_slot (cpu->chain_slot)
    /* debug (emu/core/debug.h): 0 normal; 1 a single step starts at the
     * next block; 2 the stepped instruction runs: stop at the next check
     * (or H_DBG_STOP) */
    cpu->dbg.dstate = 0;
#define dstate (cpu->dbg.dstate)
    cpu->dbg.dbg_op = NULL;

    cpu->tbc->h = handlers;
    if (m->error)
        return EMU_RUN_ERROR;

#define NEXT()      do { op++; goto *op->h; } while (0)
#define OP_PC()     (op->pc)
#define INSN_IDX()  ((unsigned)op->idx)
#define SYNC()      (m->icount = icount - tb->ninsns + INSN_IDX())
#define FAULT(e, b) do { f_exc = (e); f_bits = (b); goto fault; } while (0)
#define LEAVE(r)    do { if (unlikely(dstate)) emu_dbg_leave(&cpu->dbg);       \
                         m->icount = icount; return (r); } while (0)
#define LOAD_LOCALS() do {                                                     \
        rd_tab = cpu->rd_tab;                                                  \
        wr_tab = cpu->wr_tab;                                                  \
        fast_base = cpu->fast_base;                                            \
        fast_lim = cpu->fast_size > 3 ? cpu->fast_size - 3 : 0;                \
        fast_host = cpu->fast_host;                                            \
        slow_hooks = cpu->slow_hooks || (emu_log_mask & (EMU_LOG_EXEC | EMU_LOG_CPU)); \
    } while (0)
    /* block entry: account for its instructions up front, feed the trace */
#define TB_HOOKS(t) do {                                                       \
        tb = (t);                                                              \
        icount += tb->ninsns;                                                  \
        if (tw && tb->ninsns) {                                                \
            trace_block_enter(tw, tb->trace_id);                               \
            m->trace_last_ninsns = tb->ninsns;                                 \
        }                                                                      \
        if (unlikely(slow_hooks) && tb->ninsns) { m->icount = icount; arm_log_block(cpu, tb); } \
    } while (0)
#define ENTER_TB(t) do {                                                       \
        TB_HOOKS(t);                                                           \
        op = tb->ops;                                                          \
        goto *op->h;                                                           \
    } while (0)
#define COND_CHAIN(t) do {                                                     \
        if (tw) trace_cond(tw, tb->trace_id, (t));                             \
        CHAIN(t);                                                              \
    } while (0)
#define CHAIN(t) do {                                                          \
        ArmTB *nx_ = tb->next[(t)];                                            \
        if (likely(nx_ != NULL) && likely(icount < limit) && likely(!m->kick)) \
            ENTER_TB(nx_);                                                     \
        taken = (t);                                                           \
        goto exit_slow;                                                        \
    } while (0)

    /* Debug: a pending stop, a step request, or resuming inside the block
     * where the last stop happened (its entry is already accounted and
     * traced: continue with the operation's own handler, skipping a
     * breakpoint there). */
    if (unlikely(cpu->dbg.step || cpu->dbg.stop_at_check || cpu->dbg.resume_tb)) {
        EmuDbg *d = &cpu->dbg;
        ArmTB *rt = emu_dbg_enter(d, &limit);
        if (rt && d->resume_gen == cpu->tbc->generation && dstate != 2 && cpu->thumb &&
            rt->ops[d->resume_idx].pc == cpu->pc && rt->ops[d->resume_idx].its == cpu->itstate) {
            uint32_t j = d->resume_idx;
            tb = rt;
            op = &tb->ops[j];
            icount = m->icount - op->idx + tb->ninsns;
            LOAD_LOCALS();
            const void *h = emu_dbg_orig(d, &tb->ops[j].h);
            if (dstate == 1) {
                d->dbg_op = op;
                if (arm_dbg_arm_step(cpu, tb, j))
                    limit = 0;
                dstate = 2;
            }
            goto *h;
        }
    }

check:
    m->icount = icount;
    if (unlikely(cpu->flush_pending)) {
        arm_tb_flush(cpu);
        chain_from = NULL;
    }
    if (m->kick) {
        m->kick = 0;
        if (m->exit_requested || m->error)
            LEAVE(m->error ? EMU_RUN_ERROR : EMU_RUN_EXIT);
        if (m->reset_requested)
            LEAVE(EMU_RUN_LIMIT);
        if (cpu->flush_pending) {
            arm_tb_flush(cpu);
            chain_from = NULL;
        }
        /* A device may have armed a timer earlier than the deadline this
         * run was budgeted for (emu_timer_mod kicks): let the main loop
         * recompute the limit, so timers fire at their exact instruction
         * count whatever the slice length (with or without a debugger). */
        if (likely(dstate == 0) && icount < limit && m->next_deadline_ns != UINT64_MAX)
            LEAVE(EMU_RUN_LIMIT);
    }
    if (scs->changed) {
        scs->changed = 0;
        for (;;) {
            uint32_t from = cpu->pc;
            unsigned exc = arm_check_irq(cpu);
            if (!exc)
                break;
            if (tw)
                trace_event(tw, TRACE_EV_INTERRUPT, from, exc, cpu->pc, m->trace_last_ninsns);
            chain_from = NULL;
        }
        if (m->error)
            LEAVE(EMU_RUN_ERROR);
    }
    if (unlikely(dstate == 2 || cpu->dbg.watch_hit)) {
        /* the stepped instruction (or one that hit a watchpoint) ended its
         * block, or took an exception: stop where execution goes on */
        arm_dbg_stop_at_check(cpu);
        LEAVE(EMU_RUN_DEBUG);
    }
    if (icount >= limit)
        LEAVE(EMU_RUN_LIMIT);
    if (unlikely(!cpu->thumb)) {
        /* EPSR.T = 0: executing any instruction is an INVSTATE UsageFault */
        uint32_t from = cpu->pc;
        unsigned e = arm_take_fault(cpu, ARMV7M_EXC_USAGEFAULT, CFSR_INVSTATE, from);
        if (!e)
            LEAVE(EMU_RUN_ERROR);
        if (tw)
            trace_event(tw, TRACE_EV_EXCEPTION, from, e, cpu->pc, m->trace_last_ninsns);
        chain_from = NULL;
        if (unlikely(dstate == 1))
            dstate = 2;         /* a step takes the fault: stop at the handler */
        goto check;
    }
    LOAD_LOCALS();
    {
        uint64_t gen = cpu->tbc->generation;
        tb = arm_lookup(cpu);
        if (gen != cpu->tbc->generation)
            chain_from = NULL;
    }
    if (chain_from) {
        chain_from->next[chain_slot] = tb;
        chain_from = NULL;
    }
    if (unlikely(dstate == 1)) {
        /* single step from a block boundary: enter the block as usual, run
         * its first instruction (even where a breakpoint is), stop */
        TB_HOOKS(tb);
        op = tb->ops;
        cpu->dbg.dbg_op = op;
        if (arm_dbg_arm_step(cpu, tb, 0))
            limit = 0;
        dstate = 2;
        goto *emu_dbg_orig(&cpu->dbg, &tb->ops[0].h);
    }
    ENTER_TB(tb);

    /* ---- conditional execution inside IT blocks ---- */
L_COND:
    if (cond_pass(cpu, op->in.cond))
        NEXT();
    op += 2;
    goto *op->h;
#define L_COND_CASE_(c)                                                        \
L_COND_##c:                                                                    \
    if (cond_pass(cpu, ARM_COND_##c))                                          \
        NEXT();                                                                \
    op += 2;                                                                   \
    goto *op->h;
    ARM_CONDS(L_COND_CASE_)
#undef L_COND_CASE_

    /* ---- ALU fast paths (no flags, no PC) ---- */
L_MOV_IMM:
    R[op->in.rd] = (uint32_t)op->in.imm;
    if (op->in.flags & ARM_F_S) {
        cpu->nf = cpu->zf = (uint32_t)op->in.imm;
        if (op->in.flags & ARM_F_IMM_CARRY)
            cpu->cf = (uint32_t)op->in.imm >> 31;
    }
    NEXT();
L_MOV_REG: R[op->in.rd] = R[op->in.rm]; NEXT();
L_ADD_IMM: R[op->in.rd] = R[op->in.rn] + (uint32_t)op->in.imm; NEXT();
L_SUB_IMM: R[op->in.rd] = R[op->in.rn] - (uint32_t)op->in.imm; NEXT();
L_ADD_REG: R[op->in.rd] = R[op->in.rn] + R[op->in.rm]; NEXT();
L_SUB_REG: R[op->in.rd] = R[op->in.rn] - R[op->in.rm]; NEXT();
L_CMP_IMM: add_flags(cpu, R[op->in.rn], ~(uint32_t)op->in.imm, 1); NEXT();
L_CMP_REG: add_flags(cpu, R[op->in.rn], ~R[op->in.rm], 1); NEXT();
L_ADDS_IMM: R[op->in.rd] = add_flags(cpu, R[op->in.rn], (uint32_t)op->in.imm, 0); NEXT();
L_SUBS_IMM: R[op->in.rd] = add_flags(cpu, R[op->in.rn], ~(uint32_t)op->in.imm, 1); NEXT();
L_ADDS_REG: R[op->in.rd] = add_flags(cpu, R[op->in.rn], R[op->in.rm], 0); NEXT();
L_SUBS_REG: R[op->in.rd] = add_flags(cpu, R[op->in.rn], ~R[op->in.rm], 1); NEXT();
L_MOVS_SH: {
    uint32_t c, r = shift_c(R[op->in.rm], op->in.shift_t, op->in.shift_n, cpu->cf, &c);
    R[op->in.rd] = r;
    cpu->nf = cpu->zf = r;
    cpu->cf = c;
    NEXT();
}
L_DP_SH: {
    uint32_t c, b = shift_c(R[op->in.rm], op->in.shift_t, op->in.shift_n, cpu->cf, &c);
    uint32_t a = R[op->in.rn];
    switch (op->in.op) {
    case ARM_OP_AND_REG: R[op->in.rd] = a & b; break;
    case ARM_OP_EOR_REG: R[op->in.rd] = a ^ b; break;
    case ARM_OP_ORR_REG: R[op->in.rd] = a | b; break;
    case ARM_OP_ORN_REG: R[op->in.rd] = a | ~b; break;
    case ARM_OP_BIC_REG: R[op->in.rd] = a & ~b; break;
    case ARM_OP_MOV_REG: R[op->in.rd] = b; break;
    case ARM_OP_MVN_REG: R[op->in.rd] = ~b; break;
    case ARM_OP_ADD_REG: R[op->in.rd] = a + b; break;
    case ARM_OP_SUB_REG: R[op->in.rd] = a - b; break;
    default: R[op->in.rd] = b - a; break;       /* RSB */
    }
    NEXT();
}
L_NOP: NEXT();
L_LOGIC_IMM: {
    uint32_t a = R[op->in.rn], b = (uint32_t)op->in.imm;
    switch (op->in.op) {
    case ARM_OP_AND_IMM: R[op->in.rd] = a & b; break;
    case ARM_OP_EOR_IMM: R[op->in.rd] = a ^ b; break;
    case ARM_OP_ORR_IMM: R[op->in.rd] = a | b; break;
    case ARM_OP_ORN_IMM: R[op->in.rd] = a | ~b; break;
    default: R[op->in.rd] = a & ~b; break;      /* BIC */
    }
    NEXT();
}
L_TST_IMM:
    cpu->nf = cpu->zf = R[op->in.rn] & (uint32_t)op->in.imm;
    if (op->in.flags & ARM_F_IMM_CARRY)
        cpu->cf = (uint32_t)op->in.imm >> 31;
    NEXT();
L_UBFX: {
    uint32_t v = R[op->in.rn] >> op->in.imm;
    unsigned w = op->in.imm2 + 1u;
    R[op->in.rd] = w >= 32 ? v : v & ((1u << w) - 1);
    NEXT();
}
L_LOGICS_SH: {
    /* AND/EOR/ORR/ORN/BIC/MVN/TST/TEQ (register) setting N, Z and the
     * shifter carry (A7.7.9...) */
    uint32_t c, b = shift_c(R[op->in.rm], op->in.shift_t, op->in.shift_n, cpu->cf, &c);
    uint32_t a = R[op->in.rn], r;
    switch (op->in.op) {
    case ARM_OP_AND_REG: case ARM_OP_TST_REG: r = a & b; break;
    case ARM_OP_EOR_REG: case ARM_OP_TEQ_REG: r = a ^ b; break;
    case ARM_OP_ORR_REG: r = a | b; break;
    case ARM_OP_ORN_REG: r = a | ~b; break;
    case ARM_OP_BIC_REG: r = a & ~b; break;
    default: r = ~b; break;                     /* MVN */
    }
    if (op->in.flags & ARM_F_S) {
        cpu->nf = cpu->zf = r;
        cpu->cf = c;
    }
    if (op->in.op != ARM_OP_TST_REG && op->in.op != ARM_OP_TEQ_REG)
        R[op->in.rd] = r;
    NEXT();
}
#define L_DP_CASE_(n, e)                                                       \
L_##n##_LSL: {                                                                 \
    uint32_t a = R[op->in.rn], b = R[op->in.rm] << op->in.shift_n;             \
    (void)a; R[op->in.rd] = (e); NEXT();                                       \
}                                                                              \
L_##n##_LSR: {       /* LSR #1..32 */                                          \
    uint32_t a = R[op->in.rn];                                                 \
    uint32_t b = (uint32_t)((uint64_t)R[op->in.rm] >> op->in.shift_n);         \
    (void)a; R[op->in.rd] = (e); NEXT();                                       \
}                                                                              \
L_##n##_ASR: {       /* ASR #1..32 */                                          \
    uint32_t a = R[op->in.rn];                                                 \
    uint32_t b = (uint32_t)((int64_t)(int32_t)R[op->in.rm] >> op->in.shift_n); \
    (void)a; R[op->in.rd] = (e); NEXT();                                       \
}
    ARM_DP_OPS(L_DP_CASE_)
#undef L_DP_CASE_
#define L_LOGICS_CASE_(n, e, w)                                                \
L_##n##_REG: {                                                                 \
    uint32_t a = R[op->in.rn], b = R[op->in.rm], r = (e);                      \
    (void)a; cpu->nf = cpu->zf = r;                                            \
    if (w) R[op->in.rd] = r;                                                   \
    NEXT();                                                                    \
}
    ARM_LOGICS_OPS(L_LOGICS_CASE_)
#undef L_LOGICS_CASE_
L_MOVT: R[op->in.rd] = (R[op->in.rd] & 0xffff) | (uint32_t)op->in.imm << 16; NEXT();
L_UXTB: R[op->in.rd] = ror32(R[op->in.rm], op->in.shift_n) & 0xff; NEXT();
L_UXTH: R[op->in.rd] = ror32(R[op->in.rm], op->in.shift_n) & 0xffff; NEXT();
L_SXTB: R[op->in.rd] = (uint32_t)(int8_t)ror32(R[op->in.rm], op->in.shift_n); NEXT();
L_SXTH: R[op->in.rd] = (uint32_t)(int16_t)ror32(R[op->in.rm], op->in.shift_n); NEXT();
L_MUL: {
    uint32_t r = R[op->in.rn] * R[op->in.rm];
    if (op->in.flags & ARM_F_S)
        cpu->nf = cpu->zf = r;
    R[op->in.rd] = r;
    NEXT();
}
L_MLA: R[op->in.rd] = R[op->in.rn] * R[op->in.rm] + R[op->in.ra]; NEXT();
L_MLS: R[op->in.rd] = R[op->in.ra] - R[op->in.rn] * R[op->in.rm]; NEXT();
L_UMULL: {
    uint64_t r64 = (uint64_t)R[op->in.rn] * R[op->in.rm];
    R[op->in.rd] = (uint32_t)r64;
    R[op->in.ra] = (uint32_t)(r64 >> 32);
    NEXT();
}
L_SMULL: {
    uint64_t r64 = (uint64_t)((int64_t)(int32_t)R[op->in.rn] * (int32_t)R[op->in.rm]);
    R[op->in.rd] = (uint32_t)r64;
    R[op->in.ra] = (uint32_t)(r64 >> 32);
    NEXT();
}

    /* ---- loads/stores: main RAM by range, else the page tables, else the
     *      generic path (alignment policy, MMIO, faults) ---- */
/* `a` is the access address; WB the base write-back (run only once the
 * access succeeded, before the load's destination is written, as
 * arm_generic() orders them). */
#define LD_ACCESS(addr_expr, sz, type, WB) {                                    \
    uint32_t a = (addr_expr);                                                  \
    uint32_t off_ = a - fast_base;                                             \
    if (likely(off_ < fast_lim && !(a & ((sz) - 1)))) {                        \
        type v; memcpy(&v, fast_host + off_, sz);                              \
        WB; R[op->in.rd] = (uint32_t)v; NEXT();                                \
    }                                                                          \
    uintptr_t h = rd_tab[a >> EMU_PAGE_BITS];                                  \
    if (likely(h && !(a & ((sz) - 1)))) {                                      \
        type v; memcpy(&v, (const void *)(h + a), sz);                         \
        WB; R[op->in.rd] = (uint32_t)v; NEXT();                                \
    }                                                                          \
    goto L_GENERIC;                                                            \
}
#define ST_ACCESS(addr_expr, sz, type, WB) {                                    \
    uint32_t a = (addr_expr);                                                  \
    uint32_t off_ = a - fast_base;                                             \
    if (likely(off_ < fast_lim && !(a & ((sz) - 1)) && !code_lines[a >> 6])) { \
        type v = (type)R[op->in.rd]; memcpy(fast_host + off_, &v, sz);         \
        WB; NEXT();                                                            \
    }                                                                          \
    uintptr_t h = wr_tab[a >> EMU_PAGE_BITS];                                  \
    if (likely(h && !(a & ((sz) - 1)) && !code_lines[a >> 6])) {               \
        type v = (type)R[op->in.rd]; memcpy((void *)(h + a), &v, sz);          \
        WB; NEXT();                                                            \
    }                                                                          \
    goto L_GENERIC;                                                            \
}
#define L_MEM_CASE_(n, k, sz, t)                                                \
L_##n##_IMM:  k##_ACCESS(R[op->in.rn] + (uint32_t)op->in.imm, sz, t, (void)0)     \
L_##n##_PRE:  k##_ACCESS(R[op->in.rn] + (uint32_t)op->in.imm, sz, t,              \
                         R[op->in.rn] = a)                                     \
L_##n##_POST: k##_ACCESS(R[op->in.rn], sz, t, R[op->in.rn] = a + (uint32_t)op->in.imm) \
L_##n##_REG:  k##_ACCESS(R[op->in.rn] + (R[op->in.rm] << op->in.shift_n), sz, t, (void)0)
    ARM_MEM_OPS(L_MEM_CASE_)
#undef L_MEM_CASE_
L_LDR_LIT:  LD_ACCESS(((op->pc + 4) & ~3u) + ((op->in.flags & ARM_F_ADD) ? (uint32_t)op->in.imm
                                                                    : -(uint32_t)op->in.imm),
                      4, uint32_t, (void)0)
L_LDRD: {
    /* LDRD/STRD need word alignment (A3.2.1); both words in the fast region */
    uint32_t a = R[op->in.rn] + (uint32_t)op->in.imm;
    uint32_t off_ = a - fast_base;
    if (likely(off_ < fast_lim - 4 && !(a & 3) && fast_lim > 4)) {
        uint32_t v1, v2;
        memcpy(&v1, fast_host + off_, 4);
        memcpy(&v2, fast_host + off_ + 4, 4);
        R[op->in.rd] = v1;
        R[op->in.ra] = v2;
        NEXT();
    }
    goto L_GENERIC;
}
L_STRD: {
    uint32_t a = R[op->in.rn] + (uint32_t)op->in.imm;
    uint32_t off_ = a - fast_base;
    if (likely(off_ < fast_lim - 4 && !(a & 3) && fast_lim > 4 && !code_lines[a >> 6] &&
               !code_lines[(a + 4) >> 6])) {
        memcpy(fast_host + off_, &R[op->in.rd], 4);
        memcpy(fast_host + off_ + 4, &R[op->in.ra], 4);
        NEXT();
    }
    goto L_GENERIC;
}
    /* LDM/STM (PUSH/POP): the whole transfer in the main RAM region, word
     * aligned, and for stores no translated code in the (at most two)
     * 64-byte lines it covers.  Same order as arm_generic(): a store writes
     * the registers' values before the write-back; a load writes back
     * first, so a loaded base register keeps the loaded value. */
#define MULTI_ACCESS(db, store) {                                               \
    unsigned list_ = op->in.reglist, cnt_ = (unsigned)__builtin_popcount(list_); \
    uint32_t base_ = R[op->in.rn];                                             \
    uint32_t a = (db) ? base_ - 4 * cnt_ : base_;                              \
    uint32_t wb_ = (db) ? a : base_ + 4 * cnt_;                                \
    uint32_t off_ = a - fast_base;                                             \
    if (unlikely((a & 3) || off_ >= fast_lim || fast_lim + 3 - off_ < 4 * cnt_)) \
        goto L_GENERIC;                                                        \
    uint8_t *p_ = fast_host + off_;                                            \
    if (store) {                                                               \
        if (code_lines[a >> 6] || code_lines[(a + 4 * cnt_ - 1) >> 6] ||        \
            ((a + 4 * cnt_ - 1) >> 6) - (a >> 6) > 1)                          \
            goto L_GENERIC;                                                    \
        for (; list_; list_ &= list_ - 1, p_ += 4)                             \
            memcpy(p_, &R[__builtin_ctz(list_)], 4);                           \
        if (op->in.flags & ARM_F_WBACK)                                        \
            R[op->in.rn] = wb_;                                                \
    } else {                                                                   \
        if (op->in.flags & ARM_F_WBACK)                                        \
            R[op->in.rn] = wb_;                                                \
        for (; list_; list_ &= list_ - 1, p_ += 4)                             \
            memcpy(&R[__builtin_ctz(list_)], p_, 4);                           \
    }                                                                          \
    NEXT();                                                                    \
}
L_LDM:   MULTI_ACCESS(false, false)
L_LDMDB: MULTI_ACCESS(true, false)
L_STM:   MULTI_ACCESS(false, true)
L_STMDB: MULTI_ACCESS(true, true)
#undef MULTI_ACCESS

L_GENERIC: {
    R[15] = OP_PC() + 4;
    SYNC();
    int r = arm_generic(cpu, &op->in, OP_PC());
    if (likely(r == R_OK)) {
        if (unlikely(cpu->dbg.watch_hit))
            goto dbg_after_op;
        NEXT();
    }
    if (r == R_FAULT) {
        if (m->error)
            goto stop_mid;
        FAULT(g_fault_exc, g_fault_bits);
    }
    /* R_PC: only the last instruction of a block writes the PC */
    goto pc_write;
}

    /* ---- control flow: block exits ---- */
L_B:
    if (cond_pass(cpu, op->in.cond)) {
        if (tb->flow == ISA_FLOW_COND)
            COND_CHAIN(1);
        CHAIN(1);
    }
    COND_CHAIN(0);
#define L_B_CASE_(c)                                                           \
L_B_##c:                                                                       \
    if (cond_pass(cpu, ARM_COND_##c))                                          \
        COND_CHAIN(1);                                                         \
    COND_CHAIN(0);
    ARM_CONDS(L_B_CASE_)
#undef L_B_CASE_
L_BL:
    R[14] = (OP_PC() + op->in.len) | 1;
    CHAIN(1);
L_BL_COND:
    if (cond_pass(cpu, op->in.cond)) {
        R[14] = (OP_PC() + op->in.len) | 1;
        COND_CHAIN(1);
    }
    COND_CHAIN(0);
L_CBZ:
    if (R[op->in.rn] == 0) COND_CHAIN(1); else COND_CHAIN(0);
L_CBNZ:
    if (R[op->in.rn] != 0) COND_CHAIN(1); else COND_CHAIN(0);
L_END:
    if (tb->end_indirect) {
        /* a conditional indirect exit whose condition failed */
        cpu->pc = tb->fall_pc;
        cpu->itstate = tb->end_it;
        goto exit_indirect;
    }
    CHAIN(0);
L_BX:
    g_pc_val = R[op->in.rm];
    g_pc_bx = true;
    goto pc_write;
L_BLX: {
    uint32_t t = R[op->in.rm];
    R[14] = (OP_PC() + op->in.len) | 1;
    g_pc_val = t;
    g_pc_bx = true;
    goto pc_write;
}
L_TBB: case_tbh: {
    bool hw = op->in.op == ARM_OP_TBH;
    uint32_t base = op->in.rn == 15 ? OP_PC() + 4 : R[op->in.rn];
    uint32_t a = base + (hw ? R[op->in.rm] << 1 : R[op->in.rm]), v;
    SYNC();
    if (!rd_mem(cpu, a, hw ? 2 : 1, &v, false))
        FAULT(g_fault_exc, g_fault_bits);
    g_pc_val = OP_PC() + 4 + 2 * v;
    g_pc_bx = false;
    goto pc_write;
}
L_TBH: goto case_tbh;
L_PCWRITE: {
    R[15] = OP_PC() + 4;
    SYNC();
    int r = arm_generic(cpu, &op->in, OP_PC());
    if (r == R_FAULT) {
        if (m->error)
            goto stop_mid;
        FAULT(g_fault_exc, g_fault_bits);
    }
    if (r == R_OK) {
        /* did not write the PC after all (should not happen) */
        cpu->pc = tb->fall_pc;
        cpu->itstate = tb->end_it;
        goto exit_indirect;
    }
    goto pc_write;
}
L_SYSTEM: {
    R[15] = OP_PC() + 4;
    SYNC();
    (void)arm_generic(cpu, &op->in, OP_PC());
    CHAIN(0);
}
L_WFE:
    /* no event register model: WFE is a hint that returns (as QEMU) */
    CHAIN(0);
L_WFI:
    cpu->pc = tb->fall_pc;
    cpu->itstate = tb->end_it;
    m->icount = icount;
    if (!emu_cpu_armv7m.has_wakeup((EmuCpu *)cpu))
        LEAVE(EMU_RUN_IDLE);
    goto check;
L_SEMIHOST:
    /* BKPT 0xAB: ARM semihosting (r0 = operation, r1 = parameter).  As
     * QEMU 7.2 (without -semihosting-config userspace=on), only privileged
     * code may call it; from unprivileged Thread mode it is an ordinary
     * BKPT. */
    if (!arm_privileged(cpu))
        goto L_BKPT;
    m->icount = icount;
    R[0] = emu_semihost_call(m, R[0], R[1]);
    CHAIN(0);
L_SVC: {
    uint32_t ret = tb->fall_pc, from = OP_PC();
    m->icount = icount;
    cpu->itstate = tb->end_it;
    unsigned e = arm_take_sync(cpu, ARMV7M_EXC_SVCALL, ret, HFSR_FORCED);
    if (!e)
        goto stop_error;
    if (tw)
        trace_event(tw, TRACE_EV_EXCEPTION, from, e, cpu->pc, tb->ninsns);
    goto check;
}
L_BKPT: {
    uint32_t from = OP_PC();
    /* BKPT without a debugger: the DebugMonitor is disabled, so it
     * escalates to HardFault with HFSR.DEBUGEVT (C1.6, B1.5.8); the
     * stacked PC is the BKPT itself. */
    icount = icount - tb->ninsns + INSN_IDX();
    m->icount = icount;
    m->trap_insns++;
    cpu->itstate = op->its;
    EMU_LOG(EMU_LOG_INT, "armv7m: bkpt #%u at %08" PRIx32 "\n", (unsigned)op->in.imm, from);
    unsigned e = arm_take_sync(cpu, ARMV7M_EXC_DEBUGMON, from, HFSR_DEBUGEVT);
    if (!e)
        goto stop_error;
    if (tw)
        trace_event(tw, TRACE_EV_EXCEPTION, from, e, cpu->pc, tb->ninsns);
    goto check;
}
L_UNDEF:
    if (emu_log_enabled(EMU_LOG_UNIMP))
        emu_log(EMU_LOG_UNIMP, "armv7m: undefined instruction 0x%08" PRIx32 " at pc 0x%08" PRIx32 "\n",
                op->in.raw, OP_PC());
    FAULT(ARMV7M_EXC_USAGEFAULT, CFSR_UNDEFINSTR);
L_NOCP:
    FAULT(ARMV7M_EXC_USAGEFAULT, CFSR_NOCP);
L_FETCH_FAULT: {
    /* Execute-never regions of the default memory map (B3.1, table B3-1:
     * Peripheral, Device, System) give MemManage IACCVIOL; other
     * unfetchable addresses a precise instruction BusFault. */
    uint32_t from = cpu->pc;
    bool xn = (from >= 0x40000000u && from < 0x60000000u) || from >= 0xa0000000u;
    unsigned e = xn ? arm_take_fault(cpu, ARMV7M_EXC_MEMMANAGE, CFSR_IACCVIOL, from)
                    : arm_take_fault(cpu, ARMV7M_EXC_BUSFAULT, CFSR_IBUSERR, from);
    if (!e)
        goto stop_error;
    if (tw)
        trace_event(tw, TRACE_EV_EXCEPTION, from, e, cpu->pc, m->trace_last_ninsns);
    goto check;
}

    /* ---- debug stops ---- */
L_DBG_BKPT:
    /* a breakpoint: stop before this instruction */
    cpu->dbg.stop.kind = EMU_DBG_STOP_BREAK;
    cpu->dbg.stop.type = emu_dbg_bp_type_at(&cpu->dbg, OP_PC());
    cpu->dbg.dbg_op = NULL;
    goto dbg_stop_mid;
L_DBG_STOP:
    /* the first operation after a single-stepped instruction */
    cpu->dbg.stop.kind = EMU_DBG_STOP_STEP;
    goto dbg_stop_mid;
dbg_after_op:
    /* the current instruction hit a watchpoint: stop after it */
    op++;
    if (op->idx < tb->ninsns)
        goto dbg_stop_mid;
    dstate = 2;                 /* its block ends here: stop on leaving it */
    limit = 0;
    goto *op->h;
dbg_stop_mid:
    arm_dbg_stop_mid(cpu, tb, (uint32_t)(op - tb->ops), icount - tb->ninsns + INSN_IDX());
    return EMU_RUN_DEBUG;

    /* ---- block exits ---- */
pc_write: {
    uint32_t v = g_pc_val;
    cpu->itstate = 0;
    if (g_pc_bx && arm_handler_mode(cpu) && (v >> 28) == 0xf) {
        /* exception return (B1.5.8) */
        uint32_t from = OP_PC();
        m->icount = icount;
        cpu->pc = from;
        unsigned e = arm_exception_return(cpu, v, from);
        if (m->error || e) {
            /* the return failed its integrity checks (B1.5.8): the fault is
             * taken on the returning instruction, which does not complete
             * (stacked PC = that instruction); the block is cut short */
            icount = icount - tb->ninsns + INSN_IDX();
            m->icount = icount;
            if (tw)
                trace_event(tw, m->error ? TRACE_EV_HALT : TRACE_EV_EXCEPTION, from,
                            m->error ? 0 : e, m->error ? 0 : cpu->pc, INSN_IDX());
            if (m->error)
                goto stop_error;
            goto check;
        }
        if (tw)
            trace_indirect(tw, cpu->pc);
        goto check;
    }
    if (g_pc_bx)
        cpu->thumb = v & 1;
    cpu->pc = v & ~1u;
    goto exit_indirect;
}
exit_slow:
    cpu->pc = taken ? tb->taken_pc : tb->fall_pc;
    cpu->itstate = taken ? 0 : tb->end_it;
    if (!tb->next[taken]) {
        chain_from = tb;
        chain_slot = taken;
    }
    goto check;
exit_indirect:
    if (tw)
        trace_indirect(tw, cpu->pc);
    if (likely(!m->kick && icount < limit && cpu->thumb && !scs->changed)) {
        ArmTB *nx = cpu->tbc->jc[arm_jc_hash(cpu->pc)];
        if (nx && nx->pc == cpu->pc && nx->it == cpu->itstate)
            ENTER_TB(nx);
    }
    goto check;
fault: {
    /* A synchronous fault: the instruction does not retire; the stacked PC
     * and IT state are the faulting instruction's. */
    unsigned idx = INSN_IDX();
    uint32_t epc = OP_PC();
    bool at_end = idx + 1 == tb->ninsns && tb->flow == ISA_FLOW_TRAP;
    icount = icount - tb->ninsns + idx;
    m->icount = icount;
    if (at_end)
        m->trap_insns++;
    cpu->itstate = op->its;
    cpu->pc = epc;
    unsigned e = arm_take_fault(cpu, f_exc, f_bits, epc);
    if (!e) {
        /* lockup: the trace shows the block cut short at the fault */
        if (tw && !at_end)
            trace_event(tw, TRACE_EV_HALT, epc, 0, 0, idx);
        goto stop_error;
    }
    if (tw)
        trace_event(tw, TRACE_EV_EXCEPTION, epc, e, cpu->pc, at_end ? idx + 1 : idx);
    goto check;
}
stop_mid:
    /* the emulator stops at `op` inside the block (unimplemented
     * instruction): it does not retire (docs/trace-format.md §7, stop) */
    icount = icount - tb->ninsns + INSN_IDX();
    if (tw)
        trace_event(tw, TRACE_EV_HALT, OP_PC(), 0, 0, INSN_IDX());
    cpu->pc = OP_PC();
    /* fall through */
stop_error:
    LEAVE(EMU_RUN_ERROR);
#undef NEXT
#undef OP_PC
#undef INSN_IDX
#undef SYNC
#undef FAULT
#undef LEAVE
#undef ENTER_TB
#undef COND_CHAIN
#undef CHAIN
#undef LD_ACCESS
#undef ST_ACCESS
#undef chain_from
#undef chain_slot
#undef dstate
#undef LOAD_LOCALS
#undef TB_HOOKS
}
