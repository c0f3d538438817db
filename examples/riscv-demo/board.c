/* Board support for the demo on the QEMU-virt-like RISC-V board: picolibc's
 * stdout goes to the NS16550A UART at 0x10000000, and exit() leaves
 * through the SiFive test finisher at 0x100000 (0x5555 = status 0,
 * (code << 16) | 0x3333 = status code). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "board.h"

#define UART_BASE 0x10000000u
#define UART_THR  0
#define UART_LSR  5
#define UART_LSR_THRE 0x20u
#define FINISHER  0x00100000u

static void uart_putc(char c)
{
    volatile uint8_t *uart = (volatile uint8_t *)(uintptr_t)UART_BASE;
    while (!(uart[UART_LSR] & UART_LSR_THRE))
        ;
    uart[UART_THR] = (uint8_t)c;
}

static int board_putc(char c, FILE *f)
{
    (void)f;
    uart_putc(c);
    return (unsigned char)c;
}

static FILE board_stdout = FDEV_SETUP_STREAM(board_putc, NULL, NULL, _FDEV_SETUP_WRITE);
FILE *const stdout = &board_stdout;
FILE *const stderr = &board_stdout;

void _exit(int code)
{
    volatile uint32_t *fin = (volatile uint32_t *)(uintptr_t)FINISHER;
    *fin = code == 0 ? 0x5555u : (((uint32_t)code << 16) | 0x3333u);
    for (;;)
        __asm__ volatile("wfi");
}

uint32_t board_cycles(void)
{
    uint32_t v;
    __asm__ volatile("csrr %0, mcycle" : "=r"(v));
    return v;
}
