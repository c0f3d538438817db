/* xcov/mcdc/mcdc.c — decision coverage and MC/DC independence pairs (coverage-semantics §1),
 * the definitions of tests/coverage/decisions/mcdc_oracle.py:
 *  - unique-cause pair for c: different outcomes, c evaluated in both with different values,
 *    every other condition equal or short-circuited ('-') in either vector;
 *  - masking pair for c: the same, except that another condition may differ when it is
 *    masked in at least one of the two vectors: some &&/|| above it has, on its other side,
 *    a subtree whose value is the operator's controlling value (False for &&, True for ||);
 *    short-circuited conditions are masked. */
#include "dmap.h"

#include <string.h>

/* value of an evaluated subtree: 1, 0, or -1 when not evaluated */
static int value(const ScoDecision *d, int node, const char *vals)
{
    const ScoNode *n = &d->nodes[node];
    int a, b;
    switch (n->kind) {
    case SCO_NODE_COND:
        return vals[n->cond] == '-' ? -1 : vals[n->cond] == 'T';
    case SCO_NODE_NOT:
        a = value(d, n->child[0], vals);
        return a < 0 ? -1 : !a;
    case SCO_NODE_AND:
        a = value(d, n->child[0], vals);
        b = value(d, n->child[1], vals);
        if (a == 0 || b == 0)
            return 0;
        return a < 0 || b < 0 ? -1 : 1;
    case SCO_NODE_OR:
        a = value(d, n->child[0], vals);
        b = value(d, n->child[1], vals);
        if (a == 1 || b == 1)
            return 1;
        return a < 0 || b < 0 ? -1 : 0;
    }
    return -1;
}

static void masks(const ScoDecision *d, int node, const char *vals, int masked, char *out)
{
    const ScoNode *n = &d->nodes[node];
    if (n->kind == SCO_NODE_COND) {
        out[n->cond] = masked || vals[n->cond] == '-';
        return;
    }
    if (n->kind == SCO_NODE_NOT) {
        masks(d, n->child[0], vals, masked, out);
        return;
    }
    int ctl = n->kind == SCO_NODE_OR;
    int lv = value(d, n->child[0], vals), rv = value(d, n->child[1], vals);
    masks(d, n->child[0], vals, masked || rv == ctl, out);
    masks(d, n->child[1], vals, masked || lv == ctl, out);
}

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
    if (nc > DMAP_MAX_CONDS)
        return;
    for (int i = 0; i < n; i++) {
        char mi[DMAP_MAX_CONDS];
        masks(d, d->root, vec[i].values, 0, mi);
        for (int j = i + 1; j < n; j++) {
            const char *v1 = vec[i].values, *v2 = vec[j].values;
            char mj[DMAP_MAX_CONDS];
            if (vec[i].outcome == vec[j].outcome)
                continue;
            masks(d, d->root, v2, 0, mj);
            for (int c = 0; c < nc; c++) {
                if (v1[c] == '-' || v2[c] == '-' || v1[c] == v2[c])
                    continue;
                int uc = 1, mk = 1;
                for (int o = 0; o < nc; o++) {
                    if (o == c || v1[o] == v2[o])
                        continue;
                    if (v1[o] != '-' && v2[o] != '-')
                        uc = 0;
                    if (!mi[o] && !mj[o])
                        mk = 0;
                }
                if (uc)
                    out->uc |= 1ull << c;
                if (mk)
                    out->mask |= 1ull << c;
            }
        }
    }
}
