/* report/report.c - levels, the renderer table and cov_report_free(). */
#include "report/report.h"

#include <stdlib.h>
#include <string.h>

static const char *const level_names[] = {
    [COV_LEVEL_INSN] = "insn",
    [COV_LEVEL_BRANCH] = "branch",
    [COV_LEVEL_STMT] = "stmt",
    [COV_LEVEL_STMT_DECISION] = "stmt+decision",
    [COV_LEVEL_STMT_MCDC] = "stmt+mcdc",
    [COV_LEVEL_STMT_UC_MCDC] = "stmt+uc_mcdc",
};

const char *cov_level_name(CovLevel l)
{
    if ((unsigned)l < sizeof level_names / sizeof level_names[0])
        return level_names[l];
    return "?";
}

bool cov_level_parse(const char *s, CovLevel *out)
{
    for (unsigned i = 0; s && i < sizeof level_names / sizeof level_names[0]; i++) {
        if (!strcmp(s, level_names[i])) {
            *out = (CovLevel)i;
            return true;
        }
    }
    return false;
}

/* Each renderer lives in its own file (report/<name>.c). */
extern const ReportRenderer report_text, report_xcov, report_html, report_json, report_lcov,
    report_cobertura, report_drcov, report_sarif;

const ReportRenderer *const report_renderers[] = {
    &report_text, &report_xcov, &report_html, &report_json,
    &report_lcov, &report_cobertura, &report_drcov, &report_sarif, NULL,
};

const ReportRenderer *report_find(const char *name)
{
    for (unsigned i = 0; report_renderers[i]; i++)
        if (name && !strcmp(report_renderers[i]->name, name))
            return report_renderers[i];
    return NULL;
}

const char *cov_exempt_kind_name(CovExemptKind k)
{
    static const char *const names[] = {
        [COV_EXEMPT_REGION] = "region",
        [COV_EXEMPT_DECISION_TRUE] = "decision-true",
        [COV_EXEMPT_DECISION_FALSE] = "decision-false",
        [COV_EXEMPT_CONDITION] = "condition",
    };
    return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "?";
}

void cov_report_free(CovReport *r)
{
    if (!r)
        return;
    free(r->tool_version);
    free(r->isa);
    free(r->elf_path);
    for (unsigned i = 0; i < r->nruns; i++) {
        free(r->runs[i].trace_path);
        free(r->runs[i].test_name);
        free(r->runs[i].elf_path);
    }
    free(r->runs);
    for (unsigned i = 0; i < r->nfiles; i++) {
        CovFile *f = &r->files[i];
        for (unsigned l = 0; l < f->nlines; l++) {
            CovLine *L = &f->lines[l];
            free(L->text);
            for (unsigned v = 0; v < L->nviolations; v++)
                free(L->violations[v].message);
            free(L->violations);
            free(L->exemption);
            free(L->insns);
            free(L->stmts);
            for (unsigned d = 0; d < L->decisions.n; d++)
                cov_decision_free(&L->decisions.v[d]);
            free(L->decisions.v);
        }
        free(f->lines);
        free(f->path);
        free(f->name);
    }
    free(r->files);
    for (unsigned i = 0; i < r->nfunctions; i++)
        free(r->functions[i].name);
    free(r->functions);
    for (unsigned i = 0; i < r->ninsns; i++)
        free(r->insns[i].disasm);
    free(r->insns);
    for (unsigned i = 0; i < r->nuntraceable; i++)
        free(r->untraceable[i].symbol);
    free(r->untraceable);
    free(r->blocks);
    for (unsigned i = 0; i < r->nnotes; i++)
        free(r->notes[i]);
    free(r->notes);
    for (unsigned i = 0; i < r->nexemptions; i++)
        free(r->exemptions[i].justification);
    free(r->exemptions);
    free(r);
}
