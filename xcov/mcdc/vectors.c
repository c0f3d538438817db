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
    /* the branch, resolved once (dmap_vectors_new): one step reads only this */
    uint64_t bit;                /* 1 << its condition */
    uint64_t valbit[2];          /* by direction (not taken, taken): bit if it means True */
    int succ[2];                 /* DmapBranch.succ */
    int entry, nconds;
    int last;                    /* the next key has another end */
} Key;

typedef struct Eval {
    int expect;                  /* branch index expected next */
    uint64_t set, val;           /* bit c: condition c evaluated / evaluated True */
} Eval;

/* A decision of at most DIRECT_CONDS conditions finds its vectors by direct
 * index (set, val, outcome) -> index + 1: a completed evaluation costs one
 * load instead of a scan or a hash probe. */
#define DIRECT_CONDS 6

typedef struct DecVec {
    DmapVector *v;
    uint64_t *mset, *mval;       /* the vectors as bit masks (compared by record) */
    uint32_t *tab;               /* hash of the vectors: index + 1, 0 = empty */
    uint32_t tabcap;             /* power of two, > 2 n */
    uint32_t *direct;            /* DIRECT_CONDS or fewer conditions: see above */
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
            v->keys[v->nkeys].bit = (uint64_t)1 << d->branches[k].cond;
            v->keys[v->nkeys].succ[0] = d->branches[k].succ[0];
            v->keys[v->nkeys].succ[1] = d->branches[k].succ[1];
            v->keys[v->nkeys].entry = d->branches[k].entry;
            v->keys[v->nkeys].valbit[d->branches[k].taken_true != 0] =
                (uint64_t)1 << d->branches[k].cond;
            v->keys[v->nkeys].nconds = d->sco->nconds;
            v->nkeys++;
        }
        if (d->sco->nconds <= DIRECT_CONDS) {
            v->dec[i].direct = calloc((size_t)1 << (2 * d->sco->nconds + 1), sizeof(uint32_t));
            if (!v->dec[i].direct) {
                dmap_vectors_free(v);
                return NULL;
            }
        }
    }
    qsort(v->keys, v->nkeys, sizeof *v->keys, key_cmp);
    for (size_t k = 0; k < v->nkeys; k++)
        v->keys[k].last = k + 1 == v->nkeys || v->keys[k + 1].end != v->keys[k].end;
    return v;
}

void dmap_vectors_free(DmapVectors *v)
{
    if (!v)
        return;
    if (v->dec)
        for (int i = 0; i < dmap_count(v->map); i++) {
            free(v->dec[i].v);
            free(v->dec[i].mset);
            free(v->dec[i].mval);
            free(v->dec[i].tab);
            free(v->dec[i].direct);
        }
    free(v->dec);
    free(v->keys);
    free(v);
}

static uint32_t vec_hash(uint64_t set, uint64_t val, char outcome)
{
    uint64_t h = set * 0x9E3779B97F4A7C15ull ^ val * 0xC2B2AE3D27D4EB4Full ^ (uint64_t)outcome;
    return (uint32_t)(h ^ h >> 31);
}

static inline uint32_t *direct_slot(DecVec *dv, const Eval *e, int nconds, char outcome)
{
    return &dv->direct[e->set | e->val << nconds | (uint64_t)(outcome == 'T') << 2 * nconds];
}

/* Out of line: the common case (a vector seen before, few conditions) is
 * counted by step itself, which then saves fewer registers. */
static __attribute__((noinline)) void record(DecVec *dv, const Eval *e, int nconds,
                                             char outcome)
{
    uint32_t h = 0, *slot = dv->direct ? direct_slot(dv, e, nconds, outcome) : NULL;
    if (dv->n <= 8 && !slot) {            /* a short scan costs less than hashing */
        for (int i = 0; i < dv->n; i++)
            if (dv->mset[i] == e->set && dv->mval[i] == e->val && dv->v[i].outcome == outcome) {
                dv->v[i].count++;
                return;
            }
        if (dv->tab)
            for (h = vec_hash(e->set, e->val, outcome) & (dv->tabcap - 1); dv->tab[h];
                 h = (h + 1) & (dv->tabcap - 1))
                ;
    } else if (dv->tab) {
        h = vec_hash(e->set, e->val, outcome) & (dv->tabcap - 1);
        for (uint32_t k; (k = dv->tab[h]) != 0; h = (h + 1) & (dv->tabcap - 1))
            if (dv->mset[k - 1] == e->set && dv->mval[k - 1] == e->val &&
                dv->v[k - 1].outcome == outcome) {
                dv->v[k - 1].count++;
                return;
            }
    }
    if (2 * ((uint32_t)dv->n + 1) > dv->tabcap) {
        uint32_t nc = dv->tabcap ? 2 * dv->tabcap : 16;
        uint32_t *t = calloc(nc, sizeof *t);
        if (!t)
            return;
        for (int i = 0; i < dv->n; i++) {
            uint32_t x = vec_hash(dv->mset[i], dv->mval[i], dv->v[i].outcome) & (nc - 1);
            while (t[x])
                x = (x + 1) & (nc - 1);
            t[x] = (uint32_t)i + 1;
        }
        free(dv->tab);
        dv->tab = t;
        dv->tabcap = nc;
        h = vec_hash(e->set, e->val, outcome) & (nc - 1);
        while (t[h])
            h = (h + 1) & (nc - 1);
    }
    if (dv->n == dv->cap) {
        int nc = dv->cap ? 2 * dv->cap : 8;
        DmapVector *n = realloc(dv->v, (size_t)nc * sizeof *n);
        uint64_t *ms = n ? realloc(dv->mset, (size_t)nc * sizeof *ms) : NULL;
        if (n)
            dv->v = n;
        if (ms)
            dv->mset = ms;
        uint64_t *mv = ms ? realloc(dv->mval, (size_t)nc * sizeof *mv) : NULL;
        if (!mv)
            return;
        dv->mval = mv;
        dv->cap = nc;
    }
    DmapVector *x = &dv->v[dv->n];
    memset(x, 0, sizeof *x);
    for (int c = 0; c < nconds; c++)
        x->values[c] = !(e->set >> c & 1) ? '-' : (e->val >> c & 1) ? 'T' : 'F';
    x->outcome = outcome;
    x->count = 1;
    dv->mset[dv->n] = e->set;
    dv->mval[dv->n] = e->val;
    dv->tab[h] = (uint32_t)++dv->n;
    if (slot)
        *slot = (uint32_t)dv->n;
}

static inline __attribute__((always_inline)) void step(DmapVectors *v, const Key *key,
                                                      int taken)
{
    int bi = key->br;
    DecVec *dv = &v->dec[key->dec];
    if (key->entry) {
        if (dv->top == EVAL_DEPTH) {
            dv->anomalies++;
            return;
        }
        Eval *e = &dv->stack[dv->top++];
        e->set = e->val = 0;
        e->expect = bi;
    }
    if (!dv->top || dv->stack[dv->top - 1].expect != bi) {
        dv->anomalies++;
        return;
    }
    Eval *e = &dv->stack[dv->top - 1];
    uint64_t bit = key->bit;
    e->set |= bit;
    e->val = (e->val & ~bit) | key->valbit[taken != 0];
    int next = key->succ[taken != 0];
    if (next >= 0) {
        e->expect = next;
        return;
    }
    /* the evaluation closes: popped first (E stays readable, record opens
     * none) so that record is the last call */
    dv->top--;
    if (next == DMAP_OUT_T || next == DMAP_OUT_F) {
        char outcome = next == DMAP_OUT_T ? 'T' : 'F';
        uint32_t *slot = dv->direct ? direct_slot(dv, e, key->nconds, outcome) : NULL;
        if (slot && *slot)
            dv->v[*slot - 1].count++;
        else
            record(dv, e, key->nconds, outcome);
    } else
        dv->anomalies++;
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
    size_t k = key_lower(v, end);
    if (k < v->nkeys && v->keys[k].end == end)
        dmap_vectors_branch_at(v, (int)k, taken);
}

int dmap_vectors_find(const DmapVectors *v, uint64_t end)
{
    size_t k = key_lower(v, end);
    return k < v->nkeys && v->keys[k].end == end ? (int)k : -1;
}

/* Several decisions sharing a branch end (rare): out of line, so that the
 * common single step saves no registers. */
static __attribute__((noinline)) void branch_keys(DmapVectors *v, const Key *k, int taken)
{
    for (;; k++) {
        step(v, k, taken);
        if (k->last)
            break;
    }
}

void dmap_vectors_branch_at(DmapVectors *v, int key, int taken)
{
    const Key *k = &v->keys[key];
    if (k->last)
        step(v, k, taken);
    else
        branch_keys(v, k, taken);
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
