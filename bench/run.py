#!/usr/bin/env python3
"""Guest throughput and start-up cost of emucov against QEMU (riscv32 or arm).

Runs the same workload ELF under both emulators (best of N wall-clock
runs each), checks that both printed the same checksum, and prints guest
instructions per second (MIPS) of both and their ratio; then the start-up
cost of a program that exits at once (best of M runs each).

The guest instruction count comes from the workload's own report
("minstret HI LO", read from minstret at its start and end): emucov's
minstret counts retired instructions exactly, so the count of the emucov
run is used for both (same ELF, same deterministic program).  QEMU without
-icount derives minstret from the host clock, so when emucov is not run
(--qemu-only) the count comes from one extra QEMU run with -icount shift=0.

With --arch arm the workload and tiny program are the Cortex-M3 ones
(bench/arm, qemu-system-arm -M mps2-an385 with semihosting, through which
they exit).  The Cortex-M3 has no retired-instruction counter, so the
workload reports elapsed SysTick processor-clock ticks ("systick HI LO",
25 MHz); the count always comes from one extra QEMU run with -icount
shift=0, where one tick is 40 instructions (1 instruction per virtual ns).

usage: bench/run.py [--arch riscv|arm] [--emucov PATH] [--qemu PATH]
                    [--runs N] [--tiny-runs M] [--workload ELF] [--tiny ELF]
                    [--emucov-args "ARGS"] [--qemu-only]
Defaults assume a meson build in ./build.  Not a test: takes tens of
seconds; run it on a quiet machine.
"""

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BUILD = os.path.join(ROOT, "build")
COUNT_RE = re.compile(r"minstret (0x[0-9a-f]+) (0x[0-9a-f]+)")
SYSTICK_RE = re.compile(r"systick (0x[0-9a-f]+) (0x[0-9a-f]+)")
# mps2-an385: SysTick on the 25 MHz processor clock; -icount shift=0 runs
# one instruction per virtual nanosecond, so 40 instructions per tick.
ARM_INSNS_PER_TICK = 40
CHECK_RE = re.compile(r"checksum (0x[0-9a-f]+)")


def die(msg):
    sys.stderr.write("error: %s\n" % msg)
    sys.exit(2)


def timed(argv, timeout, cwd=None):
    """Runs argv; returns (seconds, exit status, output)."""
    t0 = time.perf_counter()
    try:
        p = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=timeout, cwd=cwd)
    except subprocess.TimeoutExpired:
        die("%s timed out after %d s" % (" ".join(argv), timeout))
    except OSError as exc:
        die("cannot run %s: %s" % (argv[0], exc))
    return time.perf_counter() - t0, p.returncode, p.stdout.decode("utf-8", "replace")


def best_of(argv, n, timeout, cwd=None):
    best, out = None, ""
    for _ in range(n):
        t, status, out = timed(argv, timeout, cwd)
        if status != 0:
            die("%s exited with status %d:\n%s" % (" ".join(argv), status, out))
        best = t if best is None else min(best, t)
    return best, out


def qemu_argv(qemu, elf, extra=(), arch="riscv"):
    if arch == "arm":
        return ([qemu, "-M", "mps2-an385", "-nographic",
                 "-semihosting-config", "enable=on,target=native"] + list(extra) +
                ["-kernel", elf])
    return [qemu, "-M", "virt", "-bios", "none", "-nographic"] + list(extra) + ["-kernel", elf]


def parse_count(out, arch="riscv"):
    m = (SYSTICK_RE if arch == "arm" else COUNT_RE).search(out)
    if not m:
        return None
    n = int(m.group(1), 16) << 32 | int(m.group(2), 16)
    return n * ARM_INSNS_PER_TICK if arch == "arm" else n


def parse_checksum(out):
    m = CHECK_RE.search(out)
    return m.group(1) if m else None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--arch", choices=("riscv", "arm"), default="riscv")
    ap.add_argument("--emucov", default=os.path.join(BUILD, "emu", "emucov"))
    ap.add_argument("--qemu", default=None,
                    help="default: qemu-system-riscv32 or qemu-system-arm")
    ap.add_argument("--workload", default=None,
                    help="default: build/bench/<arch>-workload.elf")
    ap.add_argument("--tiny", default=None, help="default: build/bench/<arch>-tiny.elf")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--tiny-runs", type=int, default=10)
    ap.add_argument("--emucov-args", default="--trace-mode none",
                    help="extra emucov run options (default: %(default)s; "
                         "dropped with a note if emucov rejects them)")
    ap.add_argument("--qemu-only", action="store_true")
    ap.add_argument("--timeout", type=int, default=300)
    args = ap.parse_args()
    arch = args.arch
    if args.qemu is None:
        name = "qemu-system-arm" if arch == "arm" else "qemu-system-riscv32"
        args.qemu = shutil.which(name) or name
    if args.workload is None:
        args.workload = os.path.join(BUILD, "bench", arch + "-workload.elf")
    if args.tiny is None:
        args.tiny = os.path.join(BUILD, "bench", arch + "-tiny.elf")

    for f in (args.workload, args.tiny):
        if not os.path.isfile(f):
            die("%s: no such file (build with: ninja -C build)" % f)
    use_emucov = not args.qemu_only
    if use_emucov and not os.path.isfile(args.emucov):
        die("%s: no such file (or use --qemu-only)" % args.emucov)
    tmp = tempfile.mkdtemp(prefix="emucov-bench-")
    try:
        emu_extra = shlex.split(args.emucov_args)
        if use_emucov:
            emu = os.path.abspath(args.emucov)
            _, status, out = timed([emu, "run"] + emu_extra + [os.path.abspath(args.tiny)],
                                   args.timeout, tmp)
            if status != 0 and emu_extra:
                last = (out.strip().splitlines() or ["?"])[-1]
                print("note: emucov run %s failed (%s); running without them"
                      % (args.emucov_args, last))
                emu_extra = []

            def emu_argv(elf):
                return [emu, "run"] + emu_extra + [os.path.abspath(elf)]

        print("workload: %s, best of %d runs" % (args.workload, args.runs))
        q_time, q_out = best_of(qemu_argv(args.qemu, args.workload, arch=arch), args.runs,
                                args.timeout)
        q_sum = parse_checksum(q_out)
        if use_emucov:
            e_time, e_out = best_of(emu_argv(args.workload), args.runs, args.timeout, tmp)
            e_sum = parse_checksum(e_out)
            if e_sum != q_sum:
                die("checksums differ: qemu %s, emucov %s" % (q_sum, e_sum))
            insns = parse_count(e_out) if arch == "riscv" else None
            source = "emucov minstret"
        if not use_emucov or not insns:
            _, _, c_out = timed(qemu_argv(args.qemu, args.workload, ["-icount", "shift=0"],
                                          arch), args.timeout * 4)
            insns = parse_count(c_out, arch)
            source = ("qemu -icount SysTick ticks x %d" % ARM_INSNS_PER_TICK
                      if arch == "arm" else "qemu -icount minstret")
        if not insns:
            die("the workload printed no instruction count")
        print("checksum %s, %d guest instructions (from %s)" % (q_sum, insns, source))
        q_mips = insns / q_time / 1e6
        print("qemu   : %7.3f s  %8.1f MIPS" % (q_time, q_mips))
        if use_emucov:
            e_mips = insns / e_time / 1e6
            print("emucov : %7.3f s  %8.1f MIPS" % (e_time, e_mips))
            print("throughput ratio emucov/qemu: %.2fx" % (e_mips / q_mips))

        print("start-up: %s, best of %d runs" % (args.tiny, args.tiny_runs))
        q_start, _ = best_of(qemu_argv(args.qemu, args.tiny, arch=arch), args.tiny_runs,
                             args.timeout)
        print("qemu   : %7.1f ms" % (q_start * 1e3))
        if use_emucov:
            e_start, _ = best_of(emu_argv(args.tiny), args.tiny_runs, args.timeout, tmp)
            print("emucov : %7.1f ms" % (e_start * 1e3))
            print("start-up ratio emucov/qemu: %.2fx" % (e_start / q_start))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
