/*
 * tests/report/synth.c - synthetic CovReports for the renderer tests
 * (see synth.h).  Everything is heap-allocated, as xcov allocates it.
 */
#include "synth.h"
#include "report/render_util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* One source line and what the engine would say about it.  `code` has one
 * character per attributed instruction: '+' executed, '-' not executed,
 * and conditional branches 'B' both ways, 'T' taken only, 'F' fallthrough
 * only, 'N' never executed. */
typedef struct LineSpec {
    const char *text;
    char mark;
    uint64_t count;
    const char *code;
    const char *vkind, *vmsg;
    unsigned vcol, vendcol;
    const char *exemption;
} LineSpec;

typedef struct FileSpec {
    const char *name;
    bool available;
    const LineSpec *lines;
    unsigned nlines;
} FileSpec;

static const LineSpec missing_lines[] = {
    { NULL, '.', 0, "", NULL, NULL, 0, 0, NULL },
    { NULL, '+', 2, "+", NULL, NULL, 0, 0, NULL },
    { NULL, '-', 0, "--", "stmt-not-executed", "line not executed", 0, 0, NULL },
    { NULL, '.', 0, "", NULL, NULL, 0, 0, NULL },
};

static const LineSpec odd_lines[] = {
    { "int odd_</script><script>document.documentElement.dataset.pwned='1'</script>"
      "<b>x</b> = 1; // ]]> <!-- --> &amp;", '+', 1, "+", NULL, NULL, 0, 0, NULL },
    { "int odd_y(void) { return 0; }", '-', 0, "-", "stmt-not-executed",
      "statement <never> executed", 19, 27, NULL },
};

static const LineSpec main_lines[] = {
    /*  1 */ { "/* main.c: traps <script>alert(1)</script> & \"dq\" 'sq' "
               "<img src=x onerror=\"document.title='pwned'\"> */", '.', 0, "",
               NULL, NULL, 0, 0, NULL },
    /*  2 */ { "#include \"util.h\"", '.', 0, "", NULL, NULL, 0, 0, NULL },
    /*  3 */ { "", '.', 0, "", NULL, NULL, 0, 0, NULL },
    /*  4 */ { "int main(void)", '+', 1, "++", NULL, NULL, 0, 0, NULL },
    /*  5 */ { "{", '.', 0, "", NULL, NULL, 0, 0, NULL },
    /*  6 */ { "\tint x = 0; int y = helper(1);", '!', 1, "++-", "stmt-not-executed",
               "statement not executed", 13, 30, NULL },
    /*  7 */ { "\tif (x < y && y > 0)", '+', 3, "+B", NULL, NULL, 0, 0, NULL },
    /*  8 */ { "\t\tx = helper(x);", '+', 5, "++", NULL, NULL, 0, 0, NULL },
    /*  9 */ { "\telse", '.', 0, "", NULL, NULL, 0, 0, NULL },
    /* 10 */ { "\t\tx = -1;   /* \xc3\xa9 \xc3\xbc \xe6\xbc\xa2\xe5\xad\x97 */", '-', 0, "--",
               "stmt-not-executed", "statement not executed", 3, 9, NULL },
    /* 11 */ { "\tfor (;;) { if (x) break; }", '?', 2, "+T", "undetermined",
               "condition folded by the compiler: outcome undetermined", 17, 17, NULL },
    /* 12 */ { "\tconst char *s = \"<script>alert(1)</script>\";", '+', 1, "+",
               NULL, NULL, 0, 0, NULL },
    /* 13 */ { "\treturn x & 0xff; /* exempt */", '#', 1, "+", NULL, NULL, 0, 0,
               "checked by review <b>bold</b> & \"ok\"" },
    /* 14 */ { "}", '*', 0, "-", "stmt-not-executed", "statement not executed", 0, 0,
               "unreachable after return" },
    /* 15 */ { "static int never(int a) { return a > 0 ? a : -a; }", '-', 0, "-N-",
               "stmt-not-executed", "function never called", 1, 51, NULL },
    /* 16 */ { "/* bad bytes: \xff\xfe ctrl:\x01 end */", '.', 0, "", NULL, NULL, 0, 0, NULL },
};

static const LineSpec util_lines[] = {
    { "static inline int helper(int v)", '+', 6, "+", NULL, NULL, 0, 0, NULL },
    { "{", '.', 0, "", NULL, NULL, 0, 0, NULL },
    { "\treturn v < 3 ? v + 1 : v;", '!', 6, "+F+", "branch-not-taken",
      "branch never taken", 9, 13, NULL },
    { "}", '+', 6, "+", NULL, NULL, 0, 0, NULL },
};

#define NELEM(a) (unsigned)(sizeof(a) / sizeof((a)[0]))

static const FileSpec files[] = {
    { "lib/missing.c", false, missing_lines, NELEM(missing_lines) },
    { "odd/we\"ird&<x>'s.c", true, odd_lines, NELEM(odd_lines) },
    { "src/main.c", true, main_lines, NELEM(main_lines) },
    { "src/util.h", true, util_lines, NELEM(util_lines) },
};

typedef struct FuncSpec {
    const char *name;
    int file;
    unsigned first, last;
    uint64_t entries;
} FuncSpec;

/* in address order (the order their lines' code is laid out) */
static const FuncSpec funcs[] = {
    { "missing_fn", 0, 1, 4, 2 },
    { "odd_y", 1, 1, 2, 0 },
    { "main", 2, 4, 14, 1 },
    { "never", 2, 15, 15, 0 },
    { "helper", 3, 1, 4, 6 },
};

#define BASE 0x1000u

static char *xstrdup(const char *s)
{
    if (!s)
        return NULL;
    char *p = strdup(s);
    if (!p) {
        fprintf(stderr, "synth: out of memory\n");
        exit(2);
    }
    return p;
}

static void *xcalloc(size_t n, size_t sz)
{
    void *p = calloc(n ? n : 1, sz);
    if (!p) {
        fprintf(stderr, "synth: out of memory\n");
        exit(2);
    }
    return p;
}

static char *path_join(const char *root, const char *name)
{
    size_t n = strlen(root) + strlen(name) + 2;
    char *p = xcalloc(n, 1);
    snprintf(p, n, "%s/%s", root, name);
    return p;
}

static int mkdirs_for(const char *path)
{
    char *tmp = xstrdup(path);
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(tmp, 0777) != 0 && errno != EEXIST) {
            fprintf(stderr, "synth: cannot create %s: %s\n", tmp, strerror(errno));
            free(tmp);
            return -1;
        }
        *p = '/';
    }
    free(tmp);
    return 0;
}

static int write_source(const char *path, const FileSpec *fs)
{
    if (mkdirs_for(path) != 0)
        return -1;
    FILE *f = fopen(path, "wb");
    if (!f) {
        fprintf(stderr, "synth: cannot create %s: %s\n", path, strerror(errno));
        return -1;
    }
    for (unsigned i = 0; i < fs->nlines; i++)
        fprintf(f, "%s\n", fs->lines[i].text);
    return fclose(f) == 0 ? 0 : -1;
}

static const char *disasm_for(char c)
{
    switch (c) {
    case 'B': case 'T': case 'F': case 'N': return "bltu a0, a1, 0x1040 <main+0x40>";
    case '-': return "sw ra, 12(sp)";
    default: return "addi a0, a0, 1 # x & y";
    }
}

static CovBranchState branch_for(char c)
{
    switch (c) {
    case 'B': return COV_BRANCH_BOTH;
    case 'T': return COV_BRANCH_TAKEN;
    case 'F': return COV_BRANCH_NOT_TAKEN;
    case 'N': return COV_BRANCH_NEVER;
    default: return COV_BRANCH_NONE;
    }
}

static void add_counts(CovCounts *to, const CovCounts *c)
{
    to->stmt_total += c->stmt_total; to->stmt_covered += c->stmt_covered;
    to->insn_total += c->insn_total; to->insn_covered += c->insn_covered;
    to->branch_total += c->branch_total; to->branch_covered += c->branch_covered;
    to->decision_total += c->decision_total; to->decision_covered += c->decision_covered;
    to->mcdc_total += c->mcdc_total; to->mcdc_covered += c->mcdc_covered;
    to->line_total += c->line_total; to->line_covered += c->line_covered;
    to->undetermined += c->undetermined; to->exempted += c->exempted;
}

/* Counters of one line, derived as an engine would. */
static void line_counts(const CovReport *r, const CovLine *ln, CovCounts *c)
{
    memset(c, 0, sizeof *c);
    if (ln->mark == '.')
        return;
    if (ln->mark == '#' || ln->mark == '*') {
        c->exempted = 1;
        return;
    }
    c->line_total = c->stmt_total = 1;
    c->line_covered = c->stmt_covered = ln->mark == '+' || ln->mark == '!';
    c->undetermined = ln->mark == '?';
    for (unsigned k = 0; k < ln->ninsns; k++) {
        const CovInsn *in = &r->insns[ln->insns[k]];
        c->insn_total++;
        c->insn_covered += in->executed;
        if (in->branch != COV_BRANCH_NONE) {
            unsigned seen = in->branch == COV_BRANCH_BOTH ? 2 : in->branch == COV_BRANCH_NEVER ? 0 : 1;
            c->branch_total += 2;
            c->branch_covered += seen;
            c->decision_total += 2;
            c->decision_covered += seen;
            c->mcdc_total += 1;
            c->mcdc_covered += seen == 2;
        }
    }
}

static const char *const synth_notes[] = {
    "note with <markup> & \"quotes\" 'single'",
    "second note:\ttab, \xc3\xa9, control \x02 and bad byte \xc3",
};

/* Decision levels: main.c line 7 `if (x < y && y > 0)` evaluated twice
 * (TT -> T three times, F- -> F once: c1 has both pairs, c2 none) and line
 * 11 `if (x)` undetermined with a reason full of markup. */
static void synth_decisions(CovReport *r)
{
    CovFile *cf = &r->files[SYNTH_MAIN_FILE];
    CovLine *l7 = &cf->lines[SYNTH_LINE_BRANCH_BOTH - 1], *l11 = &cf->lines[SYNTH_LINE_UNDET - 1];
    CovDecision *d = l7->decisions.v = xcalloc(1, sizeof *d);
    l7->decisions.n = 1;
    *d = (CovDecision){.line = 7, .col = 5, .end_line = 7, .end_col = 21, .kind = COV_DEC_IF,
                       .root = 2, .nnodes = 3, .nconds = 2, .nvectors = 2};
    d->nodes = xcalloc(3, sizeof *d->nodes);
    d->nodes[0] = (CovDecNode){'c', {-1, -1}, 0};
    d->nodes[1] = (CovDecNode){'c', {-1, -1}, 1};
    d->nodes[2] = (CovDecNode){'&', {0, 1}, -1};
    d->conds = xcalloc(2, sizeof *d->conds);
    d->conds[0] = (CovCondition){.line = 7, .col = 6, .end_line = 7, .end_col = 11,
                                 .text = xstrdup("x < y")};
    d->conds[1] = (CovCondition){.line = 7, .col = 15, .end_line = 7, .end_col = 20,
                                 .text = xstrdup("y > 0"), .from_macro = true,
                                 .macro = xstrdup("POS<&>"), .macro_line = 7, .macro_col = 15};
    d->vectors = xcalloc(2, sizeof *d->vectors);
    d->vectors[0] = (CovEvalVector){xstrdup("TT"), 'T', 3};
    d->vectors[1] = (CovEvalVector){xstrdup("F-"), 'F', 1};
    cov_decision_analyse(d, r->level);
    cov_decision_count(&cf->dcounts, d);

    CovDecision *u = l11->decisions.v = xcalloc(1, sizeof *u);
    l11->decisions.n = 1;
    *u = (CovDecision){.line = 11, .col = 17, .end_line = 11, .end_col = 18, .kind = COV_DEC_IF,
                       .root = 0, .nnodes = 1, .nconds = 1,
                       .reason = xstrdup("branchless <script>alert(1)</script> & \"seqz\"")};
    u->nodes = xcalloc(1, sizeof *u->nodes);
    u->nodes[0] = (CovDecNode){'c', {-1, -1}, 0};
    u->conds = xcalloc(1, sizeof *u->conds);
    u->conds[0] = (CovCondition){.line = 11, .col = 17, .end_line = 11, .end_col = 18,
                                 .text = xstrdup("x<&>")};
    cov_decision_analyse(u, r->level);
    cov_decision_count(&cf->dcounts, u);
    r->dtotals = cf->dcounts;
}

CovReport *synth_report(CovLevel level, const char *srcroot, bool write_sources)
{
    CovReport *r = xcalloc(1, sizeof *r);
    r->level = level;
    r->tool_version = xstrdup("xcov 0.1.0-test");
    r->isa = xstrdup("riscv32");
    r->elf_path = path_join(srcroot, "fw<1>.elf");
    r->elf_base = BASE;
    r->elf_end = BASE + 0x20000;

    /* instructions: every line's code in file/line order, then the
     * untraceable range */
    unsigned ninsns = 2;
    for (unsigned f = 0; f < NELEM(files); f++)
        for (unsigned l = 0; l < files[f].nlines; l++)
            ninsns += (unsigned)strlen(files[f].lines[l].code);
    r->insns = xcalloc(ninsns, sizeof *r->insns);
    r->nfiles = NELEM(files);
    r->files = xcalloc(r->nfiles, sizeof *r->files);
    uint64_t addr = BASE;
    for (unsigned f = 0; f < NELEM(files); f++) {
        const FileSpec *fs = &files[f];
        CovFile *cf = &r->files[f];
        cf->path = path_join(srcroot, fs->name);
        cf->name = xstrdup(fs->name);
        cf->source_available = fs->available;
        if (fs->available && write_sources && write_source(cf->path, fs) != 0) {
            synth_free(r);
            return NULL;
        }
        cf->nlines = fs->nlines;
        cf->lines = xcalloc(cf->nlines, sizeof *cf->lines);
        for (unsigned l = 0; l < fs->nlines; l++) {
            const LineSpec *ls = &fs->lines[l];
            CovLine *ln = &cf->lines[l];
            ln->number = l + 1;
            ln->mark = ls->mark;
            ln->text = xstrdup(ls->text);
            ln->count = ls->count;
            ln->exemption = xstrdup(ls->exemption);
            if (ls->vkind) {
                ln->nviolations = 1;
                ln->violations = xcalloc(1, sizeof *ln->violations);
                ln->violations[0] = (CovViolation){
                    .line = l + 1, .col = ls->vcol, .end_line = l + 1, .end_col = ls->vendcol,
                    .kind = ls->vkind, .message = xstrdup(ls->vmsg),
                    .exempted = ls->exemption != NULL };
            }
            ln->ninsns = (unsigned)strlen(ls->code);
            ln->insns = ln->ninsns ? xcalloc(ln->ninsns, sizeof *ln->insns) : NULL;
            for (unsigned k = 0; k < ln->ninsns; k++) {
                char c = ls->code[k];
                CovInsn *in = &r->insns[r->ninsns];
                in->addr = addr;
                in->len = 4;
                in->disasm = xstrdup(disasm_for(c));
                in->branch = branch_for(c);
                in->executed = c != '-' && c != 'N';
                in->count = in->executed ? (ls->count ? ls->count : 1) : 0;
                in->file = (int)f;
                in->line = l + 1;
                in->col = 1 + k;
                ln->insns[k] = r->ninsns++;
                addr += 4;
            }
        }
    }
    /* untraceable code: "_start" glue no line maps to */
    uint64_t ulo = addr;
    for (int k = 0; k < 2; k++) {
        CovInsn *in = &r->insns[r->ninsns++];
        in->addr = addr;
        in->len = 4;
        in->disasm = xstrdup(k ? "j 0x1000 <main>" : "lui sp, 0x80020");
        in->executed = k == 0;
        in->count = k == 0;
        in->file = -1;
        addr += 4;
    }
    r->nuntraceable = 1;
    r->untraceable = xcalloc(1, sizeof *r->untraceable);
    r->untraceable[0].lo = ulo;
    r->untraceable[0].hi = addr;
    r->untraceable[0].symbol = xstrdup("_start<&>");

    for (unsigned f = 0; f < r->nfiles; f++) {
        CovFile *cf = &r->files[f];
        for (unsigned l = 0; l < cf->nlines; l++) {
            CovCounts c;
            line_counts(r, &cf->lines[l], &c);
            add_counts(&cf->counts, &c);
        }
        add_counts(&r->totals, &cf->counts);
    }
    /* the untraceable instructions count at the object levels */
    r->totals.insn_total += 2;
    r->totals.insn_covered += 1;

    r->nfunctions = NELEM(funcs) + 1;
    r->functions = xcalloc(r->nfunctions, sizeof *r->functions);
    for (unsigned i = 0; i < NELEM(funcs); i++) {
        CovFunction *fn = &r->functions[i];
        const CovFile *cf = &r->files[funcs[i].file];
        fn->name = xstrdup(funcs[i].name);
        fn->file = funcs[i].file;
        fn->first_line = funcs[i].first;
        fn->last_line = funcs[i].last;
        fn->entry_count = funcs[i].entries;
        fn->lo = UINT64_MAX;
        for (unsigned l = funcs[i].first; l <= funcs[i].last; l++) {
            const CovLine *ln = &cf->lines[l - 1];
            CovCounts c;
            line_counts(r, ln, &c);
            add_counts(&fn->counts, &c);
            for (unsigned k = 0; k < ln->ninsns; k++) {
                const CovInsn *in = &r->insns[ln->insns[k]];
                if (in->addr < fn->lo)
                    fn->lo = in->addr;
                if (in->addr + in->len > fn->hi)
                    fn->hi = in->addr + in->len;
            }
        }
    }
    CovFunction *start = &r->functions[NELEM(funcs)];
    start->name = xstrdup("_start");
    start->file = -1;
    start->lo = ulo;
    start->hi = addr;
    start->entry_count = 1;
    start->counts.insn_total = 2;
    start->counts.insn_covered = 1;

    r->nruns = 2;
    r->runs = xcalloc(2, sizeof *r->runs);
    for (unsigned i = 0; i < 2; i++) {
        CovRun *run = &r->runs[i];
        run->test_name = xstrdup(i ? "damaged run" : "boot <ok> & \"1\"");
        run->trace_path = path_join(srcroot, i ? "b.trace" : "a&b.trace");
        run->elf_path = xstrdup(r->elf_path);
        for (int k = 0; k < 32; k++) {
            run->trace_sha256[k] = (uint8_t)(k * 7 + i);
            run->elf_sha256[k] = (uint8_t)(255 - k);
        }
        run->insns = 1000 + i;
        run->blocks = 100 + i;
        run->damaged = i == 1;
    }

    static const CovBlock blocks[] = {
        { BASE, 8 }, { BASE + 0x10, 24 }, { BASE + 0x40, 4 }, { BASE + 0x100, 70000 },
    };
    r->nblocks = NELEM(blocks);
    r->blocks = xcalloc(r->nblocks, sizeof *r->blocks);
    memcpy(r->blocks, blocks, sizeof blocks);

    r->nnotes = NELEM(synth_notes);
    r->notes = xcalloc(r->nnotes, sizeof *r->notes);
    for (unsigned i = 0; i < r->nnotes; i++)
        r->notes[i] = xstrdup(synth_notes[i]);
    if (level >= COV_LEVEL_STMT_DECISION)
        synth_decisions(r);

    /* the exemptions of src/main.c lines 13 ('#') and 14 ('*') */
    r->nexemptions = 2;
    r->exemptions = xcalloc(r->nexemptions, sizeof *r->exemptions);
    r->exemptions[0] = (CovExemption){2, 13, 13, COV_EXEMPT_REGION, 0,
                                      xstrdup(r->files[2].lines[12].exemption), 1, 0};
    r->exemptions[1] = (CovExemption){2, 14, 14, COV_EXEMPT_REGION, 0,
                                      xstrdup(r->files[2].lines[13].exemption), 1, 1};
    cov_report_decision_exemptions(r);
    return r;
}

CovReport *synth_empty(CovLevel level)
{
    CovReport *r = xcalloc(1, sizeof *r);
    r->level = level;
    r->tool_version = xstrdup("xcov 0.1.0-test");
    return r;
}

void synth_free(CovReport *r)
{
    cov_report_free(r);     /* the model's one definition of ownership */
}

const ReportRenderer *const synth_renderers[] = {
    &report_html, &report_json, &report_lcov, &report_cobertura, &report_drcov, &report_sarif,
    NULL,
};
