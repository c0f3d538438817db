/*
 * emu/cpu/riscv/rv_cpu.h - RV32IMAC hart with machine and user modes.
 *
 * Internal to the emulator.  The hart implements the privileged spec
 * (20211203) subset a bare-metal M/U system uses: machine-mode CSRs,
 * traps and interrupts (section 3.1.6-3.1.9, 3.3), PMP (section 3.7) with 16
 * entries, mstatus.MPRV, and the user counters gated by mcounteren.  There
 * is no S-mode: misa is RV32IMACU, as QEMU's
 * `-cpu rv32,f=off,d=off,s=off,h=off,mmu=off` reports.
 *
 * Execution model (see rv_exec.c): guest code is decoded once into
 * translation blocks of pre-decoded operations, cached by (pc, privilege),
 * chained to their static successors, and run by a threaded interpreter.
 */
#ifndef EMU_CPU_RISCV_RV_CPU_H
#define EMU_CPU_RISCV_RV_CPU_H

#include "emu/core/debug.h"
#include "emu/core/machine.h"
#include "emu/isa/riscv/rv_isa.h"

enum { RV_PRIV_U = 0, RV_PRIV_M = 3 };

/* mstatus fields (privileged spec 3.1.6) */
#define RV_MSTATUS_MIE   (1u << 3)
#define RV_MSTATUS_MPIE  (1u << 7)
#define RV_MSTATUS_MPP   (3u << 11)
#define RV_MSTATUS_MPRV  (1u << 17)
#define RV_MSTATUS_TW    (1u << 21)

/* interrupt bits of mip/mie */
#define RV_IRQ_MSI 3
#define RV_IRQ_MTI 7
#define RV_IRQ_MEI 11

/* exception causes (privileged spec table 3.6) */
enum {
    RV_EXC_INSN_MISALIGNED = 0, RV_EXC_INSN_ACCESS = 1, RV_EXC_ILLEGAL = 2,
    RV_EXC_BREAKPOINT = 3, RV_EXC_LOAD_MISALIGNED = 4, RV_EXC_LOAD_ACCESS = 5,
    RV_EXC_STORE_MISALIGNED = 6, RV_EXC_STORE_ACCESS = 7, RV_EXC_ECALL_U = 8,
    RV_EXC_ECALL_M = 11,
};

#define RV_NPMP 16

typedef struct RvTB RvTB;

/* Debug state (gdb stub): emu/core/debug.h.  Breakpoints patch the handler
 * of the operation at their address in each translated block; a stop
 * inside a block resumes there (same blocks, same trace). */

typedef struct RvCpu {
    /* x[0] is always 0; x[32] is the sink for writes to x0. */
    uint32_t x[33];
    uint32_t pc;
    uint32_t priv;
    /* CSRs */
    uint32_t mstatus, mie, mip, mtvec, mscratch, mepc, mcause, mtval;
    uint32_t mcounteren, mcountinhibit;
    uint64_t cycle_offset, instret_offset;  /* counter = icount + offset */
    uint64_t cycle_frozen, instret_frozen;  /* values while mcountinhibit
                                               stops them (CY, IR bits) */
    uint8_t pmpcfg[RV_NPMP];
    uint32_t pmpaddr[RV_NPMP];
    /* LR/SC reservation (QEMU semantics: address and loaded value) */
    uint32_t load_res, load_val;
    bool load_res_valid;
    /* machine */
    EmuMachine *m;
    uint64_t timebase_hz;
    /* memory fast path: either the machine's page tables or an all-NULL
     * table (when PMP or MPRV checks apply to the current mode) */
    const uintptr_t *rd_tab, *wr_tab;
    uintptr_t *null_tab;
    bool pmp_checks;                 /* current data accesses need PMP checks */
    /* the main RAM region, checked by range before the page tables (no
     * dependent table load on the hot path); fast_size 0 when disabled */
    uint32_t fast_base, fast_size;
    uint8_t *fast_host;
    /* translation cache (rv_exec.c) */
    struct RvTbCache *tbc;
    bool flush_pending;
    /* fault loop detection: pc of the last instruction-fetch fault */
    uint32_t last_fetch_fault_pc;
    bool last_was_fetch_fault;
    /* hooks that need the slow block-exit path (trace, -d exec/cpu, gdb) */
    bool slow_hooks;
    /* rv_exec: block whose static exit is to be chained to the next block
     * looked up (in the struct, not a local: no value on dispatch edges) */
    void *chain_from;
    int chain_slot;
    EmuDbg dbg;
} RvCpu;

/* rv_cpu.c */
void rv_update_mem_mode(RvCpu *cpu);
/* Take a synchronous exception or interrupt: updates CSRs, priv and pc. */
void rv_raise(RvCpu *cpu, uint32_t cause, bool interrupt, uint32_t tval, uint32_t epc);
/* The highest-priority pending and enabled interrupt, or -1. */
int rv_pending_irq(RvCpu *cpu);
/* CSR access for the csrr* instructions: returns false for an illegal
 * access (nonexistent CSR, privilege, write to read-only). */
bool rv_csr_rw(RvCpu *cpu, unsigned csr, uint32_t *old, uint32_t wval,
               uint32_t wmask, bool write);
/* Data access with PMP/MPRV checks and the bus; returns an exception cause
 * (0xffffffff when the access succeeded). */
#define RV_OK 0xffffffffu
uint32_t rv_load_slow(RvCpu *cpu, uint32_t addr, unsigned size, uint32_t *val);
uint32_t rv_store_slow(RvCpu *cpu, uint32_t addr, unsigned size, uint32_t val);
/* Instruction fetch permission for translation (priv = current mode). */
bool rv_fetch_ok(RvCpu *cpu, uint32_t addr, unsigned size);
bool rv_pmp_check(RvCpu *cpu, uint32_t addr, unsigned size, unsigned priv, unsigned access);
uint64_t rv_counter_icount(RvCpu *cpu);

/* rv_exec.c */
struct RvTbCache *rv_tbc_new(void);
void rv_tbc_free(struct RvTbCache *c);
void rv_tb_flush(RvCpu *cpu);
EmuRunReason rv_exec(RvCpu *cpu, uint64_t icount_limit);
/* Breakpoint patches (rv_exec.c): apply the stop handler at `addr`
 * in every translated block. */
void rv_dbg_patch_addr(RvCpu *cpu, uint32_t addr);

#endif
