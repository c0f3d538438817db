/*
 * tests/report/synth.h - synthetic CovReports for the renderer tests.
 *
 * The report has four files (sorted by path, as xcov sorts them):
 *   0 lib/missing.c          source unavailable (text NULL)
 *   1 odd/we"ird&<x>'s.c     a name full of markup characters
 *   2 src/main.c             every mark, violations, escaping traps
 *                            (<script>alert(1)</script>, &, quotes, tab,
 *                            UTF-8, invalid bytes, a control character)
 *   3 src/util.h
 * instructions at 0x1000.. attributed to lines (branches in every state),
 * an untraceable range, executed blocks (one longer than 65535 bytes),
 * two runs (one damaged) and notes with markup.
 */
#ifndef EMUCOV_TESTS_REPORT_SYNTH_H
#define EMUCOV_TESTS_REPORT_SYNTH_H

#include "report/report.h"

/* Line numbers of src/main.c with known marks (tests check them). */
enum {
    SYNTH_MAIN_FILE = 2,
    SYNTH_LINE_FUNC = 4,          /* '+' count 1            */
    SYNTH_LINE_PARTIAL = 6,       /* '!' one violation      */
    SYNTH_LINE_BRANCH_BOTH = 7,   /* '+' branch both ways   */
    SYNTH_LINE_NOT_COVERED = 10,  /* '-'                    */
    SYNTH_LINE_UNDET = 11,        /* '?' branch taken only  */
    SYNTH_LINE_SCRIPT = 12,       /* '+' holds <script>     */
    SYNTH_LINE_EXEMPT = 13,       /* '#'                    */
    SYNTH_LINE_EXEMPT_VIOL = 14,  /* '*'                    */
    SYNTH_LINE_NEVER = 15,        /* '-' branch never run   */
};

/* Build the report; file paths are <srcroot>/<name>.  When write_sources,
 * the available sources are written under srcroot (directories created).
 * Returns NULL on failure (message on stderr). */
CovReport *synth_report(CovLevel level, const char *srcroot, bool write_sources);
void synth_free(CovReport *r);

/* A report with nothing in it (no files, runs, insns, ...). */
CovReport *synth_empty(CovLevel level);

/* The renderers under test. */
extern const ReportRenderer *const synth_renderers[];

#endif
