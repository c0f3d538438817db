/* tests/firmware/arm/smoke/rt.c - startup (vector table, .data/.bss),
 * UART0 output, semihosting (BKPT 0xAB). */
#include "rt.h"

extern uint32_t __data_start, __data_end, __data_load, __bss_start, __bss_end, __stack_top;
void reset_handler(void);

static void default_handler(void)
{
    semi_write0("unexpected exception\n");
    semi_exit(3);
}

void svc_handler(void) __attribute__((weak, alias("default_handler")));
void pendsv_handler(void) __attribute__((weak, alias("default_handler")));
void systick_handler(void) __attribute__((weak, alias("default_handler")));
void hardfault_handler(void) __attribute__((weak, alias("default_handler")));
void usagefault_handler(void) __attribute__((weak, alias("default_handler")));
void busfault_handler(void) __attribute__((weak, alias("default_handler")));
void irq_dispatch(void) __attribute__((weak, alias("default_handler")));

__attribute__((section(".vectors"), used))
static void (*const vectors[48])(void) = {
    (void (*)(void))&__stack_top, reset_handler, default_handler, hardfault_handler,
    default_handler, busfault_handler, usagefault_handler, 0, 0, 0, 0,
    svc_handler, default_handler, 0, pendsv_handler, systick_handler,
    [16 ... 47] = irq_dispatch,
};

void reset_handler(void)
{
    uint32_t *s = &__data_load, *d = &__data_start;
    while (d < &__data_end)
        *d++ = *s++;
    for (d = &__bss_start; d < &__bss_end; d++)
        *d = 0;
    semi_exit(main());
}

void uart_init(void)
{
    UART0_BAUD = 16;
    UART0_CTRL = 1;     /* TX enable */
}

void uart_puts(const char *s)
{
    while (*s) {
        while (UART0_STATE & 1)
            ;
        UART0_DATA = (uint8_t)*s++;
    }
}

void uart_puthex(uint32_t v)
{
    char b[11] = "0x";
    for (int i = 0; i < 8; i++)
        b[2 + i] = "0123456789abcdef"[(v >> (28 - 4 * i)) & 15];
    b[10] = 0;
    uart_puts(b);
}

static uint32_t semi(uint32_t op, const void *arg)
{
    register uint32_t r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

void semi_write0(const char *s)
{
    semi(0x04, s);
}

void semi_exit(int code)
{
    uint32_t block[2] = { 0x20026, (uint32_t)code };
    semi(0x20, block);          /* SYS_EXIT_EXTENDED */
    for (;;)
        ;
}
