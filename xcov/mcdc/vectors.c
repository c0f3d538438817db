/* xcov/mcdc/vectors.c — evaluation vectors from a history trace (coverage-semantics §5).
 *
 * Every executed conditional block whose last instruction is a mapped decision branch
 * advances that decision's evaluation: the entry branch opens one (a stack, since a
 * condition may call a function that evaluates the same decision recursively), each branch
 * sets its condition's value from the direction taken, and a direction leading to an outcome
 * closes the evaluation and counts its vector. */
#include "dmap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tracer/trace.h"

#define EVAL_DEPTH 64

typedef struct Key {
    uint64_t end;                /* address after the branch instruction */
    int dec, br;
} Key;

typedef struct Eval {
    int expect;                  /* branch index expected next */
    char values[DMAP_MAX_CONDS + 1];
} Eval;

typedef struct DecVec {
    DmapVector *v;
    int n, cap;
    Eval stack[EVAL_DEPTH];
    int top;
    uint64_t anomalies;
} DecVec;

struct DmapVectors {
    const DmapFile *map;
    Key *keys;
    size_t nkeys;
    DecVec *dec;
};

static int key_cmp(const void *a, const void *b)
{
    uint64_t x = ((const Key *)a)->end, y = ((const Key *)b)->end;
    return x < y ? -1 : x > y;
}

DmapVectors *dmap_vectors_new(const DmapFile *m)
{
    DmapVectors *v = calloc(1, sizeof *v);
    if (!v)
        return NULL;
    v->map = m;
    int n = dmap_count(m);
    v->dec = calloc((size_t)n + 1, sizeof *v->dec);
    size_t nk = 0;
    for (int i = 0; i < n; i++)
        if (dmap_decision(m, i)->status == DMAP_MAPPED)
            nk += (size_t)dmap_decision(m, i)->nbranches;
    v->keys = calloc(nk + 1, sizeof *v->keys);
    if (!v->dec || !v->keys) {
        dmap_vectors_free(v);
        return NULL;
    }
    for (int i = 0; i < n; i++) {
        const DmapDecision *d = dmap_decision(m, i);
        if (d->status != DMAP_MAPPED)
            continue;
        for (int k = 0; k < d->nbranches; k++) {
            v->keys[v->nkeys].end = d->branches[k].addr + d->branches[k].len;
            v->keys[v->nkeys].dec = i;
            v->keys[v->nkeys].br = k;
            v->nkeys++;
        }
    }
    qsort(v->keys, v->nkeys, sizeof *v->keys, key_cmp);
    return v;
}

void dmap_vectors_free(DmapVectors *v)
{
    if (!v)
        return;
    if (v->dec)
        for (int i = 0; i < dmap_count(v->map); i++)
            free(v->dec[i].v);
    free(v->dec);
    free(v->keys);
    free(v);
}

static void record(DecVec *dv, const char *values, char outcome)
{
    for (int i = 0; i < dv->n; i++)
        if (dv->v[i].outcome == outcome && !strcmp(dv->v[i].values, values)) {
            dv->v[i].count++;
            return;
        }
    if (dv->n == dv->cap) {
        int nc = dv->cap ? 2 * dv->cap : 8;
        DmapVector *n = realloc(dv->v, (size_t)nc * sizeof *n);
        if (!n)
            return;
        dv->v = n;
        dv->cap = nc;
    }
    DmapVector *x = &dv->v[dv->n++];
    memset(x, 0, sizeof *x);
    strcpy(x->values, values);
    x->outcome = outcome;
    x->count = 1;
}

static void step(DmapVectors *v, int di, int bi, int taken)
{
    const DmapDecision *d = dmap_decision(v->map, di);
    const DmapBranch *b = &d->branches[bi];
    DecVec *dv = &v->dec[di];
    if (b->entry) {
        if (dv->top == EVAL_DEPTH) {
            dv->anomalies++;
            return;
        }
        Eval *e = &dv->stack[dv->top++];
        memset(e->values, '-', (size_t)d->sco->nconds);
        e->values[d->sco->nconds] = 0;
        e->expect = bi;
    }
    if (!dv->top || dv->stack[dv->top - 1].expect != bi) {
        dv->anomalies++;
        return;
    }
    Eval *e = &dv->stack[dv->top - 1];
    e->values[b->cond] = (taken != 0) == (b->taken_true != 0) ? 'T' : 'F';
    int next = b->succ[taken != 0];
    if (next >= 0) {
        e->expect = next;
        return;
    }
    if (next == DMAP_OUT_T || next == DMAP_OUT_F)
        record(dv, e->values, next == DMAP_OUT_T ? 'T' : 'F');
    else
        dv->anomalies++;
    dv->top--;
}

/* First key whose end is >= END. */
static size_t key_lower(const DmapVectors *v, uint64_t end)
{
    size_t lo = 0, hi = v->nkeys;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (v->keys[mid].end < end)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

void dmap_vectors_branch(DmapVectors *v, uint64_t end, int taken)
{
    for (size_t k = key_lower(v, end); k < v->nkeys && v->keys[k].end == end; k++)
        step(v, v->keys[k].dec, v->keys[k].br, taken);
}

int dmap_vectors_watches(const DmapVectors *v, uint64_t end)
{
    size_t k = key_lower(v, end);
    return k < v->nkeys && v->keys[k].end == end;
}

void dmap_vectors_feed(DmapVectors *v, const TraceItem *it)
{
    if (it->kind != TRACE_ITEM_BLOCK || it->partial || it->taken < 0 || !v->nkeys)
        return;
    dmap_vectors_branch(v, it->def.pc + it->def.size, it->taken);
}

int dmap_vectors_trace(DmapVectors *v, const char *path, char *err, size_t errlen)
{
    TraceReader *r = trace_reader_open(path, NULL, err, errlen);
    if (!r)
        return -1;
    if (trace_reader_info(r)->mode != TRACE_MODE_HISTORY) {
        snprintf(err, errlen, "%s: a history trace is needed for MC/DC (this one is flat)",
                 path);
        trace_reader_close(r);
        return -1;
    }
    TraceItem it;
    int k;
    while ((k = trace_reader_next(r, &it)) == 1)
        dmap_vectors_feed(v, &it);
    if (k < 0) {
        snprintf(err, errlen, "%s: %s", path, trace_reader_recovery(r)->reason[0] ?
                 trace_reader_recovery(r)->reason : "trace ends without its end record");
        trace_reader_close(r);
        return -1;
    }
    trace_reader_close(r);
    return 0;
}

int dmap_vector_count(const DmapVectors *v, int i)
{
    return v->dec[i].n;
}

const DmapVector *dmap_vector(const DmapVectors *v, int i, int k)
{
    return &v->dec[i].v[k];
}

uint64_t dmap_vectors_anomalies(const DmapVectors *v, int i)
{
    return v->dec[i].anomalies;
}
