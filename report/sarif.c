/*
 * report/sarif.c - the "sarif" renderer: <outdir>/coverage.sarif, the
 * report's violations as a SARIF 2.1.0 log (OASIS Static Analysis Results
 * Interchange Format 2.1.0, Errata 01), for code-scanning tools.
 *
 * One run (§3.14) whose tool.driver (§3.18, §3.19) is xcov with one rule
 * (reportingDescriptor, §3.49) per violation kind used, sorted by id; one
 * result (§3.27) per violation in file / line / report order:
 *   - ruleId = the violation kind (report.h CovViolation.kind), ruleIndex
 *     its index in driver.rules;
 *   - level (§3.27.10): "warning" for the undetermined kinds (the binary
 *     cannot tell: the message carries the reason), "error" otherwise;
 *   - message.text = the violation's message;
 *   - one physicalLocation (§3.29): artifactLocation.uri (the file's path
 *     as a file:// URI when absolute, else its display name; RFC 3986
 *     percent-encoding) and region (§3.30) with 1-based lines/columns; the
 *     SARIF endColumn is the column after the last character (§3.30.7),
 *     which is CovViolation's end_col convention; col 0 (whole line) gives
 *     a region of lines only;
 *   - an exempted violation (CovViolation.exempted: a region, or the
 *     decision outcome / condition exemption the decision model names)
 *     carries suppressions (§3.27.23) kind "inSource" with that
 *     exemption's justification; other violations of the line none.
 * Deterministic: no timestamps, no invocation object.
 */
#include "decision_render.h"

#include <stdlib.h>
#include <string.h>

static bool is_undetermined(const char *kind)
{
    return kind && strstr(kind, "undetermined") != NULL;
}

/* Short descriptions of the kinds the engine emits (docs/report-formats.md). */
static const char *rule_text(const char *kind)
{
    static const struct { const char *k, *t; } d[] = {
        {"stmt-not-executed", "statement not executed"},
        {"decision-outcome-true", "decision outcome True never exercised"},
        {"decision-outcome-false", "decision outcome False never exercised"},
        {"mcdc-independence", "condition without an independence pair (MC/DC)"},
        {"decision-undetermined", "decision undetermined from the binary (reason given)"},
        {"mcdc-undetermined", "MC/DC undetermined: the decision map is undetermined"},
        {"undetermined", "coverage undetermined from the binary"},
        {"stmt-undetermined", "statement coverage undetermined from the binary"},
        {"insn-not-executed", "instruction not executed"},
        {"branch-not-taken", "conditional branch never taken"},
        {"branch-not-fallthrough", "conditional branch never fallen through"},
    };
    for (unsigned i = 0; i < sizeof d / sizeof d[0]; i++)
        if (!strcmp(d[i].k, kind))
            return d[i].t;
    return kind;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Distinct violation kinds, sorted (static strings owned by the model). */
static const char **collect_rules(const CovReport *r, unsigned *n)
{
    unsigned cap = 16;
    const char **v = malloc(cap * sizeof *v);
    *n = 0;
    if (!v)
        return NULL;
    for (unsigned i = 0; i < r->nfiles; i++)
        for (unsigned l = 0; l < r->files[i].nlines; l++) {
            const CovLine *L = &r->files[i].lines[l];
            for (unsigned k = 0; k < L->nviolations; k++) {
                const char *kind = L->violations[k].kind ? L->violations[k].kind : "violation";
                bool seen = false;
                for (unsigned j = 0; j < *n && !seen; j++)
                    seen = !strcmp(v[j], kind);
                if (seen)
                    continue;
                if (*n == cap) {
                    const char **g = realloc(v, 2 * cap * sizeof *v);
                    if (!g) {
                        free(v);
                        return NULL;
                    }
                    v = g;
                    cap *= 2;
                }
                v[(*n)++] = kind;
            }
        }
    qsort(v, *n, sizeof *v, cmp_str);
    return v;
}

static void put_uri(ReportBuf *b, const CovFile *f)
{
    const char *p = f->path && f->path[0] == '/' ? f->path : f->name;
    ReportBuf u;
    report_buf_init(&u);
    if (p && p[0] == '/')
        report_buf_puts(&u, "file://");
    for (const unsigned char *s = (const unsigned char *)(p ? p : ""); *s; s++) {
        if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
            strchr("-._~/", *s))
            report_buf_putc(&u, (char)*s);
        else
            report_buf_printf(&u, "%%%02X", *s);
    }
    report_buf_json(b, report_buf_str(&u));
    report_buf_free(&u);
}

static void put_result(ReportBuf *b, const CovReport *r, unsigned fi, const CovLine *L,
                       const CovViolation *v, const char *kind, unsigned rule, bool first)
{
    report_buf_puts(b, first ? "\n        {" : ",\n        {");
    report_buf_puts(b, "\"ruleId\": ");
    report_buf_json(b, kind);
    report_buf_printf(b, ", \"ruleIndex\": %u, \"level\": \"%s\",\n         \"message\": {\"text\": ",
                      rule, is_undetermined(kind) ? "warning" : "error");
    report_buf_json(b, v->message ? v->message : rule_text(kind));
    report_buf_puts(b, "},\n         \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ");
    put_uri(b, &r->files[fi]);
    unsigned line = v->line ? v->line : L->number;
    report_buf_printf(b, "}, \"region\": {\"startLine\": %u", line);
    if (v->col)
        report_buf_printf(b, ", \"startColumn\": %u", v->col);
    if (v->end_line >= line) {
        report_buf_printf(b, ", \"endLine\": %u", v->end_line);
        if (v->col && v->end_col > (v->end_line == line ? v->col : 0))
            report_buf_printf(b, ", \"endColumn\": %u", v->end_col);
    }
    report_buf_puts(b, "}}}]");
    if (v->exempted) {
        int x = cov_violation_exemption(r, (int)fi, L, v);
        const char *why = x >= 0 && r->exemptions[x].justification ? r->exemptions[x].justification
                          : L->exemption ? L->exemption : "exempted";
        report_buf_puts(b, ",\n         \"suppressions\": [{\"kind\": \"inSource\", \"justification\": ");
        report_buf_json(b, why);
        report_buf_puts(b, "}]");
    }
    report_buf_putc(b, '}');
}

static int sarif_render(const CovReport *r, const char *outdir, char *err, size_t errlen)
{
    unsigned nrules = 0;
    const char **rules = collect_rules(r, &nrules);
    if (!rules)
        return report_fail(err, errlen, "sarif: out of memory");
    ReportBuf b;
    report_buf_init(&b);
    report_buf_puts(&b, "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
                        "  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n"
                        "      \"tool\": {\"driver\": {\"name\": \"xcov\", \"version\": ");
    const char *ver = r->tool_version ? strchr(r->tool_version, ' ') : NULL;
    report_buf_json(&b, ver ? ver + 1 : r->tool_version ? r->tool_version : "0");
    report_buf_puts(&b, ",\n        \"rules\": [");
    for (unsigned i = 0; i < nrules; i++) {
        report_buf_puts(&b, i ? ",\n          {\"id\": " : "\n          {\"id\": ");
        report_buf_json(&b, rules[i]);
        report_buf_puts(&b, ", \"shortDescription\": {\"text\": ");
        report_buf_json(&b, rule_text(rules[i]));
        report_buf_printf(&b, "}, \"defaultConfiguration\": {\"level\": \"%s\"}}",
                          is_undetermined(rules[i]) ? "warning" : "error");
    }
    report_buf_puts(&b, nrules ? "\n        ]}},\n" : "]}},\n");
    report_buf_puts(&b, "      \"properties\": {\"coverageLevel\": ");
    report_buf_json(&b, cov_level_name(r->level));
    report_buf_puts(&b, "},\n      \"results\": [");
    bool first = true;
    for (unsigned i = 0; i < r->nfiles; i++) {
        const CovFile *f = &r->files[i];
        for (unsigned l = 0; l < f->nlines; l++) {
            const CovLine *L = &f->lines[l];
            for (unsigned k = 0; k < L->nviolations; k++) {
                const char *kind = L->violations[k].kind ? L->violations[k].kind : "violation";
                unsigned ri = 0;
                while (ri < nrules && strcmp(rules[ri], kind))
                    ri++;
                put_result(&b, r, i, L, &L->violations[k], kind, ri, first);
                first = false;
            }
        }
    }
    report_buf_puts(&b, first ? "]\n    }\n  ]\n}\n" : "\n      ]\n    }\n  ]\n}\n");
    free(rules);
    int rc = report_write_buf(outdir, "coverage.sarif", &b, err, errlen);
    report_buf_free(&b);
    return rc;
}

const ReportRenderer report_sarif = {
    .name = "sarif",
    .description = "coverage.sarif: violations as a SARIF 2.1.0 log (code scanning)",
    .render = sarif_render,
};
