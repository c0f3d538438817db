/*
 * emu/core/board.c - builds a machine from a board devicetree.
 *
 * Boards are data: emu/boards/NAME.dts compiled by dtc and embedded
 * (`-M NAME`), or a user's .dtb/.dts file (`-M FILE`).  The tree is read with
 * libfdt following the Devicetree Specification v0.4:
 *   /              "model", "emucov,ns-per-insn" (virtual ns per instruction)
 *   /cpus          "timebase-frequency"; one cpu node whose "compatible" (and
 *                  "riscv,isa") selects the CPU model; its child
 *                  "interrupt-controller" is the CPU's own interrupt input
 *   device_type = "memory"           -> RAM, one region per "reg" entry
 *   compatible "mtd-rom"/"emucov,rom" -> ROM
 *   any other compatible known to emu_dev_find() -> a device; its "reg"
 *                  entries are MMIO regions 0..n-1, its "interrupts" (with the
 *                  inherited "interrupt-parent") or "interrupts-extended" are
 *                  resolved through the parent controller's irq_in
 *   other nodes with a compatible and a "reg" -> an "unimplemented device"
 *                  that reads 0 and logs under unimp (a defined hole)
 * Addresses go through the "ranges" of every ancestor bus.  Errors name the
 * board source and the node: "board virt.dts: /soc/uart@10000000: reg missing".
 */
#include "machine.h"
#include "emu/dev/devices.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <libfdt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct BoardDev {
    int node;
    const DevClass *cls;
    void *state;
    bool done;
} BoardDev;

typedef struct Board {
    EmuMachine *m;
    const void *fdt;
    const char *src;          /* "virt.dts" or the file name, for errors */
    char *err;
    size_t errlen;
    int cpu_node, intc_node;
    BoardDev devs[EMU_MAX_DEVICES];
    unsigned ndevs;
} Board;

static bool fail(Board *b, int node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool fail(Board *b, int node, const char *fmt, ...)
{
    char path[256] = "/";
    char msg[384];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (node > 0 && fdt_get_path(b->fdt, node, path, sizeof(path)) != 0)
        snprintf(path, sizeof(path), "(node at offset %d)", node);
    snprintf(b->err, b->errlen, "board %s: %s: %s", b->src, path, msg);
    return false;
}

static const char *prop_str(const void *fdt, int node, const char *name)
{
    int len;
    const char *s = fdt_getprop(fdt, node, name, &len);
    return (s && len > 0 && s[len - 1] == '\0') ? s : NULL;
}

static bool prop_u32(const void *fdt, int node, const char *name, uint32_t *val)
{
    int len;
    const fdt32_t *p = fdt_getprop(fdt, node, name, &len);
    if (!p || len != 4)
        return false;
    *val = fdt32_to_cpu(*p);
    return true;
}

static bool is_compatible(const void *fdt, int node, const char *compat)
{
    return fdt_node_check_compatible(fdt, node, compat) == 0;
}

static bool is_disabled(const void *fdt, int node)
{
    const char *s = prop_str(fdt, node, "status");
    return s && strcmp(s, "okay") != 0 && strcmp(s, "ok") != 0;
}

/* Bus errors start with the region name, which is the node path that
 * fail() prints already. */
static const char *strip_name(const char *msg, const char *name)
{
    size_t n = strlen(name);
    return strncmp(msg, name, n) == 0 && msg[n] == ' ' ? msg + n + 1 : msg;
}

static uint64_t read_cells(const fdt32_t *p, int n)
{
    uint64_t v = 0;
    for (int i = 0; i < n; i++)
        v = (v << 32) | fdt32_to_cpu(p[i]);
    return v;
}

/* Translate a bus address of `node`'s children to a CPU physical address
 * through the "ranges" of `bus` and its ancestors. */
static bool translate(Board *b, int node, int bus, uint64_t *addr)
{
    const void *fdt = b->fdt;
    while (bus > 0) {
        int len;
        const fdt32_t *r = fdt_getprop(fdt, bus, "ranges", &len);
        int parent = fdt_parent_offset(fdt, bus);
        if (r && len > 0) {
            int cac = fdt_address_cells(fdt, bus), csc = fdt_size_cells(fdt, bus);
            int pac = fdt_address_cells(fdt, parent);
            int ent = cac + pac + csc;
            bool found = false;
            for (int i = 0; ent > 0 && (i + ent) * 4 <= len; i += ent) {
                uint64_t cba = read_cells(r + i, cac);
                uint64_t pba = read_cells(r + i + cac, pac);
                uint64_t sz = read_cells(r + i + cac + pac, csc);
                if (*addr >= cba && *addr - cba < sz) {
                    *addr = *addr - cba + pba;
                    found = true;
                    break;
                }
            }
            if (!found)
                return fail(b, node, "address 0x%llx is outside the ranges of its bus",
                            (unsigned long long)*addr);
        }
        bus = parent;
    }
    return true;
}

/* Parse "reg" into (base, size) pairs. */
static bool parse_reg(Board *b, int node, uint32_t *base, uint32_t *size,
                      unsigned max, unsigned *n, bool required)
{
    const void *fdt = b->fdt;
    int parent = fdt_parent_offset(fdt, node);
    int ac = fdt_address_cells(fdt, parent), sc = fdt_size_cells(fdt, parent);
    int len;
    const fdt32_t *p = fdt_getprop(fdt, node, "reg", &len);
    *n = 0;
    if (!p) {
        if (required)
            return fail(b, node, "reg missing");
        return true;
    }
    if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
        return fail(b, node, "unsupported #address-cells %d / #size-cells %d of the parent", ac, sc);
    int ent = ac + sc;
    if (len == 0 || len % (ent * 4) != 0)
        return fail(b, node, "reg has %d bytes, not a multiple of %d (#address-cells %d + #size-cells %d)",
                    len, ent * 4, ac, sc);
    for (int i = 0; i < len / 4; i += ent) {
        uint64_t a = read_cells(p + i, ac), s = read_cells(p + i + ac, sc);
        if (!translate(b, node, parent, &a))
            return false;
        if (s == 0 || a + s > ((uint64_t)1 << 32))
            return fail(b, node, "reg [0x%llx, +0x%llx) is not inside the 32-bit address space",
                        (unsigned long long)a, (unsigned long long)s);
        if (*n >= max)
            return fail(b, node, "more than %u reg entries", max);
        base[*n] = (uint32_t)a;
        size[*n] = (uint32_t)s;
        (*n)++;
    }
    return true;
}

/* ---------------------------------------------------------------------- */
/* CPU */

static bool load_cpu(Board *b)
{
    const void *fdt = b->fdt;
    EmuMachine *m = b->m;
    int cpus = fdt_path_offset(fdt, "/cpus");
    if (cpus < 0)
        return fail(b, 0, "no /cpus node");
    uint32_t tb;
    if (prop_u32(fdt, cpus, "timebase-frequency", &tb))
        m->timebase_hz = tb;
    int cpu = -1, node;
    fdt_for_each_subnode(node, fdt, cpus) {
        const char *dt = prop_str(fdt, node, "device_type");
        if (!dt || strcmp(dt, "cpu") != 0 || is_disabled(fdt, node))
            continue;
        if (cpu >= 0)
            return fail(b, node, "only one CPU is supported");
        cpu = node;
    }
    if (cpu < 0)
        return fail(b, cpus, "no cpu node (device_type = \"cpu\")");
    b->cpu_node = cpu;
    /* a cpu node may carry its own timebase (devicetree spec 3.8) */
    if (prop_u32(fdt, cpu, "timebase-frequency", &tb))
        m->timebase_hz = tb;
    const char *isa = prop_str(fdt, cpu, "riscv,isa");
    if (isa && strncmp(isa, "rv32", 4) != 0)
        return fail(b, cpu, "riscv,isa \"%s\": only rv32 cores are supported", isa);
    int len;
    const char *compat = fdt_getprop(fdt, cpu, "compatible", &len);
    if (!compat || len <= 0)
        return fail(b, cpu, "compatible missing");
    const EmuCpuClass *cls = NULL;
    for (const char *s = compat; s < compat + len && !cls; s += strlen(s) + 1)
        cls = emu_cpu_class_find(s);
    if (!cls)
        return fail(b, cpu, "no CPU model for compatible \"%s\"", compat);
    char cerr[256] = "";
    m->cpu_class = cls;
    m->cpu = cls->create(m, fdt, cpu, cerr, sizeof(cerr));
    if (!m->cpu)
        return fail(b, cpu, "%s", cerr[0] ? cerr : "CPU creation failed");
    b->intc_node = -1;
    fdt_for_each_subnode(node, fdt, cpu) {
        if (fdt_getprop(fdt, node, "interrupt-controller", NULL)) {
            b->intc_node = node;
            break;
        }
    }
    return true;
}

/* ---------------------------------------------------------------------- */
/* Interrupts */

static BoardDev *dev_at(Board *b, int node)
{
    for (unsigned i = 0; i < b->ndevs; i++)
        if (b->devs[i].node == node)
            return &b->devs[i];
    return NULL;
}

static bool resolve_irq(Board *b, int node, int ctrl, uint32_t spec, EmuIrq *out)
{
    char cpath[256] = "?";
    fdt_get_path(b->fdt, ctrl, cpath, sizeof(cpath));
    memset(out, 0, sizeof(*out));
    if (ctrl == b->intc_node || ctrl == b->cpu_node) {
        if (!b->m->cpu_class->irq_in || !b->m->cpu_class->irq_in(b->m->cpu, spec, out))
            return fail(b, node, "interrupt %u not accepted by the CPU (%s)", spec, cpath);
        return true;
    }
    BoardDev *d = dev_at(b, ctrl);
    if (d && d->cls == &emu_dev_unimp) {
        /* A controller without a model: the line stays unconnected. */
        EMU_LOG(EMU_LOG_UNIMP, "board: interrupt %u to unimplemented %s not connected\n",
                spec, cpath);
        return true;
    }
    if (!d || !d->cls->irq_in)
        return fail(b, node, "interrupt parent %s is not a supported interrupt controller", cpath);
    if (!d->done)
        return fail(b, node, "interrupt parent %s is not initialised yet (controller cycle?)", cpath);
    if (!d->cls->irq_in(d->state, spec, out))
        return fail(b, node, "interrupt %u not accepted by %s", spec, cpath);
    return true;
}

static int interrupt_cells(Board *b, int ctrl, int node)
{
    uint32_t n;
    if (!prop_u32(b->fdt, ctrl, "#interrupt-cells", &n) || n < 1 || n > 4) {
        fail(b, node, "interrupt controller lacks a valid #interrupt-cells");
        return -1;
    }
    return (int)n;
}

static bool parse_irqs(Board *b, int node, DevConfig *cfg)
{
    const void *fdt = b->fdt;
    int len;
    const fdt32_t *p = fdt_getprop(fdt, node, "interrupts-extended", &len);
    if (p) {
        for (int i = 0; i < len / 4;) {
            int ctrl = fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(p[i]));
            if (ctrl < 0)
                return fail(b, node, "interrupts-extended: phandle %u not found", fdt32_to_cpu(p[i]));
            int cells = interrupt_cells(b, ctrl, node);
            if (cells < 0)
                return false;
            if (i + 1 + cells > len / 4)
                return fail(b, node, "interrupts-extended is truncated");
            if (cfg->nirq_out >= 32)
                return fail(b, node, "more than 32 interrupts");
            if (!resolve_irq(b, node, ctrl, fdt32_to_cpu(p[i + 1]), &cfg->irq_out[cfg->nirq_out++]))
                return false;
            i += 1 + cells;
        }
        return true;
    }
    p = fdt_getprop(fdt, node, "interrupts", &len);
    if (!p)
        return true;
    int ctrl = -1;
    for (int n = node; n >= 0; n = fdt_parent_offset(fdt, n)) {
        uint32_t ph;
        if (prop_u32(fdt, n, "interrupt-parent", &ph)) {
            ctrl = fdt_node_offset_by_phandle(fdt, ph);
            if (ctrl < 0)
                return fail(b, node, "interrupt-parent phandle %u not found", ph);
            break;
        }
        if (n == 0)
            break;
    }
    if (ctrl < 0)
        return fail(b, node, "interrupts without an interrupt-parent");
    int cells = interrupt_cells(b, ctrl, node);
    if (cells < 0)
        return false;
    if (len % (cells * 4) != 0)
        return fail(b, node, "interrupts length is not a multiple of #interrupt-cells");
    for (int i = 0; i < len / 4; i += cells) {
        if (cfg->nirq_out >= 32)
            return fail(b, node, "more than 32 interrupts");
        if (!resolve_irq(b, node, ctrl, fdt32_to_cpu(p[i]), &cfg->irq_out[cfg->nirq_out++]))
            return false;
    }
    return true;
}

/* ---------------------------------------------------------------------- */
/* Devices and memory */

static bool create_device(Board *b, BoardDev *d)
{
    EmuMachine *m = b->m;
    DevConfig cfg;
    char path[256];
    memset(&cfg, 0, sizeof(cfg));
    if (fdt_get_path(b->fdt, d->node, path, sizeof(path)) != 0)
        snprintf(path, sizeof(path), "?");
    cfg.name = path;
    cfg.fdt = b->fdt;
    cfg.node = d->node;
    bool unimp = d->cls == &emu_dev_unimp;
    if (!parse_reg(b, d->node, cfg.base, cfg.size, 4, &cfg.nregions, !unimp))
        return false;
    if (!unimp && !parse_irqs(b, d->node, &cfg))
        return false;
    d->state = calloc(1, d->cls->state_size ? d->cls->state_size : 1);
    if (!d->state)
        return fail(b, d->node, "out of memory");
    char derr[256] = "";
    if (!emu_machine_add_device(m, d->cls, d->state, path, derr, sizeof(derr))) {
        free(d->state);
        return fail(b, d->node, "%s", derr);
    }
    /* From here the machine owns the state (freed with it). */
    if (d->cls->init && d->cls->init(d->state, m, &cfg, derr, sizeof(derr)) != 0)
        return fail(b, d->node, "%s", derr[0] ? derr : "device initialisation failed");
    for (unsigned i = 0; i < cfg.nregions; i++) {
        if (!emu_bus_map_mmio(m, path, cfg.base[i], cfg.size[i], d->cls, d->state, i,
                              derr, sizeof(derr)))
            return fail(b, d->node, "%s", strip_name(derr, path));
    }
    if (unimp)
        EMU_LOG(EMU_LOG_UNIMP, "board: %s has no device model: mapped as unimplemented\n", path);
    d->done = true;
    return true;
}

static bool map_memory(Board *b, int node, bool readonly)
{
    uint32_t base[4], size[4];
    unsigned n;
    char path[128], err[256];
    if (!parse_reg(b, node, base, size, 4, &n, true))
        return false;
    fdt_get_path(b->fdt, node, path, sizeof(path));
    for (unsigned i = 0; i < n; i++)
        if (!emu_bus_map_ram(b->m, path, base[i], size[i], readonly, err, sizeof(err)))
            return fail(b, node, "%s", strip_name(err, path));
    return true;
}

static bool in_subtree(const void *fdt, int node, int root)
{
    for (int n = node; n > 0; n = fdt_parent_offset(fdt, n))
        if (n == root)
            return true;
    return false;
}

static bool walk(Board *b)
{
    const void *fdt = b->fdt;
    int cpus = fdt_path_offset(fdt, "/cpus");
    int chosen = fdt_path_offset(fdt, "/chosen");
    int aliases = fdt_path_offset(fdt, "/aliases");
    int depth = 0;
    for (int node = fdt_next_node(fdt, 0, &depth); node >= 0 && depth > 0;
         node = fdt_next_node(fdt, node, &depth)) {
        if ((cpus >= 0 && in_subtree(fdt, node, cpus)) ||
            (chosen >= 0 && in_subtree(fdt, node, chosen)) ||
            (aliases >= 0 && in_subtree(fdt, node, aliases)))
            continue;
        if (is_disabled(fdt, node))
            continue;
        const char *dt = prop_str(fdt, node, "device_type");
        if (dt && strcmp(dt, "memory") == 0) {
            if (!map_memory(b, node, false))
                return false;
            continue;
        }
        int len;
        const char *compat = fdt_getprop(fdt, node, "compatible", &len);
        if (!compat || len <= 0)
            continue;
        if (is_compatible(fdt, node, "mtd-rom") || is_compatible(fdt, node, "emucov,rom")) {
            if (!map_memory(b, node, true))
                return false;
            continue;
        }
        const DevClass *cls = NULL;
        for (const char *s = compat; s < compat + len && !cls; s += strlen(s) + 1)
            cls = emu_dev_find(s);
        if (!cls) {
            /* Buses and reg-less nodes are structure, not holes. */
            if (is_compatible(fdt, node, "simple-bus") || !fdt_getprop(fdt, node, "reg", NULL))
                continue;
            cls = &emu_dev_unimp;
        }
        if (b->ndevs >= EMU_MAX_DEVICES)
            return fail(b, node, "too many devices (at most %d)", EMU_MAX_DEVICES);
        b->devs[b->ndevs++] = (BoardDev){ .node = node, .cls = cls };
    }
    /* Interrupt controllers first (in tree order), so that every consumer
     * finds its parent initialised. */
    for (int pass = 0; pass < 2; pass++) {
        for (unsigned i = 0; i < b->ndevs; i++) {
            BoardDev *d = &b->devs[i];
            bool ctrl = fdt_getprop(fdt, d->node, "interrupt-controller", NULL) != NULL;
            if (d->done || ctrl != (pass == 0))
                continue;
            if (!create_device(b, d))
                return false;
        }
    }
    return true;
}

/* ---------------------------------------------------------------------- */
/* Finding the blob */

static void *read_file(const char *path, size_t *size, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY);
    struct stat st;
    if (fd < 0) {
        snprintf(err, errlen, "board %s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > (64 << 20)) {
        snprintf(err, errlen, "board %s: not a regular file of reasonable size", path);
        close(fd);
        return NULL;
    }
    char *buf = malloc((size_t)st.st_size + 1);
    size_t got = 0;
    while (buf && got < (size_t)st.st_size) {
        ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    close(fd);
    if (!buf || got != (size_t)st.st_size) {
        free(buf);
        snprintf(err, errlen, "board %s: read error", path);
        return NULL;
    }
    *size = got;
    return buf;
}

/* Compile a .dts with dtc into a malloc'd blob. */
static void *compile_dts(const char *path, size_t *size, char *err, size_t errlen)
{
    char out[] = "/tmp/emucov-board-XXXXXX";
    int ofd = mkstemp(out);
    if (ofd < 0) {
        snprintf(err, errlen, "board %s: cannot create a temporary file: %s", path, strerror(errno));
        return NULL;
    }
    close(ofd);
    int pipefd[2];
    if (pipe(pipefd) != 0) {
        unlink(out);
        snprintf(err, errlen, "board %s: pipe: %s", path, strerror(errno));
        return NULL;
    }
    pid_t pid = fork();
    if (pid == 0) {
        dup2(pipefd[1], 2);
        close(pipefd[0]);
        close(pipefd[1]);
        int devnull = open("/dev/null", O_RDWR);
        if (devnull >= 0)
            dup2(devnull, 1);
        execlp("dtc", "dtc", "-q", "-I", "dts", "-O", "dtb", "-o", out, path, (char *)NULL);
        dprintf(2, "cannot run dtc (package device-tree-compiler): %s\n", strerror(errno));
        _exit(127);
    }
    close(pipefd[1]);
    char msg[512];
    size_t mlen = 0;
    ssize_t n;
    while ((n = read(pipefd[0], msg + mlen, sizeof(msg) - 1 - mlen)) > 0 ||
           (n < 0 && errno == EINTR))
        if (n > 0)
            mlen += (size_t)n;
    close(pipefd[0]);
    msg[mlen] = '\0';
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        msg[strcspn(msg, "\n")] = '\0';
        snprintf(err, errlen, "board %s: dtc failed: %s", path, msg[0] ? msg : "unknown error");
        unlink(out);
        return NULL;
    }
    void *blob = read_file(out, size, err, errlen);
    unlink(out);
    return blob;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

static const EmuBuiltinBoard *builtin(const char *name)
{
    for (const EmuBuiltinBoard *bb = emu_builtin_boards; bb->name; bb++)
        if (strcmp(bb->name, name) == 0)
            return bb;
    return NULL;
}

bool emu_board_load(EmuMachine *m, const char *name_or_path, char *err, size_t errlen)
{
    const EmuBuiltinBoard *bb = builtin(name_or_path);
    void *blob = NULL;
    size_t size = 0;
    const char *src;
    if (bb) {
        blob = malloc(bb->size);
        if (!blob) {
            snprintf(err, errlen, "board %s: out of memory", bb->name);
            return false;
        }
        memcpy(blob, bb->dtb, bb->size);
        size = bb->size;
        src = bb->source;
        snprintf(m->board_name, sizeof(m->board_name), "%s", bb->name);
    } else {
        struct stat st;
        if (!strchr(name_or_path, '/') && !ends_with(name_or_path, ".dtb") &&
            !ends_with(name_or_path, ".dts") && stat(name_or_path, &st) != 0) {
            snprintf(err, errlen, "unknown board '%s' (-M help lists the boards)", name_or_path);
            return false;
        }
        if (ends_with(name_or_path, ".dts")) {
            if (access(name_or_path, R_OK) != 0) {
                snprintf(err, errlen, "board %s: cannot open: %s", name_or_path, strerror(errno));
                return false;
            }
            blob = compile_dts(name_or_path, &size, err, errlen);
        } else {
            blob = read_file(name_or_path, &size, err, errlen);
        }
        if (!blob)
            return false;
        const char *base = strrchr(name_or_path, '/');
        base = base ? base + 1 : name_or_path;
        src = name_or_path;
        snprintf(m->board_name, sizeof(m->board_name), "%.*s",
                 (int)strcspn(base, "."), base);
    }
    /* Full structural check: a user's blob is untrusted input. */
    if (size < sizeof(struct fdt_header) || fdt_check_header(blob) != 0 ||
        fdt_totalsize(blob) > size || fdt_check_full(blob, size) != 0) {
        snprintf(err, errlen, "board %s: not a valid devicetree blob", src);
        free(blob);
        return false;
    }
    free(m->fdt);
    m->fdt = blob;

    Board b = { .m = m, .fdt = blob, .src = src, .err = err, .errlen = errlen,
                .cpu_node = -1, .intc_node = -1 };
    const char *model = prop_str(blob, 0, "model");
    snprintf(m->board_model, sizeof(m->board_model), "%s", model ? model : m->board_name);
    uint32_t npi;
    if (prop_u32(blob, 0, "emucov,ns-per-insn", &npi)) {
        if (npi == 0)
            return fail(&b, 0, "emucov,ns-per-insn must be at least 1");
        m->ns_per_insn = npi;
    }
    if (!load_cpu(&b) || !walk(&b))
        return false;
    bool has_ram = false;
    for (unsigned i = 0; i < m->nregions; i++)
        has_ram |= m->regions[i].host != NULL;
    if (!has_ram)
        return fail(&b, 0, "no memory node (device_type = \"memory\")");
    emu_machine_reset_devices(m);
    return true;
}

static void describe(const void *fdt, char *isa, size_t isalen)
{
    int cpus = fdt_path_offset(fdt, "/cpus"), node;
    snprintf(isa, isalen, "?");
    if (cpus < 0)
        return;
    fdt_for_each_subnode(node, fdt, cpus) {
        const char *s = prop_str(fdt, node, "riscv,isa");
        if (!s)
            s = prop_str(fdt, node, "compatible");
        if (s) {
            snprintf(isa, isalen, "%s", s);
            return;
        }
    }
}

void emu_board_print_list(FILE *out)
{
    fprintf(out, "Supported boards (-M NAME, or -M FILE.dtb / FILE.dts):\n");
    for (const EmuBuiltinBoard *bb = emu_builtin_boards; bb->name; bb++) {
        char isa[64];
        describe(bb->dtb, isa, sizeof(isa));
        const char *model = prop_str(bb->dtb, 0, "model");
        fprintf(out, "%-12s %-26s %s\n", bb->name, isa, model ? model : "");
    }
}

const char *emu_board_default_for(const EmuElfInfo *info)
{
    switch (info->machine) {
    case EM_RISCV:
        return "virt";
    case EM_ARM:
        return info->arm_m4 ? "mps2-an386" : "mps2-an385";
    default:
        return NULL;
    }
}
