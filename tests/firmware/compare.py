#!/usr/bin/env python3
"""Runs one firmware ELF under emucov and under QEMU (riscv32 -M virt or arm -M mps2-an385)
and requires the same output and exit status from both.

usage: compare.py --emucov PATH --qemu PATH [--arch riscv|arm] [--machine NAME] [--semihosting] [--expect-exit N]
                  [--emucov-arg ARG]... ELF

Output is compared as all of stdout followed by all of stderr.  With
--semihosting, both emulators' stderr is sent into their stdout pipe and
the merged text is compared in the order written: QEMU writes semihosting
console output to stderr and UART output to stdout, unbuffered, so emucov
must not hold back one stream behind the other.  --arch arm runs
qemu-system-arm -M mps2-an385 and implies --semihosting (programs on that
board exit through semihosting).  On a mismatch
the script prints a unified diff (qemu -> emucov).  Each run is bounded by
--timeout seconds (default 30).  Exit status 0 = identical, 1 = different,
2 = usage error.
"""

import argparse
import difflib
import os
import sys

sys.dont_write_bytecode = True    # keep the source tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fwrun  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--emucov", required=True)
    ap.add_argument("--qemu", required=True)
    ap.add_argument("--arch", choices=fwrun.ARCHES, default="riscv",
                    help="riscv: qemu-system-riscv32 -M virt; arm: "
                         "qemu-system-arm -M mps2-an385 (default: %(default)s)")
    ap.add_argument("--machine", default=None,
                    help="arm: the MPS2 board for both emulators (default mps2-an385)")
    ap.add_argument("--semihosting", action="store_true")
    ap.add_argument("--expect-exit", type=int, default=None,
                    help="also require this exit status from both")
    ap.add_argument("--emucov-arg", action="append", default=[])
    ap.add_argument("--timeout", type=float, default=fwrun.TIMEOUT)
    ap.add_argument("elf")
    args = ap.parse_args()
    if args.arch == "arm":
        args.semihosting = True     # the only way out of an mps2-an385 program
    if not os.path.isfile(args.elf):
        sys.stderr.write("error: %s: no such file\n" % args.elf)
        return 2

    q = fwrun.run_qemu(args.qemu, args.elf, args.semihosting, args.timeout, args.arch,
                       args.machine)
    extra = (["-M", args.machine] if args.machine else []) + args.emucov_arg
    e = fwrun.run_emucov(args.emucov, args.elf, extra, args.timeout,
                         merged=args.semihosting)

    ok = True
    qo, eo = q.output(), e.output()
    if qo != eo:
        ok = False
        print("output differs (--- qemu, +++ emucov):")
        sys.stdout.writelines(difflib.unified_diff(
            qo.splitlines(True), eo.splitlines(True), "qemu", "emucov"))
        print()
    else:
        sys.stdout.write(eo)
        if eo and not eo.endswith("\n"):
            print()
    if q.timed_out or e.timed_out or q.status != e.status:
        ok = False
        print("exit status differs")
    if args.expect_exit is not None:
        for name, r in (("qemu", q), ("emucov", e)):
            if r.status != args.expect_exit:
                ok = False
                print("%s: expected exit status %d" % (name, args.expect_exit))
    print("qemu: %s" % q.describe())
    print("emucov: %s" % e.describe())
    print("identical" if ok else "MISMATCH")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
