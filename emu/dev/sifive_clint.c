/*
 * emu/dev/sifive_clint.c - SiFive CLINT (core-local interruptor), hart 0.
 *
 * Wiring:
 *   MMIO  region 0 (0x10000 bytes): msip at 0x0, mtimecmp at 0x4000 (64-bit,
 *         two 32-bit halves), mtime at 0xbff8 (64-bit).
 *   IRQ   irq_out[0]: machine software interrupt (mip.MSIP, bit 3),
 *         irq_out[1]: machine timer interrupt (mip.MTIP, bit 7); levels.
 * Follows the SiFive FU540-C000 manual ch. 9 (CLINT) and the RISC-V ACLINT
 * spec (MTIMER/MSWI).  mtime counts at the timebase frequency
 * ("timebase-frequency" of the node or of /cpus, default 10 MHz) in virtual
 * time: mtime = ns * freq / 1e9 + offset (writes to mtime set the offset).
 * MTIP = (mtime >= mtimecmp); a timer is armed for the exact virtual ns at
 * which mtime reaches mtimecmp.  As in QEMU, MTIP stays low after reset
 * until the guest first writes mtimecmp (whose reset value is unspecified).
 *
 * Not modelled: more than one hart, 64-bit-wide accesses (RV32 only).
 */
#include "devprop.h"
#include "emu/core/machine.h"

enum {
    A_MSIP = 0x0000,
    A_MTIMECMP_LO = 0x4000,
    A_MTIMECMP_HI = 0x4004,
    A_MTIME_LO = 0xbff8,
    A_MTIME_HI = 0xbffc,
};

typedef struct SifiveClint {
    EmuMachine *m;
    EmuIrq msip_irq, mtip_irq;
    EmuTimer *timer;
    uint64_t freq;
    uint32_t msip;
    uint64_t mtimecmp;
    bool cmp_written;
    uint64_t offset;        /* mtime = raw(now) + offset (mod 2^64) */
} SifiveClint;

static uint64_t raw_ticks(const SifiveClint *s, uint64_t ns)
{
    return (uint64_t)((unsigned __int128)ns * s->freq / 1000000000u);
}

static uint64_t mtime(const SifiveClint *s)
{
    return raw_ticks(s, emu_clock_ns(s->m)) + s->offset;
}

static void sifive_clint_update(SifiveClint *s)
{
    emu_irq_set(&s->msip_irq, s->msip & 1);
    if (!s->cmp_written) {
        emu_irq_lower(&s->mtip_irq);
        emu_timer_del(s->timer);
        return;
    }
    uint64_t now = mtime(s);
    if (now >= s->mtimecmp) {
        emu_irq_raise(&s->mtip_irq);
        emu_timer_del(s->timer);
        return;
    }
    emu_irq_lower(&s->mtip_irq);
    /* First ns with raw_ticks(ns) >= target: ceil(target * 1e9 / freq). */
    uint64_t target = s->mtimecmp - s->offset;
    unsigned __int128 ns = ((unsigned __int128)target * 1000000000u + s->freq - 1) / s->freq;
    if (ns > UINT64_MAX - 1)
        emu_timer_del(s->timer);
    else
        emu_timer_mod(s->timer, (uint64_t)ns);
}

static void clint_timer_cb(void *opaque)
{
    sifive_clint_update(opaque);
}

static bool sifive_clint_read(void *opaque, unsigned region, uint32_t off,
                              unsigned size, uint32_t *val)
{
    SifiveClint *s = opaque;
    uint32_t word = off & ~3u, shift = (off & 3) * 8;
    uint64_t v;
    switch (word) {
    case A_MSIP:        v = s->msip; break;
    case A_MTIMECMP_LO: v = (uint32_t)s->mtimecmp; break;
    case A_MTIMECMP_HI: v = s->mtimecmp >> 32; break;
    case A_MTIME_LO:    v = (uint32_t)mtime(s); break;
    case A_MTIME_HI:    v = mtime(s) >> 32; break;
    default:
        EMU_LOG(EMU_LOG_GUEST_ERRORS, "sifive_clint: read at unknown offset 0x%x\n", off);
        v = 0;
    }
    *val = (uint32_t)(v >> shift);
    return true;
}

/* Merge a sub-word write into a 32-bit register value. */
static uint32_t merge(uint32_t old, uint32_t off, unsigned size, uint32_t val)
{
    unsigned shift = (off & 3) * 8;
    uint32_t mask = (size >= 4 ? 0xffffffffu : ((1u << (size * 8)) - 1)) << shift;
    return (old & ~mask) | ((val << shift) & mask);
}

static bool sifive_clint_write(void *opaque, unsigned region, uint32_t off,
                               unsigned size, uint32_t val)
{
    SifiveClint *s = opaque;
    uint32_t word = off & ~3u;
    uint64_t now;
    switch (word) {
    case A_MSIP:
        s->msip = merge(s->msip, off, size, val) & 1;
        break;
    case A_MTIMECMP_LO:
        s->mtimecmp = (s->mtimecmp & ~0xffffffffull) |
                      merge((uint32_t)s->mtimecmp, off, size, val);
        s->cmp_written = true;
        break;
    case A_MTIMECMP_HI:
        s->mtimecmp = (s->mtimecmp & 0xffffffffull) |
                      (uint64_t)merge(s->mtimecmp >> 32, off, size, val) << 32;
        s->cmp_written = true;
        break;
    case A_MTIME_LO:
        now = mtime(s);
        now = (now & ~0xffffffffull) | merge((uint32_t)now, off, size, val);
        s->offset = now - raw_ticks(s, emu_clock_ns(s->m));
        break;
    case A_MTIME_HI:
        now = mtime(s);
        now = (now & 0xffffffffull) | (uint64_t)merge(now >> 32, off, size, val) << 32;
        s->offset = now - raw_ticks(s, emu_clock_ns(s->m));
        break;
    default:
        EMU_LOG(EMU_LOG_GUEST_ERRORS, "sifive_clint: write at unknown offset 0x%x\n", off);
        return true;
    }
    sifive_clint_update(s);
    return true;
}

static void sifive_clint_reset(void *opaque)
{
    SifiveClint *s = opaque;
    s->msip = 0;
    s->mtimecmp = 0;
    s->cmp_written = false;
    /* mtime is cleared on reset (ACLINT spec §2.1). */
    s->offset = 0 - raw_ticks(s, emu_clock_ns(s->m));
    sifive_clint_update(s);
}

static int sifive_clint_init(void *opaque, EmuMachine *m, const DevConfig *cfg,
                             char *err, size_t errlen)
{
    SifiveClint *s = opaque;
    s->m = m;
    /* the board's timebase (/cpus, read by the board loader), unless this
     * node names its own */
    s->freq = dev_prop_u64(cfg, "timebase-frequency", m->timebase_hz ? m->timebase_hz : 10000000);
    if (s->freq == 0) {
        snprintf(err, errlen, "timebase-frequency is 0");
        return -1;
    }
    if (cfg->nregions < 1 || cfg->size[0] < 0xc000) {
        snprintf(err, errlen, "reg must cover 0xc000 bytes (msip, mtimecmp, mtime)");
        return -1;
    }
    if (cfg->nirq_out < 2) {
        snprintf(err, errlen, "needs 2 interrupts (software, timer), has %u", cfg->nirq_out);
        return -1;
    }
    s->msip_irq = cfg->irq_out[0];
    s->mtip_irq = cfg->irq_out[1];
    s->timer = emu_timer_new(m, clint_timer_cb, s);
    return s->timer ? 0 : -1;
}

static const char *const sifive_clint_compat[] = {
    "sifive,clint0", "riscv,clint0", NULL
};

const DevClass emu_dev_sifive_clint = {
    .name = "sifive_clint",
    .compatible = sifive_clint_compat,
    .state_size = sizeof(SifiveClint),
    .init = sifive_clint_init,
    .read = sifive_clint_read,
    .write = sifive_clint_write,
    .reset = sifive_clint_reset,
};
