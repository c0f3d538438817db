/* Three machine interrupts pending at once (external 11, software 3,
 * timer 7), raised with mstatus.MIE = 0 and then enabled together: each is
 * taken exactly once and the handler quiets each source.  The order is
 * NOT checked: the privileged spec (3.1.9) fixes MEI > MSI > MTI, but QEMU
 * 7.2 takes the lowest cause number first (3, 7, 11), so the two
 * emulators may legitimately differ; the test prints only the set. */
#include "rt.h"

#define PLIC_PRIORITY(s)    (RT_PLIC_BASE + 4 * (s))
#define PLIC_ENABLE_CTX0    (RT_PLIC_BASE + 0x2000)
#define PLIC_THRESHOLD_CTX0 (RT_PLIC_BASE + 0x200000)
#define PLIC_CLAIM_CTX0     (RT_PLIC_BASE + 0x200004)
#define UART_IER (RT_UART_BASE + 1)
#define UART_IIR (RT_UART_BASE + 2)

static volatile uint32_t order[8], n;

static void on_trap(RtTrapFrame *f)
{
    uint32_t code = f->mcause & 0x7fffffffu;
    if (n < 8)
        order[n] = f->mcause;
    n++;
    if (code == 3) {
        RT_MMIO32(RT_CLINT_MSIP) = 0;
    } else if (code == 7) {
        rt_set_mtimecmp(~0ull);
    } else if (code == 11) {
        uint32_t id = RT_MMIO32(PLIC_CLAIM_CTX0);
        (void)RT_MMIO8(UART_IIR);
        RT_MMIO8(UART_IER) = 0;
        RT_MMIO32(PLIC_CLAIM_CTX0) = id;
    } else {
        rt_csr_write(mie, 0);
    }
}

int main(void)
{
    rt_set_trap_handler(on_trap);
    RT_MMIO32(PLIC_PRIORITY(10)) = 1;
    RT_MMIO32(PLIC_THRESHOLD_CTX0) = 0;
    RT_MMIO32(PLIC_ENABLE_CTX0) = 1u << 10;
    /* Timer first, then software, then external: the order of raising
     * must not matter. */
    rt_set_mtimecmp(0);
    RT_MMIO32(RT_CLINT_MSIP) = 1;
    RT_MMIO8(UART_IER) = 0x02;
    rt_csr_write(mie, (1u << 3) | (1u << 7) | (1u << 11));
    for (volatile int i = 0; i < 100; i++)
        ;
    rt_check("all pending in mip", rt_csr_read(mip) & 0x888, 0x888);
    rt_csr_set(mstatus, 8);
    for (volatile int i = 0; i < 1000 && n < 3; i++)
        ;
    rt_csr_clear(mstatus, 8);
    rt_check("interrupts taken", n, 3);
    uint32_t seen = 0;
    for (uint32_t i = 0; i < 3; i++)
        seen |= 1u << (order[i] & 31);
    rt_check("all asynchronous (mcause bit 31)", (order[0] & order[1] & order[2]) >> 31, 1);
    rt_check("causes seen: 3, 7, 11", seen, (1u << 3) | (1u << 7) | (1u << 11));
    rt_check("nothing pending after", rt_csr_read(mip) & 0x888, 0);
    rt_csr_write(mie, 0);
    return rt_done();
}
