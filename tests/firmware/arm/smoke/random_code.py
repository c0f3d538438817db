#!/usr/bin/env python3
"""Robustness of the ARMv7-M CPU on random code: for each seed, 8 KiB of
random bytes are linked behind a vector table (random_code.S) and run by
emucov on a Cortex-M4 board for at most 300000 instructions with a history
trace.  Every run must end with a documented status (guest exit, 122 for a
lockup or emulator stop, 123 for the bound), never a crash, and `emucov
trace verify` must accept the trace (the trace obligations hold on faults,
escalations, lockups and failed exception returns).

usage: random_code.py EMUCOV ARM_GCC BOARD.dts NSEEDS
"""
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    if len(sys.argv) != 5:
        sys.stderr.write(__doc__)
        return 2
    emucov, gcc, board = (os.path.abspath(a) if os.path.exists(a) else a for a in sys.argv[1:4])
    nseeds = int(sys.argv[4])
    bad = 0
    with tempfile.TemporaryDirectory(prefix="emucov-random-") as tmp:
        for seed in range(1, nseeds + 1):
            r = random.Random(seed)
            with open(os.path.join(tmp, "rand.bin"), "wb") as f:
                f.write(bytes(r.getrandbits(8) for _ in range(8192)))
            elf = os.path.join(tmp, "r.elf")
            subprocess.run([gcc, "-mcpu=cortex-m4", "-nostdlib", "-T",
                            os.path.join(HERE, "random_code.ld"),
                            os.path.join(HERE, "random_code.S"), "-o", elf],
                           cwd=tmp, check=True)
            trace = os.path.join(tmp, "r.trace")
            p = subprocess.run([emucov, "run", "-M", board, "--trace", trace,
                                "--max-insns", "300000", elf], cwd=tmp,
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, timeout=60)
            # a guest exit status (random code may call semihosting),
            # 122 lockup/emulator stop, 123 instruction bound
            if not (0 <= p.returncode < 120 or p.returncode in (122, 123)):
                print("seed %d: exit status %d\n%s" % (seed, p.returncode,
                                                       p.stdout.decode(errors="replace")[-500:]))
                bad += 1
                continue
            v = subprocess.run([emucov, "trace", "verify", trace], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
            if v.returncode != 0:
                print("seed %d: trace verify: %s" % (seed, v.stdout.decode(errors="replace")))
                bad += 1
    print("%d seeds, %d bad" % (nseeds, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
