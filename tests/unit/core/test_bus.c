/* tests/unit/core/test_bus.c - bus mapping, overlap, holes, alignment, ROM,
 * fast-path tables and code marks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "dummy_cpu.h"

static char err[256];

/* A device recording its accesses. */
typedef struct Rec {
    unsigned n;
    uint32_t off[16], size[16], val[16];
    bool write[16];
} Rec;

static bool rec_read(void *s, unsigned region, uint32_t off, unsigned size, uint32_t *val)
{
    Rec *r = s;
    r->off[r->n] = off; r->size[r->n] = size; r->write[r->n] = false;
    r->n++;
    *val = 0x10 + off; /* byte-distinct answer */
    return off != 0x20; /* offset 0x20 is a bus error */
}

static bool rec_write(void *s, unsigned region, uint32_t off, unsigned size, uint32_t val)
{
    Rec *r = s;
    r->off[r->n] = off; r->size[r->n] = size; r->val[r->n] = val; r->write[r->n] = true;
    r->n++;
    return true;
}

static const DevClass rec_class = { .name = "rec", .read = rec_read, .write = rec_write };

static void ram_read_write_little_endian(void **st)
{
    EmuMachine *m = dummy_machine_new();
    uint8_t *h = emu_bus_map_ram(m, "ram", 0x80000000u, 0x10000, false, err, sizeof(err));
    assert_non_null(h);
    assert_int_equal(emu_bus_write(m, 0x80000010u, 4, 0x11223344u), EMU_MEM_OK);
    assert_int_equal(h[0x10], 0x44);
    assert_int_equal(h[0x13], 0x11);
    uint32_t v;
    assert_int_equal(emu_bus_read(m, 0x80000011u, 2, &v), EMU_MEM_OK); /* misaligned */
    assert_int_equal(v, 0x2233);
    assert_int_equal(emu_bus_read(m, 0x80000013u, 4, &v), EMU_MEM_OK);
    assert_int_equal(v, 0x11);
    assert_int_equal(emu_bus_read(m, 0x80000012u, 1, &v), EMU_MEM_OK);
    assert_int_equal(v, 0x22);
    /* Last bytes of the region are fine, one past is a hole. */
    assert_int_equal(emu_bus_read(m, 0x8000fffcu, 4, &v), EMU_MEM_OK);
    assert_int_equal(emu_bus_read(m, 0x8000fffeu, 4, &v), EMU_MEM_UNMAPPED);
    assert_int_equal(emu_bus_read(m, 0x80010000u, 1, &v), EMU_MEM_UNMAPPED);
    assert_int_equal(emu_bus_write(m, 0x7fffffffu, 1, 0), EMU_MEM_UNMAPPED);
    emu_machine_free(m);
}

static void overlap_is_rejected(void **st)
{
    EmuMachine *m = dummy_machine_new();
    assert_non_null(emu_bus_map_ram(m, "ram", 0x1000, 0x2000, false, err, sizeof(err)));
    assert_null(emu_bus_map_ram(m, "ram2", 0x2fff, 0x10, false, err, sizeof(err)));
    assert_non_null(strstr(err, "overlaps ram"));
    Rec rec = { 0 };
    assert_false(emu_bus_map_mmio(m, "dev", 0x0, 0x1001, &rec_class, &rec, 0, err, sizeof(err)));
    assert_true(emu_bus_map_mmio(m, "dev", 0x0, 0x1000, &rec_class, &rec, 0, err, sizeof(err)));
    assert_true(emu_bus_map_mmio(m, "dev2", 0x3000, 0x1000, &rec_class, &rec, 1, err, sizeof(err)));
    assert_false(emu_bus_map_mmio(m, "big", 0xfffff000u, 0x2000, &rec_class, &rec, 1, err, sizeof(err)));
    assert_int_equal(m->nregions, 3);
    /* sorted by base */
    assert_int_equal(m->regions[0].base, 0);
    assert_int_equal(m->regions[1].base, 0x1000);
    assert_int_equal(m->regions[2].base, 0x3000);
    emu_machine_free(m);
}

static void rom_is_read_only_but_loadable(void **st)
{
    EmuMachine *m = dummy_machine_new();
    uint8_t *h = emu_bus_map_ram(m, "rom", 0x1000, 0x1000, true, err, sizeof(err));
    assert_non_null(h);
    assert_int_equal(emu_bus_write(m, 0x1000, 4, 1), EMU_MEM_READONLY);
    assert_int_equal(emu_bus_write_buf(m, 0x1000, "ab", 2), EMU_MEM_READONLY);
    assert_int_equal(emu_bus_load(m, 0x1004, "xyz", 3), EMU_MEM_OK);
    uint32_t v;
    assert_int_equal(emu_bus_read(m, 0x1004, 4, &v), EMU_MEM_OK);
    assert_int_equal(v, 0x7a7978);
    /* ROM pages are readable on the fast path but never writable. */
    assert_int_equal(m->fast_rd[1] + 0x1004, (uintptr_t)(h + 4));
    assert_int_equal(m->fast_wr[1], 0);
    emu_machine_free(m);
}

static void fast_tables_cover_whole_pages_only(void **st)
{
    EmuMachine *m = dummy_machine_new();
    /* [0x10800, 0x13800): only pages 0x11 and 0x12 are wholly inside. */
    uint8_t *h = emu_bus_map_ram(m, "ram", 0x10800, 0x3000, false, err, sizeof(err));
    assert_non_null(h);
    assert_int_equal(m->fast_rd[0x10], 0);
    assert_int_equal(m->fast_rd[0x13], 0);
    assert_int_not_equal(m->fast_rd[0x11], 0);
    assert_int_equal(m->fast_wr[0x12], m->fast_rd[0x12]);
    uint32_t a = 0x12345;
    uint8_t *p = (uint8_t *)(m->fast_wr[a >> EMU_PAGE_BITS] + a);
    assert_ptr_equal(p, h + (a - 0x10800));
    assert_ptr_equal(emu_bus_host_ptr(m, a, 4), p);
    assert_null(emu_bus_host_ptr(m, 0x137fe, 4)); /* runs off the end */
    emu_machine_free(m);
}

static void mmio_is_split_into_natural_accesses(void **st)
{
    EmuMachine *m = dummy_machine_new();
    Rec rec = { 0 };
    assert_true(emu_bus_map_mmio(m, "dev", 0x4000, 0x100, &rec_class, &rec, 0, err, sizeof(err)));
    uint32_t v;
    assert_int_equal(emu_bus_read(m, 0x4004, 4, &v), EMU_MEM_OK);
    assert_int_equal(rec.n, 1);
    assert_int_equal(rec.off[0], 4);
    assert_int_equal(rec.size[0], 4);
    assert_int_equal(v, 0x14);
    rec.n = 0;
    assert_int_equal(emu_bus_write(m, 0x4009, 2, 0xbeef), EMU_MEM_OK); /* misaligned */
    assert_int_equal(rec.n, 2);
    assert_int_equal(rec.off[0], 9);
    assert_int_equal(rec.size[0], 1);
    assert_int_equal(rec.val[0], 0xef);
    assert_int_equal(rec.off[1], 10);
    assert_int_equal(rec.val[1], 0xbe);
    rec.n = 0;
    assert_int_equal(emu_bus_read(m, 0x4001, 2, &v), EMU_MEM_OK);
    assert_int_equal(v, 0x1211);
    assert_int_equal(emu_bus_read(m, 0x4020, 4, &v), EMU_MEM_DEVICE_ERROR);
    emu_machine_free(m);
}

static void buffers_cross_regions(void **st)
{
    EmuMachine *m = dummy_machine_new();
    assert_non_null(emu_bus_map_ram(m, "a", 0x1000, 0x1000, false, err, sizeof(err)));
    assert_non_null(emu_bus_map_ram(m, "b", 0x2000, 0x1000, false, err, sizeof(err)));
    uint8_t in[16], out[16];
    for (int i = 0; i < 16; i++)
        in[i] = (uint8_t)(i * 7);
    assert_int_equal(emu_bus_write_buf(m, 0x1ff8, in, 16), EMU_MEM_OK);
    assert_int_equal(emu_bus_read_buf(m, 0x1ff8, out, 16), EMU_MEM_OK);
    assert_memory_equal(in, out, 16);
    assert_int_equal(emu_bus_read_buf(m, 0x2ff8, out, 16), EMU_MEM_UNMAPPED);
    emu_machine_free(m);
}

static void code_marks_trigger_flush(void **st)
{
    EmuMachine *m = dummy_machine_new();
    DummyCpu *c = dummy_cpu(m);
    assert_non_null(emu_bus_map_ram(m, "ram", 0x80000000u, 0x10000, false, err, sizeof(err)));
    emu_bus_mark_code(m, 0x80000100u, 0x20); /* line 0x80000100..0x8000013f */
    assert_int_not_equal(m->code_lines[0x80000100u >> 6], 0);
    assert_int_equal(emu_bus_write(m, 0x80000140u, 4, 1), EMU_MEM_OK);
    assert_int_equal(c->flushes, 0);
    assert_int_equal(emu_bus_write(m, 0x800000fcu, 4, 1), EMU_MEM_OK);
    assert_int_equal(c->flushes, 0);
    assert_int_equal(emu_bus_write(m, 0x8000013eu, 2, 1), EMU_MEM_OK);
    assert_int_equal(c->flushes, 1);
    assert_int_equal(m->code_lines[0x80000100u >> 6], 0);
    /* marks are gone: the same write does not flush again */
    assert_int_equal(emu_bus_write(m, 0x8000013eu, 2, 1), EMU_MEM_OK);
    assert_int_equal(c->flushes, 1);
    /* buffer writes and loads check too */
    emu_bus_mark_code(m, 0x80001000u, 4);
    assert_int_equal(emu_bus_write_buf(m, 0x80000ff0u, "0123456789abcdefXY", 18), EMU_MEM_OK);
    assert_int_equal(c->flushes, 2);
    emu_bus_mark_code(m, 0x80002000u, 4);
    assert_int_equal(emu_bus_load(m, 0x80002002u, "z", 1), EMU_MEM_OK);
    assert_int_equal(c->flushes, 3);
    /* Marks set directly by a CPU translator count too. */
    m->code_lines[0x80003080u >> EMU_CODE_LINE_BITS] = 1;
    assert_int_equal(emu_bus_write(m, 0x8000307eu, 2, 1), EMU_MEM_OK);
    assert_int_equal(c->flushes, 3);
    assert_int_equal(emu_bus_write(m, 0x8000307fu, 2, 1), EMU_MEM_OK); /* straddles */
    assert_int_equal(c->flushes, 4);
    assert_int_equal(m->code_lines[0x80003080u >> EMU_CODE_LINE_BITS], 0);
    emu_machine_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ram_read_write_little_endian),
        cmocka_unit_test(overlap_is_rejected),
        cmocka_unit_test(rom_is_read_only_but_loadable),
        cmocka_unit_test(fast_tables_cover_whole_pages_only),
        cmocka_unit_test(mmio_is_split_into_natural_accesses),
        cmocka_unit_test(buffers_cross_regions),
        cmocka_unit_test(code_marks_trigger_flush),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
