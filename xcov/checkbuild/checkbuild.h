/* xcov/checkbuild — can this ELF give reliable decision maps?
 *
 * Decision maps (docs/coverage-semantics.md) read a decision's conditions from the shape of
 * GCC's conditional branches.  A feasibility study on GCC 12 (riscv64-unknown-elf and
 * arm-none-eabi) found which builds keep one conditional branch per condition, in
 * short-circuit order:
 *   -O0                      reliable
 *   -Og                      reliable on ARM; on RISC-V only with -mbranch-cost=1
 *   -O1, -O2                 only with -fno-if-conversion -fno-if-conversion2 -fno-ssa-phiopt
 *                            -fno-tree-ch -fno-thread-jumps
 *                            --param logical-op-non-short-circuit=0
 *   -O3, -Os, -Ofast, -Oz    not studied: warned even with the flags above
 * The flags are read from each compile unit's DW_AT_producer (DWARF 5 §3.1.1), which GCC
 * fills with the command-line options by default (-grecord-gcc-switches); a producer without
 * options, a CU that is not from GCC, or an ELF without DWARF (no -g) is a warning: we warn,
 * we don't guess.
 */
#ifndef XCOV_CHECKBUILD_H
#define XCOV_CHECKBUILD_H

#include <stddef.h>
#include <stdio.h>

typedef enum CheckbuildVerdict {
    CHECKBUILD_OK = 0,               /* decision maps reliable */
    CHECKBUILD_WARN = 1,             /* not reliable or cannot tell: reasons printed */
    CHECKBUILD_SKIP = 2              /* assembler CU: no decisions */
} CheckbuildVerdict;

/* Verdict for one DW_AT_producer string.  MACHINE is the ELF e_machine (EM_RISCV, EM_ARM,
 * ...).  Writes a one-line explanation ("-O2 with the flag set", "missing: -fno-tree-ch
 * ...") into WHY. */
CheckbuildVerdict checkbuild_producer(const char *producer, int machine, char *why,
                                      size_t whylen);

/* Check every compile unit of ELF and print one line per CU plus a summary to OUT:
 *     CU <name>: <compiler> -O<level>: ok|WARNING|skip: <why>
 * Returns 0 when every CU is fine, 1 when there are warnings (including: no DWARF), -1 on
 * error (unreadable file, not an ELF, broken DWARF) with a message in ERR. */
int checkbuild_run(const char *elf, FILE *out, char *err, size_t errlen);

#endif
