/*
 * emu/dev/devprop.h - reading a device's devicetree properties.
 *
 * Devices take their parameters (clock frequencies, line counts, register
 * shifts) from their board node.  Integer properties are big-endian cells
 * (Devicetree Specification v0.4, section 2.2.4); a property that is
 * absent, has the wrong size, or a device built without a devicetree (unit
 * tests pass cfg->fdt == NULL) gives the caller's default.
 */
#ifndef EMU_DEV_DEVPROP_H
#define EMU_DEV_DEVPROP_H

#include "emu/core/emu.h"

#include <libfdt.h>

/* A <u32> property (one cell), or dflt. */
static inline uint32_t dev_prop_u32(const DevConfig *cfg, const char *name, uint32_t dflt)
{
    int len;
    const fdt32_t *p = cfg->fdt ? fdt_getprop(cfg->fdt, cfg->node, name, &len) : NULL;
    return p && len == 4 ? fdt32_to_cpu(*p) : dflt;
}

/* A <u32> or <u64> property (one or two cells), or dflt. */
static inline uint64_t dev_prop_u64(const DevConfig *cfg, const char *name, uint64_t dflt)
{
    int len;
    const fdt32_t *p = cfg->fdt ? fdt_getprop(cfg->fdt, cfg->node, name, &len) : NULL;
    if (p && len == 4)
        return fdt32_to_cpu(*p);
    if (p && len == 8)
        return (uint64_t)fdt32_to_cpu(p[0]) << 32 | fdt32_to_cpu(p[1]);
    return dflt;
}

/* A boolean (empty) property: present or not. */
static inline bool dev_prop_bool(const DevConfig *cfg, const char *name)
{
    return cfg->fdt && fdt_getprop(cfg->fdt, cfg->node, name, NULL) != NULL;
}

/* The period in ns of a clock given by a "clock-frequency" property in Hz
 * (dflt_hz when absent or 0); at least 1 ns. */
static inline uint64_t dev_clock_period_ns(const DevConfig *cfg, uint32_t dflt_hz)
{
    uint32_t hz = dev_prop_u32(cfg, "clock-frequency", 0);
    if (hz == 0)
        hz = dflt_hz;
    return 1000000000u / hz ? 1000000000u / hz : 1;
}

#endif
