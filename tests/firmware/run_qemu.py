#!/usr/bin/env python3
"""Runs one firmware ELF under QEMU (riscv32 -M virt or arm -M mps2-an385) and checks that it
exits with the expected status and printed the PASS marker.

usage: run_qemu.py --qemu PATH [--arch riscv|arm] [--machine NAME] [--semihosting] [--expect-exit N]
                   [--marker TEXT] ELF
--arch arm runs qemu-system-arm -M mps2-an385 and implies --semihosting.
"""

import argparse
import os
import sys

sys.dont_write_bytecode = True    # keep the source tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fwrun  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--qemu", required=True)
    ap.add_argument("--arch", choices=fwrun.ARCHES, default="riscv",
                    help="riscv: qemu-system-riscv32 -M virt; arm: "
                         "qemu-system-arm -M mps2-an385 (default: %(default)s)")
    ap.add_argument("--machine", default=None,
                    help="arm: the MPS2 board for both emulators (default mps2-an385)")
    ap.add_argument("--semihosting", action="store_true")
    ap.add_argument("--expect-exit", type=int, default=0)
    ap.add_argument("--marker", default="PASS")
    ap.add_argument("--timeout", type=float, default=fwrun.TIMEOUT)
    ap.add_argument("elf")
    args = ap.parse_args()
    if args.arch == "arm":
        args.semihosting = True     # the only way out of an mps2-an385 program
    if not os.path.isfile(args.elf):
        sys.stderr.write("error: %s: no such file\n" % args.elf)
        return 2
    r = fwrun.run_qemu(args.qemu, args.elf, args.semihosting, args.timeout, args.arch,
                       args.machine)
    sys.stdout.write(r.output())
    ok = True
    if r.timed_out:
        print("\nerror: QEMU timed out after %g s" % args.timeout)
        ok = False
    elif r.status != args.expect_exit:
        print("\nerror: QEMU exit status %d, expected %d" % (r.status, args.expect_exit))
        ok = False
    if args.marker not in r.output():
        print("\nerror: output lacks the marker %r" % args.marker)
        ok = False
    if "MISMATCH" in r.output():
        print("\nerror: output reports a MISMATCH")
        ok = False
    print("\nqemu: %s" % r.describe())
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
