/* tracer/sha256.c - SHA-256 as FIPS 180-4 §6.2 specifies it (our own code):
 * the ELF's hash in every trace header (the emulator writes it, xcov checks
 * it) and the trace's own hash in reports.  With the x86 SHA extensions when
 * the processor has them (hashing the trace is a fifth of xcov's work at
 * --level=branch otherwise). */
#include "tracer/trace.h"

#include <stdio.h>
#include <string.h>

/* TRACE_SHA_C_ONLY: tests build the C rounds alone (coverage-xcov-unit-sha-c) */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && \
    !defined(TRACE_SHA_C_ONLY)
#define SHA_X86 1
#include <immintrin.h>
#endif

typedef struct Sha {
    uint32_t h[8];
    uint8_t buf[64];
    size_t nbuf;
    uint64_t len;
    void (*blocks)(uint32_t h[8], const uint8_t *p, size_t n);
} Sha;

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
    0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
    0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
    0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
    0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
    0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
    0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2,
};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

/* FIPS 180-4 §6.2.2 on n 64-byte blocks. */
static void blocks_c(uint32_t hs[8], const uint8_t *p, size_t n)
{
    for (; n; n--, p += 64) {
        uint32_t w[64], a, b, c, d, e, f, g, h;
        for (int i = 0; i < 16; i++)
            w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
                   (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
        for (int i = 16; i < 64; i++) {
            uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
            uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        a = hs[0]; b = hs[1]; c = hs[2]; d = hs[3];
        e = hs[4]; f = hs[5]; g = hs[6]; h = hs[7];
        for (int i = 0; i < 64; i++) {
            uint32_t t1 = h + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) + ((e & f) ^ (~e & g)) +
                          K[i] + w[i];
            uint32_t t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
            h = g; g = f; f = e; e = d + t1;
            d = c; c = b; b = a; a = t1 + t2;
        }
        hs[0] += a; hs[1] += b; hs[2] += c; hs[3] += d;
        hs[4] += e; hs[5] += f; hs[6] += g; hs[7] += h;
    }
}

#ifdef SHA_X86
/* The same with the SHA extensions (Intel SDM vol. 2, SHA256RNDS2,
 * SHA256MSG1, SHA256MSG2).  SHA256RNDS2 does two rounds on the state held
 * as (A,B,E,F) and (C,D,G,H), A and C in the top lane, and returns the new
 * (A,B,E,F); the old (A,B,E,F) is then the new (C,D,G,H).  The schedule
 * (§6.2.2 step 1) four words at a time: W[t..t+3] =
 * MSG2(MSG1(W[t-16..], W[t-12..]) + W[t-7..t-4], W[t-4..t-1]). */
__attribute__((target("sha,ssse3,sse4.1")))
static void blocks_x86(uint32_t hs[8], const uint8_t *p, size_t n)
{
    const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bll, 0x0405060700010203ll);
    __m128i abcd = _mm_loadu_si128((const __m128i *)&hs[0]);
    __m128i efgh = _mm_loadu_si128((const __m128i *)&hs[4]);
    /* lanes 0..3 = D C B A -> F E B A; H G F E -> H G D C */
    __m128i badc = _mm_shuffle_epi32(abcd, 0xB1);
    __m128i hgfe = _mm_shuffle_epi32(efgh, 0x1B);
    __m128i abef = _mm_alignr_epi8(badc, hgfe, 8);
    __m128i cdgh = _mm_blend_epi16(hgfe, badc, 0xF0);
    for (; n; n--, p += 64) {
        __m128i save_abef = abef, save_cdgh = cdgh, m[4];
        for (int i = 0; i < 4; i++)
            m[i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * i)), bswap);
        for (int i = 0; i < 16; i++) {
            if (i >= 4) {
                /* m[i & 3] = W[4i-16..], m[(i + 1) & 3] = W[4i-12..],
                 * m[(i + 2) & 3] = W[4i-8..], m[(i + 3) & 3] = W[4i-4..] */
                __m128i t = _mm_sha256msg1_epu32(m[i & 3], m[(i + 1) & 3]);
                t = _mm_add_epi32(t, _mm_alignr_epi8(m[(i + 3) & 3], m[(i + 2) & 3], 4));
                m[i & 3] = _mm_sha256msg2_epu32(t, m[(i + 3) & 3]);
            }
            __m128i wk = _mm_add_epi32(m[i & 3], _mm_loadu_si128((const __m128i *)&K[4 * i]));
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);
            abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(wk, 0x0E));
        }
        abef = _mm_add_epi32(abef, save_abef);
        cdgh = _mm_add_epi32(cdgh, save_cdgh);
    }
    __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
    __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
    _mm_storeu_si128((__m128i *)&hs[0], _mm_blend_epi16(feba, dchg, 0xF0));
    _mm_storeu_si128((__m128i *)&hs[4], _mm_alignr_epi8(dchg, feba, 8));
}
#endif

static void sha_init(Sha *s)
{
    static const uint32_t h0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    memcpy(s->h, h0, sizeof h0);
    s->nbuf = 0;
    s->len = 0;
    s->blocks = blocks_c;
#ifdef SHA_X86
    if (__builtin_cpu_supports("sha") && __builtin_cpu_supports("sse4.1") &&
        __builtin_cpu_supports("ssse3"))
        s->blocks = blocks_x86;
#endif
}

static void sha_update(Sha *s, const uint8_t *p, size_t n)
{
    s->len += n;
    while (n) {
        if (s->nbuf == 0 && n >= 64) {
            s->blocks(s->h, p, n / 64);
            p += n / 64 * 64;
            n %= 64;
            continue;
        }
        size_t k = 64 - s->nbuf < n ? 64 - s->nbuf : n;
        memcpy(s->buf + s->nbuf, p, k);
        s->nbuf += k;
        p += k;
        n -= k;
        if (s->nbuf == 64) {
            s->blocks(s->h, s->buf, 1);
            s->nbuf = 0;
        }
    }
}

static void sha_final(Sha *s, uint8_t out[32])
{
    uint64_t bits = s->len * 8;
    uint8_t pad = 0x80, zero = 0, lenb[8];
    sha_update(s, &pad, 1);
    while (s->nbuf != 56)
        sha_update(s, &zero, 1);
    for (int i = 0; i < 8; i++)
        lenb[i] = (uint8_t)(bits >> (56 - 8 * i));
    sha_update(s, lenb, 8);
    for (int i = 0; i < 8; i++) {
        out[4 * i] = (uint8_t)(s->h[i] >> 24);
        out[4 * i + 1] = (uint8_t)(s->h[i] >> 16);
        out[4 * i + 2] = (uint8_t)(s->h[i] >> 8);
        out[4 * i + 3] = (uint8_t)s->h[i];
    }
}

void trace_sha256(const void *data, size_t len, uint8_t out[32])
{
    Sha s;
    sha_init(&s);
    sha_update(&s, data, len);
    sha_final(&s, out);
}

int trace_sha256_file(const char *path, uint8_t out[32])
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    Sha s;
    uint8_t buf[65536];
    size_t n;
    sha_init(&s);
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        sha_update(&s, buf, n);
    int bad = ferror(f);
    fclose(f);
    if (bad)
        return -1;
    sha_final(&s, out);
    return 0;
}
