/* xcov/main.c - the `xcov` command (DESIGN.md §4, docs/xcov.md). */
#include <errno.h>
#include <getopt.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report/report.h"
#include "xcov/checkbuild/checkbuild.h"
#include "xcov/db/xcov_db.h"
#include "xcov/xcov.h"

#ifndef EMUCOV_VERSION
#define EMUCOV_VERSION "0"
#endif

static void usage(FILE *o)
{
    fprintf(o,
            "usage: xcov report [options] [TRACE ... | DB ...]\n"
            "       xcov merge -o OUT.db [report options] (TRACE | DB) ...\n"
            "       xcov who DB FILE:LINE      which tests satisfied the line's obligations\n"
            "       xcov useless DB            tests that add nothing to the others\n"
            "       xcov check-build ELF       can this build give reliable decision maps?\n"
            "report options:\n"
            "  --level LEVEL           insn | branch | stmt (default) | stmt+decision |\n"
            "                          stmt+mcdc | stmt+uc_mcdc\n"
            "  --elf FILE              the ELF (default: the one each trace header names)\n"
            "  --format F[,F...]       text (default), xcov, html, json, lcov, cobertura, drcov,\n"
            "                          sarif\n"
            "  -o, --output DIR        output directory (text goes to DIR/summary.txt)\n"
            "  --compile-commands FILE compile_commands.json giving the sources' options\n"
            "  -I DIR, -D NAME[=VAL]   options for sources the database does not know\n"
            "  --source-root DIR       where to look for sources not found at their DWARF path\n"
            "  --include GLOB          report only sources matching GLOB (repeatable)\n"
            "  --exclude GLOB          leave out sources matching GLOB (repeatable): their\n"
            "                          code leaves the report and its totals; GLOB matches the\n"
            "                          source's path or a tail of it after a '/', e.g.\n"
            "                          '*/vendor/*', 'src/*.c'; '*' also matches '/'\n"
            "  --accept-damaged        report what was recovered from damaged traces\n"
            "  -q, --quiet             no summary line on stdout\n"
            "  --db OUT.db             also record the results, one run per trace (test\n"
            "                          name = the trace's base name), in OUT.db\n"
            "  --db-only               with --db: record the runs, write no report\n"
            "With no TRACE, every *.trace of the current directory is read.  DB inputs\n"
            "(consolidation databases, *.db) are merged and reported as one.\n"
            "Exit status: 0 ok, 1 usage, 2 cannot open, 3 bad file, 4 damaged trace,\n"
            "5 trace from another ELF, 6 level not available (no libclang), 7 output failed,\n"
            "8 decision/MC/DC level given a flat trace (needs a history trace).\n");
}

static int mkdirs(const char *dir)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", dir);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = 0;
        if (mkdir(buf, 0777) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    if (mkdir(buf, 0777) != 0 && errno != EEXIST)
        return -1;
    struct stat st;
    return stat(buf, &st) == 0 && S_ISDIR(st.st_mode) ? 0 : -1;
}

static bool has_suffix(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && !strcmp(s + a - b, suf);
}

static bool all_db(const char *const *in, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        if (!has_suffix(in[i], ".db"))
            return false;
    return true;
}

/* Exit statuses of the db layer mapped onto xcov's (docs/xcov.md). */
static int db_status(int e)
{
    switch (e) {
    case XCOV_DB_OK: return 0;
    case XCOV_DB_ERR_USAGE: return 1;
    case XCOV_DB_ERR_OPEN: return 2;
    case XCOV_DB_ERR_FORMAT: case XCOV_DB_ERR_VERSION: return 3;
    default: return 7;
    }
}

/* The consolidated report of one or several databases. */
static int report_from_dbs(const char *const *in, unsigned n, CovReport **out, char *err,
                           size_t errlen)
{
    char tmp[] = "/tmp/xcov-merge-XXXXXX";
    const char *path = in[0];
    char merged[64] = "";
    if (n > 1) {
        if (!mkdtemp(tmp)) {
            snprintf(err, errlen, "cannot create a temporary directory: %s", strerror(errno));
            return 7;
        }
        snprintf(merged, sizeof merged, "%s/merged.db", tmp);
        int e = xcov_db_merge(merged, in, n, err, errlen);
        if (e) {
            rmdir(tmp);
            return db_status(e);
        }
        path = merged;
    }
    XcovDb *db = NULL;
    int e = xcov_db_open(path, false, true, &db, err, errlen);
    if (!e)
        e = xcov_db_to_report(db, out, err, errlen);
    xcov_db_close(db);
    if (merged[0]) {
        unlink(merged);
        rmdir(tmp);
    }
    return db_status(e);
}

/* Record one run per trace in DB (per-test attribution: the test name is
 * the trace's base name without .trace). */
static int record_runs(const XcovOptions *base, const char *dbpath, char *err, size_t errlen)
{
    XcovDb *db = NULL;
    int e = xcov_db_open(dbpath, true, false, &db, err, errlen);
    if (e)
        return db_status(e);
    int rc = 0;
    for (unsigned i = 0; i < base->ntraces && !rc; i++) {
        XcovOptions o = *base;
        o.traces = &base->traces[i];
        o.ntraces = 1;
        o.quiet = true;
        CovReport *r = NULL;
        rc = xcov_build(&o, &r, err, errlen);
        if (rc)
            break;
        const char *b = strrchr(base->traces[i], '/');
        b = b ? b + 1 : base->traces[i];
        char name[512];
        snprintf(name, sizeof name, "%s", b);
        if (has_suffix(name, ".trace"))
            name[strlen(name) - 6] = 0;
        e = xcov_db_add_report(db, r, name, err, errlen);
        cov_report_free(r);
        if (e)
            rc = db_status(e);
    }
    xcov_db_close(db);
    return rc;
}

static int report_main(int argc, char **argv)
{
    enum { O_LEVEL = 256, O_ELF, O_FORMAT, O_CDB, O_SRCROOT, O_DAMAGED, O_DB, O_DBONLY,
           O_INCLUDE, O_EXCLUDE };
    static const struct option longopts[] = {
        {"level", required_argument, NULL, O_LEVEL},
        {"elf", required_argument, NULL, O_ELF},
        {"format", required_argument, NULL, O_FORMAT},
        {"output", required_argument, NULL, 'o'},
        {"compile-commands", required_argument, NULL, O_CDB},
        {"source-root", required_argument, NULL, O_SRCROOT},
        {"include", required_argument, NULL, O_INCLUDE},
        {"exclude", required_argument, NULL, O_EXCLUDE},
        {"accept-damaged", no_argument, NULL, O_DAMAGED},
        {"db", required_argument, NULL, O_DB},
        {"db-only", no_argument, NULL, O_DBONLY},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    XcovOptions o;
    memset(&o, 0, sizeof o);
    o.level = COV_LEVEL_STMT;
    const char *formats = "text", *outdir = NULL, *dbout = NULL;
    bool db_only = false;
    const char **inc = calloc((size_t)argc + 1, sizeof *inc);
    const char **def = calloc((size_t)argc + 1, sizeof *def);
    const char **incl = calloc((size_t)argc + 1, sizeof *incl);
    const char **excl = calloc((size_t)argc + 1, sizeof *excl);
    if (!inc || !def || !incl || !excl)
        return 70;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "o:I:D:qh", longopts, NULL)) != -1) {
        switch (c) {
        case O_LEVEL:
            if (!cov_level_parse(optarg, &o.level)) {
                fprintf(stderr, "xcov: unknown level '%s' (insn, branch, stmt, stmt+decision, "
                                "stmt+mcdc, stmt+uc_mcdc)\n", optarg);
                return 1;
            }
            break;
        case O_ELF: o.elf = optarg; break;
        case O_FORMAT: formats = optarg; break;
        case 'o': outdir = optarg; break;
        case O_CDB: o.compile_commands = optarg; break;
        case O_SRCROOT: o.source_root = optarg; break;
        case O_INCLUDE: incl[o.ninclude++] = optarg; break;
        case O_EXCLUDE: excl[o.nexclude++] = optarg; break;
        case O_DAMAGED: o.accept_damaged = true; break;
        case O_DB: dbout = optarg; break;
        case O_DBONLY: db_only = true; break;
        case 'I': inc[o.nincdirs++] = optarg; break;
        case 'D': def[o.ndefines++] = optarg; break;
        case 'q': o.quiet = true; break;
        case 'h': usage(stdout); return 0;
        default:
            if (optopt && optopt < 256)
                fprintf(stderr, "xcov: option -%c needs a value or is unknown (xcov report --help)\n",
                        optopt);
            else
                fprintf(stderr, "xcov: bad option '%s' (xcov report --help)\n", argv[optind - 1]);
            return 1;
        }
    }
    o.incdirs = inc;
    o.defines = def;
    o.include = incl;
    o.exclude = excl;
    /* formats */
    const ReportRenderer *rend[16];
    unsigned nrend = 0;
    char *fl = strdup(formats);
    if (!fl)
        return 70;
    for (char *t = strtok(fl, ","); t; t = strtok(NULL, ",")) {
        const ReportRenderer *rr = report_find(t);
        if (!rr) {
            fprintf(stderr, "xcov: unknown format '%s' (text, xcov, html, json, lcov, cobertura, "
                            "drcov, sarif)\n", t);
            return 1;
        }
        if (nrend < 16)
            rend[nrend++] = rr;
    }
    free(fl);
    if (nrend == 0) {
        fprintf(stderr, "xcov: --format names no format\n");
        return 1;
    }
    /* traces */
    glob_t g;
    memset(&g, 0, sizeof g);
    if (optind < argc) {
        o.traces = (const char *const *)(argv + optind);
        o.ntraces = (unsigned)(argc - optind);
    } else {
        if (glob("*.trace", 0, NULL, &g) != 0 || g.gl_pathc == 0) {
            fprintf(stderr, "xcov: no trace named and no *.trace file in the current directory\n");
            return 2;
        }
        o.traces = (const char *const *)g.gl_pathv;
        o.ntraces = (unsigned)g.gl_pathc;
    }
    CovReport *r = NULL;
    char err[1024];
    int rc;
    if (db_only) {
        if (!dbout) {
            fprintf(stderr, "xcov: --db-only needs --db OUT.db\n");
            globfree(&g);
            return 1;
        }
        rc = record_runs(&o, dbout, err, sizeof err);
        if (rc)
            fprintf(stderr, "xcov: %s\n", err);
        globfree(&g);
        free(inc);
        free(def);
        free(incl);
        free(excl);
        return rc;
    }
    if (o.ntraces > 0 && all_db(o.traces, o.ntraces) && (o.ninclude || o.nexclude)) {
        snprintf(err, sizeof err, "--include/--exclude select sources when traces are read; "
                                  "a database keeps what its runs were recorded with");
        rc = 1;
    } else if (o.ntraces > 0 && all_db(o.traces, o.ntraces)) {
        rc = report_from_dbs(o.traces, o.ntraces, &r, err, sizeof err);
    } else {
        rc = xcov_build(&o, &r, err, sizeof err);
        if (rc == XCOV_OK && dbout)
            rc = record_runs(&o, dbout, err, sizeof err);
    }
    if (rc != XCOV_OK) {
        fprintf(stderr, "xcov: %s\n", err);
        cov_report_free(r);
        globfree(&g);
        return rc;
    }
    if (outdir && mkdirs(outdir) != 0) {
        fprintf(stderr, "xcov: cannot create the output directory %s: %s\n", outdir,
                strerror(errno));
        cov_report_free(r);
        globfree(&g);
        return 7;
    }
    bool text_stdout = false;
    for (unsigned i = 0; i < nrend; i++) {
        const char *dir = outdir;
        if (!dir && strcmp(rend[i]->name, "text") != 0)
            dir = ".";
        if (!dir)
            text_stdout = true;
        err[0] = 0;
        if (rend[i]->render(r, dir, err, sizeof err) != 0) {
            fprintf(stderr, "xcov: %s: %s\n", rend[i]->name, err[0] ? err : "failed");
            rc = 7;
        }
    }
    if (!text_stdout && !o.quiet) {
        const CovCounts *t = &r->totals;
        uint32_t cov, tot;
        const char *what;
        if (r->level >= COV_LEVEL_STMT && !r->line_level_only) {
            cov = t->stmt_covered; tot = t->stmt_total; what = "statements";
        } else if (r->level >= COV_LEVEL_STMT) {
            cov = t->line_covered; tot = t->line_total; what = "lines";
        } else if (r->level == COV_LEVEL_BRANCH) {
            cov = t->branch_covered; tot = t->branch_total; what = "branch directions";
        } else {
            cov = t->insn_covered; tot = t->insn_total; what = "instructions";
        }
        char extra[160] = "";
        if (r->level >= COV_LEVEL_STMT_DECISION) {
            int k = snprintf(extra, sizeof extra, ", %u of %u decision outcomes",
                             t->decision_covered, t->decision_total);
            if (r->level >= COV_LEVEL_STMT_MCDC && k > 0 && (size_t)k < sizeof extra)
                snprintf(extra + k, sizeof extra - (size_t)k, ", %u of %u conditions (%s MC/DC)",
                         t->mcdc_covered, t->mcdc_total,
                         r->level == COV_LEVEL_STMT_UC_MCDC ? "unique-cause" : "masking");
        }
        printf("xcov: %s coverage: %u of %u %s (%.1f%%)%s%s%s\n", cov_level_name(r->level), cov,
               tot, what, tot ? 100.0 * cov / tot : 0.0, extra, outdir ? ", report in " : "",
               outdir ? outdir : "");
    }
    cov_report_free(r);
    globfree(&g);
    free(inc);
    free(def);
    free(incl);
    free(excl);
    return rc;
}

/* xcov merge -o OUT.db [report options] (TRACE | DB)...: traces become one
 * run each (at --level, default stmt), databases are merged as they are. */
static int merge_main(int argc, char **argv)
{
    const char *out = NULL;
    char **rest = calloc((size_t)argc + 4, sizeof *rest);
    const char **dbs = calloc((size_t)argc + 2, sizeof *dbs);
    if (!rest || !dbs)
        return 70;
    int nrest = 0;
    unsigned ndb = 0, ntr = 0;
    rest[nrest++] = argv[0];
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output")) {
            if (i + 1 >= argc) {
                fprintf(stderr, "xcov merge: -o needs a file name\n");
                return 1;
            }
            out = argv[++i];
        } else if (!strncmp(argv[i], "--output=", 9)) {
            out = argv[i] + 9;
        } else if (argv[i][0] != '-' && has_suffix(argv[i], ".db")) {
            dbs[ndb++] = argv[i];
        } else {
            /* the value of an option that takes one is not a trace */
            static const char *const with_value[] = {"--level", "--elf", "--format",
                                                     "--compile-commands", "-I", "-D",
                                                     "--source-root", "--include",
                                                     "--exclude", NULL};
            bool takes = false;
            for (unsigned k = 0; with_value[k]; k++)
                takes |= !strcmp(argv[i], with_value[k]);
            if (takes && i + 1 < argc) {
                rest[nrest++] = argv[i++];
            } else if (argv[i][0] != '-') {
                ntr++;
            }
            rest[nrest++] = argv[i];
        }
    }
    if (!out || !has_suffix(out, ".db")) {
        fprintf(stderr, "xcov merge: give the output database with -o OUT.db\n");
        return 1;
    }
    if (ndb == 0 && ntr == 0) {
        fprintf(stderr, "xcov merge: no input (traces or .db files)\n");
        return 1;
    }
    char err[1024], tmpdir[] = "/tmp/xcov-merge-XXXXXX", tracedb[64] = "";
    int rc = 0;
    if (ntr) {
        /* the traces go through `xcov report --db` into a temporary database */
        if (!mkdtemp(tmpdir)) {
            fprintf(stderr, "xcov merge: cannot create a temporary directory: %s\n",
                    strerror(errno));
            return 7;
        }
        snprintf(tracedb, sizeof tracedb, "%s/traces.db", tmpdir);
        rest[nrest++] = (char *)"--db";
        rest[nrest++] = tracedb;
        rest[nrest++] = (char *)"--db-only";
        rc = report_main(nrest, rest);
        dbs[ndb++] = tracedb;
    }
    if (!rc) {
        int e = xcov_db_merge(out, dbs, ndb, err, sizeof err);
        if (e) {
            fprintf(stderr, "xcov merge: %s\n", err);
            rc = db_status(e);
        }
    }
    if (tracedb[0]) {
        unlink(tracedb);
        rmdir(tmpdir);
    }
    free(rest);
    free(dbs);
    return rc;
}

/* xcov who DB FILE:LINE, xcov useless DB */
static int query_main(int argc, char **argv)
{
    bool who = !strcmp(argv[0], "who");
    if (argc != (who ? 3 : 2)) {
        fprintf(stderr, who ? "usage: xcov who DB FILE:LINE\n" : "usage: xcov useless DB\n");
        return 1;
    }
    char file[4096];
    unsigned line = 0;
    if (who) {
        const char *colon = strrchr(argv[2], ':');
        char *end;
        if (!colon || colon == argv[2] || !colon[1] ||
            (line = (unsigned)strtoul(colon + 1, &end, 10)) == 0 || *end) {
            fprintf(stderr, "xcov who: expected FILE:LINE, not '%s'\n", argv[2]);
            return 1;
        }
        snprintf(file, sizeof file, "%.*s", (int)(colon - argv[2]), argv[2]);
    }
    char err[1024];
    XcovDb *db = NULL;
    int e = xcov_db_open(argv[1], false, true, &db, err, sizeof err);
    if (!e)
        e = who ? xcov_db_who(db, file, line, stdout, err, sizeof err)
                : xcov_db_useless(db, stdout, err, sizeof err);
    xcov_db_close(db);
    if (e)
        fprintf(stderr, "xcov %s: %s\n", argv[0], err);
    return db_status(e);
}

/* xcov check-build ELF: 0 fine, 1 warnings printed, 3 unreadable/not an ELF */
static int checkbuild_main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: xcov check-build ELF\n");
        return 1;
    }
    char err[1024];
    int r = checkbuild_run(argv[1], stdout, err, sizeof err);
    if (r < 0) {
        fprintf(stderr, "xcov check-build: %s\n", err);
        return 3;
    }
    return r;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V"))) {
        printf("xcov %s\n", EMUCOV_VERSION);
        return 0;
    }
    if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
                      !strcmp(argv[1], "help"))) {
        usage(stdout);
        return 0;
    }
    if (argc >= 2 && !strcmp(argv[1], "report"))
        return report_main(argc - 1, argv + 1);
    if (argc >= 2 && !strcmp(argv[1], "merge"))
        return merge_main(argc - 1, argv + 1);
    if (argc >= 2 && (!strcmp(argv[1], "who") || !strcmp(argv[1], "useless")))
        return query_main(argc - 1, argv + 1);
    if (argc >= 2 && !strcmp(argv[1], "check-build"))
        return checkbuild_main(argc - 1, argv + 1);
    if (argc >= 2)
        fprintf(stderr, "xcov: unknown command '%s' (report, merge, who, useless, check-build)\n",
                argv[1]);
    else
        usage(stderr);
    return 1;
}
