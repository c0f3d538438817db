/* Pending exceptions taken in priority order: with PRIMASK set, SysTick,
 * PendSV and four IRQs are pended; on release they run one after the
 * other (tail-chained: each handler's EXC_RETURN is 0xfffffff9, IPSR is
 * its own number) in priority order, equal priorities by exception number
 * (ARMv7-M ARM B1.5.4). */
#include "irqlog.h"

static volatile uint32_t bad_excret;

static void on_exc(RtExcFrame *f, uint32_t exc, uint32_t exc_return)
{
    (void)f;
    if (exc_return != 0xfffffff9u || rt_ipsr() != exc)
        bad_excret++;
    log_add(exc);
}

int main(void)
{
    rt_set_handler(EXC_SYSTICK, on_exc);
    rt_set_handler(EXC_PENDSV, on_exc);
    for (unsigned n = 20; n < 24; n++) {
        rt_set_handler(EXC_IRQ(n), on_exc);
        rt_nvic_enable(n);
    }
    rt_shpr_set(EXC_SYSTICK, 0x40);
    rt_shpr_set(EXC_PENDSV, 0xe0);
    rt_nvic_priority(20, 0x80);
    rt_nvic_priority(21, 0x40);
    rt_nvic_priority(22, 0x80);
    rt_nvic_priority(23, 0xc0);

    rt_irq_disable();
    rt_nvic_pend(23);
    rt_nvic_pend(22);
    rt_nvic_pend(20);
    RT_MMIO32(SCB_ICSR) = ICSR_PENDSVSET;
    rt_nvic_pend(21);
    RT_MMIO32(SCB_ICSR) = ICSR_PENDSTSET;
    rt_isb();
    rt_check("ISPR", (RT_MMIO32(NVIC_ISPR) >> 20) & 0xfu, 0xf);
    rt_check("ICSR.VECTPENDING", (RT_MMIO32(SCB_ICSR) >> 12) & 0x1ff, EXC_SYSTICK);
    rt_check("ICSR.ISRPENDING", (RT_MMIO32(SCB_ICSR) >> 22) & 1, 1);
    rt_irq_enable();
    rt_isb();
    static const uint32_t want[] = {EXC_SYSTICK, EXC_IRQ(21), EXC_IRQ(20), EXC_IRQ(22),
                                    EXC_IRQ(23), EXC_PENDSV};
    log_expect("release order", want, 6);
    rt_check("exc_return/ipsr mismatches", bad_excret, 0);
    rt_check("ICSR.ISRPENDING after", (RT_MMIO32(SCB_ICSR) >> 22) & 1, 0);
    return rt_done();
}
