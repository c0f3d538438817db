/*
 * emu/core/bus.c - the guest physical address space: RAM/ROM regions backed
 * by host memory, MMIO regions dispatched to devices, the page-indexed fast
 * path tables (m->fast_rd/fast_wr) and the code-line marks that let stores
 * invalidate translated code.
 *
 * Holes (no region) are bus errors: EMU_MEM_UNMAPPED, logged under
 * guest_errors; the CPU turns them into its architectural access fault.
 */
#include "machine.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define PAGE_SIZE_ (1u << EMU_PAGE_BITS)

static uint64_t region_end(const EmuRegion *r)
{
    return (uint64_t)r->base + r->size;
}

/* Regions are kept sorted by base: binary search for the one holding addr. */
static EmuRegion *find_region(EmuMachine *m, uint32_t addr)
{
    unsigned lo = 0, hi = m->nregions;
    while (lo < hi) {
        unsigned mid = (lo + hi) / 2;
        EmuRegion *r = &m->regions[mid];
        if (addr < r->base)
            hi = mid;
        else if ((uint64_t)addr >= region_end(r))
            lo = mid + 1;
        else
            return r;
    }
    return NULL;
}

static EmuRegion *insert_region(EmuMachine *m, const char *name, uint32_t base,
                                uint32_t size, char *err, size_t errlen)
{
    if (size == 0) {
        snprintf(err, errlen, "%s: region of size 0", name);
        return NULL;
    }
    if ((uint64_t)base + size > ((uint64_t)1 << 32)) {
        snprintf(err, errlen, "%s: region [0x%08x, +0x%x) goes past 4 GiB",
                 name, base, size);
        return NULL;
    }
    if (m->nregions >= EMU_MAX_REGIONS) {
        snprintf(err, errlen, "%s: too many memory regions (at most %d)",
                 name, EMU_MAX_REGIONS);
        return NULL;
    }
    unsigned pos = 0;
    for (unsigned i = 0; i < m->nregions; i++) {
        EmuRegion *r = &m->regions[i];
        if ((uint64_t)base < region_end(r) && (uint64_t)base + size > r->base) {
            snprintf(err, errlen,
                     "%s [0x%08x-0x%08llx) overlaps %s [0x%08x-0x%08llx)",
                     name, base, (unsigned long long)((uint64_t)base + size),
                     r->name, r->base, (unsigned long long)region_end(r));
            return NULL;
        }
        if (r->base < base)
            pos = i + 1;
    }
    char *copy = strdup(name);
    if (!copy) {
        snprintf(err, errlen, "%s: out of memory", name);
        return NULL;
    }
    memmove(&m->regions[pos + 1], &m->regions[pos],
            (m->nregions - pos) * sizeof(EmuRegion));
    m->nregions++;
    EmuRegion *r = &m->regions[pos];
    memset(r, 0, sizeof(*r));
    r->name = copy;
    r->base = base;
    r->size = size;
    return r;
}

static size_t host_bytes(uint32_t size)
{
    size_t page = 4096;
    return ((size_t)size + page - 1) / page * page;
}

void emu_bus_free_regions(EmuMachine *m)
{
    for (unsigned i = 0; i < m->nregions; i++) {
        free((char *)m->regions[i].name);
        if (m->regions[i].host)
            munmap(m->regions[i].host, host_bytes(m->regions[i].size));
    }
    m->nregions = 0;
}

uint8_t *emu_bus_map_ram(EmuMachine *m, const char *name, uint32_t base,
                         uint32_t size, bool readonly, char *err, size_t errlen)
{
    /* Anonymous mapping: zero pages that cost nothing until the guest
     * touches them (a 128 MiB board starts in microseconds). */
    void *mem = mmap(NULL, host_bytes(size), PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (mem == MAP_FAILED) {
        snprintf(err, errlen, "%s: cannot allocate %u bytes of guest memory",
                 name, size);
        return NULL;
    }
    uint8_t *host = mem;
    EmuRegion *r = insert_region(m, name, base, size, err, errlen);
    if (!r) {
        munmap(host, host_bytes(size));
        return NULL;
    }
    r->host = host;
    r->readonly = readonly;
    /* Fast path for every 4 KiB page wholly inside the region. */
    uint64_t first = ((uint64_t)base + PAGE_SIZE_ - 1) >> EMU_PAGE_BITS;
    uint64_t last = ((uint64_t)base + size) >> EMU_PAGE_BITS; /* exclusive */
    for (uint64_t p = first; p < last; p++) {
        uint64_t gaddr = p << EMU_PAGE_BITS;
        uintptr_t v = (uintptr_t)(host + (gaddr - base)) - (uintptr_t)gaddr;
        m->fast_rd[p] = v;
        if (!readonly)
            m->fast_wr[p] = v;
    }
    return host;
}

bool emu_bus_map_mmio(EmuMachine *m, const char *name, uint32_t base,
                      uint32_t size, const DevClass *cls, void *state,
                      unsigned region, char *err, size_t errlen)
{
    EmuRegion *r = insert_region(m, name, base, size, err, errlen);
    if (!r)
        return false;
    r->cls = cls;
    r->state = state;
    r->index = region;
    return true;
}

/* ---------------------------------------------------------------------- */
/* Code marks.  The CPU may also set m->code_lines bytes directly (its
 * translator does): nothing here assumes marks went through
 * emu_bus_mark_code. */

#define CODE_LINES_BYTES ((size_t)1 << (32 - EMU_CODE_LINE_BITS))

void emu_bus_mark_code(EmuMachine *m, uint32_t addr, uint32_t len)
{
    if (len == 0)
        return;
    uint32_t lo = addr >> EMU_CODE_LINE_BITS;
    uint32_t hi = (uint32_t)(((uint64_t)addr + len - 1) >> EMU_CODE_LINE_BITS);
    memset(m->code_lines + lo, 1, (size_t)hi - lo + 1);
}

void emu_bus_clear_code_marks(EmuMachine *m)
{
    /* Dropping the pages of the private anonymous mapping zero-fills it;
     * the cost is proportional to the pages ever marked, not to 64 MiB. */
    if (madvise(m->code_lines, CODE_LINES_BYTES, MADV_DONTNEED) != 0)
        memset(m->code_lines, 0, CODE_LINES_BYTES);
}

/* A store hit [addr, addr+len): drop translations if it holds code. */
static void check_code_write(EmuMachine *m, uint32_t addr, size_t len)
{
    if (len == 0)
        return;
    uint64_t lo = addr >> EMU_CODE_LINE_BITS;
    uint64_t hi = ((uint64_t)addr + len - 1) >> EMU_CODE_LINE_BITS;
    for (uint64_t l = lo; l <= hi; l++) {
        if (m->code_lines[l]) {
            EMU_LOG(EMU_LOG_TB, "tb: store to code at 0x%08x (+%zu): flush\n",
                    addr, len);
            if (m->cpu && m->cpu_class && m->cpu_class->flush_code)
                m->cpu_class->flush_code(m->cpu);
            emu_bus_clear_code_marks(m);
            return;
        }
    }
}

/* ---------------------------------------------------------------------- */
/* Accesses. */

static EmuMemResult unmapped(uint32_t addr, unsigned size, bool write)
{
    EMU_LOG(EMU_LOG_GUEST_ERRORS,
            "bus: %s of %u bytes at unmapped address 0x%08x\n",
            write ? "write" : "read", size, addr);
    return EMU_MEM_UNMAPPED;
}

static EmuMemResult mmio_read(EmuRegion *r, uint32_t addr, unsigned size,
                              uint32_t *val)
{
    if (!r->cls->read) {
        *val = 0;
        return EMU_MEM_OK;
    }
    if (!r->cls->read(r->state, r->index, addr - r->base, size, val))
        return EMU_MEM_DEVICE_ERROR;
    if (size < 4)
        *val &= (1u << (size * 8)) - 1;
    return EMU_MEM_OK;
}

static EmuMemResult mmio_write(EmuRegion *r, uint32_t addr, unsigned size,
                               uint32_t val)
{
    if (!r->cls->write)
        return EMU_MEM_OK;
    if (!r->cls->write(r->state, r->index, addr - r->base, size, val))
        return EMU_MEM_DEVICE_ERROR;
    return EMU_MEM_OK;
}

static bool fits(const EmuRegion *r, uint32_t addr, uint64_t len)
{
    return (uint64_t)addr + len <= region_end(r);
}

EmuMemResult emu_bus_read(EmuMachine *m, uint32_t addr, unsigned size, uint32_t *val)
{
    *val = 0;
    EmuRegion *r = find_region(m, addr);
    if (r && fits(r, addr, size)) {
        if (r->host) {
            uint32_t v = 0;
            memcpy(&v, r->host + (addr - r->base), size); /* little endian host */
            *val = v;
            return EMU_MEM_OK;
        }
        if ((addr & (size - 1)) == 0)
            return mmio_read(r, addr, size, val);
    } else if (!r) {
        return unmapped(addr, size, false);
    }
    /* Misaligned MMIO or an access straddling regions: byte by byte, each a
     * naturally aligned access. */
    uint32_t v = 0;
    for (unsigned i = 0; i < size; i++) {
        uint32_t b;
        EmuMemResult res = emu_bus_read(m, addr + i, 1, &b);
        if (res != EMU_MEM_OK)
            return res;
        v |= (b & 0xff) << (8 * i);
    }
    *val = v;
    return EMU_MEM_OK;
}

EmuMemResult emu_bus_write(EmuMachine *m, uint32_t addr, unsigned size, uint32_t val)
{
    EmuRegion *r = find_region(m, addr);
    if (r && fits(r, addr, size)) {
        if (r->host) {
            if (r->readonly) {
                EMU_LOG(EMU_LOG_GUEST_ERRORS,
                        "bus: write of %u bytes to read-only %s at 0x%08x\n",
                        size, r->name, addr);
                return EMU_MEM_READONLY;
            }
            memcpy(r->host + (addr - r->base), &val, size);
            check_code_write(m, addr, size);
            return EMU_MEM_OK;
        }
        if ((addr & (size - 1)) == 0)
            return mmio_write(r, addr, size, val);
    } else if (!r) {
        return unmapped(addr, size, true);
    }
    for (unsigned i = 0; i < size; i++) {
        EmuMemResult res = emu_bus_write(m, addr + i, 1, (val >> (8 * i)) & 0xff);
        if (res != EMU_MEM_OK)
            return res;
    }
    return EMU_MEM_OK;
}

/* Buffer accesses: RAM/ROM chunks by memcpy, MMIO byte by byte.  `load`
 * may write ROM. */
static EmuMemResult buf_access(EmuMachine *m, uint32_t addr, uint8_t *rbuf,
                               const uint8_t *wbuf, size_t len, bool load)
{
    if ((uint64_t)addr + len > ((uint64_t)1 << 32))
        return unmapped(addr, (unsigned)len, wbuf != NULL);
    while (len > 0) {
        EmuRegion *r = find_region(m, addr);
        if (!r)
            return unmapped(addr, (unsigned)len, wbuf != NULL);
        size_t n = (size_t)(region_end(r) - addr);
        if (n > len)
            n = len;
        if (r->host) {
            uint8_t *h = r->host + (addr - r->base);
            if (rbuf) {
                memcpy(rbuf, h, n);
            } else {
                if (r->readonly && !load) {
                    EMU_LOG(EMU_LOG_GUEST_ERRORS,
                            "bus: write to read-only %s at 0x%08x\n", r->name, addr);
                    return EMU_MEM_READONLY;
                }
                memcpy(h, wbuf, n);
                check_code_write(m, addr, n);
            }
        } else {
            for (size_t i = 0; i < n; i++) {
                EmuMemResult res;
                if (rbuf) {
                    uint32_t b;
                    res = mmio_read(r, addr + (uint32_t)i, 1, &b);
                    rbuf[i] = (uint8_t)b;
                } else {
                    res = mmio_write(r, addr + (uint32_t)i, 1, wbuf[i]);
                }
                if (res != EMU_MEM_OK)
                    return res;
            }
        }
        if (rbuf)
            rbuf += n;
        else
            wbuf += n;
        addr += (uint32_t)n;
        len -= n;
    }
    return EMU_MEM_OK;
}

EmuMemResult emu_bus_read_buf(EmuMachine *m, uint32_t addr, void *buf, size_t len)
{
    return buf_access(m, addr, buf, NULL, len, false);
}

EmuMemResult emu_bus_write_buf(EmuMachine *m, uint32_t addr, const void *buf, size_t len)
{
    return buf_access(m, addr, NULL, buf, len, false);
}

EmuMemResult emu_bus_load(EmuMachine *m, uint32_t addr, const void *buf, size_t len)
{
    return buf_access(m, addr, NULL, buf, len, true);
}

uint8_t *emu_bus_host_ptr(EmuMachine *m, uint32_t addr, uint32_t len)
{
    EmuRegion *r = find_region(m, addr);
    if (!r || !r->host || !fits(r, addr, len))
        return NULL;
    return r->host + (addr - r->base);
}
