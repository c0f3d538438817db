/*
 * tracer/trace_format.h - constants and encoders of the trace file format
 * (docs/trace-format.md, format 1.0).  Internal to tracer/.
 */
#ifndef EMUCOV_TRACE_FORMAT_H
#define EMUCOV_TRACE_FORMAT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* File prelude: 12 bytes magic, u16le major, u16le minor. */
#define TF_MAGIC "EMUCOVTRACE"      /* + NUL = 12 bytes */
#define TF_MAGIC_LEN 12
#define TF_PRELUDE_LEN 16

/* Record header: type, flags, reserved u16, seq u32, comp_len u32,
 * raw_len u32, check u32 (FNV-1a 32 of the first 16 bytes). */
#define TF_REC_HDR_LEN 20
#define TF_REC_HEADER 'H'
#define TF_REC_DATA 'D'
#define TF_REC_END 'E'
#define TF_MAX_RAW (64u << 20)      /* largest raw record a reader accepts */

/* Packet types inside data records. */
enum {
    TF_PKT_DEF = 0x01,
    TF_PKT_EVENT = 0x02,
    TF_PKT_INDIRECT = 0x03,
    TF_PKT_BITS64 = 0x04,
    TF_PKT_COUNTS = 0x05,
    TF_PKT_SYNC = 0x06,
    TF_PKT_ICACHE = 0x40,   /* 0x40..0x7f: indirect target cache hit */
    TF_PKT_SHORTBITS = 0x80 /* 0x82..0xff: 1..6 conditional outcomes */
};

/* Header record fields (tag, length, bytes). */
enum {
    TF_H_ISA = 1, TF_H_BOARD = 2, TF_H_SHA256 = 3, TF_H_ELF_PATH = 4,
    TF_H_TOOL = 5, TF_H_ARG = 6, TF_H_MODE = 7
};

/* End record fields (tag, length, varint value). */
enum {
    TF_E_INSNS = 1, TF_E_BLOCKS = 2, TF_E_EXIT = 3, TF_E_STOP = 4,
    TF_E_STAMP = 5, TF_E_FRAMES = 6, TF_E_DEFS = 7, TF_E_EVENTS = 8
};

#define TF_VARINT_MAX 10

/* Format an error message into err (ignored when err is NULL). */
static inline void tf_set_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static inline void tf_set_err(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    if (!err || !errlen)
        return;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

static inline uint32_t tf_fnv1a(const uint8_t *p, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 16777619u;
    }
    return h;
}

static inline uint8_t *tf_put_varint(uint8_t *p, uint64_t v)
{
    while (v >= 0x80) {
        *p++ = (uint8_t)(v | 0x80);
        v >>= 7;
    }
    *p++ = (uint8_t)v;
    return p;
}

static inline uint64_t tf_zigzag(int64_t v)
{
    return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}

static inline int64_t tf_unzigzag(uint64_t v)
{
    return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

static inline void tf_put_le32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}

static inline uint32_t tf_get_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

#endif
