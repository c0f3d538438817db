/* sym_dwarf.c - the libdwarf DIE walk: the fallback of the fast reader (sym_die.c) for
 * anything unusual, and the source of the error messages for damaged DWARF. It produces
 * exactly what the fast reader produces (the tests run both, SYMBOLIZE_LIBDWARF=1). */
#include "sym_internal.h"

#include <dwarf.h>

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
    const char *v = symi_name_cache_get(c, off, &found);
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
    symi_name_cache_put(c, off, v);
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
        res = NAME_TAG(symi_intern(c->f, link));
    else if (name)
        res = c->c_like ? NAME_TAG(symi_intern(c->f, name)) : symi_intern(c->f, name);
    else if (ref && !c->failed)
        res = ref_name(c, ref, depth);
    for (Dwarf_Signed i = 0; i < n; i++)
        dwarf_dealloc_attribute(attrs[i]);
    dwarf_dealloc(c->dbg, attrs, DW_DLA_LIST);
    return res;
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
            symi_add_range(c, lo, hi);
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
            symi_add_range(c, base + rl[i].dwr_addr1, base + rl[i].dwr_addr2);
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
                symi_add_range(c, di->low, hi);
        }
    }
    if (!c->failed && ranges)
        read_ranges(c, die, ranges);
    if (!c->failed && want_name) {
        const char *tn = NULL;
        if (link)
            tn = NAME_TAG(symi_intern(c->f, link));
        else if (name)
            tn = c->c_like ? NAME_TAG(symi_intern(c->f, name)) : symi_intern(c->f, name);
        else if (ref)
            tn = ref_name(c, ref, 0);
        di->name = NAME_PTR(tn);
        di->linkage = NAME_IS_LINKAGE(tn);
    }
    for (Dwarf_Signed i = 0; i < n; i++)
        dwarf_dealloc_attribute(attrs[i]);
    dwarf_dealloc(c->dbg, attrs, DW_DLA_LIST);
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
            fn.call_file = fn.inlined ? symi_map_file(c, di.call_file) : 0;
            fn.call_line = (uint32_t)di.call_line;
            fn.call_column = (uint32_t)di.call_column;
            fn.call_discriminator = (uint32_t)di.discr;
            fn.decl_file = di.decl_file ? symi_map_file(c, di.decl_file) : 0;
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
    return s ? symi_intern(c->f, s) : NULL;
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
        c->c_like = symi_lang_is_c_like(cu.language);
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
    symi_cu_ranges_done(c, r0);
    c->line_offset = UINT64_MAX;
    if (dwarf_attr(cu_die, DW_AT_stmt_list, &at, &e) == DW_DLV_OK) {
        Dwarf_Off lo;
        if (dwarf_global_formref(at, &lo, &e) == DW_DLV_OK)
            c->line_offset = lo;
        drop(c, &e);
        dwarf_dealloc_attribute(at);
    }
    drop(c, &e);
    symi_read_lines(c, cu.comp_dir);
    if (c->failed)
        return;
    Dwarf_Die child;
    int r = dwarf_child(cu_die, &child, &e);
    if (r == DW_DLV_ERROR)
        dwfail(c, e, "CU children");
    else if (r == DW_DLV_OK)
        walk(c, child, SYM_NONE, 0);
}

bool symi_libdwarf_read(SymFile *f, int fd, const char *path, char *err, size_t errlen)
{
    Dwarf_Debug dbg = NULL;
    Dwarf_Error e = NULL;
    int r = dwarf_init_b(fd, DW_DLC_READ, DW_GROUPNUMBER_ANY, dwarf_noabort, NULL, &dbg, &e);
    if (r == DW_DLV_NO_ENTRY) {
        snprintf(err, errlen, "%s has no DWARF debug information (compile with -g)", path);
        return false;
    }
    if (r != DW_DLV_OK) {
        snprintf(err, errlen, "%s: damaged DWARF sections: %s", path,
                 e ? dwarf_errmsg(e) : "unreadable");
        one_line(err);
        if (e)
            dwarf_dealloc(dbg, e, DW_DLA_ERROR);
        return false;
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
    if (!c.failed && ncu == 0)
        snprintf(err, errlen, "%s has no DWARF debug information (compile with -g)", path);
    return !c.failed && ncu > 0;
}
