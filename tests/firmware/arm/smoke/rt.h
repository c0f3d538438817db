/* tests/firmware/arm/smoke/rt.h - minimal runtime for the smoke programs:
 * vector table, UART0 and semihosting on QEMU's mps2-an385. */
#ifndef SMOKE_RT_H
#define SMOKE_RT_H
#include <stdint.h>

#define REG32(a) (*(volatile uint32_t *)(a))
#define UART0_DATA  REG32(0x40004000u)
#define UART0_STATE REG32(0x40004004u)
#define UART0_CTRL  REG32(0x40004008u)
#define UART0_BAUD  REG32(0x40004010u)
#define SYST_CSR    REG32(0xe000e010u)
#define SYST_RVR    REG32(0xe000e014u)
#define SYST_CVR    REG32(0xe000e018u)
#define SCB_ICSR    REG32(0xe000ed04u)
#define SCB_CCR     REG32(0xe000ed14u)
#define SCB_SHCSR   REG32(0xe000ed24u)
#define SCB_CFSR    REG32(0xe000ed28u)
#define SCB_HFSR    REG32(0xe000ed2cu)
#define SCB_BFAR    REG32(0xe000ed38u)

void uart_init(void);
void uart_puts(const char *s);
void uart_puthex(uint32_t v);
void semi_write0(const char *s);
void semi_exit(int code) __attribute__((noreturn));
/* handlers a test may define (weak defaults spin/exit) */
void svc_handler(void);
void pendsv_handler(void);
void systick_handler(void);
void hardfault_handler(void);
void usagefault_handler(void);
void busfault_handler(void);
int main(void);
#endif
