/* mstatus.MPRV = 1 with MPP = U makes M-mode loads and stores use U-mode
 * permissions (privileged spec 3.1.6.3), so a PMP entry without R/W makes
 * them fault (mcause 5/7) even in M mode; instruction fetch stays M.
 * With MPP = M the same accesses succeed.  (Whether mret to U clears
 * MPRV, as privileged spec 1.12 says, is not tested: QEMU 7.2 keeps it.) */
#include "pmp.h"

static uint32_t guarded[1024] __attribute__((aligned(4096)));
static volatile uint32_t n, cause[8], tval[8], mprv_in_trap[8];

static void on_trap(RtTrapFrame *f)
{
    if (n < 8) {
        cause[n] = f->mcause;
        tval[n] = f->mtval;
        mprv_in_trap[n] = (f->mstatus >> 17) & 1;
    }
    n++;
    f->mepc += rt_insn_len(f->mepc);
}

static inline uint32_t load(volatile uint32_t *p)
{
    uint32_t v = 0xeeeeeeee;
    __asm__ volatile("lw %0, 0(%1)" : "+r"(v) : "r"(p) : "memory");
    return v;
}

static inline void store(volatile uint32_t *p, uint32_t v)
{
    __asm__ volatile("sw %0, 0(%1)" :: "r"(v), "r"(p) : "memory");
}

/* Runs the accesses with MPRV and MPP set as given; only registers are
 * used between setting and clearing MPRV. */
static uint32_t access_with(uint32_t mpp, volatile uint32_t *p)
{
    uint32_t v;
    rt_csr_clear(mstatus, 3u << 11);
    rt_csr_set(mstatus, (mpp << 11) | (1u << 17));
    v = load(p);
    store(p + 1, 0x77);
    rt_csr_clear(mstatus, 1u << 17);
    rt_csr_set(mstatus, 3u << 11);
    return v;
}

int main(void)
{
    guarded[0] = 0x600d;
    rt_set_trap_handler(on_trap);
    pmp_set_addr(0, pmp_napot((uintptr_t)guarded, 4096));
    pmp_set_cfg(0, PMP_NAPOT);          /* no R, W, X for U */
    rt_pmp_allow_all();

    uint32_t v = access_with(3, guarded);
    rt_check("MPRV, MPP=M: load ok", v, 0x600d);
    rt_check("MPRV, MPP=M: store ok", guarded[1], 0x77);
    rt_check("MPRV, MPP=M: no fault", n, 0);

    guarded[1] = 0;
    v = access_with(0, guarded);
    rt_check("MPRV, MPP=U: load faulted", n >= 1, 1);
    rt_check("  load mcause", cause[0], 5);
    rt_check("  load mtval", tval[0], (uint32_t)(uintptr_t)&guarded[0]);
    rt_check("  load rd unchanged", v, 0xeeeeeeee);
    rt_check("MPRV, MPP=U: store faulted", n, 2);
    rt_check("  store mcause", cause[1], 7);
    rt_check("  store mtval", tval[1], (uint32_t)(uintptr_t)&guarded[1]);
    rt_check("  store did not land", guarded[1], 0);
    /* The trap itself runs with MPP = M (the previous mode), MPRV kept. */
    rt_check("  MPRV seen in trap", mprv_in_trap[0], 1);
    rt_check("MPRV cleared afterwards", (rt_csr_read(mstatus) >> 17) & 1, 0);
    return rt_done();
}
