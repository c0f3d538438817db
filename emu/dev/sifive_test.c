/*
 * emu/dev/sifive_test.c - SiFive test finisher ("sifive,test0"), as QEMU's
 * riscv virt machine has it at 0x100000.
 *
 * Wiring:
 *   MMIO  region 0 (0x1000 bytes): one 32-bit write-only register at 0x0.
 *   IRQ   none.
 * Writes: low 16 bits 0x5555 (FINISHER_PASS) -> exit status 0;
 *         0x3333 (FINISHER_FAIL) -> exit status = bits 31:16;
 *         0x7777 (FINISHER_RESET) -> machine reset.
 * Other values are logged under guest_errors and ignored.  Reads return 0.
 * This follows QEMU's hw/misc/sifive_test.c behaviour (SiFive publishes no
 * datasheet for this block).
 */
#include "emu/core/emu.h"

enum {
    A_FINISHER = 0x0,
    FINISHER_FAIL = 0x3333,
    FINISHER_PASS = 0x5555,
    FINISHER_RESET = 0x7777,
};

typedef struct SifiveTest {
    EmuMachine *m;
} SifiveTest;

static bool sifive_test_read(void *opaque, unsigned region, uint32_t off,
                             unsigned size, uint32_t *val)
{
    *val = 0;
    return true;
}

static bool sifive_test_write(void *opaque, unsigned region, uint32_t off,
                              unsigned size, uint32_t val)
{
    SifiveTest *s = opaque;
    if (off != A_FINISHER || size != 4) {
        EMU_LOG(EMU_LOG_GUEST_ERRORS, "sifive_test: %u-byte write at 0x%x ignored\n", size, off);
        return true;
    }
    switch (val & 0xffff) {
    case FINISHER_PASS:
        emu_machine_exit(s->m, 0);
        break;
    case FINISHER_FAIL:
        emu_machine_exit(s->m, (int)(val >> 16));
        break;
    case FINISHER_RESET:
        emu_machine_request_reset(s->m);
        break;
    default:
        EMU_LOG(EMU_LOG_GUEST_ERRORS, "sifive_test: unknown command 0x%08x\n", val);
    }
    return true;
}

static int sifive_test_init(void *opaque, EmuMachine *m, const DevConfig *cfg,
                            char *err, size_t errlen)
{
    ((SifiveTest *)opaque)->m = m;
    if (cfg->nregions < 1) {
        snprintf(err, errlen, "reg missing");
        return -1;
    }
    return 0;
}

static const char *const sifive_test_compat[] = {
    "sifive,test0", "sifive,test1", NULL
};

const DevClass emu_dev_sifive_test = {
    .name = "sifive_test",
    .compatible = sifive_test_compat,
    .state_size = sizeof(SifiveTest),
    .init = sifive_test_init,
    .read = sifive_test_read,
    .write = sifive_test_write,
};
