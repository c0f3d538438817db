/* tests/unit/dev/test_plic.c - PLIC: priorities, threshold, claim order,
 * complete, level gateway, per-context outputs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "devtest.h"

#define PLIC 0x0c000000u
#define PRIO(i) (PLIC + 4 * (i))
#define PENDING (PLIC + 0x1000)
#define ENABLE(c) (PLIC + 0x2000 + 0x80 * (c))
#define THRESH(c) (PLIC + 0x200000 + 0x1000 * (c))
#define CLAIM(c) (PLIC + 0x200004 + 0x1000 * (c))

static EmuIrq src(EmuMachine *m, unsigned n)
{
    EmuIrq irq = { 0 };
    void *s = dev_state(m, &emu_dev_sifive_plic);
    assert_true(emu_dev_sifive_plic.irq_in(s, n, &irq));
    return irq;
}

static void claim_highest_priority_then_lowest_id(void **st)
{
    EmuMachine *m = virt_new();
    DummyCpu *c = dummy_cpu(m);
    EmuIrq s3 = src(m, 3), s5 = src(m, 5), s7 = src(m, 7);
    wr(m, PRIO(3), 4, 2);
    wr(m, PRIO(5), 4, 6);
    wr(m, PRIO(7), 4, 2);
    assert_int_equal(rd(m, PRIO(5), 4), 6);
    wr(m, PRIO(7), 4, 0xff);
    assert_int_equal(rd(m, PRIO(7), 4), 7); /* 3 priority bits */
    wr(m, PRIO(7), 4, 2);
    wr(m, ENABLE(0), 4, 0xffffffffu);
    assert_int_equal(rd(m, ENABLE(0), 4), 0xfffffffeu); /* source 0 does not exist */
    emu_irq_raise(&s3);
    emu_irq_raise(&s5);
    emu_irq_raise(&s7);
    assert_int_equal(rd(m, PENDING, 4), (1u << 3) | (1u << 5) | (1u << 7));
    assert_int_equal(c->irq_level[11], 1);
    assert_int_equal(rd(m, CLAIM(0), 4), 5);
    assert_int_equal(rd(m, CLAIM(0), 4), 3);  /* tie 3 vs 7: lowest id */
    assert_int_equal(rd(m, CLAIM(0), 4), 7);
    assert_int_equal(c->irq_level[11], 0);
    assert_int_equal(rd(m, CLAIM(0), 4), 0);  /* nothing left */
    assert_int_equal(rd(m, PENDING, 4), 0);
    /* Complete 5 while still asserted: pending again (level gateway). */
    wr(m, CLAIM(0), 4, 5);
    assert_int_equal(c->irq_level[11], 1);
    assert_int_equal(rd(m, CLAIM(0), 4), 5);
    /* Deassert 3 before completing: it stays quiet. */
    emu_irq_lower(&s3);
    wr(m, CLAIM(0), 4, 3);
    assert_int_equal(rd(m, PENDING, 4), 0);
    emu_machine_free(m);
}

static void threshold_masks_and_contexts_are_separate(void **st)
{
    EmuMachine *m = virt_new();
    DummyCpu *c = dummy_cpu(m);
    EmuIrq s9 = src(m, 9);
    wr(m, PRIO(9), 4, 3);
    wr(m, ENABLE(1), 4, 1u << 9); /* S-mode context only */
    wr(m, THRESH(1), 4, 3);
    assert_int_equal(rd(m, THRESH(1), 4), 3);
    emu_irq_raise(&s9);
    assert_int_equal(c->irq_level[9], 0); /* priority must exceed threshold */
    assert_int_equal(c->irq_level[11], 0);
    wr(m, THRESH(1), 4, 2);
    assert_int_equal(c->irq_level[9], 1);
    assert_int_equal(c->irq_level[11], 0);
    assert_int_equal(rd(m, CLAIM(0), 4), 0); /* not enabled for context 0 */
    /* A level that drops before the claim withdraws the request. */
    emu_irq_lower(&s9);
    assert_int_equal(c->irq_level[9], 0);
    assert_int_equal(rd(m, CLAIM(1), 4), 0);
    /* Priority 0 never interrupts. */
    wr(m, THRESH(1), 4, 0);
    wr(m, PRIO(9), 4, 0);
    emu_irq_raise(&s9);
    assert_int_equal(c->irq_level[9], 0);
    /* Source numbers beyond riscv,ndev are refused. */
    EmuIrq bad;
    void *s = dev_state(m, &emu_dev_sifive_plic);
    assert_false(emu_dev_sifive_plic.irq_in(s, 97, &bad));
    assert_false(emu_dev_sifive_plic.irq_in(s, 0, &bad));
    assert_true(emu_dev_sifive_plic.irq_in(s, 96, &bad));
    emu_machine_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(claim_highest_priority_then_lowest_id),
        cmocka_unit_test(threshold_masks_and_contexts_are_separate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
