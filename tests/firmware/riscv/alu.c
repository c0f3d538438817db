/* Every RV32I register-register and register-immediate ALU instruction with
 * edge values (0, 1, -1, INT_MIN, INT_MAX, sign boundaries), each result
 * compared with the value the ISA manual defines. */
#include "insn.h"
#include "rt.h"

#define RR INSN_RR
#define RI INSN_RI

int main(void)
{
    rt_check("add 1+1", RR(add, 1, 1), 2);
    rt_check("add max+1", RR(add, 0x7fffffff, 1), 0x80000000);
    rt_check("add -1+-1", RR(add, 0xffffffff, 0xffffffff), 0xfffffffe);
    rt_check("add wrap", RR(add, 0x80000000, 0x80000000), 0);
    rt_check("sub 0-1", RR(sub, 0, 1), 0xffffffff);
    rt_check("sub min-1", RR(sub, 0x80000000, 1), 0x7fffffff);
    rt_check("sub x-x", RR(sub, 0x12345678, 0x12345678), 0);
    rt_check("and", RR(and, 0xff00ff00, 0x0ff00ff0), 0x0f000f00);
    rt_check("or", RR(or, 0xff00ff00, 0x0ff00ff0), 0xfff0fff0);
    rt_check("xor", RR(xor, 0xff00ff00, 0x0ff00ff0), 0xf0f0f0f0);
    rt_check("xor self", RR(xor, 0xdeadbeef, 0xdeadbeef), 0);
    rt_check("addi -1", RI(addi, 0, -1), 0xffffffff);
    rt_check("addi max imm", RI(addi, 0, 2047), 2047);
    rt_check("addi min imm", RI(addi, 0, -2048), 0xfffff800);
    rt_check("addi wrap", RI(addi, 0x7fffffff, 1), 0x80000000);
    rt_check("andi sext", RI(andi, 0x12345678, -16), 0x12345670);
    rt_check("andi", RI(andi, 0x12345678, 0x0ff), 0x78);
    rt_check("ori sext", RI(ori, 0x00000001, -2048), 0xfffff801);
    rt_check("ori", RI(ori, 0x12340000, 0x5a5), 0x123405a5);
    rt_check("xori -1 (not)", RI(xori, 0x0f0f0f0f, -1), 0xf0f0f0f0);
    rt_check("xori", RI(xori, 0xff, 0x0f), 0xf0);
    rt_check("slt -1<1", RR(slt, 0xffffffff, 1), 1);
    rt_check("slt 1<-1", RR(slt, 1, 0xffffffff), 0);
    rt_check("slt min<max", RR(slt, 0x80000000, 0x7fffffff), 1);
    rt_check("slt eq", RR(slt, 5, 5), 0);
    rt_check("sltu -1<1", RR(sltu, 0xffffffff, 1), 0);
    rt_check("sltu 1<-1", RR(sltu, 1, 0xffffffff), 1);
    rt_check("sltu 0<x (snez)", RR(sltu, 0, 7), 1);
    rt_check("sltu 0<0", RR(sltu, 0, 0), 0);
    rt_check("slti -5<-4", RI(slti, 0xfffffffb, -4), 1);
    rt_check("slti 0<-1", RI(slti, 0, -1), 0);
    rt_check("slti max<2047", RI(slti, 0x7fffffff, 2047), 0);
    rt_check("sltiu 0<1 (seqz)", RI(sltiu, 0, 1), 1);
    rt_check("sltiu 1<1", RI(sltiu, 1, 1), 0);
    rt_check("sltiu x<-1 (imm sext)", RI(sltiu, 0xfffffffe, -1), 1);
    rt_check("sltiu -1<-1", RI(sltiu, 0xffffffff, -1), 0);
    /* x0 as destination stays zero, x0 as source reads zero. */
    uint32_t z;
    __asm__ volatile("addi x0, x0, 5\n mv %0, x0" : "=r"(z));
    rt_check("x0 hardwired", z, 0);
    return rt_done();
}
