/*
 * tracer/trace_cli.c - `emucov trace info|dump|stats|verify FILE`.
 *
 * Exit status: 0 ok, 1 usage, 2 cannot open, 3 not a trace, 4 damaged or
 * inconsistent (the message says what was recovered).
 */
#include "tracer/trace.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define ST_USAGE 1

typedef unsigned long long ull;

static void usage(FILE *f)
{
    fprintf(f,
            "usage: emucov trace info FILE         header and totals\n"
            "       emucov trace dump [--limit N] FILE   block definitions, executed blocks, events\n"
            "       emucov trace stats FILE        sizes and compression figures\n"
            "       emucov trace verify FILE       checksums, ids and totals\n"
            "exit status: 0 ok, 1 usage, 2 cannot open, 3 not a trace, 4 damaged\n");
}

static void print_damage(const char *path, const TraceRecovery *rc)
{
    fprintf(stderr,
            "emucov trace: %s: damaged at offset %" PRIu64 ": %s; recovered %" PRIu64
            " frames (%" PRIu64 " bytes), %" PRIu64 " blocks, %" PRIu64 " instructions\n",
            path, rc->damage_offset, rc->reason, rc->frames_ok, rc->bytes_ok, rc->blocks,
            rc->insns);
}

/* Read the whole trace; returns 0 complete, TRACE_ERR_DAMAGED otherwise. */
static int read_all(TraceReader *r, TraceItem *end)
{
    TraceItem it;
    int rc;
    memset(end, 0, sizeof *end);
    while ((rc = trace_reader_next(r, &it)) == 1)
        if (it.kind == TRACE_ITEM_END)
            *end = it;
    return rc == 0 ? 0 : TRACE_ERR_DAMAGED;
}

static const char *mode_name(TraceMode m)
{
    return m == TRACE_MODE_FLAT ? "flat" : "history";
}

static int cmd_info(TraceReader *r, const char *path)
{
    const TraceInfo *in = trace_reader_info(r);
    TraceItem end;
    int st = read_all(r, &end);
    const TraceRecovery *rc = trace_reader_recovery(r);

    printf("trace:        %s\n", path);
    printf("format:       %u.%u\n", in->format_major, in->format_minor);
    printf("isa:          %s\n", in->isa);
    printf("board:        %s\n", in->board);
    printf("mode:         %s\n", mode_name(in->mode));
    printf("elf:          %s\n", in->elf_path);
    printf("elf sha256:   ");
    for (int i = 0; i < TRACE_SHA256_LEN; i++)
        printf("%02x", in->elf_sha256[i]);
    printf("\ntool:         %s\n", in->tool_version);
    printf("command line:");
    for (int i = 0; i < in->argc; i++)
        printf(" %s", in->argv[i]);
    printf("\n");
    if (rc->end_seen) {
        printf("instructions: %" PRIu64 "\n", end.end.insns);
        printf("blocks:       %" PRIu64 "\n", end.end.blocks);
        printf("exit status:  %d\n", (int)end.end.exit_status);
        printf("stop reason:  %s\n", trace_stop_name(end.end.stop_reason));
    }
    printf("replayed:     %" PRIu64 " blocks, %" PRIu64 " instructions\n", rc->blocks,
           rc->insns);
    printf("frames:       %" PRIu64 "\n", rc->frames_ok);
    printf("status:       %s\n", st ? "damaged" : "complete");
    if (st)
        print_damage(path, rc);
    return st;
}

static int cmd_dump(TraceReader *r, const char *path, uint64_t limit)
{
    TraceItem it;
    uint64_t n = 0;
    int rc;
    while ((rc = trace_reader_next(r, &it)) == 1) {
        if (limit && n >= limit) {
            printf("... (--limit %" PRIu64 " reached)\n", limit);
            return 0;
        }
        n++;
        switch (it.kind) {
        case TRACE_ITEM_BLOCK_DEF:
            printf("def    id=%u pc=0x%" PRIx64 " size=%u insns=%u end=%s", it.def.id, it.def.pc,
                   it.def.size, it.def.ninsns, trace_flow_name(it.def.kind));
            if (it.def.kind == ISA_FLOW_COND || it.def.kind == ISA_FLOW_JUMP ||
                it.def.kind == ISA_FLOW_CALL)
                printf(" target=0x%" PRIx64, it.def.taken_target);
            printf(" next=0x%" PRIx64 "\n", it.def.fallthrough);
            break;
        case TRACE_ITEM_BLOCK:
            printf("block  #%" PRIu64 " id=%u pc=0x%" PRIx64, it.index, it.def.id, it.def.pc);
            if (it.partial)
                printf(" insns=%u/%u partial\n", it.insns, it.def.ninsns);
            else {
                printf(" insns=%u %s", it.insns, trace_flow_name(it.def.kind));
                if (it.taken >= 0)
                    printf(it.taken ? " taken" : " not-taken");
                if (it.next_known)
                    printf(" -> 0x%" PRIx64, it.next_pc);
                printf("\n");
            }
            break;
        case TRACE_ITEM_EVENT:
            printf("event  @%" PRIu64 " %s cause=%u pc=0x%" PRIx64 " target=0x%" PRIx64
                   " retired=%u\n", it.index, trace_event_name(it.ev_kind), it.ev_cause, it.ev_pc,
                   it.ev_target, it.ev_retired);
            break;
        case TRACE_ITEM_COUNTS:
            printf("counts @%" PRIu64 " id=%u pc=0x%" PRIx64 " exec+=%" PRIu64 " taken+=%" PRIu64
                   " not-taken+=%" PRIu64 "\n", it.index, it.def.id, it.def.pc, it.exec,
                   it.taken_count, it.not_taken_count);
            break;
        case TRACE_ITEM_END:
            printf("end    insns=%" PRIu64 " blocks=%" PRIu64 " exit=%d stop=%s frames=%" PRIu64
                   "\n", it.end.insns, it.end.blocks, (int)it.end.exit_status,
                   trace_stop_name(it.end.stop_reason), it.end_frames);
            break;
        }
    }
    if (rc < 0) {
        print_damage(path, trace_reader_recovery(r));
        return TRACE_ERR_DAMAGED;
    }
    return 0;
}

static uint64_t file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (uint64_t)st.st_size : 0;
}

static int cmd_stats(TraceReader *r, const char *path)
{
    TraceItem end;
    int st = read_all(r, &end);
    const TraceRecovery *rc = trace_reader_recovery(r);
    uint64_t size = rc->bytes_ok ? rc->bytes_ok : file_size(path);
    double bits_per_cond = rc->conds ? 8.0 * (double)size / (double)rc->conds : 0;
    double bytes_per_block = rc->blocks ? (double)size / (double)rc->blocks : 0;

    printf("mode:                    %s\n", mode_name(trace_reader_info(r)->mode));
    printf("blocks executed:         %" PRIu64 "\n", rc->blocks);
    printf("instructions:            %" PRIu64 "\n", rc->insns);
    printf("block definitions:       %" PRIu64 "\n", rc->defs);
    printf("conditional branches:    %" PRIu64 "\n", rc->conds);
    printf("indirect exits:          %" PRIu64 " (%" PRIu64 " from the target cache)\n",
           rc->indirects, rc->icache_hits);
    printf("events:                  %" PRIu64 "\n", rc->events);
    printf("frames:                  %" PRIu64 "\n", rc->frames_ok);
    printf("compressed size:         %" PRIu64 " bytes\n", size);
    printf("raw size:                %" PRIu64 " bytes\n", rc->raw_bytes);
    printf("compression ratio:       %.2f\n",
           size ? (double)rc->raw_bytes / (double)size : 0.0);
    printf("bits per cond. branch:   %.4f (whole file)\n", bits_per_cond);
    printf("bytes per executed block: %.4f (whole file)\n", bytes_per_block);
    if (st)
        print_damage(path, rc);
    return st;
}

static int cmd_verify(TraceReader *r, const char *path)
{
    TraceItem end;
    int st = read_all(r, &end);
    const TraceRecovery *rc = trace_reader_recovery(r);
    if (st) {
        print_damage(path, rc);
        return st;
    }
    const char *what = NULL;
    char buf[200];
    if (end.end.blocks != rc->blocks) {
        snprintf(buf, sizeof buf, "end record says %llu blocks, replay gives %llu",
                 (ull)end.end.blocks, (ull)rc->blocks);
        what = buf;
    } else if (end.end.insns && end.end.insns != rc->insns &&
               trace_reader_info(r)->mode == TRACE_MODE_HISTORY) {
        snprintf(buf, sizeof buf, "end record says %llu instructions, replay gives %llu",
                 (ull)end.end.insns, (ull)rc->insns);
        what = buf;
    } else if (end.end_frames != rc->frames_ok) {
        snprintf(buf, sizeof buf, "end record says %llu data frames, read %llu",
                 (ull)end.end_frames, (ull)rc->frames_ok);
        what = buf;
    } else if (rc->bytes_ok != file_size(path)) {
        snprintf(buf, sizeof buf, "%llu bytes of garbage after the end record",
                 (ull)(file_size(path) - rc->bytes_ok));
        what = buf;
    }
    if (what) {
        fprintf(stderr, "emucov trace: %s: inconsistent: %s\n", path, what);
        return TRACE_ERR_DAMAGED;
    }
    printf("%s: OK: %" PRIu64 " frames, %" PRIu64 " block definitions, %" PRIu64
           " blocks, %" PRIu64 " instructions, %" PRIu64 " events\n",
           path, rc->frames_ok, rc->defs, rc->blocks, rc->insns, rc->events);
    return 0;
}

int trace_cli_main(int argc, char **argv)
{
    const char *sub, *path = NULL;
    uint64_t limit = 0;
    char err[512];
    int st;

    if (argc < 2) {
        usage(stderr);
        return ST_USAGE;
    }
    sub = argv[1];
    if (!strcmp(sub, "-h") || !strcmp(sub, "--help") || !strcmp(sub, "help")) {
        usage(stdout);
        return 0;
    }
    if (strcmp(sub, "info") && strcmp(sub, "dump") && strcmp(sub, "stats") &&
        strcmp(sub, "verify")) {
        fprintf(stderr, "emucov trace: unknown subcommand '%s' (info, dump, stats, verify)\n", sub);
        return ST_USAGE;
    }
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--limit") && !strcmp(sub, "dump")) {
            char *end;
            if (i + 1 >= argc || !*argv[i + 1] ||
                (limit = strtoull(argv[i + 1], &end, 10), *end)) {
                fprintf(stderr, "emucov trace: --limit needs a number\n");
                return ST_USAGE;
            }
            i++;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "emucov trace %s: unknown option '%s'\n", sub, argv[i]);
            return ST_USAGE;
        } else if (path) {
            fprintf(stderr, "emucov trace %s: one FILE expected\n", sub);
            return ST_USAGE;
        } else {
            path = argv[i];
        }
    }
    if (!path) {
        fprintf(stderr, "emucov trace %s: missing FILE\n", sub);
        return ST_USAGE;
    }
    TraceReader *r = trace_reader_open(path, &st, err, sizeof err);
    if (!r) {
        fprintf(stderr, "emucov trace: %s\n", err);
        return st;
    }
    if (!strcmp(sub, "info"))
        st = cmd_info(r, path);
    else if (!strcmp(sub, "dump"))
        st = cmd_dump(r, path, limit);
    else if (!strcmp(sub, "stats"))
        st = cmd_stats(r, path);
    else
        st = cmd_verify(r, path);
    trace_reader_close(r);
    return st;
}
