/*
 * emu/core/cpus.c - the CPU classes linked into the emulator, looked up by
 * the devicetree cpu node's "compatible" strings.
 */
#include "machine.h"

#include <string.h>

static const EmuCpuClass *const builtin_cpus[] = {
    &emu_cpu_rv32,
    &emu_cpu_armv7m,
};

#define MAX_EXTRA 8
static const EmuCpuClass *extra_cpus[MAX_EXTRA];

void emu_cpu_class_register(const EmuCpuClass *cls)
{
    for (unsigned i = 0; i < MAX_EXTRA; i++) {
        if (!extra_cpus[i] || extra_cpus[i] == cls) {
            extra_cpus[i] = cls;
            return;
        }
    }
}

static bool matches(const EmuCpuClass *cls, const char *compatible)
{
    if (strcmp(cls->name, compatible) == 0)
        return true;
    for (const char *const *c = cls->compatible; c && *c; c++)
        if (strcmp(*c, compatible) == 0)
            return true;
    return false;
}

const EmuCpuClass *emu_cpu_class_find(const char *compatible)
{
    for (unsigned i = 0; i < MAX_EXTRA && extra_cpus[i]; i++)
        if (matches(extra_cpus[i], compatible))
            return extra_cpus[i];
    for (size_t i = 0; i < sizeof(builtin_cpus) / sizeof(builtin_cpus[0]); i++)
        if (matches(builtin_cpus[i], compatible))
            return builtin_cpus[i];
    return NULL;
}
