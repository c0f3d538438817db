/* CPU-bound benchmark workload for the Cortex-M3 mps2-an385 board: the
 * kernels of bench/riscv/workload.c (included below), driven by an ARM
 * main().
 *
 * Each round mixes the instruction classes firmware spends its time on:
 * table-driven CRC-32 over a buffer (loads, shifts, eor), an integer
 * matrix multiply (mul/mla, address arithmetic), an iterative quicksort
 * (branches, loads/stores, calls) and an open-addressing hash table
 * (multiplicative hashing, probing branches).  The result is a checksum
 * that must be identical on every emulator.
 *
 * Instruction count source: the Cortex-M3 has no instruction counter
 * (DWT.CYCCNT reads 0 on QEMU 7.2), so the workload reports the SysTick
 * clock ticks elapsed between its start and end ("systick HI LO": the
 * processor clock, 25 MHz on mps2-an385, counted as wraps of a 24-bit
 * SysTick plus the current value).  Under QEMU with -icount shift=0 (one
 * instruction per virtual nanosecond) one tick is 40 instructions, so
 * bench/run.py --arch arm takes ticks * 40 from a QEMU -icount run as
 * the guest instruction count.  ROUNDS = 10000 gives about 1.7 billion
 * instructions (-O2). */
#include "rt.h"

/* The kernels (crc32, matmul, sort_round, hash_round and their data) are
 * bench/riscv/workload.c's, compiled here unchanged so that both
 * architectures run the same code: its main() is renamed out of the way
 * (never called) and its minstret reads compile to 0. */
#define ROUNDS 10000
#define main riscv_workload_main
#define rt_csr_read(csr) 0u
int riscv_workload_main(void);
#include "../riscv/workload.c"
#undef main
#undef rt_csr_read

static volatile uint32_t systick_wraps;

static void on_systick(RtExcFrame *f, uint32_t exc, uint32_t exc_return)
{
    (void)f; (void)exc; (void)exc_return;
    systick_wraps++;
}

int main(void)
{
    rt_set_handler(EXC_SYSTICK, on_systick);
    RT_MMIO32(SYST_RVR) = 0x00ffffffu;
    RT_MMIO32(SYST_CVR) = 0;
    RT_MMIO32(SYST_CSR) = 0x7;              /* processor clock, interrupt, enable */
    crc_init();
    for (uint32_t i = 0; i < BUF_SIZE; i++)
        buf[i] = (uint8_t)next_random();
    uint32_t check = 0;
    for (uint32_t r = 0; r < ROUNDS; r++) {
        uint32_t crc = crc32(buf, BUF_SIZE, r);
        buf[r % BUF_SIZE] ^= (uint8_t)crc;
        check = check * 7 + crc;
        check ^= matmul(check);
        check += sort_round();
        check ^= hash_round(check);
    }
    rt_irq_disable();
    uint32_t cur = RT_MMIO32(SYST_CVR);
    uint32_t pending = RT_MMIO32(SCB_ICSR) & ICSR_PENDSTSET;
    RT_MMIO32(SYST_CSR) = 0;
    uint64_t wraps = systick_wraps + (pending ? 1u : 0u);
    /* Counting down from 0xffffff (loaded from RVR on the first tick
     * after the CVR clear, without an interrupt); each wrap is 2^24
     * ticks. */
    uint64_t ticks = wraps * 0x1000000u + (0xffffffu - cur);
    rt_puts("rounds ");
    rt_put_udec(ROUNDS);
    rt_puts("\nchecksum ");
    rt_put_hex(check);
    /* SysTick processor-clock ticks between start and end (see above). */
    rt_puts("\nsystick ");
    rt_put_hex((uint32_t)(ticks >> 32));
    rt_putc(' ');
    rt_put_hex((uint32_t)ticks);
    rt_nl();
    return 0;
}
