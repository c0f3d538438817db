/*
 * emu/core/emu.h - the emulator core's public interface: machine, bus,
 * virtual clock and timers, IRQ lines, device classes, logging, exit codes.
 *
 * Devices (emu/dev/), CPUs (emu/cpu/<arch>/), the board loader and the
 * command line all meet here.  Guest physical addresses are 32-bit: both
 * supported ISAs (RV32, ARMv7-M) have 32-bit physical address spaces.
 */
#ifndef EMU_CORE_EMU_H
#define EMU_CORE_EMU_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct EmuMachine EmuMachine;
typedef struct EmuBus EmuBus;
typedef struct EmuCpu EmuCpu;
typedef struct EmuTimer EmuTimer;

/* ---------------------------------------------------------------------- */
/* Exit statuses of `emucov run` (documented in docs/cli.md).  A guest exit
 * code (finisher, semihosting SYS_EXIT) is returned as is (mod 256); these
 * values are what the emulator itself uses. */
enum {
    EMU_EXIT_USAGE       = 120, /* bad command-line arguments                  */
    EMU_EXIT_INPUT       = 121, /* bad input: missing file, not an ELF, wrong
                                   machine, unknown board, bad board file      */
    EMU_EXIT_GUEST_STOP  = 122, /* emulator limit or guest death: unimplemented
                                   instruction/device, fetch from unmapped
                                   memory with no usable trap vector, lockup   */
    EMU_EXIT_MAX_INSNS   = 123, /* --max-insns bound reached                   */
    EMU_EXIT_TIMEOUT     = 124, /* --timeout bound reached (as timeout(1))     */
    EMU_EXIT_INTERNAL    = 125, /* host-side failure (I/O error, out of memory)*/
    EMU_EXIT_SIGNAL      = 130, /* stopped by SIGINT/SIGTERM (128 + 2)          */
};

/* ---------------------------------------------------------------------- */
/* Logging (-d LIST, -D FILE), as QEMU's -d categories. */
enum {
    EMU_LOG_IN_ASM       = 1u << 0, /* each translated block, disassembled     */
    EMU_LOG_EXEC         = 1u << 1, /* each executed block: "Trace 0: pc [n]"   */
    EMU_LOG_INT          = 1u << 2, /* interrupts and exceptions               */
    EMU_LOG_CPU          = 1u << 3, /* register dump before each block         */
    EMU_LOG_GUEST_ERRORS = 1u << 4, /* guest did something architecturally odd */
    EMU_LOG_UNIMP        = 1u << 5, /* unimplemented device/register accessed  */
    EMU_LOG_TB           = 1u << 6, /* translation cache events (flush, smc)   */
};
extern unsigned emu_log_mask;
extern FILE *emu_log_file;           /* stderr unless -D FILE */

#define emu_log_enabled(cat) (__builtin_expect((emu_log_mask & (cat)) != 0, 0))
void emu_log(unsigned cat, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
#define EMU_LOG(cat, ...) \
    do { if (emu_log_enabled(cat)) emu_log((cat), __VA_ARGS__); } while (0)
/* Parse "in_asm,exec,int" into a mask; returns false with a message in err. */
bool emu_log_parse(const char *list, unsigned *mask, char *err, size_t errlen);
const char *emu_log_help(void);

/* ---------------------------------------------------------------------- */
/* Virtual clock.  Time is derived from retired guest instructions only:
 * virtual nanoseconds = instructions * ns_per_insn + time skipped while the
 * CPU idles in WFI.  Timers fire at block boundaries, so the same ELF and
 * inputs always give the same sequence of events. */
typedef void (*EmuTimerCb)(void *opaque);

uint64_t emu_clock_ns(EmuMachine *m);                 /* now, virtual ns */
EmuTimer *emu_timer_new(EmuMachine *m, EmuTimerCb cb, void *opaque);
void emu_timer_mod(EmuTimer *t, uint64_t deadline_ns); /* (re)arm, absolute */
void emu_timer_del(EmuTimer *t);                       /* disarm           */
bool emu_timer_pending(const EmuTimer *t);

/* ---------------------------------------------------------------------- */
/* IRQ lines.  An output line of a device is an EmuIrq that the board loader
 * connects to an input of an interrupt controller (or of the CPU).  Levels
 * are 0/1; setting the same level twice is harmless. */
typedef void (*EmuIrqHandler)(void *opaque, unsigned n, int level);
typedef struct EmuIrq {
    EmuIrqHandler handler;   /* NULL: not connected */
    void *opaque;
    unsigned n;
} EmuIrq;

static inline void emu_irq_set(const EmuIrq *irq, int level)
{
    if (irq && irq->handler)
        irq->handler(irq->opaque, irq->n, level);
}
static inline void emu_irq_raise(const EmuIrq *irq) { emu_irq_set(irq, 1); }
static inline void emu_irq_lower(const EmuIrq *irq) { emu_irq_set(irq, 0); }

/* ---------------------------------------------------------------------- */
/* Device classes.  One per file in emu/dev/.  The board loader matches a
 * devicetree node's "compatible" strings against `compatible`, allocates
 * `state_size` zeroed bytes, calls init(), maps each "reg" entry (region
 * index i) with the read/write callbacks, and connects the node's
 * "interrupts"/"interrupts-extended" specifiers to `irqs`. */
typedef struct DevConfig {
    const char *name;        /* node path, e.g. "/soc/serial@10000000" */
    uint32_t base[4];        /* from "reg": base address of region i   */
    uint32_t size[4];        /*             size of region i           */
    unsigned nregions;
    EmuIrq irq_out[32];      /* resolved output lines, in DT order     */
    unsigned nirq_out;
    const void *fdt;         /* the board devicetree (libfdt blob)     */
    int node;                /* this node's offset in fdt               */
} DevConfig;

typedef struct DevClass {
    const char *name;                 /* short name: "ns16550a"          */
    const char *const *compatible;    /* NULL-terminated list            */
    size_t state_size;
    /* Returns 0, or -1 with a one-line reason in err. */
    int (*init)(void *state, EmuMachine *m, const DevConfig *cfg,
                char *err, size_t errlen);
    /* MMIO access to region `region` at byte offset `off`, size 1/2/4.
     * Accesses the device does not implement are logged under
     * EMU_LOG_UNIMP or EMU_LOG_GUEST_ERRORS and read as 0. Returning false
     * makes the access a bus error (architectural fault); devices should
     * do so only where the hardware does. */
    bool (*read)(void *state, unsigned region, uint32_t off, unsigned size,
                 uint32_t *val);
    bool (*write)(void *state, unsigned region, uint32_t off, unsigned size,
                  uint32_t val);
    void (*reset)(void *state);
    /* Interrupt controllers only: the input line for a specifier cell. */
    bool (*irq_in)(void *state, uint32_t spec, EmuIrq *out);
    void (*finalize)(void *state);    /* free owned resources; may be NULL */
} DevClass;

/* All device classes linked into the emulator (emu/dev/devices.c). */
extern const DevClass *const emu_dev_classes[];
const DevClass *emu_dev_find(const char *compatible);

/* ---------------------------------------------------------------------- */
/* The bus.  Regions are RAM/ROM (host-backed) or MMIO (device callbacks).
 * Anything unmapped is a hole: accesses to it are bus errors, logged under
 * guest_errors, and become the CPU's architectural fault. */
typedef enum EmuMemResult { EMU_MEM_OK = 0, EMU_MEM_UNMAPPED, EMU_MEM_DEVICE_ERROR,
                            EMU_MEM_READONLY } EmuMemResult;

/* Map host-backed memory; returns the host pointer (zero-filled) or NULL
 * with err set (overlap, out of memory). */
uint8_t *emu_bus_map_ram(EmuMachine *m, const char *name, uint32_t base,
                         uint32_t size, bool readonly, char *err, size_t errlen);
/* Map a device region; `region` is passed back to the device callbacks. */
bool emu_bus_map_mmio(EmuMachine *m, const char *name, uint32_t base,
                      uint32_t size, const DevClass *cls, void *state,
                      unsigned region, char *err, size_t errlen);

/* Guest physical access by the devices, loaders, semihosting and debugger.
 * `debug` accesses never have side effects on devices and may write ROM. */
EmuMemResult emu_bus_read(EmuMachine *m, uint32_t addr, unsigned size, uint32_t *val);
EmuMemResult emu_bus_write(EmuMachine *m, uint32_t addr, unsigned size, uint32_t val);
EmuMemResult emu_bus_read_buf(EmuMachine *m, uint32_t addr, void *buf, size_t len);
EmuMemResult emu_bus_write_buf(EmuMachine *m, uint32_t addr, const void *buf, size_t len);
/* Host pointer for [addr, addr+len) if it lies in one RAM/ROM region. */
uint8_t *emu_bus_host_ptr(EmuMachine *m, uint32_t addr, uint32_t len);
/* Loader/debugger write that may target ROM (flash programming). */
EmuMemResult emu_bus_load(EmuMachine *m, uint32_t addr, const void *buf, size_t len);

/* ---------------------------------------------------------------------- */
/* Machine-level services for devices. */

/* The guest asked to exit (test finisher, semihosting SYS_EXIT).  The run
 * stops at the end of the current instruction with `code` as status. */
void emu_machine_exit(EmuMachine *m, int code);
/* The emulator cannot go on (unimplemented feature...): stops with
 * EMU_EXIT_GUEST_STOP, printing the message and a register dump. */
void emu_machine_stop_error(EmuMachine *m, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Ask the CPU loop to return to the main loop soon (end of current block),
 * e.g. after an IRQ line changed.  Cheap; may be called often. */
void emu_machine_kick(EmuMachine *m);
EmuCpu *emu_machine_cpu(EmuMachine *m);
/* Reset the whole machine (SYSRESETREQ, gdb "monitor reset"). */
void emu_machine_request_reset(EmuMachine *m);

/* Host character I/O used by UARTs and semihosting.  Output goes to stdout
 * (unbuffered with respect to the emulator's own messages). */
void emu_console_write(EmuMachine *m, const void *buf, size_t len);
/* Input: returns a byte 0..255, or -1 if none is available now.  When stdin
 * is a regular file or /dev/null the answer is deterministic (data is
 * available until end of file). */
int emu_console_getc(EmuMachine *m);
bool emu_console_eof(EmuMachine *m);
/* Blocking read of one input byte (semihosting SYS_READ/READC, where the
 * guest itself waits); -1 at end of input. */
int emu_console_read_byte(EmuMachine *m);

/* Semihosting (emu/dev/semihost.c), shared by RISC-V and ARM: perform the
 * call `op` with parameter `arg` (register a0/r0 and a1/r1).  Returns the
 * value for a0/r0.  Word size is 4 (32-bit targets). */
uint32_t emu_semihost_call(EmuMachine *m, uint32_t op, uint32_t arg);

/* Give the guest's semihosting file calls (SYS_OPEN of a path, SYS_REMOVE,
 * SYS_RENAME) access to the host directory `dir` and below; without this
 * call the guest can open only ":tt".  Returns false with a one-line reason
 * in err when `dir` is not a directory. */
bool emu_semihost_set_root(EmuMachine *m, const char *dir, char *err, size_t errlen);
/* Close the guest's host files (emu_machine_free calls it). */
void emu_semihost_close_all(EmuMachine *m);

#endif
