#!/usr/bin/env python3
"""Cost of tracing (issue 4): the bench workload under emucov with
--trace-mode none, flat and history in one go (best of N wall-clock runs
each), the slowdown of flat and history against none, and the size of the
history trace: bytes per executed block and bits per conditional branch
after compression (from `emucov trace stats`).

usage: bench/trace_overhead.py [--build DIR] [--runs N] [--elf ELF]
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time


def timed(cmd, cwd):
    t0 = time.perf_counter()
    r = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       stdin=subprocess.DEVNULL)
    dt = time.perf_counter() - t0
    if r.returncode != 0:
        sys.exit("bench: %s failed (status %d): %s" % (" ".join(cmd), r.returncode,
                                                       r.stderr.decode().strip()))
    return dt


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default=os.path.join(here, "..", "build"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--elf", default=None)
    a = ap.parse_args()
    emucov = os.path.abspath(os.path.join(a.build, "emu", "emucov"))
    elf = os.path.abspath(a.elf or os.path.join(a.build, "bench", "riscv-workload.elf"))
    best = {}
    with tempfile.TemporaryDirectory() as d:
        for mode in ("none", "flat", "history"):
            best[mode] = min(timed([emucov, "run", "--trace-mode", mode, "--trace",
                                    "w.trace", elf], d) for _ in range(a.runs))
        stats = subprocess.run([emucov, "trace", "stats", os.path.join(d, "w.trace")],
                               stdout=subprocess.PIPE, check=True).stdout.decode()
    print("workload: %s, best of %d runs per mode" % (elf, a.runs))
    for mode in ("none", "flat", "history"):
        print("  --trace-mode %-8s %7.3f s  slowdown %.3fx" % (mode, best[mode], best[mode] / best["none"]))
    for key in ("blocks executed", "instructions", "conditional branches", "compressed size",
                "compression ratio", "bits per cond. branch", "bytes per executed block"):
        m = re.search(r"^%s:\s+(.*)$" % re.escape(key), stats, re.M)
        if m:
            print("  %-26s %s" % (key + ":", m.group(1)))


if __name__ == "__main__":
    main()
