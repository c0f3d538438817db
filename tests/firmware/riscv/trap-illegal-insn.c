/* Illegal instructions raise mcause 2 with mepc at the instruction and
 * mtval = the instruction bits (as QEMU 7.2 sets them): an all-ones word,
 * the all-zero 16-bit parcel, a custom-0 opcode, a reserved compressed
 * form, a write to a read-only CSR, an unknown CSR, and unknown funct
 * fields in OP and LOAD. */
#include "traptest.h"

int main(void)
{
    rt_set_trap_handler(tt_skip_handler);
    TT_EXPECT("all ones", ".word 0xffffffff", 2, 0xffffffff);
    TT_EXPECT("zero parcel", ".half 0x0000", 2, 0);
    TT_EXPECT("custom-0", ".word 0x0000000b", 2, 0x0000000b);
    TT_EXPECT("c.lwsp rd=0 (reserved)", ".half 0x4002", 2, 0x4002);
    TT_EXPECT("csrw mvendorid (read-only)", "csrw mvendorid, zero", 2, 0xf1101073);
    TT_EXPECT("csrr unknown csr 0x7c5", "csrr a5, 0x7c5", 2, 0x7c5027f3);
    TT_EXPECT("OP funct7=0x40 with funct3=1", ".word 0x40c59533", 2, 0x40c59533);
    TT_EXPECT("LOAD funct3=3 (ld on rv32)", ".word 0x0005b503", 2, 0x0005b503);
    TT_EXPECT("STORE funct3=3 (sd on rv32)", ".word 0x00a5b023", 2, 0x00a5b023);
    /* After all that, execution continues normally. */
    rt_check("still running", 1, 1);
    return rt_done();
}
