#!/usr/bin/env python3
"""tests/unit/tracer/test_cli.py - `emucov-trace info|dump|stats|verify` on
good, truncated, corrupted and non-trace files: output and exit statuses.

usage: test_cli.py EMUCOV_TRACE TRACER_GEN
"""
import os
import re
import struct
import subprocess
import sys
import tempfile

TOOL, GEN = sys.argv[1], sys.argv[2]
failures = []


def run(*args):
    p = subprocess.run([TOOL, *args], capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)
    else:
        print("ok:", what)


def gen(path, mode, nblocks, seed=1, frame=0):
    out = subprocess.run([GEN, path, mode, str(nblocks), str(seed), str(frame)],
                         capture_output=True, text=True, check=True).stdout
    return {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", out)}


def record_ends(data):
    """Offsets where records end (prelude 16 bytes, record header 20 bytes)."""
    off, ends = 16, []
    while off + 20 <= len(data):
        off += 20 + struct.unpack_from("<I", data, off + 8)[0]
        if off > len(data):
            break
        ends.append(off)
    return ends


with tempfile.TemporaryDirectory() as d:
    hist = os.path.join(d, "h.trace")
    flat = os.path.join(d, "f.trace")
    h = gen(hist, "history", 50000, 3, 4096)
    f = gen(flat, "flat", 50000, 4, 4096)

    # --- good files ---------------------------------------------------------
    rc, out, err = run("info", hist)
    check(rc == 0, "info: status 0 on a good trace")
    check("isa:          riscv32" in out and "board:        sim" in out, "info: header fields")
    check("mode:         history" in out, "info: mode")
    check(f"instructions: {h['insns']}" in out, "info: instructions from the end record")
    check(f"blocks:       {h['blocks']}" in out, "info: blocks from the end record")
    check("stop reason:  exit" in out and "status:       complete" in out, "info: stop reason")
    check("command line: emucov run sim.elf" in out, "info: command line")
    check(re.search(r"elf sha256:   0304050607", out) is not None, "info: sha256 printed in hex")

    rc, out, err = run("verify", hist)
    check(rc == 0 and "OK:" in out and f"{h['blocks']} blocks" in out, "verify: good history trace")
    rc, out, err = run("verify", flat)
    check(rc == 0 and "OK:" in out, "verify: good flat trace")

    rc, out, err = run("stats", hist)
    check(rc == 0, "stats: status 0")
    for key in ("blocks executed:", "conditional branches:", "bits per cond. branch:",
                "bytes per executed block:", "compression ratio:", "raw size:"):
        check(key in out, f"stats: has '{key}'")
    check(f"blocks executed:         {h['blocks']}" in out, "stats: block count")
    print(out)

    rc, out, err = run("dump", "--limit", "25", hist)
    lines = out.splitlines()
    check(rc == 0 and len(lines) == 26 and "--limit 25" in lines[-1], "dump --limit 25: 25 items")
    check(lines[0].startswith("def    id=0 pc=0x80000000"), "dump: first item defines the entry block")
    check(any(l.startswith("block  #0 id=0 pc=0x80000000") for l in lines), "dump: first block")
    rc, out, err = run("dump", hist)
    check(rc == 0 and out.splitlines()[-1].startswith("end    insns="), "dump: ends with the end record")
    check(sum(1 for l in out.splitlines() if l.startswith("block ")) == h["blocks"],
          "dump: one line per executed block")
    check(any(" partial" in l for l in out.splitlines()), "dump: partial blocks shown")
    check(any(l.startswith("event ") and "interrupt" in l for l in out.splitlines()),
          "dump: interrupt events shown")
    rc, out, err = run("dump", flat)
    check(rc == 0 and any(l.startswith("counts @") for l in out.splitlines()), "dump: flat counts")

    # --- errors -------------------------------------------------------------
    rc, out, err = run("info", os.path.join(d, "missing.trace"))
    check(rc == 2 and "cannot open" in err and err.count("\n") == 1, "missing file: status 2, one line")
    notrace = os.path.join(d, "text.trace")
    with open(notrace, "w") as fh:
        fh.write("hello, not a trace\n" * 10)
    rc, out, err = run("verify", notrace)
    check(rc == 3 and "not an emucov trace" in err and err.count("\n") == 1, "not a trace: status 3")
    rc, out, err = run("frobnicate", hist)
    check(rc == 1 and "unknown subcommand" in err, "unknown subcommand: status 1")
    rc, out, err = run("dump", "--limit", "x", hist)
    check(rc == 1, "bad --limit: status 1")
    rc, out, err = run("verify")
    check(rc == 1 and "missing FILE" in err, "missing FILE: status 1")

    data = open(hist, "rb").read()
    ends = record_ends(data)
    check(len(ends) > 5 and ends[-1] == len(data), "test file has several frames")

    # truncated inside a data frame: damaged, what was recovered
    cut = os.path.join(d, "cut.trace")
    k = (ends[len(ends) // 2] + ends[len(ends) // 2 + 1]) // 2
    open(cut, "wb").write(data[:k])
    nframes = sum(1 for e in ends[1:-1] if e <= k)
    for sub in ("verify", "info", "stats", "dump"):
        rc, out, err = run(sub, cut)
        check(rc == 4 and "damaged at offset" in err and f"recovered {nframes} frames" in err
              and err.count("\n") == 1, f"{sub}: truncated trace -> status 4 + recovery")
    # missing end record only
    open(cut, "wb").write(data[:ends[-2]])
    rc, out, err = run("verify", cut)
    check(rc == 4 and "without end record" in err, "verify: no end record -> status 4")

    # a flipped byte in a middle frame
    bad = bytearray(data)
    bad[ends[3] + 30] ^= 0x55
    open(cut, "wb").write(bad)
    rc, out, err = run("verify", cut)
    check(rc == 4 and f"damaged at offset {ends[3]}" in err and "recovered 3 frames" in err,
          "verify: corrupted frame 4 -> offset and 3 frames recovered")
    # garbage after the end record
    open(cut, "wb").write(data + b"junk")
    rc, out, err = run("verify", cut)
    check(rc == 4 and "garbage after the end record" in err, "verify: trailing garbage")
    # damaged header record
    bad = bytearray(data)
    bad[20] ^= 1
    open(cut, "wb").write(bad)
    rc, out, err = run("info", cut)
    check(rc == 4 and "damaged trace header" in err, "info: damaged header -> status 4")

if failures:
    print(f"{len(failures)} failure(s)")
    sys.exit(1)
print("all CLI checks passed")
