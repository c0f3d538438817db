/*
 * report/render_util.c - buffers, escaping and file output shared by the
 * file renderers.  See render_util.h.
 */
#include "render_util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void report_buf_init(ReportBuf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = false;
}

void report_buf_free(ReportBuf *b)
{
    free(b->data);
    report_buf_init(b);
}

void report_buf_reset(ReportBuf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

/* Make room for n more bytes plus a terminating NUL. */
static bool buf_reserve(ReportBuf *b, size_t n)
{
    if (b->failed)
        return false;
    if (b->len + n + 1 <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n + 1) {
        if (cap > SIZE_MAX / 2) {
            b->failed = true;
            return false;
        }
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p) {
        b->failed = true;
        return false;
    }
    b->data = p;
    b->cap = cap;
    return true;
}

void report_buf_putn(ReportBuf *b, const char *s, size_t n)
{
    if (!buf_reserve(b, n))
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void report_buf_puts(ReportBuf *b, const char *s)
{
    report_buf_putn(b, s, strlen(s));
}

void report_buf_putc(ReportBuf *b, char c)
{
    report_buf_putn(b, &c, 1);
}

void report_buf_printf(ReportBuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = true;
        return;
    }
    if ((size_t)n < sizeof small) {
        report_buf_putn(b, small, (size_t)n);
        return;
    }
    if (!buf_reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

const char *report_buf_str(ReportBuf *b)
{
    return b->data ? b->data : "";
}

size_t report_utf8_decode(const char *str, size_t n, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    if (n == 0)
        return 0;
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t len;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2; v = c & 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3; v = c & 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4; v = c & 0x07; min = 0x10000;
    } else {
        return 0;                 /* continuation byte, C0/C1, F5..FF */
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

#define REPLACEMENT_CHAR "\xEF\xBF\xBD"   /* U+FFFD in UTF-8 */

void report_buf_markup(ReportBuf *b, const char *s)
{
    if (!s)
        return;
    size_t n = strlen(s);
    size_t i = 0;
    while (i < n) {
        /* copy the longest run that needs no escaping at once */
        size_t j = i;
        while (j < n) {
            unsigned char c = (unsigned char)s[j];
            if (c >= 0x80 || c < 0x20 || c == 0x7F || c == '&' || c == '<' ||
                c == '>' || c == '"' || c == '\'')
                break;
            j++;
        }
        report_buf_putn(b, s + i, j - i);
        i = j;
        if (i >= n)
            break;
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '&': report_buf_puts(b, "&amp;"); i++; continue;
        case '<': report_buf_puts(b, "&lt;"); i++; continue;
        case '>': report_buf_puts(b, "&gt;"); i++; continue;
        case '"': report_buf_puts(b, "&quot;"); i++; continue;
        case '\'': report_buf_puts(b, "&#39;"); i++; continue;
        case '\t': report_buf_putc(b, '\t'); i++; continue;
        default: break;
        }
        uint32_t cp;
        size_t len = report_utf8_decode(s + i, n - i, &cp);
        if (len == 0 || cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ||
            cp == 0xFFFE || cp == 0xFFFF) {
            report_buf_puts(b, REPLACEMENT_CHAR);
            i += len ? len : 1;
        } else {
            report_buf_putn(b, s + i, len);
            i += len;
        }
    }
}

void report_buf_json(ReportBuf *b, const char *s)
{
    if (!s) {
        report_buf_puts(b, "null");
        return;
    }
    report_buf_putc(b, '"');
    size_t n = strlen(s);
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n) {
            unsigned char c = (unsigned char)s[j];
            if (c >= 0x80 || c < 0x20 || c == '"' || c == '\\')
                break;
            j++;
        }
        report_buf_putn(b, s + i, j - i);
        i = j;
        if (i >= n)
            break;
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            switch (c) {
            case '"': report_buf_puts(b, "\\\""); break;
            case '\\': report_buf_puts(b, "\\\\"); break;
            case '\n': report_buf_puts(b, "\\n"); break;
            case '\r': report_buf_puts(b, "\\r"); break;
            case '\t': report_buf_puts(b, "\\t"); break;
            case '\b': report_buf_puts(b, "\\b"); break;
            case '\f': report_buf_puts(b, "\\f"); break;
            default: report_buf_printf(b, "\\u%04x", c); break;
            }
            i++;
            continue;
        }
        uint32_t cp;
        size_t len = report_utf8_decode(s + i, n - i, &cp);
        if (len == 0) {
            report_buf_puts(b, REPLACEMENT_CHAR);
            i++;
        } else {
            report_buf_putn(b, s + i, len);
            i += len;
        }
    }
    report_buf_putc(b, '"');
}

int report_fail(char *err, size_t errlen, const char *fmt, ...)
{
    if (err && errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return -1;
}

int report_write_file(const char *outdir, const char *name, const void *data,
                      size_t len, char *err, size_t errlen)
{
    if (!outdir)
        return report_fail(err, errlen, "no output directory given for %s", name);
    size_t pl = strlen(outdir) + strlen(name) + 2;
    char *path = malloc(pl);
    if (!path)
        return report_fail(err, errlen, "out of memory");
    snprintf(path, pl, "%s/%s", outdir, name);
    FILE *f = fopen(path, "wb");
    if (!f) {
        int e = errno;
        report_fail(err, errlen, "cannot create %s: %s", path, strerror(e));
        free(path);
        return -1;
    }
    bool ok = len == 0 || fwrite(data, 1, len, f) == len;
    int e = errno;
    if (fclose(f) != 0 && ok) {
        ok = false;
        e = errno;
    }
    if (!ok) {
        report_fail(err, errlen, "cannot write %s: %s", path, strerror(e));
        free(path);
        return -1;
    }
    free(path);
    return 0;
}

int report_write_buf(const char *outdir, const char *name, ReportBuf *b,
                     char *err, size_t errlen)
{
    if (b->failed)
        return report_fail(err, errlen, "out of memory while rendering %s", name);
    return report_write_file(outdir, name, b->data, b->len, err, errlen);
}

#define METRIC(key, label, field) \
    { key, label, offsetof(CovCounts, field##_total), offsetof(CovCounts, field##_covered) }

static const ReportMetric m_insn[] = {
    METRIC("insn", "Instructions", insn), METRIC("line", "Lines", line),
};
static const ReportMetric m_branch[] = {
    METRIC("insn", "Instructions", insn), METRIC("branch", "Branches", branch),
    METRIC("line", "Lines", line),
};
static const ReportMetric m_stmt[] = {
    METRIC("stmt", "Statements", stmt), METRIC("line", "Lines", line),
};
static const ReportMetric m_decision[] = {
    METRIC("stmt", "Statements", stmt), METRIC("decision", "Decisions", decision),
    METRIC("line", "Lines", line),
};
static const ReportMetric m_mcdc[] = {
    METRIC("stmt", "Statements", stmt), METRIC("decision", "Decisions", decision),
    METRIC("mcdc", "MC/DC", mcdc), METRIC("line", "Lines", line),
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

unsigned report_level_metrics(CovLevel l, const ReportMetric **out)
{
    switch (l) {
    case COV_LEVEL_INSN: *out = m_insn; return NELEM(m_insn);
    case COV_LEVEL_BRANCH: *out = m_branch; return NELEM(m_branch);
    case COV_LEVEL_STMT: *out = m_stmt; return NELEM(m_stmt);
    case COV_LEVEL_STMT_DECISION: *out = m_decision; return NELEM(m_decision);
    case COV_LEVEL_STMT_MCDC:
    case COV_LEVEL_STMT_UC_MCDC: *out = m_mcdc; return NELEM(m_mcdc);
    }
    *out = m_stmt;
    return NELEM(m_stmt);
}

uint32_t report_metric_total(const ReportMetric *m, const CovCounts *c)
{
    uint32_t v;
    memcpy(&v, (const char *)c + m->total_off, sizeof v);
    return v;
}

uint32_t report_metric_covered(const ReportMetric *m, const CovCounts *c)
{
    uint32_t v;
    memcpy(&v, (const char *)c + m->covered_off, sizeof v);
    return v;
}

double report_ratio(uint32_t covered, uint32_t total)
{
    if (total == 0)
        return 1.0;
    return (double)covered / (double)total;
}

bool report_level_is_object(CovLevel l)
{
    return l == COV_LEVEL_INSN || l == COV_LEVEL_BRANCH;
}

uint64_t report_line_hits(const CovReport *r, const CovLine *ln)
{
    if (ln->count)
        return ln->count;
    if (ln->mark == COV_MARK_COVERED || ln->mark == COV_MARK_PARTIAL)
        return 1;
    for (unsigned i = 0; i < ln->ninsns; i++)
        if (ln->insns[i] < r->ninsns && r->insns[ln->insns[i]].executed)
            return 1;
    return 0;
}

bool report_line_has_code(const CovLine *ln)
{
    return ln->mark != COV_MARK_NO_CODE && ln->mark != COV_MARK_EXEMPT &&
           ln->mark != COV_MARK_EXEMPT_VIOLATED;
}

void report_hex_sha256(const uint8_t sha[32], char out[65])
{
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 32; i++) {
        out[2 * i] = hex[sha[i] >> 4];
        out[2 * i + 1] = hex[sha[i] & 15];
    }
    out[64] = '\0';
}

void report_exemption_what(const CovExemption *x, char *buf, size_t n)
{
    switch (x->kind) {
    case COV_EXEMPT_REGION:
        snprintf(buf, n, "lines %u-%u", x->first_line, x->last_line);
        break;
    case COV_EXEMPT_DECISION_TRUE:
    case COV_EXEMPT_DECISION_FALSE:
        snprintf(buf, n, "outcome %s of the decision at line %u",
                 x->kind == COV_EXEMPT_DECISION_TRUE ? "TRUE" : "FALSE", x->first_line);
        break;
    case COV_EXEMPT_CONDITION:
        snprintf(buf, n, "condition %u of the decision at line %u", x->condition, x->first_line);
        break;
    default:
        snprintf(buf, n, "line %u", x->first_line);
        break;
    }
}

uint32_t report_exempted_violations(const CovReport *r)
{
    uint32_t v = 0;
    for (unsigned i = 0; i < r->nexemptions; i++)
        v += r->exemptions[i].violated;
    return v;
}
