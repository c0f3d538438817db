/*
 * report/cobertura.c - the "cobertura" renderer: <outdir>/cobertura.xml in
 * Cobertura's coverage-04 format, the XML GitLab (coverage_report
 * artifacts), Jenkins' Coverage plugin and Codecov read.
 *
 *   coverage        totals; version = tool, timestamp = 0 (deterministic)
 *     sources       the roots file names are relative to
 *     packages      one package per directory of a file's display name
 *       classes     one class per source file (filename relative to a
 *                   source root)
 *         methods   one method per function, with its lines
 *         lines     every line with code: hits, and for lines holding
 *                   conditional branch instructions branch="true",
 *                   condition-coverage="50% (1/2)" and one <condition>
 *                   (type "jump") per branch instruction
 *
 * Rates are covered/valid with 1 when nothing is valid, as Cobertura does;
 * line and branch numbers are recomputed from the lines written so the
 * file is self-consistent.  Exempted lines are left out (as in lcov).
 */
#include "render_util.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

typedef struct Tally {
    unsigned lines, lines_hit, branches, branches_hit;
} Tally;

static void put_rate(ReportBuf *b, const char *attr, unsigned cov, unsigned tot)
{
    report_buf_printf(b, " %s=\"%.4f\"", attr, report_ratio(cov, tot));
}

static void put_rates(ReportBuf *b, const Tally *t)
{
    put_rate(b, "line-rate", t->lines_hit, t->lines);
    put_rate(b, "branch-rate", t->branches_hit, t->branches);
}

/* Directions of the line's conditional branches: total and seen. */
static void line_branches(const CovReport *r, const CovLine *ln, unsigned *tot, unsigned *seen)
{
    *tot = *seen = 0;
    for (unsigned k = 0; k < ln->ninsns; k++) {
        if (ln->insns[k] >= r->ninsns)
            continue;
        CovBranchState st = r->insns[ln->insns[k]].branch;
        if (st == COV_BRANCH_NONE)
            continue;
        *tot += 2;
        *seen += st == COV_BRANCH_BOTH ? 2 : (st == COV_BRANCH_TAKEN || st == COV_BRANCH_NOT_TAKEN);
    }
}

static void tally_line(const CovReport *r, const CovLine *ln, Tally *t)
{
    unsigned bt, bs;
    t->lines++;
    t->lines_hit += report_line_hits(r, ln) > 0;
    line_branches(r, ln, &bt, &bs);
    t->branches += bt;
    t->branches_hit += bs;
}

static unsigned pct(unsigned cov, unsigned tot)
{
    return tot ? (unsigned)((uint64_t)cov * 100 / tot) : 100;
}

static void put_line(ReportBuf *b, const CovReport *r, const CovLine *ln, const char *indent,
                     bool with_conditions)
{
    unsigned bt, bs;
    line_branches(r, ln, &bt, &bs);
    report_buf_printf(b, "%s<line number=\"%u\" hits=\"%" PRIu64 "\" branch=\"%s\"",
                      indent, ln->number, report_line_hits(r, ln), bt ? "true" : "false");
    if (!bt) {
        report_buf_puts(b, "/>\n");
        return;
    }
    report_buf_printf(b, " condition-coverage=\"%u%% (%u/%u)\"", pct(bs, bt), bs, bt);
    if (!with_conditions) {
        report_buf_puts(b, "/>\n");
        return;
    }
    report_buf_printf(b, ">\n%s  <conditions>\n", indent);
    unsigned n = 0;
    for (unsigned k = 0; k < ln->ninsns; k++) {
        if (ln->insns[k] >= r->ninsns)
            continue;
        CovBranchState st = r->insns[ln->insns[k]].branch;
        if (st == COV_BRANCH_NONE)
            continue;
        unsigned seen = st == COV_BRANCH_BOTH ? 2 : (st == COV_BRANCH_TAKEN || st == COV_BRANCH_NOT_TAKEN);
        report_buf_printf(b, "%s    <condition number=\"%u\" type=\"jump\" coverage=\"%u%%\"/>\n",
                          indent, n++, seen * 50);
    }
    report_buf_printf(b, "%s  </conditions>\n%s</line>\n", indent, indent);
}

/* The source root of a file: its path minus "/<name>" when the path ends
 * so, else "" (the name is then used as it is). */
static size_t root_len(const CovFile *f)
{
    if (!f->path || !f->name)
        return 0;
    size_t pl = strlen(f->path), nl = strlen(f->name);
    if (pl > nl + 1 && strcmp(f->path + pl - nl, f->name) == 0 && f->path[pl - nl - 1] == '/')
        return pl - nl - 1;
    return 0;
}

/* Package name: the directory part of the display name ("." for none). */
static size_t dir_len(const char *name)
{
    const char *slash = name ? strrchr(name, '/') : NULL;
    return slash ? (size_t)(slash - name) : 0;
}

static const char *display_name(const CovFile *f)
{
    return f->name ? f->name : (f->path ? f->path : "");
}

typedef struct PkgEntry {
    unsigned file;
    const char *name;
    size_t dlen;
} PkgEntry;

static int pkg_cmp(const void *a, const void *b)
{
    const PkgEntry *x = a, *y = b;
    size_t n = x->dlen < y->dlen ? x->dlen : y->dlen;
    int c = memcmp(x->name, y->name, n);
    if (c)
        return c;
    if (x->dlen != y->dlen)
        return x->dlen < y->dlen ? -1 : 1;
    return x->file < y->file ? -1 : (x->file > y->file);
}

static void put_class(ReportBuf *b, const CovReport *r, unsigned fi)
{
    const CovFile *f = &r->files[fi];
    const char *name = display_name(f);
    Tally t = { 0 };
    for (unsigned l = 0; l < f->nlines; l++)
        if (report_line_has_code(&f->lines[l]))
            tally_line(r, &f->lines[l], &t);
    const char *base = strrchr(name, '/');
    report_buf_puts(b, "        <class name=\"");
    report_buf_markup(b, base ? base + 1 : name);
    report_buf_puts(b, "\" filename=\"");
    report_buf_markup(b, name);
    report_buf_putc(b, '"');
    put_rates(b, &t);
    report_buf_puts(b, " complexity=\"0\">\n          <methods>\n");
    for (unsigned i = 0; i < r->nfunctions; i++) {
        const CovFunction *fn = &r->functions[i];
        if (fn->file != (int)fi)
            continue;
        Tally mt = { 0 };
        for (unsigned l = 0; l < f->nlines; l++) {
            const CovLine *ln = &f->lines[l];
            if (ln->number >= fn->first_line && ln->number <= fn->last_line &&
                report_line_has_code(ln))
                tally_line(r, ln, &mt);
        }
        report_buf_puts(b, "            <method name=\"");
        report_buf_markup(b, fn->name);
        report_buf_puts(b, "\" signature=\"\"");
        put_rates(b, &mt);
        report_buf_puts(b, " complexity=\"0\">\n              <lines>\n");
        for (unsigned l = 0; l < f->nlines; l++) {
            const CovLine *ln = &f->lines[l];
            if (ln->number >= fn->first_line && ln->number <= fn->last_line &&
                report_line_has_code(ln))
                put_line(b, r, ln, "                ", false);
        }
        report_buf_puts(b, "              </lines>\n            </method>\n");
    }
    report_buf_puts(b, "          </methods>\n          <lines>\n");
    for (unsigned l = 0; l < f->nlines; l++)
        if (report_line_has_code(&f->lines[l]))
            put_line(b, r, &f->lines[l], "            ", true);
    report_buf_puts(b, "          </lines>\n        </class>\n");
}

static int cobertura_render(const CovReport *r, const char *outdir, char *err, size_t errlen)
{
    PkgEntry *pk = calloc(r->nfiles ? r->nfiles : 1, sizeof *pk);
    if (!pk)
        return report_fail(err, errlen, "out of memory");
    Tally total = { 0 };
    for (unsigned i = 0; i < r->nfiles; i++) {
        pk[i].file = i;
        pk[i].name = display_name(&r->files[i]);
        pk[i].dlen = dir_len(pk[i].name);
        const CovFile *f = &r->files[i];
        for (unsigned l = 0; l < f->nlines; l++)
            if (report_line_has_code(&f->lines[l]))
                tally_line(r, &f->lines[l], &total);
    }
    qsort(pk, r->nfiles, sizeof *pk, pkg_cmp);

    ReportBuf b;
    report_buf_init(&b);
    report_buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<!DOCTYPE coverage SYSTEM "
                        "\"http://cobertura.sourceforge.net/xml/coverage-04.dtd\">\n"
                        "<coverage");
    put_rates(&b, &total);
    report_buf_printf(&b, " lines-covered=\"%u\" lines-valid=\"%u\" branches-covered=\"%u\""
                          " branches-valid=\"%u\" complexity=\"0\" version=\"",
                      total.lines_hit, total.lines, total.branches_hit, total.branches);
    report_buf_markup(&b, r->tool_version);
    report_buf_puts(&b, "\" timestamp=\"0\">\n  <sources>\n");
    /* distinct roots, in file order (files are sorted by path) */
    for (unsigned i = 0; i < r->nfiles; i++) {
        size_t rl = root_len(&r->files[i]);
        bool dup = false;
        for (unsigned j = 0; j < i && !dup; j++)
            dup = root_len(&r->files[j]) == rl &&
                  strncmp(r->files[j].path ? r->files[j].path : "",
                          r->files[i].path ? r->files[i].path : "", rl) == 0;
        if (dup)
            continue;
        report_buf_puts(&b, "    <source>");
        if (rl) {
            char *root = strndup(r->files[i].path, rl);
            if (!root)
                b.failed = true;
            report_buf_markup(&b, root);
            free(root);
        } else {
            report_buf_putc(&b, '.');
        }
        report_buf_puts(&b, "</source>\n");
    }
    report_buf_puts(&b, "  </sources>\n  <packages>\n");
    for (unsigned i = 0; i < r->nfiles;) {
        unsigned j = i;
        Tally pt = { 0 };
        while (j < r->nfiles && pk[j].dlen == pk[i].dlen &&
               memcmp(pk[j].name, pk[i].name, pk[i].dlen) == 0) {
            const CovFile *f = &r->files[pk[j].file];
            for (unsigned l = 0; l < f->nlines; l++)
                if (report_line_has_code(&f->lines[l]))
                    tally_line(r, &f->lines[l], &pt);
            j++;
        }
        report_buf_puts(&b, "    <package name=\"");
        if (pk[i].dlen) {
            /* Cobertura names packages with dots, as Java packages */
            char *pname = strndup(pk[i].name, pk[i].dlen);
            if (!pname)
                b.failed = true;
            for (char *c = pname; c && *c; c++)
                if (*c == '/')
                    *c = '.';
            report_buf_markup(&b, pname);
            free(pname);
        } else {
            report_buf_putc(&b, '.');
        }
        report_buf_putc(&b, '"');
        put_rates(&b, &pt);
        report_buf_puts(&b, " complexity=\"0\">\n      <classes>\n");
        for (unsigned k = i; k < j; k++)
            put_class(&b, r, pk[k].file);
        report_buf_puts(&b, "      </classes>\n    </package>\n");
        i = j;
    }
    report_buf_puts(&b, "  </packages>\n</coverage>\n");
    free(pk);
    int rc = report_write_buf(outdir, "cobertura.xml", &b, err, errlen);
    report_buf_free(&b);
    return rc;
}

const ReportRenderer report_cobertura = {
    .name = "cobertura",
    .description = "cobertura.xml: Cobertura coverage-04 XML (GitLab, Jenkins, Codecov)",
    .render = cobertura_render,
};
