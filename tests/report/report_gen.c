/*
 * tests/report/report_gen.c - write the synthetic report (synth.h) in
 * every file format, for the format checkers (check_formats.py).
 *
 * usage: report-gen OUTDIR SRCROOT [LEVEL]
 *   writes the sources under SRCROOT and OUTDIR/<format>/... for html,
 *   json, lcov, cobertura and drcov.  LEVEL: insn|branch|stmt|stmt+decision|
 *   stmt+mcdc|stmt+uc_mcdc (default branch).
 */
#include "synth.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static const char *const level_names[] = {
    "insn", "branch", "stmt", "stmt+decision", "stmt+mcdc", "stmt+uc_mcdc",
};

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: report-gen OUTDIR SRCROOT [LEVEL]\n");
        return 2;
    }
    CovLevel level = COV_LEVEL_BRANCH;
    if (argc == 4) {
        unsigned i;
        for (i = 0; i < sizeof level_names / sizeof level_names[0]; i++)
            if (strcmp(argv[3], level_names[i]) == 0)
                break;
        if (i == sizeof level_names / sizeof level_names[0]) {
            fprintf(stderr, "report-gen: unknown level '%s'\n", argv[3]);
            return 2;
        }
        level = (CovLevel)i;
    }
    if (mkdir(argv[1], 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "report-gen: cannot create %s: %s\n", argv[1], strerror(errno));
        return 1;
    }
    CovReport *r = synth_report(level, argv[2], true);
    if (!r)
        return 1;
    int status = 0;
    for (const ReportRenderer *const *rr = synth_renderers; *rr; rr++) {
        char dir[4096], err[512] = "";
        snprintf(dir, sizeof dir, "%s/%s", argv[1], (*rr)->name);
        if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
            fprintf(stderr, "report-gen: cannot create %s: %s\n", dir, strerror(errno));
            status = 1;
            continue;
        }
        if ((*rr)->render(r, dir, err, sizeof err) != 0) {
            fprintf(stderr, "report-gen: %s: %s\n", (*rr)->name, err);
            status = 1;
        } else {
            printf("%s\n", dir);
        }
    }
    synth_free(r);
    return status;
}
