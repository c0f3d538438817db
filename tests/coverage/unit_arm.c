/* coverage-xcov-arm-object: xcov's object coverage of an ARMv7-M (Thumb) ELF
 * from a synthetic trace, before emucov can run ARM firmware: a trace that
 * says "main's first block ran" (written with the tracer's writer) must mark
 * exactly that block's instructions; the whole code of every function is
 * decoded with the ARM decoder; literal pools ($d mapping symbols) are not
 * decoded as instructions.  argv[1] = an ARM ELF with a function `main`. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emu/isa/isa.h"
#include "symbolize/symbolize.h"
#include "tracer/trace.h"
#include "xcov/xcov.h"

static const char *elf_path;

static void test_arm_object(void **state)
{
    (void)state;
    char err[512];
    SymFile *sf = sym_open(elf_path, err, sizeof err);
    assert_non_null(sf);
    uint64_t lo = 0, hi = 0;
    for (size_t i = 0; i < sym_symbol_count(sf); i++) {
        const SymSymbol *s = sym_symbol(sf, i);
        if (s->name && !strcmp(s->name, "main")) {
            lo = s->value;
            hi = s->value + s->size;
        }
    }
    assert_true(hi > lo);
    char trace[] = "/tmp/xcov-arm-XXXXXX";
    int fd = mkstemp(trace);
    assert_true(fd >= 0);
    close(fd);
    uint8_t sha[32];
    assert_int_equal(trace_sha256_file(elf_path, sha), 0);
    TraceHeader h = {.isa = "armv7m", .board = "mps2-an385", .elf_path = elf_path,
                     .mode = TRACE_MODE_HISTORY, .tool_version = "unit"};
    memcpy(h.elf_sha256, sha, 32);
    TraceWriter *w = trace_writer_open(trace, &h, err, sizeof err);
    assert_non_null(w);
    /* pass 1: a report with nothing executed gives main's instructions */
    uint32_t id = trace_define_block(w, lo, 2, 1, ISA_FLOW_SEQ, 0, lo + 2);
    (void)id;
    TraceEnd end = {0, 0, 0, TRACE_STOP_EXIT};
    assert_int_equal(trace_writer_close(w, &end, err, sizeof err), 0);
    const char *traces[] = {trace};
    XcovOptions o = {.level = COV_LEVEL_BRANCH, .traces = traces, .ntraces = 1, .quiet = true};
    CovReport *r = NULL;
    assert_int_equal(xcov_build(&o, &r, err, sizeof err), XCOV_OK);
    assert_string_equal(r->isa, "armv7m");
    /* nothing ran */
    for (unsigned i = 0; i < r->ninsns; i++)
        assert_false(r->insns[i].executed);
    /* the first block: from main to its first control-flow instruction */
    unsigned first = r->ninsns, n = 0;
    uint32_t size = 0;
    for (unsigned i = 0; i < r->ninsns; i++) {
        if (r->insns[i].addr == lo)
            first = i;
    }
    assert_true(first < r->ninsns);
    for (unsigned i = first; i < r->ninsns && r->insns[i].addr < hi; i++) {
        size += r->insns[i].len;
        n++;
        const char *d = r->insns[i].disasm;
        if (d[0] == 'b' || !strncmp(d, "pop", 3) || !strncmp(d, "cb", 2))
            break;
    }
    /* no decoded instruction inside a literal pool */
    size_t nsym = sym_symbol_count(sf);
    unsigned pools = 0;
    for (size_t k = 0; k < nsym; k++) {
        const SymSymbol *s = sym_symbol(sf, k);
        if (!s->name || strncmp(s->name, "$d", 2) || !sym_section_at(sf, s->value) ||
            !(sym_section_at(sf, s->value)->flags & 0x4 /* SHF_EXECINSTR */))
            continue;
        /* the pool runs to the next mapping symbol or function */
        uint64_t pend = UINT64_MAX;
        for (size_t j = 0; j < nsym; j++) {
            const SymSymbol *t = sym_symbol(sf, j);
            if (t->value > s->value && t->value < pend && t->name &&
                (!strncmp(t->name, "$t", 2) || t->type == 2 /* STT_FUNC */))
                pend = t->value;
        }
        pools++;
        for (unsigned i = 0; i < r->ninsns; i++)
            assert_false(r->insns[i].addr >= s->value && r->insns[i].addr < pend &&
                         pend - s->value < 4096);
    }
    print_message("main: %u instructions in its first block (%u bytes), %u literal pools\n", n,
                  size, pools);
    assert_true(pools > 0);
    cov_report_free(r);

    /* pass 2: that block executed twice */
    w = trace_writer_open(trace, &h, err, sizeof err);
    assert_non_null(w);
    /* a block that jumps back to itself: entered twice */
    id = trace_define_block(w, lo, size, n, ISA_FLOW_JUMP, lo, lo + size);
    trace_block_enter(w, id);
    trace_block_enter(w, id);
    trace_event(w, TRACE_EV_HALT, lo + size, 0, 0, n);
    assert_int_equal(trace_writer_close(w, &end, err, sizeof err), 0);
    assert_int_equal(xcov_build(&o, &r, err, sizeof err), XCOV_OK);
    unsigned executed = 0;
    for (unsigned i = 0; i < r->ninsns; i++) {
        const CovInsn *in = &r->insns[i];
        bool in_block = in->addr >= lo && in->addr < lo + size;
        assert_int_equal(in->executed, in_block);
        if (in_block)
            assert_int_equal(in->count, 2);
        executed += in->executed;
    }
    assert_int_equal(executed, n);
    /* main's function entry count and its file */
    bool found = false;
    for (unsigned i = 0; i < r->nfunctions; i++) {
        if (strcmp(r->functions[i].name, "main"))
            continue;
        found = true;
        assert_int_equal(r->functions[i].entry_count, 2);
        assert_true(r->functions[i].file >= 0);
        assert_int_equal(r->functions[i].counts.insn_covered, n);
    }
    assert_true(found);
    cov_report_free(r);
    sym_close(sf);
    unlink(trace);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s ARM.elf\n", argv[0]);
        return 2;
    }
    elf_path = argv[1];
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_arm_object)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
