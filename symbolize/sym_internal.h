/* sym_internal.h - what the files of symbolize/ share (not a public header).
 *
 *   symbolize.c   the SymFile: open/close, string interning, building the lookup arrays,
 *                 accessors
 *   sym_elf.c     ELF sections and symbols (libelf)
 *   sym_line.c    .debug_line decoder (DWARF 2-5 line programs)
 *   sym_die.c     fast .debug_info reader (the common case) and what both DIE readers share
 *   sym_dwarf.c   the libdwarf DIE walk: fallback of sym_die.c, source of error messages
 *   sym_query.c   address, line and name queries
 *
 * addr2line compatibility: the lookup rules reproduce binutils 2.40 (bfd/dwarf2.c and
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
#ifndef EMUCOV_SYM_INTERNAL_H
#define EMUCOV_SYM_INTERNAL_H

#include "symbolize.h"

#include <libdwarf.h>
#include <libelf.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------------------------- */
/* small growable arrays and a string interner                                              */

#define VEC(T) struct { T *v; size_t n, cap; }
#define VEC_PUSH(vec, item)                                                                \
    do {                                                                                   \
        if ((vec).n == (vec).cap) {                                                        \
            size_t nc_ = (vec).cap ? (vec).cap * 2 : 16;                                   \
            (vec).v = symi_grow((vec).v, (vec).n * sizeof *(vec).v, nc_ * sizeof *(vec).v); \
            (vec).cap = nc_;                                                               \
        }                                                                                  \
        (vec).v[(vec).n++] = (item);                                                       \
    } while (0)

/* OLD (USED bytes of it in use) grown to SIZE bytes; no return on failure */
void *symi_grow(void *old, size_t used, size_t size);
/* the pages of [P, P + N) mapped now rather than one page fault at a time */
void symi_prefault(void *p, size_t n);
/* How far an array was mapped by symi_prefault_to: its address then, and the end of the pages
 * mapped (an address), 0 for none. */
typedef struct PfMark {
    const void *base;
    uintptr_t end;
} PfMark;
/* The pages of BASE[0, WANT) bytes (WANT cut to CAP, the allocation) mapped now, those an earlier
 * call mapped for the same BASE excepted: an array filled bit by bit is mapped as it fills */
void symi_prefault_to(PfMark *m, void *base, size_t want, size_t cap);

static inline void *xmalloc(size_t n)
{
    void *p = calloc(1, n ? n : 1);
    if (!p) {
        fputs("symbolize: out of memory\n", stderr);
        abort();
    }
    return p;
}

/* xmalloc without the zeroing, for scratch arrays written before they are read */
static inline void *xmalloc_scratch(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fputs("symbolize: out of memory\n", stderr);
        abort();
    }
    return p;
}

/* qsort that accepts an empty (NULL) array */
static inline void sort_n(void *base, size_t n, size_t size,
                          int (*cmp)(const void *, const void *))
{
    if (n > 1)
        qsort(base, n, size, cmp);
}

static inline char *xstrdup(const char *s)
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


uint64_t symi_hash_str(const char *s);
/* id of S in T (added if new) */
uint32_t symi_strtab_intern(StrTab *t, const char *s);
void symi_strtab_free(StrTab *t);

/* Sorts KEY[0..N), VAL (may be NULL) along with it, stably (an LSD radix sort) */
void symi_radix_sort(uint64_t *key, uint32_t *val, size_t n);
/* Reorders the N records of SIZE bytes at BASE so that record i is the old record IDX[i] */
void symi_permute(void *base, const uint32_t *idx, size_t n, size_t size);

/* ---------------------------------------------------------------------------------------- */
/* the SymFile                                                                              */

typedef struct Seq {
    uint64_t lo, hi;      /* [lo, hi) after trimming */
    uint32_t first, count; /* slice of SymFile.lrows (incl. the end row) */
} Seq;

/* A lookup row: the part of a SymLineRow that address queries read. 24 bytes instead of 40:
 * on a large ELF the lookup rows are most of the memory sym_open fills, and every page of it
 * costs a page fault (about 1.5 us on the VMs we measure on). An end_sequence row is always the
 * last of its Seq slice, which no lookup returns, so no flags are needed. sym_row_at answers
 * with the full row, built per CU when first asked for (CuInfo.lfull). */
typedef struct LRow {
    uint64_t addr;
    uint32_t file, line, column, discriminator;
} LRow;

typedef VEC(SymLineRow) RowVec;

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

/* line program header (DWARF 5 section 6.2.4) */
typedef struct LineHdr {
    unsigned version, offsz, min_inst, max_ops, opcode_base, line_range;
    int line_base;
    bool default_stmt;
    const unsigned char *oplens;
} LineHdr;

typedef struct CuInfo {
    uint32_t seq_first, seq_count;
    uint32_t fseg_first, fseg_count;
    uint32_t fmap_first, fmap_count; /* file number -> file id */
    bool has_ranges;
    /* the line program, kept to build the full rows on demand (symi_build_rows) */
    LineHdr line;
    const unsigned char *prog, *prog_end; /* NULL if the CU has none */
    uint32_t fmap_header;                 /* files from the header (before define_file) */
    uint32_t lrow_first, lrow_count;      /* its slice of SymFile.lrows */
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
    /* Lookup rows: per sequence the last row at each address (what addr2line can answer),
     * built at open. All rows (sym_rows) are only built when asked for: the CLI and most
     * address queries never need them, and they are most of the memory of a large ELF. */
    VEC(LRow) lrows;
    PfMark lrows_mapped;      /* (by whoever fills lrows: the line thread, or sym_open) */
    SymLineRow **lfull;       /* per CU: its lookup rows as SymLineRows, NULL until asked */
    size_t nrows;             /* all rows (sym_rows), counted at open */
    RowVec rows;              /* all rows, once rows_built */
    bool rows_built;
    pthread_mutex_t rows_lock; /* for rows and lfull */
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
                      into the libelf data of ELF, kept until sym_close (line programs) */
    Elf *elf;
    void *map; /* the file, mapped for libelf (elf_memory), or NULL */
    size_t map_size;
};


/* S interned in f->strings (NULL as ""): equal names are equal pointers */
const char *symi_intern(SymFile *f, const char *s);

/* ---- ELF (sym_elf.c) ---------------------------------------------------------------------- */

/* sections (RawSecs of the DWARF sections we decode) and symbols of ELF into F */
int symi_read_elf(SymFile *f, Elf *elf, const char *path, char *err, size_t errlen);
/* ELF section number (from 1) of the allocated section containing ADDR, or -1 */
long symi_section_index_at(const SymFile *f, uint64_t addr);

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

/* Name of a DIE as bfd's find_abstract_instance reads it: linkage name first, else
 * DW_AT_name, else through DW_AT_abstract_origin / DW_AT_specification. */
/* Names travel tagged through the DIE readers: low bit set = bfd's "is_linkage" (a linkage
 * name, or DW_AT_name in a CU whose language does not mangle). Interned strings come from
 * malloc, so the low bit is free. */
#define NAME_TAG(p) ((const char *)((uintptr_t)(p) | 1u))
#define NAME_PTR(p) ((const char *)((uintptr_t)(p) & ~(uintptr_t)1))
#define NAME_IS_LINKAGE(p) (((uintptr_t)(p) & 1u) != 0)


/* ---- bounds-checked little-endian reader (line programs and .debug_info) ------------------ */

typedef struct Rd {
    const unsigned char *base, *p, *end;
    bool bad;
} Rd;

static inline uint64_t rd_uleb(Rd *r)
{
    if (r->p < r->end && *r->p < 0x80) /* one byte: most of them */
        return *r->p++;
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

static inline int64_t rd_sleb(Rd *r)
{
    if (r->p < r->end && *r->p < 0x80) { /* one byte */
        unsigned char b = *r->p++;
        return b & 0x40 ? (int64_t)b - 0x80 : (int64_t)b;
    }
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

static inline uint64_t rd_fixed(Rd *r, unsigned n)
{
    uint64_t v = 0;
    if ((size_t)(r->end - r->p) < n) {
        r->bad = true;
        r->p = r->end;
        return 0;
    }
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    /* the usual sizes in one load (the byte loop below was 2% of a large ELF's sym_open) */
    if (n == 4 || n == 8 || n == 2) {
        if (n == 4) {
            uint32_t w;
            memcpy(&w, r->p, 4);
            v = w;
        } else if (n == 8) {
            memcpy(&v, r->p, 8);
        } else {
            uint16_t h;
            memcpy(&h, r->p, 2);
            v = h;
        }
        r->p += n;
        return v;
    }
#endif
    for (unsigned i = 0; i < n && i < 8; i++) /* little-endian targets (ARM, RISC-V) */
        v |= (uint64_t)r->p[i] << (8 * i);
    r->p += n;
    return v;
}

static inline void rd_skip(Rd *r, uint64_t n)
{
    if ((uint64_t)(r->end - r->p) < n) {
        r->bad = true;
        r->p = r->end;
    } else {
        r->p += n;
    }
}

static inline const char *rd_cstr(Rd *r)
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

static inline const char *sec_str(const RawSec *s, uint64_t off)
{
    if (!s->p || off >= s->n || !memchr(s->p + off, 0, s->n - off))
        return NULL;
    return (const char *)s->p + off;
}


/* ---- line programs (sym_line.c) ------------------------------------------------------------ */

/* What the line program of one CU gives besides the rows: its slices of f->seqs, f->fmap
 * and the rows, and the program kept for symi_build_rows. */
typedef struct LineUnit {
    uint64_t offset;      /* in: DW_AT_stmt_list, UINT64_MAX if none */
    uint64_t cu_offset;   /* in: of the CU header (for messages) */
    const char *comp_dir; /* in: DW_AT_comp_dir or NULL */
    uint32_t seq_first, seq_count, fmap_first, fmap_count, fmap_header, lrow_first, lrow_count;
    LineHdr line;
    const unsigned char *prog, *prog_end; /* NULL if the CU has none */
    size_t first_row, row_count;
} LineUnit;

/* The line program LU->offset of CU c->cu into f->lrows, seqs, fmap and files (nothing
 * else of F is touched: the fast reader runs this beside the DIE walk), the rest into LU;
 * on damage sets c->failed and the message. */
void symi_read_line_unit(Ctx *c, LineUnit *lu);
/* LU into f->cuinfo.v[CU] and f->cus.v[CU] */
void symi_store_line_unit(SymFile *f, uint32_t cu, const LineUnit *lu);
/* both for CU c->cu at c->line_offset */
void symi_read_lines(Ctx *c, const char *comp_dir);
/* all rows of all CUs into f->rows, from the programs symi_read_lines checked */
void symi_build_rows(SymFile *f);
/* f->rows built (once, thread-safe) */
void symi_need_rows(const SymFile *f);
/* the lookup rows of CU as SymLineRows (its slice of f->lrows, row for row), built by running
 * its line program again; the caller publishes them in f->lfull */
SymLineRow *symi_lookup_rows_full(const SymFile *f, uint32_t cu);

/* ---- DIE readers (sym_die.c, sym_dwarf.c) --------------------------------------------------- */

/* offset -> name cache for abstract_origin / specification targets */
const char *symi_name_cache_get(Ctx *c, uint64_t key, bool *found);
void symi_name_cache_put(Ctx *c, uint64_t key, const char *val);
/* [lo, hi) into f->franges (empty ranges are dropped) */
void symi_add_range(Ctx *c, uint64_t lo, uint64_t hi);
/* file number of the current CU's line table -> file id (0 if out of range) */
uint32_t symi_map_file(Ctx *c, uint64_t fileno);
/* bfd mangle_style() == 0: names of this DW_LANG_* are final as written in DW_AT_name */
bool symi_lang_is_c_like(unsigned lang);
/* The current CU's own ranges, collected in f->franges from index R0 on, become its
 * address-index entries (a CU without any is looked up by its functions). */
void symi_cu_ranges_done(Ctx *c, size_t r0);
/* After the DIEs: the range pointers of f->funcs fixed up, and each CU's function segments
 * (f->fsegs: per address, the function bfd would choose). The fast reader calls it itself. */
void symi_finish_funcs(SymFile *f);
/* The fast reader over the whole file (SECS: .debug_info, _abbrev, _addr, _str_offsets,
 * _ranges, _rnglists); false = give up (the caller uses libdwarf). */
bool symi_fast_read(Ctx *c, const RawSec *secs);
/* The libdwarf walk over the whole file open as FD; false with the message in ERR. */
bool symi_libdwarf_read(SymFile *f, int fd, const char *path, char *err, size_t errlen);

#endif
