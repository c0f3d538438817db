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
#include <unistd.h>

#include "emu/isa/riscv/rv_isa.h"

typedef struct MapSym {
    uint64_t addr;
    char kind;           /* 'x' code, 'd' data */
    signed char rvc;     /* $x<isa>: 1 with C, 0 without; -1 plain $x/$d */
    signed char pause;   /* $x<isa>: 1 with Zihintpause, 0 without      */
} MapSym;

/* Whether an ISA string ("rv32i2p1_m2p0_c2p0_zicsr2p0") names extension
 * `ext` (a single letter among the base's letters, or a multi-letter
 * extension after an underscore). */
static bool isa_has(const char *isa, const char *ext)
{
    size_t n = strlen(ext);
    const char *p;

    if (strncmp(isa, "rv32", 4) && strncmp(isa, "rv64", 4))
        return false;
    if (n == 1) {
        /* the base letters run until the first '_': "rv32imac" or
         * "rv32i2p1_m2p0_..." (one letter per underscore-separated part) */
        for (p = isa + 4; *p && *p != '_'; p++)
            if (*p == ext[0] && (p == isa + 4 || p[-1] < '0' || p[-1] > '9' || p[-1] == 'p'))
                return true;
        for (p = strchr(isa, '_'); p; p = strchr(p + 1, '_'))
            if (p[1] == ext[0] && (p[2] == '\0' || p[2] == '_' || (p[2] >= '0' && p[2] <= '9')))
                return true;
        return false;
    }
    for (p = strchr(isa, '_'); p; p = strchr(p + 1, '_'))
        if (strncmp(p + 1, ext, n) == 0 &&
            (p[n + 1] == '\0' || p[n + 1] == '_' || (p[n + 1] >= '0' && p[n + 1] <= '9')))
            return true;
    return false;
}

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

/* Read Tag_RISCV_priv_spec / _minor from a .riscv.attributes section
 * (psABI "Attributes"; ELF build attributes layout: 'A', then
 * <u32 length><"riscv"\0><tag 1 = file><u32 size><tag value>...; odd tags
 * carry strings, even ones ULEB128 numbers).  Returns false if absent. */
static bool read_priv_spec(const uint8_t *p, size_t n, unsigned *major, unsigned *minor,
                           bool *pause, bool *rvc)
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
                        {
                            *pause = isa_has((const char *)str, "zihintpause");
                            *rvc = isa_has((const char *)str, "c");
                        }
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

static void add_map(SecMaps *m, uint64_t addr, char kind, const char *isa)
{
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 16;
        m->v = realloc(m->v, m->cap * sizeof(*m->v));
        if (!m->v)
            die("out of memory");
    }
    m->v[m->n].addr = addr;
    m->v[m->n].kind = kind;
    m->v[m->n].rvc = m->v[m->n].pause = -1;
    if (kind == 'x' && isa[0]) {
        m->v[m->n].rvc = isa_has(isa, "c");
        m->v[m->n].pause = isa_has(isa, "zihintpause");
    }
    m->n++;
}

/* Mapping state at `addr` and the address of the next mapping symbol
 * after it (or `end`); a $x<isa> symbol at or before `addr` sets the
 * extensions objdump assumes from there on (*rvc, *pause). */
static char map_state(const SecMaps *m, uint64_t addr, uint64_t end, uint64_t *next,
                      bool *rvc, bool *pause)
{
    char kind = 'x';
    size_t i;

    *next = end;
    for (i = 0; i < m->n; i++) {
        if (m->v[i].addr <= addr) {
            kind = m->v[i].kind;
            if (m->v[i].rvc >= 0) {
                *rvc = m->v[i].rvc;
                *pause = m->v[i].pause;
            }
        } else {
            *next = m->v[i].addr;
            break;
        }
    }
    return kind;
}

int main(int argc, char **argv)
{
    int fd;
    Elf *elf;
    GElf_Ehdr eh;
    size_t shnum, shstrndx, i;
    SecMaps *maps;
    Elf_Scn *scn = NULL;
    RvDisasmCtx ctx;
    bool has_gp = false, priv_1_11 = false, pause = false, rvc = true;
    uint32_t gp = 0;

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

    maps = calloc(shnum ? shnum : 1, sizeof(*maps));
    if (!maps)
        die("out of memory");

    /* Symbols: mapping symbols per section, and __global_pointer$. */
    while ((scn = elf_nextscn(elf, scn)) != NULL) {
        GElf_Shdr sh;
        Elf_Data *data;
        size_t n, k;

        if (!gelf_getshdr(scn, &sh))
            continue;
        if (sh.sh_type == 0x70000003u /* SHT_RISCV_ATTRIBUTES */) {
            unsigned major, minor;
            data = elf_getdata(scn, NULL);
            /* objdump names CSRs per the privileged spec the ELF states;
             * without the attribute it uses 1.12 */
            if (data && data->d_buf &&
                read_priv_spec(data->d_buf, data->d_size, &major, &minor, &pause, &rvc))
                priv_1_11 = major < 1 || (major == 1 && minor <= 11);
            continue;
        }
        if (sh.sh_type != SHT_SYMTAB || sh.sh_entsize == 0)
            continue;
        data = elf_getdata(scn, NULL);
        if (!data)
            die("cannot read the symbol table");
        n = sh.sh_size / sh.sh_entsize;
        for (k = 0; k < n; k++) {
            GElf_Sym sym;
            const char *name;

            if (!gelf_getsym(data, (int)k, &sym))
                continue;
            name = elf_strptr(elf, sh.sh_link, sym.st_name);
            if (!name)
                continue;
            if (strcmp(name, "__global_pointer$") == 0) {
                has_gp = true;
                gp = (uint32_t)sym.st_value;
            }
            if (name[0] == '$' && (name[1] == 'x' || name[1] == 'd') &&
                sym.st_shndx != SHN_UNDEF && sym.st_shndx < shnum)
                add_map(&maps[sym.st_shndx], sym.st_value, name[1], name + 2);
        }
    }
    for (i = 0; i < shnum; i++)
        if (maps[i].n > 1)
            qsort(maps[i].v, maps[i].n, sizeof(MapSym), cmp_map);

    printf("\n%s:     file format elf32-littleriscv\n\n", argv[1]);
    rv_disasm_ctx_init(&ctx, has_gp, gp);
    ctx.priv_1_11 = priv_1_11;
    ctx.no_pause = !pause;

    scn = NULL;
    while ((scn = elf_nextscn(elf, scn)) != NULL) {
        GElf_Shdr sh;
        Elf_Data *data;
        const char *sname;
        const uint8_t *p;
        uint64_t size, off = 0, base;
        size_t idx = elf_ndxscn(scn);

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

        while (off < size) {
            uint64_t next;
            bool sec_rvc = rvc, sec_pause = pause;
            char kind = map_state(&maps[idx], base + off, base + size, &next, &sec_rvc,
                                  &sec_pause);
            char text[160];
            unsigned len = 0;

            ctx.no_rvc = !sec_rvc;
            ctx.no_pause = !sec_pause;
            if (kind == 'x') {
                len = rv_disasm_bytes(&ctx, p + off, (size_t)(size - off), (uint32_t)(base + off),
                                      text, sizeof(text));
                if (len == 2)
                    printf("%8llx:\t%04x                \t%s\n", (unsigned long long)(base + off),
                           (unsigned)(p[off] | (p[off + 1] << 8)), text);
                else if (len == 4)
                    printf("%8llx:\t%08x          \t%s\n", (unsigned long long)(base + off),
                           (unsigned)(p[off] | (p[off + 1] << 8) | (p[off + 2] << 16) |
                                      ((uint32_t)p[off + 3] << 24)), text);
                else if (len > 4)
                    printf("%8llx:\t%s\t%s\n", (unsigned long long)(base + off), "?", text);
            }
            if (len == 0) {
                /* data: chunks of 4, 2 or 1 bytes up to the next mapping
                 * symbol or the section end, as objdump prints them */
                uint64_t room = (next > base + off ? next - (base + off) : size - off);
                if (room > size - off)
                    room = size - off;
                len = room >= 4 ? 4 : room >= 2 ? 2 : 1;
                if (len == 4)
                    printf("%8llx:\t%08x          \t.word\t0x%08x\n",
                           (unsigned long long)(base + off),
                           (unsigned)(p[off] | (p[off + 1] << 8) | (p[off + 2] << 16) |
                                      ((uint32_t)p[off + 3] << 24)),
                           (unsigned)(p[off] | (p[off + 1] << 8) | (p[off + 2] << 16) |
                                      ((uint32_t)p[off + 3] << 24)));
                else if (len == 2)
                    printf("%8llx:\t%04x                \t.short\t0x%04x\n",
                           (unsigned long long)(base + off), (unsigned)(p[off] | (p[off + 1] << 8)),
                           (unsigned)(p[off] | (p[off + 1] << 8)));
                else
                    printf("%8llx:\t%02x                \t.byte\t0x%02x\n",
                           (unsigned long long)(base + off), p[off], p[off]);
            }
            off += len;
        }
    }
    elf_end(elf);
    close(fd);
    for (i = 0; i < shnum; i++)
        free(maps[i].v);
    free(maps);
    return 0;
}
