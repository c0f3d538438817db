/*
 * xcov/engine.c - traces + ELF + sources -> CovReport (see xcov.h).
 *
 * 1. Traces are replayed as streams.  Each distinct executed block (start
 *    pc, size; or start pc and retired prefix for a block cut short by an
 *    event) gets one counter entry: executions and, for blocks ending in a
 *    conditional branch, taken / not-taken counts.  A per-trace table maps
 *    the trace's block ids to entries.  Memory is proportional to the number
 *    of distinct blocks, not to the trace length.
 * 2. The whole code of every function (ELF FUNC symbols and DWARF
 *    subprogram ranges, clipped to executable sections), plus any executed
 *    block outside them, is decoded with the trace's IsaOps.  ARM data
 *    mapping symbols ($d) mark literal pools, which are skipped.
 * 3. The entries are expanded to instructions: a block [pc, pc+size)
 *    executed marks all its instructions; a partial block only its retired
 *    prefix; a conditional block's outcomes go to its last instruction.
 * 4. Instructions map to source through the DWARF line table (the row that
 *    covers the address, as addr2line chooses it) and, at level stmt, to C
 *    statements: the instruction's row position, the positions of the
 *    zero-length rows at its address and the call sites of the inlined
 *    frames containing it are each attributed to the innermost statement
 *    whose extent contains them.
 * 5. Exemptions (xcov/exempt.h, docs/coverage-semantics.md §6) are read from
 *    each source's comments; every obligation is still computed, then counted
 *    either in the level's counters or, when exempted, in `exempted` and in
 *    its exemption; region lines end up '#' or '*'.
 */
#include "xcov/xcov.h"

#include <dwarf.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <gelf.h>
#include <libelf.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "emu/isa/isa.h"
#include "symbolize/symbolize.h"
#include "tracer/trace.h"
#include "xcov/exempt.h"
#ifdef XCOV_HAVE_LIBCLANG
#include "dmap.h"
#endif

#ifndef EMUCOV_VERSION
#define EMUCOV_VERSION "0"
#endif

/* ---- small helpers ------------------------------------------------------ */

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "xcov: out of memory\n");
        exit(70);
    }
    return q;
}

static void *xcalloc(size_t n, size_t sz)
{
    void *q = calloc(n ? n : 1, sz);
    if (!q) {
        fprintf(stderr, "xcov: out of memory\n");
        exit(70);
    }
    return q;
}

static char *xstrdup(const char *s)
{
    char *d = strdup(s ? s : "");
    if (!d) {
        fprintf(stderr, "xcov: out of memory\n");
        exit(70);
    }
    return d;
}

static char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    char *s = NULL;
    va_start(ap, fmt);
    if (vasprintf(&s, fmt, ap) < 0) {
        fprintf(stderr, "xcov: out of memory\n");
        exit(70);
    }
    va_end(ap);
    return s;
}

#define GROW(arr, n, cap)                                                        \
    do {                                                                         \
        if ((n) >= (cap)) {                                                      \
            (cap) = (cap) ? (cap) * 2 : 64;                                      \
            (arr) = xrealloc((arr), (size_t)(cap) * sizeof *(arr));              \
        }                                                                        \
    } while (0)

static void add_note(CovReport *r, char *note)
{
    r->notes = xrealloc(r->notes, (r->nnotes + 1) * sizeof *r->notes);
    r->notes[r->nnotes++] = note;
}

static void hex32(const uint8_t *h, char *out)
{
    for (int i = 0; i < 32; i++)
        sprintf(out + 2 * i, "%02x", h[i]);
}

/* ---- block counters ----------------------------------------------------- */

typedef struct Entry {
    uint64_t pc;
    uint32_t size, ninsns;
    uint32_t retired;        /* partial: instructions retired; else ninsns */
    int kind;
    bool partial;
    uint64_t exec, taken, not_taken;
} Entry;

typedef struct Entries {
    Entry *e;
    size_t n, cap;
    uint32_t *tab;           /* open addressing: index + 1, 0 = empty */
    size_t tabcap;
} Entries;

static uint64_t entry_hash(uint64_t pc, uint32_t size, uint32_t retired, bool partial)
{
    uint64_t h = pc * 0x9E3779B97F4A7C15ull;
    h ^= ((uint64_t)size << 32 | retired) * 0xC2B2AE3D27D4EB4Full;
    h ^= partial ? 0x165667B19E3779F9ull : 0;
    return h ^ (h >> 29);
}

static void entries_rehash(Entries *es)
{
    size_t nc = es->tabcap ? es->tabcap * 2 : 1024;
    free(es->tab);
    es->tab = xcalloc(nc, sizeof *es->tab);
    es->tabcap = nc;
    for (size_t i = 0; i < es->n; i++) {
        Entry *e = &es->e[i];
        size_t h = entry_hash(e->pc, e->size, e->retired, e->partial) & (nc - 1);
        while (es->tab[h])
            h = (h + 1) & (nc - 1);
        es->tab[h] = (uint32_t)i + 1;
    }
}

static uint32_t entry_get(Entries *es, const TraceBlockDef *d, bool partial, uint32_t retired)
{
    if (!partial)
        retired = d->ninsns;
    if (2 * (es->n + 1) > es->tabcap)
        entries_rehash(es);
    size_t h = entry_hash(d->pc, d->size, retired, partial) & (es->tabcap - 1);
    while (es->tab[h]) {
        Entry *e = &es->e[es->tab[h] - 1];
        if (e->pc == d->pc && e->size == d->size && e->retired == retired &&
            e->partial == partial)
            return es->tab[h] - 1;
        h = (h + 1) & (es->tabcap - 1);
    }
    GROW(es->e, es->n, es->cap);
    Entry *e = &es->e[es->n];
    memset(e, 0, sizeof *e);
    e->pc = d->pc;
    e->size = d->size;
    e->ninsns = d->ninsns;
    e->retired = retired;
    e->kind = d->kind;
    e->partial = partial;
    es->tab[h] = (uint32_t)es->n + 1;
    return (uint32_t)es->n++;
}

/* ---- the engine state ------------------------------------------------------ */

typedef struct CodeSec {
    uint64_t addr, size;
    uint8_t *data;
} CodeSec;

typedef struct Range {
    uint64_t lo, hi;
} Range;

typedef struct Mapsym {
    uint64_t addr;
    bool data;
} Mapsym;

typedef struct ZeroRow {       /* a zero-length line row */
    uint64_t addr;
    uint32_t file, line, column;
} ZeroRow;

typedef struct SrcFile {       /* one distinct source file */
    char *path;                /* normalised */
    bool available;
    char **text;
    unsigned ntext;
    unsigned maxline;
    bool used;                 /* has code */
    bool excluded;             /* left out by --include/--exclude */
    int report_index;
    /* statements (indices into sco) and a line index */
    unsigned *stmts;
    unsigned nstmts, capstmts;
    bool have_stmts;
#ifdef XCOV_HAVE_LIBCLANG
    /* decision levels: SCOs, decision map and evaluation vectors */
    ScoFile *dsco;
    DmapFile *dmap;
    DmapVectors *dvec;
#endif
} SrcFile;

typedef struct DecResult {     /* one decision's counters, for the functions */
    int file;                  /* report file index */
    unsigned line;
    CovCounts c;
} DecResult;

typedef struct ExFile {       /* exemptions of one report file */
    int *region;               /* per line (1-based): index in r->exemptions, -1 none */
    unsigned nlines;
    unsigned first, n;         /* its entries in r->exemptions: [first, first + n) */
    unsigned *obligations;     /* per line: exempted obligations attributed to it */
} ExFile;

typedef struct StmtState {
    bool has_code, covered;    /* through is_stmt rows */
    bool weak_code, weak_ran;  /* through non-is_stmt rows only */
    uint64_t count;
    int file;                  /* SrcFile index */
} StmtState;

typedef struct Engine {
    const XcovOptions *o;
    CovReport *r;
    char *err;
    size_t errlen;
    const IsaOps *isa;
    SymFile *sf;
    char *elf_path;
    uint8_t elf_sha[32];
    CodeSec *secs;
    size_t nsecs;
    Entries ent;
    /* decoded instructions: parallel arrays to r->insns */
    IsaFlow *flow;
    uint64_t *taken, *not_taken;
    size_t ninsns, capinsns;
    /* sources */
    SrcFile *files;
    size_t nfiles, capfiles;
    int32_t *symfile_map;      /* sym file id -> files index (-2 = not yet) */
    XcovSco sco;
    StmtState *st;
    DecResult *dres;
    size_t ndres, capdres;
    ExFile *exf;               /* per report file */
    bool *exmatched;           /* per r->exemptions entry: a finer one found its decision */
} Engine;

static int fail(Engine *e, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(Engine *e, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->err, e->errlen, fmt, ap);
    va_end(ap);
    return code;
}

/* ---- traces ------------------------------------------------------------- */

static const IsaOps *isa_by_name(const char *name)
{
    if (!name)
        return NULL;
    if (!strcmp(name, isa_riscv32_ops.name))
        return &isa_riscv32_ops;
    if (!strcmp(name, isa_armv7m_ops.name))
        return &isa_armv7m_ops;
    return NULL;
}

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

/* One replay of a trace: its block ids map to counter entries (at their
 * definition); complete executions are counted per id by the tracer's bulk
 * replay (trace_reader_run) and added to the entries at the end; blocks cut
 * short get their own entries.  At the decision levels the blocks ending at
 * a mapped decision branch are watched, and their executions feed the
 * evaluation vectors in the same pass. */
typedef struct Replay {
    Engine *e;
    uint32_t *idmap;
    size_t idcap;
    int32_t *wfile, *wkey;     /* watched id: file (-2: several) and its handle */
#ifdef XCOV_HAVE_LIBCLANG
    DmapVectors **wvec;        /* watched id in one file: that file's vectors */
#endif
} Replay;

static void replay_def(void *ctx, TraceReader *tr, const TraceBlockDef *d)
{
    Replay *rp = ctx;
    if (d->id >= rp->idcap) {
        size_t nc = rp->idcap ? rp->idcap : 256;
        while (nc <= d->id)
            nc *= 2;
        rp->idmap = xrealloc(rp->idmap, nc * sizeof *rp->idmap);
        rp->wfile = xrealloc(rp->wfile, nc * sizeof *rp->wfile);
        rp->wkey = xrealloc(rp->wkey, nc * sizeof *rp->wkey);
#ifdef XCOV_HAVE_LIBCLANG
        rp->wvec = xrealloc(rp->wvec, nc * sizeof *rp->wvec);
#endif
        rp->idcap = nc;
    }
    rp->idmap[d->id] = entry_get(&rp->e->ent, d, false, 0);
#ifdef XCOV_HAVE_LIBCLANG
    /* a block ending at a mapped decision branch: watched, with the file
     * whose vectors it feeds looked up once */
    rp->wfile[d->id] = -1;
    if (d->kind == ISA_FLOW_COND)
        for (size_t i = 0; i < rp->e->nfiles; i++) {
            int k = rp->e->files[i].dvec ? dmap_vectors_find(rp->e->files[i].dvec,
                                                             d->pc + d->size) : -1;
            if (k < 0)
                continue;
            rp->wfile[d->id] = rp->wfile[d->id] == -1 ? (int32_t)i : -2;
            rp->wkey[d->id] = k;
        }
    rp->wvec[d->id] = rp->wfile[d->id] >= 0 ? rp->e->files[rp->wfile[d->id]].dvec : NULL;
    if (rp->wfile[d->id] != -1)
        trace_reader_watch(tr, d->id);
#else
    (void)tr;
#endif
}

static void replay_partial(void *ctx, const TraceBlockDef *d, uint32_t insns)
{
    Replay *rp = ctx;
    if (insns > 0)
        rp->e->ent.e[entry_get(&rp->e->ent, d, true, insns)].exec++;
}

#ifdef XCOV_HAVE_LIBCLANG
typedef struct WatchCtx {
    Replay rp;
    TraceReader *tr;
} WatchCtx;

/* A branch mapped in several files (rare): out of line, so that the common
 * case saves no registers. */
static __attribute__((noinline)) void replay_watched_all(WatchCtx *w, uint32_t id, int taken)
{
    SrcFile *f = w->rp.e->files;
    const TraceBlockDef *d = trace_reader_block(w->tr, id);
    for (size_t i = 0; i < w->rp.e->nfiles; i++)
        if (f[i].dvec)
            dmap_vectors_branch(f[i].dvec, d->pc + d->size, taken);
}

static void replay_watched(void *ctx, uint32_t id, int taken)
{
    WatchCtx *w = ctx;
    if (w->rp.wvec[id])
        dmap_vectors_branch_at(w->rp.wvec[id], w->rp.wkey[id], taken);
    else
        replay_watched_all(w, id, taken);
}
#endif

/* The trace's SHA-256 (for the report's run record), computed by a second
 * thread while the replay reads the trace. */
typedef struct ShaJob {
    const char *path;
    uint8_t out[32];
} ShaJob;

static void *sha_job(void *p)
{
    ShaJob *j = p;
    if (trace_sha256_file(j->path, j->out) != 0)
        memset(j->out, 0, sizeof j->out);
    return NULL;
}

static int replay_trace(Engine *e, TraceReader *tr, const char *path)
{
    int rc = XCOV_OK;
    ShaJob sha;
    memset(&sha, 0, sizeof sha);
    sha.path = path;
    pthread_t sha_th;
    bool sha_threaded = pthread_create(&sha_th, NULL, sha_job, &sha) == 0;
#ifdef XCOV_HAVE_LIBCLANG
    WatchCtx w = { .rp = { .e = e }, .tr = tr };
    Replay *rp = &w.rp;
    static const TraceRunOps ops = { replay_def, replay_partial, replay_watched, NULL };
#else
    Replay r0 = { .e = e }, *rp = &r0;
    static const TraceRunOps ops = { replay_def, replay_partial, NULL, NULL };
#endif
    TraceItem end;
    int n = trace_reader_run(tr, &ops, rp, &end);
    bool have_end = end.kind == TRACE_ITEM_END;
    for (uint32_t id = 0; id < trace_reader_nblocks(tr) && id < rp->idcap; id++) {
        uint64_t x, t, nt;
        if (!trace_reader_counts(tr, id, &x, &t, &nt) || (!x && !t && !nt))
            continue;
        Entry *en = &e->ent.e[rp->idmap[id]];
        en->exec += x;
        en->taken += t;
        en->not_taken += nt;
    }
    free(rp->idmap);
    free(rp->wfile);
    free(rp->wkey);
#ifdef XCOV_HAVE_LIBCLANG
    free(rp->wvec);
#endif
    const TraceRecovery *rec = trace_reader_recovery(tr);
    CovRun *run;
    e->r->runs = xrealloc(e->r->runs, (e->r->nruns + 1) * sizeof *e->r->runs);
    run = &e->r->runs[e->r->nruns++];
    memset(run, 0, sizeof *run);
    run->trace_path = xstrdup(path);
    {
        const char *b = base_name(path);
        size_t l = strlen(b);
        run->test_name = xstrdup(b);
        if (l > 6 && !strcmp(b + l - 6, ".trace"))
            run->test_name[l - 6] = 0;
    }
    if (sha_threaded)
        pthread_join(sha_th, NULL);
    else
        sha_job(&sha);
    memcpy(run->trace_sha256, sha.out, sizeof sha.out);
    run->elf_path = xstrdup(e->elf_path);
    memcpy(run->elf_sha256, e->elf_sha, 32);
    run->insns = have_end ? end.end.insns : rec->insns;
    run->blocks = have_end && end.end.blocks ? end.end.blocks : rec->blocks;
    if (n < 0) {
        run->damaged = true;
        fprintf(stderr,
                "xcov: %s: %s at file offset %llu: recovered %llu frames, %llu blocks, "
                "%llu instructions%s\n",
                path, rec->damaged ? rec->reason : "no end record (cut short)",
                (unsigned long long)rec->bytes_ok, (unsigned long long)rec->frames_ok,
                (unsigned long long)rec->blocks, (unsigned long long)rec->insns,
                e->o->accept_damaged ? "; using what was recovered (--accept-damaged)" : "");
        if (!e->o->accept_damaged) {
            return fail(e, XCOV_ERR_DAMAGED,
                        "%s is damaged; rerun with --accept-damaged to report the recovered part",
                        path);
        }
        add_note(e->r, xasprintf("trace %s is damaged (%s): only its first %llu blocks were used",
                                 path, rec->damaged ? rec->reason : "no end record",
                                 (unsigned long long)rec->blocks));
    }
    return rc;
}

/* Open a trace, check it against the ELF (the first one names it) and, unless
 * `defer` (the decision levels replay every trace once, later, when the
 * decision maps exist: replay_traces), replay it. */
static int read_trace(Engine *e, const char *path, bool first, bool defer)
{
    int st = 0;
    char msg[512];
    TraceReader *tr = trace_reader_open(path, &st, msg, sizeof msg);
    if (!tr)
        return fail(e, st == TRACE_ERR_NOT_TRACE ? XCOV_ERR_FORMAT : XCOV_ERR_OPEN, "%s", msg);
    const TraceInfo *in = trace_reader_info(tr);
    int rc = XCOV_OK;
    if (e->o->level > COV_LEVEL_STMT && in->mode != TRACE_MODE_HISTORY) {
        rc = fail(e, XCOV_ERR_NEEDS_HISTORY,
                  "%s is a flat trace: level %s needs a history trace (the path of every "
                  "evaluation); rerun emucov with --trace-mode history",
                  path, cov_level_name(e->o->level));
        goto out;
    }

    if (first) {
        const char *elf = e->o->elf ? e->o->elf : in->elf_path;
        if (!elf || !*elf) {
            rc = fail(e, XCOV_ERR_USAGE, "%s names no ELF: use --elf FILE", path);
            goto out;
        }
        e->elf_path = xstrdup(elf);
        /* a relative path in the header is relative to where emucov ran:
         * when it does not exist from here, try the trace's directory */
        if (!e->o->elf && elf[0] != '/' && access(elf, R_OK) != 0 && strchr(path, '/')) {
            char *alt = xasprintf("%.*s/%s", (int)(strrchr(path, '/') - path), path, elf);
            if (access(alt, R_OK) == 0) {
                free(e->elf_path);
                e->elf_path = alt;
            } else {
                free(alt);
            }
        }
        if (trace_sha256_file(e->elf_path, e->elf_sha) != 0) {
            rc = fail(e, XCOV_ERR_OPEN, "%s: cannot read the ELF %s: %s%s", path, elf,
                      strerror(errno), e->o->elf ? "" : " (use --elf FILE)");
            goto out;
        }
        e->isa = isa_by_name(in->isa);
        if (!e->isa) {
            rc = fail(e, XCOV_ERR_FORMAT, "%s: unknown ISA '%s'", path, in->isa ? in->isa : "");
            goto out;
        }
        e->r->isa = xstrdup(in->isa);
    } else if (!in->isa || strcmp(in->isa, e->isa->name) != 0) {
        rc = fail(e, XCOV_ERR_FORMAT, "%s: ISA %s differs from the first trace's (%s)", path,
                  in->isa ? in->isa : "?", e->isa->name);
        goto out;
    }
    if (memcmp(in->elf_sha256, e->elf_sha, 32) != 0) {
        char a[65], b[65];
        hex32(in->elf_sha256, a);
        hex32(e->elf_sha, b);
        rc = fail(e, XCOV_ERR_ELF_MISMATCH,
                  "%s was made from %s (sha256 %.16s...), not from %s (sha256 %.16s...): "
                  "refusing to mix them",
                  path, in->elf_path ? in->elf_path : "?", a, e->elf_path, b);
        goto out;
    }

    if (!defer)
        rc = replay_trace(e, tr, path);
out:
    trace_reader_close(tr);
    return rc;
}

/* ---- ELF code ----------------------------------------------------------- */

static int read_code(Engine *e)
{
    int fd = open(e->elf_path, O_RDONLY);
    if (fd < 0)
        return fail(e, XCOV_ERR_OPEN, "%s: %s", e->elf_path, strerror(errno));
    elf_version(EV_CURRENT);
    Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
    if (!elf || elf_kind(elf) != ELF_K_ELF) {
        if (elf)
            elf_end(elf);
        close(fd);
        return fail(e, XCOV_ERR_FORMAT, "%s: not an ELF file", e->elf_path);
    }
    Elf_Scn *scn = NULL;
    size_t cap = 0;
    while ((scn = elf_nextscn(elf, scn)) != NULL) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh))
            continue;
        if (sh.sh_type != SHT_PROGBITS || !(sh.sh_flags & SHF_EXECINSTR) ||
            !(sh.sh_flags & SHF_ALLOC) || sh.sh_size == 0)
            continue;
        Elf_Data *d = elf_getdata(scn, NULL);
        if (!d || !d->d_buf || d->d_size < sh.sh_size)
            continue;
        GROW(e->secs, e->nsecs, cap);
        CodeSec *c = &e->secs[e->nsecs++];
        c->addr = sh.sh_addr;
        c->size = sh.sh_size;
        c->data = xrealloc(NULL, sh.sh_size);
        memcpy(c->data, d->d_buf, sh.sh_size);
    }
    elf_end(elf);
    close(fd);
    if (e->nsecs == 0)
        return fail(e, XCOV_ERR_FORMAT, "%s: no executable code section", e->elf_path);
    return XCOV_OK;
}

static const CodeSec *sec_at(const Engine *e, uint64_t a)
{
    for (size_t i = 0; i < e->nsecs; i++)
        if (a >= e->secs[i].addr && a - e->secs[i].addr < e->secs[i].size)
            return &e->secs[i];
    return NULL;
}

static int cmp_range(const void *a, const void *b)
{
    const Range *x = a, *y = b;
    if (x->lo != y->lo)
        return x->lo < y->lo ? -1 : 1;
    return x->hi < y->hi ? -1 : x->hi > y->hi;
}

static int cmp_mapsym(const void *a, const void *b)
{
    const Mapsym *x = a, *y = b;
    return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static void add_range(Range **v, size_t *n, size_t *cap, uint64_t lo, uint64_t hi)
{
    if (hi <= lo)
        return;
    GROW(*v, *n, *cap);
    (*v)[(*n)++] = (Range){lo, hi};
}

/* Decode every function and every executed block. */
static void decode_code(Engine *e)
{
    CovReport *r = e->r;
    Range *rg = NULL;
    size_t nrg = 0, caprg = 0;
    size_t nsym = sym_symbol_count(e->sf);
    Mapsym *ms = NULL;
    size_t nms = 0, capms = 0;
    for (size_t i = 0; i < nsym; i++) {
        const SymSymbol *s = sym_symbol(e->sf, i);
        if (s->name && s->name[0] == '$' &&
            (s->name[1] == 'd' || s->name[1] == 't' || s->name[1] == 'a' || s->name[1] == 'x') &&
            (s->name[2] == 0 || s->name[2] == '.')) {
            GROW(ms, nms, capms);
            ms[nms++] = (Mapsym){s->value, s->name[1] == 'd'};
            continue;
        }
        if (s->type == STT_FUNC && s->size > 0 && sec_at(e, s->value))
            add_range(&rg, &nrg, &caprg, s->value, s->value + s->size);
    }
    size_t nfn = sym_function_count(e->sf);
    for (size_t i = 0; i < nfn; i++) {
        const SymFunction *fn = sym_function(e->sf, i);
        if (fn->inlined)
            continue;
        for (size_t k = 0; k < fn->range_count; k++)
            if (sec_at(e, fn->ranges[k].lo))
                add_range(&rg, &nrg, &caprg, fn->ranges[k].lo, fn->ranges[k].hi);
    }
    for (size_t i = 0; i < e->ent.n; i++) {
        const Entry *en = &e->ent.e[i];
        if (en->exec && sec_at(e, en->pc))
            add_range(&rg, &nrg, &caprg, en->pc, en->pc + en->size);
    }
    if (nrg)
        qsort(rg, nrg, sizeof *rg, cmp_range);
    if (nms)
        qsort(ms, nms, sizeof *ms, cmp_mapsym);
    size_t capi = 0;
    uint64_t done = 0;   /* decoded up to here */
    for (size_t i = 0; i < nrg; i++) {
        uint64_t a = rg[i].lo > done ? rg[i].lo : done;
        uint64_t hi = rg[i].hi;
        /* merge the following overlapping ranges */
        while (i + 1 < nrg && rg[i + 1].lo < hi) {
            if (rg[i + 1].hi > hi)
                hi = rg[i + 1].hi;
            i++;
        }
        size_t mi = 0;
        while (a < hi) {
            const CodeSec *cs = sec_at(e, a);
            if (!cs)
                break;
            uint64_t secend = cs->addr + cs->size;
            uint64_t lim = hi < secend ? hi : secend;
            /* ARM literal pools: skip from a $d to the next code mapping symbol */
            while (mi < nms && ms[mi].addr <= a)
                mi++;
            if (mi > 0 && ms[mi - 1].data) {
                uint64_t next = mi < nms ? ms[mi].addr : lim;
                a = next < lim ? next : lim;
                continue;
            }
            uint64_t stop = lim;
            if (mi < nms && ms[mi].addr < stop && ms[mi].data)
                stop = ms[mi].addr;
            size_t avail = (size_t)(stop - a);
            const uint8_t *p = cs->data + (a - cs->addr);
            IsaInsnInfo info;
            unsigned len = e->isa->decode_info(p, avail, a, &info);
            char buf[128];
            if (len == 0) {
                len = e->isa->min_insn_len;
                if (len > avail)
                    len = (unsigned)avail;
                info.flow = ISA_FLOW_SEQ;
                e->isa->disasm(p, avail, a, buf, sizeof buf);
            } else {
                e->isa->disasm(p, avail, a, buf, sizeof buf);
            }
            if (e->ninsns >= capi) {
                capi = capi ? capi * 2 : 4096;
                r->insns = xrealloc(r->insns, capi * sizeof *r->insns);
                e->flow = xrealloc(e->flow, capi * sizeof *e->flow);
                e->taken = xrealloc(e->taken, capi * sizeof *e->taken);
                e->not_taken = xrealloc(e->not_taken, capi * sizeof *e->not_taken);
            }
            CovInsn *ci = &r->insns[e->ninsns];
            memset(ci, 0, sizeof *ci);
            ci->addr = a;
            ci->len = len;
            ci->disasm = xstrdup(buf);
            ci->file = -1;
            e->flow[e->ninsns] = info.flow;
            e->taken[e->ninsns] = e->not_taken[e->ninsns] = 0;
            e->ninsns++;
            a += len;
        }
        if (a > done)
            done = a;
    }
    r->ninsns = (unsigned)e->ninsns;
    free(rg);
    free(ms);
}

static size_t insn_lower_bound(const Engine *e, uint64_t addr)
{
    size_t lo = 0, hi = e->ninsns;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (e->r->insns[mid].addr < addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int cmp_range_block(const void *a, const void *b)
{
    const CovBlock *x = a, *y = b;
    if (x->addr != y->addr)
        return x->addr < y->addr ? -1 : 1;
    return x->size < y->size ? -1 : x->size > y->size;
}

static void expand_entries(Engine *e)
{
    CovInsn *in = e->r->insns;
    for (size_t k = 0; k < e->ent.n; k++) {
        const Entry *en = &e->ent.e[k];
        if (!en->exec && !en->taken && !en->not_taken)
            continue;
        size_t i = insn_lower_bound(e, en->pc);
        uint64_t end = en->pc + en->size;
        size_t last = SIZE_MAX;
        uint32_t cnt = 0;
        for (; i < e->ninsns && in[i].addr < end; i++) {
            if (en->partial && cnt >= en->retired)
                break;
            if (en->exec) {
                in[i].executed = true;
                in[i].count += en->exec;
            }
            last = i;
            cnt++;
        }
        if (!en->partial && en->kind == ISA_FLOW_COND && last != SIZE_MAX &&
            e->flow[last] == ISA_FLOW_COND) {
            e->taken[last] += en->taken;
            e->not_taken[last] += en->not_taken;
            if (en->taken || en->not_taken)
                in[last].executed = true;
        }
    }
    for (size_t i = 0; i < e->ninsns; i++) {
        if (e->flow[i] != ISA_FLOW_COND)
            in[i].branch = COV_BRANCH_NONE;
        else if (e->taken[i] && e->not_taken[i])
            in[i].branch = COV_BRANCH_BOTH;
        else if (e->taken[i])
            in[i].branch = COV_BRANCH_TAKEN;
        else if (e->not_taken[i])
            in[i].branch = COV_BRANCH_NOT_TAKEN;
        else
            in[i].branch = COV_BRANCH_NEVER;
    }
    /* executed blocks for drcov, by address */
    CovReport *r = e->r;
    size_t cap = 0;
    for (size_t k = 0; k < e->ent.n; k++) {
        const Entry *en = &e->ent.e[k];
        if (!en->exec)
            continue;
        uint32_t size = en->size;
        if (en->partial) {
            size_t i = insn_lower_bound(e, en->pc);
            uint64_t endp = en->pc;
            for (uint32_t c = 0; c < en->retired && i < e->ninsns &&
                                 in[i].addr < en->pc + en->size; c++, i++)
                endp = in[i].addr + in[i].len;
            size = (uint32_t)(endp - en->pc);
            if (!size)
                continue;
        }
        GROW(r->blocks, r->nblocks, cap);
        r->blocks[r->nblocks++] = (CovBlock){en->pc, size};
    }
    if (r->nblocks) {
        qsort(r->blocks, r->nblocks, sizeof *r->blocks, cmp_range_block);
        unsigned w = 0;
        for (unsigned i = 0; i < r->nblocks; i++) {
            if (w && r->blocks[w - 1].addr == r->blocks[i].addr &&
                r->blocks[w - 1].size == r->blocks[i].size)
                continue;
            r->blocks[w++] = r->blocks[i];
        }
        r->nblocks = w;
    }
}

/* ---- source files --------------------------------------------------------- */

/* Lexical normalisation: "a/./b/../c" -> "a/c" (for files that do not exist). */
static char *norm_path(const char *p)
{
    char *s = xstrdup(p);
    char **parts = xcalloc(strlen(p) + 1, sizeof *parts);
    size_t n = 0;
    bool abs = p[0] == '/';
    for (char *tok = strtok(s, "/"); tok; tok = strtok(NULL, "/")) {
        if (!strcmp(tok, "."))
            continue;
        if (!strcmp(tok, "..") && n > 0 && strcmp(parts[n - 1], ".."))
            n--;
        else if (!strcmp(tok, "..") && abs)
            continue;
        else
            parts[n++] = tok;
    }
    size_t len = 2;
    for (size_t i = 0; i < n; i++)
        len += strlen(parts[i]) + 1;
    char *out = xcalloc(len, 1);
    if (abs)
        strcat(out, "/");
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(out, "/");
        strcat(out, parts[i]);
    }
    free(parts);
    free(s);
    return out;
}

static char *real_or_null(const char *p)
{
    char buf[PATH_MAX];
    struct stat stb;
    if (stat(p, &stb) != 0 || !S_ISREG(stb.st_mode) || access(p, R_OK) != 0)
        return NULL;
    if (!realpath(p, buf))
        return NULL;
    return xstrdup(buf);
}

/* Where is the DWARF file `p`?  Sets *avail. */
static char *locate_source(const Engine *e, const char *p, bool *avail)
{
    char *r = real_or_null(p);
    if (r) {
        *avail = true;
        return r;
    }
    if (e->o->source_root) {
        /* try root/<p>, then root/<p without its leading components> */
        for (const char *q = p; q; q = strchr(q, '/')) {
            while (*q == '/')
                q++;
            if (!strncmp(q, "./", 2) || !strncmp(q, "../", 3))
                continue;
            char *c = xasprintf("%s/%s", e->o->source_root, q);
            r = real_or_null(c);
            free(c);
            if (r) {
                *avail = true;
                return r;
            }
        }
    }
    *avail = false;
    return norm_path(p);
}

static void load_text(SrcFile *f)
{
    FILE *fp = fopen(f->path, "rb");
    if (!fp) {
        f->available = false;
        return;
    }
    char *line = NULL;
    size_t cap = 0, tcap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, fp)) >= 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = 0;
        GROW(f->text, f->ntext, tcap);
        f->text[f->ntext++] = xstrdup(line);
    }
    free(line);
    fclose(fp);
}

/* A --include/--exclude GLOB matches the source's normalised path or one of
 * its tails after a '/': "src/x.c" matches /work/src/x.c, and a leading '*'
 * matches anything, '/' included (fnmatch without FNM_PATHNAME). */
static bool glob_matches(const char *pat, const char *path)
{
    if (fnmatch(pat, path, 0) == 0)
        return true;
    if (pat[0] == '/')
        return false;
    for (const char *t = strchr(path, '/'); t; t = strchr(t + 1, '/'))
        if (fnmatch(pat, t + 1, 0) == 0)
            return true;
    return false;
}

static bool file_selected(const XcovOptions *o, const char *path)
{
    bool in = o->ninclude == 0;
    for (unsigned i = 0; i < o->ninclude && !in; i++)
        in = glob_matches(o->include[i], path);
    for (unsigned i = 0; i < o->nexclude && in; i++)
        in = !glob_matches(o->exclude[i], path);
    return in;
}

static int file_by_path(Engine *e, const char *norm, bool avail)
{
    for (size_t i = 0; i < e->nfiles; i++)
        if (!strcmp(e->files[i].path, norm))
            return (int)i;
    GROW(e->files, e->nfiles, e->capfiles);
    SrcFile *f = &e->files[e->nfiles];
    memset(f, 0, sizeof *f);
    f->path = xstrdup(norm);
    f->available = avail;
    f->report_index = -1;
    f->excluded = !file_selected(e->o, norm);
    if (avail && !f->excluded)
        load_text(f);
    return (int)e->nfiles++;
}

static int file_for_symfile(Engine *e, uint32_t id)
{
    if (id == 0 || id >= sym_file_count(e->sf))
        return -1;
    if (e->symfile_map[id] != -2)
        return e->symfile_map[id];
    const char *p = sym_file_path(e->sf, id);
    int idx = -1;
    if (p && *p && strcmp(p, "<unknown>") != 0) {
        bool avail;
        char *n = locate_source(e, p, &avail);
        idx = file_by_path(e, n, avail);
        free(n);
    }
    e->symfile_map[id] = idx;
    return idx;
}

/* The inlined frames name files by path (interned in the SymFile). */
typedef struct PathCache {
    const char *p;
    int idx;
} PathCache;

static int file_for_path(Engine *e, const char *p, PathCache *pc, size_t *npc, size_t *cap)
{
    if (!p)
        return -1;
    for (size_t i = 0; i < *npc; i++)
        if (pc[i].p == p)
            return pc[i].idx;
    bool avail;
    char *n = locate_source(e, p, &avail);
    int idx = file_by_path(e, n, avail);
    free(n);
    if (*npc < *cap)
        pc[(*npc)++] = (PathCache){p, idx};
    return idx;
}

/* ---- statements ------------------------------------------------------------ */

static bool is_c_cu(const SymCu *cu)
{
    if (cu->language == DW_LANG_C89 || cu->language == DW_LANG_C || cu->language == DW_LANG_C99 ||
        cu->language == 0x1d /* DW_LANG_C11 */)
        return true;
    size_t l = cu->name ? strlen(cu->name) : 0;
    return l > 2 && !strcmp(cu->name + l - 2, ".c");
}

static char *find_compdb(const char *start_dir)
{
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", start_dir);
    for (;;) {
        char *c = xasprintf("%s/compile_commands.json", dir);
        if (access(c, R_OK) == 0)
            return c;
        free(c);
        char *sl = strrchr(dir, '/');
        if (!sl || sl == dir)
            return NULL;
        *sl = 0;
    }
}

static void dir_of(const char *p, char *out, size_t n)
{
    snprintf(out, n, "%s", p);
    char *sl = strrchr(out, '/');
    if (sl && sl != out)
        *sl = 0;
    else if (sl)
        sl[1] = 0;
    else
        snprintf(out, n, ".");
}

static void extract_statements(Engine *e)
{
    CovReport *r = e->r;
    unsigned parsed = 0, failed = 0, from_db = 0;
    char elfdir[PATH_MAX];
    char *elfreal = real_or_null(e->elf_path);
    dir_of(elfreal ? elfreal : e->elf_path, elfdir, sizeof elfdir);
    free(elfreal);
    for (size_t c = 0; c < sym_cu_count(e->sf); c++) {
        const SymCu *cu = sym_cu(e->sf, c);
        if (!cu->name || !is_c_cu(cu))
            continue;
        char *p = cu->name[0] == '/' || !cu->comp_dir ? xstrdup(cu->name)
                                                     : xasprintf("%s/%s", cu->comp_dir, cu->name);
        bool avail;
        char *src = locate_source(e, p, &avail);
        free(p);
        if (!avail) {
            free(src);
            continue;
        }
        int fi = file_by_path(e, src, true);
        if (e->files[fi].have_stmts) {   /* the same source in two CUs */
            free(src);
            continue;
        }
        /* compile options: the compilation database, then -I/-D */
        char **dbargs = NULL;
        int ndb = 0;
        char *db = e->o->compile_commands ? xstrdup(e->o->compile_commands) : NULL;
        if (!db) {
            char sdir[PATH_MAX];
            dir_of(src, sdir, sizeof sdir);
            db = find_compdb(sdir);
            if (!db)
                db = find_compdb(elfdir);
        }
        if (db && xcov_sco_compile_args(db, src, &dbargs, &ndb) >= 0)
            from_db++;
        free(db);
        const char **args = xcalloc((size_t)ndb + 2 * (e->o->nincdirs + e->o->ndefines) + 1,
                                    sizeof *args);
        int na = 0;
        char **owned = xcalloc((size_t)e->o->nincdirs + e->o->ndefines + 1, sizeof *owned);
        int nown = 0;
        for (int i = 0; i < ndb; i++)
            args[na++] = dbargs[i];
        for (unsigned i = 0; i < e->o->nincdirs; i++)
            args[na++] = owned[nown++] = xasprintf("-I%s", e->o->incdirs[i]);
        for (unsigned i = 0; i < e->o->ndefines; i++)
            args[na++] = owned[nown++] = xasprintf("-D%s", e->o->defines[i]);
        char msg[512];
        unsigned before = e->sco.nstmts, errs_before = e->sco.parse_errors;
        if (xcov_sco_parse(&e->sco, src, args, na, msg, sizeof msg) != 0) {
            failed++;
            add_note(r, xasprintf("%s", msg));
        } else {
            parsed++;
            e->files[fi].have_stmts = true;
#ifdef XCOV_HAVE_LIBCLANG
            if (r->level > COV_LEVEL_STMT && !e->files[fi].dmap) {
                char dm[512];
                ScoFile *sc = sco_extract(src, args, na, dm, sizeof dm);
                DmapFile *map = sc ? dmap_build(e->elf_path, e->sf, sc, src, dm, sizeof dm)
                                   : NULL;
                if (!map) {
                    add_note(r, xasprintf("%s: no decision map (%s): its decisions are not "
                                          "reported", src, dm));
                    sco_free(sc);
                } else {
                    e->files[fi].dsco = sc;
                    e->files[fi].dmap = map;
                    e->files[fi].dvec = dmap_vectors_new(map);
                }
            }
#endif
            if (e->sco.parse_errors > errs_before)
                add_note(r, xasprintf("libclang reported %u errors in %s (missing -I/-D or "
                                      "--compile-commands?); its statements may be incomplete",
                                      e->sco.parse_errors - errs_before, src));
        }
        (void)before;
        for (int i = 0; i < ndb; i++)
            free(dbargs[i]);
        free(dbargs);
        for (int i = 0; i < nown; i++)
            free(owned[i]);
        free(owned);
        free(args);
        free(src);
    }
    /* attach statements to files */
    e->st = xcalloc(e->sco.nstmts, sizeof *e->st);
    for (unsigned s = 0; s < e->sco.nstmts; s++) {
        XcovStmt *x = &e->sco.stmts[s];
        bool avail;
        char *n = locate_source(e, x->file, &avail);
        int fi = -1;
        for (size_t i = 0; i < e->nfiles; i++)
            if (!strcmp(e->files[i].path, n))
                fi = (int)i;
        if (fi < 0 && avail)
            fi = file_by_path(e, n, true);
        free(n);
        e->st[s].file = fi;
        if (fi < 0)
            continue;
        SrcFile *f = &e->files[fi];
        f->have_stmts = true;
        GROW(f->stmts, f->nstmts, f->capstmts);
        f->stmts[f->nstmts++] = s;
    }
    if (from_db)
        add_note(r, xasprintf("compile options of %u of %u sources from compile_commands.json",
                              from_db, parsed + failed));
}

static bool pos_lt(unsigned l1, unsigned c1, unsigned l2, unsigned c2)
{
    return l1 < l2 || (l1 == l2 && c1 < c2);
}

static const XcovSco *sort_sco;   /* qsort context */

static int cmp_stmt_start(const void *a, const void *b)
{
    const XcovStmt *x = &sort_sco->stmts[*(const unsigned *)a];
    const XcovStmt *y = &sort_sco->stmts[*(const unsigned *)b];
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    /* the same start: the outer (longer) one first */
    if (x->end_line != y->end_line)
        return x->end_line > y->end_line ? -1 : 1;
    return x->end_col > y->end_col ? -1 : x->end_col < y->end_col;
}

/* Sort each file's statements by start position (stmt_at relies on it). */
static void sort_statements(Engine *e)
{
    sort_sco = &e->sco;
    for (size_t i = 0; i < e->nfiles; i++)
        if (e->files[i].nstmts > 1)
            qsort(e->files[i].stmts, e->files[i].nstmts, sizeof *e->files[i].stmts,
                  cmp_stmt_start);
    sort_sco = NULL;
}

/* The innermost statement of file fi containing (line, col); col 0 = the
 * line as a whole (its statements' own lines).  Statements nest properly,
 * so the innermost one is the containing one that starts last: scan back
 * from the last statement starting at or before the position. */
static int stmt_at(const Engine *e, int fi, unsigned line, unsigned col)
{
    const SrcFile *f = &e->files[fi];
    unsigned pl = line, pc = col ? col : UINT32_MAX;
    size_t lo = 0, hi = f->nstmts;
    while (lo < hi) {        /* first statement starting after the position */
        size_t mid = (lo + hi) / 2;
        const XcovStmt *s = &e->sco.stmts[f->stmts[mid]];
        if (pos_lt(pl, pc, s->line, s->col))
            hi = mid;
        else
            lo = mid + 1;
    }
    for (size_t k = lo; k-- > 0;) {
        const XcovStmt *s = &e->sco.stmts[f->stmts[k]];
        bool in;
        if (col == 0)
            in = line >= s->own_first && line <= s->own_last;
        else
            in = !pos_lt(line, col, s->line, s->col) && pos_lt(line, col, s->end_line, s->end_col);
        if (in)
            return (int)f->stmts[k];
    }
    return -1;
}

static int cmp_zrow(const void *a, const void *b)
{
    const ZeroRow *x = a, *y = b;
    return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static void attribute(Engine *e, int fi, unsigned line, unsigned col, const CovInsn *in,
                      bool is_stmt)
{
    if (fi < 0 || !e->files[fi].have_stmts || line == 0)
        return;
    int s = stmt_at(e, fi, line, col);
    if (s < 0)
        return;
    StmtState *st = &e->st[s];
    if (!is_stmt) {
        st->weak_code = true;
        st->weak_ran |= in->executed;
        return;
    }
    st->has_code = true;
    if (in->executed) {
        st->covered = true;
        if (in->count > st->count)
            st->count = in->count;
    }
}

static void map_statements(Engine *e)
{
    size_t nrows = 0;
    const SymLineRow *rows = sym_rows(e->sf, &nrows);
    ZeroRow *z = NULL;
    size_t nz = 0, capz = 0;
    for (size_t i = 0; i + 1 < nrows; i++) {
        if ((rows[i].flags & SYM_ROW_END_SEQUENCE) || rows[i].line == 0 ||
            !(rows[i].flags & SYM_ROW_STMT))
            continue;
        if (rows[i + 1].addr != rows[i].addr || rows[i + 1].cu != rows[i].cu)
            continue;
        GROW(z, nz, capz);
        z[nz++] = (ZeroRow){rows[i].addr, rows[i].file, rows[i].line, rows[i].column};
    }
    if (nz)
        qsort(z, nz, sizeof *z, cmp_zrow);
    PathCache pc[256];
    size_t npc = 0, cappc = 256;
    CovInsn *ins = e->r->insns;
    size_t zi = 0;
    for (size_t i = 0; i < e->ninsns; i++) {
        CovInsn *in = &ins[i];
        /* Only is_stmt rows say "a statement is executing here": optimised
         * code hoists parts of a statement (address computations, loads)
         * under non-is_stmt rows, and those must not make it covered.  A
         * statement whose code is all under non-is_stmt rows is
         * undetermined when that code ran, not covered when it did not. */
        const SymLineRow *row = sym_row_at(e->sf, in->addr);
        bool is_stmt = row && (row->flags & SYM_ROW_STMT);
        if (in->file >= 0)
            attribute(e, in->file, in->line, in->col, in, is_stmt);
        while (zi < nz && z[zi].addr < in->addr)
            zi++;
        for (size_t k = zi; k < nz && z[k].addr == in->addr; k++)
            attribute(e, file_for_symfile(e, z[k].file), z[k].line, z[k].column, in, true);
        SymFrame fr[16];
        size_t nf = sym_frames(e->sf, in->addr, fr, 16);
        if (nf > 16)
            nf = 16;
        for (size_t k = 1; k < nf; k++)
            attribute(e, file_for_path(e, fr[k].file, pc, &npc, &cappc), fr[k].line,
                      fr[k].column, in, is_stmt);
    }
    free(z);
}

/* ---- lines, counters, functions ---------------------------------------- */

static void map_lines(Engine *e)
{
    size_t nf = sym_file_count(e->sf);
    e->symfile_map = xrealloc(NULL, (nf + 1) * sizeof *e->symfile_map);
    for (size_t i = 0; i <= nf; i++)
        e->symfile_map[i] = -2;
    for (size_t i = 0; i < e->ninsns; i++) {
        CovInsn *in = &e->r->insns[i];
        const SymLineRow *row = sym_row_at(e->sf, in->addr);
        if (!row || row->line == 0)
            continue;
        int fi = file_for_symfile(e, row->file);
        if (fi < 0)
            continue;
        in->file = fi;
        in->line = row->line;
        in->col = row->column;
        e->files[fi].used = true;
        if (row->line > e->files[fi].maxline)
            e->files[fi].maxline = row->line;
    }
}

static void add_violation(CovLine *l, unsigned line, unsigned col, unsigned eline, unsigned ecol,
                          const char *kind, char *msg);

static void insn_counts(const CovInsn *in, CovCounts *c);

/* ---- exemptions (docs/coverage-semantics.md §6) ---------------------------- */

/* Read the annotations of report file `rf` (sf's text) into r->exemptions and
 * e->exf[rf].  Malformed ones are warnings: report notes, and stderr unless
 * quiet. */
static void exempt_load(Engine *e, const SrcFile *sf, const CovFile *f, int rf)
{
    CovReport *r = e->r;
    ExFile *x = &e->exf[rf];
    x->nlines = f->nlines;
    x->region = xcalloc(f->nlines + 1, sizeof *x->region);
    x->obligations = xcalloc(f->nlines + 1, sizeof *x->obligations);
    for (unsigned l = 0; l <= f->nlines; l++)
        x->region[l] = -1;
    x->first = r->nexemptions;
    if (!sf->available || !sf->ntext)
        return;
    XcovExemptions ex;
    xcov_exempt_parse((const char *const *)sf->text, sf->ntext, f->name, &ex);
    for (unsigned w = 0; w < ex.nwarnings; w++) {
        if (!e->o->quiet)
            fprintf(stderr, "xcov: warning: %s\n", ex.warnings[w]);
        add_note(r, ex.warnings[w]);
        ex.warnings[w] = NULL;
    }
    if (ex.nnotes) {
        r->exemptions = xrealloc(r->exemptions,
                                 (r->nexemptions + ex.nnotes) * sizeof *r->exemptions);
        e->exmatched = xrealloc(e->exmatched, (r->nexemptions + ex.nnotes) * sizeof *e->exmatched);
    }
    for (unsigned k = 0; k < ex.nnotes; k++) {
        const XcovExemptNote *n = &ex.notes[k];
        unsigned idx = r->nexemptions++;
        r->exemptions[idx] = (CovExemption){rf, n->line, n->end_line, n->kind, n->condition,
                                            n->justification, 0, 0};
        e->exmatched[idx] = false;
        ex.notes[k].justification = NULL;
        if (n->kind == COV_EXEMPT_REGION)
            for (unsigned l = n->line; l <= n->end_line && l <= f->nlines; l++)
                x->region[l] = (int)idx;
    }
    x->n = r->nexemptions - x->first;
    xcov_exempt_free(&ex);
}

/* The region exempting `line` of report file rf, or -1. */
static int exempt_region(const Engine *e, int rf, unsigned line)
{
    if (!e->exf || rf < 0 || (unsigned)rf >= e->r->nfiles)
        return -1;
    const ExFile *x = &e->exf[rf];
    return x->region && line <= x->nlines ? x->region[line] : -1;
}

/* One obligation of exemption `ex` (attributed to `line` of rf), met or not. */
static void exempt_tally(Engine *e, int ex, int rf, unsigned line, bool met)
{
    e->r->exemptions[ex].obligations++;
    e->r->exemptions[ex].violated += !met;
    ExFile *x = &e->exf[rf];
    if (line <= x->nlines)
        x->obligations[line]++;
}

/* Object counters of one instruction, or, at the object levels, its exempted
 * obligations when its line is in a region (tallied into the region when
 * `tally`).  At the source levels object counters are informational and are
 * never exempted. */
static void insn_counts_ex(Engine *e, const CovInsn *in, CovCounts *c, bool tally)
{
    int ex = e->r->level <= COV_LEVEL_BRANCH ? exempt_region(e, in->file, in->line) : -1;
    if (ex < 0) {
        insn_counts(in, c);
        return;
    }
    c->exempted++;
    if (tally)
        exempt_tally(e, ex, in->file, in->line, in->executed);
    if (e->r->level == COV_LEVEL_BRANCH && in->branch != COV_BRANCH_NONE) {
        c->exempted += 2;
        if (tally) {
            exempt_tally(e, ex, in->file, in->line,
                         in->branch == COV_BRANCH_BOTH || in->branch == COV_BRANCH_TAKEN);
            exempt_tally(e, ex, in->file, in->line,
                         in->branch == COV_BRANCH_BOTH || in->branch == COV_BRANCH_NOT_TAKEN);
        }
    }
}

/* The last violation added to a line is covered by an exemption. */
static void exempt_last_violation(CovLine *l)
{
    if (l->nviolations)
        l->violations[l->nviolations - 1].exempted = true;
}

static void append_justification(CovLine *L, const char *why)
{
    if (!L->exemption) {
        L->exemption = xstrdup(why);
    } else if (!strstr(L->exemption, why)) {
        char *j = xasprintf("%s; %s", L->exemption, why);
        free(L->exemption);
        L->exemption = j;
    }
}

/* Line marks of report file rf once every obligation is counted.  As in
 * GNATcoverage, every line of a region (its annotation lines included) is
 * '#' when none of its exempted obligations was violated, '*' when one was.
 * A line holding obligations of a finer exemption and no other violation is
 * '#' or '*' by the same rule over that line's exempted obligations. */
static void exempt_marks(Engine *e, CovFile *f, int rf)
{
    const ExFile *x = &e->exf[rf];
    CovReport *r = e->r;
    for (unsigned l = 1; l <= f->nlines && l <= x->nlines; l++) {
        CovLine *L = &f->lines[l - 1];
        int reg = x->region[l];
        unsigned exv = 0, other = 0;
        for (unsigned v = 0; v < L->nviolations; v++) {
            if (reg >= 0)
                L->violations[v].exempted = true;
            if (L->violations[v].exempted)
                exv++;
            else
                other++;
        }
        if (reg >= 0) {
            L->mark = r->exemptions[reg].violated ? COV_MARK_EXEMPT_VIOLATED : COV_MARK_EXEMPT;
            append_justification(L, r->exemptions[reg].justification);
            continue;
        }
        if (!x->obligations[l])
            continue;
        for (unsigned k = x->first; k < x->first + x->n; k++)
            if (r->exemptions[k].kind != COV_EXEMPT_REGION && r->exemptions[k].first_line == l &&
                e->exmatched[k])
                append_justification(L, r->exemptions[k].justification);
        if (other == 0 && (L->mark == COV_MARK_COVERED || L->mark == COV_MARK_NO_CODE))
            L->mark = exv ? COV_MARK_EXEMPT_VIOLATED : COV_MARK_EXEMPT;
    }
}

/* Finer exemptions that found no decision (at the levels where they could):
 * warnings naming their line. */
static void exempt_unmatched(Engine *e, const CovFile *f, int rf)
{
    CovReport *r = e->r;
    const ExFile *x = &e->exf[rf];
    for (unsigned k = x->first; k < x->first + x->n; k++) {
        const CovExemption *c = &r->exemptions[k];
        if (c->kind == COV_EXEMPT_REGION || e->exmatched[k] ||
            exempt_region(e, rf, c->first_line) >= 0)
            continue;
        if (r->level < COV_LEVEL_STMT_DECISION ||
            (c->kind == COV_EXEMPT_CONDITION && r->level < COV_LEVEL_STMT_MCDC))
            continue;
        char *w = c->kind == COV_EXEMPT_CONDITION
                      ? xasprintf("%s:%u: xcov annotation: exempt condition %u: no decision of %u "
                                  "or more conditions starts on this line; nothing exempted",
                                  f->name, c->first_line, c->condition, c->condition)
                      : xasprintf("%s:%u: xcov annotation: exempt %s: no decision starts on "
                                  "this line; nothing exempted",
                                  f->name, c->first_line, cov_exempt_kind_name(c->kind));
        if (!e->o->quiet)
            fprintf(stderr, "xcov: warning: %s\n", w);
        add_note(r, w);
    }
}

#ifdef XCOV_HAVE_LIBCLANG
/* Decision levels: the replay of every trace, deferred by read_trace until
 * the decision maps exist, so that one pass feeds both the block counters
 * and every file's evaluation vectors.  Notes about damaged traces go first,
 * where the immediate replay puts them. */
static int replay_traces(Engine *e)
{
    unsigned before = e->r->nnotes;
    for (unsigned t = 0; t < e->o->ntraces; t++) {
        int st = 0;
        char msg[512];
        TraceReader *tr = trace_reader_open(e->o->traces[t], &st, msg, sizeof msg);
        if (!tr)
            return fail(e, st == TRACE_ERR_NOT_TRACE ? XCOV_ERR_FORMAT : XCOV_ERR_OPEN, "%s",
                        msg);
        int rc = replay_trace(e, tr, e->o->traces[t]);
        trace_reader_close(tr);
        if (rc != XCOV_OK)
            return rc;
    }
    unsigned added = e->r->nnotes - before;
    if (added && before) {
        char **n = xrealloc(NULL, e->r->nnotes * sizeof *n);
        memcpy(n, e->r->notes + before, added * sizeof *n);
        memcpy(n + added, e->r->notes, before * sizeof *n);
        memcpy(e->r->notes, n, e->r->nnotes * sizeof *n);
        free(n);
    }
    return XCOV_OK;
}

/* Which exemption covers each obligation of decision `sd` starting on line
 * ln of report file rf: its True and False outcomes and its conditions
 * (xc[k]), -1 for none.  A region wins over finer exemptions. */
static void decision_exemptions(Engine *e, int rf, unsigned ln, const ScoDecision *sd,
                                bool mcdc, int *xt, int *xf, int *xc)
{
    int reg = exempt_region(e, rf, ln);
    *xt = *xf = reg;
    for (int k = 0; k < sd->nconds; k++)
        xc[k] = reg;
    if (reg >= 0)
        return;
    const ExFile *x = &e->exf[rf];
    for (unsigned k = x->first; k < x->first + x->n; k++) {
        const CovExemption *c = &e->r->exemptions[k];
        if (c->first_line != ln)
            continue;
        if (c->kind == COV_EXEMPT_DECISION_TRUE)
            *xt = (int)k;
        else if (c->kind == COV_EXEMPT_DECISION_FALSE)
            *xf = (int)k;
        else if (c->kind == COV_EXEMPT_CONDITION && mcdc && (int)c->condition <= sd->nconds)
            xc[c->condition - 1] = (int)k;
        else
            continue;
        e->exmatched[k] = true;
    }
}

/* The report model of decision I of SF (report.h CovDecision): span, tree,
 * conditions, the distinct vectors of every trace; analysed for the level
 * by report/decision.c, whose pair search dmap_mcdc also uses, so the model
 * and the violations below agree. */
static CovDecision model_decision(const SrcFile *sf, int i, CovLevel level)
{
    const DmapDecision *d = dmap_decision(sf->dmap, i);
    const ScoDecision *sd = d->sco;
    CovDecision m;
    memset(&m, 0, sizeof m);
    m.line = sd->range.start.line;
    m.col = sd->range.start.col;
    m.end_line = sd->range.end.line;
    m.end_col = sd->range.end.col + 1;
    m.kind = (CovDecisionKind)sd->kind;   /* same order, sco.h / report.h */
    m.from_macro = sd->from_macro != 0;
    m.root = sd->root;
    m.nnodes = (unsigned)sd->nnodes;
    m.nodes = xcalloc(m.nnodes, sizeof *m.nodes);
    for (unsigned k = 0; k < m.nnodes; k++) {
        const ScoNode *n = &sd->nodes[k];
        m.nodes[k] = (CovDecNode){n->kind == SCO_NODE_COND  ? 'c'
                                  : n->kind == SCO_NODE_AND ? '&'
                                  : n->kind == SCO_NODE_OR  ? '|' : '!',
                                  {n->child[0], n->child[1]}, n->cond};
    }
    m.nconds = (unsigned)sd->nconds;
    m.conds = xcalloc(m.nconds, sizeof *m.conds);
    for (unsigned c = 0; c < m.nconds; c++) {
        const ScoCondition *cd = &sd->conds[c];
        m.conds[c] = (CovCondition){.line = cd->range.start.line,
                                    .col = cd->range.start.col,
                                    .end_line = cd->range.end.line,
                                    .end_col = cd->range.end.col + 1,
                                    .text = xstrdup(cd->text),
                                    .from_macro = cd->from_macro != 0,
                                    .macro = cd->macro ? xstrdup(cd->macro) : NULL,
                                    .macro_line = cd->macro ? cd->macro_at.line : 0,
                                    .macro_col = cd->macro ? cd->macro_at.col : 0,
                                    .uc_pair = {-1, -1}, .masking_pair = {-1, -1}};
    }
    if (d->status != DMAP_MAPPED) {
        m.reason = xstrdup(d->reason[0] ? d->reason : "no reason given");
    } else {
        int n = dmap_vector_count(sf->dvec, i);
        m.nvectors = (unsigned)(n > 0 ? n : 0);
        m.vectors = xcalloc(m.nvectors, sizeof *m.vectors);
        for (unsigned k = 0; k < m.nvectors; k++) {
            const DmapVector *v = dmap_vector(sf->dvec, i, (int)k);
            m.vectors[k].values = xcalloc(m.nconds + 1, 1);
            memcpy(m.vectors[k].values, v->values, m.nconds);
            m.vectors[k].outcome = v->outcome;
            m.vectors[k].count = v->count;
        }
    }
    cov_decision_analyse(&m, level);
    return m;
}

/* The model of every decision of SF on the line where it starts (in dmap's
 * order: by start), counted in the file's decision summary. */
static void file_decision_models(const SrcFile *sf, CovFile *f, CovLevel level)
{
    for (int i = 0; i < dmap_count(sf->dmap); i++) {
        unsigned ln = dmap_decision(sf->dmap, i)->sco->range.start.line;
        if (ln < 1 || ln > f->nlines)
            continue;
        CovLine *L = &f->lines[ln - 1];
        L->decisions.v = xrealloc(L->decisions.v, (L->decisions.n + 1) * sizeof *L->decisions.v);
        CovDecision *m = &L->decisions.v[L->decisions.n++];
        *m = model_decision(sf, i, level);
        cov_decision_count(&f->dcounts, m);
    }
}

/* Decisions of one file: counters, violations on the decision's line, line marks.
 * Exempted obligations count in `exempted` (and in their exemption), not in
 * the decision/mcdc counters; their violations are flagged exempted. */
static void file_decisions(Engine *e, SrcFile *sf, CovFile *f, int rfile)
{
    CovReport *r = e->r;
    bool mcdc = r->level >= COV_LEVEL_STMT_MCDC, uc = r->level == COV_LEVEL_STMT_UC_MCDC;
    for (int i = 0; i < dmap_count(sf->dmap); i++) {
        const DmapDecision *d = dmap_decision(sf->dmap, i);
        const ScoDecision *sd = d->sco;
        unsigned ln = sd->range.start.line;
        if (ln < 1 || ln > f->nlines)
            continue;
        CovLine *L = &f->lines[ln - 1];
        int xt, xf, *xc = xcalloc((size_t)sd->nconds + 1, sizeof *xc);
        decision_exemptions(e, rfile, ln, sd, mcdc, &xt, &xf, xc);
        bool all_conds_ex = true;
        for (int k = 0; k < sd->nconds; k++)
            all_conds_ex &= xc[k] >= 0;
        CovCounts c;
        memset(&c, 0, sizeof c);
        unsigned sl = sd->range.start.line, sc = sd->range.start.col;
        unsigned el = sd->range.end.line, ec = sd->range.end.col + 1;
        bool missing = false, undet = false;
        DmapMcdc m;
        memset(&m, 0, sizeof m);
        if (d->status != DMAP_MAPPED) {
            /* undetermined: every obligation counts as not met */
            undet = !(xt >= 0 && xf >= 0 && (!mcdc || all_conds_ex));
            c.undetermined += undet;
            add_violation(L, sl, sc, el, ec, "decision-undetermined",
                          xasprintf("%s decision at %u:%u undetermined: %s", sco_kind_name(sd->kind),
                                    sl, sc, d->reason[0] ? d->reason : "no reason given"));
            if (xt >= 0 && xf >= 0)
                exempt_last_violation(L);
            if (mcdc) {
                add_violation(L, sl, sc, el, ec, "mcdc-undetermined",
                              xasprintf("MC/DC of the decision at %u:%u undetermined (%u "
                                        "condition%s): its decision map is undetermined",
                                        sl, sc, (unsigned)sd->nconds, sd->nconds == 1 ? "" : "s"));
                if (all_conds_ex)
                    exempt_last_violation(L);
            }
        } else {
            int n = dmap_vector_count(sf->dvec, i);
            if (n > 0)
                dmap_mcdc(sd, dmap_vector(sf->dvec, i, 0), n, &m);
            if (!m.outcome_true) {
                add_violation(L, sl, sc, el, ec, "decision-outcome-true",
                              xasprintf("%s decision at %u:%u: outcome TRUE never exercised",
                                        sco_kind_name(sd->kind), sl, sc));
                if (xt >= 0)
                    exempt_last_violation(L);
                else
                    missing = true;
            }
            if (!m.outcome_false) {
                add_violation(L, sl, sc, el, ec, "decision-outcome-false",
                              xasprintf("%s decision at %u:%u: outcome FALSE never exercised",
                                        sco_kind_name(sd->kind), sl, sc));
                if (xf >= 0)
                    exempt_last_violation(L);
                else
                    missing = true;
            }
        }
        /* outcomes */
        bool seen[2] = {m.outcome_true != 0, m.outcome_false != 0};
        int xo[2] = {xt, xf};
        for (int o = 0; o < 2; o++) {
            if (xo[o] >= 0) {
                c.exempted++;
                exempt_tally(e, xo[o], rfile, ln, seen[o]);
            } else {
                c.decision_total++;
                c.decision_covered += seen[o];
            }
        }
        /* conditions */
        uint64_t pairs = d->status != DMAP_MAPPED ? 0 : uc ? m.uc : m.mask;
        for (int k = 0; mcdc && k < sd->nconds; k++) {
            bool met = k < 64 && (pairs >> k & 1);
            if (xc[k] >= 0) {
                c.exempted++;
                exempt_tally(e, xc[k], rfile, ln, met);
            } else {
                c.mcdc_total++;
                c.mcdc_covered += met;
            }
            if (met || d->status != DMAP_MAPPED)
                continue;
            const ScoCondition *cd = &sd->conds[k];
            add_violation(L, cd->range.start.line, cd->range.start.col,
                          cd->range.end.line, cd->range.end.col + 1, "mcdc-independence",
                          xasprintf("condition %d \"%s\" of the decision at %u:%u has "
                                    "no %s independence pair",
                                    k + 1, cd->text ? cd->text : "", sl, sc,
                                    uc ? "unique-cause" : "masking"));
            if (xc[k] >= 0)
                exempt_last_violation(L);
            else
                missing = true;
        }
        free(xc);
        /* line marks: '-' and '!' win over '?'; exempted obligations are left
         * to exempt_marks */
        bool any_seen = seen[0] || seen[1];
        if (missing && L->mark == COV_MARK_NO_CODE)
            L->mark = any_seen ? COV_MARK_PARTIAL : COV_MARK_NOT_COVERED;
        else if (missing && (L->mark == COV_MARK_COVERED || L->mark == COV_MARK_UNDETERMINED))
            L->mark = COV_MARK_PARTIAL;
        else if (undet && (L->mark == COV_MARK_COVERED || L->mark == COV_MARK_NO_CODE))
            L->mark = COV_MARK_UNDETERMINED;
        f->counts.decision_total += c.decision_total;
        f->counts.decision_covered += c.decision_covered;
        f->counts.mcdc_total += c.mcdc_total;
        f->counts.mcdc_covered += c.mcdc_covered;
        f->counts.undetermined += c.undetermined;
        f->counts.exempted += c.exempted;
        GROW(e->dres, e->ndres, e->capdres);
        e->dres[e->ndres++] = (DecResult){rfile, ln, c};
    }
}
#endif

static void add_violation(CovLine *l, unsigned line, unsigned col, unsigned eline, unsigned ecol,
                          const char *kind, char *msg)
{
    l->violations = xrealloc(l->violations, (l->nviolations + 1) * sizeof *l->violations);
    l->violations[l->nviolations++] = (CovViolation){line, col, eline, ecol, kind, msg, false};
}

static int cmp_file_path(const void *a, const void *b)
{
    const SrcFile *const *x = a, *const *y = b;
    return strcmp((*x)->path, (*y)->path);
}

static void count_add(CovCounts *t, const CovCounts *c)
{
    t->stmt_total += c->stmt_total;
    t->stmt_covered += c->stmt_covered;
    t->decision_total += c->decision_total;
    t->decision_covered += c->decision_covered;
    t->mcdc_total += c->mcdc_total;
    t->mcdc_covered += c->mcdc_covered;
    t->line_total += c->line_total;
    t->line_covered += c->line_covered;
    t->undetermined += c->undetermined;
    t->exempted += c->exempted;
}

static void insn_counts(const CovInsn *in, CovCounts *c)
{
    c->insn_total++;
    c->insn_covered += in->executed;
    if (in->branch != COV_BRANCH_NONE) {
        c->branch_total += 2;
        c->branch_covered += in->branch == COV_BRANCH_BOTH ? 2
                             : in->branch == COV_BRANCH_TAKEN || in->branch == COV_BRANCH_NOT_TAKEN
                                 ? 1
                                 : 0;
    }
}

/* Object-level mark of a line from its instructions. */
static char object_mark(const Engine *e, CovLine *l, bool branches)
{
    const CovInsn *ins = e->r->insns;
    unsigned ex = 0, nb_missing = 0;
    for (unsigned k = 0; k < l->ninsns; k++) {
        const CovInsn *in = &ins[l->insns[k]];
        ex += in->executed;
        if (branches && in->executed && in->branch != COV_BRANCH_NONE &&
            in->branch != COV_BRANCH_BOTH) {
            nb_missing++;
            bool taken = in->branch == COV_BRANCH_TAKEN;
            add_violation(l, l->number, in->col, l->number, 0,
                          taken ? "branch-not-fallthrough" : "branch-not-taken",
                          xasprintf("branch at 0x%llx %s", (unsigned long long)in->addr,
                                    taken ? "never fell through" : "never taken"));
        }
    }
    if (ex < l->ninsns)
        add_violation(l, l->number, 0, l->number, 0, "insn-not-executed",
                      xasprintf("%u of %u instructions not executed", l->ninsns - ex,
                                l->ninsns));
    if (ex == 0)
        return COV_MARK_NOT_COVERED;
    if (ex == l->ninsns && nb_missing == 0)
        return COV_MARK_COVERED;
    return COV_MARK_PARTIAL;
}

/* --include/--exclude: the instructions the line table attributes to a
 * file left out leave the report (object code and totals); statements were
 * attributed before, so a statement of a kept file whose code was inlined
 * from a file left out keeps that evidence.  A note names what was left out:
 * the report says what it does not cover. */
static void drop_excluded(Engine *e)
{
    CovReport *r = e->r;
    size_t w = 0;
    for (size_t i = 0; i < e->ninsns; i++) {
        CovInsn *in = &r->insns[i];
        if (in->file >= 0 && e->files[in->file].excluded) {
            free(in->disasm);
            continue;
        }
        r->insns[w] = *in;
        e->flow[w] = e->flow[i];
        e->taken[w] = e->taken[i];
        e->not_taken[w] = e->not_taken[i];
        w++;
    }
    e->ninsns = w;
    r->ninsns = (unsigned)w;
    unsigned n = 0;
    char list[400] = "";
    for (size_t i = 0; i < e->nfiles; i++) {
        if (!e->files[i].used || !e->files[i].excluded)
            continue;
        if (strlen(list) < 300) {
            strcat(list, n ? ", " : "");
            strncat(list, base_name(e->files[i].path), 80);
        }
        n++;
    }
    if (n)
        add_note(r, xasprintf("%u source file%s with code left out by --include/--exclude: %s%s",
                              n, n > 1 ? "s" : "", list, strlen(list) >= 300 ? ", ..." : ""));
}

static void build_files(Engine *e)
{
    CovReport *r = e->r;
    bool stmt_level = r->level >= COV_LEVEL_STMT;
    bool branches = r->level == COV_LEVEL_BRANCH;
    if (e->o->ninclude || e->o->nexclude)
        drop_excluded(e);
    /* the files with code, sorted by path */
    SrcFile **order = xcalloc(e->nfiles, sizeof *order);
    unsigned n = 0;
    for (size_t i = 0; i < e->nfiles; i++)
        if (e->files[i].used && !e->files[i].excluded)
            order[n++] = &e->files[i];
    qsort(order, n, sizeof *order, cmp_file_path);
    for (unsigned i = 0; i < n; i++)
        order[i]->report_index = (int)i;
    for (size_t i = 0; i < e->ninsns; i++)
        if (r->insns[i].file >= 0)
            r->insns[i].file = e->files[r->insns[i].file].report_index;
    r->files = xcalloc(n, sizeof *r->files);
    r->nfiles = n;
    e->exf = xcalloc(n + 1, sizeof *e->exf);
    /* common root of the available sources, for display names */
    char *root = NULL;
    for (unsigned i = 0; i < n; i++) {
        if (!order[i]->available)
            continue;
        if (!root) {
            root = xstrdup(order[i]->path);
            char *sl = strrchr(root, '/');
            if (sl)
                sl[1] = 0;
            continue;
        }
        size_t k = 0;
        while (root[k] && root[k] == order[i]->path[k])
            k++;
        root[k] = 0;
        char *sl = strrchr(root, '/');
        if (sl)
            sl[1] = 0;
        else
            root[0] = 0;
    }
    unsigned missing = 0, fallback = 0, newer = 0;
    char missing_list[400] = "", newer_list[200] = "";
    struct stat elf_st;
    bool have_elf_st = stat(e->elf_path, &elf_st) == 0;
    for (unsigned i = 0; i < n; i++) {
        SrcFile *sf = order[i];
        CovFile *f = &r->files[i];
        f->path = xstrdup(sf->path);
        size_t rl = root && strlen(root) > 1 ? strlen(root) : 0;
        f->name = xstrdup(rl && !strncmp(sf->path, root, rl) ? sf->path + rl : sf->path);
        f->source_available = sf->available;
        if (!sf->available) {
            missing++;
            if (strlen(missing_list) < 300) {
                strcat(missing_list, missing > 1 ? ", " : "");
                strncat(missing_list, f->name, 80);
            }
        }
        struct stat src_st;
        if (sf->available && have_elf_st && stat(sf->path, &src_st) == 0 &&
            src_st.st_mtime > elf_st.st_mtime) {
            if (newer++ < 3) {
                strcat(newer_list, newer > 1 ? ", " : "");
                strncat(newer_list, f->name, 50);
            }
        }
        unsigned nl = sf->ntext > sf->maxline ? sf->ntext : sf->maxline;
        bool use_stmts = stmt_level && sf->have_stmts;
        if (stmt_level && !use_stmts && sf->available)
            fallback++;
        if (use_stmts)
            for (unsigned k = 0; k < sf->nstmts; k++)
                if (e->sco.stmts[sf->stmts[k]].own_last > nl)
                    nl = e->sco.stmts[sf->stmts[k]].own_last;
        f->lines = xcalloc(nl, sizeof *f->lines);
        f->nlines = nl;
        for (unsigned l = 0; l < nl; l++) {
            f->lines[l].number = l + 1;
            f->lines[l].mark = COV_MARK_NO_CODE;
            f->lines[l].text = l < sf->ntext ? xstrdup(sf->text[l]) : NULL;
        }
        exempt_load(e, sf, f, (int)i);
        /* instructions per line */
        for (size_t k = 0; k < e->ninsns; k++) {
            CovInsn *in = &r->insns[k];
            if (in->file != (int)i || in->line == 0 || in->line > nl)
                continue;
            CovLine *L = &f->lines[in->line - 1];
            if (L->ninsns == 0)
                L->count = in->count;
            L->insns = xrealloc(L->insns, (L->ninsns + 1) * sizeof *L->insns);
            L->insns[L->ninsns++] = (uint32_t)k;
            insn_counts_ex(e, in, &f->counts, true);
        }
        if (use_stmts) {
            unsigned *tot = xcalloc(nl + 1, sizeof *tot), *cov = xcalloc(nl + 1, sizeof *cov);
            unsigned *und = xcalloc(nl + 1, sizeof *und);
            for (unsigned k = 0; k < sf->nstmts; k++) {
                unsigned s = sf->stmts[k];
                const XcovStmt *x = &e->sco.stmts[s];
                const StmtState *st = &e->st[s];
                bool undet = !st->has_code && st->weak_code && st->weak_ran;
                if (!st->has_code && !st->weak_code)
                    continue;
                /* a statement belongs to the region its first line is in */
                int ex = exempt_region(e, (int)i, x->own_first);
                if (ex >= 0) {
                    f->counts.exempted++;
                    exempt_tally(e, ex, (int)i, x->own_first, st->covered);
                } else {
                    f->counts.stmt_total++;
                    f->counts.stmt_covered += st->covered;
                    f->counts.undetermined += undet;
                }
                for (unsigned l = x->own_first; l <= x->own_last && l <= nl; l++) {
                    tot[l]++;
                    cov[l] += st->covered;
                    und[l] += undet;
                }
                if (x->own_first >= 1 && x->own_first <= nl) {
                    CovLine *SL = &f->lines[x->own_first - 1];
                    SL->stmts = xrealloc(SL->stmts, (SL->nstmts + 1) * sizeof *SL->stmts);
                    SL->stmts[SL->nstmts++] = (CovStmt){
                        x->line, x->col, x->end_line, x->end_col,
                        st->covered ? COV_MARK_COVERED
                        : undet     ? COV_MARK_UNDETERMINED : COV_MARK_NOT_COVERED};
                }
                if (x->own_first < 1 || x->own_first > nl || st->covered)
                    continue;
                if (undet)
                    add_violation(&f->lines[x->own_first - 1], x->line, x->col, x->end_line,
                                  x->end_col, "undetermined",
                                  xasprintf("statement \"%s\" at %u:%u undetermined: its code "
                                            "ran only under non-statement line rows (hoisted "
                                            "or shared code)", x->text, x->line, x->col));
                else
                    add_violation(&f->lines[x->own_first - 1], x->line, x->col, x->end_line,
                                  x->end_col, "stmt-not-executed",
                                  xasprintf("statement \"%s\" at %u:%u not executed", x->text,
                                            x->line, x->col));
            }
            for (unsigned l = 1; l <= nl; l++) {
                CovLine *L = &f->lines[l - 1];
                if (!tot[l])
                    continue;
                unsigned notcov = tot[l] - cov[l] - und[l];
                L->mark = cov[l] == tot[l]               ? COV_MARK_COVERED
                          : notcov == tot[l]             ? COV_MARK_NOT_COVERED
                          : notcov == 0 && cov[l] == 0   ? COV_MARK_UNDETERMINED
                                                         : COV_MARK_PARTIAL;
                if (!L->count) {
                    for (unsigned k = 0; k < sf->nstmts; k++) {
                        const XcovStmt *x = &e->sco.stmts[sf->stmts[k]];
                        if (l >= x->own_first && l <= x->own_last &&
                            e->st[sf->stmts[k]].count > L->count)
                            L->count = e->st[sf->stmts[k]].count;
                    }
                }
            }
            free(tot);
            free(cov);
            free(und);
        } else {
            for (unsigned l = 0; l < nl; l++)
                if (f->lines[l].ninsns)
                    f->lines[l].mark = object_mark(e, &f->lines[l], branches);
        }
#ifdef XCOV_HAVE_LIBCLANG
        if (use_stmts && sf->dmap && r->level > COV_LEVEL_STMT)
            file_decisions(e, sf, f, (int)i);
        if (use_stmts && sf->dmap && r->level > COV_LEVEL_STMT)
            file_decision_models(sf, f, r->level);
#endif
        exempt_marks(e, f, (int)i);
        exempt_unmatched(e, f, (int)i);
        for (unsigned l = 0; l < nl; l++) {
            char m = f->lines[l].mark;
            if (m == COV_MARK_NO_CODE || m == COV_MARK_EXEMPT || m == COV_MARK_EXEMPT_VIOLATED)
                continue;
            f->counts.line_total++;
            f->counts.line_covered += m == COV_MARK_COVERED;
        }
        count_add(&r->totals, &f->counts);
        cov_decision_counts_add(&r->dtotals, &f->dcounts);
    }
    /* the decision model names the exemption of each outcome and condition:
     * report/decision.c applies decision_exemptions' rule to the finished
     * list, as the consolidation database does (coverage-exempt-* check that
     * the model agrees with the violations flagged here) */
    cov_report_decision_exemptions(r);
    for (unsigned k = 0; k < r->ninsns; k++)
        insn_counts_ex(e, &r->insns[k], &r->totals, false);
    if (missing)
        add_note(r, xasprintf("%u source file%s not found (line coverage from DWARF for them; "
                              "--source-root DIR helps): %s%s",
                              missing, missing > 1 ? "s" : "", missing_list,
                              strlen(missing_list) >= 300 ? ", ..." : ""));
    if (newer)
        add_note(r, xasprintf("%u source file%s newer than the ELF (the report may not match "
                              "them): %s%s",
                              newer, newer > 1 ? "s are" : " is", newer_list,
                              newer > 3 ? ", ..." : ""));
    if (stmt_level) {
        unsigned with_stmts = 0;
        for (unsigned i = 0; i < n; i++)
            with_stmts += order[i]->have_stmts;
        if (!xcov_sco_available())
            add_note(r, xstrdup("this xcov was built without libclang: statement coverage falls "
                                "back to line coverage from DWARF"));
        else if (fallback)
            add_note(r, xasprintf("%u source file%s without statement information (assembly, "
                                  "or C that was not parsed): line coverage from DWARF for them",
                                  fallback, fallback > 1 ? "s" : ""));
        if (with_stmts == 0)
            r->line_level_only = true;
    }
    free(root);
    free(order);
}

static int cmp_func(const void *a, const void *b)
{
    const CovFunction *x = a, *y = b;
    if (x->lo != y->lo)
        return x->lo < y->lo ? -1 : 1;
    return strcmp(x->name, y->name);
}

static void build_functions(Engine *e)
{
    CovReport *r = e->r;
    size_t cap = 0;
    size_t nsym = sym_symbol_count(e->sf);
    for (size_t i = 0; i < nsym; i++) {
        const SymSymbol *s = sym_symbol(e->sf, i);
        if (s->type != STT_FUNC || s->size == 0 || !s->name || !sec_at(e, s->value))
            continue;
        GROW(r->functions, r->nfunctions, cap);
        CovFunction *f = &r->functions[r->nfunctions++];
        memset(f, 0, sizeof *f);
        f->name = xstrdup(s->name);
        f->lo = s->value;
        f->hi = s->value + s->size;
    }
    size_t nsymfn = r->nfunctions;
    for (size_t i = 0; i < sym_function_count(e->sf); i++) {
        const SymFunction *fn = sym_function(e->sf, i);
        if (fn->inlined || !fn->range_count || !fn->name || !sec_at(e, fn->ranges[0].lo))
            continue;
        bool dup = false;
        for (size_t k = 0; k < nsymfn && !dup; k++)
            dup = r->functions[k].lo == fn->ranges[0].lo;
        for (size_t k = nsymfn; k < r->nfunctions && !dup; k++)
            dup = r->functions[k].lo == fn->ranges[0].lo;
        if (dup)
            continue;
        GROW(r->functions, r->nfunctions, cap);
        CovFunction *f = &r->functions[r->nfunctions++];
        memset(f, 0, sizeof *f);
        f->name = xstrdup(fn->name);
        f->lo = fn->ranges[0].lo;
        f->hi = fn->ranges[0].hi;
    }
    if (r->nfunctions)
        qsort(r->functions, r->nfunctions, sizeof *r->functions, cmp_func);
    /* aliases: keep the first name at an address */
    unsigned w = 0;
    for (unsigned i = 0; i < r->nfunctions; i++) {
        if (w && r->functions[w - 1].lo == r->functions[i].lo) {
            free(r->functions[i].name);
            continue;
        }
        r->functions[w++] = r->functions[i];
    }
    r->nfunctions = w;
    if (e->o->ninclude || e->o->nexclude) {
        /* a function whose code all went with files left out goes too */
        w = 0;
        for (unsigned i = 0; i < r->nfunctions; i++) {
            size_t k = insn_lower_bound(e, r->functions[i].lo);
            if (k < e->ninsns && r->insns[k].addr < r->functions[i].hi)
                r->functions[w++] = r->functions[i];
            else
                free(r->functions[i].name);
        }
        r->nfunctions = w;
    }
    for (unsigned i = 0; i < r->nfunctions; i++) {
        CovFunction *f = &r->functions[i];
        f->file = -1;
        size_t k = insn_lower_bound(e, f->lo);
        if (k < e->ninsns && r->insns[k].addr == f->lo)
            f->entry_count = r->insns[k].executed ? (r->insns[k].count ? r->insns[k].count : 1)
                                                  : 0;
        for (; k < e->ninsns && r->insns[k].addr < f->hi; k++) {
            const CovInsn *in = &r->insns[k];
            insn_counts_ex(e, in, &f->counts, false);
            if (in->file < 0)
                continue;
            if (f->file < 0)
                f->file = in->file;
            if (in->file != f->file)
                continue;
            if (!f->first_line || in->line < f->first_line)
                f->first_line = in->line;
            if (in->line > f->last_line)
                f->last_line = in->line;
        }
        if (f->file < 0)
            continue;
        const CovFile *cf = &r->files[f->file];
        for (unsigned l = f->first_line; l && l <= f->last_line && l <= cf->nlines; l++) {
            char m = cf->lines[l - 1].mark;
            if (m == COV_MARK_NO_CODE || m == COV_MARK_EXEMPT || m == COV_MARK_EXEMPT_VIOLATED)
                continue;
            f->counts.line_total++;
            f->counts.line_covered += m == COV_MARK_COVERED;
        }
    }
    /* decisions by the function whose lines hold them */
    for (size_t k = 0; k < e->ndres; k++) {
        const DecResult *d = &e->dres[k];
        for (unsigned i = 0; i < r->nfunctions; i++) {
            CovFunction *f = &r->functions[i];
            if (f->file == d->file && d->line >= f->first_line && d->line <= f->last_line) {
                f->counts.decision_total += d->c.decision_total;
                f->counts.decision_covered += d->c.decision_covered;
                f->counts.mcdc_total += d->c.mcdc_total;
                f->counts.mcdc_covered += d->c.mcdc_covered;
                f->counts.undetermined += d->c.undetermined;
                f->counts.exempted += d->c.exempted;
                break;
            }
        }
    }
    /* statements by enclosing function name and file */
    if (r->level >= COV_LEVEL_STMT && e->st) {
        for (unsigned s = 0; s < e->sco.nstmts; s++) {
            const StmtState *st = &e->st[s];
            if ((!st->has_code && !st->weak_code) || st->file < 0)
                continue;
            int rf = e->files[st->file].report_index;
            if (rf < 0)
                continue;   /* a file left out by --include/--exclude */
            for (unsigned i = 0; i < r->nfunctions; i++) {
                CovFunction *f = &r->functions[i];
                if (f->file == rf && !strcmp(f->name, e->sco.stmts[s].func)) {
                    if (exempt_region(e, rf, e->sco.stmts[s].own_first) >= 0) {
                        f->counts.exempted++;
                    } else {
                        f->counts.stmt_total++;
                        f->counts.stmt_covered += st->covered;
                    }
                    break;
                }
            }
        }
    }
}

static void build_untraceable(Engine *e)
{
    CovReport *r = e->r;
    size_t cap = 0;
    for (size_t i = 0; i < e->ninsns; i++) {
        const CovInsn *in = &r->insns[i];
        if (in->file >= 0)
            continue;
        if (r->nuntraceable && r->untraceable[r->nuntraceable - 1].hi == in->addr) {
            r->untraceable[r->nuntraceable - 1].hi = in->addr + in->len;
            continue;
        }
        GROW(r->untraceable, r->nuntraceable, cap);
        const SymSymbol *s = sym_symbol_at(e->sf, in->addr);
        r->untraceable[r->nuntraceable].lo = in->addr;
        r->untraceable[r->nuntraceable].hi = in->addr + in->len;
        r->untraceable[r->nuntraceable].symbol = s && s->name ? xstrdup(s->name) : NULL;
        r->nuntraceable++;
    }
}

/* ---- entry point ------------------------------------------------------------- */

int xcov_build(const XcovOptions *o, CovReport **out, char *err, size_t errlen)
{
    Engine e;
    memset(&e, 0, sizeof e);
    e.o = o;
    e.err = err;
    e.errlen = errlen;
    *out = NULL;
    CovReport *r = xcalloc(1, sizeof *r);
    e.r = r;
    r->level = o->level;
    r->tool_version = xstrdup("xcov " EMUCOV_VERSION);
    int rc = XCOV_OK;
    if (o->level > COV_LEVEL_STMT && !xcov_sco_available()) {
        rc = fail(&e, XCOV_ERR_NOT_IMPLEMENTED,
                  "level %s needs libclang, and this xcov was built without it",
                  cov_level_name(o->level));
        goto done;
    }
    if (o->compile_commands && access(o->compile_commands, R_OK) != 0) {
        rc = fail(&e, XCOV_ERR_OPEN, "--compile-commands %s: %s", o->compile_commands,
                  strerror(errno));
        goto done;
    }
    if (o->ntraces == 0) {
        rc = fail(&e, XCOV_ERR_USAGE, "no trace to read");
        goto done;
    }
    /* at the decision levels the traces are replayed after the decision
     * maps are built (replay_traces) */
    bool defer = false;
#ifdef XCOV_HAVE_LIBCLANG
    defer = o->level > COV_LEVEL_STMT;
#endif
    for (unsigned i = 0; i < o->ntraces && rc == XCOV_OK; i++)
        rc = read_trace(&e, o->traces[i], i == 0, defer);
    if (rc != XCOV_OK)
        goto done;
    r->elf_path = xstrdup(e.elf_path);
    char msg[512];
    e.sf = sym_open(e.elf_path, msg, sizeof msg);
    if (!e.sf) {
        rc = fail(&e, XCOV_ERR_FORMAT, "%s", msg);
        goto done;
    }
    if ((rc = read_code(&e)) != XCOV_OK)
        goto done;
    r->elf_base = UINT64_MAX;
    for (size_t i = 0; i < e.nsecs; i++) {
        if (e.secs[i].addr < r->elf_base)
            r->elf_base = e.secs[i].addr;
        if (e.secs[i].addr + e.secs[i].size > r->elf_end)
            r->elf_end = e.secs[i].addr + e.secs[i].size;
    }
#ifdef XCOV_HAVE_LIBCLANG
    if (defer) {
        /* statements and decision maps need no counters; the counters need
         * the replay, which needs the maps */
        extract_statements(&e);
        sort_statements(&e);
        if ((rc = replay_traces(&e)) != XCOV_OK)
            goto done;
    }
#endif
    decode_code(&e);
    expand_entries(&e);
    map_lines(&e);
    if (o->level >= COV_LEVEL_STMT && xcov_sco_available()) {
        if (!defer) {
            extract_statements(&e);
            sort_statements(&e);
        }
        map_statements(&e);
    }
    build_files(&e);
    if ((o->ninclude || o->nexclude) && r->nfiles == 0) {
        rc = fail(&e, XCOV_ERR_USAGE, "--include/--exclude leave no source file with code");
        goto done;
    }
    build_functions(&e);
    build_untraceable(&e);
    if (e.sco.parse_errors == 0 && o->level >= COV_LEVEL_STMT && r->line_level_only &&
        xcov_sco_available())
        add_note(r, xstrdup("no C source found: line coverage from DWARF only"));
done:
    sym_close(e.sf);
    for (size_t i = 0; i < e.nsecs; i++)
        free(e.secs[i].data);
    free(e.secs);
    free(e.ent.e);
    free(e.ent.tab);
    free(e.flow);
    free(e.taken);
    free(e.not_taken);
    for (size_t i = 0; i < e.nfiles; i++) {
        for (unsigned k = 0; k < e.files[i].ntext; k++)
            free(e.files[i].text[k]);
        free(e.files[i].text);
        free(e.files[i].path);
        free(e.files[i].stmts);
#ifdef XCOV_HAVE_LIBCLANG
        dmap_vectors_free(e.files[i].dvec);
        dmap_free(e.files[i].dmap);
        sco_free(e.files[i].dsco);
#endif
    }
    free(e.dres);
    for (unsigned i = 0; e.exf && i < r->nfiles; i++) {
        free(e.exf[i].region);
        free(e.exf[i].obligations);
    }
    free(e.exf);
    free(e.exmatched);
    free(e.files);
    free(e.symfile_map);
    xcov_sco_free(&e.sco);
    free(e.st);
    free(e.elf_path);
    if (rc != XCOV_OK) {
        cov_report_free(r);
        return rc;
    }
    *out = r;
    return XCOV_OK;
}
