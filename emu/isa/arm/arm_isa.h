/*
 * emu/isa/arm/arm_isa.h - ARMv7-M Thumb/Thumb-2 (+ Cortex-M4 DSP extension)
 * decoder and disassembler.
 *
 * Reference: ARMv7-M Architecture Reference Manual (DDI0403E.e), chapter A5
 * (Thumb instruction set encoding) and A7 (instruction details).
 *
 * arm_decode() turns one 16- or 32-bit Thumb instruction into an ArmInsn the
 * interpreter executes without looking at the encoding again:
 *   - `op` names the semantics (ARM_OP_ADD_IMM covers ADDS<c> Rd,Rn,#imm3,
 *     ADD.W with a modified immediate, ADDW, ADD SP,#imm ...);
 *   - immediates are expanded (ThumbExpandImm done; ARM_F_IMM_CARRY says the
 *     expansion rotated, so the shifter carry-out is bit 31 of `imm`);
 *   - register shifts are in shift_t/shift_n (DecodeImmShift done: LSR #0
 *     means 32, ROR #0 is RRX);
 *   - branch offsets are relative to the instruction's address + 4 (the
 *     architectural PC), i.e. target = pc + 4 + imm.
 *
 * Flag setting and IT blocks.  A 16-bit data-processing encoding such as
 * ADDS Rd,Rn,Rm sets the flags only outside an IT block.  The decoder cannot
 * know the IT state, so it records both facts:
 *   ARM_F_S            the instruction sets flags in any case (32-bit with
 *                      S=1, 16-bit CMP/CMN/TST);
 *   ARM_F_S_OUTSIDE_IT a 16-bit encoding that sets flags only outside an IT
 *                      block.
 * arm_it_apply() resolves this for a known IT state (it sets or clears
 * ARM_F_S and sets ARM_F_IN_IT and `cond`): the CPU and the disassembler
 * both run decoded instructions through an ArmItState.
 *
 * UNDEFINED encodings decode with op = ARM_OP_UNDEFINED and the length they
 * occupy (the CPU raises UsageFault.UNDEFINSTR).  UDF is ARM_OP_UDF (also an
 * UNDEFINED instruction architecturally, but with its own mnemonic).
 * Encodings whose should-be-zero/one bits ("(0)"/"(1)" in the manual) are
 * violated are UNPREDICTABLE architecturally; QEMU's decoder and binutils
 * treat them as UNDEFINED, and so do we: op = ARM_OP_UNDEFINED with
 * ARM_F_UNPRED | ARM_F_UNPRED_UNDEF set to say why.
 * Other UNPREDICTABLE encodings (e.g. PC or SP where the manual forbids them,
 * empty register lists, reserved SYSm values) decode normally with
 * ARM_F_UNPRED set, and the disassembler prints them as objdump does.
 * Recommended CPU policy (so that lockstep against QEMU agrees): where QEMU
 * raises UNDEFINED for an UNPREDICTABLE encoding the decoder also sets
 * ARM_F_UNPRED_UNDEF and the CPU raises UsageFault.UNDEFINSTR; every other
 * UNPREDICTABLE encoding executes with its natural semantics (QEMU does the
 * same for most of them).  Cases marked ARM_F_UNPRED_UNDEF today (QEMU
 * target/arm/translate.c do_ldm/op_stm): LDM/STM/PUSH/POP with an empty
 * register list, LDM/STM with Rn = PC.  A single-register T32 LDM/STM is
 * UNPREDICTABLE but executed (QEMU: "hardware ... implements the
 * single-register-load").
 * Coprocessor / FP space (CDP, LDC, MCR, VADD, VLDR, ...) decodes as
 * ARM_OP_COPROC (len 4): the CPU raises UsageFault.NOCP without an FPU.
 */
#ifndef EMU_ISA_ARM_ISA_H
#define EMU_ISA_ARM_ISA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../isa.h"

/*
 * Field use per op (fields not listed are 0):
 *   <dp>_IMM      rd, rn, imm (expanded; ARM_F_IMM_CARRY), ARM_F_S.  MOV/MVN
 *                 have no rn; TST/TEQ/CMP/CMN no rd.  ADDW/SUBW and 16-bit
 *                 forms are ADD_IMM/SUB_IMM (rn may be SP).  NEG = RSB_IMM #0.
 *   ADR           rd, imm signed: rd = Align(PC, 4) + imm.
 *   MOVT          rd, imm (16 bits).   MOV_IMM also covers MOVW.
 *   <dp>_REG      rd, rn, rm shifted by shift_t/shift_n (MOV_REG with a
 *                 shift is LSL/LSR/ASR/ROR/RRX by immediate).
 *   LSL_REG..     rd = rn shifted by rm[7:0].
 *   MUL/MLA/MLS   rd = rn * rm (+/- ra).  Long multiplies: rd = RdLo,
 *                 ra = RdHi, rn, rm.  SDIV/UDIV rd = rn / rm.
 *   SMULXY/SMLAXY/SMLALXY: imm bit 1 = top half of rn, bit 0 = of rm.
 *   SMULWY/SMLAWY imm = top half of rm.  SMUAD/SMUSD/SMLAD/SMLSD/SMLALD/
 *                 SMLSLD imm = X (swap rm halves).  SMMUL/SMMLA/SMMLS imm = R.
 *   SSAT/USAT     rd, rm shifted (LSL/ASR), imm = saturate bit count
 *                 (SSAT 1..32, USAT 0..31).  SSAT16/USAT16 likewise.
 *   BFI/BFC       rd, rn (BFI), imm = lsb, imm2 = msb.
 *   UBFX/SBFX     rd, rn, imm = lsb, imm2 = width - 1.
 *   extends       rd, rm rotated right by shift_n; *XTA* add rn.
 *   CLZ/RBIT/REV* rd, rm.   QADD/QSUB/QDADD/QDSUB rd = rm op rn.
 *   parallel ops, SEL, USAD8 rd, rn, rm; USADA8 + ra.  PKHBT/PKHTB: rd, rn,
 *                 rm shifted (LSL / ASR).
 *   LDR_IMM/STR_IMM/LDRT/STRT  rd = Rt, rn, imm = offset magnitude, width,
 *                 ARM_F_SIGNED, ARM_F_INDEX/ADD/WBACK (post-index: !INDEX).
 *   LDR_REG/STR_REG rd = Rt, rn, rm << shift_n (LSL), width, sign.
 *   LDR_LIT       rd, address = Align(PC, 4) +/- imm (ARM_F_ADD), width, sign.
 *   LDRD/STRD     rd = Rt, ra = Rt2, rn, imm, INDEX/ADD/WBACK; LDRD_LIT: rn=15.
 *   LDREX/STREX   rd = Rt, rn, imm (word form), width; STREX status = ra.
 *   LDM/STM (IA), LDMDB/STMDB: rn, reglist, ARM_F_WBACK.  PUSH = STMDB
 *                 sp!, POP = LDM sp!.
 *   PLD/PLI       hints: address fields as loads (may be treated as NOP).
 *   B             cond (ARM_COND_AL if unconditional), imm; BL imm;
 *   BX/BLX_REG    rm.  CBZ/CBNZ rn, imm (0..126).  TBB/TBH rn, rm.
 *   IT            cond = firstcond, it_mask.
 *   NOP..SEV, DBG imm = hint number/option.  DMB/DSB/ISB imm = option.
 *   MRS           rd, imm = SYSm.   MSR rn, imm = SYSm | mask << 8.
 *   CPS           imm: bit 4 = disable (CPSID), bit 1 = I (PRIMASK),
 *                 bit 0 = F (FAULTMASK).
 *   SVC/BKPT/UDF  imm.
 *   FP (A6.4; single precision only, sz = 1 data processing is UNDEFINED):
 *   VADD..VDIV    rd = Sd, rn = Sn, rm = Sm.   VABS/VNEG/VSQRT/VMOV_REG rd, rm.
 *   VMOV_IMM      rd, imm = the 32-bit float bit pattern (VFPExpandImm done),
 *                 imm2 = the encoded imm8.
 *   VCVTB/VCVTT   rd, rm, imm = 1: f16 <- f32, 0: f32 <- f16.
 *   VCMP          rd, rm; imm bit 0 = E (VCMPE), bit 1 = compare with #0.0.
 *   VCVT_IF       rd = float(rm as int), imm bit 0 = signed.
 *   VCVT_FI       rd = int(rm), imm bit 0 = signed, bit 1 = round towards
 *                 zero (VCVT; else FPSCR mode, VCVTR).
 *   VCVT_FX       rd = rd <-> fixed point: imm = fraction bits, imm2 bit 0 =
 *                 to fixed, bit 1 = unsigned, bit 2 = 32-bit (else 16-bit).
 *   VMRS/VMSR     rd/rn = core register (VMRS rd = 15: APSR_nzcv), imm =
 *                 system register number (1 = FPSCR).
 *   VMOV_RS       rd = Rt, rn = Sn, imm = 1: Rt <- Sn, 0: Sn <- Rt.
 *   VMOV_RRSS     rd = Rt, ra = Rt2, rm = Sm (and Sm+1), imm = to core.
 *   VMOV_RRD      rd = Rt, ra = Rt2, rm = Dm, imm = to core.
 *   VLDR/VSTR     rd = Sd/Dd, rn, imm, ARM_F_ADD, width 4 or 8.
 *   VLDM/VSTM/VLDMDB/VSTMDB rd = first register, imm = register count, rn,
 *                 ARM_F_WBACK, width 4 or 8.  VPUSH/VPOP: rn = SP.
 */

/* X(op, objdump base mnemonic) */
#define ARM_OP_LIST(X) \
    X(UNDEFINED, "undefined") \
    /* data processing, immediate operand (imm expanded) */ \
    X(AND_IMM, "and") X(EOR_IMM, "eor") X(ORR_IMM, "orr") X(ORN_IMM, "orn") \
    X(BIC_IMM, "bic") X(MOV_IMM, "mov") X(MVN_IMM, "mvn") X(TST_IMM, "tst") \
    X(TEQ_IMM, "teq") X(CMP_IMM, "cmp") X(CMN_IMM, "cmn") X(ADD_IMM, "add") \
    X(ADC_IMM, "adc") X(SUB_IMM, "sub") X(SBC_IMM, "sbc") X(RSB_IMM, "rsb") \
    X(ADR, "adr") X(MOVT, "movt") \
    /* data processing, register operand shifted by shift_t/shift_n */ \
    X(AND_REG, "and") X(EOR_REG, "eor") X(ORR_REG, "orr") X(ORN_REG, "orn") \
    X(BIC_REG, "bic") X(MOV_REG, "mov") X(MVN_REG, "mvn") X(TST_REG, "tst") \
    X(TEQ_REG, "teq") X(CMP_REG, "cmp") X(CMN_REG, "cmn") X(ADD_REG, "add") \
    X(ADC_REG, "adc") X(SUB_REG, "sub") X(SBC_REG, "sbc") X(RSB_REG, "rsb") \
    /* shift by register: Rd = Rn <shift> Rm[7:0] */ \
    X(LSL_REG, "lsl") X(LSR_REG, "lsr") X(ASR_REG, "asr") X(ROR_REG, "ror") \
    /* multiply / divide */ \
    X(MUL, "mul") X(MLA, "mla") X(MLS, "mls") X(UMULL, "umull") \
    X(SMULL, "smull") X(UMLAL, "umlal") X(SMLAL, "smlal") X(UMAAL, "umaal") \
    X(SDIV, "sdiv") X(UDIV, "udiv") \
    /* bit field, saturation, misc */ \
    X(BFI, "bfi") X(BFC, "bfc") X(UBFX, "ubfx") X(SBFX, "sbfx") \
    X(SSAT, "ssat") X(USAT, "usat") X(SSAT16, "ssat16") X(USAT16, "usat16") \
    X(CLZ, "clz") X(RBIT, "rbit") X(REV, "rev") X(REV16, "rev16") \
    X(REVSH, "revsh") \
    /* extend (rotation in shift_n: 0/8/16/24); *A* forms add Rn */ \
    X(SXTB, "sxtb") X(SXTH, "sxth") X(UXTB, "uxtb") X(UXTH, "uxth") \
    X(SXTB16, "sxtb16") X(UXTB16, "uxtb16") X(SXTAB, "sxtab") \
    X(SXTAH, "sxtah") X(UXTAB, "uxtab") X(UXTAH, "uxtah") \
    X(SXTAB16, "sxtab16") X(UXTAB16, "uxtab16") \
    /* loads and stores (width 1/2/4, sign; index/add/wback flags) */ \
    X(LDR_IMM, "ldr") X(LDR_REG, "ldr") X(LDR_LIT, "ldr") \
    X(STR_IMM, "str") X(STR_REG, "str") X(LDRT, "ldr") X(STRT, "str") \
    X(LDRD_IMM, "ldrd") X(STRD_IMM, "strd") X(LDRD_LIT, "ldrd") \
    X(LDREX, "ldrex") X(STREX, "strex") X(CLREX, "clrex") \
    X(LDM, "ldmia") X(LDMDB, "ldmdb") X(STM, "stmia") X(STMDB, "stmdb") \
    X(PLD, "pld") X(PLI, "pli") \
    /* branches */ \
    X(B, "b") X(BL, "bl") X(BLX_REG, "blx") X(BX, "bx") X(CBZ, "cbz") \
    X(CBNZ, "cbnz") X(TBB, "tbb") X(TBH, "tbh") \
    /* IT, hints, barriers, system */ \
    X(IT, "it") X(NOP, "nop") X(YIELD, "yield") X(WFE, "wfe") X(WFI, "wfi") \
    X(SEV, "sev") X(DBG, "dbg") X(DMB, "dmb") X(DSB, "dsb") X(ISB, "isb") \
    X(MRS, "mrs") X(MSR, "msr") X(CPS, "cps") X(SVC, "svc") X(BKPT, "bkpt") \
    X(UDF, "udf") \
    /* DSP extension (Cortex-M4): parallel add/subtract */ \
    X(SADD16, "sadd16") X(SASX, "sasx") X(SSAX, "ssax") X(SSUB16, "ssub16") \
    X(SADD8, "sadd8") X(SSUB8, "ssub8") \
    X(QADD16, "qadd16") X(QASX, "qasx") X(QSAX, "qsax") X(QSUB16, "qsub16") \
    X(QADD8, "qadd8") X(QSUB8, "qsub8") \
    X(SHADD16, "shadd16") X(SHASX, "shasx") X(SHSAX, "shsax") \
    X(SHSUB16, "shsub16") X(SHADD8, "shadd8") X(SHSUB8, "shsub8") \
    X(UADD16, "uadd16") X(UASX, "uasx") X(USAX, "usax") X(USUB16, "usub16") \
    X(UADD8, "uadd8") X(USUB8, "usub8") \
    X(UQADD16, "uqadd16") X(UQASX, "uqasx") X(UQSAX, "uqsax") \
    X(UQSUB16, "uqsub16") X(UQADD8, "uqadd8") X(UQSUB8, "uqsub8") \
    X(UHADD16, "uhadd16") X(UHASX, "uhasx") X(UHSAX, "uhsax") \
    X(UHSUB16, "uhsub16") X(UHADD8, "uhadd8") X(UHSUB8, "uhsub8") \
    /* DSP: saturating, select, sums of differences, packing */ \
    X(QADD, "qadd") X(QSUB, "qsub") X(QDADD, "qdadd") X(QDSUB, "qdsub") \
    X(SEL, "sel") X(USAD8, "usad8") X(USADA8, "usada8") \
    X(PKHBT, "pkhbt") X(PKHTB, "pkhtb") \
    /* DSP multiplies.  imm bit 1 = Rn top half (or X/R suffix in bit 0 for \
       the dual/most-significant forms), imm bit 0 = Rm top half */ \
    X(SMULXY, "smul") X(SMULWY, "smulw") X(SMLAXY, "smla") X(SMLAWY, "smlaw") \
    X(SMLALXY, "smlal") X(SMUAD, "smuad") X(SMUSD, "smusd") \
    X(SMLAD, "smlad") X(SMLSD, "smlsd") X(SMLALD, "smlald") \
    X(SMLSLD, "smlsld") X(SMMUL, "smmul") X(SMMLA, "smmla") X(SMMLS, "smmls") \
    /* FPv4-SP floating point (Cortex-M4F), A6: registers are S0-S31 (or \
       D0-D15 where `width` is 8) in rd/rn/rm */ \
    X(VADD, "vadd") X(VSUB, "vsub") X(VMUL, "vmul") X(VNMUL, "vnmul") \
    X(VMLA, "vmla") X(VMLS, "vmls") X(VNMLA, "vnmla") X(VNMLS, "vnmls") \
    X(VFMA, "vfma") X(VFMS, "vfms") X(VFNMA, "vfnma") X(VFNMS, "vfnms") \
    X(VDIV, "vdiv") X(VMOV_IMM, "vmov") X(VMOV_REG, "vmov") X(VABS, "vabs") \
    X(VNEG, "vneg") X(VSQRT, "vsqrt") X(VCVTB, "vcvtb") X(VCVTT, "vcvtt") \
    X(VCMP, "vcmp") X(VCVT_IF, "vcvt") X(VCVT_FI, "vcvt") X(VCVT_FX, "vcvt") \
    X(VMRS, "vmrs") X(VMSR, "vmsr") X(VMOV_RS, "vmov") X(VMOV_RRSS, "vmov") \
    X(VMOV_RRD, "vmov") X(VLDR, "vldr") X(VSTR, "vstr") X(VLDM, "vldmia") \
    X(VSTM, "vstmia") X(VLDMDB, "vldmdb") X(VSTMDB, "vstmdb") \
    /* other coprocessor space (no coprocessor on Cortex-M3/M4: NOCP) */ \
    X(COPROC, "coproc")

typedef enum ArmOp {
#define ARM_OP_ENUM_(name, mn) ARM_OP_##name,
    ARM_OP_LIST(ARM_OP_ENUM_)
#undef ARM_OP_ENUM_
    ARM_OP_COUNT
} ArmOp;

/* Shift types (shift_t).  RRX has shift_n = 1. */
typedef enum ArmShift {
    ARM_SHIFT_LSL = 0, ARM_SHIFT_LSR, ARM_SHIFT_ASR, ARM_SHIFT_ROR, ARM_SHIFT_RRX
} ArmShift;

/* Condition codes (cond). */
enum {
    ARM_COND_EQ, ARM_COND_NE, ARM_COND_CS, ARM_COND_CC, ARM_COND_MI,
    ARM_COND_PL, ARM_COND_VS, ARM_COND_VC, ARM_COND_HI, ARM_COND_LS,
    ARM_COND_GE, ARM_COND_LT, ARM_COND_GT, ARM_COND_LE, ARM_COND_AL
};

/* ArmInsn.flags */
enum {
    ARM_F_S            = 1u << 0,  /* sets the flags                           */
    ARM_F_S_OUTSIDE_IT = 1u << 1,  /* 16-bit: sets the flags outside IT only  */
    ARM_F_IMM_CARRY    = 1u << 2,  /* ThumbExpandImm rotated: C = imm[31]     */
    ARM_F_INDEX        = 1u << 3,  /* memory: offset applied before access    */
    ARM_F_ADD          = 1u << 4,  /* memory: offset added (else subtracted)  */
    ARM_F_WBACK        = 1u << 5,  /* memory/LDM/STM: base written back       */
    ARM_F_SIGNED       = 1u << 6,  /* loads: sign-extend                      */
    ARM_F_UNPRED       = 1u << 7,  /* UNPREDICTABLE encoding                  */
    ARM_F_IN_IT        = 1u << 8,  /* set by arm_it_apply: inside an IT block */
    ARM_F_LAST_IN_IT   = 1u << 9,  /* set by arm_it_apply: last insn of block */
    ARM_F_UNPRED_UNDEF = 1u << 10, /* UNPREDICTABLE case QEMU treats as
                                      UNDEFINED (see the header comment)     */
    ARM_F_REG_OFFSET   = 1u << 11, /* memory: offset is rm << shift_n (also
                                      for PLD/PLI and memory-hint NOPs)      */
};

typedef struct ArmInsn {
    uint32_t raw;       /* 16-bit: the halfword; 32-bit: hw1 << 16 | hw2     */
    uint16_t op;        /* ArmOp                                               */
    uint16_t flags;     /* ARM_F_*                                             */
    uint8_t len;        /* 2 or 4; 0 when truncated                           */
    uint8_t cond;       /* B<cond>: its condition; IT: firstcond; otherwise
                           ARM_COND_AL, or the IT condition after arm_it_apply */
    uint8_t rd;         /* destination (Rt for loads/stores, RdLo for long
                           multiplies)                                        */
    uint8_t rn;         /* first operand / base register                      */
    uint8_t rm;         /* second operand / index / shift-amount register     */
    uint8_t ra;         /* accumulator; Rt2 (LDRD/STRD); RdHi; STREX status Rd */
    uint8_t shift_t;    /* ArmShift for register operands                     */
    uint8_t shift_n;    /* shift amount 0..32; extend rotation 0/8/16/24      */
    uint8_t width;      /* memory access size in bytes: 1, 2, 4, 8 (LDRD)    */
    uint8_t it_mask;    /* IT: the 4-bit mask as encoded                       */
    uint16_t reglist;   /* LDM/STM/PUSH/POP register set (bit n = Rn)         */
    int32_t imm;        /* immediate / offset (branches: from pc + 4); MSR/MRS:
                           SYSm (MSR: | mask << 8); CPS: bit0=F, bit1=I,
                           bit4 = disable; barriers: option; SSAT/USAT: the
                           saturate bit position; BFI/BFC/UBFX/SBFX: lsb     */
    uint8_t imm2;       /* BFI/BFC: msb; UBFX/SBFX: width-1                    */
} ArmInsn;

/* Decode one Thumb instruction at `pc` from `p` (`avail` bytes valid,
 * little-endian halfwords; `pc` is not used today since offsets stay
 * pc-relative, but keep passing the instruction's address).  Returns the length (2 or 4), or 0 when the
 * bytes are truncated (fewer than 2, or a 32-bit prefix with fewer than 4).
 * UNDEFINED encodings return their length with op = ARM_OP_UNDEFINED. */
unsigned arm_decode(const uint8_t *p, size_t avail, uint32_t pc, ArmInsn *out);

/* Same from halfwords (hw2 ignored for a 16-bit instruction). */
unsigned arm_decode_hw(uint16_t hw1, uint16_t hw2, uint32_t pc, ArmInsn *out);

/* True when the halfword is the first half of a 32-bit instruction. */
static inline bool arm_is_32bit(uint16_t hw1)
{
    return (hw1 >> 11) >= 0x1d;
}

/* ThumbExpandImm_C (A5.3.2).  Returns the value; *carry_valid tells whether
 * the shifter carry-out is defined (then it is bit 31 of the result).
 * Returns 0 with *unpred set for the UNPREDICTABLE imm12 forms. */
uint32_t arm_thumb_expand_imm(uint32_t imm12, bool *carry_valid, bool *unpred);

/* IT block state, as the ITSTATE bits of EPSR (A7.3.3): 0 = outside. */
typedef struct ArmItState {
    uint8_t bits;
} ArmItState;

static inline bool arm_it_active(const ArmItState *s) { return (s->bits & 0xf) != 0; }

/* Apply the IT state to a freshly decoded instruction (condition, in-IT
 * flags, flag setting of 16-bit encodings) and advance the state past it;
 * an IT instruction loads a new state.  Call once per instruction in
 * execution (or disassembly) order. */
void arm_it_step(ArmItState *s, ArmInsn *insn);

/* objdump-compatible disassembly (arm-none-eabi-objdump -d of a Cortex-M
 * ELF): mnemonic, a tab, operands; branch/literal targets absolute hex
 * without the " <symbol>" part.  Conditions inside IT blocks are printed if
 * the instruction went through arm_it_step.  Returns characters written. */
int arm_disasm(const ArmInsn *insn, uint32_t pc, char *buf, size_t bufsize);

/* Control-flow class (ISA-neutral). */
void arm_insn_info(const ArmInsn *insn, uint32_t pc, IsaInsnInfo *info);

const char *arm_op_name(ArmOp op);        /* base mnemonic */
const char *arm_reg_name(unsigned r);     /* objdump names: r0..r9, sl, fp, ip, sp, lr, pc */
const char *arm_cond_name(unsigned cond); /* "eq" ... "al" */

#endif
