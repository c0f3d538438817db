/*
 * emu/isa/riscv/rv_info.c - control-flow classes of RV32 instructions and
 * the ISA-neutral ops table (emu/isa/isa.h).
 *
 * Calls and returns follow the return-address-stack hints of the
 * Unprivileged ISA (20191213) §2.5, table 2.1: x1 and x5 are link
 * registers; JAL/JALR with a link rd push (a call); JALR with a non-link rd
 * and a link rs1 pops (a return); JALR with link rd and link rs1 is a call
 * (push, or pop-then-push for a coroutine swap when rd != rs1).
 */
#include "rv_isa.h"

#include <string.h>

static inline bool is_link(unsigned r)
{
    return r == 1 || r == 5;
}

void rv_insn_info(const RvInsn *d, uint32_t pc, IsaInsnInfo *info)
{
    memset(info, 0, sizeof(*info));
    if (d->len == 0)
        return;
    info->len = d->len;

    switch (d->op) {
    case RV_OP_BEQ: case RV_OP_BNE: case RV_OP_BLT: case RV_OP_BGE:
    case RV_OP_BLTU: case RV_OP_BGEU:
        info->flow = ISA_FLOW_COND;
        info->conditional = true;
        info->has_target = true;
        info->target = (uint32_t)(pc + (uint32_t)d->imm);
        break;
    case RV_OP_JAL:
        info->flow = is_link(d->rd) ? ISA_FLOW_CALL : ISA_FLOW_JUMP;
        info->has_target = true;
        info->target = (uint32_t)(pc + (uint32_t)d->imm);
        break;
    case RV_OP_JALR:
        if (is_link(d->rd))
            info->flow = ISA_FLOW_INDIRECT_CALL;
        else if (is_link(d->rs1))
            info->flow = ISA_FLOW_RETURN;
        else
            info->flow = ISA_FLOW_INDIRECT;
        break;
    case RV_OP_ECALL: case RV_OP_EBREAK:
        info->flow = ISA_FLOW_TRAP;
        break;
    case RV_OP_MRET: case RV_OP_SRET: case RV_OP_URET: case RV_OP_DRET:
        info->flow = ISA_FLOW_XRET;
        break;
    case RV_OP_WFI: case RV_OP_FENCE_I: case RV_OP_SFENCE_VMA:
    case RV_OP_CSRRW: case RV_OP_CSRRS: case RV_OP_CSRRC:
    case RV_OP_CSRRWI: case RV_OP_CSRRSI: case RV_OP_CSRRCI:
        /* CSR accesses can change interrupt enables, the privilege state or
         * translation; the block ends so the change is seen at once. */
        info->flow = ISA_FLOW_SYSTEM;
        break;
    default:
        info->flow = ISA_FLOW_SEQ;
        break;
    }
}

static unsigned rv32_decode_info(const uint8_t *bytes, size_t avail, uint64_t pc,
                                 IsaInsnInfo *info)
{
    RvInsn d;
    unsigned len = rv_decode(bytes, avail, &d);
    rv_insn_info(&d, (uint32_t)pc, info);
    return len;
}

static unsigned rv32_disasm(const uint8_t *bytes, size_t avail, uint64_t pc, char *buf,
                            size_t bufsize)
{
    RvInsn d;
    unsigned len = rv_decode(bytes, avail, &d);

    if (len)
        rv_disasm(&d, (uint32_t)pc, buf, bufsize);
    else
        rv_disasm_bytes(NULL, bytes, avail, (uint32_t)pc, buf, bufsize);
    return len;
}

const IsaOps isa_riscv32_ops = {
    .name = "riscv32",
    .min_insn_len = 2,
    .max_insn_len = 4,
    .decode_info = rv32_decode_info,
    .disasm = rv32_disasm,
};
