/*
 * emu/core/console.c - host character I/O for UARTs and semihosting.
 *
 * Output is written with write(2) straight to the descriptor, so guest
 * output and the emulator's own messages interleave in program order.
 * Input never blocks the emulator: a regular file or /dev/null is read
 * directly (deterministic: data is there until end of file); a pipe or a
 * terminal is polled without waiting.
 */
#include "machine.h"

#include <errno.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

void emu_console_init(EmuMachine *m, int in_fd)
{
    struct stat st;
    m->console_in_fd = in_fd;
    m->console_in_eof = false;
    m->console_in_regular = false;
    if (in_fd < 0 || fstat(in_fd, &st) != 0) {
        m->console_in_eof = true;
        return;
    }
    /* /dev/null is a character device that is not a terminal: reading it
     * gives end of file at once, deterministically. */
    if (S_ISREG(st.st_mode) || (S_ISCHR(st.st_mode) && !isatty(in_fd)))
        m->console_in_regular = true;
}

static void write_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return; /* closed stdout: the guest cannot do anything about it */
        }
        p += n;
        len -= (size_t)n;
    }
}

void emu_console_write(EmuMachine *m, const void *buf, size_t len)
{
    write_all(m->console_out_fd, buf, len);
}

void emu_console_write_err(EmuMachine *m, const void *buf, size_t len)
{
    write_all(m->console_err_fd, buf, len);
}

int emu_console_getc(EmuMachine *m)
{
    if (m->console_in_eof)
        return -1;
    if (!m->console_in_regular) {
        struct pollfd pfd = { .fd = m->console_in_fd, .events = POLLIN };
        if (poll(&pfd, 1, 0) <= 0)
            return -1;
    }
    return emu_console_read_byte(m);
}

int emu_console_read_byte(EmuMachine *m)
{
    if (m->console_in_eof)
        return -1;
    unsigned char c;
    ssize_t n;
    do
        n = read(m->console_in_fd, &c, 1);
    while (n < 0 && errno == EINTR);
    if (n <= 0) {
        m->console_in_eof = true;
        return -1;
    }
    return c;
}

bool emu_console_eof(EmuMachine *m)
{
    return m->console_in_eof;
}
