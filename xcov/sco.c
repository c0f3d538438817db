/*
 * xcov/sco.c - C statements ("SCOs" for statement coverage) with libclang.
 *
 * Rules (docs/xcov.md, "Statements"):
 *  - every child of a compound statement is a statement, except nested
 *    compound statements (containers: we descend), null statements (no code)
 *    and declarations without initialiser (no code);
 *  - a case/default/label statement is transparent: its sub-statement is the
 *    statement;
 *  - the non-compound bodies of if/else/while/for/do/switch are statements;
 *  - if/while/for/switch/do are statements themselves: the part that
 *    evaluates the condition (the header).  Their extent is the whole
 *    statement, so a line-table position inside a nested statement goes to
 *    the nested one (innermost wins) and the rest (condition, for's init and
 *    increment, else keyword, ...) to the compound statement; the lines they
 *    mark are the header lines only (for do: the `while (cond);` lines).
 * Positions are expansion locations: code from a macro is the statement of
 * the macro invocation (GCC's line table does the same).
 */
#include "xcov/xcov.h"
#include "xcov/sco/sco.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef XCOV_HAVE_LIBCLANG
#include <clang-c/CXCompilationDatabase.h>
#include <clang-c/Index.h>
#endif

void xcov_sco_free(XcovSco *sco)
{
    if (!sco)
        return;
    for (unsigned i = 0; i < sco->nstmts; i++) {
        free(sco->stmts[i].file);
        free(sco->stmts[i].func);
        free(sco->stmts[i].text);
    }
    free(sco->stmts);
    memset(sco, 0, sizeof *sco);
}

static char *xstrdup0(const char *s)
{
    char *d = strdup(s ? s : "");
    if (!d) {
        fprintf(stderr, "xcov: out of memory\n");
        exit(70);
    }
    return d;
}

#ifdef XCOV_HAVE_LIBCLANG

bool xcov_sco_available(void) { return true; }

typedef struct Walk {
    XcovSco *sco;
    CXTranslationUnit tu;
    const char *func;
} Walk;

static void loc_of(CXSourceLocation l, CXFile *f, unsigned *line, unsigned *col)
{
    unsigned off;
    clang_getExpansionLocation(l, f, line, col, &off);
}

static unsigned ext_end_line(CXCursor c)
{
    CXFile f;
    unsigned line, col;
    loc_of(clang_getRangeEnd(clang_getCursorExtent(c)), &f, &line, &col);
    return line;
}

static unsigned ext_start_line(CXCursor c)
{
    CXFile f;
    unsigned line, col;
    loc_of(clang_getRangeStart(clang_getCursorExtent(c)), &f, &line, &col);
    return line;
}

typedef struct Kids {
    CXCursor c[8];
    unsigned n;
} Kids;

static enum CXChildVisitResult collect_kid(CXCursor c, CXCursor parent, CXClientData d)
{
    (void)parent;
    Kids *k = d;
    if (k->n < 8)
        k->c[k->n++] = c;
    return CXChildVisit_Continue;
}

static Kids kids_of(CXCursor c)
{
    Kids k;
    k.n = 0;
    clang_visitChildren(c, collect_kid, &k);
    return k;
}

static void stmt_position(XcovStmt *s, CXCursor c, char **file)
{
    CXSourceRange r = clang_getCursorExtent(c);
    CXFile f, f2;
    loc_of(clang_getRangeStart(r), &f, &s->line, &s->col);
    loc_of(clang_getRangeEnd(r), &f2, &s->end_line, &s->end_col);
    if (s->end_line < s->line || (s->end_line == s->line && s->end_col <= s->col)) {
        s->end_line = s->line;
        s->end_col = s->col + 1;
    }
    CXString fn = clang_getFileName(f);
    const char *p = clang_getCString(fn);
    *file = xstrdup0(p ? p : "");
    clang_disposeString(fn);
}

static void add_stmt(Walk *w, CXCursor c, XcovStmtKind kind, unsigned own_first,
                     unsigned own_last)
{
    XcovSco *sco = w->sco;
    XcovStmt s;
    memset(&s, 0, sizeof s);
    stmt_position(&s, c, &s.file);
    if (!s.file[0]) {
        free(s.file);
        return;
    }
    s.kind = kind;
    s.own_first = own_first ? own_first : s.line;
    s.own_last = own_last ? own_last : s.end_line;
    if (s.own_last < s.own_first)
        s.own_last = s.own_first;
    s.func = xstrdup0(w->func);
    /* A short excerpt of the statement for messages. */
    CXToken *toks = NULL;
    unsigned ntoks = 0;
    char buf[64];
    size_t bl = 0;
    buf[0] = 0;
    clang_tokenize(w->tu, clang_getCursorExtent(c), &toks, &ntoks);
    for (unsigned i = 0; i < ntoks && bl < sizeof buf - 1; i++) {
        CXString ts = clang_getTokenSpelling(w->tu, toks[i]);
        const char *t = clang_getCString(ts);
        int n = snprintf(buf + bl, sizeof buf - bl, "%s%s", bl ? " " : "", t ? t : "");
        clang_disposeString(ts);
        if (n < 0)
            break;
        bl += (size_t)n;
        if (bl >= sizeof buf)
            bl = sizeof buf - 1;
    }
    if (toks)
        clang_disposeTokens(w->tu, toks, ntoks);
    if (bl >= 40)
        strcpy(buf + 36, "...");
    s.text = xstrdup0(buf);
    /* Dedupe (a header parsed from several TUs). */
    for (unsigned i = 0; i < sco->nstmts; i++) {
        XcovStmt *o = &sco->stmts[i];
        if (o->line == s.line && o->col == s.col && o->end_line == s.end_line &&
            o->end_col == s.end_col && strcmp(o->file, s.file) == 0) {
            free(s.file);
            free(s.func);
            free(s.text);
            return;
        }
    }
    if (sco->nstmts == sco->cap) {
        unsigned nc = sco->cap ? sco->cap * 2 : 256;
        XcovStmt *ns = realloc(sco->stmts, nc * sizeof *ns);
        if (!ns)
            exit(70);
        sco->stmts = ns;
        sco->cap = nc;
    }
    sco->stmts[sco->nstmts++] = s;
}

static void statement(Walk *w, CXCursor c);

static enum CXChildVisitResult compound_kid(CXCursor c, CXCursor parent, CXClientData d)
{
    (void)parent;
    statement(d, c);
    return CXChildVisit_Continue;
}

static bool decl_has_init(CXCursor decl_stmt)
{
    /* A DeclStmt has code when one of its variables has an initialiser
     * (a child expression of the VarDecl). */
    Kids vars = kids_of(decl_stmt);
    for (unsigned i = 0; i < vars.n; i++) {
        if (clang_getCursorKind(vars.c[i]) != CXCursor_VarDecl)
            continue;
        if (clang_Cursor_getStorageClass(vars.c[i]) == CX_SC_Static ||
            clang_Cursor_getStorageClass(vars.c[i]) == CX_SC_Extern)
            continue;
        Kids in = kids_of(vars.c[i]);
        for (unsigned j = 0; j < in.n; j++) {
            enum CXCursorKind k = clang_getCursorKind(in.c[j]);
            if (clang_isExpression(k) || k == CXCursor_InitListExpr)
                return true;
        }
        /* A variable-length array needs code too. */
        CXType t = clang_getCursorType(vars.c[i]);
        if (t.kind == CXType_VariableArray)
            return true;
    }
    return false;
}

/* A cursor in statement position. */
static void statement(Walk *w, CXCursor c)
{
    enum CXCursorKind k = clang_getCursorKind(c);
    Kids kids;
    switch (k) {
    case CXCursor_CompoundStmt:
        clang_visitChildren(c, compound_kid, w);
        return;
    case CXCursor_NullStmt:
        return;
    case CXCursor_CaseStmt:
    case CXCursor_DefaultStmt:
    case CXCursor_LabelStmt:
        kids = kids_of(c);
        if (kids.n)
            statement(w, kids.c[kids.n - 1]);
        return;
    case CXCursor_DeclStmt:
        if (decl_has_init(c))
            add_stmt(w, c, XCOV_STMT_SIMPLE, 0, 0);
        return;
    case CXCursor_IfStmt:
        kids = kids_of(c);
        /* children: condition, then, [else] */
        add_stmt(w, c, XCOV_STMT_HEADER, ext_start_line(c),
                 kids.n ? ext_end_line(kids.c[0]) : 0);
        for (unsigned i = 1; i < kids.n; i++)
            statement(w, kids.c[i]);
        return;
    case CXCursor_WhileStmt:
    case CXCursor_SwitchStmt:
    case CXCursor_ForStmt: {
        kids = kids_of(c);
        unsigned hdr_end = ext_start_line(c);
        for (unsigned i = 0; i + 1 < kids.n; i++) {
            unsigned e = ext_end_line(kids.c[i]);
            if (e > hdr_end)
                hdr_end = e;
        }
        add_stmt(w, c, XCOV_STMT_HEADER, ext_start_line(c), hdr_end);
        if (kids.n)
            statement(w, kids.c[kids.n - 1]);
        return;
    }
    case CXCursor_DoStmt:
        kids = kids_of(c);
        /* children: body, condition */
        add_stmt(w, c, XCOV_STMT_HEADER,
                 kids.n >= 2 ? ext_start_line(kids.c[kids.n - 1]) : ext_end_line(c),
                 ext_end_line(c));
        if (kids.n)
            statement(w, kids.c[0]);
        return;
    default:
        if (clang_isDeclaration(k))   /* nested function/type declarations */
            return;
        add_stmt(w, c, XCOV_STMT_SIMPLE, 0, 0);
        return;
    }
}

static enum CXChildVisitResult top_visit(CXCursor c, CXCursor parent, CXClientData d)
{
    (void)parent;
    Walk *w = d;
    if (clang_getCursorKind(c) == CXCursor_FunctionDecl && clang_isCursorDefinition(c)) {
        CXString name = clang_getCursorSpelling(c);
        w->func = clang_getCString(name);
        Kids kids = kids_of(c);
        for (unsigned i = 0; i < kids.n; i++)
            if (clang_getCursorKind(kids.c[i]) == CXCursor_CompoundStmt)
                statement(w, kids.c[i]);
        w->func = NULL;
        clang_disposeString(name);
    }
    return CXChildVisit_Continue;
}

int xcov_sco_parse(XcovSco *sco, const char *source, const char *const *args, int nargs,
                   char *err, size_t errlen)
{
    CXIndex idx = clang_createIndex(0, 0);
    const char **av = malloc(sizeof *av * ((size_t)nargs + 4));
    if (!av)
        exit(70);
    int n = 0;
    for (int i = 0; i < nargs; i++)
        av[n++] = args[i];
    av[n++] = "-ferror-limit=0";
    av[n++] = "-w";
    av[n++] = "-fno-spell-checking";
    CXTranslationUnit tu = NULL;
    enum CXErrorCode ec = clang_parseTranslationUnit2(
        idx, source, av, n, NULL, 0,
        CXTranslationUnit_KeepGoing, &tu);
    free(av);
    if (ec != CXError_Success || !tu) {
        snprintf(err, errlen, "%s: libclang could not parse it (error %d)", source, (int)ec);
        clang_disposeIndex(idx);
        return -1;
    }
    unsigned nd = clang_getNumDiagnostics(tu);
    for (unsigned i = 0; i < nd; i++) {
        CXDiagnostic d = clang_getDiagnostic(tu, i);
        if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error)
            sco->parse_errors++;
        clang_disposeDiagnostic(d);
    }
    Walk w = {sco, tu, NULL};
    clang_visitChildren(clang_getTranslationUnitCursor(tu), top_visit, &w);
    clang_disposeTranslationUnit(tu);
    clang_disposeIndex(idx);
    return 0;
}

int xcov_sco_compile_args(const char *db, const char *source, char ***args, int *nargs)
{
    *args = NULL;
    *nargs = 0;
    char dir[PATH_MAX], tmpdir[64] = "";
    size_t l = strlen(db);
    snprintf(dir, sizeof dir, "%s", db);
    if (l > 5 && strcmp(db + l - 5, ".json") == 0) {
        char *sl = strrchr(dir, '/');
        const char *base = sl ? sl + 1 : dir;
        if (strcmp(base, "compile_commands.json") != 0) {
            /* libclang only reads DIR/compile_commands.json: link the file
             * under that name in a temporary directory */
            char abs[PATH_MAX];
            snprintf(tmpdir, sizeof tmpdir, "/tmp/xcov-cdb-XXXXXX");
            if (!realpath(db, abs) || !mkdtemp(tmpdir))
                return -1;
            char link[PATH_MAX];
            snprintf(link, sizeof link, "%s/compile_commands.json", tmpdir);
            if (symlink(abs, link) != 0) {
                rmdir(tmpdir);
                return -1;
            }
            snprintf(dir, sizeof dir, "%s", tmpdir);
        } else if (sl) {
            *sl = 0;
        } else {
            strcpy(dir, ".");
        }
    }
    /* the decisions module knows the cross compilers: --target and the
     * compiler's own include directories (xcov/sco/sco.h) */
    char err[256];
    int n = sco_compile_args(source, dir, 1, args, nargs, err, sizeof err);
    if (tmpdir[0]) {
        char link[PATH_MAX];
        snprintf(link, sizeof link, "%s/compile_commands.json", tmpdir);
        unlink(link);
        rmdir(tmpdir);
    }
    return n;
}

#else /* !XCOV_HAVE_LIBCLANG */

bool xcov_sco_available(void) { return false; }

int xcov_sco_parse(XcovSco *sco, const char *source, const char *const *args, int nargs,
                   char *err, size_t errlen)
{
    (void)sco; (void)args; (void)nargs;
    snprintf(err, errlen, "%s: this xcov was built without libclang", source);
    return -1;
}

int xcov_sco_compile_args(const char *db, const char *source, char ***args, int *nargs)
{
    (void)db; (void)source;
    *args = NULL;
    *nargs = 0;
    (void)abs_path;
    return -1;
}

#endif
