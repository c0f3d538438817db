/*
 * tests/isa/riscv/progs/uart_stdio.c - picolibc stdout on the virt board's
 * NS16550A UART (0x10000000), so the test programs link.  They are only
 * disassembled by the isa-riscv-objdump test, never run.
 */
#include <stdio.h>

static int uart_putc(char c, FILE *f)
{
    (void)f;
    *(volatile unsigned char *)0x10000000u = (unsigned char)c;
    return (unsigned char)c;
}

static FILE uart_file = FDEV_SETUP_STREAM(uart_putc, NULL, NULL, _FDEV_SETUP_WRITE);
FILE *const stdout = &uart_file;
