#!/usr/bin/env python3
"""Speed of xcov against emucov (issues 6 and 8): emucov runs a workload with
a history trace, then `xcov report` analyses that trace; both are timed (best
of N, wall clock and CPU = user + sys of the process and its threads) and the
ratio xcov/emucov is printed.

  1. bench workload (build/bench/riscv-workload.elf), --level=branch
     (issue 6 goal: xcov < 1/4 of emucov);
  2. decision-heavy workload (build/bench/riscv-decisions.elf, -O0),
     --level=stmt+mcdc (issue 8 goal: xcov < emucov);
  3. xcov's peak RSS on the bench workload's trace at two trace lengths
     (--max-insns 1/8 of the run, and the whole run): must not grow with the
     trace length.

usage: bench/xcov_speed.py [--build DIR] [--runs N] [--skip-rss]
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time


def timed(cmd, cwd, ok=(0,)):
    """Run cmd; return (wall s, cpu s, peak RSS KiB) of the child."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         stdin=subprocess.DEVNULL)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    dt = time.perf_counter() - t0
    if p.returncode not in ok:
        sys.exit("bench: %s failed (status %d): %s" % (" ".join(cmd), p.returncode,
                                                       err.decode().strip()))
    return dt, ru.ru_utime + ru.ru_stime, ru.ru_maxrss


def best(runs, fn):
    res = [fn() for _ in range(runs)]
    return min(r[0] for r in res), min(r[1] for r in res), max(r[2] for r in res)


def pair(a, d, name, elf, level, xargs, runs):
    trace = os.path.join(d, name + ".trace")
    emu = best(runs, lambda: timed([a.emucov, "run", "--trace-mode", "history", "--trace",
                                    trace, elf], d))
    xc = best(runs, lambda: timed([a.xcov, "report", "--level=" + level, "--format=text",
                                   "-o", os.path.join(d, name + "-out")] + xargs + [trace], d))
    size = os.path.getsize(trace)
    print("%s (%s, trace %.1f MB), best of %d:" % (name, os.path.basename(elf), size / 1e6, runs))
    print("  emucov run --trace-mode history  wall %7.3f s  cpu %7.3f s" % emu[:2])
    print("  xcov report --level=%-13s wall %7.3f s  cpu %7.3f s  peak RSS %d KiB"
          % (level, xc[0], xc[1], xc[2]))
    print("  ratio xcov/emucov: wall %.3f, cpu %.3f" % (xc[0] / emu[0], xc[1] / emu[1]))
    return trace


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default=os.path.join(here, "..", "build"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--skip-rss", action="store_true")
    a = ap.parse_args()
    b = os.path.abspath(a.build)
    a.emucov = os.path.join(b, "emu", "emucov")
    a.xcov = os.path.join(b, "xcov", "xcov")
    rt = os.path.join(here, "..", "tests", "firmware", "riscv", "common")
    # wall times depend on what else runs on the machine: say so
    print("load average at start: %.2f %.2f %.2f" % os.getloadavg())
    with tempfile.TemporaryDirectory() as d:
        pair(a, d, "bench", os.path.join(b, "bench", "riscv-workload.elf"), "branch", [],
             a.runs)
        pair(a, d, "decisions", os.path.join(b, "bench", "riscv-decisions.elf"), "stmt+mcdc",
             ["-I", os.path.abspath(rt)], a.runs)
        print("load average after the timings: %.2f %.2f %.2f" % os.getloadavg())
        if a.skip_rss:
            return
        elf = os.path.join(b, "bench", "riscv-workload.elf")
        print("xcov peak RSS against trace length (bench workload, --level=branch):")
        for frac, insns in (("1/8", "490000000"), ("whole", None)):
            t = os.path.join(d, "rss.trace")
            cmd = [a.emucov, "run", "--trace-mode", "history", "--trace", t]
            if insns:
                cmd += ["--max-insns", insns]
            timed(cmd + [elf], d, ok=(0, 123, 124, 125, 1, 2, 3))
            x = timed([a.xcov, "report", "--level=branch", "--format=text", "-o",
                       os.path.join(d, "rss-out"), t], d)
            print("  %-5s run: trace %6.1f MB, xcov wall %6.3f s, peak RSS %d KiB"
                  % (frac, os.path.getsize(t) / 1e6, x[0], x[2]))


if __name__ == "__main__":
    main()
