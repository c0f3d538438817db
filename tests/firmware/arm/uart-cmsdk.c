/* The CMSDK APB UART0: register read-back (CTRL, BAUDDIV, STATE), and
 * interrupt-driven transmission: with CTRL.TXINTEN and NVIC IRQ 1 (UART0
 * TX) enabled, every character leaving the transmit buffer raises the TX
 * interrupt; the handler checks INTSTATUS.TX, clears it through INTCLEAR
 * and writes the next character.  Nothing is printed while TXINTEN is
 * set (our own output would raise TX interrupts too). */
#include "rt.h"

#define UART(off) RT_MMIO32(RT_UART0 + (off))

static const char msg[] = "interrupt-driven: hello from the UART TX interrupt\n";
static volatile uint32_t pos, nirq, status_bad, state_in_irq;

static void on_uart_tx(RtExcFrame *f, uint32_t exc, uint32_t r)
{
    (void)f; (void)exc; (void)r;
    nirq++;
    if (!(UART(UART_INTSTATUS) & 1u))
        status_bad++;
    UART(UART_INTSTATUS) = 1u;          /* INTCLEAR.TX */
    state_in_irq |= UART(UART_STATE) & UART_STATE_TXFULL;
    if (msg[pos])
        UART(UART_DATA) = (uint8_t)msg[pos++];
}

int main(void)
{
    rt_puts("uart registers\n");
    rt_check("CTRL (TX enabled by rt)", UART(UART_CTRL) & 0x7fu, UART_CTRL_TXEN);
    rt_check("BAUDDIV", UART(UART_BAUDDIV), 16);
    UART(UART_BAUDDIV) = 0x12345;
    rt_check("BAUDDIV 20 bits", UART(UART_BAUDDIV), 0x12345);
    UART(UART_BAUDDIV) = 16;
    rt_check("STATE idle", UART(UART_STATE) & 3u, 0);

    rt_set_handler(EXC_IRQ(RT_UART0_TX_IRQ), on_uart_tx);
    rt_nvic_priority(RT_UART0_TX_IRQ, 0x40);
    UART(UART_INTSTATUS) = 0xf;
    rt_nvic_unpend(RT_UART0_TX_IRQ);
    rt_irq_disable();
    UART(UART_CTRL) = UART_CTRL_TXEN | UART_CTRL_TXINT;
    /* No printing from here until TXINTEN is off again. */
    uint32_t ctrl = UART(UART_CTRL) & 0x7fu;
    uint32_t intstatus = UART(UART_INTSTATUS);
    rt_nvic_enable(RT_UART0_TX_IRQ);
    pos = 1;
    UART(UART_DATA) = (uint8_t)msg[0];
    rt_irq_enable();
    while (msg[pos] || (UART(UART_STATE) & UART_STATE_TXFULL))
        __asm__ volatile("wfi");
    rt_irq_disable();
    rt_nvic_disable(RT_UART0_TX_IRQ);
    UART(UART_CTRL) = UART_CTRL_TXEN;
    UART(UART_INTSTATUS) = 0xf;
    rt_nvic_unpend(RT_UART0_TX_IRQ);
    rt_irq_enable();

    rt_check("CTRL TXINTEN", ctrl, UART_CTRL_TXEN | UART_CTRL_TXINT);
    rt_check("INTSTATUS before", intstatus, 0);
    uint32_t n = sizeof msg - 1;
    rt_check("characters sent", pos, n);
    rt_check("tx interrupts >= sent - 1", nirq + 1 >= n ? 1 : 0, 1);
    rt_check("INTSTATUS.TX seen in every irq", status_bad, 0);
    rt_check("TXFULL never set in irq", state_in_irq, 0);
    rt_check("no RX data (stdin at eof)", UART(UART_STATE) & 2u, 0);
    return rt_done();
}
