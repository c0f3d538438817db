/* symbolize - addr2line-compatible address to source resolver (binutils 2.40 output format),
 * plus --columns (file:line:column).
 *
 *   symbolize -e FILE.elf [-f] [-i] [-a] [-p] [-s] [-C] [--columns] [ADDR...]
 *
 * With no ADDR on the command line, addresses are read from stdin, one per line. */
#include "symbolize.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <errno.h>
#include <getopt.h>
#include <malloc.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct Opts {
    bool functions, inlines, addresses, pretty, basenames, columns, dump_lines, demangle;
    int elfclass; /* of the ELF: 32 or 64 */
} Opts;

#ifdef SYMBOLIZE_HAVE_CXA_DEMANGLE
/* The Itanium C++ ABI demangler of libstdc++ (C linkage), the same code as binutils'. Loaded
 * on the first C++ name: linking libstdc++ cost every run ~0.6 ms of start-up. */
typedef char *(*CxaDemangle)(const char *mangled, char *buf, size_t *len, int *status);

static CxaDemangle cxa_demangle(void)
{
    static bool tried;
    static CxaDemangle fn;
    if (!tried) {
        tried = true;
        void *lib = dlopen(SYMBOLIZE_LIBSTDCXX, RTLD_NOW | RTLD_LOCAL);
        if (lib)
            *(void **)&fn = dlsym(lib, "__cxa_demangle");
    }
    return fn;
}
#endif

/* addr2line -C: C++ names (_Z...) demangled, anything else as it is. Returns NULL when the
 * name stays as it is, else a malloc'd string. */
static char *demangle(const char *name)
{
#ifdef SYMBOLIZE_HAVE_CXA_DEMANGLE
    CxaDemangle fn;
    if (name[0] == '_' && name[1] == 'Z' && (fn = cxa_demangle()) != NULL) {
        int status = 0;
        char *d = fn(name, NULL, NULL, &status);
        if (status == 0)
            return d;
        free(d);
    }
#else
    (void)name;
#endif
    return NULL;
}

static void usage(FILE *out)
{
    fputs("Usage: symbolize [-e FILE.elf] [-f] [-i] [-a] [-p] [-s] [-C] [--columns] "
          "[ADDR...]\n"
          "Convert addresses into function names and file:line (addr2line compatible).\n"
          "  -e, --exe=FILE       ELF file (default a.out)\n"
          "  -f, --functions      show function names\n"
          "  -i, --inlines        unwind inlined functions\n"
          "  -a, --addresses      show addresses\n"
          "  -p, --pretty-print   one line per address\n"
          "  -s, --basenames      strip directory names\n"
          "  -C, --demangle       demangle C++ names\n"
          "      --columns        print file:line:column\n"
          "      --dump-lines     print every line-table row (address line column\n"
          "                       discriminator view flags file), CU by CU\n"
          "Addresses are hexadecimal; with none given they are read from stdin.\n",
          out);
}

/* hex digit values + 1 by character, 0 for anything else (filled in main) */
static unsigned char hexdig[256];

static int hexval(int ch) { return hexdig[ch] - 1; }

static void hexdig_init(void)
{
    for (int ch = 0; ch < 256; ch++)
        hexdig[ch] = (unsigned char)(ch >= '0' && ch <= '9'   ? ch - '0' + 1
                                     : ch >= 'a' && ch <= 'f' ? ch - 'a' + 11
                                     : ch >= 'A' && ch <= 'F' ? ch - 'A' + 11
                                                              : 0);
}

/* binutils: strtoul(.., 16), then the value is cut to the ELF address size. The common form
 * ([0x]hex digits) is parsed here; signs and overflow go to strtoull for its exact rules. */
static uint64_t parse_addr(const char *s, int elfclass)
{
    const char *p = s;
    while (*p == ' ' || *p == '\t')
        p++;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && hexval((unsigned char)p[2]) >= 0)
        p += 2;
    uint64_t pc = 0;
    int n = 0, d;
    while ((d = hexval((unsigned char)p[n])) >= 0 && n < 16) {
        pc = pc << 4 | (uint64_t)d;
        n++;
    }
    if (n == 0 || hexval((unsigned char)p[n]) >= 0)
        pc = strtoull(s, NULL, 16);
    if (elfclass == 32)
        pc &= 0xffffffffu;
    return pc;
}

/* binutils 2.40 (bfd/dwarf2.c, end of _bfd_dwarf2_find_nearest_line) names a function whose
 * DWARF name is not final (not C-like language, no linkage name) by the ELF symbol at the
 * address instead, and remembers that: if the symbol starts where the function does, the
 * function is renamed to the symbol for good; either way the DWARF (or new) name is used from
 * then on. The answer thus depends on the order of the queries; we reproduce it here so that
 * a batch prints exactly what addr2line prints. The library itself always gives DWARF names. */
typedef struct BfdNames {
    const SymFunction *funcs; /* sym_functions() */
    unsigned char *settled;
    const char **renamed;
    /* bfd's elf_find_function cache: the symbol found last is reused for any address of the
     * same section inside [value, value + size) (size 1 if 0), even if a closer symbol
     * exists; the first lookup takes the highest symbol at or below the address. */
    const SymSection *cache_sec;
    const SymSymbol *cache_sym;
} BfdNames;

static const SymSymbol *bfd_find_function(const SymFile *f, BfdNames *st, uint64_t pc)
{
    const SymSection *sec = sym_section_at(f, pc);
    const SymSymbol *c = st->cache_sym;
    if (sec == st->cache_sec && c && pc >= c->value && pc - c->value < (c->size ? c->size : 1))
        return c;
    st->cache_sec = sec;
    st->cache_sym = sym_symbol_at(f, pc);
    return st->cache_sym;
}

static const char *bfd_function_name_slow(const SymFile *f, BfdNames *st, const SymFrame *fr,
                                          uint64_t pc, bool innermost)
{
    if (fr->func == SYM_NONE) {
        if (!innermost || !fr->function)
            return fr->function;
        const SymSymbol *s = bfd_find_function(f, st, pc); /* symbol-table name */
        return s ? s->name : fr->function;
    }
    const SymFunction *fn = &st->funcs[fr->func];
    if (fn->linkage_name) /* (never renamed: its entries of st stay untouched, unmapped) */
        return fn->name;
    const char *cur = st->renamed[fr->func] ? st->renamed[fr->func] : fn->name;
    if (!innermost || st->settled[fr->func])
        return cur;
    st->settled[fr->func] = 1;
    const SymSymbol *s = bfd_find_function(f, st, pc);
    if (!s)
        return cur;
    if (fn->range_count && s->value == fn->ranges[0].lo)
        st->renamed[fr->func] = s->name;
    return s->name;
}

/* the usual case (a name that is final: C) here, the rest in bfd_function_name_slow */
static inline const char *bfd_function_name(const SymFile *f, BfdNames *st, const SymFrame *fr,
                                            uint64_t pc, bool innermost)
{
    if (fr->func != SYM_NONE && st->funcs[fr->func].linkage_name)
        return st->funcs[fr->func].name;
    return bfd_function_name_slow(f, st, fr, pc, innermost);
}

/* Output: one buffer of our own, written with write(2) when it is full and before every read
 * of stdin that may block (so that symbolize works as a coprocess like addr2line, which
 * flushes after every address, without a write per address). stdio is left to --dump-lines
 * and the messages. */
typedef struct Out {
    char buf[1 << 18];
    size_t len;
    bool failed;
} Out;

static Out out;

static void out_flush(void)
{
    size_t done = 0;
    while (done < out.len && !out.failed) {
        ssize_t k = write(1, out.buf + done, out.len - done);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            out.failed = true;
        else
            done += (size_t)k;
    }
    out.len = 0;
}

/* out_put() when the buffer is full */
static void out_put_slow(const char *s, size_t n)
{
    out_flush();
    if (n > sizeof out.buf) { /* a huge memo: straight through */
        for (size_t done = 0; done < n && !out.failed;) {
            size_t k = n - done < sizeof out.buf ? n - done : sizeof out.buf;
            memcpy(out.buf, s + done, k);
            out.len = k;
            out_flush();
            done += k;
        }
        return;
    }
    memcpy(out.buf + out.len, s, n);
    out.len += n;
}

static inline void out_put(const char *s, size_t n)
{
    if (out.len + n > sizeof out.buf) {
        out_put_slow(s, n);
        return;
    }
    memcpy(out.buf + out.len, s, n);
    out.len += n;
}

/* Output of the previous address: consecutive instructions mostly resolve to the same frames,
 * so the text is reused instead of formatted again (this is most of the CLI's speed). */
enum { MAXF = 64 };

typedef struct Memo {
    size_t n;
    struct {
        const char *name, *file;
        uint32_t line, column;
    } fr[MAXF]; /* (one array of records: GCC made the copies of separate arrays rep movsq,
                 * whose start-up cost was a third of translate()'s time) */
    uint32_t discr;
    char *buf;
    size_t len, cap;
    bool valid;
    /* every address in [lo, hi) prints buf: the library's span of the same frames, when the
     * names printed do not depend on the address (no bfd_function_name state change) */
    uint64_t lo, hi;
} Memo;

/* room for N more bytes in the memo text */
static char *memo_room(Memo *m, size_t n)
{
    if (m->len + n > m->cap) {
        size_t nc = (m->len + n) * 2;
        char *nb = realloc(m->buf, nc);
        if (!nb) {
            fputs("symbolize: out of memory\n", stderr);
            exit(1);
        }
        m->buf = nb;
        m->cap = nc;
    }
    return m->buf + m->len;
}

static char *put_str(char *p, const char *s, size_t n)
{
    memcpy(p, s, n);
    return p + n;
}

/* V in decimal at P, two digits per step from a table. The digits go straight to their
 * place: building them in a small array and copying that made the copy's wide load wait for
 * the byte stores (a store-forwarding stall, 7% of the CLI's time in perf). */
static char *put_u32(char *p, uint32_t v)
{
    static const char d2[201] = "00010203040506070809101112131415161718192021222324252627282930"
                                "31323334353637383940414243444546474849505152535455565758596061"
                                "62636465666768697071727374757677787980818283848586878889909192"
                                "93949596979899";
    int n = v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10000 ? 4 : 5;
    for (uint32_t t = v / 100000; t; t /= 10)
        n++;
    char *e = p + n;
    while (v >= 100) {
        uint32_t k = (v % 100) * 2;
        v /= 100;
        *--e = d2[k + 1];
        *--e = d2[k];
    }
    if (v >= 10) {
        *--e = d2[v * 2 + 1];
        *--e = d2[v * 2];
    } else {
        *--e = (char)('0' + v);
    }
    return p + n;
}

/* strlen of a string that stays put (names and paths of the SymFile, constants): the same few
 * come back query after query, so their lengths are kept in a small cache by address */
static size_t cached_len(const char *s)
{
    static struct {
        const char *s;
        size_t n;
    } c[256];
    size_t k = ((uintptr_t)s >> 3) & 255;
    if (c[k].s != s) {
        c[k].s = s;
        c[k].n = strlen(s);
    }
    return c[k].n;
}

/* the text of frames FR[0..N) with names NAMES into the memo */
static void format_frames(Memo *m, const Opts *o, const SymFrame *fr, const char *const *names,
                          size_t n)
{
    m->len = 0;
    for (size_t i = 0; i < n; i++) {
        char *d = o->functions && o->demangle ? demangle(names[i]) : NULL;
        const char *name = d ? d : names[i];
        const char *file = fr[i].file;
        if (o->basenames && file && strrchr(file, '/'))
            file = strrchr(file, '/') + 1;
        if (!file)
            file = "??";
        size_t nlen = !o->functions ? 0 : d ? strlen(d) : cached_len(name);
        size_t flen = cached_len(file);
        /* name, file and the fixed text: " (inlined by) ", " at ", 3 numbers, discriminator */
        char *p = memo_room(m, nlen + flen + 96), *p0 = p;
        if (i > 0 && o->pretty)
            p = put_str(p, " (inlined by) ", 14);
        if (o->functions) {
            p = put_str(p, name, nlen);
            p = o->pretty ? put_str(p, " at ", 4) : put_str(p, "\n", 1);
        }
        if (d)
            free(d);
        p = put_str(p, file, flen);
        *p++ = ':';
        if (fr[i].line == 0) {
            p = put_str(p, "?\n", 2);
        } else {
            p = put_u32(p, fr[i].line);
            if (o->columns && fr[i].column) {
                *p++ = ':';
                p = put_u32(p, fr[i].column);
            }
            /* binutils prints the discriminator of the innermost position on every frame */
            if (fr[0].discriminator) {
                p = put_str(p, " (discriminator ", 16);
                p = put_u32(p, fr[0].discriminator);
                *p++ = ')';
            }
            *p++ = '\n';
        }
        m->len += (size_t)(p - p0);
    }
}

static void translate(const SymFile *f, BfdNames *st, Memo *m, const Opts *o, uint64_t pc)
{
    SymFrame fr[MAXF];
    if (o->addresses) { /* "0x%08lx" / "0x%016lx" as bfd_printf_vma, then ": " or "\n" */
        static const char hex[] = "0123456789abcdef";
        char a[24];
        int w = o->elfclass == 64 ? 16 : 8, n = 0;
        a[n++] = '0';
        a[n++] = 'x';
        for (int i = w - 1; i >= 0; i--)
            a[n++] = hex[(pc >> (4 * i)) & 15];
        if (o->pretty) {
            a[n++] = ':';
            a[n++] = ' ';
        } else {
            a[n++] = '\n';
        }
        out_put(a, (size_t)n);
    }
    if (pc >= m->lo && pc < m->hi) {
        out_put(m->buf, m->len);
        return;
    }
    uint64_t lo, hi;
    size_t n = sym_frames_span(f, pc, fr, MAXF, &lo, &hi, o->columns ? 0 : SYM_SPAN_ANY_COLUMN);
    m->lo = m->hi = 0;
    if (n == 0) {
        if (o->functions)
            out_put(o->pretty ? "?? " : "??\n", 3);
        out_put("??:0\n", 5);
        return;
    }
    /* bfd always names the function (its caches change with every query), with -f or not;
     * once its name is settled, it is the same for every address of the span */
    bool stable = fr[0].func != SYM_NONE &&
                  (st->funcs[fr[0].func].linkage_name || st->settled[fr[0].func]);
    const char *name0 = bfd_function_name(f, st, &fr[0], pc, true);
    if (fr[0].func == SYM_NONE && !sym_row_at(f, pc))
        fr[0].file = st->cache_sym ? st->cache_sym->file : NULL; /* STT_FILE of the symbol */
    if (!o->inlines)
        n = 1;
    if (n > MAXF)
        n = MAXF;
    const char *names[MAXF];
    for (size_t i = 0; i < n; i++) {
        names[i] = i == 0 ? name0 : bfd_function_name(f, st, &fr[i], pc, false);
        if (!names[i] || !*names[i])
            names[i] = "??";
    }
    bool same = m->valid && m->n == n && m->discr == fr[0].discriminator;
    for (size_t i = 0; same && i < n; i++)
        same = m->fr[i].name == names[i] && m->fr[i].file == fr[i].file &&
               m->fr[i].line == fr[i].line && (!o->columns || m->fr[i].column == fr[i].column);
    if (!same) {
        m->n = n;
        m->discr = fr[0].discriminator;
        m->valid = true;
        for (size_t i = 0; i < n; i++) {
            m->fr[i].name = names[i];
            m->fr[i].file = fr[i].file;
            m->fr[i].line = fr[i].line;
            m->fr[i].column = fr[i].column;
        }
        format_frames(m, o, fr, names, n);
    }
    if (stable) {
        m->lo = lo;
        m->hi = hi;
    }
    out_put(m->buf, m->len);
}

/* stdin, line by line as fgets(line, 256) cuts it; the output is flushed before every read
 * that may block */
typedef struct LineReader {
    char buf[(1 << 16) + 8]; /* + a NUL after the data (stops next_addr's digit scan) and
                              * room for hex8's 8-byte read from any position up to it */
    size_t pos, len;
    bool eof;
} LineReader;

static bool read_line(LineReader *r, char *line, size_t cap)
{
    size_t n = 0;
    while (n + 1 < cap) {
        if (r->pos == r->len) {
            if (r->eof)
                break;
            out_flush();
            ssize_t k;
            do
                k = read(0, r->buf, sizeof r->buf - 8);
            while (k < 0 && errno == EINTR);
            if (k <= 0) {
                r->eof = true;
                break;
            }
            r->pos = 0;
            r->len = (size_t)k;
            r->buf[k] = 0;
        }
        /* the rest of the line, or of what fits, in one copy */
        size_t want = cap - 1 - n, have = r->len - r->pos;
        size_t take = want < have ? want : have;
        const char *nl = memchr(r->buf + r->pos, '\n', take);
        if (nl)
            take = (size_t)(nl - (r->buf + r->pos)) + 1;
        memcpy(line + n, r->buf + r->pos, take);
        n += take;
        r->pos += take;
        if (nl)
            break;
    }
    line[n] = 0;
    return n > 0;
}

/* The usual address line from P: 1 to 7 hexadecimal digits (0-9, a-f) and '\n', told and
 * converted 8 bytes at a time (SWAR: each byte tested against the ranges in parallel; valid
 * for bytes below 0x80, which is checked first). Returns the number of digits, or 0 for
 * anything else (the caller's byte loop handles that). */
static int hex8(const char *p, uint64_t *val)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    uint64_t w;
    memcpy(&w, p, 8);
    if (w & high)
        return 0;
    /* per byte b < 0x80: (b | 0x80) - lo keeps the top bit iff b >= lo; (0x80 + hi) - b iff
     * b <= hi; no borrow crosses a byte either way */
    uint64_t digit = ((w | high) - 0x30 * ones) & ((high + 0x39 * ones) - w) & high;
    uint64_t alpha = ((w | high) - 0x61 * ones) & ((high + 0x66 * ones) - w) & high;
    uint64_t other = ~(digit | alpha) & high;
    if (!other)
        return 0; /* 8 digits or more */
    int n = __builtin_ctzll(other) >> 3; /* digits before the first other byte */
    if (n == 0 || ((w >> (8 * n)) & 0xff) != '\n')
        return 0;
    /* digit values (a-f have bit 6 set: + 9), the first digit in the top byte, then in
     * reverse so that byte j is the digit of weight 16^j, then packed 4 bits each */
    uint64_t x = (w & 0x0f0f0f0f0f0f0f0full) + ((w >> 6) & ones) * 9;
    x = __builtin_bswap64(x << (8 * (8 - n)));
    x = (x | (x >> 4)) & 0x00ff00ff00ff00ffull;
    x = (x | (x >> 8)) & 0x0000ffff0000ffffull;
    x = (x | (x >> 16)) & 0x00000000ffffffffull;
    *val = x;
    return n;
#else
    (void)p;
    (void)val;
    return 0;
#endif
}

/* The next address from stdin. The usual line, "[0x]HEX\n" with at most 16 digits, is parsed
 * where it lies in the buffer (this was a third of the CLI's own work); anything else (blanks,
 * signs, long lines, a line cut by the end of the buffer) goes through read_line and
 * parse_addr, which give the same value for the usual line. */
static bool next_addr(LineReader *r, int elfclass, uint64_t *pc)
{
    const char *p = r->buf + r->pos; /* (buf[len] is 0) */
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && hexval((unsigned char)p[2]) >= 0)
        p += 2;
    uint64_t v = 0;
    int n8 = hex8(p, &v);
    if (n8) {
        r->pos = (size_t)(p + n8 + 1 - r->buf);
        *pc = elfclass == 32 ? v & 0xffffffffu : v;
        return true;
    }
    const char *digits = p;
    for (unsigned d; (d = hexdig[(unsigned char)*p]) != 0; p++)
        v = v << 4 | (d - 1);
    if (p > digits && p - digits <= 16 && *p == '\n') {
        r->pos = (size_t)(p + 1 - r->buf);
        *pc = elfclass == 32 ? v & 0xffffffffu : v;
        return true;
    }
    char line[256];
    if (!read_line(r, line, sizeof line))
        return false;
    *pc = parse_addr(line, elfclass);
    return true;
}

static void dump_lines(const SymFile *f)
{
    size_t n;
    const SymLineRow *rows = sym_rows(f, &n);
    for (size_t c = 0; c < sym_cu_count(f); c++) {
        const SymCu *cu = sym_cu(f, c);
        printf("CU 0x%llx %s\n", (unsigned long long)cu->offset, cu->name ? cu->name : "");
        for (size_t i = cu->first_row; i < cu->first_row + cu->row_count; i++) {
            const SymLineRow *r = &rows[i];
            printf("0x%016llx %u %u %u %u %s%s%s%s %s\n", (unsigned long long)r->addr, r->line,
                   r->column, r->discriminator, r->view,
                   r->flags & SYM_ROW_STMT ? "S" : "-",
                   r->flags & SYM_ROW_BASIC_BLOCK ? "B" : "-",
                   r->flags & SYM_ROW_PROLOGUE_END ? "P" : "-",
                   r->flags & SYM_ROW_END_SEQUENCE ? "E" : "-", sym_file_path(f, r->file));
        }
    }
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"exe", required_argument, NULL, 'e'},
        {"functions", no_argument, NULL, 'f'},
        {"inlines", no_argument, NULL, 'i'},
        {"addresses", no_argument, NULL, 'a'},
        {"pretty-print", no_argument, NULL, 'p'},
        {"basenames", no_argument, NULL, 's'},
        {"demangle", optional_argument, NULL, 'C'},
        {"columns", no_argument, NULL, 'c'},
        {"dump-lines", no_argument, NULL, 'L'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    Opts o = {0};
    hexdig_init();
    const char *exe = "a.out";
    int ch;
    while ((ch = getopt_long(argc, argv, "e:fiapsCHhV", longopts, NULL)) != -1) {
        switch (ch) {
        case 'e': exe = optarg; break;
        case 'f': o.functions = true; break;
        case 'i': o.inlines = true; break;
        case 'a': o.addresses = true; break;
        case 'p': o.pretty = true; break;
        case 's': o.basenames = true; break;
        case 'C': o.demangle = true; break;
        case 'c': o.columns = true; break;
        case 'L': o.dump_lines = true; break;
        case 'h':
        case 'H': usage(stdout); return 0;
        case 'V': printf("symbolize (emucov) %s\n", EMUCOV_VERSION); return 0;
        default: usage(stderr); return 2;
        }
    }
    /* The freed top of the heap is kept: sym_open allocates and frees temporary arrays CU
     * after CU, and glibc's default (give back all above 128 KB at every free) made each of
     * them take its pages again (about 80 brk calls and 300 page faults on a large ELF). */
    (void)mallopt(M_TRIM_THRESHOLD, 256 << 20);
    char err[512];
    SymFile *f = sym_open(exe, err, sizeof err);
    if (!f) {
        fprintf(stderr, "symbolize: %s\n", err);
        return 1;
    }
    o.elfclass = sym_elf_class(f);
    size_t nfuncs;
    const SymFunction *funcs = sym_functions(f, &nfuncs);
    BfdNames st = {.funcs = funcs,
                   .settled = calloc(nfuncs + 1, 1),
                   .renamed = calloc(nfuncs + 1, sizeof(const char *))};
    if (!st.settled || !st.renamed) {
        fputs("symbolize: out of memory\n", stderr);
        return 1;
    }
    Memo memo = {0};
    static char outbuf[1 << 20];
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
    if (o.dump_lines) {
        dump_lines(f);
    } else if (optind < argc) {
        for (int i = optind; i < argc; i++)
            translate(f, &st, &memo, &o, parse_addr(argv[i], o.elfclass));
    } else {
        static LineReader in;
        uint64_t pc;
        /* Into a pipe: room for a whole output buffer (F_SETPIPE_SZ, 64 KB by default), so
         * that a write sleeps once at most instead of at every 64 KB the reader takes (up to
         * 8 ms less wall time in bench_symbolize.py's pipe). If refused, nothing changes. */
        struct stat so;
        if (fstat(1, &so) == 0 && S_ISFIFO(so.st_mode)) {
            int cur = fcntl(1, F_GETPIPE_SZ);
            if (cur >= 0 && (size_t)cur < sizeof out.buf) /* (never shrunk) */
                (void)fcntl(1, F_SETPIPE_SZ, (int)sizeof out.buf);
        }
        while (next_addr(&in, o.elfclass, &pc)) {
            /* inside the span of the last answer: its text again (most addresses) */
            if (pc >= memo.lo && pc < memo.hi && !o.addresses) {
                out_put(memo.buf, memo.len);
                continue;
            }
            translate(f, &st, &memo, &o, pc);
        }
    }
    out_flush();
    /* The process ends here: nothing is freed or unmapped one piece at a time (sym_close
     * would munmap each large array and the ELF; the kernel drops the whole address space at
     * once anyway), and there are no atexit handlers of ours. */
    _exit(fflush(stdout) == 0 && !out.failed ? 0 : 1);
}
