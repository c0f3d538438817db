/* sym_query.c - address, line and name queries over the lookup arrays. */
#include "sym_internal.h"

/* Last answer per thread: consecutive addresses (the usual batch) mostly fall in the same line
 * row and function segment, so the answer is reused while the address stays inside the span
 * where it provably holds (first candidate CU, same row, same function segment). */
typedef struct Hint {
    uint64_t serial, lo, hi;
    const LRow *row;
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

static const LRow *cu_row_at(const SymFile *f, uint32_t cu, uint64_t addr,
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
    const LRow *la = f->lrows.v + s->first;
    /* last lookup row at or below addr (not the last of the sequence: its end) */
    lo = 0;
    hi = s->count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (la[mid].addr <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0 || lo >= s->count)
        return NULL;
    const LRow *r = &f->lrows.v[s->first + lo - 1];
    *span_hi = la[lo].addr < s->hi ? la[lo].addr : s->hi;
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
static bool lookup_step(const SymFile *f, uint64_t addr, const LRow **row, long *func)
{
    const CuSeg *seg = hint.seg;
    const Seq *s = hint.seq;
    if (!hint.step_ok || hint.serial != f->serial || addr < hint.last || addr < seg->lo ||
        addr >= seg->hi || addr < s->lo || addr >= s->hi)
        return false;
    const LRow *la = f->lrows.v + s->first;
    size_t k = hint.k;
    for (int n = 0; k + 1 < s->count && la[k + 1].addr <= addr; n++, k++)
        if (n == 16)
            return false;
    if (k + 1 >= s->count)
        return false;
    const LRow *r = &f->lrows.v[s->first + k];
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
    if (*func >= 0) { /* the span of this answer, as lookup() computes it */
        const FuncSeg *g = &f->fsegs.v[fs];
        uint64_t lo = la[k].addr > g->lo ? la[k].addr : g->lo;
        uint64_t hi = la[k + 1].addr < s->hi ? la[k + 1].addr : s->hi;
        hint.lo = lo > seg->lo ? lo : seg->lo;
        hi = hi < g->hi ? hi : g->hi;
        hint.hi = hi < seg->hi ? hi : seg->hi;
        hint.row = r;
        hint.func = *func;
    }
    return true;
}

/* Finds the CU for ADDR as bfd does; fills row, function and the CU that answered; returns
 * false if none. */
static bool lookup(const SymFile *f, uint64_t addr, const LRow **row, long *func, uint32_t *cu_out)
{
    if (hint.serial == f->serial && addr >= hint.lo && addr < hint.hi) {
        *row = hint.row;
        *func = hint.func;
        *cu_out = hint.cu; /* (a hint span is only set with step_ok, which sets cu) */
        return true;
    }
    if (lookup_step(f, addr, row, func)) {
        *cu_out = hint.cu;
        return true;
    }
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
            *cu_out = cu;
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

const SymLineRow *sym_row_at(const SymFile *cf, uint64_t addr)
{
    const LRow *row;
    long func;
    uint32_t cu;
    if (!lookup(cf, addr, &row, &func, &cu) || !row)
        return NULL;
    /* the full row: the CU's lookup rows as SymLineRows, built once (thread-safe) */
    SymFile *f = (SymFile *)cf;
    SymLineRow *full = __atomic_load_n(&f->lfull[cu], __ATOMIC_ACQUIRE);
    if (!full) {
        pthread_mutex_lock(&f->rows_lock);
        full = f->lfull[cu];
        if (!full) {
            full = symi_lookup_rows_full(f, cu);
            __atomic_store_n(&f->lfull[cu], full, __ATOMIC_RELEASE);
        }
        pthread_mutex_unlock(&f->rows_lock);
    }
    return &full[(size_t)(row - f->lrows.v) - f->cuinfo.v[cu].lrow_first];
}

size_t sym_frames(const SymFile *f, uint64_t addr, SymFrame *out, size_t max)
{
    uint64_t lo, hi;
    return sym_frames_span(f, addr, out, max, &lo, &hi, 0);
}

/* sym_file_path, here where the queries need it */
static inline const char *file_path(const SymFile *f, uint32_t file)
{
    return file < f->files.str.n ? f->files.str.v[file] : NULL;
}

size_t sym_frames_span(const SymFile *f, uint64_t addr, SymFrame *out, size_t max, uint64_t *lo,
                       uint64_t *hi, unsigned flags)
{
    *lo = addr;
    *hi = addr + 1;
    long shndx = symi_section_index_at(f, addr);
    if (shndx < 0)
        return 0;
    const LRow *row;
    long func;
    uint32_t cu;
    SymFrame fr = {0};
    bool found = lookup(f, addr, &row, &func, &cu);
    if (row) {
        fr.file = file_path(f, row->file);
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
    /* the hint's span (same line row, same function segment, same first CU) inside the
     * section: the answer holds there unless it came from the symbol table */
    if (func >= 0 && fr.function && hint.serial == f->serial && addr >= hint.lo &&
        addr < hint.hi) {
        const SymSection *s = &f->secs.v[shndx - 1];
        uint64_t send = s->addr + s->size;
        *lo = hint.lo > s->addr ? hint.lo : s->addr;
        *hi = hint.hi < send ? hint.hi : send;
        if (flags & SYM_SPAN_ANY_COLUMN) {
            /* on over the next lookup rows of the sequence at the same file, line and
             * discriminator, inside the same function segment and CU segment (so the same
             * first CU answers there) */
            const Seq *sq = hint.seq;
            const CuSeg *seg = hint.seg;
            uint64_t lim = f->fsegs.v[hint.fs].hi;
            lim = lim < seg->hi ? lim : seg->hi;
            lim = lim < sq->hi ? lim : sq->hi;
            lim = lim < send ? lim : send;
            const LRow *lr = f->lrows.v + sq->first;
            /* (j + 1 < count: not the last row, the sequence's end) */
            for (size_t j = hint.k + 1;
                 *hi == lr[j].addr && j + 1 < sq->count && lr[j].addr < lim &&
                 lr[j].file == row->file && lr[j].line == row->line &&
                 lr[j].discriminator == row->discriminator;
                 j++)
                *hi = lr[j + 1].addr < lim ? lr[j + 1].addr : lim;
        }
    }
    if (func < 0 || !f->funcs.v[func].inlined)
        return n;
    for (const SymFunction *fn = &f->funcs.v[func]; fn->parent != SYM_NONE && n < 4096;) {
        const SymFunction *caller = &f->funcs.v[fn->parent];
        SymFrame cf = {caller->name, fn->call_file ? file_path(f, fn->call_file) : NULL,
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

/* The file:line and name indexes are built on first use (address lookups, the common case,
 * do not need them). The first sym_line_ranges / sym_function_ranges call therefore writes to
 * the SymFile: do not make it concurrently from several threads. */
static void build_indexes(const SymFile *cf)
{
    SymFile *f = (SymFile *)cf;
    if (f->indexed)
        return;
    symi_need_rows(f);
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
        size_t j = symi_hash_str(name) & (t->nslot - 1);
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
