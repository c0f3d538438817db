/* NVIC priorities and preemption: IRQs pended through ISPR and STIR;
 * a higher-priority IRQ pended inside a lower-priority handler preempts it
 * (nesting, EXC_RETURN 0xfffffff1, both active in IABR), a lower one waits
 * and runs after (tail-chain); equal priority never preempts; with
 * AIRCR.PRIGROUP the subpriority bits do not preempt.  Disabled (ICER)
 * IRQs stay pending.  Priorities use only the top 3 bits (the Cortex-M3
 * of AN385 implements 3 priority bits; QEMU implements 8). */
#include "irqlog.h"

#define IRQ_A 24
#define IRQ_B 25
#define IRQ_C 26
#define AIRCR_KEY 0x05fa0000u

static volatile uint32_t excret_b, iabr_in_b, pend_in_a;

static void on_irq(RtExcFrame *f, uint32_t exc, uint32_t exc_return)
{
    (void)f;
    log_add(exc);
    if (exc == EXC_IRQ(IRQ_A) && pend_in_a) {
        uint32_t what = pend_in_a;
        pend_in_a = 0;
        if (what & 1)
            RT_MMIO32(NVIC_STIR) = IRQ_B;   /* higher priority */
        if (what & 2)
            rt_nvic_pend(IRQ_C);            /* lower priority */
        rt_isb();
    }
    if (exc == EXC_IRQ(IRQ_B)) {
        excret_b = exc_return;
        iabr_in_b = RT_MMIO32(NVIC_IABR);
    }
    log_add(exc + 0x100);
}

int main(void)
{
    for (unsigned n = IRQ_A; n <= IRQ_C; n++) {
        rt_set_handler(EXC_IRQ(n), on_irq);
        rt_nvic_enable(n);
    }
    rt_check("ISER", RT_MMIO32(NVIC_ISER) & (7u << IRQ_A), 7u << IRQ_A);
    rt_nvic_priority(IRQ_A, 0x80);
    rt_nvic_priority(IRQ_B, 0x40);
    rt_nvic_priority(IRQ_C, 0xc0);
    rt_check("IPR A top bits", RT_MMIO8(NVIC_IPR + IRQ_A) & 0xe0u, 0x80);

    /* Single IRQ through ISPR. */
    log_clear();
    rt_nvic_pend(IRQ_A);
    static const uint32_t w1[] = {40, 0x128};
    log_expect("pend A", w1, 2);

    /* A pends B (higher: nests) and C (lower: after A). */
    log_clear();
    pend_in_a = 3;
    rt_nvic_pend(IRQ_A);
    static const uint32_t w2[] = {40, 41, 0x129, 0x128, 42, 0x12a};
    log_expect("A pends B and C", w2, 6);
    rt_check("B exc_return nested", excret_b, 0xfffffff1);
    rt_check("IABR in B", iabr_in_b & (7u << IRQ_A), 3u << IRQ_A);
    rt_check("IABR after", RT_MMIO32(NVIC_IABR), 0);

    /* Equal priority: no preemption. */
    rt_nvic_priority(IRQ_B, 0x80);
    log_clear();
    pend_in_a = 1;
    rt_nvic_pend(IRQ_A);
    static const uint32_t w3[] = {40, 0x128, 41, 0x129};
    log_expect("equal priority", w3, 4);

    /* PRIGROUP 6: group = bit 7 only; B (0x40) and A (0x60) share group 0. */
    RT_MMIO32(SCB_AIRCR) = AIRCR_KEY | (6u << 8);
    rt_check("PRIGROUP", (RT_MMIO32(SCB_AIRCR) >> 8) & 7u, 6);
    rt_nvic_priority(IRQ_A, 0x60);
    rt_nvic_priority(IRQ_B, 0x40);
    log_clear();
    pend_in_a = 1;
    rt_nvic_pend(IRQ_A);
    static const uint32_t w4[] = {40, 0x128, 41, 0x129};
    log_expect("prigroup 6: subpriority only", w4, 4);
    RT_MMIO32(SCB_AIRCR) = AIRCR_KEY | (0u << 8);
    log_clear();
    pend_in_a = 1;
    rt_nvic_pend(IRQ_A);
    static const uint32_t w5[] = {40, 41, 0x129, 0x128};
    log_expect("prigroup 0: preempts", w5, 4);

    /* Disabled IRQ stays pending; enabling takes it. */
    rt_nvic_disable(IRQ_C);
    log_clear();
    rt_nvic_pend(IRQ_C);
    rt_check("disabled: pending", RT_MMIO32(NVIC_ISPR) & (1u << IRQ_C), 1u << IRQ_C);
    rt_check("disabled: not run", log_n, 0);
    rt_nvic_enable(IRQ_C);
    static const uint32_t w6[] = {42, 0x12a};
    log_expect("enabled", w6, 2);
    /* ICPR removes a pending IRQ. */
    rt_nvic_disable(IRQ_C);
    rt_nvic_pend(IRQ_C);
    rt_nvic_unpend(IRQ_C);
    rt_check("ICPR cleared", RT_MMIO32(NVIC_ISPR) & (1u << IRQ_C), 0);
    rt_nvic_enable(IRQ_C);
    rt_check("nothing ran", log_n, 2);
    return rt_done();
}
