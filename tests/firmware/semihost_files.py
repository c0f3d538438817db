#!/usr/bin/env python3
"""Semihosting host-file access (emucov run --semihosting-root) against QEMU.

usage: semihost_files.py EMUCOV QEMU ELF

ELF is tests/firmware/arm/semihost-files.c (newlib rdimon).  Proves:
  1. with --semihosting-root DIR, emucov gives the same guest output and exit
     status as qemu-system-arm -semihosting run in an empty directory, and
     leaves the same files with the same bytes;
  2. a guest cannot leave DIR by name ("../x", or an absolute path outside);
  3. without --semihosting-root, SYS_OPEN of a host file is refused, the
     guest sees an error, and emucov says so once on stderr;
  4. --append reaches the guest's argv as QEMU's -append does.
"""
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fwrun  # noqa: E402


def tree(d):
    out = {}
    for name in sorted(os.listdir(d)):
        if name.endswith(".trace"):
            continue
        with open(os.path.join(d, name), "rb") as f:
            out[name] = f.read()
    return out


def main():
    emucov, qemu, elf = (os.path.abspath(a) for a in sys.argv[1:4])
    fails = []
    with tempfile.TemporaryDirectory() as top:
        qd, ed, sd = (os.path.join(top, n) for n in ("qemu", "emucov", "sandbox"))
        for d in (qd, ed, sd):
            os.mkdir(d)
        q = fwrun.run(fwrun.qemu_argv(qemu, elf, True, "arm") + ["-append", "one two"],
                      cwd=qd, merged=True)
        e = fwrun.run([emucov, "run", "--trace-mode", "none", "--semihosting-root", ".",
                       "--append", "one two", elf], cwd=ed, merged=True)
        print("qemu:   %s, files %s" % (q.describe(), sorted(tree(qd))))
        print("emucov: %s, files %s" % (e.describe(), sorted(tree(ed))))
        if q.status != 7 or "PASS" not in q.stdout:
            fails.append("QEMU itself did not pass (status %s)" % q.status)
        if (e.status, e.stdout) != (q.status, q.stdout):
            fails.append("emucov differs from QEMU:\n--- qemu\n%s--- emucov\n%s"
                         % (q.stdout, e.stdout))
        if tree(qd) != tree(ed):
            fails.append("files left differ: qemu %s, emucov %s" % (tree(qd), tree(ed)))
        if "argc=3 [one] [two]" not in e.stdout:
            fails.append("--append did not reach argv")

        # 2: escape attempts, from a root one level below `top`
        x = fwrun.run([emucov, "run", "--trace-mode", "none", "--semihosting-root", ed,
                       "--append", "escape", elf], cwd=top, merged=True)
        print("escape: %s" % x.describe())
        if x.status != 7 or "escape-dotdot=1 ok" not in x.stdout or \
                "escape-absolute=1 ok" not in x.stdout or os.path.exists(
                    os.path.join(top, "escape.txt")):
            fails.append("the guest left its root:\n" + x.stdout)

        # 3: sandboxed by default
        s = fwrun.run([emucov, "run", "--trace-mode", "none", elf], cwd=sd)
        print("sandbox: %s, stderr %r" % (s.describe(), s.stderr))
        if s.status != 2 or "open-w=0 MISMATCH" not in s.stdout or tree(sd):
            fails.append("without --semihosting-root the guest opened a host file")
        if s.stderr.count("--semihosting-root") != 1:
            fails.append("no single note on stderr about the refused SYS_OPEN")
    for f in fails:
        print("FAIL: " + f)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
