/*
 * tracer/trace_reader.c - streaming trace reader and replay.
 *
 * Memory is constant in the trace length: one decompressed record at a
 * time, plus the block definitions (proportional to the code translated).
 * The replay algorithm is the one of docs/trace-format.md §7.
 */
#include "tracer/trace.h"
#include "tracer/trace_format.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

/* A positioned packet (DEF, EVENT, COUNTS, SYNC), decoded. */
typedef enum PktType {
    P_NONE = 0, P_DEF, P_EVENT, P_COUNTS, P_SYNC
} PktType;

typedef struct Pkt {
    PktType type;
    uint64_t stamp;
    TraceBlockDef def;                  /* P_DEF */
    int ev_kind;                        /* P_EVENT */
    uint64_t ev_pc, ev_target;
    uint32_t ev_cause, ev_retired;
    uint32_t ncounts;                   /* P_COUNTS: entries in r->counts */
} Pkt;

typedef struct CountEntry {
    uint32_t id;
    uint64_t exec, not_taken, taken;
} CountEntry;

enum { PH_BEFORE, PH_IN_BLOCK, PH_DONE };

/* Bulk replay (trace_reader_run): per block id, its resolved successors and
 * its counts of complete executions. */
typedef struct FastBlk {
    uint32_t succ[2];                   /* [0] fallthrough, [1] taken_target: ids,
                                           valid when gen == the reader's gen */
    uint32_t gen;
    uint32_t ninsns;
    uint8_t kind;
    uint8_t watch;                      /* report complete executions (run ops) */
    uint32_t mslot;                     /* memo: its row of memo_tab + 1, 0 = none */
    uint64_t exec, taken, not_taken;
} FastBlk;

/* Memoised paths: from a start block with the next 8 outcome bits `byte`,
 * the blocks executed until the next one that needs the per-block loop.
 * Each start block has a row of 256 slots indexed by the byte; a slot names
 * the row of the block entered after its path, so a replay through
 * memoised paths is one load per path (row -> slot -> next row), with no
 * per-block table in between.  A slot is 16 bytes and holds what the hot
 * loop needs; the rest of the entry (the path itself) is in MemoEnt. */
typedef struct MemoSlot {
    uint32_t next;                      /* row of the next block << 8 */
    uint32_t hits;                      /* low 32 bits; carries in MemoEnt.hits_hi */
    uint32_t ent;                       /* its MemoEnt */
    uint8_t nblocks;                    /* blocks of the path, 0 = no entry */
    uint8_t nbits;                      /* outcomes consumed */
    uint8_t flags;                      /* MS_WATCH, MS_NONE */
    uint8_t pad;
} MemoSlot;

enum {
    MS_WATCH = 1,                       /* watched conditional blocks on the path */
    MS_NONE = 2                         /* no path starts here (nblocks 0) */
};

typedef struct MemoEnt {
    uint32_t slot;                      /* row << 8 | byte */
    uint32_t path;                      /* offset of its blocks in memo_path */
    uint32_t nwatch;                    /* watched conditional blocks on the path,
                                           listed again after its blocks */
    uint64_t insns;
    uint64_t hits_hi;                   /* hits beyond the slot's 32 bits */
} MemoEnt;

/* tests/trace builds a reader with tiny limits (trace-replay-tiny-memo-*),
 * so that flushes happen all the time there */
#ifndef MEMO_MAX_ENTS
#define MEMO_MAX_ENTS (1u << 16)        /* entries before the memo is flushed */
#endif
#ifndef MEMO_MAX_ROWS
#define MEMO_MAX_ROWS 4096u             /* start blocks before the memo is flushed (>= 2) */
#endif
#define MEMO_MAX_LEN 64u                /* blocks per path (fits MemoSlot.nblocks) */

#define QCAP 8

struct TraceReader {
    int fd;                             /* -1 for memory input */
    const uint8_t *mem;
    uint64_t size;
    uint64_t off;                       /* offset of the next record */
    uint32_t next_seq;
    ZSTD_DCtx *dctx;
    uint8_t *comp, *raw;
    size_t compcap, rawcap, rawlen, rpos;
    size_t bcur, icur;                  /* outcome / indirect cursors */
    size_t peek_end;
    bool in_frame;
    uint64_t frame_off;                 /* offset of the current record */

    TraceInfo info;
    TraceRecovery rec;
    bool stream_end;                    /* no more packets */
    bool end_valid;
    TraceItem end_item;

    /* per-frame decoding state */
    uint64_t stamp_base, last_indirect, icache[64];

    uint64_t bitbuf;
    unsigned nbitbuf;
    uint64_t bitpend;                   /* outcomes read ahead by the bulk replay, */
    unsigned nbitpend;                  /* used after bitbuf's (bit 0 first) */
    Pkt peek;
    bool have_peek;
    CountEntry *counts;
    uint32_t countcap, count_pos, counts_n;
    bool counts_active;
    uint64_t counts_stamp;

    TraceBlockDef *defs;
    uint32_t ndefs, defcap;
    uint32_t *map;                      /* pc hash -> id + 1 (0 = empty) */
    uint32_t mapcap;
    uint64_t *flat_tot;                 /* 3 per id: exec, taken, not taken */

    int phase;
    uint64_t count;                     /* blocks entered */
    uint64_t pc;
    bool pc_valid;
    uint32_t cur;                       /* block being executed */

    TraceItem q[QCAP];
    unsigned qhead, qn;
    int final_rc;

    /* bulk replay */
    FastBlk *fb;
    uint32_t nfb, fbcap;
    uint32_t gen;                       /* bumped when a DEF replaces a pc's block */
    bool lim_valid;                     /* lim_stamp: stamp of the next positioned */
    uint64_t lim_stamp;                 /* packet of the current record */
    bool lim_fail;                      /* a malformed packet comes before it */
    uint64_t idle;                      /* blocks entered since the trace last
                                           gave data (outcome, target, packet) */
    MemoEnt *memo;
    uint32_t nmemo, memo_gen;
    MemoSlot *memo_tab;                 /* per start block (FastBlk.mslot), 256
                                           slots by outcome byte */
    uint32_t *memo_owner;               /* row -> its start block */
    uint32_t nrows;
    uint32_t *memo_path;                /* id << 2 | (taken + 1) */
    uint32_t npath;
    uint32_t memo_idlim;                /* ids in memoised paths are below it */
};

/* Stop reading: damage (or a trace without end record) at `off`. */
static void damage(TraceReader *r, uint64_t off, const char *fmt, ...)
{
    va_list ap;
    if (r->rec.damaged)
        return;
    r->rec.damaged = true;
    r->rec.damage_offset = off;
    va_start(ap, fmt);
    vsnprintf(r->rec.reason, sizeof r->rec.reason, fmt, ap);
    va_end(ap);
    r->stream_end = true;
}

static size_t read_at(TraceReader *r, uint64_t off, void *buf, size_t n)
{
    if (r->fd < 0) {
        if (off >= r->size)
            return 0;
        if (n > r->size - off)
            n = (size_t)(r->size - off);
        memcpy(buf, r->mem + off, n);
        return n;
    }
    size_t got = 0;
    while (got < n) {
        ssize_t k = pread(r->fd, (uint8_t *)buf + got, n - got, (off_t)(off + got));
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            break;
        got += (size_t)k;
    }
    return got;
}

static bool grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    size_t ncap = *cap ? *cap : 64;
    while (ncap < need)
        ncap *= 2;
    void *q = realloc(*p, ncap * elem);
    if (!q)
        return false;
    *p = q;
    *cap = ncap;
    return true;
}

/* Read and decompress the next record into r->raw.  Returns its type, or 0
 * at EOF / damage (r->stream_end set, reason recorded). */
static int load_record(TraceReader *r)
{
    uint8_t h[TF_REC_HDR_LEN];
    uint64_t off = r->off;
    size_t got = read_at(r, off, h, sizeof h);

    if (got == 0) {
        damage(r, off, "trace ends without end record (run interrupted?)");
        return 0;
    }
    if (got < sizeof h) {
        damage(r, off, "truncated record header (%zu of %d bytes)", got, TF_REC_HDR_LEN);
        return 0;
    }
    if (tf_get_le32(h + 16) != tf_fnv1a(h, 16)) {
        damage(r, off, "bad record header check");
        return 0;
    }
    uint32_t seq = tf_get_le32(h + 4), clen = tf_get_le32(h + 8);
    uint32_t rlen = tf_get_le32(h + 12);
    int type = h[0];
    if ((type != TF_REC_DATA && type != TF_REC_END && type != TF_REC_HEADER) ||
        (type == TF_REC_HEADER) != (seq == 0)) {
        damage(r, off, "unexpected record type 0x%02x", type);
        return 0;
    }
    if (seq != r->next_seq) {
        damage(r, off, "record sequence %u, expected %u", seq, r->next_seq);
        return 0;
    }
    if (rlen > TF_MAX_RAW || clen > ZSTD_compressBound(rlen) || clen == 0) {
        damage(r, off, "implausible record sizes (compressed %u, raw %u)", clen, rlen);
        return 0;
    }
    if (clen > r->size - off - sizeof h) {
        damage(r, off, "truncated record (%llu of %u bytes)",
               (unsigned long long)(r->size - off - sizeof h), clen);
        return 0;
    }
    if (!grow((void **)&r->comp, &r->compcap, clen, 1)) {
        damage(r, off, "out of memory");
        return 0;
    }
    got = read_at(r, off + sizeof h, r->comp, clen);
    if (got < clen) {
        damage(r, off, "truncated record (%zu of %u bytes)", got, clen);
        return 0;
    }
    /* RFC 8878 §3.1.1: magic, then the frame header descriptor whose bit 2
     * is Content_Checksum_flag (required by this format). */
    if (clen < 5 || tf_get_le32(r->comp) != 0xFD2FB528u || !(r->comp[4] & 4) ||
        ZSTD_getFrameContentSize(r->comp, clen) != rlen ||
        ZSTD_findFrameCompressedSize(r->comp, clen) != clen) {
        damage(r, off, "bad zstd frame header");
        return 0;
    }
    if (!grow((void **)&r->raw, &r->rawcap, rlen ? rlen : 1, 1)) {
        damage(r, off, "out of memory");
        return 0;
    }
    size_t n = ZSTD_decompressDCtx(r->dctx, r->raw, rlen, r->comp, clen);
    if (ZSTD_isError(n) || n != rlen) {
        damage(r, off, "zstd frame damaged: %s",
               ZSTD_isError(n) ? ZSTD_getErrorName(n) : "wrong size");
        return 0;
    }
    r->frame_off = off;
    r->off = off + sizeof h + clen;
    r->next_seq++;
    r->rawlen = rlen;
    r->rpos = 0;
    if (type == TF_REC_DATA)
        r->rec.frames_ok++;
    r->rec.bytes_ok = r->off;
    r->rec.raw_bytes += rlen;
    return type;
}

/* ---- byte decoding within r->raw --------------------------------------- */

static bool get_varint(TraceReader *r, uint64_t *v)
{
    uint64_t x = 0;
    for (unsigned s = 0; s < 64; s += 7) {
        if (r->rpos >= r->rawlen)
            return false;
        uint8_t b = r->raw[r->rpos++];
        x |= (uint64_t)(b & 0x7f) << s;
        if (!(b & 0x80)) {
            *v = x;
            return true;
        }
    }
    return false;
}

static bool get_u8(TraceReader *r, uint8_t *v)
{
    if (r->rpos >= r->rawlen)
        return false;
    *v = r->raw[r->rpos++];
    return true;
}

static bool get_u32v(TraceReader *r, uint32_t *v)
{
    uint64_t x;
    if (!get_varint(r, &x) || x > UINT32_MAX)
        return false;
    *v = (uint32_t)x;
    return true;
}

static void parse_end(TraceReader *r)
{
    TraceItem *e = &r->end_item;
    memset(e, 0, sizeof *e);
    e->kind = TRACE_ITEM_END;
    while (r->rpos < r->rawlen) {
        uint64_t tag, len, v = 0;
        if (!get_varint(r, &tag) || !get_varint(r, &len) || len > r->rawlen - r->rpos) {
            damage(r, r->frame_off, "malformed end record");
            return;
        }
        size_t endpos = r->rpos + (size_t)len;
        if (tag <= TF_E_EVENTS && !get_varint(r, &v)) {
            damage(r, r->frame_off, "malformed end record field %u", (unsigned)tag);
            return;
        }
        switch (tag) {
        case TF_E_INSNS: e->end.insns = v; break;
        case TF_E_BLOCKS: e->end.blocks = v; break;
        case TF_E_EXIT: e->end.exit_status = (int32_t)tf_unzigzag(v); break;
        case TF_E_STOP: e->end.stop_reason = (TraceStopReason)v; break;
        case TF_E_STAMP: e->end_stamp = v; break;
        case TF_E_FRAMES: e->end_frames = v; break;
        default: break;
        }
        r->rpos = endpos;
    }
    r->end_valid = true;
    r->rec.end_seen = true;
    r->stream_end = true;
}

/* ---- packet layer ---------------------------------------------------------
 *
 * Within a record, outcome packets (SHORTBITS, BITS64) and indirect-target
 * packets (INDIRECT, ICACHE) form two independent in-order streams between
 * positioned packets (format §3.5, §3.6): the writer does not flush pending
 * outcomes before an indirect target.  The reader keeps one cursor for each
 * (bcur, icur); each skips the other's packets.  A positioned packet is
 * reached (is the "head") when both cursors stand on it.
 */

enum { H_NONE, H_PKT, H_END };

/* Move to the next data record when both cursors are at the end of this
 * one.  Returns false at the end of the stream. */
static bool next_frame(TraceReader *r)
{
    for (;;) {
        if (r->stream_end)
            return false;
        int type = load_record(r);
        if (type == TF_REC_END) {
            parse_end(r);
            return false;
        }
        if (type != TF_REC_DATA) {
            if (type)
                damage(r, r->frame_off, "unexpected record");
            return false;
        }
        r->in_frame = true;
        r->lim_valid = r->lim_fail = false;
        r->bcur = r->icur = 0;
        r->stamp_base = 0;
        r->last_indirect = 0;
        r->have_peek = false;
        memset(r->icache, 0, sizeof r->icache);
        if (r->rawlen > 0)
            return true;
    }
}

static void bad_packet(TraceReader *r, size_t pos)
{
    damage(r, r->frame_off, "malformed packet 0x%02x at byte %zu of data record %u",
           pos < r->rawlen ? r->raw[pos] : 0, pos, r->next_seq - 1);
}

static bool is_positioned(uint8_t t)
{
    return t == TF_PKT_DEF || t == TF_PKT_EVENT || t == TF_PKT_COUNTS || t == TF_PKT_SYNC;
}

/* Advance the outcome cursor over indirect packets.  False on damage. */
static bool norm_b(TraceReader *r)
{
    while (r->bcur < r->rawlen) {
        uint8_t t = r->raw[r->bcur];
        if (t >= TF_PKT_SHORTBITS || t == TF_PKT_BITS64 || is_positioned(t))
            return true;
        if (t >= TF_PKT_ICACHE) {
            r->bcur++;
        } else if (t == TF_PKT_INDIRECT) {
            uint64_t v;
            r->rpos = r->bcur + 1;
            if (!get_varint(r, &v)) {
                bad_packet(r, r->bcur);
                return false;
            }
            r->bcur = r->rpos;
        } else {
            bad_packet(r, r->bcur);
            return false;
        }
    }
    return true;
}

/* Advance the indirect cursor over outcome packets.  False on damage. */
static bool norm_i(TraceReader *r)
{
    while (r->icur < r->rawlen) {
        uint8_t t = r->raw[r->icur];
        if (t >= TF_PKT_SHORTBITS) {
            if (t < 0x82) {
                bad_packet(r, r->icur);
                return false;
            }
            r->icur++;
        } else if (t == TF_PKT_BITS64) {
            if (r->rawlen - r->icur < 9) {
                bad_packet(r, r->icur);
                return false;
            }
            r->icur += 9;
        } else if (t >= TF_PKT_ICACHE || t == TF_PKT_INDIRECT || is_positioned(t)) {
            return true;
        } else {
            bad_packet(r, r->icur);
            return false;
        }
    }
    return true;
}

/* Parse the positioned packet at `pos` into *p; *end gets the offset after
 * it.  False if it is malformed (the caller decides whether that is damage). */
static bool parse_pkt(TraceReader *r, size_t pos, Pkt *p, size_t *end)
{
    uint64_t v;
    uint8_t t;

    memset(p, 0, sizeof *p);
    r->rpos = pos;
    t = r->raw[r->rpos++];
    if (!get_varint(r, &v) || v > UINT64_MAX - r->stamp_base)
        return false;
    p->stamp = r->stamp_base + v;
    if (t == TF_PKT_SYNC) {
        p->type = P_SYNC;
    } else if (t == TF_PKT_DEF) {
        uint8_t kind;
        p->type = P_DEF;
        if (!get_u32v(r, &p->def.id) || !get_varint(r, &p->def.pc) ||
            !get_u32v(r, &p->def.size) || !get_u32v(r, &p->def.ninsns) ||
            !get_u8(r, &kind) || !get_varint(r, &p->def.taken_target) ||
            !get_varint(r, &p->def.fallthrough))
            return false;
        p->def.kind = kind;
    } else if (t == TF_PKT_EVENT) {
        uint8_t kind;
        p->type = P_EVENT;
        if (!get_u8(r, &kind) || !get_varint(r, &p->ev_pc) || !get_u32v(r, &p->ev_cause) ||
            !get_varint(r, &p->ev_target) || !get_u32v(r, &p->ev_retired))
            return false;
        p->ev_kind = kind;
        if (kind < TRACE_EV_EXCEPTION || kind > TRACE_EV_HALT)
            return false;
    } else {
        uint32_t n, id = 0;
        p->type = P_COUNTS;
        if (!get_u32v(r, &n) || n > r->rawlen - r->rpos)
            return false;
        size_t cap = r->countcap;
        if (!grow((void **)&r->counts, &cap, n ? n : 1, sizeof *r->counts))
            return false;
        r->countcap = (uint32_t)cap;
        for (uint32_t i = 0; i < n; i++) {
            uint32_t d;
            CountEntry *c = &r->counts[i];
            if (!get_u32v(r, &d) || d > UINT32_MAX - id || !get_varint(r, &c->exec) ||
                !get_varint(r, &c->not_taken) || !get_varint(r, &c->taken))
                return false;
            id += d;
            c->id = id;
        }
        p->ncounts = n;
        r->count_pos = 0;
    }
    *end = r->rpos;
    return true;
}

/* Parse the positioned packet at r->bcur into r->peek. */
static bool parse_positioned(TraceReader *r)
{
    if (!parse_pkt(r, r->bcur, &r->peek, &r->peek_end)) {
        bad_packet(r, r->bcur);
        return false;
    }
    r->have_peek = true;
    return true;
}

/* The positioned packet at the current point of the replay, if both
 * cursors (and the outcome buffer) have caught up with it.  H_NONE: records
 * before it are still unconsumed; H_END: the stream has ended. */
static int head(TraceReader *r, Pkt **out)
{
    for (;;) {
        if (r->have_peek) {
            *out = &r->peek;
            return H_PKT;
        }
        if (!r->in_frame) {
            if (!next_frame(r))
                return H_END;
            continue;
        }
        if (!norm_b(r) || !norm_i(r))
            return H_END;
        if (r->bcur != r->icur || r->nbitbuf || r->nbitpend)
            return H_NONE;
        if (r->bcur == r->rawlen) {
            r->in_frame = false;
            continue;
        }
        if (!is_positioned(r->raw[r->bcur]))
            return H_NONE;
        if (!parse_positioned(r))
            return H_END;
    }
}

static void consume_head(TraceReader *r)
{
    r->lim_valid = r->lim_fail = false;
    r->idle = 0;
    r->bcur = r->icur = r->peek_end;
    r->stamp_base = r->peek.stamp;
    r->have_peek = false;
}

/* Decode the outcome packet at p (avail bytes from p): its outcomes in *v,
 * bit 0 first, and their number; 0 if p holds no well-formed outcome
 * packet (format §3.5: BITS64 carries 64, SHORTBITS 1..6 below a marker
 * bit). */
static inline unsigned bits_pkt(const uint8_t *p, size_t avail, uint64_t *v)
{
    if (p[0] == TF_PKT_BITS64) {
        if (avail < 9)
            return 0;
        uint64_t b;
        memcpy(&b, p + 1, 8);   /* little-endian u64: one load (a byte loop
                                   was 15% of the bulk replay) */
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        b = __builtin_bswap64(b);
#endif
        *v = b;
        return 64;
    }
    if (p[0] < TF_PKT_SHORTBITS)
        return 0;
    unsigned x = p[0] & 0x7f, n = 0;
    while ((x >> (n + 1)) != 0)
        n++;
    *v = x & ((1u << n) - 1);
    return n;
}

/* Refill the outcome buffer.  False if no outcome packet comes before the
 * next positioned packet (damage unless the stream ended). */
static bool take_bits(TraceReader *r)
{
    if (r->nbitpend) {          /* read ahead by fast_run: they come first */
        r->bitbuf = r->bitpend;
        r->nbitbuf = r->nbitpend;
        r->bitpend = 0;
        r->nbitpend = 0;
        r->idle = 0;
        return true;
    }
    for (;;) {
        if (!r->in_frame) {
            if (!next_frame(r))
                return false;
            continue;
        }
        if (!norm_b(r))
            return false;
        if (r->bcur == r->rawlen) {
            norm_i(r);
            if (r->icur != r->rawlen)
                return false;
            r->in_frame = false;
            continue;
        }
        uint8_t t = r->raw[r->bcur];
        if (t == TF_PKT_BITS64 || t >= TF_PKT_SHORTBITS) {
            unsigned n = bits_pkt(r->raw + r->bcur, r->rawlen - r->bcur, &r->bitbuf);
            if (n == 0)
                return bad_packet(r, r->bcur), false;
            r->nbitbuf = n;
            r->bcur += n == 64 ? 9 : 1;
            r->idle = 0;
            return true;
        }
        return false;        /* a positioned packet */
    }
}

static bool take_indirect(TraceReader *r, uint64_t *target, bool *hit)
{
    for (;;) {
        if (!r->in_frame) {
            if (!next_frame(r))
                return false;
            continue;
        }
        if (!norm_i(r))
            return false;
        if (r->icur == r->rawlen) {
            norm_b(r);
            if (r->bcur != r->rawlen || r->nbitbuf || r->nbitpend)
                return false;
            r->in_frame = false;
            continue;
        }
        uint8_t t = r->raw[r->icur];
        if (t == TF_PKT_INDIRECT) {
            uint64_t v;
            r->rpos = r->icur + 1;
            if (!get_varint(r, &v))
                return bad_packet(r, r->icur), false;
            r->icur = r->rpos;
            *target = r->last_indirect + (uint64_t)tf_unzigzag(v);
            r->last_indirect = *target;
            r->icache[TRACE_ICACHE_INDEX(*target)] = *target;
            *hit = false;
            r->idle = 0;
            return true;
        }
        if (t >= TF_PKT_ICACHE && t < TF_PKT_SHORTBITS) {
            *target = r->icache[t & 63];
            *hit = true;
            r->icur++;
            r->idle = 0;
            return true;
        }
        return false;        /* a positioned packet */
    }
}

/* ---- block table --------------------------------------------------------- */

static uint32_t hash_pc(uint64_t pc, uint32_t mask)
{
    pc *= 0x9E3779B97F4A7C15ull;
    return (uint32_t)(pc >> 32) & mask;
}

static bool map_put(TraceReader *r, uint64_t pc, uint32_t id)
{
    if ((r->ndefs + 1) * 2 > r->mapcap) {
        uint32_t ncap = r->mapcap ? r->mapcap * 2 : 1024;
        uint32_t *nm = calloc(ncap, sizeof *nm);
        if (!nm)
            return false;
        for (uint32_t i = 0; i < r->mapcap; i++) {
            if (!r->map[i])
                continue;
            uint32_t h = hash_pc(r->defs[r->map[i] - 1].pc, ncap - 1);
            while (nm[h])
                h = (h + 1) & (ncap - 1);
            nm[h] = r->map[i];
        }
        free(r->map);
        r->map = nm;
        r->mapcap = ncap;
    }
    uint32_t h = hash_pc(pc, r->mapcap - 1);
    while (r->map[h] && r->defs[r->map[h] - 1].pc != pc)
        h = (h + 1) & (r->mapcap - 1);
    r->map[h] = id + 1;
    return true;
}

static int map_get(const TraceReader *r, uint64_t pc)
{
    if (!r->mapcap)
        return -1;
    uint32_t h = hash_pc(pc, r->mapcap - 1);
    while (r->map[h]) {
        if (r->defs[r->map[h] - 1].pc == pc)
            return (int)(r->map[h] - 1);
        h = (h + 1) & (r->mapcap - 1);
    }
    return -1;
}

static bool apply_def(TraceReader *r, const TraceBlockDef *d)
{
    if (d->id != r->ndefs) {
        damage(r, r->frame_off, "block id %u defined out of order (expected %u)", d->id, r->ndefs);
        return false;
    }
    if (d->kind < ISA_FLOW_SEQ || d->kind > ISA_FLOW_SYSTEM || d->ninsns == 0) {
        damage(r, r->frame_off, "invalid definition of block %u", d->id);
        return false;
    }
    size_t cap = r->defcap;
    if (!grow((void **)&r->defs, &cap, (size_t)r->ndefs + 1, sizeof *r->defs)) {
        damage(r, r->frame_off, "out of memory");
        return false;
    }
    if (r->info.mode == TRACE_MODE_FLAT && cap != r->defcap) {
        uint64_t *t = realloc(r->flat_tot, cap * 3 * sizeof *t);
        if (!t) {
            damage(r, r->frame_off, "out of memory");
            return false;
        }
        memset(t + 3 * (size_t)r->defcap, 0, (cap - r->defcap) * 3 * sizeof *t);
        r->flat_tot = t;
    }
    r->defcap = (uint32_t)cap;
    r->defs[r->ndefs] = *d;
    if (map_get(r, d->pc) >= 0)
        r->gen++;               /* successors resolved to the old block are stale */
    if (!map_put(r, d->pc, d->id)) {
        damage(r, r->frame_off, "out of memory");
        return false;
    }
    r->ndefs++;
    r->rec.defs++;
    return true;
}

/* ---- replay -------------------------------------------------------------- */

static TraceItem *push(TraceReader *r, TraceItemKind kind)
{
    TraceItem *it = &r->q[(r->qhead + r->qn++) % QCAP];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    it->taken = -1;
    return it;
}

static void emit_event(TraceReader *r, const Pkt *p)
{
    TraceItem *it = push(r, TRACE_ITEM_EVENT);
    it->index = p->stamp;
    it->ev_kind = p->ev_kind;
    it->ev_pc = p->ev_pc;
    it->ev_target = p->ev_target;
    it->ev_cause = p->ev_cause;
    it->ev_retired = p->ev_retired;
    r->rec.events++;
    if (p->ev_kind == TRACE_EV_HALT) {
        r->pc_valid = false;
    } else {
        r->pc = p->ev_target;
        r->pc_valid = true;
    }
}

/* Handle a positioned packet whose stamp is the current block count. */
static bool handle_positioned(TraceReader *r, const Pkt *p)
{
    if (p->type == P_DEF) {
        if (!apply_def(r, &p->def))
            return false;
        TraceItem *it = push(r, TRACE_ITEM_BLOCK_DEF);
        it->def = p->def;
        it->index = p->stamp;
        return true;
    }
    if (p->type == P_SYNC)
        return true;
    if (p->type == P_EVENT) {
        emit_event(r, p);
        return true;
    }
    damage(r, r->frame_off, "flat-mode counts in a history trace");
    return false;
}

static void finish(TraceReader *r)
{
    r->phase = PH_DONE;
    if (r->end_valid && !r->rec.damaged) {
        uint64_t n = r->info.mode == TRACE_MODE_HISTORY ? r->count : r->rec.blocks;
        if (n != r->end_item.end_stamp) {
            damage(r, r->frame_off, "replay ended after %llu blocks, end record says %llu",
                   (unsigned long long)n, (unsigned long long)r->end_item.end_stamp);
            r->stream_end = true;
            r->final_rc = -1;
            return;
        }
        *push(r, TRACE_ITEM_END) = r->end_item;
        r->final_rc = 0;
    } else {
        r->final_rc = -1;
    }
}

static void emit_block(TraceReader *r, const TraceBlockDef *d, uint32_t insns,
                       bool partial, int taken, bool next_known, uint64_t next)
{
    TraceItem *it = push(r, TRACE_ITEM_BLOCK);
    it->def = *d;
    it->index = r->count - 1;
    it->insns = insns;
    it->partial = partial;
    it->taken = taken;
    it->next_known = next_known;
    it->next_pc = next;
    r->rec.blocks++;
    r->rec.insns += insns;
}

static bool scan_lim(TraceReader *r);

static void step_history(TraceReader *r)
{
    Pkt *pk, p;
    int h;

    if (r->phase == PH_BEFORE) {
        h = head(r, &pk);
        if (h == H_END) {
            finish(r);
            return;
        }
        if (h == H_PKT && pk->stamp < r->count) {
            damage(r, r->frame_off, "packet stamp %llu is behind the replay (%llu)",
                   (unsigned long long)pk->stamp, (unsigned long long)r->count);
            finish(r);
            return;
        }
        if (h == H_PKT && pk->stamp == r->count) {
            p = *pk;
            consume_head(r);
            if (!handle_positioned(r, &p))
                finish(r);
            return;
        }
        if (!r->pc_valid && r->count == 0 && r->rec.events == 0 && r->ndefs > 0) {
            /* format §7: a run starts at the first block defined unless an
             * event (RESET) said where */
            r->pc = r->defs[0].pc;
            r->pc_valid = true;
        }
        if (!r->pc_valid) {
            damage(r, r->frame_off, "execution continues after block %llu with no known pc",
                   (unsigned long long)r->count);
            finish(r);
            return;
        }
        /* The next positioned packet may not be visible yet (outcomes
         * pending), but its stamp is known: a replay already past it can
         * only be damage (format §7), and without such a packet a replay
         * that enters more blocks than are defined while reading nothing is
         * in a cycle that would never end. */
        if (r->in_frame && scan_lim(r) && r->lim_stamp < r->count) {
            damage(r, r->frame_off, "packet stamp %llu is behind the replay (%llu)",
                   (unsigned long long)r->lim_stamp, (unsigned long long)r->count);
            finish(r);
            return;
        }
        if (r->in_frame && r->lim_fail && r->idle > r->ndefs) {
            damage(r, r->frame_off, "the replay loops without reading the trace (block %llu)",
                   (unsigned long long)r->count);
            finish(r);
            return;
        }
        int id = map_get(r, r->pc);
        if (id < 0) {
            damage(r, r->frame_off, "no block defined at pc 0x%llx (block %llu)",
                   (unsigned long long)r->pc, (unsigned long long)r->count);
            finish(r);
            return;
        }
        r->cur = (uint32_t)id;
        r->count++;
        r->idle++;
        r->phase = PH_IN_BLOCK;
        return;
    }

    /* PH_IN_BLOCK: was the block cut short by an event? */
    const TraceBlockDef *d = &r->defs[r->cur];
    h = head(r, &pk);
    if (h == H_END && !(r->end_valid && !r->rec.damaged)) {
        /* the data stops inside this block: whether it completed is
         * unknown, so it is not reported */
        finish(r);
        return;
    }
    if (h == H_PKT && pk->stamp == r->count) {
        if (pk->type == P_EVENT && pk->ev_retired < d->ninsns) {
            p = *pk;
            consume_head(r);
            emit_block(r, d, p.ev_retired, true, -1, false, 0);
            emit_event(r, &p);
            r->phase = PH_BEFORE;
            return;
        }
        if (pk->type == P_SYNC) {
            consume_head(r);
            return;
        }
        /* A DEF (or a boundary EVENT) here means the block completed: an
         * event cutting a block short is the first positioned packet after
         * its entry other than SYNC (format §7). */
    }

    uint64_t next = 0;
    bool known = true, hit = false;
    int taken = -1;
    switch (d->kind) {
    case ISA_FLOW_COND:
        if (r->nbitbuf == 0 && !take_bits(r)) {
            damage(r, r->frame_off, "expected a conditional outcome for block %llu (id %u)",
                   (unsigned long long)(r->count - 1), d->id);
            finish(r);
            return;
        }
        taken = (int)(r->bitbuf & 1);
        r->bitbuf >>= 1;
        r->nbitbuf--;
        r->rec.conds++;
        next = taken ? d->taken_target : d->fallthrough;
        break;
    case ISA_FLOW_JUMP:
    case ISA_FLOW_CALL:
        next = d->taken_target;
        break;
    case ISA_FLOW_INDIRECT:
    case ISA_FLOW_INDIRECT_CALL:
    case ISA_FLOW_RETURN:
    case ISA_FLOW_XRET:
        if (!take_indirect(r, &next, &hit)) {
            damage(r, r->frame_off, "expected an indirect target for block %llu (id %u)",
                   (unsigned long long)(r->count - 1), d->id);
            finish(r);
            return;
        }
        r->rec.indirects++;
        r->rec.icache_hits += hit;
        break;
    case ISA_FLOW_TRAP:
        known = false;          /* an EVENT normally follows */
        next = d->fallthrough;
        break;
    default:                    /* SEQ, SYSTEM */
        next = d->fallthrough;
        break;
    }
    emit_block(r, d, d->ninsns, false, taken, known, next);
    r->pc = next;
    r->pc_valid = true;
    r->phase = PH_BEFORE;
}

static void step_flat(TraceReader *r)
{
    Pkt *pk, p;
    if (r->counts_active && r->count_pos < r->counts_n) {
        CountEntry *c = &r->counts[r->count_pos++];
        if (c->id >= r->ndefs) {
            damage(r, r->frame_off, "counts for undefined block %u", c->id);
            finish(r);
            return;
        }
        TraceItem *it = push(r, TRACE_ITEM_COUNTS);
        it->def = r->defs[c->id];
        it->index = r->counts_stamp;
        it->exec = c->exec;
        it->taken_count = c->taken;
        it->not_taken_count = c->not_taken;
        uint64_t *t = &r->flat_tot[3 * (size_t)c->id];
        t[0] += c->exec;
        t[1] += c->taken;
        t[2] += c->not_taken;
        r->rec.blocks += c->exec;
        r->rec.insns += c->exec * r->defs[c->id].ninsns;
        r->rec.conds += c->taken + c->not_taken;
        return;
    }
    r->counts_active = false;
    int h = head(r, &pk);
    if (h == H_END) {
        finish(r);
        return;
    }
    if (h == H_NONE) {
        damage(r, r->frame_off, "history packet in a flat trace");
        finish(r);
        return;
    }
    p = *pk;
    consume_head(r);
    switch (p.type) {
    case P_DEF:
        if (!handle_positioned(r, &p))
            finish(r);
        break;
    case P_EVENT:
        emit_event(r, &p);
        break;
    case P_COUNTS:
        r->counts_active = true;   /* entries are handed out one by one */
        r->counts_n = p.ncounts;
        r->counts_stamp = p.stamp;
        r->count_pos = 0;
        break;
    default:
        break;
    }
}

int trace_reader_next(TraceReader *r, TraceItem *it)
{
    while (r->qn == 0) {
        if (r->phase == PH_DONE)
            return r->final_rc;
        if (r->info.mode == TRACE_MODE_FLAT)
            step_flat(r);
        else
            step_history(r);
    }
    *it = r->q[r->qhead];
    r->qhead = (r->qhead + 1) % QCAP;
    r->qn--;
    return 1;
}

/* ---- bulk replay -----------------------------------------------------------
 *
 * trace_reader_run() gives the same results as trace_reader_next() item by
 * item (tests/trace/fastcheck.c compares them on every firmware trace and
 * on damaged copies), without building a TraceItem per block:
 *
 * - Everything that is not a plain complete block (positioned packets,
 *   blocks that may be cut short, record boundaries, damage) goes through the
 *   item-by-item replay (step_history), whose items are dispatched.
 * - Between two positioned packets, blocks are replayed by fast_run(): the
 *   stamp S of the next positioned packet of the record is known (scan_lim),
 *   so every block entered at count c with c + 1 < S is neither preceded by a
 *   positioned packet nor cut short (format §7, steps A and B), and runs
 *   through a table of resolved successor ids.
 * - Straight paths are memoised: (block, next 8 outcome bits) -> the
 *   blocks executed until an indirect exit, a 9th outcome or MEMO_MAX_LEN
 *   blocks.  A hit adds 1 to the entry; counts per block are the sum over
 *   entries of hits x path (memo_flush), so they stay exact.  A hit on a
 *   path through watched blocks makes their callbacks in order.  The memo
 *   is a row of 256 slots per start block, and a slot names the row of the
 *   block after its path: following memoised paths is one dependent load
 *   per path, which is what bounds the replay's speed.
 * - Outcome packets of the record up to its next positioned packet are read
 *   ahead (format §3.5: outcomes never straddle a positioned packet), so
 *   that at least 8 outcomes are at hand and a path does not stop where a
 *   packet ends; what was read and not used waits in bitpend, which the
 *   item-by-item replay takes before reading the next packet.
 */

static bool fb_grow(TraceReader *r, uint32_t n)
{
    if (n <= r->nfb)
        return true;
    size_t cap = r->fbcap;
    if (!grow((void **)&r->fb, &cap, n, sizeof *r->fb))
        return false;
    r->fbcap = (uint32_t)cap;
    memset(r->fb + r->nfb, 0, (n - r->nfb) * sizeof *r->fb);
    for (uint32_t i = r->nfb; i < n; i++) {
        r->fb[i].kind = (uint8_t)r->defs[i].kind;
        r->fb[i].ninsns = r->defs[i].ninsns;
    }
    r->nfb = n;
    return true;
}

/* Add the memoised paths' hits to the block counts and to the recovery
 * record's instructions and outcomes (a hit adds only its blocks there),
 * and empty the memo. */
static void memo_flush(TraceReader *r)
{
    for (uint32_t k = 0; k < r->nmemo; k++) {
        const MemoEnt *m = &r->memo[k];
        const MemoSlot *s = &r->memo_tab[m->slot];
        uint64_t hits = m->hits_hi + s->hits;
        if (!hits)
            continue;
        for (uint32_t j = 0; j < s->nblocks; j++) {
            uint32_t x = r->memo_path[m->path + j];
            FastBlk *b = &r->fb[x >> 2];
            b->exec += hits;
            if ((x & 3) == 2)
                b->taken += hits;
            else if ((x & 3) == 1)
                b->not_taken += hits;
        }
        r->rec.insns += hits * m->insns;
        r->rec.conds += hits * s->nbits;
    }
    r->nmemo = 0;
    r->npath = 0;
    r->memo_idlim = 0;
    for (uint32_t i = 0; i < r->nrows; i++)
        r->fb[r->memo_owner[i]].mslot = 0;
    r->nrows = 0;
    r->memo_gen = r->gen;
}

/* Successor id of block `id` leaving by `which` (0 fallthrough, 1 taken
 * target), or -1 when no block is defined there. */
static inline int64_t fb_succ(TraceReader *r, uint32_t id, int which)
{
    FastBlk *b = &r->fb[id];
    if (b->gen != r->gen) {
        const TraceBlockDef *d = &r->defs[id];
        int f = map_get(r, d->fallthrough), t = -1;
        if (d->kind == ISA_FLOW_COND || d->kind == ISA_FLOW_JUMP || d->kind == ISA_FLOW_CALL)
            t = map_get(r, d->taken_target);
        /* an undefined successor is not cached: a later DEF may define it */
        b->succ[0] = f < 0 ? UINT32_MAX : (uint32_t)f;
        b->succ[1] = t < 0 ? UINT32_MAX : (uint32_t)t;
        b->gen = r->gen;
    }
    uint32_t s = b->succ[which];
    if (s == UINT32_MAX || s >= r->nfb) {
        b->gen = 0;
        return -1;
    }
    return s;
}

/* The stamp of the next positioned packet of the current record, if every
 * packet up to it is well-formed.  False otherwise (the item-by-item replay
 * then handles the rest of the record and reports any damage). */
static bool scan_lim(TraceReader *r)
{
    if (r->lim_valid)
        return true;
    if (r->lim_fail)
        return false;
    r->lim_fail = true;         /* until the packet is found */
    size_t pos = r->bcur > r->icur ? r->bcur : r->icur;
    while (pos < r->rawlen) {
        uint8_t t = r->raw[pos];
        if (t >= 0x82 || (t >= TF_PKT_ICACHE && t < TF_PKT_SHORTBITS)) {
            pos++;
        } else if (t == TF_PKT_BITS64) {
            if (r->rawlen - pos < 9)
                return false;
            pos += 9;
        } else if (t == TF_PKT_INDIRECT) {
            uint64_t v;
            r->rpos = pos + 1;
            if (!get_varint(r, &v))
                return false;
            pos = r->rpos;
        } else if (is_positioned(t)) {
            Pkt p;
            size_t end;
            if (!parse_pkt(r, pos, &p, &end))
                return false;
            r->lim_stamp = p.stamp;
            r->lim_valid = true;
            r->lim_fail = false;
            return true;
        } else {
            return false;
        }
    }
    return false;
}

static bool memo_alloc(TraceReader *r)
{
    /* fixed sizes (pages never touched cost no memory): the memo is
     * bounded whatever the trace's length */
    r->memo_tab = malloc((size_t)MEMO_MAX_ROWS * 256 * sizeof *r->memo_tab);
    r->memo_owner = malloc(MEMO_MAX_ROWS * sizeof *r->memo_owner);
    r->memo = malloc(MEMO_MAX_ENTS * sizeof *r->memo);
    r->memo_path = malloc((size_t)MEMO_MAX_ENTS * 2 * MEMO_MAX_LEN * sizeof *r->memo_path);
    if (r->memo_tab && r->memo_owner && r->memo && r->memo_path)
        return true;
    free(r->memo_tab);
    free(r->memo_owner);
    free(r->memo);
    free(r->memo_path);
    r->memo_tab = NULL;
    r->memo_owner = r->memo_path = NULL;
    r->memo = NULL;
    return false;
}

/* The row of start block `id` (<< 8), made if absent: the caller has
 * checked that there is room. */
static uint32_t memo_row(TraceReader *r, uint32_t id)
{
    FastBlk *fb = &r->fb[id];
    if (!fb->mslot) {
        memset(r->memo_tab + ((size_t)r->nrows << 8), 0, 256 * sizeof *r->memo_tab);
        r->memo_owner[r->nrows] = id;
        fb->mslot = ++r->nrows;
    }
    return (fb->mslot - 1) << 8;
}

/* Make the memo slot of (id, byte) (flushing the memo when it is full):
 * the path from block id with the outcomes `byte` and a row for the block
 * after it, or no path (nblocks 0, MS_NONE).  NULL when out of memory. */
static MemoSlot *memo_make(TraceReader *r, uint32_t id, unsigned byte)
{
    if (!r->memo_tab) {
        if (!memo_alloc(r))
            return NULL;
        r->memo_gen = r->gen;
    }
    /* room for the entry, its start row and its next block's row */
    if (r->nmemo == MEMO_MAX_ENTS || r->nrows + 2 > MEMO_MAX_ROWS)
        memo_flush(r);
    uint32_t slot = memo_row(r, id) | byte;
    /* walk the path */
    uint32_t *path = r->memo_path + r->npath;
    uint32_t cur = id, n = 0, used = 0, nwatch = 0;
    uint64_t insns = 0;
    while (n < MEMO_MAX_LEN) {
        const FastBlk *b = &r->fb[cur];
        int64_t nx;
        int t = -1;
        if (cur >= (1u << 30))
            break;
        switch (b->kind) {
        case ISA_FLOW_COND:
            if (used == 8)
                goto done;
            t = (int)((byte >> used) & 1);
            nx = fb_succ(r, cur, t);
            break;
        case ISA_FLOW_JUMP:
        case ISA_FLOW_CALL:
            nx = fb_succ(r, cur, 1);
            break;
        case ISA_FLOW_INDIRECT:
        case ISA_FLOW_INDIRECT_CALL:
        case ISA_FLOW_RETURN:
        case ISA_FLOW_XRET:
            goto done;
        default:                /* SEQ, SYSTEM, TRAP: fallthrough */
            nx = fb_succ(r, cur, 0);
            break;
        }
        if (nx < 0)
            break;
        used += t >= 0;
        nwatch += b->watch && t >= 0;
        path[n++] = cur << 2 | (uint32_t)(t + 1);
        if (cur >= r->memo_idlim)
            r->memo_idlim = cur + 1;
        insns += b->ninsns;
        cur = (uint32_t)nx;
    }
done:
    if (n == 0) {
        r->memo_tab[slot].flags = MS_NONE;
        return &r->memo_tab[slot];
    }
    for (uint32_t j = 0, w = n; j < n && nwatch; j++)
        if (r->fb[path[j] >> 2].watch && (path[j] & 3))
            path[w++] = path[j];
    MemoEnt *m = &r->memo[r->nmemo];
    m->slot = slot;
    m->path = r->npath;
    m->nwatch = nwatch;
    m->insns = insns;
    m->hits_hi = 0;
    r->npath += n + nwatch;
    MemoSlot *s = &r->memo_tab[slot];
    s->next = memo_row(r, cur);
    s->hits = 0;
    s->ent = r->nmemo++;
    s->nblocks = (uint8_t)n;
    s->nbits = (uint8_t)used;
    s->flags = nwatch ? MS_WATCH : 0;
    return s;
}

/* The next outcome packet of the current record if it comes before the
 * next positioned packet (scan_lim has checked the packets up to it): its
 * outcomes in *v, bit 0 first, and their number (0: none). */
static unsigned read_ahead_bits(TraceReader *r, uint64_t *v)
{
    if (!norm_b(r) || r->bcur >= r->rawlen)
        return 0;
    unsigned n = bits_pkt(r->raw + r->bcur, r->rawlen - r->bcur, v);
    if (n)
        r->bcur += n == 64 ? 9 : 1;
    return n;
}

/* Keep at least 8 outcomes in (*bits, *nb) while the record has some
 * before its next positioned packet, reading outcome packets ahead into
 * (*pend, *npend) (a packet of 64 does not fit at once).  Returns false
 * once there are no more. */
static inline bool refill_bits(TraceReader *r, uint64_t *bits, unsigned *nb, uint64_t *pend,
                               unsigned *npend)
{
    while (*nb < 8) {
        if (!*npend && !(*npend = read_ahead_bits(r, pend)))
            return false;
        unsigned take = 64 - *nb < *npend ? 64 - *nb : *npend;
        *bits |= *pend << *nb;
        *pend = take < 64 ? *pend >> take : 0;
        *npend -= take;
        *nb += take;
    }
    return true;
}

/* Replay complete blocks while the next positioned packet is ahead (see
 * above).  Leaves the reader in the state the item-by-item replay would be
 * in after the same blocks (phase PH_BEFORE; outcomes read ahead wait in
 * bitpend).  Memoised paths add their instructions and outcomes to the
 * recovery record when the memo is flushed (at the latest when
 * trace_reader_run returns). */
static void fast_run(TraceReader *r, const TraceRunOps *ops, void *ctx)
{
    if (!r->pc_valid || r->have_peek || !r->in_frame || r->nfb != r->ndefs ||
        !scan_lim(r))
        return;
    uint64_t c = r->count, c0 = c, lim = r->lim_stamp;
    if (c + 1 >= lim)
        return;
    int idx = map_get(r, r->pc);
    if (idx < 0)
        return;
    if (r->memo_gen != r->gen)
        memo_flush(r);
    uint32_t cur = (uint32_t)idx;
    uint64_t bits = r->bitbuf, pend = r->bitpend;
    unsigned nb = r->nbitbuf, npend = r->nbitpend;
    bool more = true;           /* outcome packets may follow before lim */
    bool memo = true;           /* false when the memo cannot be allocated */
    uint64_t insns = 0, conds = 0, inds = 0, hits = 0;
    uint64_t pc = 0;
    bool pc_set = false;
    while (c + 1 < lim) {
        if (nb < 8 && more)
            more = refill_bits(r, &bits, &nb, &pend, &npend);
        /* Memoised paths, row to row.  With fewer than 8 outcomes left
         * the byte is padded with zeros (bits shifts them in): an entry is
         * a function of its key alone, so it applies when it consumes no
         * more outcomes than are real. */
        if (memo) {
            MemoSlot *tab = r->memo_tab, *s;
            uint32_t row = r->fb[cur].mslot ? (r->fb[cur].mslot - 1) << 8 : UINT32_MAX;
            for (;;) {
                if (row == UINT32_MAX || !(s = &tab[row | (bits & 0xff)])->nblocks) {
                    if (row != UINT32_MAX) {
                        cur = r->memo_owner[row >> 8];
                        if (s->flags & MS_NONE)
                            break;
                    }
                    s = memo_make(r, cur, (unsigned)(bits & 0xff));
                    if (!s) {
                        memo = false;
                        break;
                    }
                    if (!s->nblocks)
                        break;
                    tab = r->memo_tab;
                    row = (r->fb[cur].mslot - 1) << 8;
                }
                if (c + s->nblocks >= lim || s->nbits > nb) {
                    cur = r->memo_owner[row >> 8];
                    break;
                }
                if (!++s->hits)
                    r->memo[s->ent].hits_hi += 1ull << 32;
                if ((s->flags & MS_WATCH) && ops->watched) {
                    /* the watched blocks of the path, in order */
                    const MemoEnt *m = &r->memo[s->ent];
                    const uint32_t *pp = r->memo_path + m->path + s->nblocks;
                    for (uint32_t j = 0; j < m->nwatch; j++)
                        ops->watched(ctx, pp[j] >> 2, (int)(pp[j] & 3) - 1);
                }
                c += s->nblocks;
                bits >>= s->nbits;
                nb -= s->nbits;
                row = s->next;
                if (nb < 8 && more)
                    more = refill_bits(r, &bits, &nb, &pend, &npend);
            }
            if (c + 1 >= lim)
                break;
        }
        FastBlk *b = &r->fb[cur];
        const TraceBlockDef *d = &r->defs[cur];
        int t = -1;
        int64_t nx = -1;
        bool hit = false;
        switch (b->kind) {
        case ISA_FLOW_COND:
            if (nb == 0)
                goto out;       /* refilled above if there were more */
            t = (int)(bits & 1);
            bits >>= 1;
            nb--;
            conds++;
            nx = fb_succ(r, cur, t);
            pc = t ? d->taken_target : d->fallthrough;
            break;
        case ISA_FLOW_JUMP:
        case ISA_FLOW_CALL:
            nx = fb_succ(r, cur, 1);
            pc = d->taken_target;
            break;
        case ISA_FLOW_INDIRECT:
        case ISA_FLOW_INDIRECT_CALL:
        case ISA_FLOW_RETURN:
        case ISA_FLOW_XRET: {
            r->nbitbuf = nb;    /* take_indirect looks at them */
            r->nbitpend = npend;
            if (!take_indirect(r, &pc, &hit))
                goto out;
            inds++;
            hits += hit;
            int k = map_get(r, pc);
            nx = k;
            break;
        }
        default:                /* SEQ, SYSTEM, TRAP */
            nx = fb_succ(r, cur, 0);
            pc = d->fallthrough;
            break;
        }
        b->exec++;
        if (t == 1)
            b->taken++;
        else if (t == 0)
            b->not_taken++;
        c++;
        insns += b->ninsns;
        if (b->watch && t >= 0 && ops->watched)
            ops->watched(ctx, cur, t);
        if (nx < 0) {
            /* no block at pc: the item-by-item replay reports it */
            pc_set = true;
            break;
        }
        cur = (uint32_t)nx;
    }
out:
    if (c != c0)
        r->idle = 0;            /* lim is known: the stamp check applies */
    r->bitbuf = bits;
    r->nbitbuf = nb;
    r->bitpend = pend;
    r->nbitpend = npend;
    r->count = c;
    r->pc = pc_set ? pc : r->defs[cur].pc;
    r->pc_valid = true;
    r->rec.blocks += c - c0;
    r->rec.insns += insns;
    r->rec.conds += conds;
    r->rec.indirects += inds;
    r->rec.icache_hits += hits;
}

static void dispatch(TraceReader *r, const TraceItem *it, const TraceRunOps *ops, void *ctx,
                     TraceItem *end)
{
    switch (it->kind) {
    case TRACE_ITEM_BLOCK_DEF:
        if (!fb_grow(r, it->def.id + 1)) {
            damage(r, r->frame_off, "out of memory");
            return;
        }
        if (ops->def)
            ops->def(ctx, r, &it->def);
        break;
    case TRACE_ITEM_BLOCK:
        if (it->partial) {
            if (ops->partial)
                ops->partial(ctx, &it->def, it->insns);
        } else if (it->def.id < r->nfb) {
            FastBlk *b = &r->fb[it->def.id];
            b->exec++;
            if (it->taken == 1)
                b->taken++;
            else if (it->taken == 0)
                b->not_taken++;
            if (b->watch && it->taken >= 0 && ops->watched)
                ops->watched(ctx, it->def.id, it->taken);
        }
        break;
    case TRACE_ITEM_COUNTS:
        if (it->def.id < r->nfb) {
            FastBlk *b = &r->fb[it->def.id];
            b->exec += it->exec;
            b->taken += it->taken_count;
            b->not_taken += it->not_taken_count;
        }
        break;
    case TRACE_ITEM_EVENT:
        if (ops->event)
            ops->event(ctx, it);
        break;
    case TRACE_ITEM_END:
        if (end)
            *end = *it;
        break;
    }
}

int trace_reader_run(TraceReader *r, const TraceRunOps *ops, void *ctx, TraceItem *end)
{
    static const TraceRunOps none;
    if (!ops)
        ops = &none;
    if (end)
        memset(end, 0, sizeof *end);
    for (;;) {
        while (r->qn) {
            TraceItem it = r->q[r->qhead];
            r->qhead = (r->qhead + 1) % QCAP;
            r->qn--;
            dispatch(r, &it, ops, ctx, end);
        }
        if (r->phase == PH_DONE)
            break;
        if (r->info.mode == TRACE_MODE_FLAT) {
            step_flat(r);
            continue;
        }
        if (r->phase == PH_BEFORE)
            fast_run(r, ops, ctx);
        step_history(r);
    }
    if (r->memo)
        memo_flush(r);
    return r->final_rc;
}

void trace_reader_watch(TraceReader *r, uint32_t id)
{
    if (id >= r->nfb || r->fb[id].watch)
        return;
    if (id < r->memo_idlim)
        memo_flush(r);          /* paths through it must now stop before it */
    r->fb[id].watch = 1;
}

bool trace_reader_counts(const TraceReader *r, uint32_t id, uint64_t *exec, uint64_t *taken,
                         uint64_t *not_taken)
{
    if (id >= r->nfb)
        return false;
    *exec = r->fb[id].exec;
    *taken = r->fb[id].taken;
    *not_taken = r->fb[id].not_taken;
    return true;
}

/* ---- open / header ------------------------------------------------------- */

static char *dup_field(const uint8_t *p, size_t n)
{
    char *s = malloc(n + 1);
    if (s) {
        memcpy(s, p, n);
        s[n] = 0;
    }
    return s;
}

static int parse_header(TraceReader *r, char *err, size_t errlen)
{
    TraceInfo *in = &r->info;
    bool have_mode = false;
    while (r->rpos < r->rawlen) {
        uint64_t tag, len;
        if (!get_varint(r, &tag) || !get_varint(r, &len) || len > r->rawlen - r->rpos)
            goto bad;
        const uint8_t *d = r->raw + r->rpos;
        char **slot = NULL;
        switch (tag) {
        case TF_H_ISA: slot = &in->isa; break;
        case TF_H_BOARD: slot = &in->board; break;
        case TF_H_ELF_PATH: slot = &in->elf_path; break;
        case TF_H_TOOL: slot = &in->tool_version; break;
        case TF_H_SHA256:
            if (len != TRACE_SHA256_LEN)
                goto bad;
            memcpy(in->elf_sha256, d, TRACE_SHA256_LEN);
            break;
        case TF_H_ARG: {
            char **nv = realloc(in->argv, ((size_t)in->argc + 2) * sizeof *nv);
            if (!nv)
                goto bad;
            in->argv = nv;
            nv[in->argc] = dup_field(d, (size_t)len);
            if (!nv[in->argc])
                goto bad;
            nv[++in->argc] = NULL;
            break;
        }
        case TF_H_MODE:
            if (len != 1 || d[0] > TRACE_MODE_FLAT)
                goto bad;
            in->mode = (TraceMode)d[0];
            have_mode = true;
            break;
        default:
            break;          /* unknown fields are skipped (forward compatible) */
        }
        if (slot) {
            free(*slot);
            if (!(*slot = dup_field(d, (size_t)len)))
                goto bad;
        }
        r->rpos += (size_t)len;
    }
    if (!have_mode)
        goto bad;
    static const char empty[] = "";
    if (!in->isa) in->isa = dup_field((const uint8_t *)empty, 0);
    if (!in->board) in->board = dup_field((const uint8_t *)empty, 0);
    if (!in->elf_path) in->elf_path = dup_field((const uint8_t *)empty, 0);
    if (!in->tool_version) in->tool_version = dup_field((const uint8_t *)empty, 0);
    if (!in->isa || !in->board || !in->elf_path || !in->tool_version)
        goto bad;
    return 0;
bad:
    tf_set_err(err, errlen, "malformed trace header record");
    return -1;
}

static TraceReader *open_common(TraceReader *r, const char *name, int *status,
                                char *err, size_t errlen)
{
    uint8_t pre[TF_PRELUDE_LEN];
    int st = TRACE_ERR_NOT_TRACE;

    r->dctx = ZSTD_createDCtx();
    if (!r->dctx) {
        tf_set_err(err, errlen, "%s: out of memory", name);
        goto fail;
    }
    if (read_at(r, 0, pre, sizeof pre) < sizeof pre || memcmp(pre, TF_MAGIC, TF_MAGIC_LEN)) {
        tf_set_err(err, errlen, "%s: not an emucov trace (bad magic)", name);
        goto fail;
    }
    r->info.format_major = pre[12] | (unsigned)pre[13] << 8;
    r->info.format_minor = pre[14] | (unsigned)pre[15] << 8;
    if (r->info.format_major != TRACE_FORMAT_MAJOR) {
        tf_set_err(err, errlen, "%s: unsupported trace format %u.%u (this reader: %d.x)", name,
                r->info.format_major, r->info.format_minor, TRACE_FORMAT_MAJOR);
        goto fail;
    }
    r->off = TF_PRELUDE_LEN;
    if (load_record(r) != TF_REC_HEADER) {
        tf_set_err(err, errlen, "%s: damaged trace header: %s", name, r->rec.reason);
        st = TRACE_ERR_DAMAGED;
        goto fail;
    }
    if (parse_header(r, err, errlen)) {
        st = TRACE_ERR_DAMAGED;
        goto fail;
    }
    r->rec.frames_ok = 0;     /* count data frames only from here on */
    r->rec.raw_bytes = 0;
    r->phase = PH_BEFORE;
    r->gen = 1;
    if (status)
        *status = TRACE_OK;
    return r;
fail:
    if (status)
        *status = st;
    trace_reader_close(r);
    return NULL;
}

TraceReader *trace_reader_open(const char *path, int *status, char *err, size_t errlen)
{
    TraceReader *r = calloc(1, sizeof *r);
    struct stat stt;
    if (!r) {
        tf_set_err(err, errlen, "out of memory");
        if (status)
            *status = TRACE_ERR_OPEN;
        return NULL;
    }
    r->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (r->fd < 0 || fstat(r->fd, &stt) || !S_ISREG(stt.st_mode)) {
        tf_set_err(err, errlen, "%s: cannot open: %s", path,
                r->fd < 0 ? strerror(errno) : "not a regular file");
        if (status)
            *status = TRACE_ERR_OPEN;
        trace_reader_close(r);
        return NULL;
    }
    r->size = (uint64_t)stt.st_size;
    return open_common(r, path, status, err, errlen);
}

TraceReader *trace_reader_open_mem(const void *data, size_t size, int *status, char *err,
                                   size_t errlen)
{
    TraceReader *r = calloc(1, sizeof *r);
    if (!r) {
        tf_set_err(err, errlen, "out of memory");
        if (status)
            *status = TRACE_ERR_OPEN;
        return NULL;
    }
    r->fd = -1;
    r->mem = data;
    r->size = size;
    return open_common(r, "<memory>", status, err, errlen);
}

void trace_reader_close(TraceReader *r)
{
    if (!r)
        return;
    if (r->fd >= 0)
        close(r->fd);
    ZSTD_freeDCtx(r->dctx);
    free(r->comp);
    free(r->raw);
    free(r->counts);
    free(r->defs);
    free(r->map);
    free(r->flat_tot);
    free(r->fb);
    free(r->memo);
    free(r->memo_tab);
    free(r->memo_owner);
    free(r->memo_path);
    free(r->info.isa);
    free(r->info.board);
    free(r->info.elf_path);
    free(r->info.tool_version);
    for (int i = 0; i < r->info.argc; i++)
        free(r->info.argv[i]);
    free(r->info.argv);
    free(r);
}

const TraceInfo *trace_reader_info(const TraceReader *r)
{
    return &r->info;
}

const TraceRecovery *trace_reader_recovery(const TraceReader *r)
{
    return &r->rec;
}

const TraceBlockDef *trace_reader_block(const TraceReader *r, uint32_t id)
{
    return id < r->ndefs ? &r->defs[id] : NULL;
}

uint32_t trace_reader_nblocks(const TraceReader *r)
{
    return r->ndefs;
}

bool trace_reader_flat_totals(const TraceReader *r, uint32_t id, uint64_t *exec,
                              uint64_t *taken, uint64_t *not_taken)
{
    if (id >= r->ndefs || !r->flat_tot)
        return false;
    *exec = r->flat_tot[3 * (size_t)id];
    *taken = r->flat_tot[3 * (size_t)id + 1];
    *not_taken = r->flat_tot[3 * (size_t)id + 2];
    return true;
}

const char *trace_flow_name(int kind)
{
    static const char *const names[] = {
        "seq", "cond", "jump", "call", "indirect", "indirect_call", "return",
        "trap", "xret", "system"
    };
    return kind >= 0 && kind <= ISA_FLOW_SYSTEM ? names[kind] : "?";
}

const char *trace_event_name(int kind)
{
    static const char *const names[] = {
        "?", "exception", "interrupt", "exc_return", "reset", "halt"
    };
    return kind >= 1 && kind <= TRACE_EV_HALT ? names[kind] : "?";
}

const char *trace_stop_name(int reason)
{
    static const char *const names[] = {
        "exit", "error", "max-insns", "timeout", "signal"
    };
    return reason >= 0 && reason <= TRACE_STOP_SIGNAL ? names[reason] : "?";
}
