/* SYS_CLOCK (centiseconds since start) is valid and never goes backwards,
 * SYS_TIME (seconds since 1970) is after 2020, SYS_HEAPINFO returns a
 * heap (base < limit) and a stack (limit < base) in RAM, away from this
 * program's data, and the heap is writable.  No value that depends on the
 * host or the emulator's layout is printed (QEMU 7.2 reports its
 * 16 MiB "mps.ram" PSRAM at 0x21000000 as heap and stack). */
#include "rt.h"
#include "semihost.h"

extern char __bss_end[];

static int in_ram(uint32_t a)
{
    return (a >= 0x20000000u && a <= 0x20400000u) ||
           (a >= 0x21000000u && a <= 0x22000000u);
}

int main(void)
{
    uint32_t c0 = rt_semihost(SYS_CLOCK, 0);
    for (volatile int i = 0; i < 100000; i++)
        ;
    uint32_t c1 = rt_semihost(SYS_CLOCK, 0);
    rt_check("clock valid", c0 != 0xffffffffu, 1);
    rt_check("clock monotonic", c1 >= c0, 1);
    uint32_t t = rt_semihost(SYS_TIME, 0);
    rt_check("time after 2020", t > 1577836800u, 1);

    uint32_t info[4] = {0, 0, 0, 0};
    uint32_t block[1] = {(uint32_t)(uintptr_t)info};
    rt_semihost(SYS_HEAPINFO, (uint32_t)(uintptr_t)block);
    uint32_t heap_base = info[0], heap_limit = info[1];
    uint32_t stack_base = info[2], stack_limit = info[3];
    rt_check("heap base in RAM", in_ram(heap_base), 1);
    rt_check("heap limit in RAM", in_ram(heap_limit), 1);
    rt_check("heap base < limit", heap_base < heap_limit, 1);
    rt_check("heap not over our data",
             heap_base >= (uint32_t)(uintptr_t)__bss_end || heap_limit <= 0x20000000u, 1);
    rt_check("stack base in RAM", in_ram(stack_base), 1);
    rt_check("stack limit below base", stack_limit < stack_base, 1);
    volatile uint32_t *h = (volatile uint32_t *)(uintptr_t)heap_base;
    h[0] = 0x600dcafe;
    h[1] = 0x12345678;
    rt_check("heap writable", h[0] ^ h[1], 0x600dcafe ^ 0x12345678);
    return rt_done();
}
