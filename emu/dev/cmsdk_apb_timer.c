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
#include "devprop.h"
#include "downcounter.h"

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
    DownCounter dc;
    EmuTimer *timer;
} CmsdkTimer;

static void timer_update(CmsdkTimer *s)
{
    emu_irq_set(&s->irq, (s->intstatus & 1) && (s->ctrl & CTRL_IRQEN));
}

static uint32_t timer_value(const CmsdkTimer *s)
{
    return dc_read(&s->dc, s->ctrl & CTRL_EN, emu_clock_ns(s->m), s->tick_ns, s->reload, false);
}

static void timer_arm(CmsdkTimer *s)
{
    dc_arm(&s->dc, s->timer, s->ctrl & CTRL_EN, s->tick_ns, s->reload, false);
}

static void timer_rebase(CmsdkTimer *s, uint32_t val)
{
    dc_start(&s->dc, emu_clock_ns(s->m), val);
    timer_arm(s);
}

static void timer_fire(void *opaque)
{
    CmsdkTimer *s = opaque;
    dc_event(&s->dc, s->tick_ns, s->reload);
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
    dc_start(&s->dc, 0, 0);
    emu_timer_del(s->timer);
    timer_update(s);
}

static int timer_init(void *opaque, EmuMachine *m, const DevConfig *cfg, char *err, size_t errlen)
{
    CmsdkTimer *s = opaque;
    s->m = m;
    if (cfg->nirq_out > 0)
        s->irq = cfg->irq_out[0];
    s->tick_ns = dev_clock_period_ns(cfg, 25000000);
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
