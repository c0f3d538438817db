/* Semihosting host-file I/O through newlib's rdimon, as firmware test
 * suites use it to read test vectors and write results: fopen in w, r, a,
 * r+ modes (SYS_OPEN), fwrite/fread (SYS_WRITE/SYS_READ), fseek/ftell
 * including SEEK_END (SYS_SEEK, SYS_FLEN), isatty (SYS_ISTTY), remove
 * (SYS_REMOVE), the command line (SYS_GET_CMDLINE) and exit(7), which
 * reaches the host only through SYS_EXIT_EXTENDED, itself chosen by newlib
 * after reading ":semihosting-features".
 * With argument "escape" it also tries to leave the directory it was given
 * (emucov --semihosting-root): both attempts must fail.
 * semihost_files.py runs it under QEMU and emucov and compares the output,
 * the exit status and the files left behind. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int fails;

static void check(const char *what, long got, long want)
{
    printf("%s=%ld %s\n", what, got, got == want ? "ok" : "MISMATCH");
    fails += got != want;
}

int main(int argc, char **argv)
{
    printf("argc=%d", argc);
    for (int i = 1; i < argc; i++)
        printf(" [%s]", argv[i]);
    printf("\n");

    unsigned char buf[300];
    for (unsigned i = 0; i < sizeof buf; i++)
        buf[i] = (unsigned char)(i * 7 + 1);
    FILE *f = fopen("data.bin", "wb");
    check("open-w", f != NULL, 1);
    if (!f)
        return 2;
    check("fwrite", (long)fwrite(buf, 1, sizeof buf, f), 300);
    check("isatty-file", isatty(fileno(f)), 0);
    fclose(f);

    f = fopen("data.bin", "rb");
    check("open-r", f != NULL, 1);
    if (!f)
        return 2;
    fseek(f, 0, SEEK_END);
    check("size", ftell(f), 300);
    fseek(f, 100, SEEK_SET);
    unsigned char got[10];
    check("fread", (long)fread(got, 1, sizeof got, f), 10);
    check("byte100", got[0], (unsigned char)(100 * 7 + 1));
    check("byte109", got[9], (unsigned char)(109 * 7 + 1));
    fseek(f, 295, SEEK_SET);
    check("short-read", (long)fread(got, 1, sizeof got, f), 5);
    check("eof", feof(f) != 0, 1);
    fclose(f);

    f = fopen("data.bin", "ab");
    fputs("tail\n", f);
    fclose(f);
    f = fopen("data.bin", "r+b");
    fputc('X', f);
    fclose(f);
    f = fopen("data.bin", "rb");
    fseek(f, 0, SEEK_END);
    check("size-after-append", ftell(f), 305);
    rewind(f);
    check("first-byte", fgetc(f), 'X');
    fclose(f);

    check("open-missing", fopen("missing.txt", "r") == NULL, 1);
    f = fopen("gone.txt", "w");
    fputs("x", f);
    fclose(f);
    check("remove", remove("gone.txt"), 0);
    check("removed", fopen("gone.txt", "r") == NULL, 1);

    f = fopen("result.txt", "w");
    fprintf(f, "checks done, %d failed\n", fails);
    fclose(f);

    if (argc > 1 && !strcmp(argv[1], "escape")) {
        check("escape-dotdot", fopen("../escape.txt", "w") == NULL, 1);
        check("escape-absolute", fopen("/etc/passwd", "r") == NULL, 1);
    }
    printf("%s\n", fails ? "FAILED" : "PASS");
    exit(fails ? 1 : 7);
}
