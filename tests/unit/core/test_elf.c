/* tests/unit/core/test_elf.c - ELF loader on crafted files (good image,
 * every error path) and SHA-256 against the FIPS 180-4 example vectors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dummy_cpu.h"
#include "tracer/trace.h"

static char dir[64];
static char err[512];

static const char *path_in_dir(const char *name)
{
    static char p[128];
    snprintf(p, sizeof(p), "%s/%s", dir, name);
    return p;
}

/* An ELF32 with two PT_LOAD segments: text (8 bytes at addr0) and data
 * (4 bytes file, 16 bytes memory at addr1). */
static size_t craft(uint8_t *buf, uint16_t machine, uint8_t cls, uint32_t addr0,
                    uint32_t addr1)
{
    memset(buf, 0, 512);
    Elf32_Ehdr *eh = (Elf32_Ehdr *)buf;
    memcpy(eh->e_ident, ELFMAG, SELFMAG);
    eh->e_ident[EI_CLASS] = cls;
    eh->e_ident[EI_DATA] = ELFDATA2LSB;
    eh->e_ident[EI_VERSION] = EV_CURRENT;
    eh->e_type = ET_EXEC;
    eh->e_machine = machine;
    eh->e_version = EV_CURRENT;
    eh->e_entry = addr0 + 4;
    eh->e_phoff = sizeof(Elf32_Ehdr);
    eh->e_ehsize = sizeof(Elf32_Ehdr);
    eh->e_phentsize = sizeof(Elf32_Phdr);
    eh->e_phnum = 3;
    Elf32_Phdr *ph = (Elf32_Phdr *)(buf + eh->e_phoff);
    ph[0].p_type = PT_LOAD;
    ph[0].p_offset = 0x100;
    ph[0].p_vaddr = ph[0].p_paddr = addr0;
    ph[0].p_filesz = ph[0].p_memsz = 8;
    ph[1].p_type = PT_NOTE; /* ignored */
    ph[2].p_type = PT_LOAD;
    ph[2].p_offset = 0x108;
    ph[2].p_vaddr = ph[2].p_paddr = addr1;
    ph[2].p_filesz = 4;
    ph[2].p_memsz = 16;
    memcpy(buf + 0x100, "\x13\x00\x00\x00\x6f\x00\x00\x00", 8);
    memcpy(buf + 0x108, "DATA", 4);
    return 0x10c;
}

static const char *write_file(const char *name, const void *data, size_t len)
{
    const char *p = path_in_dir(name);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
    return p;
}

static EmuMachine *board(void)
{
    EmuMachine *m = dummy_machine_new();
    snprintf(m->board_name, sizeof(m->board_name), "virt");
    assert_non_null(emu_bus_map_ram(m, "ram", 0x80000000u, 0x100000, false, err, sizeof(err)));
    return m;
}

static void loads_segments_at_paddr(void **st)
{
    uint8_t buf[512];
    size_t n = craft(buf, EM_RISCV, ELFCLASS32, 0x80000000u, 0x80001000u);
    const char *p = write_file("good.elf", buf, n);
    EmuMachine *m = board();
    uint8_t *h = emu_bus_host_ptr(m, 0x80001000u, 16);
    memset(h, 0xaa, 16); /* bss part must be zeroed */
    EmuElfInfo info;
    assert_true(emu_elf_load(m, p, &info, err, sizeof(err)));
    assert_int_equal(info.entry, 0x80000004u);
    assert_int_equal(info.machine, EM_RISCV);
    assert_int_equal(info.image_end, 0x80001010u);
    uint32_t v;
    assert_int_equal(emu_bus_read(m, 0x80000004u, 4, &v), EMU_MEM_OK);
    assert_int_equal(v, 0x6f);
    assert_memory_equal(h, "DATA\0\0\0\0\0\0\0\0\0\0\0\0", 16);
    uint8_t sha[32];
    trace_sha256(buf, n, sha);
    assert_memory_equal(sha, info.sha256, 32);
    assert_int_equal(m->heap_base, 0x80001010u);
    assert_int_equal(m->heap_limit, 0x80100000u);
    assert_int_equal(m->stack_base, 0x80100000u);
    EmuElfInfo probe;
    assert_true(emu_elf_probe(p, &probe, err, sizeof(err)));
    assert_int_equal(probe.entry, 0x80000004u);
    emu_machine_free(m);
}

static void segment_outside_memory(void **st)
{
    uint8_t buf[512];
    size_t n = craft(buf, EM_RISCV, ELFCLASS32, 0x80000000u, 0x20000000u);
    const char *p = write_file("outside.elf", buf, n);
    EmuMachine *m = board();
    EmuElfInfo info;
    assert_false(emu_elf_load(m, p, &info, err, sizeof(err)));
    assert_non_null(strstr(err, "segment 2 [0x20000000-0x20000010) is outside every memory region of board 'virt'"));
    emu_machine_free(m);
}

static void wrong_machine_is_named(void **st)
{
    uint8_t buf[512];
    size_t n = craft(buf, EM_X86_64, ELFCLASS32, 0x80000000u, 0x80001000u);
    const char *p = write_file("x86.elf", buf, n);
    EmuElfInfo info;
    assert_false(emu_elf_probe(p, &info, err, sizeof(err)));
    assert_non_null(strstr(err, "x86.elf: ELF for x86-64 (EM_X86_64=62), expected RISC-V or ARM"));
    n = craft(buf, EM_RISCV, ELFCLASS64, 0x80000000u, 0x80001000u);
    p = write_file("rv64.elf", buf, n);
    assert_false(emu_elf_probe(p, &info, err, sizeof(err)));
    assert_non_null(strstr(err, "64-bit"));
}

static void not_an_elf_truncated_missing(void **st)
{
    EmuElfInfo info;
    const char *p = write_file("text.elf", "hello world\n", 12);
    assert_false(emu_elf_probe(p, &info, err, sizeof(err)));
    assert_non_null(strstr(err, "text.elf: not an ELF file"));
    p = write_file("empty.elf", "", 0);
    assert_false(emu_elf_probe(p, &info, err, sizeof(err)));
    assert_non_null(strstr(err, "not an ELF file"));
    uint8_t buf[512];
    craft(buf, EM_RISCV, ELFCLASS32, 0x80000000u, 0x80001000u);
    p = write_file("trunc.elf", buf, 0x106); /* segment 0 data cut */
    assert_false(emu_elf_probe(p, &info, err, sizeof(err)));
    assert_non_null(strstr(err, "truncated ELF: segment 0"));
    p = write_file("trunc2.elf", buf, 40); /* header only partly there */
    assert_false(emu_elf_probe(p, &info, err, sizeof(err)));
    assert_non_null(strstr(err, "trunc"));
    assert_null(strchr(err, '\n'));
    assert_false(emu_elf_probe(path_in_dir("missing.elf"), &info, err, sizeof(err)));
    assert_non_null(strstr(err, "missing.elf: cannot open: No such file or directory"));
    assert_false(emu_elf_probe(dir, &info, err, sizeof(err)));
    assert_non_null(strstr(err, "not a regular file"));
}

static void hex(const uint8_t *d, char *out)
{
    for (int i = 0; i < 32; i++)
        sprintf(out + 2 * i, "%02x", d[i]);
}

static void sha256_known_vectors(void **st)
{
    uint8_t d[32];
    char h[65];
    trace_sha256("", 0, d);
    hex(d, h);
    assert_string_equal(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    trace_sha256("abc", 3, d);
    hex(d, h);
    assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *s = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    trace_sha256(s, strlen(s), d);
    hex(d, h);
    assert_string_equal(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    char *a = malloc(1000000);
    memset(a, 'a', 1000000);
    trace_sha256(a, 1000000, d);
    free(a);
    hex(d, h);
    assert_string_equal(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* An ARM ELF with e_flags and, when attrs is given, a .ARM.attributes
 * section (SHT_ARM_ATTRIBUTES) holding it. */
static const char *craft_arm(const char *name, uint32_t flags, const uint8_t *attrs, size_t alen)
{
    uint8_t buf[512];
    size_t n = craft(buf, EM_ARM, ELFCLASS32, 0x0u, 0x20000000u);
    Elf32_Ehdr *eh = (Elf32_Ehdr *)buf;
    eh->e_flags = flags;
    if (attrs) {
        assert_true(0x110 + alen <= 0x180);
        memcpy(buf + 0x110, attrs, alen);
        eh->e_shoff = 0x180;
        eh->e_shentsize = sizeof(Elf32_Shdr);
        eh->e_shnum = 2;
        Elf32_Shdr *sh = (Elf32_Shdr *)(buf + 0x180);
        sh[1].sh_type = 0x70000003u;   /* SHT_ARM_ATTRIBUTES */
        sh[1].sh_offset = 0x110;
        sh[1].sh_size = (Elf32_Word)alen;
        n = 0x180 + 2 * sizeof(Elf32_Shdr);
    }
    return write_file(name, buf, n);
}

/* Build attributes as GCC writes them ("A", a vendor subsection "aeabi",
 * a Tag_File block), with string and ULEB tags before Tag_FP_arch (10) so
 * the parser must step over each kind (ARM IHI 0045). */
static void arm_m4_from_build_attributes(void **st)
{
    static const uint8_t fp[] = {
        'A', 43, 0, 0, 0, 'a', 'e', 'a', 'b', 'i', 0,
        1, 33, 0, 0, 0,                       /* Tag_File, 33 bytes with its header */
        67, '2', '.', '0', '9', 0,            /* Tag_conformance (string) */
        5, '7', 'E', '-', 'M', 0,             /* Tag_CPU_name (string) */
        6, 13, 7, 'M',                        /* Tag_CPU_arch, Tag_CPU_arch_profile */
        32, 0, 'g', 'n', 'u', 0,              /* Tag_compatibility: flag, name */
        34, 1,                                /* Tag_CPU_unaligned_access */
        10, 6,                                /* Tag_FP_arch: VFPv4-D16 */
        18, 4,                                /* Tag_ABI_PCS_wchar_t */
    };
    uint8_t nofp[sizeof fp];
    memcpy(nofp, fp, sizeof fp);
    nofp[sizeof fp - 3] = 0;                  /* Tag_FP_arch 0: no FP hardware */
    uint8_t v7m[sizeof fp];
    memcpy(v7m, nofp, sizeof fp);
    v7m[29] = 10;                             /* Tag_CPU_arch v7 (a Cortex-M3 build) */
    uint8_t bad[sizeof fp];
    memcpy(bad, fp, sizeof fp);
    bad[12] = 0x7f;                           /* Tag_File longer than its section */
    EmuElfInfo info;
    /* soft-float ABI with FP hardware named (-mfloat-abi=softfp): an FPU */
    assert_true(emu_elf_probe(craft_arm("softfp.elf", 0x5000200u, fp, sizeof fp), &info, err,
                              sizeof(err)));
    assert_true(info.arm_m4);
    assert_string_equal(emu_board_default_for(&info), "mps2-an386");
    /* FP architecture 0 but v7E-M (-mcpu=cortex-m4 -mfloat-abi=soft): DSP code */
    assert_true(emu_elf_probe(craft_arm("soft-m4.elf", 0x5000200u, nofp, sizeof nofp), &info,
                              err, sizeof(err)));
    assert_true(info.arm_m4);
    /* v7-M, no FP (-mcpu=cortex-m3) */
    assert_true(emu_elf_probe(craft_arm("m3.elf", 0x5000200u, v7m, sizeof v7m), &info, err,
                              sizeof(err)));
    assert_false(info.arm_m4);
    assert_string_equal(emu_board_default_for(&info), "mps2-an385");
    /* hard-float ABI flag alone (no attributes section) */
    assert_true(emu_elf_probe(craft_arm("hard.elf", 0x5000400u, NULL, 0), &info, err,
                              sizeof(err)));
    assert_true(info.arm_m4);
    /* damaged attributes are no hint and no error */
    assert_true(emu_elf_probe(craft_arm("bad.elf", 0x5000200u, bad, sizeof bad), &info, err,
                              sizeof(err)));
    assert_false(info.arm_m4);
    assert_true(emu_elf_probe(craft_arm("short.elf", 0x5000200u, fp, 20), &info, err,
                              sizeof(err)));
    assert_false(info.arm_m4);
}

static int setup(void **st)
{
    snprintf(dir, sizeof(dir), "/tmp/emucov-elf-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **st)
{
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(loads_segments_at_paddr),
        cmocka_unit_test(segment_outside_memory),
        cmocka_unit_test(wrong_machine_is_named),
        cmocka_unit_test(not_an_elf_truncated_missing),
        cmocka_unit_test(sha256_known_vectors),
        cmocka_unit_test(arm_m4_from_build_attributes),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
