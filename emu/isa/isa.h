/*
 * emu/isa/isa.h - ISA-neutral view of decoded instructions.
 *
 * Every ISA library (emu/isa/riscv, emu/isa/arm) exports one IsaOps table.
 * The emulator's translator, the tracer's dump and xcov's control-flow
 * analysis all use this view, so that "what ends a block" and "which way a
 * branch can go" are decided in exactly one place per ISA.
 *
 * No dependency on the rest of emu/: this header and the ISA libraries can be
 * linked into any tool.
 */
#ifndef EMU_ISA_H
#define EMU_ISA_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/* How an instruction affects control flow. */
typedef enum IsaFlow {
    ISA_FLOW_SEQ = 0,        /* falls through to the next instruction            */
    ISA_FLOW_COND,           /* conditional direct branch: target or fall-through */
    ISA_FLOW_JUMP,           /* unconditional direct jump (no link)               */
    ISA_FLOW_CALL,           /* direct call (jump and link)                       */
    ISA_FLOW_INDIRECT,       /* indirect jump (register/memory target)            */
    ISA_FLOW_INDIRECT_CALL,  /* indirect call                                     */
    ISA_FLOW_RETURN,         /* function return (jalr x0,0(ra); bx lr; pop {pc})  */
    ISA_FLOW_TRAP,           /* synchronous trap: ecall, ebreak, svc, bkpt, udf   */
    ISA_FLOW_XRET,           /* return from trap handler: mret                    */
    ISA_FLOW_SYSTEM,         /* falls through but ends a block: wfi, fence.i,
                                csr writes, msr, cps, isb ...                     */
} IsaFlow;

/* Decode result in ISA-neutral form. */
typedef struct IsaInsnInfo {
    uint32_t len;            /* bytes; 0 when the bytes are not a valid insn  */
    IsaFlow flow;
    bool has_target;         /* direct target known statically               */
    bool conditional;        /* executes conditionally (cond branch, cbz, or
                                an instruction inside an ARM IT block)        */
    uint64_t target;         /* absolute target address when has_target      */
} IsaInsnInfo;

typedef struct IsaOps {
    const char *name;        /* "riscv32", "armv7m" */
    unsigned min_insn_len;   /* 2 for both RVC and Thumb */
    unsigned max_insn_len;   /* 4 */
    /* Decode the instruction at `pc` from `bytes` (up to `avail` bytes).
     * Returns the length in bytes (and fills *info), or 0 if illegal or
     * truncated (info->len = 0). */
    unsigned (*decode_info)(const uint8_t *bytes, size_t avail, uint64_t pc,
                            IsaInsnInfo *info);
    /* Disassemble as the binutils objdump of that target prints it by default
     * (mnemonic, a tab, operands; branch targets as absolute hex without the
     * <symbol> part).  Returns the length decoded (0 = illegal, and buf gets
     * objdump's text for it, e.g. ".insn" / "unknown"). */
    unsigned (*disasm)(const uint8_t *bytes, size_t avail, uint64_t pc,
                       char *buf, size_t bufsize);
} IsaOps;

extern const IsaOps isa_riscv32_ops;
extern const IsaOps isa_armv7m_ops;

#endif
