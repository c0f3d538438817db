/* A small preemptive multitasking kernel of our own: two threads on their
 * own process stacks (PSP), switched round-robin by PendSV
 * (multitask-switch.S), which the SysTick handler pends on every tick.
 * A producer thread puts 300 values through an 8-slot ring buffer to a
 * consumer thread; neither yields, so the transfer only completes through
 * preemption.  Both then finish and PendSV returns to main on the MSP.
 * Prints only what does not depend on timing: the transferred values'
 * sum and order, that the threads ran in thread mode on the PSP, and that
 * main's registers and stack survived. */
#include "rt.h"

#define NITEMS 300
#define RING 8
#define STACK_WORDS 256

uint32_t mt_main_regs[8];
static uint32_t stacks[2][STACK_WORDS] __attribute__((aligned(8)));
static uint32_t saved_sp[2];
static volatile int cur = -1;
static volatile int finished[2];
static volatile uint32_t nswitch, nticks;

static volatile uint32_t ring[RING];
static volatile uint32_t head, tail;        /* head: next write, tail: next read */

static volatile uint32_t sum, order_errors, produced, consumed;
static volatile uint32_t thread_ctrl[2], thread_ipsr[2];

uint32_t mt_switch(uint32_t psp);

uint32_t mt_switch(uint32_t psp)
{
    nswitch++;
    if (cur >= 0)
        saved_sp[cur] = psp;
    if (finished[0] && finished[1]) {
        cur = -1;
        return 0;
    }
    int next = cur < 0 ? 0 : 1 - cur;
    if (finished[next])
        next = 1 - next;
    cur = next;
    return saved_sp[next];
}

static void on_systick(RtExcFrame *f, uint32_t exc, uint32_t r)
{
    (void)f; (void)exc; (void)r;
    nticks++;
    RT_MMIO32(SCB_ICSR) = ICSR_PENDSVSET;
}

static void thread_done(int id)
{
    finished[id] = 1;
    for (;;) {
        RT_MMIO32(SCB_ICSR) = ICSR_PENDSVSET;
        rt_isb();
    }
}

static void producer(void)
{
    thread_ctrl[0] = rt_control();
    thread_ipsr[0] = rt_ipsr();
    for (uint32_t i = 0; i < NITEMS; i++) {
        while (head - tail == RING)
            ;                               /* full: wait to be preempted */
        ring[head % RING] = i * i + 7;
        head = head + 1;
        produced++;
    }
    thread_done(0);
}

static void consumer(void)
{
    thread_ctrl[1] = rt_control();
    thread_ipsr[1] = rt_ipsr();
    for (uint32_t i = 0; i < NITEMS; i++) {
        while (head == tail)
            ;                               /* empty */
        uint32_t v = ring[tail % RING];
        tail = tail + 1;
        if (v != i * i + 7)
            order_errors++;
        sum += v;
        consumed++;
    }
    thread_done(1);
}

static void thread_exit_trap(void)
{
    rt_puts("thread returned\n");
    rt_exit(98);
}

static void init_thread(int id, void (*fn)(void))
{
    uint32_t *sp = stacks[id] + STACK_WORDS;
    *--sp = 0x01000000u;                            /* xPSR: Thumb */
    *--sp = (uint32_t)(uintptr_t)fn & ~1u;          /* pc */
    *--sp = (uint32_t)(uintptr_t)thread_exit_trap;  /* lr */
    for (int i = 0; i < 5; i++)
        *--sp = 0;                                  /* r12, r3-r0 */
    for (int i = 0; i < 8; i++)
        *--sp = 0x400u + (uint32_t)i;               /* r11..r4 */
    saved_sp[id] = (uint32_t)(uintptr_t)sp;
}

int main(void)
{
    uint32_t expect = 0;
    for (uint32_t i = 0; i < NITEMS; i++)
        expect += i * i + 7;
    init_thread(0, producer);
    init_thread(1, consumer);
    rt_set_handler(EXC_SYSTICK, on_systick);
    rt_shpr_set(EXC_PENDSV, 0xe0);
    rt_shpr_set(EXC_SYSTICK, 0x80);

    register uint32_t keep __asm__("r8") = 0x8badf00d;
    uint32_t msp_before;
    __asm__ volatile("mrs %0, msp" : "=r"(msp_before));
    RT_MMIO32(SYST_RVR) = 2499;
    RT_MMIO32(SYST_CVR) = 0;
    RT_MMIO32(SYST_CSR) = 0x7;
    while (!(finished[0] && finished[1] && cur < 0))
        __asm__ volatile("" : "+r"(keep));
    RT_MMIO32(SYST_CSR) = 0;
    uint32_t msp_after;
    __asm__ volatile("mrs %0, msp" : "=r"(msp_after));

    rt_check("produced", produced, NITEMS);
    rt_check("consumed", consumed, NITEMS);
    rt_check("sum", sum, expect);
    rt_check("order errors", order_errors, 0);
    rt_check("producer CONTROL (PSP)", thread_ctrl[0], 2);
    rt_check("consumer CONTROL (PSP)", thread_ctrl[1], 2);
    rt_check("producer IPSR", thread_ipsr[0], 0);
    rt_check("consumer IPSR", thread_ipsr[1], 0);
    rt_check("switched enough", nswitch >= 2 * (NITEMS / RING) ? 1 : 0, 1);
    rt_check("main CONTROL", rt_control(), 0);
    rt_check("main r8 kept", keep, 0x8badf00d);
    rt_check("main msp kept", msp_after - msp_before, 0);
    return rt_done();
}
