/* Host-side evaluation-vector log for the decision corpus (the MC/DC oracle).
 *
 * instrument.py rewrites a corpus program from its SCOs: each decision becomes
 * XV_D("LINE:COL", NCONDS, (expr)) and each condition XV_C("LINE:COL", K, (cond)), LINE:COL
 * being where the decision starts.  Built with -DXCOV_HOST_LOG, every evaluation of a
 * decision prints one line to stdout:
 *     LINE:COL VALUES -> OUTCOME
 * VALUES has one character per condition in source order: T or F when evaluated, - when
 * short-circuited; OUTCOME is T or F.  Example: `12:9 TF- -> F`.
 * Without XCOV_HOST_LOG the macros are the identity, so the instrumented copy behaves as
 * the original. */
#ifndef XCOV_DECISIONS_VECTORS_H
#define XCOV_DECISIONS_VECTORS_H

#ifdef XCOV_HOST_LOG
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XV_MAX_CONDS 64
#define XV_MAX_DEPTH 128

struct xv_eval {
    const char *id;
    int n;
    char v[XV_MAX_CONDS + 1];
};

static struct xv_eval xv_stack[XV_MAX_DEPTH];
static int xv_top;

/* innermost open evaluation of decision ID (decisions nest through conditions) */
static inline struct xv_eval *xv_find(const char *id)
{
    for (int i = xv_top - 1; i >= 0; i--)
        if (!strcmp(xv_stack[i].id, id))
            return &xv_stack[i];
    fprintf(stderr, "vectors.h: condition of %s outside its decision\n", id);
    abort();
}

static inline int xv_begin(const char *id, int n)
{
    if (xv_top == XV_MAX_DEPTH || n > XV_MAX_CONDS) {
        fprintf(stderr, "vectors.h: %s: too deep or too many conditions\n", id);
        abort();
    }
    struct xv_eval *e = &xv_stack[xv_top++];
    e->id = id;
    e->n = n;
    memset(e->v, '-', (size_t)n);
    e->v[n] = 0;
    return 0;
}

static inline int xv_cond(const char *id, int k, int v)
{
    struct xv_eval *e = xv_find(id);
    e->v[k - 1] = v ? 'T' : 'F';
    return v;
}

static inline int xv_end(const char *id, int out)
{
    struct xv_eval *e = xv_find(id);
    printf("%s %s -> %c\n", id, e->v, out ? 'T' : 'F');
    xv_top = (int)(e - xv_stack);        /* pop it (and anything left above it) */
    return out;
}

#define XV_D(id, n, e) (xv_begin(id, n), xv_end(id, !!(e)))
#define XV_C(id, k, c) xv_cond(id, k, !!(c))
#else
#define XV_D(id, n, e) (e)
#define XV_C(id, k, c) (c)
#endif

#endif
