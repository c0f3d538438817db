#!/usr/bin/env python3
"""Runs one ARM smoke firmware under emucov (-M mps2-an385, the default for
an ARM ELF) and under qemu-system-arm -M mps2-an385 with semihosting, and
requires identical merged output (stdout + stderr, in the order written:
QEMU sends semihosting output to stderr, UART output to stdout) and exit
status.

usage: smoke_compare.py EMUCOV QEMU ELF [QEMU_MACHINE EMUCOV_BOARD]
(default machine mps2-an385 for both)
exit status: 0 identical, 1 different, 2 usage error.
"""
import difflib
import os
import subprocess
import sys
import tempfile

TIMEOUT = 30


def run(argv, cwd=None):
    try:
        p = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=TIMEOUT, cwd=cwd)
        return p.returncode, p.stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return None, "(timed out after %d s)\n" % TIMEOUT


def main():
    if len(sys.argv) not in (4, 6) or not os.path.isfile(sys.argv[3]):
        sys.stderr.write(__doc__)
        return 2
    emucov, qemu, elf = sys.argv[1:4]
    qmachine, board = sys.argv[4:6] if len(sys.argv) == 6 else ("mps2-an385", None)
    qs, qo = run([qemu, "-M", qmachine, "-nographic", "-monitor", "none",
                  "-serial", "stdio", "-semihosting-config", "enable=on,target=native",
                  "-kernel", elf])
    with tempfile.TemporaryDirectory(prefix="emucov-smoke-") as tmp:
        argv = [os.path.abspath(emucov), "run"]
        if board:
            argv += ["-M", os.path.abspath(board)]
        es, eo = run(argv + [os.path.abspath(elf)], cwd=tmp)
    ok = True
    if qo != eo:
        ok = False
        print("output differs (--- qemu, +++ emucov):")
        sys.stdout.writelines(difflib.unified_diff(qo.splitlines(True), eo.splitlines(True),
                                                   "qemu", "emucov"))
    else:
        sys.stdout.write(eo)
    if qs is None or qs != es:
        ok = False
    print("exit status: qemu %s, emucov %s" % (qs, es))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
