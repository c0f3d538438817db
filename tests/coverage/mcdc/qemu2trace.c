/* qemu2trace — an emucov history trace from QEMU's instruction log (test tool).
 *
 *   qemu2trace IMAGE.bin BASE QEMU.log OUT.trace
 *
 * Until emucov has an ARM board, ARM decision maps are checked dynamically by running the
 * corpus under qemu-system-arm -singlestep -d exec,nochain (one "Trace" line per executed
 * instruction, its pc in the second bracketed field) and writing that pc sequence as an
 * emucov history trace: one block per instruction, its kind from isa_armv7m_ops, the
 * conditional outcome from the next pc.  IMAGE.bin is the code (objcopy -O binary) loaded
 * at BASE. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emu/isa/isa.h"
#include "tracer/trace.h"

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: qemu2trace IMAGE.bin BASE QEMU.log OUT.trace\n");
        return 1;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        fprintf(stderr, "qemu2trace: %s: cannot open\n", argv[1]);
        return 1;
    }
    static uint8_t img[1 << 20];
    size_t n = fread(img, 1, sizeof img, f);
    fclose(f);
    uint64_t base = strtoull(argv[2], NULL, 0);
    FILE *log = fopen(argv[3], "r");
    if (!log) {
        fprintf(stderr, "qemu2trace: %s: cannot open\n", argv[3]);
        return 1;
    }
    size_t npc = 0, cap = 0;
    uint64_t *pcs = NULL;
    char line[512];
    while (fgets(line, sizeof line, log)) {
        const char *b = strchr(line, '[');
        const char *s = b ? strchr(b, '/') : NULL;
        if (strncmp(line, "Trace ", 6) || !s)
            continue;
        if (npc == cap) {
            cap = cap ? 2 * cap : 4096;
            uint64_t *np = realloc(pcs, cap * sizeof *np);
            if (!np)
                return 1;
            pcs = np;
        }
        pcs[npc++] = strtoull(s + 1, NULL, 16);
    }
    fclose(log);
    char err[256];
    TraceHeader h;
    memset(&h, 0, sizeof h);
    h.isa = "armv7m";
    h.board = "qemu-mps2-an385";
    h.elf_path = argv[1];
    h.tool_version = "qemu2trace";
    h.argc = argc;
    h.argv = (const char *const *)argv;
    h.mode = TRACE_MODE_HISTORY;
    TraceWriter *w = trace_writer_open(argv[4], &h, err, sizeof err);
    if (!w) {
        fprintf(stderr, "qemu2trace: %s\n", err);
        return 1;
    }
    uint32_t *ids = calloc(n + 1, sizeof *ids);  /* per byte offset: id + 1 */
    for (size_t i = 0; i < npc; i++) {
        uint64_t pc = pcs[i];
        if (pc < base || pc - base >= n) {
            fprintf(stderr, "qemu2trace: pc 0x%llx outside the image\n", (unsigned long long)pc);
            return 1;
        }
        IsaInsnInfo info;
        unsigned len = isa_armv7m_ops.decode_info(img + (pc - base), n - (size_t)(pc - base),
                                                  pc, &info);
        if (!len)
            len = 2;
        int kind = info.flow;
        if (i + 1 == npc)
            kind = ISA_FLOW_SEQ;     /* the semihosting bkpt: the run ends after it */
        if (!ids[pc - base])
            ids[pc - base] = 1 + trace_define_block(w, pc, len, 1, kind,
                                                    info.has_target ? info.target : 0,
                                                    pc + len);
        trace_block_enter(w, ids[pc - base] - 1);
        if (i + 1 == npc)
            break;
        uint64_t next = pcs[i + 1];
        if (kind == ISA_FLOW_COND)
            trace_cond(w, ids[pc - base] - 1, next != pc + len);
        else if (kind == ISA_FLOW_INDIRECT || kind == ISA_FLOW_INDIRECT_CALL ||
                 kind == ISA_FLOW_RETURN || kind == ISA_FLOW_XRET)
            trace_indirect(w, next);
    }
    TraceEnd end;
    memset(&end, 0, sizeof end);
    end.insns = npc;
    end.stop_reason = TRACE_STOP_EXIT;
    if (trace_writer_close(w, &end, err, sizeof err)) {
        fprintf(stderr, "qemu2trace: %s\n", err);
        return 1;
    }
    free(ids);
    free(pcs);
    return 0;
}
