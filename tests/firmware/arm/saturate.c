/* SSAT/USAT (with a shifted operand) and the sticky Q flag: set when a
 * value saturates, never cleared by a later non-saturating SSAT, cleared
 * only by MSR APSR_nzcvq.  NZCV are not changed by saturation. */
#include "rt.h"

#define SAT(insn, bits, a) ({ uint32_t r_; \
    __asm__ volatile(insn " %0, #" #bits ", %1" : "=r"(r_) : "r"((uint32_t)(a))); r_; })
#define Q() ((rt_apsr() >> 27) & 1)

static void clear_q(void)
{
    __asm__ volatile("msr APSR_nzcvq, %0" :: "r"(0u));
}

int main(void)
{
    clear_q();
    rt_check("ssat8 100", SAT("ssat", 8, 100), 100);
    rt_check(" q", Q(), 0);
    rt_check("ssat8 200", SAT("ssat", 8, 200), 127);
    rt_check(" q", Q(), 1);
    rt_check("ssat8 -5 (q sticky)", SAT("ssat", 8, -5), 0xfffffffb);
    rt_check(" q", Q(), 1);
    clear_q();
    rt_check("ssat8 -129", SAT("ssat", 8, -129), 0xffffff80);
    rt_check(" q", Q(), 1);
    clear_q();
    rt_check("ssat1 -1", SAT("ssat", 1, -1), 0xffffffff);
    rt_check("ssat1 1", SAT("ssat", 1, 1), 0);
    rt_check(" q", Q(), 1);
    clear_q();
    rt_check("ssat32 max", SAT("ssat", 32, 0x80000000u), 0x80000000);
    rt_check("ssat16 0x12345", SAT("ssat", 16, 0x12345), 0x7fff);
    rt_check(" q", Q(), 1);
    clear_q();
    rt_check("usat8 255", SAT("usat", 8, 255), 255);
    rt_check(" q", Q(), 0);
    rt_check("usat8 256", SAT("usat", 8, 256), 255);
    rt_check(" q", Q(), 1);
    clear_q();
    rt_check("usat8 -1", SAT("usat", 8, -1), 0);
    rt_check(" q", Q(), 1);
    clear_q();
    rt_check("usat0 5", SAT("usat", 0, 5), 0);
    rt_check("usat31 -1", SAT("usat", 31, -1), 0);
    rt_check("usat31 big", SAT("usat", 31, 0x7fffffff), 0x7fffffff);
    clear_q();
    uint32_t r;
    __asm__ volatile("ssat %0, #8, %1, lsl #4" : "=r"(r) : "r"(7u));
    rt_check("ssat8 lsl4 7", r, 112);
    __asm__ volatile("ssat %0, #8, %1, asr #4" : "=r"(r) : "r"(0xfffff000u));
    rt_check("ssat8 asr4", r, 0xffffff80);
    rt_check(" q", Q(), 1);
    clear_q();
    __asm__ volatile("usat %0, #4, %1, asr #1" : "=r"(r) : "r"(30u));
    rt_check("usat4 asr1 30", r, 15);
    rt_check(" q", Q(), 0);
    /* Saturation leaves NZCV alone. */
    uint32_t flags;
    __asm__ volatile("msr APSR_nzcvq, %2\n\tssat %0, #4, %3\n\tmrs %1, apsr"
                     : "=r"(r), "=r"(flags) : "r"(0xa0000000u), "r"(100u));
    rt_check("ssat4 100", r, 7);
    rt_check(" apsr", flags & 0xf8000000u, 0xa8000000);
    clear_q();
    return rt_done();
}
