/* A locked PMP entry (L = 1) constrains M mode too: an M-mode store to a
 * locked read-only NAPOT region faults (mcause 7), an M-mode fetch from a
 * locked region without X faults (mcause 1); the locked entry's pmpcfg and
 * pmpaddr ignore writes until reset; unlocked entries can still change. */
#include "pmp.h"

static uint32_t ro[1024] __attribute__((aligned(4096)));
static uint32_t nx[1024] __attribute__((aligned(4096)));
static volatile uint32_t n, cause[8], tval[8];

static void on_trap(RtTrapFrame *f)
{
    if (n < 8) {
        cause[n] = f->mcause;
        tval[n] = f->mtval;
    }
    n++;
    if (f->mcause == 1)
        f->mepc = f->x[1];
    else
        f->mepc += rt_insn_len(f->mepc);
}

int main(void)
{
    ro[0] = 42;
    nx[0] = 0x00008067;                 /* ret */
    rt_set_trap_handler(on_trap);
    pmp_set_addr(0, pmp_napot((uintptr_t)ro, 4096));
    pmp_set_addr(1, pmp_napot((uintptr_t)nx, 4096));
    pmp_set_cfg(0, PMP_NAPOT | PMP_R | PMP_L);
    pmp_set_cfg(1, PMP_NAPOT | PMP_R | PMP_W | PMP_L);

    rt_check("M load from locked R region", *(volatile uint32_t *)ro, 42);
    rt_check("  no fault", n, 0);
    *(volatile uint32_t *)&ro[1] = 5;
    rt_check("M store to locked R region faults", n, 1);
    rt_check("  mcause", cause[0], 7);
    rt_check("  mtval", tval[0], (uint32_t)(uintptr_t)&ro[1]);
    rt_check("  not written", ro[1], 0);
    *(volatile uint32_t *)&nx[1] = 6;
    rt_check("M store to locked RW region", nx[1], 6);
    ((void (*)(void))(uintptr_t)nx)();
    rt_check("M fetch from locked non-X region faults", n, 2);
    rt_check("  mcause", cause[1], 1);
    rt_check("  mtval", tval[1], (uint32_t)(uintptr_t)nx);

    /* Locked entries ignore writes. */
    uint32_t cfg = rt_csr_read(pmpcfg0);
    rt_check("cfg0 bytes 0-1", cfg & 0xffff, 0x9b99);
    pmp_set_cfg(0, PMP_NAPOT | PMP_R | PMP_W | PMP_X);
    rt_check("locked cfg unchanged", rt_csr_read(pmpcfg0) & 0xffff, 0x9b99);
    uint32_t a0 = pmp_get_addr(0);
    pmp_set_addr(0, 0x12345678);
    rt_check("locked pmpaddr unchanged", pmp_get_addr(0), a0);
    /* An unlocked entry next to them still takes writes. */
    pmp_set_addr(2, 0x2000);
    pmp_set_cfg(2, PMP_NA4 | PMP_R);
    rt_check("unlocked pmpaddr2 written", pmp_get_addr(2), 0x2000);
    rt_check("unlocked cfg2 written", (rt_csr_read(pmpcfg0) >> 16) & 0xff, PMP_NA4 | PMP_R);
    *(volatile uint32_t *)&ro[2] = 7;
    rt_check("still enforced", n, 3);
    /* No other region is locked: M mode keeps running (stack, UART). */
    return rt_done();
}
