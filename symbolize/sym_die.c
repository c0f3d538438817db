/* sym_die.c - the fast .debug_info reader, and what it shares with the libdwarf walk
 * (sym_dwarf.c): the reference-name cache, ranges, file numbers, languages. */
#include "sym_internal.h"

#include <dwarf.h>

const char *symi_name_cache_get(Ctx *c, uint64_t key, bool *found)
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

void symi_name_cache_put(Ctx *c, uint64_t key, const char *val)
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

void symi_add_range(Ctx *c, uint64_t lo, uint64_t hi)
{
    if (hi > lo) {
        SymRange r = {lo, hi};
        VEC_PUSH(c->f->franges, r);
    }
}

uint32_t symi_map_file(Ctx *c, uint64_t fileno)
{
    CuInfo *ci = &c->f->cuinfo.v[c->cu];
    if (fileno < ci->fmap_count)
        return c->f->fmap.v[ci->fmap_first + fileno];
    return 0;
}

void symi_cu_ranges_done(Ctx *c, size_t r0)
{
    SymFile *f = c->f;
    f->cuinfo.v[c->cu].has_ranges = f->franges.n > r0;
    for (size_t k = r0; k < f->franges.n; k++) {
        SymRange cr = f->franges.v[k];
        Ev ev = {cr.lo, cr.hi, cr.hi - cr.lo, c->cu, 0};
        VEC_PUSH(f->curanges, ev);
    }
    f->franges.n = r0;
    if (!f->cuinfo.v[c->cu].has_ranges)
        VEC_PUSH(f->norange_cus, c->cu);
}

/* bfd mangle_style() == 0: names of these languages are final as written in DW_AT_name */
bool symi_lang_is_c_like(unsigned lang)
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
    /* the size of its attributes when every form has a fixed size (most DIEs: variables,
     * parameters, types, call sites), so that a DIE no query reads is stepped over at once:
     * fixed + n_addr * address size + n_off * offset size (+ ref_addr ones by version) */
    bool sized;
    uint32_t fixed, n_addr, n_off, n_refaddr;
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
    /* of the unit DIE, for the line program (read beside the DIE walk) */
    uint64_t line_offset; /* DW_AT_stmt_list, UINT64_MAX if none */
    const char *comp_dir;
} FCu;

typedef struct Fx {
    Ctx *c;
    /* interned name by the address of its text in the ELF (.debug_str or .debug_info, which
     * do not change while the file is open): most names come back many times */
    const char *ikey[1024], *ival[1024];
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
            switch (a.form) { /* (the sizes of fx_skip) */
            case DW_FORM_flag_present: case DW_FORM_implicit_const: break;
            case DW_FORM_data1: case DW_FORM_ref1: case DW_FORM_flag: case DW_FORM_strx1:
            case DW_FORM_addrx1: ab.fixed += 1; break;
            case DW_FORM_data2: case DW_FORM_ref2: case DW_FORM_strx2: case DW_FORM_addrx2:
                ab.fixed += 2;
                break;
            case DW_FORM_strx3: case DW_FORM_addrx3: ab.fixed += 3; break;
            case DW_FORM_data4: case DW_FORM_ref4: case DW_FORM_strx4: case DW_FORM_addrx4:
            case DW_FORM_ref_sup4: ab.fixed += 4; break;
            case DW_FORM_data8: case DW_FORM_ref8: case DW_FORM_ref_sig8: case DW_FORM_ref_sup8:
                ab.fixed += 8;
                break;
            case DW_FORM_data16: ab.fixed += 16; break;
            case DW_FORM_addr: ab.n_addr++; break;
            case DW_FORM_strp: case DW_FORM_line_strp: case DW_FORM_sec_offset:
            case DW_FORM_strp_sup: case DW_FORM_GNU_strp_alt: case DW_FORM_GNU_ref_alt:
                ab.n_off++;
                break;
            case DW_FORM_ref_addr: ab.n_refaddr++; break;
            default: ab.fixed = UINT32_MAX / 2; break; /* variable size: not "sized" */
            }
            if (ab.fixed >= UINT32_MAX / 2)
                ab.fixed = UINT32_MAX / 2; /* (stays there) */
        }
        ab.count = (uint32_t)(t->attrs.n - ab.first);
        ab.sized = ab.fixed < UINT32_MAX / 2;
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

/* fx_val for the forms most attributes of function DIEs have (GCC: data1/2/4, ref4, flags,
 * addresses, section offsets), here without a call; the rest through fx_val */
static inline bool fx_val_common(Fx *x, const FCu *u, Rd *r, const AbAttr *a, Val *v)
{
    unsigned n;
    int kind = V_U;
    switch (a->form) {
    case DW_FORM_data1: case DW_FORM_flag: n = 1; break;
    case DW_FORM_data2: n = 2; break;
    case DW_FORM_data4: n = 4; break;
    case DW_FORM_ref4: n = 4; kind = V_REF; break;
    case DW_FORM_addr: n = u->asz; kind = V_ADDR; break;
    case DW_FORM_sec_offset: n = u->offsz; kind = V_SECOFF; break;
    case DW_FORM_flag_present: case DW_FORM_implicit_const:
        v->kind = V_U;
        v->form = a->form;
        v->u = a->form == DW_FORM_flag_present ? 1 : (uint64_t)a->implicit;
        v->str = NULL;
        return true;
    default: return fx_val(x, u, r, a->form, a->implicit, v);
    }
    v->kind = kind;
    v->form = a->form;
    v->u = rd_fixed(r, n);
    v->str = NULL;
    return !r->bad;
}

/* Steps over one attribute of a DIE whose attributes nobody reads (variables, types, ...):
 * like fx_val without decoding, and without checking string offsets, which the libdwarf walk
 * does not read for such DIEs either (so both still give the same answer). Forms not listed
 * go through fx_val. Most DIEs are of this kind. */
static bool fx_skip(Fx *x, const FCu *u, Rd *r, const AbAttr *a)
{
    switch (a->form) {
    case DW_FORM_flag_present: case DW_FORM_implicit_const: return true;
    case DW_FORM_data1: case DW_FORM_ref1: case DW_FORM_flag: case DW_FORM_strx1:
    case DW_FORM_addrx1: rd_skip(r, 1); break;
    case DW_FORM_data2: case DW_FORM_ref2: case DW_FORM_strx2: case DW_FORM_addrx2:
        rd_skip(r, 2);
        break;
    case DW_FORM_strx3: case DW_FORM_addrx3: rd_skip(r, 3); break;
    case DW_FORM_data4: case DW_FORM_ref4: case DW_FORM_strx4: case DW_FORM_addrx4:
    case DW_FORM_ref_sup4: rd_skip(r, 4); break;
    case DW_FORM_data8: case DW_FORM_ref8: case DW_FORM_ref_sig8: case DW_FORM_ref_sup8:
        rd_skip(r, 8);
        break;
    case DW_FORM_data16: rd_skip(r, 16); break;
    case DW_FORM_addr: rd_skip(r, u->asz); break;
    case DW_FORM_strp: case DW_FORM_line_strp: case DW_FORM_sec_offset: case DW_FORM_strp_sup:
    case DW_FORM_GNU_strp_alt: case DW_FORM_GNU_ref_alt: rd_skip(r, u->offsz); break;
    case DW_FORM_ref_addr: rd_skip(r, u->version <= 2 ? u->asz : u->offsz); break;
    case DW_FORM_udata: case DW_FORM_sdata: case DW_FORM_ref_udata: case DW_FORM_strx:
    case DW_FORM_addrx: case DW_FORM_GNU_str_index: case DW_FORM_GNU_addr_index:
    case DW_FORM_rnglistx: case DW_FORM_loclistx: rd_uleb(r); break;
    case DW_FORM_exprloc: case DW_FORM_block: rd_skip(r, rd_uleb(r)); break;
    case DW_FORM_block1: rd_skip(r, rd_fixed(r, 1)); break;
    case DW_FORM_block2: rd_skip(r, rd_fixed(r, 2)); break;
    case DW_FORM_block4: rd_skip(r, rd_fixed(r, 4)); break;
    case DW_FORM_string: rd_cstr(r); break;
    default: {
        Val v;
        return fx_val(x, u, r, a->form, a->implicit, &v);
    }
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

/* symi_intern of S, a string in the ELF's sections */
static const char *fx_intern(Fx *x, const char *s)
{
    size_t k = ((uintptr_t)s >> 2) & 1023;
    if (x->ikey[k] != s) {
        x->ikey[k] = s;
        x->ival[k] = symi_intern(x->c->f, s);
    }
    return x->ival[k];
}

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
                symi_add_range(x->c, base + a, base + b);
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
            symi_add_range(x->c, a, b);
            break;
        case DW_RLE_startx_length:
            va.u = rd_uleb(&r);
            b = rd_uleb(&r);
            if (!fx_addr(x, u, &va, &a))
                return false;
            symi_add_range(x->c, a, a + b);
            break;
        case DW_RLE_offset_pair:
            a = rd_uleb(&r);
            b = rd_uleb(&r);
            symi_add_range(x->c, base + a, base + b);
            break;
        case DW_RLE_base_address:
            base = rd_fixed(&r, u->asz);
            break;
        case DW_RLE_start_end:
            a = rd_fixed(&r, u->asz);
            b = rd_fixed(&r, u->asz);
            symi_add_range(x->c, a, b);
            break;
        case DW_RLE_start_length:
            a = rd_fixed(&r, u->asz);
            b = rd_uleb(&r);
            symi_add_range(x->c, a, a + b);
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
        return NAME_TAG(fx_intern(x, link));
    if (name)
        return x->c->c_like ? NAME_TAG(fx_intern(x, name)) : fx_intern(x, name);
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
    const char *v = symi_name_cache_get(x->c, off, &found);
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
        symi_name_cache_put(x->c, off, v);
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
        Val stmt = {V_NONE, 0, 0, NULL}, comp_dir = stmt;
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
            } else if (a->name == DW_AT_stmt_list) {
                stmt = v;
            } else if (a->name == DW_AT_comp_dir) {
                comp_dir = v;
            } else if (a->name == DW_AT_GNU_addr_base || a->name == DW_AT_GNU_ranges_base ||
                       a->name == DW_AT_GNU_dwo_name || a->name == DW_AT_dwo_name) {
                return false; /* split DWARF */
            }
        }
        /* as fx_unit reads them (there, failing to read comp_dir gives up too) */
        u.line_offset = stmt.kind == V_SECOFF || stmt.kind == V_U ? stmt.u : UINT64_MAX;
        bool ok = true;
        u.comp_dir = comp_dir.kind != V_NONE ? fx_str(x, &u, &comp_dir, &ok) : NULL;
        if (!ok)
            return false;
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
        if (!fx_val_common(x, u, r, a, &v))
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
            symi_add_range(x->c, low, hi);
    }
    if (d->ranges.kind != V_NONE && !fx_ranges(x, u, &d->ranges))
        return false;
    if (want_name) {
        if (ln.kind != V_NONE && (link = fx_str(x, u, &ln, &ok)) != NULL)
            d->name = NAME_TAG(fx_intern(x, link));
        else if (nm.kind != V_NONE && (name = fx_str(x, u, &nm, &ok)) != NULL)
            d->name = x->c->c_like ? NAME_TAG(fx_intern(x, name)) : fx_intern(x, name);
        else if (ref.kind == V_REF)
            d->name = fx_name_at(x, u->off + ref.u, 0, &ok);
        else if (ref.kind == V_REFADDR)
            d->name = fx_name_at(x, ref.u, 0, &ok);
        d->linkage = NAME_IS_LINKAGE(d->name);
        d->name = NAME_PTR(d->name);
    }
    return ok;
}

/* A file number of a DIE until the CU's file table is known; both map to file 0 ("<unknown>"):
 * RAW_FILE_NONE (no such attribute) and numbers beyond any table (fmap_count < 2^32 - 1). */
#define RAW_FILE_NONE UINT32_MAX
static uint32_t raw_file(uint64_t fileno)
{
    return fileno < RAW_FILE_NONE ? (uint32_t)fileno : RAW_FILE_NONE;
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
        cu.name = s ? symi_intern(f, s) : NULL;
    }
    if (d.comp_dir.kind != V_NONE) {
        const char *s = fx_str(x, u, &d.comp_dir, &ok);
        cu.comp_dir = s ? symi_intern(f, s) : NULL;
    }
    if (d.producer.kind != V_NONE) {
        const char *s = fx_str(x, u, &d.producer, &ok);
        cu.producer = s ? symi_intern(f, s) : NULL;
    }
    if (!ok)
        return false;
    cu.language = fx_is_const(&d.lang) ? (unsigned)d.lang.u : 0;
    c->c_like = symi_lang_is_c_like(cu.language);
    c->cu = (uint32_t)f->cus.n;
    VEC_PUSH(f->cus, cu);
    VEC_PUSH(f->cuinfo, ci);
    symi_cu_ranges_done(c, r0);
    /* (the line program is read by symi_fast_read, beside this walk) */
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
            /* file numbers for now: their CU's file table is read beside this walk */
            sf.call_file = sf.inlined && fx_is_const(&d.call_file) ? raw_file(d.call_file.u)
                                                                    : RAW_FILE_NONE;
            sf.call_line = fx_is_const(&d.call_line) ? (uint32_t)d.call_line.u : 0;
            sf.call_column = fx_is_const(&d.call_column) ? (uint32_t)d.call_column.u : 0;
            sf.call_discriminator = fx_is_const(&d.discr) ? (uint32_t)d.discr.u : 0;
            sf.decl_file = fx_is_const(&d.decl_file) && d.decl_file.u ? raw_file(d.decl_file.u)
                                                                       : RAW_FILE_NONE;
            sf.decl_line = fx_is_const(&d.decl_line) ? (uint32_t)d.decl_line.u : 0;
            sf.ranges = (const SymRange *)(uintptr_t)rr0;
            sf.range_count = f->franges.n - rr0;
            VEC_PUSH(f->funcs, sf);
            me = (uint32_t)f->funcs.n - 1;
            walk_children = true;
        } else {
            if (ab->sized) {
                uint64_t n = ab->fixed + (uint64_t)ab->n_addr * u->asz +
                             (uint64_t)ab->n_off * u->offsz +
                             (uint64_t)ab->n_refaddr * (u->version <= 2 ? u->asz : u->offsz);
                rd_skip(&r, n);
                good = !r.bad;
            }
            for (uint32_t k = 0; !ab->sized && k < ab->count && good; k++)
                good = fx_skip(x, u, &r, &u->ab->attrs.v[ab->first + k]);
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

/* The line programs of all units, in unit order, for symi_fast_read. Their output (f->lrows,
 * seqs, fmap, files, nrows and the LineUnits) is touched by nothing else until the join. */
typedef struct LineJob {
    Ctx c;
    LineUnit *lu;
    size_t n;
    char err[256]; /* (unused: on damage, sym_open reads the file again with libdwarf) */
} LineJob;

static void *line_job(void *arg)
{
    LineJob *j = arg;
    for (size_t i = 0; i < j->n && !j->c.failed; i++) {
        j->c.cu = (uint32_t)i;
        symi_read_line_unit(&j->c, &j->lu[i]);
    }
    return NULL;
}

/* the DIE file numbers into file ids, once every CU's file table is known */
static void map_files(SymFile *f)
{
    for (size_t i = 0; i < f->funcs.n; i++) {
        SymFunction *fn = &f->funcs.v[i];
        const CuInfo *ci = &f->cuinfo.v[fn->cu];
        const uint32_t *fmap = f->fmap.v + ci->fmap_first;
        fn->call_file = fn->call_file < ci->fmap_count ? fmap[fn->call_file] : 0;
        fn->decl_file = fn->decl_file < ci->fmap_count ? fmap[fn->decl_file] : 0;
    }
}

/* The fast path over the whole file; false = give up (the caller uses libdwarf). The line
 * programs (most of the work on a large ELF) are decoded in a second thread while this one
 * walks the DIEs: each thread fills arrays of its own, in unit order, so the result is the
 * same as reading them one after the other. */
bool symi_fast_read(Ctx *c, const RawSec *secs)
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
    LineJob lj = {.c = {.f = c->f, .path = c->path, .section = ".debug_line"}};
    lj.c.err = lj.err;
    lj.c.errlen = sizeof lj.err;
    pthread_t th;
    bool threaded = false;
    if (ok) {
        lj.n = x.cus.n;
        lj.lu = xmalloc(lj.n * sizeof *lj.lu);
        for (size_t i = 0; i < lj.n; i++) {
            lj.lu[i].offset = x.cus.v[i].line_offset;
            lj.lu[i].cu_offset = x.cus.v[i].off;
            lj.lu[i].comp_dir = x.cus.v[i].comp_dir;
        }
        threaded = pthread_create(&th, NULL, line_job, &lj) == 0;
        if (!threaded)
            line_job(&lj);
    }
    if (ok) {
        symi_prefault(c->f->funcs.v, c->f->funcs.cap * sizeof *c->f->funcs.v);
        symi_prefault(c->f->franges.v, c->f->franges.cap * sizeof *c->f->franges.v);
    }
    for (size_t i = 0; ok && i < x.cus.n; i++)
        ok = fx_unit(&x, &x.cus.v[i]) && !c->failed;
    if (ok)
        symi_finish_funcs(c->f); /* (DIE data only: while the line programs are read) */
    if (threaded)
        pthread_join(th, NULL);
    ok = ok && !lj.c.failed;
    if (ok) {
        for (size_t i = 0; i < lj.n; i++)
            symi_store_line_unit(c->f, (uint32_t)i, &lj.lu[i]);
        map_files(c->f);
    }
    free(lj.lu);
    for (size_t i = 0; i < x.tabs.n; i++) {
        free(x.tabs.v[i]->code.v);
        free(x.tabs.v[i]->attrs.v);
        free(x.tabs.v[i]);
    }
    free(x.tabs.v);
    free(x.cus.v);
    return ok;
}
