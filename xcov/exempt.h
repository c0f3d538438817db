/*
 * xcov/exempt.h - exemption annotations in C source comments
 * (docs/coverage-semantics.md §6).
 *
 *     /+ xcov: exempt on "JUSTIFICATION" +/  ...  /+ xcov: exempt off +/
 *     /+ xcov: exempt decision true|false "JUSTIFICATION" +/
 *     /+ xcov: exempt condition N "JUSTIFICATION" +/
 *
 * (with `/` `*` for `/+` `+/`, or as `//` comments).  The parser is a small C
 * lexer over the file's lines: comments are found outside string and
 * character literals only, so `"/+ xcov: exempt on ... +/"` in a string is
 * text, not an annotation.  It never fails: a malformed annotation becomes a
 * warning naming FILE:LINE, with the documented behaviour applied.
 */
#ifndef EMUCOV_XCOV_EXEMPT_H
#define EMUCOV_XCOV_EXEMPT_H

#include "report/report.h"

typedef struct XcovExemptNote {
    CovExemptKind kind;
    unsigned line;           /* region: the `on` line; finer: the comment's line */
    unsigned end_line;       /* region: the `off` line (or the last line);
                                finer: = line                              */
    unsigned condition;      /* COV_EXEMPT_CONDITION: 1-based               */
    char *justification;
} XcovExemptNote;

typedef struct XcovExemptions {
    XcovExemptNote *notes;   /* in source order of their first line         */
    unsigned nnotes;
    char **warnings;         /* "FILE:LINE: ..." one line each              */
    unsigned nwarnings;
} XcovExemptions;

/* Find the annotations in `lines` (the file's text, one string per line,
 * without newlines); `display` names the file in warnings.  *out is
 * overwritten; free it with xcov_exempt_free. */
void xcov_exempt_parse(const char *const *lines, unsigned nlines, const char *display,
                       XcovExemptions *out);
void xcov_exempt_free(XcovExemptions *x);

#endif
