/*
 * report/report.h - coverage results as the renderers see them.
 *
 * xcov (the engine) builds one CovReport from traces, the ELF and the
 * sources; each renderer (text, xcov, html, json, lcov, cobertura, drcov)
 * only reads it.  Renderers never run the guest nor read traces.
 *
 * Determinism: a CovReport holds no timestamps and no host-specific data
 * beyond the paths it was given; renderers must produce byte-identical
 * output for the same CovReport (stable ordering: files by path, lines by
 * number, functions by start address then name).
 *
 * Marks follow GNATcoverage: '.' no code, '+' covered, '-' not covered,
 * '!' partially covered, '?' undetermined, '#' exempted (no violation),
 * '*' exempted with violations.
 */
#ifndef EMUCOV_REPORT_H
#define EMUCOV_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum CovLevel {
    COV_LEVEL_INSN = 0,       /* object: each instruction executed          */
    COV_LEVEL_BRANCH,         /* object: + each cond branch both ways       */
    COV_LEVEL_STMT,           /* source: statements                         */
    COV_LEVEL_STMT_DECISION,  /* + decisions both outcomes                  */
    COV_LEVEL_STMT_MCDC,      /* + masking MC/DC                            */
    COV_LEVEL_STMT_UC_MCDC,   /* + unique-cause MC/DC                       */
} CovLevel;

const char *cov_level_name(CovLevel l);          /* "insn", "stmt+mcdc", ... */
bool cov_level_parse(const char *s, CovLevel *out);

enum {
    COV_MARK_NO_CODE = '.',
    COV_MARK_COVERED = '+',
    COV_MARK_NOT_COVERED = '-',
    COV_MARK_PARTIAL = '!',
    COV_MARK_UNDETERMINED = '?',
    COV_MARK_EXEMPT = '#',
    COV_MARK_EXEMPT_VIOLATED = '*',
};

/* State of a conditional branch instruction (object coverage). */
typedef enum CovBranchState {
    COV_BRANCH_NONE = 0,      /* not a conditional branch                   */
    COV_BRANCH_NEVER,         /* never executed                             */
    COV_BRANCH_TAKEN,         /* executed, only taken                       */
    COV_BRANCH_NOT_TAKEN,     /* executed, only fallen through              */
    COV_BRANCH_BOTH,          /* both directions                            */
} CovBranchState;

/* A violation (or note) attached to a source line: what is missing. */
typedef struct CovViolation {
    unsigned line, col;       /* start (1-based; col 0 = whole line)        */
    unsigned end_line, end_col;
    const char *kind;         /* stable identifier: "stmt-not-executed",
                                 "branch-not-taken", "branch-not-fallthrough",
                                 "decision-outcome-true", "decision-outcome-
                                 false", "mcdc-independence", "undetermined",
                                 "insn-not-executed", ... (docs list them)   */
    char *message;            /* human text, e.g. "statement not executed"  */
    bool exempted;            /* covered by an exemption (CovReport.exemptions):
                                 listed, never counted as a violation      */
} CovViolation;

/* One machine instruction of the ELF's code. */
typedef struct CovInsn {
    uint64_t addr;
    uint32_t len;
    char *disasm;             /* objdump-style text                         */
    bool executed;
    CovBranchState branch;
    uint64_t count;           /* executions when known (flat/history), else 0 */
    int file;                 /* index in CovReport.files, -1 if none       */
    unsigned line, col;       /* 0 when not traceable to source             */
} CovInsn;

/* A statement (stmt levels): its source range and state. */
typedef struct CovStmt {
    unsigned line, col;       /* start (1-based, byte columns)             */
    unsigned end_line, end_col;
    char mark;                /* '+' covered, '-' not covered, '?' undetermined */
} CovStmt;

/* ---- decisions (levels stmt+decision, stmt+mcdc, stmt+uc_mcdc) ----------
 * docs/coverage-semantics.md §1 (DO-178C definitions) and §6 (what the
 * report shows).  A decision is listed on the line where its span starts. */

typedef enum CovDecisionKind {
    COV_DEC_IF = 0, COV_DEC_WHILE, COV_DEC_DO_WHILE, COV_DEC_FOR, COV_DEC_TERNARY,
    COV_DEC_EXPR,             /* && / || outside a control statement        */
} CovDecisionKind;

const char *cov_decision_kind_name(CovDecisionKind k);   /* "if" ... "expr" */
bool cov_decision_kind_parse(const char *s, CovDecisionKind *out);

/* One node of the decision's &&/||/! tree (parentheses are transparent). */
typedef struct CovDecNode {
    char op;                  /* 'c' condition, '&' and, '|' or, '!' not    */
    int child[2];             /* node indices, -1 none ('!' uses child[0])  */
    int cond;                 /* 'c': index into CovDecision.conds, else -1 */
} CovDecNode;

/* A distinct evaluation vector: the value of each condition ('T', 'F', or
 * '-' when short-circuited), the decision's outcome, how often it was seen. */
typedef struct CovEvalVector {
    char *values;             /* nconds characters + NUL                    */
    char outcome;             /* 'T' or 'F'                                 */
    uint64_t count;
} CovEvalVector;

typedef struct CovCondition {
    unsigned line, col;       /* its range (1-based, end exclusive like
                                 CovViolation); inside a macro expansion the
                                 range is the macro invocation's           */
    unsigned end_line, end_col;
    char *text;               /* source text, whitespace runs as one space  */
    bool from_macro;          /* written in (or passed to) a macro          */
    char *macro;              /* its expansion origin: the name of the
                                 innermost macro invocation it is in, NULL
                                 when none (or unknown)                     */
    unsigned macro_line, macro_col;          /* where that invocation starts */
    /* independence pairs: indices into CovDecision.vectors (first < second),
     * {-1, -1} when none; the first pair in vector order (i, then j) */
    int uc_pair[2];           /* unique-cause                               */
    int masking_pair[2];      /* masking (every unique-cause pair is one)   */
    bool covered;             /* has the pair the report's level asks for   */
    int exemption;            /* its pair's exemption: index in
                                 CovReport.exemptions, -1 none (set by
                                 cov_report_decision_exemptions)            */
} CovCondition;

typedef enum CovDecisionState {
    COV_DEC_COVERED = 0,      /* every obligation of the level satisfied    */
    COV_DEC_PARTIAL,          /* evaluated, something missing               */
    COV_DEC_NOT_COVERED,      /* never evaluated                            */
    COV_DEC_UNDETERMINED,     /* the binary cannot tell: see reason         */
} CovDecisionState;

const char *cov_decision_state_name(CovDecisionState s); /* "covered", ... */

typedef struct CovDecision {
    unsigned line, col, end_line, end_col;   /* whole span, end exclusive   */
    CovDecisionKind kind;
    bool from_macro;
    CovDecisionState state;
    char *reason;             /* why undetermined (NULL otherwise)          */
    bool outcome_true, outcome_false;        /* outcomes seen               */
    CovDecNode *nodes; unsigned nnodes;
    int root;
    CovCondition *conds; unsigned nconds;    /* in source order             */
    CovEvalVector *vectors; unsigned nvectors; /* canonical order: values,
                                                  then outcome (byte order) */
    int exempt_true, exempt_false;           /* its outcomes' exemptions:
                                                index in CovReport.exemptions,
                                                -1 none                     */
} CovDecision;

/* Per-line decisions (appended to CovLine). */
typedef struct CovLineDecisions {
    CovDecision *v;           /* decisions starting on the line, by column  */
    unsigned n;
} CovLineDecisions;

/* Per-file / per-report decision summary (appended to CovFile, CovReport). */
typedef struct CovDecisionCounts {
    uint32_t decisions;       /* listed                                     */
    uint32_t covered, partial, not_covered, undetermined;   /* by state     */
    uint32_t conditions;      /* of all decisions                           */
    uint32_t conditions_covered;     /* with the level's pair (mcdc levels) */
    uint32_t conditions_undetermined;/* in undetermined decisions           */
} CovDecisionCounts;

/* Sort d->vectors canonically, then compute outcomes seen, each condition's
 * pairs and `covered`, and d->state for `level` (state stays undetermined
 * when d->reason is set).  Engine and consolidation both call it, so a
 * merged report equals a report over all traces.  Pure C, no allocation
 * besides scratch. */
void cov_decision_analyse(CovDecision *d, CovLevel level);

/* The pair search alone, for clients with their own types (xcov/mcdc):
 * vals[k] (nconds chars) and outcome[k] for n vectors; writes uc[c] and
 * masking[c] (first pair, or {-1,-1}). */
void cov_mcdc_pairs(const CovDecNode *nodes, int root, unsigned nconds,
                    const char *const *vals, const char *outcome, unsigned n,
                    int (*uc)[2], int (*masking)[2]);

void cov_decision_free(CovDecision *d);   /* its contents, not d itself     */

void cov_decision_counts_add(CovDecisionCounts *t, const CovDecisionCounts *a);
void cov_decision_count(CovDecisionCounts *t, const CovDecision *d);

typedef struct CovLine {
    unsigned number;          /* 1-based                                    */
    char mark;                /* COV_MARK_*                                 */
    char *text;               /* source text without the newline (NULL when
                                 the source file is unavailable)           */
    uint64_t count;           /* executions of the line's first instruction
                                 (0 unknown/never)                          */
    CovViolation *violations; /* what makes the line '-', '!', '?', '*'     */
    unsigned nviolations;
    char *exemption;          /* justification when exempted, else NULL     */
    CovStmt *stmts;           /* statements that start on this line (with
                                 code), in column order; stmt levels only   */
    unsigned nstmts;
    /* object code attributed to this line: indices into CovReport.insns   */
    uint32_t *insns;
    unsigned ninsns;
    CovLineDecisions decisions; /* decision levels only (see above)         */
} CovLine;

/* Counters: total obligations and how many are satisfied. */
typedef struct CovCounts {
    uint32_t stmt_total, stmt_covered;
    uint32_t insn_total, insn_covered;
    uint32_t branch_total, branch_covered;       /* directions: 2 per branch */
    uint32_t decision_total, decision_covered;   /* outcomes: 2 per decision */
    uint32_t mcdc_total, mcdc_covered;           /* conditions               */
    uint32_t line_total, line_covered;           /* lines with code          */
    uint32_t undetermined;                       /* obligations marked '?'   */
    uint32_t exempted;                           /* obligations exempted     */
} CovCounts;

typedef struct CovFunction {
    char *name;
    int file;                 /* index in files, -1 if unknown              */
    unsigned first_line, last_line;
    uint64_t lo, hi;          /* [lo, hi) address range (first range)       */
    uint64_t entry_count;     /* times entered (0 = never)                  */
    CovCounts counts;
} CovFunction;

typedef struct CovFile {
    char *path;               /* as found (absolute when known)             */
    char *name;               /* display name (relative to a common root)   */
    bool source_available;
    CovLine *lines;           /* every line of the file, numbers 1..nlines */
    unsigned nlines;
    CovCounts counts;
    CovDecisionCounts dcounts;  /* decision levels only                     */
} CovFile;

/* Exemptions (docs/coverage-semantics.md §6): a region of lines, or one
 * outcome or one condition of the decisions starting on a line. */
typedef enum CovExemptKind {
    COV_EXEMPT_REGION = 0,    /* xcov: exempt on "..." ... xcov: exempt off  */
    COV_EXEMPT_DECISION_TRUE, /* xcov: exempt decision true "..."            */
    COV_EXEMPT_DECISION_FALSE,/* xcov: exempt decision false "..."           */
    COV_EXEMPT_CONDITION,     /* xcov: exempt condition N "..."              */
} CovExemptKind;

const char *cov_exempt_kind_name(CovExemptKind k);  /* "region", "decision-true",
                                                       "decision-false", "condition" */

typedef struct CovExemption {
    int file;                 /* index in CovReport.files                   */
    unsigned first_line, last_line;  /* region: the `on` and `off` lines;
                                 finer: the annotation's line (twice)       */
    CovExemptKind kind;
    unsigned condition;       /* COV_EXEMPT_CONDITION: 1-based              */
    char *justification;
    uint32_t obligations;     /* obligations of the level it exempted       */
    uint32_t violated;        /* of which not met (missed or undetermined):
                                 > 0 makes its lines '*'                    */
} CovExemption;

/* A trace that went into the report. */
typedef struct CovRun {
    char *trace_path;
    char *test_name;          /* defaults to the trace's base name          */
    uint8_t trace_sha256[32];
    char *elf_path;
    uint8_t elf_sha256[32];
    uint64_t insns, blocks;
    bool damaged;             /* read with --accept-damaged: partial        */
} CovRun;

/* An executed basic block (drcov output). */
typedef struct CovBlock {
    uint64_t addr;
    uint32_t size;
} CovBlock;

typedef struct CovReport {
    CovLevel level;
    char *tool_version;       /* "xcov 0.1.0"                               */
    char *isa;                /* "riscv32", "armv7m"                        */
    char *elf_path;           /* the (first) ELF                            */
    uint64_t elf_base;        /* lowest code address (drcov module base)    */
    uint64_t elf_end;
    bool line_level_only;     /* no sources: line coverage from DWARF only  */
    CovRun *runs; unsigned nruns;
    CovFile *files; unsigned nfiles;
    CovFunction *functions; unsigned nfunctions;
    CovInsn *insns; unsigned ninsns;     /* every code instruction, by addr */
    /* instructions no source line maps to, as [lo, hi) ranges              */
    struct { uint64_t lo, hi; char *symbol; } *untraceable;
    unsigned nuntraceable;
    CovBlock *blocks; unsigned nblocks;  /* executed blocks, by address     */
    CovCounts totals;
    char **notes; unsigned nnotes;       /* warnings to show in reports     */
    CovDecisionCounts dtotals;           /* decision levels only            */
    /* exemptions, by file, first line, kind, condition (appended: issue 8) */
    CovExemption *exemptions; unsigned nexemptions;
} CovReport;

void cov_report_free(CovReport *r);

/* Which exemption (docs/coverage-semantics.md §6) covers each obligation of
 * every decision of r: exempt_true/exempt_false and each condition's
 * exemption, from r->exemptions by the engine's rule — a region containing
 * the decision's first line exempts all of it (and wins over finer ones);
 * else "decision true|false" on that line exempts the outcome, and
 * "condition N" (MC/DC levels only) condition N.  The engine and the
 * consolidation database both call it once the report is built. */
void cov_report_decision_exemptions(CovReport *r);

/* The exemption (index in r->exemptions) that covers violation v of line L
 * of file fi by that rule, -1 for none: for the decision and MC/DC kinds
 * the one the decision model names (after cov_report_decision_exemptions),
 * else the region holding the line.  Renderers ask it for exempted
 * violations (CovViolation.exempted); the database rebuilds that flag. */
int cov_violation_exemption(const CovReport *r, int fi, const CovLine *L, const CovViolation *v);

/* Renderers: one per output format, selected by --format. */
typedef struct ReportRenderer {
    const char *name;         /* "text", "xcov", "html", "json", "lcov",
                                 "cobertura", "drcov", "sarif"               */
    const char *description;
    /* Write into directory `outdir` (created by the caller); "text" also
     * accepts outdir NULL = stdout.  Returns 0, or -1 with a one-line
     * reason in err. */
    int (*render)(const CovReport *r, const char *outdir, char *err, size_t errlen);
} ReportRenderer;

extern const ReportRenderer *const report_renderers[];  /* NULL-terminated */
const ReportRenderer *report_find(const char *name);

#endif
