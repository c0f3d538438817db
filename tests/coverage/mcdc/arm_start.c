/* Minimal Cortex-M start for the decision corpus under qemu-system-arm -M mps2-an385 (test
 * only): vector table, call main, leave through semihosting SYS_EXIT with main's status. */
extern int main(void);
void reset(void);
static unsigned int stack[1024];
__attribute__((section(".vectors"), used)) static void *const vectors[2] = {
    &stack[1024], (void *)reset,
};
void reset(void)
{
    int st = main();
    /* SYS_EXIT_EXTENDED (0x20): r1 -> {ADP_Stopped_ApplicationExit, status} */
    static unsigned int block[2];
    block[0] = 0x20026;
    block[1] = (unsigned int)st;
    register unsigned int r0 __asm__("r0") = 0x20;
    register unsigned int *r1 __asm__("r1") = block;
    __asm__ volatile("bkpt 0xab" : : "r"(r0), "r"(r1) : "memory");
    for (;;)
        ;
}
