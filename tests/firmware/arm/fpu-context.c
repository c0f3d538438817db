/* FP context across exceptions (Cortex-M4F, mps2-an386; ARMv7-M ARM
 * B1.5.6-B1.5.8, B1.5.7 lazy preservation):
 *   1. with FPCCR.LSPEN = 0 an exception taken while CONTROL.FPCA = 1
 *      stacks the extended frame (S0-S15, FPSCR) at once, EXC_RETURN
 *      0xFFFFFFE9, and the frame is 8-byte aligned;
 *   2. with lazy stacking (reset default) the frame is reserved: FPCCR
 *      LSPACT, FPCAR = frame + 0x20; the handler's first FP instruction
 *      preserves S0-S15/FPSCR there; a handler that clobbers S0 still
 *      returns to the thread's S0; CONTROL.FPCA is 0 in the handler;
 *   3. a handler that uses no FP leaves LSPACT set, and the return
 *      clears it without touching the registers;
 *   4. two threads and main, all computing with floats (and holding
 *      values in s16-s31), switched by SysTick + PendSV with a FreeRTOS
 *      CM4F-style handler (fpu-context-switch.S): every result equals the
 *      same computation run alone. */
#include "rt.h"

#define FPCCR 0xe000ef34u
#define FPCAR 0xe000ef38u
#define LSPACT 1u
#define LSPEN (1u << 30)

/* ---- 1-3: SVC with the FP context active ---- */
static volatile uint32_t h_lr, h_frame, h_fpccr, h_fpcar, h_control, h_words[18], h_after;

static void svc_handler(RtExcFrame *f, uint32_t exc, uint32_t exc_return)
{
    (void)exc;
    h_lr = exc_return;
    h_frame = (uint32_t)f;
    h_fpccr = RT_MMIO32(FPCCR);
    h_fpcar = RT_MMIO32(FPCAR);
    h_control = rt_control();
    if (f->r0 == 1) {
        /* clobber S0 (first FP insn: lazy preservation happens here) */
        __asm__ volatile("vmov.f32 s0, #-2.0\n\tvmov.f32 s15, #-3.0" ::: "s0", "s15");
        h_after = RT_MMIO32(FPCCR);
    }
    for (unsigned i = 0; i < 18; i++)
        h_words[i] = ((volatile uint32_t *)f)[8 + i];
}

static uint32_t svc_with_fp(uint32_t mode, uint32_t *s0, uint32_t *s15, uint32_t *fpscr)
{
    register uint32_t r0 __asm__("r0") = mode;
    __asm__ volatile("vmov.f32 s0, #1.5\n\tvmov.f32 s15, #0.25\n\tvmsr fpscr, %4\n\t"
                     "svc #1\n\tvmov %1, s0\n\tvmov %2, s15\n\tvmrs %3, fpscr"
                     : "+r"(r0), "=r"(*s0), "=r"(*s15), "=r"(*fpscr)
                     : "r"(0x03c00000u | 0x10u) : "s0", "s15", "memory");
    return r0;
}

/* ---- 4: threads ---- */
#define STACK_WORDS 512
uint32_t fc_main_ctx[25];
static uint32_t stacks[2][STACK_WORDS] __attribute__((aligned(8)));
static uint32_t saved_sp[3];                /* [2] = main */
static volatile int cur = 2;
static volatile int finished[2];
static volatile uint32_t nswitch, nticks, lspact_seen;
static volatile uint32_t result[2], hi_ok[2];

uint32_t fc_switch(uint32_t sp);
uint32_t fc_switch(uint32_t sp)
{
    nswitch++;
    saved_sp[cur] = sp;
    int next;
    if (finished[0] && finished[1])
        next = 2;
    else if (cur == 2)
        next = 0;
    else
        next = finished[1 - cur] ? cur : 1 - cur;
    cur = next;
    return saved_sp[next];
}

static void on_systick(RtExcFrame *f, uint32_t exc, uint32_t r)
{
    (void)f; (void)exc;
    if (!(r & 0x10) && (RT_MMIO32(FPCCR) & LSPACT))
        lspact_seen = 1;
    nticks++;
    RT_MMIO32(SCB_ICSR) = 1u << 28;         /* PENDSVSET */
}

static const float seeds[2] = { 1.0f, -3.25f };
static const float mul[2] = { 1.0001f, 0.99991f };
static const float add[2] = { 0.5f, -0.125f };

static uint32_t compute(int id, unsigned n)
{
    volatile float k = mul[id], c = add[id];
    float x = seeds[id], kk = k, cc = c;
    for (unsigned i = 0; i < n; i++) {
        x = x * kk + cc;
        if (x > 1e6f || x < -1e6f)
            x = x / 1024.0f;
    }
    union { float f; uint32_t u; } u = { x };
    return u.u;
}

/* s16-s31 hold id-specific patterns across an FP loop on s0-s2 that runs
 * until `ticks` more SysTicks have come (so that the threads are preempted
 * inside it however fast the emulator runs: QEMU's SysTick follows host
 * time) */
static uint32_t hold_high_regs(int id, uint32_t ticks)
{
    uint32_t in[16], out[16];
    for (unsigned i = 0; i < 16; i++)
        in[i] = 0x40000000u + (uint32_t)id * 0x100000u + i;
    uint32_t until = nticks + ticks;
    __asm__ volatile("vldmia %0, {s16-s31}\n\t"
                     "vmov.f32 s0, #1.0\n\tvmov.f32 s1, #0.5\n"
                     "1:\tvadd.f32 s0, s0, s1\n\tvmul.f32 s2, s0, s1\n\t"
                     "ldr r3, [%2]\n\tcmp r3, %3\n\tblo 1b\n\t"
                     "vstmia %1, {s16-s31}"
                     :: "r"(in), "r"(out), "r"(&nticks), "r"(until)
                     : "r3", "s0", "s1", "s2", "s16", "s17", "s18", "s19", "s20", "s21", "s22",
                       "s23", "s24", "s25", "s26", "s27", "s28", "s29", "s30", "s31", "cc", "memory");
    uint32_t bad = 0;
    for (unsigned i = 0; i < 16; i++)
        bad |= in[i] ^ out[i];
    return bad == 0;
}

static void thread(uint32_t id)
{
    hi_ok[id] = hold_high_regs((int)id, 6);
    result[id] = compute((int)id, 20000);
    finished[id] = 1;
    for (;;) {
        RT_MMIO32(SCB_ICSR) = 1u << 28;
        rt_isb();
    }
}

static void init_stack(int id)
{
    uint32_t *top = &stacks[id][STACK_WORDS];
    uint32_t *fr = top - 8;                 /* basic frame */
    fr[0] = (uint32_t)id;                   /* r0 */
    fr[5] = 0xffffffffu;                    /* lr */
    fr[6] = (uint32_t)thread & ~1u;         /* pc */
    fr[7] = 0x01000000u;                    /* xpsr: T */
    uint32_t *sw = fr - 9;                  /* r4-r11, EXC_RETURN */
    for (unsigned i = 0; i < 8; i++)
        sw[i] = 0;
    sw[8] = 0xfffffffdu;                    /* thread, PSP, basic frame */
    saved_sp[id] = (uint32_t)sw;
}

int main(void)
{
    uint32_t s0, s15, fpscr;
    rt_set_handler(EXC_SVC, svc_handler);

    /* 1: immediate stacking */
    RT_MMIO32(FPCCR) = RT_MMIO32(FPCCR) & ~LSPEN;
    rt_check("FPCCR LSPEN cleared", RT_MMIO32(FPCCR) & LSPEN, 0);
    svc_with_fp(0, &s0, &s15, &fpscr);
    rt_check("EXC_RETURN: thread, MSP, extended frame", h_lr, 0xffffffe9);
    rt_check("extended frame 8-byte aligned", h_frame & 7, 0);
    rt_check("CONTROL.FPCA = 0 in the handler", h_control & 4, 0);
    rt_check("frame S0", h_words[0], 0x3fc00000);
    rt_check("frame S15", h_words[15], 0x3e800000);
    rt_check("frame FPSCR", h_words[16], 0x03c00010);
    rt_check("no lazy state", h_fpccr & LSPACT, 0);
    rt_check("S0 after return", s0, 0x3fc00000);
    rt_check("FPSCR after return", fpscr, 0x03c00010);

    /* 2: lazy, handler uses FP */
    RT_MMIO32(FPCCR) = RT_MMIO32(FPCCR) | LSPEN;
    svc_with_fp(1, &s0, &s15, &fpscr);
    rt_check("lazy: EXC_RETURN", h_lr, 0xffffffe9);
    rt_check("lazy: LSPACT at entry", h_fpccr & LSPACT, LSPACT);
    rt_check("lazy: FPCCR THREAD, HFRDY", h_fpccr & 0x1a, 0x18);
    rt_check("lazy: FPCAR = frame + 0x20", h_fpcar, h_frame + 0x20);
    rt_check("lazy: LSPACT cleared by the FP insn", h_after & LSPACT, 0);
    rt_check("lazy: frame S0 preserved", h_words[0], 0x3fc00000);
    rt_check("lazy: frame S15 preserved", h_words[15], 0x3e800000);
    rt_check("lazy: frame FPSCR preserved", h_words[16], 0x03c00010);
    rt_check("lazy: S0 restored", s0, 0x3fc00000);
    rt_check("lazy: S15 restored", s15, 0x3e800000);
    rt_check("lazy: FPSCR restored", fpscr, 0x03c00010);

    /* 3: lazy, handler without FP */
    svc_with_fp(2, &s0, &s15, &fpscr);
    rt_check("no FP in handler: LSPACT at entry", h_fpccr & LSPACT, LSPACT);
    rt_check(" cleared by the return", RT_MMIO32(FPCCR) & LSPACT, 0);
    rt_check(" S0 kept", s0, 0x3fc00000);
    __asm__ volatile("vmsr fpscr, %0" :: "r"(0u));

    /* 4: threads */
    uint32_t ref0 = compute(0, 20000), ref1 = compute(1, 20000);
    init_stack(0);
    init_stack(1);
    rt_set_handler(EXC_SYSTICK, on_systick);
    rt_shpr_set(EXC_PENDSV, 0xff);
    rt_shpr_set(EXC_SYSTICK, 0x80);
    RT_MMIO32(SYST_RVR) = 3000;
    RT_MMIO32(SYST_CVR) = 0;
    RT_MMIO32(SYST_CSR) = 7;                /* processor clock, interrupt, enable */
    uint32_t mine = hold_high_regs(2, 0);   /* main's s16-s31 too */
    float m = 2.0f;
    __asm__ volatile("vmov.f32 s16, #3.0\n\tvmov.f32 s31, #-5.0" ::: "s16", "s31");
    RT_MMIO32(SCB_ICSR) = 1u << 28;         /* start the threads */
    rt_isb();
    uint32_t m16, m31;
    __asm__ volatile("vmov %0, s16\n\tvmov %1, s31" : "=r"(m16), "=r"(m31));
    RT_MMIO32(SYST_CSR) = 0;
    m = m * 1.5f;
    rt_check("threads finished", finished[0] && finished[1], 1);
    rt_check("switches happened (> 6)", nswitch > 6, 1);
    rt_check("lazy state seen at a SysTick", lspact_seen, 1);
    rt_check("thread 0 result", result[0], ref0);
    rt_check("thread 1 result", result[1], ref1);
    rt_check("thread 0 s16-s31 held", hi_ok[0], 1);
    rt_check("thread 1 s16-s31 held", hi_ok[1], 1);
    rt_check("main s16-s31 held", mine, 1);
    rt_check("main s16 across the switch", m16, 0x40400000);
    rt_check("main s31 across the switch", m31, 0xc0a00000);
    union { float f; uint32_t u; } mu = { m };
    rt_check("main float", mu.u, 0x40400000);
    return rt_done();
}
