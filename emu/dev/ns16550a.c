/*
 * emu/dev/ns16550a.c - NS16550A UART (as on QEMU's riscv virt machine).
 *
 * Wiring:
 *   MMIO  region 0: 8 registers, spaced 1 << "reg-shift" bytes (default 0).
 *   IRQ   irq_out[0]: the UART interrupt (virt: PLIC source 10), level.
 * Follows the TI PC16550D datasheet (SNLS378C): RBR/THR, IER, IIR/FCR, LCR
 * (DLAB selects the divisor latch DLL/DLM), MCR (loopback), LSR, MSR, SCR.
 * Transmission is instantaneous (THRE and TEMT are always set outside
 * loopback): bytes go to emu_console_write().  Received bytes come from
 * emu_console_getc(), polled when the guest reads LSR/RBR and every
 * RX_POLL_NS of virtual time (so RX interrupts arrive at deterministic
 * instants when stdin is a file).
 *
 * With the FIFOs enabled, the received-data interrupt waits for the FCR
 * trigger level (1/4/8/14 bytes) or for the character timeout: 4 character
 * times (from "clock-frequency", the divisor and LCR's frame format) after
 * the last byte in or out of the RX FIFO, in virtual time.
 *
 * Not modelled: transmit timing (TX is instantaneous), line errors and
 * break, modem-status changes (MSR reads CTS|DSR|DCD, as QEMU), DMA mode.
 */
#include "emu/core/emu.h"

#include "devprop.h"
#include <string.h>

enum {                 /* register index (offset >> reg-shift) */
    R_RBR_THR_DLL = 0,
    R_IER_DLM = 1,
    R_IIR_FCR = 2,
    R_LCR = 3,
    R_MCR = 4,
    R_LSR = 5,
    R_MSR = 6,
    R_SCR = 7,
};

enum {
    IER_RDI = 0x01,    /* received data available */
    IER_THRI = 0x02,   /* THR empty */
    IER_RLSI = 0x04,   /* receiver line status */
    IER_MSI = 0x08,    /* modem status */

    IIR_NO_INT = 0x01,
    IIR_MSI = 0x00,
    IIR_THRI = 0x02,
    IIR_RDI = 0x04,
    IIR_CTI = 0x0c,    /* character timeout */
    IIR_FIFO_ON = 0xc0,

    FCR_FIFO_EN = 0x01,
    FCR_RX_CLR = 0x02,
    FCR_TX_CLR = 0x04,

    LCR_DLAB = 0x80,
    MCR_LOOP = 0x10,

    LSR_DR = 0x01,
    LSR_THRE = 0x20,
    LSR_TEMT = 0x40,

    MSR_CTS = 0x10,
    MSR_DSR = 0x20,
    MSR_DCD = 0x80,
};

#define RX_FIFO_SIZE 16
/* Input poll period in virtual time: about one character at 115200 baud. */
#define RX_POLL_NS 100000u

typedef struct Ns16550a {
    EmuMachine *m;
    EmuIrq irq;
    EmuTimer *rx_timer;
    EmuTimer *timeout_timer;
    uint32_t clock_hz;
    bool timeout_ipending;
    unsigned reg_shift;
    uint8_t ier, iir, fcr, lcr, mcr, lsr, msr, scr, dll, dlm;
    bool thr_ipending;
    uint8_t rx[RX_FIFO_SIZE];
    unsigned rx_head, rx_count;
} Ns16550a;

static unsigned rx_capacity(const Ns16550a *s)
{
    return (s->fcr & FCR_FIFO_EN) ? RX_FIFO_SIZE : 1;
}

static void rx_push(Ns16550a *s, uint8_t c)
{
    if (s->rx_count >= rx_capacity(s))
        return; /* overrun: the byte is lost (OE not modelled) */
    s->rx[(s->rx_head + s->rx_count) % RX_FIFO_SIZE] = c;
    s->rx_count++;
}

/* Recompute IIR and the interrupt line from the state (PC16550D table 4:
 * priorities RLS > RDA > THRE > modem status). */
static void ns16550a_update(Ns16550a *s)
{
    uint8_t id = IIR_NO_INT;
    s->lsr = (uint8_t)((s->lsr & ~LSR_DR) | (s->rx_count ? LSR_DR : 0));
    static const unsigned trigger[4] = { 1, 4, 8, 14 };
    bool fifo = s->fcr & FCR_FIFO_EN;
    if ((s->ier & IER_RDI) && s->timeout_ipending)
        id = IIR_CTI;
    else if ((s->ier & IER_RDI) && (s->lsr & LSR_DR) &&
             (!fifo || s->rx_count >= trigger[s->fcr >> 6]))
        id = IIR_RDI;
    else if ((s->ier & IER_THRI) && s->thr_ipending)
        id = IIR_THRI;
    s->iir = (uint8_t)(id | ((s->fcr & FCR_FIFO_EN) ? IIR_FIFO_ON : 0));
    emu_irq_set(&s->irq, id != IIR_NO_INT);
}

/* One character on the line, in ns: start + data + parity + stop bits at
 * clock / (16 * divisor) baud. */
static uint64_t char_time_ns(const Ns16550a *s)
{
    unsigned divisor = (unsigned)s->dlm << 8 | s->dll;
    unsigned bits = 1 + 5 + (s->lcr & 3) + ((s->lcr & 0x08) ? 1 : 0) + ((s->lcr & 0x04) ? 2 : 1);
    if (divisor == 0)
        divisor = 1;
    return (uint64_t)bits * 16u * divisor * 1000000000u / s->clock_hz;
}

/* RX FIFO activity restarts the character timeout (PC16550D: 4 character
 * times without FIFO input or output while data waits below the trigger). */
static void restart_timeout(Ns16550a *s)
{
    s->timeout_ipending = false;
    if ((s->fcr & FCR_FIFO_EN) && s->rx_count > 0)
        emu_timer_mod(s->timeout_timer, emu_clock_ns(s->m) + 4 * char_time_ns(s));
    else
        emu_timer_del(s->timeout_timer);
}

static void timeout_cb(void *opaque)
{
    Ns16550a *s = opaque;
    if (s->rx_count > 0) {
        s->timeout_ipending = true;
        ns16550a_update(s);
    }
}

static void poll_input(Ns16550a *s)
{
    if (s->mcr & MCR_LOOP)
        return; /* in loopback the receiver is disconnected from the line */
    bool got = false;
    while (s->rx_count < rx_capacity(s)) {
        int c = emu_console_getc(s->m);
        if (c < 0)
            break;
        rx_push(s, (uint8_t)c);
        got = true;
    }
    if (got)
        restart_timeout(s);
}

static void rx_timer_cb(void *opaque)
{
    Ns16550a *s = opaque;
    poll_input(s);
    ns16550a_update(s);
    if (!emu_console_eof(s->m))
        emu_timer_mod(s->rx_timer, emu_clock_ns(s->m) + RX_POLL_NS);
}

static bool ns16550a_read(void *opaque, unsigned region, uint32_t off,
                          unsigned size, uint32_t *val)
{
    Ns16550a *s = opaque;
    uint32_t reg = off >> s->reg_shift;
    *val = 0;
    if ((off & ((1u << s->reg_shift) - 1)) != 0 || reg > R_SCR) {
        EMU_LOG(EMU_LOG_GUEST_ERRORS, "ns16550a: read at bad offset 0x%x\n", off);
        return true;
    }
    switch (reg) {
    case R_RBR_THR_DLL:
        if (s->lcr & LCR_DLAB) {
            *val = s->dll;
            break;
        }
        poll_input(s);
        if (s->rx_count) {
            *val = s->rx[s->rx_head];
            s->rx_head = (s->rx_head + 1) % RX_FIFO_SIZE;
            s->rx_count--;
        }
        restart_timeout(s);
        ns16550a_update(s);
        break;
    case R_IER_DLM:
        *val = (s->lcr & LCR_DLAB) ? s->dlm : s->ier;
        break;
    case R_IIR_FCR:
        *val = s->iir;
        /* Reading IIR while it reports THRE clears that source. */
        if ((s->iir & 0x0f) == IIR_THRI) {
            s->thr_ipending = false;
            ns16550a_update(s);
        }
        break;
    case R_LCR:
        *val = s->lcr;
        break;
    case R_MCR:
        *val = s->mcr;
        break;
    case R_LSR:
        poll_input(s);
        ns16550a_update(s);
        *val = s->lsr;
        break;
    case R_MSR:
        if (s->mcr & MCR_LOOP) /* MCR outputs feed back to MSR inputs */
            *val = (uint32_t)((s->mcr & 0x02) << 3 | (s->mcr & 0x01) << 5 |
                              (s->mcr & 0x04) << 4 | (s->mcr & 0x08) << 4);
        else
            *val = s->msr;
        break;
    case R_SCR:
        *val = s->scr;
        break;
    }
    return true;
}

static void transmit(Ns16550a *s, uint8_t c)
{
    if (s->mcr & MCR_LOOP) {
        rx_push(s, c);
        restart_timeout(s);
    } else {
        emu_console_write(s->m, &c, 1);
    }
    /* The byte leaves at once: THR is empty again. */
    s->lsr |= LSR_THRE | LSR_TEMT;
    s->thr_ipending = true;
}

static bool ns16550a_write(void *opaque, unsigned region, uint32_t off,
                           unsigned size, uint32_t val)
{
    Ns16550a *s = opaque;
    uint32_t reg = off >> s->reg_shift;
    uint8_t v = (uint8_t)val;
    if ((off & ((1u << s->reg_shift) - 1)) != 0 || reg > R_SCR) {
        EMU_LOG(EMU_LOG_GUEST_ERRORS, "ns16550a: write at bad offset 0x%x\n", off);
        return true;
    }
    switch (reg) {
    case R_RBR_THR_DLL:
        if (s->lcr & LCR_DLAB) {
            s->dll = v;
            break;
        }
        s->thr_ipending = false;
        transmit(s, v);
        break;
    case R_IER_DLM:
        if (s->lcr & LCR_DLAB) {
            s->dlm = v;
            break;
        }
        /* Toggling ETBEI re-samples THRE: enabling it while THR is empty
         * raises the interrupt even if IIR was read before (PC16550D
         * behaviour software relies on; QEMU does the same). */
        if ((s->ier ^ v) & IER_THRI)
            s->thr_ipending = (v & IER_THRI) && (s->lsr & LSR_THRE);
        s->ier = v & 0x0f;
        break;
    case R_IIR_FCR:
        if (v & FCR_RX_CLR) {
            s->rx_head = 0;
            s->rx_count = 0;
            restart_timeout(s);
        }
        s->fcr = v & 0xc9; /* trigger level, DMA mode, enable */
        if (!(v & FCR_FIFO_EN)) {
            s->fcr = 0;
            if (s->rx_count > 1)
                s->rx_count = 1;
        }
        break;
    case R_LCR:
        s->lcr = v;
        break;
    case R_MCR:
        s->mcr = v & 0x1f;
        break;
    case R_LSR:
    case R_MSR:
        EMU_LOG(EMU_LOG_GUEST_ERRORS, "ns16550a: write to read-only register %u\n", reg);
        break;
    case R_SCR:
        s->scr = v;
        break;
    }
    ns16550a_update(s);
    return true;
}

static void ns16550a_reset(void *opaque)
{
    Ns16550a *s = opaque;
    s->ier = 0;
    s->fcr = 0;
    s->lcr = 0;
    s->mcr = 0;
    s->scr = 0;
    s->dll = 0x0c; /* 9600 baud at 1.8432 MHz, as QEMU */
    s->dlm = 0;
    s->lsr = LSR_THRE | LSR_TEMT;
    s->msr = MSR_DCD | MSR_DSR | MSR_CTS;
    s->thr_ipending = false;
    s->timeout_ipending = false;
    emu_timer_del(s->timeout_timer);
    s->rx_head = s->rx_count = 0;
    ns16550a_update(s);
    if (!emu_console_eof(s->m))
        emu_timer_mod(s->rx_timer, emu_clock_ns(s->m) + RX_POLL_NS);
}

static int ns16550a_init(void *opaque, EmuMachine *m, const DevConfig *cfg,
                         char *err, size_t errlen)
{
    Ns16550a *s = opaque;
    s->m = m;
    if (cfg->nirq_out > 0)
        s->irq = cfg->irq_out[0];
    s->reg_shift = dev_prop_u32(cfg, "reg-shift", s->reg_shift);
    s->clock_hz = dev_prop_u32(cfg, "clock-frequency", s->clock_hz);
    if (s->clock_hz == 0)
        s->clock_hz = 1843200; /* the PC16550D's usual crystal */
    if (s->reg_shift > 2) {
        snprintf(err, errlen, "reg-shift %u not supported (0..2)", s->reg_shift);
        return -1;
    }
    if (cfg->nregions < 1 || cfg->size[0] < (8u << s->reg_shift)) {
        snprintf(err, errlen, "reg must cover 8 registers (0x%x bytes)", 8u << s->reg_shift);
        return -1;
    }
    s->rx_timer = emu_timer_new(m, rx_timer_cb, s);
    s->timeout_timer = emu_timer_new(m, timeout_cb, s);
    return s->rx_timer && s->timeout_timer ? 0 : -1;
}

static const char *const ns16550a_compat[] = { "ns16550a", "ns16550", NULL };

const DevClass emu_dev_ns16550a = {
    .name = "ns16550a",
    .compatible = ns16550a_compat,
    .state_size = sizeof(Ns16550a),
    .init = ns16550a_init,
    .read = ns16550a_read,
    .write = ns16550a_write,
    .reset = ns16550a_reset,
};
