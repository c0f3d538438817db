/* tests/firmware/arm/smoke/threads.c - a preemptive two-thread kernel:
 * threads run unprivileged on PSP; SysTick pends PendSV, whose handler
 * saves r4-r11 on the process stack and switches PSP (EXC_RETURN
 * 0xfffffffd); the threads exchange values through shared memory in strict
 * turns, so the output does not depend on when the switches happen. */
#include "rt.h"

#define NTHREADS 2
static uint32_t stacks[NTHREADS][256] __attribute__((aligned(8)));
uint32_t *thread_sp[NTHREADS];
uint32_t current;
static volatile uint32_t turn, mailbox, switches, started;

void systick_handler(void)
{
    /* switch only once thread 0 runs on PSP (QEMU's SysTick follows host
     * time and may tick before that) */
    if (!started)
        return;
    switches++;
    SCB_ICSR = 1u << 28;        /* PENDSVSET */
}

__attribute__((naked)) void pendsv_handler(void)
{
    __asm__ volatile(
        "mrs r0, psp\n\t"
        "stmdb r0!, {r4-r11}\n\t"
        "ldr r1, =current\n\t"
        "ldr r2, [r1]\n\t"
        "ldr r3, =thread_sp\n\t"
        "str r0, [r3, r2, lsl #2]\n\t"
        "eor r2, r2, #1\n\t"
        "str r2, [r1]\n\t"
        "ldr r0, [r3, r2, lsl #2]\n\t"
        "ldmia r0!, {r4-r11}\n\t"
        "msr psp, r0\n\t"
        "bx lr\n\t");
}

void svc_handler(void)
{
    semi_exit(0);
}

static void thread(uint32_t id)
{
    for (uint32_t i = 0; i < 6; i++) {
        while (turn != id)
            ;
        if (id == 0) {
            mailbox = i * 7 + 1;
            uart_puts("A sends ");
        } else {
            mailbox = mailbox * 2;
            uart_puts("B doubles to ");
        }
        uart_puthex(mailbox);
        uart_puts("\n");
        turn = id ^ 1;
    }
    if (id == 1) {
        uart_puts(switches > 0 ? "switched\n" : "never switched\n");
        /* semihosting needs privilege (QEMU without userspace=on): exit
         * through an SVC */
        __asm__ volatile("svc #0");
    }
    for (;;)
        ;
}

static void setup(uint32_t id)
{
    uint32_t *sp = &stacks[id][256];
    *--sp = 0x01000000;                 /* xPSR: Thumb */
    *--sp = (uint32_t)thread;           /* PC */
    *--sp = 0xffffffff;                 /* LR */
    for (int i = 0; i < 4; i++)
        *--sp = 0;                      /* r12, r3, r2, r1 */
    *--sp = id;                         /* r0 */
    for (int i = 0; i < 8; i++)
        *--sp = 0;                      /* r4-r11 */
    thread_sp[id] = sp;
}

int main(void)
{
    uart_init();
    setup(1);
    REG32(0xe000ed20u) = 0xffu << 16;   /* PendSV lowest priority (SHPR3) */
    current = 0;
    SYST_RVR = 3000;
    SYST_CVR = 0;
    SYST_CSR = 7;                       /* processor clock, interrupt, enable */
    /* become thread 0: PSP on its own stack, unprivileged */
    __asm__ volatile("msr psp, %0\n\tmsr control, %1\n\tisb"
                     : : "r"(&stacks[0][256]), "r"(3) : "memory");
    started = 1;
    thread(0);
    return 1;
}
