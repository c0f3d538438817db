/* sym_line.c - .debug_line: DWARF 2-5 line programs into rows, lookup rows and sequences.
 *
 * We decode .debug_line ourselves (DWARF 2-5, section 6.2 of DWARF 5) instead of through
 * libdwarf's dwarf_srclines_b: libdwarf allocates an object per row and needs eight calls to
 * read one back, which made loading a large ELF several times slower than the lookups. Owning
 * the decoder also fixes the DWARF 5 initial file register: DWARF 5 (6.2.2, table 6.4) starts
 * every sequence with file = 1 as earlier versions do; libdwarf 20210528 and binutils 2.40
 * start DWARF 5 sequences with file 0 and name the wrong file when a producer relies on the
 * initial value (GCC 12 does at -O0 when a CU's first function comes from a header).
 * Every read is bounds-checked; damaged input gives an error naming the offset. */
#include "sym_internal.h"

#include <dwarf.h>

/* bfd concat_filename() */
static uint32_t make_path(SymFile *f, const char *comp_dir, const char *dir, const char *name)
{
    if (!name)
        return 0;
    if (name[0] == '/')
        return symi_strtab_intern(&f->files, name);
    const char *dir_name = NULL, *sub = dir;
    if (!sub || sub[0] != '/')
        dir_name = comp_dir;
    if (!dir_name) {
        dir_name = sub;
        sub = NULL;
    }
    if (!dir_name)
        return symi_strtab_intern(&f->files, name);
    size_t len = strlen(dir_name) + strlen(name) + (sub ? strlen(sub) + 1 : 0) + 2;
    char *buf = xmalloc(len);
    if (sub)
        snprintf(buf, len, "%s/%s/%s", dir_name, sub, name);
    else
        snprintf(buf, len, "%s/%s", dir_name, name);
    uint32_t id = symi_strtab_intern(&f->files, buf);
    free(buf);
    return id;
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

/* What run_program produces: at open the lookup rows (f->lrows) and sequences (f->seqs); later
 * every row (into f->rows, for sym_rows) or the lookup rows again as SymLineRows (for
 * sym_row_at). */
enum { RUN_LOOKUP, RUN_ALL, RUN_LOOKUP_FULL };

/* Runs one line program (DWARF 5 section 6.2.5). At open (RUN_LOOKUP) only the lookup rows of
 * each sequence go to f->lrows and f->seqs: per sequence the last row at an address
 * (bfd, PR ld/4986), rows that go backwards ignored; the rows are counted. RUN_ALL puts every
 * row into OUT, RUN_LOOKUP_FULL the lookup rows (the program was checked at open). The
 * vectors and the reader live in locals while the program runs: stores through the row arrays
 * would otherwise reload them for every row (the build uses -fno-strict-aliasing). Returns the
 * number of rows. Inlined into one function per MODE (run_lookup, run_rows): the per-row
 * choices are then made by the compiler. */
static inline __attribute__((always_inline)) size_t
run_program(Ctx *c, const Rd *rp, const LineHdr *h, const char *comp_dir, size_t fmap_first,
            size_t fmap_count, int mode, RowVec *out)
{
    SymFile *f = c->f;
    Rd r = *rp;
    const bool full = mode != RUN_LOOKUP;
    RowVec rows = {0};
    if (out)
        rows = *out;
    VEC(LRow) lrows = {f->lrows.v, f->lrows.n, f->lrows.cap};
    const uint32_t *fmap = f->fmap.v + fmap_first;
    const uint64_t amask = f->elfclass == 32 ? 0xffffffffu : UINT64_MAX;
    const unsigned opcode_base = h->opcode_base, line_range = h->line_range;
    /* (the opcodes taken at once below are standard ones, not special ones: opcode_base may
     * be lower in DWARF 2; DW_LNS_fixed_advance_pc is the highest of them) */
    const bool fixed_copy = opcode_base > DW_LNS_fixed_advance_pc;
    const uint32_t cu = c->cu;
    uint64_t addr = 0, op_index = 0, file = 1, line = 1, column = 0, discr = 0;
    bool stmt = h->default_stmt, bb = false, pe = false, eb = false;
    /* ln: lookup rows so far (in lrows or rows), lk_first: the first of this sequence */
    size_t nrows = 0, seq_rows = 0, ln = mode == RUN_LOOKUP ? lrows.n : rows.n, lk_first = ln;
    uint64_t seq_lo = 0, last = 0; /* last: address of the last lookup row */
    uint64_t prev_addr = 0;
    uint32_t prev_view = 0;
    const int line_base = h->line_base;
    const unsigned min_inst = h->min_inst, max_ops = h->max_ops;
    /* DWARF 5 6.2.5.1: the address (and op_index) advance of an operation advance ADV */
#define ADVANCE(adv)                                                                       \
    do {                                                                                   \
        if (max_ops <= 1) {                                                                \
            addr += min_inst * (adv);                                                      \
        } else {                                                                           \
            addr += min_inst * ((op_index + (adv)) / max_ops);                             \
            op_index = (op_index + (adv)) % max_ops;                                       \
        }                                                                                  \
    } while (0)
    /* (a read past the end sets r.bad and r.p = r.end: the loop condition covers both) */
    while (r.p < r.end) {
        unsigned op = *r.p++;
        bool end = false;
        /* one dispatch per opcode: standard opcodes by number, special ones (from
         * opcode_base, which may be below 13 in DWARF 2) as 256 */
        switch (op < opcode_base ? op : 256u) {
        case 256: {
            unsigned adj = op - opcode_base;
            ADVANCE(adj / line_range);
            line += (uint64_t)(int64_t)(line_base + (int)(adj % line_range));
            break; /* a row */
        }
        case 0: {
            uint64_t len = rd_uleb(&r);
            if (r.bad || len == 0 || len > (uint64_t)(r.end - r.p)) {
                Rd at = r; /* (a copy: R itself stays in registers) */
                line_fail(c, &at, "bad extended opcode length");
                goto out;
            }
            const unsigned char *next = r.p + len;
            unsigned sub = *r.p++;
            if (sub == DW_LNE_end_sequence) {
                end = true;
            } else if (sub == DW_LNE_set_address) {
                addr = rd_fixed(&r, (unsigned)(len - 1));
                op_index = 0;
            } else if (sub == DW_LNE_set_discriminator) {
                discr = rd_uleb(&r);
            } else if (sub == DW_LNE_define_file && h->version < 5) {
                const char *name = rd_cstr(&r);
                if (name && full) {
                    fmap_count++; /* added to f->fmap at open */
                } else if (name && fmap_first + fmap_count == f->fmap.n) {
                    VEC_PUSH(f->fmap, make_path(f, comp_dir, NULL, name));
                    fmap = f->fmap.v + fmap_first;
                    fmap_count++;
                }
            }
            if (r.bad)
                goto done;
            r.p = next;
            if (!end)
                continue;
            break; /* the end_sequence row */
        }
        case DW_LNS_copy: break; /* a row */
        /* DW_LNS_advance_pc and DW_LNS_const_add_pc only move the address */
        case DW_LNS_advance_pc: {
            uint64_t adv = rd_uleb(&r);
            ADVANCE(adv);
            continue;
        }
        case DW_LNS_const_add_pc: ADVANCE((255u - opcode_base) / line_range); continue;
        case DW_LNS_advance_line:
        advance_line:
            line += (uint64_t)rd_sleb(&r);
            /* what gas emits for most rows where linker relaxation applies (RISC-V): the
             * line, then DW_LNS_fixed_advance_pc and DW_LNS_copy, taken here at once (one
             * dispatch instead of three) */
            if (fixed_copy && r.end - r.p >= 4 && r.p[0] == DW_LNS_fixed_advance_pc &&
                r.p[3] == DW_LNS_copy) {
                addr += (uint64_t)(r.p[1] | r.p[2] << 8);
                op_index = 0;
                r.p += 4;
                break; /* a row */
            }
            continue;
        case DW_LNS_set_file: file = rd_uleb(&r); continue;
        /* and before that, DW_LNS_set_column and DW_LNS_negate_stmt, either or both */
        case DW_LNS_set_column:
            column = rd_uleb(&r);
            if (fixed_copy && r.end - r.p >= 2 && r.p[0] == DW_LNS_negate_stmt) {
                stmt = !stmt;
                r.p++;
            }
            if (fixed_copy && r.p < r.end && r.p[0] == DW_LNS_advance_line) {
                r.p++;
                goto advance_line;
            }
            continue;
        case DW_LNS_negate_stmt:
            stmt = !stmt;
            if (fixed_copy && r.p < r.end && r.p[0] == DW_LNS_advance_line) {
                r.p++;
                goto advance_line;
            }
            continue;
        case DW_LNS_set_basic_block: bb = true; continue;
        case DW_LNS_fixed_advance_pc: /* what gas emits where linker relaxation applies */
            if (r.end - r.p < 2) {
                rd_skip(&r, 2); /* truncated */
                continue;
            }
            addr += (uint64_t)(r.p[0] | r.p[1] << 8);
            r.p += 2;
            op_index = 0;
            continue;
        case DW_LNS_set_prologue_end: pe = true; continue;
        case DW_LNS_set_epilogue_begin: eb = true; continue;
        case DW_LNS_set_isa: rd_uleb(&r); continue;
        default: /* a standard opcode we do not know: its operands skipped */
            for (unsigned k = 0; k < h->oplens[op - 1]; k++)
                rd_uleb(&r);
            continue;
        }
#undef ADVANCE
        const uint64_t ra = addr & amask;
        const uint32_t rfile = file < fmap_count ? fmap[file] : 0;
        const uint32_t view = seq_rows && prev_addr == ra ? prev_view + 1 : 0;
        if (!seq_rows)
            seq_lo = ra;
        seq_rows++;
        nrows++;
        prev_addr = ra;
        prev_view = view;
        /* Lookup rows: the last row at an address counts (an end_sequence row, always last
         * in its sequence, is kept apart from the row before it); a row going backwards is
         * ignored. */
        int put = 0; /* 1: replace the last lookup row, 2: append */
        if (mode == RUN_ALL)
            put = 2;
        else if (ln > lk_first && last == ra && !end)
            put = 1;
        else if (ln == lk_first || ra >= last)
            put = 2;
        if (put) {
            last = ra;
            if (mode == RUN_LOOKUP) {
                LRow lr = {ra, rfile, (uint32_t)line, (uint32_t)column, (uint32_t)discr};
                if (put == 1)
                    lrows.v[ln - 1] = lr;
                else
                    VEC_PUSH(lrows, lr);
            } else {
                SymLineRow rw;
                rw.addr = ra;
                rw.file = rfile;
                rw.line = (uint32_t)line;
                rw.column = (uint32_t)column;
                rw.discriminator = (uint32_t)discr;
                rw.view = view;
                rw.cu = cu;
                rw.flags = (stmt ? SYM_ROW_STMT : 0) | (bb ? SYM_ROW_BASIC_BLOCK : 0) |
                           (end ? SYM_ROW_END_SEQUENCE : 0) | (pe ? SYM_ROW_PROLOGUE_END : 0) |
                           (eb ? SYM_ROW_EPILOGUE_BEGIN : 0);
                if (put == 1)
                    rows.v[ln - 1] = rw;
                else
                    VEC_PUSH(rows, rw);
            }
            ln += put == 2;
        }
        bb = pe = eb = false;
        discr = 0;
        if (end) {
            Seq s = {seq_lo, ra, (uint32_t)lk_first, (uint32_t)(ln - lk_first)};
            if (s.hi > s.lo && mode == RUN_LOOKUP)
                VEC_PUSH(f->seqs, s);
            seq_rows = 0;
            lk_first = ln;
            addr = op_index = 0;
            file = line = 1;
            column = 0;
            stmt = h->default_stmt;
        }
    }
done:
    if (r.bad) {
        Rd at = r;
        line_fail(c, &at, "truncated line program");
    }
out:
    /* rows after the last end_sequence belong to no sequence: kept for iteration only */
    if (mode == RUN_LOOKUP) {
        f->lrows.v = lrows.v;
        f->lrows.n = lk_first;
        f->lrows.cap = lrows.cap;
    } else {
        if (mode == RUN_LOOKUP_FULL)
            rows.n = lk_first;
        *out = rows;
    }
    return nrows;
}

static size_t run_lookup(Ctx *c, const Rd *rp, const LineHdr *h, const char *comp_dir,
                         size_t fmap_first, size_t fmap_count)
{
    return run_program(c, rp, h, comp_dir, fmap_first, fmap_count, RUN_LOOKUP, NULL);
}

static size_t run_rows(Ctx *c, const Rd *rp, const LineHdr *h, const char *comp_dir,
                       size_t fmap_first, size_t fmap_count, int mode, RowVec *out)
{
    return mode == RUN_ALL
               ? run_program(c, rp, h, comp_dir, fmap_first, fmap_count, RUN_ALL, out)
               : run_program(c, rp, h, comp_dir, fmap_first, fmap_count, RUN_LOOKUP_FULL, out);
}

void symi_build_rows(SymFile *f)
{
    char err[256]; /* (unused: the programs were checked at open) */
    Ctx c = {.f = f, .path = "", .err = err, .errlen = sizeof err};
    f->rows.v = xmalloc(f->nrows * sizeof *f->rows.v);
    f->rows.cap = f->nrows;
    f->rows.n = 0;
    for (uint32_t cu = 0; cu < f->cus.n; cu++) {
        const CuInfo *ci = &f->cuinfo.v[cu];
        if (!ci->prog)
            continue;
        Rd r = {f->debug_line.p, ci->prog, ci->prog_end, false};
        c.cu = cu;
        run_rows(&c, &r, &ci->line, f->cus.v[cu].comp_dir, ci->fmap_first, ci->fmap_header,
                 RUN_ALL, &f->rows);
    }
}

SymLineRow *symi_lookup_rows_full(const SymFile *cf, uint32_t cu)
{
    SymFile *f = (SymFile *)cf; /* (only read: the program was checked at open) */
    const CuInfo *ci = &f->cuinfo.v[cu];
    RowVec v = {xmalloc((ci->lrow_count + 1) * sizeof *v.v), 0, ci->lrow_count + 1};
    if (ci->prog) {
        char err[256]; /* (unused: the program was checked at open) */
        Ctx c = {.f = f, .path = "", .err = err, .errlen = sizeof err, .cu = cu};
        Rd r = {f->debug_line.p, ci->prog, ci->prog_end, false};
        run_rows(&c, &r, &ci->line, f->cus.v[cu].comp_dir, ci->fmap_first, ci->fmap_header,
                 RUN_LOOKUP_FULL, &v);
    }
    return v.v;
}

void symi_read_line_unit(Ctx *c, LineUnit *lu)
{
    SymFile *f = c->f;
    const char *comp_dir = lu->comp_dir;
    lu->fmap_first = (uint32_t)f->fmap.n;
    lu->seq_first = (uint32_t)f->seqs.n;
    lu->first_row = f->nrows;
    StrVec dirs = {0};
    uint64_t off = lu->offset;
    if (off == UINT64_MAX)
        goto out;
    Rd r = {f->debug_line.p, f->debug_line.p, f->debug_line.p + f->debug_line.n, false};
    if (!f->debug_line.p || off >= f->debug_line.n) {
        snprintf(c->err, c->errlen,
                 "%s: damaged DWARF: DW_AT_stmt_list 0x%llx of the CU at .debug_info offset "
                 "0x%llx is outside .debug_line",
                 c->path, (unsigned long long)off, (unsigned long long)lu->cu_offset);
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
    lu->fmap_count = lu->fmap_header = (uint32_t)(f->fmap.n - lu->fmap_first);
    lu->line = h;
    lu->prog = prog.p;
    lu->prog_end = prog.end;
    lu->lrow_first = (uint32_t)f->lrows.n;
    /* the lookup rows this program may add (GCC: about 15 bytes of program per lookup row,
     * 12 to be safe), mapped in one call unit by unit: the whole reserve at once mapped 25%
     * more pages than were filled */
    symi_prefault_to(&f->lrows_mapped, f->lrows.v,
                     (f->lrows.n + (size_t)(prog.end - prog.p) / 12 + 16) * sizeof *f->lrows.v,
                     f->lrows.cap * sizeof *f->lrows.v);
    f->nrows += run_lookup(c, &prog, &h, comp_dir, lu->fmap_first, lu->fmap_count);
    lu->lrow_count = (uint32_t)(f->lrows.n - lu->lrow_first);
    if (c->failed)
        goto out;
    /* sort sequences, drop nested ones and trim overlapping ones (bfd sort_line_sequences) */
    Seq *sv = f->seqs.v + lu->seq_first;
    size_t ns = f->seqs.n - lu->seq_first;
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
        f->seqs.n = lu->seq_first + w;
    }
out:
    free(dirs.v);
    lu->seq_count = (uint32_t)(f->seqs.n - lu->seq_first);
    lu->fmap_count = (uint32_t)(f->fmap.n - lu->fmap_first);
    lu->row_count = f->nrows - lu->first_row;
}

void symi_store_line_unit(SymFile *f, uint32_t cu, const LineUnit *lu)
{
    CuInfo *ci = &f->cuinfo.v[cu];
    ci->seq_first = lu->seq_first;
    ci->seq_count = lu->seq_count;
    ci->fmap_first = lu->fmap_first;
    ci->fmap_count = lu->fmap_count;
    ci->fmap_header = lu->fmap_header;
    ci->lrow_first = lu->lrow_first;
    ci->lrow_count = lu->lrow_count;
    ci->line = lu->line;
    ci->prog = lu->prog;
    ci->prog_end = lu->prog_end;
    f->cus.v[cu].first_row = lu->first_row;
    f->cus.v[cu].row_count = lu->row_count;
}

void symi_read_lines(Ctx *c, const char *comp_dir)
{
    LineUnit lu = {.offset = c->line_offset, .cu_offset = c->cu_offset, .comp_dir = comp_dir};
    symi_read_line_unit(c, &lu);
    symi_store_line_unit(c->f, c->cu, &lu);
}
