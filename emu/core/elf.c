/*
 * emu/core/elf.c - firmware ELF loader (libelf).
 *
 * Accepts 32-bit little-endian ET_EXEC images for RISC-V or ARM; loads each
 * PT_LOAD segment at its physical address (p_paddr: where the bytes live at
 * reset, e.g. .data's load image in flash), p_filesz bytes from the file and
 * the rest up to p_memsz zeroed.  Every failure is one line naming the file.
 */
#include "machine.h"
#include "tracer/trace.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct {
    uint16_t num;
    const char *macro, *name;
} elf_machines[] = {
    { 2, "EM_SPARC", "SPARC" },        { 3, "EM_386", "Intel 80386" },
    { 8, "EM_MIPS", "MIPS" },          { 20, "EM_PPC", "PowerPC" },
    { 21, "EM_PPC64", "PowerPC64" },   { 40, "EM_ARM", "ARM" },
    { 42, "EM_SH", "SuperH" },         { 62, "EM_X86_64", "x86-64" },
    { 83, "EM_AVR", "Atmel AVR" },     { 94, "EM_XTENSA", "Xtensa" },
    { 105, "EM_MSP430", "TI MSP430" }, { 183, "EM_AARCH64", "AArch64" },
    { 243, "EM_RISCV", "RISC-V" },
};

static void describe_machine(uint16_t em, char *buf, size_t len)
{
    for (size_t i = 0; i < sizeof(elf_machines) / sizeof(elf_machines[0]); i++) {
        if (elf_machines[i].num == em) {
            snprintf(buf, len, "%s (%s=%u)", elf_machines[i].name,
                     elf_machines[i].macro, em);
            return;
        }
    }
    snprintf(buf, len, "machine %u", em);
}

/* The whole file in memory: hashed, then parsed with elf_memory(). */
typedef struct ElfFile {
    uint8_t *data;
    size_t size;
    Elf *elf;
    GElf_Ehdr ehdr;
} ElfFile;

static void elf_file_close(ElfFile *f)
{
    if (f->elf)
        elf_end(f->elf);
    free(f->data);
    memset(f, 0, sizeof(*f));
}

static bool read_whole(const char *path, ElfFile *f, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return false;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "%s: not a regular file", path);
        close(fd);
        return false;
    }
    f->size = (size_t)st.st_size;
    f->data = malloc(f->size ? f->size : 1);
    if (!f->data) {
        snprintf(err, errlen, "%s: out of memory reading %zu bytes", path, f->size);
        close(fd);
        return false;
    }
    size_t got = 0;
    while (got < f->size) {
        ssize_t n = read(fd, f->data + got, f->size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            snprintf(err, errlen, "%s: read error: %s", path,
                     n < 0 ? strerror(errno) : "file shrank");
            close(fd);
            return false;
        }
        got += (size_t)n;
    }
    close(fd);
    return true;
}

/* ---- ARM build attributes (ARM IHI 0045, "Addenda to, and errata in, the
 * ABI for the Arm architecture", build attributes) ----------------------- */

#define SHT_ARM_ATTRIBUTES_ 0x70000003u
#define TAG_CPU_ARCH 6u    /* 13: v7E-M (Cortex-M4/M7: the DSP extension) */
#define TAG_FP_ARCH 10u

static bool uleb(const uint8_t **p, const uint8_t *end, uint64_t *v)
{
    *v = 0;
    for (unsigned sh = 0; *p < end && sh < 64; sh += 7) {
        uint8_t b = *(*p)++;
        *v |= (uint64_t)(b & 0x7f) << sh;
        if (!(b & 0x80))
            return true;
    }
    return false;
}

static bool skip_ntbs(const uint8_t **p, const uint8_t *end)
{
    const uint8_t *z = memchr(*p, 0, (size_t)(end - *p));
    if (!z)
        return false;
    *p = z + 1;
    return true;
}

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The value of ULEB tag `want` in the "aeabi" file attributes, 0 when
 * absent.  A malformed section reads as no attribute: these are hints for
 * choosing a board. */
static uint64_t arm_attr(const uint8_t *a, size_t n, uint64_t want)
{
    if (n < 1 || a[0] != 'A')
        return 0;
    const uint8_t *p = a + 1, *end = a + n;
    while (end - p >= 4) {
        uint32_t len = le32(p);
        if (len < 4 || len > (size_t)(end - p))
            return 0;
        const uint8_t *sub = p + 4, *send = p + len;
        p = send;
        const uint8_t *vend = memchr(sub, 0, (size_t)(send - sub));
        if (!vend || strcmp((const char *)sub, "aeabi") != 0)
            continue;
        const uint8_t *q = vend + 1;
        while (send - q >= 5) {
            uint8_t tag = q[0];
            uint32_t sz = le32(q + 1);
            if (sz < 5 || sz > (size_t)(send - q))
                return 0;
            const uint8_t *r = q + 5, *rend = q + sz;
            q = rend;
            if (tag != 1)   /* Tag_File; section/symbol scopes say less */
                continue;
            while (r < rend) {
                uint64_t t, v;
                if (!uleb(&r, rend, &t))
                    return 0;
                bool str = t == 4 || t == 5 || t == 65 || t == 67 || (t > 32 && (t & 1));
                if (t == 32) {   /* Tag_compatibility: ULEB flag, then a name */
                    if (!uleb(&r, rend, &v) || !skip_ntbs(&r, rend))
                        return 0;
                } else if (str) {
                    if (!skip_ntbs(&r, rend))
                        return 0;
                } else {
                    if (!uleb(&r, rend, &v))
                        return 0;
                    if (t == want)
                        return v;
                }
            }
        }
    }
    return 0;
}

/* Whether an ARM image is built for a Cortex-M4(F): a hard-float ABI, an FP
 * architecture in its build attributes (also -mfloat-abi=softfp builds use
 * FP code), or the v7E-M architecture (its DSP instructions are UNDEFINED
 * on a Cortex-M3). */
static bool arm_wants_m4(ElfFile *f)
{
    if (f->ehdr.e_flags & 0x400u)   /* EF_ARM_ABI_FLOAT_HARD */
        return true;
    Elf_Scn *scn = NULL;
    while ((scn = elf_nextscn(f->elf, scn)) != NULL) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_ARM_ATTRIBUTES_)
            continue;
        if (sh.sh_offset > f->size || sh.sh_size > f->size - sh.sh_offset)
            return false;
        const uint8_t *a = f->data + sh.sh_offset;
        return arm_attr(a, sh.sh_size, TAG_FP_ARCH) != 0 ||
               arm_attr(a, sh.sh_size, TAG_CPU_ARCH) == 13;
    }
    return false;
}

static bool open_and_check(const char *path, ElfFile *f, EmuElfInfo *info,
                           char *err, size_t errlen)
{
    memset(f, 0, sizeof(*f));
    memset(info, 0, sizeof(*info));
    if (!read_whole(path, f, err, errlen))
        return false;
    trace_sha256(f->data, f->size, info->sha256);
    if (f->size < 4 || memcmp(f->data, ELFMAG, SELFMAG) != 0) {
        snprintf(err, errlen, "%s: not an ELF file", path);
        return false;
    }
    if (elf_version(EV_CURRENT) == EV_NONE) {
        snprintf(err, errlen, "%s: libelf initialisation failed", path);
        return false;
    }
    f->elf = elf_memory((char *)f->data, f->size);
    if (!f->elf || elf_kind(f->elf) != ELF_K_ELF || !gelf_getehdr(f->elf, &f->ehdr)) {
        snprintf(err, errlen, "%s: truncated or corrupt ELF header", path);
        return false;
    }
    uint16_t em = f->ehdr.e_machine;
    if (f->ehdr.e_ident[EI_DATA] == ELFDATA2LSB && em != EM_RISCV && em != EM_ARM) {
        char what[64];
        describe_machine(em, what, sizeof(what));
        snprintf(err, errlen, "%s: ELF for %s, expected RISC-V or ARM", path, what);
        return false;
    }
    if (f->ehdr.e_ident[EI_CLASS] != ELFCLASS32) {
        snprintf(err, errlen, "%s: 64-bit ELF, expected a 32-bit (ELFCLASS32) image", path);
        return false;
    }
    if (f->ehdr.e_ident[EI_DATA] != ELFDATA2LSB) {
        snprintf(err, errlen, "%s: big-endian ELF, expected little-endian", path);
        return false;
    }
    if (em != EM_RISCV && em != EM_ARM) {
        char what[64];
        describe_machine(em, what, sizeof(what));
        snprintf(err, errlen, "%s: ELF for %s, expected RISC-V or ARM", path, what);
        return false;
    }
    if (f->ehdr.e_type != ET_EXEC) {
        snprintf(err, errlen, "%s: ELF type %u is not an executable (ET_EXEC)%s",
                 path, f->ehdr.e_type,
                 f->ehdr.e_type == ET_REL ? ": an object file, link it first" : "");
        return false;
    }
    size_t phnum;
    if (elf_getphdrnum(f->elf, &phnum) != 0) {
        snprintf(err, errlen, "%s: truncated ELF: program headers unreadable", path);
        return false;
    }
    if ((uint64_t)f->ehdr.e_phoff + (uint64_t)phnum * f->ehdr.e_phentsize > f->size) {
        snprintf(err, errlen, "%s: truncated ELF: program headers beyond end of file", path);
        return false;
    }
    unsigned nload = 0;
    for (size_t i = 0; i < phnum; i++) {
        GElf_Phdr ph;
        if (!gelf_getphdr(f->elf, (int)i, &ph)) {
            snprintf(err, errlen, "%s: truncated ELF: program header %zu unreadable", path, i);
            return false;
        }
        if (ph.p_type != PT_LOAD)
            continue;
        if (ph.p_offset + ph.p_filesz > f->size || ph.p_offset + ph.p_filesz < ph.p_offset) {
            snprintf(err, errlen,
                     "%s: truncated ELF: segment %zu data [0x%llx-0x%llx) beyond end of file (%zu bytes)",
                     path, i, (unsigned long long)ph.p_offset,
                     (unsigned long long)(ph.p_offset + ph.p_filesz), f->size);
            return false;
        }
        if (ph.p_filesz > ph.p_memsz || ph.p_paddr + ph.p_memsz > ((uint64_t)1 << 32)) {
            snprintf(err, errlen, "%s: segment %zu has bad sizes (filesz 0x%llx, memsz 0x%llx)",
                     path, i, (unsigned long long)ph.p_filesz,
                     (unsigned long long)ph.p_memsz);
            return false;
        }
        nload++;
    }
    if (nload == 0) {
        snprintf(err, errlen, "%s: no loadable (PT_LOAD) segment", path);
        return false;
    }
    info->entry = (uint32_t)f->ehdr.e_entry;
    info->machine = em;
    info->arm_m4 = em == EM_ARM && arm_wants_m4(f);
    return true;
}

bool emu_elf_probe(const char *path, EmuElfInfo *info, char *err, size_t errlen)
{
    ElfFile f;
    bool ok = open_and_check(path, &f, info, err, errlen);
    elf_file_close(&f);
    return ok;
}

static EmuRegion *region_of(EmuMachine *m, uint32_t addr)
{
    for (unsigned i = 0; i < m->nregions; i++)
        if (addr >= m->regions[i].base && addr - m->regions[i].base < m->regions[i].size)
            return &m->regions[i];
    return NULL;
}

bool emu_elf_load(EmuMachine *m, const char *path, EmuElfInfo *info,
                  char *err, size_t errlen)
{
    ElfFile f;
    if (!open_and_check(path, &f, info, err, errlen)) {
        elf_file_close(&f);
        return false;
    }
    size_t phnum = 0;
    elf_getphdrnum(f.elf, &phnum);
    for (size_t i = 0; i < phnum; i++) {
        GElf_Phdr ph;
        gelf_getphdr(f.elf, (int)i, &ph);
        if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
            continue;
        uint32_t addr = (uint32_t)ph.p_paddr;
        uint32_t memsz = (uint32_t)ph.p_memsz;
        uint8_t *host = emu_bus_host_ptr(m, addr, memsz);
        if (!host) {
            snprintf(err, errlen,
                     "%s: segment %zu [0x%08x-0x%08llx) is outside every memory region of board '%s'",
                     path, i, addr, (unsigned long long)addr + memsz, m->board_name);
            elf_file_close(&f);
            return false;
        }
        /* emu_bus_load also invalidates any translated code there (a
         * reload by a debugger or after reset). */
        (void)host;
        emu_bus_load(m, addr, f.data + ph.p_offset, (size_t)ph.p_filesz);
        static const uint8_t zeros[4096];
        for (uint64_t z = ph.p_filesz; z < memsz;) {
            size_t n = memsz - z < sizeof(zeros) ? (size_t)(memsz - z) : sizeof(zeros);
            emu_bus_load(m, addr + (uint32_t)z, zeros, n);
            z += n;
        }
        /* The heap starts after the program's data where it lives at run
         * time (p_vaddr): .data/.bss are loaded at their flash LMA but used
         * at their RAM address. */
        uint32_t run = (uint32_t)ph.p_vaddr;
        EmuRegion *r = region_of(m, run);
        if (r && !r->readonly && run + memsz > info->image_end)
            info->image_end = run + memsz;
    }
    elf_file_close(&f);

    /* Semihosting SYS_HEAPINFO defaults: heap from the image end (8-byte
     * aligned) to the top of its RAM region, stack at the top of RAM. */
    EmuRegion *ram = info->image_end ? region_of(m, info->image_end - 1) : NULL;
    if (ram && m->heap_base == 0 && m->heap_limit == 0) {
        uint32_t top = ram->base + (ram->size - 1) + 1;
        m->heap_base = (info->image_end + 7) & ~7u;
        m->heap_limit = top;
        m->stack_base = top;
        m->stack_limit = ram->base;
    }
    return true;
}
