/*
 * emu/dev/downcounter.h - the down counter shared by SysTick (DDI0403E
 * B3.3), the CMSDK APB timer and the CMSDK dual timer (DDI0479C 4.4-4.5),
 * computed from the virtual clock instead of ticking.
 *
 * Model: the counter held `base_val` at `base_ns` and decrements once per
 * tick; reaching 0 is the event (interrupt, COUNTFLAG); the next tick loads
 * `reload` (so a period is reload + 1 ticks), unless the counter stops at
 * zero (one-shot).  The owner arms an EmuTimer at dc_next_event() and calls
 * dc_event() from it.
 */
#ifndef EMU_DEV_DOWNCOUNTER_H
#define EMU_DEV_DOWNCOUNTER_H

#include "emu/core/emu.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct DownCounter {
    uint32_t base_val;
    uint64_t base_ns;
} DownCounter;

static inline void dc_start(DownCounter *c, uint64_t now_ns, uint32_t val)
{
    c->base_val = val;
    c->base_ns = now_ns;
}

/* Current value. */
static inline uint32_t dc_value(const DownCounter *c, uint64_t now_ns, uint64_t tick_ns,
                                uint32_t reload, bool stop_at_zero)
{
    uint64_t t = (now_ns - c->base_ns) / tick_ns;
    if (t <= c->base_val)
        return c->base_val - (uint32_t)t;
    if (stop_at_zero || reload == 0)
        return 0;
    t -= (uint64_t)c->base_val + 1;
    return reload - (uint32_t)(t % ((uint64_t)reload + 1));
}

/* Virtual time of the next 1 -> 0 transition, or UINT64_MAX if none (a
 * counter at zero that stops or reloads 0 never reaches zero again). */
static inline uint64_t dc_next_event(const DownCounter *c, uint64_t tick_ns, uint32_t reload,
                                     bool stop_at_zero)
{
    if (c->base_val > 0)
        return c->base_ns + (uint64_t)c->base_val * tick_ns;
    if (stop_at_zero || reload == 0)
        return UINT64_MAX;
    return c->base_ns + ((uint64_t)reload + 1) * tick_ns;
}

/* The event happened (called from the timer at dc_next_event()): the
 * counter is 0 now. */
static inline void dc_event(DownCounter *c, uint64_t tick_ns, uint32_t reload)
{
    c->base_ns = dc_next_event(c, tick_ns, reload, false);
    c->base_val = 0;
}

/* The three devices hold their counter still while disabled (the value
 * read back is the one it stopped at) and keep one EmuTimer armed at the
 * next event while enabled.  The ops below are that shared behaviour. */

/* Value read by the guest. */
static inline uint32_t dc_read(const DownCounter *c, bool enabled, uint64_t now_ns,
                               uint64_t tick_ns, uint32_t reload, bool stop_at_zero)
{
    return enabled ? dc_value(c, now_ns, tick_ns, reload, stop_at_zero) : c->base_val;
}

/* Arm `t` at the next event, or cancel it (disabled, or no event ahead). */
static inline void dc_arm(const DownCounter *c, EmuTimer *t, bool enabled, uint64_t tick_ns,
                          uint32_t reload, bool stop_at_zero)
{
    uint64_t at = dc_next_event(c, tick_ns, reload, stop_at_zero);
    if (!enabled || at == UINT64_MAX)
        emu_timer_del(t);
    else
        emu_timer_mod(t, at);
}

#endif
