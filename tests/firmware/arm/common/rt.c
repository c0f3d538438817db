/* Freestanding runtime: UART output, checks, semihosting exit, exception
 * dispatch, NVIC helpers. */
#include "rt.h"

#define SYS_EXIT                    0x18
#define SYS_EXIT_EXTENDED           0x20
#define ADP_STOPPED_APPLICATIONEXIT 0x20026u

static int rt_nfail;
static int rt_nchecks;
static int rt_uart_ready;
static RtExcHandler rt_handlers[RT_NUM_EXC];

void rt_putc(char c)
{
    if (!rt_uart_ready) {
        RT_MMIO32(RT_UART0 + UART_BAUDDIV) = 16;
        RT_MMIO32(RT_UART0 + UART_CTRL) |= UART_CTRL_TXEN;
        rt_uart_ready = 1;
    }
    while (RT_MMIO32(RT_UART0 + UART_STATE) & UART_STATE_TXFULL)
        ;
    RT_MMIO32(RT_UART0 + UART_DATA) = (uint8_t)c;
}

void rt_put_udec(uint32_t v)
{
    char buf[12];
    int n = 0;
    do {
        buf[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        rt_putc(buf[--n]);
}

#include "../../common/rt_checks.inc"

void rt_exit(int code)
{
    static uint32_t block[2];
    if (code == 0) {
        rt_semihost(SYS_EXIT, ADP_STOPPED_APPLICATIONEXIT);
    } else {
        block[0] = ADP_STOPPED_APPLICATIONEXIT;
        block[1] = (uint32_t)code;
        rt_semihost(SYS_EXIT_EXTENDED, (uint32_t)(uintptr_t)block);
    }
    for (;;)
        __asm__ volatile("wfi");
}

void rt_finish(int code)
{
    rt_exit(code);
}

void rt_set_handler(uint32_t exc, RtExcHandler h)
{
    if (exc < RT_NUM_EXC)
        rt_handlers[exc] = h;
}

uint32_t rt_insn_len(uint32_t addr)
{
    uint16_t hw = *(volatile uint16_t *)(uintptr_t)addr;
    return (hw >> 11) >= 0x1d ? 4 : 2;
}

void rt_exc_dispatch(RtExcFrame *f, uint32_t ipsr, uint32_t exc_return)
{
    uint32_t exc = ipsr & 0x1ff;
    if (exc < RT_NUM_EXC && rt_handlers[exc]) {
        rt_handlers[exc](f, exc, exc_return);
        return;
    }
    rt_puts("unexpected exception ");
    rt_put_udec(exc);
    rt_nl();
    rt_print_val("stacked pc", f->pc);
    rt_print_val("stacked xpsr", f->xpsr);
    rt_print_val("CFSR", RT_MMIO32(SCB_CFSR));
    rt_print_val("HFSR", RT_MMIO32(SCB_HFSR));
    rt_print_val("MMFAR", RT_MMIO32(SCB_MMFAR));
    rt_print_val("BFAR", RT_MMIO32(SCB_BFAR));
    rt_exit(99);
}

void rt_nvic_enable(unsigned n)   { RT_MMIO32(NVIC_ISER) = 1u << n; rt_isb(); }
void rt_nvic_disable(unsigned n)  { RT_MMIO32(NVIC_ICER) = 1u << n; rt_isb(); }
void rt_nvic_pend(unsigned n)     { RT_MMIO32(NVIC_ISPR) = 1u << n; rt_isb(); }
void rt_nvic_unpend(unsigned n)   { RT_MMIO32(NVIC_ICPR) = 1u << n; rt_isb(); }
void rt_nvic_priority(unsigned n, uint8_t prio) { RT_MMIO8(NVIC_IPR + n) = prio; }

void rt_shpr_set(unsigned exc, uint8_t prio)
{
    RT_MMIO8(SCB_SHPR1 + exc - 4) = prio;
}
