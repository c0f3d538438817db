/*
 * tests/unit/tracer/gen_trace.c - write a synthetic trace (for the CLI
 * tests and the fuzz seed corpus).
 *   tracer-gen OUT history|flat [NBLOCKS [SEED [FRAME_SIZE]]]
 */
#include "sim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    SimConfig c;
    SimResult res;
    char err[256];

    if (argc < 3 || (strcmp(argv[2], "history") && strcmp(argv[2], "flat"))) {
        fprintf(stderr, "usage: tracer-gen OUT history|flat [NBLOCKS [SEED [FRAME_SIZE]]]\n");
        return 1;
    }
    sim_default_config(&c, argc > 4 ? strtoull(argv[4], NULL, 0) : 1,
                       argc > 3 ? strtoull(argv[3], NULL, 0) : 100000,
                       strcmp(argv[2], "flat") ? TRACE_MODE_HISTORY : TRACE_MODE_FLAT);
    c.frame_size = argc > 5 ? (uint32_t)strtoul(argv[5], NULL, 0) : 0;
    c.flat_period = 10000;
    c.log = false;
    c.halt_at_end = true;
    if (sim_run(&c, argv[1], &res, err, sizeof err)) {
        fprintf(stderr, "tracer-gen: %s\n", err);
        return 1;
    }
    printf("blocks=%llu insns=%llu defs=%u\n", (unsigned long long)res.blocks,
           (unsigned long long)res.insns, res.ndefs);
    sim_result_free(&res);
    return 0;
}
