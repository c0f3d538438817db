/* tests/firmware/arm/smoke/fetchfault.c - instruction fetch faults: from
 * the execute-never Peripheral and System regions (MemManage IACCVIOL,
 * escalated to HardFault) and from unmapped memory (precise BusFault
 * IBUSERR), each returning to the caller through LR. */
#include "rt.h"
static volatile uint32_t cfsr, n;
__attribute__((naked)) void hardfault_handler(void) { __asm__ volatile("mrs r0, msp\n\tb hf_c"); }
void hf_c(uint32_t *f);
void hf_c(uint32_t *f) { cfsr = SCB_CFSR; SCB_CFSR = cfsr; SCB_HFSR = SCB_HFSR; f[6] = f[5] & ~1u; n++; }
int main(void) {
  uart_init();
  ((void (*)(void))0x40000001u)(); uart_puts("periph cfsr "); uart_puthex(cfsr); uart_puts("\n");
  ((void (*)(void))0xe0000001u)(); uart_puts("system cfsr "); uart_puthex(cfsr); uart_puts("\n");
  ((void (*)(void))0x60000001u)(); uart_puts("unmapped cfsr "); uart_puthex(cfsr); uart_puts("\n");
  return 0;
}
