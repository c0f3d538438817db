/* tests/unit/core/test_mutate.c - robustness: thousands of deterministic
 * random mutations of a valid board blob and of a valid ELF must each load
 * or fail with a one-line message, never crash (run under ASan in CI to
 * catch out-of-bounds reads too). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dummy_cpu.h"

static char dir[64];

static uint32_t rng = 12345;
static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static void mutate(uint8_t *buf, size_t len)
{
    unsigned n = 1 + next() % 4;
    for (unsigned i = 0; i < n; i++) {
        size_t at = next() % len;
        switch (next() % 3) {
        case 0: buf[at] ^= (uint8_t)(1u << (next() % 8)); break;
        case 1: buf[at] = (uint8_t)next(); break;
        default: buf[at] = (next() & 1) ? 0xff : 0x00; break;
        }
    }
}

static void write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

static void mutated_boards_never_crash(void **st)
{
    const EmuBuiltinBoard *virt = &emu_builtin_boards[0];
    uint8_t *buf = malloc(virt->size);
    char path[128], err[512];
    snprintf(path, sizeof(path), "%s/m.dtb", dir);
    unsigned ok = 0, failed = 0;
    for (int i = 0; i < 1500; i++) {
        memcpy(buf, virt->dtb, virt->size);
        mutate(buf, virt->size);
        size_t len = (next() % 8 == 0) ? next() % virt->size : virt->size;
        write_file(path, buf, len);
        EmuMachine *m = emu_machine_new();
        err[0] = 0;
        if (emu_board_load(m, path, err, sizeof(err))) {
            ok++;
        } else {
            failed++;
            assert_true(err[0] != 0);
            assert_null(strchr(err, '\n'));
        }
        emu_machine_free(m);
    }
    free(buf);
    assert_int_equal(ok + failed, 1500);
    assert_true(failed > 0);
}

static void mutated_elfs_never_crash(void **st)
{
    /* A real image: the test's own (host) ELF is the wrong machine, so
     * craft a small RISC-V one: header, 1 PT_LOAD, 64 bytes of code. */
    uint8_t img[256] = { 0x7f, 'E', 'L', 'F', 1, 1, 1 };
    /* e_type=2, e_machine=243, e_version=1, e_entry, e_phoff=52 */
    uint8_t hdr[] = { 2, 0, 243, 0, 1, 0, 0, 0, 0, 0, 0, 0x80, 52, 0, 0, 0,
                      0, 0, 0, 0, 0, 0, 0, 0, 52, 0, 32, 0, 1, 0, 40, 0, 0, 0, 0, 0 };
    memcpy(img + 16, hdr, sizeof(hdr));
    uint32_t ph[8] = { 1, 96, 0x80000000u, 0x80000000u, 64, 128, 5, 4 };
    memcpy(img + 52, ph, sizeof(ph));
    char path[128], err[512];
    snprintf(path, sizeof(path), "%s/m.elf", dir);
    write_file(path, img, 160);
    EmuMachine *m = dummy_machine_new();
    assert_non_null(emu_bus_map_ram(m, "ram", 0x80000000u, 0x10000, false, err, sizeof(err)));
    EmuElfInfo info;
    if (!emu_elf_load(m, path, &info, err, sizeof(err)))
        fail_msg("base image: %s", err);
    unsigned failed = 0;
    for (int i = 0; i < 3000; i++) {
        uint8_t buf[160];
        memcpy(buf, img, sizeof(buf));
        mutate(buf, 96); /* headers only: that is where parsing happens */
        write_file(path, buf, (next() % 8 == 0) ? next() % 160 : 160);
        err[0] = 0;
        if (!emu_elf_load(m, path, &info, err, sizeof(err))) {
            failed++;
            assert_true(err[0] != 0);
            assert_null(strchr(err, '\n'));
        }
    }
    assert_true(failed > 0);
    emu_machine_free(m);
}

static int setup(void **st)
{
    snprintf(dir, sizeof(dir), "/tmp/emucov-mut-XXXXXX");
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
        cmocka_unit_test(mutated_boards_never_crash),
        cmocka_unit_test(mutated_elfs_never_crash),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
