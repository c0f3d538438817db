/*
 * xcov/db/xcov_db_main.c - `xcov-db`, a small CLI over the consolidation
 * module for tests and experiments (the product CLI is `xcov merge`, `xcov
 * who`, `xcov report OUT.db`; see docs/consolidation.md).
 *
 *   xcov-db merge -o OUT IN...     union of databases (OUT may be an IN)
 *   xcov-db who DB FILE:LINE       which tests satisfied what on a line
 *   xcov-db useless DB             tests that add nothing, greedy cover
 *   xcov-db dump-json DB           the consolidated JSON on stdout
 *
 * Exit status: 0, or the XCOV_DB_ERR_* code with one line on stderr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xcov/db/xcov_db.h"

static int usage(void)
{
    fprintf(stderr, "xcov-db: usage: xcov-db merge -o OUT IN... | who DB FILE:LINE | useless DB | "
                    "dump-json DB\n");
    return XCOV_DB_ERR_USAGE;
}

static int report(int rc, const char *err)
{
    if (rc)
        fprintf(stderr, "xcov-db: %s\n", err);
    return rc;
}

int main(int argc, char **argv)
{
    char err[512] = "";
    if (argc < 2)
        return usage();
    const char *cmd = argv[1];
    if (!strcmp(cmd, "merge")) {
        if (argc < 4 || strcmp(argv[2], "-o"))
            return usage();
        return report(xcov_db_merge(argv[3], (const char *const *)argv + 4,
                                    (unsigned)(argc - 4), err, sizeof err), err);
    }
    if (argc != 3 + !strcmp(cmd, "who"))
        return usage();
    if (strcmp(cmd, "who") && strcmp(cmd, "useless") && strcmp(cmd, "dump-json"))
        return usage();
    unsigned line = 0;
    char *file = NULL;
    if (!strcmp(cmd, "who")) {
        const char *arg = argv[3], *colon = strrchr(arg, ':');
        char *end = NULL;
        unsigned long v = colon ? strtoul(colon + 1, &end, 10) : 0;
        if (!colon || colon == arg || !colon[1] || *end || v == 0 || v > 0xffffffffUL) {
            fprintf(stderr, "xcov-db: %s: expected FILE:LINE (line >= 1)\n", arg);
            return XCOV_DB_ERR_USAGE;
        }
        line = (unsigned)v;
        file = strndup(arg, (size_t)(colon - arg));
    }
    XcovDb *db;
    int rc = xcov_db_open(argv[2], false, true, &db, err, sizeof err);
    if (!rc) {
        if (!strcmp(cmd, "who"))
            rc = xcov_db_who(db, file, line, stdout, err, sizeof err);
        else if (!strcmp(cmd, "useless"))
            rc = xcov_db_useless(db, stdout, err, sizeof err);
        else
            rc = xcov_db_to_json(db, stdout, err, sizeof err);
        xcov_db_close(db);
    }
    free(file);
    if (!rc && fflush(stdout) != 0) {
        snprintf(err, sizeof err, "cannot write the output");
        rc = XCOV_DB_ERR_OUTPUT;
    }
    return report(rc, err);
}
