/* Unaligned accesses: with CCR.UNALIGN_TRP clear, LDR/LDRH/STR/STRH to
 * unaligned addresses complete (little-endian values); LDRD, LDM and
 * LDREX at unaligned addresses always raise UsageFault UNALIGNED; with
 * UNALIGN_TRP set, LDR/STRH fault too while byte accesses do not
 * (ARMv7-M ARM A3.2). */
#include "faults.h"

static volatile uint8_t bytes[32] __attribute__((aligned(8)));
extern char ldrd_at[], ldm_at[], ldrex_at[], ldr_trp_at[], strh_trp_at[];

int main(void)
{
    fault_install();
    RT_MMIO32(SCB_SHCSR) |= SHCSR_USGFAULTENA;
    for (int i = 0; i < 32; i++)
        bytes[i] = (uint8_t)(0x10 + i);
    volatile uint8_t *b = bytes;
    uint32_t v;
    __asm__ volatile("ldr %0, [%1, #1]" : "=r"(v) : "r"(b));
    rt_check("ldr +1", v, 0x14131211);
    __asm__ volatile("ldrh %0, [%1, #3]" : "=r"(v) : "r"(b));
    rt_check("ldrh +3", v, 0x1413);
    __asm__ volatile("ldrsh %0, [%1, #7]" : "=r"(v) : "r"(b));
    rt_check("ldrsh +7", v, 0x1817);
    __asm__ volatile("str %0, [%1, #9]" :: "r"(0xa1b2c3d4u), "r"(b) : "memory");
    rt_check("str +9 byte 9", b[9], 0xd4);
    rt_check("str +9 byte 12", b[12], 0xa1);
    rt_check("str +9 byte 13", b[13], 0x1d);
    rt_check("no fault", fault.count, 0);

    uint32_t lo = 0x55, hi = 0x66;
    fault_reset();
    __asm__ volatile(".global ldrd_at\nldrd_at: ldrd %0, %1, [%2, #4]"
                     : "+r"(lo), "+r"(hi) : "r"(b + 2) : "memory");
    rt_check("ldrd unaligned count", fault.count, 1);
    rt_check("ldrd CFSR", fault.cfsr, CFSR_UNALIGNED);
    rt_check("ldrd pc", fault.pc, (uint32_t)(uintptr_t)ldrd_at);
    fault_reset();
    __asm__ volatile("mov r0, %0\n.global ldm_at\nldm_at: ldm r0, {r1, r2}"
                     :: "r"(b + 1) : "r0", "r1", "r2", "memory");
    rt_check("ldm unaligned count", fault.count, 1);
    rt_check("ldm CFSR", fault.cfsr, CFSR_UNALIGNED);
    rt_check("ldm pc", fault.pc, (uint32_t)(uintptr_t)ldm_at);
    fault_reset();
    __asm__ volatile(".global ldrex_at\nldrex_at: ldrex %0, [%1]" : "=r"(v) : "r"(b + 2) : "memory");
    rt_check("ldrex unaligned count", fault.count, 1);
    rt_check("ldrex CFSR", fault.cfsr, CFSR_UNALIGNED);
    rt_check("ldrex pc", fault.pc, (uint32_t)(uintptr_t)ldrex_at);
    __asm__ volatile("clrex");

    RT_MMIO32(SCB_CCR) |= CCR_UNALIGN_TRP;
    rt_check("CCR.UNALIGN_TRP", RT_MMIO32(SCB_CCR) & CCR_UNALIGN_TRP, CCR_UNALIGN_TRP);
    fault_reset();
    __asm__ volatile(".global ldr_trp_at\nldr_trp_at: ldr %0, [%1, #1]" : "=r"(v) : "r"(b) : "memory");
    rt_check("trp ldr count", fault.count, 1);
    rt_check("trp ldr exc", fault.exc, EXC_USAGEFAULT);
    rt_check("trp ldr CFSR", fault.cfsr, CFSR_UNALIGNED);
    rt_check("trp ldr pc", fault.pc, (uint32_t)(uintptr_t)ldr_trp_at);
    fault_reset();
    __asm__ volatile(".global strh_trp_at\nstrh_trp_at: strh %0, [%1, #5]" :: "r"(0xeeeeu), "r"(b) : "memory");
    rt_check("trp strh count", fault.count, 1);
    rt_check("trp strh CFSR", fault.cfsr, CFSR_UNALIGNED);
    rt_check("trp strh pc", fault.pc, (uint32_t)(uintptr_t)strh_trp_at);
    rt_check("trp strh no write", b[5], 0x15);
    fault_reset();
    __asm__ volatile("ldrb %0, [%1, #3]" : "=r"(v) : "r"(b));
    rt_check("trp ldrb ok", v, 0x13);
    __asm__ volatile("ldr %0, [%1, #4]" : "=r"(v) : "r"(b));
    rt_check("trp aligned ldr", v, 0x17161514);
    rt_check("trp no fault", fault.count, 0);
    RT_MMIO32(SCB_CCR) &= ~CCR_UNALIGN_TRP;
    return rt_done();
}
