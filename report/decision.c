/* report/decision.c - decision coverage and MC/DC of one CovDecision
 * (docs/coverage-semantics.md §1, the definitions of
 * tests/coverage/decisions/mcdc_oracle.py):
 *  - unique-cause pair for c: different outcomes, c evaluated in both with
 *    different values, every other condition equal or short-circuited ('-')
 *    in either vector;
 *  - masking pair for c: the same, except that another condition may differ
 *    when it is masked in at least one of the two vectors: some &&/|| above
 *    it has, on its other side, a subtree whose value is the operator's
 *    controlling value (False for &&, True for ||); short-circuited
 *    conditions are masked.
 * The engine (per report) and the consolidation database (over the union of
 * the runs' vectors) both call cov_decision_analyse(), so the merged result
 * of several runs is the result over all their vectors by construction. */
#include "report/report.h"

#include <stdlib.h>
#include <string.h>

static const char *const kind_names[] = {
    [COV_DEC_IF] = "if",           [COV_DEC_WHILE] = "while", [COV_DEC_DO_WHILE] = "do-while",
    [COV_DEC_FOR] = "for",         [COV_DEC_TERNARY] = "ternary", [COV_DEC_EXPR] = "expr",
};

const char *cov_decision_kind_name(CovDecisionKind k)
{
    return (unsigned)k < sizeof kind_names / sizeof kind_names[0] ? kind_names[k] : "?";
}

bool cov_decision_kind_parse(const char *s, CovDecisionKind *out)
{
    for (unsigned i = 0; s && i < sizeof kind_names / sizeof kind_names[0]; i++) {
        if (!strcmp(s, kind_names[i])) {
            *out = (CovDecisionKind)i;
            return true;
        }
    }
    return false;
}

const char *cov_decision_state_name(CovDecisionState s)
{
    static const char *const names[] = {"covered", "partially-covered", "not-covered",
                                        "undetermined"};
    return (unsigned)s < sizeof names / sizeof names[0] ? names[s] : "?";
}

/* value of an evaluated subtree: 1, 0, or -1 when not evaluated */
static int value(const CovDecNode *nodes, int node, const char *vals)
{
    const CovDecNode *n = &nodes[node];
    int a, b;
    switch (n->op) {
    case 'c':
        return vals[n->cond] == '-' ? -1 : vals[n->cond] == 'T';
    case '!':
        a = value(nodes, n->child[0], vals);
        return a < 0 ? -1 : !a;
    case '&':
        a = value(nodes, n->child[0], vals);
        b = value(nodes, n->child[1], vals);
        if (a == 0 || b == 0)
            return 0;
        return a < 0 || b < 0 ? -1 : 1;
    default: /* '|' */
        a = value(nodes, n->child[0], vals);
        b = value(nodes, n->child[1], vals);
        if (a == 1 || b == 1)
            return 1;
        return a < 0 || b < 0 ? -1 : 0;
    }
}

/* out[c] = 1 when condition c is masked in the vector vals */
static void masks(const CovDecNode *nodes, int node, const char *vals, int masked, char *out)
{
    const CovDecNode *n = &nodes[node];
    if (n->op == 'c') {
        out[n->cond] = masked || vals[n->cond] == '-';
        return;
    }
    if (n->op == '!') {
        masks(nodes, n->child[0], vals, masked, out);
        return;
    }
    int ctl = n->op == '|';
    int lv = value(nodes, n->child[0], vals), rv = value(nodes, n->child[1], vals);
    masks(nodes, n->child[0], vals, masked || rv == ctl, out);
    masks(nodes, n->child[1], vals, masked || lv == ctl, out);
}

void cov_mcdc_pairs(const CovDecNode *nodes, int root, unsigned nconds,
                    const char *const *vals, const char *outcome, unsigned n,
                    int (*uc)[2], int (*masking)[2])
{
    for (unsigned c = 0; c < nconds; c++)
        uc[c][0] = uc[c][1] = masking[c][0] = masking[c][1] = -1;
    if (!nconds || n < 2 || root < 0)
        return;
    char *m = calloc((size_t)n * nconds, 1);
    if (!m)
        abort();
    for (unsigned i = 0; i < n; i++)
        masks(nodes, root, vals[i], 0, m + (size_t)i * nconds);
    for (unsigned i = 0; i < n; i++) {
        const char *v1 = vals[i], *mi = m + (size_t)i * nconds;
        for (unsigned j = i + 1; j < n; j++) {
            const char *v2 = vals[j], *mj = m + (size_t)j * nconds;
            if (outcome[i] == outcome[j])
                continue;
            for (unsigned c = 0; c < nconds; c++) {
                if (v1[c] == '-' || v2[c] == '-' || v1[c] == v2[c])
                    continue;
                if (uc[c][0] >= 0 && masking[c][0] >= 0)
                    continue;
                int u = 1, mk = 1;
                for (unsigned o = 0; o < nconds && (u || mk); o++) {
                    if (o == c || v1[o] == v2[o])
                        continue;
                    if (v1[o] != '-' && v2[o] != '-')
                        u = 0;
                    if (!mi[o] && !mj[o])
                        mk = 0;
                }
                if (u && uc[c][0] < 0) {
                    uc[c][0] = (int)i;
                    uc[c][1] = (int)j;
                }
                if (mk && masking[c][0] < 0) {
                    masking[c][0] = (int)i;
                    masking[c][1] = (int)j;
                }
            }
        }
    }
    free(m);
}

static int cmp_vec(const void *a, const void *b)
{
    const CovEvalVector *x = a, *y = b;
    int c = strcmp(x->values, y->values);
    return c ? c : (x->outcome > y->outcome) - (x->outcome < y->outcome);
}

void cov_decision_analyse(CovDecision *d, CovLevel level)
{
    if (d->nvectors > 1)
        qsort(d->vectors, d->nvectors, sizeof *d->vectors, cmp_vec);
    d->outcome_true = d->outcome_false = false;
    for (unsigned k = 0; k < d->nvectors; k++) {
        if (d->vectors[k].outcome == 'T')
            d->outcome_true = true;
        else
            d->outcome_false = true;
    }
    const char **vals = malloc((d->nvectors + 1) * sizeof *vals);
    char *outc = malloc(d->nvectors + 1);
    int(*uc)[2] = malloc((d->nconds + 1) * sizeof *uc);
    int(*mk)[2] = malloc((d->nconds + 1) * sizeof *mk);
    if (!vals || !outc || !uc || !mk)
        abort();
    for (unsigned k = 0; k < d->nvectors; k++) {
        vals[k] = d->vectors[k].values;
        outc[k] = d->vectors[k].outcome;
    }
    cov_mcdc_pairs(d->nodes, d->root, d->nconds, vals, outc, d->nvectors, uc, mk);
    bool mcdc = level >= COV_LEVEL_STMT_MCDC, unique = level == COV_LEVEL_STMT_UC_MCDC;
    bool all = true;
    for (unsigned c = 0; c < d->nconds; c++) {
        CovCondition *cd = &d->conds[c];
        memcpy(cd->uc_pair, uc[c], sizeof cd->uc_pair);
        memcpy(cd->masking_pair, mk[c], sizeof cd->masking_pair);
        cd->covered = mcdc && !d->reason && (unique ? uc[c][0] >= 0 : mk[c][0] >= 0);
        all &= cd->covered;
    }
    free(vals);
    free(outc);
    free(uc);
    free(mk);
    if (d->reason)
        d->state = COV_DEC_UNDETERMINED;
    else if (!d->nvectors)
        d->state = COV_DEC_NOT_COVERED;
    else if (d->outcome_true && d->outcome_false && (!mcdc || all))
        d->state = COV_DEC_COVERED;
    else
        d->state = COV_DEC_PARTIAL;
}

void cov_decision_free(CovDecision *d)
{
    if (!d)
        return;
    free(d->reason);
    free(d->nodes);
    for (unsigned c = 0; c < d->nconds; c++) {
        free(d->conds[c].text);
        free(d->conds[c].macro);
    }
    free(d->conds);
    for (unsigned k = 0; k < d->nvectors; k++)
        free(d->vectors[k].values);
    free(d->vectors);
}

void cov_decision_counts_add(CovDecisionCounts *t, const CovDecisionCounts *a)
{
    t->decisions += a->decisions;
    t->covered += a->covered;
    t->partial += a->partial;
    t->not_covered += a->not_covered;
    t->undetermined += a->undetermined;
    t->conditions += a->conditions;
    t->conditions_covered += a->conditions_covered;
    t->conditions_undetermined += a->conditions_undetermined;
}

void cov_decision_count(CovDecisionCounts *t, const CovDecision *d)
{
    t->decisions++;
    t->covered += d->state == COV_DEC_COVERED;
    t->partial += d->state == COV_DEC_PARTIAL;
    t->not_covered += d->state == COV_DEC_NOT_COVERED;
    t->undetermined += d->state == COV_DEC_UNDETERMINED;
    t->conditions += d->nconds;
    for (unsigned c = 0; c < d->nconds; c++)
        t->conditions_covered += d->conds[c].covered;
    if (d->state == COV_DEC_UNDETERMINED)
        t->conditions_undetermined += d->nconds;
}

/* The exemptions of one decision of file fi (see report.h). */
static void decision_exemptions(const CovReport *r, int fi, CovDecision *d)
{
    int reg = -1;
    d->exempt_true = d->exempt_false = -1;
    for (unsigned c = 0; c < d->nconds; c++)
        d->conds[c].exemption = -1;
    for (unsigned k = 0; k < r->nexemptions && reg < 0; k++) {
        const CovExemption *x = &r->exemptions[k];
        if (x->file == fi && x->kind == COV_EXEMPT_REGION && x->first_line <= d->line &&
            d->line <= x->last_line)
            reg = (int)k;
    }
    if (reg >= 0) {
        d->exempt_true = d->exempt_false = reg;
        for (unsigned c = 0; c < d->nconds; c++)
            d->conds[c].exemption = reg;
        return;
    }
    bool mcdc = r->level >= COV_LEVEL_STMT_MCDC;
    for (unsigned k = 0; k < r->nexemptions; k++) {
        const CovExemption *x = &r->exemptions[k];
        if (x->file != fi || x->first_line != d->line)
            continue;
        if (x->kind == COV_EXEMPT_DECISION_TRUE)
            d->exempt_true = (int)k;
        else if (x->kind == COV_EXEMPT_DECISION_FALSE)
            d->exempt_false = (int)k;
        else if (x->kind == COV_EXEMPT_CONDITION && mcdc && x->condition >= 1 &&
                 x->condition <= d->nconds)
            d->conds[x->condition - 1].exemption = (int)k;
    }
}

void cov_report_decision_exemptions(CovReport *r)
{
    for (unsigned fi = 0; fi < r->nfiles; fi++)
        for (unsigned l = 0; l < r->files[fi].nlines; l++) {
            CovLineDecisions *ld = &r->files[fi].lines[l].decisions;
            for (unsigned k = 0; k < ld->n; k++)
                decision_exemptions(r, (int)fi, &ld->v[k]);
        }
}

int cov_violation_exemption(const CovReport *r, int fi, const CovLine *L, const CovViolation *v)
{
    const char *k = v->kind ? v->kind : "";
    int x = -1;
    for (unsigned i = 0; i < L->decisions.n && x < 0; i++) {
        const CovDecision *d = &L->decisions.v[i];
        if (!strcmp(k, "mcdc-independence")) {
            for (unsigned c = 0; c < d->nconds && x < 0; c++)
                if (d->conds[c].line == v->line && d->conds[c].col == v->col)
                    x = d->conds[c].exemption;
            continue;
        }
        if (d->line != v->line || d->col != v->col)
            continue;
        if (!strcmp(k, "decision-outcome-true") || !strcmp(k, "decision-undetermined"))
            x = d->exempt_true;
        else if (!strcmp(k, "decision-outcome-false"))
            x = d->exempt_false;
        else if (!strcmp(k, "mcdc-undetermined") && d->nconds)
            x = d->conds[0].exemption;
    }
    for (unsigned i = 0; i < r->nexemptions && x < 0; i++) {
        const CovExemption *e = &r->exemptions[i];
        if (e->file == fi && e->kind == COV_EXEMPT_REGION && e->first_line <= L->number &&
            L->number <= e->last_line)
            x = (int)i;
    }
    return x >= 0 && (unsigned)x < r->nexemptions ? x : -1;
}
