/*
 * tests/unit/core/dummy_cpu.h - a stand-in CPU class so the platform (core,
 * devices, board loader) links and runs in unit tests without a CPU model.
 * Its interrupt inputs record levels; flush_code counts calls.
 */
#ifndef TESTS_DUMMY_CPU_H
#define TESTS_DUMMY_CPU_H

#include "emu/core/machine.h"

typedef struct DummyCpu {
    EmuMachine *m;
    unsigned flushes;
    int irq_level[32];       /* by mip bit */
    uint32_t reset_entry;
} DummyCpu;

extern const EmuCpuClass dummy_cpu_class;
/* Create a machine with the dummy CPU attached (no board). */
EmuMachine *dummy_machine_new(void);
DummyCpu *dummy_cpu(EmuMachine *m);

#endif
