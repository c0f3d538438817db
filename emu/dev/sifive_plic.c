/*
 * emu/dev/sifive_plic.c - SiFive platform-level interrupt controller.
 *
 * Wiring:
 *   MMIO  region 0 (virt: 0x600000 bytes at 0x0c000000), SiFive layout:
 *           0x000000 + 4*i        priority of source i (1..ndev)
 *           0x001000 + 4*w        pending bits (read only)
 *           0x002000 + 0x80*c     enable bits of context c
 *           0x200000 + 0x1000*c   threshold of context c (+0), claim/complete (+4)
 *   IRQ   inputs: sources 1.."riscv,ndev" (irq_in spec = source number);
 *         irq_out[c]: one output per context, in "interrupts-extended"
 *         order (virt: context 0 -> hart 0 MEIP, context 1 -> hart 0 SEIP).
 * Follows the RISC-V PLIC specification v1.0.0 and the SiFive FU540-C000
 * manual ch. 10, with QEMU's sifive_plic as behavioural reference: level
 * sources through the gateway (a source's pending bit follows its level;
 * a claimed source is not forwarded again until completed, and on
 * completion a still-asserted source becomes pending again), claim returns
 * the enabled pending source with the highest priority above the context's
 * threshold, ties broken by the lowest ID.  Priorities are 3 bits (0..7).
 *
 * Not modelled: edge-triggered sources, more than 32 contexts.
 */
#include "emu/core/emu.h"

#include "devprop.h"
#include <string.h>

#define MAX_SOURCES 1024
#define MAX_CONTEXTS 32
#define WORDS (MAX_SOURCES / 32)
#define PRIO_MASK 7u

enum {
    A_PRIORITY = 0x000000,
    A_PENDING = 0x001000,
    A_ENABLE = 0x002000,
    ENABLE_STRIDE = 0x80,
    A_CONTEXT = 0x200000,
    CONTEXT_STRIDE = 0x1000,
    CTX_THRESHOLD = 0x0,
    CTX_CLAIM = 0x4,
};

typedef struct SifivePlic {
    EmuMachine *m;
    unsigned nsources;      /* ndev + 1: source 0 is reserved */
    unsigned ncontexts;
    EmuIrq out[MAX_CONTEXTS];
    uint32_t priority[MAX_SOURCES];
    uint32_t level[WORDS];  /* input line levels */
    uint32_t pending[WORDS];
    uint32_t claimed[WORDS];
    uint32_t enable[MAX_CONTEXTS][WORDS];
    uint32_t threshold[MAX_CONTEXTS];
} SifivePlic;

static bool bit(const uint32_t *w, unsigned i)
{
    return (w[i / 32] >> (i % 32)) & 1;
}

static void set_bit(uint32_t *w, unsigned i, bool v)
{
    if (v)
        w[i / 32] |= 1u << (i % 32);
    else
        w[i / 32] &= ~(1u << (i % 32));
}

/* The best claimable source for context c, 0 if none. */
static unsigned best_source(const SifivePlic *s, unsigned c)
{
    unsigned best = 0;
    uint32_t best_prio = s->threshold[c];
    for (unsigned w = 0; w < (s->nsources + 31) / 32; w++) {
        uint32_t cand = s->pending[w] & ~s->claimed[w] & s->enable[c][w];
        while (cand) {
            unsigned i = w * 32 + (unsigned)__builtin_ctz(cand);
            cand &= cand - 1;
            if (s->priority[i] > best_prio) {
                best_prio = s->priority[i];
                best = i;
            }
        }
    }
    return best;
}

static void sifive_plic_update(SifivePlic *s)
{
    for (unsigned c = 0; c < s->ncontexts; c++)
        emu_irq_set(&s->out[c], best_source(s, c) != 0);
}

static void plic_irq_handler(void *opaque, unsigned n, int level)
{
    SifivePlic *s = opaque;
    set_bit(s->level, n, level != 0);
    /* Gateway: a level request is forwarded while asserted; the pending bit
     * drops if the device deasserts before the claim. */
    set_bit(s->pending, n, level != 0);
    sifive_plic_update(s);
}

static bool sifive_plic_irq_in(void *opaque, uint32_t spec, EmuIrq *out)
{
    SifivePlic *s = opaque;
    if (spec == 0 || spec >= s->nsources)
        return false;
    out->handler = plic_irq_handler;
    out->opaque = s;
    out->n = spec;
    return true;
}

static bool decode_context(const SifivePlic *s, uint32_t off, unsigned *c, uint32_t *reg)
{
    if (off < A_CONTEXT)
        return false;
    *c = (off - A_CONTEXT) / CONTEXT_STRIDE;
    *reg = (off - A_CONTEXT) % CONTEXT_STRIDE;
    return *c < s->ncontexts;
}

static bool sifive_plic_read(void *opaque, unsigned region, uint32_t off,
                             unsigned size, uint32_t *val)
{
    SifivePlic *s = opaque;
    unsigned c;
    uint32_t reg;
    *val = 0;
    if (size != 4 || (off & 3)) {
        EMU_LOG(EMU_LOG_GUEST_ERRORS, "sifive_plic: %u-byte read at 0x%x\n", size, off);
        return true;
    }
    if (off < A_PENDING) {
        unsigned i = off / 4;
        if (i < s->nsources)
            *val = s->priority[i];
        return true;
    }
    if (off < A_ENABLE) {
        unsigned w = (off - A_PENDING) / 4;
        if (w < WORDS)
            *val = s->pending[w];
        return true;
    }
    if (off < A_CONTEXT) {
        c = (off - A_ENABLE) / ENABLE_STRIDE;
        unsigned w = (off - A_ENABLE) % ENABLE_STRIDE / 4;
        if (c < s->ncontexts && w < WORDS)
            *val = s->enable[c][w];
        return true;
    }
    if (decode_context(s, off, &c, &reg)) {
        if (reg == CTX_THRESHOLD) {
            *val = s->threshold[c];
        } else if (reg == CTX_CLAIM) {
            unsigned i = best_source(s, c);
            if (i) {
                set_bit(s->pending, i, false);
                set_bit(s->claimed, i, true);
                sifive_plic_update(s);
            }
            *val = i;
        }
        return true;
    }
    EMU_LOG(EMU_LOG_GUEST_ERRORS, "sifive_plic: read at unknown offset 0x%x\n", off);
    return true;
}

static bool sifive_plic_write(void *opaque, unsigned region, uint32_t off,
                              unsigned size, uint32_t val)
{
    SifivePlic *s = opaque;
    unsigned c;
    uint32_t reg;
    if (size != 4 || (off & 3)) {
        EMU_LOG(EMU_LOG_GUEST_ERRORS, "sifive_plic: %u-byte write at 0x%x\n", size, off);
        return true;
    }
    if (off < A_PENDING) {
        unsigned i = off / 4;
        if (i > 0 && i < s->nsources)
            s->priority[i] = val & PRIO_MASK;
    } else if (off < A_ENABLE) {
        EMU_LOG(EMU_LOG_GUEST_ERRORS, "sifive_plic: write to pending bits at 0x%x\n", off);
    } else if (off < A_CONTEXT) {
        c = (off - A_ENABLE) / ENABLE_STRIDE;
        unsigned w = (off - A_ENABLE) % ENABLE_STRIDE / 4;
        if (c < s->ncontexts && w < WORDS) {
            if (w == 0)
                val &= ~1u; /* source 0 does not exist */
            if (w == (s->nsources - 1) / 32 && s->nsources % 32)
                val &= (1u << (s->nsources % 32)) - 1;
            if (w * 32 >= s->nsources)
                val = 0;
            s->enable[c][w] = val;
        }
    } else if (decode_context(s, off, &c, &reg)) {
        if (reg == CTX_THRESHOLD) {
            s->threshold[c] = val & PRIO_MASK;
        } else if (reg == CTX_CLAIM) {
            /* Completion: ignored unless the source is enabled for this
             * context (PLIC spec §9), as the hardware does. */
            if (val > 0 && val < s->nsources && bit(s->enable[c], val) && bit(s->claimed, val)) {
                set_bit(s->claimed, val, false);
                if (bit(s->level, val))
                    set_bit(s->pending, val, true);
            }
        }
    } else {
        EMU_LOG(EMU_LOG_GUEST_ERRORS, "sifive_plic: write at unknown offset 0x%x\n", off);
    }
    sifive_plic_update(s);
    return true;
}

static void sifive_plic_reset(void *opaque)
{
    SifivePlic *s = opaque;
    memset(s->priority, 0, sizeof(s->priority));
    memset(s->claimed, 0, sizeof(s->claimed));
    memset(s->enable, 0, sizeof(s->enable));
    memset(s->threshold, 0, sizeof(s->threshold));
    /* Input levels belong to the devices: keep them, re-derive pending. */
    memcpy(s->pending, s->level, sizeof(s->pending));
    sifive_plic_update(s);
}

static int sifive_plic_init(void *opaque, EmuMachine *m, const DevConfig *cfg,
                            char *err, size_t errlen)
{
    SifivePlic *s = opaque;
    s->m = m;
    /* 96: QEMU virt's value when the property is absent */
    uint32_t ndev = dev_prop_u32(cfg, "riscv,ndev", 96);
    if (ndev == 0 || ndev >= MAX_SOURCES) {
        snprintf(err, errlen, "riscv,ndev %u out of range 1..%u", ndev, MAX_SOURCES - 1);
        return -1;
    }
    s->nsources = ndev + 1;
    if (cfg->nirq_out == 0) {
        snprintf(err, errlen, "no contexts: interrupts-extended is missing");
        return -1;
    }
    s->ncontexts = cfg->nirq_out < MAX_CONTEXTS ? cfg->nirq_out : MAX_CONTEXTS;
    for (unsigned c = 0; c < s->ncontexts; c++)
        s->out[c] = cfg->irq_out[c];
    uint32_t need = A_CONTEXT + s->ncontexts * CONTEXT_STRIDE;
    if (cfg->nregions < 1 || cfg->size[0] < need) {
        snprintf(err, errlen, "reg must cover 0x%x bytes for %u contexts", need, s->ncontexts);
        return -1;
    }
    return 0;
}

static const char *const sifive_plic_compat[] = {
    "sifive,plic-1.0.0", "riscv,plic0", NULL
};

const DevClass emu_dev_sifive_plic = {
    .name = "sifive_plic",
    .compatible = sifive_plic_compat,
    .state_size = sizeof(SifivePlic),
    .init = sifive_plic_init,
    .read = sifive_plic_read,
    .write = sifive_plic_write,
    .reset = sifive_plic_reset,
    .irq_in = sifive_plic_irq_in,
};
