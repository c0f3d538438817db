/* sym_elf.c - ELF sections and symbols (libelf), and the symbol lookup addr2line falls back
 * to when DWARF does not know an address (bfd/elf.c elf_find_function). */
#include "sym_internal.h"

#include <gelf.h>

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

/* X[0..N), in symbol table order, sorted by value, then size descending, then symbol table
 * order: two stable radix sorts (size descending, then value), then the records moved (a qsort
 * took 0.3 ms for the 4000 symbols of a large ELF) */
static void sort_fnsyms(SymIdx *x, size_t n)
{
    if (n < 2)
        return;
    uint64_t *key = xmalloc_scratch(n * sizeof *key);
    uint32_t *idx = xmalloc_scratch(n * sizeof *idx);
    for (size_t i = 0; i < n; i++) {
        key[i] = ~x[i].size;
        idx[i] = (uint32_t)i; /* (= the symbol table order: the last key) */
    }
    symi_radix_sort(key, idx, n);
    for (size_t i = 0; i < n; i++)
        key[i] = x[idx[i]].value;
    symi_radix_sort(key, idx, n);
    symi_permute(x, idx, n, sizeof *x);
    free(key);
    free(idx);
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

int symi_read_elf(SymFile *f, Elf *elf, const char *path, char *err, size_t errlen)
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
            SymSection none = {symi_intern(f, ""), 0, 0, 0, SHT_NULL};
            VEC_PUSH(f->secs, none);
            continue;
        }
        const char *nm = elf_strptr(elf, shstrndx, sh.sh_name);
        SymSection s = {symi_intern(f, nm), sh.sh_addr, sh.sh_size, sh.sh_flags, sh.sh_type};
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
                file = symi_intern(f, name);
                if (state == SYMBOL_SEEN)
                    state = FILE_AFTER_SYMBOL;
                continue;
            }
            if (state == NOTHING_SEEN)
                state = SYMBOL_SEEN;
            SymSymbol sy = {symi_intern(f, name), es.st_value, es.st_size, (uint8_t)type,
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
    sort_fnsyms(f->fnsyms.v, f->fnsyms.n);
    for (size_t i = 0; i < f->fnsyms.n; i++)
        VEC_PUSH(f->fnsym_shndx, raw.v[f->fnsyms.v[i].sym].shndx);
    f->syms.v = raw.v;
    f->syms.n = raw.n;
    f->syms.cap = raw.cap;
    free(fnlike.v);
    return 0;
}

/* ---------------------------------------------------------------------------------------- */
/* accessors and symbol lookup                                                            */

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

/* Index of the section containing ADDR (SHF_ALLOC, non-empty), or -1; sections are few. */
long symi_section_index_at(const SymFile *f, uint64_t addr)
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
    long i = symi_section_index_at(f, addr);
    return i < 0 ? NULL : &f->secs.v[i - 1];
}

const SymSymbol *sym_symbol_at(const SymFile *f, uint64_t addr)
{
    long shndx = symi_section_index_at(f, addr);
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
