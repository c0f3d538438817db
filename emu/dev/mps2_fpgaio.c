/*
 * emu/dev/mps2_fpgaio.c - MPS2 FPGA IO block (Arm AN385 application note,
 * "FPGA system control and I/O"; QEMU 7.2 mps2-fpgaio): LEDs, buttons and
 * free-running counters derived from the virtual clock.
 *
 * Wiring contract (compatible "arm,mps2-fpgaio"):
 *   MMIO  reg 0: 4 KiB: LED0 0x00 (2 LEDs), BUTTON 0x08 (no buttons
 *         pressed: 0), CLK1HZ 0x10, CLK100HZ 0x14, COUNTER 0x18, PRESCALE
 *         0x1c, PSCNTR 0x20, MISC 0x4c.
 *   IRQ   none.
 *   props clock-frequency: the prescaler clock (default 25 MHz).
 * The counters are writable (a write sets the current value) as in QEMU.
 * LED changes are logged under the `unimp` category.
 * Not modelled: switches (AN505+ only).
 */
#include "devices.h"

#include <inttypes.h>
#include "devprop.h"

enum { R_LED0 = 0x00, R_BUTTON = 0x08, R_CLK1HZ = 0x10, R_CLK100HZ = 0x14,
       R_COUNTER = 0x18, R_PRESCALE = 0x1c, R_PSCNTR = 0x20, R_MISC = 0x4c };

typedef struct Mps2FpgaIo {
    EmuMachine *m;
    uint64_t clk_hz;
    uint32_t led0, prescale, misc;
    /* each counter = value at its base time + elapsed units */
    uint32_t clk1hz, clk100hz, counter;
    uint64_t clk1hz_ns, clk100hz_ns, counter_ns;
} Mps2FpgaIo;

static uint64_t elapsed(const Mps2FpgaIo *s, uint64_t since_ns, uint64_t period_ns)
{
    return (emu_clock_ns(s->m) - since_ns) / period_ns;
}

static uint64_t tick_ns(const Mps2FpgaIo *s)
{
    return 1000000000u / s->clk_hz ? 1000000000u / s->clk_hz : 1;
}

static uint32_t counter_now(const Mps2FpgaIo *s)
{
    return s->counter + (uint32_t)(elapsed(s, s->counter_ns, tick_ns(s)) / ((uint64_t)s->prescale + 1));
}

static bool fpgaio_read(void *opaque, unsigned region, uint32_t off, unsigned size, uint32_t *val)
{
    Mps2FpgaIo *s = opaque;
    (void)region;
    (void)size;
    switch (off) {
    case R_LED0: *val = s->led0; break;
    case R_BUTTON: *val = 0; break;
    case R_CLK1HZ: *val = s->clk1hz + (uint32_t)elapsed(s, s->clk1hz_ns, 1000000000u); break;
    case R_CLK100HZ: *val = s->clk100hz + (uint32_t)elapsed(s, s->clk100hz_ns, 10000000u); break;
    case R_COUNTER: *val = counter_now(s); break;
    case R_PRESCALE: *val = s->prescale; break;
    case R_PSCNTR: {
        uint64_t t = elapsed(s, s->counter_ns, tick_ns(s));
        *val = s->prescale - (uint32_t)(t % ((uint64_t)s->prescale + 1));
        break;
    }
    case R_MISC: *val = s->misc; break;
    default:
        EMU_LOG(EMU_LOG_GUEST_ERRORS, "mps2-fpgaio: read of bad offset 0x%x\n", off);
        *val = 0;
        break;
    }
    return true;
}

static bool fpgaio_write(void *opaque, unsigned region, uint32_t off, unsigned size, uint32_t val)
{
    Mps2FpgaIo *s = opaque;
    (void)region;
    (void)size;
    uint64_t now = emu_clock_ns(s->m);
    switch (off) {
    case R_LED0:
        if ((val & 3) != s->led0)
            EMU_LOG(EMU_LOG_UNIMP, "mps2-fpgaio: LEDs 0x%" PRIx32 "\n", val & 3);
        s->led0 = val & 3;
        break;
    case R_CLK1HZ: s->clk1hz = val; s->clk1hz_ns = now; break;
    case R_CLK100HZ: s->clk100hz = val; s->clk100hz_ns = now; break;
    case R_COUNTER: s->counter = val; s->counter_ns = now; break;
    case R_PRESCALE:
        s->counter = counter_now(s);
        s->counter_ns = now;
        s->prescale = val;
        break;
    case R_MISC: s->misc = val; break;
    default:
        EMU_LOG(EMU_LOG_GUEST_ERRORS, "mps2-fpgaio: write of bad or read-only offset 0x%x\n", off);
        break;
    }
    return true;
}

static void fpgaio_reset(void *opaque)
{
    Mps2FpgaIo *s = opaque;
    uint64_t now = emu_clock_ns(s->m);
    s->led0 = s->prescale = s->misc = 0;
    s->clk1hz = s->clk100hz = s->counter = 0;
    s->clk1hz_ns = s->clk100hz_ns = s->counter_ns = now;
}

static int fpgaio_init(void *opaque, EmuMachine *m, const DevConfig *cfg, char *err, size_t errlen)
{
    Mps2FpgaIo *s = opaque;
    (void)err;
    (void)errlen;
    s->m = m;
    s->clk_hz = dev_prop_u32(cfg, "clock-frequency", 0);
    if (s->clk_hz == 0)
        s->clk_hz = 25000000;
    return 0;
}

static const char *const fpgaio_compat[] = { "arm,mps2-fpgaio", NULL };

const DevClass emu_dev_mps2_fpgaio = {
    .name = "mps2-fpgaio",
    .compatible = fpgaio_compat,
    .state_size = sizeof(Mps2FpgaIo),
    .init = fpgaio_init,
    .read = fpgaio_read,
    .write = fpgaio_write,
    .reset = fpgaio_reset,
};
