/*
 * tests/isa/riscv/progs/atomics_csr.c - C using the A extension (atomic
 * builtins, compiled to lr.w/sc.w/amo*.w), CSR accesses and wfi through
 * inline assembly, function pointers, bit manipulation and struct copies.
 */
#include <stdint.h>
#include <stdio.h>

struct pair {
    int32_t a, b;
    uint8_t tag[6];
};

static volatile int32_t counter;
static int32_t flags;

static inline uint32_t read_mcycle(void)
{
    uint32_t v;
    __asm__ volatile("csrr %0, mcycle" : "=r"(v));
    return v;
}

static inline void set_mie(uint32_t bits)
{
    __asm__ volatile("csrs mie, %0" : : "r"(bits));
    __asm__ volatile("csrsi mstatus, 8");
}

static int add1(int x) { return x + 1; }
static int dbl(int x) { return x * 2; }
static int (*const ops[2])(int) = { add1, dbl };

int work(struct pair *p, int n)
{
    int32_t old = __atomic_fetch_add(&counter, n, __ATOMIC_SEQ_CST);
    int32_t expect = 0;

    __atomic_fetch_or(&flags, 1 << (n & 31), __ATOMIC_ACQUIRE);
    __atomic_fetch_and(&flags, ~2, __ATOMIC_RELEASE);
    __atomic_fetch_xor(&flags, 4, __ATOMIC_RELAXED);
    (void)__atomic_compare_exchange_n(&flags, &expect, n, 0, __ATOMIC_ACQ_REL,
                                      __ATOMIC_ACQUIRE);
    (void)__atomic_exchange_n(&counter, old + 1, __ATOMIC_SEQ_CST);
    p->a = ops[n & 1](p->b) + __builtin_popcount((unsigned)n) + __builtin_clz((unsigned)n | 1);
    return p->a + (int)(read_mcycle() & 1);
}

int main(void)
{
    struct pair x = { 1, 2, { 3, 4, 5, 6, 7, 8 } }, y;
    int r;

    set_mie(1u << 7);
    y = x;
    r = work(&y, 5);
    __asm__ volatile("wfi");
    printf("%d %d\n", r, y.a);
    return r & 1;
}
