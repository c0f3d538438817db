/* tests/firmware/arm/smoke/memory.c - loads and stores: byte/halfword
 * sign and zero extension, pre/post-indexed writeback, register offsets,
 * LDRD/STRD, LDM/STM (IA/DB, writeback), PUSH/POP incl. PC, LDREX/STREX/
 * CLREX (local monitor), TBB/TBH jump tables, CBZ/CBNZ, unaligned LDR/LDRH.
 * Every result is folded into a checksum printed per group. */
#include "rt.h"

static uint32_t sum;
static void mix(uint32_t v) { sum = (sum ^ v) * 0x01000193u + (sum >> 7); }
static void report(const char *name)
{
    uart_puts(name);
    uart_puts(" ");
    uart_puthex(sum);
    uart_puts("\n");
    sum = 0;
}

static uint8_t buf[64] __attribute__((aligned(8)));

__attribute__((noinline)) static uint32_t table(uint32_t x)
{
    switch (x) {        /* -O2 makes a TBB/TBH dispatch */
    case 0: return 11; case 1: return 23; case 2: return 37; case 3: return 41;
    case 4: return 59; case 5: return 61; case 6: return 73; case 7: return 89;
    case 8: return 97; case 9: return 101; default: return 7;
    }
}

__attribute__((noinline)) static uint32_t tbh(uint32_t x)
{
    uint32_t r;
    __asm__ volatile(
        "mov r1, %1\n\t"
        "tbh [pc, r1, lsl #1]\n"
        "1: .hword (2f - 1b) / 2, (3f - 1b) / 2, (4f - 1b) / 2\n"
        "2: mov %0, #100\n\tb 5f\n"
        "3: mov %0, #200\n\tb 5f\n"
        "4: mov %0, #300\n"
        "5:\n"
        : "=r"(r) : "r"(x) : "r1");
    return r;
}

int main(void)
{
    uart_init();
    for (unsigned i = 0; i < sizeof buf; i++)
        buf[i] = (uint8_t)(i * 37 + 0x81);

    /* extension */
    for (unsigned i = 0; i < 32; i++) {
        mix(*(volatile int8_t *)&buf[i]);
        mix(*(volatile uint8_t *)&buf[i]);
        mix((uint32_t)*(volatile int16_t *)&buf[i & ~1u]);
        mix(*(volatile uint16_t *)&buf[i & ~1u]);
    }
    report("extend");

    /* indexed and writeback forms */
    {
        uint32_t p = (uint32_t)buf, v0, v1, v2;
        __asm__ volatile("ldr %0, [%3, #4]!\n\tldr %1, [%3], #8\n\tldrb %2, [%3, #-3]!"
                         : "=&r"(v0), "=&r"(v1), "=&r"(v2), "+r"(p));
        mix(v0); mix(v1); mix(v2); mix(p - (uint32_t)buf);
        __asm__ volatile("str %1, [%0, #-4]!\n\tstrh %1, [%0], #6\n\tstrb %1, [%0, #1]"
                         : "+r"(p) : "r"(0xa5a55a5au) : "memory");
        mix(p - (uint32_t)buf);
        for (unsigned i = 0; i < 16; i++)
            mix(buf[i]);
        uint32_t idx = 3, r;
        __asm__ volatile("ldr %0, [%1, %2, lsl #2]" : "=r"(r) : "r"(buf), "r"(idx));
        mix(r);
        __asm__ volatile("ldrsh %0, [%1, %2]" : "=r"(r) : "r"(buf), "r"(idx * 2));
        mix(r);
    }
    report("index");

    /* LDRD/STRD, LDM/STM */
    {
        uint32_t lo, hi;
        __asm__ volatile("ldrd %0, %1, [%2, #8]" : "=&r"(lo), "=&r"(hi) : "r"(buf));
        mix(lo); mix(hi);
        __asm__ volatile("strd %0, %1, [%2, #16]" : : "r"(hi), "r"(lo), "r"(buf) : "memory");
        uint32_t a, b, c, d, p = (uint32_t)buf + 32;
        __asm__ volatile("ldmdb %4!, {r4, r5, r6, r7}\n\tmov %0, r4\n\tmov %1, r5\n\t"
                         "mov %2, r6\n\tmov %3, r7"
                         : "=&r"(a), "=&r"(b), "=&r"(c), "=&r"(d), "+r"(p) : : "r4", "r5", "r6", "r7");
        mix(a); mix(b); mix(c); mix(d); mix(p - (uint32_t)buf);
        __asm__ volatile("mov r4, %1\n\tmov r5, %2\n\tstmia %0!, {r4, r5}"
                         : "+r"(p) : "r"(d), "r"(a) : "memory", "r4", "r5");
        mix(p - (uint32_t)buf);
        for (unsigned i = 0; i < 64; i += 4)
            mix(*(uint32_t *)&buf[i]);
    }
    report("multiple");

    /* exclusive monitor */
    {
        uint32_t *w = (uint32_t *)&buf[40], v, st;
        __asm__ volatile("ldrex %0, [%2]\n\tadd %0, %0, #1\n\tstrex %1, %0, [%2]"
                         : "=&r"(v), "=&r"(st) : "r"(w) : "memory");
        mix(v); mix(st); mix(*w);
        __asm__ volatile("ldrex %0, [%2]\n\tclrex\n\tstrex %1, %0, [%2]"
                         : "=&r"(v), "=&r"(st) : "r"(w) : "memory");
        mix(st);
        __asm__ volatile("mov %1, #5\n\tstrex %1, %0, [%2]" : "=&r"(v), "=&r"(st) : "r"(w) : "memory");
        mix(st);
        uint16_t *h = (uint16_t *)&buf[44];
        __asm__ volatile("ldrexh %0, [%2]\n\tstrexh %1, %0, [%2]" : "=&r"(v), "=&r"(st) : "r"(h) : "memory");
        mix(v); mix(st);
    }
    report("exclusive");

    /* jump tables, cbz */
    for (uint32_t i = 0; i < 12; i++)
        mix(table(i));
    for (uint32_t i = 0; i < 3; i++)
        mix(tbh(i));
    for (uint32_t i = 0; i < 4; i++) {
        uint32_t r = 1;
        __asm__ volatile("cbz %1, 1f\n\tmov %0, #2\n1:" : "+r"(r) : "l"(i & 1));
        mix(r);
    }
    report("branch");

    /* unaligned word/halfword (allowed, CCR.UNALIGN_TRP clear) */
    for (unsigned i = 1; i < 8; i++) {
        mix(*(volatile uint32_t *)&buf[i]);
        mix(*(volatile uint16_t *)&buf[i]);
        *(volatile uint32_t *)&buf[i + 16] = 0x01020304u * i;
    }
    for (unsigned i = 0; i < 32; i++)
        mix(buf[i]);
    report("unaligned");
    return 0;
}
