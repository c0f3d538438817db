/*
 * tests/isa/riscv/rvdis.c - disassemble the executable sections of an RV32
 * ELF with emu/isa/riscv, in the layout of `riscv64-unknown-elf-objdump -d`
 * (objdump_compare.py checks the two agree line by line).
 *
 * Like objdump it honours the RISC-V ELF mapping symbols ($x: code, $d:
 * data; psABI "Mapping Symbol" section), prints data as .word/.short/.byte
 * chunks, and takes __global_pointer$ for gp-relative address notes.
 *
 * usage: rvdis FILE.elf
 * exit status: 0 ok, 2 bad usage or unreadable/unsuitable file.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "emu/isa/riscv/rv_isa.h"

typedef struct MapSym {
    uint64_t addr;
    char kind;           /* 'x' code, 'd' data */
    bool has_isa;        /* $x<isa>: sets the extensions from here on */
    uint32_t exts;       /* RV_EXT_* of <isa> */
} MapSym;

typedef struct SecMaps {
    MapSym *v;
    size_t n, cap;
} SecMaps;

static const char *prog_file;

static void die(const char *what)
{
    fprintf(stderr, "rvdis: %s: %s\n", prog_file, what);
    exit(2);
}

static uint64_t uleb(const uint8_t **pp, const uint8_t *end)
{
    uint64_t v = 0;
    unsigned shift = 0;
    while (*pp < end) {
        uint8_t b = *(*pp)++;
        if (shift < 64)
            v |= (uint64_t)(b & 0x7f) << shift;
        shift += 7;
        if (!(b & 0x80))
            break;
    }
    return v;
}

static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

/* Read Tag_RISCV_arch and Tag_RISCV_priv_spec / _minor from a .riscv.attributes section
 * (psABI "Attributes"; ELF build attributes layout: 'A', then
 * <u32 length><"riscv"\0><tag 1 = file><u32 size><tag value>...; odd tags
 * carry strings, even ones ULEB128 numbers).  Returns false if absent. */
static bool read_attributes(const uint8_t *p, size_t n, unsigned *major, unsigned *minor,
                            uint32_t *exts)
{
    const uint8_t *end = p + n;
    bool found = false;

    *major = *minor = 0;
    if (n < 1 || p[0] != 'A')
        return false;
    p++;
    while (end - p >= 4) {
        uint32_t len = rd32(p);
        const uint8_t *sec_end = p + len, *q;
        if (len < 4 || len > (size_t)(end - p))
            break;
        q = p + 4;
        if ((size_t)(sec_end - q) >= 6 && memcmp(q, "riscv", 6) == 0) {
            q += 6;
            while (q < sec_end) {
                const uint8_t *sub = q;
                uint64_t tag = uleb(&q, sec_end);
                uint32_t size;
                const uint8_t *sub_end;
                if (sec_end - q < 4)
                    break;
                size = rd32(q);
                q += 4;
                if (size < (uint32_t)(q - sub) || size > (size_t)(sec_end - sub))
                    break;
                sub_end = sub + size;
                while (tag == 1 && q < sub_end) {
                    uint64_t t = uleb(&q, sub_end);
                    if (t & 1) {
                        const uint8_t *str = q;
                        while (q < sub_end && *q)
                            q++;
                        if (t == 5 && q < sub_end) /* Tag_RISCV_arch */
                            *exts = rv_isa_string_exts((const char *)str);
                        q++;
                    } else {
                        uint64_t v = uleb(&q, sub_end);
                        if (t == 8) { *major = (unsigned)v; found = true; }
                        if (t == 10) *minor = (unsigned)v;
                    }
                }
                q = sub_end;
            }
        }
        p = sec_end;
    }
    return found && *major != 0;
}

static int cmp_map(const void *a, const void *b)
{
    const MapSym *x = a, *y = b;
    return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* Make room for one more element in a growing array. */
static void *grow(void *v, size_t n, size_t *cap, size_t elem)
{
    if (n < *cap)
        return v;
    *cap = *cap ? *cap * 2 : 16;
    v = realloc(v, *cap * elem);
    if (!v)
        die("out of memory");
    return v;
}

static void add_map(SecMaps *m, uint64_t addr, char kind, const char *isa)
{
    m->v = grow(m->v, m->n, &m->cap, sizeof(*m->v));
    m->v[m->n].addr = addr;
    m->v[m->n].kind = kind;
    m->v[m->n].has_isa = kind == 'x' && isa[0];
    m->v[m->n].exts = m->v[m->n].has_isa ? rv_isa_string_exts(isa) : 0;
    m->n++;
}

/* Mapping state at `addr` and the address of the next mapping symbol
 * after it (or `end`); a $x<isa> symbol at or before `addr` sets the
 * extensions objdump assumes from there on (*exts). */
static char map_state(const SecMaps *m, uint64_t addr, uint64_t end, uint64_t *next,
                      uint32_t *exts)
{
    char kind = 'x';
    size_t i;

    *next = end;
    for (i = 0; i < m->n; i++) {
        if (m->v[i].addr <= addr) {
            kind = m->v[i].kind;
            if (m->v[i].has_isa)
                *exts = m->v[i].exts;
        } else {
            *next = m->v[i].addr;
            break;
        }
    }
    return kind;
}

/* Non-mapping symbols of one section: where objdump starts a new run of
 * disassembly, and whether that run is a data object (shown as a hex dump
 * by objdump -d). */
typedef struct Sym {
    uint64_t addr;
    bool object;
} Sym;

typedef struct SecSyms {
    Sym *v;
    size_t n, cap;
} SecSyms;

static void add_sym(SecSyms *m, uint64_t addr, bool object)
{
    m->v = grow(m->v, m->n, &m->cap, sizeof(*m->v));
    m->v[m->n].addr = addr;
    m->v[m->n].object = object;
    m->n++;
}

static int cmp_sym(const void *a, const void *b)
{
    const Sym *x = a, *y = b;
    if (x->addr != y->addr)
        return x->addr < y->addr ? -1 : 1;
    return (int)x->object - (int)y->object;
}

static uint32_t le(const uint8_t *p, unsigned n)
{
    uint32_t v = 0;
    while (n-- > 0)
        v = (v << 8) | p[n];
    return v;
}

/* objdump's hex dump of a data object: 16 bytes a line, in chunks of the
 * size of the last instruction or data item it disassembled before (its
 * disassembler's bytes_per_chunk, 1 if none); a final partial chunk shows
 * in the text column only. */
static void dump_object(const uint8_t *p, uint64_t addr, uint64_t n, unsigned chunk)
{
    uint64_t i, j;

    for (i = 0; i < n; i += 16) {
        uint64_t k = n - i < 16 ? n - i : 16;
        char ascii[17];
        printf("%8llx:\t", (unsigned long long)(addr + i));
        for (j = 0; j + chunk <= k; j += chunk)
            printf(j ? " %0*x" : "%0*x", (int)chunk * 2, (unsigned)le(p + i + j, chunk));
        for (j = 0; j < k; j++)
            ascii[j] = (p[i + j] >= 0x20 && p[i + j] < 0x7f) ? (char)p[i + j] : '.';
        ascii[k] = '\0';
        printf("     %s\n", ascii);
    }
}

/* One instruction in objdump's layout: the raw encoding as one number for
 * 2 and 4 bytes; longer ones in chunks of 4 (or 2) bytes, 8 bytes a line,
 * continued on lines of their own. */
static void print_insn(const uint8_t *p, uint64_t addr, unsigned len, const char *text)
{
    unsigned chunk = len % 4 == 0 ? 4 : 2, i;

    if (len == 2) {
        printf("%8llx:\t%04x                \t%s\n", (unsigned long long)addr, (unsigned)le(p, 2),
               text);
        return;
    }
    if (len == 4) {
        printf("%8llx:\t%08x          \t%s\n", (unsigned long long)addr, (unsigned)le(p, 4),
               text);
        return;
    }
    for (i = 0; i < len; i += chunk) {
        if (i % 8 == 0) {
            if (i == 8)
                printf("\t%s", text);
            if (i)
                putchar('\n');
            printf("%8llx:\t", (unsigned long long)(addr + i));
        }
        printf("%0*x ", (int)chunk * 2, (unsigned)le(p + i, chunk));
    }
    if (len <= 8)
        printf("\t%s", text);
    putchar('\n');
}

int main(int argc, char **argv)
{
    int fd;
    Elf *elf;
    GElf_Ehdr eh;
    size_t shnum, shstrndx, i;
    SecMaps *maps;
    SecSyms *syms;
    Elf_Scn *scn = NULL;
    RvDisasmCtx ctx;
    bool has_gp = false, priv_1_11 = false;
    uint32_t gp = 0;
    /* objdump's default when the ELF states no architecture: rv64gc */
    uint32_t exts = RV_EXT_ALL & ~RV_EXT_ZIHINTPAUSE;
    unsigned last_len = 1;

    if (argc != 2) {
        fprintf(stderr, "usage: rvdis FILE.elf\n");
        return 2;
    }
    prog_file = argv[1];
    if (elf_version(EV_CURRENT) == EV_NONE)
        die("libelf initialisation failed");
    fd = open(argv[1], O_RDONLY);
    if (fd < 0)
        die(strerror(errno));
    elf = elf_begin(fd, ELF_C_READ, NULL);
    if (!elf || elf_kind(elf) != ELF_K_ELF)
        die("not an ELF file");
    if (!gelf_getehdr(elf, &eh))
        die("cannot read the ELF header");
    if (eh.e_machine != EM_RISCV || eh.e_ident[EI_CLASS] != ELFCLASS32)
        die("not a 32-bit RISC-V ELF");
    if (elf_getshdrnum(elf, &shnum) != 0 || elf_getshdrstrndx(elf, &shstrndx) != 0)
        die("cannot read the section headers");
    {
        struct stat st;
        if (fstat(fd, &st) != 0 ||
            eh.e_shoff + (uint64_t)shnum * eh.e_shentsize > (uint64_t)st.st_size)
            die("truncated: the section header table lies beyond the end of the file");
        if (shnum == 0)
            die("no section headers");
    }

    maps = calloc(shnum ? shnum : 1, sizeof(*maps));
    syms = calloc(shnum ? shnum : 1, sizeof(*syms));
    if (!maps || !syms)
        die("out of memory");

    /* Attributes and symbols: mapping symbols and other symbols per
     * section, and __global_pointer$. */
    while ((scn = elf_nextscn(elf, scn)) != NULL) {
        GElf_Shdr sh;
        Elf_Data *data;
        size_t n, k;

        if (!gelf_getshdr(scn, &sh))
            continue;
        if (sh.sh_type == 0x70000003u /* SHT_RISCV_ATTRIBUTES */) {
            unsigned major, minor;
            data = elf_getdata(scn, NULL);
            /* objdump names CSRs per the privileged spec the ELF states
             * (1.12 without the attribute) and knows the instructions of
             * the extensions Tag_RISCV_arch names */
            if (data && data->d_buf &&
                read_attributes(data->d_buf, data->d_size, &major, &minor, &exts))
                priv_1_11 = major < 1 || (major == 1 && minor <= 11);
            continue;
        }
        if (sh.sh_type != SHT_SYMTAB || sh.sh_entsize == 0)
            continue;
        data = elf_getdata(scn, NULL);
        if (!data)
            die("cannot read the symbol table");
        n = sh.sh_size / sh.sh_entsize;
        for (k = 1; k < n; k++) {
            GElf_Sym sym;
            const char *name;
            unsigned type;

            if (!gelf_getsym(data, (int)k, &sym))
                continue;
            name = elf_strptr(elf, sh.sh_link, sym.st_name);
            if (!name)
                continue;
            if (strcmp(name, "__global_pointer$") == 0) {
                has_gp = true;
                gp = (uint32_t)sym.st_value;
            }
            if (sym.st_shndx == SHN_UNDEF || sym.st_shndx >= shnum)
                continue;
            type = GELF_ST_TYPE(sym.st_info);
            if (name[0] == '$' && (name[1] == 'x' || name[1] == 'd'))
                add_map(&maps[sym.st_shndx], sym.st_value, name[1], name + 2);
            else if (type != STT_SECTION && type != STT_FILE && name[0])
                add_sym(&syms[sym.st_shndx], sym.st_value, type == STT_OBJECT);
        }
    }
    for (i = 0; i < shnum; i++) {
        if (maps[i].n > 1)
            qsort(maps[i].v, maps[i].n, sizeof(MapSym), cmp_map);
        if (syms[i].n > 1)
            qsort(syms[i].v, syms[i].n, sizeof(Sym), cmp_sym);
    }

    printf("\n%s:     file format elf32-littleriscv\n\n", argv[1]);
    rv_disasm_ctx_init(&ctx, has_gp, gp);
    ctx.priv_1_11 = priv_1_11;

    scn = NULL;
    while ((scn = elf_nextscn(elf, scn)) != NULL) {
        GElf_Shdr sh;
        Elf_Data *data;
        const char *sname;
        const uint8_t *p;
        uint64_t size, off = 0, base;
        size_t idx = elf_ndxscn(scn), si = 0;

        if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_PROGBITS ||
            !(sh.sh_flags & SHF_EXECINSTR) || sh.sh_size == 0)
            continue;
        sname = elf_strptr(elf, shstrndx, sh.sh_name);
        data = elf_getdata(scn, NULL);
        if (!data || !data->d_buf || data->d_size < sh.sh_size)
            die("cannot read an executable section");
        p = data->d_buf;
        size = sh.sh_size;
        base = sh.sh_addr;
        printf("\nDisassembly of section %s:\n\n", sname ? sname : "?");

        /* objdump disassembles symbol by symbol: each run starts afresh at
         * a symbol's address and stops at the next symbol */
        while (off < size) {
            uint64_t stop = size;
            bool object = false;

            while (si < syms[idx].n && syms[idx].v[si].addr <= base + off)
                si++;
            if (si > 0) {
                /* among symbols at one address a non-object one wins
                 * (cmp_sym sorts those first) */
                size_t f = si - 1;
                while (f > 0 && syms[idx].v[f - 1].addr == syms[idx].v[si - 1].addr)
                    f--;
                object = syms[idx].v[f].object;
            }
            if (si < syms[idx].n && syms[idx].v[si].addr - base < size)
                stop = syms[idx].v[si].addr - base;
            if (object) {
                dump_object(p + off, base + off, stop - off, last_len);
                off = stop;
                continue;
            }
            while (off < stop) {
                uint64_t next;
                char kind = map_state(&maps[idx], base + off, base + size, &next, &exts);
                char text[160];
                unsigned len = 0;

                ctx.missing = RV_EXT_ALL & ~exts;
                if (next > base + stop)
                    next = base + stop;
                if (kind == 'x') {
                    len = rv_disasm_bytes(&ctx, p + off, (size_t)(stop - off),
                                          (uint32_t)(base + off), text, sizeof(text));
                    if (len == 0 && stop - off >= 2) {
                        /* an encoding cut by the end of the run: objdump
                         * shows the bytes there are and gives up on the run */
                        uint64_t k;
                        printf("%8llx:\t", (unsigned long long)(base + off));
                        for (k = off; k < stop; k++)
                            printf(k > off ? " %02x" : "%02x", p[k]);
                        printf("\tAddress 0x%llx is out of bounds.\n",
                               (unsigned long long)(base + off));
                        len = (unsigned)(stop - off);
                    } else if (len) {
                        print_insn(p + off, base + off, len, text);
                    }
                }
                if (len == 0) {
                    /* data: chunks of 4, 2 or 1 bytes up to the next
                     * mapping symbol or the end of the run */
                    uint64_t room = next > base + off ? next - (base + off) : stop - off;
                    len = room >= 4 ? 4 : room >= 2 ? 2 : 1;
                    if (len == 4)
                        printf("%8llx:\t%08x          \t.word\t0x%08x\n",
                               (unsigned long long)(base + off), (unsigned)le(p + off, 4),
                               (unsigned)le(p + off, 4));
                    else if (len == 2)
                        printf("%8llx:\t%04x                \t.short\t0x%04x\n",
                               (unsigned long long)(base + off), (unsigned)le(p + off, 2),
                               (unsigned)le(p + off, 2));
                    else
                        printf("%8llx:\t%02x                \t.byte\t0x%02x\n",
                               (unsigned long long)(base + off), p[off], p[off]);
                }
                off += len;
                last_len = len;
            }
            if (off > stop && si < syms[idx].n)
                off = stop; /* the next run restarts at its symbol */
        }
    }
    elf_end(elf);
    close(fd);
    for (i = 0; i < shnum; i++) {
        free(maps[i].v);
        free(syms[i].v);
    }
    free(maps);
    free(syms);
    return 0;
}
