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

usage: replay_check.py EMUCOV ELF
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
        logged = []
        with open(log) as f:
            for line in f:
                m = EXEC_RE.match(line.strip())
                if m:
                    logged.append((int(m.group(1), 16), int(m.group(2))))
        dump = run([emucov, "trace", "dump", t1])
        if dump.returncode != 0:
            fails.append("dump failed: " + dump.stderr.decode())
        replayed = []
        for line in dump.stdout.decode().splitlines():
            m = BLOCK_RE.match(line)
            if m:
                replayed.append((int(m.group(1), 16), int(m.group(2)), m.group(3) is not None))
        n = min(len(logged), len(replayed))
        for i in range(n):
            (lpc, ln), (rpc, rn, partial) = logged[i], replayed[i]
            if lpc != rpc or (rn != ln if not partial else rn > ln):
                fails.append("block %d: -d exec has pc=%08x [%d], replay has pc=%08x insns=%d%s"
                             % (i, lpc, ln, rpc, rn, " (partial)" if partial else ""))
                break
        if len(logged) != len(replayed):
            fails.append("-d exec logged %d blocks, replay gave %d" % (len(logged), len(replayed)))
        info = run([emucov, "trace", "info", t1]).stdout.decode()
        m = re.search(r"^instructions:\s+(\d+)", info, re.M)
        total = sum(r[1] for r in replayed)
        if not m or int(m.group(1)) != total:
            fails.append("replayed %d instructions, end record says %s" % (total, m and m.group(1)))
        finfo = run([emucov, "trace", "info", tf]).stdout.decode()
        fm = re.search(r"^instructions:\s+(\d+)", finfo, re.M)
        if not fm or not m or fm.group(1) != m.group(1):
            fails.append("flat trace total %s differs from history %s" % (fm and fm.group(1), m and m.group(1)))
        print("%s: %d blocks replayed = logged, %d instructions, trace %d bytes"
              % (os.path.basename(elf), len(replayed), total, os.path.getsize(t1)))
    for f in fails:
        print("FAIL: " + f)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
