/* sll/srl/sra and their immediate forms: amounts 0, 1, 31, and register
 * amounts whose upper bits must be ignored (only rs2[4:0] counts). */
#include "insn.h"
#include "rt.h"

#define RR INSN_RR
#define RI INSN_RI

int main(void)
{
    rt_check("sll 0", RR(sll, 0x80000001, 0), 0x80000001);
    rt_check("sll 1", RR(sll, 0x80000001, 1), 2);
    rt_check("sll 31", RR(sll, 3, 31), 0x80000000);
    rt_check("sll 32->0", RR(sll, 0x1234, 32), 0x1234);
    rt_check("sll 33->1", RR(sll, 0x1234, 33), 0x2468);
    rt_check("sll -1->31", RR(sll, 1, 0xffffffff), 0x80000000);
    rt_check("srl 1", RR(srl, 0x80000000, 1), 0x40000000);
    rt_check("srl 31", RR(srl, 0x80000000, 31), 1);
    rt_check("srl 0xffe0 -> 0", RR(srl, 0x80000000, 0xffe0), 0x80000000);
    rt_check("sra 1", RR(sra, 0x80000000, 1), 0xc0000000);
    rt_check("sra 31", RR(sra, 0x80000000, 31), 0xffffffff);
    rt_check("sra pos", RR(sra, 0x7fffffff, 30), 1);
    rt_check("sra 63->31", RR(sra, 0x40000000, 63), 0);
    rt_check("slli 0", RI(slli, 0xdeadbeef, 0), 0xdeadbeef);
    rt_check("slli 4", RI(slli, 0xdeadbeef, 4), 0xeadbeef0);
    rt_check("slli 31", RI(slli, 0xdeadbeef, 31), 0x80000000);
    rt_check("srli 4", RI(srli, 0xdeadbeef, 4), 0x0deadbee);
    rt_check("srli 31", RI(srli, 0xdeadbeef, 31), 1);
    rt_check("srai 4", RI(srai, 0xdeadbeef, 4), 0xfdeadbee);
    rt_check("srai 31", RI(srai, 0xdeadbeef, 31), 0xffffffff);
    rt_check("srai pos 8", RI(srai, 0x7eadbeef, 8), 0x007eadbe);
    return rt_done();
}
