/* The SiFive test finisher: writing (3 << 16) | 0x3333 ends the run with
 * exit status 3; nothing after the write executes. */
#include "rt.h"

int main(void)
{
    rt_puts("PASS: failing on purpose with code 3\n");
    RT_MMIO32(RT_FINISHER) = (3u << 16) | 0x3333u;
    rt_puts("still running after the finisher\n");
    return 4;
}
