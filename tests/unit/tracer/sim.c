/*
 * tests/unit/tracer/sim.c - synthetic emulator driving the trace writer.
 * See sim.h.
 */
#include "sim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BASE 0x80000000ull
#define REGION 0x4000u                 /* 16 KiB of "code" */
#define NSLOTS (REGION / 4)
#define NLABELS (REGION / 64)          /* static targets are 64-byte aligned */
#define IDLE_PC (BASE + REGION - 64)   /* `j .` waiting for interrupts */
#define TO_IDLE_PC (BASE + 5 * 64)     /* jumps to the idle loop */
#define MAX_DEPTH 4

typedef struct Shape {
    uint32_t ninsns, size;
    int kind;
    uint64_t target, fallthrough;
    unsigned bias;                     /* COND: 0 mostly taken, 1 mostly not, 2 random, 3 alternate */
    uint64_t itargets[3];
    unsigned nitargets;
} Shape;

typedef struct Sim {
    const SimConfig *c;
    SimResult *res;
    TraceWriter *w;
    uint64_t rng;
    uint32_t cache[NSLOTS];            /* id + 1, 0 = not translated */
    uint32_t gen[NSLOTS];
    Shape *shapes;                     /* per id */
    uint32_t shapecap;
    uint64_t estack[16];
    unsigned edepth;
    uint64_t cstack[64];
    unsigned cdepth;
    uint64_t alt;
} Sim;

static uint64_t mix(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

static uint64_t rnd(Sim *s)
{
    s->rng = mix(s->rng);
    return s->rng;
}

static uint64_t label(uint64_t r)
{
    return BASE + 64 * (r % NLABELS);
}

static uint64_t vector(uint64_t r)
{
    return BASE + 0x100 * (1 + r % 4);
}

static void gen_shape(Sim *s, uint64_t pc, uint32_t gen, Shape *sh)
{
    uint64_t r = mix(s->c->seed ^ mix(pc) ^ ((uint64_t)gen << 40));
    memset(sh, 0, sizeof *sh);
    sh->ninsns = 1 + (uint32_t)(r % 8);
    r = mix(r);
    sh->size = 4 * sh->ninsns;
    unsigned k = (unsigned)(r % 100);
    r = mix(r);
    sh->kind = k < 38 ? ISA_FLOW_COND : k < 46 ? ISA_FLOW_JUMP : k < 54 ? ISA_FLOW_CALL :
               k < 59 ? ISA_FLOW_INDIRECT : k < 63 ? ISA_FLOW_INDIRECT_CALL :
               k < 74 ? ISA_FLOW_RETURN : k < 84 ? ISA_FLOW_SEQ : k < 88 ? ISA_FLOW_SYSTEM :
               k < 91 ? ISA_FLOW_TRAP : ISA_FLOW_XRET;
    sh->target = label(r);
    r = mix(r);
    sh->bias = (unsigned)(r % 4);
    r = mix(r);
    sh->nitargets = 1 + (unsigned)(r % 3);
    for (unsigned i = 0; i < 3; i++) {
        r = mix(r);
        sh->itargets[i] = label(r);
    }
    if (pc + sh->size > BASE + REGION - 64)
        sh->kind = ISA_FLOW_JUMP;       /* stay inside the region */
    if (pc == IDLE_PC) {
        sh->ninsns = 1;
        sh->size = 4;
        sh->kind = ISA_FLOW_JUMP;
        sh->target = IDLE_PC;
    }
    if (pc == TO_IDLE_PC) {
        sh->kind = ISA_FLOW_JUMP;
        sh->target = IDLE_PC;
    }
    sh->fallthrough = pc + sh->size;
}

static void logit(Sim *s, const SimExp *e)
{
    SimResult *res = s->res;
    if (!s->c->log)
        return;
    if (res->nlog == res->cap) {
        res->cap = res->cap ? res->cap * 2 : 4096;
        res->log = realloc(res->log, res->cap * sizeof *res->log);
        if (!res->log)
            abort();
    }
    res->log[res->nlog++] = *e;
}

static uint32_t translate(Sim *s, uint64_t pc)
{
    uint32_t slot = (uint32_t)((pc - BASE) / 4);
    if (s->cache[slot])
        return s->cache[slot] - 1;
    Shape sh;
    gen_shape(s, pc, s->gen[slot], &sh);
    uint32_t id = trace_define_block(s->w, pc, sh.size, sh.ninsns, sh.kind, sh.target,
                                     sh.fallthrough);
    SimResult *res = s->res;
    if (id != res->ndefs)
        abort();
    if (id >= s->shapecap) {
        uint32_t n = s->shapecap ? s->shapecap * 2 : 1024;
        s->shapes = realloc(s->shapes, n * sizeof *s->shapes);
        res->exec = realloc(res->exec, n * sizeof *res->exec);
        res->taken = realloc(res->taken, n * sizeof *res->taken);
        res->not_taken = realloc(res->not_taken, n * sizeof *res->not_taken);
        if (!s->shapes || !res->exec || !res->taken || !res->not_taken)
            abort();
        memset(res->exec + s->shapecap, 0, (n - s->shapecap) * sizeof *res->exec);
        memset(res->taken + s->shapecap, 0, (n - s->shapecap) * sizeof *res->taken);
        memset(res->not_taken + s->shapecap, 0, (n - s->shapecap) * sizeof *res->not_taken);
        s->shapecap = n;
        res->idcap = n;
    }
    s->shapes[id] = sh;
    res->ndefs++;
    s->cache[slot] = id + 1;
    SimExp e = { .kind = SIM_DEF, .taken = -1, .id = id, .insns = sh.ninsns, .pc = pc,
                 .target = sh.target };
    logit(s, &e);
    return id;
}

static void event(Sim *s, int kind, uint64_t pc, uint32_t cause, uint64_t target,
                  uint32_t retired)
{
    trace_event(s->w, kind, pc, cause, target, retired);
    SimExp e = { .kind = SIM_EVENT, .taken = -1, .ev_kind = (uint8_t)kind, .insns = retired,
                 .pc = pc, .target = target };
    logit(s, &e);
}

void sim_default_config(SimConfig *c, uint64_t seed, uint64_t nblocks, TraceMode mode)
{
    memset(c, 0, sizeof *c);
    c->seed = seed;
    c->nblocks = nblocks;
    c->mode = mode;
    c->p_exc = 300;
    c->p_irq = 500;
    c->p_flush = 50;
    c->log = true;
}

int sim_run(const SimConfig *c, const char *path, SimResult *res, char *err, size_t errlen)
{
    static const char *const argv[] = { "emucov", "run", "sim.elf" };
    TraceHeader h = {
        .isa = "riscv32", .board = "sim", .elf_path = "sim.elf",
        .tool_version = "emucov test", .argc = 3, .argv = argv, .mode = c->mode,
        .frame_size = c->frame_size, .flat_period = c->flat_period,
    };
    Sim *s = calloc(1, sizeof *s);
    uint64_t pc = BASE, idle_left = 0;
    uint32_t last_ninsns = 0;
    TraceStopReason stop = TRACE_STOP_EXIT;

    memset(res, 0, sizeof *res);
    for (int i = 0; i < TRACE_SHA256_LEN; i++)
        h.elf_sha256[i] = (uint8_t)(c->seed + (uint64_t)i);
    s->c = c;
    s->res = res;
    s->rng = c->seed * 7 + 1;
    s->w = trace_writer_open(path, &h, err, errlen);
    if (!s->w) {
        free(s);
        return -1;
    }

    while (res->blocks < c->nblocks) {
        if (c->stop_flag && *c->stop_flag) {
            stop = TRACE_STOP_SIGNAL;
            break;
        }
        uint32_t id = translate(s, pc);
        Shape *sh = &s->shapes[id];
        trace_block_enter(s->w, id);
        res->blocks++;
        res->exec[id]++;
        last_ninsns = sh->ninsns;
        SimExp b = { .kind = SIM_BLOCK, .taken = -1, .id = id, .pc = pc, .insns = sh->ninsns };

        /* a synchronous exception in the middle of the block */
        if (s->edepth < MAX_DEPTH && rnd(s) % 100000 < c->p_exc) {
            uint32_t retired = (uint32_t)(rnd(s) % sh->ninsns);
            uint64_t fpc = pc + 4ull * retired, vec = vector(rnd(s));
            b.partial = 1;
            b.insns = retired;
            logit(s, &b);
            res->insns += retired;
            event(s, TRACE_EV_EXCEPTION, fpc, 5, vec, retired);
            s->estack[s->edepth++] = fpc;
            pc = vec;
            continue;
        }

        uint64_t next = sh->fallthrough;
        switch (sh->kind) {
        case ISA_FLOW_COND: {
            int t;
            switch (sh->bias) {
            case 0: t = rnd(s) % 100 < 95; break;
            case 1: t = rnd(s) % 100 < 5; break;
            case 2: t = (int)(rnd(s) & 1); break;
            default: t = (int)(s->alt++ & 1); break;
            }
            trace_cond(s->w, id, t);
            (t ? res->taken : res->not_taken)[id]++;
            b.taken = (int8_t)t;
            next = t ? sh->target : sh->fallthrough;
            break;
        }
        case ISA_FLOW_CALL:
            if (s->cdepth < 64)
                s->cstack[s->cdepth++] = sh->fallthrough;
            next = sh->target;
            break;
        case ISA_FLOW_JUMP:
            next = sh->target;
            break;
        case ISA_FLOW_INDIRECT_CALL:
            if (s->cdepth < 64)
                s->cstack[s->cdepth++] = sh->fallthrough;
            /* fall through */
        case ISA_FLOW_INDIRECT:
            next = sh->itargets[rnd(s) % sh->nitargets];
            trace_indirect(s->w, next);
            break;
        case ISA_FLOW_RETURN:
            next = s->cdepth ? s->cstack[--s->cdepth] : sh->itargets[0];
            trace_indirect(s->w, next);
            break;
        case ISA_FLOW_XRET:
            next = s->edepth ? s->estack[--s->edepth] : sh->itargets[0];
            trace_indirect(s->w, next);
            break;
        default:
            break;
        }
        b.target = next;
        res->insns += sh->ninsns;
        if (sh->kind == ISA_FLOW_TRAP && s->edepth < MAX_DEPTH)
            b.target = 0;   /* the reader does not know it before the event */
        logit(s, &b);

        if (sh->kind == ISA_FLOW_XRET && (rnd(s) & 1))
            event(s, TRACE_EV_EXC_RETURN, pc + sh->size - 4, 0, next, sh->ninsns);
        if (sh->kind == ISA_FLOW_TRAP && s->edepth < MAX_DEPTH) {
            uint64_t vec = vector(rnd(s));
            event(s, TRACE_EV_EXCEPTION, pc + sh->size - 4, 11, vec, sh->ninsns);
            s->estack[s->edepth++] = sh->fallthrough;
            next = vec;
        }
        /* the idle loop waits a while, then an interrupt arrives */
        if (pc == IDLE_PC && idle_left == 0)
            idle_left = 1 + rnd(s) % 300;
        if (pc == IDLE_PC && --idle_left == 0) {
            uint64_t vec = vector(rnd(s));
            event(s, TRACE_EV_INTERRUPT, next, 3, vec, sh->ninsns);
            s->estack[s->edepth < 16 ? s->edepth++ : 15] = label(rnd(s));
            next = vec;
        } else if (pc != IDLE_PC && s->edepth < MAX_DEPTH && rnd(s) % 100000 < c->p_irq) {
            uint64_t vec = vector(rnd(s));
            event(s, TRACE_EV_INTERRUPT, next, 7, vec, sh->ninsns);
            s->estack[s->edepth++] = next;
            next = vec;
        }
        /* translation cache flush: the next time, the code looks different */
        if (rnd(s) % 100000 < c->p_flush) {
            uint64_t victim = (rnd(s) & 1) ? next : label(rnd(s));
            uint32_t slot = (uint32_t)((victim - BASE) / 4);
            if (victim != IDLE_PC && victim != TO_IDLE_PC) {
                s->cache[slot] = 0;
                s->gen[slot]++;
            }
        }
        pc = next;
    }
    if (c->halt_at_end)
        event(s, TRACE_EV_HALT, pc, 0, 0, last_ninsns);

    TraceEnd end = { .insns = res->insns, .blocks = res->blocks, .exit_status = 0,
                     .stop_reason = stop };
    int rc = trace_writer_close(s->w, &end, err, errlen);
    free(s->shapes);
    free(s);
    return rc;
}

void sim_result_free(SimResult *res)
{
    free(res->log);
    free(res->exec);
    free(res->taken);
    free(res->not_taken);
    memset(res, 0, sizeof *res);
}
