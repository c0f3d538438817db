/*
 * emu/cpu/arm/arm_cpu.h - ARMv7-M processor (Cortex-M3; Cortex-M4 = the same
 * plus the DSP instructions the decoder gives; Cortex-M4F = Cortex-M4 plus
 * the FPv4-SP floating-point extension, arm_fpu.c, on a CPU node
 * compatible with "arm,cortex-m4f").
 *
 * Internal to the emulator.  References: ARMv7-M Architecture Reference
 * Manual DDI0403E.e (sections cited in the code), and QEMU 7.2's
 * target/arm where the manual leaves a choice (noted).
 *
 * Execution model (arm_exec.c): as RISC-V (rv_exec.c), guest code is
 * decoded once into translation blocks of pre-decoded operations, chained
 * to their static successors and run by a threaded interpreter.  Blocks are
 * keyed by (pc, ITSTATE at block start): the IT state changes how the
 * instructions decode (condition, flag setting of 16-bit encodings), so a
 * block entered in the middle of an IT block (after an interrupt or a
 * budget stop) is a different translation.  Privilege and mode change no
 * decoding (there is no MPU): MRS/MSR/CPS check them when they execute.
 *
 * The exception state (pending/active/priorities, SCB registers) lives in
 * the SCS device (emu/dev/armv7m_scs.h); the CPU finds it at reset.
 *
 * Policies (where the manual leaves a choice or QEMU 7.2 differs):
 *   - UNPREDICTABLE encodings: see emu/isa/arm/arm_isa.h (ARM_F_UNPRED_UNDEF
 *     ones raise UNDEFINSTR, the others execute naturally), as QEMU.
 *   - Semihosting (BKPT 0xAB) only from privileged code, as QEMU without
 *     userspace=on; other BKPTs (and unprivileged 0xAB) escalate to
 *     HardFault with HFSR.DEBUGEVT (B3.2.16; QEMU sets FORCED).
 *   - CCR.UNALIGN_TRP traps unaligned LDR/STR/LDRH/STRH (A3.2.1; QEMU 7.2
 *     does not); LDM/STM/LDRD/STRD/LDREX/STREX always need alignment.
 *   - Fetch from the XN regions of the default map: MemManage IACCVIOL;
 *     from unmapped memory: BusFault IBUSERR; data bus errors are precise
 *     BusFaults with BFAR.
 *   - Reset APSR: Z set (as QEMU; architecturally UNKNOWN).
 *   - WFE is a hint (no event register); SEV a NOP.
 *   - Without "arm,cortex-m4f" every coprocessor instruction (FP included)
 *     raises UsageFault NOCP; with it, see arm_fpu.c for the FPU's
 *     policies (extended frame and lazy stacking are in arm_cpu.c).
 * Not modelled: the MPU, late arrival (a higher-priority exception
 * pending during stacking is taken after the first handler's entry,
 * nested, as QEMU does), halting debug, debug events other
 * than BKPT (BKPT takes the DebugMonitor exception only with DEMCR.MON_EN),
 * sleep-on-exit, bit-banding.
 */
#ifndef EMU_CPU_ARM_ARM_CPU_H
#define EMU_CPU_ARM_ARM_CPU_H

#include "emu/core/debug.h"
#include "emu/core/machine.h"
#include "emu/dev/armv7m_scs.h"
#include "emu/isa/arm/arm_isa.h"

extern const EmuCpuClass emu_cpu_armv7m;

/* CONTROL bits (B1.4.4) */
enum { CONTROL_NPRIV = 1u << 0, CONTROL_SPSEL = 1u << 1, CONTROL_FPCA = 1u << 2 };

typedef struct ArmTB ArmTB;

typedef struct ArmCpu {
    /* arm_exec: block whose static exit is to be chained to the next block
     * looked up (in the struct, not a local: no value on dispatch edges) */
    void *chain_from;
    int chain_slot;
    uint32_t r[16];         /* r[13] is the SP in use; r[15] unused       */
    /* APSR: N = nf bit 31, Z = (zf == 0), C = cf (0/1), V = vf bit 31 */
    uint32_t nf, zf, cf, vf;
    uint32_t qf;            /* sticky saturation flag (0/1)                */
    uint32_t ge;            /* GE[3:0] (DSP)                               */
    uint32_t itstate;       /* EPSR.IT (8 bits, A7.3.3)                    */
    bool thumb;             /* EPSR.T: false makes the next fetch INVSTATE */
    uint32_t pc;
    uint32_t sp_other;      /* the banked SP not selected (MSP or PSP)     */
    bool sp_psp;            /* r[13] currently holds the PSP               */
    uint32_t primask, faultmask, basepri, control;
    /* local exclusive monitor (A3.4.1) */
    bool excl_valid;
    uint32_t excl_addr;
    /* machine */
    EmuMachine *m;
    ArmV7mScs *scs;
    /* memory fast path (as RvCpu): one RAM region checked by range; the
     * all-NULL null_tab while watchpoints need the slow path */
    const uintptr_t *rd_tab, *wr_tab;
    uintptr_t *null_tab;
    uint32_t fast_base, fast_size;
    uint8_t *fast_host;
    /* translation cache */
    struct ArmTbCache *tbc;
    bool flush_pending;
    bool slow_hooks;
    bool locked_up;
    bool has_dsp;           /* Cortex-M4: DSP extension instructions       */
    bool has_fpu;           /* Cortex-M4F: FPv4-SP (arm_fpu.c)             */
    uint32_t fps[32];       /* S0-S31 (D<n> = S<2n+1>:S<2n>)               */
    uint32_t fpscr;
    /* gdb support (emu/core/debug.h): breakpoints patch operations of the
     * translated blocks; a stop inside a block resumes there */
    EmuDbg dbg;
} ArmCpu;

static inline bool arm_handler_mode(const ArmCpu *cpu) { return cpu->scs->ipsr != 0; }
static inline bool arm_privileged(const ArmCpu *cpu)
{
    return arm_handler_mode(cpu) || !(cpu->control & CONTROL_NPRIV);
}

/* arm_cpu.c */
uint32_t arm_get_xpsr(const ArmCpu *cpu);
void arm_set_apsr(ArmCpu *cpu, uint32_t v, bool nzcvq, bool ge);
/* Read/write MSP or PSP whichever is banked where. */
uint32_t arm_get_msp(const ArmCpu *cpu);
uint32_t arm_get_psp(const ArmCpu *cpu);
void arm_set_msp(ArmCpu *cpu, uint32_t v);
void arm_set_psp(ArmCpu *cpu, uint32_t v);
/* Select the stack pointer per mode and CONTROL.SPSEL. */
void arm_sp_update(ArmCpu *cpu, bool use_psp);
/* Execution priority (B1.5.4). */
int arm_exec_prio(const ArmCpu *cpu);
/* Take the highest-priority pending exception if it preempts; returns the
 * exception number taken (0 if none).  cpu->pc is the return address. */
unsigned arm_check_irq(ArmCpu *cpu);
/* Take a synchronous fault at `pc` (the faulting instruction): sets the
 * status bits, escalates to HardFault or locks up (B1.5.8).  Returns the
 * exception number taken, or 0 on lockup (the machine is stopped). */
unsigned arm_take_fault(ArmCpu *cpu, unsigned exc, uint32_t cfsr_bits, uint32_t pc);
/* SVC / BKPT */
unsigned arm_take_sync(ArmCpu *cpu, unsigned exc, uint32_t return_pc, uint32_t hfsr_bit);
/* Exception return (B1.5.8): `exc_return` loaded into the PC in Handler
 * mode.  Returns 0 when done (cpu->pc = where execution continues), or
 * the exception number of a fault taken instead (INVPC...). */
unsigned arm_exception_return(ArmCpu *cpu, uint32_t exc_return, uint32_t insn_pc);
/* Slow data accesses: return 0 or a CFSR bit (bus fault). */
uint32_t arm_load_slow(ArmCpu *cpu, uint32_t addr, unsigned size, uint32_t *val);
uint32_t arm_store_slow(ArmCpu *cpu, uint32_t addr, unsigned size, uint32_t val);
void arm_update_mem_mode(ArmCpu *cpu);
void arm_dump(ArmCpu *cpu, FILE *out);

/* arm_fpu.c: FPv4-SP.  arm_fpu_enabled: CPACR grants FP access to code of
 * that privilege (CheckVFPEnabled, B3.2.20).  arm_fpu_exec executes an
 * instruction of the FP space (`pc` its address), UNDEFINED ones included
 * (NOCP comes first, as on hardware and QEMU); returns 0, or a CFSR bit
 * with the exception to take in *exc. */
bool arm_fpu_enabled(const ArmCpu *cpu, bool priv);
uint32_t arm_fpu_exec(ArmCpu *cpu, const ArmInsn *in, uint32_t pc, uint32_t *exc);

/* arm_exec.c */
struct ArmTbCache *arm_tbc_new(void);
void arm_tbc_free(struct ArmTbCache *c);
void arm_tb_flush(ArmCpu *cpu);
EmuRunReason arm_exec(ArmCpu *cpu, uint64_t icount_limit);
/* Put the breakpoint stop handler on the instruction at `addr` in every
 * translated block. */
void arm_dbg_patch_addr(ArmCpu *cpu, uint32_t addr);

#endif
