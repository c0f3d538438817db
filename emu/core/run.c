/*
 * emu/core/run.c - the main loop: runs the CPU in slices bounded by the next
 * timer deadline, fires timers, handles idle (WFI), budgets and stops.
 *
 * Determinism: the CPU returns at block boundaries when the instruction
 * count reaches the limit computed here from the next deadline; timers then
 * fire at that count, the same in every run.  Only --timeout and signals
 * depend on the host, and they only decide when to stop.
 */
#include "machine.h"
#include "tracer/trace.h"

#include <inttypes.h>
#include <math.h>
#include <time.h>

#define EMU_SLICE_INSNS (1u << 22)
/* with a debugger attached: its poll (Ctrl-C) runs at least this often */
#define EMU_DEBUG_SLICE_INSNS (1u << 16)

volatile int emu_stop_signal;

static double emu_host_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

const char *emu_stop_reason_name(EmuStopReason r)
{
    switch (r) {
    case EMU_STOP_EXIT: return "exit";
    case EMU_STOP_ERROR: return "error";
    case EMU_STOP_MAX_INSNS: return "max-insns";
    case EMU_STOP_TIMEOUT: return "timeout";
    case EMU_STOP_SIGNAL: return "signal";
    }
    return "?";
}

/* Instruction count at which virtual time reaches `ns`. */
static uint64_t emu_icount_at(EmuMachine *m, uint64_t ns)
{
    if (ns <= m->idle_ns)
        return m->icount;
    uint64_t d = ns - m->idle_ns;
    uint32_t per = m->ns_per_insn ? m->ns_per_insn : 1;
    return (d + per - 1) / per;
}

static void emu_finish(EmuMachine *m, EmuRunResult *r, EmuStopReason why, int status)
{
    r->reason = why;
    r->status = status;
    r->icount = m->icount;
}

void emu_run(EmuMachine *m, const EmuRunOptions *o, EmuRunResult *r)
{
    const EmuCpuClass *cc = m->cpu_class;
    double t0 = emu_host_now();
    double deadline = o->timeout_s > 0 ? t0 + o->timeout_s : 0;
    /* Debugger: stops come from the CPU (EMU_RUN_DEBUG) or from the
     * debugger's poll (Ctrl-C, halt at start) at block boundaries.  While
     * the CPU is stopped inside a block (`mid`), nothing else may happen
     * before it resumes: no timers, no interrupts, no bounds. */
    const EmuDebugger *dbg = cc->debug ? o->debugger : NULL;
    bool mid = false, have_stop = false;
    EmuDebugStop stop;

    for (;;) {
        if (emu_stop_signal) {
            emu_finish(m, r, EMU_STOP_SIGNAL, EMU_EXIT_SIGNAL);
            break;
        }
        if (!mid) {
            emu_clock_run_timers(m);
            if (m->error) {
                emu_finish(m, r, EMU_STOP_ERROR, EMU_EXIT_GUEST_STOP);
                break;
            }
            if (m->exit_requested) {
                emu_finish(m, r, EMU_STOP_EXIT, m->exit_code & 0xff);
                break;
            }
            if (m->reset_requested) {
                m->reset_requested = false;
                EMU_LOG(EMU_LOG_INT, "machine reset requested\n");
                emu_machine_reset_devices(m);
                uint32_t from = cc->get_pc(m->cpu);
                cc->reset(m->cpu, o->entry);
                if (m->trace_writer)
                    trace_event(m->trace_writer, TRACE_EV_RESET, from, 0, cc->get_pc(m->cpu),
                                m->trace_last_ninsns);
            }
            if (o->max_insns && m->icount >= o->max_insns) {
                emu_finish(m, r, EMU_STOP_MAX_INSNS, EMU_EXIT_MAX_INSNS);
                break;
            }
            if (deadline && emu_host_now() >= deadline) {
                emu_finish(m, r, EMU_STOP_TIMEOUT, EMU_EXIT_TIMEOUT);
                break;
            }
        }
        if (dbg && (have_stop || (!mid && dbg->poll(dbg->opaque, m)))) {
            EmuDebugAction a = dbg->stopped(dbg->opaque, m, have_stop ? &stop : NULL);
            have_stop = false;
            if (a == EMU_DBG_KILL) {
                emu_finish(m, r, EMU_STOP_SIGNAL, EMU_EXIT_SIGNAL);
                break;
            }
            cc->debug->set_step(m->cpu, a == EMU_DBG_STEP);
            /* a reset asked while stopped (monitor reset) happens now */
            mid = cc->debug->mid_block(m->cpu) && !m->reset_requested;
            if (!mid || emu_stop_signal)
                continue;
        }

        uint64_t limit = m->icount + (dbg ? EMU_DEBUG_SLICE_INSNS : EMU_SLICE_INSNS);
        if (o->max_insns && limit > o->max_insns)
            limit = o->max_insns;
        uint64_t next_ns = emu_clock_next_deadline(m);
        if (next_ns != UINT64_MAX) {
            uint64_t at = emu_icount_at(m, next_ns);
            if (at <= m->icount)
                at = m->icount + 1;
            if (at < limit)
                limit = at;
        }

        EmuRunReason why = cc->run(m->cpu, limit);
        mid = false;
        if (why == EMU_RUN_DEBUG) {
            mid = cc->debug->mid_block(m->cpu);
            if ((m->exit_requested || m->error) && mid) {
                /* the stepped instruction ended the run (test finisher):
                 * finish the block as a plain run does, then exit; the
                 * debugger gets the exit instead of a stop */
                cc->debug->set_step(m->cpu, false);
                continue;
            }
            cc->debug->stop_info(m->cpu, &stop);
            have_stop = true;
            continue;
        }
        if (why == EMU_RUN_IDLE) {
            /* WFI: jump virtual time to the next timer deadline. */
            while (!cc->has_wakeup(m->cpu) && !m->exit_requested && !m->error &&
                   !emu_stop_signal) {
                uint64_t nd = emu_clock_next_deadline(m);
                if (nd == UINT64_MAX) {
                    emu_machine_stop_error(m, "the CPU waits for an interrupt (wfi) at pc "
                                           "0x%08" PRIx32 " but no timer is armed and no "
                                           "interrupt can arrive", cc->get_pc(m->cpu));
                    break;
                }
                uint64_t now = emu_clock_ns(m);
                if (nd > now)
                    m->idle_ns += nd - now;
                emu_clock_run_timers(m);
            }
        }
    }
    r->host_seconds = emu_host_now() - t0;
    if (dbg)
        dbg->finished(dbg->opaque, m, r);
}
