/* Semihosting console I/O: SYS_WRITEC, SYS_WRITE0, SYS_OPEN of ":tt" for
 * reading (mode 0 = stdin), writing ("w", mode 4 = stdout) and appending
 * ("a", mode 8 = stderr), SYS_WRITE (returns the number of bytes NOT
 * written: 0), SYS_READ from stdin with stdin at end of file (the harness
 * runs the emulator with stdin = /dev/null): returns the requested length
 * (nothing read), SYS_CLOSE.  Handle values are not printed (the spec
 * leaves them to the host); only their validity and distinctness. */
#include "rt.h"
#include "semihost.h"

static uint32_t sh_open(const char *name, uint32_t mode, uint32_t len)
{
    uint32_t block[3] = {(uint32_t)(uintptr_t)name, mode, len};
    return rt_semihost(SYS_OPEN, (uint32_t)(uintptr_t)block);
}

static uint32_t sh_write(uint32_t h, const char *buf, uint32_t len)
{
    uint32_t block[3] = {h, (uint32_t)(uintptr_t)buf, len};
    return rt_semihost(SYS_WRITE, (uint32_t)(uintptr_t)block);
}

static uint32_t sh_read(uint32_t h, char *buf, uint32_t len)
{
    uint32_t block[3] = {h, (uint32_t)(uintptr_t)buf, len};
    return rt_semihost(SYS_READ, (uint32_t)(uintptr_t)block);
}

int main(void)
{
    rt_puts("uart: before semihosting output\n");
    rt_semihost(SYS_WRITEC, (uint32_t)(uintptr_t)"W");
    rt_semihost(SYS_WRITEC, (uint32_t)(uintptr_t)"\n");
    rt_semihost(SYS_WRITE0, (uint32_t)(uintptr_t)"semihosting: SYS_WRITE0 line\n");

    static const char tt[] = ":tt";
    uint32_t hin = sh_open(tt, 0, 3);
    uint32_t hout = sh_open(tt, 4, 3);
    uint32_t herr = sh_open(tt, 8, 3);
    rt_check("open :tt r valid", hin != 0xffffffffu, 1);
    rt_check("open :tt w valid", hout != 0xffffffffu, 1);
    rt_check("open :tt a valid", herr != 0xffffffffu, 1);
    rt_check("handles distinct", hin != hout && hout != herr && hin != herr, 1);

    static const char msg_out[] = "semihosting: SYS_WRITE to stdout\n";
    static const char msg_err[] = "semihosting: SYS_WRITE to stderr\n";
    rt_check("write stdout unwritten", sh_write(hout, msg_out, sizeof msg_out - 1), 0);
    rt_check("write stderr unwritten", sh_write(herr, msg_err, sizeof msg_err - 1), 0);
    uint32_t left = sh_write(hout, "12345678", 5);
    sh_write(hout, "\n", 1);
    rt_check("write 5 of a longer buffer", left, 0);
    rt_check("write 0 bytes", sh_write(hout, "x", 0), 0);

    char buf[16];
    for (int i = 0; i < 16; i++)
        buf[i] = (char)0x5a;
    rt_check("read stdin at eof: unread", sh_read(hin, buf, 16), 16);
    rt_check("buffer untouched", (uint8_t)buf[0], 0x5a);
    rt_check("close stdin", rt_semihost(SYS_CLOSE, (uint32_t)(uintptr_t)&hin), 0);
    rt_puts("uart: after semihosting output\n");
    return rt_done();
}
