/*
 * tests/coverage/unit_exempt.c - xcov/exempt.c: the annotation lexer and parser
 * (docs/coverage-semantics.md §6) on crafted sources: comment forms, literals that
 * look like annotations, malformed annotations and their documented behaviour.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "xcov/exempt.h"

static void parse(const char *const *lines, unsigned n, XcovExemptions *x)
{
    xcov_exempt_parse(lines, n, "f.c", x);
}

static bool has_warning(const XcovExemptions *x, const char *prefix, const char *part)
{
    for (unsigned i = 0; i < x->nwarnings; i++)
        if (!strncmp(x->warnings[i], prefix, strlen(prefix)) && strstr(x->warnings[i], part))
            return true;
    return false;
}

static void test_forms(void **state)
{
    (void)state;
    const char *src[] = {
        "int a; /* xcov: exempt on \"why \\\"quoted\\\" \\\\ here\" */",
        "a = 1;",
        "// xcov: exempt off // a remark",
        "if (a) /* xcov: exempt decision true \"t\" */",
        "if (b)   //   xcov: exempt decision false \"f\"",
        "if (c && d) /* xcov: exempt condition 12 \"c\" */",
        "/*",
        "xcov: exempt on \"multi-line comment\"",
        "*/",
        "/* xcov: exempt off */",
    };
    XcovExemptions x;
    parse(src, 10, &x);
    assert_int_equal(x.nwarnings, 0);
    assert_int_equal(x.nnotes, 5);
    assert_int_equal(x.notes[0].kind, COV_EXEMPT_REGION);
    assert_int_equal(x.notes[0].line, 1);
    assert_int_equal(x.notes[0].end_line, 3);
    assert_string_equal(x.notes[0].justification, "why \"quoted\" \\ here");
    assert_int_equal(x.notes[1].kind, COV_EXEMPT_DECISION_TRUE);
    assert_int_equal(x.notes[1].line, 4);
    assert_int_equal(x.notes[2].kind, COV_EXEMPT_DECISION_FALSE);
    assert_int_equal(x.notes[2].line, 5);
    assert_int_equal(x.notes[3].kind, COV_EXEMPT_CONDITION);
    assert_int_equal(x.notes[3].condition, 12);
    /* a block comment spanning lines: the annotation starts on the comment's first line */
    assert_int_equal(x.notes[4].kind, COV_EXEMPT_REGION);
    assert_int_equal(x.notes[4].line, 7);
    assert_int_equal(x.notes[4].end_line, 10);
    assert_string_equal(x.notes[4].justification, "multi-line comment");
    xcov_exempt_free(&x);
}

static void test_literals(void **state)
{
    (void)state;
    const char *src[] = {
        "const char *s = \"/* xcov: exempt on \\\"no\\\" */\";",
        "const char *t = \"// xcov: exempt on \\\"no\\\"\";",
        "char q = '\"'; char r = '\\''; /* xcov: exempt on \"yes\" */",
        "const char *u = \"a\\",                      /* a string spliced over lines */
        "/* xcov: exempt off */\";",
        "x = 1; /* xcov: exempt off */",
    };
    XcovExemptions x;
    parse(src, 6, &x);
    assert_int_equal(x.nwarnings, 0);
    assert_int_equal(x.nnotes, 1);
    assert_int_equal(x.notes[0].line, 3);
    assert_int_equal(x.notes[0].end_line, 6);
    assert_string_equal(x.notes[0].justification, "yes");
    xcov_exempt_free(&x);
}

static void test_errors(void **state)
{
    (void)state;
    const char *src[] = {
        /* 1 */ "/* xcov: exempt off */",
        /* 2 */ "/* xcov: exempt on */",
        /* 3 */ "/* xcov: exempt off */",
        /* 4 */ "/* xcov: exempt on \"  \" */",
        /* 5 */ "/* xcov: exempt off */",
        /* 6 */ "/* xcov: exempt on \"outer\" */",
        /* 7 */ "/* xcov: exempt on \"inner\" */",
        /* 8 */ "/* xcov: exempt off junk */",
        /* 9 */ "/* xcov: exempt maybe \"x\" */",
        /* 10 */ "/* xcov: exclude on \"x\" */",
        /* 11 */ "/* xcov: exempt decision maybe \"x\" */",
        /* 12 */ "/* xcov: exempt condition 0 \"x\" */",
        /* 13 */ "/* xcov: exempt decision true \"x\" trailing */",
        /* 14 */ "/* xcov: exempt decision true \"unclosed */",
        /* 15 */ "/* xcov: exempt on \"to the end\" */",
        /* 16 */ "int z;",
    };
    XcovExemptions x;
    parse(src, 16, &x);
    assert_true(has_warning(&x, "f.c:1:", "without an open region"));
    assert_true(has_warning(&x, "f.c:2:", "justification in double quotes is required"));
    assert_true(has_warning(&x, "f.c:4:", "justification is empty"));
    assert_true(has_warning(&x, "f.c:7:", "do not nest"));
    assert_true(has_warning(&x, "f.c:8:", "takes nothing after it"));
    assert_true(has_warning(&x, "f.c:9:", "unknown exemption"));
    assert_true(has_warning(&x, "f.c:10:", "unknown annotation"));
    assert_true(has_warning(&x, "f.c:11:", "\"true\" or \"false\""));
    assert_true(has_warning(&x, "f.c:12:", "condition number"));
    assert_true(has_warning(&x, "f.c:13:", "text after the justification"));
    assert_true(has_warning(&x, "f.c:14:", "closing quote"));
    assert_true(has_warning(&x, "f.c:15:", "to the end of the file (line 16)"));
    assert_int_equal(x.nwarnings, 12);
    /* what is granted: the outer region 6-8 and the unclosed one 15-16, nothing else */
    assert_int_equal(x.nnotes, 2);
    assert_int_equal(x.notes[0].line, 6);
    assert_int_equal(x.notes[0].end_line, 8);
    assert_string_equal(x.notes[0].justification, "outer");
    assert_int_equal(x.notes[1].line, 15);
    assert_int_equal(x.notes[1].end_line, 16);
    xcov_exempt_free(&x);
    xcov_exempt_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forms),
        cmocka_unit_test(test_literals),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
