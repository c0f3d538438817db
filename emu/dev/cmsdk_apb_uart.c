/*
 * emu/dev/cmsdk_apb_uart.c - Arm CMSDK APB UART (Cortex-M System Design
 * Kit Technical Reference Manual, DDI0479C, section 4.3), as on the MPS2
 * boards.  Behaviour follows QEMU 7.2's cmsdk-apb-uart where the TRM is
 * silent: a written character goes out at once (no baud-rate timing), a
 * character written while TX is disabled waits in the buffer (TXFULL) until
 * TX is enabled, the TX interrupt status is set when a character has been
 * sent and TX interrupts are enabled.
 *
 * Wiring contract (compatible "arm,cmsdk-uart"):
 *   MMIO  reg 0: 4 KiB (DATA 0x00, STATE 0x04, CTRL 0x08, INTSTATUS/
 *         INTCLEAR 0x0c, BAUDDIV 0x10, PID/CID 0xfd0-0xffc).
 *   IRQ   interrupts, in order: TX, RX, TX overrun, RX overrun, combined
 *         (any may be absent from the end of the list; QEMU mps2-an385
 *         wires TX/RX per UART and ORs the overruns of UART0-2 to IRQ 12).
 *   props "emucov,console": this UART is the host console (stdout/stdin);
 *         without it output is discarded (QEMU: no chardev) and nothing is
 *         received.
 * Input is polled every 100 us of virtual time while RX is enabled.
 * Not modelled: high-speed test mode, baud-rate timing.
 */
#include "devices.h"

#include "devprop.h"
#include <string.h>

enum { REG_DATA = 0x00, REG_STATE = 0x04, REG_CTRL = 0x08, REG_INT = 0x0c, REG_BAUDDIV = 0x10 };
enum { STATE_TXFULL = 1, STATE_RXFULL = 2, STATE_TXOVR = 4, STATE_RXOVR = 8 };
enum { CTRL_TX_EN = 1, CTRL_RX_EN = 2, CTRL_TX_INTEN = 4, CTRL_RX_INTEN = 8,
       CTRL_TXO_INTEN = 16, CTRL_RXO_INTEN = 32 };
enum { INT_TX = 1, INT_RX = 2, INT_TXO = 4, INT_RXO = 8 };
enum { IRQ_TX, IRQ_RX, IRQ_TXO, IRQ_RXO, IRQ_COMBINED, IRQ_N };

#define RX_POLL_NS 100000u

/* Peripheral/component ID registers at 0xfd0 (QEMU's values). */
static const uint8_t uart_id[12] = {
    0x04, 0x00, 0x00, 0x00, 0x21, 0xb8, 0x1b, 0x00, 0x0d, 0xf0, 0x05, 0xb1,
};

typedef struct CmsdkUart {
    EmuMachine *m;
    EmuIrq irq[IRQ_N];
    bool console;
    uint32_t state, ctrl, intstatus, bauddiv;
    uint8_t txbuf, rxbuf;
    EmuTimer *rx_timer;
} CmsdkUart;

static void uart_update(CmsdkUart *s)
{
    /* overrun interrupt status = overrun state AND its enable (TRM 4.3) */
    s->intstatus &= ~(uint32_t)(INT_TXO | INT_RXO);
    s->intstatus |= (s->state & (STATE_TXOVR | STATE_RXOVR)) & (s->ctrl >> 2);
    emu_irq_set(&s->irq[IRQ_TX], (s->intstatus & INT_TX) != 0);
    emu_irq_set(&s->irq[IRQ_RX], (s->intstatus & INT_RX) != 0);
    emu_irq_set(&s->irq[IRQ_TXO], (s->intstatus & INT_TXO) != 0);
    emu_irq_set(&s->irq[IRQ_RXO], (s->intstatus & INT_RXO) != 0);
    emu_irq_set(&s->irq[IRQ_COMBINED], s->intstatus != 0);
}

static void uart_transmit(CmsdkUart *s)
{
    if (!(s->ctrl & CTRL_TX_EN) || !(s->state & STATE_TXFULL))
        return;
    if (s->console)
        emu_console_write(s->m, &s->txbuf, 1);
    s->state &= ~(uint32_t)STATE_TXFULL;
    if (s->ctrl & CTRL_TX_INTEN)
        s->intstatus |= INT_TX;
    uart_update(s);
}

static void uart_poll_rx(CmsdkUart *s)
{
    if (!s->console || !(s->ctrl & CTRL_RX_EN))
        return;
    if (s->state & STATE_RXFULL)
        return;
    int c = emu_console_getc(s->m);
    if (c < 0)
        return;
    s->rxbuf = (uint8_t)c;
    s->state |= STATE_RXFULL;
    if (s->ctrl & CTRL_RX_INTEN)
        s->intstatus |= INT_RX;
    uart_update(s);
}

static void uart_arm_rx(CmsdkUart *s)
{
    if (s->console && (s->ctrl & CTRL_RX_EN) && !emu_console_eof(s->m))
        emu_timer_mod(s->rx_timer, emu_clock_ns(s->m) + RX_POLL_NS);
    else
        emu_timer_del(s->rx_timer);
}

static void uart_rx_timer(void *opaque)
{
    CmsdkUart *s = opaque;
    uart_poll_rx(s);
    uart_arm_rx(s);
}

static bool uart_read(void *opaque, unsigned region, uint32_t off, unsigned size, uint32_t *val)
{
    CmsdkUart *s = opaque;
    (void)region;
    (void)size;
    uint32_t v = 0;
    switch (off) {
    case REG_DATA:
        uart_poll_rx(s);
        v = s->rxbuf;
        if (s->state & STATE_RXFULL) {
            s->state &= ~(uint32_t)STATE_RXFULL;
            uart_poll_rx(s);
        }
        break;
    case REG_STATE:
        uart_poll_rx(s);
        v = s->state;
        break;
    case REG_CTRL: v = s->ctrl; break;
    case REG_INT: v = s->intstatus; break;
    case REG_BAUDDIV: v = s->bauddiv; break;
    default:
        if (off >= 0xfd0 && off <= 0xffc && !(off & 3)) {
            v = uart_id[(off - 0xfd0) / 4];
        } else {
            EMU_LOG(EMU_LOG_GUEST_ERRORS, "cmsdk-uart: read of bad offset 0x%x\n", off);
        }
        break;
    }
    *val = v;
    return true;
}

static bool uart_write(void *opaque, unsigned region, uint32_t off, unsigned size, uint32_t val)
{
    CmsdkUart *s = opaque;
    (void)region;
    (void)size;
    switch (off) {
    case REG_DATA:
        s->txbuf = (uint8_t)val;
        if (s->state & STATE_TXFULL) {
            s->state |= STATE_TXOVR;
            uart_update(s);
        } else {
            s->state |= STATE_TXFULL;
            uart_transmit(s);
        }
        break;
    case REG_STATE:
        /* overrun bits are write-one-to-clear */
        s->state &= ~(val & (STATE_TXOVR | STATE_RXOVR));
        uart_update(s);
        break;
    case REG_CTRL:
        s->ctrl = val & 0x7f;
        uart_transmit(s);
        uart_arm_rx(s);
        uart_update(s);
        break;
    case REG_INT:
        /* INTCLEAR: write one to clear; overrun bits clear the state too */
        s->state &= ~(val & (INT_TXO | INT_RXO));
        s->intstatus &= ~val;
        uart_update(s);
        break;
    case REG_BAUDDIV:
        s->bauddiv = val & 0xfffff;
        break;
    default:
        EMU_LOG(EMU_LOG_GUEST_ERRORS, "cmsdk-uart: write of bad offset 0x%x\n", off);
        break;
    }
    return true;
}

static void uart_reset(void *opaque)
{
    CmsdkUart *s = opaque;
    s->state = s->ctrl = s->intstatus = s->bauddiv = 0;
    s->txbuf = s->rxbuf = 0;
    emu_timer_del(s->rx_timer);
    uart_update(s);
}

static int uart_init(void *opaque, EmuMachine *m, const DevConfig *cfg, char *err, size_t errlen)
{
    CmsdkUart *s = opaque;
    s->m = m;
    for (unsigned i = 0; i < IRQ_N && i < cfg->nirq_out; i++)
        s->irq[i] = cfg->irq_out[i];
    s->console = dev_prop_bool(cfg, "emucov,console");
    s->rx_timer = emu_timer_new(m, uart_rx_timer, s);
    if (!s->rx_timer) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    return 0;
}

static const char *const uart_compat[] = { "arm,cmsdk-uart", NULL };

const DevClass emu_dev_cmsdk_apb_uart = {
    .name = "cmsdk-apb-uart",
    .compatible = uart_compat,
    .state_size = sizeof(CmsdkUart),
    .init = uart_init,
    .read = uart_read,
    .write = uart_write,
    .reset = uart_reset,
};
