/*
 * emu/core/debug.c - breakpoint/watchpoint lists and handler patches shared
 * by the CPU models' gdb support (see debug.h).
 */
#include "debug.h"

#include <stdlib.h>
#include <string.h>

void emu_dbg_init(EmuDbg *d)
{
    memset(d, 0, sizeof *d);
    /* test-only seeded bug for the lockstep tool's own test */
    const char *sb = getenv("EMUCOV_TEST_SEED_BUG");
    if (sb && *sb)
        d->seed_bug_at = strtoull(sb, NULL, 0);
}

void emu_dbg_free(EmuDbg *d)
{
    free(d->patches);
    d->patches = NULL;
    d->npatches = d->cap = 0;
}

bool emu_dbg_has_bp(const EmuDbg *d, uint32_t addr)
{
    for (unsigned i = 0; i < d->nbp; i++)
        if (d->bp[i].addr == addr)
            return true;
    return false;
}

bool emu_dbg_insert(EmuDbg *d, EmuBpType type, uint32_t addr, uint32_t len,
                    EmuDbgChange *change)
{
    *change = EMU_DBG_CHANGE_NONE;
    if (type == EMU_BP_SW || type == EMU_BP_HW) {
        for (unsigned i = 0; i < d->nbp; i++)
            if (d->bp[i].addr == addr && d->bp[i].type == type)
                return true;
        if (d->nbp == EMU_DBG_MAX_BP)
            return false;
        bool patched = emu_dbg_has_bp(d, addr);
        d->bp[d->nbp].addr = addr;
        d->bp[d->nbp].type = (uint8_t)type;
        d->nbp++;
        if (!patched)
            *change = EMU_DBG_CHANGE_PATCH;
        return true;
    }
    if (len == 0 || len > 0x10000 || d->nwp == EMU_DBG_MAX_WP)
        return false;
    d->wp[d->nwp].addr = addr;
    d->wp[d->nwp].len = len;
    d->wp[d->nwp].type = (uint8_t)type;
    d->nwp++;
    *change = EMU_DBG_CHANGE_WATCH;
    return true;
}

bool emu_dbg_remove(EmuDbg *d, EmuBpType type, uint32_t addr, uint32_t len,
                    EmuDbgChange *change)
{
    *change = EMU_DBG_CHANGE_NONE;
    if (type == EMU_BP_SW || type == EMU_BP_HW) {
        for (unsigned i = 0; i < d->nbp; i++) {
            if (d->bp[i].addr == addr && d->bp[i].type == type) {
                d->bp[i] = d->bp[--d->nbp];
                /* the patch stays while a breakpoint of the other type
                 * remains at the address */
                if (!emu_dbg_has_bp(d, addr))
                    *change = EMU_DBG_CHANGE_UNPATCH;
                return true;
            }
        }
        return false;
    }
    for (unsigned i = 0; i < d->nwp; i++) {
        if (d->wp[i].addr == addr && d->wp[i].len == len && d->wp[i].type == type) {
            d->wp[i] = d->wp[--d->nwp];
            *change = EMU_DBG_CHANGE_WATCH;
            return true;
        }
    }
    return false;
}

void emu_dbg_remove_all(EmuDbg *d)
{
    for (unsigned i = 0; i < d->npatches; i++)
        *d->patches[i].slot = d->patches[i].orig;
    d->npatches = 0;
    d->nbp = 0;
    d->nwp = 0;
}

bool emu_dbg_check_watch(EmuDbg *d, uint32_t addr, unsigned size, bool write)
{
    for (unsigned i = 0; i < d->nwp; i++) {
        uint64_t lo = d->wp[i].addr, hi = lo + d->wp[i].len;
        if ((uint64_t)addr >= hi || (uint64_t)addr + size <= lo)
            continue;
        unsigned t = d->wp[i].type;
        if ((t == EMU_WP_WRITE && !write) || (t == EMU_WP_READ && write))
            continue;
        if (!d->watch_hit) {
            d->watch_hit = true;
            d->stop.kind = EMU_DBG_STOP_WATCH;
            d->stop.type = (EmuBpType)t;
            d->stop.addr = d->wp[i].addr;
        }
        return true;
    }
    return false;
}

EmuBpType emu_dbg_bp_type_at(const EmuDbg *d, uint32_t pc)
{
    for (unsigned i = 0; i < d->nbp; i++)
        if (d->bp[i].addr == pc && d->bp[i].type == EMU_BP_SW)
            return EMU_BP_SW;
    return EMU_BP_HW;
}

static int emu_dbg_find_patch(const EmuDbg *d, const void *const *slot)
{
    for (unsigned i = 0; i < d->npatches; i++)
        if (d->patches[i].slot == slot)
            return (int)i;
    return -1;
}

bool emu_dbg_patch(EmuDbg *d, const void **slot, uint32_t addr, const void *stop_h)
{
    if (emu_dbg_find_patch(d, slot) >= 0)
        return true;
    if (d->npatches == d->cap) {
        unsigned ncap = d->cap ? 2 * d->cap : 64;
        EmuDbgPatch *np = realloc(d->patches, ncap * sizeof *np);
        if (!np)
            return false;           /* the breakpoint will not hit here */
        d->patches = np;
        d->cap = ncap;
    }
    d->patches[d->npatches++] = (EmuDbgPatch){ slot, *slot, addr };
    *slot = stop_h;
    return true;
}

void emu_dbg_unpatch_addr(EmuDbg *d, uint32_t addr)
{
    unsigned j = 0;
    for (unsigned i = 0; i < d->npatches; i++) {
        EmuDbgPatch *p = &d->patches[i];
        if (p->addr == addr)
            *p->slot = p->orig;
        else
            d->patches[j++] = *p;
    }
    d->npatches = j;
}

const void *emu_dbg_orig(const EmuDbg *d, const void *const *slot)
{
    int i = emu_dbg_find_patch(d, slot);
    return i >= 0 ? d->patches[i].orig : *slot;
}

const void **emu_dbg_orig_ref(EmuDbg *d, const void **slot)
{
    int i = emu_dbg_find_patch(d, slot);
    return i >= 0 ? &d->patches[i].orig : slot;
}

void emu_dbg_blocks_flushed(EmuDbg *d)
{
    d->npatches = 0;
    d->step_slot = NULL;
    d->resume_tb = NULL;
}

void emu_dbg_patch_step(EmuDbg *d, const void **slot, const void *stop_h)
{
    d->step_slot = slot;
    d->step_orig = *slot;
    *slot = stop_h;
}

void emu_dbg_unpatch_step(EmuDbg *d)
{
    if (d->step_slot) {
        *d->step_slot = d->step_orig;
        d->step_slot = NULL;
    }
}

bool emu_dbg_block_end_stop(EmuDbg *d, uint32_t pc)
{
    emu_dbg_unpatch_step(d);
    if (!d->watch_hit)
        d->stop.kind = EMU_DBG_STOP_STEP;
    d->watch_hit = false;
    d->stop_at_check = false;
    d->stop.pc = pc;
    d->dstate = 0;
    return d->stop.kind == EMU_DBG_STOP_STEP;
}

void emu_dbg_leave(EmuDbg *d)
{
    emu_dbg_unpatch_step(d);
    if (d->dstate == 1)
        d->step = true;
}

void emu_dbg_put32(uint8_t *b, uint32_t v)
{
    b[0] = (uint8_t)v;
    b[1] = (uint8_t)(v >> 8);
    b[2] = (uint8_t)(v >> 16);
    b[3] = (uint8_t)(v >> 24);
}

uint32_t emu_dbg_get32(const uint8_t *b)
{
    return b[0] | b[1] << 8 | b[2] << 16 | (uint32_t)b[3] << 24;
}
