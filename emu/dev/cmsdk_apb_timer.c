/*
 * emu/dev/cmsdk_apb_timer.c - Arm CMSDK APB timer (DDI0479C section 4.4):
 * a 32-bit down counter clocked by PCLK that reloads from RELOAD and raises
 * its interrupt when it reaches zero.
 *
 * Wiring contract (compatible "arm,cmsdk-timer"):
 *   MMIO  reg 0: 4 KiB (CTRL 0x00, VALUE 0x04, RELOAD 0x08, INTSTATUS/
 *         INTCLEAR 0x0c, PID/CID 0xfd0-0xffc).
 *   IRQ   interrupts: <TIMERINT>.
 *   props clock-frequency: PCLK in Hz (default 25 MHz, the MPS2 SYSCLK).
 * As QEMU 7.2: writing RELOAD also loads VALUE; after reaching zero the
 * counter reloads on the next tick (period RELOAD + 1 ticks).
 * Not modelled: the external enable and external clock inputs (CTRL bits 1
 * and 2 are stored; the counter then runs from PCLK as QEMU does).
 */
#include "devices.h"

#include <libfdt.h>

enum { REG_CTRL = 0x00, REG_VALUE = 0x04, REG_RELOAD = 0x08, REG_INT = 0x0c };
enum { CTRL_EN = 1, CTRL_IRQEN = 8 };

static const uint8_t timer_id[12] = {
    0x04, 0x00, 0x00, 0x00, 0x22, 0xb8, 0x1b, 0x00, 0x0d, 0xf0, 0x05, 0xb1,
};

typedef struct CmsdkTimer {
    EmuMachine *m;
    EmuIrq irq;
    uint64_t tick_ns;
    uint32_t ctrl, reload, intstatus;
    uint32_t base_val;          /* counter value at base_ns */
    uint64_t base_ns;
    EmuTimer *timer;
} CmsdkTimer;

static void timer_update(CmsdkTimer *s)
{
    emu_irq_set(&s->irq, (s->intstatus & 1) && (s->ctrl & CTRL_IRQEN));
}

static uint32_t timer_value(const CmsdkTimer *s)
{
    if (!(s->ctrl & CTRL_EN))
        return s->base_val;
    uint64_t t = (emu_clock_ns(s->m) - s->base_ns) / s->tick_ns;
    if (t <= s->base_val)
        return s->base_val - (uint32_t)t;
    t -= (uint64_t)s->base_val + 1;
    return s->reload - (uint32_t)(t % ((uint64_t)s->reload + 1));
}

static void timer_arm(CmsdkTimer *s)
{
    if (!(s->ctrl & CTRL_EN) || (s->base_val == 0 && s->reload == 0)) {
        emu_timer_del(s->timer);
        return;
    }
    uint64_t d = s->base_val > 0 ? (uint64_t)s->base_val : (uint64_t)s->reload + 1;
    emu_timer_mod(s->timer, s->base_ns + d * s->tick_ns);
}

static void timer_rebase(CmsdkTimer *s, uint32_t val)
{
    s->base_val = val;
    s->base_ns = emu_clock_ns(s->m);
    timer_arm(s);
}

static void timer_fire(void *opaque)
{
    CmsdkTimer *s = opaque;
    uint64_t d = s->base_val > 0 ? (uint64_t)s->base_val : (uint64_t)s->reload + 1;
    s->base_ns += d * s->tick_ns;
    s->base_val = 0;
    s->intstatus = 1;
    timer_update(s);
    timer_arm(s);
}

static bool timer_read(void *opaque, unsigned region, uint32_t off, unsigned size, uint32_t *val)
{
    CmsdkTimer *s = opaque;
    (void)region;
    (void)size;
    switch (off) {
    case REG_CTRL: *val = s->ctrl; break;
    case REG_VALUE: *val = timer_value(s); break;
    case REG_RELOAD: *val = s->reload; break;
    case REG_INT: *val = s->intstatus; break;
    default:
        if (off >= 0xfd0 && off <= 0xffc && !(off & 3))
            *val = timer_id[(off - 0xfd0) / 4];
        else {
            EMU_LOG(EMU_LOG_GUEST_ERRORS, "cmsdk-timer: read of bad offset 0x%x\n", off);
            *val = 0;
        }
        break;
    }
    return true;
}

static bool timer_write(void *opaque, unsigned region, uint32_t off, unsigned size, uint32_t val)
{
    CmsdkTimer *s = opaque;
    (void)region;
    (void)size;
    switch (off) {
    case REG_CTRL: {
        uint32_t cur = timer_value(s);
        s->ctrl = val & 0xf;
        timer_rebase(s, cur);
        timer_update(s);
        break;
    }
    case REG_VALUE: timer_rebase(s, val); break;
    case REG_RELOAD: s->reload = val; timer_rebase(s, val); break;
    case REG_INT:
        if (val & 1)
            s->intstatus = 0;
        timer_update(s);
        break;
    default:
        EMU_LOG(EMU_LOG_GUEST_ERRORS, "cmsdk-timer: write of bad offset 0x%x\n", off);
        break;
    }
    return true;
}

static void timer_reset(void *opaque)
{
    CmsdkTimer *s = opaque;
    s->ctrl = s->reload = s->intstatus = 0;
    s->base_val = 0;
    s->base_ns = 0;
    emu_timer_del(s->timer);
    timer_update(s);
}

static int timer_init(void *opaque, EmuMachine *m, const DevConfig *cfg, char *err, size_t errlen)
{
    CmsdkTimer *s = opaque;
    s->m = m;
    if (cfg->nirq_out > 0)
        s->irq = cfg->irq_out[0];
    uint32_t hz = 25000000;
    int len;
    const fdt32_t *p = fdt_getprop(cfg->fdt, cfg->node, "clock-frequency", &len);
    if (p && len == 4 && fdt32_to_cpu(*p) > 0)
        hz = fdt32_to_cpu(*p);
    s->tick_ns = 1000000000u / hz ? 1000000000u / hz : 1;
    s->timer = emu_timer_new(m, timer_fire, s);
    if (!s->timer) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    return 0;
}

static const char *const timer_compat[] = { "arm,cmsdk-timer", NULL };

const DevClass emu_dev_cmsdk_apb_timer = {
    .name = "cmsdk-apb-timer",
    .compatible = timer_compat,
    .state_size = sizeof(CmsdkTimer),
    .init = timer_init,
    .read = timer_read,
    .write = timer_write,
    .reset = timer_reset,
};
