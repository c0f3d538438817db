/*
 * emu/dev/semihost.c - Arm semihosting (Semihosting for AArch32 and
 * AArch64, version 2.0), shared by ARM (BKPT 0xAB / SVC) and RISC-V (the
 * slli/ebreak/srai sequence of the RISC-V Semihosting spec, which reuses
 * the Arm operation numbers).  32-bit targets: parameter blocks are arrays
 * of 4-byte little-endian words.
 *
 * The guest is sandboxed: the only files it can open are ":tt" (mode r ->
 * stdin, w -> stdout, a -> stderr) and ":semihosting-features" (the
 * feature bits, spec section "The semihosting feature data": extended
 * exit and separate stdout/stderr, as QEMU).  Handles are nonzero, the
 * lowest free one first, as QEMU numbers them.  Time is virtual, so runs
 * are reproducible:
 *   SYS_CLOCK    centiseconds of virtual time since start;
 *   SYS_TIME     EMU_SEMIHOST_EPOCH (2026-01-01T00:00:00Z) + virtual seconds
 *                (deterministic: the same run gives the same answers);
 *   SYS_ELAPSED  virtual ns, SYS_TICKFREQ = 1e9.
 * SYS_READ/SYS_READC read stdin: a file or /dev/null is read directly; a
 * pipe or terminal is read with a blocking read(2), since the guest is
 * itself waiting in the call (as under QEMU).
 * Unknown or unsupported operations are logged under unimp and return -1.
 */
#include "emu/core/machine.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

enum {
    SYS_OPEN = 0x01, SYS_CLOSE = 0x02, SYS_WRITEC = 0x03, SYS_WRITE0 = 0x04,
    SYS_WRITE = 0x05, SYS_READ = 0x06, SYS_READC = 0x07, SYS_ISERROR = 0x08,
    SYS_ISTTY = 0x09, SYS_SEEK = 0x0a, SYS_FLEN = 0x0c, SYS_CLOCK = 0x10,
    SYS_TIME = 0x11, SYS_ERRNO = 0x13, SYS_GET_CMDLINE = 0x15,
    SYS_HEAPINFO = 0x16, SYS_EXIT = 0x18, SYS_EXIT_EXTENDED = 0x20,
    SYS_ELAPSED = 0x30, SYS_TICKFREQ = 0x31,
};

#define ADP_Stopped_ApplicationExit 0x20026u
#define EMU_SEMIHOST_EPOCH 1767225600u /* 2026-01-01T00:00:00Z */
#define FAIL 0xffffffffu

/* The console streams a ":tt" handle can name (m->semihost_fd[handle]).
 * SYS_OPEN returns the lowest free handle from 1: the semihosting spec
 * (SYS_OPEN) wants a nonzero handle on success, and QEMU numbers them the
 * same way, so a firmware sees the same handles under both. */
enum { H_FREE = 0, H_STDIN, H_STDOUT, H_STDERR, H_FEATURES };
#define NFD ((uint32_t)sizeof(((EmuMachine *)0)->semihost_fd))
/* m->semihost_fd[h]: the kind in bits 3:0, the read position of the
 * feature file in bits 7:4 */
#define FD_KIND(v) ((unsigned)(v) & 0xf)
#define FD_POS(v) ((unsigned)(v) >> 4)

/* ":semihosting-features": magic "SHFB", then byte 0 of the feature bits:
 * SH_EXT_EXIT_EXTENDED (bit 0), SH_EXT_STDOUT_STDERR (bit 1). */
static const uint8_t features[] = { 0x53, 0x48, 0x46, 0x42, 0x03 };

static unsigned fd_kind(EmuMachine *m, uint32_t handle)
{
    return handle < NFD ? FD_KIND(m->semihost_fd[handle]) : H_FREE;
}

static bool get_arg(EmuMachine *m, uint32_t block, unsigned i, uint32_t *val)
{
    return emu_bus_read(m, block + 4 * i, 4, val) == EMU_MEM_OK;
}

static uint32_t fail(EmuMachine *m, int err)
{
    m->semihost_errno = (uint32_t)err;
    return FAIL;
}

static void out(EmuMachine *m, unsigned kind, const void *buf, size_t len)
{
    if (kind == H_STDERR)
        emu_console_write_err(m, buf, len);
    else
        emu_console_write(m, buf, len);
}

/* One byte of stdin, -1 at end of input. */
static int in_byte(EmuMachine *m)
{
    /* the guest waits in the call: a blocking read, as under QEMU */
    return emu_console_read_byte(m);
}

static uint32_t do_write(EmuMachine *m, uint32_t arg)
{
    uint32_t handle, ptr, len;
    if (!get_arg(m, arg, 0, &handle) || !get_arg(m, arg, 1, &ptr) || !get_arg(m, arg, 2, &len))
        return fail(m, EFAULT);
    unsigned kind = fd_kind(m, handle);
    if (kind != H_STDOUT && kind != H_STDERR)
        return fail(m, EBADF);
    uint32_t done = 0;
    while (done < len) {
        uint8_t buf[256];
        uint32_t n = len - done < sizeof(buf) ? len - done : (uint32_t)sizeof(buf);
        if (emu_bus_read_buf(m, ptr + done, buf, n) != EMU_MEM_OK) {
            m->semihost_errno = EFAULT;
            break;
        }
        out(m, kind, buf, n);
        done += n;
    }
    return len - done; /* bytes not written */
}

static uint32_t do_read(EmuMachine *m, uint32_t arg)
{
    uint32_t handle, ptr, len;
    if (!get_arg(m, arg, 0, &handle) || !get_arg(m, arg, 1, &ptr) || !get_arg(m, arg, 2, &len))
        return fail(m, EFAULT);
    unsigned kind = fd_kind(m, handle);
    if (kind == H_FEATURES) {
        unsigned pos = FD_POS(m->semihost_fd[handle]);
        uint32_t n = len < sizeof features - pos ? len : (uint32_t)(sizeof features - pos);
        if (emu_bus_write_buf(m, ptr, features + pos, n) != EMU_MEM_OK)
            return fail(m, EFAULT);
        m->semihost_fd[handle] = (uint8_t)(H_FEATURES | (pos + n) << 4);
        return len - n;
    }
    if (kind != H_STDIN)
        return fail(m, EBADF);
    uint32_t done = 0;
    /* Like read(2) on a terminal: stop at end of line or end of input. */
    while (done < len) {
        int c = in_byte(m);
        if (c < 0)
            break;
        uint8_t b = (uint8_t)c;
        if (emu_bus_write(m, ptr + done, 1, b) != EMU_MEM_OK)
            return fail(m, EFAULT);
        done++;
        if (b == '\n' && !m->console_in_regular)
            break;
    }
    return len - done; /* bytes not read */
}

static uint32_t do_open(EmuMachine *m, uint32_t arg)
{
    static const char feat_name[] = ":semihosting-features";
    uint32_t name, mode, len;
    char buf[sizeof feat_name];
    unsigned kind;
    if (!get_arg(m, arg, 0, &name) || !get_arg(m, arg, 1, &mode) || !get_arg(m, arg, 2, &len))
        return fail(m, EFAULT);
    if (len < sizeof buf && emu_bus_read_buf(m, name, buf, len) == EMU_MEM_OK &&
        len == 3 && memcmp(buf, ":tt", 3) == 0) {
        if (mode > 11)
            return fail(m, EINVAL);
        kind = mode < 4 ? H_STDIN : mode < 8 ? H_STDOUT : H_STDERR;
    } else if (len == sizeof feat_name - 1 &&
               emu_bus_read_buf(m, name, buf, len) == EMU_MEM_OK &&
               memcmp(buf, feat_name, len) == 0) {
        if (mode > 1)               /* "r" or "rb" only */
            return fail(m, EACCES);
        kind = H_FEATURES;
    } else {
        EMU_LOG(EMU_LOG_UNIMP, "semihosting: SYS_OPEN of a host file refused (only \":tt\")\n");
        return fail(m, ENOENT);
    }
    for (uint32_t h = 1; h < NFD; h++) {
        if (m->semihost_fd[h] == H_FREE) {
            m->semihost_fd[h] = (uint8_t)kind;
            return h;
        }
    }
    return fail(m, EMFILE);
}

uint32_t emu_semihost_call(EmuMachine *m, uint32_t op, uint32_t arg)
{
    uint32_t a0, a1;
    uint64_t ns = emu_clock_ns(m) - m->semihost_start_ns;
    switch (op) {
    case SYS_OPEN:
        return do_open(m, arg);
    case SYS_CLOSE:
        if (!get_arg(m, arg, 0, &a0))
            return fail(m, EFAULT);
        if (fd_kind(m, a0) == H_FREE)
            return fail(m, EBADF);
        m->semihost_fd[a0] = H_FREE;
        return 0;
    case SYS_WRITEC: {
        uint32_t c;
        if (emu_bus_read(m, arg, 1, &c) != EMU_MEM_OK)
            return fail(m, EFAULT);
        uint8_t b = (uint8_t)c;
        emu_console_write(m, &b, 1);
        return 0;
    }
    case SYS_WRITE0: {
        char buf[256];
        size_t n = 0;
        for (uint32_t p = arg;; p++) {
            uint32_t c;
            if (emu_bus_read(m, p, 1, &c) != EMU_MEM_OK) {
                emu_console_write(m, buf, n);
                return fail(m, EFAULT);
            }
            if (c == 0)
                break;
            buf[n++] = (char)c;
            if (n == sizeof(buf)) {
                emu_console_write(m, buf, n);
                n = 0;
            }
        }
        emu_console_write(m, buf, n);
        return 0;
    }
    case SYS_WRITE:
        return do_write(m, arg);
    case SYS_READ:
        return do_read(m, arg);
    case SYS_READC: {
        int c = in_byte(m);
        return c < 0 ? FAIL : (uint32_t)c;
    }
    case SYS_ISERROR:
        if (!get_arg(m, arg, 0, &a0))
            return fail(m, EFAULT);
        return (int32_t)a0 < 0;
    case SYS_ISTTY:
        if (!get_arg(m, arg, 0, &a0))
            return fail(m, EFAULT);
        if (fd_kind(m, a0) == H_FREE)
            return fail(m, EBADF);
        return fd_kind(m, a0) != H_FEATURES;
    case SYS_SEEK:
        /* the console cannot seek; the feature file can */
        if (!get_arg(m, arg, 0, &a0) || !get_arg(m, arg, 1, &a1))
            return fail(m, EFAULT);
        if (fd_kind(m, a0) != H_FEATURES || a1 > sizeof features)
            return fail(m, EINVAL);
        m->semihost_fd[a0] = (uint8_t)(H_FEATURES | a1 << 4);
        return 0;
    case SYS_FLEN:
        if (!get_arg(m, arg, 0, &a0))
            return fail(m, EFAULT);
        /* the console has no length: 0, as QEMU's console fstat */
        if (fd_kind(m, a0) == H_FREE)
            return fail(m, EBADF);
        return fd_kind(m, a0) == H_FEATURES ? sizeof features : 0;
    case SYS_CLOCK:
        return (uint32_t)(ns / 10000000u);
    case SYS_TIME:
        return EMU_SEMIHOST_EPOCH + (uint32_t)(emu_clock_ns(m) / 1000000000u);
    case SYS_ERRNO:
        return m->semihost_errno;
    case SYS_GET_CMDLINE: {
        if (!get_arg(m, arg, 0, &a0) || !get_arg(m, arg, 1, &a1))
            return fail(m, EFAULT);
        uint32_t len = (uint32_t)strlen(m->cmdline);
        if (len + 1 > a1)
            return fail(m, E2BIG);
        if (emu_bus_write_buf(m, a0, m->cmdline, len + 1) != EMU_MEM_OK ||
            emu_bus_write(m, arg + 4, 4, len) != EMU_MEM_OK)
            return fail(m, EFAULT);
        return 0;
    }
    case SYS_HEAPINFO: {
        /* arg points to a word holding the address of a 4-word block. */
        uint32_t block;
        if (!get_arg(m, arg, 0, &block))
            return fail(m, EFAULT);
        uint32_t v[4] = { m->heap_base, m->heap_limit, m->stack_base, m->stack_limit };
        for (unsigned i = 0; i < 4; i++)
            if (emu_bus_write(m, block + 4 * i, 4, v[i]) != EMU_MEM_OK)
                return fail(m, EFAULT);
        return 0;
    }
    case SYS_EXIT:
        /* 32-bit: the parameter is the reason code itself (spec §6.5;
         * QEMU does the same for AArch32 and RV32). */
        emu_machine_exit(m, arg == ADP_Stopped_ApplicationExit ? 0 : 1);
        return 0;
    case SYS_EXIT_EXTENDED:
        if (!get_arg(m, arg, 0, &a0) || !get_arg(m, arg, 1, &a1))
            return fail(m, EFAULT);
        emu_machine_exit(m, a0 == ADP_Stopped_ApplicationExit ? (int)a1 : 1);
        return 0;
    case SYS_ELAPSED:
        if (emu_bus_write(m, arg, 4, (uint32_t)ns) != EMU_MEM_OK ||
            emu_bus_write(m, arg + 4, 4, (uint32_t)(ns >> 32)) != EMU_MEM_OK)
            return fail(m, EFAULT);
        return 0;
    case SYS_TICKFREQ:
        return 1000000000u;
    default:
        EMU_LOG(EMU_LOG_UNIMP, "semihosting: unsupported operation 0x%x\n", op);
        return fail(m, ENOSYS);
    }
}
