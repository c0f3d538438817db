/*
 * tests/unit/tracer/sim.h - a synthetic "emulator" that walks a random
 * control-flow graph and feeds the trace writer exactly as the translator
 * would: blocks are translated (defined) on first use, conditional and
 * indirect exits are recorded, exceptions cut blocks short, interrupts
 * nest, a wfi-like idle loop waits for interrupts, and translations are
 * flushed and redefined with a different shape (self-modifying code).
 *
 * It logs what it executed so tests can compare the reader's replay with it.
 */
#ifndef TRACER_TEST_SIM_H
#define TRACER_TEST_SIM_H

#include "tracer/trace.h"

enum { SIM_DEF = 1, SIM_BLOCK = 2, SIM_EVENT = 3 };

typedef struct SimExp {
    uint8_t kind;          /* SIM_DEF, SIM_BLOCK, SIM_EVENT */
    uint8_t partial;
    int8_t taken;          /* -1 if not a conditional exit */
    uint8_t ev_kind;
    uint32_t id;
    uint32_t insns;        /* BLOCK: executed; DEF: ninsns; EVENT: retired */
    uint64_t pc;           /* BLOCK/DEF: block pc; EVENT: event pc */
    uint64_t target;       /* BLOCK: next pc; EVENT: target */
} SimExp;

typedef struct SimConfig {
    uint64_t seed;
    uint64_t nblocks;      /* UINT64_MAX: run until killed */
    TraceMode mode;
    uint32_t frame_size;   /* 0 = default */
    uint32_t flat_period;  /* 0 = default */
    unsigned p_exc, p_irq, p_flush;   /* per 100000 blocks */
    bool halt_at_end;
    bool log;
    volatile int *stop_flag;   /* checked at block boundaries; stops with
                                  TRACE_STOP_SIGNAL when set */
} SimConfig;

typedef struct SimResult {
    SimExp *log;
    size_t nlog, cap;
    uint64_t blocks, insns;
    uint32_t ndefs;
    uint64_t *exec, *taken, *not_taken;   /* per id */
    uint32_t idcap;
} SimResult;

/* Run the simulation writing `path`.  Returns 0 or -1 (message in err). */
int sim_run(const SimConfig *c, const char *path, SimResult *res, char *err, size_t errlen);
void sim_result_free(SimResult *res);
void sim_default_config(SimConfig *c, uint64_t seed, uint64_t nblocks, TraceMode mode);

#endif
