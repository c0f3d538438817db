/*
 * emu/dev/devices.h - the device classes of emu/dev/, for the board loader
 * and unit tests.  Boards select them by "compatible" via emu_dev_find().
 */
#ifndef EMU_DEV_DEVICES_H
#define EMU_DEV_DEVICES_H

#include "emu/core/emu.h"

extern const DevClass emu_dev_ns16550a;
extern const DevClass emu_dev_sifive_clint;
extern const DevClass emu_dev_sifive_plic;
extern const DevClass emu_dev_sifive_test;
extern const DevClass emu_dev_cmsdk_apb_uart;
extern const DevClass emu_dev_cmsdk_apb_timer;
extern const DevClass emu_dev_cmsdk_apb_dualtimer;
extern const DevClass emu_dev_mps2_fpgaio;
extern const DevClass emu_dev_mps2_scc;
/* Not in the compatible table: the board loader maps the reg of nodes with
 * an unknown compatible to it (reads 0, writes ignored, both logged). */
extern const DevClass emu_dev_unimp;

#endif
