/* Unit tests for symbolize/: line-table edge cases on a hand-written DWARF image (crafted.S),
 * error reporting, and damage tests (random corruption and truncation of the DWARF sections of
 * real ELFs: sym_open and every query must either work or fail with a one-line message).
 *
 * argv: CRAFTED.elf NODEBUG.elf REAL.elf...   (built by meson, see meson.build) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "symbolize.h"

static const char *crafted_path, *nodebug_path;
static const char **real_paths;
static int real_count;

static SymFile *open_ok(const char *path)
{
    char err[512];
    SymFile *f = sym_open(path, err, sizeof err);
    if (!f)
        fail_msg("sym_open(%s): %s", path, err);
    return f;
}

/* ---- line-table edge cases (layout documented in crafted.S) ----------------------------- */

static void test_crafted_rows(void **state)
{
    (void)state;
    SymFile *f = open_ok(crafted_path);
    assert_int_equal(sym_cu_count(f), 2);
    const SymCu *cu1 = sym_cu(f, 0), *cu2 = sym_cu(f, 1);
    assert_string_equal(cu1->name, "crafted1.c");
    assert_string_equal(cu1->comp_dir, "/crafted");
    assert_int_equal(cu1->version, 4);
    size_t n;
    const SymLineRow *rows = sym_rows(f, &n);
    assert_int_equal(cu1->row_count, 7);
    assert_int_equal(cu2->first_row, cu1->first_row + cu1->row_count);
    /* two rows at 0x04: the second has view 1 */
    const SymLineRow *r = &rows[cu1->first_row + 2];
    assert_int_equal(r->addr, 4);
    assert_int_equal(r->line, 11);
    assert_int_equal(r->column, 7);
    assert_int_equal(r->view, 1);
    assert_int_equal(rows[cu1->first_row + 1].view, 0);
    /* end_sequence row closes CU 1's sequence at 0x14 */
    r = &rows[cu1->first_row + 6];
    assert_int_equal(r->addr, 0x14);
    assert_true(r->flags & SYM_ROW_END_SEQUENCE);
    /* is_stmt cleared on the row at 0x10 */
    assert_false(rows[cu1->first_row + 5].flags & SYM_ROW_STMT);
    assert_true(rows[cu1->first_row + 4].flags & SYM_ROW_STMT);
    /* include directory (absolute) + file name */
    assert_string_equal(sym_file_path(f, rows[cu1->first_row + 4].file), "/crafted/inc/hdr.h");
    assert_string_equal(sym_file_path(f, rows[cu1->first_row].file), "/crafted/crafted1.c");
    sym_close(f);
}

static void test_crafted_row_lookup(void **state)
{
    (void)state;
    SymFile *f = open_ok(crafted_path);
    /* address 0 is a real address */
    const SymLineRow *r = sym_row_at(f, 0);
    assert_non_null(r);
    assert_int_equal(r->line, 10);
    assert_non_null(r = sym_row_at(f, 3));
    assert_int_equal(r->line, 10);
    /* two rows at 0x04: the last one counts */
    assert_non_null(r = sym_row_at(f, 4));
    assert_int_equal(r->line, 11);
    assert_int_equal(r->column, 7);
    /* discriminators */
    assert_non_null(r = sym_row_at(f, 8));
    assert_int_equal(r->discriminator, 3);
    assert_non_null(r = sym_row_at(f, 0x1c));
    assert_int_equal(r->discriminator, 1);
    assert_int_equal(r->line, 6);
    /* not is_stmt rows are still used (as addr2line does) */
    assert_non_null(r = sym_row_at(f, 0x10));
    assert_int_equal(r->line, 20);
    /* end_sequence: the end address itself has no row */
    assert_null(sym_row_at(f, 0x14));
    assert_null(sym_row_at(f, 0x17));
    /* overlapping CUs: CU 1 (first, has a row) wins on 0x0c..0x14 */
    assert_non_null(r = sym_row_at(f, 0x0c));
    assert_int_equal(r->cu, 0);
    /* CU 2 from 0x18; its empty sequence at 0x18 is ignored */
    assert_non_null(r = sym_row_at(f, 0x18));
    assert_int_equal(r->cu, 1);
    assert_int_equal(r->line, 5);
    assert_non_null(r = sym_row_at(f, 0x27));
    assert_int_equal(r->line, 7);
    assert_null(sym_row_at(f, 0x28));
    assert_null(sym_row_at(f, UINT64_MAX));
    sym_close(f);
}

static void test_crafted_frames(void **state)
{
    (void)state;
    SymFile *f = open_ok(crafted_path);
    SymFrame fr[8];
    /* inlined copy: innermost first, then the caller at the call site */
    assert_int_equal(sym_frames(f, 4, fr, 8), 2);
    assert_string_equal(fr[0].function, "inl");
    assert_string_equal(fr[0].file, "/crafted/crafted1.c");
    assert_int_equal(fr[0].line, 11);
    assert_int_equal(fr[0].column, 7);
    assert_string_equal(fr[1].function, "f1");
    assert_string_equal(fr[1].file, "/crafted/crafted1.c");
    assert_int_equal(fr[1].line, 10);
    assert_int_equal(fr[1].column, 3);
    /* max smaller than the chain: count still complete */
    assert_int_equal(sym_frames(f, 4, fr, 1), 2);
    assert_int_equal(sym_frames(f, 0, fr, 8), 1);
    assert_string_equal(fr[0].function, "f1");
    /* in f1 but after the end of its line sequence: function, no line */
    assert_int_equal(sym_frames(f, 0x14, fr, 8), 1);
    assert_string_equal(fr[0].function, "f1");
    assert_null(fr[0].file);
    assert_int_equal(fr[0].line, 0);
    /* no DWARF function in CU 2: the symbol table names it */
    assert_int_equal(sym_frames(f, 0x1c, fr, 8), 1);
    assert_string_equal(fr[0].function, "f1_end");
    assert_int_equal(fr[0].func, SYM_NONE);
    /* no DWARF at all */
    assert_int_equal(sym_frames(f, 0x28, fr, 8), 1);
    assert_string_equal(fr[0].function, "tail_fn");
    assert_int_equal(fr[0].line, 0);
    /* outside every section */
    assert_int_equal(sym_frames(f, 0x10000000, fr, 8), 0);
    const SymSymbol *s = sym_symbol_at(f, 0x29);
    assert_non_null(s);
    assert_string_equal(s->name, "tail_fn");
    sym_close(f);
}

static void test_crafted_ranges(void **state)
{
    (void)state;
    SymFile *f = open_ok(crafted_path);
    SymRange rg[8];
    /* crafted1.c:11 = rows at 0x04 and 0x08, merged; the zero-length :10 row at 0x04 is not */
    assert_int_equal(sym_line_ranges(f, "crafted1.c", 11, rg, 8), 1);
    assert_int_equal(rg[0].lo, 4);
    assert_int_equal(rg[0].hi, 0x0c);
    assert_int_equal(sym_line_ranges(f, "/crafted/crafted1.c", 10, rg, 8), 1);
    assert_int_equal(rg[0].lo, 0);
    assert_int_equal(rg[0].hi, 4);
    assert_int_equal(sym_line_ranges(f, "inc/hdr.h", 20, rg, 8), 1);
    assert_int_equal(rg[0].lo, 0x0c);
    assert_int_equal(rg[0].hi, 0x14);
    assert_int_equal(sym_line_ranges(f, "dr.h", 20, rg, 8), 0); /* whole components only */
    assert_int_equal(sym_line_ranges(f, "two.c", 7, rg, 8), 1);
    assert_int_equal(rg[0].hi, 0x28);
    assert_int_equal(sym_function_ranges(f, "inl", rg, 8), 1);
    assert_int_equal(rg[0].lo, 4);
    assert_int_equal(rg[0].hi, 8);
    assert_int_equal(sym_function_ranges(f, "f1", rg, 8), 1);
    assert_int_equal(rg[0].hi, 0x18);
    assert_int_equal(sym_function_ranges(f, "nope", rg, 8), 0);
    sym_close(f);
}

/* ---- queries on a compiled program (real_paths[0]: RV32 -O2 DWARF 5) ---------------------- */

/* mix() of inl.h is inlined in both CUs (main() and util_hash()): its line 16 (two statements)
 * must map to code in both, every such address must resolve to inl.h:16 (innermost row), and
 * the function ranges of "mix" must cover those addresses. */
static void test_real_inlined_ranges(void **state)
{
    (void)state;
    SymFile *f = open_ok(real_paths[0]);
    SymRange rg[64], fr_rg[64];
    size_t n = sym_line_ranges(f, "inl.h", 16, rg, 64);
    assert_true(n >= 2 && n <= 64);
    size_t nf = sym_function_ranges(f, "mix", fr_rg, 64);
    assert_true(nf >= 2 && nf <= 64);
    bool cu_seen[8] = {false};
    for (size_t i = 0; i < n; i++) {
        assert_true(rg[i].lo < rg[i].hi);
        if (i)
            assert_true(rg[i - 1].hi < rg[i].lo); /* sorted and merged */
        for (uint64_t a = rg[i].lo; a < rg[i].hi; a += 2) {
            const SymLineRow *r = sym_row_at(f, a);
            assert_non_null(r);
            assert_int_equal(r->line, 16);
            assert_non_null(strstr(sym_file_path(f, r->file), "/inl.h"));
            if (r->cu < 8)
                cu_seen[r->cu] = true;
            SymFrame fr[8];
            size_t k = sym_frames(f, a, fr, 8);
            assert_true(k >= 1);
            assert_int_equal(fr[0].line, 16);
            assert_true(k >= 2); /* inlined: a caller frame follows */
            assert_string_equal(fr[0].function, "mix");
            bool in_fn = false;
            for (size_t j = 0; j < nf; j++)
                in_fn |= a >= fr_rg[j].lo && a < fr_rg[j].hi;
            assert_true(in_fn);
        }
    }
    assert_true(cu_seen[0] && cu_seen[1]); /* inlined copies in main.c's and util.c's CUs */
    /* every row of every CU is reachable through sym_rows and belongs to its CU's slice */
    size_t nrows;
    const SymLineRow *rows = sym_rows(f, &nrows);
    size_t total = 0;
    for (size_t c = 0; c < sym_cu_count(f); c++) {
        const SymCu *cu = sym_cu(f, c);
        for (size_t i = cu->first_row; i < cu->first_row + cu->row_count; i++)
            assert_int_equal(rows[i].cu, c);
        total += cu->row_count;
    }
    assert_int_equal(total, nrows);
    sym_close(f);
}

/* sym_frames_span: every address of a span has the frames of the address asked (the CLI
 * prints the span's text without asking again), with SYM_SPAN_ANY_COLUMN up to frame 0's
 * column; sym_row_at answers with a row of sym_rows (rows are built on demand, once, also
 * when two threads ask at the same time). On every real ELF, at every halfword of code. */
static void *rows_thread(void *arg)
{
    size_t n;
    return (void *)sym_rows(arg, &n);
}

/* sym_row_at's full rows are built per CU on first use: two threads asking for every code
 * address at once get the same rows (built once per CU), the same as asked again afterwards,
 * each at or below its address. */
typedef struct RowAtJob {
    SymFile *f;
    const SymLineRow **got;
    size_t n;
    uint64_t lo;
} RowAtJob;

static void *row_at_thread(void *arg)
{
    RowAtJob *j = arg;
    for (size_t i = 0; i < j->n; i++)
        j->got[i] = sym_row_at(j->f, j->lo + 2 * i);
    return NULL;
}

static void test_real_row_at_threads(void **state)
{
    (void)state;
    for (int e = 0; e < real_count; e++) {
        SymFile *f = open_ok(real_paths[e]);
        size_t found = 0;
        for (size_t s = 0; s < sym_section_count(f); s++) {
            const SymSection *sec = sym_section(f, s);
            if (!(sec->flags & 4 /* SHF_EXECINSTR */) || sec->size < 2)
                continue;
            size_t n = sec->size / 2;
            RowAtJob j[2];
            pthread_t th[2];
            for (int i = 0; i < 2; i++) {
                j[i] = (RowAtJob){f, calloc(n, sizeof *j[i].got), n, sec->addr};
                assert_non_null(j[i].got);
                assert_int_equal(pthread_create(&th[i], NULL, row_at_thread, &j[i]), 0);
            }
            for (int i = 0; i < 2; i++)
                assert_int_equal(pthread_join(th[i], NULL), 0);
            for (size_t i = 0; i < n; i++) {
                const SymLineRow *r = sym_row_at(f, sec->addr + 2 * i);
                assert_ptr_equal(j[0].got[i], r);
                assert_ptr_equal(j[1].got[i], r);
                if (r) {
                    assert_true(r->addr <= sec->addr + 2 * i);
                    found++;
                }
            }
            free(j[0].got);
            free(j[1].got);
        }
        assert_true(found > 0);
        sym_close(f);
    }
}

static bool frames_equal(const SymFrame *a, size_t na, const SymFrame *b, size_t nb, bool col)
{
    if (na != nb)
        return false;
    for (size_t i = 0; i < na && i < 16; i++)
        if (a[i].function != b[i].function || a[i].file != b[i].file ||
            a[i].line != b[i].line || a[i].discriminator != b[i].discriminator ||
            a[i].func != b[i].func || (col && a[i].column != b[i].column))
            return false;
    return true;
}

static void test_real_spans(void **state)
{
    (void)state;
    for (int e = 0; e < real_count; e++) {
        SymFile *f = open_ok(real_paths[e]);
        pthread_t th[2];
        void *got[2];
        for (int i = 0; i < 2; i++)
            assert_int_equal(pthread_create(&th[i], NULL, rows_thread, f), 0);
        for (int i = 0; i < 2; i++)
            assert_int_equal(pthread_join(th[i], &got[i]), 0);
        size_t nrows;
        const SymLineRow *rows = sym_rows(f, &nrows);
        assert_ptr_equal(got[0], rows);
        assert_ptr_equal(got[1], rows);
        size_t spans = 0, covered = 0;
        for (size_t s = 0; s < sym_section_count(f); s++) {
            const SymSection *sec = sym_section(f, s);
            if (!(sec->flags & 4 /* SHF_EXECINSTR */))
                continue;
            for (uint64_t a = sec->addr; a < sec->addr + sec->size; a += 2) {
                const SymLineRow *r = sym_row_at(f, a);
                if (r) { /* the same row is in sym_rows, in its CU's slice */
                    const SymCu *cu = sym_cu(f, r->cu);
                    bool found = false;
                    for (size_t i = cu->first_row; i < cu->first_row + cu->row_count && !found;
                         i++)
                        found = rows[i].addr == r->addr && rows[i].view == r->view &&
                                rows[i].line == r->line && rows[i].file == r->file &&
                                rows[i].column == r->column && rows[i].flags == r->flags;
                    assert_true(found);
                }
                for (unsigned flags = 0; flags <= SYM_SPAN_ANY_COLUMN; flags++) {
                    SymFrame fa[16], fb[16];
                    uint64_t lo, hi;
                    size_t na = sym_frames_span(f, a, fa, 16, &lo, &hi, flags);
                    assert_true(lo <= a && a < hi);
                    spans += hi - lo > 2;
                    for (uint64_t b = lo; b < hi; b++) {
                        size_t nb = sym_frames(f, b, fb, 16);
                        assert_true(frames_equal(fa, na, fb, nb, flags == 0));
                        covered++;
                    }
                }
            }
        }
        assert_true(spans > 0 && covered > 0);
        sym_close(f);
    }
}

/* ---- errors ----------------------------------------------------------------------------- */

static void expect_error(const char *path, const char *needle)
{
    char err[512];
    SymFile *f = sym_open(path, err, sizeof err);
    assert_null(f);
    assert_non_null(strstr(err, needle));
    assert_null(strchr(err, '\n'));
}

static void test_errors(void **state)
{
    (void)state;
    expect_error("/nonexistent/x.elf", "No such file");
    expect_error(__FILE__, "not an ELF file");
    expect_error(nodebug_path, "has no DWARF debug information (compile with -g)");
}

/* ---- damage tests ----------------------------------------------------------------------- */

typedef struct Blob {
    unsigned char *p;
    size_t n;
} Blob;

static Blob slurp(const char *path)
{
    Blob b = {0};
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    b.n = (size_t)ftell(fp);
    fseek(fp, 0, SEEK_SET);
    b.p = malloc(b.n);
    assert_non_null(b.p);
    assert_int_equal(fread(b.p, 1, b.n, fp), b.n);
    fclose(fp);
    return b;
}

static uint32_t rd32(const unsigned char *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }
static uint16_t rd16(const unsigned char *p) { return (uint16_t)(p[0] | p[1] << 8); }
static void wr32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

/* ELF32 little-endian section header of NAME: offset of its header entry, or 0 */
static size_t find_shdr(const Blob *b, const char *name)
{
    uint32_t shoff = rd32(b->p + 0x20);
    uint16_t shentsize = rd16(b->p + 0x2e), shnum = rd16(b->p + 0x30), shstrndx = rd16(b->p + 0x32);
    const unsigned char *strsh = b->p + shoff + (size_t)shstrndx * shentsize;
    const char *strtab = (const char *)b->p + rd32(strsh + 16);
    for (unsigned i = 0; i < shnum; i++) {
        size_t h = shoff + (size_t)i * shentsize;
        if (strcmp(strtab + rd32(b->p + h), name) == 0)
            return h;
    }
    return 0;
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint32_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 11);
}

static int damaged_ok, damaged_err;

/* open the damaged copy and run every kind of query over it */
static void exercise(const char *tmp, const char *what)
{
    char err[512] = "";
    SymFile *f = sym_open(tmp, err, sizeof err);
    if (!f) {
        if (err[0] == 0 || strchr(err, '\n'))
            fail_msg("%s: bad error message \"%s\"", what, err);
        damaged_err++;
        return;
    }
    damaged_ok++;
    SymFrame fr[16];
    for (size_t i = 0; i < sym_section_count(f); i++) {
        const SymSection *s = sym_section(f, i);
        if (!(s->flags & 4 /* SHF_EXECINSTR */))
            continue;
        for (uint64_t a = s->addr; a < s->addr + s->size; a += 2) {
            size_t n = sym_frames(f, a, fr, 16);
            for (size_t k = 0; k < n && k < 16; k++) {
                if (fr[k].function)
                    assert_true(strlen(fr[k].function) < 1u << 20);
                if (fr[k].file)
                    assert_true(strlen(fr[k].file) < 1u << 20);
            }
            sym_row_at(f, a);
        }
    }
    size_t nrows;
    const SymLineRow *rows = sym_rows(f, &nrows);
    for (size_t i = 0; i < nrows; i++)
        assert_non_null(sym_file_path(f, rows[i].file));
    SymRange rg[4];
    for (uint32_t line = 0; line < 50; line++)
        sym_line_ranges(f, "main.c", line, rg, 4);
    for (size_t i = 0; i < sym_function_count(f); i++) {
        const SymFunction *fn = sym_function(f, i);
        if (fn->name)
            sym_function_ranges(f, fn->name, rg, 4);
    }
    sym_close(f);
}

static void test_damage(void **state)
{
    (void)state;
    static const char *secs[] = {".debug_info", ".debug_line", ".debug_abbrev", ".debug_str",
                                 ".debug_line_str", ".debug_rnglists", ".debug_ranges"};
    char tmp[] = "/tmp/symbolize-damage-XXXXXX";
    int fd = mkstemp(tmp);
    assert_true(fd >= 0);
    close(fd);
    int cases = 0;
    /* SYM_DAMAGE_SEED / SYM_DAMAGE_ROUNDS: longer runs by hand (default: one fixed seed) */
    if (getenv("SYM_DAMAGE_SEED"))
        rng_state = strtoull(getenv("SYM_DAMAGE_SEED"), NULL, 0) | 1;
    int rounds = getenv("SYM_DAMAGE_ROUNDS") ? atoi(getenv("SYM_DAMAGE_ROUNDS")) : 1;
    for (int round = 0; round < rounds; round++)
    for (int e = 0; e < real_count; e++) {
        Blob orig = slurp(real_paths[e]);
        for (size_t s = 0; s < sizeof secs / sizeof *secs; s++) {
            size_t sh = find_shdr(&orig, secs[s]);
            if (!sh)
                continue;
            uint32_t off = rd32(orig.p + sh + 16), size = rd32(orig.p + sh + 20);
            if (size == 0)
                continue;
            for (int iter = 0; iter < 70; iter++) {
                Blob b = {malloc(orig.n), orig.n};
                memcpy(b.p, orig.p, orig.n);
                char what[128];
                if (iter < 50) { /* flip 1..8 random bytes */
                    int k = 1 + (int)(rnd() % 8);
                    for (int j = 0; j < k; j++)
                        b.p[off + rnd() % size] ^= (unsigned char)(1 + rnd() % 255);
                    snprintf(what, sizeof what, "%s: %s corrupted (%d)", real_paths[e],
                             secs[s], iter);
                } else if (iter < 65) { /* section truncated */
                    wr32(b.p + sh + 20, rnd() % size);
                    snprintf(what, sizeof what, "%s: %s truncated (%d)", real_paths[e],
                             secs[s], iter);
                } else { /* file cut inside the section */
                    b.n = off + rnd() % size;
                    snprintf(what, sizeof what, "%s: file cut in %s (%d)", real_paths[e],
                             secs[s], iter);
                }
                FILE *fp = fopen(tmp, "wb");
                assert_non_null(fp);
                assert_int_equal(fwrite(b.p, 1, b.n, fp), b.n);
                fclose(fp);
                exercise(tmp, what);
                free(b.p);
                cases++;
            }
        }
        free(orig.p);
    }
    unlink(tmp);
    print_message("damage: %d damaged images: %d opened (queries ran), %d rejected with an "
                  "error\n", cases, damaged_ok, damaged_err);
    assert_true(cases >= 500);
    assert_true(damaged_err > 0);
}

/* A DWARF section damaged in a known way names the section and the offset. */
static void test_damage_message(void **state)
{
    (void)state;
    Blob b = slurp(real_paths[0]);
    size_t sh = find_shdr(&b, ".debug_info");
    assert_true(sh != 0);
    uint32_t off = rd32(b.p + sh + 16);
    /* first DIE's abbreviation code (after the CU header) set to an undefined one */
    unsigned version = rd16(b.p + off + 4);
    size_t die = off + (version >= 5 ? 12 : 11);
    b.p[die] = 0x7f;
    char tmp[] = "/tmp/symbolize-msg-XXXXXX";
    int fd = mkstemp(tmp);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, b.p, b.n), (ssize_t)b.n);
    close(fd);
    char err[512];
    SymFile *f = sym_open(tmp, err, sizeof err);
    unlink(tmp);
    free(b.p);
    assert_null(f);
    print_message("message: %s\n", err);
    assert_non_null(strstr(err, ".debug_info"));
    assert_non_null(strstr(err, "offset 0x"));
    assert_null(strchr(err, '\n'));
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: %s CRAFTED.elf NODEBUG.elf REAL.elf...\n", argv[0]);
        return 2;
    }
    crafted_path = argv[1];
    nodebug_path = argv[2];
    real_paths = (const char **)argv + 3;
    real_count = argc - 3;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_crafted_rows),
        cmocka_unit_test(test_crafted_row_lookup),
        cmocka_unit_test(test_crafted_frames),
        cmocka_unit_test(test_crafted_ranges),
        cmocka_unit_test(test_real_inlined_ranges),
        cmocka_unit_test(test_real_spans),
        cmocka_unit_test(test_real_row_at_threads),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_damage_message),
        cmocka_unit_test(test_damage),
    };
    const char *filter = getenv("SYM_TEST_FILTER"); /* meson registers groups separately */
    if (filter)
        cmocka_set_test_filter(filter);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
