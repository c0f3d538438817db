/*
 * xcov/db/xcov_db.h - consolidation of coverage results in SQLite.
 *
 * A database holds runs (one per analysed trace, or one per CovReport when
 * the report combines several traces) and, per run, what it satisfied:
 *   - source obligations keyed by normalised file path + line + column +
 *     kind (line, stmt, branch direction, decision outcome, MC/DC
 *     condition), so runs of different ELFs built from the same sources
 *     consolidate;
 *   - object obligations keyed by ELF SHA-256 + address + kind (insn,
 *     branch-taken, branch-not-taken).
 * docs/consolidation.md documents the schema (versioned), how a CovReport
 * becomes facts, the merge rules, the JSON dump and the merged marks.
 *
 * Merging is a set union with deterministic conflict rules, so it is
 * associative, commutative and idempotent: any order or grouping of
 * xcov_db_merge() gives byte-identical xcov_db_to_json() output.
 *
 * Every function returning int returns XCOV_DB_OK or an XCOV_DB_ERR_*
 * code with a one-line message (naming the file) in err.
 */
#ifndef EMUCOV_XCOV_DB_H
#define EMUCOV_XCOV_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "report/report.h"

#define XCOV_DB_SCHEMA_VERSION 2
/* PRAGMA application_id of our databases: "xcov" in ASCII. */
#define XCOV_DB_APPLICATION_ID 0x78636f76

enum {
    XCOV_DB_OK = 0,
    XCOV_DB_ERR_USAGE = 1,    /* bad argument (no such file:line, ...)     */
    XCOV_DB_ERR_OPEN = 2,     /* cannot open / create a file               */
    XCOV_DB_ERR_FORMAT = 3,   /* not an SQLite file, not an xcov database  */
    XCOV_DB_ERR_VERSION = 4,  /* an xcov database of another schema        */
    XCOV_DB_ERR_SQL = 5,      /* SQLite failed (disk full, I/O error, ...) */
    XCOV_DB_ERR_OUTPUT = 6,   /* cannot write the output                   */
};

typedef struct XcovDb XcovDb;

/* Open `path`.  create: create it (with the schema) when it does not
 * exist; otherwise it must exist.  readonly: never write it. */
int xcov_db_open(const char *path, bool create, bool readonly, XcovDb **out, char *err,
                 size_t errlen);
void xcov_db_close(XcovDb *db);  /* NULL is fine */

/* Record `r` as one run.  The model has no per-trace data, so a report
 * with several CovRun is recorded as ONE combined run (docs).  test_name
 * overrides the run's test name (NULL: the CovRun's test_name, or for a
 * combined run the sorted test names joined with '+').  Adding a run that
 * is already there (same trace SHA-256 + test name) follows the merge
 * rules: the result is the same whatever the order. */
int xcov_db_add_report(XcovDb *db, const CovReport *r, const char *test_name, char *err,
                       size_t errlen);

/* Write the union of the n databases in_paths to out_path (replaced
 * atomically: written to OUT.tmp then renamed; an input may be out_path).
 * n == 0 writes an empty database. */
int xcov_db_merge(const char *out_path, const char *const *in_paths, unsigned n, char *err,
                  size_t errlen);

/* The consolidated results as JSON (docs/consolidation.md), stable: the
 * same set of runs gives the same bytes. */
int xcov_db_to_json(XcovDb *db, FILE *out, char *err, size_t errlen);

/* Which tests satisfied which obligations of FILE:LINE (file: a path, or
 * a suffix of one at a '/' boundary), as text on out.  XCOV_DB_ERR_USAGE
 * when no file or several files match, or the line has no obligation. */
int xcov_db_who(XcovDb *db, const char *file, unsigned line, FILE *out, char *err,
                size_t errlen);

/* Tests that add nothing: every obligation they satisfy is satisfied by
 * some other test (each test alone is redundant; removing several at once
 * may lose coverage).  Also prints a greedy cover: tests in the order that
 * adds the most new obligations, and those left outside it. */
int xcov_db_useless(XcovDb *db, FILE *out, char *err, size_t errlen);

/* Programmatic form of `useless`: *names (malloc'ed array of malloc'ed
 * strings, sorted) and *count.  Free with xcov_db_free_names(). */
int xcov_db_useless_tests(XcovDb *db, char ***names, unsigned *count, char *err, size_t errlen);
void xcov_db_free_names(char **names, unsigned count);

/* Rebuild one consolidated CovReport (marks recomputed from the union of
 * the runs, docs §Marks) that any renderer can print.  *out is malloc'ed
 * with every field malloc'ed as report.h's cov_report_free() expects
 * (violation kinds are static strings); free it with cov_report_free() or
 * xcov_db_report_free() (the same, for builds without report/). */
int xcov_db_to_report(XcovDb *db, CovReport **out, char *err, size_t errlen);
void xcov_db_report_free(CovReport *r);

#endif
