/*
 * emu/core/debug.h - the ISA-independent half of the CPU models' gdb
 * support (emu/cpu/<arch>, docs/gdb.md).
 *
 * Every CPU model runs guest code from translation blocks of pre-decoded
 * operations whose first field is a handler address.  Breakpoints never
 * modify guest memory or force retranslation: the handler of the operation
 * at a breakpoint address is replaced ("patched") by the CPU's stop handler
 * in every block holding it, and the original is kept here.  A single step
 * patches the operation after the stepped one for the duration of one run.
 * A stop inside a block records (block, operation index) and the next run
 * resumes there with the operation's own handler, so a debugged run enters
 * the same blocks and writes the same trace as a plain one.  Watchpoints
 * turn the CPU's direct memory path off; its slow path calls
 * emu_dbg_check_watch.
 *
 * What stays in the CPU model: finding the operations of an address in its
 * blocks, the interpreter hooks (stop handlers, resume, step arming) and the
 * register file.
 */
#ifndef EMU_CORE_DEBUG_H
#define EMU_CORE_DEBUG_H

#include "machine.h"

#define EMU_DBG_MAX_BP 64
#define EMU_DBG_MAX_WP 16

/* One patched operation: its handler slot and the handler it had. */
typedef struct EmuDbgPatch {
    const void **slot;
    const void *orig;
    uint32_t addr;              /* guest address of the operation          */
} EmuDbgPatch;

typedef struct EmuDbg {
    /* interpreter state of the current run (0 none, 1 a step starts at the
     * next block, 2 stop when the current block is left); in the struct
     * rather than in a local so that dispatch edges carry no extra value */
    int dstate;
    const void *dbg_op;         /* the stepped operation (seeded bug)      */
    struct { uint32_t addr; uint8_t type; } bp[EMU_DBG_MAX_BP];
    unsigned nbp;
    struct { uint32_t addr, len; uint8_t type; } wp[EMU_DBG_MAX_WP];
    unsigned nwp;
    EmuDbgPatch *patches;       /* breakpoint patches in translated blocks */
    unsigned npatches, cap;
    bool step;                  /* next run executes one instruction       */
    bool stop_at_check;         /* a step/watch stop waits for the block end */
    /* the temporary stop patch of a single step (only during a run) */
    const void **step_slot;
    const void *step_orig;
    /* resume point of a stop inside a block */
    void *resume_tb;
    uint32_t resume_idx;        /* operation index in the block            */
    uint32_t resume_pc;
    uint64_t resume_gen;        /* translation cache generation            */
    /* a watchpoint hit by the current instruction */
    bool watch_hit;
    EmuDebugStop stop;
    /* test-only (EMUCOV_TEST_SEED_BUG=N): corrupt the result of the N-th
     * retired instruction when it is single-stepped (lockstep's own test) */
    uint64_t seed_bug_at;
} EmuDbg;

/* What a breakpoint/watchpoint change asks of the CPU model. */
typedef enum EmuDbgChange {
    EMU_DBG_CHANGE_NONE = 0,
    EMU_DBG_CHANGE_PATCH,       /* patch `addr` in every translated block   */
    EMU_DBG_CHANGE_UNPATCH,     /* call emu_dbg_unpatch_addr(addr)          */
    EMU_DBG_CHANGE_WATCH,       /* the watchpoint set changed (memory path) */
} EmuDbgChange;

/* Reads EMUCOV_TEST_SEED_BUG. */
void emu_dbg_init(EmuDbg *d);
void emu_dbg_free(EmuDbg *d);

/* The list half of Z/z: false when the list is full, the length invalid,
 * or (on remove) the entry absent; *change says what the CPU must do. */
bool emu_dbg_insert(EmuDbg *d, EmuBpType type, uint32_t addr, uint32_t len,
                    EmuDbgChange *change);
bool emu_dbg_remove(EmuDbg *d, EmuBpType type, uint32_t addr, uint32_t len,
                    EmuDbgChange *change);

/* Remove every breakpoint (restoring the patched handlers) and watchpoint;
 * the caller updates its memory path. */
void emu_dbg_remove_all(EmuDbg *d);

/* A data access of `size` bytes at `addr` hit a watchpoint: fills d->stop
 * (first hit of the instruction) and sets d->watch_hit. */
bool emu_dbg_check_watch(EmuDbg *d, uint32_t addr, unsigned size, bool write);

/* The breakpoint type to report for a stop at `pc` (Z0 wins over Z1). */
EmuBpType emu_dbg_bp_type_at(const EmuDbg *d, uint32_t pc);
bool emu_dbg_has_bp(const EmuDbg *d, uint32_t addr);

/* Breakpoint patches. */
bool emu_dbg_patch(EmuDbg *d, const void **slot, uint32_t addr, const void *stop_h);
void emu_dbg_unpatch_addr(EmuDbg *d, uint32_t addr);
/* The handler an operation had before any breakpoint patch. */
const void *emu_dbg_orig(const EmuDbg *d, const void *const *slot);
/* Where that handler is kept: the patch record, or the slot itself when
 * unpatched.  A CPU model that rewrites an operation's own handler while
 * it may be patched (RISC-V splitting a fused pair) writes it there. */
const void **emu_dbg_orig_ref(EmuDbg *d, const void **slot);
/* The CPU dropped its translations: patches and stop points die with them. */
void emu_dbg_blocks_flushed(EmuDbg *d);

/* Single-step patch: put `stop_h` on `slot` for one run; unpatch. */
void emu_dbg_patch_step(EmuDbg *d, const void **slot, const void *stop_h);
void emu_dbg_unpatch_step(EmuDbg *d);

/* Entering the interpreter with a debug request pending (step, stop_at_check
 * or resume_tb set): dstate becomes 2 for a stop at the first check (and
 * *limit 0, so the block exit comes back there) or 1 for a step; the requests
 * are consumed.  Returns the block to resume inside, or NULL. */
static inline void *emu_dbg_enter(EmuDbg *d, uint64_t *limit)
{
    void *rt = d->resume_tb;
    if (d->stop_at_check) {
        d->dstate = 2;
        *limit = 0;
    } else if (d->step) {
        d->dstate = 1;
    }
    d->step = false;
    d->resume_tb = NULL;
    return rt;
}

/* The block the stepped instruction (or a watchpoint hit) ended has come to
 * its exit check (dstate 2): the step patch goes, the stop is at `pc` (a
 * step unless a watchpoint set the kind), dstate returns to 0.  True for a
 * step stop (where the test-only seeded bug applies). */
bool emu_dbg_block_end_stop(EmuDbg *d, uint32_t pc);

/* Leaving the interpreter with a debug state: drop the step patch; a step
 * not started yet stays requested. */
void emu_dbg_leave(EmuDbg *d);

/* Little-endian register transfer for the gdb ops. */
void emu_dbg_put32(uint8_t *b, uint32_t v);
uint32_t emu_dbg_get32(const uint8_t *b);

#endif
