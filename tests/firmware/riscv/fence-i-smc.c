/* Self-modifying code: write an instruction sequence into RAM, fence.i,
 * call it; then overwrite it with different code in the same place,
 * fence.i, and call it again (a translator must drop the stale block);
 * finally patch a single immediate in place, three times. */
#include "rt.h"

static uint32_t code[16] __attribute__((aligned(64)));

typedef uint32_t (*Fn)(uint32_t);

/* addi a0, a0, imm */
static uint32_t addi_a0(int32_t imm)
{
    return ((uint32_t)imm << 20) | (10u << 15) | (10u << 7) | 0x13u;
}

#define RET 0x00008067u
#define SLLI_A0_A0(sh) ((0x00000000u | ((uint32_t)(sh) << 20)) | (10u << 15) | (1u << 12) | (10u << 7) | 0x13u)
#define MUL_A0_A0_A0 ((1u << 25) | (10u << 20) | (10u << 15) | (10u << 7) | 0x33u)

static void sync_icache(void)
{
    __asm__ volatile("fence.i" ::: "memory");
}

int main(void)
{
    Fn f = (Fn)(uintptr_t)code;
    code[0] = addi_a0(5);
    code[1] = RET;
    sync_icache();
    rt_check("first code: x + 5", f(10), 15);
    rt_check("first code again", f(1), 6);

    code[0] = SLLI_A0_A0(3);
    code[1] = addi_a0(-1);
    code[2] = RET;
    sync_icache();
    rt_check("second code: (x << 3) - 1", f(10), 79);

    code[0] = MUL_A0_A0_A0;
    code[1] = RET;
    sync_icache();
    rt_check("third code: x * x", f(12), 144);

    uint32_t sum = 0;
    for (int k = 1; k <= 3; k++) {
        code[0] = addi_a0(100 * k);
        sync_icache();
        sum += f(k);
    }
    rt_check("patched immediates: sum", sum, 101 + 202 + 303);

    /* A compressed c.li a0, 7 ; c.jr ra pair written as one word. */
    code[0] = 0x8082451du;              /* c.li a0,7 (0x451d), c.jr ra (0x8082) */
    sync_icache();
    rt_check("compressed code", f(0), 7);
    return rt_done();
}
