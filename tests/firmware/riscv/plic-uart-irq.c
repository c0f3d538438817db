/* A UART interrupt through the PLIC: enabling the THR-empty interrupt
 * (IER.ETBEI) raises PLIC source 10; with priority 1, the source enabled
 * for hart 0 M-mode context, threshold 0, mie.MEIE and mstatus.MIE, the
 * trap has mcause 0x8000000b, claim returns 10, IIR reports THR empty,
 * and after complete the source is quiet once ETBEI is off. */
#include "rt.h"

#define PLIC_PRIORITY(s)   (RT_PLIC_BASE + 4 * (s))
#define PLIC_PENDING       (RT_PLIC_BASE + 0x1000)
#define PLIC_ENABLE_CTX0   (RT_PLIC_BASE + 0x2000)
#define PLIC_THRESHOLD_CTX0 (RT_PLIC_BASE + 0x200000)
#define PLIC_CLAIM_CTX0    (RT_PLIC_BASE + 0x200004)
#define UART_IRQ 10
#define UART_IER (RT_UART_BASE + 1)
#define UART_IIR (RT_UART_BASE + 2)

static volatile uint32_t taken, cause, claimed, iir, second_claim;

static void on_trap(RtTrapFrame *f)
{
    taken++;
    cause = f->mcause;
    claimed = RT_MMIO32(PLIC_CLAIM_CTX0);
    iir = RT_MMIO8(UART_IIR);
    RT_MMIO8(UART_IER) = 0;             /* stop THR-empty interrupts */
    RT_MMIO32(PLIC_CLAIM_CTX0) = claimed;   /* complete */
    if (taken > 5)
        rt_csr_clear(mie, 1u << 11);    /* safety net */
}

int main(void)
{
    rt_set_trap_handler(on_trap);
    RT_MMIO32(PLIC_PRIORITY(UART_IRQ)) = 1;
    RT_MMIO32(PLIC_THRESHOLD_CTX0) = 0;
    RT_MMIO32(PLIC_ENABLE_CTX0) = 1u << UART_IRQ;
    rt_check("priority reads back", RT_MMIO32(PLIC_PRIORITY(UART_IRQ)), 1);
    rt_check("enable reads back", RT_MMIO32(PLIC_ENABLE_CTX0), 1u << UART_IRQ);
    rt_check("IIR: no interrupt", RT_MMIO8(UART_IIR) & 0x0f, 1);
    rt_check("nothing pending", RT_MMIO32(PLIC_PENDING) & (1u << UART_IRQ), 0);

    /* Enable the THR-empty interrupt with interrupts masked in the hart. */
    rt_csr_set(mie, 1u << 11);
    RT_MMIO8(UART_IER) = 0x02;
    for (volatile int i = 0; i < 100; i++)
        ;
    rt_check("source 10 pending", (RT_MMIO32(PLIC_PENDING) >> UART_IRQ) & 1, 1);
    rt_check("mip.MEIP set", (rt_csr_read(mip) >> 11) & 1, 1);
    rt_check("not taken while mstatus.MIE = 0", taken, 0);

    rt_csr_set(mstatus, 8);
    for (volatile int i = 0; i < 1000 && !taken; i++)
        ;
    rt_csr_clear(mstatus, 8);
    rt_check("taken once", taken, 1);
    rt_check("mcause", cause, 0x8000000b);
    rt_check("claimed source", claimed, UART_IRQ);
    rt_check("IIR said THR empty", iir & 0x0f, 0x2);
    rt_check("mip.MEIP clear after complete", (rt_csr_read(mip) >> 11) & 1, 0);
    rt_check("claim with nothing pending", RT_MMIO32(PLIC_CLAIM_CTX0), 0);

    /* Threshold >= priority masks the source. */
    RT_MMIO32(PLIC_THRESHOLD_CTX0) = 1;
    RT_MMIO8(UART_IER) = 0x02;
    for (volatile int i = 0; i < 100; i++)
        ;
    rt_check("masked by threshold: no MEIP", (rt_csr_read(mip) >> 11) & 1, 0);
    RT_MMIO32(PLIC_THRESHOLD_CTX0) = 0;
    rt_check("threshold lowered: MEIP", (rt_csr_read(mip) >> 11) & 1, 1);
    rt_csr_set(mstatus, 8);
    for (volatile int i = 0; i < 1000 && taken < 2; i++)
        ;
    rt_csr_clear(mstatus, 8);
    rt_check("taken again", taken, 2);
    rt_check("claimed again", claimed, UART_IRQ);
    rt_csr_clear(mie, 1u << 11);
    return rt_done();
}
