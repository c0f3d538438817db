/* xcov/main.c - the `xcov` command (DESIGN.md §4, docs/xcov.md). */
#include <errno.h>
#include <getopt.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "report/report.h"
#include "xcov/xcov.h"

#ifndef EMUCOV_VERSION
#define EMUCOV_VERSION "0"
#endif

static void usage(FILE *o)
{
    fprintf(o,
            "usage: xcov report [options] [TRACE ...]\n"
            "  --level LEVEL           insn | branch | stmt (default) | stmt+decision |\n"
            "                          stmt+mcdc | stmt+uc_mcdc\n"
            "  --elf FILE              the ELF (default: the one each trace header names)\n"
            "  --format F[,F...]       text (default), xcov, html, json, lcov, cobertura, drcov\n"
            "  -o, --output DIR        output directory (text goes to DIR/summary.txt)\n"
            "  --compile-commands FILE compile_commands.json giving the sources' options\n"
            "  -I DIR, -D NAME[=VAL]   options for sources the database does not know\n"
            "  --source-root DIR       where to look for sources not found at their DWARF path\n"
            "  --accept-damaged        report what was recovered from damaged traces\n"
            "  -q, --quiet             no summary line on stdout\n"
            "With no TRACE, every *.trace of the current directory is read.\n"
            "Exit status: 0 ok, 1 usage, 2 cannot open, 3 bad file, 4 damaged trace,\n"
            "5 trace from another ELF, 6 level not implemented, 7 output failed.\n");
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

static int report_main(int argc, char **argv)
{
    enum { O_LEVEL = 256, O_ELF, O_FORMAT, O_CDB, O_SRCROOT, O_DAMAGED };
    static const struct option longopts[] = {
        {"level", required_argument, NULL, O_LEVEL},
        {"elf", required_argument, NULL, O_ELF},
        {"format", required_argument, NULL, O_FORMAT},
        {"output", required_argument, NULL, 'o'},
        {"compile-commands", required_argument, NULL, O_CDB},
        {"source-root", required_argument, NULL, O_SRCROOT},
        {"accept-damaged", no_argument, NULL, O_DAMAGED},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    XcovOptions o;
    memset(&o, 0, sizeof o);
    o.level = COV_LEVEL_STMT;
    const char *formats = "text", *outdir = NULL;
    const char **inc = calloc((size_t)argc + 1, sizeof *inc);
    const char **def = calloc((size_t)argc + 1, sizeof *def);
    if (!inc || !def)
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
        case O_DAMAGED: o.accept_damaged = true; break;
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
                            "drcov)\n", t);
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
    if (o.level > COV_LEVEL_STMT) {
        fprintf(stderr, "xcov: level %s is not implemented yet (insn, branch and stmt are)\n",
                cov_level_name(o.level));
        return 6;
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
    int rc = xcov_build(&o, &r, err, sizeof err);
    if (rc != XCOV_OK) {
        fprintf(stderr, "xcov: %s\n", err);
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
        printf("xcov: %s coverage: %u of %u %s (%.1f%%)%s%s\n", cov_level_name(r->level), cov,
               tot, what, tot ? 100.0 * cov / tot : 0.0, outdir ? ", report in " : "",
               outdir ? outdir : "");
    }
    cov_report_free(r);
    globfree(&g);
    free(inc);
    free(def);
    return rc;
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
    if (argc < 2 || strcmp(argv[1], "report") != 0) {
        if (argc >= 2)
            fprintf(stderr, "xcov: unknown command '%s'\n", argv[1]);
        usage(stderr);
        return 1;
    }
    return report_main(argc - 1, argv + 1);
}
