/* SYS_CLOCK (centiseconds since start) never goes backwards, SYS_TIME
 * (seconds since 1970) is after 2020, SYS_HEAPINFO returns a heap and a
 * stack inside RAM and above this program's image.  No value that depends
 * on the host or the emulator's layout is printed. */
#include "rt.h"
#include "semihost.h"

extern char __bss_end[];

int main(void)
{
    uint32_t c0 = sh_call(SH_SYS_CLOCK, 0);
    for (volatile int i = 0; i < 100000; i++)
        ;
    uint32_t c1 = sh_call(SH_SYS_CLOCK, 0);
    rt_check("clock valid", c0 != 0xffffffffu, 1);
    rt_check("clock monotonic", c1 >= c0, 1);
    uint32_t t = sh_call(SH_SYS_TIME, 0);
    rt_check("time after 2020", t > 1577836800u, 1);

    uint32_t info[4] = { 0, 0, 0, 0 };
    uint32_t block[1] = { (uint32_t)(uintptr_t)info };
    sh_call_block(SH_SYS_HEAPINFO, block);
    uint32_t heap_base = info[0], heap_limit = info[1];
    uint32_t stack_base = info[2], stack_limit = info[3];
    uint32_t ram = 0x80000000u, ram_end = 0x88000000u;
    rt_check("heap base in RAM", heap_base >= ram && heap_base < ram_end, 1);
    rt_check("heap limit in RAM", heap_limit > ram && heap_limit <= ram_end, 1);
    rt_check("heap base < limit", heap_base < heap_limit, 1);
    rt_check("heap above the image", heap_base >= (uint32_t)(uintptr_t)__bss_end, 1);
    rt_check("stack base in RAM", stack_base > ram && stack_base <= ram_end, 1);
    rt_check("stack limit below base", stack_limit < stack_base, 1);
    return rt_done();
}
