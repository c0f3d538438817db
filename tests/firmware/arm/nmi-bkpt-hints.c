/* NMI, BKPT and the hint instructions.
 * - NMI pended through ICSR.NMIPENDSET runs at once even with PRIMASK and
 *   FAULTMASK set, with IPSR = 2 and EXC_RETURN 0xfffffff9; an NMI pended
 *   from a HardFault handler preempts it (priority -2 above -1).
 * - BKPT other than the semihosting 0xAB, with no debugger: HardFault,
 *   stacked pc = the BKPT.  Architecturally (ARMv7-M ARM C1.7.1, B3.2.16)
 *   HFSR.DEBUGEVT (bit 31) and DFSR.BKPT (bit 1) are set; QEMU 7.2
 *   reports HFSR.FORCED and DFSR = 0 instead, so neither is checked.
 * - NOP, YIELD, SEV then WFE (returns at once: the event register was
 *   set), PLD, DMB/DSB/ISB execute without side effects. */
#include "rt.h"

static volatile uint32_t nnmi, nmi_ipsr, nmi_excret, nhf, hf_pc, nmi_in_hf, order[4], norder;

static void on_nmi(RtExcFrame *f, uint32_t exc, uint32_t exc_return)
{
    (void)f; (void)exc;
    nnmi++;
    nmi_ipsr = rt_ipsr();
    nmi_excret = exc_return;
    order[norder++ & 3] = 2;
}

static void on_hardfault(RtExcFrame *f, uint32_t exc, uint32_t exc_return)
{
    (void)exc; (void)exc_return;
    nhf++;
    hf_pc = f->pc;
    RT_MMIO32(SCB_HFSR) = RT_MMIO32(SCB_HFSR);
    RT_MMIO32(0xe000ed30u) = RT_MMIO32(0xe000ed30u);    /* DFSR */
    order[norder++ & 3] = 3;
    if (nmi_in_hf) {
        nmi_in_hf = 0;
        RT_MMIO32(SCB_ICSR) = 1u << 31;                 /* NMIPENDSET */
        rt_isb();
        order[norder++ & 3] = 0x33;
    }
    f->pc += 2;
}

extern char bkpt_at[], bkpt2_at[];

int main(void)
{
    rt_set_handler(EXC_NMI, on_nmi);
    rt_set_handler(EXC_HARDFAULT, on_hardfault);

    rt_irq_disable();
    __asm__ volatile("cpsid f" ::: "memory");
    RT_MMIO32(SCB_ICSR) = 1u << 31;
    rt_isb();
    uint32_t n = nnmi;
    __asm__ volatile("cpsie f" ::: "memory");
    rt_irq_enable();
    rt_check("nmi under primask+faultmask", n, 1);
    rt_check(" ipsr", nmi_ipsr, EXC_NMI);
    rt_check(" exc_return", nmi_excret, 0xfffffff9);
    rt_check(" NMIPENDSET clear", RT_MMIO32(SCB_ICSR) >> 31, 0);

    __asm__ volatile(".global bkpt_at\nbkpt_at: bkpt #1" ::: "memory");
    rt_check("bkpt #1: hardfault", nhf, 1);
    rt_check(" stacked pc", hf_pc, (uint32_t)(uintptr_t)bkpt_at);

    norder = 0;
    nmi_in_hf = 1;
    __asm__ volatile(".global bkpt2_at\nbkpt2_at: bkpt #2" ::: "memory");
    rt_check("nmi from hardfault: order 0", order[0], 3);
    rt_check("nmi from hardfault: order 1", order[1], 2);
    rt_check("nmi from hardfault: order 2", order[2], 0x33);
    rt_check(" nmi exc_return (nested)", nmi_excret, 0xfffffff1);

    uint32_t x = 5;
    __asm__ volatile("nop\n\tyield\n\tsev\n\twfe\n\tpld [%0]\n\tdmb\n\tdsb\n\tisb\n\tnop.w"
                     :: "r"(&x) : "memory");
    rt_check("hints done", x, 5);
    rt_check("no extra faults", nhf, 2);
    return rt_done();
}
