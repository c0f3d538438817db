/* One-instruction wrappers for the instruction tests: each macro runs the
 * named instruction on the given operands and yields rd. */
#ifndef INSN_H
#define INSN_H

#include <stdint.h>

/* op rd, rs1, rs2 */
#define INSN_RR(op, a, b) ({ uint32_t r_; __asm__ volatile(#op " %0,%1,%2" \
    : "=r"(r_) : "r"((uint32_t)(a)), "r"((uint32_t)(b))); r_; })
/* op rd, rs1, imm */
#define INSN_RI(op, a, imm) ({ uint32_t r_; __asm__ volatile(#op " %0,%1,%2" \
    : "=r"(r_) : "r"((uint32_t)(a)), "i"(imm)); r_; })
/* load: op rd, off(base) */
#define INSN_LD(op, base, off) ({ uint32_t r_; __asm__ volatile(#op " %0, %2(%1)" \
    : "=r"(r_) : "r"(base), "i"(off) : "memory"); r_; })
/* store: op v, off(base) */
#define INSN_ST(op, v, base, off) __asm__ volatile(#op " %0, %2(%1)" \
    :: "r"((uint32_t)(v)), "r"(base), "i"(off) : "memory")

#endif
