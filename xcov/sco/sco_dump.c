/* xcov-sco-dump: print the SCOs (decisions, conditions, switches) of a C file.
 *   xcov-sco-dump [-p BUILDDIR] FILE.c [-- CLANG-ARGS...]
 * -p takes the flags from BUILDDIR/compile_commands.json; otherwise the args after `--`. */
#include "sco.h"

#include <stdio.h>
#include <string.h>

static int usage(void)
{
    fputs("usage: xcov-sco-dump [-p BUILDDIR] FILE.c [-- CLANG-ARGS...]\n", stderr);
    return 2;
}

int main(int argc, char **argv)
{
    const char *db = NULL, *src = NULL;
    int i = 1;
    for (; i < argc; i++) {
        if (!strcmp(argv[i], "--")) {
            i++;
            break;
        }
        if (!strcmp(argv[i], "-p") && i + 1 < argc)
            db = argv[++i];
        else if (argv[i][0] == '-' || src)
            return usage();
        else
            src = argv[i];
    }
    if (!src)
        return usage();
    char err[512] = "";
    ScoFile *f = db ? sco_extract_db(src, db, err, sizeof err)
                    : sco_extract(src, (const char *const *)argv + i, argc - i, err, sizeof err);
    if (!f) {
        fprintf(stderr, "xcov-sco-dump: %s\n", err);
        return 1;
    }
    sco_dump(f, stdout);
    sco_free(f);
    return 0;
}
