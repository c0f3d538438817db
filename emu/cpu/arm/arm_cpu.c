/*
 * emu/cpu/arm/arm_cpu.c - ARMv7-M processor state, the exception model
 * (DDI0403E B1.5: reset, entry, return, tail-chaining, fault escalation,
 * lockup) and the CPU class.
 */
#include "arm_cpu.h"

#include <inttypes.h>
#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* Registers */

uint32_t arm_get_xpsr(const ArmCpu *cpu)
{
    uint32_t v = 0;
    v |= cpu->nf & 0x80000000u;
    v |= cpu->zf == 0 ? 1u << 30 : 0;
    v |= cpu->cf ? 1u << 29 : 0;
    v |= (cpu->vf >> 31) << 28;
    v |= cpu->qf ? 1u << 27 : 0;
    v |= (cpu->ge & 0xf) << 16;
    v |= (cpu->itstate & 3) << 25;          /* IT[1:0] */
    v |= (cpu->itstate >> 2) << 10;         /* IT[7:2] */
    v |= cpu->thumb ? 1u << 24 : 0;
    v |= cpu->scs->ipsr & 0x1ff;
    return v;
}

void arm_set_apsr(ArmCpu *cpu, uint32_t v, bool nzcvq, bool ge)
{
    if (nzcvq) {
        cpu->nf = v & 0x80000000u;
        cpu->zf = (v >> 30 & 1) ? 0 : 1;
        cpu->cf = v >> 29 & 1;
        cpu->vf = (v >> 28 & 1) << 31;
        cpu->qf = v >> 27 & 1;
    }
    if (ge)
        cpu->ge = (v >> 16) & 0xf;
}

uint32_t arm_get_msp(const ArmCpu *cpu) { return cpu->sp_psp ? cpu->sp_other : cpu->r[13]; }
uint32_t arm_get_psp(const ArmCpu *cpu) { return cpu->sp_psp ? cpu->r[13] : cpu->sp_other; }

void arm_set_msp(ArmCpu *cpu, uint32_t v)
{
    v &= ~3u;
    if (cpu->sp_psp)
        cpu->sp_other = v;
    else
        cpu->r[13] = v;
}

void arm_set_psp(ArmCpu *cpu, uint32_t v)
{
    v &= ~3u;
    if (cpu->sp_psp)
        cpu->r[13] = v;
    else
        cpu->sp_other = v;
}

void arm_sp_update(ArmCpu *cpu, bool use_psp)
{
    if (use_psp == cpu->sp_psp)
        return;
    uint32_t t = cpu->r[13];
    cpu->r[13] = cpu->sp_other;
    cpu->sp_other = t;
    cpu->sp_psp = use_psp;
}

static void arm_sp_for_mode(ArmCpu *cpu)
{
    arm_sp_update(cpu, !arm_handler_mode(cpu) && (cpu->control & CONTROL_SPSEL));
}

/* ------------------------------------------------------------------------ */
/* Memory */

/* Unprivileged accesses to the Private Peripheral Bus (0xE0000000-
 * 0xE00FFFFF: SCS, NVIC, SysTick, DWT...) are BusFaults (ARMv7-M B3.1 and
 * B3.2), except a write to STIR when CCR.USERSETMPEND is set (B3.4.3). */
#define ARM_PPB_BASE 0xe0000000u
#define ARM_PPB_END  0xe0100000u
#define ARM_STIR     0xe000ef00u

static bool arm_ppb_denied(ArmCpu *cpu, uint32_t addr, bool write)
{
    if (addr < ARM_PPB_BASE || addr >= ARM_PPB_END || arm_privileged(cpu))
        return false;
    return !(write && addr == ARM_STIR && (cpu->scs->ccr & CCR_USERSETMPEND));
}

/* Bus accesses of the exception model (stacking, vector fetch): not
 * watched by the debugger (QEMU's watchpoints do not see them either). */
static uint32_t arm_load_bus(ArmCpu *cpu, uint32_t addr, unsigned size, uint32_t *val)
{
    EmuMachine *m = cpu->m;
    if (arm_ppb_denied(cpu, addr, false))
        goto fault;
    if ((addr & (size - 1)) == 0) {
        if (emu_bus_read(m, addr, size, val) == EMU_MEM_OK)
            return 0;
    } else {
        /* unaligned (allowed for LDR/LDRH/STR/STRH, A3.2.1): byte by byte */
        uint32_t v = 0, b;
        for (unsigned i = 0; i < size; i++) {
            if (emu_bus_read(m, addr + i, 1, &b) != EMU_MEM_OK)
                goto fault;
            v |= (b & 0xff) << (8 * i);
        }
        *val = v;
        return 0;
    }
fault:
    EMU_LOG(EMU_LOG_GUEST_ERRORS, "armv7m: bus error reading %u bytes at 0x%08" PRIx32 "\n",
            size, addr);
    cpu->scs->bfar = addr;
    return CFSR_PRECISERR | CFSR_BFARVALID;
}

static uint32_t arm_store_bus(ArmCpu *cpu, uint32_t addr, unsigned size, uint32_t val)
{
    EmuMachine *m = cpu->m;
    if (arm_ppb_denied(cpu, addr, true))
        goto fault;
    if ((addr & (size - 1)) == 0) {
        if (emu_bus_write(m, addr, size, val) == EMU_MEM_OK)
            return 0;
    } else {
        for (unsigned i = 0; i < size; i++)
            if (emu_bus_write(m, addr + i, 1, (val >> (8 * i)) & 0xff) != EMU_MEM_OK)
                goto fault;
        return 0;
    }
fault:
    EMU_LOG(EMU_LOG_GUEST_ERRORS, "armv7m: bus error writing %u bytes at 0x%08" PRIx32 "\n",
            size, addr);
    cpu->scs->bfar = addr;
    return CFSR_PRECISERR | CFSR_BFARVALID;
}

/* Data accesses of instructions: the bus, then the debugger's watchpoints
 * (a hit kicks the interpreter out of chained blocks so that it stops
 * after the instruction). */
uint32_t arm_load_slow(ArmCpu *cpu, uint32_t addr, unsigned size, uint32_t *val)
{
    uint32_t e = arm_load_bus(cpu, addr, size, val);
    if (cpu->dbg.nwp && !e && emu_dbg_check_watch(&cpu->dbg, addr, size, false))
        emu_machine_kick(cpu->m);
    return e;
}

uint32_t arm_store_slow(ArmCpu *cpu, uint32_t addr, unsigned size, uint32_t val)
{
    uint32_t e = arm_store_bus(cpu, addr, size, val);
    if (cpu->dbg.nwp && !e && emu_dbg_check_watch(&cpu->dbg, addr, size, true))
        emu_machine_kick(cpu->m);
    return e;
}

void arm_update_mem_mode(ArmCpu *cpu)
{
    EmuMachine *m = cpu->m;
    cpu->fast_size = 0;
    if (cpu->dbg.nwp) {
        /* watchpoints are checked on the slow path: no direct access */
        cpu->rd_tab = cpu->null_tab;
        cpu->wr_tab = cpu->null_tab;
        return;
    }
    cpu->rd_tab = m->fast_rd;
    cpu->wr_tab = m->fast_wr;
    /* The range-checked fast region: the RAM holding the main stack (where
     * most data accesses of a Cortex-M firmware go), else the largest. */
    const EmuRegion *best = NULL;
    uint32_t sp = arm_get_msp(cpu);
    for (unsigned i = 0; i < m->nregions; i++) {
        const EmuRegion *r = &m->regions[i];
        if (!r->host || r->readonly || r->size < 8)
            continue;
        if (sp - 4 - r->base < r->size) {
            best = r;
            break;
        }
        if (!best || r->size > best->size)
            best = r;
    }
    if (best) {
        cpu->fast_base = best->base;
        cpu->fast_size = best->size;
        cpu->fast_host = best->host;
    }
}

/* ------------------------------------------------------------------------ */
/* Exceptions (B1.5) */

static const char *exc_name(unsigned exc)
{
    static const char *const names[16] = {
        "thread", "Reset", "NMI", "HardFault", "MemManage", "BusFault", "UsageFault",
        "reserved", "reserved", "reserved", "reserved", "SVCall", "DebugMonitor",
        "reserved", "PendSV", "SysTick",
    };
    return exc < 16 ? names[exc] : "IRQ";
}

int arm_exec_prio(const ArmCpu *cpu)
{
    const ArmV7mScs *s = cpu->scs;
    int p = armv7m_active_prio(s);
    if (cpu->basepri) {
        int b = armv7m_group_prio(s, (int)cpu->basepri);
        if (b < p)
            p = b;
    }
    if (cpu->primask && p > 0)
        p = 0;
    if (cpu->faultmask && p > -1)
        p = -1;
    return p;
}

static void lockup(ArmCpu *cpu, unsigned exc, uint32_t pc)
{
    cpu->locked_up = true;
    emu_machine_stop_error(cpu->m, "armv7m lockup: %s (exception %u) at pc 0x%08" PRIx32
                           " cannot be taken at execution priority %d (fault escalated "
                           "past HardFault); CFSR 0x%08" PRIx32 " HFSR 0x%08" PRIx32,
                           exc_name(exc), exc, pc, arm_exec_prio(cpu), cpu->scs->cfsr,
                           cpu->scs->hfsr);
}

/* UpdateFPCCR (B1.5.7): the context of a lazily reserved FP frame at
 * `frameptr`, recorded for the PreserveFPState of the first FP
 * instruction (arm_fpu.c). */
static void update_fpccr(ArmCpu *cpu, uint32_t frameptr)
{
    ArmV7mScs *s = cpu->scs;
    int ep = arm_exec_prio(cpu);
    uint32_t f = s->fpccr & ~(FPCCR_LSPACT | FPCCR_USER | FPCCR_THREAD | FPCCR_HFRDY |
                              FPCCR_MMRDY | FPCCR_BFRDY | FPCCR_MONRDY);
    f |= FPCCR_LSPACT;
    f |= arm_privileged(cpu) ? 0 : FPCCR_USER;
    f |= arm_handler_mode(cpu) ? 0 : FPCCR_THREAD;
    f |= ep > -1 ? FPCCR_HFRDY : 0;
    if (armv7m_exc_enabled(s, ARMV7M_EXC_MEMMANAGE) &&
        ep > armv7m_group_prio(s, armv7m_exc_prio(s, ARMV7M_EXC_MEMMANAGE)))
        f |= FPCCR_MMRDY;
    if (armv7m_exc_enabled(s, ARMV7M_EXC_BUSFAULT) &&
        ep > armv7m_group_prio(s, armv7m_exc_prio(s, ARMV7M_EXC_BUSFAULT)))
        f |= FPCCR_BFRDY;
    if ((s->demcr & (1u << 16)) &&
        ep > armv7m_group_prio(s, armv7m_exc_prio(s, ARMV7M_EXC_DEBUGMON)))
        f |= FPCCR_MONRDY;
    s->fpccr = f;
    s->fpcar = (frameptr + 0x20) & ~7u;
}

/* PushStack (B1.5.6): the 8-word basic frame on the current stack, or
 * with the FP extension and CONTROL.FPCA the 26-word extended frame
 * (S0-S15, FPSCR and a reserved word; always 8-byte aligned), whose FP
 * part is written now or, with FPCCR.LSPEN, reserved for lazy
 * preservation. */
static void push_stack(ArmCpu *cpu, uint32_t ret_pc)
{
    ArmV7mScs *s = cpu->scs;
    uint32_t sp = cpu->r[13];
    bool fpframe = cpu->has_fpu && (cpu->control & CONTROL_FPCA);
    uint32_t framesize = fpframe ? 0x68 : 0x20;
    bool align = fpframe || (s->ccr & CCR_STKALIGN) != 0;
    uint32_t frameptralign = align ? (sp >> 2) & 1 : 0;
    sp = (sp - framesize) & ~(frameptralign << 2);
    uint32_t xpsr = (arm_get_xpsr(cpu) & ~(1u << 9)) | frameptralign << 9;
    uint32_t frame[26] = { cpu->r[0], cpu->r[1], cpu->r[2], cpu->r[3], cpu->r[12],
                           cpu->r[14], ret_pc, xpsr };
    unsigned nwords = 8;
    if (fpframe && !(s->fpccr & FPCCR_LSPEN)) {
        memcpy(&frame[8], cpu->fps, 16 * 4);
        frame[24] = cpu->fpscr;
        nwords = 25;
    }
    cpu->r[13] = sp;
    for (unsigned i = 0; i < nwords; i++) {
        uint32_t e = arm_store_bus(cpu, sp + 4 * i, 4, frame[i]);
        if (e) {
            /* derived exception: stacking error (B1.5.15) */
            s->cfsr |= CFSR_STKERR;
            s->cfsr &= ~CFSR_BFARVALID;
            s->pending[ARMV7M_EXC_BUSFAULT] = 1;
            s->changed = 1;
            break;
        }
    }
    if (fpframe && (s->fpccr & FPCCR_LSPEN))
        update_fpccr(cpu, sp);
    /* EXC_RETURN bit 4 = NOT CONTROL.FPCA: 0 says "extended frame" */
    uint32_t nofp = fpframe ? 0 : 0x10;
    if (arm_handler_mode(cpu))
        cpu->r[14] = 0xffffffe1u | nofp;
    else
        cpu->r[14] = ((cpu->control & CONTROL_SPSEL) ? 0xffffffedu : 0xffffffe9u) | nofp;
}

/* ExceptionTaken (B1.5.6). Returns false on a vector read failure (lockup). */
static bool exception_taken(ArmCpu *cpu, unsigned exc)
{
    ArmV7mScs *s = cpu->scs;
    uint32_t vec;
    if (arm_load_bus(cpu, s->vtor + 4 * exc, 4, &vec)) {
        s->hfsr |= HFSR_VECTTBL;
        if (exc == ARMV7M_EXC_HARDFAULT || arm_exec_prio(cpu) <= -1 ||
            arm_load_bus(cpu, s->vtor + 4 * ARMV7M_EXC_HARDFAULT, 4, &vec)) {
            lockup(cpu, exc, cpu->pc);
            return false;
        }
        exc = ARMV7M_EXC_HARDFAULT;
    }
    s->pending[exc] = 0;
    if (!s->active[exc]) {
        s->active[exc] = 1;
        s->nactive++;
    }
    s->ipsr = exc;
    s->changed = 1;
    cpu->itstate = 0;
    /* a handler starts without an FP context (CONTROL.FPCA = 0) */
    cpu->control &= ~(CONTROL_SPSEL | CONTROL_FPCA);
    arm_sp_for_mode(cpu);
    cpu->thumb = vec & 1;
    cpu->pc = vec & ~1u;
    cpu->excl_valid = false;
    EMU_LOG(EMU_LOG_INT, "armv7m: taking exception %u (%s) -> %08" PRIx32 "\n",
            exc, exc_name(exc), cpu->pc);
    return true;
}

static bool exception_entry(ArmCpu *cpu, unsigned exc, uint32_t ret_pc)
{
    push_stack(cpu, ret_pc);
    return exception_taken(cpu, exc);
}

unsigned arm_check_irq(ArmCpu *cpu)
{
    ArmV7mScs *s = cpu->scs;
    int g;
    unsigned best = armv7m_pending_best(s, &g);
    if (!best || g >= arm_exec_prio(cpu))
        return 0;
    /* Synchronous fault pended earlier (stacking error) that cannot run
     * because it is disabled is handled by arm_take_fault; here every
     * pending enabled exception of sufficient priority is taken. */
    if (!exception_entry(cpu, best, cpu->pc))
        return 0;
    return best;
}

unsigned arm_take_fault(ArmCpu *cpu, unsigned exc, uint32_t cfsr_bits, uint32_t pc)
{
    ArmV7mScs *s = cpu->scs;
    s->cfsr |= cfsr_bits;
    int ep = arm_exec_prio(cpu);
    unsigned target = exc;
    if (exc != ARMV7M_EXC_HARDFAULT &&
        (!armv7m_exc_enabled(s, exc) || armv7m_group_prio(s, armv7m_exc_prio(s, exc)) >= ep)) {
        target = ARMV7M_EXC_HARDFAULT;       /* escalation (B1.5.8) */
        s->hfsr |= HFSR_FORCED;
    }
    if (target == ARMV7M_EXC_HARDFAULT && ep <= -1) {
        lockup(cpu, exc, pc);
        return 0;
    }
    EMU_LOG(EMU_LOG_INT, "armv7m: %s at pc %08" PRIx32 " (CFSR %08" PRIx32 ")%s\n",
            exc_name(exc), pc, s->cfsr, target != exc ? " escalated to HardFault" : "");
    if (!exception_entry(cpu, target, pc))
        return 0;
    return target;
}

unsigned arm_take_sync(ArmCpu *cpu, unsigned exc, uint32_t return_pc, uint32_t hfsr_bit)
{
    ArmV7mScs *s = cpu->scs;
    int ep = arm_exec_prio(cpu);
    unsigned target = exc;
    if (exc == ARMV7M_EXC_DEBUGMON && !(s->demcr & (1u << 16))) {
        target = ARMV7M_EXC_HARDFAULT;       /* no monitor, no debugger */
        s->hfsr |= hfsr_bit;
    } else if (armv7m_group_prio(s, armv7m_exc_prio(s, exc)) >= ep) {
        target = ARMV7M_EXC_HARDFAULT;
        s->hfsr |= HFSR_FORCED;
    }
    if (target == ARMV7M_EXC_HARDFAULT && ep <= -1) {
        lockup(cpu, exc, return_pc);
        return 0;
    }
    if (!exception_entry(cpu, target, return_pc))
        return 0;
    return target;
}

unsigned arm_exception_return(ArmCpu *cpu, uint32_t excret, uint32_t insn_pc)
{
    ArmV7mScs *s = cpu->scs;
    unsigned ret_exc = s->ipsr;
    unsigned kind = excret & 0xf;
    /* bit 4 (0: extended frame) may be 0 only with the FP extension */
    uint32_t must = cpu->has_fpu ? 0x0fffffe0u : 0x0ffffff0u;
    bool bad = (excret & must) != must || !s->active[ret_exc];
    if (!bad) {
        switch (kind) {
        case 0x1:
            bad = s->nactive <= 1;
            break;
        case 0x9: case 0xd:
            bad = s->nactive != 1 && !(s->ccr & CCR_NONBASETHRDENA);
            break;
        default:
            bad = true;
            break;
        }
    }
    if (bad) {
        EMU_LOG(EMU_LOG_GUEST_ERRORS, "armv7m: invalid exception return 0x%08" PRIx32
                " from %s at pc %08" PRIx32 "\n", excret, exc_name(ret_exc), insn_pc);
        return arm_take_fault(cpu, ARMV7M_EXC_USAGEFAULT, CFSR_INVPC, insn_pc) ; /* 0 on lockup */
    }
    /* Deactivate */
    s->active[ret_exc] = 0;
    s->nactive--;
    if (ret_exc != ARMV7M_EXC_NMI)
        cpu->faultmask = 0;
    s->changed = 1;
    armv7m_irq_completed(s, ret_exc);
    EMU_LOG(EMU_LOG_INT, "armv7m: return from %s (%u), EXC_RETURN %08" PRIx32 "\n",
            exc_name(ret_exc), ret_exc, excret);

    /* Tail-chaining (B1.5.12): a pending exception that would preempt the
     * context being returned to is taken at once, reusing the frame. */
    {
        int g;
        unsigned best = armv7m_pending_best(s, &g);
        uint32_t saved_ipsr = s->ipsr;
        s->ipsr = kind == 0x1 ? saved_ipsr : 0;
        int ep = arm_exec_prio(cpu);
        s->ipsr = saved_ipsr;
        if (best && g < ep) {
            EMU_LOG(EMU_LOG_INT, "armv7m: tail-chaining to %s (%u)\n", exc_name(best), best);
            uint32_t lr = excret;
            if (!exception_taken(cpu, best))
                return 0;
            cpu->r[14] = lr;
            return 0;
        }
    }

    /* PopStack */
    bool to_thread = kind != 0x1;
    bool use_psp = kind == 0xd;
    uint32_t fp = use_psp ? arm_get_psp(cpu) : arm_get_msp(cpu);
    uint32_t fr[8];
    for (unsigned i = 0; i < 8; i++) {
        if (arm_load_bus(cpu, fp + 4 * i, 4, &fr[i])) {
            s->cfsr &= ~CFSR_BFARVALID;
            s->ipsr = to_thread ? 0 : s->ipsr;
            return arm_take_fault(cpu, ARMV7M_EXC_BUSFAULT, CFSR_UNSTKERR, insn_pc) ; /* 0 on lockup */
        }
    }
    uint32_t psr = fr[7];
    bool fpframe = cpu->has_fpu && !(excret & 0x10);
    if (fpframe && !(s->fpccr & FPCCR_LSPACT) &&
        !arm_fpu_enabled(cpu, !to_thread || !(cpu->control & CONTROL_NPRIV))) {
        /* PopStack's CheckVFPEnabled (B1.5.8) fails after R0-R3, R12 and
         * LR were loaded: UsageFault NOCP (HardFault when it cannot
         * preempt) taken on the same frame, as a tail-chain (QEMU too) */
        unsigned t = ARMV7M_EXC_USAGEFAULT;
        uint32_t saved_ipsr = s->ipsr;
        s->ipsr = to_thread ? 0 : saved_ipsr;
        int ep = arm_exec_prio(cpu);
        s->ipsr = saved_ipsr;
        s->cfsr |= CFSR_NOCP;
        if (!armv7m_exc_enabled(s, t) || armv7m_group_prio(s, armv7m_exc_prio(s, t)) >= ep) {
            t = ARMV7M_EXC_HARDFAULT;
            s->hfsr |= HFSR_FORCED;
        }
        if (t == ARMV7M_EXC_HARDFAULT && ep <= -1) {
            lockup(cpu, ARMV7M_EXC_USAGEFAULT, insn_pc);
            return 0;
        }
        cpu->r[0] = fr[0]; cpu->r[1] = fr[1]; cpu->r[2] = fr[2]; cpu->r[3] = fr[3];
        cpu->r[12] = fr[4];
        if (exception_taken(cpu, t))
            cpu->r[14] = excret;
        return 0;
    }
    uint32_t newsp = fp + (fpframe ? 0x68 : 0x20);
    if (fpframe) {
        if (s->fpccr & FPCCR_LSPACT) {
            /* never preserved: the registers still hold the state */
            s->fpccr &= ~FPCCR_LSPACT;
        } else {
            uint32_t v[17];
            for (unsigned i = 0; i < 17; i++) {
                if (arm_load_bus(cpu, fp + 0x20 + 4 * i, 4, &v[i])) {
                    s->cfsr &= ~CFSR_BFARVALID;
                    s->ipsr = to_thread ? 0 : s->ipsr;
                    return arm_take_fault(cpu, ARMV7M_EXC_BUSFAULT, CFSR_UNSTKERR, insn_pc);
                }
            }
            memcpy(cpu->fps, v, 16 * 4);
            cpu->fpscr = v[16] & 0xf7c0009fu;
        }
    }
    if (cpu->has_fpu)
        cpu->control = fpframe ? cpu->control | CONTROL_FPCA : cpu->control & ~CONTROL_FPCA;
    if ((psr & (1u << 9)) && (fpframe || (s->ccr & CCR_STKALIGN)))
        newsp |= 4;
    if (use_psp)
        arm_set_psp(cpu, newsp);
    else
        arm_set_msp(cpu, newsp);
    if (to_thread)
        cpu->control = use_psp ? (cpu->control | CONTROL_SPSEL) : (cpu->control & ~CONTROL_SPSEL);
    s->ipsr = psr & 0x1ff;
    if (to_thread && s->ipsr != 0) {
        /* the frame says we were in an exception: integrity check fails */
        s->ipsr = 0;
        arm_sp_for_mode(cpu);
        return arm_take_fault(cpu, ARMV7M_EXC_USAGEFAULT, CFSR_INVPC, insn_pc) ; /* 0 on lockup */
    }
    if (!to_thread && s->ipsr == 0)
        s->ipsr = ret_exc;  /* UNPREDICTABLE; keep Handler mode */
    arm_sp_for_mode(cpu);
    cpu->r[0] = fr[0]; cpu->r[1] = fr[1]; cpu->r[2] = fr[2]; cpu->r[3] = fr[3];
    cpu->r[12] = fr[4]; cpu->r[14] = fr[5];
    cpu->pc = fr[6] & ~1u;
    arm_set_apsr(cpu, psr, true, true);
    cpu->itstate = ((psr >> 25) & 3) | ((psr >> 10) & 0x3f) << 2;
    cpu->thumb = (psr >> 24) & 1;
    cpu->excl_valid = false;
    return 0;
}

/* ------------------------------------------------------------------------ */
/* CPU class */

void arm_dump(ArmCpu *cpu, FILE *out)
{
    for (unsigned i = 0; i < 16; i++) {
        uint32_t v = i == 15 ? cpu->pc : cpu->r[i];
        fprintf(out, " R%-2u=%08" PRIx32 "%s", i, v, (i % 4) == 3 ? "\n" : " ");
    }
    uint32_t x = arm_get_xpsr(cpu);
    fprintf(out, " XPSR=%08" PRIx32 " %c%c%c%c%c %s %s\n", x,
            x >> 31 & 1 ? 'N' : '-', x >> 30 & 1 ? 'Z' : '-', x >> 29 & 1 ? 'C' : '-',
            x >> 28 & 1 ? 'V' : '-', x >> 27 & 1 ? 'Q' : '-',
            arm_handler_mode(cpu) ? "handler" : "thread", arm_privileged(cpu) ? "priv" : "unpriv");
    fprintf(out, " MSP=%08" PRIx32 " PSP=%08" PRIx32 " CONTROL=%" PRIx32 " PRIMASK=%" PRIx32
            " FAULTMASK=%" PRIx32 " BASEPRI=%02" PRIx32 "\n", arm_get_msp(cpu),
            arm_get_psp(cpu), cpu->control, cpu->primask, cpu->faultmask, cpu->basepri);
    if (!cpu->has_fpu)
        return;
    for (unsigned i = 0; i < 32; i++)
        fprintf(out, " S%02u=%08" PRIx32 "%s", i, cpu->fps[i], (i % 8) == 7 ? "\n" : "");
    fprintf(out, " FPSCR=%08" PRIx32 " CPACR=%08" PRIx32 " FPCCR=%08" PRIx32 " FPCAR=%08" PRIx32
            "\n", cpu->fpscr, cpu->scs->cpacr, cpu->scs->fpccr, cpu->scs->fpcar);
}

static EmuCpu *arm_create(EmuMachine *m, const void *fdt, int node, char *err, size_t errlen)
{
    ArmCpu *cpu = calloc(1, sizeof *cpu);
    if (!cpu) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    cpu->m = m;
    /* Cortex-M4F: the M4 with FPv4-SP (QEMU's mps2-an386 cortex-m4 has
     * it; an "arm,cortex-m4" without the F has none, as the M3) */
    cpu->has_fpu = fdt && node >= 0 && fdt_node_check_compatible(fdt, node, "arm,cortex-m4f") == 0;
    cpu->has_dsp = cpu->has_fpu ||
                   (fdt && node >= 0 && fdt_node_check_compatible(fdt, node, "arm,cortex-m4") == 0);
    emu_dbg_init(&cpu->dbg);
    cpu->null_tab = calloc((size_t)1 << (32 - EMU_PAGE_BITS), sizeof(uintptr_t));
    cpu->tbc = arm_tbc_new();
    if (!cpu->tbc || !cpu->null_tab) {
        if (cpu->tbc)
            arm_tbc_free(cpu->tbc);
        free(cpu->null_tab);
        free(cpu);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    return (EmuCpu *)cpu;
}

static void arm_destroy(EmuCpu *c)
{
    ArmCpu *cpu = (ArmCpu *)c;
    if (!cpu)
        return;
    arm_tbc_free(cpu->tbc);
    emu_dbg_free(&cpu->dbg);
    free(cpu->null_tab);
    free(cpu);
}

/* Reset (B1.5.5): SP_main and the PC come from the vector table. */
static void arm_reset(EmuCpu *c, uint32_t entry)
{
    ArmCpu *cpu = (ArmCpu *)c;
    EmuMachine *m = cpu->m;
    (void)entry;
    if (!cpu->scs)
        cpu->scs = armv7m_scs_find(m);
    if (!cpu->scs) {
        /* a board without an SCS cannot run an ARMv7-M core */
        static ArmV7mScs dummy;
        cpu->scs = &dummy;
        emu_machine_stop_error(m, "armv7m: the board has no \"arm,armv7m-nvic\" node "
                               "(System Control Space)");
        return;
    }
    cpu->scs->has_fpu = cpu->has_fpu;
    memset(cpu->r, 0, sizeof cpu->r);
    memset(cpu->fps, 0, sizeof cpu->fps);
    cpu->fpscr = 0;
    /* APSR is UNKNOWN at reset; QEMU 7.2 starts with Z set, so do we
     * (lockstep and register dumps agree) */
    cpu->nf = cpu->cf = cpu->vf = cpu->qf = cpu->ge = 0;
    cpu->zf = 0;
    cpu->itstate = 0;
    cpu->primask = cpu->faultmask = cpu->basepri = cpu->control = 0;
    cpu->sp_psp = false;
    cpu->sp_other = 0;
    cpu->excl_valid = false;
    cpu->locked_up = false;
    cpu->scs->ipsr = 0;
    cpu->r[14] = 0xffffffffu;
    uint32_t sp = 0, pc = 0;
    uint32_t vtor = cpu->scs->vtor;
    if (emu_bus_read(m, vtor, 4, &sp) != EMU_MEM_OK ||
        emu_bus_read(m, vtor + 4, 4, &pc) != EMU_MEM_OK) {
        emu_machine_stop_error(m, "armv7m: cannot read the reset vector table at 0x%08" PRIx32, vtor);
        return;
    }
    cpu->r[13] = sp & ~3u;
    cpu->thumb = pc & 1;
    cpu->pc = pc & ~1u;
    arm_update_mem_mode(cpu);
    arm_tb_flush(cpu);
    cpu->scs->changed = 1;
}

static bool arm_irq_in(EmuCpu *c, uint32_t spec, EmuIrq *out)
{
    ArmCpu *cpu = (ArmCpu *)c;
    ArmV7mScs *s = cpu->scs ? cpu->scs : armv7m_scs_find(cpu->m);
    if (!s || !emu_dev_armv7m_nvic.irq_in)
        return false;
    return emu_dev_armv7m_nvic.irq_in(s, spec, out);
}

static void arm_dump_cb(EmuCpu *c, FILE *out) { arm_dump((ArmCpu *)c, out); }
static uint32_t arm_get_pc(EmuCpu *c) { return ((ArmCpu *)c)->pc; }

static bool arm_has_wakeup(EmuCpu *c)
{
    ArmCpu *cpu = (ArmCpu *)c;
    if (!cpu->scs)
        return false;
    /* WFI wakes on an exception that would preempt were PRIMASK clear
     * (B1.5.19). */
    int g;
    unsigned best = armv7m_pending_best(cpu->scs, &g);
    if (!best)
        return false;
    uint32_t pm = cpu->primask;
    cpu->primask = 0;
    int ep = arm_exec_prio(cpu);
    cpu->primask = pm;
    return g < ep;
}

static void arm_flush_code(EmuCpu *c)
{
    ArmCpu *cpu = (ArmCpu *)c;
    cpu->flush_pending = true;
    emu_machine_kick(cpu->m);
}

/* ------------------------------------------------------------------------ */
/* Debug interface (gdb).  Register numbers as QEMU 7.2's M-profile gdb stub
 * and gdb's arm-m-profile.xml lay them out: r0-r12 = 0-12, sp = 13, lr = 14,
 * pc = 15, xpsr = 25 (16-24 are the FPA registers of the A-profile layout,
 * absent here); the 'g' packet holds 0-25.  The system registers of gdb's
 * org.gnu.gdb.arm.m-system feature (read by gdb to unwind exception frames)
 * follow: msp = 26, psp = 27, primask = 28, basepri = 29, faultmask = 30,
 * control = 31 (QEMU 7.2 does not describe them for Cortex-M3).  With the
 * FPU, org.gnu.gdb.arm.vfp: d0-d15 = 32-47, fpscr = 48 (gdb shows s0-s31
 * as pseudo registers made from the d registers). */

enum { ARM_GDB_PC = 15, ARM_GDB_XPSR = 25, ARM_GDB_MSP = 26, ARM_GDB_PSP, ARM_GDB_PRIMASK,
       ARM_GDB_BASEPRI, ARM_GDB_FAULTMASK, ARM_GDB_CONTROL,
       /* with the FPU: gdb's org.gnu.gdb.arm.vfp feature (d0-d15, fpscr),
        * as QEMU 7.2 describes a Cortex-M4F (its gdb-xml/arm-vfp.xml) */
       ARM_GDB_D0, ARM_GDB_FPSCR = ARM_GDB_D0 + 16 };

static const char *const arm_gdb_sys[] = {
    "msp", "psp", "primask", "basepri", "faultmask", "control",
};

static const char *arm_gdb_xml(EmuCpu *c)
{
    static char xmls[2][6144];          /* without, with the FPU */
    bool fpu = ((ArmCpu *)c)->has_fpu;
    char *xml = xmls[fpu];
    if (xml[0])
        return xml;
    size_t n = 0;
    const size_t xml_size = sizeof xmls[0];
#define XML(...) (n += (size_t)snprintf(xml + n, xml_size - n, __VA_ARGS__))
    XML("<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
        "<target version=\"1.0\">\n<architecture>arm</architecture>\n"
        "<feature name=\"org.gnu.gdb.arm.m-profile\">\n");
    for (unsigned i = 0; i < 13; i++)
        XML("<reg name=\"r%u\" bitsize=\"32\" regnum=\"%u\"/>\n", i, i);
    XML("<reg name=\"sp\" bitsize=\"32\" type=\"data_ptr\" regnum=\"13\"/>\n"
        "<reg name=\"lr\" bitsize=\"32\" regnum=\"14\"/>\n"
        "<reg name=\"pc\" bitsize=\"32\" type=\"code_ptr\" regnum=\"15\"/>\n"
        "<reg name=\"xpsr\" bitsize=\"32\" regnum=\"%u\"/>\n</feature>\n"
        "<feature name=\"org.gnu.gdb.arm.m-system\">\n", ARM_GDB_XPSR);
    for (unsigned i = 0; i < sizeof arm_gdb_sys / sizeof arm_gdb_sys[0]; i++)
        XML("<reg name=\"%s\" bitsize=\"32\" type=\"%s\" regnum=\"%u\" group=\"system\"/>\n",
            arm_gdb_sys[i], i < 2 ? "data_ptr" : "uint32", ARM_GDB_MSP + i);
    XML("</feature>\n");
    if (fpu) {
        XML("<feature name=\"org.gnu.gdb.arm.vfp\">\n");
        for (unsigned i = 0; i < 16; i++)
            XML("<reg name=\"d%u\" bitsize=\"64\" type=\"ieee_double\" regnum=\"%u\"/>\n",
                i, ARM_GDB_D0 + i);
        XML("<reg name=\"fpscr\" bitsize=\"32\" type=\"int\" group=\"float\" regnum=\"%u\"/>\n"
            "</feature>\n", ARM_GDB_FPSCR);
    }
    XML("</target>\n");
#undef XML
    return xml;
}

static unsigned arm_reg_read(EmuCpu *c, unsigned n, uint8_t *buf)
{
    ArmCpu *cpu = (ArmCpu *)c;
    uint32_t v;
    if (n < 15)
        v = cpu->r[n];
    else if (n == ARM_GDB_PC)
        v = cpu->pc;
    else if (n == ARM_GDB_XPSR)
        v = arm_get_xpsr(cpu);
    else if (n == ARM_GDB_MSP)
        v = arm_get_msp(cpu);
    else if (n == ARM_GDB_PSP)
        v = arm_get_psp(cpu);
    else if (n == ARM_GDB_PRIMASK)
        v = cpu->primask;
    else if (n == ARM_GDB_BASEPRI)
        v = cpu->basepri;
    else if (n == ARM_GDB_FAULTMASK)
        v = cpu->faultmask;
    else if (n == ARM_GDB_CONTROL)
        v = cpu->control;
    else if (cpu->has_fpu && n >= ARM_GDB_D0 && n < ARM_GDB_FPSCR) {
        /* D<k> = S<2k+1>:S<2k>, little-endian */
        emu_dbg_put32(buf, cpu->fps[2 * (n - ARM_GDB_D0)]);
        emu_dbg_put32(buf + 4, cpu->fps[2 * (n - ARM_GDB_D0) + 1]);
        return 8;
    } else if (cpu->has_fpu && n == ARM_GDB_FPSCR)
        v = cpu->fpscr;
    else
        return 0;
    emu_dbg_put32(buf, v);
    return 4;
}

static bool arm_reg_write(EmuCpu *c, unsigned n, const uint8_t *buf, unsigned len)
{
    ArmCpu *cpu = (ArmCpu *)c;
    if (len < 4)
        return false;
    uint32_t v = emu_dbg_get32(buf);
    if (cpu->has_fpu && n >= ARM_GDB_D0 && n < ARM_GDB_FPSCR) {
        if (len < 8)
            return false;
        cpu->fps[2 * (n - ARM_GDB_D0)] = v;
        cpu->fps[2 * (n - ARM_GDB_D0) + 1] = emu_dbg_get32(buf + 4);
        return true;
    }
    if (cpu->has_fpu && n == ARM_GDB_FPSCR) {
        cpu->fpscr = v & 0xf7c0009fu;       /* the writable bits (VMSR) */
        return true;
    }
    switch (n) {
    case 13:
        cpu->r[13] = v & ~3u;       /* SP[1:0] are zero (B1.4.1), as QEMU */
        break;
    case ARM_GDB_PC:
        /* a new pc abandons a stop inside a block (the resume point is
         * checked against the pc) */
        cpu->pc = v & ~1u;
        break;
    case ARM_GDB_XPSR:
        /* as QEMU: every field but the exception number (IPSR), which
         * would move the core in or out of Handler mode */
        arm_set_apsr(cpu, v, true, true);
        cpu->itstate = ((v >> 25) & 3) | ((v >> 8) & 0xfc);
        cpu->thumb = (v >> 24) & 1;
        break;
    case ARM_GDB_MSP: arm_set_msp(cpu, v); break;
    case ARM_GDB_PSP: arm_set_psp(cpu, v); break;
    case ARM_GDB_PRIMASK: cpu->primask = v & 1; break;
    case ARM_GDB_BASEPRI: cpu->basepri = v & 0xff; break;
    case ARM_GDB_FAULTMASK: cpu->faultmask = v & 1; break;
    case ARM_GDB_CONTROL:
        cpu->control = v & (CONTROL_NPRIV | CONTROL_SPSEL | (cpu->has_fpu ? CONTROL_FPCA : 0));
        arm_sp_for_mode(cpu);
        break;
    default:
        if (n >= 15)
            return false;
        cpu->r[n] = v;
        return true;
    }
    /* masks and modes decide what preempts: look again before resuming */
    cpu->scs->changed = 1;
    return true;
}

static void arm_dbg_apply(ArmCpu *cpu, EmuDbgChange ch, uint32_t addr)
{
    if (ch == EMU_DBG_CHANGE_PATCH)
        arm_dbg_patch_addr(cpu, addr);
    else if (ch == EMU_DBG_CHANGE_UNPATCH)
        emu_dbg_unpatch_addr(&cpu->dbg, addr);
    else if (ch == EMU_DBG_CHANGE_WATCH)
        arm_update_mem_mode(cpu);
}

static bool arm_bp_insert(EmuCpu *c, EmuBpType type, uint32_t addr, uint32_t len)
{
    ArmCpu *cpu = (ArmCpu *)c;
    EmuDbgChange ch;
    /* Z0/Z1 kind: 2 = 16-bit Thumb, 3 = 32-bit Thumb-2, 4 = 32-bit (gdb's
     * "ARM breakpoint kinds"); Thumb code is halfword aligned */
    if ((type == EMU_BP_SW || type == EMU_BP_HW) && ((len != 2 && len != 3 && len != 4) || (addr & 1)))
        return false;
    if (!emu_dbg_insert(&cpu->dbg, type, addr, len, &ch))
        return false;
    arm_dbg_apply(cpu, ch, addr);
    return true;
}

static bool arm_bp_remove(EmuCpu *c, EmuBpType type, uint32_t addr, uint32_t len)
{
    ArmCpu *cpu = (ArmCpu *)c;
    EmuDbgChange ch;
    if (!emu_dbg_remove(&cpu->dbg, type, addr, len, &ch))
        return false;
    arm_dbg_apply(cpu, ch, addr);
    return true;
}

static void arm_bp_remove_all(EmuCpu *c)
{
    ArmCpu *cpu = (ArmCpu *)c;
    emu_dbg_remove_all(&cpu->dbg);
    arm_update_mem_mode(cpu);
}

static void arm_set_step(EmuCpu *c, bool on) { ((ArmCpu *)c)->dbg.step = on; }

static void arm_stop_info(EmuCpu *c, EmuDebugStop *out) { *out = ((ArmCpu *)c)->dbg.stop; }

static bool arm_mid_block(EmuCpu *c)
{
    ArmCpu *cpu = (ArmCpu *)c;
    return cpu->dbg.resume_tb != NULL && cpu->dbg.resume_pc == cpu->pc;
}

static const EmuCpuDebugOps arm_debug_ops = {
    .target_xml = arm_gdb_xml,
    .g_regs = ARM_GDB_XPSR + 1,
    .pc_regnum = ARM_GDB_PC,
    .reg_read = arm_reg_read,
    .reg_write = arm_reg_write,
    .bp_insert = arm_bp_insert,
    .bp_remove = arm_bp_remove,
    .bp_remove_all = arm_bp_remove_all,
    .set_step = arm_set_step,
    .stop_info = arm_stop_info,
    .mid_block = arm_mid_block,
};

static EmuRunReason arm_run(EmuCpu *c, uint64_t limit)
{
    ArmCpu *cpu = (ArmCpu *)c;
    if (cpu->m->error)
        return EMU_RUN_ERROR;
    return arm_exec(cpu, limit);
}

static const char *const arm_compat[] = { "arm,cortex-m3", "arm,cortex-m4", "arm,cortex-m4f",
                                          "arm,armv7-m", "cortex-m3", "cortex-m4", NULL };

const EmuCpuClass emu_cpu_armv7m = {
    .name = "cortex-m3",
    .compatible = arm_compat,
    .isa = &isa_armv7m_ops,
    .elf_machine = 40, /* EM_ARM */
    .create = arm_create,
    .destroy = arm_destroy,
    .reset = arm_reset,
    .run = arm_run,
    .irq_in = arm_irq_in,
    .dump = arm_dump_cb,
    .get_pc = arm_get_pc,
    .has_wakeup = arm_has_wakeup,
    .flush_code = arm_flush_code,
    .debug = &arm_debug_ops,
};
