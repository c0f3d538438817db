/* FPv4-SP register transfers and the FP system registers (Cortex-M4F,
 * mps2-an386): VLDR/VSTR (single, double, literal), VLDM/VSTM/VPUSH/VPOP
 * with write-back, VMOV core<->S, two cores<->two S / D, immediate,
 * VMRS APSR_nzcv; CPACR access control (ARMv7-M ARM B3.2.20: 00 denied,
 * 01 privileged only: UsageFault NOCP, CFSR bit 19), an UNDEFINED
 * encoding of the FP space (double precision) with and without access,
 * an exception return into an extended frame with access denied (NOCP on
 * the same frame, then the retried return pops S0),
 * an unaligned VLDR (UNALIGNED), and CPUID, MVFR0/1, FPCCR, FPDSCR. */
#include "faults.h"

#define CPACR  0xe000ed88u
#define FPCCR  0xe000ef34u
#define FPCAR  0xe000ef38u
#define FPDSCR 0xe000ef3cu
#define MVFR0  0xe000ef40u
#define MVFR1  0xe000ef44u

static volatile uint32_t mem[16] __attribute__((aligned(8)));

static void set_cpacr(uint32_t v)
{
    RT_MMIO32(CPACR) = v;
    rt_isb();
}

static void svc_priv(RtExcFrame *f, uint32_t exc, uint32_t exc_return)
{
    (void)f; (void)exc; (void)exc_return;
    uint32_t c;
    __asm__ volatile("mrs %0, control\n\tbic %0, %0, #1\n\tmsr control, %0" : "=&r"(c));
}

/* An SVC handler that uses the FPU (the lazy frame gets S0-S15) and then
 * denies FP access: the return that pops the extended frame fails
 * CheckVFPEnabled (B1.5.8 PopStack): UsageFault NOCP on the same frame. */
static void svc_fp_off(RtExcFrame *f, uint32_t exc, uint32_t exc_return)
{
    (void)f; (void)exc; (void)exc_return;
    __asm__ volatile("vmov.f32 s0, #-2.0" ::: "s0");
    set_cpacr(0);
}

static volatile uint32_t nocp_count, nocp_cfsr, nocp_lr;

static void nocp_on_return(RtExcFrame *f, uint32_t exc, uint32_t exc_return)
{
    (void)f; (void)exc;
    nocp_count++;
    nocp_cfsr = RT_MMIO32(SCB_CFSR);
    nocp_lr = exc_return;
    RT_MMIO32(SCB_CFSR) = nocp_cfsr;
    set_cpacr(0x00f00000u);                 /* the retried return succeeds */
}

int main(void)
{
    fault_install();
    RT_MMIO32(SCB_SHCSR) |= SHCSR_USGFAULTENA;
    rt_check("CPUID (Cortex-M4 r0p0)", RT_MMIO32(SCB_CPUID), 0x410fc240);
    rt_check("MVFR0", RT_MMIO32(MVFR0), 0x10110021);
    rt_check("MVFR1", RT_MMIO32(MVFR1), 0x11000011);
    rt_check("CPACR (start.S: cp10/cp11 full)", RT_MMIO32(CPACR), 0x00f00000);
    rt_check("FPCCR reset: ASPEN LSPEN", RT_MMIO32(FPCCR), 0xc0000000);

    /* VMOV immediate; MSR CONTROL writes FPCA, an FP insn sets it (ASPEN) */
    uint32_t a, b, c0, c1;
    __asm__ volatile("mrs %2, control\n\tbic %2, %2, #4\n\tmsr control, %2\n\tisb\n\t"
                     "mrs %2, control\n\tvmov.f32 s3, #-1.5\n\tmrs %3, control\n\tvmov %0, s3"
                     : "=r"(a), "=r"(b), "=&r"(c0), "=&r"(c1) :: "s3");
    rt_check("vmov.f32 #-1.5", a, 0xbfc00000);
    rt_check("CONTROL.FPCA cleared by MSR", c0, 0);
    rt_check("CONTROL.FPCA set by the FP insn", c1, 4);
    __asm__ volatile("vmov.f32 s31, #31.0\n\tvmov %0, s31" : "=r"(a) :: "s31");
    rt_check("vmov.f32 s31 #31", a, 0x41f80000);
    __asm__ volatile("vmov s4, s5, %2, %3\n\tvmov %0, %1, s4, s5"
                     : "=r"(a), "=r"(b) : "r"(0x11111111u), "r"(0x22222222u) : "s4", "s5");
    rt_check("vmov s4,s5 <- r,r -> r", a, 0x11111111);
    rt_check(" second", b, 0x22222222);
    __asm__ volatile("vmov d3, %2, %3\n\tvmov %0, s7\n\tvmov %1, s6"
                     : "=r"(a), "=r"(b) : "r"(0x33333333u), "r"(0x44444444u) : "s6", "s7");
    rt_check("vmov d3 <- r,r: s7 = high", a, 0x44444444);
    rt_check(" s6 = low", b, 0x33333333);
    __asm__ volatile("vmov.f32 s8, s3\n\tvmov %0, s8" : "=r"(a) :: "s8");
    rt_check("vmov.f32 s8, s3", a, 0xbfc00000);

    /* VSTR/VLDR, single and double, offsets +/- */
    for (unsigned i = 0; i < 16; i++)
        mem[i] = 0xa0000000u + i;
    __asm__ volatile("vldr s0, [%2, #8]\n\tvldr d1, [%2, #16]\n\tvmov %0, s0\n\tvmov %1, s3"
                     : "=r"(a), "=r"(b) : "r"(mem) : "s0", "s2", "s3", "memory");
    rt_check("vldr s0 [#8]", a, 0xa0000002);
    rt_check("vldr d1 [#16] -> s3", b, 0xa0000005);
    __asm__ volatile("vmov s10, %1\n\tvstr s10, [%0, #-4]" :: "r"(&mem[4]), "r"(0x5555aaaau) : "s10", "memory");
    rt_check("vstr s10 [#-4]", mem[3], 0x5555aaaa);
    __asm__ volatile("vmov d6, %1, %2\n\tvstr d6, [%0, #40]" :: "r"(mem), "r"(0x1u), "r"(0x2u) : "s12", "s13", "memory");
    rt_check("vstr d6 low", mem[10], 1);
    rt_check("vstr d6 high", mem[11], 2);
    __asm__ volatile("vldr s9, 1f\n\tvmov %0, s9\n\tb 2f\n\t.align 2\n1:\t.word 0xcafef00d\n2:"
                     : "=r"(a) :: "s9");
    rt_check("vldr literal", a, 0xcafef00d);

    /* VSTM/VLDM with write-back, DB form, VPUSH/VPOP */
    uint32_t *p = (uint32_t *)&mem[0];
    __asm__ volatile("vmov s16, %1\n\tvmov s17, %2\n\tvmov s18, %3\n\tvstmia %0!, {s16-s18}"
                     : "+r"(p) : "r"(0x16u), "r"(0x17u), "r"(0x18u) : "s16", "s17", "s18", "memory");
    rt_check("vstmia wb", (uint32_t)(p - (uint32_t *)mem), 3);
    rt_check(" [0]", mem[0], 0x16);
    rt_check(" [2]", mem[2], 0x18);
    __asm__ volatile("vldmdb %0!, {s20-s22}\n\tvmov %1, s20\n\tvmov %2, s22"
                     : "+r"(p), "=r"(a), "=r"(b) :: "s20", "s21", "s22", "memory");
    rt_check("vldmdb wb", (uint32_t)(p - (uint32_t *)mem), 0);
    rt_check(" s20", a, 0x16);
    rt_check(" s22", b, 0x18);
    p = (uint32_t *)&mem[8];
    __asm__ volatile("vstmdb %0!, {d8-d9}" : "+r"(p) :: "memory");
    rt_check("vstmdb d8-d9 wb", (uint32_t)(p - (uint32_t *)mem), 4);
    rt_check(" [4] = s16", mem[4], 0x16);
    rt_check(" [6] = s18", mem[6], 0x18);
    __asm__ volatile("vldmia %0, {d12-d13}\n\tvmov %1, s25\n\tvmov %2, s27"
                     : : "r"(&mem[4]), "r"(0), "r"(0) : "s24", "s25", "s26", "s27");
    __asm__ volatile("vmov %0, s25\n\tvmov %1, s26" : "=r"(a), "=r"(b));
    rt_check("vldmia d12-d13 (no wb): s25", a, 0x17);
    rt_check(" s26", b, 0x18);
    uint32_t sp0, sp1;
    __asm__ volatile("mov %0, sp\n\tvmov s0, %3\n\tvmov s1, %4\n\tvpush {s0-s1}\n\t"
                     "vmov s0, %5\n\tvmov s1, %5\n\tmov %1, sp\n\tvpop {s0-s1}\n\tvmov %2, s1\n\t"
                     : "=&r"(sp0), "=&r"(sp1), "=&r"(a) : "r"(7u), "r"(8u), "r"(0u) : "s0", "s1", "memory");
    rt_check("vpush moves sp by 8", sp0 - sp1, 8);
    rt_check("vpop restores s1", a, 8);

    /* VMRS APSR_nzcv after VCMP; Q is kept */
    __asm__ volatile("msr APSR_nzcvq, %2\n\tvmov.f32 s0, #1.0\n\tvmov.f32 s1, #2.0\n\t"
                     "vcmp.f32 s1, s0\n\tvmrs APSR_nzcv, fpscr\n\tmrs %0, apsr\n\tvmrs %1, fpscr"
                     : "=r"(a), "=r"(b) : "r"(0xf8000000u) : "s0", "s1", "cc");
    rt_check("vmrs APSR_nzcv (2 > 1: C) and Q kept", a & 0xf8000000u, 0x28000000);
    rt_check("fpscr nzcv", b & 0xf0000000u, 0x20000000);

    /* FPDSCR: the FPSCR of a new FP context (CONTROL.FPCA = 0, ASPEN) */
    RT_MMIO32(FPDSCR) = 0x07c00000u;
    rt_check("FPDSCR AHP DN FZ RMode", RT_MMIO32(FPDSCR), 0x07c00000);
    __asm__ volatile("mrs %0, control\n\tbic %0, %0, #4\n\tmsr control, %0\n\tisb\n\t"
                     "vmrs %1, fpscr" : "=&r"(a), "=r"(b));
    rt_check("FPSCR = FPDSCR after FPCA cleared (NZCV, flags 0)", b, 0x07c00000);
    RT_MMIO32(FPDSCR) = 0;
    __asm__ volatile("vmsr fpscr, %0" :: "r"(0u));

    /* an unaligned VLDR: UsageFault UNALIGNED */
    fault_reset();
    __asm__ volatile("vldr s0, [%0]" :: "r"((uintptr_t)mem + 2) : "s0");
    rt_check("unaligned vldr: UsageFault", fault.exc, EXC_USAGEFAULT);
    rt_check(" CFSR UNALIGNED", fault.cfsr, CFSR_UNALIGNED);

    /* double precision is UNDEFINED on FPv4-SP */
    fault_reset();
    __asm__ volatile(".inst.w 0xee300b01" ::: "memory");    /* vadd.f64 d0, d0, d1 */
    rt_check("vadd.f64: UNDEFINSTR", fault.cfsr, CFSR_UNDEFINSTR);

    /* an exception return into an extended frame with FP access denied */
    rt_set_handler(EXC_SVC, svc_fp_off);
    rt_set_handler(EXC_USAGEFAULT, nocp_on_return);
    __asm__ volatile("vmov.f32 s0, #1.5\n\tsvc #2\n\tvmov %0, s0" : "=r"(a) :: "s0", "memory");
    rt_check("return with CPACR=0: one UsageFault", nocp_count, 1);
    rt_check(" CFSR NOCP", nocp_cfsr, CFSR_NOCP);
    rt_check(" taken on the SVC's frame (EXC_RETURN)", nocp_lr, 0xffffffe9);
    rt_check(" then S0 popped", a, 0x3fc00000);
    fault_install();

    /* CPACR: access denied */
    set_cpacr(0);
    fault_reset();
    __asm__ volatile("vmov.f32 s0, #1.0" ::: "s0");
    rt_check("CPACR=0: vmov faults", fault.count, 1);
    rt_check(" UsageFault", fault.exc, EXC_USAGEFAULT);
    rt_check(" CFSR NOCP", fault.cfsr, CFSR_NOCP);
    fault_reset();
    __asm__ volatile("vmrs %0, fpscr" : "=r"(a));
    rt_check("CPACR=0: vmrs NOCP", fault.cfsr, CFSR_NOCP);
    fault_reset();
    __asm__ volatile(".inst.w 0xee300b01" ::: "memory");
    rt_check("CPACR=0: vadd.f64 NOCP first", fault.cfsr, CFSR_NOCP);
    fault_reset();
    __asm__ volatile("vldr s0, [%0]" :: "r"((uintptr_t)mem + 2) : "s0");
    rt_check("CPACR=0: unaligned vldr NOCP first", fault.cfsr, CFSR_NOCP);
    /* 01: privileged only */
    set_cpacr(0x00500000u);
    fault_reset();
    __asm__ volatile("vmov.f32 s0, #1.0\n\tvmov %0, s0" : "=r"(a) :: "s0");
    rt_check("CPACR=01 privileged: allowed", fault.count, 0);
    rt_check(" value", a, 0x3f800000);
    __asm__ volatile("mrs %0, control\n\torr %0, %0, #1\n\tmsr control, %0\n\tisb" : "=&r"(a));
    fault_reset();
    __asm__ volatile("vmov.f32 s0, #2.0" ::: "s0");
    rt_check("CPACR=01 unprivileged: NOCP", fault.cfsr, CFSR_NOCP);
    /* back to privileged Thread mode (semihosting exit needs it) */
    rt_set_handler(EXC_SVC, svc_priv);
    __asm__ volatile("svc #0\n\tisb" ::: "memory");
    rt_check("privileged again", rt_control() & 1, 0);
    return rt_done();
}
