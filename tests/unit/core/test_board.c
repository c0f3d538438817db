/* tests/unit/core/test_board.c - the devicetree board loader: the built-in
 * virt board's memory map and wiring, user .dts/.dtb files, errors that
 * name the file and node, unimplemented-device holes. */
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

static char dir[64];
static char err[512];

static const char *write_dts(const char *name, const char *text)
{
    static char p[128];
    snprintf(p, sizeof(p), "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return p;
}

static const EmuRegion *region_at(EmuMachine *m, uint32_t addr)
{
    for (unsigned i = 0; i < m->nregions; i++)
        if (addr >= m->regions[i].base && addr - m->regions[i].base < m->regions[i].size)
            return &m->regions[i];
    return NULL;
}

static void virt_memory_map(void **st)
{
    EmuMachine *m = emu_machine_new();
    assert_true(emu_board_load(m, "virt", err, sizeof(err)));
    assert_string_equal(m->board_name, "virt");
    assert_ptr_equal(m->cpu_class, &dummy_cpu_class);
    assert_non_null(m->cpu);
    assert_int_equal(m->ns_per_insn, 1);
    assert_int_equal(m->timebase_hz, 10000000);
    const EmuRegion *r = region_at(m, 0x80000000u);
    assert_non_null(r);
    assert_non_null(r->host);
    assert_false(r->readonly);
    assert_int_equal(r->size, 128u << 20);
    assert_non_null(m->fast_wr[0x80000]);
    r = region_at(m, 0x1000);
    assert_non_null(r);
    assert_true(r->readonly);
    static const struct { uint32_t addr; const char *dev; } devs[] = {
        { 0x100000, "sifive_test" }, { 0x2000000, "sifive_clint" },
        { 0x0c000000, "sifive_plic" }, { 0x10000000, "ns16550a" },
    };
    for (size_t i = 0; i < 4; i++) {
        r = region_at(m, devs[i].addr);
        assert_non_null(r);
        assert_non_null(r->cls);
        assert_string_equal(r->cls->name, devs[i].dev);
    }
    assert_int_equal(m->ndevices, 4);
    /* A hole stays a bus error. */
    uint32_t v;
    assert_int_equal(emu_bus_read(m, 0x20000000u, 4, &v), EMU_MEM_UNMAPPED);
    emu_machine_free(m);
}

static void virt_uart_irq_reaches_meip_through_plic(void **st)
{
    EmuMachine *m = emu_machine_new();
    assert_true(emu_board_load(m, "virt", err, sizeof(err)));
    DummyCpu *c = dummy_cpu(m);
    /* PLIC: source 10 priority 1, enabled for context 0, threshold 0. */
    assert_int_equal(emu_bus_write(m, 0x0c000000u + 4 * 10, 4, 1), EMU_MEM_OK);
    assert_int_equal(emu_bus_write(m, 0x0c002000u, 4, 1u << 10), EMU_MEM_OK);
    assert_int_equal(c->irq_level[11], 0);
    /* UART: enable the THR-empty interrupt: it fires at once. */
    assert_int_equal(emu_bus_write(m, 0x10000001u, 1, 0x02), EMU_MEM_OK);
    assert_int_equal(c->irq_level[11], 1);
    assert_int_equal(c->irq_level[9], 0); /* context 1 (S-mode) not enabled */
    uint32_t v;
    assert_int_equal(emu_bus_read(m, 0x0c200004u, 4, &v), EMU_MEM_OK); /* claim */
    assert_int_equal(v, 10);
    assert_int_equal(c->irq_level[11], 0);
    /* Reading IIR clears the THRE source; completing then leaves it idle. */
    assert_int_equal(emu_bus_read(m, 0x10000002u, 1, &v), EMU_MEM_OK);
    assert_int_equal(v & 0x0f, 0x02);
    assert_int_equal(emu_bus_write(m, 0x0c200004u, 4, 10), EMU_MEM_OK);
    assert_int_equal(c->irq_level[11], 0);
    emu_machine_free(m);
}

static void virt_finisher_and_clint_wiring(void **st)
{
    EmuMachine *m = emu_machine_new();
    assert_true(emu_board_load(m, "virt", err, sizeof(err)));
    DummyCpu *c = dummy_cpu(m);
    assert_int_equal(emu_bus_write(m, 0x2000000u, 4, 1), EMU_MEM_OK); /* msip */
    assert_int_equal(c->irq_level[3], 1);
    assert_int_equal(emu_bus_write(m, 0x2004000u, 4, 0), EMU_MEM_OK); /* mtimecmp = 0 */
    assert_int_equal(c->irq_level[7], 1);
    assert_int_equal(emu_bus_write(m, 0x100000u, 4, (42u << 16) | 0x3333), EMU_MEM_OK);
    assert_true(m->exit_requested);
    assert_int_equal(m->exit_code, 42);
    emu_machine_free(m);
}

static const char *good_dts =
    "/dts-v1/;\n"
    "/ { #address-cells = <1>; #size-cells = <1>; model = \"tiny\";\n"
    "  emucov,ns-per-insn = <5>;\n"
    "  cpus { #address-cells = <1>; #size-cells = <0>;\n"
    "    cpu@0 { device_type = \"cpu\"; reg = <0>; compatible = \"riscv\";\n"
    "      riscv,isa = \"rv32imac\";\n"
    "      intc: interrupt-controller { #interrupt-cells = <1>; interrupt-controller; }; }; };\n"
    "  memory@20000000 { device_type = \"memory\"; reg = <0x20000000 0x10000>; };\n"
    "  bus { #address-cells = <1>; #size-cells = <1>; compatible = \"simple-bus\";\n"
    "    ranges = <0x0 0x40000000 0x100000>;\n"
    "    serial@1000 { compatible = \"vendor,fancy-uart\", \"ns16550a\"; reg = <0x1000 0x100>;\n"
    "      interrupts-extended = <&intc 11>; };\n"
    "    mic: mystery@2000 { compatible = \"vendor,mystery\"; reg = <0x2000 0x100>;\n"
    "      interrupt-controller; #interrupt-cells = <1>; };\n"
    "    uart2@4000 { compatible = \"ns16550a\"; reg = <0x4000 0x100>;\n"
    "      interrupt-parent = <&mic>; interrupts = <5>; };\n"
    "    off@3000 { compatible = \"ns16550a\"; reg = <0x3000 0x100>; status = \"disabled\"; };\n"
    "  };\n"
    "};\n";

static void user_dts_with_ranges_and_unimp(void **st)
{
    const char *p = write_dts("tiny.dts", good_dts);
    EmuMachine *m = emu_machine_new();
    assert_true(emu_board_load(m, p, err, sizeof(err)));
    assert_string_equal(m->board_name, "tiny");
    assert_string_equal(m->board_model, "tiny");
    assert_int_equal(m->ns_per_insn, 5);
    const EmuRegion *r = region_at(m, 0x40001000u);
    assert_non_null(r);
    assert_string_equal(r->cls->name, "ns16550a"); /* second compatible matched */
    r = region_at(m, 0x40002000u);
    assert_non_null(r);
    assert_string_equal(r->cls->name, "unimplemented");
    uint32_t v = 123;
    assert_int_equal(emu_bus_read(m, 0x40002010u, 4, &v), EMU_MEM_OK);
    assert_int_equal(v, 0);
    assert_null(region_at(m, 0x40003000u)); /* disabled */
    /* Its interrupt goes to a controller without a model: unconnected. */
    r = region_at(m, 0x40004000u);
    assert_non_null(r);
    assert_string_equal(r->cls->name, "ns16550a");
    emu_machine_free(m);
}

static void expect_error(const char *name, const char *dts, const char *msg)
{
    const char *p = write_dts(name, dts);
    EmuMachine *m = emu_machine_new();
    assert_false(emu_board_load(m, p, err, sizeof(err)));
    if (!strstr(err, msg))
        fail_msg("expected \"%s\" in \"%s\"", msg, err);
    assert_null(strchr(err, '\n'));
    emu_machine_free(m);
}

static void board_errors_name_file_and_node(void **st)
{
    char buf[4096];
    /* reg missing */
    snprintf(buf, sizeof(buf), "%s", good_dts);
    char *s = strstr(buf, "reg = <0x1000 0x100>;");
    memset(s, ' ', strlen("reg = <0x1000 0x100>;"));
    expect_error("noreg.dts", buf, "noreg.dts: /bus/serial@1000: reg missing");
    /* overlapping regions */
    snprintf(buf, sizeof(buf), "%s", good_dts);
    s = strstr(buf, "reg = <0x2000 0x100>;");
    memcpy(s, "reg = <0x1080 0x100>;", strlen("reg = <0x1080 0x100>;"));
    expect_error("overlap.dts", buf,
                 "overlap.dts: /bus/serial@1000: [0x40001000-0x40001100) overlaps /bus/mystery@2000 [0x40001080-0x40001180)");
    /* unknown CPU */
    snprintf(buf, sizeof(buf), "%s", good_dts);
    s = strstr(buf, "compatible = \"riscv\"");
    memcpy(s, "compatible = \"sparc\"", strlen("compatible = \"sparc\""));
    expect_error("cpu.dts", buf, "cpu.dts: /cpus/cpu@0: no CPU model for compatible \"sparc\"");
    /* rv64 */
    snprintf(buf, sizeof(buf), "%s", good_dts);
    s = strstr(buf, "rv32imac");
    memcpy(s, "rv64imac", 8);
    expect_error("rv64.dts", buf, "only rv32");
    /* syntax error: dtc's message */
    expect_error("syntax.dts", "/dts-v1/;\n/ { oops\n", "syntax.dts: dtc failed");
    /* not a dtb */
    expect_error("junk.dtb", "hello", "junk.dtb: not a valid devicetree blob");
    /* A truncated and a corrupted blob. */
    const EmuBuiltinBoard *virt = &emu_builtin_boards[0];
    char *blob = malloc(virt->size + 1);
    memcpy(blob, virt->dtb, virt->size);
    blob[virt->size] = 0;
    char path[128];
    snprintf(path, sizeof(path), "%s/cut.dtb", dir);
    FILE *f = fopen(path, "wb");
    fwrite(blob, 1, virt->size / 2, f);
    fclose(f);
    EmuMachine *m = emu_machine_new();
    assert_false(emu_board_load(m, path, err, sizeof(err)));
    assert_non_null(strstr(err, "cut.dtb: not a valid devicetree blob"));
    emu_machine_free(m);
    memset(blob + 0x40, 0xff, 16); /* inside the structure block */
    snprintf(path, sizeof(path), "%s/bad.dtb", dir);
    f = fopen(path, "wb");
    fwrite(blob, 1, virt->size, f);
    fclose(f);
    free(blob);
    m = emu_machine_new();
    assert_false(emu_board_load(m, path, err, sizeof(err)));
    assert_non_null(strstr(err, "bad.dtb: "));
    emu_machine_free(m);
    m = emu_machine_new();
    assert_false(emu_board_load(m, "nosuchboard", err, sizeof(err)));
    assert_string_equal(err, "unknown board 'nosuchboard' (-M help lists the boards)");
    assert_false(emu_board_load(m, "/nonexistent/x.dtb", err, sizeof(err)));
    assert_non_null(strstr(err, "board /nonexistent/x.dtb: cannot open"));
    emu_machine_free(m);
}

static void user_dtb_file_loads(void **st)
{
    char path[128];
    snprintf(path, sizeof(path), "%s/copy.dtb", dir);
    FILE *f = fopen(path, "wb");
    fwrite(emu_builtin_boards[0].dtb, 1, emu_builtin_boards[0].size, f);
    fclose(f);
    EmuMachine *m = emu_machine_new();
    assert_true(emu_board_load(m, path, err, sizeof(err)));
    assert_string_equal(m->board_name, "copy");
    assert_non_null(region_at(m, 0x10000000u));
    assert_int_equal(m->ndevices, 4);
    emu_machine_free(m);
}

static void board_list_and_defaults(void **st)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    emu_board_print_list(f);
    fclose(f);
    assert_non_null(strstr(text, "virt "));
    assert_non_null(strstr(text, "rv32imac"));
    free(text);
    EmuElfInfo rv = {.machine = EM_RISCV}, arm = {.machine = EM_ARM},
               armf = {.machine = EM_ARM, .arm_m4 = true}, x86 = {.machine = EM_X86_64};
    assert_string_equal(emu_board_default_for(&rv), "virt");
    assert_string_equal(emu_board_default_for(&arm), "mps2-an385");
    assert_string_equal(emu_board_default_for(&armf), "mps2-an386");
    assert_null(emu_board_default_for(&x86));
}

/* The example board in docs/adding-a-board.md loads as documented. */
static const char *docs_path;

static void documented_example_board_loads(void **st)
{
    if (!docs_path)
        skip();
    FILE *f = fopen(docs_path, "r");
    assert_non_null(f);
    char line[512], dts[8192] = "";
    bool in = false;
    while (fgets(line, sizeof(line), f)) {
        if (strncmp(line, "```dts", 6) == 0) {
            in = true;
            continue;
        }
        if (in && strncmp(line, "```", 3) == 0)
            break;
        if (in)
            strncat(dts, line, sizeof(dts) - strlen(dts) - 1);
    }
    fclose(f);
    assert_true(strlen(dts) > 100);
    const char *p = write_dts("doc-example.dts", dts);
    EmuMachine *m = emu_machine_new();
    if (!emu_board_load(m, p, err, sizeof(err)))
        fail_msg("%s", err);
    assert_int_equal(m->ns_per_insn, 10);
    const EmuRegion *r = region_at(m, 0x0);
    assert_non_null(r);
    assert_true(r->readonly);
    assert_int_equal(r->size, 0x40000);
    r = region_at(m, 0x10013000u);
    assert_non_null(r);
    assert_string_equal(r->cls->name, "ns16550a");
    emu_machine_free(m);
}

static int setup(void **st)
{
    snprintf(dir, sizeof(dir), "/tmp/emucov-board-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **st)
{
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
    docs_path = argc > 1 ? argv[1] : NULL;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(virt_memory_map),
        cmocka_unit_test(virt_uart_irq_reaches_meip_through_plic),
        cmocka_unit_test(virt_finisher_and_clint_wiring),
        cmocka_unit_test(user_dts_with_ranges_and_unimp),
        cmocka_unit_test(board_errors_name_file_and_node),
        cmocka_unit_test(user_dtb_file_loads),
        cmocka_unit_test(board_list_and_defaults),
        cmocka_unit_test(documented_example_board_loads),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
