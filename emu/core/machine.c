/*
 * emu/core/machine.c - machine lifetime, device list and run control
 * (exit, stop on error, kick, reset requests).
 */
#include "machine.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* 2^20 pages of 4 KiB cover the 32-bit guest physical space. */
#define FAST_ENTRIES (1u << (32 - EMU_PAGE_BITS))
#define FAST_BYTES ((size_t)FAST_ENTRIES * sizeof(uintptr_t))
/* One byte per 64-byte line of the 4 GiB space. */
#define CODE_LINES_BYTES ((size_t)1 << (32 - EMU_CODE_LINE_BITS))

/* Anonymous, lazily backed: untouched parts cost no memory. */
static void *lazy_zero_map(size_t bytes)
{
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

EmuMachine *emu_machine_new(void)
{
    EmuMachine *m = calloc(1, sizeof(*m));
    if (!m)
        return NULL;
    m->fast_rd = lazy_zero_map(FAST_BYTES);
    m->fast_wr = lazy_zero_map(FAST_BYTES);
    m->code_lines = lazy_zero_map(CODE_LINES_BYTES);
    if (!m->fast_rd || !m->fast_wr || !m->code_lines) {
        emu_machine_free(m);
        return NULL;
    }
    m->ns_per_insn = 1;
    m->next_deadline_ns = UINT64_MAX;
    m->console_out_fd = 1;
    m->console_err_fd = 2;
    emu_console_init(m, 0);
    return m;
}

void emu_machine_free(EmuMachine *m)
{
    if (!m)
        return;
    if (m->cpu && m->cpu_class && m->cpu_class->destroy)
        m->cpu_class->destroy(m->cpu);
    m->cpu = NULL;
    /* Devices in reverse creation order: consumers before their controllers. */
    for (unsigned i = m->ndevices; i-- > 0;) {
        EmuDevice *d = &m->devices[i];
        if (d->cls->finalize)
            d->cls->finalize(d->state);
        free(d->state);
    }
    emu_bus_free_regions(m);
    for (EmuTimer *t = m->timers, *next; t; t = next) {
        next = t->next;
        free(t);
    }
    if (m->fast_rd)
        munmap(m->fast_rd, FAST_BYTES);
    if (m->fast_wr)
        munmap(m->fast_wr, FAST_BYTES);
    if (m->code_lines)
        munmap(m->code_lines, CODE_LINES_BYTES);
    emu_semihost_close_all(m);
    free(m->fdt);
    free(m);
}

bool emu_machine_add_device(EmuMachine *m, const DevClass *cls, void *state,
                            const char *name, char *err, size_t errlen)
{
    if (m->ndevices >= EMU_MAX_DEVICES) {
        snprintf(err, errlen, "%s: too many devices (at most %d)", name,
                 EMU_MAX_DEVICES);
        return false;
    }
    EmuDevice *d = &m->devices[m->ndevices++];
    d->cls = cls;
    d->state = state;
    snprintf(d->name, sizeof(d->name), "%s", name);
    return true;
}

void emu_machine_reset_devices(EmuMachine *m)
{
    for (unsigned i = 0; i < m->ndevices; i++)
        if (m->devices[i].cls->reset)
            m->devices[i].cls->reset(m->devices[i].state);
}

void emu_machine_exit(EmuMachine *m, int code)
{
    /* The first request wins: a finisher write followed by a semihosting
     * exit in the same block keeps the first status. */
    if (!m->exit_requested && !m->error) {
        m->exit_requested = true;
        m->exit_code = code;
    }
    emu_machine_kick(m);
}

void emu_machine_stop_error(EmuMachine *m, const char *fmt, ...)
{
    if (!m->error) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(m->error_msg, sizeof(m->error_msg), fmt, ap);
        va_end(ap);
        m->error = true;
    }
    emu_machine_kick(m);
}

void emu_machine_kick(EmuMachine *m)
{
    m->kick = 1;
}

EmuCpu *emu_machine_cpu(EmuMachine *m)
{
    return m->cpu;
}

void emu_machine_request_reset(EmuMachine *m)
{
    m->reset_requested = true;
    emu_machine_kick(m);
}
