/* tests/firmware/arm/smoke/hello.c - startup from the vector table, UART0
 * output, semihosting SYS_WRITE0 and exit status 0. */
#include "rt.h"

static int counter = 5;     /* .data copied from its load address */
static int zeroed;          /* .bss */

int main(void)
{
    uart_init();
    uart_puts("hello from uart0\n");
    semi_write0("hello from semihosting\n");
    uart_puts("data ");
    uart_puthex((uint32_t)(counter + zeroed));
    uart_puts("\n");
    return 0;
}
