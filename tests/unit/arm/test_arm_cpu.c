/*
 * tests/unit/arm/test_arm_cpu.c - the ARMv7-M CPU on an mps2-an385 machine
 * built in the test: hand-encoded Thumb code is loaded at 0x100 with a
 * vector table at 0, run for a bounded number of instructions, and the
 * architectural state is checked (DDI0403E sections cited per case).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "emu/cpu/arm/arm_cpu.h"

#include <string.h>
#include <unistd.h>
#include <stdlib.h>

#define CODE 0x100u
#define HANDLER 0x400u          /* every exception vector points here */
#define STACK 0x20001000u

static EmuMachine *m;
static ArmCpu *cpu;

static uint32_t rd32(uint32_t a)
{
    uint32_t v = 0;
    assert_int_equal(emu_bus_read(m, a, 4, &v), EMU_MEM_OK);
    return v;
}

static void wr32(uint32_t a, uint32_t v)
{
    assert_int_equal(emu_bus_write(m, a, 4, v), EMU_MEM_OK);
}

/* Build the machine: vector table (SP, reset = CODE, all others HANDLER),
 * `code` at CODE, `handler` (default: b .) at HANDLER, then reset. */
static void setup_machine(const uint16_t *code, size_t n, const uint16_t *handler, size_t hn,
                          uint32_t sp)
{
    char err[256];
    m = emu_machine_new();
    assert_non_null(m);
    if (!emu_board_load(m, "mps2-an385", err, sizeof err))
        fail_msg("%s", err);
    uint32_t vt[48];
    vt[0] = sp;
    vt[1] = CODE | 1;
    for (int i = 2; i < 48; i++)
        vt[i] = HANDLER | 1;
    assert_int_equal(emu_bus_load(m, 0, vt, sizeof vt), EMU_MEM_OK);
    assert_int_equal(emu_bus_load(m, CODE, code, n * 2), EMU_MEM_OK);
    static const uint16_t spin[] = { 0xe7fe };
    if (!handler) {
        handler = spin;
        hn = 1;
    }
    assert_int_equal(emu_bus_load(m, HANDLER, handler, hn * 2), EMU_MEM_OK);
    emu_machine_reset_devices(m);
    m->cpu_class->reset(m->cpu, 0);
    cpu = (ArmCpu *)m->cpu;
}

static EmuRunResult run(uint64_t max)
{
    EmuRunOptions o = { .max_insns = m->icount + max };
    EmuRunResult r;
    emu_run(m, &o, &r);
    return r;
}

static int teardown(void **state)
{
    (void)state;
    emu_machine_free(m);
    m = NULL;
    return 0;
}

static uint32_t xpsr(void) { return arm_get_xpsr(cpu); }

/* A2.2.1 AddWithCarry, A6.7.68 LSL (immediate) carry-out. */
static void test_flags_shift_carry(void **state)
{
    (void)state;
    static const uint16_t code[] = {
        0x20ff,             /* movs r0, #0xff                      */
        0x0601,             /* lsls r1, r0, #24  -> ff000000, C=0  */
        0x184a,             /* adds r2, r1, r1   -> fe000000, C=1, N=1 */
        0xf3ef, 0x8400,     /* mrs r4, apsr      */
        0x0843,             /* lsrs r3, r0, #1   -> 7f, C=1 (bit 0)*/
        0xf3ef, 0x8500,     /* mrs r5, apsr      */
        0x4240,             /* rsbs r0, r0, #0   -> ffffff01, C=0 (borrow) */
        0xe7fe,
    };
    setup_machine(code, 10, NULL, 0, STACK);
    run(7);
    assert_int_equal(cpu->r[1], 0xff000000u);
    assert_int_equal(cpu->r[2], 0xfe000000u);
    assert_int_equal(cpu->r[3], 0x7fu);
    assert_int_equal(cpu->r[0], 0xffffff01u);
    /* after RSBS: N=1 Z=0 C=0 V=0 */
    assert_int_equal(xpsr() >> 28, 0x8u);
    assert_int_equal(cpu->r[4], 0xa0000000u);  /* after ADDS: N, C */
    assert_int_equal(cpu->r[5], 0x20000000u);  /* after LSRS: C from bit 0 */
}

/* A7.3.3 IT: 16-bit MOVS inside an IT block do not set flags. */
static void run_it(uint32_t r0, uint32_t expect_r1)
{
    static const uint16_t code[] = {
        0x2805,             /* cmp r0, #5        */
        0xbf0c,             /* ite eq            */
        0x2101,             /* moveq r1, #1      */
        0x2102,             /* movne r1, #2      */
        0xe7fe,
    };
    setup_machine(code, 5, NULL, 0, STACK);
    cpu->r[0] = r0;
    run(4);
    assert_int_equal(cpu->r[1], expect_r1);
    /* flags are those of the CMP: Z = (r0 == 5) */
    assert_int_equal((xpsr() >> 30) & 1, r0 == 5);
    assert_int_equal(cpu->itstate, 0);
    teardown(NULL);
}

static void test_it_block(void **state)
{
    (void)state;
    run_it(5, 1);
    run_it(6, 2);
}

/* B1.5.6 exception entry: 8-word frame, 8-byte realignment (xPSR bit 9),
 * EXC_RETURN; B1.5.8 return restores SP including the realignment. */
static void test_svc_frame_and_return(void **state)
{
    (void)state;
    static const uint16_t code[] = {
        0x2011,             /* movs r0, #0x11 */
        0x2122,             /* movs r1, #0x22 */
        0xdf07,             /* svc #7         */
        0x2333,             /* movs r3, #0x33 */
        0xe7fe,
    };
    static const uint16_t handler[] = { 0x2444, 0x4770 };  /* movs r4,#0x44; bx lr */
    setup_machine(code, 5, handler, 2, STACK - 4);   /* SP 4 mod 8 */
    cpu->r[12] = 0xc0c0c0c0u;
    cpu->r[14] = 0x12345679u;
    run(3);
    assert_int_equal(cpu->scs->ipsr, ARMV7M_EXC_SVCALL);
    assert_int_equal(cpu->pc, HANDLER);
    assert_int_equal(cpu->r[14], 0xfffffff9u);
    uint32_t sp = cpu->r[13];
    assert_int_equal(sp, (STACK - 4 - 32) & ~7u);
    assert_int_equal(rd32(sp + 0), 0x11);
    assert_int_equal(rd32(sp + 4), 0x22);
    assert_int_equal(rd32(sp + 16), 0xc0c0c0c0u);
    assert_int_equal(rd32(sp + 20), 0x12345679u);
    assert_int_equal(rd32(sp + 24), CODE + 6);          /* after the SVC */
    assert_int_equal(rd32(sp + 28) & (1u << 9), 1u << 9);
    assert_int_equal(rd32(sp + 28) & (1u << 24), 1u << 24);
    run(3);                 /* movs r2; bx lr; movs r3 */
    assert_int_equal(cpu->scs->ipsr, 0);
    assert_int_equal(cpu->r[13], STACK - 4);
    assert_int_equal(cpu->r[4], 0x44);
    assert_int_equal(cpu->r[3], 0x33);
    assert_int_equal(cpu->scs->nactive, 0);
}

/* B3.2.8 CCR.UNALIGN_TRP and B3.2.15 CFSR.UNALIGNED: precise UsageFault at
 * the faulting instruction (QEMU 7.2 does not trap here). */
static void test_unaligned_trap(void **state)
{
    (void)state;
    static const uint16_t code[] = {
        0x6801,             /* ldr r1, [r0] */
        0xe7fe,
    };
    setup_machine(code, 2, NULL, 0, STACK);
    wr32(0x20000000u, 0x44332211u);
    wr32(0x20000004u, 0x88776655u);
    cpu->r[0] = 0x20000001u;
    run(1);
    assert_int_equal(cpu->r[1], 0x55443322u);     /* allowed by default */
    teardown(NULL);

    setup_machine(code, 2, NULL, 0, STACK);
    wr32(0xe000ed14u, rd32(0xe000ed14u) | CCR_UNALIGN_TRP);
    wr32(0xe000ed24u, SHCSR_USGFAULTENA);
    cpu->r[0] = 0x20000001u;
    cpu->r[1] = 0xabcdu;
    run(1);
    assert_int_equal(cpu->scs->ipsr, ARMV7M_EXC_USAGEFAULT);
    assert_int_equal(rd32(0xe000ed28u), CFSR_UNALIGNED);
    assert_int_equal(rd32(cpu->r[13] + 24), CODE);     /* stacked PC = the LDR */
    assert_int_equal(cpu->r[1], 0xabcdu);              /* not loaded */
}

/* A7.7.127 UDIV: division by zero gives 0, or UsageFault.DIVBYZERO with
 * CCR.DIV_0_TRP; disabled UsageFault escalates to HardFault (FORCED). */
static void test_div0(void **state)
{
    (void)state;
    static const uint16_t code[] = {
        0xfbb0, 0xf2f1,     /* udiv r2, r0, r1 */
        0xe7fe,
    };
    setup_machine(code, 3, NULL, 0, STACK);
    cpu->r[0] = 10;
    cpu->r[1] = 0;
    cpu->r[2] = 99;
    run(1);
    assert_int_equal(cpu->r[2], 0);
    teardown(NULL);

    setup_machine(code, 3, NULL, 0, STACK);
    wr32(0xe000ed14u, rd32(0xe000ed14u) | CCR_DIV_0_TRP);
    cpu->r[0] = 10;
    cpu->r[1] = 0;
    run(1);
    assert_int_equal(cpu->scs->ipsr, ARMV7M_EXC_HARDFAULT);
    assert_int_equal(rd32(0xe000ed28u), CFSR_DIVBYZERO);
    assert_int_equal(rd32(0xe000ed2cu), HFSR_FORCED);
}

/* B1.5.4 priorities: the lower group priority is taken first; BASEPRI
 * masks equal and lower priorities. */
static void test_nvic_priority_basepri(void **state)
{
    (void)state;
    static const uint16_t code[] = { 0xbf00, 0xbf00, 0xe7fe };   /* nop; nop; b . */
    setup_machine(code, 3, NULL, 0, STACK);
    wr32(0xe000e100u, 3);               /* ISER: IRQ 0 and 1 */
    wr32(0xe000e400u, 0x00004080u);     /* IPR0: IRQ0 0x80, IRQ1 0x40 */
    cpu->basepri = 0x40;
    wr32(0xe000e200u, 3);               /* ISPR: pend both */
    run(2);
    assert_int_equal(cpu->scs->ipsr, 0);    /* both masked by BASEPRI */
    assert_int_equal(rd32(0xe000ed04u) & 0x1ff000u, 17u << 12);   /* VECTPENDING */
    cpu->basepri = 0;
    cpu->scs->changed = 1;
    run(1);
    assert_int_equal(cpu->scs->ipsr, 17);   /* IRQ1: higher priority */
    assert_int_equal(rd32(0xe000e300u), 2); /* IABR */
    assert_int_equal(rd32(0xe000e200u), 1); /* IRQ0 still pending */
}

/* B3.3 SysTick on the processor clock counts retired instructions; C1.8
 * DWT CYCCNT counts when enabled. */
static void test_systick_dwt_count(void **state)
{
    (void)state;
    static const uint16_t code[] = { 0xe7fe };
    setup_machine(code, 1, NULL, 0, STACK);
    wr32(0xe000e014u, 1000);            /* RVR */
    wr32(0xe000e018u, 0);               /* CVR */
    wr32(0xe000e010u, 5);               /* CSR: enable, processor clock */
    wr32(0xe000edfcu, 1u << 24);        /* DEMCR.TRCENA */
    wr32(0xe0001000u, 1);               /* DWT_CTRL.CYCCNTENA */
    run(101);
    /* the first tick reloads 1000, each later one decrements */
    assert_int_equal(rd32(0xe000e018u), 1000 - 100);
    assert_int_equal(rd32(0xe0001004u), 101);
    assert_int_equal(rd32(0xe000e01cu) & 0xffffff, 9999);    /* TENMS at 1 MHz */
}

/* B1.5.15 lockup: a fault in HardFault (vector to unmapped memory). */
static void test_lockup(void **state)
{
    (void)state;
    static const uint16_t code[] = { 0xde00 };    /* udf #0 */
    setup_machine(code, 1, NULL, 0, STACK);
    uint32_t bad = 0x70000001u;
    assert_int_equal(emu_bus_load(m, 3 * 4, &bad, 4), EMU_MEM_OK);   /* HardFault */
    EmuRunResult r = run(100);
    assert_int_equal(r.reason, EMU_STOP_ERROR);
    assert_int_equal(r.status, EMU_EXIT_GUEST_STOP);
    assert_non_null(strstr(m->error_msg, "lockup"));
}

/* SP804-style one-shot mode of the CMSDK dual timer: stops at zero with
 * RIS set (DDI0479C 4.5; QEMU 7.2 stops at 1 without an interrupt). */
static void test_dualtimer_oneshot(void **state)
{
    (void)state;
    static const uint16_t code[] = { 0xe7fe };
    setup_machine(code, 1, NULL, 0, STACK);
    wr32(0x40002000u, 50);                      /* LOAD */
    wr32(0x40002008u, 0x80 | 0x20 | 0x02 | 0x01);
    run(200);
    assert_int_equal(rd32(0x40002004u), 0);     /* VALUE */
    assert_int_equal(rd32(0x40002010u), 1);     /* RIS */
    assert_int_equal(rd32(0x40002014u), 1);     /* MIS */
}

/* B3.2.15: an undefined instruction (here a Cortex-M4 DSP instruction on a
 * Cortex-M3) raises UsageFault.UNDEFINSTR; a coprocessor/FP instruction
 * without an FPU raises UsageFault.NOCP; an LDM with an empty register
 * list (UNPREDICTABLE, UNDEFINED in QEMU) raises UNDEFINSTR. */
static void expect_usagefault(const uint16_t *code, size_t n, uint32_t cfsr)
{
    setup_machine(code, n, NULL, 0, STACK);
    wr32(0xe000ed24u, SHCSR_USGFAULTENA);
    run(1);
    assert_int_equal(cpu->scs->ipsr, ARMV7M_EXC_USAGEFAULT);
    assert_int_equal(rd32(0xe000ed28u), cfsr);
    assert_int_equal(rd32(cpu->r[13] + 24), CODE);
    teardown(NULL);
}

static void test_undefined_nocp(void **state)
{
    (void)state;
    static const uint16_t dsp[] = { 0xfa90, 0xf000, 0xe7fe };      /* sadd16 r0, r0, r0 */
    static const uint16_t vadd[] = { 0xee30, 0x0a00, 0xe7fe };     /* vadd.f32 s0, s0, s0 */
    static const uint16_t ldm0[] = { 0xe890, 0x0000, 0xe7fe };     /* ldm.w r0, {} */
    static const uint16_t udf[] = { 0xde05, 0xe7fe };              /* udf #5 */
    expect_usagefault(dsp, 3, CFSR_UNDEFINSTR);
    expect_usagefault(vadd, 3, CFSR_NOCP);
    expect_usagefault(ldm0, 3, CFSR_UNDEFINSTR);
    expect_usagefault(udf, 2, CFSR_UNDEFINSTR);
}

/* B1.4.7 / A2.3.2: BX to an address with bit 0 clear clears EPSR.T; the
 * next instruction raises UsageFault.INVSTATE with the target as the
 * stacked PC. */
static void test_bx_invstate(void **state)
{
    (void)state;
    static const uint16_t code[] = { 0x4700, 0xe7fe };            /* bx r0 */
    setup_machine(code, 2, NULL, 0, STACK);
    wr32(0xe000ed24u, SHCSR_USGFAULTENA);
    cpu->r[0] = CODE + 2;                                          /* bit 0 clear */
    run(2);
    assert_int_equal(cpu->scs->ipsr, ARMV7M_EXC_USAGEFAULT);
    assert_int_equal(rd32(0xe000ed28u), CFSR_INVSTATE);
    assert_int_equal(rd32(cpu->r[13] + 24), CODE + 2);
    assert_int_equal(rd32(cpu->r[13] + 28) & (1u << 24), 0);       /* stacked T = 0 */
}

/* CMSDK UART receive: a byte from the console input sets RXFULL, raises
 * the RX interrupt status when enabled, and reading DATA consumes it. */
static void test_uart_rx(void **state)
{
    (void)state;
    static const uint16_t code[] = { 0xe7fe };
    setup_machine(code, 1, NULL, 0, STACK);
    char path[] = "/tmp/emucov-uart-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "hi", 2), 2);
    lseek(fd, 0, SEEK_SET);
    unlink(path);
    emu_console_init(m, fd);
    wr32(0x40004008u, 2 | 8);                  /* RX enable, RX interrupt */
    assert_int_equal(rd32(0x40004004u) & 2, 2); /* STATE.RXFULL */
    assert_int_equal(rd32(0x4000400cu) & 2, 2); /* INTSTATUS.RX */
    assert_int_equal(rd32(0x40004000u), 'h');
    wr32(0x4000400cu, 2);                       /* INTCLEAR */
    assert_int_equal(rd32(0x40004000u), 'i');
    assert_int_equal(rd32(0x40004004u) & 2, 0);
    close(fd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_flags_shift_carry, teardown),
        cmocka_unit_test(test_it_block),
        cmocka_unit_test_teardown(test_svc_frame_and_return, teardown),
        cmocka_unit_test_teardown(test_unaligned_trap, teardown),
        cmocka_unit_test_teardown(test_div0, teardown),
        cmocka_unit_test_teardown(test_nvic_priority_basepri, teardown),
        cmocka_unit_test_teardown(test_systick_dwt_count, teardown),
        cmocka_unit_test_teardown(test_lockup, teardown),
        cmocka_unit_test_teardown(test_dualtimer_oneshot, teardown),
        cmocka_unit_test(test_undefined_nocp),
        cmocka_unit_test_teardown(test_bx_invstate, teardown),
        cmocka_unit_test_teardown(test_uart_rx, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
