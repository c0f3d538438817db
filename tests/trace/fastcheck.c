/*
 * tests/trace/fastcheck.c - the bulk replay (trace_reader_run) against the
 * item-by-item replay (trace_reader_next) on one trace file:
 *
 *   - per-block counts of complete executions (exec, taken, not taken),
 *     blocks cut short, events, end item, return code and recovery record
 *     (blocks, instructions, outcomes, indirect targets, damage offset and
 *     reason) must be identical;
 *   - with every conditional block watched, the sequence of (block, outcome)
 *     callbacks must equal the item-by-item sequence of those blocks (the
 *     input of the MC/DC evaluation vectors, xcov/mcdc/vectors.c);
 *   - the same on damaged copies: the file cut at many offsets, a byte of a
 *     record header flipped, and packets altered inside data records that
 *     are then recompressed (so that only the packet layer is damaged).
 *
 * usage: trace-fastcheck FILE...   exit 0 when all agree, 1 otherwise.
 */
#include "tracer/trace.h"
#include "tracer/trace_format.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zstd.h>

typedef struct Result {
    int rc;
    TraceRecovery rec;
    TraceItem end;
    uint32_t n;                 /* block ids */
    uint64_t *cnt;              /* 3 per id */
    uint64_t partial_hash, event_hash, watch_hash;
    uint64_t npartial, nevents, nwatch;
} Result;

static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
    return h * 0x100000001B3ull;
}

static void grow_counts(Result *res, uint32_t n)
{
    if (n <= res->n)
        return;
    res->cnt = realloc(res->cnt, (size_t)n * 3 * sizeof *res->cnt);
    if (!res->cnt) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    memset(res->cnt + 3 * (size_t)res->n, 0, (size_t)(n - res->n) * 3 * sizeof *res->cnt);
    res->n = n;
}

static void on_partial(void *ctx, const TraceBlockDef *d, uint32_t insns)
{
    Result *res = ctx;
    res->partial_hash = mix(mix(res->partial_hash, d->id), insns);
    res->npartial++;
}

static void on_event(void *ctx, const TraceItem *it)
{
    Result *res = ctx;
    res->event_hash = mix(mix(mix(res->event_hash, it->index), (uint64_t)it->ev_kind),
                          it->ev_target);
    res->nevents++;
}

static void on_watched(void *ctx, uint32_t id, int taken)
{
    Result *res = ctx;
    res->watch_hash = mix(res->watch_hash, (uint64_t)id << 1 | (uint64_t)taken);
    res->nwatch++;
}

static void on_def_watch(void *ctx, TraceReader *r, const TraceBlockDef *d)
{
    (void)ctx;
    if (d->kind == ISA_FLOW_COND)
        trace_reader_watch(r, d->id);
}

static int slow(const uint8_t *data, size_t size, Result *res)
{
    char err[256];
    memset(res, 0, sizeof *res);
    TraceReader *r = trace_reader_open_mem(data, size, NULL, err, sizeof err);
    if (!r)
        return -1;
    TraceItem it;
    int k;
    while ((k = trace_reader_next(r, &it)) == 1) {
        switch (it.kind) {
        case TRACE_ITEM_BLOCK_DEF:
            grow_counts(res, it.def.id + 1);
            break;
        case TRACE_ITEM_BLOCK:
            if (it.partial) {
                on_partial(res, &it.def, it.insns);
                break;
            }
            res->cnt[3 * (size_t)it.def.id]++;
            if (it.taken == 1)
                res->cnt[3 * (size_t)it.def.id + 1]++;
            else if (it.taken == 0)
                res->cnt[3 * (size_t)it.def.id + 2]++;
            if (it.taken >= 0)
                on_watched(res, it.def.id, it.taken);
            break;
        case TRACE_ITEM_COUNTS:
            res->cnt[3 * (size_t)it.def.id] += it.exec;
            res->cnt[3 * (size_t)it.def.id + 1] += it.taken_count;
            res->cnt[3 * (size_t)it.def.id + 2] += it.not_taken_count;
            break;
        case TRACE_ITEM_EVENT:
            on_event(res, &it);
            break;
        case TRACE_ITEM_END:
            res->end = it;
            break;
        }
    }
    res->rc = k;
    res->rec = *trace_reader_recovery(r);
    trace_reader_close(r);
    return 0;
}

static int fast(const uint8_t *data, size_t size, Result *res, bool watch_all)
{
    char err[256];
    memset(res, 0, sizeof *res);
    TraceReader *r = trace_reader_open_mem(data, size, NULL, err, sizeof err);
    if (!r)
        return -1;
    TraceRunOps ops = {
        .def = watch_all ? on_def_watch : NULL,
        .partial = on_partial,
        .watched = on_watched,
        .event = on_event,
    };
    res->rc = trace_reader_run(r, &ops, res, &res->end);
    res->rec = *trace_reader_recovery(r);
    grow_counts(res, trace_reader_nblocks(r));
    for (uint32_t id = 0; id < res->n; id++)
        trace_reader_counts(r, id, &res->cnt[3 * (size_t)id], &res->cnt[3 * (size_t)id + 1],
                            &res->cnt[3 * (size_t)id + 2]);
    trace_reader_close(r);
    return 0;
}

static bool same_rec(const TraceRecovery *a, const TraceRecovery *b)
{
    return a->frames_ok == b->frames_ok && a->bytes_ok == b->bytes_ok &&
           a->raw_bytes == b->raw_bytes && a->blocks == b->blocks && a->insns == b->insns &&
           a->defs == b->defs && a->events == b->events && a->conds == b->conds &&
           a->indirects == b->indirects && a->icache_hits == b->icache_hits &&
           a->end_seen == b->end_seen && a->damaged == b->damaged &&
           a->damage_offset == b->damage_offset && !strcmp(a->reason, b->reason);
}

/* Compare slow and fast on one input; prints the first difference. */
static int check(const char *what, const uint8_t *data, size_t size, unsigned *nchecked)
{
    Result s, f, w;
    if (slow(data, size, &s) != 0)
        return 0;               /* not openable: both refuse the same way */
    if (fast(data, size, &f, false) != 0 || fast(data, size, &w, true) != 0) {
        fprintf(stderr, "%s: bulk replay could not open what the item replay opened\n", what);
        return 1;
    }
    int bad = 0;
    for (int pass = 0; pass < 2; pass++) {
        Result *x = pass ? &w : &f;
        const char *mode = pass ? "watching" : "memo";
        if (x->rc != s.rc || !same_rec(&x->rec, &s.rec)) {
            fprintf(stderr, "%s (%s): rc %d/%d, blocks %llu/%llu, insns %llu/%llu, "
                    "damage at %llu/%llu '%s'/'%s'\n", what, mode, s.rc, x->rc,
                    (unsigned long long)s.rec.blocks, (unsigned long long)x->rec.blocks,
                    (unsigned long long)s.rec.insns, (unsigned long long)x->rec.insns,
                    (unsigned long long)s.rec.damage_offset,
                    (unsigned long long)x->rec.damage_offset, s.rec.reason, x->rec.reason);
            bad = 1;
        }
        if (x->n != s.n || (s.n && memcmp(x->cnt, s.cnt, (size_t)s.n * 3 * sizeof *s.cnt))) {
            for (uint32_t i = 0; i < s.n && i < x->n; i++)
                if (memcmp(x->cnt + 3 * (size_t)i, s.cnt + 3 * (size_t)i, 3 * sizeof *s.cnt)) {
                    fprintf(stderr, "%s (%s): block %u counts %llu/%llu/%llu, bulk "
                            "%llu/%llu/%llu\n", what, mode, i,
                            (unsigned long long)s.cnt[3 * i], (unsigned long long)s.cnt[3 * i + 1],
                            (unsigned long long)s.cnt[3 * i + 2], (unsigned long long)x->cnt[3 * i],
                            (unsigned long long)x->cnt[3 * i + 1],
                            (unsigned long long)x->cnt[3 * i + 2]);
                    break;
                }
            if (x->n != s.n)
                fprintf(stderr, "%s (%s): %u blocks defined, bulk %u\n", what, mode, s.n, x->n);
            bad = 1;
        }
        if (x->partial_hash != s.partial_hash || x->npartial != s.npartial ||
            x->event_hash != s.event_hash || x->nevents != s.nevents ||
            memcmp(&x->end.end, &s.end.end, sizeof s.end.end) ||
            x->end.end_stamp != s.end.end_stamp || x->end.kind != s.end.kind) {
            fprintf(stderr, "%s (%s): partial blocks %llu/%llu, events %llu/%llu or end "
                    "item differ\n", what, mode, (unsigned long long)s.npartial,
                    (unsigned long long)x->npartial, (unsigned long long)s.nevents,
                    (unsigned long long)x->nevents);
            bad = 1;
        }
    }
    if (w.watch_hash != s.watch_hash || w.nwatch != s.nwatch) {
        fprintf(stderr, "%s: conditional exits %llu, watched callbacks %llu (or order differs)\n",
                what, (unsigned long long)s.nwatch, (unsigned long long)w.nwatch);
        bad = 1;
    }
    free(s.cnt);
    free(f.cnt);
    free(w.cnt);
    (*nchecked)++;
    return bad;
}

static uint8_t *load(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *b = malloc(n > 0 ? (size_t)n : 1);
    if (!b || fread(b, 1, (size_t)n, f) != (size_t)n) {
        fclose(f);
        free(b);
        return NULL;
    }
    fclose(f);
    *size = (size_t)n;
    return b;
}

/* Offsets of the data records (record header start). */
static size_t data_records(const uint8_t *b, size_t size, size_t *offs, size_t max)
{
    size_t n = 0, off = TF_PRELUDE_LEN;
    while (off + TF_REC_HDR_LEN <= size && n < max) {
        uint32_t clen = tf_get_le32(b + off + 8);
        if (b[off] == TF_REC_DATA)
            offs[n++] = off;
        off += TF_REC_HDR_LEN + clen;
    }
    return n;
}

/* A copy of the trace whose data record at `off` has raw byte `pos` (modulo
 * its raw length) replaced by `val`, recompressed with a valid header. */
static uint8_t *alter_packet(const uint8_t *b, size_t size, size_t off, size_t pos, int val,
                             size_t *outsize)
{
    uint32_t clen = tf_get_le32(b + off + 8), rlen = tf_get_le32(b + off + 12);
    if (rlen == 0)
        return NULL;
    uint8_t *raw = malloc(rlen);
    size_t cap = ZSTD_compressBound(rlen);
    uint8_t *comp = malloc(cap);
    uint8_t *out = malloc(size + cap + TF_REC_HDR_LEN);
    if (!raw || !comp || !out ||
        ZSTD_decompress(raw, rlen, b + off + TF_REC_HDR_LEN, clen) != rlen)
        goto fail;
    pos %= rlen;
    raw[pos] = val < 0 ? (uint8_t)(raw[pos] ^ (uint8_t)-val) : (uint8_t)val;
    ZSTD_CCtx *cc = ZSTD_createCCtx();
    ZSTD_CCtx_setParameter(cc, ZSTD_c_checksumFlag, 1);
    ZSTD_CCtx_setParameter(cc, ZSTD_c_contentSizeFlag, 1);
    size_t nc = ZSTD_compress2(cc, comp, cap, raw, rlen);
    ZSTD_freeCCtx(cc);
    if (ZSTD_isError(nc))
        goto fail;
    memcpy(out, b, off + TF_REC_HDR_LEN);
    uint8_t *h = out + off;
    h[8] = (uint8_t)nc;
    h[9] = (uint8_t)(nc >> 8);
    h[10] = (uint8_t)(nc >> 16);
    h[11] = (uint8_t)(nc >> 24);
    uint32_t chk = tf_fnv1a(h, 16);
    for (int i = 0; i < 4; i++)
        h[16 + i] = (uint8_t)(chk >> (8 * i));
    memcpy(out + off + TF_REC_HDR_LEN, comp, nc);
    size_t rest = size - (off + TF_REC_HDR_LEN + clen);
    memcpy(out + off + TF_REC_HDR_LEN + nc, b + off + TF_REC_HDR_LEN + clen, rest);
    *outsize = off + TF_REC_HDR_LEN + nc + rest;
    free(raw);
    free(comp);
    return out;
fail:
    free(raw);
    free(comp);
    free(out);
    return NULL;
}

int main(int argc, char **argv)
{
    int bad = 0;
    if (argc < 2) {
        fprintf(stderr, "usage: trace-fastcheck FILE...\n");
        return 1;
    }
    for (int a = 1; a < argc; a++) {
        size_t size;
        uint8_t *b = load(argv[a], &size);
        unsigned n = 0;
        char what[512];
        if (!b) {
            fprintf(stderr, "%s: cannot read\n", argv[a]);
            return 1;
        }
        snprintf(what, sizeof what, "%s", argv[a]);
        bad |= check(what, b, size, &n);
        /* cut at 64 offsets spread over the file, and just before the end */
        for (unsigned k = 1; k <= 64; k++) {
            size_t cut = size * k / 65;
            snprintf(what, sizeof what, "%s cut at %zu", argv[a], cut);
            bad |= check(what, b, cut, &n);
        }
        for (size_t k = 1; k <= 3 && k < size; k++) {
            snprintf(what, sizeof what, "%s cut at %zu", argv[a], size - k);
            bad |= check(what, b, size - k, &n);
        }
        /* packets altered inside data records (first, middle, last) */
        size_t offs[4096];
        size_t nrec = data_records(b, size, offs, 4096);
        static const int vals[] = { 0x00, 0x81, 0x41, 0x06, -0x01, -0x80, 0x04, 0x03 };
        for (size_t q = 0; q < 3 && nrec; q++) {
            size_t off = offs[q == 0 ? 0 : q == 1 ? nrec / 2 : nrec - 1];
            uint32_t rlen = tf_get_le32(b + off + 12);
            for (unsigned k = 0; k < 24; k++) {
                size_t osz;
                size_t pos = (size_t)rlen * (k + 1) / 25 + k;
                uint8_t *x = alter_packet(b, size, off, pos, vals[k % 8], &osz);
                if (!x)
                    continue;
                snprintf(what, sizeof what, "%s record at %zu byte %zu altered", argv[a], off,
                         pos % (rlen ? rlen : 1));
                bad |= check(what, x, osz, &n);
                free(x);
            }
        }
        /* a record header byte flipped */
        if (nrec) {
            uint8_t *x = malloc(size);
            memcpy(x, b, size);
            x[offs[nrec / 2] + 9] ^= 0x10;
            snprintf(what, sizeof what, "%s record header flipped", argv[a]);
            bad |= check(what, x, size, &n);
            free(x);
        }
        printf("%s: %u variants, bulk replay %s\n", argv[a], n, bad ? "DIFFERS" : "identical");
        free(b);
    }
    return bad;
}
