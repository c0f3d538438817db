/* tests/firmware/arm/smoke/dsp.c - Cortex-M4 DSP extension: every
 * parallel add/subtract (GE flags), saturating (Q flag), SEL, USAD8,
 * PKH, the halfword/word/dual/most-significant multiplies, SSAT16/USAT16
 * and the packed extends, each over a value matrix folded into a checksum.
 * Run on mps2-an386 (Cortex-M4) under QEMU and emucov. */
#include "rt.h"
static uint32_t sum;
static void mix(uint32_t v) { sum = (sum ^ v) * 0x01000193u + (sum >> 7); }
static uint32_t vals[] = { 0, 1, 0x7fff7fff, 0x80008000, 0xffffffff, 0x12345678, 0x807f01ff, 0x00ff8000, 0xdeadbeef, 0x7f80ff01 };
#define NV 10
#define OP(name, insn) static void name(uint32_t a, uint32_t b) { uint32_t r = 0x1111, f; \
  __asm__ volatile("msr apsr_nzcvqg, %4\n\t" insn "\n\tmrs %1, apsr" : "+&r"(r), "=&r"(f) : "r"(a), "r"(b), "r"(0)); mix(r); mix(f); }
OP(o_sadd16, "sadd16 %0, %2, %3") OP(o_sasx, "sasx %0, %2, %3") OP(o_ssax, "ssax %0, %2, %3") OP(o_ssub16, "ssub16 %0, %2, %3")
OP(o_sadd8, "sadd8 %0, %2, %3") OP(o_ssub8, "ssub8 %0, %2, %3") OP(o_qadd16, "qadd16 %0, %2, %3") OP(o_qasx, "qasx %0, %2, %3")
OP(o_qsax, "qsax %0, %2, %3") OP(o_qsub16, "qsub16 %0, %2, %3") OP(o_qadd8, "qadd8 %0, %2, %3") OP(o_qsub8, "qsub8 %0, %2, %3")
OP(o_shadd16, "shadd16 %0, %2, %3") OP(o_shasx, "shasx %0, %2, %3") OP(o_shsax, "shsax %0, %2, %3") OP(o_shsub16, "shsub16 %0, %2, %3")
OP(o_shadd8, "shadd8 %0, %2, %3") OP(o_shsub8, "shsub8 %0, %2, %3") OP(o_uadd16, "uadd16 %0, %2, %3") OP(o_uasx, "uasx %0, %2, %3")
OP(o_usax, "usax %0, %2, %3") OP(o_usub16, "usub16 %0, %2, %3") OP(o_uadd8, "uadd8 %0, %2, %3") OP(o_usub8, "usub8 %0, %2, %3")
OP(o_uqadd16, "uqadd16 %0, %2, %3") OP(o_uqasx, "uqasx %0, %2, %3") OP(o_uqsax, "uqsax %0, %2, %3") OP(o_uqsub16, "uqsub16 %0, %2, %3")
OP(o_uqadd8, "uqadd8 %0, %2, %3") OP(o_uqsub8, "uqsub8 %0, %2, %3") OP(o_uhadd16, "uhadd16 %0, %2, %3") OP(o_uhasx, "uhasx %0, %2, %3")
OP(o_uhsax, "uhsax %0, %2, %3") OP(o_uhsub16, "uhsub16 %0, %2, %3") OP(o_uhadd8, "uhadd8 %0, %2, %3") OP(o_uhsub8, "uhsub8 %0, %2, %3")
OP(o_qadd, "qadd %0, %2, %3") OP(o_qsub, "qsub %0, %2, %3") OP(o_qdadd, "qdadd %0, %2, %3") OP(o_qdsub, "qdsub %0, %2, %3")
OP(o_sel, "uadd8 %0, %2, %3\n\tsel %0, %2, %3") OP(o_usad8, "usad8 %0, %2, %3") OP(o_usada8, "usada8 %0, %2, %3, %2")
OP(o_pkhbt, "pkhbt %0, %2, %3, lsl #5") OP(o_pkhtb, "pkhtb %0, %2, %3, asr #7")
OP(o_smulbb, "smulbb %0, %2, %3") OP(o_smultb, "smultb %0, %2, %3") OP(o_smulbt, "smulbt %0, %2, %3") OP(o_smultt, "smultt %0, %2, %3")
OP(o_smlabb, "smlabb %0, %2, %3, %2") OP(o_smlatt, "smlatt %0, %2, %3, %3") OP(o_smulwb, "smulwb %0, %2, %3") OP(o_smulwt, "smulwt %0, %2, %3")
OP(o_smlawb, "smlawb %0, %2, %3, %2") OP(o_smlalbb, "mov %1, %3\n\tsmlalbb %0, %1, %2, %3\n\teor %0, %0, %1")
OP(o_smuad, "smuad %0, %2, %3") OP(o_smuadx, "smuadx %0, %2, %3") OP(o_smusd, "smusd %0, %2, %3") OP(o_smusdx, "smusdx %0, %2, %3")
OP(o_smlad, "smlad %0, %2, %3, %2") OP(o_smlsd, "smlsdx %0, %2, %3, %2")
OP(o_smlald, "mov %1, %3\n\tsmlald %0, %1, %2, %3\n\teor %0, %0, %1") OP(o_smlsld, "mov %1, %3\n\tsmlsldx %0, %1, %2, %3\n\teor %0, %0, %1")
OP(o_smmul, "smmul %0, %2, %3") OP(o_smmulr, "smmulr %0, %2, %3") OP(o_smmla, "smmla %0, %2, %3, %2") OP(o_smmlsr, "smmlsr %0, %2, %3, %3")
OP(o_ssat16, "ssat16 %0, #9, %2") OP(o_usat16, "usat16 %0, #9, %2") OP(o_sxtb16, "sxtb16 %0, %2, ror #8") OP(o_uxtab16, "uxtab16 %0, %2, %3, ror #16")
OP(o_sxtab, "sxtab %0, %2, %3, ror #24") OP(o_uxtah, "uxtah %0, %2, %3") OP(o_umaal, "mov %1, %3\n\tumaal %0, %1, %2, %3\n\teor %0, %0, %1")
typedef void (*F)(uint32_t, uint32_t);
static const F fns[] = { o_sadd16, o_sasx, o_ssax, o_ssub16, o_sadd8, o_ssub8, o_qadd16, o_qasx, o_qsax, o_qsub16, o_qadd8, o_qsub8,
 o_shadd16, o_shasx, o_shsax, o_shsub16, o_shadd8, o_shsub8, o_uadd16, o_uasx, o_usax, o_usub16, o_uadd8, o_usub8,
 o_uqadd16, o_uqasx, o_uqsax, o_uqsub16, o_uqadd8, o_uqsub8, o_uhadd16, o_uhasx, o_uhsax, o_uhsub16, o_uhadd8, o_uhsub8,
 o_qadd, o_qsub, o_qdadd, o_qdsub, o_sel, o_usad8, o_usada8, o_pkhbt, o_pkhtb, o_smulbb, o_smultb, o_smulbt, o_smultt,
 o_smlabb, o_smlatt, o_smulwb, o_smulwt, o_smlawb, o_smlalbb, o_smuad, o_smuadx, o_smusd, o_smusdx, o_smlad, o_smlsd,
 o_smlald, o_smlsld, o_smmul, o_smmulr, o_smmla, o_smmlsr, o_ssat16, o_usat16, o_sxtb16, o_uxtab16, o_sxtab, o_uxtah, o_umaal };
int main(void) {
  uart_init();
  for (unsigned k = 0; k < sizeof fns / sizeof fns[0]; k++) {
    sum = 0;
    for (unsigned i = 0; i < NV; i++) for (unsigned j = 0; j < NV; j++) fns[k](vals[i], vals[j]);
    uart_puthex(k); uart_puts(" "); uart_puthex(sum); uart_puts("\n");
  }
  return 0;
}
