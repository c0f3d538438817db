/* tests/firmware/arm/smoke/alu.c - data processing with exact flags:
 * every result and the APSR after it (N Z C V Q) are folded into one
 * checksum per instruction group and printed, so a divergence from QEMU
 * names the group.  Covers ADD/ADC/SUB/SBC/RSB/CMP/CMN/TST/TEQ with
 * register, shifted-register and modified-immediate operands (ThumbExpandImm
 * carry), shifts by immediate and register with carry-out (incl. RRX and
 * amounts >= 32), multiplies, divides, bit fields, saturation, CLZ/RBIT/REV,
 * extends, IT blocks. */
#include "rt.h"

static uint32_t sum;
static void mix(uint32_t v) { sum = (sum ^ v) * 0x01000193u + (sum >> 7); }

static uint32_t vals[] = {
    0, 1, 2, 0x7fffffff, 0x80000000, 0x80000001, 0xffffffff, 0xfffffffe,
    0x12345678, 0x87654321, 31, 32, 33, 0xff, 0x100, 0xdeadbeef, 64, 255, 256, 7,
};
#define NV (sizeof vals / sizeof vals[0])

#define OP2(name, insn) static void name(uint32_t a, uint32_t b, uint32_t cin) { \
    uint32_t r, f; \
    __asm__ volatile("msr apsr_nzcvq, %4\n\t" insn "\n\tmrs %1, apsr" \
                     : "=&r"(r), "=&r"(f) : "r"(a), "r"(b), "r"(cin) : "cc"); \
    mix(r); mix(f); }
OP2(t_adds, "adds %0, %2, %3")
OP2(t_adcs, "adcs %0, %2, %3")
OP2(t_subs, "subs %0, %2, %3")
OP2(t_sbcs, "sbcs %0, %2, %3")
OP2(t_rsbs, "rsbs %0, %2, #0\n\tmov %0, %0")
OP2(t_cmp, "mov %0, #0\n\tcmp %2, %3")
OP2(t_cmn, "mov %0, #0\n\tcmn %2, %3")
OP2(t_tst, "mov %0, #0\n\ttst %2, %3")
OP2(t_teq, "mov %0, #0\n\tteq %2, %3")
OP2(t_lsls, "lsls %0, %2, %3")
OP2(t_lsrs, "lsrs %0, %2, %3")
OP2(t_asrs, "asrs %0, %2, %3")
OP2(t_rors, "rors %0, %2, %3")
OP2(t_lsls_i, "lsls %0, %2, #5")
OP2(t_lsrs_i, "lsrs %0, %2, #32")
OP2(t_asrs_i, "asrs %0, %2, #31")
OP2(t_rrxs, "rrxs %0, %2")
OP2(t_adds_sh, "adds.w %0, %2, %3, lsr #3")
OP2(t_ands_sh, "ands.w %0, %2, %3, lsl #31")
OP2(t_orrs_sh, "orrs.w %0, %2, %3, asr #1")
OP2(t_eors_sh, "eors.w %0, %2, %3, ror #7")
OP2(t_bics_sh, "bics.w %0, %2, %3, lsr #32")
OP2(t_mvns_sh, "mvns.w %0, %3, rrx")
OP2(t_ands_imm, "ands %0, %2, #0xff000000")   /* rotated: C = bit 31 */
OP2(t_ands_imm2, "ands %0, %2, #0x00ff00ff")  /* not rotated: C kept */
OP2(t_orrs_imm, "orrs %0, %2, #0x80000000")
OP2(t_adds_imm, "adds %0, %2, #0x3fc00")
OP2(t_subs_imm, "subs.w %0, %2, #1")
OP2(t_sbcs_imm, "sbcs %0, %2, #0x55555555")
OP2(t_adcs_imm, "adcs %0, %2, #0xab00ab00")
OP2(t_rsbs_imm, "rsbs %0, %2, #0x10000")
OP2(t_muls, "mul %0, %2, %3")
OP2(t_mla, "mla %0, %2, %3, %2")
OP2(t_mls, "mls %0, %2, %3, %2")
OP2(t_udiv, "udiv %0, %2, %3")
OP2(t_sdiv, "sdiv %0, %2, %3")
OP2(t_clz, "clz %0, %2")
OP2(t_rbit, "rbit %0, %2")
OP2(t_rev, "rev %0, %2")
OP2(t_rev16, "rev16 %0, %2")
OP2(t_revsh, "revsh %0, %2")
OP2(t_sxtb, "sxtb %0, %2, ror #8")
OP2(t_sxth, "sxth %0, %2")
OP2(t_uxtb, "uxtb %0, %2, ror #24")
OP2(t_uxth, "uxth %0, %2, ror #16")
OP2(t_ubfx, "ubfx %0, %2, #3, #17")
OP2(t_sbfx, "sbfx %0, %2, #7, #9")
OP2(t_bfi, "mov %0, %3\n\tbfi %0, %2, #4, #12")
OP2(t_bfc, "mov %0, %3\n\tbfc %0, #0, #31")
OP2(t_ssat, "ssat %0, #8, %2, lsl #2")
OP2(t_usat, "usat %0, #7, %2, asr #3")
OP2(t_ssat_q, "ssat %0, #16, %2\n\tssat %0, #1, %3")
OP2(t_movt, "movw %0, #0x1234\n\tmovt %0, #0xabcd\n\tadds %0, %0, %2")
OP2(t_it, "cmp %2, %3\n\tite hi\n\tmovhi %0, #1\n\tmovls %0, #2\n\t"
          "itttt ge\n\taddge %0, %0, #4\n\taddsge %0, %0, %3\n\tlslge %0, %0, #1\n\tsubge %0, %0, #1\n\t"
          "it lt\n\tmvnlt %0, %0")
OP2(t_it16, "movs %0, #0\n\tcmp %2, %3\n\titet eq\n\taddeq %0, %2, %3\n\tsubne %0, %2, %3\n\tlsleq %0, %0, #1")
OP2(t_umull, "umull %0, %1, %2, %3\n\teor %0, %0, %1")
OP2(t_smull, "smull %0, %1, %2, %3\n\teor %0, %0, %1")
OP2(t_umlal, "mov %0, %2\n\tmov %1, %3\n\tumlal %0, %1, %2, %3\n\teor %0, %0, %1")
OP2(t_smlal, "mov %0, %2\n\tmov %1, %3\n\tsmlal %0, %1, %2, %3\n\teor %0, %0, %1")

typedef void (*OpFn)(uint32_t, uint32_t, uint32_t);
static const struct { const char *name; OpFn fn; } ops[] = {
    {"adds", t_adds}, {"adcs", t_adcs}, {"subs", t_subs}, {"sbcs", t_sbcs}, {"rsbs", t_rsbs},
    {"cmp", t_cmp}, {"cmn", t_cmn}, {"tst", t_tst}, {"teq", t_teq},
    {"lsls", t_lsls}, {"lsrs", t_lsrs}, {"asrs", t_asrs}, {"rors", t_rors},
    {"lsls#", t_lsls_i}, {"lsrs#32", t_lsrs_i}, {"asrs#", t_asrs_i}, {"rrxs", t_rrxs},
    {"adds.sh", t_adds_sh}, {"ands.sh", t_ands_sh}, {"orrs.sh", t_orrs_sh},
    {"eors.sh", t_eors_sh}, {"bics.sh", t_bics_sh}, {"mvns.rrx", t_mvns_sh},
    {"ands#rot", t_ands_imm}, {"ands#", t_ands_imm2}, {"orrs#", t_orrs_imm},
    {"adds#", t_adds_imm}, {"subs#", t_subs_imm}, {"sbcs#", t_sbcs_imm},
    {"adcs#", t_adcs_imm}, {"rsbs#", t_rsbs_imm}, {"mul", t_muls}, {"mla", t_mla},
    {"mls", t_mls}, {"udiv", t_udiv}, {"sdiv", t_sdiv}, {"clz", t_clz}, {"rbit", t_rbit},
    {"rev", t_rev}, {"rev16", t_rev16}, {"revsh", t_revsh}, {"sxtb", t_sxtb},
    {"sxth", t_sxth}, {"uxtb", t_uxtb}, {"uxth", t_uxth}, {"ubfx", t_ubfx},
    {"sbfx", t_sbfx}, {"bfi", t_bfi}, {"bfc", t_bfc}, {"ssat", t_ssat}, {"usat", t_usat},
    {"ssatq", t_ssat_q}, {"movt", t_movt}, {"it", t_it}, {"it16", t_it16},
    {"umull", t_umull}, {"smull", t_smull}, {"umlal", t_umlal}, {"smlal", t_smlal},
};

int main(void)
{
    uart_init();
    uint32_t total = 0;
    for (unsigned k = 0; k < sizeof ops / sizeof ops[0]; k++) {
        sum = 0;
        for (unsigned i = 0; i < NV; i++)
            for (unsigned j = 0; j < NV; j++)
                for (uint32_t c = 0; c < 2; c++)
                    ops[k].fn(vals[i], vals[j], c ? 0x20000000u : 0xd0000000u);
        uart_puts(ops[k].name);
        uart_puts(" ");
        uart_puthex(sum);
        uart_puts("\n");
        total ^= sum;
    }
    uart_puts("total ");
    uart_puthex(total);
    uart_puts("\n");
    return 0;
}
