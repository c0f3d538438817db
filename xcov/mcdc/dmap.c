/* xcov/mcdc/dmap.c — decision maps (docs/coverage-semantics.md §4).  See dmap.h. */
#include "dmap.h"

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SUCC_OTHER (-3)
#define SUCC_BAD (-4)            /* an unattached conditional branch inside the decision */
#define WALK_MAX 4096            /* instructions followed from a branch successor */

typedef struct CodeSeg {
    uint64_t addr, size;
    uint8_t *bytes;
} CodeSeg;

struct DmapFile {
    const ScoFile *sco;
    int ndec;
    DmapDecision *dec;
    DmapBranch **br;             /* per decision, owned */
};

typedef struct Insn {
    uint64_t addr;
    IsaInsnInfo info;
    const SymLineRow *row;
    int dec;                     /* decision whose position the row is on, -1 */
    int in_span;                 /* decision whose span contains the row, -1 */
    int near;                    /* decision on whose lines the row is (branchless scan) */
    int branchless;              /* slt/seqz/IT/... */
} Insn;

typedef struct Build {
    const SymFile *sym;
    const IsaOps *isa;
    int arm;
    CodeSeg *seg;
    size_t nseg;
    const ScoFile *sco;
    uint32_t *files;             /* sym file ids of the source */
    size_t nfiles;
    ScoPos *colon;               /* per decision: a ternary's `:` */
    Insn *insn;                  /* decoded code of the functions of the source, by address */
    size_t ninsn, capinsn;
} Build;

static void set_err(char *err, size_t len, const char *fmt, ...)
{
    va_list ap;
    if (!err || !len)
        return;
    va_start(ap, fmt);
    vsnprintf(err, len, fmt, ap);
    va_end(ap);
}

static int read_code(Build *b, const char *path, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        set_err(err, errlen, "%s: cannot open", path);
        return -1;
    }
    elf_version(EV_CURRENT);
    Elf *e = elf_begin(fd, ELF_C_READ, NULL);
    if (!e || elf_kind(e) != ELF_K_ELF) {
        set_err(err, errlen, "%s: not an ELF file", path);
        if (e)
            elf_end(e);
        close(fd);
        return -1;
    }
    Elf_Scn *scn = NULL;
    while ((scn = elf_nextscn(e, scn))) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_PROGBITS ||
            !(sh.sh_flags & SHF_EXECINSTR) || !(sh.sh_flags & SHF_ALLOC) || !sh.sh_size)
            continue;
        Elf_Data *d = elf_getdata(scn, NULL);
        if (!d || d->d_size < sh.sh_size)
            continue;
        CodeSeg *n = realloc(b->seg, (b->nseg + 1) * sizeof *n);
        if (!n)
            break;
        b->seg = n;
        n[b->nseg].addr = sh.sh_addr;
        n[b->nseg].size = sh.sh_size;
        n[b->nseg].bytes = malloc(sh.sh_size);
        if (!n[b->nseg].bytes)
            break;
        memcpy(n[b->nseg].bytes, d->d_buf, sh.sh_size);
        b->nseg++;
    }
    elf_end(e);
    close(fd);
    return 0;
}

static const uint8_t *code_at(const Build *b, uint64_t addr, size_t *avail)
{
    for (size_t i = 0; i < b->nseg; i++)
        if (addr >= b->seg[i].addr && addr < b->seg[i].addr + b->seg[i].size) {
            *avail = (size_t)(b->seg[i].addr + b->seg[i].size - addr);
            return b->seg[i].bytes + (addr - b->seg[i].addr);
        }
    return NULL;
}

static int pos_cmp(unsigned l1, unsigned c1, unsigned l2, unsigned c2)
{
    if (l1 != l2)
        return l1 < l2 ? -1 : 1;
    return c1 < c2 ? -1 : c1 > c2;
}

static int in_range(const ScoRange *r, unsigned line, unsigned col)
{
    return pos_cmp(line, col, r->start.line, r->start.col) >= 0 &&
           pos_cmp(line, col, r->end.line, r->end.col) <= 0;
}

static int same_pos(ScoPos p, unsigned line, unsigned col)
{
    return p.line && p.line == line && p.col == col;
}

/* Is LINE:COL one of the tokens GCC 12 puts a decision's branch rows on (§4.1)?  if/while:
 * the keyword, the `(`, the operators; for/do-while also the keyword (rows inside the span
 * are handled by decision_of_row); a ternary: the `?`, the `:` (GCC's location of the
 * conditional expression), the operators and the span's start; an expression decision: the
 * operators and the span's start. */
/* A macro invocation starts the decision: operators of its body sit there (sco.h). */
static int macro_start(const ScoDecision *d)
{
    for (int c = 0; c < d->nconds; c++)
        if (d->conds[c].from_macro &&
            same_pos(d->conds[c].range.start, d->range.start.line, d->range.start.col))
            return 1;
    for (int k = 0; k < d->nnodes; k++)
        if (d->nodes[k].op_from_macro && same_pos(d->nodes[k].op, d->range.start.line,
                                                  d->range.start.col))
            return 1;
    return 0;
}

static int token_of(const ScoDecision *d, ScoPos colon, unsigned line, unsigned col)
{
    if (same_pos(d->ctrl, line, col) ||
        (d->kind != SCO_DEC_EXPR && d->kind != SCO_DEC_TERNARY &&
         same_pos(d->keyword, line, col)) ||
        ((d->kind == SCO_DEC_EXPR || d->kind == SCO_DEC_TERNARY || macro_start(d)) &&
         same_pos(d->range.start, line, col)) ||
        same_pos(colon, line, col))
        return 1;
    for (int k = 0; k < d->nnodes; k++)
        if (d->nodes[k].kind != SCO_NODE_COND && same_pos(d->nodes[k].op, line, col))
            return 1;
    return 0;
}

static int is_loop(const ScoDecision *d)
{
    return d->kind == SCO_DEC_WHILE || d->kind == SCO_DEC_DO_WHILE || d->kind == SCO_DEC_FOR;
}

/* The decision a row belongs to: exact tokens first; then, for a loop condition, a row inside
 * its span that no inner decision contains (GCC puts a lone loop condition's branch on its
 * comparison operator); then, for expression decisions, a position before the span on the
 * span's first line (the enclosing full expression: `return`'s operand, the called
 * function's name), the nearest such decision winning. */
static int decision_of_row(const ScoFile *sco, const ScoPos *colon, unsigned line,
                           unsigned col)
{
    int n = sco_decision_count(sco), best = -1;
    for (int i = 0; i < n; i++)
        if (token_of(sco_decision(sco, i), colon[i], line, col))
            return i;
    for (int i = 0; i < n; i++)
        if (in_range(&sco_decision(sco, i)->range, line, col))
            best = i;                /* sorted by start: the last one is the innermost */
    if (best >= 0 && is_loop(sco_decision(sco, best)))
        return best;
    best = -1;
    for (int i = 0; i < n; i++) {
        const ScoDecision *d = sco_decision(sco, i);
        if (d->kind == SCO_DEC_EXPR && d->range.start.line == line && col < d->range.start.col &&
            (best < 0 || sco_decision(sco, best)->range.start.col > d->range.start.col))
            best = i;
    }
    if (best >= 0) {
        /* a control token of another decision between the row and the span claims it */
        for (int i = 0; i < n; i++) {
            const ScoDecision *d = sco_decision(sco, i);
            if (i != best && d->range.start.line == line && d->range.start.col > col &&
                d->range.start.col < sco_decision(sco, best)->range.start.col &&
                d->kind != SCO_DEC_EXPR)
                return -1;
        }
    }
    return best;
}

/* The `:` of a ternary whose `?` is at Q, found in the source text (the SCOs record the `?`
 * only).  Brackets, nested ?: pairs, string and character literals are skipped. */
static ScoPos find_colon(char **lines, unsigned nlines, ScoPos q)
{
    ScoPos none = {0, 0};
    int depth = 0, nest = 0;
    unsigned l = q.line, c = q.col + 1;
    while (l >= 1 && l <= nlines) {
        const char *s = lines[l - 1];
        size_t len = strlen(s);
        for (; c <= len; c++) {
            char ch = s[c - 1];
            if (ch == '"' || ch == '\'') {
                for (c++; c <= len && s[c - 1] != ch; c++)
                    if (s[c - 1] == '\\')
                        c++;
            } else if (ch == '(' || ch == '[' || ch == '{') {
                depth++;
            } else if (ch == ')' || ch == ']' || ch == '}') {
                if (--depth < 0)
                    return none;
            } else if (ch == ';' && !depth) {
                return none;
            } else if (ch == '?' && !depth) {
                nest++;
            } else if (ch == ':' && !depth) {
                if (!nest--)
                    return (ScoPos){l, c};
            }
        }
        l++;
        c = 1;
    }
    return none;
}

static int span_of_row(const ScoFile *sco, unsigned line, unsigned col)
{
    int n = sco_decision_count(sco), best = -1;
    for (int i = 0; i < n; i++) {
        const ScoDecision *d = sco_decision(sco, i);
        if (in_range(&d->range, line, col))
            best = i;                /* sorted by start: the last one is the innermost */
    }
    return best;
}

/* For the branchless scan: a row on the lines of a decision, outside every decision's tokens
 * and spans (`return s == 17 ? 0 : 1;` puts its snez on the `:`), belongs to the last
 * decision starting at or before it on those lines. */
static int near_of_row(const ScoFile *sco, unsigned line, unsigned col)
{
    int n = sco_decision_count(sco), best = -1;
    for (int i = 0; i < n; i++) {
        const ScoDecision *d = sco_decision(sco, i);
        unsigned first = d->keyword.line && d->keyword.line < d->range.start.line ?
                         d->keyword.line : d->range.start.line;
        if (line >= first && line <= d->range.end.line &&
            (best < 0 || pos_cmp(d->range.start.line, d->range.start.col, line, col) <= 0))
            best = i;
    }
    return best;
}

static int row_in_source(const Build *b, const SymLineRow *r)
{
    if (!r || !r->line)
        return 0;
    for (size_t i = 0; i < b->nfiles; i++)
        if (b->files[i] == r->file)
            return 1;
    return 0;
}

static int is_branchless(const Build *b, const uint8_t *bytes, size_t avail, uint64_t pc,
                         const IsaInsnInfo *info)
{
    static const char *const rv[] = {"slt", "slti", "sltu", "sltiu", "seqz", "snez",
                                     "sltz", "sgtz", "not", NULL};
    char text[96], mn[32];
    if (b->arm && info->conditional && info->flow != ISA_FLOW_COND)
        return 1;
    if (!b->isa->disasm(bytes, avail, pc, text, sizeof text))
        return 0;
    size_t k = strcspn(text, " \t");
    if (k >= sizeof mn)
        return 0;
    memcpy(mn, text, k);
    mn[k] = 0;
    if (b->arm)
        return mn[0] == 'i' && mn[1] == 't' && strspn(mn + 2, "te") == strlen(mn + 2) &&
               strlen(mn) <= 5;
    for (int i = 0; rv[i]; i++)
        if (!strcmp(mn, rv[i]))
            return 1;
    return 0;
}

static int insn_cmp(const void *a, const void *b)
{
    uint64_t x = ((const Insn *)a)->addr, y = ((const Insn *)b)->addr;
    return x < y ? -1 : x > y;
}

static const Insn *insn_find(const Build *b, uint64_t addr)
{
    size_t lo = 0, hi = b->ninsn;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (b->insn[mid].addr < addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < b->ninsn && b->insn[lo].addr == addr ? &b->insn[lo] : NULL;
}

/* Linear decode of every out-of-line function of the source's CUs. */
static int decode_functions(Build *b)
{
    size_t nf = sym_function_count(b->sym);
    for (size_t fi = 0; fi < nf; fi++) {
        const SymFunction *fn = sym_function(b->sym, fi);
        if (fn->inlined)
            continue;
        for (size_t r = 0; r < fn->range_count; r++) {
            uint64_t pc = fn->ranges[r].lo;
            while (pc < fn->ranges[r].hi) {
                size_t avail;
                const uint8_t *bytes = code_at(b, pc, &avail);
                if (!bytes)
                    break;
                IsaInsnInfo info;
                unsigned len = b->isa->decode_info(bytes, avail, pc, &info);
                if (!len)
                    len = b->isa->min_insn_len;
                const SymLineRow *row = sym_row_at(b->sym, pc);
                if (row_in_source(b, row)) {
                    if (b->ninsn == b->capinsn) {
                        size_t nc = b->capinsn ? 2 * b->capinsn : 1024;
                        Insn *n = realloc(b->insn, nc * sizeof *n);
                        if (!n)
                            return -1;
                        b->insn = n;
                        b->capinsn = nc;
                    }
                    Insn *in = &b->insn[b->ninsn++];
                    in->addr = pc;
                    in->info = info;
                    in->info.len = len;
                    in->row = row;
                    in->dec = decision_of_row(b->sco, b->colon, row->line, row->column);
                    in->in_span = span_of_row(b->sco, row->line, row->column);
                    in->near = near_of_row(b->sco, row->line, row->column);
                    in->branchless = info.len && info.flow == ISA_FLOW_SEQ &&
                                     is_branchless(b, bytes, avail, pc, &info);
                }
                pc += len;
            }
        }
    }
    qsort(b->insn, b->ninsn, sizeof *b->insn, insn_cmp);
    size_t out = 0;                  /* two DWARF entries may cover one range */
    for (size_t i = 0; i < b->ninsn; i++)
        if (!out || b->insn[out - 1].addr != b->insn[i].addr)
            b->insn[out++] = b->insn[i];
    b->ninsn = out;
    return 0;
}

/* The short-circuit graph of the tree: for each condition its successor when True and when
 * False (a condition index, DMAP_OUT_T or DMAP_OUT_F). */
static int first_cond(const ScoDecision *d, int node)
{
    const ScoNode *n = &d->nodes[node];
    return n->kind == SCO_NODE_COND ? n->cond : first_cond(d, n->child[0]);
}

static void sc_graph(const ScoDecision *d, int node, int t, int f, int *st, int *sf)
{
    const ScoNode *n = &d->nodes[node];
    switch (n->kind) {
    case SCO_NODE_COND:
        st[n->cond] = t;
        sf[n->cond] = f;
        break;
    case SCO_NODE_NOT:
        sc_graph(d, n->child[0], f, t, st, sf);
        break;
    case SCO_NODE_AND:
        sc_graph(d, n->child[0], first_cond(d, n->child[1]), f, st, sf);
        sc_graph(d, n->child[1], t, f, st, sf);
        break;
    case SCO_NODE_OR:
        sc_graph(d, n->child[0], t, first_cond(d, n->child[1]), st, sf);
        sc_graph(d, n->child[1], t, f, st, sf);
        break;
    }
}

typedef struct Match {
    int n;
    const int *st, *sf;              /* graph */
    const DmapBranch *br;            /* branches of the instance (succ resolved) */
    int assign[DMAP_MAX_CONDS], pol[DMAP_MAX_CONDS];
    int used[DMAP_MAX_CONDS];
    int found;
    int best_assign[DMAP_MAX_CONDS], best_pol[DMAP_MAX_CONDS];
} Match;

static int edge_ok(Match *m, int gtarget, int btarget, int *newly)
{
    *newly = -1;
    if (gtarget < 0)
        return btarget == gtarget;
    if (btarget < 0)
        return 0;
    if (m->assign[gtarget] >= 0)
        return m->assign[gtarget] == btarget;
    if (m->used[btarget])
        return 0;
    m->assign[gtarget] = btarget;
    m->used[btarget] = 1;
    *newly = gtarget;
    return 1;
}

static void undo(Match *m, int c)
{
    if (c >= 0) {
        m->used[m->assign[c]] = 0;
        m->assign[c] = -1;
    }
}

static void match_from(Match *m, int c)
{
    if (m->found > 1)
        return;
    if (c == m->n) {
        if (!m->found++) {
            memcpy(m->best_assign, m->assign, sizeof m->assign);
            memcpy(m->best_pol, m->pol, sizeof m->pol);
        }
        return;
    }
    if (m->assign[c] < 0)
        return;                      /* unreachable condition: the shape cannot show it */
    const DmapBranch *b = &m->br[m->assign[c]];
    for (int p = 0; p < 2; p++) {     /* p: taken means True */
        int n1, n2;
        if (edge_ok(m, m->st[c], b->succ[p], &n1)) {
            if (edge_ok(m, m->sf[c], b->succ[!p], &n2)) {
                m->pol[c] = p;
                match_from(m, c + 1);
                undo(m, n2);
            }
            undo(m, n1);
        }
    }
}

/* Successor of a branch in one direction: another branch of the same decision reached
 * through the decision's own straight-line code, or an exit (its address). */
static int walk(const Build *b, int dec, const DmapBranch *br, int nb, uint64_t start,
                uint64_t *exit_addr)
{
    uint64_t pc = start;
    for (int steps = 0; steps < WALK_MAX; steps++) {
        for (int k = 0; k < nb; k++)
            if (br[k].addr == pc)
                return k;
        const Insn *in = insn_find(b, pc);
        if (!in || (in->dec != dec && in->in_span != dec))
            break;
        if (in->info.flow == ISA_FLOW_SEQ || in->info.flow == ISA_FLOW_CALL)
            pc += in->info.len;
        else if (in->info.flow == ISA_FLOW_JUMP && in->info.has_target)
            pc = in->info.target;
        else if (in->info.flow == ISA_FLOW_COND)
            return SUCC_BAD;
        else
            break;
    }
    *exit_addr = start;
    return SUCC_OTHER;
}

/* Was the CU compiled at -O0 (the last -O option in DW_AT_producer, none = -O0)? */
static int cu_is_O0(const Build *b, uint32_t cu)
{
    const SymCu *c = cu < sym_cu_count(b->sym) ? sym_cu(b->sym, cu) : NULL;
    const char *p = c ? c->producer : NULL, *last = NULL;
    if (!p)
        return 0;
    for (const char *q = strstr(p, " -O"); q; q = strstr(q + 1, " -O"))
        last = q + 3;
    return !last || (last[0] == '0' && (last[1] == ' ' || !last[1]));
}

/* The 0/1 an exit loads first (`li a0,1`; ARM `movs r0, #1`), following jumps over a few
 * straight-line instructions; -1 when there is none. */
static int exit_value(const Build *b, uint64_t pc)
{
    for (int steps = 0; steps < 6; steps++) {
        size_t avail;
        const uint8_t *bytes = code_at(b, pc, &avail);
        IsaInsnInfo info;
        char text[96];
        if (!bytes || !b->isa->decode_info(bytes, avail, pc, &info))
            return -1;
        if (info.flow == ISA_FLOW_JUMP && info.has_target) {
            pc = info.target;
            continue;
        }
        if (info.flow != ISA_FLOW_SEQ || !b->isa->disasm(bytes, avail, pc, text, sizeof text))
            return -1;
        size_t k = strcspn(text, " \t");
        if ((k == 2 && !strncmp(text, "li", 2)) || (k == 3 && !strncmp(text, "mov", 3)) ||
            (k == 4 && !strncmp(text, "movs", 4)) || (k == 5 && !strncmp(text, "mov.w", 5))) {
            const char *c = strrchr(text, ',');
            if (c) {
                c++;
                c += strspn(c, " #");
                if ((c[0] == '0' || c[0] == '1') && !c[1])
                    return c[0] - '0';
            }
        }
        pc += info.len;
    }
    return -1;
}

/* An expression decision's value is materialised as 0/1 (C 6.5.13-14: && and || yield 1 or
 * 0): the exits that load 1 are True, those that load 0 False.  -1 when some exit loads
 * neither, or all load the same. */
static int label_by_value(const Build *b, const uint64_t *ex, int n, int *label)
{
    int seen[2] = {0, 0};
    for (int k = 0; k < n; k++) {
        int v = exit_value(b, ex[k]);
        if (v < 0)
            return -1;
        label[k] = v;
        seen[v] = 1;
    }
    return seen[0] && seen[1] ? 0 : -1;
}

/* Label the exits True (1) or False (0) from the layout GCC uses (dmap.h): the True
 * successor (then-statement, loop body, first `?` operand) is written after the decision
 * and before the False one; a do-while's True successor is its body, written before the
 * decision.  Two exits: when their rows cannot tell (both at one position, as the `li 1` /
 * `li 0` of an expression decision), the lower address is True.  More than two exits
 * (-Og duplicates returns and joins): the True ones are those at the first position after
 * the span (do-while: the first before it), every other exit is False.  Returns 0, or -1
 * when the rows do not allow a labelling. */
static int label_exits(const Build *b, const ScoDecision *d, const uint64_t *ex, int n,
                       int *label)
{
    const SymLineRow *r[2 * DMAP_MAX_CONDS];
    for (int k = 0; k < n; k++) {
        r[k] = sym_row_at(b->sym, ex[k]);
        if (!r[k] || !r[k]->line || r[k]->file != r[0]->file)
            r[k] = NULL;
    }
    if (d->kind == SCO_DEC_EXPR && !label_by_value(b, ex, n, label))
        return 0;
    int do_while = d->kind == SCO_DEC_DO_WHILE, best = -1;
    for (int k = 0; k < n; k++) {
        if (!r[k])
            continue;
        int side = do_while ? pos_cmp(r[k]->line, r[k]->column, d->range.start.line,
                                      d->range.start.col) < 0
                            : pos_cmp(r[k]->line, r[k]->column, d->range.end.line,
                                      d->range.end.col) > 0;
        if (side && (best < 0 || pos_cmp(r[k]->line, r[k]->column, r[best]->line,
                                          r[best]->column) < 0))
            best = k;
    }
    int ntrue = 0;
    for (int k = 0; k < n; k++) {
        label[k] = best >= 0 && r[k] && r[k]->line == r[best]->line &&
                   r[k]->column == r[best]->column;
        ntrue += label[k];
    }
    if (n == 2 && ntrue != 1) {
        /* same side or same position: the earlier position, then (at -O0 only, where GCC
         * emits the True value first: `li 1; j; li 0`) the lower address.  At -Og the
         * False value comes first in some functions and not in others. */
        int k = r[0] && r[1] ? pos_cmp(r[0]->line, r[0]->column, r[1]->line, r[1]->column) : 0;
        if (!k && (!r[0] || !cu_is_O0(b, r[0]->cu)))
            return -1;
        int t = k ? (k < 0 ? 0 : 1) : (ex[0] < ex[1] ? 0 : 1);
        label[t] = 1;
        label[!t] = 0;
        return 0;
    }
    return ntrue >= 1 && ntrue < n ? 0 : -1;
}

static void map_instance(const Build *b, int di, DmapDecision *dd, DmapBranch *br, int nb)
{
    const ScoDecision *d = dd->sco;
    uint64_t exits[2 * DMAP_MAX_CONDS];
    int nexit = 0;
    int succ_exit[DMAP_MAX_CONDS][2];

    if (nb != d->nconds) {
        snprintf(dd->reason, sizeof dd->reason, "%d conditional branch%s for %d condition%s",
                 nb, nb == 1 ? "" : "es", d->nconds, d->nconds == 1 ? "" : "s");
        dd->status = DMAP_UNDETERMINED;
        return;
    }
    for (int k = 0; k < nb; k++) {
        const Insn *in = insn_find(b, br[k].addr);
        uint64_t dest[2] = {br[k].addr + br[k].len, in->info.target};
        for (int dir = 0; dir < 2; dir++) {
            uint64_t ex = 0;
            int s = walk(b, di, br, nb, dest[dir], &ex);
            br[k].succ[dir] = s;
            succ_exit[k][dir] = -1;
            if (s == SUCC_BAD) {
                snprintf(dd->reason, sizeof dd->reason, "a conditional branch inside the "
                         "decision is not on its positions");
                dd->status = DMAP_UNDETERMINED;
                return;
            }
            if (s == SUCC_OTHER) {
                int e;
                for (e = 0; e < nexit && exits[e] != ex; e++)
                    ;
                if (e == nexit)
                    exits[nexit++] = ex;
                succ_exit[k][dir] = e;
            }
        }
    }
    int label[2 * DMAP_MAX_CONDS];
    if (nexit < 2 || label_exits(b, d, exits, nexit, label)) {
        snprintf(dd->reason, sizeof dd->reason, nexit < 2 ? "a single outcome exit" :
                 "%d outcome exits that the source positions do not sort into True/False",
                 nexit);
        dd->status = DMAP_UNDETERMINED;
        return;
    }
    for (int k = 0; k < nb; k++)
        for (int dir = 0; dir < 2; dir++)
            if (succ_exit[k][dir] >= 0)
                br[k].succ[dir] = label[succ_exit[k][dir]] ? DMAP_OUT_T : DMAP_OUT_F;
    /* entry: the branch no other branch leads to */
    int entry = -1, nentry = 0;
    for (int k = 0; k < nb; k++) {
        int reached = 0;
        for (int j = 0; j < nb; j++)
            reached |= br[j].succ[0] == k || br[j].succ[1] == k;
        if (!reached) {
            entry = k;
            nentry++;
        }
    }
    if (nentry != 1) {
        snprintf(dd->reason, sizeof dd->reason, "%d entry branches (1 expected)", nentry);
        dd->status = DMAP_UNDETERMINED;
        return;
    }
    int st[DMAP_MAX_CONDS], sf[DMAP_MAX_CONDS];
    sc_graph(d, d->root, DMAP_OUT_T, DMAP_OUT_F, st, sf);
    Match m;
    memset(&m, 0, sizeof m);
    m.n = d->nconds;
    m.st = st;
    m.sf = sf;
    m.br = br;
    for (int c = 0; c < m.n; c++)
        m.assign[c] = -1;
    m.assign[first_cond(d, d->root)] = entry;
    m.used[entry] = 1;
    match_from(&m, 0);
    if (m.found != 1) {
        snprintf(dd->reason, sizeof dd->reason, m.found ? "several condition assignments "
                 "fit the branch shape" : "branch shape does not match the condition tree");
        dd->status = DMAP_UNDETERMINED;
        return;
    }
    for (int c = 0; c < m.n; c++) {
        br[m.best_assign[c]].cond = c;
        br[m.best_assign[c]].taken_true = m.best_pol[c];
    }
    br[entry].entry = 1;
}

static uint32_t function_of(const Build *b, uint64_t addr)
{
    SymFrame fr[16];
    size_t n = sym_frames(b->sym, addr, fr, 16);
    return n ? fr[0].func : SYM_NONE;
}

static void map_decision(const Build *b, int di, DmapDecision *dd, DmapBranch **out)
{
    const ScoDecision *d = dd->sco;
    DmapBranch *br = NULL;
    uint32_t *inst_fn = NULL;
    int nb = 0, ninst = 0, branchless = 0;

    for (size_t i = 0; i < b->ninsn; i++) {
        const Insn *in = &b->insn[i];
        if (in->dec == di || in->in_span == di ||
            (in->dec < 0 && in->in_span < 0 && in->near == di))
            branchless |= in->branchless;
        if (in->dec != di || in->info.flow != ISA_FLOW_COND || !in->info.has_target)
            continue;
        DmapBranch *n = realloc(br, (size_t)(nb + 1) * sizeof *n);
        uint32_t fn = function_of(b, in->addr);
        if (!n)
            break;
        br = n;
        memset(&br[nb], 0, sizeof br[nb]);
        br[nb].addr = in->addr;
        br[nb].len = in->info.len;
        br[nb].line = in->row->line;
        br[nb].col = in->row->column;
        br[nb].discriminator = in->row->discriminator;
        br[nb].cond = -1;
        int k;
        for (k = 0; k < ninst && inst_fn[k] != fn; k++)
            ;
        if (k == ninst) {
            uint32_t *ni = realloc(inst_fn, (size_t)(ninst + 1) * sizeof *ni);
            if (!ni)
                break;
            inst_fn = ni;
            inst_fn[ninst++] = fn;
        }
        br[nb].instance = k;
        nb++;
    }
    *out = br;
    dd->branches = br;
    dd->nbranches = nb;
    dd->ninstances = ninst;
    dd->status = DMAP_MAPPED;
    if (d->constant || d->nconds > DMAP_MAX_CONDS) {
        snprintf(dd->reason, sizeof dd->reason, d->constant ? "constant decision" :
                 "too many conditions");
        dd->status = DMAP_UNDETERMINED;
    } else {
        for (int c = d->nconds - 1; c >= 0; c--)
            if (d->conds[c].constant) {
                snprintf(dd->reason, sizeof dd->reason, "constant condition %d", c + 1);
                dd->status = DMAP_UNDETERMINED;
            }
    }
    if (dd->status == DMAP_MAPPED && (!nb || branchless)) {
        snprintf(dd->reason, sizeof dd->reason, branchless ? "branchless code in the decision"
                 : "no conditional branch at its positions");
        dd->status = DMAP_UNDETERMINED;
    }
    for (int k = 0; k < ninst && dd->status == DMAP_MAPPED; k++) {
        /* map copy k on its own branches, then put them back with decision-wide indices */
        DmapBranch tmp[DMAP_MAX_CONDS * 2];
        int idx[DMAP_MAX_CONDS * 2], m = 0;
        for (int j = 0; j < nb; j++)
            if (br[j].instance == k) {
                if (m == DMAP_MAX_CONDS * 2)
                    break;
                idx[m] = j;
                tmp[m++] = br[j];
            }
        map_instance(b, di, dd, tmp, m);
        if (dd->status != DMAP_MAPPED && ninst > 1) {
            char r[sizeof dd->reason];
            int w = snprintf(r, sizeof r, "copy %d of %d: ", k + 1, ninst);
            if (w > 0 && (size_t)w < sizeof r) {
                size_t room = sizeof r - (size_t)w - 1, len = strlen(dd->reason);
                memcpy(r + w, dd->reason, len < room ? len : room);
                r[(size_t)w + (len < room ? len : room)] = 0;
                memcpy(dd->reason, r, sizeof r);
            }
        }
        for (int j = 0; j < m; j++) {
            if (tmp[j].succ[0] >= 0)
                tmp[j].succ[0] = idx[tmp[j].succ[0]];
            if (tmp[j].succ[1] >= 0)
                tmp[j].succ[1] = idx[tmp[j].succ[1]];
            br[idx[j]] = tmp[j];
        }
    }
    free(inst_fn);
}

static int load_colons(Build *b, const char *source, char *err, size_t errlen)
{
    int n = sco_decision_count(b->sco);
    b->colon = calloc((size_t)n + 1, sizeof *b->colon);
    FILE *f = fopen(source, "r");
    if (!b->colon || !f) {
        set_err(err, errlen, "%s: cannot read", source);
        if (f)
            fclose(f);
        return -1;
    }
    char **lines = NULL, buf[4096];
    unsigned nlines = 0;
    while (fgets(buf, sizeof buf, f)) {
        char **nl = realloc(lines, (nlines + 1) * sizeof *nl);
        if (!nl)
            break;
        lines = nl;
        buf[strcspn(buf, "\n")] = 0;
        lines[nlines++] = strdup(buf);
    }
    fclose(f);
    for (int i = 0; i < n; i++) {
        const ScoDecision *d = sco_decision(b->sco, i);
        if (d->kind == SCO_DEC_TERNARY && d->ctrl.line)
            b->colon[i] = find_colon(lines, nlines, d->ctrl);
    }
    for (unsigned i = 0; i < nlines; i++)
        free(lines[i]);
    free(lines);
    return 0;
}

static int same_file(const char *dwarf_path, const char *source)
{
    char a[PATH_MAX], c[PATH_MAX];
    if (realpath(dwarf_path, a) && realpath(source, c))
        return !strcmp(a, c);
    const char *x = strrchr(dwarf_path, '/'), *y = strrchr(source, '/');
    return !strcmp(x ? x + 1 : dwarf_path, y ? y + 1 : source);
}

static void build_free(Build *b)
{
    for (size_t i = 0; i < b->nseg; i++)
        free(b->seg[i].bytes);
    free(b->seg);
    free(b->files);
    free(b->insn);
    free(b->colon);
}

DmapFile *dmap_build(const char *elf_path, const SymFile *sym, const ScoFile *sco,
                     const char *source, char *err, size_t errlen)
{
    Build b;
    memset(&b, 0, sizeof b);
    b.sym = sym;
    b.sco = sco;
    switch (sym_elf_machine(sym)) {
    case 243:                        /* EM_RISCV */
        b.isa = &isa_riscv32_ops;
        break;
    case 40:                         /* EM_ARM */
        b.isa = &isa_armv7m_ops;
        b.arm = 1;
        break;
    default:
        set_err(err, errlen, "%s: unsupported ELF machine %d", elf_path, sym_elf_machine(sym));
        return NULL;
    }
    DmapFile *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->sco = sco;
    if (read_code(&b, elf_path, err, errlen))
        goto fail;
    for (size_t i = 1; i < sym_file_count(sym); i++)
        if (same_file(sym_file_path(sym, (uint32_t)i), source)) {
            uint32_t *n = realloc(b.files, (b.nfiles + 1) * sizeof *n);
            if (!n)
                goto fail;
            b.files = n;
            b.files[b.nfiles++] = (uint32_t)i;
        }
    if (!b.nfiles) {
        set_err(err, errlen, "%s: %s is not in its DWARF line table", elf_path, source);
        goto fail;
    }
    if (load_colons(&b, source, err, errlen) || decode_functions(&b))
        goto fail;
    m->ndec = sco_decision_count(sco);
    m->dec = calloc((size_t)m->ndec + 1, sizeof *m->dec);
    m->br = calloc((size_t)m->ndec + 1, sizeof *m->br);
    if (!m->dec || !m->br)
        goto fail;
    for (int i = 0; i < m->ndec; i++) {
        m->dec[i].sco = sco_decision(sco, i);
        map_decision(&b, i, &m->dec[i], &m->br[i]);
    }
    build_free(&b);
    return m;
fail:
    build_free(&b);
    dmap_free(m);
    return NULL;
}

void dmap_free(DmapFile *m)
{
    if (!m)
        return;
    if (m->br)
        for (int i = 0; i < m->ndec; i++)
            free(m->br[i]);
    free(m->br);
    free(m->dec);
    free(m);
}

int dmap_count(const DmapFile *m)
{
    return m->ndec;
}

const DmapDecision *dmap_decision(const DmapFile *m, int i)
{
    return i >= 0 && i < m->ndec ? &m->dec[i] : NULL;
}
