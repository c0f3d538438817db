/* The CMSDK APB timer 0 (0x40000000, IRQ 8): RELOAD/VALUE read-back, a
 * periodic interrupt counted 5 times (cleared through INTCLEAR), the
 * counter staying within RELOAD, disabling stops the interrupts.  Timer 1
 * (IRQ 9) runs at the same time with a reload 3 times longer; when timer
 * 0 has interrupted 12 times, timer 1 has interrupted at least once (not
 * an exact ratio: QEMU's timers follow the host clock and may merge
 * several expired periods into one interrupt).  Counts only, never
 * times. */
#include "rt.h"

#define T0(off) RT_MMIO32(RT_TIMER0 + (off))
#define T1(off) RT_MMIO32(RT_TIMER1 + (off))
#define CTRL_EN 1u
#define CTRL_IRQEN 8u

static volatile uint32_t n0, n1, limit0;

/* Counts up to limit0, then stops both timers from the handler itself
 * (a host-clocked timer may expire again at any time between the main
 * loop seeing the count and stopping it). */
static void on_t0(RtExcFrame *f, uint32_t exc, uint32_t r)
{
    (void)f; (void)exc; (void)r;
    T0(TIMER_INTSTATUS) = 1;
    if (n0 < limit0)
        n0++;
    if (n0 >= limit0) {
        T0(TIMER_CTRL) = 0;
        T1(TIMER_CTRL) = 0;
    }
}

static void on_t1(RtExcFrame *f, uint32_t exc, uint32_t r)
{
    (void)f; (void)exc; (void)r;
    T1(TIMER_INTSTATUS) = 1;
    n1++;
}

int main(void)
{
    rt_set_handler(EXC_IRQ(RT_TIMER0_IRQ), on_t0);
    rt_set_handler(EXC_IRQ(RT_TIMER0_IRQ + 1), on_t1);
    T0(TIMER_CTRL) = 0;
    T0(TIMER_RELOAD) = 5000;
    T0(TIMER_VALUE) = 5000;
    rt_check("RELOAD", T0(TIMER_RELOAD), 5000);
    rt_check("VALUE while stopped", T0(TIMER_VALUE), 5000);
    T0(TIMER_INTSTATUS) = 1;
    rt_nvic_unpend(RT_TIMER0_IRQ);
    rt_nvic_enable(RT_TIMER0_IRQ);
    limit0 = 5;
    T0(TIMER_CTRL) = CTRL_EN | CTRL_IRQEN;
    uint32_t ctrl = T0(TIMER_CTRL) & 0xfu;
    while (n0 < 5)
        __asm__ volatile("wfi");
    rt_isb();
    rt_check("CTRL", ctrl, CTRL_EN | CTRL_IRQEN);
    rt_check("timer0 interrupts", n0, 5);
    rt_check("handler stopped timer0", T0(TIMER_CTRL) & CTRL_EN, 0);
    rt_check("VALUE within RELOAD", T0(TIMER_VALUE) <= 5000 ? 1 : 0, 1);
    uint32_t stopped = n0;
    for (volatile int i = 0; i < 20000; i++)
        ;
    rt_check("stopped: no more", n0 - stopped, 0);

    n0 = 0;
    limit0 = 12;
    T1(TIMER_CTRL) = 0;
    T1(TIMER_RELOAD) = 15000;
    T1(TIMER_VALUE) = 15000;
    T1(TIMER_INTSTATUS) = 1;
    rt_nvic_unpend(RT_TIMER0_IRQ + 1);
    rt_nvic_enable(RT_TIMER0_IRQ + 1);
    T0(TIMER_VALUE) = 5000;
    T1(TIMER_CTRL) = CTRL_EN | CTRL_IRQEN;
    T0(TIMER_CTRL) = CTRL_EN | CTRL_IRQEN;
    while (n0 < 12)
        __asm__ volatile("wfi");
    rt_isb();
    uint32_t t1 = n1;
    rt_check("timer0 ticks", n0, 12);
    rt_check("timer1 ticked", t1 >= 1, 1);
    return rt_done();
}
