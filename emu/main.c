/*
 * emu/main.c - the `emucov` command: `emucov run`, `emucov trace`.
 *
 * Exit statuses are documented in docs/cli.md and emu/core/emu.h.
 */
#include "emu/core/machine.h"
#include "emu/gdbstub/gdbstub.h"
#include "tracer/trace.h"

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int trace_cli_main(int argc, char **argv);

static const char *progname = "emucov";

static void usage_run(FILE *out)
{
    fprintf(out,
"usage: emucov run [options] FIRMWARE.elf\n"
"\n"
"Run an unmodified firmware ELF on an emulated board and record its execution.\n"
"\n"
"options:\n"
"  -M, --machine NAME|FILE  board: a built-in name or a devicetree (.dtb, or .dts\n"
"                           when dtc is installed); default from the ELF machine:\n"
"                           RISC-V -> virt, ARM -> mps2-an385 (mps2-an386 when the ELF\n"
"                           is built for a Cortex-M4: v7E-M or an FPU); `-M help` lists\n"
"                           boards\n"
"  --trace FILE             trace file (default: <firmware>.trace in the current dir)\n"
"  --trace-mode MODE        history (default), flat or none\n"
"  --max-insns N            stop after N guest instructions (exit status 123)\n"
"  --timeout S              stop after S seconds of host time (exit status 124)\n"
"  -d LIST                  debug logs, comma-separated: in_asm, exec, int, cpu,\n"
"                           guest_errors, unimp, tb (`-d help` lists them)\n"
"  -D FILE                  write debug logs to FILE instead of stderr\n"
"  --stats                  print instructions, host time and speed on stderr at exit\n"
"  --semihosting-root DIR   let the guest's semihosting calls open, create, remove\n"
"                           and rename host files in DIR and below (default: only\n"
"                           the console, \":tt\"); `/` gives QEMU's whole-host access\n"
"  --append ARGS            the guest's command line after its name (semihosting\n"
"                           SYS_GET_CMDLINE), as QEMU's -append\n"
"  -gdb tcp::PORT           gdb server on 127.0.0.1:PORT (tcp:HOST:PORT for another\n"
"                           address; PORT 0 picks a free port, printed on stderr)\n"
"  -s                       shorthand for -gdb tcp::1234\n"
"  -S                       halt at reset until gdb continues (with -s/-gdb;\n"
"                           alone it implies -s); see docs/gdb.md\n"
"  -h, --help               this help\n"
"\n"
"exit status: the guest's exit code (test finisher or semihosting SYS_EXIT), or\n"
"  120 bad arguments, 121 bad input (file, ELF, board), 122 the emulator stopped the\n"
"  guest (unimplemented feature, fetch from unmapped memory with no usable trap\n"
"  vector, wfi with no wake-up source), 123 --max-insns reached, 124 --timeout\n"
"  reached, 125 host error, 130 interrupted by SIGINT/SIGTERM.\n");
}

static void usage(FILE *out)
{
    fprintf(out,
"usage: emucov COMMAND [options]\n"
"\n"
"commands:\n"
"  run [options] FIRMWARE.elf     emulate the firmware and write its trace\n"
"  trace info|dump|stats|verify FILE   inspect a trace\n"
"  --version                      print the version\n"
"\n"
"`emucov run --help` describes the run options.\n");
}

static EmuMachine *volatile running_machine;

static void on_signal(int sig)
{
    (void)sig;
    emu_stop_signal = 1;
    if (running_machine)
        running_machine->kick = 1;
}

/* <firmware>.trace in the current directory: the ELF's base name with a
 * trailing ".elf" replaced. */
static void default_trace_path(const char *elf, char *out, size_t n)
{
    const char *base = strrchr(elf, '/');
    base = base ? base + 1 : elf;
    size_t len = strlen(base);
    if (len > 4 && !strcmp(base + len - 4, ".elf"))
        len -= 4;
    snprintf(out, n, "%.*s.trace", (int)len, base);
}

static TraceStopReason trace_reason(EmuStopReason r)
{
    switch (r) {
    case EMU_STOP_EXIT: return TRACE_STOP_EXIT;
    case EMU_STOP_ERROR: return TRACE_STOP_ERROR;
    case EMU_STOP_MAX_INSNS: return TRACE_STOP_MAX_INSNS;
    case EMU_STOP_TIMEOUT: return TRACE_STOP_TIMEOUT;
    case EMU_STOP_SIGNAL: return TRACE_STOP_SIGNAL;
    }
    return TRACE_STOP_ERROR;
}

static bool parse_u64(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    if (!s || !*s || *s == '-')
        return false;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || *end)
        return false;
    *out = v;
    return true;
}

static int run_main(int argc, char **argv)
{
    int full_argc = argc + 1;
    const char *const *full_argv = (const char *const *)argv - 1;
    const char *machine = NULL, *elf = NULL, *logfile = NULL, *logs = NULL;
    const char *trace = NULL, *trace_mode = "history";
    EmuRunOptions ro = { 0 };
    bool stats = false;
    const char *gdb_spec = NULL, *semi_root = NULL, *append = NULL;
    bool gdb_wait = false;
    char err[512];

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = NULL;
#define NEED_ARG() do { if (i + 1 >= argc) { \
            fprintf(stderr, "%s run: option %s needs an argument\n", progname, a); \
            return EMU_EXIT_USAGE; } val = argv[++i]; } while (0)
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage_run(stdout);
            return 0;
        } else if (!strcmp(a, "-M") || !strcmp(a, "--machine")) {
            NEED_ARG(); machine = val;
        } else if (!strncmp(a, "--machine=", 10)) {
            machine = a + 10;
        } else if (!strcmp(a, "--trace")) {
            NEED_ARG(); trace = val;
        } else if (!strncmp(a, "--trace=", 8)) {
            trace = a + 8;
        } else if (!strcmp(a, "--trace-mode")) {
            NEED_ARG(); trace_mode = val;
        } else if (!strncmp(a, "--trace-mode=", 13)) {
            trace_mode = a + 13;
        } else if (!strcmp(a, "--max-insns") || !strncmp(a, "--max-insns=", 12)) {
            if (a[11] == '=') val = a + 12; else NEED_ARG();
            if (!parse_u64(val, &ro.max_insns) || ro.max_insns == 0) {
                fprintf(stderr, "%s run: --max-insns expects a positive integer, not '%s'\n",
                        progname, val);
                return EMU_EXIT_USAGE;
            }
        } else if (!strcmp(a, "--timeout") || !strncmp(a, "--timeout=", 10)) {
            if (a[9] == '=') val = a + 10; else NEED_ARG();
            char *end;
            ro.timeout_s = strtod(val, &end);
            if (*end || !(ro.timeout_s > 0)) {
                fprintf(stderr, "%s run: --timeout expects a positive number of seconds, not '%s'\n",
                        progname, val);
                return EMU_EXIT_USAGE;
            }
        } else if (!strcmp(a, "-d")) {
            NEED_ARG(); logs = val;
        } else if (!strcmp(a, "-D")) {
            NEED_ARG(); logfile = val;
        } else if (!strcmp(a, "--semihosting-root") || !strncmp(a, "--semihosting-root=", 19)) {
            if (a[18] == '=') val = a + 19; else NEED_ARG();
            semi_root = val;
        } else if (!strcmp(a, "--append") || !strncmp(a, "--append=", 9)) {
            if (a[8] == '=') val = a + 9; else NEED_ARG();
            append = val;
        } else if (!strcmp(a, "--stats")) {
            stats = true;
        } else if (!strcmp(a, "-s")) {
            gdb_spec = "tcp::1234";
        } else if (!strcmp(a, "-S")) {
            gdb_wait = true;
        } else if (!strcmp(a, "-gdb") || !strcmp(a, "--gdb") || !strncmp(a, "--gdb=", 6)) {
            if (a[5] == '=') val = a + 6; else NEED_ARG();
            if (!gdb_stub_check_spec(val, err, sizeof err)) {
                fprintf(stderr, "%s run: -gdb: %s\n", progname, err);
                return EMU_EXIT_USAGE;
            }
            gdb_spec = val;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "%s run: unknown option '%s' (see emucov run --help)\n", progname, a);
            return EMU_EXIT_USAGE;
        } else if (!elf) {
            elf = a;
        } else {
            fprintf(stderr, "%s run: more than one firmware given ('%s' and '%s')\n",
                    progname, elf, a);
            return EMU_EXIT_USAGE;
        }
#undef NEED_ARG
    }

    if (logs) {
        if (!strcmp(logs, "help")) {
            fputs(emu_log_help(), stdout);
            return 0;
        }
        if (!emu_log_parse(logs, &emu_log_mask, err, sizeof err)) {
            fprintf(stderr, "%s run: -d: %s\n", progname, err);
            return EMU_EXIT_USAGE;
        }
    }
    if (machine && !strcmp(machine, "help")) {
        emu_board_print_list(stdout);
        return 0;
    }
    if (strcmp(trace_mode, "history") && strcmp(trace_mode, "flat") && strcmp(trace_mode, "none")) {
        fprintf(stderr, "%s run: --trace-mode must be history, flat or none, not '%s'\n",
                progname, trace_mode);
        return EMU_EXIT_USAGE;
    }
    if (!elf) {
        fprintf(stderr, "%s run: no firmware given (usage: emucov run [options] FIRMWARE.elf)\n",
                progname);
        return EMU_EXIT_USAGE;
    }
    if (logfile) {
        FILE *f = fopen(logfile, "w");
        if (!f) {
            fprintf(stderr, "%s run: cannot open log file %s: %s\n", progname, logfile,
                    strerror(errno));
            return EMU_EXIT_INPUT;
        }
        setvbuf(f, NULL, _IOFBF, 1 << 16);
        emu_log_file = f;
    }

    EmuElfInfo info;
    if (!emu_elf_probe(elf, &info, err, sizeof err)) {
        fprintf(stderr, "%s: %s\n", progname, err);
        return EMU_EXIT_INPUT;
    }
    if (!machine) {
        machine = emu_board_default_for(&info);
        if (!machine) {
            fprintf(stderr, "%s: %s: no default board for ELF machine %u; choose one with -M\n",
                    progname, elf, info.machine);
            return EMU_EXIT_INPUT;
        }
    }

    EmuMachine *m = emu_machine_new();
    if (!m) {
        fprintf(stderr, "%s: out of memory\n", progname);
        return EMU_EXIT_INTERNAL;
    }
    if (!emu_board_load(m, machine, err, sizeof err)) {
        fprintf(stderr, "%s: %s\n", progname, err);
        emu_machine_free(m);
        return EMU_EXIT_INPUT;
    }
    if (m->cpu_class->elf_machine != info.machine) {
        fprintf(stderr, "%s: %s: ELF machine %u does not match board '%s' (CPU %s)\n",
                progname, elf, info.machine, m->board_name, m->cpu_class->name);
        emu_machine_free(m);
        return EMU_EXIT_INPUT;
    }
    if (!emu_elf_load(m, elf, &info, err, sizeof err)) {
        fprintf(stderr, "%s: %s\n", progname, err);
        emu_machine_free(m);
        return EMU_EXIT_INPUT;
    }

    if (snprintf(m->cmdline, sizeof m->cmdline, "%s%s%s", elf, append ? " " : "",
                 append ? append : "") >= (int)sizeof m->cmdline) {
        fprintf(stderr, "%s run: the guest command line (firmware name and --append) is longer "
                "than %zu bytes\n", progname, sizeof m->cmdline - 1);
        emu_machine_free(m);
        return EMU_EXIT_USAGE;
    }
    if (semi_root && !emu_semihost_set_root(m, semi_root, err, sizeof err)) {
        fprintf(stderr, "%s run: --semihosting-root: %s\n", progname, err);
        emu_machine_free(m);
        return EMU_EXIT_INPUT;
    }
    signal(SIGPIPE, SIG_IGN);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    ro.entry = info.entry;
    emu_machine_reset_devices(m);

    GdbStub *gdb = NULL;
    if (gdb_wait && !gdb_spec)
        gdb_spec = "tcp::1234";
    if (gdb_spec) {
        gdb = gdb_stub_open(m, gdb_spec, gdb_wait, err, sizeof err);
        if (!gdb) {
            fprintf(stderr, "%s: %s\n", progname, err);
            emu_machine_free(m);
            return EMU_EXIT_INTERNAL;
        }
        ro.debugger = gdb_stub_debugger(gdb);
    }

    TraceWriter *tw = NULL;
    char trace_path[4096];
    if (strcmp(trace_mode, "none")) {
        if (trace)
            snprintf(trace_path, sizeof trace_path, "%s", trace);
        else
            default_trace_path(elf, trace_path, sizeof trace_path);
        TraceHeader th;
        memset(&th, 0, sizeof th);
        th.isa = m->cpu_class->isa->name;
        th.board = m->board_name;
        memcpy(th.elf_sha256, info.sha256, sizeof th.elf_sha256);
        th.elf_path = elf;
        th.tool_version = "emucov " EMUCOV_VERSION;
        th.argc = full_argc;
        th.argv = full_argv;
        th.mode = strcmp(trace_mode, "flat") ? TRACE_MODE_HISTORY : TRACE_MODE_FLAT;
        tw = trace_writer_open(trace_path, &th, err, sizeof err);
        if (!tw) {
            fprintf(stderr, "%s: cannot write trace: %s\n", progname, err);
            gdb_stub_close(gdb);
            emu_machine_free(m);
            return EMU_EXIT_INTERNAL;
        }
        m->trace_writer = tw;
    }
    m->cpu_class->reset(m->cpu, info.entry);
    if (tw)
        trace_event(tw, TRACE_EV_RESET, 0, 0, m->cpu_class->get_pc(m->cpu), 0);


    running_machine = m;
    EmuRunResult rr;
    emu_run(m, &ro, &rr);
    running_machine = NULL;
    gdb_stub_close(gdb);

    if (tw) {
        TraceEnd te;
        memset(&te, 0, sizeof te);
        te.insns = rr.icount + m->trap_insns;
        te.exit_status = rr.status;
        te.stop_reason = trace_reason(rr.reason);
        m->trace_writer = NULL;
        if (trace_writer_close(tw, &te, err, sizeof err) != 0) {
            fprintf(stderr, "%s: writing the trace failed: %s\n", progname, err);
            if (rr.reason == EMU_STOP_EXIT)
                rr.status = EMU_EXIT_INTERNAL;
        }
    }

    fflush(stdout);
    if (rr.reason == EMU_STOP_ERROR) {
        fprintf(stderr, "%s: %s\n", progname, m->error_msg);
        m->cpu_class->dump(m->cpu, stderr);
    } else if (rr.reason == EMU_STOP_MAX_INSNS) {
        fprintf(stderr, "%s: stopped after %" PRIu64 " instructions (--max-insns)\n",
                progname, rr.icount);
    } else if (rr.reason == EMU_STOP_TIMEOUT) {
        fprintf(stderr, "%s: stopped after %.3g s (--timeout) at %" PRIu64 " instructions\n",
                progname, ro.timeout_s, rr.icount);
    } else if (rr.reason == EMU_STOP_SIGNAL) {
        fprintf(stderr, "%s: interrupted at %" PRIu64 " instructions\n", progname, rr.icount);
    }
    if (stats) {
        double mips = rr.host_seconds > 0 ? (double)rr.icount / rr.host_seconds / 1e6 : 0;
        fprintf(stderr, "emucov: stats: %" PRIu64 " instructions, %.6f s, %.1f MIPS, stop=%s, status=%d\n",
                rr.icount, rr.host_seconds, mips, emu_stop_reason_name(rr.reason), rr.status);
    }
    if (emu_log_file && emu_log_file != stderr)
        fclose(emu_log_file);
    emu_machine_free(m);
    return rr.status;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EMU_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "run"))
        return run_main(argc - 1, argv + 1);
    if (!strcmp(cmd, "trace")) {
        return trace_cli_main(argc - 1, argv + 1);
    }
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "version")) {
        printf("emucov %s\n", EMUCOV_VERSION);
        return 0;
    }
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
        usage(stdout);
        return 0;
    }
    fprintf(stderr, "%s: unknown command '%s' (expected run or trace; see emucov --help)\n",
            progname, cmd);
    return EMU_EXIT_USAGE;
}
