/* report/xcov_fmt.c - the `xcov` renderer: one annotated source per file,
 * DIR/<file>.xcov, in the layout of GNATcoverage's .xcov files:
 *
 *   <file name>:
 *   <P>% of <N> lines covered
 *   Coverage level: <level>
 *      1 .: #include <stdint.h>
 *     12 -:     x = 1;
 *         -- statement "x = 1" at 12:5 not executed [stmt-not-executed]
 *
 * Each source line is "%4d %c: text".  Violations follow their line,
 * indented, starting with "--".  At levels insn and branch each line with
 * code is followed by its instructions ("0x<addr> <mark>:  <disassembly>"),
 * marks: '+' executed, '-' not executed; conditional branches: '+' both
 * ways, '>' only taken, 'v' only fallen through, '!' executed without a
 * recorded outcome.  The instruction lines start with "0x" so that a reader
 * can tell them from source lines.  At decision levels each decision
 * starting on a line follows it, indented by 8 and starting with "decision"
 * (decision_render.h: state, outcomes, conditions, the table of distinct
 * evaluation vectors and the independence pairs).
 *
 * Exemptions (docs/coverage-semantics.md §6): the first line of each
 * exemption is preceded by a header "    == exempted WHAT: STATE (V of N
 * exempted obligations violated): JUSTIFICATION"; an exempted violation
 * ends with " (exempted)". */
#include "report/report.h"
#include "report/render_util.h"
#include "decision_render.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char insn_mark(const CovInsn *in)
{
    if (!in->executed)
        return '-';
    switch (in->branch) {
    case COV_BRANCH_BOTH: return '+';
    case COV_BRANCH_TAKEN: return '>';
    case COV_BRANCH_NOT_TAKEN: return 'v';
    case COV_BRANCH_NEVER: return '!';
    default: return '+';
    }
}

/* The output name of file i: its base name, or the display name with '/'
 * replaced by '-' when two files share a base name. */
static void out_name(const CovReport *r, unsigned i, char *buf, size_t n)
{
    const char *name = r->files[i].name;
    const char *b = strrchr(name, '/');
    b = b ? b + 1 : name;
    bool clash = false;
    for (unsigned k = 0; k < r->nfiles && !clash; k++) {
        if (k == i)
            continue;
        const char *o = strrchr(r->files[k].name, '/');
        o = o ? o + 1 : r->files[k].name;
        clash = !strcmp(o, b);
    }
    snprintf(buf, n, "%s.xcov", clash ? name : b);
    if (clash)
        for (char *p = buf; *p; p++)
            if (*p == '/')
                *p = '-';
    /* never write outside the directory */
    for (char *p = buf; *p; p++)
        if (p[0] == '.' && p[1] == '.')
            p[0] = '_';
}

/* The decisions of a line (GNATcoverage lists them under the line too). */
static void write_decisions(FILE *o, const CovReport *r, const CovLine *L)
{
    if (!L->decisions.n)
        return;
    ReportBuf b;
    report_buf_init(&b);
    for (unsigned d = 0; d < L->decisions.n; d++)
        report_decision_text(&b, r, &L->decisions.v[d], d + 1, "        ");
    fputs(report_buf_str(&b), o);
    report_buf_free(&b);
}

/* Headers of the exemptions of file fi that start on line l. */
static void exemption_headers(FILE *o, const CovReport *r, unsigned fi, unsigned l)
{
    for (unsigned i = 0; i < r->nexemptions; i++) {
        const CovExemption *x = &r->exemptions[i];
        if (x->file != (int)fi || x->first_line != l)
            continue;
        char what[128];
        report_exemption_what(x, what, sizeof what);
        fprintf(o, "    == exempted %s: %s (%u of %u exempted obligations violated): %s\n", what,
                x->violated ? "violated" : "not violated", x->violated, x->obligations,
                x->justification ? x->justification : "");
    }
}

static void write_file(FILE *o, const CovReport *r, const CovFile *f)
{
    bool object = r->level <= COV_LEVEL_BRANCH;
    fprintf(o, "%s:\n", f->name);
    if (f->counts.line_total)
        fprintf(o, "%.0f%% of %u lines covered\n",
                100.0 * f->counts.line_covered / f->counts.line_total, f->counts.line_total);
    else
        fprintf(o, "no line with code\n");
    fprintf(o, "Coverage level: %s\n", cov_level_name(r->level));
    if (!f->source_available)
        fprintf(o, "(source not available: %s)\n", f->path);
    for (unsigned l = 0; l < f->nlines; l++) {
        const CovLine *L = &f->lines[l];
        if (r->nexemptions)
            exemption_headers(o, r, (unsigned)(f - r->files), L->number);
        fprintf(o, "%4u %c: %s\n", L->number, L->mark, L->text ? L->text : "");
        for (unsigned v = 0; v < L->nviolations; v++)
            fprintf(o, "    -- %s [%s]%s\n", L->violations[v].message, L->violations[v].kind,
                    L->violations[v].exempted ? " (exempted)" : "");
        write_decisions(o, r, L);
        if (!object)
            continue;
        for (unsigned k = 0; k < L->ninsns; k++) {
            const CovInsn *in = &r->insns[L->insns[k]];
            fprintf(o, "        0x%08llx %c:  %s\n", (unsigned long long)in->addr,
                    insn_mark(in), in->disasm ? in->disasm : "");
        }
    }
}

static int xcov_render(const CovReport *r, const char *outdir, char *err, size_t errlen)
{
    if (!outdir)
        outdir = ".";
    for (unsigned i = 0; i < r->nfiles; i++) {
        char name[1024], path[4096];
        out_name(r, i, name, sizeof name);
        snprintf(path, sizeof path, "%s/%s", outdir, name);
        FILE *o = fopen(path, "w");
        if (!o) {
            snprintf(err, errlen, "%s: %s", path, strerror(errno));
            return -1;
        }
        write_file(o, r, &r->files[i]);
        if (fclose(o) != 0) {
            snprintf(err, errlen, "%s: %s", path, strerror(errno));
            return -1;
        }
    }
    return 0;
}

const ReportRenderer report_xcov = {"xcov", "annotated sources, DIR/<file>.xcov (GNATcoverage layout)",
                                    xcov_render};
