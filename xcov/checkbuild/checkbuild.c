/* xcov/checkbuild — see checkbuild.h for the rules and where they come from. */
#include "checkbuild.h"

#include <dwarf.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libdwarf.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef EM_RISCV
#define EM_RISCV 243
#endif

static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    if (!err || !errlen)
        return;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* The -O1/-O2 flag set: each must be the last word of its option in the producer. */
static const char *const o2_set[] = {
    "-fno-if-conversion", "-fno-if-conversion2", "-fno-ssa-phiopt", "-fno-tree-ch",
    "-fno-thread-jumps", "--param=logical-op-non-short-circuit=0", NULL,
};

typedef struct Opts {
    char **w;                        /* the producer's options, `--param X` joined as --param=X */
    int n;
} Opts;

static void opts_free(Opts *o)
{
    for (int i = 0; i < o->n; i++)
        free(o->w[i]);
    free(o->w);
}

static int opts_split(const char *s, Opts *o)
{
    o->w = NULL;
    o->n = 0;
    size_t len = strlen(s);
    o->w = calloc(len / 2 + 2, sizeof *o->w);
    if (!o->w)
        return -1;
    const char *p = s;
    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *q = p;
        while (*q && *q != ' ')
            q++;
        char *w = strndup(p, (size_t)(q - p));
        if (!w)
            return -1;
        if (o->n && !strcmp(o->w[o->n - 1], "--param")) {
            char *j = NULL;
            if (asprintf(&j, "--param=%s", w) < 0) {
                free(w);
                return -1;
            }
            free(w);
            free(o->w[o->n - 1]);
            o->w[o->n - 1] = j;
        } else {
            o->w[o->n++] = w;
        }
        p = q;
    }
    return 0;
}

/* Is flag F in effect: present and not overridden later?  "-fno-X" is undone by "-fX";
 * "-name=V" (and "--param=name=V") by a later "-name=W". */
static int has_flag(const Opts *o, const char *f)
{
    int on = 0;
    char opposite[128] = "";
    if (!strncmp(f, "-fno-", 5))
        snprintf(opposite, sizeof opposite, "-f%s", f + 5);
    const char *eq = strrchr(f, '=');
    size_t keylen = eq ? (size_t)(eq - f) + 1 : 0;   /* "-mbranch-cost=", "--param=name=" */
    for (int i = 0; i < o->n; i++) {
        if (!strcmp(o->w[i], f))
            on = 1;
        else if (opposite[0] && !strcmp(o->w[i], opposite))
            on = 0;
        else if (keylen && !strncmp(o->w[i], f, keylen))
            on = 0;
    }
    return on;
}

static void append(char *buf, size_t len, const char *s)
{
    size_t u = strlen(buf);
    if (u < len)
        snprintf(buf + u, len - u, "%s", s);
}

CheckbuildVerdict checkbuild_producer(const char *producer, int machine, char *why,
                                      size_t whylen)
{
    if (why && whylen)
        why[0] = 0;
    if (!producer || !*producer) {
        set_err(why, whylen, "no DW_AT_producer: compiler and flags unknown");
        return CHECKBUILD_WARN;
    }
    if (!strncmp(producer, "GNU AS", 6) || strstr(producer, "Assembler")) {
        set_err(why, whylen, "assembler: no decisions");
        return CHECKBUILD_SKIP;
    }
    if (strncmp(producer, "GNU C", 5) != 0) {
        set_err(why, whylen, "not GCC C: decision maps were studied on GCC 12 only");
        return CHECKBUILD_WARN;
    }
    Opts o;
    if (opts_split(producer, &o) < 0) {
        opts_free(&o);
        set_err(why, whylen, "out of memory");
        return CHECKBUILD_WARN;
    }
    const char *olevel = "-O0";
    int nopts = 0;
    for (int i = 0; i < o.n; i++) {
        if (o.w[i][0] == '-')
            nopts++;
        if (!strncmp(o.w[i], "-O", 2))
            olevel = !strcmp(o.w[i], "-O") ? "-O1" : o.w[i];
    }
    CheckbuildVerdict v = CHECKBUILD_OK;
    if (nopts == 0) {
        set_err(why, whylen, "options not recorded (-gno-record-gcc-switches?): "
                             "cannot tell the optimisation level");
        v = CHECKBUILD_WARN;
    } else if (!strcmp(olevel, "-O0")) {
        set_err(why, whylen, "-O0: one branch per condition");
    } else if (!strcmp(olevel, "-Og")) {
        if (machine != EM_RISCV) {
            set_err(why, whylen, "-Og: one branch per condition");
        } else if (has_flag(&o, "-mbranch-cost=1")) {
            set_err(why, whylen, "-Og with -mbranch-cost=1");
        } else {
            set_err(why, whylen, "-Og on RISC-V merges conditions into branchless code: "
                                 "missing: -mbranch-cost=1");
            v = CHECKBUILD_WARN;
        }
    } else {
        char missing[512] = "";
        for (int i = 0; o2_set[i]; i++)
            if (!has_flag(&o, o2_set[i])) {
                append(missing, sizeof missing, " ");
                append(missing, sizeof missing, o2_set[i]);
            }
        int studied = !strcmp(olevel, "-O1") || !strcmp(olevel, "-O2");
        if (missing[0]) {
            set_err(why, whylen, "%s: if-conversion/phiopt/loop-header copies hide "
                                 "conditions: missing:%s", olevel, missing);
            v = CHECKBUILD_WARN;
        } else if (!studied) {
            set_err(why, whylen, "%s with the flag set: level not studied, maps unverified",
                    olevel);
            v = CHECKBUILD_WARN;
        } else {
            set_err(why, whylen, "%s with the flag set", olevel);
        }
    }
    opts_free(&o);
    return v;
}

static int elf_machine(const char *path, int *machine, int *has_debug, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        set_err(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    elf_version(EV_CURRENT);
    Elf *e = elf_begin(fd, ELF_C_READ, NULL);
    GElf_Ehdr eh;
    if (!e || elf_kind(e) != ELF_K_ELF || !gelf_getehdr(e, &eh)) {
        set_err(err, errlen, "%s: not an ELF file", path);
        if (e)
            elf_end(e);
        close(fd);
        return -1;
    }
    *machine = eh.e_machine;
    *has_debug = 0;
    size_t shstrndx;
    if (elf_getshdrstrndx(e, &shstrndx) == 0) {
        for (Elf_Scn *s = elf_nextscn(e, NULL); s; s = elf_nextscn(e, s)) {
            GElf_Shdr sh;
            const char *name;
            if (gelf_getshdr(s, &sh) && (name = elf_strptr(e, shstrndx, sh.sh_name)) &&
                !strcmp(name, ".debug_info"))
                *has_debug = 1;
        }
    }
    elf_end(e);
    close(fd);
    return 0;
}

int checkbuild_run(const char *elf, FILE *out, char *err, size_t errlen)
{
    int machine = 0, has_debug = 0;
    if (!elf) {
        set_err(err, errlen, "no ELF file given");
        return -1;
    }
    if (elf_machine(elf, &machine, &has_debug, err, errlen) < 0)
        return -1;
    if (!has_debug) {
        fprintf(out, "%s: no DWARF debug information (build with -g): no source coverage, "
                     "no decision maps\n", elf);
        return 1;
    }
    Dwarf_Debug dbg = NULL;
    Dwarf_Error derr = NULL;
    int rc = dwarf_init_path(elf, NULL, 0, DW_DLC_READ, DW_GROUPNUMBER_ANY, NULL, NULL, &dbg,
                             NULL, 0, NULL, &derr);
    if (rc != DW_DLV_OK) {
        set_err(err, errlen, "%s: cannot read DWARF: %s", elf,
                rc == DW_DLV_ERROR ? dwarf_errmsg(derr) : "no debug sections");
        if (rc == DW_DLV_ERROR)
            dwarf_dealloc_error(dbg, derr);
        if (dbg)
            dwarf_finish(dbg, NULL);
        return -1;
    }
    int ncu = 0, nwarn = 0, nok = 0, nskip = 0, result = 0;
    for (;;) {
        Dwarf_Unsigned next = 0;
        Dwarf_Half cu_type = 0;
        rc = dwarf_next_cu_header_d(dbg, 1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                                    &next, &cu_type, &derr);
        if (rc == DW_DLV_NO_ENTRY)
            break;
        if (rc == DW_DLV_ERROR) {
            set_err(err, errlen, "%s: broken DWARF after %d CUs: %s", elf, ncu,
                    dwarf_errmsg(derr));
            dwarf_dealloc_error(dbg, derr);
            result = -1;
            break;
        }
        Dwarf_Die die = NULL;
        if (dwarf_siblingof_b(dbg, NULL, 1, &die, &derr) != DW_DLV_OK) {
            set_err(err, errlen, "%s: compile unit %d has no DIE", elf, ncu);
            result = -1;
            break;
        }
        char *name = NULL, *producer = NULL;
        Dwarf_Attribute at;
        if (dwarf_attr(die, DW_AT_name, &at, &derr) == DW_DLV_OK) {
            if (dwarf_formstring(at, &name, &derr) != DW_DLV_OK)
                name = NULL;
            dwarf_dealloc_attribute(at);
        }
        if (dwarf_attr(die, DW_AT_producer, &at, &derr) == DW_DLV_OK) {
            if (dwarf_formstring(at, &producer, &derr) != DW_DLV_OK)
                producer = NULL;
            dwarf_dealloc_attribute(at);
        }
        char why[640];
        CheckbuildVerdict v = checkbuild_producer(producer, machine, why, sizeof why);
        /* the compiler: the producer up to its first option */
        const char *p = producer ? producer : "?";
        const char *opt = strstr(p, " -");
        int clen = opt ? (int)(opt - p) : (int)strlen(p);
        fprintf(out, "CU %s: %.*s: %s: %s\n", name ? name : "?", clen, p,
                v == CHECKBUILD_OK ? "ok" : v == CHECKBUILD_SKIP ? "skip" : "WARNING", why);
        ncu++;
        nok += v == CHECKBUILD_OK;
        nwarn += v == CHECKBUILD_WARN;
        nskip += v == CHECKBUILD_SKIP;
        dwarf_dealloc_die(die);
    }
    dwarf_finish(dbg, NULL);
    if (result < 0)
        return -1;
    if (ncu == 0) {
        fprintf(out, "%s: no compile units in .debug_info\n", elf);
        return 1;
    }
    fprintf(out, "%s: %d compile units: %d ok, %d with warnings, %d skipped: %s\n", elf, ncu,
            nok, nwarn, nskip,
            nwarn ? "decision maps NOT reliable for the CUs warned about"
                  : "decision maps reliable");
    return nwarn ? 1 : 0;
}
