/* xcov/mcdc/mcdc.c — decision coverage and MC/DC independence pairs (coverage-semantics §1).
 * The definitions live once, in report/decision.c (cov_mcdc_pairs), shared with the report
 * model and the consolidation database; this adapts the SCO tree and DmapVector to it. */
#include "dmap.h"

#include <stdlib.h>
#include <string.h>

#include "report/report.h"

void dmap_mcdc(const ScoDecision *d, const DmapVector *vec, int n, DmapMcdc *out)
{
    int nc = d->nconds;
    memset(out, 0, sizeof *out);
    for (int i = 0; i < n; i++) {
        if (vec[i].outcome == 'T')
            out->outcome_true = 1;
        else
            out->outcome_false = 1;
    }
    if (nc > DMAP_MAX_CONDS || n < 2)
        return;
    CovDecNode *nodes = malloc(((size_t)d->nnodes + 1) * sizeof *nodes);
    for (int k = 0; k < d->nnodes; k++) {
        const ScoNode *s = &d->nodes[k];
        nodes[k] = (CovDecNode){s->kind == SCO_NODE_COND  ? 'c'
                                : s->kind == SCO_NODE_AND ? '&'
                                : s->kind == SCO_NODE_OR  ? '|' : '!',
                                {s->child[0], s->child[1]}, s->cond};
    }
    const char **vals = malloc((size_t)n * sizeof *vals);
    char *outc = malloc((size_t)n);
    int uc[DMAP_MAX_CONDS][2], mk[DMAP_MAX_CONDS][2];
    if (!nodes || !vals || !outc)
        abort();
    for (int i = 0; i < n; i++) {
        vals[i] = vec[i].values;
        outc[i] = vec[i].outcome;
    }
    cov_mcdc_pairs(nodes, d->root, (unsigned)nc, vals, outc, (unsigned)n, uc, mk);
    for (int c = 0; c < nc; c++) {
        if (uc[c][0] >= 0)
            out->uc |= 1ull << c;
        if (mk[c][0] >= 0)
            out->mask |= 1ull << c;
    }
    free(nodes);
    free(vals);
    free(outc);
}
