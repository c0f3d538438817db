#!/usr/bin/env python3
"""Trace acceptance checks on one firmware ELF (issue 4):

1. `emucov trace verify` accepts the history trace of a run;
2. replay: the block sequence replayed from the trace (`emucov trace dump`)
   equals, block for block and instruction for instruction, what the
   emulator logged with `-d exec` during the same run ("Trace PC [N]" per
   block entered; a block cut short by an exception is logged whole by the
   emulator and shown partial by the trace, so its count is checked to be
   at most N);
3. the instruction total replayed equals the end record's and the
   emulator's own count;
4. determinism: a second run gives a byte-identical trace file;
5. a flat trace of the same run verifies and has the same totals.

6. with FASTCHECK: the bulk replay (trace_reader_run) gives the same counts,
   events and recovery as the item-by-item replay on both traces and on
   damaged copies of them (tests/trace/fastcheck.c).

usage: replay_check.py EMUCOV ELF [FASTCHECK]
"""
import os
import re
import subprocess
import sys
import tempfile

EXEC_RE = re.compile(r"^Trace ([0-9a-f]+) \[(\d+)\]$")
BLOCK_RE = re.compile(r"^block\s+#\d+ id=\d+ pc=0x([0-9a-f]+) insns=(\d+)(?:/(\d+) partial)?")


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          stdin=subprocess.DEVNULL, timeout=120, **kw)


def main():
    emucov, elf = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    fails = []
    with tempfile.TemporaryDirectory() as d:
        for sub in ("1", "2"):
            os.mkdir(os.path.join(d, sub))
        t1, t2, tf = (os.path.join(d, n) for n in ("1/t.trace", "2/t.trace", "f.trace"))
        log = os.path.join(d, "1", "exec.log")
        # the same command line in two directories (the header records it)
        cmd = [emucov, "run", "--trace", "t.trace", "-d", "exec", "-D", "exec.log", elf]
        r1 = run(cmd, cwd=os.path.join(d, "1"))
        r2 = run(cmd, cwd=os.path.join(d, "2"))
        rf = run([emucov, "run", "--trace", tf, "--trace-mode", "flat", elf])
        if r1.returncode != r2.returncode or r1.returncode != rf.returncode:
            fails.append("exit statuses differ between runs: %d %d %d"
                         % (r1.returncode, r2.returncode, rf.returncode))
        v = run([emucov, "trace", "verify", t1])
        if v.returncode != 0:
            fails.append("verify failed: " + v.stdout.decode() + v.stderr.decode())
        vf = run([emucov, "trace", "verify", tf])
        if vf.returncode != 0:
            fails.append("verify (flat) failed: " + vf.stdout.decode() + vf.stderr.decode())
        with open(t1, "rb") as a, open(t2, "rb") as b:
            if a.read() != b.read():
                fails.append("two identical runs gave different trace bytes")
        # stream both sequences: long runs have tens of millions of blocks
        dump_path = os.path.join(d, "dump.txt")
        with open(dump_path, "w") as out:
            dr = subprocess.run([emucov, "trace", "dump", t1], stdout=out, stderr=subprocess.PIPE,
                                stdin=subprocess.DEVNULL, timeout=600)
        if dr.returncode != 0:
            fails.append("dump failed: " + dr.stderr.decode())

        def logged_blocks():
            with open(log) as f:
                for line in f:
                    m = EXEC_RE.match(line.strip())
                    if m:
                        yield int(m.group(1), 16), int(m.group(2))

        def replayed_blocks():
            with open(dump_path) as f:
                for line in f:
                    m = BLOCK_RE.match(line)
                    if m:
                        yield int(m.group(1), 16), int(m.group(2)), m.group(3) is not None

        nlog = nrep = total = 0
        mismatch = False
        lg, rp = logged_blocks(), replayed_blocks()
        while True:
            a, b = next(lg, None), next(rp, None)
            if a is None and b is None:
                break
            if a is not None:
                nlog += 1
            if b is not None:
                nrep += 1
                total += b[1]
            if a is None or b is None or mismatch:
                continue
            (lpc, ln), (rpc, rn, partial) = a, b
            if lpc != rpc or (rn != ln if not partial else rn > ln):
                fails.append("block %d: -d exec has pc=%08x [%d], replay has pc=%08x insns=%d%s"
                             % (nrep - 1, lpc, ln, rpc, rn, " (partial)" if partial else ""))
                mismatch = True
        if nlog != nrep:
            fails.append("-d exec logged %d blocks, replay gave %d" % (nlog, nrep))
        info = run([emucov, "trace", "info", t1]).stdout.decode()
        m = re.search(r"^instructions:\s+(\d+)", info, re.M)
        if not m or int(m.group(1)) != total:
            fails.append("replayed %d instructions, end record says %s" % (total, m and m.group(1)))
        finfo = run([emucov, "trace", "info", tf]).stdout.decode()
        fm = re.search(r"^instructions:\s+(\d+)", finfo, re.M)
        if not fm or not m or fm.group(1) != m.group(1):
            fails.append("flat trace total %s differs from history %s" % (fm and fm.group(1), m and m.group(1)))
        if len(sys.argv) > 3:
            fc = run([os.path.abspath(sys.argv[3]), t1, tf])
            if fc.returncode != 0:
                fails.append("bulk replay differs: " + fc.stderr.decode()[:2000])
        print("%s: %d blocks replayed = logged, %d instructions, trace %d bytes"
              % (os.path.basename(elf), nrep, total, os.path.getsize(t1)))
    for f in fails:
        print("FAIL: " + f)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
