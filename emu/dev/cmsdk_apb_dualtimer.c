/*
 * emu/dev/cmsdk_apb_dualtimer.c - Arm CMSDK APB dual timer (DDI0479C
 * section 4.5; programmer's model of the SP804): two down counters with
 * free-running, periodic and one-shot modes, 16/32-bit size and /1, /16,
 * /256 prescale, and one combined interrupt.
 *
 * Wiring contract (compatible "arm,cmsdk-dualtimer"):
 *   MMIO  reg 0: 4 KiB: timer 1 at 0x00, timer 2 at 0x20 (LOAD 0x00,
 *         VALUE 0x04, CONTROL 0x08, INTCLR 0x0c, RIS 0x10, MIS 0x14,
 *         BGLOAD 0x18); ITCR 0xf00; PID/CID 0xfd0-0xffc.
 *   IRQ   interrupts: <TIMINTC> (MIS1 | MIS2).
 *   props clock-frequency: TIMCLK in Hz (default 25 MHz).
 * Not modelled: the integration test registers (ITCR/ITOP read 0).
 */
#include "devices.h"
#include "devprop.h"
#include "downcounter.h"

enum { T_LOAD = 0x00, T_VALUE = 0x04, T_CONTROL = 0x08, T_INTCLR = 0x0c, T_RIS = 0x10,
       T_MIS = 0x14, T_BGLOAD = 0x18 };
enum { CTRL_ONESHOT = 1, CTRL_SIZE32 = 2, CTRL_PRESCALE = 0xc, CTRL_INTEN = 0x20,
       CTRL_PERIODIC = 0x40, CTRL_ENABLE = 0x80 };

static const uint8_t dualtimer_id[12] = {
    0x04, 0x00, 0x00, 0x00, 0x23, 0xb8, 0x1b, 0x00, 0x0d, 0xf0, 0x05, 0xb1,
};

typedef struct DualTimerUnit {
    struct DualTimer *dt;
    uint32_t load, control, ris;
    DownCounter dc;
    EmuTimer *timer;
} DualTimerUnit;

typedef struct DualTimer {
    EmuMachine *m;
    EmuIrq irq;
    uint64_t tick_ns;
    DualTimerUnit t[2];
} DualTimer;

static uint32_t unit_mask(const DualTimerUnit *u)
{
    return (u->control & CTRL_SIZE32) ? 0xffffffffu : 0xffffu;
}

static uint64_t unit_tick(const DualTimerUnit *u)
{
    static const unsigned div[4] = { 1, 16, 256, 256 };
    return u->dt->tick_ns * div[(u->control & CTRL_PRESCALE) >> 2];
}

/* value loaded after reaching zero: LOAD (periodic) or the maximum */
static uint32_t unit_reload(const DualTimerUnit *u)
{
    return (u->control & CTRL_PERIODIC) ? (u->load & unit_mask(u)) : unit_mask(u);
}

static void dt_update(DualTimer *s)
{
    bool on = false;
    for (int i = 0; i < 2; i++)
        on |= s->t[i].ris && (s->t[i].control & CTRL_INTEN);
    emu_irq_set(&s->irq, on);
}

static bool unit_oneshot(const DualTimerUnit *u) { return (u->control & CTRL_ONESHOT) != 0; }

static uint32_t unit_value(const DualTimerUnit *u)
{
    return dc_read(&u->dc, u->control & CTRL_ENABLE, emu_clock_ns(u->dt->m), unit_tick(u),
                   unit_reload(u), unit_oneshot(u));
}

static void unit_arm(DualTimerUnit *u)
{
    dc_arm(&u->dc, u->timer, u->control & CTRL_ENABLE, unit_tick(u), unit_reload(u),
           unit_oneshot(u));
}

static void unit_rebase(DualTimerUnit *u, uint32_t val)
{
    dc_start(&u->dc, emu_clock_ns(u->dt->m), val & unit_mask(u));
    unit_arm(u);
}

static void unit_fire(void *opaque)
{
    DualTimerUnit *u = opaque;
    dc_event(&u->dc, unit_tick(u), unit_reload(u));
    u->ris = 1;
    dt_update(u->dt);
    unit_arm(u);
}

static bool dt_read(void *opaque, unsigned region, uint32_t off, unsigned size, uint32_t *val)
{
    DualTimer *s = opaque;
    (void)region;
    (void)size;
    *val = 0;
    if (off < 0x40) {
        DualTimerUnit *u = &s->t[off >= 0x20];
        switch (off & 0x1f) {
        case T_LOAD: case T_BGLOAD: *val = u->load; break;
        case T_VALUE: *val = unit_value(u); break;
        case T_CONTROL: *val = u->control; break;
        case T_RIS: *val = u->ris; break;
        case T_MIS: *val = u->ris && (u->control & CTRL_INTEN); break;
        default: break;
        }
    } else if (off >= 0xfd0 && off <= 0xffc && !(off & 3)) {
        *val = dualtimer_id[(off - 0xfd0) / 4];
    } else if (off != 0xf00) {
        EMU_LOG(EMU_LOG_GUEST_ERRORS, "cmsdk-dualtimer: read of bad offset 0x%x\n", off);
    }
    return true;
}

static bool dt_write(void *opaque, unsigned region, uint32_t off, unsigned size, uint32_t val)
{
    DualTimer *s = opaque;
    (void)region;
    (void)size;
    if (off >= 0x40) {
        EMU_LOG(EMU_LOG_UNIMP, "cmsdk-dualtimer: write of offset 0x%x ignored\n", off);
        return true;
    }
    DualTimerUnit *u = &s->t[off >= 0x20];
    switch (off & 0x1f) {
    case T_LOAD:
        u->load = val;
        unit_rebase(u, val);
        break;
    case T_BGLOAD:
        u->load = val;
        unit_arm(u);
        break;
    case T_CONTROL: {
        uint32_t cur = unit_value(u);
        u->control = val & 0xef;
        unit_rebase(u, cur);
        dt_update(s);
        break;
    }
    case T_INTCLR:
        u->ris = 0;
        dt_update(s);
        break;
    default:
        EMU_LOG(EMU_LOG_GUEST_ERRORS, "cmsdk-dualtimer: write of read-only offset 0x%x\n", off);
        break;
    }
    return true;
}

static void dt_reset(void *opaque)
{
    DualTimer *s = opaque;
    for (int i = 0; i < 2; i++) {
        DualTimerUnit *u = &s->t[i];
        u->load = 0;
        u->control = CTRL_INTEN;        /* reset value 0x20 (TRM table 4-13) */
        u->ris = 0;
        dc_start(&u->dc, 0, unit_mask(u));
        emu_timer_del(u->timer);
    }
    dt_update(s);
}

static int dt_init(void *opaque, EmuMachine *m, const DevConfig *cfg, char *err, size_t errlen)
{
    DualTimer *s = opaque;
    s->m = m;
    if (cfg->nirq_out > 0)
        s->irq = cfg->irq_out[0];
    s->tick_ns = dev_clock_period_ns(cfg, 25000000);
    for (int i = 0; i < 2; i++) {
        s->t[i].dt = s;
        s->t[i].timer = emu_timer_new(m, unit_fire, &s->t[i]);
        if (!s->t[i].timer) {
            snprintf(err, errlen, "out of memory");
            return -1;
        }
    }
    return 0;
}

static const char *const dt_compat[] = { "arm,cmsdk-dualtimer", NULL };

const DevClass emu_dev_cmsdk_apb_dualtimer = {
    .name = "cmsdk-apb-dualtimer",
    .compatible = dt_compat,
    .state_size = sizeof(DualTimer),
    .init = dt_init,
    .read = dt_read,
    .write = dt_write,
    .reset = dt_reset,
};
