/* CPU-bound benchmark workload for the Cortex-M3 mps2-an385 board: the
 * same mix as bench/riscv/workload.c (our own code, kept in step with it).
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
 * the guest instruction count.  ROUNDS = 10000 gives about 2 billion
 * instructions. */
#include "rt.h"

#ifndef ROUNDS
#define ROUNDS 10000
#endif

#define BUF_SIZE 4096
#define MAT_N 16
#define SORT_N 512
#define HASH_BITS 10
#define HASH_SIZE (1u << HASH_BITS)

static uint8_t buf[BUF_SIZE];
static uint32_t crc_table[256];
static int32_t ma[MAT_N][MAT_N], mb[MAT_N][MAT_N], mc[MAT_N][MAT_N];
static int32_t sort_v[SORT_N];
static uint32_t hash_keys[HASH_SIZE], hash_vals[HASH_SIZE];
static uint32_t rng = 0x9e3779b9u;

static uint32_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static void crc_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? (c >> 1) ^ 0xedb88320u : c >> 1;
        crc_table[i] = c;
    }
}

static __attribute__((noinline)) uint32_t crc32(const uint8_t *p, uint32_t n, uint32_t crc)
{
    crc = ~crc;
    while (n--)
        crc = crc_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    return ~crc;
}

static __attribute__((noinline)) uint32_t matmul(uint32_t seed)
{
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++) {
            ma[i][j] = (int32_t)((seed + (uint32_t)(i * 31 + j)) & 0xff) - 128;
            mb[i][j] = (int32_t)((seed >> 3) + (uint32_t)(j * 17 + i)) % 97;
        }
    uint32_t sum = 0;
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++) {
            int32_t acc = 0;
            for (int k = 0; k < MAT_N; k++)
                acc += ma[i][k] * mb[k][j];
            mc[i][j] = acc;
            sum = sum * 31 + (uint32_t)acc;
        }
    return sum;
}

static void swap(int32_t *a, int32_t *b)
{
    int32_t t = *a;
    *a = *b;
    *b = t;
}

static __attribute__((noinline)) uint32_t sort_round(void)
{
    for (int i = 0; i < SORT_N; i++)
        sort_v[i] = (int32_t)(next_random() & 0xfffff);
    int stack[64], sp = 0;
    stack[sp++] = 0;
    stack[sp++] = SORT_N - 1;
    while (sp) {
        int hi = stack[--sp], lo = stack[--sp];
        while (lo < hi) {
            int32_t pivot = sort_v[lo + (hi - lo) / 2];
            int i = lo, j = hi;
            while (i <= j) {
                while (sort_v[i] < pivot)
                    i++;
                while (sort_v[j] > pivot)
                    j--;
                if (i <= j)
                    swap(&sort_v[i++], &sort_v[j--]);
            }
            /* Recurse into the smaller side first (bounded stack). */
            if (j - lo < hi - i) {
                stack[sp++] = i;
                stack[sp++] = hi;
                hi = j;
            } else {
                stack[sp++] = lo;
                stack[sp++] = j;
                lo = i;
            }
        }
    }
    uint32_t h = 0;
    for (int i = 0; i < SORT_N; i += 8)
        h = h * 33 + (uint32_t)sort_v[i];
    return h;
}

static uint32_t hash_slot(uint32_t key)
{
    return (key * 2654435761u) >> (32 - HASH_BITS);
}

static __attribute__((noinline)) uint32_t hash_round(uint32_t seed)
{
    for (uint32_t i = 0; i < HASH_SIZE; i++)
        hash_keys[i] = 0;
    uint32_t n = HASH_SIZE * 3 / 4, hits = 0;
    for (uint32_t i = 1; i <= n; i++) {
        uint32_t key = (i * 0x9e3779b1u) ^ seed;
        if (key == 0)
            key = 1;
        uint32_t s = hash_slot(key);
        while (hash_keys[s] != 0 && hash_keys[s] != key)
            s = (s + 1) & (HASH_SIZE - 1);
        hash_keys[s] = key;
        hash_vals[s] = i;
    }
    for (uint32_t i = 1; i <= n * 2; i += 2) {
        uint32_t key = (i * 0x9e3779b1u) ^ seed;
        if (key == 0)
            key = 1;
        uint32_t s = hash_slot(key);
        while (hash_keys[s] != 0) {
            if (hash_keys[s] == key) {
                hits += hash_vals[s];
                break;
            }
            s = (s + 1) & (HASH_SIZE - 1);
        }
    }
    return hits;
}

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
