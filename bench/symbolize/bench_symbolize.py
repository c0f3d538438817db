#!/usr/bin/env python3
"""Benchmark: symbolize vs binutils addr2line on every instruction address of an ELF.

usage: bench_symbolize.py [--rounds N] SYMBOLIZE ADDR2LINE OBJDUMP ELF [FLAGS...]
       (default flags: -f -i, default 5 rounds)

Each tool runs once per round, in one process, with all addresses on stdin and its output read
from a pipe; the tools alternate within a round so that both see the same machine load. Times
are CPU (user + sys of the child, robust on a loaded machine) and wall-clock; every run is
printed, then the median of each and the speed-up of the medians. The outputs must be
identical."""
import re
import resource
import statistics
import subprocess
import sys
import time


def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def main():
    args = sys.argv[1:]
    rounds = 5
    if args[:1] == ["--rounds"]:
        rounds = int(args[1])
        args = args[2:]
    sym, a2l, objdump, elf = args[:4]
    flags = args[4:] or ["-f", "-i"]
    dis = subprocess.run([objdump, "-d", "-j", ".text", elf], check=True, capture_output=True,
                         text=True).stdout
    addrs = [m.group(1) for m in re.finditer(r"^\s*([0-9a-f]+):\t", dis, re.M)]
    stdin = ("\n".join(addrs) + "\n").encode()
    tools = (("symbolize", sym), ("addr2line", a2l))
    wall = {name: [] for name, _ in tools}
    cput = {name: [] for name, _ in tools}
    outs = {}
    for _ in range(rounds):
        for name, tool in tools:
            c0, t0 = cpu(), time.perf_counter()
            p = subprocess.run([tool, "-e", elf] + flags, input=stdin, capture_output=True,
                               check=True)
            wall[name].append(time.perf_counter() - t0)
            cput[name].append(cpu() - c0)
            outs[name] = p.stdout
    same = outs["symbolize"] == outs["addr2line"]
    print(f"{elf}: {len(addrs)} instruction addresses, flags {' '.join(flags)}, "
          f"{len(outs['addr2line'])} bytes of output, identical: {'yes' if same else 'NO'}")
    for what, t in (("CPU ", cput), ("wall", wall)):
        med = {name: statistics.median(v) for name, v in t.items()}
        for name, _ in tools:
            runs = " ".join(f"{x * 1e3:.1f}" for x in t[name])
            print(f"  {what} {name:9} median {med[name] * 1e3:7.1f} ms   runs (ms): {runs}")
        print(f"  {what} speed-up (medians) {med['addr2line'] / max(med['symbolize'], 1e-6):.1f}x")
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
