/* Freestanding runtime for the RISC-V firmware tests (QEMU virt board).
 *
 * start.S sets up sp/gp/.bss/mtvec and calls main(); when main returns,
 * rt_finish() prints "PASS" (status 0) or "FAIL <n>" and leaves through the
 * SiFive test finisher (0x100000): 0x5555 = exit 0, (code << 16) | 0x3333 =
 * exit code.  Output goes to the NS16550A UART at 0x10000000.
 *
 * Tests print every value they check, so that comparing the output of two
 * emulators compares the values too, and count mismatches against the
 * expected constants with rt_check(). */
#ifndef RT_H
#define RT_H

#include <stdint.h>
#include <stddef.h>

#include "rt_asm.h"

/* Registers x0..x31 (x2 = the interrupted sp) and trap CSRs, as saved by
 * the trap entry.  A handler may change any field; mepc and mstatus are
 * written back before mret. */
typedef struct RtTrapFrame {
    uint32_t x[32];
    uint32_t mcause;
    uint32_t mepc;
    uint32_t mtval;
    uint32_t mstatus;
} RtTrapFrame;

typedef void (*RtTrapHandler)(RtTrapFrame *f);

void rt_putc(char c);
void rt_puts(const char *s);            /* no newline added */
void rt_put_hex(uint32_t v);            /* 0x%08x */
void rt_put_dec(int32_t v);
void rt_put_udec(uint32_t v);
void rt_nl(void);
/* "name=0x........\n" */
void rt_print_val(const char *name, uint32_t v);

/* Prints "name=0x........" and "ok" or "MISMATCH expected 0x........";
 * counts mismatches.  Returns 1 when it matched. */
int rt_check(const char *name, uint32_t got, uint32_t expected);
/* The number of mismatches so far. */
int rt_failures(void);
/* Prints "PASS" or "FAIL <n>" and returns the exit status (0 or n). */
int rt_done(void);

/* Leaves through the finisher with the given status (0 = pass). */
void rt_exit(int code) __attribute__((noreturn));
/* Called by start.S when main returns. */
void rt_finish(int code) __attribute__((noreturn));

/* Installs the handler run for every trap (NULL = the default handler that
 * prints mcause/mepc/mtval and exits with status 99). */
void rt_set_trap_handler(RtTrapHandler h);
/* Called by the trap entry. */
void rt_trap_dispatch(RtTrapFrame *f);
/* Length in bytes of the instruction at addr (2 or 4). */
uint32_t rt_insn_len(uint32_t addr);

/* Runs fn(arg) in U mode (mstatus.MPP = 0, mret) with sp = user_sp and
 * returns fn's result once fn returns (through an ecall with
 * a7 = RT_ECALL_EXIT_USER, handled before any installed trap handler).
 * U mode needs a PMP entry that grants access: see rt_pmp_allow_all(). */
uint32_t rt_run_user(uint32_t (*fn)(uint32_t), uint32_t arg, void *user_sp);
/* Grants U mode RWX on the whole address space through the lowest-priority
 * PMP entry (pmp15, NAPOT over everything); entries 0-14 stay free. */
void rt_pmp_allow_all(void);
/* A 4 KiB stack for U-mode code; pass rt_user_stack_top(). */
void *rt_user_stack_top(void);

#define RT_MMIO32(a) (*(volatile uint32_t *)(uintptr_t)(a))
#define RT_MMIO8(a)  (*(volatile uint8_t *)(uintptr_t)(a))

#define rt_csr_read(csr) ({ uint32_t v_; \
    __asm__ volatile("csrr %0, " #csr : "=r"(v_)); v_; })
#define rt_csr_write(csr, v) __asm__ volatile("csrw " #csr ", %0" :: "r"((uint32_t)(v)))
#define rt_csr_set(csr, v)   __asm__ volatile("csrs " #csr ", %0" :: "r"((uint32_t)(v)))
#define rt_csr_clear(csr, v) __asm__ volatile("csrc " #csr ", %0" :: "r"((uint32_t)(v)))

/* CLINT (SiFive layout, as on QEMU virt). */
#define RT_CLINT_MSIP         (RT_CLINT_BASE + 0x0)
#define RT_CLINT_MTIMECMP_LO  (RT_CLINT_BASE + 0x4000)
#define RT_CLINT_MTIMECMP_HI  (RT_CLINT_BASE + 0x4004)
#define RT_CLINT_MTIME_LO     (RT_CLINT_BASE + 0xbff8)
#define RT_CLINT_MTIME_HI     (RT_CLINT_BASE + 0xbffc)

uint64_t rt_mtime(void);
void rt_set_mtimecmp(uint64_t v);

#endif
