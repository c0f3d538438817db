/*
 * tests/unit/tracer/test_tracer.c - writer/reader round trips, determinism,
 * crash safety (truncation, flipped bytes, SIGKILL), reader errors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sim.h"
#include "tracer/trace_format.h"

static char tmpdir[256];

static void tmp_path(char *buf, size_t n, const char *name)
{
    snprintf(buf, n, "%s/%s", tmpdir, name);
}

static uint8_t *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *b = malloc((size_t)n + 1);
    assert_non_null(b);
    assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return b;
}

/* Read everything from r and compare with the simulator's log.  Returns
 * the number of log entries matched; *mismatch is set when an item differs
 * (the replay must always be a prefix of the truth). */
static size_t compare_replay(TraceReader *r, const SimResult *res, int *rc_out, bool *mismatch,
                             TraceItem *end)
{
    TraceItem it;
    size_t i = 0;
    int rc;
    *mismatch = false;
    while ((rc = trace_reader_next(r, &it)) == 1) {
        if (it.kind == TRACE_ITEM_END) {
            if (end)
                *end = it;
            continue;
        }
        if (i >= res->nlog) {
            *mismatch = true;
            break;
        }
        const SimExp *e = &res->log[i];
        bool ok;
        switch (it.kind) {
        case TRACE_ITEM_BLOCK_DEF:
            ok = e->kind == SIM_DEF && e->id == it.def.id && e->pc == it.def.pc &&
                 e->insns == it.def.ninsns && e->target == it.def.taken_target;
            break;
        case TRACE_ITEM_BLOCK:
            ok = e->kind == SIM_BLOCK && e->id == it.def.id && e->pc == it.def.pc &&
                 e->insns == it.insns && e->partial == it.partial && e->taken == it.taken &&
                 (!it.next_known || e->target == it.next_pc);
            break;
        case TRACE_ITEM_EVENT:
            ok = e->kind == SIM_EVENT && e->ev_kind == it.ev_kind && e->pc == it.ev_pc &&
                 e->target == it.ev_target && e->insns == it.ev_retired;
            break;
        default:
            ok = false;
            break;
        }
        if (!ok) {
            fprintf(stderr, "mismatch at log entry %zu of %zu (item kind %d, expected kind %d): "
                    "id %u/%u pc %llx/%llx insns %u/%u partial %d/%d taken %d/%d\n", i,
                    res->nlog, it.kind, e->kind, it.def.id, e->id,
                    (unsigned long long)it.def.pc, (unsigned long long)e->pc, it.insns, e->insns,
                    it.partial, e->partial, it.taken, e->taken);
            *mismatch = true;
            break;
        }
        i++;
    }
    *rc_out = rc;
    return i;
}

static void print_figures(const char *what, const char *path, TraceReader *r)
{
    struct stat st;
    const TraceRecovery *rc = trace_reader_recovery(r);
    assert_int_equal(stat(path, &st), 0);
    printf("# %s: %llu blocks, %llu insns, %llu conds, %llu indirect (%llu cached), "
           "%llu defs, %llu events, %llu frames, file %lld bytes, raw %llu bytes\n"
           "#   %.3f bits/cond branch, %.4f bytes/block, ratio %.2f\n",
           what, (unsigned long long)rc->blocks, (unsigned long long)rc->insns,
           (unsigned long long)rc->conds, (unsigned long long)rc->indirects,
           (unsigned long long)rc->icache_hits, (unsigned long long)rc->defs,
           (unsigned long long)rc->events, (unsigned long long)rc->frames_ok,
           (long long)st.st_size, (unsigned long long)rc->raw_bytes,
           rc->conds ? 8.0 * (double)st.st_size / (double)rc->conds : 0.0,
           rc->blocks ? (double)st.st_size / (double)rc->blocks : 0.0,
           st.st_size ? (double)rc->raw_bytes / (double)st.st_size : 0.0);
}

static void history_roundtrip(uint64_t seed, uint64_t nblocks, uint32_t frame_size, bool halt,
                              const char *label)
{
    char path[512], err[256];
    SimConfig c;
    SimResult res;
    int rc, st;
    bool mismatch;
    TraceItem end;

    tmp_path(path, sizeof path, "hist.trace");
    sim_default_config(&c, seed, nblocks, TRACE_MODE_HISTORY);
    c.frame_size = frame_size;
    c.halt_at_end = halt;
    assert_int_equal(sim_run(&c, path, &res, err, sizeof err), 0);

    TraceReader *r = trace_reader_open(path, &st, err, sizeof err);
    assert_non_null(r);
    assert_int_equal(trace_reader_info(r)->mode, TRACE_MODE_HISTORY);
    assert_string_equal(trace_reader_info(r)->isa, "riscv32");
    assert_string_equal(trace_reader_info(r)->board, "sim");
    assert_int_equal(trace_reader_info(r)->argc, 3);
    assert_string_equal(trace_reader_info(r)->argv[2], "sim.elf");
    memset(&end, 0, sizeof end);
    size_t n = compare_replay(r, &res, &rc, &mismatch, &end);
    if (rc != 0)
        fprintf(stderr, "reader: %s\n", trace_reader_recovery(r)->reason);
    assert_int_equal(rc, 0);
    assert_false(mismatch);
    assert_int_equal(n, res.nlog);
    const TraceRecovery *rec = trace_reader_recovery(r);
    assert_int_equal(rec->blocks, res.blocks);
    assert_int_equal(rec->insns, res.insns);
    assert_int_equal(end.kind, TRACE_ITEM_END);
    assert_int_equal(end.end.insns, res.insns);
    assert_int_equal(end.end.blocks, res.blocks);
    assert_int_equal(end.end_frames, rec->frames_ok);
    assert_true(rec->end_seen);
    assert_false(rec->damaged);
    print_figures(label, path, r);
    trace_reader_close(r);
    sim_result_free(&res);
}

static void test_history_replay(void **state)
{
    (void)state;
    history_roundtrip(1, 200000, 0, false, "history, 1 MiB frames");
    history_roundtrip(2, 200000, 8192, true, "history, 8 KiB frames");
    history_roundtrip(3, 1, 0, false, "history, one block");
}

/* A busy loop: mostly the same few conditional blocks (compression case). */
static void test_history_loop_figures(void **state)
{
    char path[512], err[256];
    SimConfig c;
    SimResult res;
    (void)state;
    tmp_path(path, sizeof path, "loop.trace");
    sim_default_config(&c, 11, 1000000, TRACE_MODE_HISTORY);
    c.p_exc = 0;
    c.p_irq = 10;
    c.p_flush = 0;
    c.log = false;
    assert_int_equal(sim_run(&c, path, &res, err, sizeof err), 0);
    TraceReader *r = trace_reader_open(path, NULL, err, sizeof err);
    assert_non_null(r);
    TraceItem it;
    int rc;
    while ((rc = trace_reader_next(r, &it)) == 1)
        ;
    assert_int_equal(rc, 0);
    assert_int_equal(trace_reader_recovery(r)->blocks, res.blocks);
    assert_int_equal(trace_reader_recovery(r)->insns, res.insns);
    print_figures("history, random CFG, 1M blocks", path, r);
    trace_reader_close(r);
    sim_result_free(&res);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Cost of the hot path (printed, not asserted: shared machine).  A loop of
 * 3 blocks: a conditional exit (pattern with period 7), a call, a return. */
static void test_hot_path_cost(void **state)
{
    char path[512], err[256];
    const uint64_t n = 30000000;
    volatile uint64_t sink = 0;
    (void)state;
    tmp_path(path, sizeof path, "hot.trace");
    TraceHeader h = { .isa = "riscv32", .mode = TRACE_MODE_HISTORY };
    TraceWriter *w = trace_writer_open(path, &h, err, sizeof err);
    assert_non_null(w);
    uint32_t a = trace_define_block(w, 0x1000, 16, 4, ISA_FLOW_COND, 0x1000, 0x1010);
    uint32_t b = trace_define_block(w, 0x1010, 8, 2, ISA_FLOW_CALL, 0x2000, 0x1018);
    uint32_t c = trace_define_block(w, 0x2000, 4, 1, ISA_FLOW_RETURN, 0, 0x2004);
    uint32_t d = trace_define_block(w, 0x1018, 4, 1, ISA_FLOW_JUMP, 0x1000, 0x101c);
    double t0 = now_s();
    for (uint64_t i = 0; i < n; i++)
        sink += i % 7 != 0;
    double t1 = now_s();
    uint64_t blocks = 0;
    for (uint64_t i = 0; i < n; i++) {
        trace_block_enter(w, a);
        int t = i % 7 != 0;
        trace_cond(w, a, t);
        sink += t;
        blocks++;
        if (!t) {
            trace_block_enter(w, b);
            trace_block_enter(w, c);
            trace_indirect(w, 0x1018);
            trace_block_enter(w, d);
            blocks += 3;
        }
    }
    double t2 = now_s();
    TraceEnd end = { .insns = 0, .stop_reason = TRACE_STOP_EXIT };
    assert_int_equal(trace_writer_close(w, &end, err, sizeof err), 0);
    double per_block = ((t2 - t1) - (t1 - t0)) / (double)blocks * 1e9;
    printf("# hot path: %.2f ns per block over the loop's own cost (%llu blocks, "
           "%.0f M blocks/s traced)\n", per_block, (unsigned long long)blocks,
           (double)blocks / (t2 - t1) / 1e6);
    TraceReader *r = trace_reader_open(path, NULL, err, sizeof err);
    assert_non_null(r);
    TraceItem it;
    int rc;
    while ((rc = trace_reader_next(r, &it)) == 1)
        ;
    assert_int_equal(rc, 0);
    assert_int_equal(trace_reader_recovery(r)->blocks, blocks);
    print_figures("hot loop (cond period 7 + call/return)", path, r);
    trace_reader_close(r);
}

static void test_flat(void **state)
{
    char path[512], err[256];
    SimConfig c;
    SimResult res;
    TraceItem it;
    int rc, counts_items = 0;
    (void)state;
    tmp_path(path, sizeof path, "flat.trace");
    sim_default_config(&c, 5, 300000, TRACE_MODE_FLAT);
    c.flat_period = 50000;
    c.frame_size = 16384;
    c.log = false;
    assert_int_equal(sim_run(&c, path, &res, err, sizeof err), 0);

    TraceReader *r = trace_reader_open(path, NULL, err, sizeof err);
    assert_non_null(r);
    assert_int_equal(trace_reader_info(r)->mode, TRACE_MODE_FLAT);
    uint64_t stamp = 0;
    while ((rc = trace_reader_next(r, &it)) == 1) {
        if (it.kind == TRACE_ITEM_COUNTS) {
            counts_items++;
            assert_true(it.index >= stamp);
            stamp = it.index;
        }
        if (it.kind == TRACE_ITEM_END)
            assert_int_equal(it.end.blocks, res.blocks);
    }
    assert_int_equal(rc, 0);
    assert_true(counts_items > 0);
    assert_int_equal(trace_reader_nblocks(r), res.ndefs);
    assert_int_equal(trace_reader_recovery(r)->blocks, res.blocks);
    for (uint32_t id = 0; id < res.ndefs; id++) {
        uint64_t e, t, nt;
        assert_true(trace_reader_flat_totals(r, id, &e, &t, &nt));
        assert_int_equal(e, res.exec[id]);
        assert_int_equal(t, res.taken[id]);
        assert_int_equal(nt, res.not_taken[id]);
    }
    print_figures("flat", path, r);
    trace_reader_close(r);
    sim_result_free(&res);
}

/* ---- regression: long runs of conditional outcomes across frames -------
 *
 * A guest spinning in a loop of conditional blocks, with a rare timer
 * interrupt (and a rarer exception cutting a block short): almost every
 * frame is filled by BITS64 packets only, so it is closed by the 64th
 * pending outcome (trace__flush_bits64) rather than by a positioned or
 * indirect packet.  The writer used to write those 64 outcomes twice: as
 * SHORTBITS before the closing SYNC of the full frame, then again as a
 * BITS64 of stale zero bits at the start of the next frame, so the replay
 * left the path right after the first frame boundary ("no block defined at
 * pc ...").  The random CFG of sim.c rarely closes a frame that way.
 *
 * Blocks: A 0x1000 cond (t: C, n: B), B 0x1004 cond (t: A, n: C),
 * C 0x100c cond (t: A, n: D), D 0x1018 jump A; handlers I 0x2000 (timer,
 * xret) and X 0x2100 (exception, xret), both return to A. */

enum { CL_A, CL_B, CL_C, CL_D, CL_I, CL_X, CL_N };

typedef struct CondLoopBlock {
    uint64_t pc;
    uint32_t size, ninsns;
    int kind;
    uint64_t taken, fall;
} CondLoopBlock;

static const CondLoopBlock cl_blocks[CL_N] = {
    [CL_A] = { 0x1000, 4, 1, ISA_FLOW_COND, 0x100c, 0x1004 },
    [CL_B] = { 0x1004, 8, 2, ISA_FLOW_COND, 0x1000, 0x100c },
    [CL_C] = { 0x100c, 12, 3, ISA_FLOW_COND, 0x1000, 0x1018 },
    [CL_D] = { 0x1018, 4, 1, ISA_FLOW_JUMP, 0x1000, 0x101c },
    [CL_I] = { 0x2000, 16, 4, ISA_FLOW_XRET, 0, 0x2010 },
    [CL_X] = { 0x2100, 8, 2, ISA_FLOW_XRET, 0, 0x2108 },
};

/* Expected block log entry: block | (taken + 1) << 3 | partial << 5. */
#define CL_ENTRY(b, taken, partial) ((uint8_t)((b) | ((taken) + 1) << 3 | (partial) << 5))

static uint64_t cl_rand(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *s = x;
}

typedef struct CondLoopEvent {
    uint64_t stamp;
    int kind;
    uint32_t retired;
} CondLoopEvent;

static void cond_loop_run(uint64_t seed, uint64_t nblocks, uint32_t frame_size,
                          uint64_t irq_period, uint64_t exc_period, bool history_variants,
                          uint64_t min_frames, const char *label)
{
    char path[512], err[256];
    uint8_t *log = malloc(nblocks + 1);
    CondLoopEvent ev[4096];
    size_t nev = 0;
    uint32_t id[CL_N], ndefs = 0;
    uint64_t rng = seed * 0x9E3779B97F4A7C15ull | 1, insns = 0, blocks = 0;
    uint64_t next_irq = irq_period / 2 + cl_rand(&rng) % irq_period;
    uint64_t next_exc = exc_period ? exc_period / 2 + cl_rand(&rng) % exc_period : UINT64_MAX;
    int cur = CL_A;

    assert_non_null(log);
    for (int i = 0; i < CL_N; i++)
        id[i] = UINT32_MAX;
    tmp_path(path, sizeof path, "condloop.trace");
    TraceHeader h = { .isa = "riscv32", .board = "sim", .mode = TRACE_MODE_HISTORY,
                      .frame_size = frame_size };
    TraceWriter *w = trace_writer_open(path, &h, err, sizeof err);
    assert_non_null(w);

    while (blocks < nblocks) {
        const CondLoopBlock *b = &cl_blocks[cur];
        if (id[cur] == UINT32_MAX) {      /* translated on first use */
            id[cur] = trace_define_block(w, b->pc, b->size, b->ninsns, b->kind, b->taken,
                                         b->fall);
            assert_int_equal(id[cur], ndefs);
            ndefs++;
        }
        if (history_variants)
            trace_block_enter_history(w);
        else
            trace_block_enter(w, id[cur]);
        blocks++;
        /* an exception in the middle of a C block */
        if (cur == CL_C && blocks >= next_exc) {
            next_exc = blocks + exc_period / 2 + cl_rand(&rng) % exc_period;
            log[blocks - 1] = CL_ENTRY(cur, -1, 1);
            insns += 1;
            trace_event(w, TRACE_EV_EXCEPTION, b->pc + 4, 2, cl_blocks[CL_X].pc, 1);
            assert_true(nev < sizeof ev / sizeof ev[0]);
            ev[nev++] = (CondLoopEvent){ blocks, TRACE_EV_EXCEPTION, 1 };
            cur = CL_X;
            continue;
        }
        int next, taken = -1;
        switch (b->kind) {
        case ISA_FLOW_COND:
            /* biased outcomes, with long all-taken / all-not-taken runs */
            taken = (cl_rand(&rng) >> 61) < ((blocks >> 16) & 1 ? 7u : 2u);
            if (history_variants)
                trace_cond_history(w, taken);
            else
                trace_cond(w, id[cur], taken);
            next = cur == CL_A ? (taken ? CL_C : CL_B)
                 : cur == CL_B ? (taken ? CL_A : CL_C)
                 : (taken ? CL_A : CL_D);
            break;
        case ISA_FLOW_XRET:
            trace_indirect(w, cl_blocks[CL_A].pc);
            next = CL_A;
            break;
        default:
            next = CL_A;
            break;
        }
        log[blocks - 1] = CL_ENTRY(cur, taken, 0);
        insns += b->ninsns;
        cur = next;
        if (blocks >= next_irq && cur != CL_I && cur != CL_X) {
            /* timer interrupt between two blocks */
            next_irq = blocks + irq_period / 2 + cl_rand(&rng) % irq_period;
            trace_event(w, TRACE_EV_INTERRUPT, cl_blocks[cur].pc, 7, cl_blocks[CL_I].pc,
                        b->ninsns);
            assert_true(nev < sizeof ev / sizeof ev[0]);
            ev[nev++] = (CondLoopEvent){ blocks, TRACE_EV_INTERRUPT, b->ninsns };
            cur = CL_I;
        }
    }
    TraceEnd end = { .insns = insns, .stop_reason = TRACE_STOP_EXIT };
    assert_int_equal(trace_writer_close(w, &end, err, sizeof err), 0);

    TraceReader *r = trace_reader_open(path, NULL, err, sizeof err);
    assert_non_null(r);
    TraceItem it;
    int rc;
    uint64_t nb = 0, rinsns = 0;
    size_t ne = 0;
    bool seen_end = false;
    while ((rc = trace_reader_next(r, &it)) == 1) {
        if (it.kind == TRACE_ITEM_BLOCK) {
            assert_int_equal(it.index, nb);
            assert_true(nb < blocks);
            int k = -1;
            for (int i = 0; i < CL_N; i++)
                if (id[i] == it.def.id)
                    k = i;
            uint8_t got = CL_ENTRY(k < 0 ? 7 : k, it.taken, it.partial);
            if (got != log[nb])
                fail_msg("%s: block %llu: replayed 0x%02x, executed 0x%02x", label,
                         (unsigned long long)nb, got, log[nb]);
            nb++;
            rinsns += it.insns;
        } else if (it.kind == TRACE_ITEM_EVENT) {
            assert_true(ne < nev);
            assert_int_equal(it.index, ev[ne].stamp);
            assert_int_equal(it.ev_kind, ev[ne].kind);
            assert_int_equal(it.ev_retired, ev[ne].retired);
            ne++;
        } else if (it.kind == TRACE_ITEM_END) {
            seen_end = true;
            assert_int_equal(it.end.insns, insns);
            assert_int_equal(it.end_stamp, blocks);
        }
    }
    if (rc != 0)
        fail_msg("%s: reader: %s", label, trace_reader_recovery(r)->reason);
    const TraceRecovery *rec = trace_reader_recovery(r);
    assert_true(seen_end);
    assert_false(rec->damaged);
    assert_int_equal(nb, blocks);
    assert_int_equal(ne, nev);
    assert_int_equal(rec->blocks, blocks);
    assert_int_equal(rec->insns, insns);
    assert_int_equal(rinsns, insns);
    assert_int_equal(rec->defs, ndefs);
    /* enough frame boundaries for the test to mean something */
    assert_true(rec->frames_ok >= min_frames);
    print_figures(label, path, r);
    trace_reader_close(r);
    free(log);
}

static void test_cond_loop_frames(void **state)
{
    (void)state;
    /* default 1 MiB frames, a timer interrupt every ~2 M blocks (the
     * clint-timer-irq firmware's pattern): several frame boundaries */
    cond_loop_run(1, 30000000, 0, 2100000, 0, false, 3, "cond loop, 1 MiB frames");
    cond_loop_run(2, 24000000, 0, 2100000, 5000000, true, 3,
                  "cond loop, 1 MiB frames, history variants");
    /* tiny frames: hundreds of boundaries, events near some of them */
    cond_loop_run(3, 3000000, 4096, 40000, 70000, false, 50, "cond loop, 4 KiB frames");
    cond_loop_run(4, 3000000, 5000, 3000, 0, true, 50, "cond loop, 5000-byte frames");
}

static void test_determinism(void **state)
{
    char p1[512], p2[512], err[256];
    SimConfig c;
    SimResult res;
    size_t n1, n2;
    (void)state;
    for (int mode = 0; mode < 2; mode++) {
        tmp_path(p1, sizeof p1, "det1.trace");
        tmp_path(p2, sizeof p2, "det2.trace");
        sim_default_config(&c, 42, 150000, (TraceMode)mode);
        c.frame_size = 8192;
        c.flat_period = 20000;
        c.log = false;
        assert_int_equal(sim_run(&c, p1, &res, err, sizeof err), 0);
        sim_result_free(&res);
        assert_int_equal(sim_run(&c, p2, &res, err, sizeof err), 0);
        sim_result_free(&res);
        uint8_t *a = slurp(p1, &n1), *b = slurp(p2, &n2);
        assert_int_equal(n1, n2);
        assert_memory_equal(a, b, n1);
        free(a);
        free(b);
    }
}

/* Offsets where records end, from the raw file (independent of the reader). */
static size_t record_ends(const uint8_t *d, size_t n, size_t *ends, size_t max)
{
    size_t off = TF_PRELUDE_LEN, k = 0;
    while (off + TF_REC_HDR_LEN <= n && k < max) {
        off += TF_REC_HDR_LEN + tf_get_le32(d + off + 8);
        if (off > n)
            break;
        ends[k++] = off;
    }
    return k;
}

static void make_crash_trace(const char *path, SimResult *res, uint64_t seed)
{
    char err[256];
    SimConfig c;
    sim_default_config(&c, seed, 60000, TRACE_MODE_HISTORY);
    c.frame_size = 4096;
    assert_int_equal(sim_run(&c, path, res, err, sizeof err), 0);
}

static void test_truncate(void **state)
{
    char path[512], err[256];
    SimResult res;
    size_t n, ends[4096];
    (void)state;
    tmp_path(path, sizeof path, "trunc.trace");
    make_crash_trace(path, &res, 7);
    uint8_t *d = slurp(path, &n);
    size_t nrec = record_ends(d, n, ends, 4096);
    assert_true(nrec > 10);   /* header, many data frames, end */
    assert_int_equal(ends[nrec - 1], n);

    srand(1234);
    uint64_t prev_blocks = 0;
    for (int t = 0; t < 400; t++) {
        /* half at record boundaries (in order), half at random offsets */
        size_t k = (t & 1) ? (size_t)rand() % n : ends[(size_t)(t / 2) * (nrec - 1) / 200];
        int st, rc;
        bool mismatch;
        uint8_t *copy = malloc(k ? k : 1);
        memcpy(copy, d, k);
        TraceReader *r = trace_reader_open_mem(copy, k, &st, err, sizeof err);
        if (k < ends[0]) {
            assert_null(r);
            assert_true(st == TRACE_ERR_NOT_TRACE || st == TRACE_ERR_DAMAGED);
            free(copy);
            continue;
        }
        assert_non_null(r);
        compare_replay(r, &res, &rc, &mismatch, NULL);
        const TraceRecovery *rec = trace_reader_recovery(r);
        assert_false(mismatch);
        /* complete data frames inside the first k bytes */
        size_t complete = 0;
        for (size_t i = 1; i < nrec - 1; i++)
            complete += ends[i] <= k;
        if (k == n) {
            assert_int_equal(rc, 0);
        } else {
            assert_int_equal(rc, -1);
            assert_true(rec->damaged);
            assert_int_equal(rec->frames_ok, complete);
            assert_true(rec->bytes_ok <= k);
            assert_true(rec->reason[0] != 0);
        }
        if (!(t & 1)) {   /* boundaries in increasing order: more frames, more blocks */
            assert_true(rec->blocks >= prev_blocks);
            prev_blocks = rec->blocks;
        }
        trace_reader_close(r);
        free(copy);
    }
    /* all data frames but no end record: everything is replayed */
    {
        int st, rc;
        bool mismatch;
        TraceReader *r = trace_reader_open_mem(d, ends[nrec - 2], &st, err, sizeof err);
        assert_non_null(r);
        compare_replay(r, &res, &rc, &mismatch, NULL);
        assert_int_equal(rc, -1);
        assert_false(mismatch);
        /* the last block is reported only if its exit was recorded */
        assert_true(res.blocks - trace_reader_recovery(r)->blocks <= 1);
        assert_non_null(strstr(trace_reader_recovery(r)->reason, "without end record"));
        trace_reader_close(r);
    }
    free(d);
    sim_result_free(&res);
}

/* Flat traces cut short: counts recovered are never more than the truth,
 * and every complete frame is read. */
static void test_flat_truncate(void **state)
{
    char path[512], err[256];
    SimConfig c;
    SimResult res;
    size_t n, ends[4096];
    (void)state;
    tmp_path(path, sizeof path, "flat-trunc.trace");
    sim_default_config(&c, 9, 100000, TRACE_MODE_FLAT);
    c.frame_size = 4096;
    c.flat_period = 5000;
    c.log = false;
    assert_int_equal(sim_run(&c, path, &res, err, sizeof err), 0);
    uint8_t *d = slurp(path, &n);
    size_t nrec = record_ends(d, n, ends, 4096);
    assert_true(nrec > 5);
    srand(77);
    for (int t = 0; t < 200; t++) {
        size_t k = ends[0] + (size_t)rand() % (n - ends[0]);
        int st, rc;
        TraceItem it;
        TraceReader *r = trace_reader_open_mem(d, k, &st, err, sizeof err);
        assert_non_null(r);
        while ((rc = trace_reader_next(r, &it)) == 1)
            ;
        assert_int_equal(rc, -1);
        size_t complete = 0;
        for (size_t i = 1; i < nrec - 1; i++)
            complete += ends[i] <= k;
        assert_int_equal(trace_reader_recovery(r)->frames_ok, complete);
        assert_true(trace_reader_recovery(r)->blocks <= res.blocks);
        for (uint32_t id = 0; id < trace_reader_nblocks(r); id++) {
            uint64_t e, tk, nt;
            assert_true(trace_reader_flat_totals(r, id, &e, &tk, &nt));
            assert_true(e <= res.exec[id] && tk <= res.taken[id] && nt <= res.not_taken[id]);
        }
        trace_reader_close(r);
    }
    free(d);
    sim_result_free(&res);
}

static void test_flip(void **state)
{
    char path[512], err[256];
    SimResult res;
    size_t n;
    int detected = 0;
    (void)state;
    tmp_path(path, sizeof path, "flip.trace");
    make_crash_trace(path, &res, 8);
    uint8_t *d = slurp(path, &n);
    uint8_t *copy = malloc(n);
    srand(99);
    for (int t = 0; t < 400; t++) {
        int st, rc;
        bool mismatch;
        memcpy(copy, d, n);
        int nflips = 1 + rand() % 3;
        for (int f = 0; f < nflips; f++)
            copy[(size_t)rand() % n] ^= (uint8_t)(1 + rand() % 255);
        TraceReader *r = trace_reader_open_mem(copy, n, &st, err, sizeof err);
        if (!r) {
            assert_true(st == TRACE_ERR_NOT_TRACE || st == TRACE_ERR_DAMAGED);
            detected++;
            continue;
        }
        compare_replay(r, &res, &rc, &mismatch, NULL);
        /* whatever the reader returns before the damage is the truth */
        assert_false(mismatch);
        if (rc != 0) {
            assert_true(trace_reader_recovery(r)->damaged);
            detected++;
        }
        trace_reader_close(r);
    }
    printf("# flipped bytes: %d of 400 corrupted files detected as damaged\n", detected);
    assert_true(detected >= 390);   /* only flips in unused fields may go unnoticed */
    free(copy);
    free(d);
    sim_result_free(&res);
}

static void test_sigkill(void **state)
{
    char path[512], ref[512], err[256];
    SimConfig c;
    SimResult res;
    (void)state;
    tmp_path(path, sizeof path, "killed.trace");
    tmp_path(ref, sizeof ref, "killed-ref.trace");
    sim_default_config(&c, 21, UINT64_MAX, TRACE_MODE_HISTORY);
    c.frame_size = 4096;
    c.log = false;

    for (int round = 0; round < 3; round++) {
        unlink(path);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            SimResult cres;
            sim_run(&c, path, &cres, err, sizeof err);
            _exit(0);
        }
        /* kill at a different size each round */
        struct stat st;
        off_t target = (off_t)(20000 + 30000 * round);
        for (int i = 0; i < 20000; i++) {
            if (stat(path, &st) == 0 && st.st_size >= target)
                break;
            usleep(500);
        }
        kill(pid, SIGKILL);
        int ws;
        waitpid(pid, &ws, 0);
        assert_true(WIFSIGNALED(ws));

        TraceReader *r = trace_reader_open(path, NULL, err, sizeof err);
        assert_non_null(r);
        TraceItem it;
        int rc;
        while ((rc = trace_reader_next(r, &it)) == 1)
            ;
        const TraceRecovery *rec = trace_reader_recovery(r);
        assert_int_equal(rc, -1);
        assert_true(rec->damaged);
        assert_true(rec->frames_ok >= 1);
        uint64_t replayed = rec->blocks;
        printf("# SIGKILL round %d: recovered %llu frames, %llu blocks; %s\n", round,
               (unsigned long long)rec->frames_ok, (unsigned long long)replayed, rec->reason);
        trace_reader_close(r);

        /* the replay of the killed run is a prefix of the same run completed */
        SimConfig c2 = c;
        c2.nblocks = replayed + 1000;
        c2.log = true;
        assert_int_equal(sim_run(&c2, ref, &res, err, sizeof err), 0);
        r = trace_reader_open(path, NULL, err, sizeof err);
        assert_non_null(r);
        bool mismatch;
        compare_replay(r, &res, &rc, &mismatch, NULL);
        assert_false(mismatch);
        assert_int_equal(trace_reader_recovery(r)->blocks, replayed);
        trace_reader_close(r);
        sim_result_free(&res);
    }
}

static volatile int got_sigterm;

static void on_sigterm(int sig)
{
    (void)sig;
    got_sigterm = 1;
}

/* SIGTERM: the handler sets a flag, the run loop stops at the next block
 * boundary and closes the trace: complete, stop reason "signal". */
static void test_sigterm(void **state)
{
    char path[512], err[256];
    SimConfig c;
    (void)state;
    tmp_path(path, sizeof path, "sigterm.trace");
    unlink(path);
    sim_default_config(&c, 23, UINT64_MAX, TRACE_MODE_HISTORY);
    c.frame_size = 4096;
    c.log = false;
    c.stop_flag = (volatile int *)&got_sigterm;
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        SimResult cres;
        signal(SIGTERM, on_sigterm);
        _exit(sim_run(&c, path, &cres, err, sizeof err) ? 1 : 0);
    }
    struct stat st;
    for (int i = 0; i < 20000; i++) {
        if (stat(path, &st) == 0 && st.st_size >= 30000)
            break;
        usleep(500);
    }
    kill(pid, SIGTERM);
    int ws;
    waitpid(pid, &ws, 0);
    assert_true(WIFEXITED(ws));
    assert_int_equal(WEXITSTATUS(ws), 0);

    TraceReader *r = trace_reader_open(path, NULL, err, sizeof err);
    assert_non_null(r);
    TraceItem it, end;
    int rc;
    memset(&end, 0, sizeof end);
    while ((rc = trace_reader_next(r, &it)) == 1)
        if (it.kind == TRACE_ITEM_END)
            end = it;
    assert_int_equal(rc, 0);
    assert_int_equal(end.end.stop_reason, TRACE_STOP_SIGNAL);
    assert_int_equal(end.end.blocks, trace_reader_recovery(r)->blocks);
    assert_int_equal(end.end.insns, trace_reader_recovery(r)->insns);
    printf("# SIGTERM: complete trace, %llu blocks\n", (unsigned long long)end.end.blocks);
    trace_reader_close(r);
}

/* A hand-written run: idle loop, partial block, nested interrupt, redefinition. */
static void test_scenario(void **state)
{
    char path[512], err[256];
    TraceHeader h = { .isa = "armv7m", .board = "mps2-an385", .mode = TRACE_MODE_HISTORY };
    (void)state;
    tmp_path(path, sizeof path, "scenario.trace");
    TraceWriter *w = trace_writer_open(path, &h, err, sizeof err);
    assert_non_null(w);
    /* A: 0x100 cond -> 0x200 / 0x108; B: 0x108 jump -> 0x108 (idle) */
    uint32_t a = trace_define_block(w, 0x100, 8, 2, ISA_FLOW_COND, 0x200, 0x108);
    trace_block_enter(w, a);
    trace_cond(w, a, 0);
    uint32_t b = trace_define_block(w, 0x108, 2, 1, ISA_FLOW_JUMP, 0x108, 0x10a);
    for (int i = 0; i < 1000; i++)
        trace_block_enter(w, b);
    trace_event(w, TRACE_EV_INTERRUPT, 0x108, 16, 0x400, 1);          /* boundary */
    uint32_t hnd = trace_define_block(w, 0x400, 12, 3, ISA_FLOW_RETURN, 0, 0x40c);
    trace_block_enter(w, hnd);
    trace_event(w, TRACE_EV_EXCEPTION, 0x404, 3, 0x500, 1);           /* partial */
    uint32_t f = trace_define_block(w, 0x500, 4, 1, ISA_FLOW_XRET, 0, 0x504);
    trace_block_enter(w, f);
    trace_indirect(w, 0x404);
    uint32_t h2 = trace_define_block(w, 0x404, 8, 2, ISA_FLOW_RETURN, 0, 0x40c);
    trace_block_enter(w, h2);
    trace_indirect(w, 0x100);
    /* A is rewritten: now a 1-instruction jump to 0x108 */
    uint32_t a2 = trace_define_block(w, 0x100, 4, 1, ISA_FLOW_JUMP, 0x108, 0x104);
    trace_block_enter(w, a2);
    trace_block_enter(w, b);
    trace_event(w, TRACE_EV_HALT, 0x108, 0, 0, 1);
    TraceEnd end = { .insns = 2 + 1000 + 1 + 1 + 2 + 1 + 1, .stop_reason = TRACE_STOP_EXIT };
    assert_int_equal(trace_writer_close(w, &end, err, sizeof err), 0);

    static const char *const expect[] = {
        "D0", "B0:0x100:2:n", "D1", "B1:0x108:1", /* ... 999 more B1 */
    };
    TraceReader *r = trace_reader_open(path, NULL, err, sizeof err);
    assert_non_null(r);
    TraceItem it;
    char buf[64];
    int i = 0, rc;
    uint64_t nb1 = 0;
    char seq[512] = "";
    while ((rc = trace_reader_next(r, &it)) == 1) {
        switch (it.kind) {
        case TRACE_ITEM_BLOCK_DEF: snprintf(buf, sizeof buf, "D%u", it.def.id); break;
        case TRACE_ITEM_BLOCK:
            if (it.def.id == b && nb1++ > 0)
                continue;     /* the idle loop, counted */
            snprintf(buf, sizeof buf, "B%u:0x%llx:%u%s%s", it.def.id,
                     (unsigned long long)it.def.pc, it.insns, it.partial ? ":p" : "",
                     it.taken == 0 ? ":n" : it.taken == 1 ? ":t" : "");
            break;
        case TRACE_ITEM_EVENT: snprintf(buf, sizeof buf, "E%d", it.ev_kind); break;
        case TRACE_ITEM_END: snprintf(buf, sizeof buf, "END"); break;
        default: snprintf(buf, sizeof buf, "?"); break;
        }
        if (i < 4)
            assert_string_equal(buf, expect[i]);
        i++;
        strncat(seq, buf, sizeof seq - strlen(seq) - 2);
        strcat(seq, " ");
    }
    assert_int_equal(rc, 0);
    assert_string_equal(seq, "D0 B0:0x100:2:n D1 B1:0x108:1 E2 D2 B2:0x400:1:p E1 D3 B3:0x500:1 "
                             "D4 B4:0x404:2 D5 B5:0x100:1 E5 END ");
    assert_int_equal(nb1, 1001);
    assert_int_equal(trace_reader_recovery(r)->insns, end.insns);
    trace_reader_close(r);
}

static void test_open_errors(void **state)
{
    char path[512], err[256];
    int st;
    (void)state;
    tmp_path(path, sizeof path, "does-not-exist.trace");
    assert_null(trace_reader_open(path, &st, err, sizeof err));
    assert_int_equal(st, TRACE_ERR_OPEN);
    assert_non_null(strstr(err, "cannot open"));

    tmp_path(path, sizeof path, "not-a-trace.trace");
    FILE *f = fopen(path, "wb");
    fputs("this is not a trace at all, just some text\n", f);
    fclose(f);
    assert_null(trace_reader_open(path, &st, err, sizeof err));
    assert_int_equal(st, TRACE_ERR_NOT_TRACE);
    assert_non_null(strstr(err, "not an emucov trace"));

    assert_null(trace_reader_open_mem("", 0, &st, err, sizeof err));
    assert_int_equal(st, TRACE_ERR_NOT_TRACE);

    uint8_t v2[TF_PRELUDE_LEN] = TF_MAGIC;
    v2[12] = 2;
    assert_null(trace_reader_open_mem(v2, sizeof v2, &st, err, sizeof err));
    assert_int_equal(st, TRACE_ERR_NOT_TRACE);
    assert_non_null(strstr(err, "unsupported trace format 2.0"));

    assert_null(trace_reader_open(tmpdir, &st, err, sizeof err));
    assert_int_equal(st, TRACE_ERR_OPEN);

    TraceHeader h = { .isa = "riscv32", .mode = TRACE_MODE_HISTORY };
    assert_null(trace_writer_open("/nonexistent-dir/x.trace", &h, err, sizeof err));
    assert_non_null(strstr(err, "cannot create"));
    assert_int_equal(trace_writer_close(NULL, NULL, err, sizeof err), 0);

    /* a full disk: clear error, no crash */
    if (access("/dev/full", W_OK) == 0) {
        assert_null(trace_writer_open("/dev/full", &h, err, sizeof err));
        assert_non_null(strstr(err, "No space left"));
    }
    h.mode = (TraceMode)7;
    tmp_path(path, sizeof path, "badmode.trace");
    assert_null(trace_writer_open(path, &h, err, sizeof err));
    assert_non_null(strstr(err, "invalid trace mode"));
}

int main(void)
{
    const char *base = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/emucov-tracer-XXXXXX", base ? base : "/tmp");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scenario),
        cmocka_unit_test(test_history_replay),
        cmocka_unit_test(test_history_loop_figures),
        cmocka_unit_test(test_cond_loop_frames),
        cmocka_unit_test(test_hot_path_cost),
        cmocka_unit_test(test_flat),
        cmocka_unit_test(test_determinism),
        cmocka_unit_test(test_truncate),
        cmocka_unit_test(test_flat_truncate),
        cmocka_unit_test(test_flip),
        cmocka_unit_test(test_sigkill),
        cmocka_unit_test(test_sigterm),
        cmocka_unit_test(test_open_errors),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmpdir);
    return rc;
}
