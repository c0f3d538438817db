/*
 * emu/gdbstub/gdbstub.h - gdb remote serial protocol server.
 *
 * One TCP client at a time (gdb, gdb-multiarch, the lockstep tool).  The
 * server plugs into the main loop as an EmuDebugger (emu/core/machine.h):
 * while the guest runs it polls the socket between slices (Ctrl-C, a new
 * connection stop the CPU at the next block boundary); while the CPU is
 * stopped it serves packets until gdb resumes it.  The CPU model provides
 * registers, the target description and break/watchpoints through
 * EmuCpuClass.debug, so the server is ISA-neutral.
 *
 * Protocol: "GDB Remote Serial Protocol" (gdb manual, appendix E).  Packets
 * served: qSupported, qXfer:features:read, ?, g/G, p/P, m/M/X, Z0-Z4/z0-z4,
 * c, s, C, S, vCont?/vCont (c, C, s, S), Ctrl-C, D, k, qAttached, qC,
 * qfThreadInfo/qsThreadInfo, H, T, qRcmd (monitor reset|info|quit|help),
 * QStartNoAckMode; anything else gets the empty reply.  Malformed input is
 * answered with '-' (bad checksum) or an error reply and never stops the
 * emulator.
 */
#ifndef EMU_GDBSTUB_GDBSTUB_H
#define EMU_GDBSTUB_GDBSTUB_H

#include "emu/core/machine.h"

typedef struct GdbStub GdbStub;

/* Listen on `spec`: "tcp::PORT" (127.0.0.1), "tcp:HOST:PORT", or a bare
 * PORT; PORT 0 picks a free port (printed on stderr as
 * "emucov: gdb server listening on HOST:PORT").  With `wait`, the CPU
 * stays halted at reset until a client connects and resumes it (-S).
 * Returns NULL with a one-line reason in err. */
GdbStub *gdb_stub_open(EmuMachine *m, const char *spec, bool wait, char *err, size_t errlen);
/* Validate a -gdb address without opening it (command-line checking). */
bool gdb_stub_check_spec(const char *spec, char *err, size_t errlen);
/* The main-loop hooks (EmuRunOptions.debugger). */
const EmuDebugger *gdb_stub_debugger(GdbStub *s);
/* The TCP port actually bound. */
unsigned gdb_stub_port(const GdbStub *s);
void gdb_stub_close(GdbStub *s);

#endif
