/* Loads and stores outside every memory region (just past the 128 MiB of
 * RAM at 0x88000000) raise access faults: mcause 5 for a load, 7 for a
 * store, mtval = the address, the load's rd unchanged; the last word of
 * RAM is accessible. */
#include "traptest.h"

int main(void)
{
    rt_set_trap_handler(tt_skip_handler);
    volatile uint32_t *last = (volatile uint32_t *)(uintptr_t)0x87fffffcu;
    *last = 0x1234abcd;
    rt_check("last RAM word", *last, 0x1234abcd);
    rt_check("  no trap", tt_count, 0);

    uint32_t v = 0x5a5a5a5a;
    tt_reset();
    __asm__ volatile("lw %0, 0(%1)" : "+r"(v) : "r"(0x88000000u) : "memory");
    rt_check("load past RAM traps", tt_count, 1);
    rt_check("  mcause", tt_cause, 5);
    rt_check("  mtval", tt_tval, 0x88000000u);
    rt_check("  rd unchanged", v, 0x5a5a5a5a);
    tt_reset();
    __asm__ volatile("sw %0, 0(%1)" :: "r"(v), "r"(0x88000100u) : "memory");
    rt_check("store past RAM traps", tt_count, 1);
    rt_check("  mcause", tt_cause, 7);
    rt_check("  mtval", tt_tval, 0x88000100u);
    tt_reset();
    __asm__ volatile("lbu %0, 0(%1)" : "+r"(v) : "r"(0x90000003u) : "memory");
    rt_check("byte load far past RAM", tt_cause, 5);
    rt_check("  mtval", tt_tval, 0x90000003u);
    return rt_done();
}
