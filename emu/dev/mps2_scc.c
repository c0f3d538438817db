/*
 * emu/dev/mps2_scc.c - MPS2 Serial Communication Controller (AN385
 * application note, "SCC registers"; QEMU 7.2 mps2-scc): board
 * configuration registers and the FPGA/board ID registers.
 *
 * Wiring contract (compatible "arm,mps2-scc"):
 *   MMIO  reg 0: 4 KiB: CFG_REG0 0x000 (RW), CFG_REG1 0x004 (RW, LEDs),
 *         CFG_REG2 0x008 (RW), CFG_REG3 0x00c (RO, switches: 0),
 *         CFG_REG4 0x010 (RO, board revision), CFG_REG5..7 0x014-0x01c (RW),
 *         CFGDATA_RTN 0x0a0, CFGDATA_OUT 0x0a4, CFGCTRL 0x0a8, CFGSTAT 0x0ac,
 *         DLL 0x100, AID 0xff8, ID 0xffc.
 *   IRQ   none.
 *   props arm,scc-id, arm,scc-aid, arm,scc-cfg4 (QEMU's properties).
 * A configuration transaction (CFGCTRL.START) completes at once: CFGSTAT
 * reads DONE, reads return 0 (no oscillator or power registers modelled).
 */
#include "devices.h"
#include "devprop.h"

enum { R_CFG0 = 0x000, R_CFG3 = 0x00c, R_CFG4 = 0x010, R_CFG7 = 0x01c,
       R_CFGDATA_RTN = 0x0a0, R_CFGDATA_OUT = 0x0a4, R_CFGCTRL = 0x0a8, R_CFGSTAT = 0x0ac,
       R_DLL = 0x100, R_AID = 0xff8, R_ID = 0xffc };

typedef struct Mps2Scc {
    uint32_t cfg[8];
    uint32_t cfgdata_rtn, cfgdata_out, cfgctrl, cfgstat, dll;
    uint32_t id, aid, cfg4;
} Mps2Scc;

static bool scc_read(void *opaque, unsigned region, uint32_t off, unsigned size, uint32_t *val)
{
    Mps2Scc *s = opaque;
    (void)region;
    (void)size;
    if (off <= R_CFG7 && !(off & 3)) {
        *val = off == R_CFG4 ? s->cfg4 : off == R_CFG3 ? 0 : s->cfg[off / 4];
        return true;
    }
    switch (off) {
    case R_CFGDATA_RTN: *val = s->cfgdata_rtn; break;
    case R_CFGDATA_OUT: *val = s->cfgdata_out; break;
    case R_CFGCTRL: *val = s->cfgctrl; break;
    case R_CFGSTAT: *val = s->cfgstat; break;
    case R_DLL: *val = s->dll; break;
    case R_AID: *val = s->aid; break;
    case R_ID: *val = s->id; break;
    default:
        EMU_LOG(EMU_LOG_GUEST_ERRORS, "mps2-scc: read of bad offset 0x%x\n", off);
        *val = 0;
        break;
    }
    return true;
}

static bool scc_write(void *opaque, unsigned region, uint32_t off, unsigned size, uint32_t val)
{
    Mps2Scc *s = opaque;
    (void)region;
    (void)size;
    if (off <= R_CFG7 && !(off & 3)) {
        if (off != R_CFG3 && off != R_CFG4)
            s->cfg[off / 4] = val;
        return true;
    }
    switch (off) {
    case R_CFGDATA_OUT: s->cfgdata_out = val; break;
    case R_CFGCTRL:
        s->cfgctrl = val & ~(1u << 31);
        if (val & (1u << 31)) {           /* START: complete at once */
            s->cfgstat = 1;               /* DONE, no ERROR */
            if (!(val & (1u << 30)))      /* a read */
                s->cfgdata_rtn = 0;
        }
        break;
    case R_CFGSTAT: s->cfgstat = val & 3; break;
    case R_DLL: s->dll = (s->dll & ~0xff0000u) | (val & 0xff0000u); break;
    default:
        EMU_LOG(EMU_LOG_GUEST_ERRORS, "mps2-scc: write of bad or read-only offset 0x%x\n", off);
        break;
    }
    return true;
}

static void scc_reset(void *opaque)
{
    Mps2Scc *s = opaque;
    for (int i = 0; i < 8; i++)
        s->cfg[i] = 0;
    s->cfgdata_rtn = s->cfgdata_out = s->cfgctrl = s->cfgstat = 0;
    s->dll = 0xffff0001u;              /* DLL locked (QEMU's reset value) */
}

static int scc_init(void *opaque, EmuMachine *m, const DevConfig *cfg, char *err, size_t errlen)
{
    Mps2Scc *s = opaque;
    (void)m;
    (void)err;
    (void)errlen;
    s->id = dev_prop_u32(cfg, "arm,scc-id", 0x41043850);
    s->aid = dev_prop_u32(cfg, "arm,scc-aid", 0x00200008);
    s->cfg4 = dev_prop_u32(cfg, "arm,scc-cfg4", 0x2);
    return 0;
}

static const char *const scc_compat[] = { "arm,mps2-scc", NULL };

const DevClass emu_dev_mps2_scc = {
    .name = "mps2-scc",
    .compatible = scc_compat,
    .state_size = sizeof(Mps2Scc),
    .init = scc_init,
    .read = scc_read,
    .write = scc_write,
    .reset = scc_reset,
};
