/* tests/gdb/gdb_target.c - a small program for the gdb tests (built -O0 so
 * that breakpoints, step/next/finish and variables behave predictably).
 *
 * Exit status 3 when left alone; 7 when the debugger sets `tweak` to 2
 * before main's end.  `watched` is written once by bump() (a write
 * watchpoint target), `table` is read memory for x/. */
#include "rt.h"

volatile uint32_t watched;
int32_t tweak = 1;
/* The fuzz test sets spin = 1 (in .data: the start code leaves it alone) to
 * keep the guest busy until it interrupts it with Ctrl-C. */
volatile uint32_t spin = 2;
uint32_t table[4] = { 0x11223344u, 0x55667788u, 0x99aabbccu, 0xddeeff00u };

uint32_t square(uint32_t x)
{
    uint32_t r = x * x;
    return r;
}

uint32_t bump(uint32_t k)
{
    watched = watched + k;
    return watched;
}

int main(void)
{
    uint32_t acc = 0;
    while (spin == 1)
        ;
    for (uint32_t i = 0; i < 10; i++)
        acc += square(i);
    bump(acc);
    rt_print_val("acc", acc);
    rt_print_val("watched", watched);
    uint32_t sum = 0;
    for (int i = 0; i < 4; i++)
        sum ^= table[i];
    rt_print_val("table", sum);
    rt_print_val("tweak", (uint32_t)tweak);
    return tweak == 1 ? 3 : 7;
}
