#!/usr/bin/env python3
"""Compare `symbolize` with the cross binutils addr2line on every instruction of .text.

usage: compare_addr2line.py SYMBOLIZE ADDR2LINE OBJDUMP ELF...

For each ELF: every instruction address of .text (from OBJDUMP -d) is resolved in one batch
(stdin) by both tools with `-f -i`, and the outputs must be byte-identical (function names,
files, line numbers, "??" forms and discriminator suffixes). The flag variants -a, -p, -a -p -i
and plain are compared as well on the same addresses, and a few addresses outside any section.

Intended differences: none. (symbolize follows binutils 2.40 even where binutils has quirks,
e.g. the innermost discriminator is repeated on "inlined by" frames.)
"""
import subprocess
import sys


def text_addresses(objdump, elf):
    out = subprocess.run([objdump, "-d", "-j", ".text", elf], check=True,
                         capture_output=True, text=True).stdout
    addrs = []
    for line in out.splitlines():
        # instruction lines look like "   10094:\t1141 ..."
        head = line.split(":", 1)
        if len(head) == 2 and line.startswith(" ") and head[1].startswith("\t"):
            try:
                addrs.append(int(head[0].strip(), 16))
            except ValueError:
                pass
    return addrs


def run(tool, elf, flags, stdin):
    p = subprocess.run([tool, "-e", elf] + flags, input=stdin, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"FAIL: {tool} {' '.join(flags)} {elf}: exit {p.returncode}: "
                         f"{p.stderr.strip()}")
    return p.stdout


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
    for elf in elves:
        addrs = text_addresses(objdump, elf)
        if len(addrs) < 20:
            sys.exit(f"FAIL: {elf}: only {len(addrs)} instructions found in .text")
        extra = ["0", "ffffffff", "0x10", hex(addrs[-1] + 0x100000)]
        stdin = "".join(f"{a:x}\n" for a in addrs) + "\n".join(extra) + "\n"
        for flags in (["-f", "-i"], ["-a", "-f", "-i"], ["-a", "-p", "-f", "-i"], [],
                      ["-a"], ["-f"], ["-p", "-i"]):
            mine = run(sym, elf, flags, stdin)
            ref = run(a2l, elf, flags, stdin)
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
          f"{failures} differing runs")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
