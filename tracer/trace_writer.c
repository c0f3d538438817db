/*
 * tracer/trace_writer.c - trace writer: packet encoding on the emulator
 * thread, zstd compression and write(2) on a worker thread.
 *
 * Format: docs/trace-format.md.  Buffers of frame_size bytes (1 MiB) rotate
 * between the emulator thread (filling one) and the worker (compressing and
 * writing the others, in order).  The emulator waits only when all buffers
 * are queued, i.e. when compression is slower than tracing.
 */
#include "tracer/trace.h"
#include "tracer/trace_format.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zstd.h>

#define TW_DEFAULT_BUF_SIZE (1u << 20)
#define TW_MIN_BUF_SIZE 4096u
#define TW_NBUF 4
#define TW_ZSTD_LEVEL 3
#define TW_FRAME_END_ROOM 64   /* partial bits flush + SYNC always fit */

typedef struct TraceWriterPriv {
    int fd;
    TraceMode mode;
    size_t bufsize;
    uint64_t flat_period;
    uint8_t *bufs[TW_NBUF];
    int cur;                   /* buffer being filled                     */
    uint64_t stamp_base;       /* stamp of the previous positioned packet */
    uint64_t last_indirect;    /* previous INDIRECT target in this frame  */

    pthread_mutex_t mu;
    pthread_cond_t cv;
    pthread_t thread;
    bool thread_started, stop;
    int queue[TW_NBUF];        /* FIFO of filled buffers                  */
    size_t qlen[TW_NBUF];
    uint32_t qseq[TW_NBUF];
    int qhead, qcount, busy;
    int free_list[TW_NBUF];
    int nfree;
    uint32_t next_seq;         /* 0 = header record                       */

    ZSTD_CCtx *cctx;
    uint8_t *zbuf;
    size_t zcap;
    int io_errno;              /* first write error (worker), 0 if none   */

    uint32_t ndefs, flat_cap;
    uint64_t nevents, data_frames;
} TraceWriterPriv;

static int write_all(int fd, const uint8_t *p, size_t n)
{
    while (n) {
        ssize_t k = write(fd, p, n);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* Compress raw[0..len) into one zstd frame with content checksum and write
 * it as a record.  Returns 0 or an errno value. */
static int write_record(TraceWriterPriv *p, int type, uint32_t seq,
                        const uint8_t *raw, size_t len)
{
    uint8_t hdr[TF_REC_HDR_LEN];
    size_t clen = ZSTD_compress2(p->cctx, p->zbuf, p->zcap, raw, len);
    if (ZSTD_isError(clen))
        return EIO;
    hdr[0] = (uint8_t)type;
    hdr[1] = 0;
    hdr[2] = hdr[3] = 0;
    tf_put_le32(hdr + 4, seq);
    tf_put_le32(hdr + 8, (uint32_t)clen);
    tf_put_le32(hdr + 12, (uint32_t)len);
    tf_put_le32(hdr + 16, tf_fnv1a(hdr, 16));
    if (write_all(p->fd, hdr, sizeof hdr) || write_all(p->fd, p->zbuf, clen))
        return errno ? errno : EIO;
    return 0;
}

static void *worker_main(void *arg)
{
    TraceWriter *w = arg;
    TraceWriterPriv *p = w->priv;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        int b;
        size_t len;
        uint32_t seq;
        while (p->qcount == 0 && !p->stop)
            pthread_cond_wait(&p->cv, &p->mu);
        if (p->qcount == 0)
            break;
        b = p->queue[p->qhead];
        len = p->qlen[p->qhead];
        seq = p->qseq[p->qhead];
        p->qhead = (p->qhead + 1) % TW_NBUF;
        p->qcount--;
        p->busy = 1;
        pthread_mutex_unlock(&p->mu);

        int e = 0;
        if (!p->io_errno)
            e = write_record(p, TF_REC_DATA, seq, p->bufs[b], len);

        pthread_mutex_lock(&p->mu);
        if (e && !p->io_errno)
            p->io_errno = e;
        p->free_list[p->nfree++] = b;
        p->busy = 0;
        pthread_cond_broadcast(&p->cv);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* ---- packet helpers ---------------------------------------------------- */

static void flush_short_bits(TraceWriter *w)
{
    while (w->nbits) {
        unsigned n = w->nbits < 6 ? w->nbits : 6;
        *w->pos++ = (uint8_t)(TF_PKT_SHORTBITS | (1u << n) |
                              (unsigned)(w->bits & ((1u << n) - 1)));
        w->bits >>= n;
        w->nbits -= n;
    }
    w->bits = 0;
}

static void put_sync(TraceWriter *w)
{
    TraceWriterPriv *p = w->priv;
    *w->pos++ = TF_PKT_SYNC;
    w->pos = tf_put_varint(w->pos, w->blocks - p->stamp_base);
    p->stamp_base = w->blocks;
}

static void begin_frame(TraceWriter *w)
{
    TraceWriterPriv *p = w->priv;
    w->pos = p->bufs[p->cur];
    w->lim = w->pos + p->bufsize - TRACE_PKT_SLACK;
    memset(w->icache, 0, sizeof w->icache);
    p->last_indirect = 0;
    p->stamp_base = 0;
    put_sync(w);
}

/* Close the current frame and queue it for the worker. */
static void end_frame(TraceWriter *w)
{
    TraceWriterPriv *p = w->priv;
    flush_short_bits(w);
    put_sync(w);
    size_t len = (size_t)(w->pos - p->bufs[p->cur]);
    pthread_mutex_lock(&p->mu);
    int slot = (p->qhead + p->qcount) % TW_NBUF;
    p->queue[slot] = p->cur;
    p->qlen[slot] = len;
    p->qseq[slot] = p->next_seq++;
    p->qcount++;
    p->data_frames++;
    pthread_cond_broadcast(&p->cv);
    while (p->nfree == 0)
        pthread_cond_wait(&p->cv, &p->mu);
    p->cur = p->free_list[--p->nfree];
    pthread_mutex_unlock(&p->mu);
}

/* Make room for n more bytes: frames are opened eagerly (right after the
 * previous one closed, with the same stamp), so that no recorded outcome
 * can precede the opening SYNC of its frame.  Returns true if it closed a
 * frame; the pending outcomes (w->bits) were then flushed into the closed
 * frame and w->nbits is 0. */
static bool ensure(TraceWriter *w, size_t n)
{
    TraceWriterPriv *p = w->priv;
    if ((size_t)(p->bufs[p->cur] + p->bufsize - w->pos) < n + TW_FRAME_END_ROOM) {
        end_frame(w);
        begin_frame(w);
        return true;
    }
    return false;
}

/* Positioned packets: flush the pending bits first (the reader relies on
 * it), then type + stamp delta. */
static void put_positioned(TraceWriter *w, uint8_t type, size_t maxlen)
{
    TraceWriterPriv *p = w->priv;
    ensure(w, maxlen + 16);
    flush_short_bits(w);
    *w->pos++ = type;
    w->pos = tf_put_varint(w->pos, w->blocks - p->stamp_base);
    p->stamp_base = w->blocks;
}

/* Called by trace_cond when the 64th pending outcome was added. */
void trace__flush_bits64(TraceWriter *w)
{
    assert(w->nbits == 64);
    /* If the frame is full, closing it already wrote the 64 outcomes (as
     * SHORTBITS, before its final SYNC): they must not be written again
     * in the new frame (that was a bug: a BITS64 of 64 stale zero bits
     * at the start of the next frame, 64 spurious "not taken"). */
    if (ensure(w, 9))
        return;
    *w->pos++ = TF_PKT_BITS64;
    for (int i = 0; i < 8; i++)
        *w->pos++ = (uint8_t)(w->bits >> (8 * i));
    w->bits = 0;
    w->nbits = 0;
}

void trace__indirect_slow(TraceWriter *w, uint64_t target)
{
    TraceWriterPriv *p = w->priv;
    unsigned i = TRACE_ICACHE_INDEX(target);
    ensure(w, 16);
    if (w->icache[i] == target) {
        *w->pos++ = (uint8_t)(TF_PKT_ICACHE | i);
        return;
    }
    *w->pos++ = TF_PKT_INDIRECT;
    w->pos = tf_put_varint(w->pos, tf_zigzag((int64_t)(target - p->last_indirect)));
    p->last_indirect = target;
    w->icache[i] = target;
}

/* COUNTS entries per packet: at most 1024, and a packet always fits a
 * fresh frame. */
static uint32_t counts_per_packet(const TraceWriterPriv *p)
{
    size_t n = (p->bufsize - 512) / (4 * TF_VARINT_MAX);
    return n < 1024 ? (uint32_t)n : 1024u;
}

void trace__flat_snapshot(TraceWriter *w)
{
    TraceWriterPriv *p = w->priv;
    uint32_t id = 0, per_packet = counts_per_packet(p);
    w->flat_next = w->blocks + p->flat_period;
    while (id < p->ndefs) {
        uint32_t n = 0, first, last = 0, i;
        /* one packet covers up to COUNTS_PER_PACKET non-zero entries */
        for (i = id; i < p->ndefs && n < per_packet; i++)
            if (w->flat_exec[i] | w->flat_cond[2 * i] | w->flat_cond[2 * i + 1])
                n++;
        if (n == 0)
            break;
        put_positioned(w, TF_PKT_COUNTS, 16 + (size_t)n * 4 * TF_VARINT_MAX);
        w->pos = tf_put_varint(w->pos, n);
        first = id;
        for (i = first; n; i++) {
            if (!(w->flat_exec[i] | w->flat_cond[2 * i] | w->flat_cond[2 * i + 1]))
                continue;
            w->pos = tf_put_varint(w->pos, i - last);
            w->pos = tf_put_varint(w->pos, w->flat_exec[i]);
            w->pos = tf_put_varint(w->pos, w->flat_cond[2 * i]);
            w->pos = tf_put_varint(w->pos, w->flat_cond[2 * i + 1]);
            w->flat_exec[i] = w->flat_cond[2 * i] = w->flat_cond[2 * i + 1] = 0;
            last = i;
            n--;
        }
        id = i;
    }
}

/* ---- public API -------------------------------------------------------- */

static uint8_t *put_field(uint8_t *q, unsigned tag, const void *data, size_t len)
{
    q = tf_put_varint(q, tag);
    q = tf_put_varint(q, len);
    if (len)
        memcpy(q, data, len);
    return q + len;
}

static size_t slen(const char *s)
{
    return s ? strlen(s) : 0;
}

TraceWriter *trace_writer_open(const char *path, const TraceHeader *h,
                               char *err, size_t errlen)
{
    TraceWriter *w = calloc(1, sizeof *w);
    TraceWriterPriv *p = calloc(1, sizeof *p);
    uint8_t *hb = NULL;
    int e;

    if (!w || !p) {
        tf_set_err(err, errlen, "out of memory");
        goto fail;
    }
    w->priv = p;
    p->fd = -1;
    if (h->mode != TRACE_MODE_HISTORY && h->mode != TRACE_MODE_FLAT) {
        tf_set_err(err, errlen, "invalid trace mode %d", (int)h->mode);
        goto fail;
    }
    p->mode = h->mode;
    p->bufsize = h->frame_size ? h->frame_size : TW_DEFAULT_BUF_SIZE;
    if (p->bufsize < TW_MIN_BUF_SIZE || p->bufsize > (64u << 20)) {
        tf_set_err(err, errlen, "invalid trace frame size %zu", p->bufsize);
        goto fail;
    }
    w->flat = h->mode == TRACE_MODE_FLAT;
    p->flat_period = h->flat_period ? h->flat_period : TRACE_FLAT_PERIOD;
    w->flat_next = p->flat_period;
    for (int i = 0; i < TW_NBUF; i++) {
        p->bufs[i] = malloc(p->bufsize);
        if (!p->bufs[i]) {
            tf_set_err(err, errlen, "out of memory");
            goto fail;
        }
    }
    p->zcap = ZSTD_compressBound(p->bufsize);
    p->zbuf = malloc(p->zcap);
    p->cctx = ZSTD_createCCtx();
    if (!p->zbuf || !p->cctx) {
        tf_set_err(err, errlen, "out of memory");
        goto fail;
    }
    ZSTD_CCtx_setParameter(p->cctx, ZSTD_c_compressionLevel, TW_ZSTD_LEVEL);
    ZSTD_CCtx_setParameter(p->cctx, ZSTD_c_checksumFlag, 1);
    ZSTD_CCtx_setParameter(p->cctx, ZSTD_c_contentSizeFlag, 1);

    p->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (p->fd < 0) {
        tf_set_err(err, errlen, "%s: cannot create trace: %s", path, strerror(errno));
        goto fail;
    }

    /* prelude + header record */
    size_t hlen = 64 + slen(h->isa) + slen(h->board) + slen(h->elf_path) +
                  slen(h->tool_version) + TRACE_SHA256_LEN;
    for (int i = 0; i < h->argc; i++)
        hlen += 12 + slen(h->argv[i]);
    if (hlen > p->bufsize) {
        tf_set_err(err, errlen, "trace header too large (%zu bytes)", hlen);
        goto fail;
    }
    hb = malloc(hlen);
    if (!hb) {
        tf_set_err(err, errlen, "out of memory");
        goto fail;
    }
    uint8_t *q = hb;
    uint8_t mode = (uint8_t)h->mode;
    q = put_field(q, TF_H_ISA, h->isa, slen(h->isa));
    q = put_field(q, TF_H_BOARD, h->board, slen(h->board));
    q = put_field(q, TF_H_SHA256, h->elf_sha256, TRACE_SHA256_LEN);
    q = put_field(q, TF_H_ELF_PATH, h->elf_path, slen(h->elf_path));
    q = put_field(q, TF_H_TOOL, h->tool_version, slen(h->tool_version));
    for (int i = 0; i < h->argc; i++)
        q = put_field(q, TF_H_ARG, h->argv[i], slen(h->argv[i]));
    q = put_field(q, TF_H_MODE, &mode, 1);

    uint8_t prelude[TF_PRELUDE_LEN] = TF_MAGIC;
    prelude[12] = TRACE_FORMAT_MAJOR;
    prelude[13] = 0;
    prelude[14] = TRACE_FORMAT_MINOR;
    prelude[15] = 0;
    if (write_all(p->fd, prelude, sizeof prelude) ||
        (e = write_record(p, TF_REC_HEADER, p->next_seq++, hb, (size_t)(q - hb)))) {
        tf_set_err(err, errlen, "%s: cannot write trace: %s", path, strerror(errno));
        goto fail;
    }
    free(hb);
    hb = NULL;

    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    p->cur = 0;
    for (int i = TW_NBUF - 1; i >= 1; i--)
        p->free_list[p->nfree++] = i;
    begin_frame(w);
    /* The worker blocks all signals so that SIGINT/SIGTERM reach the
     * emulator thread, whose main loop stops the run. */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int cr = pthread_create(&p->thread, NULL, worker_main, w);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (cr) {
        tf_set_err(err, errlen, "cannot start the trace compression thread");
        pthread_mutex_destroy(&p->mu);
        pthread_cond_destroy(&p->cv);
        goto fail;
    }
    p->thread_started = true;
    return w;

fail:
    free(hb);
    if (p) {
        if (p->fd >= 0)
            close(p->fd);
        for (int i = 0; i < TW_NBUF; i++)
            free(p->bufs[i]);
        free(p->zbuf);
        ZSTD_freeCCtx(p->cctx);
        free(p);
    }
    free(w);
    return NULL;
}

uint32_t trace_define_block(TraceWriter *w, uint64_t pc, uint32_t size,
                            uint32_t ninsns, int kind, uint64_t taken_target,
                            uint64_t fallthrough)
{
    TraceWriterPriv *p = w->priv;
    uint32_t id = p->ndefs;

    assert(kind >= ISA_FLOW_SEQ && kind <= ISA_FLOW_SYSTEM && ninsns > 0);

    if (w->flat && id >= p->flat_cap) {
        uint32_t ncap = p->flat_cap ? p->flat_cap * 2 : 1024;
        uint64_t *e = realloc(w->flat_exec, ncap * sizeof *e);
        uint64_t *c = e ? realloc(w->flat_cond, 2 * (size_t)ncap * sizeof *c) : NULL;
        if (!e || !c) {
            fprintf(stderr, "emucov: trace: out of memory\n");
            abort();
        }
        memset(e + p->flat_cap, 0, (ncap - p->flat_cap) * sizeof *e);
        memset(c + 2 * (size_t)p->flat_cap, 0, 2 * (size_t)(ncap - p->flat_cap) * sizeof *c);
        w->flat_exec = e;
        w->flat_cond = c;
        p->flat_cap = ncap;
    }
    p->ndefs++;
    put_positioned(w, TF_PKT_DEF, 8 * TF_VARINT_MAX);
    w->pos = tf_put_varint(w->pos, id);
    w->pos = tf_put_varint(w->pos, pc);
    w->pos = tf_put_varint(w->pos, size);
    w->pos = tf_put_varint(w->pos, ninsns);
    *w->pos++ = (uint8_t)kind;
    w->pos = tf_put_varint(w->pos, taken_target);
    w->pos = tf_put_varint(w->pos, fallthrough);
    return id;
}

void trace_event(TraceWriter *w, int kind, uint64_t pc, uint32_t cause,
                 uint64_t target, uint32_t insns_retired_in_block)
{
    assert(kind >= TRACE_EV_EXCEPTION && kind <= TRACE_EV_HALT);
    w->priv->nevents++;
    put_positioned(w, TF_PKT_EVENT, 6 * TF_VARINT_MAX);
    *w->pos++ = (uint8_t)kind;
    w->pos = tf_put_varint(w->pos, pc);
    w->pos = tf_put_varint(w->pos, cause);
    w->pos = tf_put_varint(w->pos, target);
    w->pos = tf_put_varint(w->pos, insns_retired_in_block);
}

/* Queue the current frame and wait until the worker has written all;
 * reopen a frame unless closing. */
static int drain(TraceWriter *w, bool reopen)
{
    TraceWriterPriv *p = w->priv;
    int e;
    end_frame(w);
    if (reopen)
        begin_frame(w);
    pthread_mutex_lock(&p->mu);
    while (p->qcount || p->busy)
        pthread_cond_wait(&p->cv, &p->mu);
    e = p->io_errno;
    pthread_mutex_unlock(&p->mu);
    return e;
}

int trace_writer_flush_for_signal(TraceWriter *w)
{
    if (!w)
        return 0;
    return drain(w, true) ? -1 : 0;
}

int trace_writer_close(TraceWriter *w, const TraceEnd *end, char *err,
                       size_t errlen)
{
    TraceWriterPriv *p;
    int e, rc = 0;
    uint8_t eb[128], *q = eb, vb[TF_VARINT_MAX];

    if (!w)
        return 0;
    p = w->priv;
    if (w->flat)
        trace__flat_snapshot(w);
    e = drain(w, false);
    pthread_mutex_lock(&p->mu);
    p->stop = true;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
    pthread_join(p->thread, NULL);

#define PUT_E(tag, val) \
    q = put_field(q, (tag), vb, (size_t)(tf_put_varint(vb, (val)) - vb))
    PUT_E(TF_E_INSNS, end ? end->insns : 0);
    PUT_E(TF_E_BLOCKS, end && end->blocks ? end->blocks : w->blocks);
    PUT_E(TF_E_EXIT, tf_zigzag(end ? end->exit_status : 0));
    PUT_E(TF_E_STOP, end ? (uint64_t)end->stop_reason : 0);
    PUT_E(TF_E_STAMP, w->blocks);
    PUT_E(TF_E_FRAMES, p->data_frames);
    PUT_E(TF_E_DEFS, p->ndefs);
    PUT_E(TF_E_EVENTS, p->nevents);
#undef PUT_E
    if (!e)
        e = write_record(p, TF_REC_END, p->next_seq++, eb, (size_t)(q - eb));
    if (close(p->fd) && !e)
        e = errno;
    if (e) {
        tf_set_err(err, errlen, "cannot write trace: %s", strerror(e));
        rc = -1;
    }
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->cv);
    for (int i = 0; i < TW_NBUF; i++)
        free(p->bufs[i]);
    free(p->zbuf);
    ZSTD_freeCCtx(p->cctx);
    free(w->flat_exec);
    free(w->flat_cond);
    free(p);
    free(w);
    return rc;
}
