/*
 * emu/dev/armv7m_nvic.c - ARMv7-M System Control Space: NVIC (B3.4), SCB
 * (B3.2), SysTick (B3.3) and the DWT cycle counter (C1.8).  See
 * armv7m_scs.h for the wiring contract and what is not modelled.
 */
#include "armv7m_scs.h"
#include "devices.h"
#include "emu/core/machine.h"

#include <inttypes.h>
#include "devprop.h"
#include <string.h>

/* SCS register offsets (B3.2.2, B3.3.1, B3.4.3) */
enum {
    REG_ICTR = 0x004, REG_ACTLR = 0x008,
    REG_SYST_CSR = 0x010, REG_SYST_RVR = 0x014, REG_SYST_CVR = 0x018, REG_SYST_CALIB = 0x01c,
    REG_ISER = 0x100, REG_ICER = 0x180, REG_ISPR = 0x200, REG_ICPR = 0x280, REG_IABR = 0x300,
    REG_IPR = 0x400, REG_IPR_END = 0x5f0,
    REG_CPUID = 0xd00, REG_ICSR = 0xd04, REG_VTOR = 0xd08, REG_AIRCR = 0xd0c,
    REG_SCR = 0xd10, REG_CCR = 0xd14, REG_SHPR1 = 0xd18, REG_SHPR3_END = 0xd24,
    REG_SHCSR = 0xd24, REG_CFSR = 0xd28, REG_HFSR = 0xd2c, REG_DFSR = 0xd30,
    REG_MMFAR = 0xd34, REG_BFAR = 0xd38, REG_AFSR = 0xd3c, REG_ID_PFR0 = 0xd40,
    REG_ID_ISAR4 = 0xd70, REG_CPACR = 0xd88, REG_MPU_TYPE = 0xd90,
    REG_DHCSR = 0xdf0, REG_DEMCR = 0xdfc, REG_STIR = 0xf00,
    /* FP extension (B3.2.20-B3.2.24; Cortex-M4F) */
    REG_FPCCR = 0xf34, REG_FPCAR = 0xf38, REG_FPDSCR = 0xf3c, REG_MVFR0 = 0xf40,
    REG_MVFR1 = 0xf44,
};
/* Media and VFP feature registers of the Cortex-M4F (Cortex-M4 TRM r0p1,
 * 7.3; the values QEMU 7.2's cortex-m4 reports) */
#define MVFR0_CORTEX_M4F 0x10110021u
#define MVFR1_CORTEX_M4F 0x11000011u
/* FPCCR: every bit this implementation has is writable (B3.2.21) */
#define FPCCR_WRITABLE (FPCCR_LSPACT | FPCCR_USER | FPCCR_THREAD | FPCCR_HFRDY | \
                        FPCCR_MMRDY | FPCCR_BFRDY | FPCCR_MONRDY | FPCCR_LSPEN | FPCCR_ASPEN)
/* DWT offsets (region 1) */
enum { DWT_CTRL = 0x000, DWT_CYCCNT = 0x004 };

/* ICSR fields (B3.2.4) */
enum {
    ICSR_PENDSTCLR = 1u << 25, ICSR_PENDSTSET = 1u << 26, ICSR_PENDSVCLR = 1u << 27,
    ICSR_PENDSVSET = 1u << 28, ICSR_NMIPENDSET = 1u << 31, ICSR_ISRPENDING = 1u << 22,
    ICSR_RETTOBASE = 1u << 11,
};
/* SysTick CSR (B3.3.3) */
enum { SYST_ENABLE = 1u << 0, SYST_TICKINT = 1u << 1, SYST_CLKSOURCE = 1u << 2,
       SYST_COUNTFLAG = 1u << 16 };

/* Cortex-M3 r0p1: the value QEMU 7.2 reports (a real r2p1 reads 0x412fc231) */
#define CPUID_CORTEX_M3 0x410fc231u
#define VECTKEY 0x05fau

/* ID_PFR0..ID_ISAR4 of the Cortex-M3 (Cortex-M3 TRM r2p1, table 4-1). */
static const uint32_t id_regs[] = {
    0x00000030, 0x00000200, 0x00100000, 0x00000000,  /* PFR0 PFR1 DFR0 AFR0 */
    0x00000030, 0x00000000, 0x00000000, 0x00000000,  /* MMFR0..3 */
    0x01141110, 0x02111000, 0x21112231, 0x01111110,  /* ISAR0..3 */
    0x01310102,                                      /* ISAR4 */
};

/* ------------------------------------------------------------------------ */
/* Exception state helpers, shared with the CPU. */

ArmV7mScs *armv7m_scs_find(EmuMachine *m)
{
    for (unsigned i = 0; i < m->ndevices; i++)
        if (m->devices[i].cls == &emu_dev_armv7m_nvic)
            return m->devices[i].state;
    return NULL;
}

int armv7m_exc_prio(const ArmV7mScs *s, unsigned exc)
{
    switch (exc) {
    case ARMV7M_EXC_RESET: return -3;
    case ARMV7M_EXC_NMI: return -2;
    case ARMV7M_EXC_HARDFAULT: return -1;
    default: return s->prio[exc];
    }
}

int armv7m_group_prio(const ArmV7mScs *s, int prio)
{
    if (prio < 0)
        return prio;
    /* PRIGROUP = n: bits [n:0] are the subpriority (B1.5.4). */
    return prio & (int)(0xffu << (s->prigroup + 1)) & 0xff;
}

bool armv7m_exc_enabled(const ArmV7mScs *s, unsigned exc)
{
    switch (exc) {
    case ARMV7M_EXC_MEMMANAGE: return s->enabled[exc];
    case ARMV7M_EXC_BUSFAULT: return s->enabled[exc];
    case ARMV7M_EXC_USAGEFAULT: return s->enabled[exc];
    default:
        if (exc >= ARMV7M_EXC_IRQ0)
            return s->enabled[exc];
        return true;
    }
}

unsigned armv7m_pending_best(const ArmV7mScs *s, int *gprio)
{
    unsigned best = 0;
    int bp = 1000, bsub = 1000;
    for (unsigned e = 1; e < s->nvec; e++) {
        if (!s->pending[e] || !armv7m_exc_enabled(s, e))
            continue;
        int p = armv7m_exc_prio(s, e);
        int g = armv7m_group_prio(s, p);
        /* lower group priority wins, then subpriority, then number */
        if (g < bp || (g == bp && p < bsub)) {
            best = e;
            bp = g;
            bsub = p;
        }
    }
    *gprio = bp;
    return best;
}

void armv7m_set_pending(ArmV7mScs *s, unsigned exc)
{
    if (exc >= s->nvec)
        return;
    s->pending[exc] = 1;
    s->changed = 1;
    emu_machine_kick(s->m);
}

int armv7m_active_prio(const ArmV7mScs *s)
{
    int best = 256;
    if (!s->nactive)
        return best;
    for (unsigned e = 1; e < s->nvec; e++) {
        if (!s->active[e])
            continue;
        int g = armv7m_group_prio(s, armv7m_exc_prio(s, e));
        if (g < best)
            best = g;
    }
    return best;
}

void armv7m_irq_completed(ArmV7mScs *s, unsigned exc)
{
    if (exc >= ARMV7M_EXC_IRQ0 && exc < s->nvec && s->level[exc])
        armv7m_set_pending(s, exc);
}

static void nvic_irq_line(void *opaque, unsigned n, int level)
{
    ArmV7mScs *s = opaque;
    unsigned exc = ARMV7M_EXC_IRQ0 + n;
    int old = s->level[exc];
    s->level[exc] = level != 0;
    /* Level-sensitive: a rising line pends the interrupt; a line that stays
     * high re-pends it when the handler returns (armv7m_irq_completed), as
     * QEMU's NVIC does. */
    if (level && !old)
        armv7m_set_pending(s, exc);
}

static bool nvic_irq_in(void *opaque, uint32_t spec, EmuIrq *out)
{
    ArmV7mScs *s = opaque;
    if (spec >= s->num_irq)
        return false;
    out->handler = nvic_irq_line;
    out->opaque = s;
    out->n = spec;
    return true;
}

/* ------------------------------------------------------------------------ */
/* SysTick (B3.3): a 24-bit down counter (downcounter.h) reloading from
 * RVR; reaching 0 sets COUNTFLAG and pends SysTick with TICKINT. */

static uint64_t systick_tick_ns(const ArmV7mScs *s)
{
    if (s->syst_csr & SYST_CLKSOURCE)
        return s->m->ns_per_insn ? s->m->ns_per_insn : 1;
    return s->refclk_hz ? 1000000000u / s->refclk_hz : 1000;
}

static uint32_t systick_value(const ArmV7mScs *s)
{
    return dc_read(&s->syst, s->syst_csr & SYST_ENABLE, emu_clock_ns(s->m), systick_tick_ns(s),
                   s->syst_rvr, false);
}

static void systick_arm(ArmV7mScs *s)
{
    dc_arm(&s->syst, s->syst_timer, s->syst_csr & SYST_ENABLE, systick_tick_ns(s), s->syst_rvr,
           false);
}

/* Restart the model from the current value (enable, clock source, CVR). */
static void systick_rebase(ArmV7mScs *s, uint32_t val)
{
    dc_start(&s->syst, emu_clock_ns(s->m), val);
    systick_arm(s);
}

static void systick_fire(void *opaque)
{
    ArmV7mScs *s = opaque;
    dc_event(&s->syst, systick_tick_ns(s), s->syst_rvr);
    s->syst_csr |= SYST_COUNTFLAG;
    if (s->syst_csr & SYST_TICKINT)
        armv7m_set_pending(s, ARMV7M_EXC_SYSTICK);
    systick_arm(s);
}

/* ------------------------------------------------------------------------ */
/* DWT cycle counter: cycles are retired instructions. */

static bool cyc_enabled(const ArmV7mScs *s)
{
    return (s->demcr & (1u << 24)) && (s->dwt_ctrl & 1);
}

static uint32_t cyc_read(const ArmV7mScs *s)
{
    if (!s->cyc_running)
        return s->cyc_base;
    return s->cyc_base + (uint32_t)(s->m->icount - s->cyc_start);
}

static void cyc_update(ArmV7mScs *s)
{
    uint32_t v = cyc_read(s);
    s->cyc_base = v;
    s->cyc_start = s->m->icount;
    s->cyc_running = cyc_enabled(s);
}

/* ------------------------------------------------------------------------ */
/* Registers */

static uint32_t bits32(const uint8_t *a, unsigned first, unsigned nvec)
{
    uint32_t v = 0;
    for (unsigned i = 0; i < 32; i++)
        if (first + i < nvec && a[first + i])
            v |= 1u << i;
    return v;
}

static uint32_t icsr_read(const ArmV7mScs *s)
{
    int g;
    uint32_t v = s->ipsr & 0x1ff;
    unsigned best = armv7m_pending_best(s, &g);
    v |= (best & 0x1ff) << 12;
    if (s->nactive <= 1)
        v |= ICSR_RETTOBASE;
    for (unsigned e = ARMV7M_EXC_IRQ0; e < s->nvec; e++)
        if (s->pending[e]) {
            v |= ICSR_ISRPENDING;
            break;
        }
    if (s->pending[ARMV7M_EXC_SYSTICK]) v |= ICSR_PENDSTSET;
    if (s->pending[ARMV7M_EXC_PENDSV]) v |= ICSR_PENDSVSET;
    if (s->pending[ARMV7M_EXC_NMI]) v |= ICSR_NMIPENDSET;
    return v;
}

static uint32_t shcsr_read(const ArmV7mScs *s)
{
    uint32_t v = 0;
    if (s->active[ARMV7M_EXC_MEMMANAGE]) v |= SHCSR_MEMFAULTACT;
    if (s->active[ARMV7M_EXC_BUSFAULT]) v |= SHCSR_BUSFAULTACT;
    if (s->active[ARMV7M_EXC_USAGEFAULT]) v |= SHCSR_USGFAULTACT;
    if (s->active[ARMV7M_EXC_SVCALL]) v |= SHCSR_SVCALLACT;
    if (s->active[ARMV7M_EXC_DEBUGMON]) v |= SHCSR_MONITORACT;
    if (s->active[ARMV7M_EXC_PENDSV]) v |= SHCSR_PENDSVACT;
    if (s->active[ARMV7M_EXC_SYSTICK]) v |= SHCSR_SYSTICKACT;
    if (s->pending[ARMV7M_EXC_USAGEFAULT]) v |= SHCSR_USGFAULTPENDED;
    if (s->pending[ARMV7M_EXC_MEMMANAGE]) v |= SHCSR_MEMFAULTPENDED;
    if (s->pending[ARMV7M_EXC_BUSFAULT]) v |= SHCSR_BUSFAULTPENDED;
    if (s->pending[ARMV7M_EXC_SVCALL]) v |= SHCSR_SVCALLPENDED;
    if (s->enabled[ARMV7M_EXC_MEMMANAGE]) v |= SHCSR_MEMFAULTENA;
    if (s->enabled[ARMV7M_EXC_BUSFAULT]) v |= SHCSR_BUSFAULTENA;
    if (s->enabled[ARMV7M_EXC_USAGEFAULT]) v |= SHCSR_USGFAULTENA;
    return v;
}

static void set_active(ArmV7mScs *s, unsigned e, bool on)
{
    if (s->active[e] == on)
        return;
    s->active[e] = on;
    if (on)
        s->nactive++;
    else
        s->nactive--;
}

static void shcsr_write(ArmV7mScs *s, uint32_t v)
{
    static const struct { uint32_t bit; uint8_t exc; } act[] = {
        { SHCSR_MEMFAULTACT, ARMV7M_EXC_MEMMANAGE }, { SHCSR_BUSFAULTACT, ARMV7M_EXC_BUSFAULT },
        { SHCSR_USGFAULTACT, ARMV7M_EXC_USAGEFAULT }, { SHCSR_SVCALLACT, ARMV7M_EXC_SVCALL },
        { SHCSR_MONITORACT, ARMV7M_EXC_DEBUGMON }, { SHCSR_PENDSVACT, ARMV7M_EXC_PENDSV },
        { SHCSR_SYSTICKACT, ARMV7M_EXC_SYSTICK },
    };
    for (unsigned i = 0; i < sizeof act / sizeof act[0]; i++)
        set_active(s, act[i].exc, (v & act[i].bit) != 0);
    s->pending[ARMV7M_EXC_USAGEFAULT] = (v & SHCSR_USGFAULTPENDED) != 0;
    s->pending[ARMV7M_EXC_MEMMANAGE] = (v & SHCSR_MEMFAULTPENDED) != 0;
    s->pending[ARMV7M_EXC_BUSFAULT] = (v & SHCSR_BUSFAULTPENDED) != 0;
    s->pending[ARMV7M_EXC_SVCALL] = (v & SHCSR_SVCALLPENDED) != 0;
    s->enabled[ARMV7M_EXC_MEMMANAGE] = (v & SHCSR_MEMFAULTENA) != 0;
    s->enabled[ARMV7M_EXC_BUSFAULT] = (v & SHCSR_BUSFAULTENA) != 0;
    s->enabled[ARMV7M_EXC_USAGEFAULT] = (v & SHCSR_USGFAULTENA) != 0;
}

static bool scs_read32(ArmV7mScs *s, uint32_t off, uint32_t *val)
{
    uint32_t v = 0;
    if (off >= REG_ISER && off < REG_ISER + 0x40) {
        v = bits32(s->enabled, ARMV7M_EXC_IRQ0 + (off - REG_ISER) * 8, s->nvec);
    } else if (off >= REG_ICER && off < REG_ICER + 0x40) {
        v = bits32(s->enabled, ARMV7M_EXC_IRQ0 + (off - REG_ICER) * 8, s->nvec);
    } else if (off >= REG_ISPR && off < REG_ISPR + 0x40) {
        v = bits32(s->pending, ARMV7M_EXC_IRQ0 + (off - REG_ISPR) * 8, s->nvec);
    } else if (off >= REG_ICPR && off < REG_ICPR + 0x40) {
        v = bits32(s->pending, ARMV7M_EXC_IRQ0 + (off - REG_ICPR) * 8, s->nvec);
    } else if (off >= REG_IABR && off < REG_IABR + 0x40) {
        v = bits32(s->active, ARMV7M_EXC_IRQ0 + (off - REG_IABR) * 8, s->nvec);
    } else if (off >= REG_IPR && off < REG_IPR_END) {
        for (unsigned i = 0; i < 4; i++) {
            unsigned e = ARMV7M_EXC_IRQ0 + (off - REG_IPR) + i;
            if (e < s->nvec)
                v |= (uint32_t)s->prio[e] << (8 * i);
        }
    } else if (off >= REG_SHPR1 && off < REG_SHPR3_END) {
        for (unsigned i = 0; i < 4; i++)
            v |= (uint32_t)s->prio[4 + (off - REG_SHPR1) + i] << (8 * i);
    } else if (off >= REG_ID_PFR0 && off <= REG_ID_ISAR4) {
        v = id_regs[(off - REG_ID_PFR0) / 4];
    } else {
        switch (off) {
        case REG_ICTR: v = (s->num_irq + 31) / 32 - 1; break;
        case REG_ACTLR: v = 0; break;
        case REG_SYST_CSR:
            v = s->syst_csr;
            s->syst_csr &= ~SYST_COUNTFLAG;     /* read clears COUNTFLAG */
            break;
        case REG_SYST_RVR: v = s->syst_rvr; break;
        case REG_SYST_CVR: v = systick_value(s); break;
        case REG_SYST_CALIB:
            /* NOREF = 0 (reference clock present); SKEW = 0: TENMS is
             * exactly 10 ms of the reference clock (as QEMU 7.2) */
            v = (uint32_t)((s->refclk_hz / 100 - 1) & 0xffffff);
            if (s->refclk_hz % 100)
                v |= 1u << 30;
            break;
        case REG_CPUID: v = s->cpuid; break;
        case REG_ICSR: v = icsr_read(s); break;
        case REG_VTOR: v = s->vtor; break;
        case REG_AIRCR: v = 0xfa050000u | s->prigroup << 8; break;
        case REG_SCR: v = s->scr; break;
        case REG_CCR: v = s->ccr; break;
        case REG_SHCSR: v = shcsr_read(s); break;
        case REG_CFSR: v = s->cfsr; break;
        case REG_HFSR: v = s->hfsr; break;
        case REG_DFSR: v = s->dfsr; break;
        case REG_MMFAR: v = s->mmfar; break;
        case REG_BFAR: v = s->bfar; break;
        case REG_AFSR: v = 0; break;
        case REG_CPACR: v = s->cpacr; break;
        case REG_MPU_TYPE: v = 0; break;
        case REG_DHCSR: v = 0; break;
        case REG_DEMCR: v = s->demcr; break;
        case REG_STIR: v = 0; break;
        case REG_FPCCR: case REG_FPCAR: case REG_FPDSCR: case REG_MVFR0: case REG_MVFR1:
            if (s->has_fpu) {
                v = off == REG_FPCCR ? s->fpccr : off == REG_FPCAR ? s->fpcar :
                    off == REG_FPDSCR ? s->fpdscr :
                    off == REG_MVFR0 ? MVFR0_CORTEX_M4F : MVFR1_CORTEX_M4F;
                break;
            }
            /* fall through */
        default:
            EMU_LOG(EMU_LOG_UNIMP, "armv7m-scs: read of unimplemented register 0xe000e%03" PRIx32 "\n", off);
            v = 0;
            break;
        }
    }
    *val = v;
    return true;
}

static void scs_write_bits(ArmV7mScs *s, uint8_t *a, uint32_t off, uint32_t base, uint32_t v, bool set)
{
    unsigned first = ARMV7M_EXC_IRQ0 + (off - base) * 8;
    for (unsigned i = 0; i < 32; i++)
        if ((v >> i & 1) && first + i < s->nvec)
            a[first + i] = set;
    s->changed = 1;
    emu_machine_kick(s->m);
}

static void scs_write32(ArmV7mScs *s, uint32_t off, uint32_t v)
{
    if (off >= REG_ISER && off < REG_ISER + 0x40) {
        scs_write_bits(s, s->enabled, off, REG_ISER, v, true);
    } else if (off >= REG_ICER && off < REG_ICER + 0x40) {
        scs_write_bits(s, s->enabled, off, REG_ICER, v, false);
    } else if (off >= REG_ISPR && off < REG_ISPR + 0x40) {
        scs_write_bits(s, s->pending, off, REG_ISPR, v, true);
    } else if (off >= REG_ICPR && off < REG_ICPR + 0x40) {
        scs_write_bits(s, s->pending, off, REG_ICPR, v, false);
    } else if (off >= REG_IABR && off < REG_IABR + 0x40) {
        /* read-only */
    } else {
        switch (off) {
        case REG_SYST_CSR: {
            uint32_t cur = systick_value(s);
            s->syst_csr = (s->syst_csr & SYST_COUNTFLAG) | (v & 7);
            systick_rebase(s, cur);
            break;
        }
        case REG_SYST_RVR: s->syst_rvr = v & 0xffffff; systick_rebase(s, systick_value(s)); break;
        case REG_SYST_CVR:
            s->syst_csr &= ~SYST_COUNTFLAG;
            systick_rebase(s, 0);
            break;
        case REG_ICSR:
            if (v & ICSR_NMIPENDSET) armv7m_set_pending(s, ARMV7M_EXC_NMI);
            if (v & ICSR_PENDSVSET) armv7m_set_pending(s, ARMV7M_EXC_PENDSV);
            else if (v & ICSR_PENDSVCLR) s->pending[ARMV7M_EXC_PENDSV] = 0;
            if (v & ICSR_PENDSTSET) armv7m_set_pending(s, ARMV7M_EXC_SYSTICK);
            else if (v & ICSR_PENDSTCLR) s->pending[ARMV7M_EXC_SYSTICK] = 0;
            break;
        case REG_VTOR: s->vtor = v & 0xffffff80u; break;
        case REG_AIRCR:
            if ((v >> 16) != VECTKEY) {
                EMU_LOG(EMU_LOG_GUEST_ERRORS, "armv7m-scs: AIRCR write without VECTKEY ignored\n");
                break;
            }
            s->prigroup = (v >> 8) & 7;
            if (v & 2) {        /* VECTCLRACTIVE */
                for (unsigned e = 1; e < s->nvec; e++)
                    set_active(s, e, false);
            }
            if (v & 4) {        /* SYSRESETREQ */
                EMU_LOG(EMU_LOG_INT, "armv7m-scs: AIRCR.SYSRESETREQ\n");
                emu_machine_request_reset(s->m);
            }
            s->changed = 1;
            emu_machine_kick(s->m);
            break;
        case REG_SCR: s->scr = v & 0x16; break;
        case REG_CCR:
            /* STKALIGN, BFHFNMIGN, DIV_0_TRP, UNALIGN_TRP, USERSETMPEND,
             * NONBASETHRDENA are writable (Cortex-M3 r2p1) */
            s->ccr = v & 0x31b;
            s->changed = 1;
            emu_machine_kick(s->m);
            break;
        case REG_SHCSR: shcsr_write(s, v); s->changed = 1; emu_machine_kick(s->m); break;
        case REG_CFSR: s->cfsr &= ~v; break;      /* write 1 to clear */
        case REG_HFSR: s->hfsr &= ~v; break;
        case REG_DFSR: s->dfsr &= ~v; break;
        case REG_MMFAR: s->mmfar = v; break;
        case REG_BFAR: s->bfar = v; break;
        case REG_CPACR: s->cpacr = v & 0x00f00000u; break;
        case REG_DEMCR:
            s->demcr = v & 0x010f07f1u;
            cyc_update(s);
            break;
        case REG_STIR:
            if ((v & 0x1ff) < s->num_irq)
                armv7m_set_pending(s, ARMV7M_EXC_IRQ0 + (v & 0x1ff));
            break;
        case REG_AFSR: case REG_DHCSR: case REG_ACTLR:
            break;
        case REG_FPCCR: case REG_FPCAR: case REG_FPDSCR:
            if (s->has_fpu) {
                if (off == REG_FPCCR)
                    s->fpccr = v & FPCCR_WRITABLE;
                else if (off == REG_FPCAR)
                    s->fpcar = v & ~7u;
                else
                    s->fpdscr = v & 0x07c00000u;   /* AHP DN FZ RMode */
                break;
            }
            /* fall through */
        default:
            EMU_LOG(EMU_LOG_UNIMP, "armv7m-scs: write of unimplemented or read-only register "
                    "0xe000e%03" PRIx32 " (value 0x%08" PRIx32 ")\n", off, v);
            break;
        }
    }
}

static bool scs_read(void *opaque, unsigned region, uint32_t off, unsigned size, uint32_t *val)
{
    ArmV7mScs *s = opaque;
    uint32_t v = 0;
    if (region == 1) {
        switch (off & ~3u) {
        case DWT_CTRL: v = s->dwt_ctrl; break;
        case DWT_CYCCNT: v = cyc_read(s); break;
        default:
            EMU_LOG(EMU_LOG_UNIMP, "armv7m-dwt: read of unimplemented register 0x%03" PRIx32 "\n", off);
            break;
        }
    } else {
        scs_read32(s, off & ~3u, &v);
    }
    *val = size == 4 ? v : (v >> (8 * (off & 3))) & (size == 2 ? 0xffffu : 0xffu);
    return true;
}

static bool scs_write(void *opaque, unsigned region, uint32_t off, unsigned size, uint32_t val)
{
    ArmV7mScs *s = opaque;
    if (region == 1) {
        switch (off & ~3u) {
        case DWT_CTRL: s->dwt_ctrl = val & 0x1fffffffu; cyc_update(s); break;
        case DWT_CYCCNT: cyc_update(s); s->cyc_base = val; break;
        default:
            EMU_LOG(EMU_LOG_UNIMP, "armv7m-dwt: write of unimplemented register 0x%03" PRIx32 "\n", off);
            break;
        }
        return true;
    }
    if (size < 4) {
        /* Byte-accessible registers: priorities (one byte per exception)
         * and CFSR's MMFSR/BFSR/UFSR; others take the shifted value. */
        unsigned sh = 8 * (off & 3);
        uint32_t w = off & ~3u;
        if ((w >= REG_IPR && w < REG_IPR_END) || (w >= REG_SHPR1 && w < REG_SHPR3_END)) {
            for (unsigned i = 0; i < size; i++) {
                unsigned e = (w >= REG_IPR && w < REG_IPR_END)
                             ? ARMV7M_EXC_IRQ0 + (off - REG_IPR) + i : 4 + (off - REG_SHPR1) + i;
                if (e < s->nvec)
                    s->prio[e] = (uint8_t)(val >> (8 * i));
            }
            s->changed = 1;
            emu_machine_kick(s->m);
            return true;
        }
        scs_write32(s, w, val << sh);
        return true;
    }
    if ((off >= REG_IPR && off < REG_IPR_END) || (off >= REG_SHPR1 && off < REG_SHPR3_END)) {
        for (unsigned i = 0; i < 4; i++) {
            unsigned e = (off >= REG_IPR && off < REG_IPR_END)
                         ? ARMV7M_EXC_IRQ0 + (off - REG_IPR) + i : 4 + (off - REG_SHPR1) + i;
            if (e < s->nvec && (off >= REG_IPR || e >= 4))
                s->prio[e] = (uint8_t)(val >> (8 * i));
        }
        s->changed = 1;
        emu_machine_kick(s->m);
        return true;
    }
    scs_write32(s, off, val);
    return true;
}

static void scs_reset(void *opaque)
{
    ArmV7mScs *s = opaque;
    memset(s->pending, 0, sizeof s->pending);
    memset(s->active, 0, sizeof s->active);
    memset(s->enabled, 0, sizeof s->enabled);
    memset(s->prio, 0, sizeof s->prio);
    /* input line levels survive a reset: devices reset separately */
    s->nactive = 0;
    s->ipsr = 0;
    s->vtor = 0;
    s->prigroup = 0;
    s->scr = 0;
    s->ccr = CCR_STKALIGN;       /* Cortex-M3 r2p1 reset value */
    s->cpacr = 0;
    s->fpccr = FPCCR_ASPEN | FPCCR_LSPEN;   /* reset value (B3.2.21) */
    s->fpcar = s->fpdscr = 0;
    s->cfsr = s->hfsr = s->dfsr = s->mmfar = s->bfar = 0;
    s->demcr = 0;
    s->syst_csr = 0;
    s->syst_rvr = 0;
    dc_start(&s->syst, 0, 0);
    emu_timer_del(s->syst_timer);
    s->dwt_ctrl = 0;
    s->cyc_base = 0;
    s->cyc_running = false;
    s->changed = 1;
}

static int scs_init(void *opaque, EmuMachine *m, const DevConfig *cfg, char *err, size_t errlen)
{
    ArmV7mScs *s = opaque;
    s->m = m;
    s->num_irq = dev_prop_u32(cfg, "arm,num-irq", 32);
    if (s->num_irq < 1 || s->num_irq > ARMV7M_MAX_IRQ) {
        snprintf(err, errlen, "arm,num-irq must be 1..%d", ARMV7M_MAX_IRQ);
        return -1;
    }
    s->cpuid = dev_prop_u32(cfg, "arm,cpuid", CPUID_CORTEX_M3);
    s->refclk_hz = dev_prop_u32(cfg, "arm,systick-refclk-hz", 0);
    if (s->refclk_hz == 0)
        s->refclk_hz = 1000000;
    s->nvec = ARMV7M_EXC_IRQ0 + s->num_irq;
    s->syst_timer = emu_timer_new(m, systick_fire, s);
    if (!s->syst_timer) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    scs_reset(s);
    return 0;
}

static const char *const scs_compat[] = { "arm,armv7m-nvic", "arm,v7m-nvic", NULL };

const DevClass emu_dev_armv7m_nvic = {
    .name = "armv7m-nvic",
    .compatible = scs_compat,
    .state_size = sizeof(ArmV7mScs),
    .init = scs_init,
    .read = scs_read,
    .write = scs_write,
    .reset = scs_reset,
    .irq_in = nvic_irq_in,
};
