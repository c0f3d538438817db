/* xcov-checkbuild: tell whether an ELF's build allows reliable decision maps.
 * Exit status: 0 fine, 1 warnings, 2 error (a one-line message on stderr). */
#include "checkbuild.h"

#include <stdio.h>

int main(int argc, char **argv)
{
    char err[512] = "";
    if (argc != 2) {
        fputs("usage: xcov-checkbuild FIRMWARE.elf\n", stderr);
        return 2;
    }
    int rc = checkbuild_run(argv[1], stdout, err, sizeof err);
    if (rc < 0) {
        fprintf(stderr, "xcov-checkbuild: %s\n", err);
        return 2;
    }
    return rc;
}
