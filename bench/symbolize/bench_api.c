/* bench_api: library-level cost of symbolize (what xcov pays): sym_open, then sym_frames for
 * every address read from stdin (hex, one per line). Prints both phases' wall and CPU times.
 *   bench_api FILE.elf < addresses.txt */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "symbolize.h"

static double clock_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double now(void) { return clock_s(CLOCK_MONOTONIC); }
/* CPU time of the process: what a loaded machine disturbs least */
static double cpu(void) { return clock_s(CLOCK_PROCESS_CPUTIME_ID); }

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: bench_api FILE.elf < addresses\n");
        return 2;
    }
    size_t n = 0, cap = 1 << 16;
    uint64_t *addrs = malloc(cap * sizeof *addrs);
    char line[128];
    while (addrs && fgets(line, sizeof line, stdin)) {
        if (n == cap) {
            cap *= 2;
            uint64_t *na = realloc(addrs, cap * sizeof *addrs);
            if (!na)
                return 1;
            addrs = na;
        }
        addrs[n++] = strtoull(line, NULL, 16);
    }
    char err[512];
    double t0 = now(), c0 = cpu();
    SymFile *f = sym_open(argv[1], err, sizeof err);
    if (!f) {
        fprintf(stderr, "bench_api: %s\n", err);
        return 1;
    }
    double t1 = now(), c1 = cpu();
    SymFrame fr[32];
    size_t frames = 0;
    for (size_t i = 0; i < n; i++)
        frames += sym_frames(f, addrs[i], fr, 32);
    double t2 = now(), c2 = cpu();
    printf("sym_open %.1f ms (CPU %.1f ms); %zu addresses -> %zu frames in %.1f ms (CPU %.1f ms, "
           "%.0f ns/address)\n",
           (t1 - t0) * 1e3, (c1 - c0) * 1e3, n, frames, (t2 - t1) * 1e3, (c2 - c1) * 1e3,
           n ? (c2 - c1) * 1e9 / (double)n : 0.0);
    sym_close(f);
    free(addrs);
    return 0;
}
