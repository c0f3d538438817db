/*
 * report/json.c - the "json" renderer: <outdir>/coverage.json, the whole
 * CovReport as one JSON document following docs/json-schema.json
 * (format "emucov-coverage", format_version 1; docs/report-formats.md).
 *
 * Layout: two-space indentation down to one entry per line of source,
 * per instruction, per function, so diffs of two reports stay readable.
 * Integers are written exactly (uint64); addresses are plain integers.
 */
#include "render_util.h"
#include "decision_render.h"

#include <inttypes.h>

#define JSON_FORMAT_VERSION 1

static const char *branch_state_name(CovBranchState s)
{
    switch (s) {
    case COV_BRANCH_NONE: return "none";
    case COV_BRANCH_NEVER: return "never";
    case COV_BRANCH_TAKEN: return "taken";
    case COV_BRANCH_NOT_TAKEN: return "not-taken";
    case COV_BRANCH_BOTH: return "both";
    }
    return "none";
}

static void put_key(ReportBuf *b, const char *key)
{
    report_buf_json(b, key);
    report_buf_putc(b, ':');
}

static void put_str_field(ReportBuf *b, const char *key, const char *v, bool comma)
{
    put_key(b, key);
    report_buf_json(b, v);
    if (comma)
        report_buf_putc(b, ',');
}

static void put_u64_field(ReportBuf *b, const char *key, uint64_t v, bool comma)
{
    put_key(b, key);
    report_buf_printf(b, "%" PRIu64 "%s", v, comma ? "," : "");
}

static void put_bool_field(ReportBuf *b, const char *key, bool v, bool comma)
{
    put_key(b, key);
    report_buf_printf(b, "%s%s", v ? "true" : "false", comma ? "," : "");
}

/* An index (files, exemptions), null when negative. */
static void put_file_ref(ReportBuf *b, const char *key, int file, bool comma)
{
    put_key(b, key);
    if (file < 0)
        report_buf_puts(b, "null");
    else
        report_buf_printf(b, "%d", file);
    if (comma)
        report_buf_putc(b, ',');
}

static void put_mark(ReportBuf *b, char mark)
{
    char s[2] = { mark, '\0' };
    report_buf_json(b, s);
}

static void put_counts(ReportBuf *b, const CovCounts *c)
{
    report_buf_printf(b,
        "{\"stmt\":{\"total\":%u,\"covered\":%u},"
        "\"insn\":{\"total\":%u,\"covered\":%u},"
        "\"branch\":{\"total\":%u,\"covered\":%u},"
        "\"decision\":{\"total\":%u,\"covered\":%u},"
        "\"mcdc\":{\"total\":%u,\"covered\":%u},"
        "\"line\":{\"total\":%u,\"covered\":%u},"
        "\"undetermined\":%u,\"exempted\":%u}",
        c->stmt_total, c->stmt_covered, c->insn_total, c->insn_covered,
        c->branch_total, c->branch_covered, c->decision_total, c->decision_covered,
        c->mcdc_total, c->mcdc_covered, c->line_total, c->line_covered,
        c->undetermined, c->exempted);
}

static void put_runs(ReportBuf *b, const CovReport *r)
{
    report_buf_puts(b, "  \"runs\": [");
    for (unsigned i = 0; i < r->nruns; i++) {
        const CovRun *run = &r->runs[i];
        char tsha[65], esha[65];
        report_hex_sha256(run->trace_sha256, tsha);
        report_hex_sha256(run->elf_sha256, esha);
        report_buf_puts(b, i ? ",\n    {" : "\n    {");
        put_str_field(b, "test_name", run->test_name, true);
        put_str_field(b, "trace_path", run->trace_path, true);
        put_str_field(b, "trace_sha256", tsha, true);
        put_str_field(b, "elf_path", run->elf_path, true);
        put_str_field(b, "elf_sha256", esha, true);
        put_u64_field(b, "insns", run->insns, true);
        put_u64_field(b, "blocks", run->blocks, true);
        put_bool_field(b, "damaged", run->damaged, false);
        report_buf_putc(b, '}');
    }
    report_buf_puts(b, r->nruns ? "\n  ],\n" : "],\n");
}

static void put_pair_field(ReportBuf *b, const char *key, const int *p, bool comma)
{
    put_key(b, key);
    if (p[0] < 0)
        report_buf_puts(b, "null");
    else
        report_buf_printf(b, "[%d,%d]", p[0], p[1]);
    if (comma)
        report_buf_putc(b, ',');
}

/* One decision (report.h CovDecision; docs/json-schema.json $defs/decision).
 * Vector indices in the pairs are 0-based indices into "vectors". */
static void put_decision(ReportBuf *b, const CovReport *r, const CovDecision *d)
{
    report_buf_printf(b, "{\"line\":%u,\"col\":%u,\"end_line\":%u,\"end_col\":%u,", d->line,
                      d->col, d->end_line, d->end_col);
    put_str_field(b, "kind", cov_decision_kind_name(d->kind), true);
    put_bool_field(b, "from_macro", d->from_macro, true);
    put_str_field(b, "state", cov_decision_state_name(d->state), true);
    put_str_field(b, "reason", d->reason, true);
    put_key(b, "tree");
    ReportBuf t;
    report_buf_init(&t);
    report_decision_tree(&t, d);
    report_buf_json(b, report_buf_str(&t));
    report_buf_free(&t);
    report_buf_printf(b, ",\"outcomes\":{\"true\":%s,\"false\":%s},",
                      d->outcome_true ? "true" : "false", d->outcome_false ? "true" : "false");
    report_buf_puts(b, "\"exemptions\":{");
    put_file_ref(b, "true", d->exempt_true, true);
    put_file_ref(b, "false", d->exempt_false, false);
    report_buf_puts(b, "},");
    put_str_field(b, "pair_kind", report_pair_kind(r->level), true);
    report_buf_puts(b, "\"conditions\":[");
    for (unsigned c = 0; c < d->nconds; c++) {
        const CovCondition *cd = &d->conds[c];
        report_buf_printf(b, "%s{\"line\":%u,\"col\":%u,\"end_line\":%u,\"end_col\":%u,",
                          c ? "," : "", cd->line, cd->col, cd->end_line, cd->end_col);
        put_str_field(b, "text", cd->text, true);
        put_bool_field(b, "from_macro", cd->from_macro, true);
        put_key(b, "macro");
        if (cd->macro) {
            report_buf_putc(b, '{');
            put_str_field(b, "name", cd->macro, true);
            put_u64_field(b, "line", cd->macro_line, true);
            put_u64_field(b, "col", cd->macro_col, false);
            report_buf_puts(b, "},");
        } else {
            report_buf_puts(b, "null,");
        }
        put_pair_field(b, "unique_cause_pair", cd->uc_pair, true);
        put_pair_field(b, "masking_pair", cd->masking_pair, true);
        put_bool_field(b, "covered", cd->covered, true);
        put_file_ref(b, "exemption", cd->exemption, false);
        report_buf_putc(b, '}');
    }
    report_buf_puts(b, "],\"vectors\":[");
    for (unsigned k = 0; k < d->nvectors; k++) {
        const CovEvalVector *v = &d->vectors[k];
        char o[2] = {v->outcome, 0};
        report_buf_puts(b, k ? ",{" : "{");
        put_str_field(b, "values", v->values, true);
        put_str_field(b, "outcome", o, true);
        put_u64_field(b, "count", v->count, false);
        report_buf_putc(b, '}');
    }
    report_buf_puts(b, "]}");
}

/* Decision levels only: the line's decisions (absent below stmt+decision). */
static void put_line_decisions(ReportBuf *b, const CovReport *r, const CovLine *ln)
{
    if (r->level < COV_LEVEL_STMT_DECISION)
        return;
    report_buf_puts(b, ",\"decisions\":[");
    for (unsigned d = 0; d < ln->decisions.n; d++) {
        if (d)
            report_buf_putc(b, ',');
        put_decision(b, r, &ln->decisions.v[d]);
    }
    report_buf_putc(b, ']');
}

static void put_decision_counts(ReportBuf *b, const CovReport *r, const CovDecisionCounts *c)
{
    if (r->level < COV_LEVEL_STMT_DECISION)
        return;
    report_buf_printf(b,
        ",\"decision_summary\":{\"decisions\":%u,\"covered\":%u,\"partially_covered\":%u,"
        "\"not_covered\":%u,\"undetermined\":%u,\"conditions\":%u,"
        "\"conditions_covered\":%u,\"conditions_undetermined\":%u}",
        c->decisions, c->covered, c->partial, c->not_covered, c->undetermined, c->conditions,
        c->conditions_covered, c->conditions_undetermined);
}

static void put_line(ReportBuf *b, const CovReport *r, const CovLine *ln)
{
    report_buf_printf(b, "{\"number\":%u,\"mark\":", ln->number);
    put_mark(b, ln->mark);
    report_buf_putc(b, ',');
    put_u64_field(b, "count", ln->count, true);
    put_str_field(b, "text", ln->text, true);
    put_str_field(b, "exemption", ln->exemption, true);
    put_key(b, "violations");
    report_buf_putc(b, '[');
    for (unsigned v = 0; v < ln->nviolations; v++) {
        const CovViolation *vi = &ln->violations[v];
        report_buf_printf(b, "%s{\"line\":%u,\"col\":%u,\"end_line\":%u,\"end_col\":%u,",
                          v ? "," : "", vi->line, vi->col, vi->end_line, vi->end_col);
        put_str_field(b, "kind", vi->kind, true);
        put_str_field(b, "message", vi->message, true);
        put_bool_field(b, "exempted", vi->exempted, false);
        report_buf_putc(b, '}');
    }
    report_buf_puts(b, "],");
    put_key(b, "insns");
    report_buf_putc(b, '[');
    for (unsigned k = 0; k < ln->ninsns; k++)
        report_buf_printf(b, "%s%" PRIu32, k ? "," : "", ln->insns[k]);
    report_buf_putc(b, ']');
    put_line_decisions(b, r, ln);
    report_buf_putc(b, '}');
}

static void put_files(ReportBuf *b, const CovReport *r)
{
    report_buf_puts(b, "  \"files\": [");
    for (unsigned i = 0; i < r->nfiles; i++) {
        const CovFile *f = &r->files[i];
        report_buf_puts(b, i ? ",\n    {" : "\n    {");
        put_u64_field(b, "index", i, true);
        put_str_field(b, "path", f->path, true);
        put_str_field(b, "name", f->name, true);
        put_bool_field(b, "source_available", f->source_available, true);
        put_key(b, "counts");
        put_counts(b, &f->counts);
        put_decision_counts(b, r, &f->dcounts);
        report_buf_puts(b, ",\n     \"lines\": [");
        for (unsigned l = 0; l < f->nlines; l++) {
            report_buf_puts(b, l ? ",\n      " : "\n      ");
            put_line(b, r, &f->lines[l]);
        }
        report_buf_puts(b, f->nlines ? "\n     ]}" : "]}");
    }
    report_buf_puts(b, r->nfiles ? "\n  ],\n" : "],\n");
}

static void put_functions(ReportBuf *b, const CovReport *r)
{
    report_buf_puts(b, "  \"functions\": [");
    for (unsigned i = 0; i < r->nfunctions; i++) {
        const CovFunction *fn = &r->functions[i];
        report_buf_puts(b, i ? ",\n    {" : "\n    {");
        put_str_field(b, "name", fn->name, true);
        put_file_ref(b, "file", fn->file, true);
        put_u64_field(b, "first_line", fn->first_line, true);
        put_u64_field(b, "last_line", fn->last_line, true);
        put_u64_field(b, "lo", fn->lo, true);
        put_u64_field(b, "hi", fn->hi, true);
        put_u64_field(b, "entry_count", fn->entry_count, true);
        put_key(b, "counts");
        put_counts(b, &fn->counts);
        report_buf_putc(b, '}');
    }
    report_buf_puts(b, r->nfunctions ? "\n  ],\n" : "],\n");
}

static void put_insns(ReportBuf *b, const CovReport *r)
{
    report_buf_puts(b, "  \"insns\": [");
    for (unsigned i = 0; i < r->ninsns; i++) {
        const CovInsn *in = &r->insns[i];
        report_buf_puts(b, i ? ",\n    {" : "\n    {");
        put_u64_field(b, "addr", in->addr, true);
        put_u64_field(b, "len", in->len, true);
        put_str_field(b, "disasm", in->disasm, true);
        put_bool_field(b, "executed", in->executed, true);
        put_str_field(b, "branch", branch_state_name(in->branch), true);
        put_u64_field(b, "count", in->count, true);
        put_file_ref(b, "file", in->file, true);
        put_u64_field(b, "line", in->line, true);
        put_u64_field(b, "col", in->col, false);
        report_buf_putc(b, '}');
    }
    report_buf_puts(b, r->ninsns ? "\n  ],\n" : "],\n");
}

static void put_untraceable(ReportBuf *b, const CovReport *r)
{
    report_buf_puts(b, "  \"untraceable\": [");
    for (unsigned i = 0; i < r->nuntraceable; i++) {
        report_buf_puts(b, i ? ",\n    {" : "\n    {");
        put_u64_field(b, "lo", r->untraceable[i].lo, true);
        put_u64_field(b, "hi", r->untraceable[i].hi, true);
        put_str_field(b, "symbol", r->untraceable[i].symbol, false);
        report_buf_putc(b, '}');
    }
    report_buf_puts(b, r->nuntraceable ? "\n  ],\n" : "],\n");
}

static void put_blocks(ReportBuf *b, const CovReport *r)
{
    report_buf_puts(b, "  \"blocks\": [");
    for (unsigned i = 0; i < r->nblocks; i++)
        report_buf_printf(b, "%s{\"addr\":%" PRIu64 ",\"size\":%" PRIu32 "}",
                          i ? ",\n    " : "\n    ", r->blocks[i].addr, r->blocks[i].size);
    report_buf_puts(b, r->nblocks ? "\n  ],\n" : "],\n");
}

/* Exemptions (docs/coverage-semantics.md §6), in the report's order. */
static void put_exemptions(ReportBuf *b, const CovReport *r)
{
    report_buf_puts(b, "  \"exemptions\": [");
    for (unsigned i = 0; i < r->nexemptions; i++) {
        const CovExemption *x = &r->exemptions[i];
        report_buf_puts(b, i ? ",\n    {" : "\n    {");
        put_file_ref(b, "file", x->file, true);
        put_str_field(b, "kind", cov_exempt_kind_name(x->kind), true);
        put_u64_field(b, "first_line", x->first_line, true);
        put_u64_field(b, "last_line", x->last_line, true);
        put_u64_field(b, "condition", x->condition, true);
        put_str_field(b, "justification", x->justification, true);
        put_u64_field(b, "obligations", x->obligations, true);
        put_u64_field(b, "violated", x->violated, false);
        report_buf_putc(b, '}');
    }
    report_buf_puts(b, r->nexemptions ? "\n  ],\n" : "],\n");
}

static int json_render(const CovReport *r, const char *outdir, char *err, size_t errlen)
{
    ReportBuf b;
    report_buf_init(&b);
    report_buf_printf(&b, "{\n  \"format\": \"emucov-coverage\",\n"
                          "  \"format_version\": %d,\n  ", JSON_FORMAT_VERSION);
    put_str_field(&b, "tool", r->tool_version, false);
    report_buf_puts(&b, ",\n  ");
    put_str_field(&b, "level", cov_level_name(r->level), false);
    report_buf_puts(&b, ",\n  ");
    put_str_field(&b, "isa", r->isa, false);
    report_buf_puts(&b, ",\n  \"elf\": {");
    put_str_field(&b, "path", r->elf_path, true);
    put_u64_field(&b, "base", r->elf_base, true);
    put_u64_field(&b, "end", r->elf_end, false);
    report_buf_puts(&b, "},\n  ");
    put_bool_field(&b, "line_level_only", r->line_level_only, false);
    report_buf_puts(&b, ",\n  \"totals\": ");
    put_counts(&b, &r->totals);
    put_decision_counts(&b, r, &r->dtotals);
    report_buf_puts(&b, ",\n");
    put_runs(&b, r);
    put_files(&b, r);
    put_functions(&b, r);
    put_insns(&b, r);
    put_untraceable(&b, r);
    put_blocks(&b, r);
    put_exemptions(&b, r);
    report_buf_puts(&b, "  \"notes\": [");
    for (unsigned i = 0; i < r->nnotes; i++) {
        report_buf_puts(&b, i ? ",\n    " : "\n    ");
        report_buf_json(&b, r->notes[i]);
    }
    report_buf_puts(&b, r->nnotes ? "\n  ]\n}\n" : "]\n}\n");
    int rc = report_write_buf(outdir, "coverage.json", &b, err, errlen);
    report_buf_free(&b);
    return rc;
}

const ReportRenderer report_json = {
    .name = "json",
    .description = "coverage.json: the whole report as JSON (docs/json-schema.json)",
    .render = json_render,
};
