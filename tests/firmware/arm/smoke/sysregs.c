/* tests/firmware/arm/smoke/sysregs.c - special registers and SCB/NVIC/
 * SysTick register behaviour: MRS/MSR of CONTROL, BASEPRI, BASEPRI_MAX
 * (only raises the priority), FAULTMASK via CPS, xPSR/IEPSR/APSR views,
 * ICSR, SHPR3, ICTR, IPR byte lanes, SysTick RVR width and CALIB, VTOR.
 * (Not compared: BKPT without a debugger -- QEMU 7.2 escalates it with
 * HFSR.FORCED, emucov sets HFSR.DEBUGEVT as DDI0403E B3.2.16 describes;
 * MPU_TYPE -- QEMU models an 8-region MPU, emucov none.) */
#include "rt.h"
int main(void) {
  uint32_t v;
  uart_init();
  __asm__ volatile("mrs %0, control" : "=r"(v)); uart_puts("control "); uart_puthex(v); uart_puts("\n");
  __asm__ volatile("mov r0, #0xf\n\tmsr basepri, r0\n\tmov r0, #0x20\n\tmsr basepri_max, r0\n\tmrs %0, basepri" : "=r"(v) : : "r0"); uart_puts("basepri "); uart_puthex(v); uart_puts("\n");
  __asm__ volatile("mov r0, #0x8\n\tmsr basepri_max, r0\n\tmrs %0, basepri" : "=r"(v) : : "r0"); uart_puts("basepri "); uart_puthex(v); uart_puts("\n");
  __asm__ volatile("mov r0, #0\n\tmsr basepri, r0\n\tcpsid f\n\tmrs %0, faultmask\n\tcpsie f" : "=r"(v) : : "r0"); uart_puts("faultmask "); uart_puthex(v); uart_puts("\n");
  __asm__ volatile("mrs %0, xpsr" : "=r"(v)); uart_puts("xpsr "); uart_puthex(v); uart_puts("\n");
  __asm__ volatile("mrs %0, iepsr" : "=r"(v)); uart_puts("iepsr "); uart_puthex(v); uart_puts("\n");
  __asm__ volatile("mov r0, #0xf8000000\n\tmsr apsr_nzcvq, r0\n\tmrs %0, apsr\n\tmov r0, #0\n\tmsr apsr_nzcvq, r0" : "=r"(v) : : "r0", "cc"); uart_puts("apsr "); uart_puthex(v); uart_puts("\n");
  uart_puts("icsr "); uart_puthex(SCB_ICSR); uart_puts(" shpr3 "); uart_puthex(REG32(0xe000ed20)); uart_puts(" ictr "); uart_puthex(REG32(0xe000e004)); uart_puts("\n");
  REG32(0xe000e400) = 0xffffffff; uart_puts("ipr0 "); uart_puthex(REG32(0xe000e400)); uart_puts("\n");
  SYST_RVR = 0xffffffff; uart_puts("rvr "); uart_puthex(SYST_RVR); uart_puts(" calib "); uart_puthex(REG32(0xe000e01c)); uart_puts("\n");
  uart_puts("vtor "); uart_puthex(REG32(0xe000ed08)); uart_puts("\n");
  REG32(0xe000ed08) = 0x20000080; uart_puts("vtor "); uart_puthex(REG32(0xe000ed08)); uart_puts("\n");
  REG32(0xe000ed08) = 0;
  return 0;
}
