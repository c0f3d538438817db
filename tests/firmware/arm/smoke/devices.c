/* tests/firmware/arm/smoke/devices.c - the mps2-an385 devices through the
 * NVIC: CMSDK APB timer 0 interrupt (IRQ 8), dual timer periodic
 * interrupt (IRQ 10), UART0 TX interrupt (IRQ 1), NVIC pending/active
 * registers and STIR, SCC and FPGA IO identification.  Only values that do
 * not depend on QEMU's host-time clocks are printed. */
#include "rt.h"

#define NVIC_ISER   REG32(0xe000e100u)
#define NVIC_ICER   REG32(0xe000e180u)
#define NVIC_ISPR   REG32(0xe000e200u)
#define NVIC_IABR   REG32(0xe000e300u)
#define NVIC_STIR   REG32(0xe000ef00u)
#define TIMER0(o)   REG32(0x40000000u + (o))
#define DUAL(o)     REG32(0x40002000u + (o))
#define SCC(o)      REG32(0x4002f000u + (o))
#define FPGAIO(o)   REG32(0x40028000u + (o))
#define UART0_INT   REG32(0x4000400cu)

static volatile uint32_t timer_irqs, dual_irqs, uart_irqs, soft_irqs, active_seen;

static void timer0_isr(void)
{
    TIMER0(0x0c) = 1;               /* INTCLEAR */
    timer_irqs++;
    if (timer_irqs == 3)
        TIMER0(0x00) = 0;           /* stop */
}

static void dual_isr(void)
{
    DUAL(0x0c) = 1;                 /* INTCLR timer 1 */
    dual_irqs++;
}

static void uart0_tx_isr(void)
{
    UART0_INT = 1;                  /* clear TX interrupt */
    uart_irqs++;
}

static void soft_isr(void)
{
    soft_irqs++;
    active_seen = NVIC_IABR;
}

void irq_dispatch(void);
void irq_dispatch(void)
{
    uint32_t ipsr;
    __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
    switch (ipsr - 16) {
    case 1: uart0_tx_isr(); break;
    case 8: timer0_isr(); break;
    case 10: dual_isr(); break;
    case 30: soft_isr(); break;
    default: semi_write0("stray irq\n"); semi_exit(4);
    }
}

static void put(const char *name, uint32_t v)
{
    uart_puts(name);
    uart_puts(" ");
    uart_puthex(v);
    uart_puts("\n");
}

int main(void)
{
    uart_init();
    put("scc id", SCC(0xffc));
    put("scc aid", SCC(0xff8));
    put("scc cfg4", SCC(0x010));
    FPGAIO(0x00) = 3;
    put("fpgaio led", FPGAIO(0x00));

    /* APB timer 0: reload 1000, interrupt enabled */
    NVIC_ISER = 1u << 8;
    TIMER0(0x08) = 1000;
    TIMER0(0x00) = 1 | 8;
    while (timer_irqs < 3)
        __asm__ volatile("wfi");
    /* QEMU's timers follow host time: a 4th tick may come before the stop */
    uart_puts(timer_irqs >= 3 ? "timer irqs ok\n" : "timer irqs missing\n");

    /* dual timer 1: periodic, 32-bit, interrupt (QEMU 7.2's one-shot mode
     * stops at 1 without an interrupt, against the TRM: not compared) */
    NVIC_ISER = 1u << 10;
    DUAL(0x00) = 500;
    DUAL(0x08) = 0x80 | 0x40 | 0x20 | 0x02;
    while (dual_irqs < 2)
        __asm__ volatile("wfi");
    DUAL(0x08) = 0;
    /* as above: under QEMU (host time) a 3rd period may end before the stop */
    uart_puts(dual_irqs >= 2 ? "dual irqs ok\n" : "dual irqs missing\n");
    put("dual ctrl", DUAL(0x08));

    /* software-triggered interrupt 30 through STIR, then ISPR */
    NVIC_ISER = 1u << 30;
    NVIC_STIR = 30;
    __asm__ volatile("dsb\n\tisb");
    NVIC_ISPR = 1u << 30;
    __asm__ volatile("dsb\n\tisb");
    put("soft irqs", soft_irqs);
    put("active in isr", active_seen);

    /* UART0 TX interrupt after each character */
    UART0_CTRL = 1 | 4;
    NVIC_ISER = 1u << 1;
    uart_puts("tx irq on\n");
    NVIC_ICER = 1u << 1;
    put("uart tx irqs", uart_irqs);
    return 0;
}
