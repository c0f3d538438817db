/* MSP/PSP and CONTROL: CONTROL.SPSEL = 1 makes thread mode use the PSP
 * (SP reads PSP, pushes move PSP, MSP untouched); an exception taken from
 * there stacks on the PSP (EXC_RETURN 0xfffffffd) while the handler runs
 * on MSP with CONTROL.SPSEL reading 0.  CONTROL.nPRIV = 1 (unprivileged
 * thread mode): MSR CONTROL and CPSID are ignored, a load from the System
 * Control Space faults (BusFault PRECISERR, BFAR), as does a write to
 * NVIC_STIR unless CCR.USERSETMPEND is set, in which case it pends the
 * IRQ (ARMv7-M ARM B3.4.3, B3.2.8); SVC gets back to privileged (the
 * handler clears nPRIV). */
#include "faults.h"

static uint32_t pstack[128] __attribute__((aligned(8)));
static volatile uint32_t svc_excret, svc_ctrl, svc_frame, svc_msp_inside;

static void on_svc(RtExcFrame *f, uint32_t exc, uint32_t exc_return)
{
    (void)exc;
    svc_excret = exc_return;
    svc_ctrl = rt_control();
    svc_frame = (uint32_t)(uintptr_t)f;
    uint32_t msp;
    __asm__ volatile("mrs %0, msp" : "=r"(msp));
    svc_msp_inside = msp;
    if (f->r0 == 3)                         /* "set CCR.USERSETMPEND" */
        RT_MMIO32(SCB_CCR) |= 1u << 1;
    if (f->r0 == 0x1234) {                  /* "give me privilege back" */
        uint32_t c = rt_control() & ~1u;
        __asm__ volatile("msr control, %0\n\tisb" :: "r"(c));
    }
}

/* Calls fn in thread mode on the process stack (PSP = top, CONTROL =
 * SPSEL), then switches back to MSP privileged thread mode.  fn must
 * return privileged. */
void run_on_psp(void (*fn)(void), uint32_t top);
__asm__(
    ".text\n\t.thumb_func\n\t.type run_on_psp, %function\n"
    "run_on_psp:\n\t"
    "push {r4, lr}\n\t"
    "msr psp, r1\n\t"
    "movs r2, #2\n\t"
    "msr control, r2\n\t"
    "isb\n\t"
    "blx r0\n\t"
    "movs r2, #0\n\t"
    "msr control, r2\n\t"
    "isb\n\t"
    "pop {r4, pc}\n");

/* Results recorded on the PSP, checked back on the MSP. */
static volatile uint32_t r_excret1, r_svcctrl1, r_frame1, r_mspin1, r_ctrl_after;
static volatile uint32_t r_ctrl_npriv, r_ctrl_ignored, r_primask, r_fault_count;
static volatile uint32_t r_fault_exc, r_fault_cfsr, r_fault_bfar, r_ctrl_priv;
static volatile uint32_t r_excret2, r_svcctrl2, r_stir_fault, r_stir_bfar, r_stir_irqs;
static volatile uint32_t r_stir_ok_fault, r_stir_ok_irqs, nirq30;

static void on_irq30(RtExcFrame *f, uint32_t exc, uint32_t r)
{
    (void)f; (void)exc; (void)r;
    nirq30++;
}

static void on_psp(void)
{
    __asm__ volatile("movs r0, #0\n\tsvc #1" ::: "r0", "r1", "r2", "r3", "r12", "lr", "memory");
    r_excret1 = svc_excret;
    r_svcctrl1 = svc_ctrl;
    r_frame1 = svc_frame;
    r_mspin1 = svc_msp_inside;
    r_ctrl_after = rt_control();
    __asm__ volatile("movs r0, #3\n\tmsr control, r0\n\tisb" ::: "r0");
    r_ctrl_npriv = rt_control();
    __asm__ volatile("movs r0, #2\n\tmsr control, r0\n\tisb" ::: "r0");
    r_ctrl_ignored = rt_control();
    __asm__ volatile("cpsid i" ::: "memory");
    r_primask = rt_primask();
    fault_reset();
    volatile uint32_t v = RT_MMIO32(SCB_CPUID);
    (void)v;
    r_fault_count = fault.count;
    r_fault_exc = fault.exc;
    r_fault_cfsr = fault.cfsr;
    r_fault_bfar = fault.bfar;
    fault_reset();
    RT_MMIO32(NVIC_STIR) = 30;              /* USERSETMPEND clear: faults */
    rt_isb();
    r_stir_fault = fault.count;
    r_stir_bfar = fault.bfar;
    r_stir_irqs = nirq30;
    __asm__ volatile("movs r0, #3\n\tsvc #3" ::: "r0", "r1", "r2", "r3", "r12", "lr", "memory");
    fault_reset();
    RT_MMIO32(NVIC_STIR) = 30;              /* USERSETMPEND set: pends */
    rt_isb();
    r_stir_ok_fault = fault.count;
    r_stir_ok_irqs = nirq30;
    __asm__ volatile("ldr r0, =0x1234\n\tsvc #2" ::: "r0", "r1", "r2", "r3", "r12", "lr", "memory");
    r_ctrl_priv = rt_control();
    r_excret2 = svc_excret;
    r_svcctrl2 = svc_ctrl;
}

int main(void)
{
    fault_install();
    rt_set_handler(EXC_SVC, on_svc);
    rt_set_handler(EXC_IRQ(30), on_irq30);
    rt_nvic_enable(30);
    RT_MMIO32(SCB_SHCSR) |= SHCSR_BUSFAULTENA;
    rt_check("CONTROL at reset", rt_control(), 0);

    uint32_t top = (uint32_t)(uintptr_t)(pstack + 128);
    uint32_t msp0, msp1, psp1, sp1, psp2, ctrl1;
    __asm__ volatile("mrs %0, msp" : "=r"(msp0));
    /* All in one asm statement: C code must not run between the switches
     * (its frame is addressed through sp). */
    __asm__ volatile(
        "msr psp, %[top]\n\t"
        "movs r0, #2\n\t"
        "msr control, r0\n\t"
        "isb\n\t"
        "mrs %[ctrl1], control\n\t"
        "mov %[sp1], sp\n\t"
        "push {%[top]}\n\t"
        "mrs %[psp1], psp\n\t"
        "mrs %[msp1], msp\n\t"
        "pop {r0}\n\t"
        "mrs %[psp2], psp\n\t"
        "movs r0, #0\n\t"
        "msr control, r0\n\t"
        "isb\n\t"
        : [sp1] "=&r"(sp1), [psp1] "=&r"(psp1), [msp1] "=&r"(msp1), [psp2] "=&r"(psp2),
          [ctrl1] "=&r"(ctrl1)
        : [top] "r"(top) : "r0", "memory");
    rt_check("CONTROL SPSEL", ctrl1, 2);
    rt_check("sp = psp", sp1 - top, 0);
    rt_check("push moved psp", top - psp1, 4);
    rt_check("msp untouched", msp1 - msp0, 0);
    rt_check("pop restored psp", psp2 - top, 0);

    run_on_psp(on_psp, top);
    uint32_t sp2;
    __asm__ volatile("mrs %0, msp" : "=r"(sp2));
    rt_check("CONTROL back to 0", rt_control(), 0);
    rt_check("msp back", sp2 - msp0, 0);
    rt_check("svc exc_return (psp)", r_excret1, 0xfffffffd);
    rt_check("CONTROL in handler", r_svcctrl1, 0);
    rt_check("frame on psp", r_frame1 >= (uint32_t)(uintptr_t)pstack && r_frame1 < top, 1);
    rt_check("handler on msp", r_mspin1 < msp0, 1);
    rt_check("CONTROL after return", r_ctrl_after, 2);
    rt_check("CONTROL nPRIV", r_ctrl_npriv, 3);
    rt_check("msr control ignored", r_ctrl_ignored, 3);
    rt_check("cpsid ignored", r_primask, 0);
    rt_check("SCS load faults", r_fault_count, 1);
    rt_check(" exc", r_fault_exc, EXC_BUSFAULT);
    rt_check(" CFSR", r_fault_cfsr, CFSR_PRECISERR | CFSR_BFARVALID);
    rt_check(" BFAR", r_fault_bfar, SCB_CPUID);
    rt_check("unpriv STIR faults", r_stir_fault, 1);
    rt_check(" BFAR", r_stir_bfar, NVIC_STIR);
    rt_check(" no irq", r_stir_irqs, 0);
    rt_check("unpriv STIR with USERSETMPEND: no fault", r_stir_ok_fault, 0);
    rt_check(" irq 30 taken", r_stir_ok_irqs, 1);
    rt_check("privileged again", r_ctrl_priv, 2);
    rt_check("svc from unpriv exc_return", r_excret2, 0xfffffffd);
    rt_check("CONTROL in handler: nPRIV kept, SPSEL 0", r_svcctrl2, 1);
    return rt_done();
}
