/* tests/unit/dev/devtest.h - helpers: a virt machine on the dummy CPU. */
#ifndef TESTS_DEVTEST_H
#define TESTS_DEVTEST_H

#include "dummy_cpu.h"
#include "emu/dev/devices.h"

#include <string.h>

static inline EmuMachine *virt_new(void)
{
    char err[256];
    EmuMachine *m = emu_machine_new();
    if (!emu_board_load(m, "virt", err, sizeof(err))) {
        fprintf(stderr, "%s\n", err);
        return NULL;
    }
    return m;
}

static inline void *dev_state(EmuMachine *m, const DevClass *cls)
{
    for (unsigned i = 0; i < m->ndevices; i++)
        if (m->devices[i].cls == cls)
            return m->devices[i].state;
    return NULL;
}

static inline uint32_t rd(EmuMachine *m, uint32_t addr, unsigned size)
{
    uint32_t v = 0xdeadbeef;
    if (emu_bus_read(m, addr, size, &v) != EMU_MEM_OK)
        return 0xdeadbeef;
    return v;
}

static inline void wr(EmuMachine *m, uint32_t addr, unsigned size, uint32_t v)
{
    if (emu_bus_write(m, addr, size, v) != EMU_MEM_OK)
        fprintf(stderr, "write to 0x%08x failed\n", addr);
}

#endif
