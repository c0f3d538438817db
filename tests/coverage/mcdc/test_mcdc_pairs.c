/* dmap_mcdc: outcomes, unique-cause and masking pairs on known vector sets (the definitions of
 * docs/coverage-semantics.md §1 and tests/coverage/decisions/mcdc_oracle.py). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "dmap.h"

static ScoFile *parse(const char *code)
{
    char path[] = "/tmp/test-mcdc-XXXXXX.c", err[256];
    int fd = mkstemps(path, 2);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, code, strlen(code)), (ssize_t)strlen(code));
    close(fd);
    ScoFile *f = sco_extract(path, NULL, 0, err, sizeof err);
    unlink(path);
    assert_non_null(f);
    return f;
}

static void vecs(DmapVector *v, const char *const *spec, int n)
{
    for (int i = 0; i < n; i++) {
        memset(&v[i], 0, sizeof v[i]);
        const char *arrow = strstr(spec[i], " -> ");
        memcpy(v[i].values, spec[i], (size_t)(arrow - spec[i]));
        v[i].outcome = arrow[4];
        v[i].count = 1;
    }
}

static void and2(void **state)
{
    (void)state;
    ScoFile *f = parse("int g(int a, int b) { if (a && b) return 1; return 0; }\n");
    const char *s[] = {"TT -> T", "TF -> F", "F- -> F"};
    DmapVector v[3];
    DmapMcdc r;
    vecs(v, s, 3);
    dmap_mcdc(sco_decision(f, 0), v, 3, &r);
    assert_true(r.outcome_true && r.outcome_false);
    assert_int_equal(r.uc, 3);
    assert_int_equal(r.mask, 3);
    dmap_mcdc(sco_decision(f, 0), v, 2, &r);      /* without F-: no pair for a */
    assert_int_equal(r.uc, 2);
    assert_int_equal(r.mask, 2);
    dmap_mcdc(sco_decision(f, 0), v + 1, 2, &r);  /* only False outcomes */
    assert_false(r.outcome_true);
    assert_int_equal(r.uc, 0);
    sco_free(f);
}

/* basic.c line 49: condition 4 has a masking pair and no unique-cause pair */
static void masking_only(void **state)
{
    (void)state;
    ScoFile *f = parse("int g(int a, int b, int c, int d)\n"
                       "{ if (((a)) && ((b && (c)) || d)) return 1; return 0; }\n");
    const char *s[] = {"TTT- -> T", "TF-F -> F", "TTFT -> T", "F--- -> F"};
    DmapVector v[4];
    DmapMcdc r;
    vecs(v, s, 4);
    dmap_mcdc(sco_decision(f, 0), v, 4, &r);
    assert_int_equal(r.uc, 0x3);                 /* 1,2 */
    assert_int_equal(r.mask, 0xb);               /* 1,2,4 */
    sco_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(and2),
        cmocka_unit_test(masking_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
