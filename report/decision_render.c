/* report/decision_render.c - see decision_render.h. */
#include "decision_render.h"

#include <string.h>

static void tree(ReportBuf *b, const CovDecision *d, int node)
{
    if (node < 0 || (unsigned)node >= d->nnodes) {
        report_buf_puts(b, "?");
        return;
    }
    const CovDecNode *n = &d->nodes[node];
    switch (n->op) {
    case 'c':
        report_buf_printf(b, "c%d", n->cond + 1);
        return;
    case '!':
        report_buf_puts(b, "not(");
        tree(b, d, n->child[0]);
        report_buf_putc(b, ')');
        return;
    default:
        report_buf_puts(b, n->op == '&' ? "and(" : "or(");
        tree(b, d, n->child[0]);
        report_buf_putc(b, ',');
        tree(b, d, n->child[1]);
        report_buf_putc(b, ')');
    }
}

void report_decision_tree(ReportBuf *b, const CovDecision *d)
{
    tree(b, d, d->root);
}

const int *report_condition_pair(const CovCondition *c, CovLevel l)
{
    if (l == COV_LEVEL_STMT_UC_MCDC)
        return c->uc_pair;
    if (l == COV_LEVEL_STMT_MCDC)
        return c->masking_pair;
    return NULL;
}

const char *report_pair_kind(CovLevel l)
{
    return l == COV_LEVEL_STMT_UC_MCDC ? "unique-cause"
           : l == COV_LEVEL_STMT_MCDC  ? "masking" : NULL;
}

void report_decision_text(ReportBuf *b, const CovReport *r, const CovDecision *d,
                          unsigned idx, const char *indent)
{
    report_buf_printf(b, "%sdecision %u (%s%s) at %u:%u-%u:%u: %s", indent, idx,
                      cov_decision_kind_name(d->kind), d->from_macro ? ", macro" : "",
                      d->line, d->col, d->end_line, d->end_col,
                      cov_decision_state_name(d->state));
    if (d->reason) {
        report_buf_printf(b, " (%s)\n", d->reason);
    } else {
        report_buf_printf(b, "; outcomes True %s, False %s\n", d->outcome_true ? "yes" : "no",
                          d->outcome_false ? "yes" : "no");
    }
    report_decision_exemptions(b, r, d, indent);
    report_buf_printf(b, "%s  tree ", indent);
    report_decision_tree(b, d);
    report_buf_putc(b, '\n');
    for (unsigned c = 0; c < d->nconds; c++) {
        const CovCondition *cd = &d->conds[c];
        report_buf_printf(b, "%s  condition %u \"%s\" at %u:%u-%u:%u", indent, c + 1,
                          cd->text ? cd->text : "", cd->line, cd->col, cd->end_line,
                          cd->end_col);
        if (cd->macro)
            report_buf_printf(b, " (expansion of %s at %u:%u)", cd->macro, cd->macro_line,
                              cd->macro_col);
        else if (cd->from_macro)
            report_buf_puts(b, " (in a macro expansion)");
        report_buf_putc(b, '\n');
    }
    if (d->reason)
        return;
    if (!d->nvectors) {
        report_buf_printf(b, "%s  no evaluation\n", indent);
        return;
    }
    /* columns: "#", one per condition ("c1", "c12" ...), out, count */
    report_buf_printf(b, "%s  vectors:  %4s", indent, "#");
    for (unsigned c = 0; c < d->nconds; c++)
        report_buf_printf(b, " c%-2u", c + 1);
    report_buf_puts(b, "  out  count\n");
    for (unsigned k = 0; k < d->nvectors; k++) {
        const CovEvalVector *v = &d->vectors[k];
        report_buf_printf(b, "%s            %4u", indent, k + 1);
        for (unsigned c = 0; c < d->nconds; c++)
            report_buf_printf(b, " %-3c", v->values[c]);
        report_buf_printf(b, "  %-3c  %llu\n", v->outcome, (unsigned long long)v->count);
    }
    const char *pk = report_pair_kind(r->level);
    if (!pk)
        return;
    report_buf_printf(b, "%s  pairs (%s):", indent, pk);
    for (unsigned c = 0; c < d->nconds; c++) {
        const int *p = report_condition_pair(&d->conds[c], r->level);
        if (p[0] >= 0)
            report_buf_printf(b, "%s c%u vectors %d,%d", c ? ";" : "", c + 1, p[0] + 1,
                              p[1] + 1);
        else
            report_buf_printf(b, "%s c%u none", c ? ";" : "", c + 1);
    }
    report_buf_putc(b, '\n');
}

/* Exemption of obligation k of d: 0 outcome True, 1 outcome False, 2 + c
 * condition c. */
static int obligation_exemption(const CovDecision *d, unsigned k)
{
    return k == 0 ? d->exempt_true : k == 1 ? d->exempt_false : d->conds[k - 2].exemption;
}

void report_decision_exemptions(ReportBuf *b, const CovReport *r, const CovDecision *d,
                                const char *indent)
{
    unsigned n = 2 + d->nconds;
    for (unsigned k = 0; k < n; k++) {
        int x = obligation_exemption(d, k);
        if (x < 0 || (unsigned)x >= r->nexemptions)
            continue;
        bool done = false;   /* this exemption was listed with an earlier obligation */
        for (unsigned j = 0; j < k && !done; j++)
            done = obligation_exemption(d, j) == x;
        if (done)
            continue;
        const CovExemption *e = &r->exemptions[x];
        char what[128];
        report_exemption_what(e, what, sizeof what);
        report_buf_printf(b, "%s  exempted (%s):", indent, what);
        const char *sep = " ";
        for (unsigned j = k; j < n; j++) {
            if (obligation_exemption(d, j) != x)
                continue;
            if (j < 2)
                report_buf_printf(b, "%soutcome %s", sep, j == 0 ? "True" : "False");
            else
                report_buf_printf(b, "%sc%u", sep, j - 1);
            sep = ", ";
        }
        report_buf_printf(b, ": \"%s\"\n", e->justification ? e->justification : "");
    }
}
