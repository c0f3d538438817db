/*
 * tests/unit/isa-arm/test_arm_decode.c - unit tests of the ARMv7-M Thumb
 * decoder: every encoding class (A5.2, A5.3), ThumbExpandImm, IT state,
 * register lists, immediates at their extremes, UNDEFINED/UNPREDICTABLE
 * encodings, control-flow classes and a few disassembly texts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "emu/isa/arm/arm_isa.h"

#define PC 0x08000100u

static ArmInsn dec16(uint16_t hw)
{
    ArmInsn d;
    unsigned len = arm_decode_hw(hw, 0, PC, &d);
    assert_int_equal(len, 2);
    /* outside any IT block */
    ArmItState it = { 0 };
    arm_it_step(&it, &d);
    return d;
}

static ArmInsn dec32(uint16_t h1, uint16_t h2)
{
    ArmInsn d;
    unsigned len = arm_decode_hw(h1, h2, PC, &d);
    assert_int_equal(len, 4);
    ArmItState it = { 0 };
    arm_it_step(&it, &d);
    return d;
}

static const char *dis(const ArmInsn *d)
{
    static char buf[128];
    arm_disasm(d, PC, buf, sizeof buf);
    return buf;
}

/* ---------------------------------------------------------- expand imm */

static void test_thumb_expand_imm(void **state)
{
    (void)state;
    bool c, u;
    assert_int_equal(arm_thumb_expand_imm(0x0ab, &c, &u), 0xab);
    assert_false(c);
    assert_false(u);
    assert_int_equal(arm_thumb_expand_imm(0x1ab, &c, &u), 0x00ab00ab);
    assert_int_equal(arm_thumb_expand_imm(0x2ab, &c, &u), 0xab00ab00);
    assert_int_equal(arm_thumb_expand_imm(0x3ab, &c, &u), 0xabababab);
    assert_false(c);
    /* rotations: 0x800 = ROR('1':imm7, 16) ... extremes 8 and 31 */
    assert_int_equal(arm_thumb_expand_imm(0x400, &c, &u), 0x80000000u);
    assert_true(c);
    assert_int_equal(arm_thumb_expand_imm(0x47f, &c, &u), 0xff000000u);
    assert_int_equal(arm_thumb_expand_imm(0xfff, &c, &u), 0x000001feu);
    assert_int_equal(arm_thumb_expand_imm(0xf80, &c, &u), 0x00000100u);
    assert_true(c);
    /* imm8 == 0 with a replication pattern is UNPREDICTABLE */
    arm_thumb_expand_imm(0x100, &c, &u);
    assert_true(u);
    arm_thumb_expand_imm(0x300, &c, &u);
    assert_true(u);
    arm_thumb_expand_imm(0x000, &c, &u);
    assert_false(u);
}

/* ---------------------------------------------------------- 16-bit */

static void test_16_shift_add_mov_cmp(void **state)
{
    (void)state;
    ArmInsn d = dec16(0x0000);                      /* movs r0, r0 (LSL #0) */
    assert_int_equal(d.op, ARM_OP_MOV_REG);
    assert_int_equal(d.shift_n, 0);
    assert_true(d.flags & ARM_F_S);
    assert_string_equal(dis(&d), "movs\tr0, r0");
    d = dec16(0x0fff);                              /* lsrs r7, r7, #31 */
    assert_int_equal(d.shift_t, ARM_SHIFT_LSR);
    assert_int_equal(d.shift_n, 31);
    d = dec16(0x0808);                              /* lsrs r0, r1, #32 */
    assert_int_equal(d.shift_n, 32);
    assert_string_equal(dis(&d), "lsrs\tr0, r1, #32");
    d = dec16(0x1008);                              /* asrs r0, r1, #32 */
    assert_int_equal(d.shift_t, ARM_SHIFT_ASR);
    assert_int_equal(d.shift_n, 32);
    d = dec16(0x1c08 | 7 << 6);                     /* adds r0, r1, #7 */
    assert_int_equal(d.op, ARM_OP_ADD_IMM);
    assert_int_equal(d.imm, 7);
    d = dec16(0x1a8a);                              /* subs r2, r1, r2 */
    assert_int_equal(d.op, ARM_OP_SUB_REG);
    assert_int_equal(d.rd, 2);
    assert_int_equal(d.rn, 1);
    assert_int_equal(d.rm, 2);
    d = dec16(0x27ff);                              /* movs r7, #255 */
    assert_int_equal(d.op, ARM_OP_MOV_IMM);
    assert_int_equal(d.rd, 7);
    assert_int_equal(d.imm, 255);
    assert_string_equal(dis(&d), "movs\tr7, #255\t@ 0xff");
    d = dec16(0x2f00);                              /* cmp r7, #0 */
    assert_int_equal(d.op, ARM_OP_CMP_IMM);
    assert_int_equal(d.rn, 7);
    assert_int_equal(d.flags & (ARM_F_S | ARM_F_S_OUTSIDE_IT), ARM_F_S);
    d = dec16(0x3eff);                              /* subs r6, #255 */
    assert_int_equal(d.op, ARM_OP_SUB_IMM);
    assert_int_equal(d.rd, 6);
    assert_int_equal(d.rn, 6);
}

static void test_16_data_processing(void **state)
{
    (void)state;
    static const struct { uint16_t hw; ArmOp op; const char *text; } t[] = {
        { 0x4008, ARM_OP_AND_REG, "ands\tr0, r1" }, { 0x4048, ARM_OP_EOR_REG, "eors\tr0, r1" },
        { 0x4088, ARM_OP_LSL_REG, "lsls\tr0, r1" }, { 0x40c8, ARM_OP_LSR_REG, "lsrs\tr0, r1" },
        { 0x4108, ARM_OP_ASR_REG, "asrs\tr0, r1" }, { 0x4148, ARM_OP_ADC_REG, "adcs\tr0, r1" },
        { 0x4188, ARM_OP_SBC_REG, "sbcs\tr0, r1" }, { 0x41c8, ARM_OP_ROR_REG, "rors\tr0, r1" },
        { 0x4208, ARM_OP_TST_REG, "tst\tr0, r1" }, { 0x4248, ARM_OP_RSB_IMM, "negs\tr0, r1" },
        { 0x4288, ARM_OP_CMP_REG, "cmp\tr0, r1" }, { 0x42c8, ARM_OP_CMN_REG, "cmn\tr0, r1" },
        { 0x4308, ARM_OP_ORR_REG, "orrs\tr0, r1" }, { 0x4348, ARM_OP_MUL, "muls\tr0, r1" },
        { 0x4388, ARM_OP_BIC_REG, "bics\tr0, r1" }, { 0x43c8, ARM_OP_MVN_REG, "mvns\tr0, r1" },
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        ArmInsn d = dec16(t[i].hw);
        assert_int_equal(d.op, t[i].op);
        assert_true(d.flags & ARM_F_S);
        assert_string_equal(dis(&d), t[i].text);
    }
    ArmInsn d = dec16(0x4248);                      /* negs: Rd = 0 - Rn */
    assert_int_equal(d.rd, 0);
    assert_int_equal(d.rn, 1);
    assert_int_equal(d.imm, 0);
    d = dec16(0x4348);                              /* muls r0, r1, r0 */
    assert_int_equal(d.rd, 0);
    assert_int_equal(d.rn, 1);
    assert_int_equal(d.rm, 0);
}

static void test_16_special_and_branch_exchange(void **state)
{
    (void)state;
    ArmInsn d = dec16(0x44e8);                      /* add r8, sp */
    assert_int_equal(d.op, ARM_OP_ADD_REG);
    assert_int_equal(d.rd, 8);
    assert_int_equal(d.rm, 13);
    assert_false(d.flags & ARM_F_S);
    d = dec16(0x44ff);                              /* add pc, pc: UNPREDICTABLE */
    assert_true(d.flags & ARM_F_UNPRED);
    d = dec16(0x4588);                              /* cmp r8, r1 */
    assert_int_equal(d.op, ARM_OP_CMP_REG);
    assert_int_equal(d.rn, 8);
    assert_false(d.flags & ARM_F_UNPRED);
    d = dec16(0x4508);                              /* cmp r0, r1 (both low): UNPRED */
    assert_true(d.flags & ARM_F_UNPRED);
    d = dec16(0x46c8);                              /* mov r8, r9 */
    assert_int_equal(d.op, ARM_OP_MOV_REG);
    assert_int_equal(d.rd, 8);
    assert_int_equal(d.rm, 9);
    assert_false(d.flags & ARM_F_S);
    d = dec16(0x46c0);
    assert_string_equal(dis(&d), "nop\t\t\t@ (mov r8, r8)");
    d = dec16(0x4770);
    assert_int_equal(d.op, ARM_OP_BX);
    assert_int_equal(d.rm, 14);
    d = dec16(0x47c8);                              /* blx r9 */
    assert_int_equal(d.op, ARM_OP_BLX_REG);
    assert_int_equal(d.rm, 9);
    d = dec16(0x47f8);                              /* blx pc: UNPRED */
    assert_true(d.flags & ARM_F_UNPRED);
    d = dec16(0x4771);                              /* bx lr with (0) bits set: UNDEF */
    assert_int_equal(d.op, ARM_OP_UNDEFINED);
    assert_true(d.flags & ARM_F_UNPRED_UNDEF);
    assert_int_equal(dec32(0xeb01, 0x8002).op, ARM_OP_UNDEFINED);   /* add.w, bit 15 set */
    assert_int_equal(dec32(0xf7a1, 0x0000).op, ARM_OP_UNDEFINED);   /* usat with i = 1 */
}

static void test_16_load_store(void **state)
{
    (void)state;
    ArmInsn d = dec16(0x4fff);                      /* ldr r7, [pc, #1020] */
    assert_int_equal(d.op, ARM_OP_LDR_LIT);
    assert_int_equal(d.imm, 1020);
    assert_int_equal(d.width, 4);
    static const struct { uint16_t hw; ArmOp op; unsigned w; bool s; } r[] = {
        { 0x5088, ARM_OP_STR_REG, 4, false }, { 0x5288, ARM_OP_STR_REG, 2, false },
        { 0x5488, ARM_OP_STR_REG, 1, false }, { 0x5688, ARM_OP_LDR_REG, 1, true },
        { 0x5888, ARM_OP_LDR_REG, 4, false }, { 0x5a88, ARM_OP_LDR_REG, 2, false },
        { 0x5c88, ARM_OP_LDR_REG, 1, false }, { 0x5e88, ARM_OP_LDR_REG, 2, true },
    };
    for (size_t i = 0; i < sizeof r / sizeof r[0]; i++) {
        d = dec16(r[i].hw);
        assert_int_equal(d.op, r[i].op);
        assert_int_equal(d.width, r[i].w);
        assert_int_equal(!!(d.flags & ARM_F_SIGNED), r[i].s);
        assert_int_equal(d.rd, 0);
        assert_int_equal(d.rn, 1);
        assert_int_equal(d.rm, 2);
    }
    d = dec16(0x6fff);                              /* ldr r7, [r7, #124] */
    assert_int_equal(d.op, ARM_OP_LDR_IMM);
    assert_int_equal(d.imm, 124);
    d = dec16(0x77ff);                              /* strb r7, [r7, #31] */
    assert_int_equal(d.op, ARM_OP_STR_IMM);
    assert_int_equal(d.width, 1);
    assert_int_equal(d.imm, 31);
    d = dec16(0x8fff);                              /* ldrh r7, [r7, #62] */
    assert_int_equal(d.width, 2);
    assert_int_equal(d.imm, 62);
    d = dec16(0x97ff);                              /* str r7, [sp, #1020] */
    assert_int_equal(d.rn, 13);
    assert_int_equal(d.imm, 1020);
    assert_string_equal(dis(&d), "str\tr7, [sp, #1020]\t@ 0x3fc");
}

static void test_16_adr_sp_misc(void **state)
{
    (void)state;
    ArmInsn d = dec16(0xa7ff);                      /* adr r7, #1020 */
    assert_int_equal(d.op, ARM_OP_ADR);
    assert_int_equal(d.imm, 1020);
    d = dec16(0xafff);                              /* add r7, sp, #1020 */
    assert_int_equal(d.op, ARM_OP_ADD_IMM);
    assert_int_equal(d.rn, 13);
    assert_int_equal(d.imm, 1020);
    d = dec16(0xb07f);                              /* add sp, #508 */
    assert_int_equal(d.imm, 508);
    assert_int_equal(d.rd, 13);
    d = dec16(0xb0ff);                              /* sub sp, #508 */
    assert_int_equal(d.op, ARM_OP_SUB_IMM);
    assert_int_equal(d.imm, 508);
    d = dec16(0xbbff);                              /* cbnz r7, +126 */
    assert_int_equal(d.op, ARM_OP_CBNZ);
    assert_int_equal(d.rn, 7);
    assert_int_equal(d.imm, 126);
    d = dec16(0xb100);                              /* cbz r0, +0 */
    assert_int_equal(d.op, ARM_OP_CBZ);
    assert_int_equal(d.imm, 0);
    assert_int_equal(dec16(0xb211).op, ARM_OP_SXTH);
    assert_int_equal(dec16(0xb251).op, ARM_OP_SXTB);
    assert_int_equal(dec16(0xb291).op, ARM_OP_UXTH);
    assert_int_equal(dec16(0xb2d1).op, ARM_OP_UXTB);
    assert_int_equal(dec16(0xba11).op, ARM_OP_REV);
    assert_int_equal(dec16(0xba51).op, ARM_OP_REV16);
    assert_int_equal(dec16(0xbad1).op, ARM_OP_REVSH);
    d = dec16(0xb5ff);                              /* push {r0-r7, lr} */
    assert_int_equal(d.op, ARM_OP_STMDB);
    assert_int_equal(d.rn, 13);
    assert_int_equal(d.reglist, 0x40ff);
    assert_true(d.flags & ARM_F_WBACK);
    assert_string_equal(dis(&d), "push\t{r0, r1, r2, r3, r4, r5, r6, r7, lr}");
    d = dec16(0xbd00);                              /* pop {pc} */
    assert_int_equal(d.op, ARM_OP_LDM);
    assert_int_equal(d.reglist, 0x8000);
    d = dec16(0xb400);                              /* push {}: UNPRED */
    assert_true(d.flags & ARM_F_UNPRED);
    d = dec16(0xb672);                              /* cpsid i */
    assert_int_equal(d.op, ARM_OP_CPS);
    assert_int_equal(d.imm, 0x12);
    d = dec16(0xb661);                              /* cpsie f */
    assert_int_equal(d.imm, 0x01);
    d = dec16(0xbeab);
    assert_int_equal(d.op, ARM_OP_BKPT);
    assert_int_equal(d.imm, 0xab);
    assert_string_equal(dis(&d), "bkpt\t0x00ab");
    static const ArmOp hints[] = { ARM_OP_NOP, ARM_OP_YIELD, ARM_OP_WFE, ARM_OP_WFI, ARM_OP_SEV };
    for (unsigned i = 0; i < 5; i++)
        assert_int_equal(dec16((uint16_t)(0xbf00 | i << 4)).op, hints[i]);
    assert_int_equal(dec16(0xbf70).op, ARM_OP_NOP);  /* unallocated hint */
}

static void test_16_ldm_stm(void **state)
{
    (void)state;
    ArmInsn d = dec16(0xc9ff);                      /* ldmia r1, {r0-r7}: base in list */
    assert_int_equal(d.op, ARM_OP_LDM);
    assert_int_equal(d.rn, 1);
    assert_int_equal(d.reglist, 0xff);
    assert_false(d.flags & ARM_F_WBACK);
    assert_string_equal(dis(&d), "ldmia\tr1, {r0, r1, r2, r3, r4, r5, r6, r7}");
    d = dec16(0xc906);                              /* ldmia r1!, {r1, r2}? no: {r1,r2} has r1 */
    assert_false(d.flags & ARM_F_WBACK);
    d = dec16(0xc90c);                              /* ldmia r1!, {r2, r3} */
    assert_true(d.flags & ARM_F_WBACK);
    d = dec16(0xc006);                              /* stmia r0!, {r1, r2} */
    assert_int_equal(d.op, ARM_OP_STM);
    assert_true(d.flags & ARM_F_WBACK);
    assert_false(d.flags & ARM_F_UNPRED);
    d = dec16(0xc10f);                              /* stmia r1!, {r0-r3}: base not lowest */
    assert_true(d.flags & ARM_F_UNPRED);
    d = dec16(0xc800);                              /* empty list: QEMU UNDEFs */
    assert_true(d.flags & ARM_F_UNPRED);
    assert_true(d.flags & ARM_F_UNPRED_UNDEF);
    assert_false(dec16(0xc10f).flags & ARM_F_UNPRED_UNDEF);
}

static void test_16_branches_svc_udf(void **state)
{
    (void)state;
    ArmInsn d = dec16(0xd080);                      /* beq -256 */
    assert_int_equal(d.op, ARM_OP_B);
    assert_int_equal(d.cond, ARM_COND_EQ);
    assert_int_equal(d.imm, -256);
    d = dec16(0xdc7f);                              /* bgt +254 */
    assert_int_equal(d.cond, ARM_COND_GT);
    assert_int_equal(d.imm, 254);
    d = dec16(0xe400);                              /* b -2048 */
    assert_int_equal(d.cond, ARM_COND_AL);
    assert_int_equal(d.imm, -2048);
    d = dec16(0xe3ff);                              /* b +2046 */
    assert_int_equal(d.imm, 2046);
    char buf[64];
    arm_disasm(&d, PC, buf, sizeof buf);
    assert_string_equal(buf, "b.n\t8000902");
    d = dec16(0xdfff);
    assert_int_equal(d.op, ARM_OP_SVC);
    assert_int_equal(d.imm, 255);
    d = dec16(0xde00);
    assert_int_equal(d.op, ARM_OP_UDF);
    assert_int_equal(d.imm, 0);
}

static void test_16_undefined(void **state)
{
    (void)state;
    /* HLT (ARMv8), SETEND (ARMv6, not M), 1011 0110 01xx others, CPS with
     * im bits in the wrong place, 1011 1010 10xx */
    static const uint16_t u[] = { 0xba80, 0xb650, 0xb658, 0xb640, 0xb680, 0xb6f0 };
    for (size_t i = 0; i < sizeof u / sizeof u[0]; i++)
        assert_int_equal(dec16(u[i]).op, ARM_OP_UNDEFINED);
}

/* ---------------------------------------------------------- IT blocks */

static void test_it_state_sequence(void **state)
{
    (void)state;
    /* itte eq ; adds r0, r0, r1 ; subs r0, #1 ; movs r0, #2 ; adds r0, #1 */
    static const uint16_t code[] = { 0xbf06, 0x1840, 0x3801, 0x2002, 0x3001 };
    static const char *const text[] = {
        "itte\teq", "addeq\tr0, r0, r1", "subeq\tr0, #1", "movne\tr0, #2", "adds\tr0, #1",
    };
    ArmItState it = { 0 };
    for (unsigned i = 0; i < 5; i++) {
        ArmInsn d;
        arm_decode_hw(code[i], 0, PC + 2 * i, &d);
        arm_it_step(&it, &d);
        char buf[64];
        arm_disasm(&d, PC + 2 * i, buf, sizeof buf);
        assert_string_equal(buf, text[i]);
        if (i >= 1 && i <= 3) {
            assert_true(d.flags & ARM_F_IN_IT);
            assert_false(d.flags & ARM_F_S);           /* 16-bit: no flags in IT */
            assert_int_equal(!!(d.flags & ARM_F_LAST_IN_IT), i == 3);
            assert_int_equal(d.cond, i < 3 ? ARM_COND_EQ : ARM_COND_NE);
        } else if (i == 4) {
            assert_false(d.flags & ARM_F_IN_IT);
            assert_true(d.flags & ARM_F_S);
            assert_false(arm_it_active(&it));
        }
    }
}

static void test_it_masks_and_suffixes(void **state)
{
    (void)state;
    static const struct { uint16_t hw; const char *text; unsigned n; } t[] = {
        { 0xbf08, "it\teq", 1 }, { 0xbf04, "itt\teq", 2 }, { 0xbf0c, "ite\teq", 2 },
        { 0xbf02, "ittt\teq", 3 }, { 0xbf01, "itttt\teq", 4 }, { 0xbf0f, "iteee\teq", 4 },
        { 0xbf18, "it\tne", 1 }, { 0xbf1c, "itt\tne", 2 }, { 0xbf14, "ite\tne", 2 },
        { 0xbf11, "iteee\tne", 4 }, { 0xbf17, "itett\tne", 4 }, { 0xbfc9, "itett\tgt", 4 },
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        ArmInsn d = dec16(t[i].hw);
        assert_int_equal(d.op, ARM_OP_IT);
        assert_string_equal(dis(&d), t[i].text);
        /* count the instructions the block covers */
        ArmItState it = { 0 };
        ArmInsn itd;
        arm_decode_hw(t[i].hw, 0, PC, &itd);
        arm_it_step(&it, &itd);
        unsigned n = 0;
        while (arm_it_active(&it)) {
            ArmInsn nop;
            arm_decode_hw(0xbf00, 0, PC, &nop);
            arm_it_step(&it, &nop);
            n++;
        }
        assert_int_equal(n, t[i].n);
    }
    assert_true(dec16(0xbff8).flags & ARM_F_UNPRED);   /* firstcond 1111 */
    assert_true(dec16(0xbfec).flags & ARM_F_UNPRED);   /* ite al */
    assert_false(dec16(0xbfe4).flags & ARM_F_UNPRED);  /* itt al */
}

static void test_it_unpredictable_inside(void **state)
{
    (void)state;
    ArmItState it = { 0 };
    ArmInsn d;
    arm_decode_hw(0xbf04, 0, PC, &d);               /* itt eq */
    arm_it_step(&it, &d);
    arm_decode_hw(0xb100, 0, PC + 2, &d);           /* cbz inside IT */
    arm_it_step(&it, &d);
    assert_true(d.flags & ARM_F_UNPRED);
    arm_decode_hw(0xd0fe, 0, PC + 4, &d);           /* beq inside IT */
    arm_it_step(&it, &d);
    assert_true(d.flags & ARM_F_UNPRED);
    assert_int_equal(d.cond, ARM_COND_EQ);
    assert_false(arm_it_active(&it));
    /* bx lr must be last: UNPRED in the first slot of ITT, fine in the last */
    arm_decode_hw(0xbf04, 0, PC, &d);
    arm_it_step(&it, &d);
    arm_decode_hw(0x4770, 0, PC + 2, &d);
    arm_it_step(&it, &d);
    assert_true(d.flags & ARM_F_UNPRED);
    arm_decode_hw(0x4770, 0, PC + 4, &d);
    arm_it_step(&it, &d);
    assert_false(d.flags & ARM_F_UNPRED);
    assert_true(d.flags & ARM_F_LAST_IN_IT);
    /* BKPT inside IT stays unconditional */
    arm_decode_hw(0xbf18, 0, PC, &d);               /* it ne */
    arm_it_step(&it, &d);
    arm_decode_hw(0xbe01, 0, PC + 2, &d);
    arm_it_step(&it, &d);
    assert_int_equal(d.cond, ARM_COND_AL);
    assert_true(d.flags & ARM_F_IN_IT);
}

/* ---------------------------------------------------------- 32-bit */

static void test_32_modified_immediate(void **state)
{
    (void)state;
    ArmInsn d = dec32(0xf44f, 0x7080);              /* mov.w r0, #256 */
    assert_int_equal(d.op, ARM_OP_MOV_IMM);
    assert_int_equal(d.imm, 256);
    assert_true(d.flags & ARM_F_IMM_CARRY);
    assert_string_equal(dis(&d), "mov.w\tr0, #256\t@ 0x100");
    d = dec32(0xf05f, 0x00ff);                      /* movs.w r0, #255: no carry */
    assert_true(d.flags & ARM_F_S);
    assert_false(d.flags & ARM_F_IMM_CARRY);
    d = dec32(0xf010, 0x4f00);                      /* tst.w r0, #0x80000000 */
    assert_int_equal(d.op, ARM_OP_TST_IMM);
    assert_int_equal((uint32_t)d.imm, 0x80000000u);
    d = dec32(0xf1b0, 0x3fff);                      /* cmp.w r0, #0xffffffff */
    assert_int_equal(d.op, ARM_OP_CMP_IMM);
    assert_int_equal((uint32_t)d.imm, 0xffffffffu);
    d = dec32(0xf061, 0x20ff);                      /* orn r0, r1, #0xff00ff00 */
    assert_int_equal(d.op, ARM_OP_ORN_IMM);
    assert_string_equal(dis(&d), "orn\tr0, r1, #4278255360\t@ 0xff00ff00");
    d = dec32(0xf1c1, 0x0000);                      /* rsb.w r0, r1, #0 */
    assert_int_equal(d.op, ARM_OP_RSB_IMM);
    d = dec32(0xf0e0, 0x0000);                      /* op 0111: UNDEFINED */
    assert_int_equal(d.op, ARM_OP_UNDEFINED);
    d = dec32(0xf100, 0x1f00);                      /* add pc: UNPRED; op is ADD */
    assert_int_equal(d.op, ARM_OP_ADD_IMM);
    assert_true(d.flags & ARM_F_UNPRED);
}

static void test_32_plain_immediate(void **state)
{
    (void)state;
    ArmInsn d = dec32(0xf60f, 0x70ff);              /* addw r0, pc, #4095 = adr.w */
    assert_int_equal(d.op, ARM_OP_ADR);
    assert_int_equal(d.imm, 4095);
    d = dec32(0xf6af, 0x70ff);                      /* subw r0, pc, #4095 */
    assert_int_equal(d.op, ARM_OP_ADR);
    assert_int_equal(d.imm, -4095);
    d = dec32(0xf601, 0x70ff);                      /* addw r0, r1, #4095 */
    assert_int_equal(d.op, ARM_OP_ADD_IMM);
    assert_false(d.flags & ARM_F_S);
    assert_string_equal(dis(&d), "addw\tr0, r1, #4095\t@ 0xfff");
    d = dec32(0xf64f, 0x70ff);                      /* movw r0, #0xffff */
    assert_int_equal(d.op, ARM_OP_MOV_IMM);
    assert_int_equal(d.imm, 0xffff);
    assert_string_equal(dis(&d), "movw\tr0, #65535\t@ 0xffff");
    d = dec32(0xf6cf, 0x70ff);                      /* movt r0, #0xffff */
    assert_int_equal(d.op, ARM_OP_MOVT);
    assert_int_equal(d.imm, 0xffff);
    d = dec32(0xf361, 0x00c7);                      /* bfi r0, r1, #3, #5 */
    assert_int_equal(d.op, ARM_OP_BFI);
    assert_int_equal(d.imm, 3);
    assert_int_equal(d.imm2, 7);
    d = dec32(0xf36f, 0x001f);                      /* bfc r0, #0, #32 */
    assert_int_equal(d.op, ARM_OP_BFC);
    assert_string_equal(dis(&d), "bfc\tr0, #0, #32");
    d = dec32(0xf3c1, 0x70c0);                      /* ubfx r0, r1, #31, #1 */
    assert_int_equal(d.op, ARM_OP_UBFX);
    assert_int_equal(d.imm, 31);
    assert_int_equal(d.imm2, 0);
    d = dec32(0xf341, 0x001f);                      /* sbfx r0, r1, #0, #32 */
    assert_int_equal(d.op, ARM_OP_SBFX);
    assert_false(d.flags & ARM_F_UNPRED);
    d = dec32(0xf341, 0x005f);                      /* sbfx lsb 1 width 32: UNPRED */
    assert_true(d.flags & ARM_F_UNPRED);
    d = dec32(0xf301, 0x001f);                      /* ssat r0, #32, r1 */
    assert_int_equal(d.op, ARM_OP_SSAT);
    assert_int_equal(d.imm, 32);
    assert_int_equal(d.rm, 1);
    d = dec32(0xf3a1, 0x70df);                      /* usat r0, #31, r1, asr #31 */
    assert_int_equal(d.op, ARM_OP_USAT);
    assert_int_equal(d.imm, 31);
    assert_int_equal(d.shift_t, ARM_SHIFT_ASR);
    assert_int_equal(d.shift_n, 31);
    d = dec32(0xf321, 0x000f);                      /* ssat16 r0, #16, r1 */
    assert_int_equal(d.op, ARM_OP_SSAT16);
    assert_int_equal(d.imm, 16);
    d = dec32(0xf3a1, 0x000f);                      /* usat16 r0, #15, r1 */
    assert_int_equal(d.op, ARM_OP_USAT16);
    assert_int_equal(d.imm, 15);
    assert_int_equal(dec32(0xf220, 0x0000).op, ARM_OP_UNDEFINED);
}

static void test_32_shifted_register(void **state)
{
    (void)state;
    ArmInsn d = dec32(0xeb01, 0x00c2);              /* add.w r0, r1, r2, lsl #3 */
    assert_int_equal(d.op, ARM_OP_ADD_REG);
    assert_int_equal(d.shift_t, ARM_SHIFT_LSL);
    assert_int_equal(d.shift_n, 3);
    d = dec32(0xea5f, 0x0021);                      /* movs.w r0, r1, asr #32 */
    assert_int_equal(d.op, ARM_OP_MOV_REG);
    assert_int_equal(d.shift_t, ARM_SHIFT_ASR);
    assert_int_equal(d.shift_n, 32);
    assert_string_equal(dis(&d), "movs.w\tr0, r1, asr #32");
    d = dec32(0xea4f, 0x0031);                      /* mov.w r0, r1, rrx */
    assert_int_equal(d.shift_t, ARM_SHIFT_RRX);
    assert_int_equal(d.shift_n, 1);
    d = dec32(0xea90, 0x0fd1);                      /* teq r0, r1, lsr #3 */
    assert_int_equal(d.op, ARM_OP_TEQ_REG);
    d = dec32(0xeac1, 0x1022);                      /* pkhtb r0, r1, r2, asr #4 */
    assert_int_equal(d.op, ARM_OP_PKHTB);
    assert_int_equal(d.shift_n, 4);
    d = dec32(0xeb0d, 0x0001);                      /* add.w r0, sp, r1 */
    assert_false(d.flags & ARM_F_UNPRED);
    d = dec32(0xeb0f, 0x0001);                      /* add.w r0, pc, r1: UNPRED */
    assert_true(d.flags & ARM_F_UNPRED);
    assert_int_equal(dec32(0xeae0, 0x0000).op, ARM_OP_UNDEFINED);   /* op 0111 */
}

static void test_32_register_and_dsp(void **state)
{
    (void)state;
    ArmInsn d = dec32(0xfa11, 0xf802);              /* lsls.w r8, r1, r2 */
    assert_int_equal(d.op, ARM_OP_LSL_REG);
    assert_true(d.flags & ARM_F_S);
    assert_int_equal(d.rd, 8);
    d = dec32(0xfa4f, 0xf0b1);                      /* sxtb.w r0, r1, ror #24 */
    assert_int_equal(d.op, ARM_OP_SXTB);
    assert_int_equal(d.shift_n, 24);
    d = dec32(0xfa41, 0xf0a2);                      /* sxtab r0, r1, r2, ror #16 */
    assert_int_equal(d.op, ARM_OP_SXTAB);
    assert_int_equal(d.rn, 1);
    assert_int_equal(d.shift_n, 16);
    assert_int_equal(dec32(0xfa81, 0xf012).op, ARM_OP_QADD8);
    assert_int_equal(dec32(0xfad1, 0xf062).op, ARM_OP_UHSUB16);
    assert_int_equal(dec32(0xfae1, 0xf052).op, ARM_OP_UQSAX);
    assert_int_equal(dec32(0xfa82, 0xf081).op, ARM_OP_QADD);
    assert_int_equal(dec32(0xfa82, 0xf0b1).op, ARM_OP_QDSUB);
    assert_int_equal(dec32(0xfaa1, 0xf082).op, ARM_OP_SEL);
    d = dec32(0xfab1, 0xf081);                      /* clz r0, r1 */
    assert_int_equal(d.op, ARM_OP_CLZ);
    assert_int_equal(d.rm, 1);
    assert_false(d.flags & ARM_F_UNPRED);
    d = dec32(0xfab2, 0xf081);                      /* clz with Rm fields differing */
    assert_true(d.flags & ARM_F_UNPRED);
    assert_int_equal(dec32(0xfa91, 0xf0a1).op, ARM_OP_RBIT);
    assert_int_equal(dec32(0xfa91, 0xf0b1).op, ARM_OP_REVSH);
    assert_int_equal(dec32(0xfa81, 0x0012).op, ARM_OP_UNDEFINED);   /* hw2[15:12] != 1111 */
    assert_int_equal(dec32(0xfa61, 0xf080).op, ARM_OP_UNDEFINED);   /* extend op1 = 110 */
}

static void test_32_multiply_divide(void **state)
{
    (void)state;
    ArmInsn d = dec32(0xfb01, 0x3002);              /* mla r0, r1, r2, r3 */
    assert_int_equal(d.op, ARM_OP_MLA);
    assert_int_equal(d.ra, 3);
    d = dec32(0xfb01, 0xf002);
    assert_int_equal(d.op, ARM_OP_MUL);
    d = dec32(0xfb01, 0x3012);
    assert_int_equal(d.op, ARM_OP_MLS);
    d = dec32(0xfb11, 0xf012);                      /* smulbt r0, r1, r2 */
    assert_int_equal(d.op, ARM_OP_SMULXY);
    assert_int_equal(d.imm, 1);
    assert_string_equal(dis(&d), "smulbt\tr0, r1, r2");
    d = dec32(0xfb21, 0x3012);                      /* smladx */
    assert_int_equal(d.op, ARM_OP_SMLAD);
    assert_int_equal(d.imm, 1);
    d = dec32(0xfb51, 0xf012);                      /* smmulr */
    assert_int_equal(d.op, ARM_OP_SMMUL);
    assert_int_equal(d.imm, 1);
    assert_int_equal(dec32(0xfb71, 0xf002).op, ARM_OP_USAD8);
    assert_int_equal(dec32(0xfb71, 0x3002).op, ARM_OP_USADA8);
    d = dec32(0xfba2, 0x0103);                      /* umull r0, r1, r2, r3 */
    assert_int_equal(d.op, ARM_OP_UMULL);
    assert_int_equal(d.rd, 0);
    assert_int_equal(d.ra, 1);
    assert_int_equal(d.rn, 2);
    assert_int_equal(d.rm, 3);
    assert_string_equal(dis(&d), "umull\tr0, r1, r2, r3");
    assert_true(dec32(0xfba2, 0x0003).flags & ARM_F_UNPRED);      /* RdLo == RdHi */
    assert_int_equal(dec32(0xfbc2, 0x0183).op, ARM_OP_SMLALXY);
    assert_int_equal(dec32(0xfbd2, 0x01c3).op, ARM_OP_SMLSLD);
    assert_int_equal(dec32(0xfbe2, 0x0163).op, ARM_OP_UMAAL);
    d = dec32(0xfb91, 0xf0f2);                      /* sdiv r0, r1, r2 */
    assert_int_equal(d.op, ARM_OP_SDIV);
    assert_int_equal(d.rd, 0);
    assert_int_equal(dec32(0xfbb1, 0xf0f2).op, ARM_OP_UDIV);
    assert_int_equal(dec32(0xfb81, 0xf0f2).op, ARM_OP_UNDEFINED);
}

static void test_32_load_store_single(void **state)
{
    (void)state;
    ArmInsn d = dec32(0xf8d1, 0x0fff);              /* ldr.w r0, [r1, #4095] */
    assert_int_equal(d.op, ARM_OP_LDR_IMM);
    assert_int_equal(d.imm, 4095);
    assert_int_equal(d.flags & (ARM_F_INDEX | ARM_F_ADD | ARM_F_WBACK), ARM_F_INDEX | ARM_F_ADD);
    d = dec32(0xf851, 0x0cff);                      /* ldr.w r0, [r1, #-255] */
    assert_int_equal(d.imm, 255);
    assert_int_equal(d.flags & (ARM_F_INDEX | ARM_F_ADD | ARM_F_WBACK), ARM_F_INDEX);
    d = dec32(0xf85d, 0xfb04);                      /* ldr.w pc, [sp], #4 */
    assert_int_equal(d.flags & (ARM_F_INDEX | ARM_F_ADD | ARM_F_WBACK), ARM_F_ADD | ARM_F_WBACK);
    assert_int_equal(d.rd, 15);
    d = dec32(0xf851, 0x0f04);                      /* ldr r0, [r1, #4]! */
    assert_int_equal(d.flags & (ARM_F_INDEX | ARM_F_ADD | ARM_F_WBACK),
                     ARM_F_INDEX | ARM_F_ADD | ARM_F_WBACK);
    d = dec32(0xf851, 0x0f04 | 0x1000);             /* ldr r1, [r1, #4]!: UNPRED */
    assert_true(d.flags & ARM_F_UNPRED);
    d = dec32(0xf851, 0x0032);                      /* ldr.w r0, [r1, r2, lsl #3]? imm2=3 */
    assert_int_equal(d.op, ARM_OP_LDR_REG);
    assert_int_equal(d.shift_n, 3);
    d = dec32(0xf85f, 0x0008);                      /* ldr.w r0, [pc, #-8] */
    assert_int_equal(d.op, ARM_OP_LDR_LIT);
    assert_false(d.flags & ARM_F_ADD);
    assert_int_equal(d.imm, 8);
    d = dec32(0xf911, 0x0012);                      /* ldrsb.w r0, [r1, r2, lsl #1] */
    assert_int_equal(d.width, 1);
    assert_true(d.flags & ARM_F_SIGNED);
    d = dec32(0xf811, 0x0e04);                      /* ldrbt r0, [r1, #4] */
    assert_int_equal(d.op, ARM_OP_LDRT);
    assert_int_equal(d.width, 1);
    d = dec32(0xf890, 0xf004);                      /* pld [r0, #4] */
    assert_int_equal(d.op, ARM_OP_PLD);
    d = dec32(0xf91f, 0xf004);                      /* pli [pc, #-4] */
    assert_int_equal(d.op, ARM_OP_PLI);
    d = dec32(0xf8a1, 0x0002);                      /* strh.w r0, [r1, #2] */
    assert_int_equal(d.op, ARM_OP_STR_IMM);
    assert_int_equal(d.width, 2);
    assert_int_equal(dec32(0xf841, 0x0800).op, ARM_OP_UNDEFINED);   /* P=0 W=0 */
    assert_int_equal(dec32(0xf8e1, 0x0000).op, ARM_OP_UNDEFINED);   /* size 11 */
    assert_int_equal(dec32(0xf84f, 0x0004).op, ARM_OP_UNDEFINED);   /* store to pc-relative */
    assert_int_equal(dec32(0xf951, 0x0000).op, ARM_OP_UNDEFINED);   /* ldrs with size 10 */
}

static void test_32_dual_exclusive_table(void **state)
{
    (void)state;
    ArmInsn d = dec32(0xe972, 0x0102);              /* ldrd r0, r1, [r2, #-8]! */
    assert_int_equal(d.op, ARM_OP_LDRD_IMM);
    assert_int_equal(d.rd, 0);
    assert_int_equal(d.ra, 1);
    assert_int_equal(d.imm, 8);
    assert_int_equal(d.flags & (ARM_F_INDEX | ARM_F_ADD | ARM_F_WBACK), ARM_F_INDEX | ARM_F_WBACK);
    d = dec32(0xe862, 0x01ff);                      /* strd r0, r1, [r2], #-1020 */
    assert_int_equal(d.op, ARM_OP_STRD_IMM);
    assert_int_equal(d.imm, 1020);
    assert_int_equal(d.flags & (ARM_F_INDEX | ARM_F_ADD | ARM_F_WBACK), ARM_F_WBACK);
    d = dec32(0xe95f, 0x0102);                      /* ldrd r0, r1, [pc, #-8] */
    assert_int_equal(d.op, ARM_OP_LDRD_LIT);
    assert_true(dec32(0xe9d2, 0x0000).flags & ARM_F_UNPRED);       /* Rt == Rt2 */
    d = dec32(0xe851, 0x0fff);                      /* ldrex r0, [r1, #1020] */
    assert_int_equal(d.op, ARM_OP_LDREX);
    assert_int_equal(d.imm, 1020);
    d = dec32(0xe842, 0x1002);                      /* strex r0, r1, [r2, #8] */
    assert_int_equal(d.op, ARM_OP_STREX);
    assert_int_equal(d.ra, 0);
    assert_int_equal(d.rd, 1);
    assert_int_equal(d.imm, 8);
    d = dec32(0xe8c2, 0x1f50);                      /* strexh r0, r1, [r2] */
    assert_int_equal(d.width, 2);
    assert_int_equal(d.ra, 0);
    d = dec32(0xe8d1, 0x0f4f);                      /* ldrexb r0, [r1] */
    assert_int_equal(d.op, ARM_OP_LDREX);
    assert_int_equal(d.width, 1);
    d = dec32(0xe8d0, 0xf001);                      /* tbb [r0, r1] */
    assert_int_equal(d.op, ARM_OP_TBB);
    d = dec32(0xe8df, 0xf011);                      /* tbh [pc, r1, lsl #1] */
    assert_int_equal(d.op, ARM_OP_TBH);
    assert_int_equal(d.rn, 15);
    assert_int_equal(dec32(0xe8c0, 0x0f70).op, ARM_OP_UNDEFINED);   /* strexd: not v7-M */
    assert_int_equal(dec32(0xe8d0, 0x007f).op, ARM_OP_UNDEFINED);   /* ldrexd */
}

static void test_32_load_store_multiple(void **state)
{
    (void)state;
    ArmInsn d = dec32(0xe8bd, 0x8030);              /* ldmia.w sp!, {r4, r5, pc} */
    assert_int_equal(d.op, ARM_OP_LDM);
    assert_int_equal(d.reglist, 0x8030);
    assert_true(d.flags & ARM_F_WBACK);
    d = dec32(0xe92d, 0x5ff0);                      /* stmdb sp!, {r4-r12, lr} */
    assert_int_equal(d.op, ARM_OP_STMDB);
    assert_string_equal(dis(&d), "stmdb\tsp!, {r4, r5, r6, r7, r8, r9, sl, fp, ip, lr}");
    assert_int_equal(dec32(0xe910, 0x0006).op, ARM_OP_LDMDB);
    assert_true(dec32(0xe8bd, 0xc000).flags & ARM_F_UNPRED);   /* LR and PC */
    assert_true(dec32(0xe8a0, 0x8001).flags & ARM_F_UNPRED);   /* STM with PC */
    assert_true(dec32(0xe8b0, 0x0003).flags & ARM_F_UNPRED);   /* wback, base in list */
    assert_true(dec32(0xe890, 0x0001).flags & ARM_F_UNPRED);   /* one register */
    assert_false(dec32(0xe890, 0x0001).flags & ARM_F_UNPRED_UNDEF); /* QEMU runs it */
    assert_true(dec32(0xe89f, 0x0003).flags & ARM_F_UNPRED_UNDEF);  /* Rn = PC */
    assert_true(dec32(0xe890, 0x0000).flags & ARM_F_UNPRED_UNDEF);  /* empty */
    assert_int_equal(dec32(0xe80d, 0xc000).op, ARM_OP_UNDEFINED); /* SRS */
    assert_int_equal(dec32(0xe990, 0xc000).op, ARM_OP_UNDEFINED); /* RFE */
}

static void test_32_branches(void **state)
{
    (void)state;
    ArmInsn d = dec32(0xf7ff, 0xfffe);              /* bl . (offset -4) */
    assert_int_equal(d.op, ARM_OP_BL);
    assert_int_equal(d.imm, -4);
    d = dec32(0xf000, 0xf800);                      /* bl +0 */
    assert_int_equal(d.imm, 0);
    d = dec32(0xf3ff, 0xd7ff);                      /* bl +16 MiB - 2 */
    assert_int_equal(d.imm, 16777214);
    d = dec32(0xf400, 0xd000);                      /* bl -16 MiB */
    assert_int_equal(d.imm, -16777216);
    d = dec32(0xf000, 0xb800);                      /* b.w +0 */
    assert_int_equal(d.op, ARM_OP_B);
    assert_int_equal(d.cond, ARM_COND_AL);
    d = dec32(0xf43f, 0xaffe);                      /* beq.w . */
    assert_int_equal(d.cond, ARM_COND_EQ);
    assert_int_equal(d.imm, -4);
    d = dec32(0xf1ff, 0xafff);                      /* bvc.w +1 MiB - 2 */
    assert_int_equal(d.cond, ARM_COND_VC);
    assert_int_equal(d.imm, 1048574);
    d = dec32(0xf5c0, 0x8000);                      /* bvc.w -1 MiB */
    assert_int_equal(d.imm, -1048576);
    assert_int_equal(dec32(0xf000, 0xc000).op, ARM_OP_UNDEFINED);  /* BLX imm */
}

static void test_32_system(void **state)
{
    (void)state;
    ArmInsn d = dec32(0xf3ef, 0x8009);              /* mrs r0, psp */
    assert_int_equal(d.op, ARM_OP_MRS);
    assert_int_equal(d.imm, 9);
    assert_string_equal(dis(&d), "mrs\tr0, PSP");
    d = dec32(0xf380, 0x8811);                      /* msr basepri, r0 */
    assert_int_equal(d.op, ARM_OP_MSR);
    assert_int_equal(d.imm & 0xff, 17);
    assert_int_equal(d.imm >> 8, 2);
    d = dec32(0xf380, 0x8c00);                      /* msr apsr_nzcvqg, r0 */
    assert_string_equal(dis(&d), "msr\tCPSR_fs, r0");
    assert_true(dec32(0xf380, 0x8815).flags & ARM_F_UNPRED);  /* SYSm 21 */
    assert_int_equal(dec32(0xf3bf, 0x8f5b).op, ARM_OP_DMB);
    assert_int_equal(dec32(0xf3bf, 0x8f5b).imm, 0xb);
    assert_int_equal(dec32(0xf3bf, 0x8f4f).op, ARM_OP_DSB);
    assert_int_equal(dec32(0xf3bf, 0x8f6f).op, ARM_OP_ISB);
    assert_int_equal(dec32(0xf3bf, 0x8f2f).op, ARM_OP_CLREX);
    assert_int_equal(dec32(0xf3af, 0x8003).op, ARM_OP_WFI);
    assert_int_equal(dec32(0xf3af, 0x80f3).op, ARM_OP_DBG);
    assert_int_equal(dec32(0xf3af, 0x8400).op, ARM_OP_UNDEFINED); /* CPS.W: not v7-M */
    d = dec32(0xf7ff, 0xafff);                      /* udf.w #65535 */
    assert_int_equal(d.op, ARM_OP_UDF);
    assert_int_equal(d.imm, 65535);
    assert_int_equal(dec32(0xf7f0, 0x8000).op, ARM_OP_UNDEFINED); /* SMC */
    assert_int_equal(dec32(0xf7e0, 0x8000).op, ARM_OP_UNDEFINED); /* HVC */
    assert_int_equal(dec32(0xee00, 0x0e10).op, ARM_OP_COPROC);    /* mcr p14 */
    assert_int_equal(dec32(0xed90, 0x0501).op, ARM_OP_COPROC);    /* ldc p5 */
}

static void test_32_fp(void **state)
{
    (void)state;
    ArmInsn d = dec32(0xee7f, 0xfa6e);              /* vsub.f32 s31, s30, s29 */
    assert_int_equal(d.op, ARM_OP_VSUB);
    assert_int_equal(d.rd, 31);
    assert_int_equal(d.rn, 30);
    assert_int_equal(d.rm, 29);
    assert_string_equal(dis(&d), "vsub.f32\ts31, s30, s29");
    assert_int_equal(dec32(0xee10, 0x0ac1).op, ARM_OP_VNMLA);
    assert_int_equal(dec32(0xee90, 0x0a81).op, ARM_OP_VFNMS);
    assert_int_equal(dec32(0xee80, 0x0a81).op, ARM_OP_VDIV);
    assert_int_equal(dec32(0xee30, 0x0b81).op, ARM_OP_UNDEFINED);   /* vadd.f64: no DP */
    d = dec32(0xeeb7, 0x0a00);                      /* vmov.f32 s0, #1.0 */
    assert_int_equal(d.op, ARM_OP_VMOV_IMM);
    assert_int_equal((uint32_t)d.imm, 0x3f800000u);
    assert_string_equal(dis(&d), "vmov.f32\ts0, #112\t@ 0x3f800000  1.0");
    d = dec32(0xeeb0, 0x0a04);                      /* vmov.f32 s0, #2.5 */
    assert_int_equal((uint32_t)d.imm, 0x40200000u);
    d = dec32(0xeeb5, 0x0ac0);                      /* vcmpe.f32 s0, #0.0 */
    assert_int_equal(d.op, ARM_OP_VCMP);
    assert_int_equal(d.imm, 3);
    d = dec32(0xeebd, 0x0a60);                      /* vcvtr.s32.f32 s0, s1 */
    assert_int_equal(d.op, ARM_OP_VCVT_FI);
    assert_int_equal(d.imm, 1);
    d = dec32(0xeebe, 0x0ac0);                      /* vcvt.s32.f32 s0, s0, #32 */
    assert_int_equal(d.op, ARM_OP_VCVT_FX);
    assert_int_equal(d.imm, 32);
    assert_int_equal(d.imm2, 1 | 4);
    d = dec32(0xeef1, 0xfa10);                      /* vmrs APSR_nzcv, fpscr */
    assert_int_equal(d.op, ARM_OP_VMRS);
    assert_int_equal(d.rd, 15);
    assert_int_equal(d.imm, 1);
    assert_true(dec32(0xeef8, 0x1a10).flags & ARM_F_UNPRED);  /* vmrs fpexc */
    d = dec32(0xee0f, 0xea90);                      /* vmov s31, lr */
    assert_int_equal(d.op, ARM_OP_VMOV_RS);
    assert_int_equal(d.rn, 31);
    assert_int_equal(d.rd, 14);
    assert_int_equal(d.imm, 0);
    d = dec32(0xec51, 0x0b10);                      /* vmov r0, r1, d0 */
    assert_int_equal(d.op, ARM_OP_VMOV_RRD);
    assert_int_equal(d.ra, 1);
    assert_int_equal(d.imm, 1);
    d = dec32(0xed10, 0x0aff);                      /* vldr s0, [r0, #-1020] */
    assert_int_equal(d.op, ARM_OP_VLDR);
    assert_int_equal(d.imm, 1020);
    assert_false(d.flags & ARM_F_ADD);
    d = dec32(0xed2d, 0x8a10);                      /* vpush {s16-s31} */
    assert_int_equal(d.op, ARM_OP_VSTMDB);
    assert_int_equal(d.rd, 16);
    assert_int_equal(d.imm, 16);
    assert_string_equal(dis(&d), "vpush\t{s16-s31}");
    d = dec32(0xecbd, 0x8b10);                      /* vpop {d8-d15} */
    assert_int_equal(d.op, ARM_OP_VLDM);
    assert_int_equal(d.width, 8);
    assert_int_equal(d.imm, 8);
    assert_true(dec32(0xecb0, 0x0a00).flags & ARM_F_UNPRED);  /* empty list */
    assert_int_equal(dec32(0xefff, 0x0a00).op, ARM_OP_UNDEFINED); /* Advanced SIMD */
    assert_int_equal(dec32(0xfe30, 0x0a81).op, ARM_OP_UNDEFINED); /* T = 1 */
}

/* ---------------------------------------------------------- API */

static void test_truncated_and_bytes(void **state)
{
    (void)state;
    ArmInsn d;
    const uint8_t bl[4] = { 0xff, 0xf7, 0xfe, 0xff };
    assert_int_equal(arm_decode(bl, 2, PC, &d), 0);
    assert_int_equal(arm_decode(bl, 1, PC, &d), 0);
    assert_int_equal(arm_decode(bl, 4, PC, &d), 4);
    assert_int_equal(d.op, ARM_OP_BL);
    const uint8_t push[2] = { 0x10, 0xb5 };
    assert_int_equal(arm_decode(push, 2, PC, &d), 2);
    assert_int_equal(d.reglist, 0x4010);
}

static void info_of(uint16_t h1, uint16_t h2, IsaInsnInfo *info)
{
    uint8_t b[4] = { (uint8_t)h1, (uint8_t)(h1 >> 8), (uint8_t)h2, (uint8_t)(h2 >> 8) };
    isa_armv7m_ops.decode_info(b, 4, PC, info);
}

static void test_insn_info_flows(void **state)
{
    (void)state;
    static const struct { uint16_t h1, h2; IsaFlow flow; } t[] = {
        { 0x4770, 0, ISA_FLOW_RETURN },             /* bx lr */
        { 0xbd10, 0, ISA_FLOW_RETURN },             /* pop {r4, pc} */
        { 0xf85d, 0xfb04, ISA_FLOW_RETURN },        /* ldr pc, [sp], #4 */
        { 0xe8bd, 0x8030, ISA_FLOW_RETURN },        /* ldmia sp!, {r4, r5, pc} */
        { 0x4718, 0, ISA_FLOW_INDIRECT },           /* bx r3 */
        { 0x4687, 0, ISA_FLOW_INDIRECT },           /* mov pc, r0 */
        { 0xf8d0, 0xf000, ISA_FLOW_INDIRECT },      /* ldr pc, [r0] */
        { 0xe8d0, 0xf001, ISA_FLOW_INDIRECT },      /* tbb */
        { 0xe8d0, 0xf011, ISA_FLOW_INDIRECT },      /* tbh */
        { 0x4798, 0, ISA_FLOW_INDIRECT_CALL },      /* blx r3 */
        { 0xf7ff, 0xfffe, ISA_FLOW_CALL },          /* bl */
        { 0xe7fe, 0, ISA_FLOW_JUMP },               /* b . */
        { 0xf000, 0xb800, ISA_FLOW_JUMP },          /* b.w */
        { 0xd0fe, 0, ISA_FLOW_COND },               /* beq */
        { 0xf43f, 0xaffe, ISA_FLOW_COND },          /* beq.w */
        { 0xb100, 0, ISA_FLOW_COND },               /* cbz */
        { 0xb900, 0, ISA_FLOW_COND },               /* cbnz */
        { 0xdf00, 0, ISA_FLOW_TRAP },               /* svc */
        { 0xbeab, 0, ISA_FLOW_TRAP },               /* bkpt */
        { 0xde00, 0, ISA_FLOW_TRAP },               /* udf */
        { 0xf380, 0x8811, ISA_FLOW_SYSTEM },        /* msr */
        { 0xb672, 0, ISA_FLOW_SYSTEM },             /* cpsid i */
        { 0xf3bf, 0x8f6f, ISA_FLOW_SYSTEM },        /* isb */
        { 0xbf30, 0, ISA_FLOW_SYSTEM },             /* wfi */
        { 0xbf20, 0, ISA_FLOW_SYSTEM },             /* wfe */
        { 0xf3bf, 0x8f5f, ISA_FLOW_SEQ },           /* dmb */
        { 0x1c08, 0, ISA_FLOW_SEQ },                /* adds */
        { 0xbf08, 0, ISA_FLOW_SEQ },                /* it eq */
        { 0xeef1, 0xfa10, ISA_FLOW_SEQ },           /* vmrs APSR_nzcv, fpscr */
        { 0xf8b0, 0xf000, ISA_FLOW_SEQ },           /* ldrh pc: unallocated hint */
        { 0x4487, 0, ISA_FLOW_INDIRECT },           /* add pc, r0 */
        { 0xe91d, 0x8010, ISA_FLOW_INDIRECT },      /* ldmdb sp, {r4, pc} */
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        IsaInsnInfo info;
        info_of(t[i].h1, t[i].h2, &info);
        if (info.flow != t[i].flow)
            fail_msg("%04x %04x: flow %d, expected %d", t[i].h1, t[i].h2, info.flow, t[i].flow);
        assert_int_equal(info.len, arm_is_32bit(t[i].h1) ? 4 : 2);
    }
    IsaInsnInfo info;
    info_of(0xd0fe, 0, &info);                      /* beq . */
    assert_true(info.has_target);
    assert_true(info.conditional);
    assert_int_equal(info.target, PC);
    info_of(0xf7ff, 0xfffe, &info);                 /* bl . */
    assert_int_equal(info.target, PC);
    info_of(0xbb3f, 0, &info);                      /* cbnz r7, +78 */
    assert_int_equal(info.target, PC + 4 + 78);
    info_of(0xde00 | 0x100, 0, &info);              /* svc: a trap, len 2 */
    assert_int_equal(info.len, 2);
    info_of(0xba80, 0, &info);                      /* undefined: len 0 */
    assert_int_equal(info.len, 0);
    /* inside an IT block: conditional */
    ArmItState it = { 0 };
    ArmInsn d;
    arm_decode_hw(0xbf08, 0, PC, &d);
    arm_it_step(&it, &d);
    arm_decode_hw(0x4770, 0, PC + 2, &d);           /* bxeq lr */
    arm_it_step(&it, &d);
    arm_insn_info(&d, PC + 2, &info);
    assert_int_equal(info.flow, ISA_FLOW_RETURN);
    assert_true(info.conditional);
    char buf[32];
    arm_disasm(&d, PC + 2, buf, sizeof buf);
    assert_string_equal(buf, "bxeq\tlr");
}

static void test_ops_table(void **state)
{
    (void)state;
    assert_string_equal(isa_armv7m_ops.name, "armv7m");
    assert_int_equal(isa_armv7m_ops.min_insn_len, 2);
    assert_int_equal(isa_armv7m_ops.max_insn_len, 4);
    char buf[64];
    const uint8_t bl[4] = { 0x00, 0xf0, 0x00, 0xf8 };   /* bl pc+4 */
    assert_int_equal(isa_armv7m_ops.disasm(bl, 4, 0x1000, buf, sizeof buf), 4);
    assert_string_equal(buf, "bl\t1004");
    const uint8_t und[2] = { 0x80, 0xba };
    assert_int_equal(isa_armv7m_ops.disasm(und, 2, 0x1000, buf, sizeof buf), 0);
    assert_int_equal(isa_armv7m_ops.disasm(bl, 3, 0x1000, buf, sizeof buf), 0);
    /* small buffers are truncated, never overrun */
    char small[4];
    memset(small, 'x', sizeof small);
    isa_armv7m_ops.disasm(bl, 4, 0x1000, small, sizeof small);
    assert_int_equal(small[3], 0);
    assert_string_equal(arm_reg_name(9), "r9");
    assert_string_equal(arm_reg_name(10), "sl");
    assert_string_equal(arm_cond_name(ARM_COND_HI), "hi");
    assert_string_equal(arm_op_name(ARM_OP_SMLALD), "smlald");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_thumb_expand_imm),
        cmocka_unit_test(test_16_shift_add_mov_cmp),
        cmocka_unit_test(test_16_data_processing),
        cmocka_unit_test(test_16_special_and_branch_exchange),
        cmocka_unit_test(test_16_load_store),
        cmocka_unit_test(test_16_adr_sp_misc),
        cmocka_unit_test(test_16_ldm_stm),
        cmocka_unit_test(test_16_branches_svc_udf),
        cmocka_unit_test(test_16_undefined),
        cmocka_unit_test(test_it_state_sequence),
        cmocka_unit_test(test_it_masks_and_suffixes),
        cmocka_unit_test(test_it_unpredictable_inside),
        cmocka_unit_test(test_32_modified_immediate),
        cmocka_unit_test(test_32_plain_immediate),
        cmocka_unit_test(test_32_shifted_register),
        cmocka_unit_test(test_32_register_and_dsp),
        cmocka_unit_test(test_32_multiply_divide),
        cmocka_unit_test(test_32_load_store_single),
        cmocka_unit_test(test_32_dual_exclusive_table),
        cmocka_unit_test(test_32_load_store_multiple),
        cmocka_unit_test(test_32_branches),
        cmocka_unit_test(test_32_system),
        cmocka_unit_test(test_32_fp),
        cmocka_unit_test(test_truncated_and_bytes),
        cmocka_unit_test(test_insn_info_flows),
        cmocka_unit_test(test_ops_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
