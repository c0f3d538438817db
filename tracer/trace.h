/*
 * tracer/trace.h - emucov execution traces: writer (used by the emulator),
 * streaming reader and replay (used by xcov and tools), `trace` subcommands.
 *
 * The on-disk format is specified in docs/trace-format.md (format 1.0).
 *
 * History mode works like Intel PT: the reader reconstructs the executed
 * path from block definitions that carry their static successors, so the
 * writer records only
 *   - one bit per conditional block exit (trace_cond),
 *   - the target of indirect exits (trace_indirect; a 64-entry cache makes a
 *     repeated target cost one byte),
 *   - asynchronous events (trace_event) and block definitions, both stamped
 *     with the number of blocks entered so far (trace_block_enter counts).
 * Fallthrough and direct jumps/calls record nothing.
 *
 * Flat mode keeps per-block execution counts and per-conditional-block
 * taken / not-taken counts, written as deltas every TRACE_FLAT_PERIOD blocks
 * and at close.
 *
 * Use from the emulator (history mode; flat mode makes the same calls):
 *   open:       w = trace_writer_open(path, &hdr, err, sizeof err);
 *   translate:  tb->trace_id = trace_define_block(w, pc, size, ninsns, flow,
 *                                                target, pc + size);
 *               (again, with a new id, after every retranslation)
 *   enter:      trace_block_enter(w, tb->trace_id);
 *   exit:       COND: trace_cond(w, id, taken);
 *               INDIRECT, INDIRECT_CALL, RETURN, XRET: trace_indirect(w, next);
 *               others: nothing.  Record the exit before translating or
 *               defining the successor.
 *   events:     exception/interrupt entry, reset: trace_event(...); a fault in
 *               the middle of a block: retired < ninsns and no exit call; a
 *               trap instruction ending the block (ecall, svc) that enters a
 *               handler: the event after the block, retired = ninsns.
 *   stop:       if the run stops inside a block (max-insns, emulator error),
 *               trace_event(w, TRACE_EV_HALT, pc, 0, 0, retired) first; then
 *               trace_writer_close(w, &end, err, sizeof err).
 * The first block defined is where the replay starts, unless a RESET event
 * is written before the first block.
 *
 * Threading: one emulator thread calls the writer; complete buffers are
 * compressed (zstd, one frame per buffer, content checksum) and written with
 * write(2) by a worker thread.  Every record on disk is complete or absent
 * from the reader's point of view (crash safety, kill -9).
 */
#ifndef EMUCOV_TRACE_H
#define EMUCOV_TRACE_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#include "emu/isa/isa.h"   /* IsaFlow: the block end kinds */

#define TRACE_FORMAT_MAJOR 1
#define TRACE_FORMAT_MINOR 0

typedef enum TraceMode {
    TRACE_MODE_HISTORY = 0,
    TRACE_MODE_FLAT = 1,
} TraceMode;

/* Why the run stopped (end record). */
typedef enum TraceStopReason {
    TRACE_STOP_EXIT = 0,       /* guest exited (semihosting, test device)  */
    TRACE_STOP_ERROR = 1,      /* emulator error (unimplemented ...)       */
    TRACE_STOP_MAX_INSNS = 2,  /* --max-insns reached                      */
    TRACE_STOP_TIMEOUT = 3,    /* --timeout reached                        */
    TRACE_STOP_SIGNAL = 4,     /* SIGINT / SIGTERM                         */
} TraceStopReason;

/* Asynchronous / architectural events (trace_event). */
typedef enum TraceEventKind {
    TRACE_EV_EXCEPTION = 1,   /* synchronous exception or trap entry      */
    TRACE_EV_INTERRUPT = 2,   /* asynchronous interrupt entry             */
    TRACE_EV_EXC_RETURN = 3,  /* return from a handler (informational)    */
    TRACE_EV_RESET = 4,       /* reset: execution restarts at target      */
    TRACE_EV_HALT = 5,        /* the CPU stopped (no target)              */
} TraceEventKind;

#define TRACE_SHA256_LEN 32

/* FIPS 180-4 SHA-256 (sha256.c): of memory, and of a file (0, or -1 with
 * errno set). */
void trace_sha256(const void *data, size_t len, uint8_t out[TRACE_SHA256_LEN]);
int trace_sha256_file(const char *path, uint8_t out[TRACE_SHA256_LEN]);

typedef struct TraceHeader {
    const char *isa;          /* "riscv32", "armv7m"                      */
    const char *board;        /* board name                               */
    uint8_t elf_sha256[TRACE_SHA256_LEN];
    const char *elf_path;
    const char *tool_version; /* e.g. "emucov 0.1.0"                      */
    int argc;                 /* the command line, argument by argument   */
    const char *const *argv;
    TraceMode mode;
    uint32_t frame_size;      /* raw bytes per frame; 0 = 1 MiB (tests use
                                 small frames); not stored in the file     */
    uint32_t flat_period;     /* flat: blocks between count snapshots;
                                 0 = TRACE_FLAT_PERIOD; not stored         */
} TraceHeader;

typedef struct TraceEnd {
    uint64_t insns;           /* instructions executed (emulator's count) */
    uint64_t blocks;          /* blocks entered (0: use the writer's count) */
    int32_t exit_status;      /* guest exit code                          */
    TraceStopReason stop_reason;
} TraceEnd;

/* ------------------------------------------------------------------ */
/* Writer                                                              */
/* ------------------------------------------------------------------ */

/* Default blocks between two flat-mode count snapshots (crash safety). */
#define TRACE_FLAT_PERIOD (1u << 24)

/* The writer.  The first fields are public only so the hot-path functions
 * below can be inline; treat them as private. */
typedef struct TraceWriter {
    uint8_t *pos;             /* write position in the current buffer     */
    uint8_t *lim;             /* buffer end minus TRACE_PKT_SLACK         */
    uint64_t bits;            /* pending conditional outcomes, LSB first  */
    unsigned nbits;           /* number of bits pending (< 64)            */
    int flat;                 /* mode == TRACE_MODE_FLAT                  */
    uint64_t blocks;          /* blocks entered so far (the stamp)        */
    uint64_t flat_next;       /* flat: blocks value of the next snapshot  */
    uint64_t *flat_exec;      /* flat: per id, executions since snapshot  */
    uint64_t *flat_cond;      /* flat: per id, [2*id] not taken, [2*id+1] taken */
    uint64_t icache[64];      /* indirect target cache (mirrored by reader) */
    struct TraceWriterPriv *priv;
} TraceWriter;

#define TRACE_PKT_SLACK 256u
#define TRACE_ICACHE_INDEX(t) ((unsigned)(((t) >> 1) ^ ((t) >> 7) ^ ((t) >> 13)) & 63u)

/* Create `path` (truncating it) and write the header record.  Returns NULL
 * with a message in err on failure. */
TraceWriter *trace_writer_open(const char *path, const TraceHeader *h,
                               char *err, size_t errlen);

/* Describe a translated block before its first execution.  Returns its id
 * (dense, from 0).  Defining a block again at the same pc (self-modifying
 * code, translation cache flush) gives a new id; the reader follows the
 * latest definition from this point of the execution on.  kind is an
 * IsaFlow value describing how the block ends; taken_target is the static
 * target of COND/JUMP/CALL exits, fallthrough the address after the block
 * (used by COND, SEQ, SYSTEM and TRAP without an exception event). */
uint32_t trace_define_block(TraceWriter *w, uint64_t pc, uint32_t size,
                            uint32_t ninsns, int kind, uint64_t taken_target,
                            uint64_t fallthrough);

/* Out-of-line slow paths of the inline functions. */
void trace__flush_bits64(TraceWriter *w);
void trace__indirect_slow(TraceWriter *w, uint64_t target);
void trace__flat_snapshot(TraceWriter *w);

/* Mode-specific variants of the hot-path calls, for a translator that
 * picks them when it generates a block (no mode test at run time). */
static inline __attribute__((always_inline)) void trace_block_enter_history(TraceWriter *w)
{
    w->blocks++;
}

static inline __attribute__((always_inline)) void trace_cond_history(TraceWriter *w, int taken)
{
    w->bits |= (uint64_t)(taken != 0) << w->nbits;
    if (++w->nbits == 64)
        trace__flush_bits64(w);
}

static inline __attribute__((always_inline)) void trace_block_enter_flat(TraceWriter *w, uint32_t id)
{
    w->blocks++;
    w->flat_exec[id]++;
    if (w->blocks >= w->flat_next)
        trace__flat_snapshot(w);
}

static inline __attribute__((always_inline)) void trace_cond_flat(TraceWriter *w, uint32_t id, int taken)
{
    w->flat_cond[2u * id + (taken != 0)]++;
}

/* Call when a block is entered (before executing its first instruction),
 * in both modes. */
static inline __attribute__((always_inline)) void trace_block_enter(TraceWriter *w, uint32_t id)
{
    w->blocks++;
    if (w->flat) {
        w->flat_exec[id]++;
        if (w->blocks >= w->flat_next)
            trace__flat_snapshot(w);
    }
}

/* Call when a block of kind ISA_FLOW_COND leaves by its conditional exit. */
static inline __attribute__((always_inline)) void trace_cond(TraceWriter *w, uint32_t id, int taken)
{
    if (w->flat) {
        w->flat_cond[2u * id + (taken != 0)]++;
        return;
    }
    w->bits |= (uint64_t)(taken != 0) << w->nbits;
    if (++w->nbits == 64)
        trace__flush_bits64(w);
}

/* Call when a block of kind INDIRECT, INDIRECT_CALL, RETURN or XRET leaves;
 * target_pc is where execution continues. */
static inline __attribute__((always_inline)) void trace_indirect(TraceWriter *w, uint64_t target_pc)
{
    unsigned i;
    if (w->flat)
        return;
    i = TRACE_ICACHE_INDEX(target_pc);
    if (w->icache[i] == target_pc && w->pos < w->lim) {
        *w->pos++ = (uint8_t)(0x40u | i);
        return;
    }
    trace__indirect_slow(w, target_pc);
}

/* Record an event.  pc: the pc of the interrupted / faulting instruction
 * (for a handler return: the pc of the returning instruction); target: where
 * execution continues (handler vector, return address, reset vector; 0 for
 * HALT); insns_retired_in_block: instructions of the most recently entered
 * block that completed before the event.  Less than that block's ninsns
 * means the block was cut short (it then records no exit); equal means the
 * event happened between two blocks, after the block's exit. */
void trace_event(TraceWriter *w, int kind, uint64_t pc, uint32_t cause,
                 uint64_t target, uint32_t insns_retired_in_block);

/* Hand everything recorded so far to the worker and wait until it is on
 * disk.  Not async-signal-safe: call it from the emulator thread, e.g.
 * when the main loop sees the flag a SIGINT/SIGTERM handler set (and then
 * call trace_writer_close with TRACE_STOP_SIGNAL).  Returns 0 or -1. */
int trace_writer_flush_for_signal(TraceWriter *w);

/* Flush, write the end record, close the file, free w (NULL is fine).
 * Returns 0, or -1 with a message (the first write error, if any). */
int trace_writer_close(TraceWriter *w, const TraceEnd *end, char *err,
                       size_t errlen);

/* ------------------------------------------------------------------ */
/* Reader                                                              */
/* ------------------------------------------------------------------ */

typedef struct TraceReader TraceReader;

/* The header as read (strings owned by the reader). */
typedef struct TraceInfo {
    unsigned format_major, format_minor;
    char *isa, *board, *elf_path, *tool_version;
    uint8_t elf_sha256[TRACE_SHA256_LEN];
    int argc;
    char **argv;
    TraceMode mode;
} TraceInfo;

typedef struct TraceBlockDef {
    uint32_t id;
    uint64_t pc;
    uint32_t size, ninsns;
    int kind;                 /* IsaFlow */
    uint64_t taken_target, fallthrough;
} TraceBlockDef;

typedef enum TraceItemKind {
    TRACE_ITEM_BLOCK_DEF = 1, /* a block was (re)defined                     */
    TRACE_ITEM_BLOCK,         /* history: a block executed (maybe partially) */
    TRACE_ITEM_EVENT,         /* an event (after the block it interrupted)   */
    TRACE_ITEM_COUNTS,        /* flat: count deltas of one block             */
    TRACE_ITEM_END,           /* the end record                              */
} TraceItemKind;

typedef struct TraceItem {
    TraceItemKind kind;
    TraceBlockDef def;        /* BLOCK_DEF, BLOCK, COUNTS: the block          */
    uint64_t index;           /* BLOCK: 0-based execution index; EVENT/COUNTS:
                                 the stamp (blocks entered before it)        */
    /* BLOCK */
    uint32_t insns;           /* instructions executed (< ninsns if partial) */
    bool partial;             /* cut short by the following EVENT            */
    int taken;                /* COND exit: 1 taken, 0 not; -1 otherwise      */
    bool next_known;          /* next_pc valid (false: partial, TRAP, HALT)   */
    uint64_t next_pc;
    /* EVENT */
    int ev_kind;              /* TraceEventKind */
    uint64_t ev_pc, ev_target;
    uint32_t ev_cause, ev_retired;
    /* COUNTS (deltas) */
    uint64_t exec, taken_count, not_taken_count;
    /* END */
    TraceEnd end;
    uint64_t end_stamp;       /* writer's block count */
    uint64_t end_frames;      /* data frames the writer wrote */
} TraceItem;

/* What was read so far / why reading stopped. */
typedef struct TraceRecovery {
    uint64_t frames_ok;       /* records (frames) read and verified          */
    uint64_t bytes_ok;        /* file bytes up to the end of the last good one */
    uint64_t raw_bytes;       /* decompressed bytes of those frames          */
    uint64_t blocks, insns;   /* replayed (history) or counted (flat)        */
    uint64_t defs, events, conds, indirects, icache_hits;
    bool end_seen;            /* the end record was read                     */
    bool damaged;             /* reading stopped at damage                   */
    uint64_t damage_offset;   /* file offset of the damaged record           */
    char reason[200];         /* why (empty when not damaged)                */
} TraceRecovery;

/* Open a trace file / a trace in memory (the memory must outlive the
 * reader).  NULL with a message on failure; *status (may be NULL) gets
 * TRACE_ERR_OPEN or TRACE_ERR_NOT_TRACE. */
enum { TRACE_OK = 0, TRACE_ERR_OPEN = 2, TRACE_ERR_NOT_TRACE = 3, TRACE_ERR_DAMAGED = 4 };
TraceReader *trace_reader_open(const char *path, int *status, char *err,
                               size_t errlen);
TraceReader *trace_reader_open_mem(const void *data, size_t size, int *status,
                                   char *err, size_t errlen);
void trace_reader_close(TraceReader *r);

const TraceInfo *trace_reader_info(const TraceReader *r);

/* Next item in execution order.  Returns 1 with *it filled, 0 at the end
 * of a complete trace, -1 when reading stopped early (damage or a trace
 * without end record); trace_reader_recovery() says what was recovered. */
int trace_reader_next(TraceReader *r, TraceItem *it);

const TraceRecovery *trace_reader_recovery(const TraceReader *r);

/* Bulk replay: the whole trace (from where reading stands) in one call,
 * without an item per executed block.  Complete block executions are
 * counted per block id (trace_reader_counts, exact once the call returns);
 * everything else is handed to the callbacks in execution order (any may be
 * NULL).  History traces replay between positioned packets through a
 * successor table and memoised paths (several blocks per step); flat traces
 * sum their COUNTS.  Returns what trace_reader_next would have returned at
 * the end (0 complete, -1 damaged or cut short, with the same recovery). */
typedef struct TraceRunOps {
    /* a block was defined; the callback may call trace_reader_watch(r, d->id) */
    void (*def)(void *ctx, TraceReader *r, const TraceBlockDef *d);
    /* a block cut short by the event that follows it (insns < ninsns) */
    void (*partial)(void *ctx, const TraceBlockDef *d, uint32_t insns);
    /* a complete execution of a watched conditional block: taken 1 / 0 */
    void (*watched)(void *ctx, uint32_t id, int taken);
    /* an EVENT item */
    void (*event)(void *ctx, const TraceItem *it);
} TraceRunOps;

int trace_reader_run(TraceReader *r, const TraceRunOps *ops, void *ctx, TraceItem *end);
/* Ask for ops->watched on every complete execution of block id (it makes
 * the bulk replay go block by block through it). */
void trace_reader_watch(TraceReader *r, uint32_t id);
/* Complete executions of block id and, for a conditional block, its exits:
 * false for an unknown id.  Filled by trace_reader_run. */
bool trace_reader_counts(const TraceReader *r, uint32_t id, uint64_t *exec, uint64_t *taken,
                         uint64_t *not_taken);

/* Definition of block `id` (NULL if unknown). */
const TraceBlockDef *trace_reader_block(const TraceReader *r, uint32_t id);
uint32_t trace_reader_nblocks(const TraceReader *r);

/* Flat mode: totals accumulated so far for block id. */
bool trace_reader_flat_totals(const TraceReader *r, uint32_t id, uint64_t *exec,
                              uint64_t *taken, uint64_t *not_taken);

/* Names for printing. */
const char *trace_flow_name(int kind);
const char *trace_event_name(int kind);
const char *trace_stop_name(int reason);

/* `emucov trace info|dump|stats|verify FILE` (argv[0] = "trace").
 * Exit status: 0 ok, 1 usage, 2 cannot open, 3 not a trace, 4 damaged. */
int trace_cli_main(int argc, char **argv);

#endif
