/* System control block and NVIC registers: CPUID implementer and part
 * number (Arm, Cortex-M3 = 0xc23); AIRCR reads VECTKEYSTAT = 0xfa05 and
 * ignores writes without VECTKEY; ICTR.INTLINESNUM = 0 (32 IRQs on
 * AN385); SHCSR active bits inside SVCall and PendSV handlers; CFSR/HFSR
 * zero at reset; ISER/ICER set/clear read-back.
 *
 * Where QEMU 7.2 differs from the AN385 hardware the test checks only
 * what both satisfy:
 * - priority registers: the AN385 Cortex-M3 implements 3 priority bits
 *   (writing 0xff to an IPR byte reads back 0xe0, ARMv7-M ARM B3.4.9);
 *   QEMU implements 8 and reads 0xff: only bits [7:5] are checked.
 * - CPUID variant/revision: QEMU reports r0p1 (0x410fc231); not checked.
 * - DWT: on the Cortex-M3, with DEMCR.TRCENA and DWT_CTRL.CYCCNTENA set,
 *   DWT_CYCCNT counts processor cycles (ARMv7-M ARM C1.8.8; expected:
 *   a later read larger than an earlier one); QEMU 7.2 implements no DWT
 *   (reads as 0): not checked. */
#include "rt.h"

static volatile uint32_t shcsr_in_svc, shcsr_in_pendsv;

static void on_svc(RtExcFrame *f, uint32_t exc, uint32_t r)
{
    (void)f; (void)exc; (void)r;
    shcsr_in_svc = RT_MMIO32(SCB_SHCSR);
    RT_MMIO32(SCB_ICSR) = ICSR_PENDSVSET;   /* runs after this handler */
    rt_isb();
}

static void on_pendsv(RtExcFrame *f, uint32_t exc, uint32_t r)
{
    (void)f; (void)exc; (void)r;
    shcsr_in_pendsv = RT_MMIO32(SCB_SHCSR);
}

int main(void)
{
    uint32_t cpuid = RT_MMIO32(SCB_CPUID);
    rt_check("CPUID implementer", cpuid >> 24, 0x41);
    rt_check("CPUID architecture", (cpuid >> 16) & 0xf, 0xf);
    rt_check("CPUID partno", (cpuid >> 4) & 0xfff, 0xc23);
    rt_check("AIRCR VECTKEYSTAT", RT_MMIO32(SCB_AIRCR) >> 16, 0xfa05);
    RT_MMIO32(SCB_AIRCR) = 0x12340000u | (3u << 8);     /* wrong key */
    rt_check("AIRCR write without key ignored", (RT_MMIO32(SCB_AIRCR) >> 8) & 7, 0);
    rt_check("ICTR INTLINESNUM", RT_MMIO32(0xe000e004u) & 0xf, 0);
    rt_check("CFSR at reset", RT_MMIO32(SCB_CFSR), 0);
    rt_check("HFSR at reset", RT_MMIO32(SCB_HFSR), 0);
    rt_check("SHCSR at reset", RT_MMIO32(SCB_SHCSR), 0);

    RT_MMIO8(NVIC_IPR + 30) = 0xff;
    rt_check("IPR 0xff top bits", RT_MMIO8(NVIC_IPR + 30) & 0xe0u, 0xe0);
    RT_MMIO8(NVIC_IPR + 30) = 0x5f;
    rt_check("IPR 0x5f top bits", RT_MMIO8(NVIC_IPR + 30) & 0xe0u, 0x40);
    RT_MMIO32(SCB_SHPR2) = 0xa0000000u;
    rt_check("SHPR2 SVCall top bits", RT_MMIO32(SCB_SHPR2) >> 29, 5);
    RT_MMIO32(SCB_SHPR2) = 0;

    RT_MMIO32(NVIC_ISER) = 0x00f00000u;
    rt_check("ISER set", RT_MMIO32(NVIC_ISER) & 0x00f00000u, 0x00f00000);
    rt_check("ICER reads enables", RT_MMIO32(NVIC_ICER) & 0x00f00000u, 0x00f00000);
    RT_MMIO32(NVIC_ICER) = 0x00500000u;
    rt_check("ICER cleared two", RT_MMIO32(NVIC_ISER) & 0x00f00000u, 0x00a00000);
    RT_MMIO32(NVIC_ICER) = 0xffffffffu;
    rt_isb();

    rt_set_handler(EXC_SVC, on_svc);
    rt_set_handler(EXC_PENDSV, on_pendsv);
    __asm__ volatile("svc #0" ::: "memory");
    rt_check("SHCSR in SVC: SVCALLACT", shcsr_in_svc & 0xfffu, 1u << 7);
    rt_check("SHCSR in SVC: PENDSVACT clear", (shcsr_in_svc >> 10) & 1, 0);
    rt_check("SHCSR in PendSV: PENDSVACT", shcsr_in_pendsv & 0xfffu, 1u << 10);
    rt_check("SHCSR after", RT_MMIO32(SCB_SHCSR), 0);
    return rt_done();
}
