/* ecall from M mode raises mcause 11 with mepc at the ecall and mtval 0;
 * ebreak raises mcause 3 with mepc at the ebreak and mtval 0 (QEMU 7.2
 * writes 0; the spec allows 0 or the pc).  Also c.ebreak, and registers survive the trap round trip. */
#include "traptest.h"

int main(void)
{
    rt_set_trap_handler(tt_skip_handler);
    TT_EXPECT("ecall", "ecall", 11, 0);
    rt_check("  MPP=M", tt_mpp, 3);
    TT_EXPECT("ebreak", ".option push\n.option norvc\nebreak\n.option pop", 3, 0);
    TT_EXPECT("c.ebreak", "c.ebreak", 3, 0);

    /* All callee-saved registers survive a trap. */
    register uint32_t s2 __asm__("s2") = 0x22222222;
    register uint32_t s11 __asm__("s11") = 0xbbbbbbbb;
    register uint32_t a7 __asm__("a7") = 0x77777777;
    __asm__ volatile("ecall" : "+r"(s2), "+r"(s11), "+r"(a7) :: "memory");
    rt_check("s2 kept", s2, 0x22222222);
    rt_check("s11 kept", s11, 0xbbbbbbbb);
    rt_check("a7 kept", a7, 0x77777777);
    /* mstatus after the mret: MIE restored from MPIE (0). */
    rt_check("mstatus.MIE after mret", rt_csr_read(mstatus) & 8, 0);
    return rt_done();
}
