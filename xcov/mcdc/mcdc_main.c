/* xcov-mcdc — decision maps, evaluation vectors and MC/DC verdicts of one ELF + trace.
 *
 *   xcov-mcdc [-p BUILDDIR] ELF TRACE|- SOURCE.c... [-- CLANG-ARGS]
 *
 * -p: the sources' compiler flags from BUILDDIR/compile_commands.json (sco_extract_db);
 * otherwise CLANG-ARGS.
 * TRACE '-' prints the maps only.  Per decision (identified by where its span starts,
 * LINE:COL, as the host logs of tests/coverage/decisions name them):
 *   decision 33:9 if mapped                       | undetermined: REASON
 *     branch 0x800001a2 c1 33:8/0 taken=F         (taken=T: taken means True)
 *     vector TF- -> F 2                           (values, outcome, count)
 *     verdict outcomes=TF uc=1,2 mask=1,2         (mapped decisions, with a trace)
 * Exit status: 0, 1 on usage or input errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dmap.h"

static void list(FILE *out, uint64_t bits, int n)
{
    const char *sep = "";
    for (int c = 0; c < n; c++)
        if (bits >> c & 1) {
            fprintf(out, "%s%d", sep, c + 1);
            sep = ",";
        }
}

int main(int argc, char **argv)
{
    char err[512];
    const char *dbdir = NULL;
    int nsrc = 0, dash = argc;
    if (argc > 2 && !strcmp(argv[1], "-p")) {
        dbdir = argv[2];
        argv += 2;
        argc -= 2;
    }
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--")) {
            dash = i;
            break;
        }
    nsrc = dash - 3;
    if (nsrc < 1) {
        fprintf(stderr, "usage: xcov-mcdc [-p BUILDDIR] ELF TRACE|- SOURCE.c... [-- CLANG-ARGS]\n");
        return 1;
    }
    const char *elf = argv[1], *trace = argv[2];
    const char *const *cargs = (const char *const *)argv + dash + 1;
    int ncargs = dash < argc ? argc - dash - 1 : 0;
    SymFile *sym = sym_open(elf, err, sizeof err);
    if (!sym) {
        fprintf(stderr, "xcov-mcdc: %s\n", err);
        return 1;
    }
    int status = 0;
    for (int s = 0; s < nsrc && !status; s++) {
        const char *src = argv[3 + s];
        ScoFile *sco = dbdir ? sco_extract_db(src, dbdir, err, sizeof err)
                             : sco_extract(src, cargs, ncargs, err, sizeof err);
        DmapFile *map = sco ? dmap_build(elf, sym, sco, src, err, sizeof err) : NULL;
        DmapVectors *vec = map ? dmap_vectors_new(map) : NULL;
        if (map && !vec)
            snprintf(err, sizeof err, "out of memory");
        if (!vec || (strcmp(trace, "-") && dmap_vectors_trace(vec, trace, err, sizeof err))) {
            fprintf(stderr, "xcov-mcdc: %s\n", err);
            status = 1;
        } else {
            printf("file %s\n", src);
            for (int i = 0; i < dmap_count(map); i++) {
                const DmapDecision *d = dmap_decision(map, i);
                const ScoDecision *sd = d->sco;
                printf("decision %u:%u %s ", sd->range.start.line, sd->range.start.col,
                       sco_kind_name(sd->kind));
                if (d->status == DMAP_MAPPED)
                    printf("mapped\n");
                else
                    printf("undetermined: %s\n", d->reason);
                for (int k = 0; k < d->nbranches; k++) {
                    const DmapBranch *b = &d->branches[k];
                    printf("  branch 0x%llx", (unsigned long long)b->addr);
                    if (b->cond >= 0)
                        printf(" c%d", b->cond + 1);
                    else
                        printf(" c?");
                    printf(" %u:%u/%u", b->line, b->col, b->discriminator);
                    if (b->cond >= 0)
                        printf(" taken=%c", b->taken_true ? 'T' : 'F');
                    printf("\n");
                }
                if (d->status != DMAP_MAPPED || !strcmp(trace, "-"))
                    continue;
                int n = dmap_vector_count(vec, i);
                for (int k = 0; k < n; k++) {
                    const DmapVector *v = dmap_vector(vec, i, k);
                    printf("  vector %s -> %c %llu\n", v->values, v->outcome,
                           (unsigned long long)v->count);
                }
                if (dmap_vectors_anomalies(vec, i))
                    printf("  anomalies %llu\n",
                           (unsigned long long)dmap_vectors_anomalies(vec, i));
                DmapMcdc r;
                dmap_mcdc(sd, dmap_vector(vec, i, 0), n, &r);
                printf("  verdict outcomes=%s%s uc=", r.outcome_true ? "T" : "",
                       r.outcome_false ? "F" : "");
                list(stdout, r.uc, sd->nconds);
                printf(" mask=");
                list(stdout, r.mask, sd->nconds);
                printf("\n");
            }
        }
        dmap_vectors_free(vec);
        dmap_free(map);
        sco_free(sco);
    }
    sym_close(sym);
    return status;
}
