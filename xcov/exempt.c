/*
 * xcov/exempt.c - exemption annotations in C comments (see exempt.h).
 *
 * Why a lexer of our own rather than libclang's comments: libclang only
 * attaches documentation comments to declarations, and a file that fails to
 * parse (or that xcov reads without compile options) must still have its
 * exemptions honoured.  C's comment syntax (C11 §6.4.9) is small: outside
 * string and character literals (§6.4.4.4, §6.4.5), `/` `*` opens a comment
 * up to the next `*` `/`, and `//` one up to the end of the line, a
 * backslash-newline continuing it (§5.1.1.2 phase 2).
 */
#include "xcov/exempt.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fputs("xcov: out of memory\n", stderr);
        exit(70);
    }
    return q;
}

typedef struct Parser {
    const char *display;
    XcovExemptions *out;
    unsigned nlines;
    /* the open region: index in out->notes, or -1; refused_open: an `on`
     * without a justification is open (its `off` closes it silently) */
    int open;
    unsigned open_line;
    bool refused_open;
} Parser;

static void warn(Parser *p, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void warn(Parser *p, unsigned line, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    size_t n = strlen(p->display) + strlen(msg) + 40;
    char *w = xrealloc(NULL, n);
    snprintf(w, n, "%s:%u: xcov annotation: %s", p->display, line, msg);
    XcovExemptions *x = p->out;
    x->warnings = xrealloc(x->warnings, (x->nwarnings + 1) * sizeof *x->warnings);
    x->warnings[x->nwarnings++] = w;
}

static void add_note(Parser *p, CovExemptKind kind, unsigned line, unsigned cond, char *why)
{
    XcovExemptions *x = p->out;
    x->notes = xrealloc(x->notes, (x->nnotes + 1) * sizeof *x->notes);
    x->notes[x->nnotes++] = (XcovExemptNote){kind, line, line, cond, why};
}

static const char *skip_ws(const char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    return s;
}

/* The next word (letters, digits, '_') into w; returns the text after it. */
static const char *word(const char *s, char *w, size_t n)
{
    size_t k = 0;
    s = skip_ws(s);
    while ((isalnum((unsigned char)*s) || *s == '_') && k + 1 < n)
        w[k++] = *s++;
    w[k] = 0;
    return s;
}

/* Nothing left but blanks, or a trailing `//` remark (so that a line can
 * carry a remark after its annotation, in either comment form). */
static bool at_end(const char *s)
{
    s = skip_ws(s);
    return !*s || (s[0] == '/' && s[1] == '/');
}

/* A justification: a double-quoted string (\" and \\ escaped), not blank,
 * and nothing after it but a `//` remark.  NULL with *why_not set otherwise. */
static char *justification(const char *s, const char **why_not)
{
    s = skip_ws(s);
    if (*s != '"') {
        *why_not = "a justification in double quotes is required";
        return NULL;
    }
    s++;
    char *out = xrealloc(NULL, strlen(s) + 1);
    size_t k = 0;
    for (; *s && *s != '"'; s++) {
        if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
            s++;
        out[k++] = *s == '\n' ? ' ' : *s;
    }
    out[k] = 0;
    if (*s != '"') {
        free(out);
        *why_not = "the justification's closing quote is missing";
        return NULL;
    }
    if (!at_end(s + 1)) {
        free(out);
        *why_not = "text after the justification";
        return NULL;
    }
    bool blank = true;
    for (size_t i = 0; i < k && blank; i++)
        blank = isspace((unsigned char)out[i]);
    if (blank) {
        free(out);
        *why_not = "the justification is empty";
        return NULL;
    }
    return out;
}

/* One comment's text (without its delimiters), starting on `line`. */
static void comment(Parser *p, const char *text, unsigned line)
{
    const char *s = skip_ws(text);
    if (strncmp(s, "xcov:", 5))
        return;
    char w[32];
    s = word(s + 5, w, sizeof w);
    if (strcmp(w, "exempt")) {
        warn(p, line, "unknown annotation \"xcov: %s\" (expected \"xcov: exempt ...\"); ignored",
             w);
        return;
    }
    s = word(s, w, sizeof w);
    const char *why_not = NULL;
    if (!strcmp(w, "on")) {
        char *why = justification(s, &why_not);
        if (p->open >= 0 || p->refused_open) {
            warn(p, line, "exemption regions do not nest: the region opened at line %u is "
                          "still open; this \"on\" is ignored", p->open_line);
            free(why);
            return;
        }
        p->open_line = line;
        if (!why) {
            warn(p, line, "exempt on: %s; the region is NOT exempted", why_not);
            p->refused_open = true;
            return;
        }
        add_note(p, COV_EXEMPT_REGION, line, 0, why);
        p->open = (int)p->out->nnotes - 1;
    } else if (!strcmp(w, "off")) {
        if (!at_end(s))
            warn(p, line, "exempt off takes nothing after it; the region is closed anyway");
        if (p->open < 0 && !p->refused_open) {
            warn(p, line, "exempt off without an open region; ignored");
            return;
        }
        if (p->open >= 0)
            p->out->notes[p->open].end_line = line;
        p->open = -1;
        p->refused_open = false;
    } else if (!strcmp(w, "decision")) {
        s = word(s, w, sizeof w);
        CovExemptKind k;
        if (!strcmp(w, "true"))
            k = COV_EXEMPT_DECISION_TRUE;
        else if (!strcmp(w, "false"))
            k = COV_EXEMPT_DECISION_FALSE;
        else {
            warn(p, line, "exempt decision needs \"true\" or \"false\", not \"%s\"; ignored", w);
            return;
        }
        char *why = justification(s, &why_not);
        if (!why) {
            warn(p, line, "exempt decision %s: %s; NOT exempted", w, why_not);
            return;
        }
        add_note(p, k, line, 0, why);
    } else if (!strcmp(w, "condition")) {
        s = skip_ws(s);
        char *end;
        long n = strtol(s, &end, 10);
        if (end == s || n < 1 || n > 4096 || !isspace((unsigned char)*end)) {
            warn(p, line, "exempt condition needs a condition number (1, 2, ...); ignored");
            return;
        }
        char *why = justification(end, &why_not);
        if (!why) {
            warn(p, line, "exempt condition %ld: %s; NOT exempted", n, why_not);
            return;
        }
        add_note(p, COV_EXEMPT_CONDITION, line, (unsigned)n, why);
    } else {
        warn(p, line, "unknown exemption \"%s\" (on, off, decision, condition); ignored", w);
    }
}

void xcov_exempt_parse(const char *const *lines, unsigned nlines, const char *display,
                       XcovExemptions *out)
{
    memset(out, 0, sizeof *out);
    Parser p = {display, out, nlines, -1, 0, false};
    enum { CODE, BLOCK, LINE_COMMENT, STRING, CHAR } st = CODE;
    char *buf = NULL;          /* the current comment's text */
    size_t blen = 0, bcap = 0;
    unsigned cline = 0;        /* the current comment's first line */
#define PUTC(c)                                                                         \
    do {                                                                                \
        if (blen + 2 > bcap)                                                            \
            buf = xrealloc(buf, bcap = bcap ? 2 * bcap : 256);                          \
        buf[blen++] = (char)(c);                                                        \
        buf[blen] = 0;                                                                  \
    } while (0)
    for (unsigned li = 0; li < nlines; li++) {
        const char *s = lines[li] ? lines[li] : "";
        size_t n = strlen(s);
        /* phase 2: a backslash at the end of the line splices the next one */
        bool spliced = n > 0 && s[n - 1] == '\\';
        size_t end = spliced ? n - 1 : n;
        for (size_t i = 0; i < end; i++) {
            char c = s[i], d = i + 1 < end ? s[i + 1] : 0;
            switch (st) {
            case CODE:
                if (c == '/' && (d == '*' || d == '/')) {
                    st = d == '*' ? BLOCK : LINE_COMMENT;
                    blen = 0;
                    PUTC(0);       /* an empty comment is "" */
                    blen = 0;
                    cline = li + 1;
                    i++;
                } else if (c == '"') {
                    st = STRING;
                } else if (c == '\'') {
                    st = CHAR;
                }
                break;
            case BLOCK:
                if (c == '*' && d == '/') {
                    comment(&p, buf, cline);
                    st = CODE;
                    i++;
                } else {
                    PUTC(c);
                }
                break;
            case LINE_COMMENT:
                PUTC(c);
                break;
            case STRING:
            case CHAR:
                if (c == '\\')
                    i++;
                else if (c == (st == STRING ? '"' : '\''))
                    st = CODE;
                break;
            }
        }
        if (spliced)
            continue;
        if (st == LINE_COMMENT) {
            comment(&p, buf, cline);
            st = CODE;
        } else if (st == BLOCK) {
            PUTC('\n');
        } else if (st == STRING || st == CHAR) {
            st = CODE;         /* unterminated literal: the compiler refuses it */
        }
    }
#undef PUTC
    free(buf);
    if (p.open >= 0) {
        warn(&p, p.open_line, "exempt on without exempt off: exempted to the end of the file "
                              "(line %u)", nlines);
        out->notes[p.open].end_line = nlines ? nlines : 1;
    } else if (p.refused_open) {
        warn(&p, p.open_line, "exempt on without exempt off");
    }
}

void xcov_exempt_free(XcovExemptions *x)
{
    if (!x)
        return;
    for (unsigned i = 0; i < x->nnotes; i++)
        free(x->notes[i].justification);
    free(x->notes);
    for (unsigned i = 0; i < x->nwarnings; i++)
        free(x->warnings[i]);
    free(x->warnings);
    memset(x, 0, sizeof *x);
}
