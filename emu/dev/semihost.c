/*
 * emu/dev/semihost.c - Arm semihosting (Semihosting for AArch32 and
 * AArch64, version 2.0), shared by ARM (BKPT 0xAB / SVC) and RISC-V (the
 * slli/ebreak/srai sequence of the RISC-V Semihosting spec, which reuses
 * the Arm operation numbers).  32-bit targets: parameter blocks are arrays
 * of 4-byte little-endian words.
 *
 * The guest is sandboxed by default: the only file it can open is ":tt"
 * (mode r -> stdin; w -> stdout; a -> stderr).  Every SYS_OPEN, of ":tt" or
 * of a file, returns the lowest free handle from 1: the spec (SYS_OPEN)
 * wants a nonzero handle, and QEMU numbers them the same way, so a firmware
 * sees the same handles under both (lockstep compares them).
 * `emucov run --semihosting-root DIR` (emu_semihost_set_root) also lets it
 * open, read, write, seek, remove and rename host files in DIR and below, as
 * QEMU's -semihosting does for the whole host: a relative guest path is
 * taken from DIR, an absolute one must lie inside DIR, and a ".." component
 * is refused (EACCES), so the guest cannot leave DIR by name.  SYS_SYSTEM
 * and SYS_TMPNAM stay refused.  Time is virtual, so runs are reproducible:
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
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

enum {
    SYS_OPEN = 0x01, SYS_CLOSE = 0x02, SYS_WRITEC = 0x03, SYS_WRITE0 = 0x04,
    SYS_WRITE = 0x05, SYS_READ = 0x06, SYS_READC = 0x07, SYS_ISERROR = 0x08,
    SYS_ISTTY = 0x09, SYS_SEEK = 0x0a, SYS_FLEN = 0x0c, SYS_REMOVE = 0x0e,
    SYS_RENAME = 0x0f, SYS_CLOCK = 0x10,
    SYS_TIME = 0x11, SYS_ERRNO = 0x13, SYS_GET_CMDLINE = 0x15,
    SYS_HEAPINFO = 0x16, SYS_EXIT = 0x18, SYS_EXIT_EXTENDED = 0x20,
    SYS_ELAPSED = 0x30, SYS_TICKFREQ = 0x31,
};

#define ADP_Stopped_ApplicationExit 0x20026u
#define EMU_SEMIHOST_EPOCH 1767225600u /* 2026-01-01T00:00:00Z */
#define FAIL 0xffffffffu

enum { H_FILE0 = 1 };
/* fd[] values besides host fds: a free handle, the console streams */
enum { FD_FREE = -1, FD_STDIN = -2, FD_STDOUT = -3, FD_STDERR = -4 };

/* Open handles: handle H_FILE0 + i is fd[i], a host fd or FD_*. */
#define SEMIHOST_MAX_FILES 64
typedef struct SemihostFiles {
    bool has_root;          /* --semihosting-root given                     */
    bool warned;            /* the sandbox refusal was reported once        */
    char root[PATH_MAX];    /* its realpath, no trailing '/' ("" for "/")   */
    int fd[SEMIHOST_MAX_FILES];
} SemihostFiles;

/* The semihosting v2 feature bits (spec 2.0, "Semihosting Extensions"),
 * read by the guest from the file ":semihosting-features": newlib's rdimon
 * uses SYS_EXIT_EXTENDED (so the exit status reaches the host) only when
 * this file says EXIT_EXTENDED, as QEMU's does. */
static const char features[5] = { 'S', 'H', 'F', 'B', 0x03 /* EXIT_EXTENDED, STDOUT_STDERR */ };

static SemihostFiles *files_of(EmuMachine *m)
{
    if (!m->semihost_files) {
        SemihostFiles *f = calloc(1, sizeof *f);
        if (!f)
            return NULL;
        for (unsigned i = 0; i < SEMIHOST_MAX_FILES; i++)
            f->fd[i] = FD_FREE;
        m->semihost_files = f;
    }
    return m->semihost_files;
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

static void out(EmuMachine *m, int stream, const void *buf, size_t len)
{
    if (stream == FD_STDERR)
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

bool emu_semihost_set_root(EmuMachine *m, const char *dir, char *err, size_t errlen)
{
    struct stat st;
    SemihostFiles *f = files_of(m);
    if (!f) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    if (!realpath(dir, f->root) || stat(f->root, &st) != 0) {
        snprintf(err, errlen, "%s: %s", dir, strerror(errno));
        return false;
    }
    if (!S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "%s: not a directory", dir);
        return false;
    }
    if (!strcmp(f->root, "/"))
        f->root[0] = 0;     /* every absolute path is "inside" */
    f->has_root = true;
    return true;
}

void emu_semihost_close_all(EmuMachine *m)
{
    SemihostFiles *f = m->semihost_files;
    if (!f)
        return;
    for (unsigned i = 0; i < SEMIHOST_MAX_FILES; i++)
        if (f->fd[i] >= 0)
            close(f->fd[i]);
    free(f);
    m->semihost_files = NULL;
}

/* What a guest handle names: a host fd, a console stream (FD_STDIN...),
 * or FD_FREE. */
static int handle_fd(EmuMachine *m, uint32_t handle)
{
    SemihostFiles *f = m->semihost_files;
    if (!f || handle < H_FILE0 || handle - H_FILE0 >= SEMIHOST_MAX_FILES)
        return FD_FREE;
    return f->fd[handle - H_FILE0];
}

/* The host fd of a guest file handle, or -1 (console or not open). */
static int file_fd(EmuMachine *m, uint32_t handle)
{
    int fd = handle_fd(m, handle);
    return fd >= 0 ? fd : -1;
}

static bool is_console(EmuMachine *m, uint32_t handle)
{
    int fd = handle_fd(m, handle);
    return fd <= FD_STDIN;
}

/* The host path of the guest's path (`len` bytes at `name`, no NUL needed)
 * under the root, or an errno value: the guest cannot name a file outside. */
static int host_path(EmuMachine *m, uint32_t name, uint32_t len, char *out, size_t outlen)
{
    const SemihostFiles *f = m->semihost_files;
    char g[PATH_MAX];
    if (len == 0 || len >= sizeof g)
        return len ? ENAMETOOLONG : ENOENT;
    if (emu_bus_read_buf(m, name, g, len) != EMU_MEM_OK)
        return EFAULT;
    g[len] = 0;
    if (strlen(g) != len)
        return EINVAL;
    for (const char *c = g; *c;) {
        size_t n = strcspn(c, "/");
        if (n == 2 && c[0] == '.' && c[1] == '.')
            return EACCES;
        c += n + (c[n] == '/');
    }
    const char *rel = g;
    if (g[0] == '/') {
        size_t rl = strlen(f->root);
        if (strncmp(g, f->root, rl) != 0 || (g[rl] != '/' && g[rl] != 0))
            return EACCES;
        rel = g + rl;
        while (*rel == '/')
            rel++;
    }
    int n = snprintf(out, outlen, "%s/%s", f->root, *rel ? rel : ".");
    return n < 0 || (size_t)n >= outlen ? ENAMETOOLONG : 0;
}

/* A guest handle, the lowest free one, for the host fd (closed on
 * failure) or console stream. */
static uint32_t add_fd(EmuMachine *m, int fd)
{
    SemihostFiles *f = files_of(m);
    unsigned slot = 0;
    while (f && slot < SEMIHOST_MAX_FILES && f->fd[slot] != FD_FREE)
        slot++;
    if (!f || slot == SEMIHOST_MAX_FILES) {
        if (fd >= 0)
            close(fd);
        return fail(m, EMFILE);
    }
    f->fd[slot] = fd;
    return H_FILE0 + slot;
}

/* SYS_OPEN of a host file; `mode` 0..11 is ISO C fopen's r rb r+ r+b w wb
 * w+ w+b a ab a+ a+b (semihosting spec, SYS_OPEN). */
static uint32_t open_file(EmuMachine *m, uint32_t name, uint32_t mode, uint32_t len)
{
    static const int flags[6] = {
        O_RDONLY, O_RDWR, O_WRONLY | O_CREAT | O_TRUNC, O_RDWR | O_CREAT | O_TRUNC,
        O_WRONLY | O_CREAT | O_APPEND, O_RDWR | O_CREAT | O_APPEND,
    };
    char path[PATH_MAX + 8];
    int e = host_path(m, name, len, path, sizeof path);
    if (e)
        return fail(m, e);
    int fd = open(path, flags[mode / 2] | O_CLOEXEC, 0666);
    return fd < 0 ? fail(m, errno) : add_fd(m, fd);
}

/* ":semihosting-features", read-only: an anonymous host file holding the
 * feature bytes, so read/seek/flen/close work as for any file. */
static uint32_t open_features(EmuMachine *m, uint32_t mode)
{
    if (mode >= 4)
        return fail(m, EACCES);
    int fd = memfd_create("semihosting-features", MFD_CLOEXEC);
    if (fd < 0)
        return fail(m, errno);
    if (write(fd, features, sizeof features) != (ssize_t)sizeof features ||
        lseek(fd, 0, SEEK_SET) != 0) {
        close(fd);
        return fail(m, EIO);
    }
    return add_fd(m, fd);
}

static uint32_t do_write(EmuMachine *m, uint32_t arg)
{
    uint32_t handle, ptr, len;
    if (!get_arg(m, arg, 0, &handle) || !get_arg(m, arg, 1, &ptr) || !get_arg(m, arg, 2, &len))
        return fail(m, EFAULT);
    int fd = handle_fd(m, handle);
    if (fd != FD_STDOUT && fd != FD_STDERR && fd < 0)
        return fail(m, EBADF);
    uint32_t done = 0;
    while (done < len) {
        uint8_t buf[256];
        uint32_t n = len - done < sizeof(buf) ? len - done : (uint32_t)sizeof(buf);
        if (emu_bus_read_buf(m, ptr + done, buf, n) != EMU_MEM_OK) {
            m->semihost_errno = EFAULT;
            break;
        }
        if (fd >= 0) {
            ssize_t w = write(fd, buf, n);
            if (w < 0) {
                m->semihost_errno = (uint32_t)errno;
                break;
            }
            done += (uint32_t)w;
            if ((uint32_t)w < n)
                break;
            continue;
        }
        out(m, fd, buf, n);
        done += n;
    }
    return len - done; /* bytes not written */
}

static uint32_t do_read(EmuMachine *m, uint32_t arg)
{
    uint32_t handle, ptr, len;
    if (!get_arg(m, arg, 0, &handle) || !get_arg(m, arg, 1, &ptr) || !get_arg(m, arg, 2, &len))
        return fail(m, EFAULT);
    int fd = file_fd(m, handle);
    if (fd >= 0) {
        uint32_t done = 0;
        while (done < len) {
            uint8_t buf[256];
            uint32_t want = len - done < sizeof(buf) ? len - done : (uint32_t)sizeof(buf);
            ssize_t r = read(fd, buf, want);
            if (r < 0)
                return fail(m, errno);
            if (r == 0)
                break;
            if (emu_bus_write_buf(m, ptr + done, buf, (size_t)r) != EMU_MEM_OK)
                return fail(m, EFAULT);
            done += (uint32_t)r;
        }
        return len - done; /* bytes not read: 0 < result = end of file reached */
    }
    if (handle_fd(m, handle) != FD_STDIN)
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
    uint32_t name, mode, len;
    char buf[8];
    if (!get_arg(m, arg, 0, &name) || !get_arg(m, arg, 1, &mode) || !get_arg(m, arg, 2, &len))
        return fail(m, EFAULT);
    if (mode > 11)
        return fail(m, EINVAL);
    static const char feat_name[] = ":semihosting-features";
    if (len == 3 && emu_bus_read_buf(m, name, buf, 3) == EMU_MEM_OK && !memcmp(buf, ":tt", 3))
        return add_fd(m, mode < 4 ? FD_STDIN : mode < 8 ? FD_STDOUT : FD_STDERR);
    if (len == sizeof feat_name - 1) {
        char fb[sizeof feat_name];
        if (emu_bus_read_buf(m, name, fb, len) == EMU_MEM_OK && !memcmp(fb, feat_name, len))
            return open_features(m, mode);
    }
    SemihostFiles *f = files_of(m);
    if (!f || !f->has_root) {
        /* once on stderr: a refused fopen() is otherwise a silent mystery */
        if (f && !f->warned)
            fprintf(stderr, "emucov: the guest's semihosting SYS_OPEN of a host file was "
                    "refused; give access with --semihosting-root DIR\n");
        if (f)
            f->warned = true;
        EMU_LOG(EMU_LOG_UNIMP, "semihosting: SYS_OPEN of a host file refused (only \":tt\"; "
                "see emucov run --semihosting-root)\n");
        return fail(m, ENOENT);
    }
    return open_file(m, name, mode, len);
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
        if (handle_fd(m, a0) == FD_FREE)
            return fail(m, EBADF);
        if (file_fd(m, a0) >= 0)
            close(file_fd(m, a0));
        m->semihost_files->fd[a0 - H_FILE0] = FD_FREE;
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
        if (is_console(m, a0))
            return 1;
        return file_fd(m, a0) >= 0 ? 0 : fail(m, EBADF);
    case SYS_SEEK: {
        if (!get_arg(m, arg, 0, &a0) || !get_arg(m, arg, 1, &a1))
            return fail(m, EFAULT);
        int fd = file_fd(m, a0);
        if (fd < 0)
            return fail(m, is_console(m, a0) ? ESPIPE : EBADF);
        return lseek(fd, (off_t)a1, SEEK_SET) < 0 ? fail(m, errno) : 0;
    }
    case SYS_FLEN: {
        struct stat st;
        if (!get_arg(m, arg, 0, &a0))
            return fail(m, EFAULT);
        int fd = file_fd(m, a0);
        if (is_console(m, a0))
            return 0;               /* no length: 0, as QEMU's console fstat */
        if (fd < 0)
            return fail(m, EBADF);
        if (fstat(fd, &st) != 0)
            return fail(m, errno);
        return st.st_size > INT32_MAX ? fail(m, EOVERFLOW) : (uint32_t)st.st_size;
    }
    case SYS_REMOVE:
    case SYS_RENAME: {
        char p1[PATH_MAX + 8], p2[PATH_MAX + 8];
        uint32_t a2, a3;
        if (!get_arg(m, arg, 0, &a0) || !get_arg(m, arg, 1, &a1))
            return fail(m, EFAULT);
        if (!m->semihost_files || !m->semihost_files->has_root)
            return fail(m, EACCES);
        int e = host_path(m, a0, a1, p1, sizeof p1);
        if (e)
            return fail(m, e);
        if (op == SYS_REMOVE)
            return unlink(p1) == 0 ? 0 : fail(m, errno);
        if (!get_arg(m, arg, 2, &a2) || !get_arg(m, arg, 3, &a3))
            return fail(m, EFAULT);
        if ((e = host_path(m, a2, a3, p2, sizeof p2)) != 0)
            return fail(m, e);
        return rename(p1, p2) == 0 ? 0 : fail(m, errno);
    }
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
