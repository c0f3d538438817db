/* SVC: the handler reads the SVC number from the instruction before the
 * stacked pc (SVC #imm8, encoding T1), takes its arguments from the
 * stacked r0-r3 and returns a result in the stacked r0.  IPSR = 11 in the
 * handler, EXC_RETURN = 0xfffffff9 (thread mode, MSP), the stacked xPSR
 * keeps the caller's flags; an SVC from a lower-priority handler
 * (PendSV) nests (EXC_RETURN 0xfffffff1).  An SVC that cannot be taken
 * because PRIMASK is set escalates to HardFault with HFSR.FORCED
 * (ARMv7-M ARM B1.5.4: a synchronous exception that cannot preempt). */
#include "rt.h"

static volatile uint32_t last_num, last_ipsr, last_excret, nsvc, pendsv_excret, pendsv_result;

static void on_svc(RtExcFrame *f, uint32_t exc, uint32_t exc_return)
{
    uint16_t insn = *(const uint16_t *)(uintptr_t)(f->pc - 2);
    uint32_t num = insn & 0xffu;
    nsvc++;
    last_num = num;
    last_ipsr = rt_ipsr();
    last_excret = exc_return;
    (void)exc;
    switch (num) {
    case 0: f->r0 = 0xc0ffee; break;
    case 1: f->r0 = f->r0 + f->r1; break;
    case 2: f->r0 = f->r0 * f->r1 + f->r2 - f->r3; break;
    case 0xff: f->r0 = (insn >> 8) & 0xff; break;      /* 0xdf: SVC opcode */
    default: f->r0 = 0xdead; break;
    }
}

#define SVC(n, a, b, c, d) ({ \
    register uint32_t r0_ __asm__("r0") = (a); \
    register uint32_t r1_ __asm__("r1") = (b); \
    register uint32_t r2_ __asm__("r2") = (c); \
    register uint32_t r3_ __asm__("r3") = (d); \
    __asm__ volatile("svc #" #n : "+r"(r0_) : "r"(r1_), "r"(r2_), "r"(r3_) : "memory"); \
    r0_; })

static volatile uint32_t nhardfault, hfsr_seen;

static void on_hardfault(RtExcFrame *f, uint32_t exc, uint32_t exc_return)
{
    (void)exc; (void)exc_return;
    nhardfault++;
    hfsr_seen = RT_MMIO32(SCB_HFSR);
    RT_MMIO32(SCB_HFSR) = hfsr_seen;
    f->r0 = 0x4a4a;                     /* the SVC returns this instead */
}

static void on_pendsv(RtExcFrame *f, uint32_t exc, uint32_t exc_return)
{
    (void)f; (void)exc;
    pendsv_excret = exc_return;
    pendsv_result = SVC(1, 40, 2, 0, 0);
}

int main(void)
{
    rt_set_handler(EXC_SVC, on_svc);
    rt_set_handler(EXC_PENDSV, on_pendsv);
    rt_check("svc 0", SVC(0, 0, 0, 0, 0), 0xc0ffee);
    rt_check(" num", last_num, 0);
    rt_check(" ipsr", last_ipsr, EXC_SVC);
    rt_check(" exc_return", last_excret, 0xfffffff9);
    rt_check("svc 1 (3+4)", SVC(1, 3, 4, 0, 0), 7);
    rt_check(" num", last_num, 1);
    rt_check("svc 2 (6*7+5-1)", SVC(2, 6, 7, 5, 1), 46);
    rt_check("svc 255", SVC(255, 0, 0, 0, 0), 0xdf);
    rt_check("svc 77", SVC(77, 0, 0, 0, 0), 0xdead);
    rt_check(" num", last_num, 77);
    rt_check("svc count", nsvc, 5);
    /* Flags survive the SVC (restored from the stacked xPSR). */
    uint32_t flags;
    __asm__ volatile("msr APSR_nzcvq, %1\n\tsvc #0\n\tmrs %0, apsr"
                     : "=r"(flags) : "r"(0x90000000u) : "r0", "memory");
    rt_check("flags across svc", flags & 0xf8000000u, 0x90000000);
    /* SVC (priority 0) from within PendSV (lowest priority). */
    rt_shpr_set(EXC_PENDSV, 0xe0);
    RT_MMIO32(SCB_ICSR) = ICSR_PENDSVSET;
    rt_isb();
    rt_check("pendsv exc_return", pendsv_excret, 0xfffffff9);
    rt_check("svc in pendsv", pendsv_result, 42);
    rt_check(" exc_return (nested)", last_excret, 0xfffffff1);
    rt_check(" ipsr", last_ipsr, EXC_SVC);
    rt_check("ipsr back in thread", rt_ipsr(), 0);
    /* SVC with PRIMASK set: HardFault instead. */
    rt_set_handler(EXC_HARDFAULT, on_hardfault);
    uint32_t before = nsvc;
    rt_irq_disable();
    uint32_t r = SVC(1, 1, 1, 0, 0);
    rt_irq_enable();
    rt_check("svc under primask: hardfault", nhardfault, 1);
    rt_check(" HFSR.FORCED", hfsr_seen, HFSR_FORCED);
    rt_check(" svc handler not run", nsvc - before, 0);
    rt_check(" r0 from hardfault", r, 0x4a4a);
    return rt_done();
}
