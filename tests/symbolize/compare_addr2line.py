#!/usr/bin/env python3
"""Compare `symbolize` with the cross binutils addr2line on every instruction of .text.

usage: compare_addr2line.py SYMBOLIZE ADDR2LINE OBJDUMP ELF...

For each ELF: every instruction address of .text (from OBJDUMP -d) is resolved in one batch
(stdin) by both tools with `-f -i`, and the outputs must be byte-identical (function names,
files, line numbers, "??" forms and discriminator suffixes). The flag variants -a, -p, -a -p -i
and plain are compared as well on the same addresses, and a few addresses outside any section.

symbolize follows binutils 2.40 even where binutils has quirks (the innermost discriminator
is repeated on "inlined by" frames; for names that are not final (no C-like DW_AT_language, no
linkage name) the ELF symbol is printed, with bfd's query-order-dependent caches).

Intended differences: where binutils 2.40 misreads DWARF 5. Since DWARF 4 and DWARF 5 builds
of a program have identical code (checked: identical .text), the reference for a
*-dwarf5.elf is addr2line on its *-dwarf4.elf twin; the addresses where addr2line's DWARF 5
answer differs from its DWARF 4 answer are counted and shown. Two causes are known:

  1. DWARF 5 initial file register. DWARF 5 section 6.2.2 (table 6.4) starts each line-table
     sequence with file = 1, as DWARF 2-4 do. binutils 2.40 (and libdwarf 20210528) start
     DWARF 5 sequences with file 0, so rows emitted before the first DW_LNS_set_file get the
     wrong file. GCC 12 relies on the initial value at -O0 when a CU's first function comes
     from a header (here: clamp() of inl.h first in main.c's CU): addr2line prints main.c:6
     where the code is inl.h:6 (llvm-dwarfdump agrees with symbolize).
  2. DW_FORM_rnglistx ranges (clang -O2, DWARF 5): binutils 2.40 loses the inlined copies
     whose DW_AT_ranges is a rnglistx index and prints only the outer function;
     llvm-symbolizer-14 agrees with symbolize (dispatch inlined in main).
"""
import os
import re
import subprocess
import sys


def text_addresses(objdump, elf):
    out = subprocess.run([objdump, "-d", "-j", ".text", elf], check=True,
                         capture_output=True, text=True).stdout
    # instruction lines look like "   10094:\t1141 ..." (no indent for 8-digit addresses)
    return [int(m.group(1), 16) for m in re.finditer(r"^\s*([0-9a-f]+):\t", out, re.M)]


def run(tool, elf, flags, stdin):
    p = subprocess.run([tool, "-e", elf] + flags, input=stdin, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"FAIL: {tool} {' '.join(flags)} {elf}: exit {p.returncode}: "
                         f"{p.stderr.strip()}")
    return p.stdout


def text_bytes(objdump, elf):
    return subprocess.run([objdump, "-s", "-j", ".text", elf], check=True,
                          capture_output=True, text=True).stdout.split("\n", 2)[2]


def records(out):
    """split `-a` output into {address: text}"""
    recs, cur = [], None
    for line in out.splitlines(keepends=True):
        if line.startswith("0x") and not line.startswith("0x0x"):
            cur = [line, ""]
            recs.append(cur)
        else:
            cur[1] += line
    return recs


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    sym, a2l, objdump, elves = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    total = 0
    failures = 0
    intended = 0
    for elf in elves:
        addrs = text_addresses(objdump, elf)
        if len(addrs) < 10:
            sys.exit(f"FAIL: {elf}: only {len(addrs)} instructions found in .text")
        extra = ["0", "ffffffff", "0x10", hex(addrs[-1] + 0x100000)]
        stdin = "".join(f"{a:x}\n" for a in addrs) + "\n".join(extra) + "\n"
        ref_elf = elf
        twin = elf.replace("dwarf5", "dwarf4")
        if twin != elf and os.path.exists(twin):
            if text_bytes(objdump, twin) != text_bytes(objdump, elf):
                sys.exit(f"FAIL: {elf} and {twin} have different .text")
            ref_elf = twin
            d5 = records(run(a2l, elf, ["-a", "-f", "-i"], stdin))
            d4 = records(run(a2l, twin, ["-a", "-f", "-i"], stdin))
            diff = [(a, x, y) for (a, x), (_, y) in zip(d5, d4) if x != y]
            intended += len(diff)
            for a, x, y in diff[:3]:
                print(f"  intended difference (binutils misreads DWARF 5) at {a.strip()}: "
                      f"addr2line {x!r}, symbolize (= addr2line on DWARF 4) {y!r}")
        for flags in (["-f", "-i"], ["-a", "-f", "-i"], ["-a", "-p", "-f", "-i"], [],
                      ["-a"], ["-f"], ["-p", "-i"], ["-C", "-f", "-i"], ["-a", "-p", "-C", "-f"]):
            mine = run(sym, elf, flags, stdin)
            ref = run(a2l, ref_elf, flags, stdin)
            if mine == ref:
                continue
            failures += 1
            print(f"FAIL: {elf} {' '.join(flags)}: output differs")
            if "-a" in flags and "-p" not in flags:
                n = 0
                for (ma, mt), (ra, rt) in zip(records(mine), records(ref)):
                    if ma != ra or mt != rt:
                        print(f"  {ra.strip()}:\n    symbolize: {mt!r}\n    addr2line: {rt!r}")
                        n += 1
                        if n > 10:
                            break
            else:
                ml, rl = mine.splitlines(), ref.splitlines()
                for i, (x, y) in enumerate(zip(ml, rl)):
                    if x != y:
                        print(f"  line {i}: symbolize {x!r} addr2line {y!r}")
                        break
                if len(ml) != len(rl):
                    print(f"  {len(ml)} lines vs {len(rl)} lines")
        total += len(addrs)
        print(f"{elf}: {len(addrs)} instruction addresses compared")
    print(f"total: {total} instruction addresses in {len(elves)} ELFs, "
          f"{failures} differing runs; {intended} addresses where addr2line misreads DWARF 5 "
          f"(intended difference, see the script's doc)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
