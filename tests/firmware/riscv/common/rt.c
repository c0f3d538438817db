/* Freestanding runtime: UART output, checks, finisher, trap dispatch. */
#include "rt.h"

#define UART_THR 0
#define UART_LSR 5
#define UART_LSR_THRE 0x20

static int rt_nfail;
static int rt_nchecks;
static RtTrapHandler rt_handler;

void rt_putc(char c)
{
    while (!(RT_MMIO8(RT_UART_BASE + UART_LSR) & UART_LSR_THRE))
        ;
    RT_MMIO8(RT_UART_BASE + UART_THR) = (uint8_t)c;
}

void rt_put_udec(uint32_t v)
{
    char buf[12];
    int n = 0;
    do {
        /* Repeated subtraction keeps this usable without the M extension. */
        uint32_t q = 0, r = v;
        uint32_t d = 10u << 28;
        for (int i = 28; i >= 0; i--, d >>= 1)
            if (r >= d) {
                r -= d;
                q |= 1u << i;
            }
        buf[n++] = (char)('0' + r);
        v = q;
    } while (v);
    while (n)
        rt_putc(buf[--n]);
}

#include "../../common/rt_checks.inc"

void rt_exit(int code)
{
    uint32_t v = code == 0 ? 0x5555u : (((uint32_t)code << 16) | 0x3333u);
    RT_MMIO32(RT_FINISHER) = v;
    for (;;)
        __asm__ volatile("wfi");
}

void rt_finish(int code)
{
    rt_exit(code);
}

void rt_set_trap_handler(RtTrapHandler h)
{
    rt_handler = h;
}

uint32_t rt_insn_len(uint32_t addr)
{
    uint16_t lo = *(volatile uint16_t *)(uintptr_t)addr;
    return (lo & 3) == 3 ? 4 : 2;
}

extern char rt_user_back[];

void rt_pmp_allow_all(void)
{
    rt_csr_write(pmpaddr15, 0xffffffffu);
    rt_csr_set(pmpcfg3, 0x1fu << 24);       /* NAPOT | X | W | R */
}

static uint8_t rt_user_stack[4096] __attribute__((aligned(16)));

void *rt_user_stack_top(void)
{
    return rt_user_stack + sizeof rt_user_stack;
}

void rt_trap_dispatch(RtTrapFrame *f)
{
    if (f->mcause == 8 && f->x[17] == RT_ECALL_EXIT_USER) {
        /* Back to M mode at rt_user_back with a0 = the function's result. */
        f->mepc = (uint32_t)(uintptr_t)rt_user_back;
        f->mstatus |= 3u << 11;
        return;
    }
    if (rt_handler) {
        rt_handler(f);
        return;
    }
    rt_puts("UNEXPECTED TRAP mcause=");
    rt_put_hex(f->mcause);
    rt_puts(" mepc=");
    rt_put_hex(f->mepc);
    rt_puts(" mtval=");
    rt_put_hex(f->mtval);
    rt_nl();
    rt_exit(99);
}

uint64_t rt_mtime(void)
{
    uint32_t hi, lo;
    do {
        hi = RT_MMIO32(RT_CLINT_MTIME_HI);
        lo = RT_MMIO32(RT_CLINT_MTIME_LO);
    } while (hi != RT_MMIO32(RT_CLINT_MTIME_HI));
    return ((uint64_t)hi << 32) | lo;
}

void rt_set_mtimecmp(uint64_t v)
{
    /* Spec-recommended order (privileged spec 3.2.1): no spurious match. */
    RT_MMIO32(RT_CLINT_MTIMECMP_LO) = 0xffffffffu;
    RT_MMIO32(RT_CLINT_MTIMECMP_HI) = (uint32_t)(v >> 32);
    RT_MMIO32(RT_CLINT_MTIMECMP_LO) = (uint32_t)v;
}
