#!/usr/bin/env python3
"""Self-test of compare.py: with stand-in "emucov" scripts built on QEMU, it
must accept identical runs and reject a changed output, a changed exit
status and a hang (within its timeout), and reject a missing ELF.

usage: test_compare.py --qemu PATH PASSING_ELF SEMIHOSTING_ELF
       test_compare.py --arm-qemu PATH --arm-elf ELF   (compare.py --arch arm)
"""

import argparse
import os
import stat
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
COMPARE = os.path.join(HERE, "compare.py")

# Stand-in emulators: "emucov run [options] ELF" runs QEMU on the last
# argument, then optionally alters what it printed or its status.
FAKE = """#!/bin/sh
for a; do elf=$a; done
%(body)s
"""
QEMU_CMD = ('"%(qemu)s" -M virt -bios none -nographic '
            '-semihosting-config enable=on,target=native -kernel "$elf"')
QEMU_ARM_CMD = ('"%(qemu)s" -M mps2-an385 -nographic '
                '-semihosting-config enable=on,target=native -kernel "$elf"')


def make_fake(tmp, name, body, qemu, cmd=QEMU_CMD):
    path = os.path.join(tmp, name)
    with open(path, "w") as f:
        f.write(FAKE % {"body": body % {"qemu_cmd": cmd % {"qemu": qemu}}})
    os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR)
    return path


def compare(emucov, qemu, elf, *extra):
    t0 = time.monotonic()
    p = subprocess.run([sys.executable, COMPARE, "--emucov", emucov, "--qemu", qemu]
                       + list(extra) + [elf], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=120)
    return p.returncode, p.stdout.decode("utf-8", "replace"), time.monotonic() - t0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--qemu")
    ap.add_argument("--arm-qemu", help="also test compare.py --arch arm with this QEMU")
    ap.add_argument("--arm-elf", help="a passing Cortex-M (mps2-an385) ELF")
    ap.add_argument("elf", nargs="?")
    ap.add_argument("semi_elf", nargs="?")
    args = ap.parse_args()
    do_riscv = bool(args.qemu and args.elf and args.semi_elf)
    do_arm = bool(args.arm_qemu and args.arm_elf)
    if not do_riscv and not do_arm:
        ap.error("give --qemu PASSING_ELF SEMIHOSTING_ELF and/or --arm-qemu/--arm-elf")
    failures = 0

    def expect(what, cond, out=""):
        nonlocal failures
        print("%s: %s" % (what, "ok" if cond else "FAILED"))
        if not cond:
            failures += 1
            sys.stdout.write(out)

    with tempfile.TemporaryDirectory() as tmp:
        if do_arm:
            arm_same = make_fake(tmp, "arm-same", "exec %(qemu_cmd)s", args.arm_qemu,
                                 QEMU_ARM_CMD)
            arm_changed = make_fake(tmp, "arm-changed",
                                    "%(qemu_cmd)s 2>&1 | sed 's/ok$/okay/'",
                                    args.arm_qemu, QEMU_ARM_CMD)
            arm = ("--arch", "arm", "--semihosting")
            rc, out, _ = compare(arm_same, args.arm_qemu, args.arm_elf, *arm,
                                 "--expect-exit", "0")
            expect("arm: identical runs accepted", rc == 0 and "identical" in out, out)
            rc, out, _ = compare(arm_changed, args.arm_qemu, args.arm_elf, *arm)
            expect("arm: changed output rejected with a diff",
                   rc == 1 and "+++ emucov" in out and "okay" in out, out)
            rc, out, _ = compare(arm_same, args.arm_qemu, args.arm_elf, *arm,
                                 "--expect-exit", "4")
            expect("arm: unexpected exit status rejected", rc == 1, out)
        if not do_riscv:
            return 1 if failures else 0
        same = make_fake(tmp, "same", "exec %(qemu_cmd)s", args.qemu)
        changed = make_fake(tmp, "changed", "%(qemu_cmd)s | sed 's/ok$/okay/'", args.qemu)
        status = make_fake(tmp, "status", "%(qemu_cmd)s; exit 9", args.qemu)
        hang = make_fake(tmp, "hang", "sleep 100", args.qemu)

        rc, out, _ = compare(same, args.qemu, args.elf, "--expect-exit", "0")
        expect("identical runs accepted", rc == 0 and "identical" in out, out)
        rc, out, _ = compare(same, args.qemu, args.semi_elf, "--semihosting")
        expect("identical semihosting runs accepted", rc == 0, out)
        rc, out, _ = compare(changed, args.qemu, args.elf)
        expect("changed output rejected with a diff",
               rc == 1 and "+++ emucov" in out and "okay" in out, out)
        rc, out, _ = compare(status, args.qemu, args.elf)
        expect("changed exit status rejected", rc == 1 and "exit status 9" in out, out)
        rc, out, _ = compare(same, args.qemu, args.elf, "--expect-exit", "4")
        expect("unexpected exit status rejected", rc == 1, out)
        rc, out, secs = compare(hang, args.qemu, args.elf, "--timeout", "2")
        expect("hang rejected within the timeout",
               rc == 1 and "timed out" in out and secs < 30, out)
        rc, out, _ = compare(same, args.qemu, os.path.join(tmp, "missing.elf"))
        expect("missing ELF is a usage error", rc == 2 and "no such file" in out, out)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
