/* Memory-ordering and hint encodings execute as no-ops without trapping:
 * fence with every common pred/succ set, fence.tso, pause (fence w,0),
 * and HINTs with rd = x0 (add/lui/addi/slti to x0, c.nop with a nonzero
 * immediate, c.mv/c.add/c.li to x0); x0 stays zero and stores before a
 * fence are visible after it. */
#include "traptest.h"

static volatile uint32_t word;

int main(void)
{
    rt_set_trap_handler(tt_skip_handler);
    tt_reset();
    word = 1;
    __asm__ volatile("fence\n"
                     "fence rw, rw\n"
                     "fence iorw, iorw\n"
                     "fence r, r\n"
                     "fence w, w\n"
                     "fence i, o\n"
                     ".word 0x8330000f\n"       /* fence.tso */
                     ".word 0x0100000f\n"       /* pause = fence w, 0 */
                     ::: "memory");
    rt_check("store visible after fences", word, 1);
    rt_check("fences do not trap", tt_count, 0);
    uint32_t z;
    __asm__ volatile(".option push\n.option norvc\n"
                     "add x0, a0, a1\n"
                     "lui x0, 0x12345\n"
                     "addi x0, x0, 7\n"
                     "slti x0, a0, 3\n"
                     "auipc x0, 1\n"
                     ".option rvc\n"
                     ".half 0x0005\n"           /* c.nop 1 (HINT) */
                     ".half 0x8006\n"           /* c.mv x0, ra (HINT) */
                     ".half 0x9006\n"           /* c.add x0, ra (HINT) */
                     ".half 0x4015\n"           /* c.li x0, 5 (HINT) */
                     ".option pop\n"
                     "mv %0, x0\n" : "=r"(z) :: "memory");
    rt_check("x0 after HINTs", z, 0);
    rt_check("HINTs do not trap", tt_count, 0);
    return rt_done();
}
