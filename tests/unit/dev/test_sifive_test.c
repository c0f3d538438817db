/* tests/unit/dev/test_sifive_test.c - finisher codes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "devtest.h"

#define FIN 0x100000u

static void pass_is_exit_0(void **st)
{
    EmuMachine *m = virt_new();
    wr(m, FIN, 4, 0x5555);
    assert_true(m->exit_requested);
    assert_int_equal(m->exit_code, 0);
    emu_machine_free(m);
}

static void fail_carries_code(void **st)
{
    EmuMachine *m = virt_new();
    wr(m, FIN, 4, (3u << 16) | 0x3333);
    assert_true(m->exit_requested);
    assert_int_equal(m->exit_code, 3);
    emu_machine_free(m);
}

static void reset_and_unknown(void **st)
{
    EmuMachine *m = virt_new();
    wr(m, FIN, 4, 0x1234);
    assert_false(m->exit_requested);
    assert_false(m->reset_requested);
    wr(m, FIN, 2, 0x5555); /* the register is 32-bit only */
    assert_false(m->exit_requested);
    wr(m, FIN, 4, 0x7777);
    assert_true(m->reset_requested);
    assert_false(m->exit_requested);
    assert_int_equal(rd(m, FIN, 4), 0);
    emu_machine_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pass_is_exit_0),
        cmocka_unit_test(fail_carries_code),
        cmocka_unit_test(reset_and_unknown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
