/* tests/unit/core/dummy_cpu.c - see dummy_cpu.h */
#include "dummy_cpu.h"

#include <stdlib.h>
#include <string.h>

static EmuCpu *dummy_create(EmuMachine *m, const void *fdt, int node,
                            char *err, size_t errlen)
{
    DummyCpu *c = calloc(1, sizeof(*c));
    c->m = m;
    return (EmuCpu *)c;
}

static void dummy_destroy(EmuCpu *cpu)
{
    free(cpu);
}

static void dummy_reset(EmuCpu *cpu, uint32_t entry)
{
    ((DummyCpu *)cpu)->reset_entry = entry;
}

static EmuRunReason dummy_run(EmuCpu *cpu, uint64_t limit)
{
    ((DummyCpu *)cpu)->m->icount = limit;
    return EMU_RUN_LIMIT;
}

static void dummy_irq_handler(void *opaque, unsigned n, int level)
{
    ((DummyCpu *)opaque)->irq_level[n] = level;
}

static bool dummy_irq_in(EmuCpu *cpu, uint32_t spec, EmuIrq *out)
{
    if (spec >= 32)
        return false;
    out->handler = dummy_irq_handler;
    out->opaque = cpu;
    out->n = spec;
    return true;
}

static void dummy_dump(EmuCpu *cpu, FILE *out)
{
    fprintf(out, "dummy cpu\n");
}

static uint32_t dummy_get_pc(EmuCpu *cpu)
{
    return 0;
}

static bool dummy_has_wakeup(EmuCpu *cpu)
{
    return false;
}

static void dummy_flush(EmuCpu *cpu)
{
    ((DummyCpu *)cpu)->flushes++;
}

static const char *const dummy_compat[] = { "riscv", NULL };

const EmuCpuClass dummy_cpu_class = {
    .name = "dummy",
    .compatible = dummy_compat,
    .isa = NULL,
    .elf_machine = 243,
    .create = dummy_create,
    .destroy = dummy_destroy,
    .reset = dummy_reset,
    .run = dummy_run,
    .irq_in = dummy_irq_in,
    .dump = dummy_dump,
    .get_pc = dummy_get_pc,
    .has_wakeup = dummy_has_wakeup,
    .flush_code = dummy_flush,
};

/* The platform's lookup, replacing emu/core/cpus.c in tests. */
const EmuCpuClass *emu_cpu_class_find(const char *compatible)
{
    if (strcmp(compatible, "riscv") == 0 || strcmp(compatible, "dummy") == 0)
        return &dummy_cpu_class;
    return NULL;
}

void emu_cpu_class_register(const EmuCpuClass *cls)
{
    (void)cls;
}

EmuMachine *dummy_machine_new(void)
{
    EmuMachine *m = emu_machine_new();
    if (!m)
        return NULL;
    m->cpu_class = &dummy_cpu_class;
    m->cpu = dummy_create(m, NULL, 0, NULL, 0);
    return m;
}

DummyCpu *dummy_cpu(EmuMachine *m)
{
    return (DummyCpu *)m->cpu;
}
