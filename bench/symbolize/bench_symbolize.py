#!/usr/bin/env python3
"""Benchmark: symbolize vs binutils addr2line on every instruction address of an ELF.

usage: bench_symbolize.py [--rounds N] [--before SYMBOLIZE0] [--outdir DIR] [--pipe]
                          SYMBOLIZE ADDR2LINE OBJDUMP ELF [FLAGS...]
                          (default flags: -f -i, default 5 rounds)

Each tool runs once per round, in one process, with all addresses on stdin and its output on
stdout; the tools alternate within a round so that both see the same machine load. stdin is a
file of the addresses and stdout a fresh file in DIR (default /dev/shm, a tmpfs, so that no
disk write-back of an earlier run lands in a later one), the same for every tool: the time is
the tool's own, not that of this script draining a pipe (python reads a pipe in 32 KB pieces,
which made the wall time of a tool writing 15 MB mostly the reader's). --pipe gives the older
measure: addresses fed and output read through pipes by this script. Times are CPU (user + sys
of the child, robust on a loaded machine) and wall-clock; every run is printed, then the median
of each and the speed-up of the medians. The outputs must be identical. --before adds another
symbolize build (an older commit) to every round, for before/after figures under the same
load."""
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time


def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def main():
    args = sys.argv[1:]
    rounds, before, pipe = 5, None, False
    outdir = "/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir()
    while args[:1] in (["--rounds"], ["--before"], ["--outdir"], ["--pipe"]):
        if args[0] == "--pipe":
            pipe = True
            args = args[1:]
            continue
        if args[0] == "--rounds":
            rounds = int(args[1])
        elif args[0] == "--outdir":
            outdir = args[1]
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
    with tempfile.TemporaryDirectory(dir=outdir) as tmp:
        inpath, outpath = os.path.join(tmp, "addrs"), os.path.join(tmp, "out")
        with open(inpath, "wb") as fin:
            fin.write(stdin)
        for _ in range(rounds):
            for name, tool in tools:
                cmd = [tool, "-e", elf] + flags
                if pipe:
                    c0, t0 = cpu(), time.perf_counter()
                    p = subprocess.run(cmd, input=stdin, capture_output=True, check=True)
                    wall[name].append(time.perf_counter() - t0)
                    cput[name].append(cpu() - c0)
                    outs[name] = p.stdout
                    continue
                if os.path.exists(outpath):
                    os.unlink(outpath)  # (freeing the last output is not the next tool's cost)
                with open(inpath, "rb") as fin, open(outpath, "wb") as fout:
                    c0, t0 = cpu(), time.perf_counter()
                    subprocess.run(cmd, stdin=fin, stdout=fout, check=True)
                    wall[name].append(time.perf_counter() - t0)
                    cput[name].append(cpu() - c0)
                with open(outpath, "rb") as fout:
                    outs[name] = fout.read()
    same = all(out == outs["addr2line"] for out in outs.values())
    print(f"{elf}: {len(addrs)} instruction addresses, flags {' '.join(flags)}, "
          f"output {'through pipes' if pipe else 'to a file in ' + outdir}, "
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
