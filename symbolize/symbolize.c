/* symbolize.c - the SymFile: opening an ELF, the string interner, building the lookup arrays
 * from what the readers produced, and the plain accessors.
 *
 * Reading: libelf maps the file (sections, symbols: sym_elf.c). Line programs are decoded by
 * our own decoder (sym_line.c: libdwarf 20210528 was slow at it and misreads the DWARF 5
 * initial file register). DIEs are read by a small .debug_info reader (sym_die.c) for the
 * common case, and by libdwarf otherwise (sym_dwarf.c): libdwarf is the fallback for anything
 * unusual and the source of the error messages for damaged DWARF (dwarf_init_b with a handler
 * that never exits). SYMBOLIZE_LIBDWARF=1 in the environment forces the libdwarf path (tests
 * run both). The addr2line rules the lookups follow are listed in sym_internal.h.
 */
#include "sym_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---------------------------------------------------------------------------------------- */
/* string interner                                                                        */

uint64_t symi_hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

uint32_t symi_strtab_intern(StrTab *t, const char *s)
{
    if (t->str.n * 2 + 2 > t->nslot) {
        size_t ns = t->nslot ? t->nslot * 2 : 256;
        uint32_t *nslot = xmalloc(ns * sizeof *nslot);
        for (size_t i = 0; i < t->str.n; i++) {
            size_t j = symi_hash_str(t->str.v[i]) & (ns - 1);
            while (nslot[j])
                j = (j + 1) & (ns - 1);
            nslot[j] = (uint32_t)i + 1;
        }
        free(t->slot);
        t->slot = nslot;
        t->nslot = ns;
    }
    size_t j = symi_hash_str(s) & (t->nslot - 1);
    while (t->slot[j]) {
        if (strcmp(t->str.v[t->slot[j] - 1], s) == 0)
            return t->slot[j] - 1;
        j = (j + 1) & (t->nslot - 1);
    }
    VEC_PUSH(t->str, xstrdup(s));
    t->slot[j] = (uint32_t)t->str.n;
    return (uint32_t)t->str.n - 1;
}

void symi_strtab_free(StrTab *t)
{
    for (size_t i = 0; i < t->str.n; i++)
        free(t->str.v[i]);
    free(t->str.v);
    free(t->slot);
}

const char *symi_intern(SymFile *f, const char *s)
{
    uint32_t id = symi_strtab_intern(&f->strings, s ? s : ""); /* may grow str.v */
    return f->strings.str.v[id];
}

/* identifies each SymFile for the per-thread lookup hint of sym_query.c */
static uint64_t next_serial = 1;

/* ---------------------------------------------------------------------------------------- */
/* building the lookup arrays                                                               */

/* Sorts KEY[0..N), VAL (may be NULL) along with it, stably: an LSD radix sort by bytes (bytes
 * all keys share are skipped: addresses of a 32-bit target take 4 passes at most). The qsort
 * it replaces was a third of the time spent building the lookup arrays. */
void symi_radix_sort(uint64_t *key, uint32_t *val, size_t n)
{
    if (n < 64) { /* insertion sort */
        for (size_t i = 1; i < n; i++) {
            uint64_t k = key[i];
            uint32_t v = val ? val[i] : 0;
            size_t j = i;
            for (; j > 0 && key[j - 1] > k; j--) {
                key[j] = key[j - 1];
                if (val)
                    val[j] = val[j - 1];
            }
            key[j] = k;
            if (val)
                val[j] = v;
        }
        return;
    }
    uint64_t *k2 = xmalloc_scratch(n * sizeof *k2);
    uint32_t *v2 = val ? xmalloc_scratch(n * sizeof *v2) : NULL;
    uint64_t *kin = key, *kout = k2;
    uint32_t *vin = val, *vout = v2;
    uint64_t all_or = 0, all_and = ~(uint64_t)0;
    for (size_t i = 0; i < n; i++) {
        all_or |= key[i];
        all_and &= key[i];
    }
    for (unsigned sh = 0; sh < 64; sh += 8) {
        if (!(((all_or ^ all_and) >> sh) & 255))
            continue; /* the same byte in every key */
        size_t pos[256] = {0};
        for (size_t i = 0; i < n; i++)
            pos[(kin[i] >> sh) & 255]++;
        for (size_t d = 0, sum = 0; d < 256; d++) {
            size_t c = pos[d];
            pos[d] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++) {
            size_t j = pos[(kin[i] >> sh) & 255]++;
            kout[j] = kin[i];
            if (vin)
                vout[j] = vin[i];
        }
        uint64_t *kt = kin;
        kin = kout;
        kout = kt;
        uint32_t *vt = vin;
        vin = vout;
        vout = vt;
    }
    if (kin != key) {
        memcpy(key, kin, n * sizeof *key);
        if (val)
            memcpy(val, vin, n * sizeof *val);
    }
    free(k2);
    free(v2);
}

void symi_permute(void *base, const uint32_t *idx, size_t n, size_t size)
{
    unsigned char *b = base, *tmp = xmalloc_scratch(n * size);
    for (size_t i = 0; i < n; i++)
        memcpy(tmp + i * size, b + (size_t)idx[i] * size, size);
    memcpy(b, tmp, n * size);
    free(tmp);
}

/* Split [all ranges] into elementary segments; for each, the best range covering it by
 * (shortest length, then highest order) -- bfd's function choice. Emits via callback. */
typedef void (*SegFn)(void *arg, uint64_t lo, uint64_t hi, const Ev *cover, size_t ncover);

static void segments(Ev *ev, size_t n, SegFn fn, void *arg)
{
    if (!n)
        return;
    /* the ranges by start (the order of equal starts does not matter: the callbacks choose by
     * length and order), and all start and end points */
    uint64_t *pts = xmalloc_scratch(2 * n * sizeof *pts);
    bool by_lo = true; /* (the usual case: the DIEs of a CU come in address order) */
    for (size_t i = 1; i < n && by_lo; i++)
        by_lo = ev[i - 1].lo <= ev[i].lo;
    if (!by_lo) {
        uint32_t *idx = xmalloc_scratch(n * sizeof *idx);
        for (size_t i = 0; i < n; i++) {
            pts[i] = ev[i].lo;
            idx[i] = (uint32_t)i;
        }
        symi_radix_sort(pts, idx, n);
        symi_permute(ev, idx, n, sizeof *ev);
        free(idx);
    }
    /* the points: the starts (in order now) merged with the ends, sorted on their own */
    uint64_t *his = pts;
    bool hi_sorted = true;
    for (size_t i = 0; i < n; i++) {
        his[i] = ev[i].hi;
        hi_sorted = hi_sorted && (i == 0 || his[i - 1] <= his[i]);
    }
    if (!hi_sorted)
        symi_radix_sort(his, NULL, n);
    {
        /* merged from the back into the same array: the ends sit in its lower half, and the
         * write position (one past the unread of both) stays above the unread ends; once the
         * starts are all placed, the ends left are where they belong */
        size_t a = n, b = n, w = 2 * n;
        while (a > 0) {
            if (b > 0 && his[b - 1] > ev[a - 1].lo)
                pts[--w] = his[--b];
            else
                pts[--w] = ev[--a].lo;
        }
    }
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

void symi_finish_funcs(SymFile *f)
{
    /* fix up range pointers */
    for (size_t i = 0; i < f->funcs.n; i++)
        f->funcs.v[i].ranges = f->franges.v + (uintptr_t)f->funcs.v[i].ranges;
    /* per-CU function segments: at most 2 per range (each range adds two boundaries), reserved
     * at once and mapped CU by CU (as many as can come: about 20% more than do) */
    if (f->franges.n * 2 > f->fsegs.cap) {
        f->fsegs.v = symi_grow(f->fsegs.v, f->fsegs.n * sizeof *f->fsegs.v,
                               f->franges.n * 2 * sizeof *f->fsegs.v);
        f->fsegs.cap = f->franges.n * 2;
    }
    PfMark mapped = {0};
    size_t fi = 0;
    VEC(Ev) ev = {0}; /* (one array for every CU: the ranges of all CUs fit) */
    if (f->franges.n) {
        ev.v = xmalloc_scratch(f->franges.n * sizeof *ev.v);
        ev.cap = f->franges.n;
    }
    for (uint32_t cu = 0; cu < f->cus.n; cu++) {
        ev.n = 0;
        for (; fi < f->funcs.n && f->funcs.v[fi].cu == cu; fi++) {
            const SymFunction *fn = &f->funcs.v[fi];
            for (size_t k = 0; k < fn->range_count; k++) {
                Ev x = {fn->ranges[k].lo, fn->ranges[k].hi, fn->ranges[k].hi - fn->ranges[k].lo,
                        (uint32_t)fi, (uint32_t)fi};
                VEC_PUSH(ev, x);
            }
        }
        f->cuinfo.v[cu].fseg_first = (uint32_t)f->fsegs.n;
        symi_prefault_to(&mapped, f->fsegs.v, (f->fsegs.n + 2 * ev.n) * sizeof *f->fsegs.v,
                         f->fsegs.cap * sizeof *f->fsegs.v);
        segments(ev.v, ev.n, fseg_cb, f);
        f->cuinfo.v[cu].fseg_count = (uint32_t)(f->fsegs.n - f->cuinfo.v[cu].fseg_first);
    }
    free(ev.v);
}

static void finish(SymFile *f)
{
    f->lfull = xmalloc((f->cus.n + 1) * sizeof *f->lfull);
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
    if (f->map)
        munmap(f->map, f->map_size);
    f->map = NULL;
    RawSec *all[] = {&f->debug_line, &f->line_str, &f->str, &f->raw[0], &f->raw[1],
                     &f->raw[2], &f->raw[3], &f->raw[4], &f->raw[5]};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
        all[i]->p = NULL;
        all[i]->n = 0;
    }
}

/* VEC_PUSH's growth. (Large arrays in transparent huge pages were tried: 2 ms less in the
 * median of a CLI run on the large ELF of bench/symbolize, but on a busy machine one run in
 * five took 20 ms longer.) */
void *symi_grow(void *old, size_t used, size_t size)
{
    (void)used;
    void *p = realloc(old, size);
    if (!p) {
        fputs("symbolize: out of memory\n", stderr);
        abort();
    }
    return p;
}

/* The pages of [P, P + N) mapped now, in one call (MADV_POPULATE_WRITE, Linux 5.14): for the
 * large arrays sym_open fills, that costs about half of what taking a page fault on each page
 * does on the VMs we measure on. Nothing happens where the call is not supported. */
void symi_prefault(void *p, size_t n)
{
#ifdef MADV_POPULATE_WRITE
    uintptr_t lo = ((uintptr_t)p + 4095) & ~(uintptr_t)4095, hi = ((uintptr_t)p + n) & ~(uintptr_t)4095;
    if (hi > lo)
        (void)madvise((void *)lo, hi - lo, MADV_POPULATE_WRITE);
#else
    (void)p;
    (void)n;
#endif
}

void symi_prefault_to(PfMark *m, void *base, size_t want, size_t cap)
{
    uintptr_t b = (uintptr_t)base;
    if (m->base != base) { /* (moved by a realloc: what it copied is mapped) */
        m->base = base;
        m->end = 0;
    }
    uintptr_t lo = m->end ? m->end : b, hi = b + (want < cap ? want : cap);
    hi = (hi + 4095) & ~(uintptr_t)4095;
    if (hi > ((b + cap) & ~(uintptr_t)4095))
        hi = (b + cap) & ~(uintptr_t)4095; /* (whole pages inside the allocation only) */
    if (hi <= lo)
        return;
    symi_prefault((void *)lo, hi - lo);
    m->end = hi;
}

/* The pages of the DWARF sections we decode mapped now, one call each (MADV_POPULATE_READ,
 * Linux 5.14; nothing happens where it is not supported) */
static void populate_sections(SymFile *f)
{
#ifdef MADV_POPULATE_READ
    const RawSec *all[] = {&f->debug_line, &f->line_str, &f->str, &f->raw[0], &f->raw[1],
                           &f->raw[2], &f->raw[3], &f->raw[4], &f->raw[5]};
    uintptr_t m = (uintptr_t)f->map;
    for (size_t i = 0; f->map && i < sizeof all / sizeof *all; i++) {
        uintptr_t lo = (uintptr_t)all[i]->p, hi = lo + all[i]->n;
        if (!all[i]->p || lo < m || hi > m + f->map_size || hi <= lo)
            continue; /* (a copy libelf made: decompressed or converted) */
        lo &= ~(uintptr_t)4095;
        (void)madvise((void *)lo, hi - lo, MADV_POPULATE_READ);
    }
#else
    (void)f;
#endif
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
    /* Our own read-only mapping, read by libelf through elf_memory; anything unusual (an empty
     * file, no mmap) goes to elf_begin as before. The DWARF sections we decode are mapped in one
     * call each once they are known (populate_sections): libelf's own mapping faulted them in
     * 64 KB at a time, and mapping the whole file (MAP_POPULATE) also mapped what is never
     * read (code, .debug_loclists, .debug_frame: a third of a large -O2 ELF). */
    struct stat st;
    void *map = MAP_FAILED;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
        map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    Elf *elf = map != MAP_FAILED ? elf_memory(map, (size_t)st.st_size)
                                 : elf_begin(fd, ELF_C_READ_MMAP, NULL);
    if (!elf || elf_kind(elf) != ELF_K_ELF) {
        snprintf(err, errlen, "%s: not an ELF file", path);
        if (elf)
            elf_end(elf);
        if (map != MAP_FAILED)
            munmap(map, (size_t)st.st_size);
        close(fd);
        return NULL;
    }
    SymFile *f = xmalloc(sizeof *f);
    pthread_mutex_init(&f->rows_lock, NULL);
    f->elf = elf; /* kept (mapped) while the DWARF is read: the RawSecs point into it */
    if (map != MAP_FAILED) {
        f->map = map;
        f->map_size = (size_t)st.st_size;
    }
    symi_strtab_intern(&f->files, "<unknown>");
    if (symi_read_elf(f, elf, path, err, errlen) != 0) {
        close(fd);
        sym_close(f);
        return NULL;
    }
    populate_sections(f);

    /* GCC's line programs take about 9 bytes per row, 15 per lookup row (one address): reserve
     * the lookup rows once */
    size_t guess = f->debug_line.n / 12 + 16;
    f->lrows.v = xmalloc(guess * sizeof *f->lrows.v);
    f->lrows.cap = guess;
    /* and GCC's .debug_info takes about 45 bytes per function (and inlined copy) */
    guess = f->raw[0].n / 40 + 16;
    f->funcs.v = xmalloc(guess * sizeof *f->funcs.v);
    f->funcs.cap = guess;
    f->franges.v = xmalloc(guess * sizeof *f->franges.v); /* about one range per function */
    f->franges.cap = guess;
    if (fast) {
        Ctx fc = {.f = f, .path = path, .err = err, .errlen = errlen, .section = ".debug_info"};
        bool ok = symi_fast_read(&fc, f->raw);
        free(fc.ckey);
        free(fc.cval);
        if (ok) {
            close(fd);
            finish(f);
            f->serial = __atomic_fetch_add(&next_serial, 1, __ATOMIC_RELAXED);
            return f;
        }
        close(fd);
        sym_close(f);
        return open_impl(path, err, errlen, false);
    }

    bool ok = symi_libdwarf_read(f, fd, path, err, errlen);
    close(fd);
    if (!ok) {
        sym_close(f);
        return NULL;
    }
    symi_finish_funcs(f);
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
    symi_strtab_free(&f->strings);
    symi_strtab_free(&f->files);
    free(f->secs.v);
    free_raw(f);
    free(f->syms.v);
    free(f->fnsyms.v);
    free(f->fnsym_shndx.v);
    free(f->cus.v);
    free(f->cuinfo.v);
    free(f->rows.v);
    free(f->lrows.v);
    for (size_t i = 0; f->lfull && i < f->cus.n; i++)
        free(f->lfull[i]);
    free(f->lfull);
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
    pthread_mutex_destroy(&f->rows_lock);
    free(f);
}

/* ---------------------------------------------------------------------------------------- */
/* accessors                                                                                */

size_t sym_cu_count(const SymFile *f) { return f->cus.n; }
const SymCu *sym_cu(const SymFile *f, size_t i) { return i < f->cus.n ? &f->cus.v[i] : NULL; }
size_t sym_file_count(const SymFile *f) { return f->files.str.n; }
const char *sym_file_path(const SymFile *f, uint32_t file)
{
    return file < f->files.str.n ? f->files.str.v[file] : NULL;
}
void symi_need_rows(const SymFile *cf)
{
    SymFile *f = (SymFile *)cf; /* the rows are built once, on first use */
    if (__atomic_load_n(&f->rows_built, __ATOMIC_ACQUIRE))
        return;
    pthread_mutex_lock(&f->rows_lock);
    if (!f->rows_built) {
        symi_build_rows(f);
        __atomic_store_n(&f->rows_built, true, __ATOMIC_RELEASE);
    }
    pthread_mutex_unlock(&f->rows_lock);
}

const SymLineRow *sym_rows(const SymFile *f, size_t *count)
{
    symi_need_rows(f);
    *count = f->rows.n;
    return f->rows.v;
}
size_t sym_function_count(const SymFile *f) { return f->funcs.n; }
const SymFunction *sym_function(const SymFile *f, size_t i)
{
    return i < f->funcs.n ? &f->funcs.v[i] : NULL;
}
const SymFunction *sym_functions(const SymFile *f, size_t *count)
{
    *count = f->funcs.n;
    return f->funcs.v;
}
