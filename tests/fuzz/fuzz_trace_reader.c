/*
 * tests/fuzz/fuzz_trace_reader.c - libFuzzer harness for the trace reader:
 * open a trace from memory and replay it; must never crash, leak or hang.
 * Built and run by run-fuzz.sh (clang -fsanitize=fuzzer,address,undefined).
 *
 * Two input forms, chosen by the first byte:
 *   'E' (a real trace file starts with "EMUCOVTRACE"): the input is a file;
 *   anything else: byte 0 selects the mode (bit 0: flat), the rest is the
 *   raw packet stream of one data frame.  The harness wraps it in a valid
 *   file (header record, the frame compressed with its checksum, an end
 *   record), so the fuzzer reaches the packet decoder and the replay instead
 *   of stopping at checksums.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zstd.h>

#include "tracer/trace.h"
#include "tracer/trace_format.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t put_record(uint8_t *out, size_t cap, int type, uint32_t seq, const uint8_t *raw,
                         size_t len)
{
    ZSTD_CCtx *c = ZSTD_createCCtx();
    ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 1);
    size_t n = ZSTD_compress2(c, out + TF_REC_HDR_LEN, cap - TF_REC_HDR_LEN, raw, len);
    ZSTD_freeCCtx(c);
    if (ZSTD_isError(n))
        return 0;
    out[0] = (uint8_t)type;
    out[1] = out[2] = out[3] = 0;
    tf_put_le32(out + 4, seq);
    tf_put_le32(out + 8, (uint32_t)n);
    tf_put_le32(out + 12, (uint32_t)len);
    tf_put_le32(out + 16, tf_fnv1a(out, 16));
    return TF_REC_HDR_LEN + n;
}

static uint8_t *wrap(const uint8_t *data, size_t size, size_t *outlen)
{
    size_t cap = 256 + ZSTD_compressBound(size) + TF_REC_HDR_LEN * 3;
    uint8_t *f = malloc(cap), *p = f;
    uint8_t hdr[] = { TF_H_ISA, 7, 'r', 'i', 's', 'c', 'v', '3', '2', TF_H_MODE, 1,
                      (uint8_t)(data[0] & 1) };
    uint8_t end[] = { TF_E_STAMP, 1, 0 };
    memcpy(p, TF_MAGIC, TF_MAGIC_LEN);
    p[12] = TRACE_FORMAT_MAJOR;
    p[13] = p[14] = p[15] = 0;
    p += TF_PRELUDE_LEN;
    p += put_record(p, cap - (size_t)(p - f), TF_REC_HEADER, 0, hdr, sizeof hdr);
    if (size > 1)
        p += put_record(p, cap - (size_t)(p - f), TF_REC_DATA, 1, data + 1, size - 1);
    p += put_record(p, cap - (size_t)(p - f), TF_REC_END, size > 1 ? 2 : 1, end, sizeof end);
    *outlen = (size_t)(p - f);
    return f;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[256];
    int st;
    uint8_t *buf = NULL;

    if (size == 0)
        return 0;
    if (data[0] != 'E')
        data = buf = wrap(data, size, &size);
    TraceReader *r = trace_reader_open_mem(data, size, &st, err, sizeof err);
    if (r) {
        TraceItem it;
        /* A valid trace may replay an idle loop for a very long time from a
         * few bytes (the stamps say how long): bound the work per input. */
        for (unsigned n = 0; n < 100000 && trace_reader_next(r, &it) == 1; n++)
            ;
        (void)trace_reader_recovery(r);
        trace_reader_close(r);
    }
    free(buf);
    return 0;
}
