/* tests/unit/dev/test_clint.c - CLINT: mtime from virtual time, MTIP at
 * the exact ns mtime reaches mtimecmp, mtime writes, msip. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "devtest.h"

#define CLINT 0x2000000u

static void mtime_follows_virtual_time(void **st)
{
    EmuMachine *m = virt_new();
    m->icount = 12345; /* 1 ns per insn, 10 MHz timebase: 100 ns per tick */
    assert_int_equal(rd(m, CLINT + 0xbff8, 4), 123);
    assert_int_equal(rd(m, CLINT + 0xbffc, 4), 0);
    m->icount = 1000000000ull * 1000; /* 1000 s */
    uint64_t t = rd(m, CLINT + 0xbff8, 4) | (uint64_t)rd(m, CLINT + 0xbffc, 4) << 32;
    assert_int_equal(t, 10000000000ull);
    emu_machine_free(m);
}

static void timer_fires_at_exact_ns(void **st)
{
    EmuMachine *m = virt_new();
    DummyCpu *c = dummy_cpu(m);
    m->icount = 1000;  /* mtime 10 */
    assert_int_equal(c->irq_level[7], 0);
    wr(m, CLINT + 0x4004, 4, 0);
    wr(m, CLINT + 0x4000, 4, 25); /* due at 2500 ns */
    assert_int_equal(c->irq_level[7], 0);
    assert_int_equal(emu_clock_next_deadline(m), 2500);
    m->icount = 2499;
    emu_clock_run_timers(m);
    assert_int_equal(c->irq_level[7], 0);
    m->icount = 2500;
    emu_clock_run_timers(m);
    assert_int_equal(c->irq_level[7], 1);
    /* Moving mtimecmp ahead lowers MTIP and re-arms. */
    wr(m, CLINT + 0x4000, 4, 30);
    assert_int_equal(c->irq_level[7], 0);
    assert_int_equal(emu_clock_next_deadline(m), 3000);
    /* Setting mtimecmp to all ones (hi first) never fires. */
    wr(m, CLINT + 0x4004, 4, 0xffffffffu);
    wr(m, CLINT + 0x4000, 4, 0xffffffffu);
    assert_int_equal(c->irq_level[7], 0);
    emu_machine_free(m);
}

static void mtime_write_sets_offset(void **st)
{
    EmuMachine *m = virt_new();
    DummyCpu *c = dummy_cpu(m);
    m->icount = 5000; /* mtime 50 */
    wr(m, CLINT + 0xbff8, 4, 1000);
    assert_int_equal(rd(m, CLINT + 0xbff8, 4), 1000);
    m->icount = 6000;
    assert_int_equal(rd(m, CLINT + 0xbff8, 4), 1010);
    wr(m, CLINT + 0x4000, 4, 1020); /* 10 ticks ahead: 1000 ns */
    assert_int_equal(emu_clock_next_deadline(m), 7000);
    wr(m, CLINT + 0xbff8, 4, 2000); /* jump past mtimecmp */
    assert_int_equal(c->irq_level[7], 1);
    emu_machine_free(m);
}

static void msip_drives_software_interrupt(void **st)
{
    EmuMachine *m = virt_new();
    DummyCpu *c = dummy_cpu(m);
    wr(m, CLINT, 4, 0xffffffffu);
    assert_int_equal(rd(m, CLINT, 4), 1);
    assert_int_equal(c->irq_level[3], 1);
    wr(m, CLINT, 4, 0);
    assert_int_equal(c->irq_level[3], 0);
    emu_machine_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(mtime_follows_virtual_time),
        cmocka_unit_test(timer_fires_at_exact_ns),
        cmocka_unit_test(mtime_write_sets_offset),
        cmocka_unit_test(msip_drives_software_interrupt),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
