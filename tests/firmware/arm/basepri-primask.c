/* Interrupt masking: PRIMASK (CPSID/CPSIE i) holds every configurable
 * interrupt pending; BASEPRI masks priorities numerically >= its value,
 * BASEPRI_MAX only raises the masking level; FAULTMASK (CPSID f) masks
 * too and is cleared by an exception return (ARMv7-M ARM B1.5.8); PendSV
 * is masked by BASEPRI like an IRQ. */
#include "irqlog.h"

#define IRQ_LO 27       /* priority 0xa0 */
#define IRQ_HI 28       /* priority 0x40 */

static void on_irq(RtExcFrame *f, uint32_t exc, uint32_t r)
{
    (void)f; (void)r;
    log_add(exc);
}

static void on_svc_set_faultmask(RtExcFrame *f, uint32_t exc, uint32_t r)
{
    (void)f; (void)exc; (void)r;
    __asm__ volatile("cpsid f" ::: "memory");
}

static uint32_t faultmask(void)
{
    uint32_t v;
    __asm__ volatile("mrs %0, faultmask" : "=r"(v));
    return v;
}

int main(void)
{
    rt_set_handler(EXC_IRQ(IRQ_LO), on_irq);
    rt_set_handler(EXC_IRQ(IRQ_HI), on_irq);
    rt_set_handler(EXC_PENDSV, on_irq);
    rt_nvic_priority(IRQ_LO, 0xa0);
    rt_nvic_priority(IRQ_HI, 0x40);
    rt_shpr_set(EXC_PENDSV, 0xe0);
    rt_nvic_enable(IRQ_LO);
    rt_nvic_enable(IRQ_HI);

    rt_irq_disable();
    rt_check("PRIMASK", rt_primask(), 1);
    rt_nvic_pend(IRQ_HI);
    rt_nvic_pend(IRQ_LO);
    rt_check("primask: none ran", log_n, 0);
    rt_check("primask: pending", (RT_MMIO32(NVIC_ISPR) >> IRQ_LO) & 3u, 3);
    rt_irq_enable();
    rt_isb();
    rt_check("PRIMASK 0", rt_primask(), 0);
    static const uint32_t w1[] = {EXC_IRQ(IRQ_HI), EXC_IRQ(IRQ_LO)};
    log_expect("primask released", w1, 2);

    log_clear();
    rt_set_basepri(0xa0);
    rt_check("BASEPRI", rt_basepri(), 0xa0);
    rt_nvic_pend(IRQ_LO);
    rt_check("basepri a0: lo held", log_n, 0);
    rt_nvic_pend(IRQ_HI);
    static const uint32_t w2[] = {EXC_IRQ(IRQ_HI)};
    log_expect("basepri a0: hi runs", w2, 1);
    __asm__ volatile("msr basepri_max, %0" :: "r"(0xc0u));
    rt_check("basepri_max c0 ignored", rt_basepri(), 0xa0);
    __asm__ volatile("msr basepri_max, %0" :: "r"(0x40u));
    rt_check("basepri_max 40 raises", rt_basepri(), 0x40);
    rt_nvic_pend(IRQ_HI);
    rt_check("basepri 40: hi held", log_n, 1);
    RT_MMIO32(SCB_ICSR) = ICSR_PENDSVSET;
    rt_isb();
    rt_check("basepri 40: pendsv held", log_n, 1);
    rt_set_basepri(0);
    rt_isb();
    static const uint32_t w3[] = {EXC_IRQ(IRQ_HI), EXC_IRQ(IRQ_HI), EXC_IRQ(IRQ_LO), EXC_PENDSV};
    log_expect("basepri 0", w3, 4);

    log_clear();
    __asm__ volatile("cpsid f" ::: "memory");
    rt_check("FAULTMASK", faultmask(), 1);
    rt_nvic_pend(IRQ_HI);
    rt_check("faultmask: held", log_n, 0);
    __asm__ volatile("cpsie f" ::: "memory");
    rt_isb();
    rt_check("FAULTMASK 0", faultmask(), 0);
    static const uint32_t w4[] = {EXC_IRQ(IRQ_HI)};
    log_expect("faultmask released", w4, 1);

    rt_set_handler(EXC_SVC, on_svc_set_faultmask);
    __asm__ volatile("svc #0" ::: "memory");
    rt_check("FAULTMASK cleared by exception return", faultmask(), 0);
    return rt_done();
}
