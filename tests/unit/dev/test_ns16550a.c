/* tests/unit/dev/test_ns16550a.c - UART: TX to the console, divisor latch,
 * RX from a file with interrupts, loopback. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "devtest.h"

#define UART 0x10000000u
enum { RBR = 0, IER = 1, IIR = 2, FCR = 2, LCR = 3, MCR = 4, LSR = 5, MSR = 6, SCR = 7 };

static void tx_goes_to_console(void **st)
{
    EmuMachine *m = virt_new();
    int p[2];
    assert_int_equal(pipe(p), 0);
    m->console_out_fd = p[1];
    assert_int_equal(rd(m, UART + LSR, 1) & 0x60, 0x60); /* THRE | TEMT */
    for (const char *s = "hi\n"; *s; s++)
        wr(m, UART + RBR, 1, (uint8_t)*s);
    char buf[8] = { 0 };
    assert_int_equal(read(p[0], buf, sizeof(buf)), 3);
    assert_string_equal(buf, "hi\n");
    assert_int_equal(rd(m, UART + LSR, 1) & 0x60, 0x60);
    close(p[0]);
    close(p[1]);
    emu_machine_free(m);
}

static void divisor_latch_and_scratch(void **st)
{
    EmuMachine *m = virt_new();
    wr(m, UART + LCR, 1, 0x83);  /* DLAB, 8N1 */
    wr(m, UART + 0, 1, 0x01);
    wr(m, UART + 1, 1, 0x02);
    assert_int_equal(rd(m, UART + 0, 1), 0x01);
    assert_int_equal(rd(m, UART + 1, 1), 0x02);
    wr(m, UART + LCR, 1, 0x03);
    assert_int_equal(rd(m, UART + IER, 1), 0); /* IER untouched by DLM write */
    assert_int_equal(rd(m, UART + LCR, 1), 0x03);
    wr(m, UART + SCR, 1, 0x5a);
    assert_int_equal(rd(m, UART + SCR, 1), 0x5a);
    assert_int_equal(rd(m, UART + MSR, 1), 0xb0);
    assert_int_equal(rd(m, UART + IIR, 1), 0x01); /* no interrupt */
    wr(m, UART + FCR, 1, 0x07);
    assert_int_equal(rd(m, UART + IIR, 1), 0xc1); /* FIFOs enabled */
    emu_machine_free(m);
}

static void rx_from_file_raises_interrupt(void **st)
{
    char path[] = "/tmp/emucov-uart-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "ok", 2), 2);
    lseek(fd, 0, SEEK_SET);
    unlink(path);
    EmuMachine *m = virt_new();
    emu_console_init(m, fd);
    DummyCpu *c = dummy_cpu(m);
    /* PLIC: UART source 10 to context 0. */
    wr(m, 0x0c000000u + 40, 4, 1);
    wr(m, 0x0c002000u, 4, 1u << 10);
    wr(m, UART + IER, 1, 0x01); /* RDI */
    assert_int_equal(c->irq_level[11], 0);
    /* Input is polled by a timer in virtual time: deterministic instant. */
    uint64_t when = emu_clock_next_deadline(m);
    assert_true(when > 0 && when < UINT64_MAX);
    m->icount = when; /* ns_per_insn = 1 */
    emu_clock_run_timers(m);
    assert_int_equal(c->irq_level[11], 1);
    assert_int_equal(rd(m, UART + IIR, 1) & 0x0f, 0x04);
    assert_int_equal(rd(m, UART + LSR, 1) & 1, 1);
    assert_int_equal(rd(m, 0x0c200004u, 4), 10); /* claim */
    assert_int_equal(c->irq_level[11], 0);
    assert_int_equal(rd(m, UART + RBR, 1), 'o');
    assert_int_equal(rd(m, UART + RBR, 1), 'k'); /* polled on read */
    assert_int_equal(rd(m, UART + LSR, 1) & 1, 0);
    wr(m, 0x0c200004u, 4, 10);                   /* complete: no data left */
    assert_int_equal(c->irq_level[11], 0);
    assert_true(emu_console_eof(m));
    emu_machine_free(m);
    close(fd);
}

/* FIFO on, trigger level 4: two bytes interrupt only after the character
 * timeout, 4 character times after they arrived (virtual time). */
static void fifo_trigger_level_and_timeout(void **st)
{
    char path[] = "/tmp/emucov-uart-XXXXXX";
    int fd = mkstemp(path);
    assert_int_equal(write(fd, "abcdef", 6), 6);
    lseek(fd, 0, SEEK_SET);
    unlink(path);
    EmuMachine *m = virt_new();
    emu_console_init(m, fd);
    wr(m, UART + LCR, 1, 0x83); /* DLAB, 8N1 */
    wr(m, UART + 0, 1, 1);      /* 3686400 / 16 = 230400 baud */
    wr(m, UART + 1, 1, 0);
    wr(m, UART + LCR, 1, 0x03);
    wr(m, UART + FCR, 1, 0x81); /* FIFO on, trigger 8 */
    wr(m, UART + IER, 1, 0x01);
    m->icount = 1000;
    /* Polling LSR pulls all 6 bytes in: below the trigger, no interrupt. */
    assert_int_equal(rd(m, UART + LSR, 1) & 1, 1);
    assert_int_equal(rd(m, UART + IIR, 1), 0xc1);
    /* 10 bits at 230400 baud = 43402 ns; timeout after 4 characters. */
    uint64_t due = 1000 + 4 * 43402;
    m->icount = due - 1;
    emu_clock_run_timers(m);
    assert_int_equal(rd(m, UART + IIR, 1), 0xc1);
    m->icount = due;
    emu_clock_run_timers(m);
    assert_int_equal(rd(m, UART + IIR, 1), 0xcc); /* character timeout */
    assert_int_equal(rd(m, UART + RBR, 1), 'a');    /* reading clears it */
    assert_int_equal(rd(m, UART + IIR, 1), 0xc1);
    /* Trigger level 1: data interrupts at once. */
    wr(m, UART + FCR, 1, 0x01);
    assert_int_equal(rd(m, UART + IIR, 1), 0xc4);
    emu_machine_free(m);
    close(fd);
}

static void loopback_returns_tx(void **st)
{
    EmuMachine *m = virt_new();
    int p[2];
    assert_int_equal(pipe(p), 0);
    m->console_out_fd = p[1];
    wr(m, UART + FCR, 1, 0x01);
    wr(m, UART + MCR, 1, 0x10);
    wr(m, UART + RBR, 1, 'x');
    wr(m, UART + RBR, 1, 'y');
    assert_int_equal(rd(m, UART + LSR, 1) & 1, 1);
    assert_int_equal(rd(m, UART + RBR, 1), 'x');
    assert_int_equal(rd(m, UART + RBR, 1), 'y');
    wr(m, UART + MCR, 1, 0x00);
    wr(m, UART + RBR, 1, 'z');
    close(p[1]);
    char buf[8] = { 0 };
    assert_int_equal(read(p[0], buf, sizeof(buf)), 1); /* only 'z' reached the console */
    assert_int_equal(buf[0], 'z');
    close(p[0]);
    m->console_out_fd = 1;
    emu_machine_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tx_goes_to_console),
        cmocka_unit_test(divisor_latch_and_scratch),
        cmocka_unit_test(rx_from_file_raises_interrupt),
        cmocka_unit_test(fifo_trigger_level_and_timeout),
        cmocka_unit_test(loopback_returns_tx),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
