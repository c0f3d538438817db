/*
 * emu/core/clock.c - the deterministic virtual clock and its timers.
 *
 * Virtual ns = retired instructions * ns_per_insn + ns skipped while idle.
 * Timers live in one list in creation order; emu_clock_run_timers() fires
 * every due timer in deadline order, ties in creation order, so a run is a
 * pure function of the ELF and its inputs.  Device counts are tiny (a
 * handful of timers), so a linear scan beats any heap here.
 */
#include "machine.h"

#include <stdlib.h>

uint64_t emu_clock_ns(EmuMachine *m)
{
    return m->icount * m->ns_per_insn + m->idle_ns;
}

EmuTimer *emu_timer_new(EmuMachine *m, EmuTimerCb cb, void *opaque)
{
    EmuTimer *t = calloc(1, sizeof(*t));
    if (!t)
        return NULL;
    t->m = m;
    t->cb = cb;
    t->opaque = opaque;
    t->deadline = UINT64_MAX;
    EmuTimer **pp = &m->timers;
    while (*pp)
        pp = &(*pp)->next;
    *pp = t;
    return t;
}

void emu_timer_mod(EmuTimer *t, uint64_t deadline_ns)
{
    EmuMachine *m = t->m;
    t->deadline = deadline_ns;
    if (deadline_ns < m->next_deadline_ns) {
        m->next_deadline_ns = deadline_ns;
        /* The CPU budgets its run up to the old deadline: make it come
         * back at the next block boundary. */
        emu_machine_kick(m);
    }
}

void emu_timer_del(EmuTimer *t)
{
    /* next_deadline_ns may now be early: harmless, the main loop just
     * returns once more and recomputes it. */
    t->deadline = UINT64_MAX;
}

bool emu_timer_pending(const EmuTimer *t)
{
    return t->deadline != UINT64_MAX;
}

uint64_t emu_clock_next_deadline(EmuMachine *m)
{
    uint64_t next = UINT64_MAX;
    for (EmuTimer *t = m->timers; t; t = t->next)
        if (t->deadline < next)
            next = t->deadline;
    m->next_deadline_ns = next;
    return next;
}

void emu_clock_run_timers(EmuMachine *m)
{
    uint64_t now = emu_clock_ns(m);
    for (;;) {
        EmuTimer *due = NULL;
        for (EmuTimer *t = m->timers; t; t = t->next)
            if (t->deadline <= now && (!due || t->deadline < due->deadline))
                due = t;
        if (!due)
            break;
        due->deadline = UINT64_MAX;
        due->cb(due->opaque);
    }
    emu_clock_next_deadline(m);
}
