/* tests/unit/core/test_clock.c - virtual clock and timers: deadline order,
 * ties in creation order, kicks when armed earlier. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "dummy_cpu.h"

static char order[32];
static size_t norder;

static void record(void *opaque)
{
    order[norder++] = *(const char *)opaque;
}

static void clock_is_instructions_times_ns_plus_idle(void **st)
{
    EmuMachine *m = dummy_machine_new();
    m->ns_per_insn = 3;
    m->icount = 100;
    m->idle_ns = 7;
    assert_int_equal(emu_clock_ns(m), 307);
    emu_machine_free(m);
}

static void timers_fire_in_deadline_then_creation_order(void **st)
{
    EmuMachine *m = dummy_machine_new();
    static const char A = 'A', B = 'B', C = 'C', D = 'D';
    EmuTimer *a = emu_timer_new(m, record, (void *)&A);
    EmuTimer *b = emu_timer_new(m, record, (void *)&B);
    EmuTimer *c = emu_timer_new(m, record, (void *)&C);
    EmuTimer *d = emu_timer_new(m, record, (void *)&D);
    norder = 0;
    emu_timer_mod(c, 50);
    emu_timer_mod(a, 100);
    emu_timer_mod(b, 50);  /* tie with c: b was created first */
    emu_timer_mod(d, 200);
    assert_true(emu_timer_pending(a));
    assert_int_equal(emu_clock_next_deadline(m), 50);
    m->icount = 49;
    emu_clock_run_timers(m);
    assert_int_equal(norder, 0);
    m->icount = 150;
    emu_clock_run_timers(m);
    order[norder] = 0;
    assert_string_equal(order, "BCA");
    assert_false(emu_timer_pending(a));
    assert_true(emu_timer_pending(d));
    assert_int_equal(m->next_deadline_ns, 200);
    emu_timer_del(d);
    assert_false(emu_timer_pending(d));
    m->icount = 1000;
    emu_clock_run_timers(m);
    assert_int_equal(norder, 3);
    assert_int_equal(m->next_deadline_ns, UINT64_MAX);
    emu_machine_free(m);
}

static void arming_earlier_kicks(void **st)
{
    EmuMachine *m = dummy_machine_new();
    static const char A = 'A';
    EmuTimer *a = emu_timer_new(m, record, (void *)&A);
    EmuTimer *b = emu_timer_new(m, record, (void *)&A);
    emu_timer_mod(a, 1000);
    assert_int_equal(m->kick, 1);
    m->kick = 0;
    emu_timer_mod(b, 2000);   /* later than the next deadline: no kick */
    assert_int_equal(m->kick, 0);
    emu_timer_mod(b, 500);
    assert_int_equal(m->kick, 1);
    assert_int_equal(m->next_deadline_ns, 500);
    emu_machine_free(m);
}

/* A callback re-arming its own timer (periodic device) runs again only
 * when due. */
static EmuTimer *periodic;
static unsigned ticks;
static void tick(void *opaque)
{
    ticks++;
    emu_timer_mod(periodic, emu_clock_ns(periodic->m) + 10);
}

static void periodic_rearm_is_not_a_loop(void **st)
{
    EmuMachine *m = dummy_machine_new();
    periodic = emu_timer_new(m, tick, NULL);
    emu_timer_mod(periodic, 10);
    m->icount = 25;
    emu_clock_run_timers(m);
    assert_int_equal(ticks, 1);
    assert_int_equal(m->next_deadline_ns, 35);
    emu_machine_free(m);
}

static void machine_exit_and_errors(void **st)
{
    EmuMachine *m = dummy_machine_new();
    emu_machine_exit(m, 3);
    emu_machine_exit(m, 4);
    assert_true(m->exit_requested);
    assert_int_equal(m->exit_code, 3);
    assert_int_equal(m->kick, 1);
    emu_machine_free(m);
    m = dummy_machine_new();
    emu_machine_stop_error(m, "bad %s", "thing");
    assert_true(m->error);
    assert_string_equal(m->error_msg, "bad thing");
    emu_machine_request_reset(m);
    assert_true(m->reset_requested);
    assert_ptr_equal(emu_machine_cpu(m), m->cpu);
    emu_machine_free(m);
}

static void log_categories_parse(void **st)
{
    unsigned mask = 0;
    char e[128];
    assert_true(emu_log_parse("in_asm,exec,int,cpu,guest_errors,unimp,tb", &mask, e, sizeof(e)));
    assert_int_equal(mask, 0x7f);
    assert_true(emu_log_parse("unimp", &mask, e, sizeof(e)));
    assert_int_equal(mask, EMU_LOG_UNIMP);
    assert_false(emu_log_parse("in_asm,bogus", &mask, e, sizeof(e)));
    assert_non_null(strstr(e, "'bogus'"));
    assert_non_null(strstr(emu_log_help(), "guest_errors"));
}

/* stdin from /dev/null or a file is deterministic: read directly, end of
 * input is reported; a pipe without data is "nothing now", not the end. */
static void console_input_kinds(void **st)
{
    EmuMachine *m = dummy_machine_new();
    int fd = open("/dev/null", O_RDONLY);
    emu_console_init(m, fd);
    assert_true(m->console_in_regular);
    assert_int_equal(emu_console_getc(m), -1);
    assert_true(emu_console_eof(m));
    close(fd);
    int p[2];
    assert_int_equal(pipe(p), 0);
    emu_console_init(m, p[0]);
    assert_false(m->console_in_regular);
    assert_int_equal(emu_console_getc(m), -1); /* nothing yet, must not block */
    assert_false(emu_console_eof(m));
    assert_int_equal(write(p[1], "Q", 1), 1);
    assert_int_equal(emu_console_getc(m), 'Q');
    close(p[1]);
    assert_int_equal(emu_console_getc(m), -1);
    assert_true(emu_console_eof(m));
    close(p[0]);
    emu_machine_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(clock_is_instructions_times_ns_plus_idle),
        cmocka_unit_test(timers_fire_in_deadline_then_creation_order),
        cmocka_unit_test(arming_earlier_kicks),
        cmocka_unit_test(periodic_rearm_is_not_a_loop),
        cmocka_unit_test(machine_exit_and_errors),
        cmocka_unit_test(log_categories_parse),
        cmocka_unit_test(console_input_kinds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
