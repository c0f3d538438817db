/*
 * emu/isa/riscv/rv_isa.h - RV32IMAC + Zicsr + Zifencei + machine-mode
 * privileged instructions: decoder and disassembler.
 *
 * Reference: The RISC-V Instruction Set Manual, Volume I (Unprivileged ISA,
 * 20191213) chapters 2 (RV32I), 3 (Zifencei), 9 (Zicsr), 7 (M), 8 (A),
 * 16 (C), and Volume II (Privileged, 20211203) section 3.3.
 *
 * Compressed instructions decode to the RvOp of their 32-bit expansion with
 * len = 2 and `cop` naming the compressed form (for disassembly).
 * Register fields are always filled in the expanded sense (e.g. c.addi4spn
 * gives rs1 = 2).  Fields an encoding does not use are 0.
 */
#ifndef EMU_ISA_RV_ISA_H
#define EMU_ISA_RV_ISA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../isa.h"

typedef enum RvOp {
    RV_OP_ILLEGAL = 0,
    /* RV32I */
    RV_OP_LUI, RV_OP_AUIPC, RV_OP_JAL, RV_OP_JALR,
    RV_OP_BEQ, RV_OP_BNE, RV_OP_BLT, RV_OP_BGE, RV_OP_BLTU, RV_OP_BGEU,
    RV_OP_LB, RV_OP_LH, RV_OP_LW, RV_OP_LBU, RV_OP_LHU,
    RV_OP_SB, RV_OP_SH, RV_OP_SW,
    RV_OP_ADDI, RV_OP_SLTI, RV_OP_SLTIU, RV_OP_XORI, RV_OP_ORI, RV_OP_ANDI,
    RV_OP_SLLI, RV_OP_SRLI, RV_OP_SRAI,
    RV_OP_ADD, RV_OP_SUB, RV_OP_SLL, RV_OP_SLT, RV_OP_SLTU, RV_OP_XOR,
    RV_OP_SRL, RV_OP_SRA, RV_OP_OR, RV_OP_AND,
    RV_OP_FENCE, RV_OP_FENCE_TSO, RV_OP_PAUSE,
    RV_OP_ECALL, RV_OP_EBREAK,
    /* Zifencei */
    RV_OP_FENCE_I,
    /* Zicsr */
    RV_OP_CSRRW, RV_OP_CSRRS, RV_OP_CSRRC, RV_OP_CSRRWI, RV_OP_CSRRSI, RV_OP_CSRRCI,
    /* M */
    RV_OP_MUL, RV_OP_MULH, RV_OP_MULHSU, RV_OP_MULHU,
    RV_OP_DIV, RV_OP_DIVU, RV_OP_REM, RV_OP_REMU,
    /* A */
    RV_OP_LR_W, RV_OP_SC_W, RV_OP_AMOSWAP_W, RV_OP_AMOADD_W, RV_OP_AMOXOR_W,
    RV_OP_AMOAND_W, RV_OP_AMOOR_W, RV_OP_AMOMIN_W, RV_OP_AMOMAX_W,
    RV_OP_AMOMINU_W, RV_OP_AMOMAXU_W,
    /* Privileged (decoded so they disassemble; the CPU decides legality) */
    RV_OP_MRET, RV_OP_SRET, RV_OP_URET, RV_OP_DRET, RV_OP_WFI, RV_OP_SFENCE_VMA,
    RV_OP_COUNT
} RvOp;

/* Compressed forms (RV32C), for disassembly and tests; 0 = not compressed. */
typedef enum RvCOp {
    RV_C_NONE = 0,
    RV_C_ADDI4SPN, RV_C_LW, RV_C_SW,
    RV_C_NOP, RV_C_ADDI, RV_C_JAL, RV_C_LI, RV_C_ADDI16SP, RV_C_LUI,
    RV_C_SRLI, RV_C_SRAI, RV_C_ANDI, RV_C_SUB, RV_C_XOR, RV_C_OR, RV_C_AND,
    RV_C_J, RV_C_BEQZ, RV_C_BNEZ,
    RV_C_SLLI, RV_C_LWSP, RV_C_JR, RV_C_MV, RV_C_EBREAK, RV_C_JALR, RV_C_ADD,
    RV_C_SWSP,
    RV_C_COUNT
} RvCOp;

typedef struct RvInsn {
    uint32_t raw;      /* the 16- or 32-bit encoding                         */
    RvOp op;
    uint8_t cop;       /* RvCOp, RV_C_NONE for 32-bit encodings             */
    uint8_t len;       /* 2 or 4; 0 when illegal                            */
    uint8_t rd, rs1, rs2;
    uint8_t aq, rl;    /* A-extension ordering bits                         */
    uint8_t pred, succ;/* FENCE predecessor/successor sets (4 bits each)    */
    uint16_t csr;      /* CSR number for Zicsr                              */
    int32_t imm;       /* sign-extended immediate; shift amount for shifts;
                          for CSR*I the 5-bit zimm; branch/jal offsets are
                          relative to the instruction's pc; for LUI/AUIPC
                          the value added, i.e. imm[31:12] << 12            */
} RvInsn;

/* Decode one instruction.  `avail` is the number of valid bytes at `p`
 * (2 is enough for a compressed instruction).  Returns the length (2 or 4),
 * or 0 if illegal/reserved/truncated, with out->op = RV_OP_ILLEGAL.
 * Reads bytes little-endian; does not require alignment of `p`. */
unsigned rv_decode(const uint8_t *p, size_t avail, RvInsn *out);

/* Same, from an already assembled 32-bit value (low 16 bits if compressed). */
unsigned rv_decode_raw(uint32_t raw, RvInsn *out);

/* objdump-compatible disassembly (default: with aliases, as
 * riscv64-unknown-elf-objdump -d prints, e.g. "addi\tsp,sp,-16", "ret",
 * "j\t80000010").  `pc` is used to print absolute branch targets.
 * Returns the number of characters written (excluding NUL). */
int rv_disasm(const RvInsn *insn, uint32_t pc, char *buf, size_t bufsize);

/* objdump keeps state across instructions: the value a lui/auipc put in a
 * register (until an addi, load, store or jalr based on that register uses
 * it) and the value of __global_pointer$, and prints "# <address>" after
 * such uses.  A context reproduces that; rv_disasm() uses a fresh one. */
typedef struct RvDisasmCtx {
    uint32_t hi_valid;     /* bit r set: hi[r] holds an unused lui/auipc value */
    uint32_t hi[32];
    bool has_gp;           /* the ELF defines __global_pointer$ ...           */
    uint32_t gp;           /* ... with this value                             */
} RvDisasmCtx;

/* Start a context (as objdump does at the start of a file). */
void rv_disasm_ctx_init(RvDisasmCtx *ctx, bool has_gp, uint32_t gp);

/* rv_disasm with objdump's cross-instruction state (ctx may be NULL). */
int rv_disasm_ctx(RvDisasmCtx *ctx, const RvInsn *insn, uint32_t pc, char *buf,
                  size_t bufsize);

/* Disassemble the bytes at `p` as objdump does, including encodings we do
 * not decode (".2byte 0x...", ".4byte 0x...", longer encodings).  Returns
 * the number of bytes objdump consumes (2, 4, 6 or 8), or 0 when `avail` is
 * too short for the encoding (buf then gets "" ). */
unsigned rv_disasm_bytes(RvDisasmCtx *ctx, const uint8_t *p, size_t avail,
                         uint32_t pc, char *buf, size_t bufsize);

/* Length in bytes of the encoding that starts with halfword `lo16` (§1.5):
 * 2, 4, 6 or 8; 0 for the 80-bit and longer (reserved) encodings. */
unsigned rv_insn_length(uint32_t lo16);

/* Control-flow class of a decoded instruction (ISA-neutral). */
void rv_insn_info(const RvInsn *insn, uint32_t pc, IsaInsnInfo *info);

const char *rv_op_name(RvOp op);          /* "addi", "c.addi" not used: base name */
const char *rv_reg_name(unsigned r);      /* ABI name: "zero", "ra", "sp", ... */
const char *rv_csr_name(unsigned csr);    /* "mstatus", ... or NULL if unknown */

#endif
