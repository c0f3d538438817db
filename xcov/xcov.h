/*
 * xcov/xcov.h - the coverage engine: traces + ELF (+ C sources) -> CovReport.
 *
 * xcov_build() reads every trace as a stream (memory grows with the number
 * of distinct blocks, never with trace length), checks that each trace was
 * produced from the ELF used (SHA-256), decodes the whole code of every
 * function with the ISA library of the trace, marks instructions and
 * conditional branches, maps them to source lines through DWARF (symbolize/)
 * and, at level stmt, to C statements extracted with libclang (xcov/sco.c).
 * Exemption comments in the sources (xcov/exempt.h) move obligations from the
 * level's counters to `exempted`.
 * The result is the report/report.h model every renderer reads.
 *
 * Exit statuses of `xcov` (docs/xcov.md) are the XCOV_ERR_* codes.
 */
#ifndef EMUCOV_XCOV_H
#define EMUCOV_XCOV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "report/report.h"

enum {
    XCOV_OK = 0,
    XCOV_ERR_USAGE = 1,          /* bad option, unknown level or format      */
    XCOV_ERR_OPEN = 2,           /* a trace, ELF or compile database missing */
    XCOV_ERR_FORMAT = 3,         /* not a trace / not an ELF / unknown ISA   */
    XCOV_ERR_DAMAGED = 4,        /* damaged trace without --accept-damaged   */
    XCOV_ERR_ELF_MISMATCH = 5,   /* trace made from another ELF (SHA-256)    */
    XCOV_ERR_NOT_IMPLEMENTED = 6,/* level not available in this build        */
    XCOV_ERR_OUTPUT = 7,         /* a renderer or the output dir failed      */
    XCOV_ERR_NEEDS_HISTORY = 8,  /* decision/MC/DC level given a flat trace  */
};

typedef struct XcovOptions {
    CovLevel level;
    const char *elf;                 /* --elf, or NULL: the traces' header  */
    const char *const *traces;       /* trace files (at least one)          */
    unsigned ntraces;
    const char *compile_commands;    /* compile_commands.json or its dir    */
    const char *const *incdirs;      /* -I                                  */
    unsigned nincdirs;
    const char *const *defines;      /* -D (NAME or NAME=VALUE)             */
    unsigned ndefines;
    const char *source_root;         /* where to look for missing sources   */
    const char *const *include;      /* --include GLOB: only these sources  */
    unsigned ninclude;
    const char *const *exclude;      /* --exclude GLOB: not these sources   */
    unsigned nexclude;
    bool accept_damaged;
    bool quiet;                      /* no progress/warnings on stderr      */
} XcovOptions;

/* Build the report.  Returns XCOV_OK with *out set, or an XCOV_ERR_* code
 * with a one-line message in err. */
int xcov_build(const XcovOptions *o, CovReport **out, char *err, size_t errlen);

/* ---- statements from C sources (sco.c) --------------------------------- */

typedef enum XcovStmtKind {
    XCOV_STMT_SIMPLE = 0,    /* expression, declaration, return, jump      */
    XCOV_STMT_HEADER,        /* if/while/for/switch/do: the condition part */
} XcovStmtKind;

typedef struct XcovStmt {
    char *file;              /* the file the statement is in (as clang saw it) */
    char *func;              /* enclosing function                         */
    unsigned line, col, end_line, end_col;   /* extent, end exclusive      */
    unsigned own_first, own_last;            /* lines the statement marks  */
    XcovStmtKind kind;
    char *text;              /* first characters, for messages             */
} XcovStmt;

typedef struct XcovSco {
    XcovStmt *stmts;
    unsigned nstmts, cap;
    unsigned parse_errors;   /* clang diagnostics of severity >= error     */
} XcovSco;

/* Is libclang available in this build? */
bool xcov_sco_available(void);
/* Parse `source` with `args` (compiler options, no file names) and append
 * its statements (in every file of the TU) to sco.  0, or -1 with err. */
int xcov_sco_parse(XcovSco *sco, const char *source, const char *const *args, int nargs,
                   char *err, size_t errlen);
/* Compiler options for `source` from a compile_commands.json (`db` is the
 * file or its directory): the -I/-D/-U/-include/-std options, made absolute.
 * Returns the number found (>= 0) with *args malloc'ed, -1 if the database
 * cannot be read, -2 if it has no entry for the file. */
int xcov_sco_compile_args(const char *db, const char *source, char ***args, int *nargs);
void xcov_sco_free(XcovSco *sco);

#endif
