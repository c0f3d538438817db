/* PendSV and SysTick: PendSV pended through ICSR runs at once when
 * unmasked, stays pending (ICSR.PENDSVSET reads 1) under PRIMASK and is
 * cancelled by PENDSVCLR; pended from a higher-priority handler it runs
 * after that handler returns.  SysTick with the processor clock and
 * TICKINT counts N interrupts (waiting with WFI); COUNTFLAG is set on
 * wrap and cleared by reading CSR; RVR holds 24 bits; a CVR write clears
 * the counter.  Prints counts only, never times. */
#include "rt.h"

static volatile uint32_t npendsv, nticks, tick_limit, log_pos;
static volatile uint32_t order[8];

static void on_pendsv(RtExcFrame *f, uint32_t exc, uint32_t r)
{
    (void)f; (void)exc; (void)r;
    npendsv++;
    order[log_pos++ & 7] = EXC_PENDSV;
}

/* Counts up to tick_limit, then stops SysTick from the handler itself: a
 * host-clocked SysTick (QEMU) may deliver further ticks at any time
 * between the main loop seeing the count and stopping the timer. */
static void on_systick(RtExcFrame *f, uint32_t exc, uint32_t r)
{
    (void)f; (void)exc; (void)r;
    if (nticks < tick_limit)
        nticks++;
    if (nticks >= tick_limit) {
        RT_MMIO32(SYST_CSR) = 0;
        RT_MMIO32(SCB_ICSR) = ICSR_PENDSTCLR;
    }
}

static void on_svc(RtExcFrame *f, uint32_t exc, uint32_t r)
{
    (void)f; (void)exc; (void)r;
    order[log_pos++ & 7] = 100;
    RT_MMIO32(SCB_ICSR) = ICSR_PENDSVSET;
    rt_isb();
    order[log_pos++ & 7] = 101;
}

int main(void)
{
    rt_set_handler(EXC_PENDSV, on_pendsv);
    rt_set_handler(EXC_SYSTICK, on_systick);
    rt_set_handler(EXC_SVC, on_svc);
    rt_shpr_set(EXC_PENDSV, 0xe0);
    rt_shpr_set(EXC_SYSTICK, 0x80);
    rt_check("SHPR3", RT_MMIO32(SCB_SHPR3) & 0xe0e00000u, 0x80e00000);

    RT_MMIO32(SCB_ICSR) = ICSR_PENDSVSET;
    rt_isb();
    rt_check("pendsv ran", npendsv, 1);
    rt_check("pendsv not pending", RT_MMIO32(SCB_ICSR) & ICSR_PENDSVSET, 0);

    rt_irq_disable();
    RT_MMIO32(SCB_ICSR) = ICSR_PENDSVSET;
    rt_isb();
    rt_check("masked: not run", npendsv, 1);
    rt_check("masked: pending", RT_MMIO32(SCB_ICSR) & ICSR_PENDSVSET, ICSR_PENDSVSET);
    rt_check("VECTPENDING", (RT_MMIO32(SCB_ICSR) >> 12) & 0x1ff, EXC_PENDSV);
    RT_MMIO32(SCB_ICSR) = ICSR_PENDSVCLR;
    rt_check("cleared", RT_MMIO32(SCB_ICSR) & ICSR_PENDSVSET, 0);
    rt_irq_enable();
    rt_isb();
    rt_check("cleared: never ran", npendsv, 1);

    log_pos = 0;
    __asm__ volatile("svc #0" ::: "memory");
    rt_check("order 0 (svc)", order[0], 100);
    rt_check("order 1 (svc end)", order[1], 101);
    rt_check("order 2 (pendsv)", order[2], EXC_PENDSV);
    rt_check("pendsv count", npendsv, 2);

    /* SysTick registers. */
    RT_MMIO32(SYST_RVR) = 0xffffffffu;
    rt_check("RVR 24 bits", RT_MMIO32(SYST_RVR), 0x00ffffff);
    RT_MMIO32(SYST_RVR) = 999;
    RT_MMIO32(SYST_CVR) = 12345;
    rt_check("CVR write clears", RT_MMIO32(SYST_CVR), 0);
    /* Polled: no interrupt, COUNTFLAG. */
    RT_MMIO32(SYST_CSR) = 0x5;              /* CLKSOURCE | ENABLE */
    int wraps = 0;
    for (int i = 0; i < 3; i++) {
        while (!(RT_MMIO32(SYST_CSR) & 0x10000u))
            ;
        wraps++;
    }
    rt_check("countflag wraps", (uint32_t)wraps, 3);
    RT_MMIO32(SYST_CSR) = 0;
    (void)RT_MMIO32(SYST_CSR);
    rt_check("countflag cleared by read", RT_MMIO32(SYST_CSR) & 0x10000u, 0);
    rt_check("no tick interrupts", nticks, 0);
    /* Interrupt-driven: count 5 ticks. */
    tick_limit = 5;
    RT_MMIO32(SYST_RVR) = 24999;
    RT_MMIO32(SYST_CVR) = 0;
    RT_MMIO32(SYST_CSR) = 0x7;              /* CLKSOURCE | TICKINT | ENABLE */
    while (nticks < 5)
        __asm__ volatile("wfi");
    rt_isb();
    rt_check("ticks counted", nticks, 5);
    rt_check("handler stopped SysTick", RT_MMIO32(SYST_CSR) & 1u, 0);
    /* PENDSTSET pends SysTick by software. */
    tick_limit = 6;
    RT_MMIO32(SCB_ICSR) = ICSR_PENDSTSET;
    rt_isb();
    rt_check("pendstset tick", nticks, 6);
    return rt_done();
}
