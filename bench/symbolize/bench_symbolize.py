#!/usr/bin/env python3
"""Benchmark: symbolize vs binutils addr2line on every instruction address of an ELF.

usage: bench_symbolize.py [--rounds N] [--before SYMBOLIZE0] SYMBOLIZE ADDR2LINE OBJDUMP ELF
                          [FLAGS...]      (default flags: -f -i, default 5 rounds)

Each tool runs once per round, in one process, with all addresses on stdin and its output read
from a pipe; the tools alternate within a round so that both see the same machine load. Times
are CPU (user + sys of the child, robust on a loaded machine) and wall-clock; every run is
printed, then the median of each and the speed-up of the medians. The outputs must be
identical. --before adds another symbolize build (an older commit) to every round, for
before/after figures under the same load."""
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
    rounds, before = 5, None
    while args[:1] in (["--rounds"], ["--before"]):
        if args[0] == "--rounds":
            rounds = int(args[1])
        else:
            before = args[1]
        args = args[2:]
    sym, a2l, objdump, elf = args[:4]
    flags = args[4:] or ["-f", "-i"]
    dis = subprocess.run([objdump, "-d", "-j", ".text", elf], check=True, capture_output=True,
                         text=True).stdout
    addrs = [m.group(1) for m in re.finditer(r"^\s*([0-9a-f]+):\t", dis, re.M)]
    stdin = ("\n".join(addrs) + "\n").encode()
    tools = (("symbolize", sym), ("addr2line", a2l)) + ((("before", before),) if before else ())
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
    same = all(out == outs["addr2line"] for out in outs.values())
    print(f"{elf}: {len(addrs)} instruction addresses, flags {' '.join(flags)}, "
          f"{len(outs['addr2line'])} bytes of output, identical: {'yes' if same else 'NO'}")
    for what, t in (("CPU ", cput), ("wall", wall)):
        med = {name: statistics.median(v) for name, v in t.items()}
        for name, _ in tools:
            runs = " ".join(f"{x * 1e3:.1f}" for x in t[name])
            print(f"  {what} {name:9} median {med[name] * 1e3:7.1f} ms   runs (ms): {runs}")
        for name, _ in tools:
            if name != "addr2line":
                print(f"  {what} speed-up of {name} (medians) "
                      f"{med['addr2line'] / max(med[name], 1e-6):.1f}x")
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
