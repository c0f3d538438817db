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

/* Parse the positioned packet at r->bcur into r->peek. */
static bool parse_positioned(TraceReader *r)
{
    Pkt *p = &r->peek;
    uint64_t v;
    uint8_t t;
    size_t pos = r->bcur;

    memset(p, 0, sizeof *p);
    r->rpos = pos;
    t = r->raw[r->rpos++];
    if (!get_varint(r, &v) || v > UINT64_MAX - r->stamp_base)
        goto bad;
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
            goto bad;
        p->def.kind = kind;
    } else if (t == TF_PKT_EVENT) {
        uint8_t kind;
        p->type = P_EVENT;
        if (!get_u8(r, &kind) || !get_varint(r, &p->ev_pc) || !get_u32v(r, &p->ev_cause) ||
            !get_varint(r, &p->ev_target) || !get_u32v(r, &p->ev_retired))
            goto bad;
        p->ev_kind = kind;
        if (kind < TRACE_EV_EXCEPTION || kind > TRACE_EV_HALT)
            goto bad;
    } else {
        uint32_t n, id = 0;
        p->type = P_COUNTS;
        if (!get_u32v(r, &n) || n > r->rawlen - r->rpos)
            goto bad;
        size_t cap = r->countcap;
        if (!grow((void **)&r->counts, &cap, n ? n : 1, sizeof *r->counts))
            goto bad;
        r->countcap = (uint32_t)cap;
        for (uint32_t i = 0; i < n; i++) {
            uint32_t d;
            CountEntry *c = &r->counts[i];
            if (!get_u32v(r, &d) || d > UINT32_MAX - id || !get_varint(r, &c->exec) ||
                !get_varint(r, &c->not_taken) || !get_varint(r, &c->taken))
                goto bad;
            id += d;
            c->id = id;
        }
        p->ncounts = n;
        r->count_pos = 0;
    }
    r->peek_end = r->rpos;
    r->have_peek = true;
    return true;
bad:
    bad_packet(r, pos);
    return false;
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
        if (r->bcur != r->icur || r->nbitbuf)
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
    r->bcur = r->icur = r->peek_end;
    r->stamp_base = r->peek.stamp;
    r->have_peek = false;
}

/* Refill the outcome buffer.  False if no outcome packet comes before the
 * next positioned packet (damage unless the stream ended). */
static bool take_bits(TraceReader *r)
{
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
        if (t == TF_PKT_BITS64) {
            if (r->rawlen - r->bcur < 9)
                return bad_packet(r, r->bcur), false;
            uint64_t b = 0;
            for (int i = 0; i < 8; i++)
                b |= (uint64_t)r->raw[r->bcur + 1 + i] << (8 * i);
            r->bitbuf = b;
            r->nbitbuf = 64;
            r->bcur += 9;
            return true;
        }
        if (t >= TF_PKT_SHORTBITS) {
            unsigned x = t & 0x7f, n = 0;
            while ((x >> (n + 1)) != 0)
                n++;
            if (n == 0)
                return bad_packet(r, r->bcur), false;
            r->bitbuf = x & ((1u << n) - 1);
            r->nbitbuf = n;
            r->bcur++;
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
            if (r->bcur != r->rawlen || r->nbitbuf)
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
            return true;
        }
        if (t >= TF_PKT_ICACHE && t < TF_PKT_SHORTBITS) {
            *target = r->icache[t & 63];
            *hit = true;
            r->icur++;
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
        int id = map_get(r, r->pc);
        if (id < 0) {
            damage(r, r->frame_off, "no block defined at pc 0x%llx (block %llu)",
                   (unsigned long long)r->pc, (unsigned long long)r->count);
            finish(r);
            return;
        }
        r->cur = (uint32_t)id;
        r->count++;
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
