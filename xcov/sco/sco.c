/* xcov/sco — decision/condition extraction from C sources with libclang-14.
 *
 * libclang-14 notes that shape this file (measured, see DESIGN.md §10):
 *  - there is no call for a binary/unary operator's kind: we tokenize between the operands,
 *    and fall back to the pretty printer when the operator is in a macro body;
 *  - clang_getSpellingLocation/clang_getFileLocation map a location in a macro body to the
 *    invocation site and a macro argument to where it is written; extents ending in a macro
 *    body end at the end of the invocation.  So ranges are already "attributed to the
 *    invocation site"; from_macro is decided with the preprocessing record's expansions.
 */
#include "sco.h"

#include <clang-c/CXCompilationDatabase.h>
#include <clang-c/Index.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct DecBuild {
    ScoDecision d;
    ScoNode *nodes;
    ScoCondition *conds;
    int capn, capc;
    unsigned seq;                    /* discovery order, tie-break of the sort */
} DecBuild;

struct ScoFile {
    char *path;
    char *text;                      /* main file contents */
    size_t size;
    size_t *line_off;                /* line_off[i] = offset of line i+1 */
    unsigned nlines;
    DecBuild *decs;
    int ndecs, capdecs;
    ScoSwitch *sws;
    int nsws, capsws;
    struct Expansion {
        unsigned so, eo;             /* a macro invocation in the main file: [so, eo) */
        int body_op;                 /* OP_AND/OP_OR when all binary operators of the body
                                        are that one, else OP_OTHER */
        int body_not;                /* the body is `!` followed by a parenthesised operand */
        char *name;                  /* the macro's name (NULL when unknown) */
        ScoPos at;                   /* where the invocation starts */
    } *exp;
    int nexp, capexp;
    /* parse-time state */
    CXTranslationUnit tu;
    CXFile mainfile;
    int oom;
};

static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    if (!err || !errlen)
        return;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

static void *grow(void *p, int *cap, int need, size_t elt, ScoFile *f)
{
    if (need <= *cap)
        return p;
    int ncap = *cap ? *cap * 2 : 16;
    while (ncap < need)
        ncap *= 2;
    void *q = realloc(p, (size_t)ncap * elt);
    if (!q) {
        f->oom = 1;
        return NULL;
    }
    *cap = ncap;
    return q;
}

/* ---- positions ---------------------------------------------------------------------- */

/* File position of a location, or {0,0} when it is not in the main file. */
static ScoPos pos_of(ScoFile *f, CXSourceLocation loc, unsigned *offset)
{
    CXFile file;
    unsigned line, col, off;
    ScoPos p = {0, 0};
    clang_getFileLocation(loc, &file, &line, &col, &off);
    if (!file || !clang_File_isEqual(file, f->mainfile))
        return p;
    p.line = line;
    p.col = col;
    if (offset)
        *offset = off;
    return p;
}

typedef struct Span {
    ScoRange r;
    unsigned so, eo;                 /* offsets: start, end exclusive */
    int ok;
} Span;

static Span span_of(ScoFile *f, CXCursor c)
{
    CXSourceRange ext = clang_getCursorExtent(c);
    Span s;
    memset(&s, 0, sizeof s);
    ScoPos a = pos_of(f, clang_getRangeStart(ext), &s.so);
    ScoPos b = pos_of(f, clang_getRangeEnd(ext), &s.eo);
    if (!a.line || !b.line || s.eo <= s.so)
        return s;
    s.r.start = a;
    /* the end is exclusive in libclang; make it the last byte, which may sit on a
     * previous line only when the extent ends at a line start (it never does for tokens) */
    s.r.end = b;
    s.r.end.col = b.col > 1 ? b.col - 1 : 1;
    s.ok = 1;
    return s;
}

static int in_expansion(const ScoFile *f, unsigned so, unsigned eo)
{
    for (int i = 0; i < f->nexp; i++)
        if (so < f->exp[i].eo && eo > f->exp[i].so)
            return 1;
    return 0;
}

static int expansion_at(const ScoFile *f, unsigned off)
{
    for (int i = 0; i < f->nexp; i++)
        if (off >= f->exp[i].so && off < f->exp[i].eo)
            return i;
    return -1;
}

/* The innermost invocation overlapping [so, eo) (a condition written in a macro body, or
 * passed as an argument), -1 when none. */
static int innermost_expansion(const ScoFile *f, unsigned so, unsigned eo)
{
    int best = -1;
    for (int i = 0; i < f->nexp; i++)
        if (so < f->exp[i].eo && eo > f->exp[i].so &&
            (best < 0 || f->exp[i].eo - f->exp[i].so < f->exp[best].eo - f->exp[best].so))
            best = i;
    return best;
}

static int off_in_expansion(const ScoFile *f, unsigned off)
{
    return in_expansion(f, off, off + 1);
}

/* ---- cursor helpers ----------------------------------------------------------------- */

typedef struct Kids {
    CXCursor k[8];
    int n;                           /* may exceed 8: only the first 8 are stored */
} Kids;

static enum CXChildVisitResult kid_visit(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    Kids *k = data;
    if (k->n < 8)
        k->k[k->n] = c;
    k->n++;
    return CXChildVisit_Continue;
}

static Kids kids_of(CXCursor c)
{
    Kids k;
    k.n = 0;
    clang_visitChildren(c, kid_visit, &k);
    return k;
}

static int same_extent(CXCursor a, CXCursor b)
{
    return clang_equalRanges(clang_getCursorExtent(a), clang_getCursorExtent(b));
}

/* Strip parentheses and implicit casts (UnexposedExpr with one child of equal extent). */
static CXCursor strip(CXCursor c)
{
    for (;;) {
        enum CXCursorKind k = clang_getCursorKind(c);
        if (k != CXCursor_ParenExpr && k != CXCursor_UnexposedExpr)
            return c;
        Kids ks = kids_of(c);
        if (ks.n != 1)
            return c;
        if (k == CXCursor_UnexposedExpr && !same_extent(c, ks.k[0]))
            return c;
        c = ks.k[0];
    }
}

/* Tokens of the main file's bytes [so, eo).  Ranges are always rebuilt from file offsets:
 * clang_tokenize lexes from the SPELLING location of a range's start, which for a macro
 * defined in a header is in the header. */
static void tokenize_file(ScoFile *f, unsigned so, unsigned eo, CXToken **toks, unsigned *n)
{
    *toks = NULL;
    *n = 0;
    if (eo <= so)
        return;
    clang_tokenize(f->tu, clang_getRange(clang_getLocationForOffset(f->tu, f->mainfile, so),
                                         clang_getLocationForOffset(f->tu, f->mainfile, eo)),
                   toks, n);
}

/* First token at an offset in [min_off, max_off), with its spelling copied. */
static int token_after(ScoFile *f, unsigned min_off, unsigned max_off, char *spell,
                       size_t len, ScoPos *pos, unsigned *offp)
{
    CXToken *toks = NULL;
    unsigned n = 0;
    int found = 0;
    tokenize_file(f, min_off, max_off, &toks, &n);
    for (unsigned i = 0; i < n && !found; i++) {
        unsigned off = 0;
        ScoPos p = pos_of(f, clang_getTokenLocation(f->tu, toks[i]), &off);
        if (!p.line || off < min_off || off >= max_off)
            continue;
        CXString s = clang_getTokenSpelling(f->tu, toks[i]);
        snprintf(spell, len, "%s", clang_getCString(s));
        clang_disposeString(s);
        *pos = p;
        if (offp)
            *offp = off;
        found = 1;
    }
    if (toks)
        clang_disposeTokens(f->tu, toks, n);
    return found;
}

enum { OP_OTHER, OP_AND, OP_OR, OP_NOT };

static int op_code(const char *s)
{
    if (!strcmp(s, "&&"))
        return OP_AND;
    if (!strcmp(s, "||"))
        return OP_OR;
    if (!strcmp(s, "!"))
        return OP_NOT;
    return OP_OTHER;
}

/* Kind and position of a BinaryOperator's / UnaryOperator's operator. */
static int operator_of(ScoFile *f, CXCursor c, ScoPos *pos, int *from_macro)
{
    enum CXCursorKind k = clang_getCursorKind(c);
    Kids ks = kids_of(c);
    char spell[16] = "";
    unsigned off = 0;
    Span whole = span_of(f, c);
    *from_macro = 0;
    pos->line = pos->col = 0;
    if (k == CXCursor_BinaryOperator && ks.n == 2) {
        Span l = span_of(f, ks.k[0]), r = span_of(f, ks.k[1]);
        if (whole.ok && l.ok && r.ok &&
            token_after(f, l.eo, r.so, spell, sizeof spell, pos, &off) &&
            !off_in_expansion(f, off)) {
            return op_code(spell);
        }
        /* operator in a macro body: libclang-14 cannot tell its kind; the macro's
         * definition can when all its binary operators are && (or all ||) */
        *from_macro = 1;
        *pos = pos_of(f, clang_getCursorLocation(c), NULL);
        int e = whole.ok ? expansion_at(f, whole.so) : -1;
        return e >= 0 ? f->exp[e].body_op : OP_OTHER;
    }
    if (k == CXCursor_UnaryOperator && ks.n == 1) {
        if (whole.ok && token_after(f, whole.so, whole.eo, spell, sizeof spell, pos,
                                    &off) && !off_in_expansion(f, off))
            return op_code(spell);
        /* `!` in a macro body: the first token of the expansion's body */
        *from_macro = 1;
        *pos = whole.ok ? whole.r.start : pos_of(f, clang_getCursorLocation(c), NULL);
        int e = whole.ok ? expansion_at(f, whole.so) : -1;
        return e >= 0 && f->exp[e].body_not ? OP_NOT : OP_OTHER;
    }
    return OP_OTHER;
}

static int logical_op(ScoFile *f, CXCursor c)
{
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k != CXCursor_BinaryOperator && k != CXCursor_UnaryOperator)
        return OP_OTHER;
    ScoPos p;
    int m;
    return operator_of(f, c, &p, &m);
}

/* Does the expression, through parentheses, casts and `!`, have && or || at its top? */
static int is_logical_tree(ScoFile *f, CXCursor c)
{
    for (;;) {
        c = strip(c);
        int op = logical_op(f, c);
        if (op == OP_AND || op == OP_OR)
            return 1;
        if (op != OP_NOT)
            return 0;
        c = kids_of(c).k[0];
    }
}

/* ---- constants ---------------------------------------------------------------------- */

static enum CXChildVisitResult var_ref_visit(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    if (clang_getCursorKind(c) == CXCursor_DeclRefExpr) {
        enum CXCursorKind rk = clang_getCursorKind(clang_getCursorReferenced(c));
        if (rk != CXCursor_EnumConstantDecl) {
            *(int *)data = 1;
            return CXChildVisit_Break;
        }
    }
    if (clang_getCursorKind(c) == CXCursor_CallExpr) {
        *(int *)data = 1;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Recurse;
}

/* A compile-time constant: evaluates as an integer and reads no variable (sizeof, enum
 * constants and literals only), so that a `const int` read is not taken for a constant. */
static int constant_value(CXCursor c, long long *v)
{
    int refs = 0;
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_DeclRefExpr || k == CXCursor_CallExpr)
        refs = clang_getCursorKind(clang_getCursorReferenced(c)) != CXCursor_EnumConstantDecl;
    else
        clang_visitChildren(c, var_ref_visit, &refs);
    if (refs)
        return 0;
    CXEvalResult r = clang_Cursor_Evaluate(c);
    if (!r)
        return 0;
    int ok = clang_EvalResult_getKind(r) == CXEval_Int;
    if (ok)
        *v = clang_EvalResult_getAsLongLong(r);
    clang_EvalResult_dispose(r);
    return ok;
}

/* ---- decisions ---------------------------------------------------------------------- */

static void walk(ScoFile *f, CXCursor c);

static char *range_text(const ScoFile *f, ScoRange r)
{
    if (!r.start.line || r.start.line > f->nlines || r.end.line > f->nlines)
        return strdup("");
    size_t a = f->line_off[r.start.line - 1] + r.start.col - 1;
    size_t b = f->line_off[r.end.line - 1] + r.end.col;  /* exclusive */
    if (b > f->size || b < a)
        return strdup("");
    char *t = malloc(b - a + 1);
    if (!t)
        return NULL;
    size_t n = 0;
    for (size_t i = a; i < b; i++) {
        char ch = f->text[i];
        if (isspace((unsigned char)ch)) {
            if (n && t[n - 1] != ' ')
                t[n++] = ' ';
        } else {
            t[n++] = ch;
        }
    }
    while (n && t[n - 1] == ' ')
        n--;
    t[n] = 0;
    return t;
}

static int add_node(ScoFile *f, DecBuild *b)
{
    ScoNode *n = grow(b->nodes, &b->capn, b->d.nnodes + 1, sizeof *n, f);
    if (!n)
        return -1;
    b->nodes = n;
    memset(&n[b->d.nnodes], 0, sizeof *n);
    n[b->d.nnodes].child[0] = n[b->d.nnodes].child[1] = -1;
    n[b->d.nnodes].cond = -1;
    return b->d.nnodes++;
}

static int build_tree(ScoFile *f, DecBuild *b, CXCursor c)
{
    c = strip(c);
    ScoPos op;
    int om = 0, code = OP_OTHER;
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_BinaryOperator || k == CXCursor_UnaryOperator)
        code = operator_of(f, c, &op, &om);
    int me = add_node(f, b);
    if (me < 0)
        return -1;
    if (code == OP_AND || code == OP_OR || code == OP_NOT) {
        Kids ks = kids_of(c);
        b->nodes[me].kind = code == OP_AND ? SCO_NODE_AND : code == OP_OR ? SCO_NODE_OR
                                                                          : SCO_NODE_NOT;
        b->nodes[me].op = op;
        b->nodes[me].op_from_macro = om;
        if (om)
            b->d.from_macro = 1;
        for (int i = 0; i < (code == OP_NOT ? 1 : 2); i++) {
            int ch = build_tree(f, b, ks.k[i]);
            if (ch < 0)
                return -1;
            b->nodes[me].child[i] = ch;
        }
        return me;
    }
    /* a condition: a leaf of the tree */
    ScoCondition *cs = grow(b->conds, &b->capc, b->d.nconds + 1, sizeof *cs, f);
    if (!cs)
        return -1;
    b->conds = cs;
    ScoCondition *cd = &cs[b->d.nconds];
    memset(cd, 0, sizeof *cd);
    Span s = span_of(f, c);
    cd->range = s.r;
    cd->from_macro = s.ok ? in_expansion(f, s.so, s.eo) : 1;
    if (cd->from_macro)
        b->d.from_macro = 1;
    int ex = s.ok ? innermost_expansion(f, s.so, s.eo) : -1;
    if (ex >= 0) {
        cd->macro = f->exp[ex].name;
        cd->macro_at = f->exp[ex].at;
    }
    cd->constant = constant_value(c, &cd->value);
    cd->text = range_text(f, s.r);
    if (!cd->text) {
        f->oom = 1;
        return -1;
    }
    b->nodes[me].kind = SCO_NODE_COND;
    b->nodes[me].cond = b->d.nconds++;
    walk(f, c);                      /* decisions nested inside the condition */
    return me;
}

static void add_decision(ScoFile *f, ScoDecisionKind kind, CXCursor expr, ScoPos keyword,
                         ScoPos ctrl)
{
    Span s = span_of(f, expr);
    if (!s.ok) {                     /* not in the main file (e.g. header) */
        walk(f, expr);
        return;
    }
    DecBuild *ds = grow(f->decs, &f->capdecs, f->ndecs + 1, sizeof *ds, f);
    if (!ds)
        return;
    f->decs = ds;
    int me = f->ndecs++;
    DecBuild b;
    memset(&b, 0, sizeof b);
    b.seq = (unsigned)me;
    b.d.kind = kind;
    b.d.range = s.r;
    b.d.keyword = keyword.line ? keyword : s.r.start;
    b.d.ctrl = ctrl;
    b.d.from_macro = in_expansion(f, s.so, s.eo);
    b.d.constant = constant_value(strip(expr), &(long long){0});
    f->decs[me] = b;                 /* reserve the slot: nested decisions come after */
    b.d.root = build_tree(f, &b, expr);
    f->decs[me] = b;                 /* f->decs may have moved: index again */
}

/* Position of the first token spelled WANT in [from, to), searching from offset min_off. */
static ScoPos find_token(ScoFile *f, CXSourceLocation from, CXSourceLocation to,
                         const char *want)
{
    CXToken *toks = NULL;
    unsigned n = 0;
    ScoPos r = {0, 0};
    unsigned a = 0, b = 0;
    if (!pos_of(f, from, &a).line || !pos_of(f, to, &b).line || b <= a)
        return r;
    tokenize_file(f, a, b, &toks, &n);
    for (unsigned i = 0; i < n; i++) {
        CXString s = clang_getTokenSpelling(f->tu, toks[i]);
        int hit = !strcmp(clang_getCString(s), want);
        clang_disposeString(s);
        if (hit) {
            unsigned off = 0;
            r = pos_of(f, clang_getTokenLocation(f->tu, toks[i]), &off);
            if (r.line && off < b && !off_in_expansion(f, off))
                break;
            r.line = r.col = 0;
        }
    }
    if (toks)
        clang_disposeTokens(f->tu, toks, n);
    return r;
}

static CXSourceLocation start_of(CXCursor c)
{
    return clang_getRangeStart(clang_getCursorExtent(c));
}

static CXSourceLocation end_of(CXCursor c)
{
    return clang_getRangeEnd(clang_getCursorExtent(c));
}

/* The statement's keyword (its first token) and the `(` after it. */
static void keyword_paren(ScoFile *f, CXCursor stmt, CXCursor cond, const char *kw,
                          ScoPos *keyword, ScoPos *paren)
{
    *keyword = find_token(f, start_of(stmt), start_of(cond), kw);
    *paren = find_token(f, start_of(stmt), start_of(cond), "(");
}

static enum CXChildVisitResult case_visit(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_CaseStmt || k == CXCursor_DefaultStmt)
        ++*(int *)data;
    if (k == CXCursor_SwitchStmt)
        return CXChildVisit_Continue;   /* an inner switch's labels are its own */
    return CXChildVisit_Recurse;
}

static void walk_kids(ScoFile *f, CXCursor c, int skip);

static void walk(ScoFile *f, CXCursor c)
{
    enum CXCursorKind k = clang_getCursorKind(c);
    Kids ks;
    ScoPos kw, paren;
    switch (k) {
    case CXCursor_IfStmt:
    case CXCursor_WhileStmt:
        ks = kids_of(c);
        if (ks.n < 2)
            break;
        keyword_paren(f, c, ks.k[0], k == CXCursor_IfStmt ? "if" : "while", &kw, &paren);
        add_decision(f, k == CXCursor_IfStmt ? SCO_DEC_IF : SCO_DEC_WHILE, ks.k[0], kw, paren);
        walk_kids(f, c, 0);
        return;
    case CXCursor_DoStmt:
        ks = kids_of(c);
        if (ks.n != 2)
            break;
        walk(f, ks.k[0]);
        kw = find_token(f, end_of(ks.k[0]), start_of(ks.k[1]), "while");
        paren = find_token(f, end_of(ks.k[0]), start_of(ks.k[1]), "(");
        add_decision(f, SCO_DEC_DO_WHILE, ks.k[1], kw, paren);
        return;
    case CXCursor_ForStmt: {
        /* libclang omits absent parts: find the condition between the two `;` */
        ks = kids_of(c);
        if (ks.n < 1 || ks.n > 4)
            break;
        CXToken *toks = NULL;
        unsigned n = 0, semi[2] = {0, 0}, nsemi = 0, depth = 0;
        Span whole = span_of(f, c);
        if (whole.ok)
            tokenize_file(f, whole.so, whole.eo, &toks, &n);
        for (unsigned i = 0; i < n && nsemi < 2; i++) {
            CXString s = clang_getTokenSpelling(f->tu, toks[i]);
            const char *sp = clang_getCString(s);
            if (!strcmp(sp, "("))
                depth++;
            else if (!strcmp(sp, ")"))
                depth--;
            else if (!strcmp(sp, ";") && depth == 1)
                pos_of(f, clang_getTokenLocation(f->tu, toks[i]), &semi[nsemi++]);
            clang_disposeString(s);
        }
        if (toks)
            clang_disposeTokens(f->tu, toks, n);
        int ci = -1;
        for (int i = 0; i < ks.n - 1 && i < 8 && nsemi == 2; i++) {
            Span s = span_of(f, ks.k[i]);
            if (s.ok && s.so > semi[0] && s.eo <= semi[1] + 1 &&
                clang_getCursorKind(ks.k[i]) != CXCursor_DeclStmt)
                ci = i;
        }
        if (ci < 0) {
            walk_kids(f, c, -1);
            return;
        }
        keyword_paren(f, c, ks.k[ci], "for", &kw, &paren);
        add_decision(f, SCO_DEC_FOR, ks.k[ci], kw, paren);
        walk_kids(f, c, ci);
        return;
    }
    case CXCursor_ConditionalOperator:
        ks = kids_of(c);
        if (ks.n != 3)
            break;
        paren = find_token(f, end_of(ks.k[0]), start_of(ks.k[1]), "?");
        add_decision(f, SCO_DEC_TERNARY, ks.k[0], (ScoPos){0, 0}, paren);
        walk(f, ks.k[1]);
        walk(f, ks.k[2]);
        return;
    case CXCursor_SwitchStmt: {
        ks = kids_of(c);
        if (ks.n < 2)
            break;
        Span s = span_of(f, ks.k[0]);
        if (s.ok) {
            ScoSwitch *sw = grow(f->sws, &f->capsws, f->nsws + 1, sizeof *sw, f);
            if (!sw)
                return;
            f->sws = sw;
            sw = &sw[f->nsws++];
            memset(sw, 0, sizeof *sw);
            keyword_paren(f, c, ks.k[0], "switch", &sw->keyword, &sw->ctrl);
            sw->range = s.r;
            sw->from_macro = in_expansion(f, s.so, s.eo);
            clang_visitChildren(ks.k[1], case_visit, &sw->ncases);
        }
        walk_kids(f, c, -1);
        return;
    }
    case CXCursor_BinaryOperator:
    case CXCursor_UnaryOperator:
    case CXCursor_ParenExpr:
        if (is_logical_tree(f, c)) {
            add_decision(f, SCO_DEC_EXPR, c, (ScoPos){0, 0}, (ScoPos){0, 0});
            return;
        }
        break;
    default:
        break;
    }
    walk_kids(f, c, -1);
}

typedef struct WalkCtx {
    ScoFile *f;
    int i, skip;                     /* skip child index `skip` (-1 none) */
} WalkCtx;

static enum CXChildVisitResult walk_visit(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    WalkCtx *w = data;
    if (w->i++ != w->skip)
        walk(w->f, c);
    return CXChildVisit_Continue;
}

/* Walk the children of C except child SKIP (-1: none). */
static void walk_kids(ScoFile *f, CXCursor c, int skip)
{
    WalkCtx w = {f, 0, skip};
    clang_visitChildren(c, walk_visit, &w);
}

/* ---- file level --------------------------------------------------------------------- */

static int is_binary_token(const char *t)
{
    static const char *const ops[] = {"&&", "||", "==", "!=", "<", ">", "<=", ">=", "+", "-",
                                      "*", "/", "%", "&", "|", "^", "<<", ">>", "=", "+=",
                                      "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=",
                                      ",", NULL};
    for (int i = 0; ops[i]; i++)
        if (!strcmp(t, ops[i]))
            return 1;
    return 0;
}

/* Classify the binary operators of a macro's body (tokens after the name and parameters).
 * A token is binary when it follows an operand (identifier, literal, `)` or `]`). */
static void macro_body_ops(ScoFile *f, CXCursor def, struct Expansion *e)
{
    CXToken *toks = NULL;
    unsigned n = 0, i = 1;
    int nand = 0, nor = 0, nother = 0, prev_operand = 0;
    e->body_op = OP_OTHER;
    e->body_not = 0;
    if (clang_getCursorKind(def) != CXCursor_MacroDefinition)
        return;
    clang_tokenize(f->tu, clang_getCursorExtent(def), &toks, &n);
    if (clang_Cursor_isMacroFunctionLike(def)) {      /* skip `( params )` */
        while (i < n) {
            CXString s = clang_getTokenSpelling(f->tu, toks[i++]);
            int end = !strcmp(clang_getCString(s), ")");
            clang_disposeString(s);
            if (end)
                break;
        }
    }
    for (unsigned j = i; j < n; j++) {
        CXString s = clang_getTokenSpelling(f->tu, toks[j]);
        const char *t = clang_getCString(s);
        CXTokenKind tk = clang_getTokenKind(toks[j]);
        if (j == i && !strcmp(t, "!"))
            e->body_not = 1;
        if (prev_operand && is_binary_token(t)) {
            nand += !strcmp(t, "&&");
            nor += !strcmp(t, "||");
            nother += strcmp(t, "&&") && strcmp(t, "||");
        }
        prev_operand = tk == CXToken_Identifier || tk == CXToken_Literal ||
                       !strcmp(t, ")") || !strcmp(t, "]");
        clang_disposeString(s);
    }
    if (toks)
        clang_disposeTokens(f->tu, toks, n);
    if (nand && !nor && !nother)
        e->body_op = OP_AND;
    else if (nor && !nand && !nother)
        e->body_op = OP_OR;
}

static enum CXChildVisitResult top_visit(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    ScoFile *f = data;
    if (clang_getCursorKind(c) == CXCursor_MacroExpansion) {
        unsigned so = 0, eo = 0;
        CXSourceRange ext = clang_getCursorExtent(c);
        ScoPos at = pos_of(f, clang_getRangeStart(ext), &so);
        if (at.line && pos_of(f, clang_getRangeEnd(ext), &eo).line && eo > so) {
            struct Expansion *e = grow(f->exp, &f->capexp, f->nexp + 1, sizeof *e, f);
            if (e) {
                f->exp = e;
                e[f->nexp].so = so;
                e[f->nexp].eo = eo;
                e[f->nexp].at = at;
                CXString nm = clang_getCursorSpelling(c);
                const char *ns = clang_getCString(nm);
                e[f->nexp].name = ns && *ns ? strdup(ns) : NULL;
                clang_disposeString(nm);
                macro_body_ops(f, clang_getCursorReferenced(c), &e[f->nexp]);
                f->nexp++;
            }
        }
    }
    return CXChildVisit_Continue;
}

static enum CXChildVisitResult decl_visit(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    ScoFile *f = data;
    CXFile file;
    if (clang_getCursorKind(c) == CXCursor_MacroExpansion ||
        clang_getCursorKind(c) == CXCursor_MacroDefinition ||
        clang_getCursorKind(c) == CXCursor_InclusionDirective)
        return CXChildVisit_Continue;
    clang_getExpansionLocation(clang_getCursorLocation(c), &file, NULL, NULL, NULL);
    if (!file || !clang_File_isEqual(file, f->mainfile))
        return CXChildVisit_Continue;
    walk(f, c);
    return CXChildVisit_Continue;
}

static int pos_cmp(ScoPos a, ScoPos b)
{
    if (a.line != b.line)
        return a.line < b.line ? -1 : 1;
    if (a.col != b.col)
        return a.col < b.col ? -1 : 1;
    return 0;
}

static int dec_cmp(const void *pa, const void *pb)
{
    const DecBuild *a = pa, *b = pb;
    int c = pos_cmp(a->d.range.start, b->d.range.start);
    if (c)
        return c;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int load_text(ScoFile *f, const char *path, char *err, size_t errlen)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        set_err(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    size_t cap = 65536, n = 0;
    char *t = malloc(cap + 1);
    while (t) {
        size_t r = fread(t + n, 1, cap - n, fp);
        n += r;
        if (n < cap)
            break;
        char *u = realloc(t, cap * 2 + 1);
        if (!u) {
            free(t);
            t = NULL;
            break;
        }
        t = u;
        cap *= 2;
    }
    int bad = ferror(fp);
    fclose(fp);
    if (!t || bad) {
        free(t);
        set_err(err, errlen, "%s: cannot read", path);
        return -1;
    }
    t[n] = 0;
    f->text = t;
    f->size = n;
    unsigned lines = 1;
    for (size_t i = 0; i < n; i++)
        lines += t[i] == '\n';
    f->line_off = malloc(lines * sizeof *f->line_off);
    if (!f->line_off) {
        set_err(err, errlen, "out of memory");
        return -1;
    }
    f->line_off[0] = 0;
    f->nlines = 1;
    for (size_t i = 0; i < n; i++)
        if (t[i] == '\n')
            f->line_off[f->nlines++] = i + 1;
    return 0;
}

ScoFile *sco_extract(const char *source, const char *const *args, int nargs, char *err,
                     size_t errlen)
{
    if (!source) {
        set_err(err, errlen, "no source file given");
        return NULL;
    }
    ScoFile *f = calloc(1, sizeof *f);
    if (!f || !(f->path = strdup(source))) {
        free(f);
        set_err(err, errlen, "out of memory");
        return NULL;
    }
    if (load_text(f, source, err, errlen) < 0) {
        sco_free(f);
        return NULL;
    }
    CXIndex idx = clang_createIndex(0, 0);
    enum CXErrorCode ec = clang_parseTranslationUnit2(
        idx, source, args, nargs, NULL, 0,
        CXTranslationUnit_DetailedPreprocessingRecord | CXTranslationUnit_KeepGoing, &f->tu);
    if (ec != CXError_Success || !f->tu) {
        set_err(err, errlen, "%s: libclang could not parse it (error %d)", source, (int)ec);
        clang_disposeIndex(idx);
        sco_free(f);
        return NULL;
    }
    /* refuse to produce SCOs from code that does not compile: they would be silently wrong */
    unsigned nd = clang_getNumDiagnostics(f->tu);
    for (unsigned i = 0; i < nd; i++) {
        CXDiagnostic d = clang_getDiagnostic(f->tu, i);
        enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(d);
        if (sev >= CXDiagnostic_Error) {
            CXString s = clang_formatDiagnostic(d, CXDiagnostic_DisplaySourceLocation |
                                                       CXDiagnostic_DisplayColumn);
            set_err(err, errlen, "%s", clang_getCString(s));
            clang_disposeString(s);
            clang_disposeDiagnostic(d);
            clang_disposeTranslationUnit(f->tu);
            f->tu = NULL;
            clang_disposeIndex(idx);
            sco_free(f);
            return NULL;
        }
        clang_disposeDiagnostic(d);
    }
    f->mainfile = clang_getFile(f->tu, source);
    CXCursor root = clang_getTranslationUnitCursor(f->tu);
    clang_visitChildren(root, top_visit, f);
    clang_visitChildren(root, decl_visit, f);
    clang_disposeTranslationUnit(f->tu);
    f->tu = NULL;
    clang_disposeIndex(idx);
    if (f->oom) {
        set_err(err, errlen, "out of memory");
        sco_free(f);
        return NULL;
    }
    qsort(f->decs, (size_t)f->ndecs, sizeof *f->decs, dec_cmp);
    for (int i = 0; i < f->ndecs; i++) {
        f->decs[i].d.nodes = f->decs[i].nodes;
        f->decs[i].d.conds = f->decs[i].conds;
    }
    return f;
}

/* ---- compile_commands.json ---------------------------------------------------------- */

typedef struct ArgV {
    char **v;
    int n, cap, oom;
} ArgV;

static void argv_push(ArgV *a, const char *fmt, ...)
{
    va_list ap;
    char *s = NULL;
    if (a->oom)
        return;
    if (a->n + 1 >= a->cap) {
        int ncap = a->cap ? a->cap * 2 : 32;
        char **v = realloc(a->v, (size_t)ncap * sizeof *v);
        if (!v) {
            a->oom = 1;
            return;
        }
        a->v = v;
        a->cap = ncap;
    }
    va_start(ap, fmt);
    if (vasprintf(&s, fmt, ap) < 0) {
        a->oom = 1;
        s = NULL;
    }
    va_end(ap);
    if (s)
        a->v[a->n++] = s;
}

static void argv_free(ArgV *a)
{
    for (int i = 0; i < a->n; i++)
        free(a->v[i]);
    free(a->v);
}

/* Preprocessor flags whose value may be a separate word; paths are made absolute. */
static int pp_flag(const char *a)
{
    static const char *const f[] = {"-I", "-D", "-U", "-include", "-isystem", "-iquote",
                                    "-imacros", "-idirafter", NULL};
    for (int i = 0; f[i]; i++)
        if (!strncmp(a, f[i], strlen(f[i])))
            return (int)strlen(f[i]);
    return 0;
}

/* Target flags a cross compiler and clang both understand. */
static int target_flag(const char *a)
{
    return !strncmp(a, "-march=", 7) || !strncmp(a, "-mabi=", 6) || !strncmp(a, "-mcpu=", 6) ||
           !strcmp(a, "-mthumb") || !strcmp(a, "-marm") || !strncmp(a, "-mfloat-abi=", 12) ||
           !strncmp(a, "-mfpu=", 6) || !strcmp(a, "-mlittle-endian") ||
           !strcmp(a, "-mbig-endian");
}

static char *shell_quote(const char *s)
{
    size_t n = 3;
    for (const char *p = s; *p; p++)
        n += *p == '\'' ? 4 : 1;
    char *q = malloc(n), *o = q;
    if (!q)
        return NULL;
    *o++ = '\'';
    for (const char *p = s; *p; p++) {
        if (*p == '\'') {
            memcpy(o, "'\\''", 4);
            o += 4;
        } else {
            *o++ = *p;
        }
    }
    *o++ = '\'';
    *o = 0;
    return q;
}

/* A cross compiler (`riscv64-unknown-elf-gcc`): tell clang the target and give it the
 * compiler's own system include directories (`gcc -E -v`), after clang's builtin headers,
 * so that sizeof, predefined macros and the C library headers are the firmware's. */
static void cross_target(const char *cc, const ArgV *tflags, ArgV *out)
{
    const char *base = strrchr(cc, '/') ? strrchr(cc, '/') + 1 : cc;
    const char *dash = strrchr(base, '-');
    if (!dash || dash == base || (strcmp(dash, "-gcc") && strcmp(dash, "-cc")))
        return;
    char triple[128];
    snprintf(triple, sizeof triple, "%.*s", (int)(dash - base), base);
    if (!strchr(triple, '-'))
        return;                      /* `x86_64-gcc`-like names: not a triple */
    for (int i = 0; i < tflags->n; i++)
        if (!strncmp(triple, "riscv64", 7) &&
            (!strncmp(tflags->v[i], "-march=rv32", 11) || !strncmp(tflags->v[i], "-mabi=ilp32", 11)))
            memcpy(triple, "riscv32", 7);
    argv_push(out, "--target=%s", triple);
    argv_push(out, "-nostdlibinc");
    char *cmd = shell_quote(cc);
    for (int i = 0; cmd && i < tflags->n; i++) {
        char *q = shell_quote(tflags->v[i]), *c2 = NULL;
        if (!q || asprintf(&c2, "%s %s", cmd, q) < 0)
            c2 = NULL;
        free(q);
        free(cmd);
        cmd = c2;
    }
    char *full = NULL;
    if (!cmd || asprintf(&full, "%s -xc -E -v /dev/null 2>&1 >/dev/null", cmd) < 0)
        full = NULL;
    free(cmd);
    FILE *p = full ? popen(full, "r") : NULL;
    free(full);
    if (!p)
        return;
    char line[4096];
    int in = 0;
    while (fgets(line, sizeof line, p)) {
        line[strcspn(line, "\n")] = 0;
        if (!strncmp(line, "#include <...> search starts here", 33))
            in = 1;
        else if (!strncmp(line, "End of search list", 18))
            in = 0;
        else if (in && line[0] == ' ')
            argv_push(out, "-idirafter%s", line + 1);
    }
    pclose(p);
}

/* The compile command of SOURCE in DBDIR/compile_commands.json: exactly its
 * entry when `exact`, else libclang's interpolation (closest listed file). */
static CXCompileCommands db_commands(CXCompilationDatabase db, const char *source, int exact,
                                     CXCompileCommand *out)
{
    char want[PATH_MAX];
    *out = NULL;
    if (!exact) {
        char *abs = realpath(source, NULL);
        CXCompileCommands cmds =
            clang_CompilationDatabase_getCompileCommands(db, abs ? abs : source);
        free(abs);
        if (cmds && clang_CompileCommands_getSize(cmds) > 0)
            *out = clang_CompileCommands_getCommand(cmds, 0);
        return cmds;
    }
    CXCompileCommands cmds = clang_CompilationDatabase_getAllCompileCommands(db);
    unsigned n = cmds ? clang_CompileCommands_getSize(cmds) : 0;
    if (!realpath(source, want))
        return cmds;
    for (unsigned i = 0; i < n && !*out; i++) {
        CXCompileCommand c = clang_CompileCommands_getCommand(cmds, i);
        CXString fs = clang_CompileCommand_getFilename(c);
        CXString ds = clang_CompileCommand_getDirectory(c);
        const char *fn = clang_getCString(fs), *dn = clang_getCString(ds);
        char *full = NULL, got[PATH_MAX];
        if (fn && fn[0] != '/' && dn) {
            if (asprintf(&full, "%s/%s", dn, fn) < 0)
                full = NULL;
        } else if (fn) {
            full = strdup(fn);
        }
        if (full && realpath(full, got) && !strcmp(got, want))
            *out = c;
        free(full);
        clang_disposeString(fs);
        clang_disposeString(ds);
    }
    return cmds;
}

int sco_compile_args(const char *source, const char *dbdir, int exact, char ***argv_out,
                     int *argc_out, char *err, size_t errlen)
{
    char *json = NULL;
    *argv_out = NULL;
    *argc_out = 0;
    if (!source || !dbdir) {
        set_err(err, errlen, "no source file or build directory given");
        return -1;
    }
    /* check first: libclang prints its own tooling errors on stderr otherwise */
    if (asprintf(&json, "%s/compile_commands.json", dbdir) < 0 || access(json, R_OK) != 0) {
        set_err(err, errlen, "%s: %s", json ? json : dbdir, strerror(errno));
        free(json);
        return -1;
    }
    free(json);
    CXCompilationDatabase_Error dberr;
    CXCompilationDatabase db = clang_CompilationDatabase_fromDirectory(dbdir, &dberr);
    if (dberr != CXCompilationDatabase_NoError || !db) {
        set_err(err, errlen, "%s/compile_commands.json: not a valid compilation database",
                dbdir);
        return -1;
    }
    CXCompileCommand cmd;
    CXCompileCommands cmds = db_commands(db, source, exact, &cmd);
    if (!cmd) {
        if (cmds)
            clang_CompileCommands_dispose(cmds);
        clang_CompilationDatabase_dispose(db);
        set_err(err, errlen, "%s: no entry in %s/compile_commands.json", source, dbdir);
        return -2;
    }
    unsigned n = clang_CompileCommand_getNumArgs(cmd);
    CXString dirs = clang_CompileCommand_getDirectory(cmd);
    const char *dir = clang_getCString(dirs);
    ArgV args = {0}, tflags = {0};
    char *cc = NULL;
    for (unsigned i = 0; i < n; i++) {
        CXString s = clang_CompileCommand_getArg(cmd, i);
        const char *a = clang_getCString(s);
        int plen = pp_flag(a);
        if (i == 0) {
            cc = strdup(a);
        } else if (plen) {
            char flag[16];
            snprintf(flag, sizeof flag, "%.*s", plen, a);
            const char *val = a + plen;
            CXString s2 = {0};
            int sep = !*val && i + 1 < n;
            if (sep) {
                s2 = clang_CompileCommand_getArg(cmd, ++i);
                val = clang_getCString(s2);
            }
            int path = strcmp(flag, "-D") && strcmp(flag, "-U");
            if (path && val[0] != '/' && dir)
                argv_push(&args, "%s%s/%s", flag, dir, val);
            else
                argv_push(&args, "%s%s", flag, val);
            if (sep)
                clang_disposeString(s2);
        } else if (!strncmp(a, "-std=", 5) || !strcmp(a, "-ffreestanding") ||
                   !strcmp(a, "-fno-builtin")) {
            /* language mode: a freestanding parse uses the compiler's own
             * <stdint.h> instead of looking for a C library's */
            argv_push(&args, "%s", a);
        } else if (target_flag(a)) {
            argv_push(&args, "%s", a);
            argv_push(&tflags, "%s", a);
        } else if (!strncmp(a, "--specs=", 8) || !strncmp(a, "-misa-spec=", 11)) {
            argv_push(&tflags, "%s", a);     /* for the compiler's include search only */
        }
        clang_disposeString(s);
    }
    if (cc)
        cross_target(cc, &tflags, &args);
    free(cc);
    clang_disposeString(dirs);
    clang_CompileCommands_dispose(cmds);
    clang_CompilationDatabase_dispose(db);
    argv_free(&tflags);
    if (args.oom || tflags.oom) {
        argv_free(&args);
        set_err(err, errlen, "out of memory");
        return -1;
    }
    *argv_out = args.v;
    *argc_out = args.n;
    return args.n;
}

ScoFile *sco_extract_db(const char *source, const char *dbdir, char *err, size_t errlen)
{
    char **argv;
    int argc;
    if (sco_compile_args(source, dbdir, 0, &argv, &argc, err, errlen) < 0)
        return NULL;
    ScoFile *f = sco_extract(source, (const char *const *)argv, argc, err, errlen);
    for (int i = 0; i < argc; i++)
        free(argv[i]);
    free(argv);
    return f;
}

void sco_free(ScoFile *f)
{
    if (!f)
        return;
    for (int i = 0; i < f->ndecs; i++) {
        for (int j = 0; j < f->decs[i].d.nconds; j++)
            free((char *)f->decs[i].conds[j].text);
        free(f->decs[i].conds);
        free(f->decs[i].nodes);
    }
    free(f->decs);
    free(f->sws);
    for (int i = 0; i < f->nexp; i++)
        free(f->exp[i].name);
    free(f->exp);
    free(f->line_off);
    free(f->text);
    free(f->path);
    free(f);
}

const char *sco_source(const ScoFile *f) { return f->path; }
int sco_decision_count(const ScoFile *f) { return f->ndecs; }
int sco_switch_count(const ScoFile *f) { return f->nsws; }

const ScoDecision *sco_decision(const ScoFile *f, int i)
{
    return i >= 0 && i < f->ndecs ? &f->decs[i].d : NULL;
}

const ScoSwitch *sco_switch(const ScoFile *f, int i)
{
    return i >= 0 && i < f->nsws ? &f->sws[i] : NULL;
}

const char *sco_kind_name(ScoDecisionKind k)
{
    static const char *const names[] = {"if", "while", "do-while", "for", "ternary", "expr"};
    return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "?";
}

int sco_lookup(const ScoFile *f, unsigned line, unsigned col, int *node)
{
    if (node)
        *node = -1;
    for (int i = 0; i < f->ndecs; i++) {
        const ScoDecision *d = &f->decs[i].d;
        if (d->range.start.line > line + 1 || d->range.end.line + 1 < line)
            continue;                /* ctrl and operators sit next to or inside the range */
        if (d->ctrl.line == line && d->ctrl.col == col)
            return i;
        for (int n = 0; n < d->nnodes; n++) {
            const ScoNode *nd = &d->nodes[n];
            if (nd->kind != SCO_NODE_COND && !nd->op_from_macro && nd->op.line == line &&
                nd->op.col == col) {
                if (node)
                    *node = n;
                return i;
            }
        }
    }
    return -1;
}

/* ---- output ------------------------------------------------------------------------- */

typedef struct Out {
    char *buf;
    size_t len, used;
} Out;

static void out_s(Out *o, const char *s)
{
    for (; *s; s++, o->used++)
        if (o->used + 1 < o->len)
            o->buf[o->used] = *s;
}

static void tree_rec(const ScoDecision *d, int n, Out *o)
{
    const ScoNode *nd = &d->nodes[n];
    if (nd->kind == SCO_NODE_COND) {
        const ScoCondition *c = &d->conds[nd->cond];
        if (c->constant)
            out_s(o, "const:");
        if (c->from_macro)
            out_s(o, "macro:");
        out_s(o, "{");
        out_s(o, c->text);
        out_s(o, "}");
        return;
    }
    out_s(o, nd->kind == SCO_NODE_AND ? "and(" : nd->kind == SCO_NODE_OR ? "or(" : "not(");
    tree_rec(d, nd->child[0], o);
    if (nd->child[1] >= 0) {
        out_s(o, ",");
        tree_rec(d, nd->child[1], o);
    }
    out_s(o, ")");
}

size_t sco_tree_string(const ScoDecision *d, int node, char *buf, size_t len)
{
    Out o = {buf, len, 0};
    if (node >= 0 && node < d->nnodes)
        tree_rec(d, node, &o);
    if (len)
        buf[o.used < len ? o.used : len - 1] = 0;
    return o.used + 1;
}

static void pr_pos(FILE *out, ScoPos p)
{
    if (p.line)
        fprintf(out, "%u:%u", p.line, p.col);
    else
        fputs("-", out);
}

static void pr_range(FILE *out, ScoRange r)
{
    pr_pos(out, r.start);
    fputs("-", out);
    pr_pos(out, r.end);
}

void sco_dump(const ScoFile *f, FILE *out)
{
    fprintf(out, "sco %s: %d decisions, %d switches\n", f->path, f->ndecs, f->nsws);
    for (int i = 0; i < f->ndecs; i++) {
        const ScoDecision *d = &f->decs[i].d;
        size_t need = sco_tree_string(d, d->root, NULL, 0);
        char *t = malloc(need);
        if (!t)
            return;
        sco_tree_string(d, d->root, t, need);
        fprintf(out, "\ndecision %d %s%s%s line %u\n", i + 1, sco_kind_name(d->kind),
                d->from_macro ? " macro" : "", d->constant ? " const" : "",
                d->range.start.line);
        fputs("  span ", out);
        pr_range(out, d->range);
        fputs(" keyword ", out);
        pr_pos(out, d->keyword);
        fputs(" ctrl ", out);
        pr_pos(out, d->ctrl);
        fprintf(out, "\n  tree %s\n", t);
        free(t);
        for (int n = 0; n < d->nnodes; n++) {
            const ScoNode *nd = &d->nodes[n];
            if (nd->kind == SCO_NODE_COND)
                continue;
            fprintf(out, "  op %s ", nd->kind == SCO_NODE_AND ? "&&" :
                                     nd->kind == SCO_NODE_OR ? "||" : "!");
            pr_pos(out, nd->op);
            fputs(nd->op_from_macro ? " macro\n" : "\n", out);
        }
        for (int c = 0; c < d->nconds; c++) {
            const ScoCondition *cd = &d->conds[c];
            fprintf(out, "  cond c%d ", c + 1);
            pr_range(out, cd->range);
            if (cd->from_macro)
                fputs(" macro", out);
            if (cd->constant)
                fprintf(out, " const=%lld", cd->value);
            fprintf(out, " {%s}\n", cd->text);
        }
    }
    for (int i = 0; i < f->nsws; i++) {
        const ScoSwitch *s = &f->sws[i];
        fprintf(out, "\nswitch %d%s line %u\n  span ", i + 1, s->from_macro ? " macro" : "",
                s->keyword.line ? s->keyword.line : s->range.start.line);
        pr_range(out, s->range);
        fputs(" keyword ", out);
        pr_pos(out, s->keyword);
        fputs(" ctrl ", out);
        pr_pos(out, s->ctrl);
        fprintf(out, " cases %d\n", s->ncases);
    }
}
