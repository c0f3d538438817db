/*
 * emu/core/machine.h - emulator-internal interfaces between the core, the
 * CPU models (emu/cpu/<arch>) and the board loader.  Not for devices: they
 * only see emu.h.
 */
#ifndef EMU_CORE_MACHINE_H
#define EMU_CORE_MACHINE_H

#include "emu.h"
#include "../isa/isa.h"

/* ---------------------------------------------------------------------- */
/* CPU classes (one per emu/cpu/<arch>). */
typedef enum EmuRunReason {
    EMU_RUN_LIMIT = 0,    /* instruction budget used up (or kicked)        */
    EMU_RUN_EXIT,         /* guest requested exit: m->exit_code             */
    EMU_RUN_ERROR,        /* emulator stop: m->error_msg                    */
    EMU_RUN_IDLE,         /* CPU waits for an interrupt (WFI/WFE)            */
    EMU_RUN_DEBUG,        /* breakpoint/watchpoint/step hit (gdb stub)       */
} EmuRunReason;

/* ---------------------------------------------------------------------- */
/* Debug support (gdb stub, emu/gdbstub).  ISA-neutral: registers are named
 * by their gdb register number as the CPU's target description (XML) lays
 * them out; addresses are guest physical. */
typedef enum EmuBpType {
    EMU_BP_SW = 0,        /* Z0: software breakpoint (never written to memory) */
    EMU_BP_HW = 1,        /* Z1: hardware breakpoint                          */
    EMU_WP_WRITE = 2,     /* Z2: write watchpoint                             */
    EMU_WP_READ = 3,      /* Z3: read watchpoint                              */
    EMU_WP_ACCESS = 4,    /* Z4: access (read or write) watchpoint            */
} EmuBpType;

/* Why the CPU returned EMU_RUN_DEBUG. */
typedef enum EmuDebugStopKind {
    EMU_DBG_STOP_NONE = 0,
    EMU_DBG_STOP_STEP,    /* the single step requested finished               */
    EMU_DBG_STOP_BREAK,   /* breakpoint: `type` says Z0 or Z1                  */
    EMU_DBG_STOP_WATCH,   /* watchpoint: `type`, `addr` of the access          */
} EmuDebugStopKind;

typedef struct EmuDebugStop {
    EmuDebugStopKind kind;
    EmuBpType type;
    uint32_t addr;        /* data address (watchpoints)                       */
    uint32_t pc;          /* where the CPU stands                             */
} EmuDebugStop;

typedef struct EmuCpuDebugOps {
    /* Target description (gdb's <target> XML, with its features) and the
     * number of registers sent in the 'g' packet (registers 0..n-1). */
    const char *(*target_xml)(EmuCpu *cpu);
    unsigned g_regs;
    unsigned pc_regnum;         /* the pc's register number ('c ADDR', 's ADDR') */
    /* Read register `n` into buf (target byte order); returns its size in
     * bytes, or 0 when the CPU has no register `n`. */
    unsigned (*reg_read)(EmuCpu *cpu, unsigned n, uint8_t *buf);
    /* Write register `n` from `len` bytes; false when it does not exist. */
    bool (*reg_write)(EmuCpu *cpu, unsigned n, const uint8_t *buf, unsigned len);
    /* Insert/remove a breakpoint or watchpoint; false if unsupported or (on
     * remove) not present.  Changes take effect from the next instruction
     * and never retranslate code (the trace stays the same). */
    bool (*bp_insert)(EmuCpu *cpu, EmuBpType type, uint32_t addr, uint32_t len);
    bool (*bp_remove)(EmuCpu *cpu, EmuBpType type, uint32_t addr, uint32_t len);
    void (*bp_remove_all)(EmuCpu *cpu);
    /* The next run() executes exactly one instruction (or takes one trap
     * or interrupt and executes the handler's first instruction) and
     * returns EMU_RUN_DEBUG with a STEP stop. */
    void (*set_step)(EmuCpu *cpu, bool on);
    /* Details of the last EMU_RUN_DEBUG. */
    void (*stop_info)(EmuCpu *cpu, EmuDebugStop *out);
    /* True while the CPU is stopped inside a translation block (the main
     * loop must not run timers or take interrupts before it resumes, so a
     * debugged run is the same as a plain one). */
    bool (*mid_block)(EmuCpu *cpu);
} EmuCpuDebugOps;

typedef struct EmuCpuClass {
    const char *name;           /* "rv32", "cortex-m3", "cortex-m4"        */
    const char *const *compatible; /* DT cpu node compatibles/ISA strings   */
    const IsaOps *isa;
    uint16_t elf_machine;       /* EM_RISCV, EM_ARM                          */
    EmuCpu *(*create)(EmuMachine *m, const void *fdt, int node,
                      char *err, size_t errlen);
    void (*destroy)(EmuCpu *cpu);
    /* Architectural reset.  `entry` is the ELF entry point (RISC-V starts
     * there; ARMv7-M ignores it and reads the vector table). */
    void (*reset)(EmuCpu *cpu, uint32_t entry);
    /* Execute until the instruction count reaches `icount_limit`, an event
     * needs the main loop, or the guest stops.  Checks happen at block
     * boundaries only. */
    EmuRunReason (*run)(EmuCpu *cpu, uint64_t icount_limit);
    /* Interrupt-controller input of the CPU itself (RISC-V: mip bit number;
     * ARMv7-M: external interrupt number through the NVIC). */
    bool (*irq_in)(EmuCpu *cpu, uint32_t spec, EmuIrq *out);
    void (*dump)(EmuCpu *cpu, FILE *out);      /* register dump            */
    uint32_t (*get_pc)(EmuCpu *cpu);
    /* Whether an enabled interrupt is pending (wakes WFI). */
    bool (*has_wakeup)(EmuCpu *cpu);
    /* Drop all translated code (code memory was written by a debugger or
     * loader). */
    void (*flush_code)(EmuCpu *cpu);
    /* gdb support; NULL when the CPU model has none. */
    const EmuCpuDebugOps *debug;
} EmuCpuClass;

extern const EmuCpuClass emu_cpu_rv32;
extern const EmuCpuClass emu_cpu_armv7m;
const EmuCpuClass *emu_cpu_class_find(const char *compatible);

/* ---------------------------------------------------------------------- */
/* Translation hooks for tracing (fed by the CPU at block boundaries). */
typedef struct EmuTraceHooks EmuTraceHooks;

/* ---------------------------------------------------------------------- */
/* Memory regions. */
typedef struct EmuRegion {
    const char *name;
    uint32_t base, size;
    uint8_t *host;              /* RAM/ROM: backing store; NULL for MMIO   */
    bool readonly;
    const DevClass *cls;        /* MMIO */
    void *state;
    unsigned index;             /* region index passed to the device       */
} EmuRegion;

#define EMU_MAX_REGIONS 64
#define EMU_MAX_DEVICES 64
#define EMU_PAGE_BITS 12
#define EMU_CODE_LINE_BITS 6    /* code_lines: one byte per 64-byte line    */

typedef struct EmuDevice {
    const DevClass *cls;
    void *state;
    char name[96];
} EmuDevice;

struct EmuTimer {
    EmuMachine *m;
    EmuTimerCb cb;
    void *opaque;
    uint64_t deadline;          /* virtual ns; UINT64_MAX when disarmed     */
    EmuTimer *next;             /* machine's timer list, in creation order:
                                   timers due at the same ns fire in this
                                   order (determinism)                      */
};

struct EmuMachine {
    /* CPU */
    const EmuCpuClass *cpu_class;
    EmuCpu *cpu;
    /* bus */
    EmuRegion regions[EMU_MAX_REGIONS];
    unsigned nregions;
    /* Fast path: per 4 KiB page, host address minus guest page address for
     * pages entirely inside one RAM region (NULL otherwise).  Writable pages
     * only in fast_wr.  Indexed by addr >> EMU_PAGE_BITS. */
    uintptr_t *fast_rd;
    uintptr_t *fast_wr;
    /* One byte per 64-byte line of guest address space: non-zero when the
     * line holds translated code (stores there invalidate translations). */
    uint8_t *code_lines;
    /* devices */
    EmuDevice devices[EMU_MAX_DEVICES];
    unsigned ndevices;
    /* board */
    char board_name[64];
    char board_model[128];
    void *fdt;                  /* owned copy of the board devicetree       */
    /* clock: virtual ns = icount * ns_per_insn + idle_ns */
    uint64_t icount;            /* retired instructions (kept by the CPU)  */
    uint32_t ns_per_insn;
    uint64_t idle_ns;
    EmuTimer *timers;
    uint64_t next_deadline_ns;  /* earliest armed timer, UINT64_MAX if none */
    /* run control */
    volatile int kick;          /* the CPU loop must return soon           */
    bool exit_requested;
    int exit_code;
    bool error;
    char error_msg[512];
    bool reset_requested;
    /* timebase of the board's /cpus node (Hz; RISC-V mtime), 0 if none */
    uint64_t timebase_hz;
    /* semihosting: SYS_GET_CMDLINE answer (firmware name); may be empty */
    char cmdline[256];
    /* console */
    int console_in_fd;
    bool console_in_eof;
    bool console_in_regular;    /* stdin is a file: deterministic input    */
    int console_out_fd;         /* guest output (default 1: stdout)        */
    int console_err_fd;         /* semihosting stderr (default fd 2)      */
    /* tracing (NULL = off): the tracer's TraceWriter (tracer/trace.h) */
    struct TraceWriter *trace_writer;
    /* trapping instructions that end their block (ecall, ebreak, illegal):
     * they do not retire (minstret) but count as executed in the trace */
    uint64_t trap_insns;
    /* ninsns of the block entered last (trace events between blocks) */
    uint32_t trace_last_ninsns;
    /* semihosting */
    uint32_t heap_base, heap_limit, stack_base, stack_limit;
    uint64_t semihost_start_ns;
    uint32_t semihost_errno;    /* SYS_ERRNO: errno of the last failed call */
    struct SemihostFiles *semihost_files; /* --semihosting-root, NULL = sandboxed */
};

/* Console set-up (console.c): input from `in_fd` (deterministic when it is a
 * regular file or /dev/null), output to m->console_out_fd.  Called by
 * emu_machine_new with fd 0. */
void emu_console_init(EmuMachine *m, int in_fd);
/* Guest output meant for the host's stderr (semihosting handle 2). */
void emu_console_write_err(EmuMachine *m, const void *buf, size_t len);

/* CPU classes known to emu_cpu_class_find besides the built-in ones (unit
 * tests register a dummy CPU this way). */
void emu_cpu_class_register(const EmuCpuClass *cls);

/* Machine lifetime (machine.c). */
EmuMachine *emu_machine_new(void);
void emu_machine_free(EmuMachine *m);
/* Register a device; the machine owns `state` (malloc'd) from then on and
 * calls cls->finalize and free() on it in emu_machine_free. */
bool emu_machine_add_device(EmuMachine *m, const DevClass *cls, void *state,
                            const char *name, char *err, size_t errlen);
void emu_machine_reset_devices(EmuMachine *m);
/* Recompute m->next_deadline_ns and fire due timers; called by the main
 * loop at block boundaries. */
void emu_clock_run_timers(EmuMachine *m);
uint64_t emu_clock_next_deadline(EmuMachine *m);

/* Unmap every region and free guest memory (machine.c, at free). */
void emu_bus_free_regions(EmuMachine *m);

/* Code tracking (bus.c): mark lines as holding translated code. */
void emu_bus_mark_code(EmuMachine *m, uint32_t addr, uint32_t len);
void emu_bus_clear_code_marks(EmuMachine *m);

/* Board loader (board.c). */
/* Built-in boards: emu/boards/NAME.dts compiled at build time (table
 * generated by emu/boards/gen_builtin.py, ends with name == NULL). */
typedef struct EmuBuiltinBoard {
    const char *name;           /* "virt"                                  */
    const char *source;         /* "virt.dts": named in error messages     */
    const uint8_t *dtb;
    size_t size;
} EmuBuiltinBoard;
extern const EmuBuiltinBoard emu_builtin_boards[];

/* Build the machine from a board name (built-in) or a .dtb/.dts file path.
 * Creates the CPU, RAM/ROM, devices and IRQ wiring. */
bool emu_board_load(EmuMachine *m, const char *name_or_path, char *err, size_t errlen);
/* `-M help`: one line per built-in board: name, ISA, description. */
void emu_board_print_list(FILE *out);
/* Default board for an ELF e_machine (EM_RISCV -> "virt", EM_ARM ->
 * "mps2-an385"); NULL if none. */

/* ELF loader (elf.c). */
typedef struct EmuElfInfo {
    uint32_t entry;
    uint16_t machine;
    uint8_t sha256[32];
    /* semihosting hints: end of the last loaded segment */
    uint32_t image_end;
    /* ARM: built for a Cortex-M4(F): hard-float ABI, or the build attributes
     * name an FP architecture (Tag_FP_arch) or v7E-M (Tag_CPU_arch 13) */
    bool arm_m4;
} EmuElfInfo;
/* Read and validate; returns false with "FILE: reason" in err. */
bool emu_elf_probe(const char *path, EmuElfInfo *info, char *err, size_t errlen);
/* The board for an ELF run without -M: RISC-V -> virt; ARM -> mps2-an385,
 * or mps2-an386 (Cortex-M4F) when info->arm_m4.  NULL for other machines. */
const char *emu_board_default_for(const EmuElfInfo *info);
/* Load PT_LOAD segments at their physical addresses (p_paddr). */
bool emu_elf_load(EmuMachine *m, const char *path, EmuElfInfo *info,
                  char *err, size_t errlen);

/* ---------------------------------------------------------------------- */
/* Main loop (run.c). */
typedef enum EmuStopReason {
    EMU_STOP_EXIT = 0,     /* guest exit (finisher, semihosting)             */
    EMU_STOP_ERROR,        /* emulator limit: m->error_msg                   */
    EMU_STOP_MAX_INSNS,    /* --max-insns                                     */
    EMU_STOP_TIMEOUT,      /* --timeout                                       */
    EMU_STOP_SIGNAL,       /* SIGINT/SIGTERM                                  */
} EmuStopReason;

typedef struct EmuDebugger EmuDebugger;

typedef struct EmuRunOptions {
    uint64_t max_insns;    /* 0 = unbounded */
    double timeout_s;      /* 0 = none (host wall-clock seconds) */
    uint32_t entry;        /* reset pc (RISC-V) */
    const EmuDebugger *debugger; /* gdb stub, or NULL */
} EmuRunOptions;

typedef struct EmuRunResult {
    EmuStopReason reason;
    int status;            /* process exit status per docs/cli.md */
    uint64_t icount;
    double host_seconds;
} EmuRunResult;

/* The debugger attached to the main loop (emu/gdbstub), NULL if none. */
typedef enum EmuDebugAction {
    EMU_DBG_RUN = 0,       /* continue                                        */
    EMU_DBG_STEP,          /* execute one instruction, then stop again        */
    EMU_DBG_KILL,          /* stop the run (status EMU_EXIT_SIGNAL)           */
} EmuDebugAction;

struct EmuDebugger {
    void *opaque;
    /* The CPU stopped (breakpoint, watchpoint, step done, or `why` NULL for
     * an interrupt/halt request at a block boundary): serve the debugger
     * until it resumes.  Returns how to go on. */
    EmuDebugAction (*stopped)(void *opaque, EmuMachine *m, const EmuDebugStop *why);
    /* Called between slices while the guest runs: true when the debugger
     * asks to stop (Ctrl-C, a new connection, halt at start). */
    bool (*poll)(void *opaque, EmuMachine *m);
    /* The run ends (guest exit or emulator stop): tell the debugger. */
    void (*finished)(void *opaque, EmuMachine *m, const EmuRunResult *r);
};

/* Set by the signal handlers of the command line; polled by the loop. */
extern volatile int emu_stop_signal;

void emu_run(EmuMachine *m, const EmuRunOptions *o, EmuRunResult *r);
const char *emu_stop_reason_name(EmuStopReason r);

#endif
