"""Shared helpers for the firmware test harness: run an ELF under QEMU or
emucov with a timeout and capture what it printed (stdlib only)."""

import os
import signal
import subprocess
import sys
import tempfile

TIMEOUT = 30.0

# Lines QEMU prints about itself (not the guest) on stderr.
_QEMU_NOISE = ("qemu-system-",)


class Run:
    """The outcome of one emulator run."""

    def __init__(self, status, stdout, stderr, timed_out, argv):
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
        self.timed_out = timed_out
        self.argv = argv

    def output(self):
        """The guest's output in a stable form: all of stdout, then all of
        stderr under a marker.  Interleaving of the two streams depends on
        buffering, so it is not compared; their contents are."""
        text = self.stdout
        if self.stderr:
            text += "\n--- stderr ---\n" + self.stderr
        return text

    def describe(self):
        if self.timed_out:
            return "timed out"
        return "exit status %d" % self.status


def _decode(data):
    return (data or b"").decode("utf-8", errors="replace")


def run(argv, timeout=TIMEOUT, cwd=None, merged=False):
    """Runs argv with stdin closed; returns a Run (never raises on timeout).
    merged: stderr goes into the same pipe as stdout, so the text keeps the
    order in which the program wrote it (for semihosting, whose console
    output QEMU writes to stderr while the UART goes to stdout)."""
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT if merged else subprocess.PIPE,
                                cwd=cwd, start_new_session=True)
    except OSError as exc:
        sys.stderr.write("error: cannot run %s: %s\n" % (argv[0], exc))
        sys.exit(2)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        # Kill the whole process group: a wrapper script's children too.
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass
        out, err = proc.communicate()
        return Run(None, _decode(out), _decode(err), True, argv)
    return Run(proc.returncode, _decode(out), _decode(err), False, argv)


ARCHES = ("riscv", "arm")


def qemu_argv(qemu, elf, semihosting=False, arch="riscv", machine=None):
    """riscv: qemu-system-riscv32 -M virt -bios none; arm:
    qemu-system-arm -M mps2-an385 (Cortex-M3; `machine` names another MPS2
    board, e.g. mps2-an386 for the Cortex-M4F), where semihosting is always
    enabled: the board has no test finisher, so programs exit through
    semihosting SYS_EXIT / SYS_EXIT_EXTENDED."""
    if arch == "arm":
        argv = [qemu, "-M", machine or "mps2-an385", "-nographic", "-kernel", elf]
        semihosting = True
    else:
        argv = [qemu, "-M", "virt", "-bios", "none", "-nographic", "-kernel", elf]
    if semihosting:
        argv += ["-semihosting-config", "enable=on,target=native"]
    return argv


def _drop_noise(text):
    return "".join(line for line in text.splitlines(True)
                   if not line.startswith(_QEMU_NOISE))


def run_qemu(qemu, elf, semihosting=False, timeout=TIMEOUT, arch="riscv", machine=None):
    """Semihosting runs merge stderr into stdout (see run())."""
    r = run(qemu_argv(qemu, elf, semihosting, arch, machine), timeout, merged=semihosting)
    r.stdout = _drop_noise(r.stdout) if semihosting else r.stdout
    r.stderr = _drop_noise(r.stderr)
    return r


def emucov_argv(emucov, elf, extra=()):
    return [os.path.abspath(emucov), "run"] + list(extra) + [os.path.abspath(elf)]


def run_emucov(emucov, elf, extra=(), timeout=TIMEOUT, merged=False):
    """Runs emucov in a scratch directory, so that the trace it writes by
    default (<firmware>.trace in the current directory) is thrown away."""
    with tempfile.TemporaryDirectory(prefix="emucov-fw-") as tmp:
        return run(emucov_argv(emucov, elf, extra), timeout, cwd=tmp, merged=merged)
