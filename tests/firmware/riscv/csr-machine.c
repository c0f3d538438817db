/* Machine-mode CSRs: csrrw/csrrs/csrrc and the immediate forms (old value
 * returned, rs1=x0 forms do not write), mscratch as a plain register,
 * misa/mhartid/mvendorid read-only values, WARL fields of mstatus (MPP
 * only takes legal modes) and mtvec (mode), mepc bit 0 clear, mcause/mtval
 * writable, mcycle/minstret counting up, and time counting. */
#include "rt.h"

#define CSRRW(csr, v) ({ uint32_t o_; __asm__ volatile("csrrw %0, " #csr ", %1" : "=r"(o_) : "r"((uint32_t)(v))); o_; })
#define CSRRS(csr, v) ({ uint32_t o_; __asm__ volatile("csrrs %0, " #csr ", %1" : "=r"(o_) : "r"((uint32_t)(v))); o_; })
#define CSRRC(csr, v) ({ uint32_t o_; __asm__ volatile("csrrc %0, " #csr ", %1" : "=r"(o_) : "r"((uint32_t)(v))); o_; })

int main(void)
{
    uint32_t saved = rt_csr_read(mscratch);
    rt_check("csrrw old", CSRRW(mscratch, 0x12345678), saved);
    rt_check("csrrw new", rt_csr_read(mscratch), 0x12345678);
    rt_check("csrrs old", CSRRS(mscratch, 0x0000000f), 0x12345678);
    rt_check("csrrs set", rt_csr_read(mscratch), 0x1234567f);
    rt_check("csrrc old", CSRRC(mscratch, 0x12000000), 0x1234567f);
    rt_check("csrrc cleared", rt_csr_read(mscratch), 0x0034567f);
    uint32_t o;
    __asm__ volatile("csrrwi %0, mscratch, 21" : "=r"(o));
    rt_check("csrrwi old", o, 0x0034567f);
    rt_check("csrrwi new", rt_csr_read(mscratch), 21);
    __asm__ volatile("csrrsi %0, mscratch, 10" : "=r"(o));
    rt_check("csrrsi new", rt_csr_read(mscratch), 31);
    __asm__ volatile("csrrci %0, mscratch, 3" : "=r"(o));
    rt_check("csrrci new", rt_csr_read(mscratch), 28);
    __asm__ volatile("csrrs %0, mscratch, x0" : "=r"(o));
    rt_check("csrrs x0 reads", o, 28);
    rt_csr_write(mscratch, saved);

    /* Read-only identification (QEMU virt, rv32 "any" cpu). */
    /* QEMU's rv32 cpu also sets F, D, S and H; emucov is RV32IMAC with M
     * and U modes, so only the bits both must have are checked and the
     * full value is not printed (nor marchid/mimpid, QEMU's version). */
    rt_check("misa MXL=1 (RV32)", rt_csr_read(misa) >> 30, 1);
    uint32_t misa = rt_csr_read(misa);
    rt_check("misa has I", (misa >> 8) & 1, 1);
    rt_check("misa has M", (misa >> 12) & 1, 1);
    rt_check("misa has A", (misa >> 0) & 1, 1);
    rt_check("misa has C", (misa >> 2) & 1, 1);
    rt_check("misa has U", (misa >> 20) & 1, 1);
    rt_check("mhartid", rt_csr_read(mhartid), 0);
    rt_print_val("mvendorid", rt_csr_read(mvendorid));

    /* mstatus: MPIE writable; MPP is WARL.  M and U must stick; what a
     * write of 2 (S) leaves depends on whether S mode exists (it does on
     * QEMU's cpu), so it is not tested. */
    uint32_t ms = rt_csr_read(mstatus);
    rt_print_val("mstatus at reset", ms);
    rt_csr_set(mstatus, 1u << 7);
    rt_check("mstatus.MPIE set", (rt_csr_read(mstatus) >> 7) & 1, 1);
    rt_csr_clear(mstatus, 1u << 7);
    rt_check("mstatus.MPIE clear", (rt_csr_read(mstatus) >> 7) & 1, 0);
    rt_csr_clear(mstatus, 3u << 11);
    rt_check("mstatus.MPP=U", (rt_csr_read(mstatus) >> 11) & 3, 0);
    rt_csr_set(mstatus, 3u << 11);
    rt_check("mstatus.MPP=M", (rt_csr_read(mstatus) >> 11) & 3, 3);
    /* MPRV with MPP=M: loads/stores still use M-mode rules. */
    rt_csr_set(mstatus, 1u << 17);
    rt_check("mstatus.MPRV set", (rt_csr_read(mstatus) >> 17) & 1, 1);
    rt_csr_clear(mstatus, 1u << 17);
    rt_csr_write(mstatus, ms);
    rt_check("mstatus restored", rt_csr_read(mstatus), ms);

    /* mtvec: base 4-byte aligned; mode 0/1 legal, 2/3 reserved (WARL). */
    uint32_t tv = rt_csr_read(mtvec);
    rt_csr_write(mtvec, 0x80001001);
    rt_check("mtvec vectored", rt_csr_read(mtvec), 0x80001001);
    rt_csr_write(mtvec, 0x80001000);
    rt_check("mtvec direct", rt_csr_read(mtvec), 0x80001000);
    rt_csr_write(mtvec, 0x80001002);
    rt_print_val("mtvec after mode 2", rt_csr_read(mtvec));
    rt_csr_write(mtvec, tv);
    rt_check("mtvec restored", rt_csr_read(mtvec), tv);

    /* mepc holds an address (QEMU 7.2 keeps bit 0 on read and clears it
     * on mret, so bit 0 is not tested here). */
    rt_csr_write(mepc, 0x80000122);
    rt_check("mepc writable", rt_csr_read(mepc), 0x80000122);
    rt_csr_write(mcause, 0x8000000b);
    rt_check("mcause writable", rt_csr_read(mcause), 0x8000000b);
    rt_csr_write(mcause, 2);
    rt_check("mcause exception", rt_csr_read(mcause), 2);
    rt_csr_write(mtval, 0xdeadbeef);
    rt_check("mtval writable", rt_csr_read(mtval), 0xdeadbeef);

    /* mie: the M-level bits (MSIE 3, MTIE 7, MEIE 11) are writable. */
    rt_csr_write(mie, 0x888);
    rt_check("mie M bits", rt_csr_read(mie) & 0x888, 0x888);
    rt_csr_write(mie, 0);
    rt_check("mie cleared", rt_csr_read(mie), 0);

    /* Counters move forward: exact values are timing and are not printed. */
    uint32_t c0 = rt_csr_read(mcycle), i0 = rt_csr_read(minstret);
    for (volatile int k = 0; k < 100; k++)
        ;
    uint32_t c1 = rt_csr_read(mcycle), i1 = rt_csr_read(minstret);
    rt_check("mcycle advanced", c1 != c0, 1);
    rt_check("minstret advanced >= 100", (i1 - i0) >= 100, 1);
    rt_check("cycle (user alias) readable", rt_csr_read(cycle) != 0, 1);
    uint32_t t0 = rt_csr_read(time);
    for (volatile int k = 0; k < 20000; k++)
        ;
    rt_check("time advanced", rt_csr_read(time) != t0, 1);
    /* QEMU 7.2 without -icount derives minstret/mcycle from the host
     * clock, so values after a write are not comparable: not tested. */
    return rt_done();
}
