/*
 * tests/unit/isa-riscv/test_rv_decode.c - decoder, instruction classes and
 * disassembler of emu/isa/riscv.
 *
 * Encodings are built here by small encoders written from the spec's
 * instruction formats (Unprivileged ISA 20191213 §2.2-2.3, ch. 16), so the
 * expected fields never come from the decoder under test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "emu/isa/riscv/rv_isa.h"

/* ---- encoders (spec figure 2.3 / 2.4) ---- */

static uint32_t enc_r(unsigned op, unsigned f3, unsigned f7, unsigned rd, unsigned rs1,
                      unsigned rs2)
{
    return (f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op;
}

static uint32_t enc_i(unsigned op, unsigned f3, unsigned rd, unsigned rs1, int32_t imm)
{
    return ((uint32_t)imm << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op;
}

static uint32_t enc_s(unsigned op, unsigned f3, unsigned rs1, unsigned rs2, int32_t imm)
{
    uint32_t u = (uint32_t)imm;
    return (((u >> 5) & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) |
           ((u & 0x1f) << 7) | op;
}

static uint32_t enc_b(unsigned f3, unsigned rs1, unsigned rs2, int32_t imm)
{
    uint32_t u = (uint32_t)imm;
    return (((u >> 12) & 1) << 31) | (((u >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15) |
           (f3 << 12) | (((u >> 1) & 0xf) << 8) | (((u >> 11) & 1) << 7) | 0x63;
}

static uint32_t enc_u(unsigned op, unsigned rd, uint32_t imm20)
{
    return (imm20 << 12) | (rd << 7) | op;
}

static uint32_t enc_j(unsigned rd, int32_t imm)
{
    uint32_t u = (uint32_t)imm;
    return (((u >> 20) & 1) << 31) | (((u >> 1) & 0x3ff) << 21) | (((u >> 11) & 1) << 20) |
           (((u >> 12) & 0xff) << 12) | (rd << 7) | 0x6f;
}

static RvInsn dec(uint32_t raw)
{
    RvInsn d;
    unsigned len = rv_decode_raw(raw, &d);
    assert_int_equal(len, d.len);
    return d;
}

#define CHECK(raw, OP, RD, RS1, RS2, IMM)                                      \
    do {                                                                       \
        RvInsn d_ = dec(raw);                                                  \
        if (d_.op != (OP))                                                     \
            fail_msg("%08x: op %s, expected %s", (unsigned)(raw),              \
                     rv_op_name(d_.op), rv_op_name(OP));                       \
        assert_int_equal(d_.len, 4);                                           \
        assert_int_equal(d_.cop, RV_C_NONE);                                   \
        assert_int_equal(d_.rd, RD);                                           \
        assert_int_equal(d_.rs1, RS1);                                         \
        assert_int_equal(d_.rs2, RS2);                                         \
        assert_int_equal(d_.imm, IMM);                                         \
    } while (0)

#define CHECK_ILLEGAL(raw)                                                     \
    do {                                                                       \
        RvInsn d_;                                                             \
        if (rv_decode_raw(raw, &d_) != 0 || d_.op != RV_OP_ILLEGAL)            \
            fail_msg("%08x should be illegal, got %s", (unsigned)(raw),        \
                     rv_op_name(d_.op));                                       \
        assert_int_equal(d_.len, 0);                                           \
    } while (0)

/* ---------------- RV32I ---------------- */

static void test_rv32i_u_j(void **state)
{
    (void)state;
    CHECK(enc_u(0x37, 10, 0x12345), RV_OP_LUI, 10, 0, 0, 0x12345000);
    CHECK(enc_u(0x37, 31, 0xfffff), RV_OP_LUI, 31, 0, 0, (int32_t)0xfffff000);
    CHECK(enc_u(0x37, 0, 0x80000), RV_OP_LUI, 0, 0, 0, INT32_MIN);
    CHECK(enc_u(0x17, 1, 0x00001), RV_OP_AUIPC, 1, 0, 0, 0x1000);
    CHECK(enc_u(0x17, 5, 0xfffff), RV_OP_AUIPC, 5, 0, 0, -4096);
    /* J-immediate extremes: -1 MiB and +1 MiB - 2 */
    CHECK(enc_j(0, -1048576), RV_OP_JAL, 0, 0, 0, -1048576);
    CHECK(enc_j(1, 1048574), RV_OP_JAL, 1, 0, 0, 1048574);
    CHECK(enc_j(5, -2), RV_OP_JAL, 5, 0, 0, -2);
    CHECK(enc_j(10, 2048), RV_OP_JAL, 10, 0, 0, 2048);
    CHECK(0x8000006fu, RV_OP_JAL, 0, 0, 0, -1048576);
    CHECK(0x7ffff0efu, RV_OP_JAL, 1, 0, 0, 1048574);
    /* JALR: I-immediate extremes; funct3 != 0 is reserved */
    CHECK(enc_i(0x67, 0, 0, 1, 0), RV_OP_JALR, 0, 1, 0, 0);
    CHECK(enc_i(0x67, 0, 1, 10, -2048), RV_OP_JALR, 1, 10, 0, -2048);
    CHECK(enc_i(0x67, 0, 31, 31, 2047), RV_OP_JALR, 31, 31, 0, 2047);
    for (unsigned f3 = 1; f3 < 8; f3++)
        CHECK_ILLEGAL(enc_i(0x67, f3, 1, 1, 0));
}

static void test_rv32i_branches(void **state)
{
    static const struct { unsigned f3; RvOp op; } br[] = {
        { 0, RV_OP_BEQ }, { 1, RV_OP_BNE }, { 4, RV_OP_BLT },
        { 5, RV_OP_BGE }, { 6, RV_OP_BLTU }, { 7, RV_OP_BGEU },
    };
    static const int32_t offs[] = { -4096, 4094, -2, 2, 0, 2048, -2048, 4000, -4000 };
    (void)state;
    for (size_t i = 0; i < sizeof(br) / sizeof(br[0]); i++)
        for (size_t k = 0; k < sizeof(offs) / sizeof(offs[0]); k++)
            CHECK(enc_b(br[i].f3, (unsigned)(i * 5 + 1) & 31, 31 - (unsigned)i, offs[k]), br[i].op,
                  0, (unsigned)(i * 5 + 1) & 31, 31 - (unsigned)i, offs[k]);
    CHECK(0x80000063u, RV_OP_BEQ, 0, 0, 0, -4096);
    CHECK(0x7eb51fe3u, RV_OP_BNE, 0, 10, 11, 4094);
    CHECK_ILLEGAL(enc_b(2, 1, 2, 8));
    CHECK_ILLEGAL(enc_b(3, 1, 2, 8));
}

static void test_rv32i_loads_stores(void **state)
{
    static const struct { unsigned f3; RvOp op; } ld[] = {
        { 0, RV_OP_LB }, { 1, RV_OP_LH }, { 2, RV_OP_LW }, { 4, RV_OP_LBU }, { 5, RV_OP_LHU },
    };
    static const struct { unsigned f3; RvOp op; } st[] = {
        { 0, RV_OP_SB }, { 1, RV_OP_SH }, { 2, RV_OP_SW },
    };
    static const int32_t imms[] = { -2048, 2047, 0, -1, 1, 1024, -1024 };
    (void)state;
    for (size_t i = 0; i < 5; i++)
        for (size_t k = 0; k < 7; k++)
            CHECK(enc_i(0x03, ld[i].f3, 7 + (unsigned)i, 2, imms[k]), ld[i].op, 7 + (unsigned)i,
                  2, 0, imms[k]);
    for (size_t i = 0; i < 3; i++)
        for (size_t k = 0; k < 7; k++)
            CHECK(enc_s(0x23, st[i].f3, 8, 31 - (unsigned)i, imms[k]), st[i].op, 0, 8,
                  31 - (unsigned)i, imms[k]);
    CHECK_ILLEGAL(enc_i(0x03, 3, 1, 2, 0)); /* ld: RV64 */
    CHECK_ILLEGAL(enc_i(0x03, 6, 1, 2, 0)); /* lwu: RV64 */
    CHECK_ILLEGAL(enc_i(0x03, 7, 1, 2, 0));
    for (unsigned f3 = 3; f3 < 8; f3++)
        CHECK_ILLEGAL(enc_s(0x23, f3, 1, 2, 0));
}

static void test_rv32i_alu(void **state)
{
    static const struct { unsigned f3; RvOp op; } imm_ops[] = {
        { 0, RV_OP_ADDI }, { 2, RV_OP_SLTI }, { 3, RV_OP_SLTIU },
        { 4, RV_OP_XORI }, { 6, RV_OP_ORI }, { 7, RV_OP_ANDI },
    };
    static const struct { unsigned f3, f7; RvOp op; } reg_ops[] = {
        { 0, 0, RV_OP_ADD }, { 0, 0x20, RV_OP_SUB }, { 1, 0, RV_OP_SLL },
        { 2, 0, RV_OP_SLT }, { 3, 0, RV_OP_SLTU }, { 4, 0, RV_OP_XOR },
        { 5, 0, RV_OP_SRL }, { 5, 0x20, RV_OP_SRA }, { 6, 0, RV_OP_OR },
        { 7, 0, RV_OP_AND },
        { 0, 1, RV_OP_MUL }, { 1, 1, RV_OP_MULH }, { 2, 1, RV_OP_MULHSU },
        { 3, 1, RV_OP_MULHU }, { 4, 1, RV_OP_DIV }, { 5, 1, RV_OP_DIVU },
        { 6, 1, RV_OP_REM }, { 7, 1, RV_OP_REMU },
    };
    (void)state;
    for (size_t i = 0; i < 6; i++) {
        CHECK(enc_i(0x13, imm_ops[i].f3, 10, 11, -2048), imm_ops[i].op, 10, 11, 0, -2048);
        CHECK(enc_i(0x13, imm_ops[i].f3, 0, 0, 2047), imm_ops[i].op, 0, 0, 0, 2047);
        CHECK(enc_i(0x13, imm_ops[i].f3, 31, 31, -1), imm_ops[i].op, 31, 31, 0, -1);
    }
    /* shifts: shamt in imm; RV32 reserves shamt[5] and other funct7 */
    CHECK(enc_i(0x13, 1, 1, 2, 0), RV_OP_SLLI, 1, 2, 0, 0);
    CHECK(enc_i(0x13, 1, 1, 2, 31), RV_OP_SLLI, 1, 2, 0, 31);
    CHECK(enc_i(0x13, 5, 1, 2, 17), RV_OP_SRLI, 1, 2, 0, 17);
    CHECK(enc_i(0x13, 5, 1, 2, 0x400 | 31), RV_OP_SRAI, 1, 2, 0, 31);
    CHECK(enc_i(0x13, 5, 1, 2, 0x400), RV_OP_SRAI, 1, 2, 0, 0);
    CHECK_ILLEGAL(enc_i(0x13, 1, 1, 2, 32));
    CHECK_ILLEGAL(enc_i(0x13, 5, 1, 2, 32));
    CHECK_ILLEGAL(enc_i(0x13, 5, 1, 2, 0x400 | 32));
    CHECK_ILLEGAL(enc_i(0x13, 1, 1, 2, 0x400 | 1)); /* slli with funct7 0100000 */
    CHECK_ILLEGAL(enc_i(0x13, 5, 1, 2, 0x200 | 1));
    CHECK_ILLEGAL(enc_i(0x13, 1, 1, 2, 0x800 | 1));
    for (size_t i = 0; i < sizeof(reg_ops) / sizeof(reg_ops[0]); i++) {
        CHECK(enc_r(0x33, reg_ops[i].f3, reg_ops[i].f7, 5, 6, 7), reg_ops[i].op, 5, 6, 7, 0);
        CHECK(enc_r(0x33, reg_ops[i].f3, reg_ops[i].f7, 31, 0, 31), reg_ops[i].op, 31, 0, 31, 0);
    }
    /* funct7 0100000 only for sub/sra; other funct7 values reserved */
    for (unsigned f3 = 0; f3 < 8; f3++) {
        if (f3 != 0 && f3 != 5)
            CHECK_ILLEGAL(enc_r(0x33, f3, 0x20, 1, 2, 3));
        CHECK_ILLEGAL(enc_r(0x33, f3, 0x02, 1, 2, 3));
        CHECK_ILLEGAL(enc_r(0x33, f3, 0x40, 1, 2, 3));
        CHECK_ILLEGAL(enc_r(0x33, f3, 0x21, 1, 2, 3));
    }
}

static void test_rv32i_fence_system(void **state)
{
    RvInsn d;
    (void)state;
    d = dec(0x0ff0000fu);
    assert_int_equal(d.op, RV_OP_FENCE);
    assert_int_equal(d.pred, 0xf);
    assert_int_equal(d.succ, 0xf);
    d = dec(0x0330000fu);
    assert_int_equal(d.op, RV_OP_FENCE);
    assert_int_equal(d.pred, 0x3);
    assert_int_equal(d.succ, 0x3);
    d = dec(0x0840000fu); /* fence i,o */
    assert_int_equal(d.pred, 0x8);
    assert_int_equal(d.succ, 0x4);
    assert_int_equal(dec(0x8330000fu).op, RV_OP_FENCE_TSO);
    assert_int_equal(dec(0x0100000fu).op, RV_OP_PAUSE);
    /* reserved fm values and fields are ignored (a normal fence, §2.7) */
    assert_int_equal(dec(0x8000000fu).op, RV_OP_FENCE);
    assert_int_equal(dec(0x0ff5050fu).op, RV_OP_FENCE);
    assert_int_equal(dec(0x0000100fu).op, RV_OP_FENCE_I);
    assert_int_equal(dec(0x0010100fu).op, RV_OP_FENCE_I);
    CHECK_ILLEGAL(0x0000200fu);
    CHECK_ILLEGAL(0x0000700fu);

    assert_int_equal(dec(0x00000073u).op, RV_OP_ECALL);
    assert_int_equal(dec(0x00100073u).op, RV_OP_EBREAK);
    assert_int_equal(dec(0x00200073u).op, RV_OP_URET);
    assert_int_equal(dec(0x10200073u).op, RV_OP_SRET);
    assert_int_equal(dec(0x30200073u).op, RV_OP_MRET);
    assert_int_equal(dec(0x7b200073u).op, RV_OP_DRET);
    assert_int_equal(dec(0x10500073u).op, RV_OP_WFI);
    d = dec(enc_r(0x73, 0, 0x09, 0, 10, 11));
    assert_int_equal(d.op, RV_OP_SFENCE_VMA);
    assert_int_equal(d.rs1, 10);
    assert_int_equal(d.rs2, 11);
    CHECK_ILLEGAL(enc_r(0x73, 0, 0x09, 1, 10, 11)); /* rd != 0 */
    CHECK_ILLEGAL(0x00000173u);                      /* ecall with rd != 0 */
    CHECK_ILLEGAL(0x00300073u);
    CHECK_ILLEGAL(0x30200873u);                      /* mret with rd != 0 */
    CHECK_ILLEGAL(0x10500173u);
    CHECK_ILLEGAL(0x00004073u);                      /* funct3 = 4 */
}

static void test_zicsr(void **state)
{
    static const struct { unsigned f3; RvOp op; } csr[] = {
        { 1, RV_OP_CSRRW }, { 2, RV_OP_CSRRS }, { 3, RV_OP_CSRRC },
        { 5, RV_OP_CSRRWI }, { 6, RV_OP_CSRRSI }, { 7, RV_OP_CSRRCI },
    };
    (void)state;
    for (size_t i = 0; i < 6; i++) {
        uint32_t raw = enc_i(0x73, csr[i].f3, 10, 31, 0) | (0xfffu << 20);
        RvInsn d = dec(raw);
        assert_int_equal(d.op, csr[i].op);
        assert_int_equal(d.csr, 0xfff);
        assert_int_equal(d.rd, 10);
        if (csr[i].f3 >= 5) {
            assert_int_equal(d.imm, 31); /* zimm, zero-extended */
            assert_int_equal(d.rs1, 0);
        } else {
            assert_int_equal(d.rs1, 31);
        }
        d = dec(enc_i(0x73, csr[i].f3, 0, 0, 0x300));
        assert_int_equal(d.csr, 0x300);
        assert_int_equal(d.op, csr[i].op);
    }
}

static void test_amo(void **state)
{
    static const struct { unsigned f5; RvOp op; } amo[] = {
        { 0x02, RV_OP_LR_W }, { 0x03, RV_OP_SC_W }, { 0x01, RV_OP_AMOSWAP_W },
        { 0x00, RV_OP_AMOADD_W }, { 0x04, RV_OP_AMOXOR_W }, { 0x0c, RV_OP_AMOAND_W },
        { 0x08, RV_OP_AMOOR_W }, { 0x10, RV_OP_AMOMIN_W }, { 0x14, RV_OP_AMOMAX_W },
        { 0x18, RV_OP_AMOMINU_W }, { 0x1c, RV_OP_AMOMAXU_W },
    };
    (void)state;
    for (size_t i = 0; i < sizeof(amo) / sizeof(amo[0]); i++) {
        for (unsigned aqrl = 0; aqrl < 4; aqrl++) {
            unsigned rs2 = amo[i].op == RV_OP_LR_W ? 0 : 12;
            RvInsn d = dec(enc_r(0x2f, 2, (amo[i].f5 << 2) | aqrl, 10, 11, rs2));
            assert_int_equal(d.op, amo[i].op);
            assert_int_equal(d.aq, aqrl >> 1);
            assert_int_equal(d.rl, aqrl & 1);
            assert_int_equal(d.rd, 10);
            assert_int_equal(d.rs1, 11);
            assert_int_equal(d.rs2, rs2);
        }
        CHECK_ILLEGAL(enc_r(0x2f, 3, amo[i].f5 << 2, 10, 11, 12)); /* .d: RV64 */
        CHECK_ILLEGAL(enc_r(0x2f, 0, amo[i].f5 << 2, 10, 11, 12));
    }
    CHECK_ILLEGAL(enc_r(0x2f, 2, 0x02 << 2, 10, 11, 1)); /* lr.w with rs2 != 0 */
    CHECK_ILLEGAL(enc_r(0x2f, 2, 0x05 << 2, 10, 11, 12));
    CHECK_ILLEGAL(enc_r(0x2f, 2, 0x1f << 2, 10, 11, 12));
}

static void test_unknown_opcodes(void **state)
{
    static const unsigned known[] = { 0x37, 0x17, 0x6f, 0x67, 0x63, 0x03, 0x23, 0x13, 0x33,
                                      0x0f, 0x73, 0x2f };
    (void)state;
    for (unsigned op = 3; op < 128; op += 4) {
        bool k = false;
        for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
            k |= known[i] == op;
        if (!k) {
            CHECK_ILLEGAL(op);
            CHECK_ILLEGAL(op | 0xfffff000u);
        }
    }
    /* 48-bit, 64-bit and longer encodings (low bits 11111) */
    CHECK_ILLEGAL(0x0000001fu);
    CHECK_ILLEGAL(0x0000003fu);
    CHECK_ILLEGAL(0x0000007fu);
    CHECK_ILLEGAL(0xffffffffu);
}

/* ---------------- RV32C ---------------- */

#define CCHECK(RAW_, COP, OP, RD, RS1, RS2, IMM)                                \
    do {                                                                       \
        RvInsn d_;                                                             \
        unsigned l_ = rv_decode_raw(RAW_, &d_);                                 \
        if (l_ != 2 || d_.cop != (COP) || d_.op != (OP))                       \
            fail_msg("%04x: len %u cop %u op %s, expected cop %u op %s",       \
                     (unsigned)(RAW_), l_, d_.cop, rv_op_name(d_.op),           \
                     (unsigned)(COP), rv_op_name(OP));                         \
        assert_int_equal(d_.len, 2);                                           \
        assert_int_equal(d_.raw, (RAW_) & 0xffffu);                             \
        assert_int_equal(d_.rd, RD);                                           \
        assert_int_equal(d_.rs1, RS1);                                         \
        assert_int_equal(d_.rs2, RS2);                                         \
        assert_int_equal(d_.imm, IMM);                                         \
    } while (0)

static void test_rvc_quadrant0(void **state)
{
    (void)state;
    /* c.addi4spn: nzuimm[5:4|9:6|2|3] */
    CCHECK(0x0048, RV_C_ADDI4SPN, RV_OP_ADDI, 10, 2, 0, 4);
    CCHECK(0x1fe4, RV_C_ADDI4SPN, RV_OP_ADDI, 9, 2, 0, 1020);
    CCHECK(0x0800, RV_C_ADDI4SPN, RV_OP_ADDI, 8, 2, 0, 16);
    /* c.lw: uimm[5:3] [2] [6] */
    CCHECK(0x4188, RV_C_LW, RV_OP_LW, 10, 11, 0, 0);
    CCHECK(0x5fe0, RV_C_LW, RV_OP_LW, 8, 15, 0, 124);
    CCHECK(0x43fc, RV_C_LW, RV_OP_LW, 15, 15, 0, 68);
    /* c.sw */
    CCHECK(0xc01c, RV_C_SW, RV_OP_SW, 0, 8, 15, 0);
    CCHECK(0xdcf8, RV_C_SW, RV_OP_SW, 0, 9, 14, 124);
    /* reserved / other extensions */
    CHECK_ILLEGAL(0x0000); /* defined illegal instruction */
    CHECK_ILLEGAL(0x0004); /* c.addi4spn nzuimm = 0 */
    CHECK_ILLEGAL(0x001c);
    CHECK_ILLEGAL(0x2000); /* c.fld */
    CHECK_ILLEGAL(0x6000); /* c.flw */
    CHECK_ILLEGAL(0x8000); /* reserved */
    CHECK_ILLEGAL(0xa000); /* c.fsd */
    CHECK_ILLEGAL(0xe000); /* c.fsw */
}

static void test_rvc_quadrant1(void **state)
{
    (void)state;
    CCHECK(0x0001, RV_C_NOP, RV_OP_ADDI, 0, 0, 0, 0);
    CCHECK(0x107d, RV_C_NOP, RV_OP_ADDI, 0, 0, 0, -1);       /* HINT */
    CCHECK(0x0505, RV_C_ADDI, RV_OP_ADDI, 10, 10, 0, 1);
    CCHECK(0x1f81, RV_C_ADDI, RV_OP_ADDI, 31, 31, 0, -32);
    CCHECK(0x017d, RV_C_ADDI, RV_OP_ADDI, 2, 2, 0, 31);
    CCHECK(0x0501, RV_C_ADDI, RV_OP_ADDI, 10, 10, 0, 0);     /* HINT */
    /* c.jal / c.j: offset[11|4|9:8|10|6|7|3:1|5] */
    CCHECK(0x2001, RV_C_JAL, RV_OP_JAL, 1, 0, 0, 0);
    CCHECK(0x3001, RV_C_JAL, RV_OP_JAL, 1, 0, 0, -2048);
    CCHECK(0x2ffd, RV_C_JAL, RV_OP_JAL, 1, 0, 0, 2046);
    CCHECK(0xa001, RV_C_J, RV_OP_JAL, 0, 0, 0, 0);
    CCHECK(0xbffd, RV_C_J, RV_OP_JAL, 0, 0, 0, -2);
    CCHECK(0xb001, RV_C_J, RV_OP_JAL, 0, 0, 0, -2048);
    CCHECK(0xaffd, RV_C_J, RV_OP_JAL, 0, 0, 0, 2046);
    CCHECK(0xa011, RV_C_J, RV_OP_JAL, 0, 0, 0, 4);
    /* c.li */
    CCHECK(0x4501, RV_C_LI, RV_OP_ADDI, 10, 0, 0, 0);
    CCHECK(0x5281, RV_C_LI, RV_OP_ADDI, 5, 0, 0, -32);
    CCHECK(0x40fd, RV_C_LI, RV_OP_ADDI, 1, 0, 0, 31);
    CCHECK(0x4001, RV_C_LI, RV_OP_ADDI, 0, 0, 0, 0);         /* HINT */
    /* c.addi16sp: nzimm[9|4|6|8:7|5] */
    CCHECK(0x7101, RV_C_ADDI16SP, RV_OP_ADDI, 2, 2, 0, -512);
    CCHECK(0x617d, RV_C_ADDI16SP, RV_OP_ADDI, 2, 2, 0, 496);
    CCHECK(0x6141, RV_C_ADDI16SP, RV_OP_ADDI, 2, 2, 0, 16);
    CHECK_ILLEGAL(0x6101);                                   /* nzimm = 0 */
    /* c.lui: nzimm[17|16:12] */
    CCHECK(0x6505, RV_C_LUI, RV_OP_LUI, 10, 0, 0, 0x1000);
    CCHECK(0x6ffd, RV_C_LUI, RV_OP_LUI, 31, 0, 0, 0x1f000);
    CCHECK(0x7081, RV_C_LUI, RV_OP_LUI, 1, 0, 0, (int32_t)0xfffe0000);
    CCHECK(0x747d, RV_C_LUI, RV_OP_LUI, 8, 0, 0, (int32_t)0xfffff000);
    CCHECK(0x6005, RV_C_LUI, RV_OP_LUI, 0, 0, 0, 0x1000);    /* HINT */
    CHECK_ILLEGAL(0x6501);                                   /* nzimm = 0 */
    CHECK_ILLEGAL(0x6001);
    /* c.srli / c.srai / c.andi */
    CCHECK(0x8005, RV_C_SRLI, RV_OP_SRLI, 8, 8, 0, 1);
    CCHECK(0x83fd, RV_C_SRLI, RV_OP_SRLI, 15, 15, 0, 31);
    CCHECK(0x8101, RV_C_SRLI, RV_OP_SRLI, 10, 10, 0, 0);     /* HINT */
    CCHECK(0x8485, RV_C_SRAI, RV_OP_SRAI, 9, 9, 0, 1);
    CCHECK(0x877d, RV_C_SRAI, RV_OP_SRAI, 14, 14, 0, 31);
    CHECK_ILLEGAL(0x9005);                                   /* shamt[5]: NSE */
    CHECK_ILLEGAL(0x9101);
    CHECK_ILLEGAL(0x9485);
    CCHECK(0x9801, RV_C_ANDI, RV_OP_ANDI, 8, 8, 0, -32);
    CCHECK(0x897d, RV_C_ANDI, RV_OP_ANDI, 10, 10, 0, 31);
    CCHECK(0x8981, RV_C_ANDI, RV_OP_ANDI, 11, 11, 0, 0);
    /* c.sub / c.xor / c.or / c.and */
    CCHECK(0x8c05, RV_C_SUB, RV_OP_SUB, 8, 8, 9, 0);
    CCHECK(0x8d3d, RV_C_XOR, RV_OP_XOR, 10, 10, 15, 0);
    CCHECK(0x8dd1, RV_C_OR, RV_OP_OR, 11, 11, 12, 0);
    CCHECK(0x8ef9, RV_C_AND, RV_OP_AND, 13, 13, 14, 0);
    CHECK_ILLEGAL(0x9c01);                                   /* c.subw */
    CHECK_ILLEGAL(0x9c21);                                   /* c.addw */
    CHECK_ILLEGAL(0x9c41);                                   /* reserved */
    CHECK_ILLEGAL(0x9c61);
    /* c.beqz / c.bnez: offset[8|4:3|7:6|2:1|5] */
    CCHECK(0xc001, RV_C_BEQZ, RV_OP_BEQ, 0, 8, 0, 0);
    CCHECK(0xd001, RV_C_BEQZ, RV_OP_BEQ, 0, 8, 0, -256);
    CCHECK(0xeffd, RV_C_BNEZ, RV_OP_BNE, 0, 15, 0, 254);
    CCHECK(0xfffd, RV_C_BNEZ, RV_OP_BNE, 0, 15, 0, -2);
    CCHECK(0xc111, RV_C_BEQZ, RV_OP_BEQ, 0, 10, 0, 4);
}

static void test_rvc_quadrant2(void **state)
{
    (void)state;
    CCHECK(0x0506, RV_C_SLLI, RV_OP_SLLI, 10, 10, 0, 1);
    CCHECK(0x0ffe, RV_C_SLLI, RV_OP_SLLI, 31, 31, 0, 31);
    CCHECK(0x0502, RV_C_SLLI, RV_OP_SLLI, 10, 10, 0, 0);     /* HINT */
    CCHECK(0x0006, RV_C_SLLI, RV_OP_SLLI, 0, 0, 0, 1);       /* HINT */
    CHECK_ILLEGAL(0x1506);                                   /* shamt[5] */
    CHECK_ILLEGAL(0x1002);
    /* c.lwsp: uimm[5|4:2|7:6] */
    CCHECK(0x4082, RV_C_LWSP, RV_OP_LW, 1, 2, 0, 0);
    CCHECK(0x5ffe, RV_C_LWSP, RV_OP_LW, 31, 2, 0, 252);
    CCHECK(0x4542, RV_C_LWSP, RV_OP_LW, 10, 2, 0, 16);
    CHECK_ILLEGAL(0x4002);                                   /* rd = 0 */
    CHECK_ILLEGAL(0x5ffa & ~(31u << 7));
    /* c.jr / c.mv */
    CCHECK(0x8082, RV_C_JR, RV_OP_JALR, 0, 1, 0, 0);
    CCHECK(0x8f82, RV_C_JR, RV_OP_JALR, 0, 31, 0, 0);
    CHECK_ILLEGAL(0x8002);                                   /* rs1 = 0 */
    CCHECK(0x852e, RV_C_MV, RV_OP_ADD, 10, 0, 11, 0);
    CCHECK(0x8ffe, RV_C_MV, RV_OP_ADD, 31, 0, 31, 0);
    CCHECK(0x802e, RV_C_MV, RV_OP_ADD, 0, 0, 11, 0);         /* HINT */
    /* c.ebreak / c.jalr / c.add */
    CCHECK(0x9002, RV_C_EBREAK, RV_OP_EBREAK, 0, 0, 0, 0);
    CCHECK(0x9502, RV_C_JALR, RV_OP_JALR, 1, 10, 0, 0);
    CCHECK(0x9082, RV_C_JALR, RV_OP_JALR, 1, 1, 0, 0);
    CCHECK(0x952e, RV_C_ADD, RV_OP_ADD, 10, 10, 11, 0);
    CCHECK(0x917e, RV_C_ADD, RV_OP_ADD, 2, 2, 31, 0);
    CCHECK(0x902e, RV_C_ADD, RV_OP_ADD, 0, 0, 11, 0);        /* HINT */
    /* c.swsp: uimm[5:2|7:6] */
    CCHECK(0xc006, RV_C_SWSP, RV_OP_SW, 0, 2, 1, 0);
    CCHECK(0xdf82, RV_C_SWSP, RV_OP_SW, 0, 2, 0, 252);
    CCHECK(0xc82a, RV_C_SWSP, RV_OP_SW, 0, 2, 10, 16);
    /* F/D forms */
    CHECK_ILLEGAL(0x2002);
    CHECK_ILLEGAL(0x6002);
    CHECK_ILLEGAL(0xa002);
    CHECK_ILLEGAL(0xe002);
}

/* Independent encoder of an expanded instruction, to check that every
 * compressed encoding decodes to the same thing as its 32-bit expansion. */
static uint32_t encode_expansion(const RvInsn *d)
{
    switch (d->op) {
    case RV_OP_ADDI: return enc_i(0x13, 0, d->rd, d->rs1, d->imm);
    case RV_OP_ANDI: return enc_i(0x13, 7, d->rd, d->rs1, d->imm);
    case RV_OP_SLLI: return enc_i(0x13, 1, d->rd, d->rs1, d->imm);
    case RV_OP_SRLI: return enc_i(0x13, 5, d->rd, d->rs1, d->imm);
    case RV_OP_SRAI: return enc_i(0x13, 5, d->rd, d->rs1, d->imm | 0x400);
    case RV_OP_LW: return enc_i(0x03, 2, d->rd, d->rs1, d->imm);
    case RV_OP_SW: return enc_s(0x23, 2, d->rs1, d->rs2, d->imm);
    case RV_OP_LUI: return enc_u(0x37, d->rd, (uint32_t)d->imm >> 12);
    case RV_OP_JAL: return enc_j(d->rd, d->imm);
    case RV_OP_JALR: return enc_i(0x67, 0, d->rd, d->rs1, d->imm);
    case RV_OP_BEQ: return enc_b(0, d->rs1, d->rs2, d->imm);
    case RV_OP_BNE: return enc_b(1, d->rs1, d->rs2, d->imm);
    case RV_OP_ADD: return enc_r(0x33, 0, 0, d->rd, d->rs1, d->rs2);
    case RV_OP_SUB: return enc_r(0x33, 0, 0x20, d->rd, d->rs1, d->rs2);
    case RV_OP_XOR: return enc_r(0x33, 4, 0, d->rd, d->rs1, d->rs2);
    case RV_OP_OR: return enc_r(0x33, 6, 0, d->rd, d->rs1, d->rs2);
    case RV_OP_AND: return enc_r(0x33, 7, 0, d->rd, d->rs1, d->rs2);
    case RV_OP_EBREAK: return 0x00100073u;
    default: return 0;
    }
}

static void test_rvc_exhaustive(void **state)
{
    unsigned legal = 0, per_cop[RV_C_COUNT] = { 0 };
    (void)state;
    for (uint32_t h = 0; h < 0x10000; h++) {
        RvInsn c, e;
        if ((h & 3) == 3)
            continue;
        if (rv_decode_raw(h, &c) == 0) {
            assert_int_equal(c.op, RV_OP_ILLEGAL);
            continue;
        }
        legal++;
        assert_int_equal(c.len, 2);
        assert_true(c.cop > RV_C_NONE && c.cop < RV_C_COUNT);
        per_cop[c.cop]++;
        assert_int_equal(rv_decode_raw(encode_expansion(&c), &e), 4);
        if (e.op != c.op || e.rd != c.rd || e.rs1 != c.rs1 || e.rs2 != c.rs2 || e.imm != c.imm)
            fail_msg("%04x expands to %s %u,%u,%u,%d but its encoding decodes as %s %u,%u,%u,%d",
                     (unsigned)h, rv_op_name(c.op), c.rd, c.rs1, c.rs2, c.imm, rv_op_name(e.op),
                     e.rd, e.rs1, e.rs2, e.imm);
    }
    /* every compressed form occurs */
    for (unsigned k = RV_C_NONE + 1; k < RV_C_COUNT; k++)
        if (per_cop[k] == 0)
            fail_msg("compressed form %u never decoded", k);
    /* counts from the encoding tables: e.g. c.lw = 2^11, c.j = 2^11 */
    assert_int_equal(per_cop[RV_C_LW], 2048);
    assert_int_equal(per_cop[RV_C_SW], 2048);
    assert_int_equal(per_cop[RV_C_J], 2048);
    assert_int_equal(per_cop[RV_C_JAL], 2048);
    assert_int_equal(per_cop[RV_C_ADDI4SPN], 2048 - 8);
    assert_int_equal(per_cop[RV_C_LWSP], 2048 - 64);
    assert_int_equal(per_cop[RV_C_SWSP], 2048);
    assert_int_equal(per_cop[RV_C_JR], 31);
    assert_int_equal(per_cop[RV_C_JALR], 31);
    assert_int_equal(per_cop[RV_C_EBREAK], 1);
    assert_int_equal(per_cop[RV_C_MV], 32 * 31);
    assert_int_equal(per_cop[RV_C_ADD], 32 * 31);
    assert_int_equal(per_cop[RV_C_NOP], 64);
    assert_int_equal(per_cop[RV_C_ADDI], 31 * 64);
    assert_int_equal(per_cop[RV_C_ADDI16SP], 63);
    assert_int_equal(per_cop[RV_C_LUI], 31 * 63);
    assert_int_equal(per_cop[RV_C_SRLI], 8 * 32);
    assert_int_equal(per_cop[RV_C_SLLI], 32 * 32);
    /* sum over the tables: Q0 2040+2048+2048, Q1 6*2048+(63+31*63)+1280,
     * Q2 1024+1984+(31+992+1+31+992)+2048 */
    assert_int_equal(legal, 28823);
}

/* ---------------- rv_decode on bytes ---------------- */

static void test_decode_bytes(void **state)
{
    static const uint8_t code[] = { 0xff, 0x13, 0x05, 0xa0, 0x00, 0x41, 0x11, 0x82, 0x80 };
    RvInsn d;
    (void)state;
    /* unaligned pointer, little-endian */
    assert_int_equal(rv_decode(code + 1, 4, &d), 4);
    assert_int_equal(d.op, RV_OP_ADDI);
    assert_int_equal(d.rd, 10);
    assert_int_equal(d.imm, 10);
    assert_int_equal(rv_decode(code + 5, 2, &d), 2);
    assert_int_equal(d.cop, RV_C_ADDI); /* c.addi sp,-16 */
    assert_int_equal(d.rd, 2);
    assert_int_equal(d.imm, -16);
    assert_int_equal(rv_decode(code + 7, 2, &d), 2);
    assert_int_equal(d.cop, RV_C_JR);
    /* truncated */
    assert_int_equal(rv_decode(code + 1, 3, &d), 0);
    assert_int_equal(d.op, RV_OP_ILLEGAL);
    assert_int_equal(rv_decode(code + 1, 1, &d), 0);
    assert_int_equal(rv_decode(code + 1, 0, &d), 0);
}

/* ---------------- rv_insn_info ---------------- */

static IsaInsnInfo info_of(uint32_t raw, uint32_t pc)
{
    RvInsn d;
    IsaInsnInfo info;
    rv_decode_raw(raw, &d);
    rv_insn_info(&d, pc, &info);
    return info;
}

static void test_insn_info(void **state)
{
    IsaInsnInfo i;
    (void)state;
    i = info_of(enc_b(0, 10, 11, -8), 0x80000010u);
    assert_int_equal(i.flow, ISA_FLOW_COND);
    assert_true(i.has_target && i.conditional);
    assert_int_equal(i.target, 0x80000008u);
    assert_int_equal(i.len, 4);
    for (unsigned f3 = 4; f3 < 8; f3++)
        assert_int_equal(info_of(enc_b(f3, 1, 2, 4), 0).flow, ISA_FLOW_COND);
    i = info_of(0xd001, 0x100); /* c.beqz s0, -256 */
    assert_int_equal(i.flow, ISA_FLOW_COND);
    assert_int_equal(i.target, 0x0);
    assert_int_equal(i.len, 2);
    /* target wraps at 32 bits */
    i = info_of(enc_j(0, -8), 0x4);
    assert_int_equal(i.flow, ISA_FLOW_JUMP);
    assert_int_equal(i.target, 0xfffffffcu);
    assert_int_equal(info_of(enc_j(1, 8), 0).flow, ISA_FLOW_CALL);
    assert_int_equal(info_of(enc_j(5, 8), 0).flow, ISA_FLOW_CALL);
    assert_int_equal(info_of(enc_j(10, 8), 0).flow, ISA_FLOW_JUMP);
    assert_int_equal(info_of(0xa001, 0).flow, ISA_FLOW_JUMP);      /* c.j */
    assert_int_equal(info_of(0x2001, 0).flow, ISA_FLOW_CALL);      /* c.jal */
    /* jalr per the RAS hints (§2.5 table 2.1) */
    assert_int_equal(info_of(0x00008067u, 0).flow, ISA_FLOW_RETURN);         /* ret */
    assert_int_equal(info_of(enc_i(0x67, 0, 0, 5, 0), 0).flow, ISA_FLOW_RETURN);
    assert_int_equal(info_of(0x8082, 0).flow, ISA_FLOW_RETURN);              /* c.jr ra */
    assert_int_equal(info_of(enc_i(0x67, 0, 0, 10, 0), 0).flow, ISA_FLOW_INDIRECT);
    assert_int_equal(info_of(0x8502, 0).flow, ISA_FLOW_INDIRECT);            /* c.jr a0 */
    assert_int_equal(info_of(enc_i(0x67, 0, 11, 10, 0), 0).flow, ISA_FLOW_INDIRECT);
    assert_int_equal(info_of(enc_i(0x67, 0, 1, 10, 0), 0).flow, ISA_FLOW_INDIRECT_CALL);
    assert_int_equal(info_of(enc_i(0x67, 0, 5, 6, 8), 0).flow, ISA_FLOW_INDIRECT_CALL);
    assert_int_equal(info_of(enc_i(0x67, 0, 1, 1, 0), 0).flow, ISA_FLOW_INDIRECT_CALL);
    assert_int_equal(info_of(enc_i(0x67, 0, 1, 5, 0), 0).flow, ISA_FLOW_INDIRECT_CALL);
    assert_int_equal(info_of(0x9502, 0).flow, ISA_FLOW_INDIRECT_CALL);       /* c.jalr */
    assert_false(info_of(0x00008067u, 0).has_target);
    /* traps, returns from traps, block-ending system instructions */
    assert_int_equal(info_of(0x00000073u, 0).flow, ISA_FLOW_TRAP);
    assert_int_equal(info_of(0x00100073u, 0).flow, ISA_FLOW_TRAP);
    assert_int_equal(info_of(0x9002, 0).flow, ISA_FLOW_TRAP);
    assert_int_equal(info_of(0x30200073u, 0).flow, ISA_FLOW_XRET);
    assert_int_equal(info_of(0x10200073u, 0).flow, ISA_FLOW_XRET);
    assert_int_equal(info_of(0x00200073u, 0).flow, ISA_FLOW_XRET);
    assert_int_equal(info_of(0x7b200073u, 0).flow, ISA_FLOW_XRET);
    assert_int_equal(info_of(0x10500073u, 0).flow, ISA_FLOW_SYSTEM);
    assert_int_equal(info_of(0x0000100fu, 0).flow, ISA_FLOW_SYSTEM);
    assert_int_equal(info_of(0x12000073u, 0).flow, ISA_FLOW_SYSTEM);
    for (unsigned f3 = 1; f3 < 8; f3++)
        if (f3 != 4)
            assert_int_equal(info_of(enc_i(0x73, f3, 10, 0, 0x300), 0).flow, ISA_FLOW_SYSTEM);
    /* ordinary instructions */
    assert_int_equal(info_of(0x0ff0000fu, 0).flow, ISA_FLOW_SEQ);
    assert_int_equal(info_of(0x00a00513u, 0).flow, ISA_FLOW_SEQ);
    assert_int_equal(info_of(0x1141, 0).flow, ISA_FLOW_SEQ);
    assert_int_equal(info_of(0x02c5a52fu, 0).flow, ISA_FLOW_SEQ);
    /* illegal: length 0 */
    i = info_of(0x0000, 0);
    assert_int_equal(i.len, 0);
    i = info_of(0xffffffffu, 0);
    assert_int_equal(i.len, 0);
}

static void test_isa_ops(void **state)
{
    static const uint8_t code[] = { 0x63, 0x04, 0xb5, 0x00, 0x82, 0x80, 0x00, 0x00 };
    IsaInsnInfo info;
    char buf[64];
    (void)state;
    assert_string_equal(isa_riscv32_ops.name, "riscv32");
    assert_int_equal(isa_riscv32_ops.min_insn_len, 2);
    assert_int_equal(isa_riscv32_ops.max_insn_len, 4);
    assert_int_equal(isa_riscv32_ops.decode_info(code, 8, 0x80000000u, &info), 4);
    assert_int_equal(info.flow, ISA_FLOW_COND);
    assert_int_equal(info.target, 0x80000008u);
    assert_int_equal(isa_riscv32_ops.disasm(code, 8, 0x80000000u, buf, sizeof buf), 4);
    assert_string_equal(buf, "beq\ta0,a1,80000008");
    assert_int_equal(isa_riscv32_ops.decode_info(code + 4, 4, 0, &info), 2);
    assert_int_equal(info.flow, ISA_FLOW_RETURN);
    assert_int_equal(isa_riscv32_ops.disasm(code + 4, 4, 0, buf, sizeof buf), 2);
    assert_string_equal(buf, "ret");
    /* illegal: length 0 and objdump's text */
    assert_int_equal(isa_riscv32_ops.decode_info(code + 6, 2, 0, &info), 0);
    assert_int_equal(info.len, 0);
    assert_int_equal(isa_riscv32_ops.disasm(code + 6, 2, 0, buf, sizeof buf), 0);
    assert_string_equal(buf, "unimp");
    assert_int_equal(isa_riscv32_ops.decode_info(code, 3, 0, &info), 0);
}

/* ---------------- disassembly (spot checks; the objdump test covers all) ---------------- */

static const char *dis(uint32_t raw, uint32_t pc)
{
    static char buf[128];
    RvInsn d;
    rv_decode_raw(raw, &d);
    rv_disasm(&d, pc, buf, sizeof buf);
    return buf;
}

static void test_disasm(void **state)
{
    char small[8];
    RvInsn d;
    RvDisasmCtx ctx;
    (void)state;
    assert_string_equal(dis(0x1141, 0), "add\tsp,sp,-16");
    assert_string_equal(dis(0x0001, 0), "nop");
    assert_string_equal(dis(0x00000013u, 0), "nop");
    assert_string_equal(dis(0x00a00513u, 0), "li\ta0,10");
    assert_string_equal(dis(0x8522, 0), "mv\ta0,s0");
    assert_string_equal(dis(0xfff5c513u, 0), "not\ta0,a1");
    assert_string_equal(dis(0x40b00533u, 0), "neg\ta0,a1");
    assert_string_equal(dis(0x0015b513u, 0), "seqz\ta0,a1");
    assert_string_equal(dis(0x00b03533u, 0), "snez\ta0,a1");
    assert_string_equal(dis(0x0ff5f513u, 0), "zext.b\ta0,a1");
    assert_string_equal(dis(0x01f59513u, 0), "sll\ta0,a1,0x1f");
    assert_string_equal(dis(0x80000537u, 0), "lui\ta0,0x80000");
    assert_string_equal(dis(0xfa7ff06fu, 0x5a), "j\t0");
    assert_string_equal(dis(0xfa3ff0efu, 0x5e), "jal\t0");
    assert_string_equal(dis(0xf9fff2efu, 0x62), "jal\tt0,0");
    assert_string_equal(dis(0xd175, 0x1c), "beqz\ta0,0");
    assert_string_equal(dis(0xf8a045e3u, 0x76), "bgtz\ta0,0");
    assert_string_equal(dis(0x00008067u, 0), "ret");
    assert_string_equal(dis(0x00408067u, 0), "jr\t4(ra)");
    assert_string_equal(dis(0x000502e7u, 0), "jalr\tt0,a0");
    assert_string_equal(dis(0x00000067u, 0), "jr\tzero # 0");
    assert_string_equal(dis(0x00402783u, 0), "lw\ta5,4(zero) # 4");
    assert_string_equal(dis(0xfea58fa3u, 0), "sb\ta0,-1(a1)");
    assert_string_equal(dis(0x30002573u, 0), "csrr\ta0,mstatus");
    assert_string_equal(dis(0x305fd073u, 0), "csrw\tmtvec,31");
    assert_string_equal(dis(0x3000d573u, 0), "csrrw\ta0,mstatus,1");
    assert_string_equal(dis(0xc0002573u, 0), "rdcycle\ta0");
    assert_string_equal(dis(0xc8202573u, 0), "rdinstreth\ta0");
    assert_string_equal(dis(0x7c002573u, 0), "csrr\ta0,0x7c0");
    assert_string_equal(dis(0x31002573u, 0), "csrr\ta0,mstatush");
    assert_string_equal(dis(0xc0001073u, 0), "unimp");
    assert_string_equal(dis(0x0000, 0), "unimp");
    assert_string_equal(dis(0x0ff0000fu, 0), "fence");
    assert_string_equal(dis(0x0330000fu, 0), "fence\trw,rw");
    assert_string_equal(dis(0x8330000fu, 0), "fence.tso");
    assert_string_equal(dis(0x1605a52fu, 0), "lr.w.aqrl\ta0,(a1)");
    assert_string_equal(dis(0x04c5a52fu, 0), "amoadd.w.aq\ta0,a2,(a1)");
    assert_string_equal(dis(0x0000005bu, 0), ".4byte\t0x5b");
    assert_string_equal(dis(0x2000, 0), ".2byte\t0x2000");
    assert_string_equal(dis(0x02059513u, 0), "sll\ta0,a1,0x20");
    assert_string_equal(dis(0x0015, 0), "c.nop\t5");
    assert_string_equal(dis(0x0502, 0), "c.slli64\ta0");
    assert_string_equal(dis(0x6101, 0), "add\tsp,sp,0");

    /* objdump's cross-instruction state: lui then addi/load */
    rv_disasm_ctx_init(&ctx, true, 0x800);
    rv_decode_raw(0x80000537u, &d);
    rv_disasm_ctx(&ctx, &d, 0, small, 0);
    {
        char buf[64];
        rv_decode_raw(0x0541, &d);
        rv_disasm_ctx(&ctx, &d, 4, buf, sizeof buf);
        assert_string_equal(buf, "add\ta0,a0,16 # 80000010");
        rv_disasm_ctx(&ctx, &d, 6, buf, sizeof buf);
        assert_string_equal(buf, "add\ta0,a0,16");
        rv_decode_raw(0x0041a783u, &d); /* lw a5,4(gp) */
        rv_disasm_ctx(&ctx, &d, 8, buf, sizeof buf);
        assert_string_equal(buf, "lw\ta5,4(gp) # 804");
        ctx.missing = RV_EXT_C | RV_EXT_ZIHINTPAUSE;
        rv_decode_raw(0x4595, &d);
        rv_disasm_ctx(&ctx, &d, 0, buf, sizeof buf);
        assert_string_equal(buf, ".2byte\t0x4595");
        rv_decode_raw(0x0100000fu, &d);
        rv_disasm_ctx(&ctx, &d, 0, buf, sizeof buf);
        assert_string_equal(buf, "fence\tw,unknown");
        ctx.priv_1_11 = true;
        rv_decode_raw(0x31002573u, &d);
        rv_disasm_ctx(&ctx, &d, 0, buf, sizeof buf);
        assert_string_equal(buf, "csrr\ta0,0x310");
    }
    /* truncation: snprintf semantics, always terminated */
    rv_decode_raw(0x30002573u, &d);
    assert_int_equal(rv_disasm(&d, 0, small, sizeof small), (int)strlen("csrr\ta0,mstatus"));
    assert_string_equal(small, "csrr\ta0");
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(rv_reg_name(0), "zero");
    assert_string_equal(rv_reg_name(8), "s0");
    assert_string_equal(rv_reg_name(31), "t6");
    assert_string_equal(rv_op_name(RV_OP_AMOMAXU_W), "amomaxu.w");
    assert_string_equal(rv_op_name(RV_OP_ILLEGAL), "illegal");
    assert_string_equal(rv_csr_name(0x300), "mstatus");
    assert_string_equal(rv_csr_name(0xf14), "mhartid");
    assert_string_equal(rv_csr_name(0x3bf), "pmpaddr15");
    assert_string_equal(rv_csr_name(0xb80), "mcycleh");
    assert_null(rv_csr_name(0x7c0));
    assert_null(rv_csr_name(4096));
    assert_null(rv_csr_name(0x000));                  /* ustatus: gone in 1.12 */
    assert_string_equal(rv_csr_name_priv(0x000, true), "ustatus");
    assert_null(rv_csr_name_priv(0x310, true));       /* mstatush: new in 1.12 */
    for (unsigned op = 0; op < RV_OP_COUNT; op++)
        assert_non_null(rv_op_name((RvOp)op));
}

static void test_isa_strings(void **state)
{
    (void)state;
    assert_int_equal(rv_isa_string_exts("rv32i2p1_m2p0_a2p1_c2p0_zicsr2p0_zifencei2p0_zmmul1p0"),
                     RV_EXT_C | RV_EXT_M | RV_EXT_ZMMUL | RV_EXT_A | RV_EXT_ZICSR | RV_EXT_ZIFENCEI);
    assert_int_equal(rv_isa_string_exts("rv32i2p1_m2p0_a2p1_c2p0_zmmul1p0"),
                     RV_EXT_C | RV_EXT_M | RV_EXT_ZMMUL | RV_EXT_A);
    /* i 2.0 (ISA manual 2.2) still contains Zicsr and Zifencei */
    assert_int_equal(rv_isa_string_exts("rv32i2p0_m2p0_a2p0_c2p0"),
                     RV_EXT_C | RV_EXT_M | RV_EXT_ZMMUL | RV_EXT_A | RV_EXT_ZICSR | RV_EXT_ZIFENCEI);
    assert_int_equal(rv_isa_string_exts("rv32imac"),
                     RV_EXT_C | RV_EXT_M | RV_EXT_ZMMUL | RV_EXT_A);
    assert_int_equal(rv_isa_string_exts("rv32i2p1_zmmul1p0"), RV_EXT_ZMMUL);
    assert_int_equal(rv_isa_string_exts("rv32i2p1_zihintpause2p0"), RV_EXT_ZIHINTPAUSE);
    assert_int_equal(rv_isa_string_exts("rv32i2p1_zicsr2p0"), RV_EXT_ZICSR);
    assert_int_equal(rv_isa_string_exts("arm"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rv32i_u_j),
        cmocka_unit_test(test_rv32i_branches),
        cmocka_unit_test(test_rv32i_loads_stores),
        cmocka_unit_test(test_rv32i_alu),
        cmocka_unit_test(test_rv32i_fence_system),
        cmocka_unit_test(test_zicsr),
        cmocka_unit_test(test_amo),
        cmocka_unit_test(test_unknown_opcodes),
        cmocka_unit_test(test_rvc_quadrant0),
        cmocka_unit_test(test_rvc_quadrant1),
        cmocka_unit_test(test_rvc_quadrant2),
        cmocka_unit_test(test_rvc_exhaustive),
        cmocka_unit_test(test_decode_bytes),
        cmocka_unit_test(test_insn_info),
        cmocka_unit_test(test_isa_ops),
        cmocka_unit_test(test_disasm),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_isa_strings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
