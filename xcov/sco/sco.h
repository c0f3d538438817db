/* xcov/sco — Source Coverage Obligations (SCOs) of a C file, extracted with libclang.
 *
 * A DECISION follows DO-178C (Annex B glossary, "decision"; CAST-10 §2): a boolean
 * expression that controls an if/while/do-while/for/?: and any expression containing
 * && or || elsewhere (assignment, return, argument, initialiser).  Its CONDITIONS are the
 * leaves of its &&/||/! tree: parentheses are transparent, a `!` is kept as a node.
 * A condition that itself contains a decision (`if (f(a && b))`) is one condition of the
 * `if`, and `a && b` is a separate decision.
 *
 * Positions are 1-based lines and 1-based BYTE columns (a tab counts 1), as GCC's DWARF
 * line table and libclang count them.  Ranges are inclusive: `end` is the last byte.
 * Code written inside a macro body is attributed to the macro invocation site in the main
 * file (whole invocation `NAME(...)` range), and flagged from_macro; macro ARGUMENTS keep
 * their exact position (also flagged from_macro since they sit inside an invocation).
 * Only decisions whose code is in the main file (not in headers) are listed.
 * Statements are not listed here (xcov's statement pass owns them); switch statements are
 * listed separately: they are not decisions.
 */
#ifndef XCOV_SCO_H
#define XCOV_SCO_H

#include <stddef.h>
#include <stdio.h>

typedef struct ScoFile ScoFile;

typedef struct ScoPos {
    unsigned line, col;              /* 1-based; {0,0} = none */
} ScoPos;

typedef struct ScoRange {
    ScoPos start, end;               /* end inclusive (last byte) */
} ScoRange;

typedef enum ScoDecisionKind {
    SCO_DEC_IF,
    SCO_DEC_WHILE,
    SCO_DEC_DO_WHILE,
    SCO_DEC_FOR,
    SCO_DEC_TERNARY,
    SCO_DEC_EXPR                     /* logical expression elsewhere */
} ScoDecisionKind;

typedef enum ScoNodeKind {
    SCO_NODE_COND,
    SCO_NODE_AND,
    SCO_NODE_OR,
    SCO_NODE_NOT
} ScoNodeKind;

typedef struct ScoNode {
    ScoNodeKind kind;
    int child[2];                    /* node indices; -1 = none (NOT uses child[0]) */
    int cond;                        /* SCO_NODE_COND: index into the conditions, else -1 */
    ScoPos op;                       /* AND/OR/NOT: first byte of the operator token */
    int op_from_macro;               /* operator written in a macro body (op = invocation) */
} ScoNode;

typedef struct ScoCondition {
    ScoRange range;                  /* the condition, enclosing parentheses stripped */
    const char *text;                /* source bytes of range, whitespace runs -> one space */
    int from_macro;
    const char *macro;               /* the innermost macro invocation it is written in or
                                        passed to: its name (owned by the ScoFile), NULL
                                        when none or unknown */
    ScoPos macro_at;                 /* where that invocation starts */
    int constant;                    /* value known at compile time (literal, constant expr) */
    long long value;                 /* valid when constant */
} ScoCondition;

typedef struct ScoDecision {
    ScoDecisionKind kind;
    ScoPos keyword;                  /* `if`,`while`,`for`; do-while: its `while`; else = range.start */
    ScoPos ctrl;                     /* the `(` after the keyword; ternary: `?`; expr: {0,0} */
    ScoRange range;                  /* the whole decision expression (its parentheses included) */
    int from_macro;                  /* some part of it is inside a macro invocation */
    int constant;                    /* the whole decision is a compile-time constant */
    int root;                        /* index of the root node */
    int nnodes, nconds;
    const ScoNode *nodes;
    const ScoCondition *conds;       /* in source order (left to right) */
} ScoDecision;

typedef struct ScoSwitch {
    ScoPos keyword;                  /* `switch` */
    ScoPos ctrl;                     /* its `(` */
    ScoRange range;                  /* the controlling expression */
    int ncases;                      /* case labels (default included) directly in it */
    int from_macro;
} ScoSwitch;

/* Parse SOURCE with libclang using the compiler arguments ARGS (-I, -D, -std=, ...; no
 * source file name, no -c/-o).  Returns NULL with a one-line message in ERR on failure
 * (unreadable file, parse errors). */
ScoFile *sco_extract(const char *source, const char *const *args, int nargs,
                     char *err, size_t errlen);

/* Same, taking the arguments from DBDIR/compile_commands.json (the entry for SOURCE).
 * Kept: preprocessor and language flags (-I -D -U -include -isystem -iquote -idirafter
 * -imacros -std=) and, when the compiler is a cross GCC (`<triple>-gcc`), --target=<triple>
 * (riscv64 -> riscv32 with -march=rv32* / -mabi=ilp32*), the -march/-mabi/-mcpu/-mthumb/
 * -mfloat-abi/-mfpu flags and that compiler's own system include directories (asked with
 * `gcc -E -v`), so sizeof, predefined macros and libc headers are the firmware's.  Other
 * flags (-O, -f..., -W...) are dropped.  A file not listed gets the flags of the closest
 * listed file (libclang's interpolation of compile_commands.json). */
ScoFile *sco_extract_db(const char *source, const char *dbdir, char *err, size_t errlen);

/* The clang arguments sco_extract_db() uses for SOURCE (the rules above), for other
 * libclang clients (xcov's statement extraction).  EXACT: only SOURCE's own entry (no
 * interpolation).  Returns the count (>= 0) with a malloc'd vector of malloc'd strings,
 * -2 when the database has no entry for SOURCE, -1 on error (message in ERR). */
int sco_compile_args(const char *source, const char *dbdir, int exact, char ***argv,
                     int *argc, char *err, size_t errlen);

void sco_free(ScoFile *f);

const char *sco_source(const ScoFile *f);
int sco_decision_count(const ScoFile *f);
const ScoDecision *sco_decision(const ScoFile *f, int i);   /* sorted by range.start */
int sco_switch_count(const ScoFile *f);
const ScoSwitch *sco_switch(const ScoFile *f, int i);

const char *sco_kind_name(ScoDecisionKind k);

/* The decision a DWARF row at LINE:COL belongs to, as GCC 12 places a condition's branch:
 * on the decision's ctrl token (`(` of if/while/for/do-while, `?`) or on one of its
 * &&/||/! operators.  Returns the decision index and sets *node to the operator's node
 * (or to -1 for the ctrl token); -1 when no decision has a token there.  Operators written in
 * macro bodies share the invocation's position and are not matched. */
int sco_lookup(const ScoFile *f, unsigned line, unsigned col, int *node);   /* "if" "while" "do-while" "for" "ternary" "expr" */

/* Canonical prefix form of a (sub)tree: and(x,y) or(x,y) not(x), a condition as {text},
 * prefixed by const: or macro: when flagged.  Writes at most len bytes (NUL included);
 * returns the length it needed. */
size_t sco_tree_string(const ScoDecision *d, int node, char *buf, size_t len);

/* Stable readable listing (the format of xcov-sco-dump, see docs/coverage-semantics.md). */
void sco_dump(const ScoFile *f, FILE *out);

#endif
