#!/usr/bin/env python3
"""Crash safety of real emulator traces (issue 4).

Runs emucov on a long firmware run and stops it:
  * SIGINT and SIGTERM at a random moment: the trace must verify as
    complete, with stop reason "signal", and the process exit with 130;
  * SIGKILL at random moments (several seeds): the trace must be readable
    up to its last complete frame; `trace verify` must say exactly what was
    recovered (status 4, "recovered N frames"), never crash, and the
    recovered replay must be a prefix of the full run (same first blocks).

usage: kill_check.py EMUCOV LONG_ELF
"""
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          stdin=subprocess.DEVNULL, timeout=300, **kw)


def first_blocks(emucov, trace, n=2000):
    out = run([emucov, "trace", "dump", "--limit", str(n), trace]).stdout.decode()
    return [l for l in out.splitlines() if l.startswith("block")]


def started(p, trace):
    """Waits until emucov has written its trace header (up to 20 s): on a
    loaded machine it may not have started yet, and a signal before that
    point (no handler installed, no file) proves nothing about the trace."""
    for _ in range(400):
        if (os.path.exists(trace) and os.path.getsize(trace) > 0) or p.poll() is not None:
            return
        time.sleep(0.05)


def main():
    emucov, elf = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    rng = random.Random(4242)
    fails = []
    with tempfile.TemporaryDirectory() as d:
        ref = os.path.join(d, "ref.trace")
        # reference prefix: a bounded run of the same program
        run([emucov, "run", "--trace", ref, "--max-insns", "3000000", elf])
        ref_blocks = first_blocks(emucov, ref)
        for sig in (signal.SIGINT, signal.SIGTERM):
            t = os.path.join(d, "sig%d.trace" % sig)
            p = subprocess.Popen([emucov, "run", "--trace", t, elf], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
            started(p, t)
            time.sleep(0.3 + rng.random() * 0.5)
            p.send_signal(sig)
            _, err = p.communicate(timeout=60)
            v = run([emucov, "trace", "verify", t])
            info = run([emucov, "trace", "info", t]).stdout.decode()
            ok = p.returncode == 130 and v.returncode == 0 and re.search(r"stop reason:\s+signal", info)
            print("%s: exit %d, verify %d: %s" % (signal.Signals(sig).name, p.returncode, v.returncode,
                                                   (v.stdout + v.stderr).decode().strip()))
            if not ok:
                fails.append("%s did not leave a complete trace with stop reason signal"
                             % signal.Signals(sig).name)
            elif first_blocks(emucov, t) != ref_blocks:
                fails.append("%s trace does not start like the reference run" % signal.Signals(sig).name)
        for k in range(4):
            t = os.path.join(d, "kill%d.trace" % k)
            p = subprocess.Popen([emucov, "run", "--trace", t, elf], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
            started(p, t)
            time.sleep(0.2 + rng.random() * 1.5)
            p.kill()
            p.wait()
            v = run([emucov, "trace", "verify", t])
            msg = (v.stdout + v.stderr).decode().strip()
            print("SIGKILL #%d: verify %d: %s" % (k, v.returncode, msg))
            if v.returncode not in (0, 4) or v.returncode < 0:
                fails.append("verify crashed or failed oddly on a killed trace (%d)" % v.returncode)
            if v.returncode == 4 and "recovered" not in msg:
                fails.append("verify does not say what was recovered: " + msg)
            got = first_blocks(emucov, t)
            if got and got != ref_blocks[:len(got)]:
                fails.append("killed trace #%d is not a prefix of the run" % k)
    for f in fails:
        print("FAIL: " + f)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
