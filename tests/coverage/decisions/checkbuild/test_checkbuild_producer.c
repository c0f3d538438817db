/* checkbuild_producer: the rules of checkbuild.h on producer strings, option overrides. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "checkbuild.h"

#define EM_ARM_ 40
#define EM_RISCV_ 243
#define SET " -fno-if-conversion -fno-if-conversion2 -fno-ssa-phiopt -fno-tree-ch" \
            " -fno-thread-jumps"

static CheckbuildVerdict v(const char *producer, int machine, const char *why_has)
{
    char why[512];
    CheckbuildVerdict r = checkbuild_producer(producer, machine, why, sizeof why);
    if (why_has && !strstr(why, why_has))
        fail_msg("producer '%s': '%s' lacks '%s'", producer, why, why_has);
    return r;
}

static void producer_levels(void **state)
{
    (void)state;
    assert_int_equal(v("GNU C17 12.2.0 -march=rv32imac -g", EM_RISCV_, "-O0"), CHECKBUILD_OK);
    assert_int_equal(v("GNU C17 12.2.0 -g -O0", EM_ARM_, "-O0"), CHECKBUILD_OK);
    assert_int_equal(v("GNU C17 12.2.0 -g -Og", EM_ARM_, "-Og"), CHECKBUILD_OK);
    assert_int_equal(v("GNU C17 12.2.0 -g -Og", EM_RISCV_, "-mbranch-cost=1"),
                     CHECKBUILD_WARN);
    assert_int_equal(v("GNU C17 12.2.0 -g -Og -mbranch-cost=1", EM_RISCV_, NULL),
                     CHECKBUILD_OK);
    /* -mbranch-cost=2 after =1: the last one counts */
    assert_int_equal(v("GNU C17 12.2.0 -g -Og -mbranch-cost=1 -mbranch-cost=2", EM_RISCV_,
                       NULL), CHECKBUILD_WARN);
    /* bare -O is -O1; the last -O wins */
    assert_int_equal(v("GNU C17 12.2.0 -g -O", EM_ARM_, "-O1"), CHECKBUILD_WARN);
    assert_int_equal(v("GNU C17 12.2.0 -g -O2 -O0", EM_ARM_, "-O0"), CHECKBUILD_OK);
    assert_int_equal(v("GNU C17 12.2.0 -g -O3" SET " --param=logical-op-non-short-circuit=0",
                       EM_ARM_, "not studied"), CHECKBUILD_WARN);
}

static void producer_flag_set(void **state)
{
    (void)state;
    assert_int_equal(v("GNU C17 12.2.0 -g -O2" SET " --param=logical-op-non-short-circuit=0",
                       EM_RISCV_, "flag set"), CHECKBUILD_OK);
    /* `--param name=value` as two words */
    assert_int_equal(v("GNU C17 12.2.0 -g -O2" SET " --param logical-op-non-short-circuit=0",
                       EM_ARM_, "flag set"), CHECKBUILD_OK);
    /* the param overridden later, a -fno- undone by its -f form */
    assert_int_equal(v("GNU C17 12.2.0 -g -O2" SET " --param=logical-op-non-short-circuit=0"
                       " --param=logical-op-non-short-circuit=1", EM_ARM_,
                       "missing: --param=logical-op-non-short-circuit=0"), CHECKBUILD_WARN);
    assert_int_equal(v("GNU C17 12.2.0 -g -O1" SET " --param=logical-op-non-short-circuit=0"
                       " -fssa-phiopt", EM_ARM_, "missing: -fno-ssa-phiopt"),
                     CHECKBUILD_WARN);
    /* -fno-if-conversion2 does not stand for -fno-if-conversion */
    assert_int_equal(v("GNU C17 12.2.0 -g -O2 -fno-if-conversion2 -fno-ssa-phiopt -fno-tree-ch"
                       " -fno-thread-jumps --param=logical-op-non-short-circuit=0", EM_ARM_,
                       "missing: -fno-if-conversion"), CHECKBUILD_WARN);
}

static void producer_unknowns(void **state)
{
    (void)state;
    assert_int_equal(v(NULL, EM_ARM_, "no DW_AT_producer"), CHECKBUILD_WARN);
    assert_int_equal(v("", EM_ARM_, "no DW_AT_producer"), CHECKBUILD_WARN);
    assert_int_equal(v("GNU C17 12.2.0", EM_ARM_, "not recorded"), CHECKBUILD_WARN);
    assert_int_equal(v("GNU AS 2.40", EM_ARM_, "assembler"), CHECKBUILD_SKIP);
    assert_int_equal(v("clang version 14.0.6", EM_ARM_, "GCC 12 only"), CHECKBUILD_WARN);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(producer_levels),
        cmocka_unit_test(producer_flag_set),
        cmocka_unit_test(producer_unknowns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
