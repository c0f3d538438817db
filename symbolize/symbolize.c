/* symbolize.c - ELF (libelf) + DWARF 2-5 into sorted lookup arrays.
 *
 * Reading: libelf maps the file (sections, symbols). Line programs are decoded here (see
 * "line programs": libdwarf 20210528 was slow at it and misreads the DWARF 5 initial file
 * register). DIEs are read by a small .debug_info reader ("fast .debug_info reader") for the
 * common case, and by libdwarf otherwise: libdwarf is the fallback for anything unusual and
 * the source of the error messages for damaged DWARF (dwarf_init_b with a handler that never
 * exits). SYMBOLIZE_LIBDWARF=1 in the environment forces the libdwarf path (tests run both).
 *
 * addr2line compatibility: the lookup rules below reproduce binutils 2.40 (bfd/dwarf2.c and
 * bfd/elf.c), because users trust addr2line and our tests compare against it:
 *  - a CU is tried if one of its DW_AT_low_pc/high_pc/ranges covers the address, or if it has
 *    none at all; CUs are tried in .debug_info order; the first one that knows a line row or a
 *    function for the address wins;
 *  - line rows: per sequence, a row followed by another at the same address is dropped (only
 *    the last row at an address counts, PR ld/4986); sequences are sorted by start address,
 *    nested ones dropped and overlapping ones trimmed; the row found must not be the last one
 *    (end_sequence) of its sequence;
 *  - function: among subprograms and inlined copies of the CU, the one whose single range
 *    covering the address is the shortest; on a tie the later DIE;
 *  - inlined frames only follow when that innermost function is an inlined copy;
 *  - file names: DW_AT_comp_dir / include directory / file name, not normalised; DWARF 4 file
 *    0 is "<unknown>", DWARF 5 indexes files and directories from 0;
 *  - with no DWARF function the ELF symbol table names the function (highest FUNC/NOTYPE
 *    symbol at or below the address in the same section, mapping symbols excluded).
 */
#include "symbolize.h"

#include <dwarf.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libdwarf.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---------------------------------------------------------------------------------------- */
/* small growable arrays and a string interner                                              */

#define VEC(T) struct { T *v; size_t n, cap; }
#define VEC_PUSH(vec, item)                                                                \
    do {                                                                                   \
        if ((vec).n == (vec).cap) {                                                        \
            size_t nc_ = (vec).cap ? (vec).cap * 2 : 16;                                   \
            void *nv_ = realloc((vec).v, nc_ * sizeof *(vec).v);                           \
            if (!nv_) {                                                                    \
                fputs("symbolize: out of memory\n", stderr);                               \
                abort();                                                                   \
            }                                                                              \
            (vec).v = nv_;                                                                 \
            (vec).cap = nc_;                                                               \
        }                                                                                  \
        (vec).v[(vec).n++] = (item);                                                       \
    } while (0)

static void *xmalloc(size_t n)
{
    void *p = calloc(1, n ? n : 1);
    if (!p) {
        fputs("symbolize: out of memory\n", stderr);
        abort();
    }
    return p;
}

/* qsort that accepts an empty (NULL) array */
static void sort_n(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    if (n > 1)
        qsort(base, n, size, cmp);
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = xmalloc(n);
    memcpy(p, s, n);
    return p;
}

/* Interned strings: id -> owned string, open-addressing hash on the text. */
typedef struct StrTab {
    VEC(char *) str;
    uint32_t *slot; /* id + 1, 0 = empty */
    size_t nslot;
} StrTab;

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static uint32_t strtab_intern(StrTab *t, const char *s)
{
    if (t->str.n * 2 + 2 > t->nslot) {
        size_t ns = t->nslot ? t->nslot * 2 : 256;
        uint32_t *nslot = xmalloc(ns * sizeof *nslot);
        for (size_t i = 0; i < t->str.n; i++) {
            size_t j = hash_str(t->str.v[i]) & (ns - 1);
            while (nslot[j])
                j = (j + 1) & (ns - 1);
            nslot[j] = (uint32_t)i + 1;
        }
        free(t->slot);
        t->slot = nslot;
        t->nslot = ns;
    }
    size_t j = hash_str(s) & (t->nslot - 1);
    while (t->slot[j]) {
        if (strcmp(t->str.v[t->slot[j] - 1], s) == 0)
            return t->slot[j] - 1;
        j = (j + 1) & (t->nslot - 1);
    }
    VEC_PUSH(t->str, xstrdup(s));
    t->slot[j] = (uint32_t)t->str.n;
    return (uint32_t)t->str.n - 1;
}

static void strtab_free(StrTab *t)
{
    for (size_t i = 0; i < t->str.n; i++)
        free(t->str.v[i]);
    free(t->str.v);
    free(t->slot);
}

/* ---------------------------------------------------------------------------------------- */
/* the SymFile                                                                              */

typedef struct Seq {
    uint64_t lo, hi;      /* [lo, hi) after trimming */
    uint32_t first, count; /* slice of SymFile.lk (deduplicated row indices, incl. end row) */
} Seq;

typedef struct FuncSeg {
    uint64_t lo, hi;
    uint32_t func;
} FuncSeg;

typedef struct CuSeg {
    uint64_t lo, hi;
    uint32_t first, count; /* slice of SymFile.cuidx */
} CuSeg;

/* a range owned by something (function or CU) for the segment sweeps */
typedef struct Ev {
    uint64_t lo, hi, len;
    uint32_t id, order;
} Ev;

typedef struct CuInfo {
    uint32_t seq_first, seq_count;
    uint32_t fseg_first, fseg_count;
    uint32_t fmap_first, fmap_count; /* file number -> file id */
    bool has_ranges;
} CuInfo;

typedef struct RawSec {
    unsigned char *p;
    size_t n;
} RawSec;

typedef struct SymIdx {
    uint64_t value;
    uint64_t size;
    uint32_t sym; /* index into syms */
    uint32_t order;
} SymIdx;

typedef struct LineKey {
    uint32_t file, line, row;
} LineKey;

typedef struct NameKey {
    const char *name;
    uint32_t func;
} NameKey;

struct SymFile {
    int elfclass, machine;
    VEC(SymSection) secs;
    VEC(SymSymbol) syms;      /* sorted by value */
    VEC(SymIdx) fnsyms;       /* function-like symbols sorted (shndx, value, size desc, order) */
    VEC(uint16_t) fnsym_shndx;
    StrTab strings;           /* names: sections, symbols, DWARF names */
    StrTab files;             /* file paths; id 0 = "<unknown>" */
    VEC(SymCu) cus;
    VEC(CuInfo) cuinfo;
    VEC(SymLineRow) rows;
    VEC(uint32_t) lk;
    VEC(uint64_t) lkaddr;     /* rows.v[lk.v[i]].addr, contiguous for the binary search */
    VEC(Seq) seqs;
    VEC(uint32_t) fmap;
    VEC(SymFunction) funcs;
    VEC(SymRange) franges;
    VEC(FuncSeg) fsegs;
    VEC(Ev) curanges;         /* CU ranges, id = CU */
    VEC(CuSeg) cusegs;
    VEC(uint32_t) cuidx;
    VEC(uint32_t) norange_cus;
    VEC(LineKey) linekeys;
    VEC(NameKey) namekeys;
    bool indexed; /* linekeys and namekeys built (lazily) */
    uint64_t serial; /* identifies this SymFile for the per-thread lookup hint */
    RawSec debug_line, line_str, str; /* raw sections we decode ourselves, and */
    RawSec raw[6]; /* .debug_info, _abbrev, _addr, _str_offsets, _ranges, _rnglists: all point
                      into the libelf data of ELF, released at the end of sym_open */
    Elf *elf;
};

/* Last answer per thread: consecutive addresses (the usual batch) mostly fall in the same line
 * row and function segment, so the answer is reused while the address stays inside the span
 * where it provably holds (first candidate CU, same row, same function segment). */
typedef struct Hint {
    uint64_t serial, lo, hi;
    const SymLineRow *row;
    long func;
    /* for addresses a little further on in the same CU segment and line sequence: step
     * forward from the last row and function segment instead of searching again */
    bool step_ok;
    uint32_t cu;
    const void *seg, *seq;
    size_t k, fs;
    uint64_t last;
} Hint;
static _Thread_local Hint hint;
static uint64_t next_serial = 1;

/* ---------------------------------------------------------------------------------------- */
/* ELF part                                                                                 */

static const char *intern(SymFile *f, const char *s)
{
    uint32_t id = strtab_intern(&f->strings, s ? s : ""); /* may grow str.v */
    return f->strings.str.v[id];
}

static bool is_mapping_symbol(const SymFile *f, const char *name)
{
    if (name[0] != '$')
        return false;
    if (f->machine == EM_ARM) /* $a, $t, $d, optionally followed by ".suffix" */
        return (name[1] == 'a' || name[1] == 't' || name[1] == 'd') &&
               (name[2] == 0 || name[2] == '.');
    if (f->machine == EM_RISCV)
        return strcmp(name, "$d") == 0 || strcmp(name, "$x") == 0 ||
               strncmp(name, "$xrv", 4) == 0;
    return false;
}

static int cmp_fnsym(const void *a, const void *b)
{
    const SymIdx *x = a, *y = b;
    if (x->value != y->value)
        return x->value < y->value ? -1 : 1;
    if (x->size != y->size)
        return x->size > y->size ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* libdwarf 20210528 reads every .debug_rnglists / .debug_loclists unit header when it loads
 * .debug_info, and some malformed headers make it free memory twice (found by
 * tests/unit/symbolize damage tests). Check the unit headers (DWARF 5, section 7.28/7.29)
 * before libdwarf sees them. */
static bool list_headers_ok(SymFile *f, Elf_Scn *scn, const GElf_Shdr *sh, const char *name,
                            const char *path, char *err, size_t errlen)
{
    (void)f;
    if (sh->sh_type != SHT_PROGBITS || (sh->sh_flags & SHF_COMPRESSED))
        return true;
    Elf_Data *d = elf_getdata(scn, NULL);
    if (!d || !d->d_buf)
        return true;
    const unsigned char *p = d->d_buf;
    size_t n = d->d_size, off = 0;
    const char *why = NULL;
    while (off < n && !why) {
        size_t left = n - off;
        uint64_t len = 0, hdr = 4;
        unsigned offsz = 4;
        if (left < 4) {
            why = "truncated unit length";
            break;
        }
        len = (uint64_t)p[off] | (uint64_t)p[off + 1] << 8 | (uint64_t)p[off + 2] << 16 |
              (uint64_t)p[off + 3] << 24;
        if (len == 0xffffffffu) {
            if (left < 12) {
                why = "truncated unit length";
                break;
            }
            len = 0;
            for (int i = 0; i < 8; i++)
                len |= (uint64_t)p[off + 4 + i] << (8 * i);
            hdr = 12;
            offsz = 8;
        } else if (len >= 0xfffffff0u) {
            why = "reserved unit length";
            break;
        }
        if (len > left - hdr || len < 8) {
            why = "unit length beyond the section";
            break;
        }
        const unsigned char *u = p + off + hdr;
        unsigned version = u[0] | u[1] << 8, asz = u[2], seg = u[3];
        uint64_t count = (uint64_t)u[4] | (uint64_t)u[5] << 8 | (uint64_t)u[6] << 16 |
                         (uint64_t)u[7] << 24;
        if (version != 5)
            why = "unit version is not 5";
        else if (asz != 4 && asz != 8)
            why = "bad address size";
        else if (seg != 0)
            why = "segment selectors are not supported";
        else if (count > (len - 8) / offsz)
            why = "offset array beyond the unit";
        else
            for (uint64_t i = 0; i < count && !why; i++) {
                uint64_t o = 0;
                for (unsigned b = 0; b < offsz; b++)
                    o |= (uint64_t)u[8 + i * offsz + b] << (8 * b);
                if (o >= len - 8)
                    why = "offset entry beyond the unit";
            }
        if (!why)
            off += hdr + len;
    }
    if (why) {
        snprintf(err, errlen, "%s: damaged DWARF in %s at offset 0x%zx: %s", path, name, off,
                 why);
        return false;
    }
    return true;
}

static int read_elf(SymFile *f, Elf *elf, const char *path, char *err, size_t errlen)
{
    GElf_Ehdr eh;
    if (!gelf_getehdr(elf, &eh)) {
        snprintf(err, errlen, "%s: bad ELF header: %s", path, elf_errmsg(-1));
        return -1;
    }
    if (eh.e_ident[EI_DATA] != ELFDATA2LSB) { /* our DWARF decoders read little-endian */
        snprintf(err, errlen, "%s: big-endian ELF files are not supported", path);
        return -1;
    }
    f->elfclass = eh.e_ident[EI_CLASS] == ELFCLASS64 ? 64 : 32;
    f->machine = eh.e_machine;
    size_t shstrndx;
    if (elf_getshdrstrndx(elf, &shstrndx) != 0) {
        snprintf(err, errlen, "%s: bad ELF section header string table: %s", path,
                 elf_errmsg(-1));
        return -1;
    }
    VEC(SymSymbol) raw = {0};
    VEC(uint8_t) fnlike = {0};
    Elf_Scn *scn = NULL;
    while ((scn = elf_nextscn(elf, scn)) != NULL) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh)) {
            SymSection none = {intern(f, ""), 0, 0, 0, SHT_NULL};
            VEC_PUSH(f->secs, none);
            continue;
        }
        const char *nm = elf_strptr(elf, shstrndx, sh.sh_name);
        SymSection s = {intern(f, nm), sh.sh_addr, sh.sh_size, sh.sh_flags, sh.sh_type};
        VEC_PUSH(f->secs, s);
        RawSec *keep = NULL;
        if (nm && sh.sh_type == SHT_PROGBITS)
            keep = strcmp(nm, ".debug_line") == 0          ? &f->debug_line
                   : strcmp(nm, ".debug_line_str") == 0    ? &f->line_str
                   : strcmp(nm, ".debug_str") == 0         ? &f->str
                   : strcmp(nm, ".debug_info") == 0        ? &f->raw[0]
                   : strcmp(nm, ".debug_abbrev") == 0      ? &f->raw[1]
                   : strcmp(nm, ".debug_addr") == 0        ? &f->raw[2]
                   : strcmp(nm, ".debug_str_offsets") == 0 ? &f->raw[3]
                   : strcmp(nm, ".debug_ranges") == 0      ? &f->raw[4]
                   : strcmp(nm, ".debug_rnglists") == 0    ? &f->raw[5]
                                                           : NULL;
        if (keep && !keep->p) {
            if (sh.sh_flags & SHF_COMPRESSED)
                elf_compress(scn, 0, 0);
            Elf_Data *d = elf_getdata(scn, NULL);
            if (d && d->d_buf && d->d_size) {
                keep->p = d->d_buf; /* libelf's (mapped) data, valid until elf_end */
                keep->n = d->d_size;
            }
        }
        if (nm && (strcmp(nm, ".debug_rnglists") == 0 || strcmp(nm, ".debug_loclists") == 0) &&
            !list_headers_ok(f, scn, &sh, nm, path, err, errlen)) {
            free(raw.v);
            free(fnlike.v);
            return -1;
        }
        if (sh.sh_type != SHT_SYMTAB || raw.n)
            continue;
        Elf_Data *d = elf_getdata(scn, NULL);
        if (!d || sh.sh_entsize == 0)
            continue;
        size_t n = sh.sh_size / sh.sh_entsize;
        const char *file = NULL;
        enum { NOTHING_SEEN, SYMBOL_SEEN, FILE_AFTER_SYMBOL } state = NOTHING_SEEN;
        for (size_t i = 1; i < n; i++) {
            GElf_Sym es;
            if (!gelf_getsym(d, (int)i, &es))
                break;
            const char *name = elf_strptr(elf, sh.sh_link, es.st_name);
            if (!name)
                name = "";
            int type = GELF_ST_TYPE(es.st_info), bind = GELF_ST_BIND(es.st_info);
            if (type == STT_FILE) {
                file = intern(f, name);
                if (state == SYMBOL_SEEN)
                    state = FILE_AFTER_SYMBOL;
                continue;
            }
            if (state == NOTHING_SEEN)
                state = SYMBOL_SEEN;
            SymSymbol sy = {intern(f, name), es.st_value, es.st_size, (uint8_t)type,
                            (uint8_t)bind, es.st_shndx, NULL};
            if (file && (bind == STB_LOCAL || state != FILE_AFTER_SYMBOL))
                sy.file = file;
            if (f->machine == EM_ARM && type == STT_FUNC)
                sy.value &= ~(uint64_t)1; /* Thumb bit */
            /* bfd _bfd_elf_maybe_function_sym (+ ARM/RISC-V mapping symbol filters) */
            bool fn = type != STT_SECTION && type != STT_OBJECT && type != STT_TLS &&
                      es.st_shndx != SHN_UNDEF && es.st_shndx < SHN_LORESERVE &&
                      !(bind == STB_LOCAL && is_mapping_symbol(f, name)) &&
                      !(es.st_size == 0 && bind == STB_LOCAL && type == STT_NOTYPE &&
                        GELF_ST_VISIBILITY(es.st_other) == STV_HIDDEN);
            if (f->machine == EM_ARM && type != STT_FUNC && type != STT_NOTYPE &&
                type != STT_ARM_TFUNC)
                fn = false;
            VEC_PUSH(raw, sy);
            VEC_PUSH(fnlike, (uint8_t)fn);
        }
    }
    for (size_t i = 0; i < raw.n; i++) {
        if (!fnlike.v[i])
            continue;
        SymIdx x = {raw.v[i].value, raw.v[i].size ? raw.v[i].size : 1, (uint32_t)i,
                    (uint32_t)i};
        VEC_PUSH(f->fnsyms, x);
    }
    /* function-like symbols by (value, size desc, symtab order); the section is checked
     * while scanning (sym_symbol_at) */
    sort_n(f->fnsyms.v, f->fnsyms.n, sizeof *f->fnsyms.v, cmp_fnsym);
    for (size_t i = 0; i < f->fnsyms.n; i++)
        VEC_PUSH(f->fnsym_shndx, raw.v[f->fnsyms.v[i].sym].shndx);
    f->syms.v = raw.v;
    f->syms.n = raw.n;
    f->syms.cap = raw.cap;
    free(fnlike.v);
    return 0;
}

/* ---------------------------------------------------------------------------------------- */
/* DWARF part                                                                               */

typedef struct Ctx {
    SymFile *f;
    Dwarf_Debug dbg;
    const char *path;
    char *err;
    size_t errlen;
    bool failed;
    uint32_t cu;
    unsigned version;
    uint64_t cu_base;    /* CU DW_AT_low_pc: base of DWARF 4 range lists */
    uint64_t cu_offset;  /* of the CU header */
    uint64_t die_offset; /* DIE being read, for error messages */
    uint64_t line_offset; /* DW_AT_stmt_list of the CU, UINT64_MAX if none */
    bool c_like;          /* CU language does not mangle names (bfd mangle_style() == 0) */
    const char *section; /* ".debug_info" or ".debug_line" */
    /* offset -> name cache for abstract_origin / specification targets */
    uint64_t *ckey;
    const char **cval;
    size_t cslots, cused;
} Ctx;

static void dwarf_noabort(Dwarf_Error e, Dwarf_Ptr arg)
{
    (void)e;
    (void)arg; /* errors are returned through Dwarf_Error; never exit */
}

/* one line: libdwarf messages may contain newlines and runs of blanks */
static void one_line(char *s)
{
    char *w = s;
    for (char *r = s; *r; r++) {
        char ch = (*r == '\n' || *r == '\r' || *r == '\t') ? ' ' : *r;
        if (ch == ' ' && (w == s || w[-1] == ' '))
            continue;
        *w++ = ch;
    }
    while (w > s && w[-1] == ' ')
        w--;
    *w = 0;
}

static bool dwfail(Ctx *c, Dwarf_Error e, const char *what)
{
    if (!c->failed) {
        bool info = strcmp(c->section, ".debug_info") == 0;
        snprintf(c->err, c->errlen, "%s: damaged DWARF in %s at offset 0x%llx (%s): %s",
                 c->path, c->section,
                 (unsigned long long)(info ? c->die_offset : c->line_offset), what,
                 e ? dwarf_errmsg(e) : "inconsistent data");
        one_line(c->err);
    }
    c->failed = true;
    if (e)
        dwarf_dealloc_error(c->dbg, e);
    return false;
}

/* an error we can ignore (the caller falls back): free it, we do not let libdwarf track */
static void drop(Ctx *c, Dwarf_Error *e)
{
    if (*e)
        dwarf_dealloc_error(c->dbg, *e);
    *e = NULL;
}

static const char *cache_get(Ctx *c, uint64_t key, bool *found)
{
    *found = false;
    if (!c->cslots)
        return NULL;
    size_t j = (key * 0x9e3779b97f4a7c15ull) >> 20 & (c->cslots - 1);
    while (c->ckey[j]) {
        if (c->ckey[j] == key + 1) {
            *found = true;
            return c->cval[j];
        }
        j = (j + 1) & (c->cslots - 1);
    }
    return NULL;
}

static void cache_put(Ctx *c, uint64_t key, const char *val)
{
    if (c->cused * 2 + 2 > c->cslots) {
        size_t ns = c->cslots ? c->cslots * 2 : 1024;
        uint64_t *nk = xmalloc(ns * sizeof *nk);
        const char **nv = xmalloc(ns * sizeof *nv);
        for (size_t i = 0; i < c->cslots; i++) {
            if (!c->ckey[i])
                continue;
            size_t j = ((c->ckey[i] - 1) * 0x9e3779b97f4a7c15ull) >> 20 & (ns - 1);
            while (nk[j])
                j = (j + 1) & (ns - 1);
            nk[j] = c->ckey[i];
            nv[j] = c->cval[i];
        }
        free(c->ckey);
        free(c->cval);
        c->ckey = nk;
        c->cval = nv;
        c->cslots = ns;
    }
    size_t j = (key * 0x9e3779b97f4a7c15ull) >> 20 & (c->cslots - 1);
    while (c->ckey[j])
        j = (j + 1) & (c->cslots - 1);
    c->ckey[j] = key + 1;
    c->cval[j] = val;
    c->cused++;
}

/* Name of a DIE as bfd's find_abstract_instance reads it: linkage name first, else
 * DW_AT_name, else through DW_AT_abstract_origin / DW_AT_specification. */
/* Names travel tagged through the DIE readers: low bit set = bfd's "is_linkage" (a linkage
 * name, or DW_AT_name in a CU whose language does not mangle). Interned strings come from
 * malloc, so the low bit is free. */
#define NAME_TAG(p) ((const char *)((uintptr_t)(p) | 1u))
#define NAME_PTR(p) ((const char *)((uintptr_t)(p) & ~(uintptr_t)1))
#define NAME_IS_LINKAGE(p) (((uintptr_t)(p) & 1u) != 0)

static const char *die_name(Ctx *c, Dwarf_Die die, int depth);

static const char *ref_name(Ctx *c, Dwarf_Attribute at, int depth)
{
    Dwarf_Off off;
    Dwarf_Error e = NULL;
    if (depth > 16)
        return NULL;
    if (dwarf_global_formref(at, &off, &e) != DW_DLV_OK) {
        dwfail(c, e, "reference");
        return NULL;
    }
    bool found;
    const char *v = cache_get(c, off, &found);
    if (found)
        return v;
    Dwarf_Die t;
    int r = dwarf_offdie_b(c->dbg, off, 1, &t, &e);
    if (r != DW_DLV_OK) {
        dwfail(c, r == DW_DLV_ERROR ? e : NULL, "reference to a missing DIE");
        return NULL;
    }
    v = die_name(c, t, depth + 1);
    dwarf_dealloc_die(t);
    cache_put(c, off, v);
    return v;
}

static const char *die_name(Ctx *c, Dwarf_Die die, int depth)
{
    Dwarf_Attribute *attrs;
    Dwarf_Signed n;
    Dwarf_Error e = NULL;
    const char *name = NULL, *link = NULL;
    Dwarf_Attribute ref = NULL;
    int r = dwarf_attrlist(die, &attrs, &n, &e);
    if (r == DW_DLV_ERROR) {
        dwfail(c, e, "attributes");
        return NULL;
    }
    if (r != DW_DLV_OK)
        return NULL;
    for (Dwarf_Signed i = 0; i < n; i++) {
        Dwarf_Half an;
        if (dwarf_whatattr(attrs[i], &an, &e) != DW_DLV_OK) {
            dwfail(c, e, "attribute");
            continue;
        }
        char *s;
        if (an == DW_AT_name || an == DW_AT_linkage_name || an == DW_AT_MIPS_linkage_name) {
            if (dwarf_formstring(attrs[i], &s, &e) == DW_DLV_OK) {
                if (an == DW_AT_name)
                    name = s;
                else
                    link = s;
            } else {
                dwfail(c, e, "name string");
            }
        } else if ((an == DW_AT_abstract_origin || an == DW_AT_specification) && !ref) {
            ref = attrs[i];
        }
    }
    const char *res = NULL;
    if (link)
        res = NAME_TAG(intern(c->f, link));
    else if (name)
        res = c->c_like ? NAME_TAG(intern(c->f, name)) : intern(c->f, name);
    else if (ref && !c->failed)
        res = ref_name(c, ref, depth);
    for (Dwarf_Signed i = 0; i < n; i++)
        dwarf_dealloc_attribute(attrs[i]);
    dwarf_dealloc(c->dbg, attrs, DW_DLA_LIST);
    return res;
}

static void add_range(Ctx *c, uint64_t lo, uint64_t hi)
{
    if (hi > lo) {
        SymRange r = {lo, hi};
        VEC_PUSH(c->f->franges, r);
    }
}

/* DW_AT_ranges: DWARF 4 .debug_ranges (offsets from the CU base unless a base selection
 * entry says otherwise) or DWARF 5 .debug_rnglists (libdwarf "cooked" absolute values). */
static void read_ranges(Ctx *c, Dwarf_Die die, Dwarf_Attribute at)
{
    Dwarf_Error e = NULL;
    Dwarf_Half form;
    if (dwarf_whatform(at, &form, &e) != DW_DLV_OK) {
        dwfail(c, e, "DW_AT_ranges form");
        return;
    }
    if (c->version >= 5 || form == DW_FORM_rnglistx) {
        Dwarf_Unsigned val = 0;
        int r;
        if (form == DW_FORM_rnglistx) {
            r = dwarf_formudata(at, &val, &e);
        } else {
            Dwarf_Off off;
            r = dwarf_global_formref(at, &off, &e);
            val = off;
        }
        if (r != DW_DLV_OK) {
            dwfail(c, r == DW_DLV_ERROR ? e : NULL, "DW_AT_ranges value");
            return;
        }
        Dwarf_Rnglists_Head head;
        Dwarf_Unsigned count, goff;
        r = dwarf_rnglists_get_rle_head(at, form, val, &head, &count, &goff, &e);
        if (r != DW_DLV_OK) {
            dwfail(c, r == DW_DLV_ERROR ? e : NULL, ".debug_rnglists entry");
            return;
        }
        for (Dwarf_Unsigned i = 0; i < count; i++) {
            unsigned len, code;
            Dwarf_Unsigned raw1, raw2, lo, hi;
            Dwarf_Bool unavail = 0;
            if (dwarf_get_rnglists_entry_fields_a(head, i, &len, &code, &raw1, &raw2,
                                                  &unavail, &lo, &hi, &e) != DW_DLV_OK) {
                dwfail(c, e, ".debug_rnglists entry");
                break;
            }
            if (code == DW_RLE_end_of_list || code == DW_RLE_base_address ||
                code == DW_RLE_base_addressx || unavail)
                continue;
            add_range(c, lo, hi);
        }
        dwarf_dealloc_rnglists_head(head);
        return;
    }
    Dwarf_Off off, real;
    if (dwarf_global_formref(at, &off, &e) != DW_DLV_OK) {
        Dwarf_Unsigned u;
        if (e)
            dwarf_dealloc_error(c->dbg, e);
        e = NULL;
        if (dwarf_formudata(at, &u, &e) != DW_DLV_OK) {
            dwfail(c, e, "DW_AT_ranges offset");
            return;
        }
        off = u;
    }
    Dwarf_Ranges *rl;
    Dwarf_Signed n;
    Dwarf_Unsigned bytes;
    int r = dwarf_get_ranges_b(c->dbg, off, die, &real, &rl, &n, &bytes, &e);
    if (r != DW_DLV_OK) {
        dwfail(c, r == DW_DLV_ERROR ? e : NULL, ".debug_ranges list");
        return;
    }
    uint64_t base = c->cu_base;
    for (Dwarf_Signed i = 0; i < n; i++) {
        if (rl[i].dwr_type == DW_RANGES_END)
            break;
        if (rl[i].dwr_type == DW_RANGES_ADDRESS_SELECTION)
            base = rl[i].dwr_addr2;
        else
            add_range(c, base + rl[i].dwr_addr1, base + rl[i].dwr_addr2);
    }
    dwarf_ranges_dealloc(c->dbg, rl, n);
}

/* An unsigned constant of any form, DW_FORM_implicit_const included (DWARF 5 abbrevs, also
 * emitted by GCC 12 for -gdwarf-4 unless -gstrict-dwarf). */
static bool attr_udata(Ctx *c, Dwarf_Attribute at, Dwarf_Unsigned *u)
{
    Dwarf_Error e = NULL;
    Dwarf_Half form = 0;
    if (dwarf_whatform(at, &form, &e) != DW_DLV_OK)
        return dwfail(c, e, "attribute form");
    if (form != DW_FORM_implicit_const && dwarf_formudata(at, u, &e) == DW_DLV_OK)
        return true;
    if (e)
        dwarf_dealloc_error(c->dbg, e);
    e = NULL;
    Dwarf_Signed sv;
    if (dwarf_formsdata(at, &sv, &e) != DW_DLV_OK)
        return dwfail(c, e, "constant attribute");
    *u = (Dwarf_Unsigned)sv;
    return true;
}

/* Reads low/high pc and ranges of DIE into f->franges; also name and call site data. */
typedef struct DieInfo {
    const char *name;
    bool linkage;
    uint64_t call_file, call_line, call_column, discr, decl_file, decl_line;
    uint64_t low;
    bool has_low;
} DieInfo;

static void read_die(Ctx *c, Dwarf_Die die, DieInfo *di, bool want_name)
{
    Dwarf_Attribute *attrs;
    Dwarf_Signed n;
    Dwarf_Error e = NULL;
    memset(di, 0, sizeof *di);
    int r = dwarf_attrlist(die, &attrs, &n, &e);
    if (r == DW_DLV_ERROR) {
        dwfail(c, e, "attribute list");
        return;
    }
    if (r != DW_DLV_OK)
        return;
    const char *name = NULL, *link = NULL;
    Dwarf_Attribute ref = NULL, ranges = NULL, high = NULL;
    for (Dwarf_Signed i = 0; i < n && !c->failed; i++) {
        Dwarf_Half an;
        Dwarf_Unsigned u;
        char *s;
        if (dwarf_whatattr(attrs[i], &an, &e) != DW_DLV_OK) {
            dwfail(c, e, "attribute");
            break;
        }
        switch (an) {
        case DW_AT_name:
        case DW_AT_linkage_name:
        case DW_AT_MIPS_linkage_name:
            if (!want_name)
                break;
            if (dwarf_formstring(attrs[i], &s, &e) != DW_DLV_OK) {
                dwfail(c, e, "name string");
                break;
            }
            if (an == DW_AT_name)
                name = s;
            else
                link = s;
            break;
        case DW_AT_abstract_origin:
        case DW_AT_specification:
            if (!ref)
                ref = attrs[i];
            break;
        case DW_AT_low_pc: {
            Dwarf_Addr a;
            if (dwarf_formaddr(attrs[i], &a, &e) != DW_DLV_OK) {
                dwfail(c, e, "DW_AT_low_pc");
                break;
            }
            di->low = a;
            di->has_low = true;
            break;
        }
        case DW_AT_high_pc:
            high = attrs[i];
            break;
        case DW_AT_ranges:
            ranges = attrs[i];
            break;
        case DW_AT_call_file:
        case DW_AT_call_line:
        case DW_AT_call_column:
        case DW_AT_GNU_discriminator:
        case DW_AT_decl_file:
        case DW_AT_decl_line:
            if (!attr_udata(c, attrs[i], &u))
                break;
            if (an == DW_AT_call_file)
                di->call_file = u;
            else if (an == DW_AT_call_line)
                di->call_line = u;
            else if (an == DW_AT_call_column)
                di->call_column = u;
            else if (an == DW_AT_GNU_discriminator)
                di->discr = u;
            else if (an == DW_AT_decl_file)
                di->decl_file = u;
            else
                di->decl_line = u;
            break;
        default:
            break;
        }
    }
    if (!c->failed && high && di->has_low) {
        Dwarf_Addr hv;
        Dwarf_Half form;
        enum Dwarf_Form_Class cls;
        if (dwarf_highpc_b(die, &hv, &form, &cls, &e) != DW_DLV_OK) {
            dwfail(c, e, "DW_AT_high_pc");
        } else {
            uint64_t hi = cls == DW_FORM_CLASS_CONSTANT ? di->low + hv : hv;
            if (hi != 0) /* bfd ignores high_pc == 0 */
                add_range(c, di->low, hi);
        }
    }
    if (!c->failed && ranges)
        read_ranges(c, die, ranges);
    if (!c->failed && want_name) {
        const char *tn = NULL;
        if (link)
            tn = NAME_TAG(intern(c->f, link));
        else if (name)
            tn = c->c_like ? NAME_TAG(intern(c->f, name)) : intern(c->f, name);
        else if (ref)
            tn = ref_name(c, ref, 0);
        di->name = NAME_PTR(tn);
        di->linkage = NAME_IS_LINKAGE(tn);
    }
    for (Dwarf_Signed i = 0; i < n; i++)
        dwarf_dealloc_attribute(attrs[i]);
    dwarf_dealloc(c->dbg, attrs, DW_DLA_LIST);
}

static uint32_t map_file(Ctx *c, uint64_t fileno)
{
    CuInfo *ci = &c->f->cuinfo.v[c->cu];
    if (fileno < ci->fmap_count)
        return c->f->fmap.v[ci->fmap_first + fileno];
    return 0;
}

#define MAX_DEPTH 256

static void walk(Ctx *c, Dwarf_Die die, uint32_t parent, int depth)
{
    Dwarf_Error e = NULL;
    if (depth > MAX_DEPTH) {
        dwfail(c, NULL, "DIE tree nested too deeply");
        return;
    }
    Dwarf_Die cur = die;
    bool own = true; /* walk owns DIE and every sibling it fetches */
    while (cur && !c->failed) {
        Dwarf_Half tag;
        Dwarf_Off goff = 0;
        if (dwarf_dieoffset(cur, &goff, &e) != DW_DLV_OK)
            drop(c, &e);
        c->die_offset = goff;
        if (dwarf_tag(cur, &tag, &e) != DW_DLV_OK) {
            dwfail(c, e, "DIE tag");
            break;
        }
        uint32_t me = parent;
        bool descend = false;
        switch (tag) {
        case DW_TAG_subprogram:
        case DW_TAG_inlined_subroutine:
        case DW_TAG_entry_point: {
            size_t r0 = c->f->franges.n;
            DieInfo di;
            read_die(c, cur, &di, true);
            if (c->failed)
                break;
            SymFunction fn = {0};
            fn.name = di.name;
            fn.linkage_name = di.linkage;
            fn.cu = c->cu;
            fn.parent = parent;
            fn.inlined = tag == DW_TAG_inlined_subroutine;
            fn.call_file = fn.inlined ? map_file(c, di.call_file) : 0;
            fn.call_line = (uint32_t)di.call_line;
            fn.call_column = (uint32_t)di.call_column;
            fn.call_discriminator = (uint32_t)di.discr;
            fn.decl_file = di.decl_file ? map_file(c, di.decl_file) : 0;
            fn.decl_line = (uint32_t)di.decl_line;
            fn.ranges = (const SymRange *)(uintptr_t)r0; /* fixed up in finish() */
            fn.range_count = c->f->franges.n - r0;
            /* functions without code still count as parents of their nested copies (bfd) */
            VEC_PUSH(c->f->funcs, fn);
            me = (uint32_t)c->f->funcs.n - 1;
            descend = true;
            break;
        }
        /* Functions with code nest only in these. Member functions are declared inside
         * class types but their code is described at namespace or CU level (through
         * DW_AT_specification), so type DIEs are not entered. */
        case DW_TAG_lexical_block:
        case DW_TAG_namespace:
        case DW_TAG_module:
        case DW_TAG_try_block:
        case DW_TAG_catch_block:
            descend = true;
            break;
        default:
            break;
        }
        if (descend && !c->failed) {
            Dwarf_Die child;
            int r = dwarf_child(cur, &child, &e);
            if (r == DW_DLV_ERROR) {
                dwfail(c, e, "DIE children");
            } else if (r == DW_DLV_OK) {
                walk(c, child, me, depth + 1);
            }
        }
        if (c->failed)
            break;
        Dwarf_Die sib;
        int r = dwarf_siblingof_b(c->dbg, cur, 1, &sib, &e);
        if (own)
            dwarf_dealloc_die(cur);
        if (r == DW_DLV_ERROR) {
            dwfail(c, e, "DIE sibling");
            return;
        }
        cur = r == DW_DLV_OK ? sib : NULL;
        own = true;
    }
    if (own && cur)
        dwarf_dealloc_die(cur);
}

/* bfd concat_filename() */
static uint32_t make_path(SymFile *f, const char *comp_dir, const char *dir, const char *name)
{
    if (!name)
        return 0;
    if (name[0] == '/')
        return strtab_intern(&f->files, name);
    const char *dir_name = NULL, *sub = dir;
    if (!sub || sub[0] != '/')
        dir_name = comp_dir;
    if (!dir_name) {
        dir_name = sub;
        sub = NULL;
    }
    if (!dir_name)
        return strtab_intern(&f->files, name);
    size_t len = strlen(dir_name) + strlen(name) + (sub ? strlen(sub) + 1 : 0) + 2;
    char *buf = xmalloc(len);
    if (sub)
        snprintf(buf, len, "%s/%s/%s", dir_name, sub, name);
    else
        snprintf(buf, len, "%s/%s", dir_name, name);
    uint32_t id = strtab_intern(&f->files, buf);
    free(buf);
    return id;
}

/* ---- line programs -----------------------------------------------------------------------
 * We decode .debug_line ourselves (DWARF 2-5, section 6.2 of DWARF 5) instead of through
 * libdwarf's dwarf_srclines_b: libdwarf allocates an object per row and needs eight calls to
 * read one back, which made loading a large ELF several times slower than the lookups. Owning
 * the decoder also fixes the DWARF 5 initial file register: DWARF 5 (6.2.2, table 6.4) starts
 * every sequence with file = 1 as earlier versions do; libdwarf 20210528 and binutils 2.40
 * start DWARF 5 sequences with file 0 and name the wrong file when a producer relies on the
 * initial value (GCC 12 does at -O0 when a CU's first function comes from a header).
 * Every read is bounds-checked; damaged input gives an error naming the offset. */
typedef struct Rd {
    const unsigned char *base, *p, *end;
    bool bad;
} Rd;

static uint64_t rd_uleb(Rd *r)
{
    uint64_t v = 0;
    for (unsigned sh = 0; r->p < r->end; sh += 7) {
        unsigned char b = *r->p++;
        if (sh < 64)
            v |= (uint64_t)(b & 0x7f) << sh;
        if (!(b & 0x80))
            return v;
    }
    r->bad = true;
    return v;
}

static int64_t rd_sleb(Rd *r)
{
    uint64_t v = 0;
    unsigned sh = 0;
    unsigned char b = 0;
    while (r->p < r->end) {
        b = *r->p++;
        if (sh < 64)
            v |= (uint64_t)(b & 0x7f) << sh;
        sh += 7;
        if (!(b & 0x80)) {
            if (sh < 64 && (b & 0x40))
                v |= ~(uint64_t)0 << sh;
            return (int64_t)v;
        }
    }
    r->bad = true;
    return 0;
}

static uint64_t rd_fixed(Rd *r, unsigned n)
{
    uint64_t v = 0;
    if ((size_t)(r->end - r->p) < n) {
        r->bad = true;
        r->p = r->end;
        return 0;
    }
    for (unsigned i = 0; i < n && i < 8; i++) /* little-endian targets (ARM, RISC-V) */
        v |= (uint64_t)r->p[i] << (8 * i);
    r->p += n;
    return v;
}

static void rd_skip(Rd *r, uint64_t n)
{
    if ((uint64_t)(r->end - r->p) < n) {
        r->bad = true;
        r->p = r->end;
    } else {
        r->p += n;
    }
}

static const char *rd_cstr(Rd *r)
{
    const unsigned char *s = r->p;
    const unsigned char *z = memchr(s, 0, (size_t)(r->end - r->p));
    if (!z) {
        r->bad = true;
        r->p = r->end;
        return NULL;
    }
    r->p = z + 1;
    return (const char *)s;
}

static const char *sec_str(const RawSec *s, uint64_t off)
{
    if (!s->p || off >= s->n || !memchr(s->p + off, 0, s->n - off))
        return NULL;
    return (const char *)s->p + off;
}

/* one attribute of a DWARF 5 directory/file entry: a string (path) or a number */
static bool rd_form(Ctx *c, Rd *r, uint64_t form, unsigned offsz, const char **str,
                    uint64_t *num)
{
    SymFile *f = c->f;
    *str = NULL;
    *num = 0;
    switch (form) {
    case DW_FORM_string: *str = rd_cstr(r); break;
    case DW_FORM_line_strp: *str = sec_str(&f->line_str, rd_fixed(r, offsz)); break;
    case DW_FORM_strp: *str = sec_str(&f->str, rd_fixed(r, offsz)); break;
    case DW_FORM_udata: *num = rd_uleb(r); break;
    case DW_FORM_data1: *num = rd_fixed(r, 1); break;
    case DW_FORM_data2: *num = rd_fixed(r, 2); break;
    case DW_FORM_data4: *num = rd_fixed(r, 4); break;
    case DW_FORM_data8: *num = rd_fixed(r, 8); break;
    case DW_FORM_data16: rd_skip(r, 16); break;
    case DW_FORM_block: rd_skip(r, rd_uleb(r)); break;
    case DW_FORM_block1: rd_skip(r, rd_fixed(r, 1)); break;
    case DW_FORM_strx1: rd_skip(r, 1); break; /* .debug_str_offsets: not used by GCC here */
    case DW_FORM_strx2: rd_skip(r, 2); break;
    case DW_FORM_strx4: rd_skip(r, 4); break;
    case DW_FORM_strx: rd_uleb(r); break;
    default: return false;
    }
    return !r->bad;
}

typedef struct LineHdr {
    unsigned version, offsz, min_inst, max_ops, opcode_base, line_range;
    int line_base;
    bool default_stmt;
    const unsigned char *oplens;
} LineHdr;

static bool line_fail(Ctx *c, const Rd *r, const char *what)
{
    if (!c->failed)
        snprintf(c->err, c->errlen, "%s: damaged DWARF in .debug_line at offset 0x%llx: %s",
                 c->path, (unsigned long long)(r->p - r->base), what);
    c->failed = true;
    return false;
}

/* directories + files (DWARF 5 entry formats); fills f->fmap for the CU */
static bool read_v5_entries(Ctx *c, Rd *r, const LineHdr *h, const char *comp_dir)
{
    SymFile *f = c->f;
    VEC(const char *) dirs = {0};
    bool ok = false;
    for (int pass = 0; pass < 2; pass++) {
        unsigned nfmt = (unsigned)rd_fixed(r, 1);
        uint64_t fmt[2 * 16];
        if (nfmt > 16) {
            line_fail(c, r, "too many entry formats");
            goto out;
        }
        for (unsigned i = 0; i < 2 * nfmt; i++)
            fmt[i] = rd_uleb(r);
        uint64_t count = rd_uleb(r);
        if (r->bad || count > (uint64_t)(r->end - r->p)) {
            line_fail(c, r, "bad directory or file count");
            goto out;
        }
        for (uint64_t k = 0; k < count; k++) {
            const char *path = NULL;
            uint64_t dir = 0;
            for (unsigned i = 0; i < nfmt; i++) {
                const char *s;
                uint64_t v;
                if (!rd_form(c, r, fmt[2 * i + 1], h->offsz, &s, &v)) {
                    line_fail(c, r, "bad form in directory or file entry");
                    goto out;
                }
                if (fmt[2 * i] == DW_LNCT_path)
                    path = s;
                else if (fmt[2 * i] == DW_LNCT_directory_index)
                    dir = v;
            }
            if (pass == 0) {
                VEC_PUSH(dirs, path);
            } else {
                /* bfd concat_filename: directory 0 means the compilation directory */
                const char *d = dir != 0 && dir < dirs.n ? dirs.v[dir] : NULL;
                VEC_PUSH(f->fmap, path ? make_path(f, comp_dir, d, path) : 0);
            }
        }
    }
    ok = true;
out:
    free(dirs.v);
    return ok;
}

typedef VEC(const char *) StrVec;

static bool read_v4_entries(Ctx *c, Rd *r, const char *comp_dir, StrVec *dirs)
{
    SymFile *f = c->f;
    for (;;) {
        const char *d = rd_cstr(r);
        if (!d)
            return line_fail(c, r, "unterminated include_directories");
        if (!*d)
            break;
        VEC_PUSH(*dirs, d);
    }
    VEC_PUSH(f->fmap, 0); /* file 0: "<unknown>" before DWARF 5 */
    for (;;) {
        const char *name = rd_cstr(r);
        if (!name)
            return line_fail(c, r, "unterminated file_names");
        if (!*name)
            break;
        uint64_t dir = rd_uleb(r);
        rd_uleb(r);
        rd_uleb(r);
        if (r->bad)
            return line_fail(c, r, "truncated file entry");
        const char *d = dir != 0 && dir <= dirs->n ? dirs->v[dir - 1] : NULL;
        VEC_PUSH(f->fmap, make_path(f, comp_dir, d, name));
    }
    return true;
}

static int cmp_seq(const void *a, const void *b)
{
    const Seq *x = a, *y = b;
    if (x->lo != y->lo)
        return x->lo < y->lo ? -1 : 1;
    if (x->hi != y->hi)
        return x->hi > y->hi ? -1 : 1; /* longer first, as bfd compare_sequences */
    return x->count > y->count ? -1 : x->count < y->count;
}

/* a sequence is complete: its lookup rows keep only the last row at an address (bfd) */
static void close_sequence(SymFile *f, size_t seq_start)
{
    Seq s = {f->rows.v[seq_start].addr, f->rows.v[f->rows.n - 1].addr, (uint32_t)f->lk.n, 0};
    for (size_t k = seq_start; k < f->rows.n; k++) {
        const SymLineRow *rk = &f->rows.v[k];
        if (f->lk.n > s.first) {
            SymLineRow *prev = &f->rows.v[f->lk.v[f->lk.n - 1]];
            if (prev->addr == rk->addr &&
                (prev->flags & SYM_ROW_END_SEQUENCE) == (rk->flags & SYM_ROW_END_SEQUENCE)) {
                f->lk.v[f->lk.n - 1] = (uint32_t)k;
                f->lkaddr.v[f->lkaddr.n - 1] = rk->addr;
                continue;
            }
            if (rk->addr < prev->addr) /* not monotone: ignore the row for lookups */
                continue;
        }
        VEC_PUSH(f->lk, (uint32_t)k);
        VEC_PUSH(f->lkaddr, rk->addr);
    }
    s.count = (uint32_t)(f->lk.n - s.first);
    if (s.hi > s.lo)
        VEC_PUSH(f->seqs, s);
}

static void run_program(Ctx *c, Rd *r, const LineHdr *h, size_t fmap_first, size_t fmap_count)
{
    SymFile *f = c->f;
    uint64_t addr = 0, op_index = 0, file = 1, line = 1, column = 0, discr = 0;
    bool stmt = h->default_stmt, bb = false, pe = false, eb = false;
    size_t seq_start = f->rows.n;
    while (r->p < r->end && !r->bad) {
        unsigned op = *r->p++;
        bool row = false, end = false;
        uint64_t adv = 0; /* operation advance */
        if (op >= h->opcode_base) {
            unsigned adj = op - h->opcode_base;
            adv = adj / h->line_range;
            line += (uint64_t)(int64_t)(h->line_base + (int)(adj % h->line_range));
            row = true;
        } else if (op == 0) {
            uint64_t len = rd_uleb(r);
            if (r->bad || len == 0 || len > (uint64_t)(r->end - r->p)) {
                line_fail(c, r, "bad extended opcode length");
                return;
            }
            const unsigned char *next = r->p + len;
            unsigned sub = *r->p++;
            if (sub == DW_LNE_end_sequence) {
                row = end = true;
            } else if (sub == DW_LNE_set_address) {
                addr = rd_fixed(r, (unsigned)(len - 1));
                op_index = 0;
            } else if (sub == DW_LNE_set_discriminator) {
                discr = rd_uleb(r);
            } else if (sub == DW_LNE_define_file && h->version < 5) {
                const char *name = rd_cstr(r);
                if (name && fmap_first + fmap_count == f->fmap.n) {
                    VEC_PUSH(f->fmap, make_path(f, f->cus.v[c->cu].comp_dir, NULL, name));
                    fmap_count++;
                }
            }
            r->p = next;
        } else {
            switch (op) {
            case DW_LNS_copy: row = true; break;
            case DW_LNS_advance_pc: adv = rd_uleb(r); break;
            case DW_LNS_advance_line: line += (uint64_t)rd_sleb(r); break;
            case DW_LNS_set_file: file = rd_uleb(r); break;
            case DW_LNS_set_column: column = rd_uleb(r); break;
            case DW_LNS_negate_stmt: stmt = !stmt; break;
            case DW_LNS_set_basic_block: bb = true; break;
            case DW_LNS_const_add_pc: adv = (255u - h->opcode_base) / h->line_range; break;
            case DW_LNS_fixed_advance_pc:
                addr += rd_fixed(r, 2);
                op_index = 0;
                break;
            case DW_LNS_set_prologue_end: pe = true; break;
            case DW_LNS_set_epilogue_begin: eb = true; break;
            case DW_LNS_set_isa: rd_uleb(r); break;
            default:
                for (unsigned k = 0; k < h->oplens[op - 1]; k++)
                    rd_uleb(r);
                break;
            }
        }
        if (adv) {
            if (h->max_ops <= 1) {
                addr += h->min_inst * adv;
            } else {
                addr += h->min_inst * ((op_index + adv) / h->max_ops);
                op_index = (op_index + adv) % h->max_ops;
            }
        }
        if (!row)
            continue;
        SymLineRow rw;
        rw.addr = f->elfclass == 32 ? addr & 0xffffffffu : addr;
        rw.file = file < fmap_count ? f->fmap.v[fmap_first + file] : 0;
        rw.line = (uint32_t)line;
        rw.column = (uint32_t)column;
        rw.discriminator = (uint32_t)discr;
        rw.view = 0;
        rw.cu = c->cu;
        rw.flags = (stmt ? SYM_ROW_STMT : 0) | (bb ? SYM_ROW_BASIC_BLOCK : 0) |
                   (end ? SYM_ROW_END_SEQUENCE : 0) | (pe ? SYM_ROW_PROLOGUE_END : 0) |
                   (eb ? SYM_ROW_EPILOGUE_BEGIN : 0);
        if (f->rows.n > seq_start && f->rows.v[f->rows.n - 1].addr == rw.addr)
            rw.view = f->rows.v[f->rows.n - 1].view + 1;
        VEC_PUSH(f->rows, rw);
        bb = pe = eb = false;
        discr = 0;
        if (end) {
            close_sequence(f, seq_start);
            seq_start = f->rows.n;
            addr = op_index = 0;
            file = line = 1;
            column = 0;
            stmt = h->default_stmt;
        }
    }
    if (r->bad)
        line_fail(c, r, "truncated line program");
    /* rows after the last end_sequence belong to no sequence; kept for iteration only */
}

static void read_lines(Ctx *c, const char *comp_dir)
{
    SymFile *f = c->f;
    CuInfo *ci = &f->cuinfo.v[c->cu];
    ci->fmap_first = (uint32_t)f->fmap.n;
    ci->seq_first = (uint32_t)f->seqs.n;
    f->cus.v[c->cu].first_row = f->rows.n;
    StrVec dirs = {0};
    uint64_t off = c->line_offset;
    if (off == UINT64_MAX)
        goto out;
    Rd r = {f->debug_line.p, f->debug_line.p, f->debug_line.p + f->debug_line.n, false};
    if (!f->debug_line.p || off >= f->debug_line.n) {
        snprintf(c->err, c->errlen,
                 "%s: damaged DWARF: DW_AT_stmt_list 0x%llx of the CU at .debug_info offset "
                 "0x%llx is outside .debug_line",
                 c->path, (unsigned long long)off, (unsigned long long)c->cu_offset);
        c->failed = true;
        goto out;
    }
    r.p += off;
    LineHdr h = {0};
    uint64_t len = rd_fixed(&r, 4);
    h.offsz = 4;
    if (len == 0xffffffffu) {
        len = rd_fixed(&r, 8);
        h.offsz = 8;
    }
    if (r.bad || len > (uint64_t)(r.end - r.p)) {
        line_fail(c, &r, "unit length beyond the section");
        goto out;
    }
    r.end = r.p + len;
    h.version = (unsigned)rd_fixed(&r, 2);
    if (h.version < 2 || h.version > 5) {
        line_fail(c, &r, "unsupported line table version");
        goto out;
    }
    if (h.version >= 5)
        rd_skip(&r, 2); /* address_size, segment_selector_size */
    uint64_t hlen = rd_fixed(&r, h.offsz);
    if (r.bad || hlen > (uint64_t)(r.end - r.p)) {
        line_fail(c, &r, "header length beyond the unit");
        goto out;
    }
    Rd prog = {r.base, r.p + hlen, r.end, false};
    r.end = r.p + hlen;
    h.min_inst = (unsigned)rd_fixed(&r, 1);
    h.max_ops = h.version >= 4 ? (unsigned)rd_fixed(&r, 1) : 1;
    h.default_stmt = rd_fixed(&r, 1) != 0;
    h.line_base = (signed char)rd_fixed(&r, 1);
    h.line_range = (unsigned)rd_fixed(&r, 1);
    h.opcode_base = (unsigned)rd_fixed(&r, 1);
    h.oplens = r.p;
    rd_skip(&r, h.opcode_base ? h.opcode_base - 1u : 0);
    if (r.bad || h.line_range == 0 || h.opcode_base == 0) {
        line_fail(c, &r, "bad line program header");
        goto out;
    }
    if (h.version >= 5 ? !read_v5_entries(c, &r, &h, comp_dir)
                       : !read_v4_entries(c, &r, comp_dir, &dirs))
        goto out;
    ci->fmap_count = (uint32_t)(f->fmap.n - ci->fmap_first);
    run_program(c, &prog, &h, ci->fmap_first, ci->fmap_count);
    if (c->failed)
        goto out;
    /* sort sequences, drop nested ones and trim overlapping ones (bfd sort_line_sequences) */
    Seq *sv = f->seqs.v + ci->seq_first;
    size_t ns = f->seqs.n - ci->seq_first;
    if (ns) {
        sort_n(sv, ns, sizeof *sv, cmp_seq);
        size_t w = 1;
        uint64_t last_hi = sv[0].hi;
        for (size_t k = 1; k < ns; k++) {
            if (sv[k].lo < last_hi) {
                if (sv[k].hi <= last_hi)
                    continue;
                sv[k].lo = last_hi;
            }
            last_hi = sv[k].hi;
            sv[w++] = sv[k];
        }
        f->seqs.n = ci->seq_first + w;
    }
out:
    free(dirs.v);
    ci->seq_count = (uint32_t)(f->seqs.n - ci->seq_first);
    ci->fmap_count = (uint32_t)(f->fmap.n - ci->fmap_first);
    f->cus.v[c->cu].row_count = f->rows.n - f->cus.v[c->cu].first_row;
}

static const char *die_string(Ctx *c, Dwarf_Die die, Dwarf_Half an)
{
    Dwarf_Attribute at;
    Dwarf_Error e = NULL;
    char *s = NULL;
    int r = dwarf_attr(die, an, &at, &e);
    if (r == DW_DLV_ERROR) {
        dwfail(c, e, "CU attribute");
        return NULL;
    }
    if (r != DW_DLV_OK)
        return NULL;
    if (dwarf_formstring(at, &s, &e) != DW_DLV_OK) {
        dwfail(c, e, "CU string attribute");
        s = NULL;
    }
    dwarf_dealloc_attribute(at);
    return s ? intern(c->f, s) : NULL;
}

/* bfd mangle_style() == 0: names of these languages are final as written in DW_AT_name */
static bool lang_is_c_like(unsigned lang)
{
    switch (lang) {
    case DW_LANG_C89: case DW_LANG_C: case DW_LANG_Cobol74: case DW_LANG_Cobol85:
    case DW_LANG_Fortran77: case DW_LANG_Pascal83: case DW_LANG_PLI: case DW_LANG_C99:
    case DW_LANG_UPC: case DW_LANG_C11: case DW_LANG_Mips_Assembler: case DW_LANG_Upc:
    case 0x8004: case 0x8006: case 0x8007: /* HP Basic91, IMacro, Assembler */
        return true;
    default:
        return false;
    }
}

static void read_cu(Ctx *c, Dwarf_Die cu_die)
{
    SymFile *f = c->f;
    SymCu cu = {0};
    CuInfo ci = {0};
    cu.offset = c->cu_offset;
    cu.version = c->version;
    cu.name = die_string(c, cu_die, DW_AT_name);
    cu.comp_dir = die_string(c, cu_die, DW_AT_comp_dir);
    cu.producer = die_string(c, cu_die, DW_AT_producer);
    {
        Dwarf_Attribute la;
        Dwarf_Error le = NULL;
        Dwarf_Unsigned lang = 0;
        if (dwarf_attr(cu_die, DW_AT_language, &la, &le) == DW_DLV_OK) {
            attr_udata(c, la, &lang);
            dwarf_dealloc_attribute(la);
        } else if (le) {
            dwarf_dealloc_error(c->dbg, le);
        }
        cu.language = (unsigned)lang;
        c->c_like = lang_is_c_like(cu.language);
    }
    c->cu = (uint32_t)f->cus.n;
    VEC_PUSH(f->cus, cu);
    VEC_PUSH(f->cuinfo, ci);
    if (c->failed)
        return;
    /* CU ranges (they also give the base address of DWARF 4 range lists) */
    size_t r0 = f->franges.n;
    DieInfo di;
    c->cu_base = 0;
    Dwarf_Attribute at;
    Dwarf_Error e = NULL;
    if (dwarf_attr(cu_die, DW_AT_low_pc, &at, &e) == DW_DLV_OK) {
        Dwarf_Addr a;
        if (dwarf_formaddr(at, &a, &e) == DW_DLV_OK)
            c->cu_base = a;
        drop(c, &e);
        dwarf_dealloc_attribute(at);
    }
    drop(c, &e);
    read_die(c, cu_die, &di, false);
    if (c->failed)
        return;
    f->cuinfo.v[c->cu].has_ranges = f->franges.n > r0;
    for (size_t k = r0; k < f->franges.n; k++) {
        SymRange cr = f->franges.v[k];
        Ev x = {cr.lo, cr.hi, cr.hi - cr.lo, c->cu, 0};
        VEC_PUSH(f->curanges, x);
    }
    f->franges.n = r0;
    if (!f->cuinfo.v[c->cu].has_ranges)
        VEC_PUSH(f->norange_cus, c->cu);
    c->line_offset = UINT64_MAX;
    if (dwarf_attr(cu_die, DW_AT_stmt_list, &at, &e) == DW_DLV_OK) {
        Dwarf_Off lo;
        if (dwarf_global_formref(at, &lo, &e) == DW_DLV_OK)
            c->line_offset = lo;
        drop(c, &e);
        dwarf_dealloc_attribute(at);
    }
    drop(c, &e);
    read_lines(c, cu.comp_dir);
    if (c->failed)
        return;
    Dwarf_Die child;
    int r = dwarf_child(cu_die, &child, &e);
    if (r == DW_DLV_ERROR)
        dwfail(c, e, "CU children");
    else if (r == DW_DLV_OK)
        walk(c, child, SYM_NONE, 0);
}

/* ---------------------------------------------------------------------------------------- */
/* fast .debug_info reader                                                                  */
/* Walking DIEs through libdwarf (an allocation and a call per DIE and per attribute) was
 * two thirds of the load time of a large ELF. This reader decodes .debug_info directly for
 * the common case -- DWARF 2-5 compile/partial units of a linked little-endian ELF, no split
 * DWARF -- and produces exactly what the libdwarf walk produces (the tests run both).
 * Anything it does not expect (an unknown form, a missing base, a reference or range list out
 * of bounds) makes it give up; sym_open then starts again with the libdwarf walk, which also
 * produces the error message for damaged input. SYMBOLIZE_LIBDWARF=1 forces that path. */

typedef struct AbAttr {
    uint32_t name, form;
    int64_t implicit;
} AbAttr;

typedef struct Abbrev {
    uint32_t tag, first, count;
    bool children, used;
} Abbrev;

typedef struct AbTab {
    uint64_t offset;
    VEC(Abbrev) code; /* by abbreviation code */
    VEC(AbAttr) attrs;
} AbTab;

typedef struct FCu {
    uint64_t off, end, dies; /* header, end of unit, first DIE (offsets in .debug_info) */
    unsigned version, asz, offsz;
    AbTab *ab;
    uint64_t addr_base, str_base, rng_base;
    bool has_addr_base, has_str_base, has_rng_base;
    uint64_t base; /* DW_AT_low_pc of the unit DIE */
    bool c_like;
} FCu;

typedef struct Fx {
    Ctx *c;
    RawSec info, abbrev, addr, stroff, ranges, rnglists;
    VEC(FCu) cus;
    VEC(AbTab *) tabs;
    bool bad;
} Fx;

enum { V_NONE, V_U, V_ADDR, V_ADDRX, V_STR, V_STRX, V_REF, V_REFADDR, V_SECOFF, V_LISTX };

typedef struct Val {
    int kind;
    uint32_t form;
    uint64_t u;
    const char *str;
} Val;

static AbTab *fx_abbrevs(Fx *x, uint64_t off)
{
    for (size_t i = 0; i < x->tabs.n; i++)
        if (x->tabs.v[i]->offset == off)
            return x->tabs.v[i];
    if (off >= x->abbrev.n)
        return NULL;
    AbTab *t = xmalloc(sizeof *t);
    t->offset = off;
    VEC_PUSH(x->tabs, t);
    Rd r = {x->abbrev.p, x->abbrev.p + off, x->abbrev.p + x->abbrev.n, false};
    for (;;) {
        uint64_t code = rd_uleb(&r);
        if (r.bad || code == 0)
            break;
        if (code > 1u << 16)
            return NULL; /* sparse codes: leave it to libdwarf */
        Abbrev ab = {0};
        ab.tag = (uint32_t)rd_uleb(&r);
        ab.children = rd_fixed(&r, 1) != 0;
        ab.first = (uint32_t)t->attrs.n;
        ab.used = true;
        for (;;) {
            AbAttr a = {(uint32_t)rd_uleb(&r), (uint32_t)rd_uleb(&r), 0};
            if (r.bad)
                return NULL;
            if (a.name == 0 && a.form == 0)
                break;
            if (a.form == DW_FORM_implicit_const)
                a.implicit = rd_sleb(&r);
            VEC_PUSH(t->attrs, a);
        }
        ab.count = (uint32_t)(t->attrs.n - ab.first);
        while (t->code.n <= code) {
            Abbrev none = {0};
            VEC_PUSH(t->code, none);
        }
        t->code.v[code] = ab;
    }
    return r.bad ? NULL : t;
}

static bool fx_val(Fx *x, const FCu *u, Rd *r, uint32_t form, int64_t implicit, Val *v)
{
    v->kind = V_U;
    v->form = form;
    v->u = 0;
    v->str = NULL;
    switch (form) {
    case DW_FORM_addr: v->kind = V_ADDR; v->u = rd_fixed(r, u->asz); break;
    case DW_FORM_addrx: case DW_FORM_GNU_addr_index: v->kind = V_ADDRX; v->u = rd_uleb(r); break;
    case DW_FORM_addrx1: case DW_FORM_addrx2: case DW_FORM_addrx3: case DW_FORM_addrx4:
        v->kind = V_ADDRX;
        v->u = rd_fixed(r, form - DW_FORM_addrx1 + 1);
        break;
    case DW_FORM_data1: v->u = rd_fixed(r, 1); break;
    case DW_FORM_data2: v->u = rd_fixed(r, 2); break;
    case DW_FORM_data4: v->u = rd_fixed(r, 4); break;
    case DW_FORM_data8: v->u = rd_fixed(r, 8); break;
    case DW_FORM_data16: rd_skip(r, 16); v->kind = V_NONE; break;
    case DW_FORM_sdata: v->u = (uint64_t)rd_sleb(r); break;
    case DW_FORM_udata: v->u = rd_uleb(r); break;
    case DW_FORM_implicit_const: v->u = (uint64_t)implicit; break;
    case DW_FORM_flag: v->u = rd_fixed(r, 1); break;
    case DW_FORM_flag_present: v->u = 1; break;
    case DW_FORM_string: v->kind = V_STR; v->str = rd_cstr(r); break;
    case DW_FORM_strp:
        v->kind = V_STR;
        v->str = sec_str(&x->c->f->str, rd_fixed(r, u->offsz));
        if (!v->str)
            return false;
        break;
    case DW_FORM_line_strp:
        v->kind = V_STR;
        v->str = sec_str(&x->c->f->line_str, rd_fixed(r, u->offsz));
        if (!v->str)
            return false;
        break;
    case DW_FORM_strx: case DW_FORM_GNU_str_index: v->kind = V_STRX; v->u = rd_uleb(r); break;
    case DW_FORM_strx1: case DW_FORM_strx2: case DW_FORM_strx3: case DW_FORM_strx4:
        v->kind = V_STRX;
        v->u = rd_fixed(r, form - DW_FORM_strx1 + 1);
        break;
    case DW_FORM_strp_sup: case DW_FORM_GNU_strp_alt: case DW_FORM_GNU_ref_alt:
        rd_skip(r, u->offsz);
        v->kind = V_NONE;
        break;
    case DW_FORM_ref1: v->kind = V_REF; v->u = rd_fixed(r, 1); break;
    case DW_FORM_ref2: v->kind = V_REF; v->u = rd_fixed(r, 2); break;
    case DW_FORM_ref4: v->kind = V_REF; v->u = rd_fixed(r, 4); break;
    case DW_FORM_ref8: v->kind = V_REF; v->u = rd_fixed(r, 8); break;
    case DW_FORM_ref_udata: v->kind = V_REF; v->u = rd_uleb(r); break;
    case DW_FORM_ref_addr:
        v->kind = V_REFADDR;
        v->u = rd_fixed(r, u->version <= 2 ? u->asz : u->offsz);
        break;
    case DW_FORM_ref_sig8: rd_skip(r, 8); v->kind = V_NONE; break;
    case DW_FORM_ref_sup4: rd_skip(r, 4); v->kind = V_NONE; break;
    case DW_FORM_ref_sup8: rd_skip(r, 8); v->kind = V_NONE; break;
    case DW_FORM_sec_offset: v->kind = V_SECOFF; v->u = rd_fixed(r, u->offsz); break;
    case DW_FORM_loclistx: case DW_FORM_rnglistx: v->kind = V_LISTX; v->u = rd_uleb(r); break;
    case DW_FORM_exprloc: case DW_FORM_block: rd_skip(r, rd_uleb(r)); v->kind = V_NONE; break;
    case DW_FORM_block1: rd_skip(r, rd_fixed(r, 1)); v->kind = V_NONE; break;
    case DW_FORM_block2: rd_skip(r, rd_fixed(r, 2)); v->kind = V_NONE; break;
    case DW_FORM_block4: rd_skip(r, rd_fixed(r, 4)); v->kind = V_NONE; break;
    case DW_FORM_indirect: {
        uint64_t f2 = rd_uleb(r);
        if (f2 == DW_FORM_indirect || f2 == DW_FORM_implicit_const || f2 > 0xffff)
            return false;
        return fx_val(x, u, r, (uint32_t)f2, 0, v);
    }
    default:
        return false;
    }
    return !r->bad;
}

static bool fx_addr(Fx *x, const FCu *u, const Val *v, uint64_t *out)
{
    if (v->kind == V_ADDR) {
        *out = v->u;
        return true;
    }
    if (v->kind != V_ADDRX || !u->has_addr_base || !x->addr.p)
        return false;
    uint64_t o = u->addr_base + v->u * u->asz;
    if (o < u->addr_base || o + u->asz > x->addr.n)
        return false;
    Rd r = {x->addr.p, x->addr.p + o, x->addr.p + x->addr.n, false};
    *out = rd_fixed(&r, u->asz);
    return true;
}

static const char *fx_str(Fx *x, const FCu *u, const Val *v, bool *ok)
{
    if (v->kind == V_STR)
        return v->str;
    if (v->kind != V_STRX) {
        *ok = false;
        return NULL;
    }
    uint64_t o = u->str_base + v->u * u->offsz;
    if (!u->has_str_base || !x->stroff.p || o < u->str_base || o + u->offsz > x->stroff.n) {
        *ok = false;
        return NULL;
    }
    Rd r = {x->stroff.p, x->stroff.p + o, x->stroff.p + x->stroff.n, false};
    const char *s = sec_str(&x->c->f->str, rd_fixed(&r, u->offsz));
    if (!s)
        *ok = false;
    return s;
}

static bool fx_is_const(const Val *v) { return v->kind == V_U; }

/* DW_AT_ranges into f->franges (DWARF 4 .debug_ranges, DWARF 5 .debug_rnglists) */
static bool fx_ranges(Fx *x, const FCu *u, const Val *v)
{
    if (u->version < 5 && v->kind != V_LISTX) {
        if ((v->kind != V_SECOFF && v->kind != V_U) || !x->ranges.p || v->u >= x->ranges.n)
            return false;
        Rd r = {x->ranges.p, x->ranges.p + v->u, x->ranges.p + x->ranges.n, false};
        uint64_t base = u->base, maxa = u->asz == 8 ? UINT64_MAX : 0xffffffffu;
        for (int guard = 0; guard < 1 << 20; guard++) {
            uint64_t a = rd_fixed(&r, u->asz), b = rd_fixed(&r, u->asz);
            if (r.bad)
                return false;
            if (a == 0 && b == 0)
                return true;
            if (a == maxa)
                base = b;
            else
                add_range(x->c, base + a, base + b);
        }
        return false;
    }
    uint64_t off;
    if (v->kind == V_LISTX) {
        if (!u->has_rng_base || !x->rnglists.p)
            return false;
        uint64_t o = u->rng_base + v->u * u->offsz;
        if (o < u->rng_base || o + u->offsz > x->rnglists.n)
            return false;
        Rd r = {x->rnglists.p, x->rnglists.p + o, x->rnglists.p + x->rnglists.n, false};
        off = u->rng_base + rd_fixed(&r, u->offsz);
    } else if (v->kind == V_SECOFF) {
        off = v->u;
    } else {
        return false;
    }
    if (!x->rnglists.p || off >= x->rnglists.n)
        return false;
    Rd r = {x->rnglists.p, x->rnglists.p + off, x->rnglists.p + x->rnglists.n, false};
    uint64_t base = u->base;
    for (int guard = 0; guard < 1 << 20; guard++) {
        unsigned kind = (unsigned)rd_fixed(&r, 1);
        uint64_t a, b;
        Val va = {V_ADDRX, 0, 0, NULL}, vb = {V_ADDRX, 0, 0, NULL};
        switch (kind) {
        case DW_RLE_end_of_list:
            return !r.bad;
        case DW_RLE_base_addressx:
            va.u = rd_uleb(&r);
            if (!fx_addr(x, u, &va, &base))
                return false;
            break;
        case DW_RLE_startx_endx:
            va.u = rd_uleb(&r);
            vb.u = rd_uleb(&r);
            if (!fx_addr(x, u, &va, &a) || !fx_addr(x, u, &vb, &b))
                return false;
            add_range(x->c, a, b);
            break;
        case DW_RLE_startx_length:
            va.u = rd_uleb(&r);
            b = rd_uleb(&r);
            if (!fx_addr(x, u, &va, &a))
                return false;
            add_range(x->c, a, a + b);
            break;
        case DW_RLE_offset_pair:
            a = rd_uleb(&r);
            b = rd_uleb(&r);
            add_range(x->c, base + a, base + b);
            break;
        case DW_RLE_base_address:
            base = rd_fixed(&r, u->asz);
            break;
        case DW_RLE_start_end:
            a = rd_fixed(&r, u->asz);
            b = rd_fixed(&r, u->asz);
            add_range(x->c, a, b);
            break;
        case DW_RLE_start_length:
            a = rd_fixed(&r, u->asz);
            b = rd_uleb(&r);
            add_range(x->c, a, a + b);
            break;
        default:
            return false;
        }
        if (r.bad)
            return false;
    }
    return false;
}

/* the unit containing .debug_info offset OFF */
static FCu *fx_cu_at(Fx *x, uint64_t off)
{
    size_t lo = 0, hi = x->cus.n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (off < x->cus.v[mid].dies)
            hi = mid;
        else if (off >= x->cus.v[mid].end)
            lo = mid + 1;
        else
            return &x->cus.v[mid];
    }
    return NULL;
}

static const char *fx_name_at(Fx *x, uint64_t off, int depth, bool *ok);

/* name attributes of a DIE (already positioned after its abbreviation code) */
static const char *fx_name_attrs(Fx *x, FCu *u, Rd *r, const Abbrev *ab, int depth, bool *ok)
{
    const char *name = NULL, *link = NULL;
    Val ref = {V_NONE, 0, 0, NULL};
    for (uint32_t k = 0; k < ab->count; k++) {
        const AbAttr *a = &u->ab->attrs.v[ab->first + k];
        Val v;
        if (!fx_val(x, u, r, a->form, a->implicit, &v)) {
            *ok = false;
            return NULL;
        }
        if (a->name == DW_AT_name)
            name = fx_str(x, u, &v, ok);
        else if (a->name == DW_AT_linkage_name || a->name == DW_AT_MIPS_linkage_name)
            link = fx_str(x, u, &v, ok);
        else if ((a->name == DW_AT_abstract_origin || a->name == DW_AT_specification) &&
                 ref.kind == V_NONE)
            ref = v;
        if (!*ok)
            return NULL;
    }
    if (link)
        return NAME_TAG(intern(x->c->f, link));
    if (name)
        return x->c->c_like ? NAME_TAG(intern(x->c->f, name)) : intern(x->c->f, name);
    if (ref.kind == V_REF)
        return fx_name_at(x, u->off + ref.u, depth + 1, ok);
    if (ref.kind == V_REFADDR)
        return fx_name_at(x, ref.u, depth + 1, ok);
    if (ref.kind != V_NONE)
        *ok = false;
    return NULL;
}

static const char *fx_name_at(Fx *x, uint64_t off, int depth, bool *ok)
{
    if (depth > 16) {
        *ok = false;
        return NULL;
    }
    bool found;
    const char *v = cache_get(x->c, off, &found);
    if (found)
        return v;
    FCu *u = fx_cu_at(x, off);
    if (!u) {
        *ok = false;
        return NULL;
    }
    Rd r = {x->info.p, x->info.p + off, x->info.p + u->end, false};
    uint64_t code = rd_uleb(&r);
    if (r.bad || code == 0 || code >= u->ab->code.n || !u->ab->code.v[code].used) {
        *ok = false;
        return NULL;
    }
    v = fx_name_attrs(x, u, &r, &u->ab->code.v[code], depth, ok);
    if (*ok)
        cache_put(x->c, off, v);
    return v;
}

/* unit headers and the bases of their unit DIEs */
static bool fx_units(Fx *x)
{
    uint64_t off = 0;
    while (off < x->info.n) {
        Rd r = {x->info.p, x->info.p + off, x->info.p + x->info.n, false};
        FCu u = {0};
        u.off = off;
        uint64_t len = rd_fixed(&r, 4);
        u.offsz = 4;
        if (len == 0xffffffffu) {
            len = rd_fixed(&r, 8);
            u.offsz = 8;
        }
        if (r.bad || len > (uint64_t)(r.end - r.p) || len < 7)
            return false;
        u.end = (uint64_t)(r.p - r.base) + len;
        u.version = (unsigned)rd_fixed(&r, 2);
        uint64_t aboff;
        if (u.version >= 5) {
            unsigned ut = (unsigned)rd_fixed(&r, 1);
            if (ut != DW_UT_compile && ut != DW_UT_partial)
                return false;
            u.asz = (unsigned)rd_fixed(&r, 1);
            aboff = rd_fixed(&r, u.offsz);
        } else if (u.version >= 2) {
            aboff = rd_fixed(&r, u.offsz);
            u.asz = (unsigned)rd_fixed(&r, 1);
        } else {
            return false;
        }
        if (r.bad || (u.asz != 4 && u.asz != 8) || !(u.ab = fx_abbrevs(x, aboff)))
            return false;
        u.dies = (uint64_t)(r.p - r.base);
        r.end = r.base + u.end;
        /* bases from the unit DIE */
        uint64_t code = rd_uleb(&r);
        if (r.bad || code == 0 || code >= u.ab->code.n || !u.ab->code.v[code].used)
            return false;
        const Abbrev *ab = &u.ab->code.v[code];
        if (ab->tag != DW_TAG_compile_unit && ab->tag != DW_TAG_partial_unit)
            return false;
        for (uint32_t k = 0; k < ab->count; k++) {
            const AbAttr *a = &u.ab->attrs.v[ab->first + k];
            Val v;
            if (!fx_val(x, &u, &r, a->form, a->implicit, &v))
                return false;
            if (a->name == DW_AT_addr_base) {
                u.addr_base = v.u;
                u.has_addr_base = true;
            } else if (a->name == DW_AT_str_offsets_base) {
                u.str_base = v.u;
                u.has_str_base = true;
            } else if (a->name == DW_AT_rnglists_base) {
                u.rng_base = v.u;
                u.has_rng_base = true;
            } else if (a->name == DW_AT_GNU_addr_base || a->name == DW_AT_GNU_ranges_base ||
                       a->name == DW_AT_GNU_dwo_name || a->name == DW_AT_dwo_name) {
                return false; /* split DWARF */
            }
        }
        VEC_PUSH(x->cus, u);
        off = u.end;
    }
    return true;
}

typedef struct FxDie {
    const char *name;
    bool linkage;
    Val low, high, ranges, call_file, call_line, call_column, discr, decl_file, decl_line;
    Val stmt, comp_dir, producer, lang, name_val;
} FxDie;

/* read the attributes of one DIE; function data resolved (ranges pushed to f->franges) */
static bool fx_die(Fx *x, FCu *u, Rd *r, const Abbrev *ab, FxDie *d, bool want_name)
{
    memset(d, 0, sizeof *d);
    const char *name = NULL, *link = NULL;
    Val ref = {V_NONE, 0, 0, NULL}, nm = ref, ln = ref;
    bool ok = true;
    for (uint32_t k = 0; k < ab->count; k++) {
        const AbAttr *a = &u->ab->attrs.v[ab->first + k];
        Val v;
        if (!fx_val(x, u, r, a->form, a->implicit, &v))
            return false;
        switch (a->name) {
        case DW_AT_name: nm = v; break;
        case DW_AT_linkage_name: case DW_AT_MIPS_linkage_name: ln = v; break;
        case DW_AT_abstract_origin: case DW_AT_specification:
            if (ref.kind == V_NONE)
                ref = v;
            break;
        case DW_AT_low_pc: d->low = v; break;
        case DW_AT_high_pc: d->high = v; break;
        case DW_AT_ranges: d->ranges = v; break;
        case DW_AT_call_file: d->call_file = v; break;
        case DW_AT_call_line: d->call_line = v; break;
        case DW_AT_call_column: d->call_column = v; break;
        case DW_AT_GNU_discriminator: d->discr = v; break;
        case DW_AT_decl_file: d->decl_file = v; break;
        case DW_AT_decl_line: d->decl_line = v; break;
        case DW_AT_stmt_list: d->stmt = v; break;
        case DW_AT_comp_dir: d->comp_dir = v; break;
        case DW_AT_producer: d->producer = v; break;
        case DW_AT_language: d->lang = v; break;
        default: break;
        }
    }
    d->name_val = nm;
    uint64_t low = 0;
    bool has_low = d->low.kind != V_NONE;
    if (has_low && !fx_addr(x, u, &d->low, &low))
        return false;
    d->low.u = low;
    if (d->high.kind != V_NONE && has_low) {
        uint64_t hi;
        if (fx_is_const(&d->high))
            hi = low + d->high.u;
        else if (!fx_addr(x, u, &d->high, &hi))
            return false;
        if (hi != 0)
            add_range(x->c, low, hi);
    }
    if (d->ranges.kind != V_NONE && !fx_ranges(x, u, &d->ranges))
        return false;
    if (want_name) {
        if (ln.kind != V_NONE && (link = fx_str(x, u, &ln, &ok)) != NULL)
            d->name = NAME_TAG(intern(x->c->f, link));
        else if (nm.kind != V_NONE && (name = fx_str(x, u, &nm, &ok)) != NULL)
            d->name = x->c->c_like ? NAME_TAG(intern(x->c->f, name)) : intern(x->c->f, name);
        else if (ref.kind == V_REF)
            d->name = fx_name_at(x, u->off + ref.u, 0, &ok);
        else if (ref.kind == V_REFADDR)
            d->name = fx_name_at(x, ref.u, 0, &ok);
        d->linkage = NAME_IS_LINKAGE(d->name);
        d->name = NAME_PTR(d->name);
    }
    return ok;
}

static bool fx_unit(Fx *x, FCu *u)
{
    Ctx *c = x->c;
    SymFile *f = c->f;
    Rd r = {x->info.p, x->info.p + u->dies, x->info.p + u->end, false};
    uint64_t code = rd_uleb(&r);
    const Abbrev *ab = &u->ab->code.v[code];
    c->version = u->version;
    c->cu_offset = u->off;
    /* the unit DIE; its low_pc is the base of its own range list, so it is read first */
    Rd peek = r;
    FxDie d;
    size_t r0 = f->franges.n;
    {
        for (uint32_t k = 0; k < ab->count; k++) {
            const AbAttr *a = &u->ab->attrs.v[ab->first + k];
            Val v;
            if (!fx_val(x, u, &peek, a->form, a->implicit, &v))
                return false;
            if (a->name == DW_AT_low_pc && !fx_addr(x, u, &v, &u->base))
                return false;
        }
    }
    if (!fx_die(x, u, &r, ab, &d, false))
        return false;
    SymCu cu = {0};
    CuInfo ci = {0};
    bool ok = true;
    cu.offset = u->off;
    cu.version = u->version;
    if (d.name_val.kind != V_NONE) {
        const char *s = fx_str(x, u, &d.name_val, &ok);
        cu.name = s ? intern(f, s) : NULL;
    }
    if (d.comp_dir.kind != V_NONE) {
        const char *s = fx_str(x, u, &d.comp_dir, &ok);
        cu.comp_dir = s ? intern(f, s) : NULL;
    }
    if (d.producer.kind != V_NONE) {
        const char *s = fx_str(x, u, &d.producer, &ok);
        cu.producer = s ? intern(f, s) : NULL;
    }
    if (!ok)
        return false;
    cu.language = fx_is_const(&d.lang) ? (unsigned)d.lang.u : 0;
    c->c_like = lang_is_c_like(cu.language);
    c->cu = (uint32_t)f->cus.n;
    VEC_PUSH(f->cus, cu);
    VEC_PUSH(f->cuinfo, ci);
    f->cuinfo.v[c->cu].has_ranges = f->franges.n > r0;
    for (size_t k = r0; k < f->franges.n; k++) {
        SymRange cr = f->franges.v[k];
        Ev ev = {cr.lo, cr.hi, cr.hi - cr.lo, c->cu, 0};
        VEC_PUSH(f->curanges, ev);
    }
    f->franges.n = r0;
    if (!f->cuinfo.v[c->cu].has_ranges)
        VEC_PUSH(f->norange_cus, c->cu);
    c->line_offset = (d.stmt.kind == V_SECOFF || d.stmt.kind == V_U) ? d.stmt.u : UINT64_MAX;
    read_lines(c, cu.comp_dir);
    if (c->failed)
        return false;
    if (!ab->children)
        return true;
    /* the DIE tree, flat: a stack of (enclosing function, inside a walked DIE) per level */
    typedef struct Lvl {
        uint32_t parent;
        bool walked;
    } Lvl;
    VEC(Lvl) st = {0};
    Lvl top = {SYM_NONE, true};
    VEC_PUSH(st, top);
    bool good = true;
    while (r.p < r.end && st.n) {
        code = rd_uleb(&r);
        if (r.bad) {
            good = false;
            break;
        }
        if (code == 0) {
            st.n--;
            continue;
        }
        if (code >= u->ab->code.n || !u->ab->code.v[code].used) {
            good = false;
            break;
        }
        ab = &u->ab->code.v[code];
        Lvl here = st.v[st.n - 1];
        uint32_t me = here.parent;
        bool walk_children = false;
        bool fn = ab->tag == DW_TAG_subprogram || ab->tag == DW_TAG_inlined_subroutine ||
                  ab->tag == DW_TAG_entry_point;
        if (fn && here.walked) {
            size_t rr0 = f->franges.n;
            if (!fx_die(x, u, &r, ab, &d, true)) {
                good = false;
                break;
            }
            SymFunction sf = {0};
            sf.name = d.name;
            sf.linkage_name = d.linkage;
            sf.cu = c->cu;
            sf.parent = here.parent;
            sf.inlined = ab->tag == DW_TAG_inlined_subroutine;
            sf.call_file = sf.inlined && fx_is_const(&d.call_file) ? map_file(c, d.call_file.u)
                                                                    : 0;
            sf.call_line = fx_is_const(&d.call_line) ? (uint32_t)d.call_line.u : 0;
            sf.call_column = fx_is_const(&d.call_column) ? (uint32_t)d.call_column.u : 0;
            sf.call_discriminator = fx_is_const(&d.discr) ? (uint32_t)d.discr.u : 0;
            sf.decl_file = fx_is_const(&d.decl_file) && d.decl_file.u
                               ? map_file(c, d.decl_file.u) : 0;
            sf.decl_line = fx_is_const(&d.decl_line) ? (uint32_t)d.decl_line.u : 0;
            sf.ranges = (const SymRange *)(uintptr_t)rr0;
            sf.range_count = f->franges.n - rr0;
            VEC_PUSH(f->funcs, sf);
            me = (uint32_t)f->funcs.n - 1;
            walk_children = true;
        } else {
            for (uint32_t k = 0; k < ab->count; k++) {
                const AbAttr *a = &u->ab->attrs.v[ab->first + k];
                Val v;
                if (!fx_val(x, u, &r, a->form, a->implicit, &v)) {
                    good = false;
                    break;
                }
            }
            if (!good)
                break;
            /* as the libdwarf walk: functions nest only in these */
            walk_children = here.walked &&
                            (ab->tag == DW_TAG_lexical_block || ab->tag == DW_TAG_namespace ||
                             ab->tag == DW_TAG_module || ab->tag == DW_TAG_try_block ||
                             ab->tag == DW_TAG_catch_block);
        }
        if (ab->children) {
            Lvl l = {me, walk_children};
            if (st.n > 4096) {
                good = false;
                break;
            }
            VEC_PUSH(st, l);
        }
    }
    free(st.v);
    return good;
}

/* the fast path over the whole file; false = give up (the caller uses libdwarf) */
static bool fx_read(Ctx *c, const RawSec *secs)
{
    Fx x = {0};
    x.c = c;
    x.info = secs[0];
    x.abbrev = secs[1];
    x.addr = secs[2];
    x.stroff = secs[3];
    x.ranges = secs[4];
    x.rnglists = secs[5];
    bool ok = x.info.p && x.abbrev.p && fx_units(&x) && x.cus.n > 0;
    for (size_t i = 0; ok && i < x.cus.n; i++)
        ok = fx_unit(&x, &x.cus.v[i]) && !c->failed;
    for (size_t i = 0; i < x.tabs.n; i++) {
        free(x.tabs.v[i]->code.v);
        free(x.tabs.v[i]->attrs.v);
        free(x.tabs.v[i]);
    }
    free(x.tabs.v);
    free(x.cus.v);
    return ok;
}

/* ---------------------------------------------------------------------------------------- */
/* building the lookup arrays                                                               */

static int cmp_ev_lo(const void *a, const void *b)
{
    const Ev *x = a, *y = b;
    return x->lo < y->lo ? -1 : x->lo > y->lo;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Split [all ranges] into elementary segments; for each, the best range covering it by
 * (shortest length, then highest order) -- bfd's function choice. Emits via callback. */
typedef void (*SegFn)(void *arg, uint64_t lo, uint64_t hi, const Ev *cover, size_t ncover);

static void segments(Ev *ev, size_t n, SegFn fn, void *arg)
{
    if (!n)
        return;
    sort_n(ev, n, sizeof *ev, cmp_ev_lo);
    uint64_t *pts = xmalloc(2 * n * sizeof *pts);
    for (size_t i = 0; i < n; i++) {
        pts[2 * i] = ev[i].lo;
        pts[2 * i + 1] = ev[i].hi;
    }
    sort_n(pts, 2 * n, sizeof *pts, cmp_u64);
    /* active list: small in practice (nesting depth); kept as an array */
    VEC(Ev) act = {0};
    size_t next = 0;
    for (size_t p = 0; p + 1 < 2 * n; p++) {
        uint64_t lo = pts[p], hi = pts[p + 1];
        if (lo == hi)
            continue;
        size_t w = 0;
        for (size_t k = 0; k < act.n; k++)
            if (act.v[k].hi > lo)
                act.v[w++] = act.v[k];
        act.n = w;
        while (next < n && ev[next].lo <= lo) {
            if (ev[next].hi > lo)
                VEC_PUSH(act, ev[next]);
            next++;
        }
        if (act.n)
            fn(arg, lo, hi, act.v, act.n);
    }
    free(act.v);
    free(pts);
}

static void fseg_cb(void *arg, uint64_t lo, uint64_t hi, const Ev *cv, size_t n)
{
    SymFile *f = arg;
    const Ev *best = &cv[0];
    for (size_t k = 1; k < n; k++)
        if (cv[k].len < best->len || (cv[k].len == best->len && cv[k].order > best->order))
            best = &cv[k];
    if (f->fsegs.n && f->fsegs.v[f->fsegs.n - 1].hi == lo &&
        f->fsegs.v[f->fsegs.n - 1].func == best->id) {
        f->fsegs.v[f->fsegs.n - 1].hi = hi;
        return;
    }
    FuncSeg s = {lo, hi, best->id};
    VEC_PUSH(f->fsegs, s);
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static void cuseg_cb(void *arg, uint64_t lo, uint64_t hi, const Ev *cv, size_t n)
{
    SymFile *f = arg;
    CuSeg s = {lo, hi, (uint32_t)f->cuidx.n, 0};
    for (size_t k = 0; k < n; k++) {
        bool dup = false;
        for (size_t j = s.first; j < f->cuidx.n; j++)
            dup |= f->cuidx.v[j] == cv[k].id;
        if (!dup)
            VEC_PUSH(f->cuidx, cv[k].id);
    }
    s.count = (uint32_t)(f->cuidx.n - s.first);
    sort_n(f->cuidx.v + s.first, s.count, sizeof(uint32_t), cmp_u32);
    VEC_PUSH(f->cusegs, s);
}

static int cmp_linekey(const void *a, const void *b)
{
    const LineKey *x = a, *y = b;
    if (x->file != y->file)
        return x->file < y->file ? -1 : 1;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return x->row < y->row ? -1 : x->row > y->row;
}

static int cmp_namekey(const void *a, const void *b)
{
    const NameKey *x = a, *y = b;
    if (x->name != y->name)
        return x->name < y->name ? -1 : 1; /* interned: pointer order */
    return x->func < y->func ? -1 : x->func > y->func;
}

static void finish(SymFile *f)
{
    /* fix up range pointers */
    for (size_t i = 0; i < f->funcs.n; i++)
        f->funcs.v[i].ranges = f->franges.v + (uintptr_t)f->funcs.v[i].ranges;
    /* per-CU function segments */
    size_t fi = 0;
    for (uint32_t cu = 0; cu < f->cus.n; cu++) {
        VEC(Ev) ev = {0};
        for (; fi < f->funcs.n && f->funcs.v[fi].cu == cu; fi++) {
            const SymFunction *fn = &f->funcs.v[fi];
            for (size_t k = 0; k < fn->range_count; k++) {
                Ev x = {fn->ranges[k].lo, fn->ranges[k].hi, fn->ranges[k].hi - fn->ranges[k].lo,
                        (uint32_t)fi, (uint32_t)fi};
                VEC_PUSH(ev, x);
            }
        }
        f->cuinfo.v[cu].fseg_first = (uint32_t)f->fsegs.n;
        segments(ev.v, ev.n, fseg_cb, f);
        f->cuinfo.v[cu].fseg_count = (uint32_t)(f->fsegs.n - f->cuinfo.v[cu].fseg_first);
        free(ev.v);
    }
    /* CU segments */
    segments(f->curanges.v, f->curanges.n, cuseg_cb, f);
}

/* ---------------------------------------------------------------------------------------- */
/* open / close                                                                             */

static void free_raw(SymFile *f)
{
    if (f->elf)
        elf_end(f->elf);
    f->elf = NULL;
    RawSec *all[] = {&f->debug_line, &f->line_str, &f->str, &f->raw[0], &f->raw[1],
                     &f->raw[2], &f->raw[3], &f->raw[4], &f->raw[5]};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
        all[i]->p = NULL;
        all[i]->n = 0;
    }
}

static SymFile *open_impl(const char *path, char *err, size_t errlen, bool fast)
{
    err[0] = 0;
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    elf_version(EV_CURRENT);
    Elf *elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
    if (!elf || elf_kind(elf) != ELF_K_ELF) {
        snprintf(err, errlen, "%s: not an ELF file", path);
        if (elf)
            elf_end(elf);
        close(fd);
        return NULL;
    }
    SymFile *f = xmalloc(sizeof *f);
    f->elf = elf; /* kept (mapped) while the DWARF is read: the RawSecs point into it */
    strtab_intern(&f->files, "<unknown>");
    if (read_elf(f, elf, path, err, errlen) != 0) {
        close(fd);
        sym_close(f);
        return NULL;
    }

    /* GCC's line programs take about 9 bytes per row: reserve the row arrays once */
    size_t guess = f->debug_line.n / 8 + 16;
    f->rows.v = xmalloc(guess * sizeof *f->rows.v);
    f->rows.cap = guess;
    f->lk.v = xmalloc(guess * sizeof *f->lk.v);
    f->lk.cap = guess;
    f->lkaddr.v = xmalloc(guess * sizeof *f->lkaddr.v);
    f->lkaddr.cap = guess;
    if (fast) {
        Ctx fc = {.f = f, .path = path, .err = err, .errlen = errlen, .section = ".debug_info"};
        bool ok = fx_read(&fc, f->raw);
        free(fc.ckey);
        free(fc.cval);
        if (ok) {
            close(fd);
            free_raw(f);
            finish(f);
            f->serial = __atomic_fetch_add(&next_serial, 1, __ATOMIC_RELAXED);
            return f;
        }
        close(fd);
        sym_close(f);
        return open_impl(path, err, errlen, false);
    }

    Dwarf_Debug dbg = NULL;
    Dwarf_Error e = NULL;
    int r = dwarf_init_b(fd, DW_DLC_READ, DW_GROUPNUMBER_ANY, dwarf_noabort, NULL, &dbg, &e);
    if (r == DW_DLV_NO_ENTRY) {
        snprintf(err, errlen, "%s has no DWARF debug information (compile with -g)", path);
        close(fd);
        sym_close(f);
        return NULL;
    }
    if (r != DW_DLV_OK) {
        snprintf(err, errlen, "%s: damaged DWARF sections: %s", path,
                 e ? dwarf_errmsg(e) : "unreadable");
        one_line(err);
        if (e)
            dwarf_dealloc(dbg, e, DW_DLA_ERROR);
        close(fd);
        sym_close(f);
        return NULL;
    }
    Ctx c = {.f = f, .dbg = dbg, .path = path, .err = err, .errlen = errlen,
             .section = ".debug_info"};
    uint64_t next_off = 0;
    size_t ncu = 0;
    for (;;) {
        Dwarf_Unsigned hlen, typeoff, next;
        Dwarf_Half ver, asz, lsz, esz, cutype;
        Dwarf_Off abbr;
        Dwarf_Sig8 sig;
        c.cu_offset = next_off;
        c.die_offset = next_off;
        r = dwarf_next_cu_header_d(dbg, 1, &hlen, &ver, &abbr, &asz, &lsz, &esz, &sig, &typeoff,
                                   &next, &cutype, &e);
        if (r == DW_DLV_NO_ENTRY)
            break;
        if (r != DW_DLV_OK) {
            dwfail(&c, e, "CU header");
            break;
        }
        ncu++;
        c.version = ver;
        Dwarf_Die cu_die;
        r = dwarf_siblingof_b(dbg, NULL, 1, &cu_die, &e);
        if (r == DW_DLV_ERROR) {
            dwfail(&c, e, "CU DIE");
            break;
        }
        if (r == DW_DLV_OK) {
            read_cu(&c, cu_die);
            dwarf_dealloc_die(cu_die);
        }
        next_off = next;
        if (c.failed)
            break;
    }
    free(c.ckey);
    free(c.cval);
    if (dwarf_finish(dbg, &e) != DW_DLV_OK && e)
        dwarf_dealloc(dbg, e, DW_DLA_ERROR);
    close(fd);
    if (!c.failed && ncu == 0)
        snprintf(err, errlen, "%s has no DWARF debug information (compile with -g)", path);
    if (c.failed || ncu == 0) {
        sym_close(f);
        return NULL;
    }
    free_raw(f);
    finish(f);
    f->serial = __atomic_fetch_add(&next_serial, 1, __ATOMIC_RELAXED);
    return f;
}

SymFile *sym_open(const char *path, char *err, size_t errlen)
{
    char dummy[8];
    if (!err || !errlen) {
        err = dummy;
        errlen = sizeof dummy;
    }
    const char *force = getenv("SYMBOLIZE_LIBDWARF");
    return open_impl(path, err, errlen, !(force && *force && strcmp(force, "0") != 0));
}

void sym_close(SymFile *f)
{
    if (!f)
        return;
    strtab_free(&f->strings);
    strtab_free(&f->files);
    free(f->secs.v);
    free_raw(f);
    free(f->syms.v);
    free(f->fnsyms.v);
    free(f->fnsym_shndx.v);
    free(f->cus.v);
    free(f->cuinfo.v);
    free(f->rows.v);
    free(f->lk.v);
    free(f->lkaddr.v);
    free(f->seqs.v);
    free(f->fmap.v);
    free(f->funcs.v);
    free(f->franges.v);
    free(f->fsegs.v);
    free(f->curanges.v);
    free(f->cusegs.v);
    free(f->cuidx.v);
    free(f->norange_cus.v);
    free(f->linekeys.v);
    free(f->namekeys.v);
    free(f);
}

/* ---------------------------------------------------------------------------------------- */
/* accessors                                                                                */

int sym_elf_class(const SymFile *f) { return f->elfclass; }
int sym_elf_machine(const SymFile *f) { return f->machine; }
size_t sym_section_count(const SymFile *f) { return f->secs.n; }
const SymSection *sym_section(const SymFile *f, size_t i)
{
    return i < f->secs.n ? &f->secs.v[i] : NULL;
}
size_t sym_symbol_count(const SymFile *f) { return f->syms.n; }
const SymSymbol *sym_symbol(const SymFile *f, size_t i)
{
    return i < f->syms.n ? &f->syms.v[i] : NULL;
}
size_t sym_cu_count(const SymFile *f) { return f->cus.n; }
const SymCu *sym_cu(const SymFile *f, size_t i) { return i < f->cus.n ? &f->cus.v[i] : NULL; }
size_t sym_file_count(const SymFile *f) { return f->files.str.n; }
const char *sym_file_path(const SymFile *f, uint32_t file)
{
    return file < f->files.str.n ? f->files.str.v[file] : NULL;
}
const SymLineRow *sym_rows(const SymFile *f, size_t *count)
{
    *count = f->rows.n;
    return f->rows.v;
}
size_t sym_function_count(const SymFile *f) { return f->funcs.n; }
const SymFunction *sym_function(const SymFile *f, size_t i)
{
    return i < f->funcs.n ? &f->funcs.v[i] : NULL;
}

/* ---------------------------------------------------------------------------------------- */
/* queries                                                                                  */

/* Index of the section containing ADDR (SHF_ALLOC, non-empty), or -1; sections are few. */
static long section_index_at(const SymFile *f, uint64_t addr)
{
    for (size_t i = 0; i < f->secs.n; i++) {
        const SymSection *s = &f->secs.v[i];
        if ((s->flags & SHF_ALLOC) && addr >= s->addr && addr - s->addr < s->size)
            return (long)i + 1; /* ELF section numbers start at 1 after the null section */
    }
    return -1;
}

const SymSection *sym_section_at(const SymFile *f, uint64_t addr)
{
    long i = section_index_at(f, addr);
    return i < 0 ? NULL : &f->secs.v[i - 1];
}

const SymSymbol *sym_symbol_at(const SymFile *f, uint64_t addr)
{
    long shndx = section_index_at(f, addr);
    if (shndx < 0)
        return NULL;
    /* last entry with value <= addr; fnsyms sorted by value, then size desc, then order;
     * walk back over lower values until one of the section is found */
    size_t lo = 0, hi = f->fnsyms.n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (f->fnsyms.v[mid].value <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i-- > 0;) {
        if (f->fnsym_shndx.v[i] != shndx)
            continue;
        /* the first of this value group in the section: biggest size, then symtab order */
        for (size_t j = i; j-- > 0 && f->fnsyms.v[j].value == f->fnsyms.v[i].value;)
            if (f->fnsym_shndx.v[j] == shndx)
                i = j;
        return &f->syms.v[f->fnsyms.v[i].sym];
    }
    return NULL;
}

static const SymLineRow *cu_row_at(const SymFile *f, uint32_t cu, uint64_t addr,
                                   uint64_t *span_hi, const Seq **seq_out, size_t *k_out)
{
    const CuInfo *ci = &f->cuinfo.v[cu];
    const Seq *sv = f->seqs.v + ci->seq_first;
    size_t lo = 0, hi = ci->seq_count;
    const Seq *s = NULL;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (addr < sv[mid].lo)
            hi = mid;
        else if (addr >= sv[mid].hi)
            lo = mid + 1;
        else {
            s = &sv[mid];
            break;
        }
    }
    if (!s)
        return NULL;
    const uint32_t *lk = f->lk.v + s->first;
    const uint64_t *la = f->lkaddr.v + s->first;
    /* last lookup row at or below addr */
    lo = 0;
    hi = s->count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (la[mid] <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0 || lo >= s->count)
        return NULL;
    const SymLineRow *r = &f->rows.v[lk[lo - 1]];
    if (r->flags & SYM_ROW_END_SEQUENCE)
        return NULL;
    *span_hi = la[lo] < s->hi ? la[lo] : s->hi;
    *seq_out = s;
    *k_out = lo - 1;
    return r;
}

static long cu_func_at(const SymFile *f, uint32_t cu, uint64_t addr, uint64_t *span_lo,
                       uint64_t *span_hi, size_t *fs_out)
{
    const CuInfo *ci = &f->cuinfo.v[cu];
    const FuncSeg *sv = f->fsegs.v + ci->fseg_first;
    size_t lo = 0, hi = ci->fseg_count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (addr < sv[mid].lo)
            hi = mid;
        else if (addr >= sv[mid].hi)
            lo = mid + 1;
        else {
            *span_lo = sv[mid].lo;
            *span_hi = sv[mid].hi;
            *fs_out = ci->fseg_first + mid;
            return sv[mid].func;
        }
    }
    *fs_out = ci->fseg_first + lo; /* the first segment above addr */
    return -1;
}

/* the stepping fast path of lookup(); false = search */
static bool lookup_step(const SymFile *f, uint64_t addr, const SymLineRow **row, long *func)
{
    const CuSeg *seg = hint.seg;
    const Seq *s = hint.seq;
    if (!hint.step_ok || hint.serial != f->serial || addr < hint.last || addr < seg->lo ||
        addr >= seg->hi || addr < s->lo || addr >= s->hi)
        return false;
    const uint64_t *la = f->lkaddr.v + s->first;
    size_t k = hint.k;
    for (int n = 0; k + 1 < s->count && la[k + 1] <= addr; n++, k++)
        if (n == 16)
            return false;
    if (k + 1 >= s->count)
        return false;
    const SymLineRow *r = &f->rows.v[f->lk.v[s->first + k]];
    if (r->flags & SYM_ROW_END_SEQUENCE)
        return false;
    const CuInfo *ci = &f->cuinfo.v[hint.cu];
    size_t fs = hint.fs, end = ci->fseg_first + ci->fseg_count;
    for (int n = 0; fs < end && f->fsegs.v[fs].hi <= addr; n++, fs++)
        if (n == 16)
            return false;
    *row = r;
    *func = fs < end && f->fsegs.v[fs].lo <= addr ? (long)f->fsegs.v[fs].func : -1;
    hint.k = k;
    hint.fs = fs;
    hint.last = addr;
    return true;
}

/* Finds the CU for ADDR as bfd does; fills row and function; returns false if none. */
static bool lookup(const SymFile *f, uint64_t addr, const SymLineRow **row, long *func)
{
    if (hint.serial == f->serial && addr >= hint.lo && addr < hint.hi) {
        *row = hint.row;
        *func = hint.func;
        return true;
    }
    if (lookup_step(f, addr, row, func))
        return true;
    size_t lo = 0, hi = f->cusegs.n;
    const CuSeg *seg = NULL;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (addr < f->cusegs.v[mid].lo)
            hi = mid;
        else if (addr >= f->cusegs.v[mid].hi)
            lo = mid + 1;
        else {
            seg = &f->cusegs.v[mid];
            break;
        }
    }
    /* merge the ranged candidates with the CUs without ranges, in CU order */
    size_t a = 0, b = 0, na = seg ? seg->count : 0, nb = f->norange_cus.n;
    bool first = true;
    while (a < na || b < nb) {
        uint32_t cu;
        if (b >= nb || (a < na && f->cuidx.v[seg->first + a] < f->norange_cus.v[b]))
            cu = f->cuidx.v[seg->first + a++];
        else
            cu = f->norange_cus.v[b++];
        uint64_t rhi = 0, flo = 0, fhi = 0;
        const Seq *sq = NULL;
        size_t k = 0, fs = 0;
        *row = cu_row_at(f, cu, addr, &rhi, &sq, &k);
        *func = cu_func_at(f, cu, addr, &flo, &fhi, &fs);
        if (*row || *func >= 0) {
            hint.step_ok = first && seg && *row;
            if (hint.step_ok) {
                hint.serial = f->serial;
                hint.cu = cu;
                hint.seg = seg;
                hint.seq = sq;
                hint.k = k;
                hint.fs = fs;
                hint.last = addr;
                hint.lo = hint.hi = 0;
            }
            if (first && seg && *row && *func >= 0) {
                hint.serial = f->serial;
                hint.lo = (*row)->addr > flo ? (*row)->addr : flo;
                hint.lo = hint.lo > seg->lo ? hint.lo : seg->lo;
                hint.hi = rhi < fhi ? rhi : fhi;
                hint.hi = hint.hi < seg->hi ? hint.hi : seg->hi;
                hint.row = *row;
                hint.func = *func;
            }
            return true;
        }
        first = false;
    }
    *row = NULL;
    *func = -1;
    return false;
}

const SymLineRow *sym_row_at(const SymFile *f, uint64_t addr)
{
    const SymLineRow *row;
    long func;
    if (!lookup(f, addr, &row, &func))
        return NULL;
    return row;
}

size_t sym_frames(const SymFile *f, uint64_t addr, SymFrame *out, size_t max)
{
    if (section_index_at(f, addr) < 0)
        return 0;
    const SymLineRow *row;
    long func;
    SymFrame fr = {0};
    bool found = lookup(f, addr, &row, &func);
    if (row) {
        fr.file = sym_file_path(f, row->file);
        fr.line = row->line;
        fr.column = row->column;
        fr.discriminator = row->discriminator;
    }
    fr.func = SYM_NONE;
    if (func >= 0) {
        fr.function = f->funcs.v[func].name;
        fr.func = (uint32_t)func;
    }
    if (!fr.function) {
        const SymSymbol *s = sym_symbol_at(f, addr);
        if (s) {
            fr.function = s->name;
            if (!found)
                fr.file = s->file; /* bfd: file name from the STT_FILE symbol */
            found = true;
        }
    }
    if (!found)
        return 0;
    size_t n = 0;
    if (n < max)
        out[n] = fr;
    n++;
    if (func < 0 || !f->funcs.v[func].inlined)
        return n;
    for (const SymFunction *fn = &f->funcs.v[func]; fn->parent != SYM_NONE && n < 4096;) {
        const SymFunction *caller = &f->funcs.v[fn->parent];
        SymFrame cf = {caller->name, fn->call_file ? sym_file_path(f, fn->call_file) : NULL,
                       fn->call_line, fn->call_column, fn->call_discriminator, fn->parent};
        if (n < max)
            out[n] = cf;
        n++;
        fn = caller;
    }
    return n;
}

static size_t merge_ranges(SymRange *v, size_t n)
{
    if (!n)
        return 0;
    size_t w = 0;
    for (size_t i = 1; i < n; i++) {
        if (v[i].lo <= v[w].hi) {
            if (v[i].hi > v[w].hi)
                v[w].hi = v[i].hi;
        } else {
            v[++w] = v[i];
        }
    }
    return w + 1;
}

static int cmp_range(const void *a, const void *b)
{
    const SymRange *x = a, *y = b;
    if (x->lo != y->lo)
        return x->lo < y->lo ? -1 : 1;
    return x->hi < y->hi ? -1 : x->hi > y->hi;
}

typedef VEC(SymRange) RangeVec;

static size_t emit_ranges(RangeVec *acc, SymRange *out, size_t max)
{
    sort_n(acc->v, acc->n, sizeof *acc->v, cmp_range);
    size_t n = merge_ranges(acc->v, acc->n);
    for (size_t i = 0; i < n && i < max; i++)
        out[i] = acc->v[i];
    free(acc->v);
    return n;
}

/* The file:line and name indexes are built on first use (address lookups, the common case,
 * do not need them). The first sym_line_ranges / sym_function_ranges call therefore writes to
 * the SymFile: do not make it concurrently from several threads. */
static void build_indexes(const SymFile *cf)
{
    SymFile *f = (SymFile *)cf;
    if (f->indexed)
        return;
    /* file:line index over all rows that start a non-empty address range */
    for (size_t i = 0; i < f->rows.n; i++) {
        const SymLineRow *r = &f->rows.v[i];
        if (r->flags & SYM_ROW_END_SEQUENCE)
            continue;
        LineKey k = {r->file, r->line, (uint32_t)i};
        VEC_PUSH(f->linekeys, k);
    }
    sort_n(f->linekeys.v, f->linekeys.n, sizeof *f->linekeys.v, cmp_linekey);
    for (size_t i = 0; i < f->funcs.n; i++) {
        if (!f->funcs.v[i].name || !f->funcs.v[i].range_count)
            continue;
        NameKey k = {f->funcs.v[i].name, (uint32_t)i};
        VEC_PUSH(f->namekeys, k);
    }
    sort_n(f->namekeys.v, f->namekeys.n, sizeof *f->namekeys.v, cmp_namekey);
    f->indexed = true;
}

static bool path_matches(const char *path, const char *want)
{
    size_t lp = strlen(path), lw = strlen(want);
    if (lw > lp)
        return false;
    if (strcmp(path + lp - lw, want) != 0)
        return false;
    return lw == lp || want[0] == '/' || path[lp - lw - 1] == '/';
}

size_t sym_line_ranges(const SymFile *f, const char *file, uint32_t line, SymRange *out,
                       size_t max)
{
    RangeVec acc = {0};
    build_indexes(f);
    for (uint32_t id = 1; id < f->files.str.n; id++) {
        if (!path_matches(f->files.str.v[id], file))
            continue;
        size_t lo = 0, hi = f->linekeys.n;
        while (lo < hi) { /* first key >= (id, line) */
            size_t mid = (lo + hi) / 2;
            const LineKey *k = &f->linekeys.v[mid];
            if (k->file < id || (k->file == id && k->line < line))
                lo = mid + 1;
            else
                hi = mid;
        }
        for (; lo < f->linekeys.n && f->linekeys.v[lo].file == id &&
               f->linekeys.v[lo].line == line;
             lo++) {
            uint32_t ri = f->linekeys.v[lo].row;
            const SymLineRow *r = &f->rows.v[ri];
            /* the row covers up to the next row of its sequence; a row followed by another
             * at the same address covers nothing (the later row wins, as in lookups) */
            const SymCu *cu = &f->cus.v[r->cu];
            if (ri + 1 < cu->first_row + cu->row_count && f->rows.v[ri + 1].addr > r->addr) {
                SymRange rg = {r->addr, f->rows.v[ri + 1].addr};
                VEC_PUSH(acc, rg);
            }
        }
    }
    return emit_ranges(&acc, out, max);
}

size_t sym_function_ranges(const SymFile *f, const char *name, SymRange *out, size_t max)
{
    RangeVec acc = {0};
    build_indexes(f);
    /* find the interned pointer for NAME by a lookup in the string table */
    const StrTab *t = &f->strings;
    const char *key = NULL;
    if (t->nslot) {
        size_t j = hash_str(name) & (t->nslot - 1);
        while (t->slot[j]) {
            if (strcmp(t->str.v[t->slot[j] - 1], name) == 0) {
                key = t->str.v[t->slot[j] - 1];
                break;
            }
            j = (j + 1) & (t->nslot - 1);
        }
    }
    if (key) {
        size_t lo = 0, hi = f->namekeys.n;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (f->namekeys.v[mid].name < key)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (; lo < f->namekeys.n && f->namekeys.v[lo].name == key; lo++) {
            const SymFunction *fn = &f->funcs.v[f->namekeys.v[lo].func];
            for (size_t k = 0; k < fn->range_count; k++)
                VEC_PUSH(acc, fn->ranges[k]);
        }
    }
    return emit_ranges(&acc, out, max);
}
