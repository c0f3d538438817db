/*
 * emu/dev/unimp.c - placeholder for devicetree nodes whose "compatible" no
 * device model implements (as QEMU's create_unimplemented_device).
 *
 * Wiring:
 *   MMIO  every "reg" entry of the node.
 *   IRQ   none.
 * Reads return 0, writes are ignored; both are logged under unimp with the
 * node path, so a hole in a board is a defined, visible behaviour rather
 * than a bus error.
 */
#include "devices.h"

#include <stdlib.h>
#include <string.h>

typedef struct Unimp {
    char name[96];
} Unimp;

static bool unimp_read(void *opaque, unsigned region, uint32_t off,
                       unsigned size, uint32_t *val)
{
    Unimp *s = opaque;
    EMU_LOG(EMU_LOG_UNIMP, "%s: unimplemented device read (size %u, region %u, offset 0x%x)\n",
            s->name, size, region, off);
    *val = 0;
    return true;
}

static bool unimp_write(void *opaque, unsigned region, uint32_t off,
                        unsigned size, uint32_t val)
{
    Unimp *s = opaque;
    EMU_LOG(EMU_LOG_UNIMP,
            "%s: unimplemented device write (size %u, region %u, offset 0x%x, value 0x%x)\n",
            s->name, size, region, off, val);
    return true;
}

static int unimp_init(void *opaque, EmuMachine *m, const DevConfig *cfg,
                      char *err, size_t errlen)
{
    Unimp *s = opaque;
    snprintf(s->name, sizeof(s->name), "%s", cfg->name ? cfg->name : "?");
    return 0;
}

const DevClass emu_dev_unimp = {
    .name = "unimplemented",
    .compatible = NULL,
    .state_size = sizeof(Unimp),
    .init = unimp_init,
    .read = unimp_read,
    .write = unimp_write,
};
