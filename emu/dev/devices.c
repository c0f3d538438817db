/*
 * emu/dev/devices.c - the table of device classes the board loader can
 * instantiate, and lookup by devicetree "compatible".
 */
#include "devices.h"
#include "armv7m_scs.h"

#include <string.h>

const DevClass *const emu_dev_classes[] = {
    &emu_dev_ns16550a,
    &emu_dev_sifive_clint,
    &emu_dev_sifive_plic,
    &emu_dev_sifive_test,
    &emu_dev_armv7m_nvic,
    &emu_dev_cmsdk_apb_uart,
    &emu_dev_cmsdk_apb_timer,
    &emu_dev_cmsdk_apb_dualtimer,
    &emu_dev_mps2_fpgaio,
    &emu_dev_mps2_scc,
    NULL,
};

const DevClass *emu_dev_find(const char *compatible)
{
    for (const DevClass *const *c = emu_dev_classes; *c; c++)
        for (const char *const *s = (*c)->compatible; s && *s; s++)
            if (strcmp(*s, compatible) == 0)
                return *c;
    return NULL;
}
