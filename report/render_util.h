/*
 * report/render_util.h - helpers shared by the file renderers (html, json,
 * lcov, cobertura, drcov): a growable output buffer, escaping for markup
 * and JSON, UTF-8 validation, writing a file into the output directory and
 * the list of counters that matter at each coverage level.
 *
 * Internal to report/: nothing here is part of the renderer interface.
 */
#ifndef EMUCOV_REPORT_RENDER_UTIL_H
#define EMUCOV_REPORT_RENDER_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "report.h"

/* A growable byte buffer.  Allocation failure sets `failed` and turns
 * every later append into a no-op, so callers check once at the end. */
typedef struct ReportBuf {
    char *data;
    size_t len, cap;
    bool failed;
} ReportBuf;

void report_buf_init(ReportBuf *b);
void report_buf_free(ReportBuf *b);
void report_buf_reset(ReportBuf *b);             /* len = 0, keeps memory */
void report_buf_putn(ReportBuf *b, const char *s, size_t n);
void report_buf_puts(ReportBuf *b, const char *s);
void report_buf_putc(ReportBuf *b, char c);
void report_buf_printf(ReportBuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* NUL-terminated view of the contents (empty string when nothing). */
const char *report_buf_str(ReportBuf *b);

/* Decode one UTF-8 character of s[0..n): returns its length (1..4) and
 * the code point, or 0 when the bytes are not well-formed UTF-8 (overlong
 * forms, surrogates, > U+10FFFF and truncated sequences are rejected). */
size_t report_utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Append s escaped for HTML text and attribute values, and for XML 1.0:
 * & < > " ' become entities; bytes that are not well-formed UTF-8, C0
 * controls other than tab, DEL/C1 controls and U+FFFE/U+FFFF become
 * U+FFFD.  NULL appends nothing. */
void report_buf_markup(ReportBuf *b, const char *s);

/* Append s as a quoted JSON string (RFC 8259): '"' '\\' and controls
 * escaped, valid UTF-8 passed through, invalid bytes replaced by U+FFFD.
 * NULL appends the literal null. */
void report_buf_json(ReportBuf *b, const char *s);

/* Write len bytes to outdir/name (replacing it).  Returns 0, or -1 with a
 * one-line reason naming the file in err. */
int report_write_file(const char *outdir, const char *name, const void *data,
                      size_t len, char *err, size_t errlen);

/* Write a buffer (-1 "out of memory" when the buffer failed). */
int report_write_buf(const char *outdir, const char *name, ReportBuf *b,
                     char *err, size_t errlen);

/* Set err to a formatted one-line message; returns -1. */
int report_fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A counter pair of CovCounts that a level judges, e.g. statements. */
typedef struct ReportMetric {
    const char *key;        /* "stmt", "insn", ... (JSON/HTML ids)        */
    const char *label;      /* "Statements", ...                          */
    size_t total_off, covered_off;   /* offsetof() into CovCounts        */
} ReportMetric;

/* The metrics that matter at level l, most important first (lines come
 * last).  Returns how many; *out points at a static array. */
unsigned report_level_metrics(CovLevel l, const ReportMetric **out);
uint32_t report_metric_total(const ReportMetric *m, const CovCounts *c);
uint32_t report_metric_covered(const ReportMetric *m, const CovCounts *c);

/* covered/total as a ratio in [0, 1]; 1 when total is 0 (nothing to
 * cover), as Cobertura and genhtml do. */
double report_ratio(uint32_t covered, uint32_t total);

/* True when the level is object coverage (insn/branch). */
bool report_level_is_object(CovLevel l);

/* Whether a line's code ran, and the count to show for it: the line
 * count when known, else 1 when an attributed instruction executed or the
 * mark says covered/partially covered, else 0. */
uint64_t report_line_hits(const CovReport *r, const CovLine *ln);

/* Whether a line carries code a coverage tool should list (not '.', not
 * exempted '#'/'*'). */
bool report_line_has_code(const CovLine *ln);

/* Exemptions (issue 8): what one covers, for humans ("lines 10-13",
 * "outcome FALSE of the decision at line 35", "condition 2 of the decision
 * at line 35"), and the number of exempted obligations violated over all. */
void report_exemption_what(const CovExemption *x, char *buf, size_t n);
uint32_t report_exempted_violations(const CovReport *r);

/* The lowercase-hex text of a SHA-256 (65 bytes incl. NUL). */
void report_hex_sha256(const uint8_t sha[32], char out[65]);

/* The renderers defined in report/ (listed by report.c's table). */
extern const ReportRenderer report_html, report_json, report_lcov,
    report_cobertura, report_drcov, report_sarif;

/* The HTML report's templates (html-templates/), embedded at build time by
 * html-templates/embed.py; the array ends with a NULL name. */
typedef struct ReportTemplate {
    const char *name;       /* base name: "index.html", "emucov.css", ... */
    const char *text;
    size_t len;
} ReportTemplate;

extern const ReportTemplate report_html_templates[];

#endif
