/* Minimal ARMv7-M runtime for the coverage test programs on mps2-an385
 * (Cortex-M3): vector table, .data copy, .bss clear, main(), then exit
 * through semihosting (SYS_EXIT with ADP_Stopped_ApplicationExit, or
 * SYS_EXIT_EXTENDED for a non-zero status; ARM semihosting spec 2.0). */
#include <stdint.h>

extern uint32_t __stack_top, __data_load, __data_start, __data_end, __bss_start, __bss_end;
int main(void);

static void semihost(uint32_t op, uint32_t arg)
{
    register uint32_t r0 __asm__("r0") = op;
    register uint32_t r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
}

static void cov_exit(int status)
{
    static uint32_t block[2];
    block[0] = 0x20026;              /* ADP_Stopped_ApplicationExit */
    block[1] = (uint32_t)status;
    if (status == 0)
        semihost(0x18, 0x20026);     /* SYS_EXIT */
    semihost(0x20, (uint32_t)block); /* SYS_EXIT_EXTENDED */
    for (;;)
        ;
}

void cov_reset(void);
void cov_reset(void)
{
    uint32_t *src = &__data_load, *dst = &__data_start;
    while (dst < &__data_end)
        *dst++ = *src++;
    for (dst = &__bss_start; dst < &__bss_end;)
        *dst++ = 0;
    cov_exit(main());
}

static void cov_fault(void)
{
    cov_exit(99);
}

__attribute__((section(".vectors"), used)) static const void *const cov_vectors[16] = {
    &__stack_top, (const void *)cov_reset, (const void *)cov_fault, (const void *)cov_fault,
    (const void *)cov_fault, (const void *)cov_fault, (const void *)cov_fault,
};
