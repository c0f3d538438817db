/* tests/unit/dev/test_semihost.c - semihosting operations against guest
 * memory: output, :tt handles, heap info, clock/time, exit codes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "devtest.h"

#define RAM 0x80000000u
#define BLK (RAM + 0x100)
#define STR (RAM + 0x200)

static int out_r, err_r;

static EmuMachine *setup_m(void)
{
    EmuMachine *m = virt_new();
    int p[2], q[2];
    assert_int_equal(pipe(p), 0);
    assert_int_equal(pipe(q), 0);
    fcntl(p[0], F_SETFL, O_NONBLOCK);
    fcntl(q[0], F_SETFL, O_NONBLOCK);
    out_r = p[0];
    err_r = q[0];
    m->console_out_fd = p[1];
    m->console_err_fd = q[1];
    return m;
}

static void done_m(EmuMachine *m)
{
    close(m->console_out_fd);
    close(m->console_err_fd);
    close(out_r);
    close(err_r);
    emu_machine_free(m);
}

static const char *drain(int fd)
{
    static char buf[256];
    ssize_t n = read(fd, buf, sizeof(buf) - 1);
    buf[n > 0 ? n : 0] = 0;
    return buf;
}

static void args(EmuMachine *m, uint32_t a, uint32_t b, uint32_t c)
{
    wr(m, BLK, 4, a);
    wr(m, BLK + 4, 4, b);
    wr(m, BLK + 8, 4, c);
}

/* SYS_OPEN(":tt", mode) at STR + 0x80; returns the handle. */
static uint32_t open_tt(EmuMachine *m, uint32_t mode)
{
    emu_bus_write_buf(m, STR + 0x80, ":tt\0", 4);
    args(m, STR + 0x80, mode, 3);
    return emu_semihost_call(m, 0x01, BLK);
}

static void output_ops(void **st)
{
    EmuMachine *m = setup_m();
    assert_int_equal(open_tt(m, 4), 1);     /* stdout: handle 1 */
    assert_int_equal(open_tt(m, 8), 2);     /* stderr: handle 2 */
    emu_bus_write_buf(m, STR, "hello\0", 6);
    assert_int_equal(emu_semihost_call(m, 0x03, STR), 0); /* WRITEC 'h' */
    assert_int_equal(emu_semihost_call(m, 0x04, STR), 0); /* WRITE0 */
    assert_string_equal(drain(out_r), "hhello");
    args(m, 1, STR, 3);
    assert_int_equal(emu_semihost_call(m, 0x05, BLK), 0); /* WRITE stdout */
    assert_string_equal(drain(out_r), "hel");
    args(m, 2, STR + 1, 4);
    assert_int_equal(emu_semihost_call(m, 0x05, BLK), 0); /* WRITE stderr */
    assert_string_equal(drain(err_r), "ello");
    args(m, 7, STR, 3);
    assert_int_equal(emu_semihost_call(m, 0x05, BLK), 0xffffffffu); /* bad handle */
    assert_int_equal(emu_semihost_call(m, 0x13, 0), 9); /* SYS_ERRNO = EBADF */
    done_m(m);
}

static void open_tt_handles(void **st)
{
    EmuMachine *m = setup_m();
    emu_bus_write_buf(m, STR, ":tt\0", 4);
    /* nonzero handles (semihosting spec, SYS_OPEN), the lowest free
     * first, as QEMU numbers them */
    args(m, STR, 0, 3);  /* "r" */
    assert_int_equal(emu_semihost_call(m, 0x01, BLK), 1);
    args(m, STR, 4, 3);  /* "w" */
    uint32_t h = emu_semihost_call(m, 0x01, BLK);
    assert_int_equal(h, 2);
    args(m, STR, 8, 3);  /* "a" */
    assert_int_equal(emu_semihost_call(m, 0x01, BLK), 3);
    wr(m, BLK, 4, h);
    assert_int_equal(emu_semihost_call(m, 0x09, BLK), 1); /* ISTTY */
    assert_int_equal(emu_semihost_call(m, 0x0c, BLK), 0); /* FLEN: 0, as QEMU */
    assert_int_equal(emu_semihost_call(m, 0x02, BLK), 0); /* CLOSE */
    assert_int_equal(emu_semihost_call(m, 0x02, BLK), 0xffffffffu); /* closed: EBADF */
    emu_bus_write_buf(m, STR, ":tt\0", 4);
    args(m, STR, 4, 3);
    assert_int_equal(emu_semihost_call(m, 0x01, BLK), 2); /* the freed handle again */
    /* ":semihosting-features" (spec: magic SHFB, then the feature byte:
     * extended exit, stdout/stderr) */
    emu_bus_write_buf(m, STR, ":semihosting-features", 21);
    args(m, STR, 1, 21);  /* "rb" */
    uint32_t hf = emu_semihost_call(m, 0x01, BLK);
    assert_int_equal(hf, 4);
    wr(m, BLK, 4, hf);
    assert_int_equal(emu_semihost_call(m, 0x0c, BLK), 5);   /* FLEN */
    assert_int_equal(emu_semihost_call(m, 0x09, BLK), 0);   /* not a tty */
    args(m, hf, STR + 0x40, 8);
    assert_int_equal(emu_semihost_call(m, 0x06, BLK), 3);   /* 5 of 8 read */
    assert_int_equal(rd(m, STR + 0x40, 4), 0x42464853);    /* "SHFB" */
    assert_int_equal(rd(m, STR + 0x44, 1), 0x03);
    args(m, hf, 4, 0);
    assert_int_equal(emu_semihost_call(m, 0x0a, BLK), 0);   /* SEEK 4 */
    args(m, hf, STR + 0x48, 1);
    assert_int_equal(emu_semihost_call(m, 0x06, BLK), 0);
    assert_int_equal(rd(m, STR + 0x48, 1), 0x03);
    args(m, STR, 4, 21);  /* "w": refused */
    assert_int_equal(emu_semihost_call(m, 0x01, BLK), 0xffffffffu);
    emu_bus_write_buf(m, STR, "/etc/passwd\0", 12);
    args(m, STR, 0, 11);
    assert_int_equal(emu_semihost_call(m, 0x01, BLK), 0xffffffffu); /* sandboxed */
    done_m(m);
}

static void read_from_stdin_file(void **st)
{
    char path[] = "/tmp/emucov-semi-XXXXXX";
    int fd = mkstemp(path);
    assert_int_equal(write(fd, "abc", 3), 3);
    lseek(fd, 0, SEEK_SET);
    unlink(path);
    EmuMachine *m = setup_m();
    emu_console_init(m, fd);
    uint32_t hin = open_tt(m, 0);
    args(m, hin, STR, 2);
    assert_int_equal(emu_semihost_call(m, 0x06, BLK), 0); /* 0 bytes not read */
    assert_int_equal(rd(m, STR, 2), 0x6261);
    assert_int_equal(emu_semihost_call(m, 0x07, 0), 'c'); /* READC */
    args(m, hin, STR, 5);
    assert_int_equal(emu_semihost_call(m, 0x06, BLK), 5); /* EOF: nothing read */
    done_m(m);
    close(fd);
}

static void heapinfo_clock_time_cmdline(void **st)
{
    EmuMachine *m = setup_m();
    m->heap_base = 0x80010000u;
    m->heap_limit = 0x88000000u;
    m->stack_base = 0x88000000u;
    m->stack_limit = 0x80000000u;
    wr(m, BLK, 4, STR);
    assert_int_equal(emu_semihost_call(m, 0x16, BLK), 0);
    assert_int_equal(rd(m, STR, 4), 0x80010000u);
    assert_int_equal(rd(m, STR + 4, 4), 0x88000000u);
    assert_int_equal(rd(m, STR + 8, 4), 0x88000000u);
    assert_int_equal(rd(m, STR + 12, 4), 0x80000000u);
    m->icount = 2500000000ull; /* 2.5 s of virtual time */
    assert_int_equal(emu_semihost_call(m, 0x10, 0), 250);
    assert_int_equal(emu_semihost_call(m, 0x11, 0), 1767225600u + 2); /* 2026-01-01 + 2 s */
    assert_int_equal(emu_semihost_call(m, 0x31, 0), 1000000000u);
    assert_int_equal(emu_semihost_call(m, 0x30, BLK), 0);
    assert_int_equal(rd(m, BLK, 4), (uint32_t)2500000000u);
    assert_int_equal(rd(m, BLK + 4, 4), 0);
    snprintf(m->cmdline, sizeof(m->cmdline), "fw.elf");
    wr(m, BLK, 4, STR);
    wr(m, BLK + 4, 4, 64);
    assert_int_equal(emu_semihost_call(m, 0x15, BLK), 0);
    assert_int_equal(rd(m, BLK + 4, 4), 6);
    char buf[8];
    emu_bus_read_buf(m, STR, buf, 7);
    assert_string_equal(buf, "fw.elf");
    wr(m, BLK + 4, 4, 3);
    assert_int_equal(emu_semihost_call(m, 0x15, BLK), 0xffffffffu); /* too small */
    assert_int_equal(emu_semihost_call(m, 0x99, 0), 0xffffffffu);   /* unknown */
    done_m(m);
}

static void exit_codes(void **st)
{
    EmuMachine *m = setup_m();
    emu_semihost_call(m, 0x18, 0x20026); /* ADP_Stopped_ApplicationExit */
    assert_true(m->exit_requested);
    assert_int_equal(m->exit_code, 0);
    done_m(m);
    m = setup_m();
    emu_semihost_call(m, 0x18, 0x20023); /* RunTimeErrorUnknown */
    assert_int_equal(m->exit_code, 1);
    done_m(m);
    m = setup_m();
    args(m, 0x20026, 42, 0);
    emu_semihost_call(m, 0x20, BLK);    /* EXIT_EXTENDED */
    assert_int_equal(m->exit_code, 42);
    done_m(m);
    m = setup_m();
    args(m, 0x20023, 42, 0);
    emu_semihost_call(m, 0x20, BLK);
    assert_int_equal(m->exit_code, 1);
    done_m(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(output_ops),
        cmocka_unit_test(open_tt_handles),
        cmocka_unit_test(read_from_stdin_file),
        cmocka_unit_test(heapinfo_clock_time_cmdline),
        cmocka_unit_test(exit_codes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
