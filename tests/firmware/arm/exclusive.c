/* LDREX/STREX/CLREX (word, byte, halfword): STREX succeeds (returns 0)
 * after a matching LDREX and stores; a second STREX without a new LDREX
 * fails (returns 1) and does not store; CLREX clears the monitor; an
 * exception entry/return clears the local monitor (ARMv7-M ARM A3.4.4,
 * B1.5.8: "the local monitor is cleared on exception entry or exit");
 * an atomic increment loop built on them. */
#include "rt.h"

static volatile uint32_t word = 100;
static volatile uint8_t byte = 7;
static volatile uint16_t half = 0x1234;

static uint32_t ldrex(volatile uint32_t *p)
{
    uint32_t v;
    __asm__ volatile("ldrex %0, [%1]" : "=r"(v) : "r"(p) : "memory");
    return v;
}

static uint32_t strex(volatile uint32_t *p, uint32_t v)
{
    uint32_t r;
    __asm__ volatile("strex %0, %2, [%1]" : "=&r"(r) : "r"(p), "r"(v) : "memory");
    return r;
}

static void on_svc(RtExcFrame *f, uint32_t exc, uint32_t r)
{
    (void)f; (void)exc; (void)r;
}

static void atomic_add(volatile uint32_t *p, uint32_t n)
{
    uint32_t v, fail;
    do {
        v = ldrex(p);
        fail = strex(p, v + n);
    } while (fail);
}

int main(void)
{
    rt_set_handler(EXC_SVC, on_svc);
    rt_check("ldrex", ldrex(&word), 100);
    rt_check("strex ok", strex(&word, 101), 0);
    rt_check(" stored", word, 101);
    rt_check("strex again fails", strex(&word, 555), 1);
    rt_check(" not stored", word, 101);

    ldrex(&word);
    __asm__ volatile("clrex" ::: "memory");
    rt_check("strex after clrex fails", strex(&word, 666), 1);
    rt_check(" not stored", word, 101);

    ldrex(&word);
    __asm__ volatile("svc #0" ::: "memory");
    rt_check("strex after exception fails", strex(&word, 777), 1);
    rt_check(" not stored", word, 101);

    uint32_t v, r;
    __asm__ volatile("ldrexb %0, [%1]" : "=r"(v) : "r"(&byte) : "memory");
    rt_check("ldrexb", v, 7);
    __asm__ volatile("strexb %0, %2, [%1]" : "=&r"(r) : "r"(&byte), "r"(0x1ffu) : "memory");
    rt_check("strexb ok", r, 0);
    rt_check(" stored byte", byte, 0xff);
    __asm__ volatile("ldrexh %0, [%1]" : "=r"(v) : "r"(&half) : "memory");
    rt_check("ldrexh", v, 0x1234);
    __asm__ volatile("strexh %0, %2, [%1]" : "=&r"(r) : "r"(&half), "r"(0xabcdefu) : "memory");
    rt_check("strexh ok", r, 0);
    rt_check(" stored half", half, 0xcdef);

    /* LDREX with an offset. */
    static volatile uint32_t arr[4] = {1, 2, 3, 4};
    __asm__ volatile("ldrex %0, [%1, #8]" : "=r"(v) : "r"(arr) : "memory");
    rt_check("ldrex [r,#8]", v, 3);
    __asm__ volatile("strex %0, %2, [%1, #8]" : "=&r"(r) : "r"(arr), "r"(33u) : "memory");
    rt_check("strex [r,#8]", r, 0);
    rt_check(" arr[2]", arr[2], 33);

    for (int i = 0; i < 50; i++)
        atomic_add(&word, 3);
    rt_check("atomic adds", word, 251);
    return rt_done();
}
