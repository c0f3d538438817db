#!/usr/bin/env python3
"""Benchmark: symbolize vs binutils addr2line on every instruction address of an ELF.

usage: bench_symbolize.py SYMBOLIZE ADDR2LINE OBJDUMP ELF [FLAGS...]   (default flags: -f -i)

Each tool runs once per round, in one process, with all addresses on stdin; the best of 3
rounds is kept, both as CPU time (user + sys of the child, robust on a loaded machine) and as
wall-clock time. The outputs must be identical. Prints addresses, times and speed-ups."""
import re
import resource
import subprocess
import sys
import time


def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def main():
    sym, a2l, objdump, elf = sys.argv[1:5]
    flags = sys.argv[5:] or ["-f", "-i"]
    dis = subprocess.run([objdump, "-d", "-j", ".text", elf], check=True, capture_output=True,
                         text=True).stdout
    addrs = [m.group(1) for m in re.finditer(r"^\s*([0-9a-f]+):\t", dis, re.M)]
    stdin = ("\n".join(addrs) + "\n").encode()
    wall, cput, outs = {}, {}, {}
    for name, tool in (("symbolize", sym), ("addr2line", a2l)):
        for _ in range(3):
            c0, t0 = cpu(), time.perf_counter()
            p = subprocess.run([tool, "-e", elf] + flags, input=stdin, capture_output=True,
                               check=True)
            dt, dc = time.perf_counter() - t0, cpu() - c0
            wall[name] = min(wall.get(name, dt), dt)
            cput[name] = min(cput.get(name, dc), dc)
        outs[name] = p.stdout
    same = outs["symbolize"] == outs["addr2line"]
    print(f"{elf}: {len(addrs)} instruction addresses, flags {' '.join(flags)}, "
          f"{len(outs['addr2line'])} bytes of output, identical: {'yes' if same else 'NO'}")
    print(f"  CPU  addr2line {cput['addr2line']:.3f} s  symbolize {cput['symbolize']:.3f} s  "
          f"speed-up {cput['addr2line'] / max(cput['symbolize'], 1e-6):.1f}x")
    print(f"  wall addr2line {wall['addr2line']:.3f} s  symbolize {wall['symbolize']:.3f} s  "
          f"speed-up {wall['addr2line'] / wall['symbolize']:.1f}x")
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
