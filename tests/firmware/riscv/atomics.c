/* The A extension: lr.w/sc.w success and failure (no reservation, a
 * reservation on another address, sc after sc), every amo*.w with the old
 * value returned and the memory result, signed vs unsigned min/max, rd=x0,
 * and a CAS loop built from lr/sc. */
#include "rt.h"

static volatile uint32_t word, other;

#define AMO(op, addr, v) ({ uint32_t r_; __asm__ volatile(#op " %0, %2, (%1)" \
    : "=r"(r_) : "r"(addr), "r"((uint32_t)(v)) : "memory"); r_; })

static uint32_t lr(volatile uint32_t *p)
{
    uint32_t v;
    __asm__ volatile("lr.w %0, (%1)" : "=r"(v) : "r"(p) : "memory");
    return v;
}

static uint32_t sc(volatile uint32_t *p, uint32_t v)
{
    uint32_t r;
    __asm__ volatile("sc.w %0, %2, (%1)" : "=r"(r) : "r"(p), "r"(v) : "memory");
    return r;
}

static uint32_t cas(volatile uint32_t *p, uint32_t expect, uint32_t desired)
{
    uint32_t old;
    for (;;) {
        old = lr(p);
        if (old != expect)
            return old;
        if (sc(p, desired) == 0)
            return old;
    }
}

int main(void)
{
    word = 100;
    rt_check("lr.w value", lr(&word), 100);
    rt_check("sc.w success rd", sc(&word, 101), 0);
    rt_check("sc.w stored", word, 101);
    rt_check("sc.w again fails", sc(&word, 102), 1);
    rt_check("failed sc.w leaves memory", word, 101);
    (void)lr(&other);
    rt_check("sc.w other address fails", sc(&word, 103), 1);
    rt_check("word unchanged", word, 101);

    /* An ordinary store between lr and sc that changes the value: QEMU
     * fails the sc (it compares the reserved value); a store writing the
     * same value is implementation-defined, so only the first is checked. */
    (void)lr(&word);
    word = 55;
    rt_check("sc.w after changing store fails", sc(&word, 56), 1);
    rt_check("the store stays", word, 55);
    word = 101;

    rt_check("cas hit old", cas(&word, 101, 7), 101);
    rt_check("cas hit new", word, 7);
    rt_check("cas miss old", cas(&word, 8, 9), 7);
    rt_check("cas miss new", word, 7);

    word = 10;
    rt_check("amoswap old", AMO(amoswap.w, &word, 20), 10);
    rt_check("amoswap new", word, 20);
    rt_check("amoadd old", AMO(amoadd.w, &word, -25), 20);
    rt_check("amoadd new", word, (uint32_t)-5);
    word = 0xff00ff00;
    rt_check("amoand old", AMO(amoand.w, &word, 0x0ff00ff0), 0xff00ff00);
    rt_check("amoand new", word, 0x0f000f00);
    rt_check("amoor old", AMO(amoor.w, &word, 0xf0000001), 0x0f000f00);
    rt_check("amoor new", word, 0xff000f01);
    rt_check("amoxor old", AMO(amoxor.w, &word, 0xffffffff), 0xff000f01);
    rt_check("amoxor new", word, 0x00fff0fe);
    word = (uint32_t)-5;
    rt_check("amomin old", AMO(amomin.w, &word, 3), (uint32_t)-5);
    rt_check("amomin new (signed)", word, (uint32_t)-5);
    rt_check("amomax old", AMO(amomax.w, &word, 3), (uint32_t)-5);
    rt_check("amomax new (signed)", word, 3);
    word = (uint32_t)-5;
    rt_check("amominu old", AMO(amominu.w, &word, 3), (uint32_t)-5);
    rt_check("amominu new (unsigned)", word, 3);
    rt_check("amomaxu old", AMO(amomaxu.w, &word, 0x80000000), 3);
    rt_check("amomaxu new (unsigned)", word, 0x80000000);
    /* Ordering bits are accepted. */
    uint32_t r;
    __asm__ volatile("amoadd.w.aqrl %0, %2, (%1)" : "=r"(r) : "r"(&word), "r"(1) : "memory");
    rt_check("amoadd.aqrl", word, 0x80000001);
    /* rd = x0: the memory is still updated. */
    __asm__ volatile("amoadd.w x0, %1, (%0)" :: "r"(&word), "r"(1) : "memory");
    rt_check("amoadd rd=x0", word, 0x80000002);
    /* lr/sc with aq/rl. */
    __asm__ volatile("lr.w.aq %0, (%1)" : "=r"(r) : "r"(&word) : "memory");
    __asm__ volatile("sc.w.rl %0, %2, (%1)" : "=r"(r) : "r"(&word), "r"(5) : "memory");
    rt_check("sc.w.rl success", r, 0);
    rt_check("sc.w.rl stored", word, 5);
    return rt_done();
}
