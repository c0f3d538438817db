/* Board support for the demo on QEMU's mps2-an385 (Cortex-M3): newlib's
 * stdout/stderr (_write) go to the CMSDK APB UART0 at 0x40004000 and
 * _exit leaves through ARM semihosting (SYS_EXIT / SYS_EXIT_EXTENDED).
 * Reset, the vector table and the exit of main's status come from the
 * firmware test runtime (tests/firmware/arm/common: start.S, rt.c). */
#include <stddef.h>
#include <stdint.h>

#include "../riscv-demo/board.h"
#include "rt.h"

int _write(int fd, const void *buf, size_t n);
void _exit(int code);

int _write(int fd, const void *buf, size_t n)
{
    const char *p = buf;
    (void)fd;
    for (size_t i = 0; i < n; i++)
        rt_putc(p[i]);
    return (int)n;
}

void _exit(int code)
{
    rt_exit(code);
}

uint32_t board_cycles(void)
{
    return RT_MMIO32(SYST_CVR);
}
