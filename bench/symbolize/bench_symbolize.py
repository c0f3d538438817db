#!/usr/bin/env python3
"""Benchmark: symbolize vs binutils addr2line on every instruction address of an ELF.

usage: bench_symbolize.py [--rounds N] [--before SYMBOLIZE0] [--out pipe|file|null] [--outdir DIR]
                          SYMBOLIZE ADDR2LINE OBJDUMP ELF [FLAGS...]
                          (default flags: -f -i, default 5 rounds, default --out pipe)

Each tool runs once per round, in one process, with all addresses on stdin (a file) and its
output on stdout; the tools alternate within a round so that both see the same machine load.
--out pipe (default): stdout is a pipe that this script drains in 1 MB reads (readinto, no
allocation per read); --out file: stdout is a fresh file in DIR (default /dev/shm, a tmpfs),
the same for every tool; --out null: stdout is /dev/null (as `time TOOL ... > /dev/null` measures;
the outputs are then compared from one more, untimed, run per tool into a file). (Until 2026-12-07 the addresses were written and the output read by
subprocess.run(input=...), which feeds the input 4 KB per select() round and reads the output
32 KB at a time, allocating each piece: for a tool that needs 30 ms, a quarter of its wall time
was this script.) Times are CPU (user + sys of the child, robust
on a loaded machine) and wall-clock; every run is printed, then the median of each and the
speed-up of the medians. The outputs must be identical. --before adds another symbolize build
(an older commit) to every round, for before/after figures under the same load."""
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
    rounds, before, mode = 5, None, "pipe"
    outdir = "/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir()
    while args[:1] in (["--rounds"], ["--before"], ["--outdir"], ["--out"]):
        if args[0] == "--rounds":
            rounds = int(args[1])
        elif args[0] == "--outdir":
            outdir = args[1]
        elif args[0] == "--out":
            mode = args[1]
            if mode not in ("pipe", "file", "null"):
                sys.exit("bench_symbolize.py: --out pipe, file or null")
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
        buf = bytearray(1 << 20)
        view = memoryview(buf)
        for _ in range(rounds):
            for name, tool in tools:
                cmd = [tool, "-e", elf] + flags
                if mode == "pipe":
                    r, w = os.pipe()
                    with open(inpath, "rb") as fin, open(r, "rb", buffering=0) as rf:
                        c0, t0 = cpu(), time.perf_counter()
                        p = subprocess.Popen(cmd, stdin=fin, stdout=w)
                        os.close(w)
                        out = bytearray()
                        while True:
                            n = rf.readinto(buf)
                            if not n:
                                break
                            out += view[:n]
                        if p.wait() != 0:
                            sys.exit(f"{name} failed ({p.returncode})")
                        wall[name].append(time.perf_counter() - t0)
                        cput[name].append(cpu() - c0)
                    outs[name] = bytes(out)
                    continue
                if os.path.exists(outpath):
                    os.unlink(outpath)  # (freeing the last output is not the next tool's cost)
                sink = os.devnull if mode == "null" else outpath
                with open(inpath, "rb") as fin, open(sink, "wb") as fout:
                    c0, t0 = cpu(), time.perf_counter()
                    subprocess.run(cmd, stdin=fin, stdout=fout, check=True)
                    wall[name].append(time.perf_counter() - t0)
                    cput[name].append(cpu() - c0)
                if mode == "null" and name in outs:
                    continue
                if mode == "null":  # one untimed run into a file, for the comparison
                    with open(inpath, "rb") as fin, open(outpath, "wb") as fout:
                        subprocess.run(cmd, stdin=fin, stdout=fout, check=True)
                with open(outpath, "rb") as fout:
                    outs[name] = fout.read()
    same = all(out == outs["addr2line"] for out in outs.values())
    print(f"{elf}: {len(addrs)} instruction addresses, flags {' '.join(flags)}, "
          f"output {dict(pipe='through a pipe', null='to /dev/null').get(mode, 'to a file in ' + outdir)}, "
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
