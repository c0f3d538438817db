/*
 * report/drcov.c - the "drcov" renderer: <outdir>/coverage.drcov, the
 * executed basic blocks in DynamoRIO's drcov log format (version 2), which
 * Lighthouse (IDA/Binary Ninja), bncov, Lightkeeper (Ghidra) and Cartographer
 * load.
 *
 *   DRCOV VERSION: 2
 *   DRCOV FLAVOR: drcov
 *   Module Table: version 2, count 1
 *   Columns: id, base, end, entry, checksum, timestamp, path
 *    0, 0x<base>, 0x<end>, 0x0000000000000000, 0x00000000, 0x00000000, <elf>
 *   BB Table: <N> bbs
 *   N binary entries, little-endian: { uint32 start (offset from base),
 *                                       uint16 size, uint16 module id = 0 }
 *
 * The ELF is module 0 based at CovReport.elf_base.  A block longer than
 * 65535 bytes is written as several consecutive entries (the size field
 * is 16 bits).  A block below the base or more than 4 GiB above it cannot
 * be expressed and is an error.
 */
#include "render_util.h"

#include <inttypes.h>

static void put_le(ReportBuf *b, uint64_t v, int bytes)
{
    for (int i = 0; i < bytes; i++)
        report_buf_putc(b, (char)(v >> (8 * i)));
}

static int drcov_render(const CovReport *r, const char *outdir, char *err, size_t errlen)
{
    uint64_t entries = 0;
    for (unsigned i = 0; i < r->nblocks; i++) {
        const CovBlock *bl = &r->blocks[i];
        if (bl->addr < r->elf_base || bl->addr - r->elf_base + bl->size > UINT32_MAX + UINT64_C(1))
            return report_fail(err, errlen,
                               "drcov: block at 0x%" PRIx64 " (size %" PRIu32 ") is outside "
                               "the module based at 0x%" PRIx64, bl->addr, bl->size, r->elf_base);
        entries += bl->size ? (bl->size + 0xFFFEu) / 0xFFFFu : 1;
    }
    /* the module must span every block even when elf_end is too small */
    uint64_t end = r->elf_end > r->elf_base ? r->elf_end : r->elf_base;
    for (unsigned i = 0; i < r->nblocks; i++)
        if (r->blocks[i].addr + r->blocks[i].size > end)
            end = r->blocks[i].addr + r->blocks[i].size;

    ReportBuf b;
    report_buf_init(&b);
    report_buf_puts(&b, "DRCOV VERSION: 2\nDRCOV FLAVOR: drcov\n"
                        "Module Table: version 2, count 1\n"
                        "Columns: id, base, end, entry, checksum, timestamp, path\n");
    report_buf_printf(&b, " 0, 0x%016" PRIx64 ", 0x%016" PRIx64
                          ", 0x0000000000000000, 0x00000000, 0x00000000, ", r->elf_base, end);
    /* the path ends the line: a newline in it would break the table */
    for (const char *p = r->elf_path ? r->elf_path : "unknown.elf"; *p; p++)
        report_buf_putc(&b, *p == '\n' || *p == '\r' ? '_' : *p);
    report_buf_printf(&b, "\nBB Table: %" PRIu64 " bbs\n", entries);
    for (unsigned i = 0; i < r->nblocks; i++) {
        uint64_t off = r->blocks[i].addr - r->elf_base;
        uint32_t left = r->blocks[i].size;
        do {
            uint32_t sz = left > 0xFFFF ? 0xFFFF : left;
            put_le(&b, off, 4);
            put_le(&b, sz, 2);
            put_le(&b, 0, 2);
            off += sz;
            left -= sz;
        } while (left);
    }
    int rc = report_write_buf(outdir, "coverage.drcov", &b, err, errlen);
    report_buf_free(&b);
    return rc;
}

const ReportRenderer report_drcov = {
    .name = "drcov",
    .description = "coverage.drcov: executed blocks for Lighthouse, bncov (drcov v2)",
    .render = drcov_render,
};
