/* Exception entry stacking: the 8-word frame is placed at an 8-byte
 * aligned address (CCR.STKALIGN = 1, set explicitly: its reset value is
 * implementation defined); when SP was only 4-byte aligned the frame is
 * one word lower and bit 9 of the stacked xPSR is set, and the return
 * restores the original SP (ARMv7-M ARM B1.5.7).  r0-r3, r12, lr and the
 * flags are restored from the frame; a handler's change to the stacked r0
 * and r1 is seen by the interrupted code. */
#include "rt.h"

static volatile uint32_t frame_addr, frame_xpsr, frame_r2, frame_r12, frame_lr;

static void on_svc(RtExcFrame *f, uint32_t exc, uint32_t r)
{
    (void)exc; (void)r;
    frame_addr = (uint32_t)(uintptr_t)f;
    frame_xpsr = f->xpsr;
    frame_r2 = f->r2;
    frame_r12 = f->r12;
    frame_lr = f->lr;
    f->r0 = f->r0 + 1;
    f->r1 = ~f->r1;
}

/* Runs SVC with SP = (current SP & ~7) - misalign; returns the SP seen
 * before the SVC in *sp_before and after it in *sp_after. */
static void svc_at(uint32_t misalign, uint32_t *sp_before, uint32_t *sp_after,
                   uint32_t *r0, uint32_t *r1, uint32_t *r3)
{
    register uint32_t a0 __asm__("r0") = 0x100;
    register uint32_t a1 __asm__("r1") = 0x0f0f0f0f;
    register uint32_t a3 __asm__("r3") = 0x33333333;
    uint32_t before, after;
    __asm__ volatile(
        "mov r4, sp\n\t"
        "bic r5, r4, #7\n\t"
        "sub r5, r5, %[mis]\n\t"
        "mov sp, r5\n\t"
        "mov %[before], sp\n\t"
        "ldr r2, =0x22222222\n\t"
        "ldr r12, =0xcccccccc\n\t"
        "ldr lr, =0x11111111\n\t"
        "svc #0\n\t"
        "mov %[after], sp\n\t"
        "mov sp, r4\n\t"
        : [before] "=&r"(before), [after] "=&r"(after), "+r"(a0), "+r"(a1), "+r"(a3)
        : [mis] "r"(misalign)
        : "r2", "r4", "r5", "r12", "lr", "memory");
    *sp_before = before;
    *sp_after = after;
    *r0 = a0;
    *r1 = a1;
    *r3 = a3;
}

int main(void)
{
    rt_set_handler(EXC_SVC, on_svc);
    RT_MMIO32(SCB_CCR) |= 1u << 9;
    rt_check("CCR.STKALIGN", (RT_MMIO32(SCB_CCR) >> 9) & 1, 1);
    uint32_t before, after, r0, r1, r3;

    svc_at(0, &before, &after, &r0, &r1, &r3);
    rt_check("aligned: frame = sp - 32", before - frame_addr, 32);
    rt_check("aligned: xpsr bit 9", (frame_xpsr >> 9) & 1, 0);
    rt_check("aligned: sp restored", after - before, 0);
    rt_check("stacked r2", frame_r2, 0x22222222);
    rt_check("stacked r12", frame_r12, 0xcccccccc);
    rt_check("stacked lr", frame_lr, 0x11111111);
    rt_check("r0 changed by handler", r0, 0x101);
    rt_check("r1 changed by handler", r1, 0xf0f0f0f0);
    rt_check("r3 kept", r3, 0x33333333);

    svc_at(4, &before, &after, &r0, &r1, &r3);
    rt_check("misaligned: sp mod 8", before & 7, 4);
    rt_check("misaligned: frame = sp - 36", before - frame_addr, 36);
    rt_check("misaligned: frame aligned", frame_addr & 7, 0);
    rt_check("misaligned: xpsr bit 9", (frame_xpsr >> 9) & 1, 1);
    rt_check("misaligned: sp restored", after - before, 0);
    rt_check("misaligned: r0", r0, 0x101);
    return rt_done();
}
