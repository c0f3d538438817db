#!/usr/bin/env python3
"""Bad input to `emucov run` (issue 2): each case must print exactly one
line on stderr naming the problem, nothing on stdout, and exit with the
documented status (docs/cli.md); nothing crashes.

usage: bad_input.py EMUCOV RISCV_ELF UNMAPPED_JUMP_ELF
"""
import os
import shutil
import subprocess
import sys
import tempfile

USAGE, INPUT, GUEST_STOP, MAX_INSNS = 120, 121, 122, 123


def main():
    emucov, good, unmapped = (os.path.abspath(a) for a in sys.argv[1:4])
    d = tempfile.mkdtemp()
    try:
        notelf = os.path.join(d, "notelf.elf")
        with open(notelf, "w") as f:
            f.write("this is not an ELF file\n")
        trunc = os.path.join(d, "trunc.elf")
        with open(good, "rb") as f:
            data = f.read()
        with open(trunc, "wb") as f:
            f.write(data[:200])    # headers survive, segment data does not
        empty = os.path.join(d, "empty.elf")
        open(empty, "w").close()
        host = "/bin/true"          # an x86-64 (host) ELF: wrong machine
        baddts = os.path.join(d, "bad.dtb")
        with open(baddts, "wb") as f:
            f.write(b"\xd0\x0d\xfe\xed" + b"\x00" * 12)
        cases = [
            # (name, args, status, words expected in the message)
            ("not an ELF", ["run", notelf], INPUT, ["notelf.elf", "ELF"]),
            ("empty file", ["run", empty], INPUT, ["empty.elf"]),
            ("truncated ELF", ["run", trunc], INPUT, ["trunc.elf"]),
            ("ELF for another machine", ["run", host], INPUT, ["true"]),
            ("missing file", ["run", os.path.join(d, "nope.elf")], INPUT, ["nope.elf"]),
            ("unknown board", ["run", "-M", "nosuchboard", good], INPUT, ["nosuchboard"]),
            ("corrupt board file", ["run", "-M", baddts, good], INPUT, ["bad.dtb"]),
            ("unknown option", ["run", "--frobnicate", good], USAGE, ["--frobnicate"]),
            ("missing option argument", ["run", good, "--max-insns"], USAGE, ["--max-insns"]),
            ("bad --max-insns", ["run", "--max-insns", "ten", good], USAGE, ["ten"]),
            ("bad --timeout", ["run", "--timeout", "-3", good], USAGE, ["-3"]),
            ("bad --trace-mode", ["run", "--trace-mode", "full", good], USAGE, ["full"]),
            ("bad -d category", ["run", "-d", "nosuchlog", good], USAGE, ["nosuchlog"]),
            ("missing --semihosting-root", ["run", "--semihosting-root", os.path.join(d, "nodir"),
                                            good], INPUT, ["nodir"]),
            ("file as --semihosting-root", ["run", "--semihosting-root", notelf, good], INPUT,
             ["notelf.elf", "not a directory"]),
            ("overlong --append", ["run", "--append", "x" * 4000, good], USAGE, ["--append"]),
            ("no firmware", ["run"], USAGE, ["firmware"]),
            ("two firmwares", ["run", good, good], USAGE, ["more than one"]),
            ("unknown command", ["frobnicate"], USAGE, ["frobnicate"]),
            ("jump to unmapped memory", ["run", "--trace-mode", "none", unmapped], GUEST_STOP,
             ["unmapped"]),
            ("max-insns bound", ["run", "--trace-mode", "none", "--max-insns", "100", good],
             MAX_INSNS, ["--max-insns"]),
        ]
        fails = 0
        for name, args, status, words in cases:
            r = subprocess.run([emucov] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               stdin=subprocess.DEVNULL, timeout=30, cwd=d)
            err = r.stderr.decode(errors="replace")
            first = err.splitlines()[0] if err else ""
            problems = []
            if r.returncode != status:
                problems.append("exit status %d, expected %d" % (r.returncode, status))
            if r.returncode < 0 or r.returncode >= 128 + 1 and r.returncode != 130:
                problems.append("crashed (status %d)" % r.returncode)
            if not first:
                problems.append("no message on stderr")
            # guest stops print a register dump after the one-line message
            if status != GUEST_STOP and len(err.splitlines()) != 1:
                problems.append("%d lines on stderr, expected 1" % len(err.splitlines()))
            for w in words:
                if w not in first:
                    problems.append("message lacks %r" % w)
            print("%-28s %s  %s" % (name, "ok  " if not problems else "FAIL", first))
            for p in problems:
                print("    " + p)
            fails += bool(problems)
        return 1 if fails else 0
    finally:
        shutil.rmtree(d)


if __name__ == "__main__":
    sys.exit(main())
