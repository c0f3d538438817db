/*
 * report/html.c - the "html" renderer: a static, offline HTML report in
 * <outdir>:
 *
 *   index.html        summary, notes, per-file and per-function tables
 *                     (sortable by clicking headers), the runs used, and a
 *                     summary of code not traceable to source
 *   f<NNNN>-<name>.html   one annotated source page per file: line number,
 *                     mark, count, text coloured by mark; under a line what
 *                     is missing (its violations), its exemption, and at
 *                     the object levels its instructions (expandable), at
 *                     the decision levels each decision (expandable: its
 *                     conditions, table of evaluation vectors and pairs,
 *                     the exemptions covering its obligations)
 *                     (exemptions, docs/coverage-semantics.md §6: the index
 *                     and each file page list them with their
 *                     justification and whether they were violated; their
 *                     lines are marked '#'/'*', their violations tagged)
 *   untraceable.html  object code no source line maps to
 *   emucov.css, emucov.js   style and the few lines of sorting code
 *
 * Pages are html-templates/ filled at {{placeholders}}; the templates are
 * compiled into the binary (html-templates/embed.py), so the report needs
 * nothing but the files written here: no CDN, no web fonts.
 *
 * Every string that comes from the model (source text, names, paths,
 * messages, disassembly) goes through report_buf_markup(): a source line
 * holding "<script>" is shown as text.  No timestamps: the same CovReport
 * gives byte-identical pages.
 */
#include "render_util.h"
#include "decision_render.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

typedef struct TplVar {
    const char *name;
    const char *value;      /* already HTML */
} TplVar;

static const ReportTemplate *tpl_find(const char *name)
{
    for (const ReportTemplate *t = report_html_templates; t->name; t++)
        if (strcmp(t->name, name) == 0)
            return t;
    return NULL;
}

/* Append template `name` to out with each {{key}} replaced by its value. */
static int tpl_expand(ReportBuf *out, const char *name, const TplVar *vars, unsigned nvars,
                      char *err, size_t errlen)
{
    const ReportTemplate *t = tpl_find(name);
    if (!t)
        return report_fail(err, errlen, "html: template %s is missing", name);
    const char *p = t->text, *end = t->text + t->len;
    while (p < end) {
        const char *open = strstr(p, "{{");
        if (!open) {
            report_buf_putn(out, p, (size_t)(end - p));
            break;
        }
        report_buf_putn(out, p, (size_t)(open - p));
        const char *close = strstr(open + 2, "}}");
        if (!close)
            return report_fail(err, errlen, "html: template %s: unterminated {{", name);
        size_t klen = (size_t)(close - open - 2);
        unsigned i;
        for (i = 0; i < nvars; i++)
            if (strlen(vars[i].name) == klen && memcmp(vars[i].name, open + 2, klen) == 0)
                break;
        if (i == nvars)
            return report_fail(err, errlen, "html: template %s: unknown placeholder {{%.*s}}",
                               name, (int)klen, open + 2);
        report_buf_puts(out, vars[i].value);
        p = close + 2;
    }
    return 0;
}

static const char *mark_class(char m)
{
    switch (m) {
    case COV_MARK_COVERED: return "m-cov";
    case COV_MARK_NOT_COVERED: return "m-notcov";
    case COV_MARK_PARTIAL: return "m-partial";
    case COV_MARK_UNDETERMINED: return "m-undet";
    case COV_MARK_EXEMPT: return "m-exempt";
    case COV_MARK_EXEMPT_VIOLATED: return "m-exviol";
    default: return "m-nocode";
    }
}

static void put_mark(ReportBuf *b, char m)
{
    char s[2] = { m ? m : ' ', '\0' };
    report_buf_markup(b, s);
}

static void put_addr(ReportBuf *b, uint64_t a)
{
    if (a >> 32)
        report_buf_printf(b, "0x%016" PRIx64, a);
    else
        report_buf_printf(b, "0x%08" PRIx64, a);
}

/* A rate cell: "cov/total 83.3%" with a bar; sorts by the ratio. */
static void put_rate_cell(ReportBuf *b, uint32_t cov, uint32_t tot)
{
    if (tot == 0) {
        report_buf_puts(b, "<td class=\"num rate-na\" data-sort=\"-1\">&#8211;</td>");
        return;
    }
    /* rounded down: 99.95% must not print as 100.0% */
    unsigned pm = (unsigned)((uint64_t)cov * 1000 / tot);
    const char *cls = pm >= 900 ? "rate-hi" : pm >= 750 ? "rate-mid" : "rate-lo";
    report_buf_printf(b, "<td class=\"num %s\" data-sort=\"%u.%03u\">%" PRIu32 "/%" PRIu32
                         " %u.%u%%<span class=\"bar\"><span style=\"width:%u.%u%%\">"
                         "</span></span></td>",
                      cls, pm / 1000, pm % 1000, cov, tot, pm / 10, pm % 10, pm / 10, pm % 10);
}

static void put_metric_headers(ReportBuf *b, CovLevel l)
{
    const ReportMetric *m;
    unsigned n = report_level_metrics(l, &m);
    for (unsigned i = 0; i < n; i++)
        report_buf_printf(b, "<th class=\"num\">%s</th>", m[i].label);
}

static void put_metric_cells(ReportBuf *b, CovLevel l, const CovCounts *c)
{
    const ReportMetric *m;
    unsigned n = report_level_metrics(l, &m);
    for (unsigned i = 0; i < n; i++)
        put_rate_cell(b, report_metric_covered(&m[i], c), report_metric_total(&m[i], c));
}

static void put_summary(ReportBuf *b, CovLevel l, const CovCounts *c)
{
    const ReportMetric *m;
    unsigned n = report_level_metrics(l, &m);
    report_buf_puts(b, "<table class=\"summary\"><thead><tr><th>Metric</th>"
                       "<th class=\"num\">Covered</th><th class=\"num\">Total</th>"
                       "<th class=\"num\">Rate</th></tr></thead><tbody>\n");
    for (unsigned i = 0; i < n; i++) {
        uint32_t cov = report_metric_covered(&m[i], c), tot = report_metric_total(&m[i], c);
        report_buf_printf(b, "<tr id=\"total-%s\"><td>%s</td><td class=\"num\">%" PRIu32
                             "</td><td class=\"num\">%" PRIu32 "</td>",
                          m[i].key, m[i].label, cov, tot);
        put_rate_cell(b, cov, tot);
        report_buf_puts(b, "</tr>\n");
    }
    report_buf_printf(b, "<tr id=\"total-undetermined\"><td>Undetermined</td>"
                         "<td class=\"num\" colspan=\"3\">%" PRIu32 "</td></tr>\n"
                         "<tr id=\"total-exempted\"><td>Exempted</td>"
                         "<td class=\"num\" colspan=\"3\">%" PRIu32 "</td></tr>\n"
                         "</tbody></table>\n",
                      c->undetermined, c->exempted);
}

/* "f0003-src_main.c.html": index keeps names unique, the rest is the
 * display name reduced to characters safe in any file system and URL. */
static void file_page_name(const CovReport *r, unsigned i, char *out, size_t outlen)
{
    const CovFile *f = &r->files[i];
    const char *name = f->name ? f->name : (f->path ? f->path : "");
    int n = snprintf(out, outlen, "f%04u-", i);
    size_t k = n > 0 ? (size_t)n : 0;
    for (const char *p = name; *p && k + 6 < outlen && k < 80; p++) {
        char c = *p;
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '.' || c == '-' || c == '_';
        out[k++] = ok ? c : '_';
    }
    snprintf(out + k, outlen - k, ".html");
}

static const char *display_name(const CovFile *f)
{
    return f->name ? f->name : (f->path ? f->path : "(unnamed)");
}

static void put_meta(ReportBuf *b, const CovReport *r)
{
    report_buf_puts(b, "Level <strong>");
    report_buf_markup(b, cov_level_name(r->level));
    report_buf_puts(b, "</strong> &#183; ISA ");
    report_buf_markup(b, r->isa ? r->isa : "unknown");
    report_buf_puts(b, " &#183; ELF <code>");
    report_buf_markup(b, r->elf_path ? r->elf_path : "unknown");
    report_buf_puts(b, "</code>");
}

static void put_warnings(ReportBuf *b, const CovReport *r)
{
    if (r->line_level_only)
        report_buf_puts(b, "<p class=\"warning\">Sources were not available: coverage is "
                           "line-level, from the DWARF line table only.</p>\n");
    for (unsigned i = 0; i < r->nruns; i++)
        if (r->runs[i].damaged) {
            report_buf_puts(b, "<p class=\"warning\">Some traces were damaged and only "
                               "partly read (see Runs): coverage may be understated.</p>\n");
            break;
        }
}

static void put_files_table(ReportBuf *b, const CovReport *r)
{
    report_buf_puts(b, "<table class=\"sortable\" id=\"files-table\"><thead><tr><th>File</th>");
    put_metric_headers(b, r->level);
    report_buf_puts(b, "<th class=\"num\">Undet.</th><th class=\"num\">Exempt.</th>"
                       "</tr></thead><tbody>\n");
    for (unsigned i = 0; i < r->nfiles; i++) {
        const CovFile *f = &r->files[i];
        char page[128];
        file_page_name(r, i, page, sizeof page);
        report_buf_printf(b, "<tr><td><a href=\"%s\">", page);
        report_buf_markup(b, display_name(f));
        report_buf_puts(b, "</a>");
        if (!f->source_available)
            report_buf_puts(b, " <span class=\"nosrc\">(source not available)</span>");
        report_buf_puts(b, "</td>");
        put_metric_cells(b, r->level, &f->counts);
        report_buf_printf(b, "<td class=\"num\" data-sort=\"%" PRIu32 "\">%" PRIu32 "</td>"
                             "<td class=\"num\" data-sort=\"%" PRIu32 "\">%" PRIu32 "</td></tr>\n",
                          f->counts.undetermined, f->counts.undetermined,
                          f->counts.exempted, f->counts.exempted);
    }
    report_buf_puts(b, "</tbody><tfoot><tr><th>Total</th>");
    put_metric_cells(b, r->level, &r->totals);
    report_buf_printf(b, "<td class=\"num\">%" PRIu32 "</td><td class=\"num\">%" PRIu32
                         "</td></tr></tfoot></table>\n",
                      r->totals.undetermined, r->totals.exempted);
}

static void put_functions_table(ReportBuf *b, const CovReport *r)
{
    if (r->nfunctions == 0) {
        report_buf_puts(b, "<p>No functions.</p>\n");
        return;
    }
    report_buf_puts(b, "<table class=\"sortable\" id=\"functions-table\"><thead><tr>"
                       "<th>Function</th><th>File</th><th class=\"num\">Lines</th>"
                       "<th>Address</th><th class=\"num\">Entries</th>");
    put_metric_headers(b, r->level);
    report_buf_puts(b, "</tr></thead><tbody>\n");
    for (unsigned i = 0; i < r->nfunctions; i++) {
        const CovFunction *fn = &r->functions[i];
        report_buf_puts(b, "<tr><td><code>");
        report_buf_markup(b, fn->name ? fn->name : "?");
        report_buf_puts(b, "</code></td><td>");
        if (fn->file >= 0 && (unsigned)fn->file < r->nfiles) {
            char page[128];
            file_page_name(r, (unsigned)fn->file, page, sizeof page);
            report_buf_printf(b, "<a href=\"%s#L%u\">", page, fn->first_line);
            report_buf_markup(b, display_name(&r->files[fn->file]));
            report_buf_puts(b, "</a>");
        } else {
            report_buf_puts(b, "<span class=\"nosrc\">unknown</span>");
        }
        if (fn->first_line)
            report_buf_printf(b, "</td><td class=\"num\" data-sort=\"%u\">%u&#8211;%u</td>",
                              fn->first_line, fn->first_line, fn->last_line);
        else
            report_buf_puts(b, "</td><td class=\"num\" data-sort=\"0\">&#8211;</td>");
        report_buf_puts(b, "<td><code>");
        put_addr(b, fn->lo);
        report_buf_puts(b, "&#8211;");
        put_addr(b, fn->hi);
        report_buf_printf(b, "</code></td><td class=\"num\" data-sort=\"%" PRIu64 "\">%" PRIu64
                             "</td>", fn->entry_count, fn->entry_count);
        put_metric_cells(b, r->level, &fn->counts);
        report_buf_puts(b, "</tr>\n");
    }
    report_buf_puts(b, "</tbody></table>\n");
}

static void put_runs_table(ReportBuf *b, const CovReport *r)
{
    if (r->nruns == 0) {
        report_buf_puts(b, "<p>No runs.</p>\n");
        return;
    }
    report_buf_puts(b, "<table class=\"sortable\" id=\"runs-table\"><thead><tr><th>Test</th>"
                       "<th>Trace</th><th>Trace SHA-256</th><th>ELF</th><th>ELF SHA-256</th>"
                       "<th class=\"num\">Instructions</th><th class=\"num\">Blocks</th>"
                       "<th>Status</th></tr></thead><tbody>\n");
    for (unsigned i = 0; i < r->nruns; i++) {
        const CovRun *run = &r->runs[i];
        char tsha[65], esha[65];
        report_hex_sha256(run->trace_sha256, tsha);
        report_hex_sha256(run->elf_sha256, esha);
        report_buf_puts(b, "<tr><td>");
        report_buf_markup(b, run->test_name);
        report_buf_puts(b, "</td><td><code>");
        report_buf_markup(b, run->trace_path);
        /* 12 digits identify a file well enough on screen; the title
         * attribute (tooltip) holds the whole hash */
        report_buf_printf(b, "</code></td><td><code title=\"%s\">%.12s&#8230;</code></td>"
                             "<td><code>", tsha, tsha);
        report_buf_markup(b, run->elf_path);
        report_buf_printf(b, "</code></td><td><code title=\"%s\">%.12s&#8230;</code></td>"
                             "<td class=\"num\" data-sort=\"%" PRIu64 "\">%" PRIu64 "</td>"
                             "<td class=\"num\" data-sort=\"%" PRIu64 "\">%" PRIu64 "</td>"
                             "<td>%s</td></tr>\n",
                          esha, esha, run->insns, run->insns, run->blocks, run->blocks,
                          run->damaged ? "damaged (partly read)" : "complete");
    }
    report_buf_puts(b, "</tbody></table>\n");
}

static void put_notes(ReportBuf *b, const CovReport *r)
{
    if (r->nnotes == 0) {
        report_buf_puts(b, "<p>None.</p>\n");
        return;
    }
    report_buf_puts(b, "<ul class=\"notes\">\n");
    for (unsigned i = 0; i < r->nnotes; i++) {
        report_buf_puts(b, "<li>");
        report_buf_markup(b, r->notes[i]);
        report_buf_puts(b, "</li>\n");
    }
    report_buf_puts(b, "</ul>\n");
}

static void put_untraceable_summary(ReportBuf *b, const CovReport *r)
{
    uint64_t bytes = 0;
    for (unsigned i = 0; i < r->nuntraceable; i++)
        bytes += r->untraceable[i].hi - r->untraceable[i].lo;
    if (r->nuntraceable == 0)
        report_buf_puts(b, "<p>All object code maps to source lines "
                           "(<a href=\"untraceable.html\">details</a>).</p>\n");
    else
        report_buf_printf(b, "<p><a href=\"untraceable.html\">%u range%s, %" PRIu64
                             " bytes</a> of object code map to no source line.</p>\n",
                          r->nuntraceable, r->nuntraceable == 1 ? "" : "s", bytes);
}

static char insn_mark(const CovReport *r, const CovInsn *in)
{
    if (!in->executed)
        return COV_MARK_NOT_COVERED;
    if (r->level != COV_LEVEL_INSN &&
        (in->branch == COV_BRANCH_TAKEN || in->branch == COV_BRANCH_NOT_TAKEN))
        return COV_MARK_PARTIAL;
    return COV_MARK_COVERED;
}

static const char *branch_text(CovBranchState s)
{
    switch (s) {
    case COV_BRANCH_NEVER: return "  [branch never executed]";
    case COV_BRANCH_TAKEN: return "  [branch taken only]";
    case COV_BRANCH_NOT_TAKEN: return "  [branch fallthrough only]";
    case COV_BRANCH_BOTH: return "  [branch both ways]";
    case COV_BRANCH_NONE: break;
    }
    return "";
}

static void put_insn(ReportBuf *b, const CovReport *r, const CovInsn *in)
{
    char m = insn_mark(r, in);
    const char *cls = m == COV_MARK_COVERED ? "i-cov" : m == COV_MARK_PARTIAL ? "i-partial"
                                                                               : "i-notcov";
    report_buf_printf(b, "<span class=\"i %s\">", cls);
    put_addr(b, in->addr);
    report_buf_printf(b, " %c ", m);
    if (in->count)
        report_buf_printf(b, "%10" PRIu64 "  ", in->count);
    report_buf_markup(b, in->disasm ? in->disasm : "");
    report_buf_puts(b, branch_text(in->branch));
    report_buf_puts(b, "</span>\n");
}

static void put_violation_place(ReportBuf *b, const CovViolation *v, unsigned line)
{
    if (v->col == 0 && (v->line == 0 || v->line == line))
        return;
    if (v->line && v->line != line)
        report_buf_printf(b, "%u:", v->line);
    if (v->col)
        report_buf_printf(b, "%u", v->col);
    if (v->end_line && v->end_line != (v->line ? v->line : line))
        report_buf_printf(b, "&#8211;%u:%u", v->end_line, v->end_col);
    else if (v->end_col && v->end_col != v->col)
        report_buf_printf(b, "&#8211;%u", v->end_col);
    report_buf_puts(b, ": ");
}

static const char *decision_class(CovDecisionState s)
{
    switch (s) {
    case COV_DEC_COVERED: return "m-cov";
    case COV_DEC_PARTIAL: return "m-partial";
    case COV_DEC_NOT_COVERED: return "m-notcov";
    default: return "m-undet";
    }
}

/* One decision as an expandable block: summary line, conditions, the table
 * of distinct evaluation vectors and the independence pairs of the level. */
static void put_decision(ReportBuf *b, const CovReport *r, const CovDecision *d, unsigned idx)
{
    const char *pk = report_pair_kind(r->level);
    unsigned paired = 0;
    for (unsigned c = 0; c < d->nconds; c++)
        paired += d->conds[c].covered;
    report_buf_printf(b, "<details class=\"dec %s\"><summary>decision %u (%s%s) %u:%u&#8211;%u:%u: %s",
                      decision_class(d->state), idx, cov_decision_kind_name(d->kind),
                      d->from_macro ? ", macro" : "", d->line, d->col, d->end_line, d->end_col,
                      cov_decision_state_name(d->state));
    if (d->reason) {
        report_buf_puts(b, " &#8212; ");
        report_buf_markup(b, d->reason);
    } else {
        report_buf_printf(b, " &#8212; outcomes True %s, False %s",
                          d->outcome_true ? "yes" : "no", d->outcome_false ? "yes" : "no");
        if (pk)
            report_buf_printf(b, "; %u/%u conditions with a %s pair", paired, d->nconds, pk);
    }
    ReportBuf x;   /* its exemptions, one line each (decision_render.h) */
    report_buf_init(&x);
    report_decision_exemptions(&x, r, d, "");
    if (*report_buf_str(&x))
        report_buf_puts(b, " &#8212; exempted");
    report_buf_puts(b, "</summary>\n");
    if (*report_buf_str(&x)) {
        report_buf_puts(b, "<pre class=\"dec-exempt\">");
        report_buf_markup(b, report_buf_str(&x));
        report_buf_puts(b, "</pre>\n");
    }
    report_buf_free(&x);
    report_buf_puts(b, "<p class=\"tree\">tree <code>");
    ReportBuf t;
    report_buf_init(&t);
    report_decision_tree(&t, d);
    report_buf_markup(b, report_buf_str(&t));
    report_buf_free(&t);
    report_buf_puts(b, "</code></p>\n<table class=\"vectors\"><thead><tr><th>#</th>");
    for (unsigned c = 0; c < d->nconds; c++) {
        const CovCondition *cd = &d->conds[c];
        report_buf_printf(b, "<th title=\"%u:%u&#8211;%u:%u", cd->line, cd->col, cd->end_line,
                          cd->end_col);
        if (cd->macro) {
            report_buf_puts(b, " (expansion of ");
            report_buf_markup(b, cd->macro);
            report_buf_printf(b, " at %u:%u)", cd->macro_line, cd->macro_col);
        } else if (cd->from_macro) {
            report_buf_puts(b, " (in a macro expansion)");
        }
        report_buf_printf(b, "\">c%u <code>", c + 1);
        report_buf_markup(b, d->conds[c].text);
        report_buf_puts(b, "</code></th>");
    }
    report_buf_puts(b, "<th>outcome</th><th class=\"num\">count</th></tr></thead><tbody>");
    for (unsigned k = 0; k < d->nvectors; k++) {
        const CovEvalVector *v = &d->vectors[k];
        report_buf_printf(b, "<tr><td>%u</td>", k + 1);
        for (unsigned c = 0; c < d->nconds; c++)
            report_buf_printf(b, "<td>%c</td>", v->values[c]);
        report_buf_printf(b, "<td>%c</td><td class=\"num\">%" PRIu64 "</td></tr>", v->outcome,
                          v->count);
    }
    if (!d->nvectors)
        report_buf_printf(b, "<tr><td colspan=\"%u\">%s</td></tr>", d->nconds + 3,
                          d->reason ? "not analysed" : "never evaluated");
    report_buf_puts(b, "</tbody></table>\n");
    if (pk && !d->reason) {
        report_buf_puts(b, "<ul class=\"pairs\">");
        for (unsigned c = 0; c < d->nconds; c++) {
            const int *p = report_condition_pair(&d->conds[c], r->level);
            report_buf_printf(b, "<li class=\"%s\">c%u <code>", p[0] >= 0 ? "pair" : "nopair",
                              c + 1);
            report_buf_markup(b, d->conds[c].text);
            if (p[0] >= 0)
                report_buf_printf(b, "</code>: %s pair, vectors %d and %d</li>", pk, p[0] + 1,
                                  p[1] + 1);
            else
                report_buf_printf(b, "</code>: no %s pair</li>", pk);
        }
        report_buf_puts(b, "</ul>\n");
    }
    report_buf_puts(b, "</details>");
}

static void put_line_decisions(ReportBuf *b, const CovReport *r, const CovLine *ln)
{
    for (unsigned d = 0; d < ln->decisions.n; d++)
        put_decision(b, r, &ln->decisions.v[d], d + 1);
}

/* The exemptions of file `only` (all files when -1): a table linking to
 * their first line, with what they cover, their state and justification. */
static void put_exemptions(ReportBuf *b, const CovReport *r, int only)
{
    unsigned n = 0;
    for (unsigned i = 0; i < r->nexemptions; i++)
        n += only < 0 || r->exemptions[i].file == only;
    if (n == 0) {
        if (only < 0)
            report_buf_puts(b, "<p>No exemption.</p>\n");
        return;
    }
    if (only >= 0)
        report_buf_puts(b, "<h2>Exempted regions</h2>\n");
    report_buf_printf(b, "<p>%u exemption%s, %u exempted obligation%s, %u of them violated.</p>\n",
                      n, n == 1 ? "" : "s", r->totals.exempted,
                      r->totals.exempted == 1 ? "" : "s", report_exempted_violations(r));
    report_buf_puts(b, "<table class=\"exemptions\"><thead><tr><th>Mark</th><th>Where</th>"
                       "<th>Exempts</th><th class=\"num\">Violated</th>"
                       "<th>Justification</th></tr></thead><tbody>\n");
    for (unsigned i = 0; i < r->nexemptions; i++) {
        const CovExemption *x = &r->exemptions[i];
        if (only >= 0 && x->file != only)
            continue;
        char mark = x->violated ? COV_MARK_EXEMPT_VIOLATED : COV_MARK_EXEMPT;
        char what[128], page[128] = "";
        report_exemption_what(x, what, sizeof what);
        if (x->file >= 0 && (unsigned)x->file < r->nfiles && only < 0)
            file_page_name(r, (unsigned)x->file, page, sizeof page);
        report_buf_printf(b, "<tr class=\"%s\"><td class=\"m\">%c</td><td><a href=\"",
                          mark_class(mark), mark);
        report_buf_markup(b, page);
        report_buf_printf(b, "#L%u\">", x->first_line);
        if (x->file >= 0 && (unsigned)x->file < r->nfiles)
            report_buf_markup(b, display_name(&r->files[x->file]));
        report_buf_printf(b, ":%u</a></td><td>", x->first_line);
        report_buf_markup(b, what);
        report_buf_printf(b, "</td><td class=\"num\">%u/%u</td><td class=\"exemption\">",
                          x->violated, x->obligations);
        report_buf_markup(b, x->justification);
        report_buf_puts(b, "</td></tr>\n");
    }
    report_buf_puts(b, "</tbody></table>\n");
}

static void put_source_line(ReportBuf *b, const CovReport *r, const CovLine *ln)
{
    report_buf_printf(b, "<tr id=\"L%u\" class=\"%s\" data-mark=\"", ln->number,
                      mark_class(ln->mark));
    put_mark(b, ln->mark);
    report_buf_printf(b, "\"><td class=\"n\"><a href=\"#L%u\">%u</a></td><td class=\"m\">",
                      ln->number, ln->number);
    put_mark(b, ln->mark);
    report_buf_puts(b, "</td><td class=\"c\">");
    if (ln->count)
        report_buf_printf(b, "%" PRIu64, ln->count);
    report_buf_puts(b, "</td><td class=\"t\"><code>");
    report_buf_markup(b, ln->text);
    report_buf_puts(b, "</code>");
    if (ln->nviolations) {
        report_buf_puts(b, "<ul class=\"viol\">");
        for (unsigned v = 0; v < ln->nviolations; v++) {
            const CovViolation *vi = &ln->violations[v];
            report_buf_puts(b, "<li>");
            put_violation_place(b, vi, ln->number);
            report_buf_markup(b, vi->message ? vi->message : vi->kind);
            if (vi->kind) {
                report_buf_puts(b, " <span class=\"kind\">(");
                report_buf_markup(b, vi->kind);
                report_buf_puts(b, ")</span>");
            }
            if (vi->exempted)
                report_buf_puts(b, " <span class=\"exempted\">[exempted]</span>");
            report_buf_puts(b, "</li>");
        }
        report_buf_puts(b, "</ul>");
    }
    if (ln->exemption) {
        report_buf_puts(b, "<div class=\"exemption\">exempted: ");
        report_buf_markup(b, ln->exemption);
        report_buf_puts(b, "</div>");
    }
    put_line_decisions(b, r, ln);
    if (report_level_is_object(r->level) && ln->ninsns) {
        report_buf_printf(b, "<details class=\"obj\"><summary>%u instruction%s</summary>"
                             "<pre class=\"insns\">", ln->ninsns, ln->ninsns == 1 ? "" : "s");
        for (unsigned k = 0; k < ln->ninsns; k++)
            if (ln->insns[k] < r->ninsns)
                put_insn(b, r, &r->insns[ln->insns[k]]);
        report_buf_puts(b, "</pre></details>");
    }
    report_buf_puts(b, "</td></tr>\n");
}

static const char legend_html[] =
    "<p class=\"legend\">"
    "<span class=\"m-cov\">+ covered</span>"
    "<span class=\"m-notcov\">- not covered</span>"
    "<span class=\"m-partial\">! partially covered</span>"
    "<span class=\"m-undet\">? undetermined</span>"
    "<span class=\"m-exempt\"># exempted</span>"
    "<span class=\"m-exviol\">* exempted, with violations</span>"
    "<span>. no code</span></p>\n";

static int render_file_page(const CovReport *r, unsigned fi, const char *meta_common,
                            const char *outdir, char *err, size_t errlen)
{
    const CovFile *f = &r->files[fi];
    ReportBuf name, meta, warn, summary, source, page;
    report_buf_init(&name);
    report_buf_init(&meta);
    report_buf_init(&warn);
    report_buf_init(&summary);
    report_buf_init(&source);
    report_buf_init(&page);

    report_buf_markup(&name, display_name(f));
    report_buf_puts(&meta, "<code>");
    report_buf_markup(&meta, f->path ? f->path : display_name(f));
    report_buf_printf(&meta, "</code><br>%s", meta_common);
    if (!f->source_available)
        report_buf_puts(&warn, "<p class=\"warning\">Source not available: lines and marks "
                               "come from the DWARF line table only.</p>\n");
    put_summary(&summary, r->level, &f->counts);
    put_exemptions(&summary, r, (int)fi);
    if (f->nlines == 0) {
        report_buf_puts(&source, "<p class=\"nosrc\">No lines.</p>\n");
    } else {
        report_buf_puts(&source, "<table class=\"src\" id=\"src\"><tbody>\n");
        for (unsigned l = 0; l < f->nlines; l++)
            put_source_line(&source, r, &f->lines[l]);
        report_buf_puts(&source, "</tbody></table>\n");
    }
    TplVar vars[] = {
        { "tool", "" }, { "level", "" }, { "name", report_buf_str(&name) },
        { "meta", report_buf_str(&meta) }, { "warnings", report_buf_str(&warn) },
        { "summary", report_buf_str(&summary) }, { "legend", legend_html },
        { "source", report_buf_str(&source) },
    };
    ReportBuf tool, level;
    report_buf_init(&tool);
    report_buf_init(&level);
    report_buf_markup(&tool, r->tool_version ? r->tool_version : "xcov");
    report_buf_markup(&level, cov_level_name(r->level));
    vars[0].value = report_buf_str(&tool);
    vars[1].value = report_buf_str(&level);

    int rc = tpl_expand(&page, "file.html", vars, sizeof vars / sizeof vars[0], err, errlen);
    if (rc == 0) {
        char fname[128];
        file_page_name(r, fi, fname, sizeof fname);
        bool oom = name.failed || meta.failed || warn.failed || summary.failed ||
                   source.failed || tool.failed || level.failed;
        rc = oom ? report_fail(err, errlen, "out of memory while rendering %s", fname)
                 : report_write_buf(outdir, fname, &page, err, errlen);
    }
    report_buf_free(&name);
    report_buf_free(&meta);
    report_buf_free(&warn);
    report_buf_free(&summary);
    report_buf_free(&source);
    report_buf_free(&page);
    report_buf_free(&tool);
    report_buf_free(&level);
    return rc;
}

/* First instruction at or above addr (insns are sorted by address). */
static unsigned insn_lower_bound(const CovReport *r, uint64_t addr)
{
    unsigned lo = 0, hi = r->ninsns;
    while (lo < hi) {
        unsigned mid = lo + (hi - lo) / 2;
        if (r->insns[mid].addr < addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void put_untraceable_ranges(ReportBuf *b, const CovReport *r)
{
    if (r->nuntraceable == 0) {
        report_buf_puts(b, "<p>None: every instruction maps to a source line.</p>\n");
        return;
    }
    report_buf_puts(b, "<table id=\"untraceable-table\"><thead><tr><th>From</th><th>To</th>"
                       "<th class=\"num\">Bytes</th><th>Symbol</th><th>Instructions</th>"
                       "</tr></thead><tbody>\n");
    for (unsigned i = 0; i < r->nuntraceable; i++) {
        uint64_t lo = r->untraceable[i].lo, hi = r->untraceable[i].hi;
        report_buf_printf(b, "<tr id=\"U%u\"><td><code>", i);
        put_addr(b, lo);
        report_buf_puts(b, "</code></td><td><code>");
        put_addr(b, hi);
        report_buf_printf(b, "</code></td><td class=\"num\">%" PRIu64 "</td><td><code>",
                          hi - lo);
        report_buf_markup(b, r->untraceable[i].symbol ? r->untraceable[i].symbol : "");
        report_buf_puts(b, "</code></td><td><pre class=\"insns\">");
        for (unsigned k = insn_lower_bound(r, lo); k < r->ninsns && r->insns[k].addr < hi; k++)
            put_insn(b, r, &r->insns[k]);
        report_buf_puts(b, "</pre></td></tr>\n");
    }
    report_buf_puts(b, "</tbody></table>\n");
}

static int copy_asset(const char *name, const char *outdir, char *err, size_t errlen)
{
    const ReportTemplate *t = tpl_find(name);
    if (!t)
        return report_fail(err, errlen, "html: template %s is missing", name);
    return report_write_file(outdir, name, t->text, t->len, err, errlen);
}

static int html_render(const CovReport *r, const char *outdir, char *err, size_t errlen)
{
    enum { TOOL, LEVEL, META, WARN, SUMMARY, NOTES, FILES, FUNCS, UNTR, RUNS, RANGES, EXEMPT,
           NPART };
    ReportBuf part[NPART], page;
    for (int i = 0; i < NPART; i++)
        report_buf_init(&part[i]);
    report_buf_init(&page);

    report_buf_markup(&part[TOOL], r->tool_version ? r->tool_version : "xcov");
    report_buf_markup(&part[LEVEL], cov_level_name(r->level));
    put_meta(&part[META], r);
    put_warnings(&part[WARN], r);
    put_summary(&part[SUMMARY], r->level, &r->totals);
    put_notes(&part[NOTES], r);
    put_files_table(&part[FILES], r);
    put_functions_table(&part[FUNCS], r);
    put_untraceable_summary(&part[UNTR], r);
    put_runs_table(&part[RUNS], r);
    put_untraceable_ranges(&part[RANGES], r);
    put_exemptions(&part[EXEMPT], r, -1);

    int rc = 0;
    for (int i = 0; i < NPART; i++)
        if (part[i].failed)
            rc = report_fail(err, errlen, "out of memory while rendering the html report");
    TplVar vars[] = {
        { "tool", report_buf_str(&part[TOOL]) }, { "level", report_buf_str(&part[LEVEL]) },
        { "meta", report_buf_str(&part[META]) }, { "warnings", report_buf_str(&part[WARN]) },
        { "summary", report_buf_str(&part[SUMMARY]) }, { "notes", report_buf_str(&part[NOTES]) },
        { "files", report_buf_str(&part[FILES]) }, { "functions", report_buf_str(&part[FUNCS]) },
        { "untraceable", report_buf_str(&part[UNTR]) }, { "runs", report_buf_str(&part[RUNS]) },
        { "ranges", report_buf_str(&part[RANGES]) },
        { "exemptions", report_buf_str(&part[EXEMPT]) },
    };
    const unsigned nvars = sizeof vars / sizeof vars[0];
    if (rc == 0)
        rc = tpl_expand(&page, "index.html", vars, nvars, err, errlen);
    if (rc == 0)
        rc = report_write_buf(outdir, "index.html", &page, err, errlen);
    if (rc == 0) {
        report_buf_reset(&page);
        rc = tpl_expand(&page, "untraceable.html", vars, nvars, err, errlen);
    }
    if (rc == 0)
        rc = report_write_buf(outdir, "untraceable.html", &page, err, errlen);
    for (unsigned i = 0; rc == 0 && i < r->nfiles; i++)
        rc = render_file_page(r, i, report_buf_str(&part[META]), outdir, err, errlen);
    if (rc == 0)
        rc = copy_asset("emucov.css", outdir, err, errlen);
    if (rc == 0)
        rc = copy_asset("emucov.js", outdir, err, errlen);

    for (int i = 0; i < NPART; i++)
        report_buf_free(&part[i]);
    report_buf_free(&page);
    return rc;
}

const ReportRenderer report_html = {
    .name = "html",
    .description = "index.html and annotated source pages (offline, no external resources)",
    .render = html_render,
};
