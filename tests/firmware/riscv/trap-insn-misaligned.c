/* Instruction-address alignment with the C extension present (IALIGN=16):
 * jalr and branches to a 4n+2 target execute there without a trap, jalr
 * clears bit 0 of an odd target, and misa.C cannot be turned off on this
 * cpu (QEMU 7.2 ignores misa writes), so instruction-address-misaligned
 * (mcause 0) is never raised: the test proves it stays that way. */
#include "traptest.h"

int main(void)
{
    rt_set_trap_handler(tt_skip_handler);
    tt_reset();
    uint32_t r = 0;
    /* A 4-byte aligned jalr to a target at 4n+2: the target is a c.li
     * placed after a 2-byte c.nop that starts at a 4-byte boundary. */
    __asm__ volatile(
        ".option push\n.option rvc\n"
        "la t0, 2f\n"
        "jalr x0, 0(t0)\n"
        ".balign 4\n"
        "c.nop\n"
        "2: c.li %0, 7\n"
        ".option pop\n"
        : "=r"(r) :: "t0");
    rt_check("jalr to 4n+2 target", r, 7);
    rt_check("  no trap", tt_count, 0);
    /* jalr to an odd address: bit 0 is cleared. */
    __asm__ volatile(
        "la t0, 3f\n"
        "addi t0, t0, 1\n"
        "li %0, 0\n"
        "jalr x0, 0(t0)\n"
        ".balign 4\n"
        "c.nop\n"
        "3: li %0, 9\n"
        : "=&r"(r) :: "t0");
    rt_check("jalr to odd target (4n+3)", r, 9);
    rt_check("  no trap", tt_count, 0);
    /* A branch whose target is at 4n+2. */
    __asm__ volatile(
        ".option push\n.option norvc\n"
        "li %0, 1\n"
        ".balign 4\n"
        "beq zero, zero, 4f\n"
        "li %0, 2\n"
        ".option rvc\n"
        "c.nop\n"
        "4: c.addi %0, 4\n"
        ".option pop\n"
        : "=&r"(r));
    rt_check("branch to 4n+2 target", r, 5);
    /* Try to clear misa.C: QEMU 7.2 keeps misa read-only (WARL). */
    uint32_t misa = rt_csr_read(misa);
    rt_csr_clear(misa, 1u << 2);
    rt_check("misa.C still set", (rt_csr_read(misa) >> 2) & 1, 1);
    rt_csr_write(misa, misa);
    rt_check("no trap at all", tt_count, 0);
    return rt_done();
}
