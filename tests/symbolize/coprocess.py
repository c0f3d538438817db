#!/usr/bin/env python3
"""`symbolize` as a coprocess (as tools drive addr2line): each answer must come out before the
next address is sent. usage: coprocess.py SYMBOLIZE ELF ADDR..."""
import subprocess
import sys

sym, elf, addrs = sys.argv[1], sys.argv[2], sys.argv[3:]
p = subprocess.Popen([sym, "-e", elf, "-f", "-a"], stdin=subprocess.PIPE,
                     stdout=subprocess.PIPE, text=True, bufsize=1)
for a in addrs:
    p.stdin.write(a + "\n")
    p.stdin.flush()
    got = [p.stdout.readline() for _ in range(3)]  # address, function, file:line
    if not got[0].startswith("0x") or int(got[0], 16) != int(a, 16) or ":" not in got[2]:
        sys.exit(f"FAIL: {a}: {got!r}")
    print(f"ok {a}: {got[1].strip()} {got[2].strip()}")
p.stdin.close()
sys.exit(p.wait())
