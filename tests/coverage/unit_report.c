/* coverage-xcov-unit: levels, the renderer table, the text and xcov
 * renderers on a hand-built CovReport, SHA-256 (FIPS 180-4 test vectors). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/report.h"
#include "xcov/xcov.h"
#include "tracer/trace.h"

static void test_levels(void **state)
{
    (void)state;
    const char *names[] = {"insn", "branch", "stmt", "stmt+decision", "stmt+mcdc",
                           "stmt+uc_mcdc"};
    for (unsigned i = 0; i < 6; i++) {
        CovLevel l;
        assert_true(cov_level_parse(names[i], &l));
        assert_int_equal(l, i);
        assert_string_equal(cov_level_name(l), names[i]);
    }
    CovLevel l = COV_LEVEL_INSN;
    assert_false(cov_level_parse("stmt+", &l));
    assert_false(cov_level_parse("", &l));
    assert_false(cov_level_parse(NULL, &l));
}

static void test_renderer_table(void **state)
{
    (void)state;
    const char *names[] = {"text", "xcov", "html", "json", "lcov", "cobertura", "drcov",
                           "sarif"};
    unsigned n = 0;
    while (report_renderers[n])
        n++;
    assert_int_equal(n, 8);
    for (unsigned i = 0; i < 8; i++) {
        const ReportRenderer *r = report_find(names[i]);
        assert_non_null(r);
        assert_string_equal(r->name, names[i]);
        assert_non_null(r->render);
    }
    assert_null(report_find("pdf"));
    assert_null(report_find(NULL));
}

static char *dupstr(const char *s) { return strdup(s); }

/* a.c: 4 lines, stmt level: '.', '+', '!' with a violation, '-'. */
static CovReport *tiny(CovLevel lv)
{
    CovReport *r = calloc(1, sizeof *r);
    r->level = lv;
    r->tool_version = dupstr("xcov test");
    r->isa = dupstr("riscv32");
    r->elf_path = dupstr("/x/a.elf");
    r->nfiles = 1;
    r->files = calloc(1, sizeof *r->files);
    CovFile *f = &r->files[0];
    f->path = dupstr("/x/a.c");
    f->name = dupstr("a.c");
    f->source_available = true;
    f->nlines = 4;
    f->lines = calloc(4, sizeof *f->lines);
    const char *text[] = {"int x;", "  x = 1;", "  y = 2; if (z) w = 3;", "  return 0;"};
    const char marks[] = {'.', '+', '!', '-'};
    for (unsigned i = 0; i < 4; i++) {
        f->lines[i].number = i + 1;
        f->lines[i].mark = marks[i];
        f->lines[i].text = dupstr(text[i]);
    }
    f->lines[2].nviolations = 1;
    f->lines[2].violations = calloc(1, sizeof(CovViolation));
    f->lines[2].violations[0] = (CovViolation){3, 19, 3, 25, "stmt-not-executed",
                                               dupstr("statement \"w = 3\" at 3:19 not executed"),
                                               false};
    f->counts.stmt_total = 5;
    f->counts.stmt_covered = 3;
    f->counts.line_total = 3;
    f->counts.line_covered = 1;
    r->totals = f->counts;
    r->nfunctions = 1;
    r->functions = calloc(1, sizeof *r->functions);
    r->functions[0] = (CovFunction){dupstr("main"), 0, 2, 4, 0x80000000, 0x80000010, 1, f->counts};
    r->nnotes = 1;
    r->notes = calloc(1, sizeof(char *));
    r->notes[0] = dupstr("a note");
    return r;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[8192];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    fclose(f);
    return buf;
}

static void test_xcov_renderer(void **state)
{
    (void)state;
    char dir[] = "/tmp/xcov-unit-XXXXXX";
    assert_non_null(mkdtemp(dir));
    CovReport *r = tiny(COV_LEVEL_STMT);
    char err[256] = "";
    assert_int_equal(report_find("xcov")->render(r, dir, err, sizeof err), 0);
    char path[512];
    snprintf(path, sizeof path, "%s/a.c.xcov", dir);
    const char *want = "a.c:\n"
                       "33% of 3 lines covered\n"
                       "Coverage level: stmt\n"
                       "   1 .: int x;\n"
                       "   2 +:   x = 1;\n"
                       "   3 !:   y = 2; if (z) w = 3;\n"
                       "    -- statement \"w = 3\" at 3:19 not executed [stmt-not-executed]\n"
                       "   4 -:   return 0;\n";
    assert_string_equal(slurp(path), want);
    unlink(path);
    /* the text renderer: summary.txt */
    assert_int_equal(report_find("text")->render(r, dir, err, sizeof err), 0);
    snprintf(path, sizeof path, "%s/summary.txt", dir);
    const char *s = slurp(path);
    assert_non_null(strstr(s, "level:  stmt\n"));
    assert_non_null(strstr(s, "note:   a note\n"));
    assert_non_null(strstr(s, " 60.0%         3/5  33.3%         1/3\n"));
    assert_non_null(strstr(s, "TOTAL"));
    assert_non_null(strstr(s, "main"));
    unlink(path);
    /* an output directory that does not exist: -1 with the path */
    assert_int_equal(report_find("text")->render(r, "/nonexistent/dir", err, sizeof err), -1);
    assert_non_null(strstr(err, "/nonexistent/dir/summary.txt"));
    cov_report_free(r);
    rmdir(dir);
}

static void assert_sha_hex(const uint8_t h[32], const char *want)
{
    char hex[65];
    for (int i = 0; i < 32; i++)
        sprintf(hex + 2 * i, "%02x", h[i]);
    assert_string_equal(hex, want);
}

/* FIPS 180-4 examples (NIST's SHA-256 example values): one block, two
 * blocks with the padding in the second, 896 bits, the empty message, and
 * a million 'a' (many blocks per call: the SHA-extensions path when the
 * processor has it), in memory and from a file read in chunks. */
static void test_sha256(void **state)
{
    (void)state;
    uint8_t h[32];
    trace_sha256("abc", 3, h);
    assert_sha_hex(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    trace_sha256(m, strlen(m), h);
    assert_sha_hex(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    m = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
        "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
    trace_sha256(m, strlen(m), h);
    assert_sha_hex(h, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
    trace_sha256("", 0, h);
    assert_sha_hex(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

    static const char million_a[] =
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
    char *big = malloc(1000000);
    assert_non_null(big);
    memset(big, 'a', 1000000);
    trace_sha256(big, 1000000, h);
    assert_sha_hex(h, million_a);
    char path[] = "/tmp/xcov-sha-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(big, 1, 1000000, f), 1000000);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(trace_sha256_file(path, h), 0);
    assert_sha_hex(h, million_a);
    unlink(path);
    free(big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_levels),
        cmocka_unit_test(test_renderer_table),
        cmocka_unit_test(test_xcov_renderer),
        cmocka_unit_test(test_sha256),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
