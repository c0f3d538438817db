/* report/text.c - the `text` renderer: summary tables (files, decisions by
 * state and conditions at the decision levels, exempted regions,
 * functions, code not traceable to source), to stdout or DIR/summary.txt. */
#include "report/decision_render.h"
#include "report/report.h"
#include "report/render_util.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static void pct(FILE *o, uint32_t cov, uint32_t tot)
{
    if (tot == 0)
        fprintf(o, " %6s %11s", "-", "0/0");
    else {
        char b[32];
        snprintf(b, sizeof b, "%u/%u", cov, tot);
        fprintf(o, " %5.1f%% %11s", 100.0 * cov / tot, b);
    }
}

/* The obligations of a level: what the summary columns are. */
static void counts_row(FILE *o, CovLevel lv, const CovCounts *c)
{
    if (lv >= COV_LEVEL_STMT) {
        pct(o, c->stmt_covered, c->stmt_total);
        if (lv >= COV_LEVEL_STMT_DECISION)
            pct(o, c->decision_covered, c->decision_total);
        if (lv >= COV_LEVEL_STMT_MCDC)
            pct(o, c->mcdc_covered, c->mcdc_total);
        pct(o, c->line_covered, c->line_total);
    } else {
        pct(o, c->insn_covered, c->insn_total);
        if (lv == COV_LEVEL_BRANCH)
            pct(o, c->branch_covered, c->branch_total);
        pct(o, c->line_covered, c->line_total);
    }
}

static void counts_head(FILE *o, CovLevel lv)
{
    if (lv >= COV_LEVEL_STMT_MCDC)
        fprintf(o, " %19s %19s %19s %19s", "statements", "decision outcomes", "MC/DC conditions",
                "lines");
    else if (lv == COV_LEVEL_STMT_DECISION)
        fprintf(o, " %19s %19s %19s", "statements", "decision outcomes", "lines");
    else if (lv >= COV_LEVEL_STMT)
        fprintf(o, " %19s %19s", "statements", "lines");
    else if (lv == COV_LEVEL_BRANCH)
        fprintf(o, " %19s %19s %19s", "instructions", "branches", "lines");
    else
        fprintf(o, " %19s %19s", "instructions", "lines");
}

/* Decision levels: decisions by state and conditions per file and in total. */
static void decision_row(FILE *o, CovLevel lv, const CovDecisionCounts *c)
{
    fprintf(o, " %9u %8u %8u %8u %8u %10u", c->decisions, c->covered, c->partial,
            c->not_covered, c->undetermined, c->conditions);
    if (lv >= COV_LEVEL_STMT_MCDC)
        fprintf(o, " %10u", c->conditions_covered);
    fprintf(o, " %10u\n", c->conditions_undetermined);
}

static void write_decision_summary(FILE *o, const CovReport *r, unsigned w)
{
    if (r->level < COV_LEVEL_STMT_DECISION)
        return;
    fprintf(o, "\n%-*s %9s %8s %8s %8s %8s %10s", (int)w, "decisions", "decisions", "covered",
            "partial", "not-cov", "undeterm", "conditions");
    if (r->level >= COV_LEVEL_STMT_MCDC)
        fprintf(o, " %10s", "cond-pair");
    fprintf(o, " %10s\n", "cond-undet");
    for (unsigned i = 0; i < r->nfiles; i++) {
        const CovFile *f = &r->files[i];
        size_t nl = strlen(f->name);
        if (nl > w)
            fprintf(o, "...%-*s", (int)w - 3, f->name + nl - (w - 3));
        else
            fprintf(o, "%-*s", (int)w, f->name);
        decision_row(o, r->level, &f->dcounts);
    }
    fprintf(o, "%-*s", (int)w, "TOTAL");
    decision_row(o, r->level, &r->dtotals);
}

/* Every decision that is not covered at the level (partially covered, never
 * evaluated, undetermined), in file and line order, with its outcomes,
 * evaluation vectors and independence pairs: the text form of the blocks the
 * xcov and html renderers show under the line. */
static void write_decision_details(FILE *o, const CovReport *r)
{
    if (r->level < COV_LEVEL_STMT_DECISION)
        return;
    bool head = false;
    ReportBuf b;
    report_buf_init(&b);
    for (unsigned i = 0; i < r->nfiles; i++) {
        const CovFile *f = &r->files[i];
        for (unsigned l = 0; l < f->nlines; l++) {
            const CovLine *L = &f->lines[l];
            for (unsigned d = 0; d < L->decisions.n; d++) {
                if (L->decisions.v[d].state == COV_DEC_COVERED)
                    continue;
                if (!head)
                    fprintf(o, "\ndecisions not covered:\n");
                head = true;
                fprintf(o, "%s:%u:\n", f->name, L->number);
                report_buf_reset(&b);
                report_decision_text(&b, r, &L->decisions.v[d], d + 1, "  ");
                fputs(report_buf_str(&b), o);
            }
        }
    }
    report_buf_free(&b);
}

/* The exempted regions (and finer exemptions): where, what, whether
 * violated, and the justification (docs/coverage-semantics.md §6). */
static void write_exemptions(FILE *o, const CovReport *r)
{
    if (!r->nexemptions && !r->totals.exempted)
        return;
    fprintf(o, "\nexempted regions: %u, %u exempted obligation%s, %u of them violated\n",
            r->nexemptions, r->totals.exempted, r->totals.exempted == 1 ? "" : "s",
            report_exempted_violations(r));
    for (unsigned i = 0; i < r->nexemptions; i++) {
        const CovExemption *x = &r->exemptions[i];
        char what[128];
        report_exemption_what(x, what, sizeof what);
        const char *nm = x->file >= 0 && (unsigned)x->file < r->nfiles ? r->files[x->file].name
                                                                       : "?";
        fprintf(o, "  %c %s: %s: %s (%u of %u exempted obligations violated)\n    \"%s\"\n",
                x->violated ? COV_MARK_EXEMPT_VIOLATED : COV_MARK_EXEMPT, nm, what,
                x->violated ? "violated" : x->obligations ? "not violated" : "no obligation",
                x->violated, x->obligations, x->justification ? x->justification : "");
    }
}

static void write_text(FILE *o, const CovReport *r)
{
    unsigned w = 4;
    for (unsigned i = 0; i < r->nfiles; i++)
        if (strlen(r->files[i].name) > w)
            w = (unsigned)strlen(r->files[i].name);
    if (w > 60)
        w = 60;
    fprintf(o, "%s coverage report\n", r->tool_version ? r->tool_version : "xcov");
    fprintf(o, "level:  %s%s\n", cov_level_name(r->level),
            r->line_level_only ? " (line coverage from DWARF only)" : "");
    fprintf(o, "elf:    %s (%s)\n", r->elf_path ? r->elf_path : "?", r->isa ? r->isa : "?");
    for (unsigned i = 0; i < r->nruns; i++)
        fprintf(o, "trace:  %s (%llu instructions%s)\n", r->runs[i].trace_path,
                (unsigned long long)r->runs[i].insns, r->runs[i].damaged ? ", DAMAGED" : "");
    for (unsigned i = 0; i < r->nnotes; i++)
        fprintf(o, "note:   %s\n", r->notes[i]);
    fprintf(o, "\n%-*s", (int)w, "file");
    counts_head(o, r->level);
    fputc('\n', o);
    for (unsigned i = 0; i < r->nfiles; i++) {
        const CovFile *f = &r->files[i];
        size_t nl = strlen(f->name);
        if (nl > w)   /* keep the informative end of a long path */
            fprintf(o, "...%-*s", (int)w - 3, f->name + nl - (w - 3));
        else
            fprintf(o, "%-*s", (int)w, f->name);
        counts_row(o, r->level, &f->counts);
        if (!f->source_available)
            fprintf(o, "  (no source)");
        fputc('\n', o);
    }
    fprintf(o, "%-*s", (int)w, "TOTAL");
    counts_row(o, r->level, &r->totals);
    fputc('\n', o);
    write_decision_summary(o, r, w);
    write_decision_details(o, r);
    write_exemptions(o, r);

    unsigned fw = 8;
    for (unsigned i = 0; i < r->nfunctions; i++)
        if (strlen(r->functions[i].name) > fw)
            fw = (unsigned)strlen(r->functions[i].name);
    if (fw > 40)
        fw = 40;
    fprintf(o, "\n%-*s %-24s %10s", (int)fw, "function", "location", "entries");
    counts_head(o, r->level);
    fputc('\n', o);
    for (unsigned i = 0; i < r->nfunctions; i++) {
        const CovFunction *fn = &r->functions[i];
        char loc[64];
        if (fn->file >= 0) {
            const char *nm = r->files[fn->file].name;
            const char *b = strrchr(nm, '/');
            snprintf(loc, sizeof loc, "%.18s:%u", b ? b + 1 : nm, fn->first_line);
        }
        else
            snprintf(loc, sizeof loc, "0x%llx", (unsigned long long)fn->lo);
        fprintf(o, "%-*.*s %-24s %10llu", (int)fw, (int)fw, fn->name, loc,
                (unsigned long long)fn->entry_count);
        counts_row(o, r->level, &fn->counts);
        fputc('\n', o);
    }
    if (r->nuntraceable) {
        fprintf(o, "\nobject code not traceable to source:\n");
        for (unsigned i = 0; i < r->nuntraceable; i++) {
            unsigned n = 0, ex = 0, lo = 0, hi = r->ninsns;
            while (lo < hi) {    /* insns are sorted by address */
                unsigned mid = lo + (hi - lo) / 2;
                if (r->insns[mid].addr < r->untraceable[i].lo)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            for (unsigned k = lo; k < r->ninsns && r->insns[k].addr < r->untraceable[i].hi; k++) {
                n++;
                ex += r->insns[k].executed;
            }
            fprintf(o, "  0x%08llx-0x%08llx %-24s %u/%u instructions executed\n",
                    (unsigned long long)r->untraceable[i].lo,
                    (unsigned long long)r->untraceable[i].hi,
                    r->untraceable[i].symbol ? r->untraceable[i].symbol : "?", ex, n);
        }
    }
}

static int text_render(const CovReport *r, const char *outdir, char *err, size_t errlen)
{
    if (!outdir) {
        write_text(stdout, r);
        fflush(stdout);
        return 0;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/summary.txt", outdir);
    FILE *o = fopen(path, "w");
    if (!o) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    write_text(o, r);
    if (fclose(o) != 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

const ReportRenderer report_text = {"text", "summary tables (stdout or DIR/summary.txt)",
                                    text_render};
