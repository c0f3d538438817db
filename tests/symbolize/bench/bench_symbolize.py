#!/usr/bin/env python3
"""Benchmark: symbolize vs binutils addr2line on every instruction address of an ELF.

usage: bench_symbolize.py SYMBOLIZE ADDR2LINE OBJDUMP ELF [FLAGS...]   (default flags: -f -i)

Each tool runs once, in one process, with all addresses on stdin; wall-clock time is the best
of 3 runs. The outputs must be identical. Prints addresses, times and the speed-up."""
import re
import subprocess
import sys
import time


def main():
    sym, a2l, objdump, elf = sys.argv[1:5]
    flags = sys.argv[5:] or ["-f", "-i"]
    dis = subprocess.run([objdump, "-d", "-j", ".text", elf], check=True, capture_output=True,
                         text=True).stdout
    addrs = [m.group(1) for m in re.finditer(r"^\s*([0-9a-f]+):\t", dis, re.M)]
    stdin = ("\n".join(addrs) + "\n").encode()
    times, outs = {}, {}
    for name, tool in (("symbolize", sym), ("addr2line", a2l)):
        best = None
        for _ in range(3):
            t0 = time.perf_counter()
            p = subprocess.run([tool, "-e", elf] + flags, input=stdin, capture_output=True,
                               check=True)
            dt = time.perf_counter() - t0
            best = dt if best is None else min(best, dt)
        times[name], outs[name] = best, p.stdout
    same = outs["symbolize"] == outs["addr2line"]
    print(f"{elf}: {len(addrs)} instruction addresses, flags {' '.join(flags)}")
    print(f"  addr2line: {times['addr2line']:.3f} s   symbolize: {times['symbolize']:.3f} s   "
          f"speed-up: {times['addr2line'] / times['symbolize']:.1f}x   "
          f"outputs identical: {'yes' if same else 'NO'}")
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
