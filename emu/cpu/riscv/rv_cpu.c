/*
 * emu/cpu/riscv/rv_cpu.c - RV32 hart state: CSRs, traps, interrupts, PMP.
 *
 * References: RISC-V Privileged Architecture 20211203 (section numbers below),
 * and QEMU 7.2's riscv target where the spec leaves a choice (noted).
 */
#include "rv_cpu.h"

#include <inttypes.h>
#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

#define MISA_RV32IMACU 0x40101105u /* MXL=1, A C I M U (section 3.1.1) */

/* ------------------------------------------------------------------------ */
/* Counters (section 3.1.11): one cycle per retired instruction. */

uint64_t rv_counter_icount(RvCpu *cpu)
{
    return cpu->m->icount;
}

/* mcountinhibit (privileged spec 3.1.13): CY (bit 0) stops mcycle, IR
 * (bit 2) stops minstret; a stopped counter keeps its value. */
#define RV_INHIBIT_CY 1u
#define RV_INHIBIT_IR 4u

static uint64_t rv_cycle(RvCpu *cpu)
{
    if (cpu->mcountinhibit & RV_INHIBIT_CY)
        return cpu->cycle_frozen;
    return rv_counter_icount(cpu) + cpu->cycle_offset;
}

static uint64_t rv_instret(RvCpu *cpu)
{
    if (cpu->mcountinhibit & RV_INHIBIT_IR)
        return cpu->instret_frozen;
    return rv_counter_icount(cpu) + cpu->instret_offset;
}

static uint64_t rv_mtime(RvCpu *cpu)
{
    /* The `time` CSR mirrors the CLINT's mtime: virtual ns at the timebase. */
    uint64_t ns = emu_clock_ns(cpu->m);
    return (uint64_t)((unsigned __int128)ns * cpu->timebase_hz / 1000000000u);
}

/* ------------------------------------------------------------------------ */
/* PMP (section 3.7). */

enum { PMP_R = 1, PMP_W = 2, PMP_X = 4, PMP_A_SHIFT = 3, PMP_L = 0x80 };
enum { PMP_OFF = 0, PMP_TOR = 1, PMP_NA4 = 2, PMP_NAPOT = 3 };

static void rv_pmp_range(const RvCpu *cpu, unsigned i, uint64_t *lo, uint64_t *hi)
{
    unsigned a = (cpu->pmpcfg[i] >> PMP_A_SHIFT) & 3;
    uint64_t addr = (uint64_t)cpu->pmpaddr[i] << 2;
    switch (a) {
    case PMP_TOR:
        *lo = i ? (uint64_t)cpu->pmpaddr[i - 1] << 2 : 0;
        *hi = addr;
        break;
    case PMP_NA4:
        *lo = addr;
        *hi = addr + 4;
        break;
    case PMP_NAPOT: {
        uint32_t v = cpu->pmpaddr[i];
        unsigned t = 0;
        while (t < 32 && (v >> t) & 1)
            t++;
        uint64_t size = 1ull << (t + 3);
        *lo = ((uint64_t)v << 2) & ~(size - 1);
        *hi = *lo + size;
        break;
    }
    default:
        *lo = *hi = 0;
        break;
    }
}


static bool rv_pmp_any_locked(const RvCpu *cpu)
{
    for (unsigned i = 0; i < RV_NPMP; i++)
        if ((cpu->pmpcfg[i] & PMP_L) && ((cpu->pmpcfg[i] >> PMP_A_SHIFT) & 3))
            return true;
    return false;
}

/* The lowest-numbered entry matching any byte decides; a partial match
 * fails (section 3.7.1.3).  With no match, M-mode succeeds and U-mode fails
 * (at least one entry is implemented). */
bool rv_pmp_check(RvCpu *cpu, uint32_t addr, unsigned size, unsigned priv, unsigned access)
{
    uint64_t a0 = addr, a1 = (uint64_t)addr + size;
    for (unsigned i = 0; i < RV_NPMP; i++) {
        if (!((cpu->pmpcfg[i] >> PMP_A_SHIFT) & 3))
            continue;
        uint64_t lo, hi;
        rv_pmp_range(cpu, i, &lo, &hi);
        if (lo >= hi)
            continue;
        bool any = a0 < hi && a1 > lo;
        if (!any)
            continue;
        bool all = a0 >= lo && a1 <= hi;
        if (!all)
            return false;
        if (priv == RV_PRIV_M && !(cpu->pmpcfg[i] & PMP_L))
            return true;
        return (cpu->pmpcfg[i] & access) == access;
    }
    return priv == RV_PRIV_M;
}

static unsigned rv_data_priv(const RvCpu *cpu)
{
    if (cpu->priv == RV_PRIV_M && (cpu->mstatus & RV_MSTATUS_MPRV))
        return (cpu->mstatus & RV_MSTATUS_MPP) >> 11;
    return cpu->priv;
}

/* Choose the memory fast path: the machine's direct page tables when no
 * check applies to data accesses in the current mode, else the all-NULL
 * tables so every access takes the checked slow path. */
void rv_update_mem_mode(RvCpu *cpu)
{
    unsigned dp = rv_data_priv(cpu);
    cpu->pmp_checks = dp != RV_PRIV_M || rv_pmp_any_locked(cpu);
    cpu->fast_size = 0;
    /* watchpoints are checked on the slow path: no direct access then */
    if (cpu->pmp_checks || cpu->dbg.nwp) {
        cpu->rd_tab = cpu->null_tab;
        cpu->wr_tab = cpu->null_tab;
        return;
    }
    cpu->rd_tab = cpu->m->fast_rd;
    cpu->wr_tab = cpu->m->fast_wr;
    /* the largest writable RAM region gets the range-checked fast path */
    const EmuRegion *best = NULL;
    for (unsigned i = 0; i < cpu->m->nregions; i++) {
        const EmuRegion *r = &cpu->m->regions[i];
        if (r->host && !r->readonly && r->size >= 8 && (!best || r->size > best->size))
            best = r;
    }
    if (best) {
        cpu->fast_base = best->base;
        cpu->fast_size = best->size;
        cpu->fast_host = best->host;
    }
}

bool rv_fetch_ok(RvCpu *cpu, uint32_t addr, unsigned size)
{
    if (!emu_bus_host_ptr(cpu->m, addr, size))
        return false;
    if (cpu->priv != RV_PRIV_M || rv_pmp_any_locked(cpu))
        return rv_pmp_check(cpu, addr, size, cpu->priv, PMP_X);
    return true;
}

uint32_t rv_load_slow(RvCpu *cpu, uint32_t addr, unsigned size, uint32_t *val)
{
    if (cpu->pmp_checks && !rv_pmp_check(cpu, addr, size, rv_data_priv(cpu), PMP_R))
        return RV_EXC_LOAD_ACCESS;
    if (emu_bus_read(cpu->m, addr, size, val) != EMU_MEM_OK)
        return RV_EXC_LOAD_ACCESS;
    if (cpu->dbg.nwp)
        emu_dbg_check_watch(&cpu->dbg, addr, size, false);
    return RV_OK;
}

uint32_t rv_store_slow(RvCpu *cpu, uint32_t addr, unsigned size, uint32_t val)
{
    if (cpu->pmp_checks && !rv_pmp_check(cpu, addr, size, rv_data_priv(cpu), PMP_W))
        return RV_EXC_STORE_ACCESS;
    if (emu_bus_write(cpu->m, addr, size, val) != EMU_MEM_OK)
        return RV_EXC_STORE_ACCESS;
    if (cpu->dbg.nwp)
        emu_dbg_check_watch(&cpu->dbg, addr, size, true);
    return RV_OK;
}

/* ------------------------------------------------------------------------ */
/* Traps (section 3.1.6.1, 3.1.7, 3.3.1). */

static const char *rv_cause_name(uint32_t cause, bool irq)
{
    static const char *const exc[] = {
        "instruction address misaligned", "instruction access fault",
        "illegal instruction", "breakpoint", "load address misaligned",
        "load access fault", "store/AMO address misaligned",
        "store/AMO access fault", "environment call from U-mode",
        "environment call from S-mode", "reserved",
        "environment call from M-mode",
    };
    if (irq) {
        switch (cause) {
        case RV_IRQ_MSI: return "machine software interrupt";
        case RV_IRQ_MTI: return "machine timer interrupt";
        case RV_IRQ_MEI: return "machine external interrupt";
        default: return "interrupt";
        }
    }
    return cause < sizeof exc / sizeof exc[0] ? exc[cause] : "exception";
}

void rv_raise(RvCpu *cpu, uint32_t cause, bool interrupt, uint32_t tval, uint32_t epc)
{
    uint32_t base = cpu->mtvec & ~3u;
    uint32_t target = base;
    if (interrupt && (cpu->mtvec & 3) == 1)
        target = base + 4 * cause;
    EMU_LOG(EMU_LOG_INT, "riscv: %s %u (%s) at pc=%08" PRIx32 " tval=%08" PRIx32
            " -> %08" PRIx32 "\n", interrupt ? "interrupt" : "exception", cause,
            rv_cause_name(cause, interrupt), epc, tval, target);
    cpu->mepc = epc;
    cpu->mcause = cause | (interrupt ? 0x80000000u : 0);
    cpu->mtval = tval;
    uint32_t st = cpu->mstatus;
    st = (st & ~RV_MSTATUS_MPIE) | ((st & RV_MSTATUS_MIE) ? RV_MSTATUS_MPIE : 0);
    st &= ~RV_MSTATUS_MIE;
    st = (st & ~RV_MSTATUS_MPP) | (cpu->priv << 11);
    cpu->mstatus = st;
    cpu->priv = RV_PRIV_M;
    cpu->pc = target;
    rv_update_mem_mode(cpu);
}

int rv_pending_irq(RvCpu *cpu)
{
    uint32_t p = cpu->mip & cpu->mie;
    if (!p)
        return -1;
    if (cpu->priv == RV_PRIV_M && !(cpu->mstatus & RV_MSTATUS_MIE))
        return -1;
    /* Priority order MEI, MSI, MTI (section 3.1.9). */
    if (p & (1u << RV_IRQ_MEI)) return RV_IRQ_MEI;
    if (p & (1u << RV_IRQ_MSI)) return RV_IRQ_MSI;
    if (p & (1u << RV_IRQ_MTI)) return RV_IRQ_MTI;
    return -1;
}

/* ------------------------------------------------------------------------ */
/* CSRs (sections 2.2, 3.1). */

enum {
    CSR_CYCLE = 0xc00, CSR_TIME = 0xc01, CSR_INSTRET = 0xc02,
    CSR_CYCLEH = 0xc80, CSR_TIMEH = 0xc81, CSR_INSTRETH = 0xc82,
    CSR_MVENDORID = 0xf11, CSR_MARCHID = 0xf12, CSR_MIMPID = 0xf13,
    CSR_MHARTID = 0xf14, CSR_MCONFIGPTR = 0xf15,
    CSR_MSTATUS = 0x300, CSR_MISA = 0x301, CSR_MEDELEG = 0x302, CSR_MIDELEG = 0x303,
    CSR_MIE = 0x304, CSR_MTVEC = 0x305, CSR_MCOUNTEREN = 0x306, CSR_MENVCFG = 0x30a,
    CSR_MSTATUSH = 0x310, CSR_MENVCFGH = 0x31a, CSR_MCOUNTINHIBIT = 0x320,
    CSR_MSCRATCH = 0x340, CSR_MEPC = 0x341, CSR_MCAUSE = 0x342, CSR_MTVAL = 0x343,
    CSR_MIP = 0x344, CSR_PMPCFG0 = 0x3a0, CSR_PMPADDR0 = 0x3b0,
    CSR_MCYCLE = 0xb00, CSR_MINSTRET = 0xb02, CSR_MCYCLEH = 0xb80, CSR_MINSTRETH = 0xb82,
};

#define MSTATUS_WMASK (RV_MSTATUS_MIE | RV_MSTATUS_MPIE | RV_MSTATUS_MPP | \
                       RV_MSTATUS_MPRV | RV_MSTATUS_TW)
#define MIE_WMASK ((1u << RV_IRQ_MSI) | (1u << RV_IRQ_MTI) | (1u << RV_IRQ_MEI))

/* Set a counter to the value the NEXT instruction must read.  The CSR
 * instruction writing it has not retired yet (icount excludes it) and will
 * count once it retires, so a running counter is set one lower. */
static void rv_set_cycle(RvCpu *cpu, uint64_t v)
{
    if (cpu->mcountinhibit & RV_INHIBIT_CY)
        cpu->cycle_frozen = v;
    else
        cpu->cycle_offset = v - 1 - rv_counter_icount(cpu);
}

static void rv_set_instret(RvCpu *cpu, uint64_t v)
{
    if (cpu->mcountinhibit & RV_INHIBIT_IR)
        cpu->instret_frozen = v;
    else
        cpu->instret_offset = v - 1 - rv_counter_icount(cpu);
}

/* User-mode access to cycle/time/instret is gated by mcounteren. */
static bool rv_counter_accessible(RvCpu *cpu, unsigned csr)
{
    if (cpu->priv == RV_PRIV_M)
        return true;
    unsigned bit = csr & 0x1f;
    return (cpu->mcounteren >> bit) & 1;
}

static bool rv_pmpaddr_locked(const RvCpu *cpu, unsigned i)
{
    if (cpu->pmpcfg[i] & PMP_L)
        return true;
    if (i + 1 < RV_NPMP && (cpu->pmpcfg[i + 1] & PMP_L) &&
        ((cpu->pmpcfg[i + 1] >> PMP_A_SHIFT) & 3) == PMP_TOR)
        return true;
    return false;
}

static bool rv_csr_read(RvCpu *cpu, unsigned csr, uint32_t *v)
{
    switch (csr) {
    case CSR_CYCLE: case CSR_INSTRET: case CSR_TIME:
    case CSR_CYCLEH: case CSR_INSTRETH: case CSR_TIMEH:
        if (!rv_counter_accessible(cpu, csr))
            return false;
        {
            uint64_t val = (csr & 0x1f) == 0 ? rv_cycle(cpu)
                         : (csr & 0x1f) == 1 ? rv_mtime(cpu) : rv_instret(cpu);
            *v = (csr & 0x80) ? (uint32_t)(val >> 32) : (uint32_t)val;
        }
        return true;
    case CSR_MVENDORID: case CSR_MARCHID: case CSR_MIMPID: case CSR_MHARTID:
    case CSR_MCONFIGPTR: case CSR_MSTATUSH: case CSR_MEDELEG: case CSR_MIDELEG:
    case CSR_MENVCFG: case CSR_MENVCFGH:
        *v = 0; return true;
    case CSR_MSTATUS: *v = cpu->mstatus; return true;
    case CSR_MISA: *v = MISA_RV32IMACU; return true;
    case CSR_MIE: *v = cpu->mie; return true;
    case CSR_MTVEC: *v = cpu->mtvec; return true;
    case CSR_MCOUNTEREN: *v = cpu->mcounteren; return true;
    case CSR_MCOUNTINHIBIT: *v = cpu->mcountinhibit; return true;
    case CSR_MSCRATCH: *v = cpu->mscratch; return true;
    case CSR_MEPC: *v = cpu->mepc; return true;
    case CSR_MCAUSE: *v = cpu->mcause; return true;
    case CSR_MTVAL: *v = cpu->mtval; return true;
    case CSR_MIP: *v = cpu->mip; return true;
    case CSR_MCYCLE: *v = (uint32_t)rv_cycle(cpu); return true;
    case CSR_MCYCLEH: *v = (uint32_t)(rv_cycle(cpu) >> 32); return true;
    case CSR_MINSTRET: *v = (uint32_t)rv_instret(cpu); return true;
    case CSR_MINSTRETH: *v = (uint32_t)(rv_instret(cpu) >> 32); return true;
    default:
        break;
    }
    if (csr >= CSR_PMPCFG0 && csr < CSR_PMPCFG0 + 4) {
        unsigned b = (csr - CSR_PMPCFG0) * 4;
        *v = cpu->pmpcfg[b] | cpu->pmpcfg[b + 1] << 8 | cpu->pmpcfg[b + 2] << 16 |
             (uint32_t)cpu->pmpcfg[b + 3] << 24;
        return true;
    }
    if (csr >= CSR_PMPADDR0 && csr < CSR_PMPADDR0 + RV_NPMP) {
        *v = cpu->pmpaddr[csr - CSR_PMPADDR0];
        return true;
    }
    /* hardwired-zero performance counters and events */
    if ((csr >= 0xb03 && csr <= 0xb1f) || (csr >= 0xb83 && csr <= 0xb9f) ||
        (csr >= 0x323 && csr <= 0x33f)) {
        *v = 0;
        return true;
    }
    if ((csr >= 0xc03 && csr <= 0xc1f) || (csr >= 0xc83 && csr <= 0xc9f)) {
        if (!rv_counter_accessible(cpu, csr))
            return false;
        *v = 0;
        return true;
    }
    return false;
}

static void rv_csr_write(RvCpu *cpu, unsigned csr, uint32_t v)
{
    switch (csr) {
    case CSR_MSTATUS: {
        uint32_t mpp = (v & RV_MSTATUS_MPP) >> 11;
        if (mpp != RV_PRIV_M && mpp != RV_PRIV_U)
            mpp = RV_PRIV_U;        /* WARL: only implemented modes */
        v = (v & ~RV_MSTATUS_MPP) | (mpp << 11);
        cpu->mstatus = (cpu->mstatus & ~MSTATUS_WMASK) | (v & MSTATUS_WMASK);
        rv_update_mem_mode(cpu);
        emu_machine_kick(cpu->m);
        break;
    }
    case CSR_MIE:
        cpu->mie = v & MIE_WMASK;
        emu_machine_kick(cpu->m);
        break;
    case CSR_MTVEC:
        if ((v & 3) < 2)            /* modes >= 2 reserved: keep (QEMU) */
            cpu->mtvec = v;
        else
            EMU_LOG(EMU_LOG_GUEST_ERRORS, "riscv: mtvec mode %u reserved, write ignored\n", v & 3);
        break;
    case CSR_MCOUNTEREN: cpu->mcounteren = v & 0x7; break;
    case CSR_MCOUNTINHIBIT: {
        /* freeze at the current value, or resume from the frozen one */
        uint32_t nv = v & (RV_INHIBIT_CY | RV_INHIBIT_IR);
        uint64_t cyc = rv_cycle(cpu), ins = rv_instret(cpu);
        cpu->mcountinhibit = nv;
        cpu->cycle_frozen = cyc;
        cpu->instret_frozen = ins;
        if (!(nv & RV_INHIBIT_CY))
            cpu->cycle_offset = cyc - rv_counter_icount(cpu);
        if (!(nv & RV_INHIBIT_IR))
            cpu->instret_offset = ins - rv_counter_icount(cpu);
        break;
    }
    case CSR_MSCRATCH: cpu->mscratch = v; break;
    case CSR_MEPC: cpu->mepc = v & ~1u; break;
    case CSR_MCAUSE: cpu->mcause = v; break;
    case CSR_MTVAL: cpu->mtval = v; break;
    case CSR_MIP: break;              /* MSIP/MTIP/MEIP are read-only here */
    /* A counter written by a CSR instruction reads back the written value
     * at the next instruction: the write happens before this instruction
     * retires, and icount here excludes it. */
    case CSR_MCYCLE: rv_set_cycle(cpu, (rv_cycle(cpu) & ~0xffffffffull) | v); break;
    case CSR_MCYCLEH: rv_set_cycle(cpu, ((uint64_t)v << 32) | (uint32_t)rv_cycle(cpu)); break;
    case CSR_MINSTRET: rv_set_instret(cpu, (rv_instret(cpu) & ~0xffffffffull) | v); break;
    case CSR_MINSTRETH: rv_set_instret(cpu, ((uint64_t)v << 32) | (uint32_t)rv_instret(cpu)); break;
    default:
        if (csr >= CSR_PMPCFG0 && csr < CSR_PMPCFG0 + 4) {
            unsigned b = (csr - CSR_PMPCFG0) * 4;
            for (unsigned i = 0; i < 4; i++) {
                if (cpu->pmpcfg[b + i] & PMP_L)
                    continue;
                cpu->pmpcfg[b + i] = (uint8_t)(v >> (8 * i)) & 0x9f;
            }
            rv_update_mem_mode(cpu);
            cpu->flush_pending = true;  /* fetch permissions changed */
            emu_machine_kick(cpu->m);
        } else if (csr >= CSR_PMPADDR0 && csr < CSR_PMPADDR0 + RV_NPMP) {
            unsigned i = csr - CSR_PMPADDR0;
            if (!rv_pmpaddr_locked(cpu, i))
                cpu->pmpaddr[i] = v;
            cpu->flush_pending = true;
            emu_machine_kick(cpu->m);
        }
        break;                        /* others: read-only zero or WARL 0 */
    }
}

bool rv_csr_rw(RvCpu *cpu, unsigned csr, uint32_t *old, uint32_t wval,
               uint32_t wmask, bool write)
{
    /* csr[9:8] is the lowest privilege allowed; csr[11:10]==3 read-only. */
    if (((csr >> 8) & 3) > cpu->priv)
        return false;
    if (write && (csr >> 10) == 3)
        return false;
    uint32_t v;
    if (!rv_csr_read(cpu, csr, &v))
        return false;
    *old = v;
    if (write)
        rv_csr_write(cpu, csr, (v & ~wmask) | (wval & wmask));
    return true;
}

/* ------------------------------------------------------------------------ */
/* CPU class. */

static void rv_irq_handler(void *opaque, unsigned n, int level)
{
    RvCpu *cpu = opaque;
    uint32_t bit = 1u << n;
    uint32_t old = cpu->mip;
    cpu->mip = level ? (cpu->mip | bit) : (cpu->mip & ~bit);
    if (cpu->mip != old)
        emu_machine_kick(cpu->m);
}

static bool rv_irq_in(EmuCpu *c, uint32_t spec, EmuIrq *out)
{
    if (spec != RV_IRQ_MSI && spec != RV_IRQ_MTI && spec != RV_IRQ_MEI &&
        spec != 1 && spec != 5 && spec != 9)
        return false;
    out->handler = rv_irq_handler;
    out->opaque = c;
    out->n = spec;
    /* S-mode lines (1, 5, 9) exist in the devicetree binding but have no
     * effect without S-mode: their mip bits are never enabled. */
    return true;
}

static EmuCpu *rv_create(EmuMachine *m, const void *fdt, int node, char *err, size_t errlen)
{
    RvCpu *cpu = calloc(1, sizeof *cpu);
    if (!cpu) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    cpu->m = m;
    /* the board loader read the devicetree's timebase-frequency */
    cpu->timebase_hz = m->timebase_hz ? m->timebase_hz : 10000000; /* QEMU virt: 10 MHz */
    emu_dbg_init(&cpu->dbg);
    cpu->null_tab = calloc((size_t)1 << (32 - EMU_PAGE_BITS), sizeof(uintptr_t));
    cpu->tbc = rv_tbc_new();
    if (!cpu->null_tab || !cpu->tbc) {
        free(cpu->null_tab);
        if (cpu->tbc)
            rv_tbc_free(cpu->tbc);
        free(cpu);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    return (EmuCpu *)cpu;
}

static void rv_destroy(EmuCpu *c)
{
    RvCpu *cpu = (RvCpu *)c;
    if (!cpu)
        return;
    rv_tbc_free(cpu->tbc);
    emu_dbg_free(&cpu->dbg);
    free(cpu->null_tab);
    free(cpu);
}

static void rv_reset(EmuCpu *c, uint32_t entry)
{
    RvCpu *cpu = (RvCpu *)c;
    memset(cpu->x, 0, sizeof cpu->x);
    cpu->pc = entry;
    cpu->priv = RV_PRIV_M;
    cpu->mstatus = 0;
    cpu->mie = 0;
    cpu->mip &= (1u << RV_IRQ_MSI) | (1u << RV_IRQ_MTI) | (1u << RV_IRQ_MEI);
    cpu->mtvec = 0;
    cpu->mscratch = cpu->mepc = cpu->mcause = cpu->mtval = 0;
    cpu->mcounteren = cpu->mcountinhibit = 0;
    cpu->cycle_frozen = cpu->instret_frozen = 0;
    cpu->cycle_offset = cpu->instret_offset = 0 - cpu->m->icount;
    memset(cpu->pmpcfg, 0, sizeof cpu->pmpcfg);
    memset(cpu->pmpaddr, 0, sizeof cpu->pmpaddr);
    cpu->load_res_valid = false;
    cpu->last_was_fetch_fault = false;
    rv_update_mem_mode(cpu);
    rv_tb_flush(cpu);
}

static void rv_dump(EmuCpu *c, FILE *out)
{
    RvCpu *cpu = (RvCpu *)c;
    fprintf(out, " pc       %08" PRIx32 "  priv %s\n", cpu->pc,
            cpu->priv == RV_PRIV_M ? "M" : "U");
    fprintf(out, " mstatus  %08" PRIx32 "  mie %08" PRIx32 "  mip %08" PRIx32
            "  mtvec %08" PRIx32 "\n", cpu->mstatus, cpu->mie, cpu->mip, cpu->mtvec);
    fprintf(out, " mepc     %08" PRIx32 "  mcause %08" PRIx32 "  mtval %08" PRIx32
            "  mscratch %08" PRIx32 "\n", cpu->mepc, cpu->mcause, cpu->mtval, cpu->mscratch);
    for (unsigned i = 0; i < 32; i++) {
        char name[16];
        snprintf(name, sizeof name, "x%u/%s", i, rv_reg_name(i));
        fprintf(out, " %-8s %08" PRIx32 "%s", name, cpu->x[i], (i % 4) == 3 ? "\n" : " ");
    }
}

static uint32_t rv_get_pc(EmuCpu *c) { return ((RvCpu *)c)->pc; }

static bool rv_has_wakeup(EmuCpu *c)
{
    RvCpu *cpu = (RvCpu *)c;
    /* WFI resumes when any enabled interrupt is pending, whatever MIE says
     * (section 3.3.3). */
    return (cpu->mip & cpu->mie) != 0;
}

static void rv_flush_code(EmuCpu *c)
{
    RvCpu *cpu = (RvCpu *)c;
    /* Translated code was overwritten.  The current block runs to its end
     * (RISC-V needs fence.i before the new code must be fetched, and fence.i
     * ends a block); the cache is flushed before the next block. */
    cpu->flush_pending = true;
    emu_machine_kick(cpu->m);
}

/* ------------------------------------------------------------------------ */
/* Debug interface (gdb).  Register numbers follow gdb's RISC-V numbering:
 * x0-x31 = 0-31, pc = 32, CSR n = 65 + n, the privilege mode ("priv",
 * org.gnu.gdb.riscv.virtual) = 4161; the 'g' packet holds 0-32. */

#define RV_GDB_CSR_BASE 65
#define RV_GDB_PRIV 4161

static const char *const rv_abi_names[32] = {
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "fp", "s1", "a0", "a1",
    "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7",
    "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

/* The CSRs this hart models (section 2.2 numbers), as gdb names them. */
static const struct { unsigned num; const char *name; } rv_gdb_csrs[] = {
    { CSR_MSTATUS, "mstatus" }, { CSR_MISA, "misa" }, { CSR_MIE, "mie" },
    { CSR_MTVEC, "mtvec" }, { CSR_MCOUNTEREN, "mcounteren" },
    { CSR_MCOUNTINHIBIT, "mcountinhibit" }, { CSR_MSCRATCH, "mscratch" },
    { CSR_MEPC, "mepc" }, { CSR_MCAUSE, "mcause" }, { CSR_MTVAL, "mtval" },
    { CSR_MIP, "mip" },
    { CSR_PMPCFG0, "pmpcfg0" }, { CSR_PMPCFG0 + 1, "pmpcfg1" },
    { CSR_PMPCFG0 + 2, "pmpcfg2" }, { CSR_PMPCFG0 + 3, "pmpcfg3" },
    { CSR_PMPADDR0, "pmpaddr0" }, { CSR_PMPADDR0 + 1, "pmpaddr1" },
    { CSR_PMPADDR0 + 2, "pmpaddr2" }, { CSR_PMPADDR0 + 3, "pmpaddr3" },
    { CSR_PMPADDR0 + 4, "pmpaddr4" }, { CSR_PMPADDR0 + 5, "pmpaddr5" },
    { CSR_PMPADDR0 + 6, "pmpaddr6" }, { CSR_PMPADDR0 + 7, "pmpaddr7" },
    { CSR_PMPADDR0 + 8, "pmpaddr8" }, { CSR_PMPADDR0 + 9, "pmpaddr9" },
    { CSR_PMPADDR0 + 10, "pmpaddr10" }, { CSR_PMPADDR0 + 11, "pmpaddr11" },
    { CSR_PMPADDR0 + 12, "pmpaddr12" }, { CSR_PMPADDR0 + 13, "pmpaddr13" },
    { CSR_PMPADDR0 + 14, "pmpaddr14" }, { CSR_PMPADDR0 + 15, "pmpaddr15" },
    { CSR_MCYCLE, "mcycle" }, { CSR_MINSTRET, "minstret" },
    { CSR_MCYCLEH, "mcycleh" }, { CSR_MINSTRETH, "minstreth" },
    { CSR_CYCLE, "cycle" }, { CSR_TIME, "time" }, { CSR_INSTRET, "instret" },
    { CSR_CYCLEH, "cycleh" }, { CSR_TIMEH, "timeh" }, { CSR_INSTRETH, "instreth" },
    { CSR_MVENDORID, "mvendorid" }, { CSR_MARCHID, "marchid" },
    { CSR_MIMPID, "mimpid" }, { CSR_MHARTID, "mhartid" },
};

static const char *rv_gdb_xml(EmuCpu *c)
{
    static char xml[8192];
    (void)c;
    if (xml[0])
        return xml;
    size_t n = 0;
#define XML(...) (n += (size_t)snprintf(xml + n, sizeof xml - n, __VA_ARGS__))
    XML("<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
        "<target version=\"1.0\">\n<architecture>riscv:rv32</architecture>\n"
        "<feature name=\"org.gnu.gdb.riscv.cpu\">\n");
    for (unsigned i = 0; i < 32; i++)
        XML("<reg name=\"%s\" bitsize=\"32\" type=\"%s\" regnum=\"%u\"/>\n", rv_abi_names[i],
            i == 1 ? "code_ptr" : i == 2 || i == 8 ? "data_ptr" : "int", i);
    XML("<reg name=\"pc\" bitsize=\"32\" type=\"code_ptr\" regnum=\"32\"/>\n</feature>\n"
        "<feature name=\"org.gnu.gdb.riscv.csr\">\n");
    for (size_t i = 0; i < sizeof rv_gdb_csrs / sizeof rv_gdb_csrs[0]; i++)
        XML("<reg name=\"%s\" bitsize=\"32\" type=\"int\" regnum=\"%u\" group=\"csr\"/>\n",
            rv_gdb_csrs[i].name, RV_GDB_CSR_BASE + rv_gdb_csrs[i].num);
    XML("</feature>\n<feature name=\"org.gnu.gdb.riscv.virtual\">\n"
        "<reg name=\"priv\" bitsize=\"32\" type=\"int\" regnum=\"%u\" group=\"system\"/>\n"
        "</feature>\n</target>\n", RV_GDB_PRIV);
#undef XML
    return xml;
}

static bool rv_gdb_is_csr(unsigned n, unsigned *csr)
{
    if (n < RV_GDB_CSR_BASE)
        return false;
    for (size_t i = 0; i < sizeof rv_gdb_csrs / sizeof rv_gdb_csrs[0]; i++) {
        if (RV_GDB_CSR_BASE + rv_gdb_csrs[i].num == n) {
            *csr = rv_gdb_csrs[i].num;
            return true;
        }
    }
    return false;
}

static unsigned rv_reg_read(EmuCpu *c, unsigned n, uint8_t *buf)
{
    RvCpu *cpu = (RvCpu *)c;
    uint32_t v;
    unsigned csr;
    if (n < 32)
        v = cpu->x[n];
    else if (n == 32)
        v = cpu->pc;
    else if (n == RV_GDB_PRIV)
        v = cpu->priv;
    else if (rv_gdb_is_csr(n, &csr)) {
        /* as M-mode reads it, without privilege checks */
        unsigned saved = cpu->priv;
        cpu->priv = RV_PRIV_M;
        bool ok = rv_csr_read(cpu, csr, &v);
        cpu->priv = saved;
        if (!ok)
            return 0;
    } else
        return 0;
    emu_dbg_put32(buf, v);
    return 4;
}

static bool rv_reg_write(EmuCpu *c, unsigned n, const uint8_t *buf, unsigned len)
{
    RvCpu *cpu = (RvCpu *)c;
    unsigned csr;
    if (len < 4)
        return false;
    uint32_t v = emu_dbg_get32(buf);
    if (n < 32) {
        if (n)
            cpu->x[n] = v;
    } else if (n == 32) {
        /* a new pc abandons a stop inside a block (the resume point is
         * checked against the pc) */
        cpu->pc = v & ~1u;
    } else if (n == RV_GDB_PRIV) {
        if (v != RV_PRIV_M && v != RV_PRIV_U)
            return false;
        cpu->priv = v;
        rv_update_mem_mode(cpu);
    } else if (rv_gdb_is_csr(n, &csr)) {
        if ((csr >> 10) == 3)
            return true;            /* read-only: ignored, as QEMU does */
        rv_csr_write(cpu, csr, v);
    } else {
        return false;
    }
    return true;
}

static void rv_dbg_apply(RvCpu *cpu, EmuDbgChange ch, uint32_t addr)
{
    if (ch == EMU_DBG_CHANGE_PATCH)
        rv_dbg_patch_addr(cpu, addr);
    else if (ch == EMU_DBG_CHANGE_UNPATCH)
        emu_dbg_unpatch_addr(&cpu->dbg, addr);
    else if (ch == EMU_DBG_CHANGE_WATCH)
        rv_update_mem_mode(cpu);
}

static bool rv_bp_insert(EmuCpu *c, EmuBpType type, uint32_t addr, uint32_t len)
{
    RvCpu *cpu = (RvCpu *)c;
    EmuDbgChange ch;
    if (!emu_dbg_insert(&cpu->dbg, type, addr, len, &ch))
        return false;
    rv_dbg_apply(cpu, ch, addr);
    return true;
}

static bool rv_bp_remove(EmuCpu *c, EmuBpType type, uint32_t addr, uint32_t len)
{
    RvCpu *cpu = (RvCpu *)c;
    EmuDbgChange ch;
    if (!emu_dbg_remove(&cpu->dbg, type, addr, len, &ch))
        return false;
    rv_dbg_apply(cpu, ch, addr);
    return true;
}

static void rv_bp_remove_all(EmuCpu *c)
{
    RvCpu *cpu = (RvCpu *)c;
    emu_dbg_remove_all(&cpu->dbg);
    rv_update_mem_mode(cpu);
}

static void rv_set_step(EmuCpu *c, bool on)
{
    ((RvCpu *)c)->dbg.step = on;
}

static void rv_stop_info(EmuCpu *c, EmuDebugStop *out)
{
    *out = ((RvCpu *)c)->dbg.stop;
}

static bool rv_mid_block(EmuCpu *c)
{
    RvCpu *cpu = (RvCpu *)c;
    return cpu->dbg.resume_tb != NULL && cpu->dbg.resume_pc == cpu->pc;
}

static const EmuCpuDebugOps rv_debug_ops = {
    .target_xml = rv_gdb_xml,
    .g_regs = 33,
    .pc_regnum = 32,
    .reg_read = rv_reg_read,
    .reg_write = rv_reg_write,
    .bp_insert = rv_bp_insert,
    .bp_remove = rv_bp_remove,
    .bp_remove_all = rv_bp_remove_all,
    .set_step = rv_set_step,
    .stop_info = rv_stop_info,
    .mid_block = rv_mid_block,
};

static EmuRunReason rv_run(EmuCpu *c, uint64_t limit)
{
    return rv_exec((RvCpu *)c, limit);
}

static const char *const rv_compat[] = { "riscv", "riscv32", "rv32", NULL };

const EmuCpuClass emu_cpu_rv32 = {
    .name = "rv32",
    .compatible = rv_compat,
    .isa = &isa_riscv32_ops,
    .elf_machine = 243, /* EM_RISCV */
    .create = rv_create,
    .destroy = rv_destroy,
    .reset = rv_reset,
    .run = rv_run,
    .irq_in = rv_irq_in,
    .dump = rv_dump,
    .get_pc = rv_get_pc,
    .has_wakeup = rv_has_wakeup,
    .flush_code = rv_flush_code,
    .debug = &rv_debug_ops,
};
