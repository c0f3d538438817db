/* xcov/mcdc — decision maps, evaluation vectors and MC/DC from an unmodified binary.
 *
 * docs/coverage-semantics.md §4-§5.  Three steps, one header:
 *
 * 1. DECISION MAP (dmap_build): for every decision of one source file (xcov/sco), the
 *    conditional branches that evaluate it, which condition each tests and which branch
 *    direction means True.  Branches are ATTACHED by DWARF line + column only (GCC 12 puts
 *    them on the `(`, the keyword, the &&/||/! tokens, or — for expression decisions — the
 *    start of the enclosing expression, §4.1), then IDENTIFIED by matching the control-flow
 *    shape of the attached branches (which branch jumps to which, which reach the two
 *    outcome exits) against the short-circuit graph of the SCO tree.  Only a unique match
 *    is accepted.  Anything else is UNDETERMINED with a reason, never covered.
 *    The shape alone cannot tell the True exit from the False one (negating every
 *    condition and swapping the exits is the De Morgan dual, which has the same shape), so
 *    the True exit is taken from the layout GCC uses at -O0/-Og: the True successor (then,
 *    loop body, `?` operand, `li 1`) is the one that comes first in the source (DWARF row),
 *    and when both rows are on the same line and column, the lower address.  The corpus
 *    test checks every mapped decision's vectors against the host oracle, which would
 *    catch a wrong orientation.
 * 2. EVALUATION VECTORS (DmapVectors): replay of a history trace's executed blocks; an
 *    evaluation starts at the decision's entry branch and ends at an outcome exit.
 * 3. MC/DC (dmap_mcdc): outcomes seen, unique-cause and masking independence pairs
 *    (§1, the same definitions as tests/coverage/decisions/mcdc_oracle.py).
 */
#ifndef XCOV_DMAP_H
#define XCOV_DMAP_H

#include <stddef.h>
#include <stdint.h>

#include "emu/isa/isa.h"
#include "symbolize/symbolize.h"
#include "sco.h"

struct TraceItem;

#define DMAP_OUT_T (-1)              /* successor: the decision's True outcome */
#define DMAP_OUT_F (-2)              /* successor: the decision's False outcome */
#define DMAP_MAX_CONDS 64

typedef enum DmapStatus {
    DMAP_MAPPED = 0,
    DMAP_UNDETERMINED = 1,
} DmapStatus;

typedef struct DmapBranch {
    uint64_t addr;                   /* the conditional branch instruction */
    uint32_t len;
    uint32_t line, col, discriminator; /* its DWARF row */
    int instance;                    /* copy of the decision (inlined/duplicated code) */
    int cond;                        /* 0-based condition it tests (-1 when unmapped) */
    int taken_true;                  /* 1: taken means the condition is True */
    int succ[2];                     /* [0] not taken, [1] taken: branch index in the
                                        decision, or DMAP_OUT_T / DMAP_OUT_F; -3 other */
    int entry;                       /* first branch of its instance's evaluation */
} DmapBranch;

typedef struct DmapDecision {
    const ScoDecision *sco;          /* the decision (owned by the ScoFile) */
    DmapStatus status;
    char reason[200];                /* why undetermined; "" when mapped */
    int ninstances;
    int nbranches;
    const DmapBranch *branches;      /* all instances */
} DmapDecision;

typedef struct DmapFile DmapFile;

/* Build the maps of every decision of SCO (parsed from SOURCE) in the ELF ELF_PATH, already
 * opened as SYM.  The ISA is taken from the ELF (RISC-V: riscv32, ARM: armv7m).  SYM and
 * SCO must outlive the result.  NULL with a one-line message on failure (unreadable ELF,
 * unsupported machine, SOURCE not in the DWARF line table). */
DmapFile *dmap_build(const char *elf_path, const SymFile *sym, const ScoFile *sco,
                     const char *source, char *err, size_t errlen);
void dmap_free(DmapFile *m);
int dmap_count(const DmapFile *m);                       /* = sco_decision_count */
const DmapDecision *dmap_decision(const DmapFile *m, int i);

/* ---- evaluation vectors ---------------------------------------------------------------- */

typedef struct DmapVector {
    char values[DMAP_MAX_CONDS + 1]; /* per condition T, F or '-' (not evaluated) */
    char outcome;                    /* 'T' or 'F' */
    uint64_t count;
} DmapVector;

typedef struct DmapVectors DmapVectors;

DmapVectors *dmap_vectors_new(const DmapFile *m);
void dmap_vectors_free(DmapVectors *v);
/* Feed one replayed trace item (TRACE_ITEM_BLOCK items matter, the others are ignored),
 * in execution order.  Several DmapVectors (one per source file) may be fed the same items. */
void dmap_vectors_feed(DmapVectors *v, const struct TraceItem *it);
/* The same as feeding a complete conditional block that ends at END (the address after its
 * branch) and left by TAKEN (1 / 0); nothing when END is no mapped branch's. */
void dmap_vectors_branch(DmapVectors *v, uint64_t end, int taken);
/* The same, looked up once: dmap_vectors_find gives a handle for END (-1 when a block ending
 * there advances no decision of V), dmap_vectors_branch_at(v, handle, taken) feeds it.  The
 * engine watches those blocks in the trace's bulk replay. */
int dmap_vectors_find(const DmapVectors *v, uint64_t end);
void dmap_vectors_branch_at(DmapVectors *v, int handle, int taken);
/* Replay the history trace at PATH into V.  0, or -1 with a message. */
int dmap_vectors_trace(DmapVectors *v, const char *path, char *err, size_t errlen);
/* Distinct vectors of decision I, in the order first seen. */
int dmap_vector_count(const DmapVectors *v, int i);
const DmapVector *dmap_vector(const DmapVectors *v, int i, int k);
/* Branch executions that did not fit the map (expected another branch): should be 0. */
uint64_t dmap_vectors_anomalies(const DmapVectors *v, int i);

/* ---- MC/DC ----------------------------------------------------------------------------- */

typedef struct DmapMcdc {
    int outcome_true, outcome_false; /* outcomes seen */
    uint64_t uc;                     /* bit c: condition c (0-based) has a unique-cause pair */
    uint64_t mask;                   /* bit c: condition c has a masking pair */
} DmapMcdc;

/* Outcomes and independence pairs of decision D over the N distinct vectors VEC. */
void dmap_mcdc(const ScoDecision *d, const DmapVector *vec, int n, DmapMcdc *out);

#endif
