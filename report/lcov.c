/*
 * report/lcov.c - the "lcov" renderer: <outdir>/coverage.info, an lcov
 * tracefile as geninfo writes it (lcov 1.x "geninfo(1)" format), read by
 * genhtml, lcov --summary, Codecov, Coveralls and most IDE plugins.
 *
 * Per source file (files in report order), one record:
 *   TN:                    one merged test (tests are listed in html/json)
 *   SF:<path>
 *   FN:<first line>,<name>         per function of the file
 *   FNDA:<entry count>,<name>
 *   FNF:<functions> FNH:<functions entered>
 *   BRDA:<line>,<block>,<branch>,<taken>  per conditional branch insn
 *   BRF:<directions> BRH:<directions seen>
 *   DA:<line>,<hits>               per line with code
 *   LF:<lines> LH:<lines hit>
 *   end_of_record
 *
 * BRDA: block = the instruction's index in CovReport.insns, branch 0 =
 * taken, 1 = not taken; taken is 1/0 for a direction seen/not seen and
 * '-' for both directions when the branch never executed (geninfo's
 * notation).  Per-direction counts are not recorded by the engine.
 * Exempted lines ('#', '*') are left out as lcov's exclusion markers do.
 */
#include "render_util.h"

#include <inttypes.h>
#include <string.h>

/* lcov splits records on ',' and newlines: a name holding either would
 * corrupt the record, so such characters become '_'. */
static void put_field(ReportBuf *b, const char *s)
{
    for (; s && *s; s++)
        report_buf_putc(b, (*s == ',' || *s == '\n' || *s == '\r') ? '_' : *s);
}

static void put_branches(ReportBuf *b, const CovReport *r, const CovLine *ln,
                         unsigned *brf, unsigned *brh)
{
    for (unsigned k = 0; k < ln->ninsns; k++) {
        uint32_t idx = ln->insns[k];
        if (idx >= r->ninsns)
            continue;
        CovBranchState st = r->insns[idx].branch;
        if (st == COV_BRANCH_NONE)
            continue;
        for (int dir = 0; dir < 2; dir++) {
            *brf += 1;
            if (st == COV_BRANCH_NEVER) {
                report_buf_printf(b, "BRDA:%u,%" PRIu32 ",%d,-\n", ln->number, idx, dir);
                continue;
            }
            bool seen = st == COV_BRANCH_BOTH ||
                        (dir == 0 ? st == COV_BRANCH_TAKEN : st == COV_BRANCH_NOT_TAKEN);
            *brh += seen;
            report_buf_printf(b, "BRDA:%u,%" PRIu32 ",%d,%d\n", ln->number, idx, dir, seen);
        }
    }
}

static void put_file(ReportBuf *b, const CovReport *r, unsigned fi)
{
    const CovFile *f = &r->files[fi];
    report_buf_puts(b, "TN:\nSF:");
    put_field(b, f->path ? f->path : f->name);
    report_buf_putc(b, '\n');

    unsigned fnf = 0, fnh = 0;
    for (unsigned i = 0; i < r->nfunctions; i++) {
        const CovFunction *fn = &r->functions[i];
        if (fn->file != (int)fi || !fn->name)
            continue;
        report_buf_printf(b, "FN:%u,", fn->first_line ? fn->first_line : 1);
        put_field(b, fn->name);
        report_buf_putc(b, '\n');
    }
    for (unsigned i = 0; i < r->nfunctions; i++) {
        const CovFunction *fn = &r->functions[i];
        if (fn->file != (int)fi || !fn->name)
            continue;
        report_buf_printf(b, "FNDA:%" PRIu64 ",", fn->entry_count);
        put_field(b, fn->name);
        report_buf_putc(b, '\n');
        fnf++;
        fnh += fn->entry_count > 0;
    }
    report_buf_printf(b, "FNF:%u\nFNH:%u\n", fnf, fnh);

    unsigned brf = 0, brh = 0;
    for (unsigned l = 0; l < f->nlines; l++)
        if (report_line_has_code(&f->lines[l]))
            put_branches(b, r, &f->lines[l], &brf, &brh);
    if (brf)
        report_buf_printf(b, "BRF:%u\nBRH:%u\n", brf, brh);

    unsigned lf = 0, lh = 0;
    for (unsigned l = 0; l < f->nlines; l++) {
        const CovLine *ln = &f->lines[l];
        if (!report_line_has_code(ln))
            continue;
        uint64_t hits = report_line_hits(r, ln);
        report_buf_printf(b, "DA:%u,%" PRIu64 "\n", ln->number, hits);
        lf++;
        lh += hits > 0;
    }
    report_buf_printf(b, "LF:%u\nLH:%u\nend_of_record\n", lf, lh);
}

static int lcov_render(const CovReport *r, const char *outdir, char *err, size_t errlen)
{
    ReportBuf b;
    report_buf_init(&b);
    for (unsigned i = 0; i < r->nfiles; i++)
        put_file(&b, r, i);
    int rc = report_write_buf(outdir, "coverage.info", &b, err, errlen);
    report_buf_free(&b);
    return rc;
}

const ReportRenderer report_lcov = {
    .name = "lcov",
    .description = "coverage.info: lcov tracefile (genhtml, Codecov, IDEs)",
    .render = lcov_render,
};
