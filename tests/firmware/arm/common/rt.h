/* Freestanding runtime for the Cortex-M3 firmware tests (QEMU mps2-an385).
 *
 * start.S copies .data, clears .bss and calls main(); when main returns,
 * rt_finish() leaves through ARM semihosting (SYS_EXIT with
 * ADP_Stopped_ApplicationExit for status 0, SYS_EXIT_EXTENDED with the
 * status otherwise): the board has no test finisher, so every program needs
 * semihosting enabled.  Output goes to the CMSDK APB UART0 at 0x40004000.
 *
 * Tests print every value they check (rt_check), so that comparing the
 * output of two emulators compares the values too, and end with
 * `return rt_done();` (prints "PASS (N checks)" or "FAIL k of N"). */
#ifndef RT_H
#define RT_H

#include <stdint.h>
#include <stddef.h>

#define RT_MMIO32(a) (*(volatile uint32_t *)(uintptr_t)(a))
#define RT_MMIO8(a)  (*(volatile uint8_t *)(uintptr_t)(a))

/* CMSDK APB UART0 (QEMU mps2-an385: RX IRQ 0, TX IRQ 1). */
#define RT_UART0          0x40004000u
#define UART_DATA         0x00
#define UART_STATE        0x04
#define UART_CTRL         0x08
#define UART_INTSTATUS    0x0c      /* write 1s: INTCLEAR */
#define UART_BAUDDIV      0x10
#define UART_STATE_TXFULL 0x1u
#define UART_CTRL_TXEN    0x1u
#define UART_CTRL_RXEN    0x2u
#define UART_CTRL_TXINT   0x4u
#define RT_UART0_TX_IRQ   1

/* CMSDK APB timers (IRQ 8 and 9). */
#define RT_TIMER0         0x40000000u
#define RT_TIMER1         0x40001000u
#define TIMER_CTRL        0x00      /* bit0 enable, bit3 interrupt enable */
#define TIMER_VALUE       0x04
#define TIMER_RELOAD      0x08
#define TIMER_INTSTATUS   0x0c      /* write 1: clear */
#define RT_TIMER0_IRQ     8

/* System control space. */
#define SCB_CPUID   0xe000ed00u
#define SCB_ICSR    0xe000ed04u
#define SCB_VTOR    0xe000ed08u
#define SCB_AIRCR   0xe000ed0cu
#define SCB_SCR     0xe000ed10u
#define SCB_CCR     0xe000ed14u
#define SCB_SHPR1   0xe000ed18u
#define SCB_SHPR2   0xe000ed1cu
#define SCB_SHPR3   0xe000ed20u
#define SCB_SHCSR   0xe000ed24u
#define SCB_CFSR    0xe000ed28u
#define SCB_HFSR    0xe000ed2cu
#define SCB_MMFAR   0xe000ed34u
#define SCB_BFAR    0xe000ed38u
#define NVIC_ISER   0xe000e100u
#define NVIC_ICER   0xe000e180u
#define NVIC_ISPR   0xe000e200u
#define NVIC_ICPR   0xe000e280u
#define NVIC_IABR   0xe000e300u
#define NVIC_IPR    0xe000e400u     /* one byte per IRQ */
#define NVIC_STIR   0xe000ef00u
#define SYST_CSR    0xe000e010u
#define SYST_RVR    0xe000e014u
#define SYST_CVR    0xe000e018u

#define ICSR_PENDSVSET   (1u << 28)
#define ICSR_PENDSVCLR   (1u << 27)
#define ICSR_PENDSTSET   (1u << 26)
#define ICSR_PENDSTCLR   (1u << 25)
#define SHCSR_MEMFAULTENA (1u << 16)
#define SHCSR_BUSFAULTENA (1u << 17)
#define SHCSR_USGFAULTENA (1u << 18)
#define CCR_UNALIGN_TRP  (1u << 3)
#define CCR_DIV_0_TRP    (1u << 4)
#define CFSR_IBUSERR     (1u << 8)
#define CFSR_PRECISERR   (1u << 9)
#define CFSR_BFARVALID   (1u << 15)
#define CFSR_UNDEFINSTR  (1u << 16)
#define CFSR_INVSTATE    (1u << 17)
#define CFSR_INVPC       (1u << 18)
#define CFSR_NOCP        (1u << 19)
#define CFSR_UNALIGNED   (1u << 24)
#define CFSR_DIVBYZERO   (1u << 25)
#define HFSR_FORCED      (1u << 30)

/* Exception numbers (IPSR). */
#define EXC_NMI        2
#define EXC_HARDFAULT  3
#define EXC_MEMMANAGE  4
#define EXC_BUSFAULT   5
#define EXC_USAGEFAULT 6
#define EXC_SVC        11
#define EXC_PENDSV     14
#define EXC_SYSTICK    15
#define EXC_IRQ(n)     (16 + (n))
#define RT_NUM_EXC     48

/* The basic exception frame the processor stacks. */
typedef struct RtExcFrame {
    uint32_t r0, r1, r2, r3, r12, lr, pc, xpsr;
} RtExcFrame;

/* exc: IPSR exception number; exc_return: the EXC_RETURN value in lr.
 * A handler may change any field of the frame (e.g. pc to skip the
 * faulting instruction). */
typedef void (*RtExcHandler)(RtExcFrame *f, uint32_t exc, uint32_t exc_return);

void rt_putc(char c);
void rt_puts(const char *s);            /* no newline added */
void rt_put_hex(uint32_t v);            /* 0x%08x */
void rt_put_dec(int32_t v);
void rt_put_udec(uint32_t v);
void rt_nl(void);
void rt_print_val(const char *name, uint32_t v);   /* "name=0x........\n" */
/* Prints "name=0x........" and "ok" or "MISMATCH expected 0x........";
 * counts mismatches.  Returns 1 when it matched. */
int rt_check(const char *name, uint32_t got, uint32_t expected);
int rt_failures(void);
/* Prints "PASS (N checks)" or "FAIL k of N"; returns 0 or k. */
int rt_done(void);

/* Leaves through semihosting with the status (0 = pass). */
void rt_exit(int code) __attribute__((noreturn));
void rt_finish(int code) __attribute__((noreturn));
/* op in r0, arg in r1, BKPT 0xAB; returns r0. */
uint32_t rt_semihost(uint32_t op, uint32_t arg);

/* Installs the handler for exception number exc (NULL = default: prints
 * the exception, the stacked pc and the fault status registers, exits 99). */
void rt_set_handler(uint32_t exc, RtExcHandler h);
void rt_exc_dispatch(RtExcFrame *f, uint32_t ipsr, uint32_t exc_return);
/* Length of the Thumb instruction at addr (2 or 4). */
uint32_t rt_insn_len(uint32_t addr);

extern const uint32_t rt_vectors[];

/* NVIC helpers (IRQ n < 32). */
void rt_nvic_enable(unsigned n);
void rt_nvic_disable(unsigned n);
void rt_nvic_pend(unsigned n);
void rt_nvic_unpend(unsigned n);
void rt_nvic_priority(unsigned n, uint8_t prio);
/* System handler priority (exc 4..15). */
void rt_shpr_set(unsigned exc, uint8_t prio);

/* rt_apsr(), rt_primask(), rt_basepri(), rt_control(), rt_ipsr(): MRS. */
#define RT_MRS_READER(fn, reg) \
    static inline uint32_t fn(void) \
    { \
        uint32_t v; \
        __asm__ volatile("mrs %0, " #reg : "=r"(v)); \
        return v; \
    }
RT_MRS_READER(rt_apsr, apsr)
RT_MRS_READER(rt_primask, primask)
RT_MRS_READER(rt_basepri, basepri)
RT_MRS_READER(rt_control, control)
RT_MRS_READER(rt_ipsr, ipsr)

static inline void rt_set_basepri(uint32_t v)
{
    __asm__ volatile("msr basepri, %0" :: "r"(v) : "memory");
}
static inline void rt_irq_enable(void)  { __asm__ volatile("cpsie i" ::: "memory"); }
static inline void rt_irq_disable(void) { __asm__ volatile("cpsid i" ::: "memory"); }
static inline void rt_isb(void) { __asm__ volatile("dsb\n\tisb" ::: "memory"); }

#endif
