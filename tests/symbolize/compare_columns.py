#!/usr/bin/env python3
"""Check symbolize's line rows and columns against llvm-dwarfdump --debug-line.

usage: compare_columns.py SYMBOLIZE LLVM_DWARFDUMP OBJDUMP ELF...

1. Every line-table row (`symbolize --dump-lines`) must equal llvm-dwarfdump's row: address,
   line, column, discriminator, is_stmt, end_sequence and the file's base name.
2. For every instruction address of .text, `symbolize --columns -a` must print the column of
   the row covering the address (the last row at the highest address <= it in its sequence),
   computed here from llvm-dwarfdump's rows.
"""
import os
import re
import subprocess
import sys

ROW = re.compile(r"^0x([0-9a-f]+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*(.*)$")


def llvm_rows(dd, elf):
    out = subprocess.run([dd, "--debug-line", elf], check=True, capture_output=True,
                         text=True).stdout
    rows, names, cur = [], {}, None
    for line in out.splitlines():
        m = re.match(r"^file_names\[\s*(\d+)\]:", line)
        if m:
            cur = int(m.group(1))
            continue
        m = re.match(r'^\s+name: "(.*)"', line)
        if m and cur is not None:
            names[cur] = m.group(1)
            continue
        if line.startswith("debug_line["):
            names, cur = {}, None
            continue
        m = ROW.match(line)
        if m:
            addr, ln, col, f, _isa, disc, flags = m.groups()
            rows.append((int(addr, 16), int(ln), int(col), int(disc), "is_stmt" in flags,
                         "end_sequence" in flags, os.path.basename(names.get(int(f), "?"))))
    return rows


def our_rows(sym, elf):
    out = subprocess.run([sym, "--dump-lines", "-e", elf], check=True, capture_output=True,
                         text=True).stdout
    rows = []
    for line in out.splitlines():
        if line.startswith("CU "):
            continue
        addr, ln, col, disc, _view, flags, path = line.split(" ", 6)
        rows.append((int(addr, 16), int(ln), int(col), int(disc), flags[0] == "S",
                     flags[3] == "E", os.path.basename(path)))
    return rows


def covering_columns(rows):
    """address -> column by addr2line's rule, from rows in line-program order"""
    seqs, cur = [], []
    for r in rows:
        if cur and cur[-1][0] == r[0] and cur[-1][5] == r[5]:
            cur[-1] = r  # the last row at an address wins
        else:
            cur.append(r)
        if r[5]:
            seqs.append(cur)
            cur = []
    spans = []
    for s in seqs:
        for a, b in zip(s, s[1:]):
            if b[0] > a[0]:
                # line 0 prints "file:?" (as addr2line), no column to check
                spans.append((a[0], b[0], a[2] if a[1] else None))
    return spans


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    sym, dd, objdump, elves = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    bad = 0
    nrows = ncols = 0
    for elf in elves:
        ref, mine = llvm_rows(dd, elf), our_rows(sym, elf)
        if len(ref) < 10:
            sys.exit(f"FAIL: {elf}: llvm-dwarfdump shows only {len(ref)} rows")
        if ref != mine:
            bad += 1
            print(f"FAIL: {elf}: line rows differ ({len(mine)} vs {len(ref)})")
            for i, (x, y) in enumerate(zip(mine, ref)):
                if x != y:
                    print(f"  row {i}: symbolize {x} llvm {y}")
                    break
        nrows += len(ref)
        dis = subprocess.run([objdump, "-d", "-j", ".text", elf], check=True,
                             capture_output=True, text=True).stdout
        addrs = [int(m.group(1), 16) for m in re.finditer(r"^\s*([0-9a-f]+):\t", dis, re.M)]
        spans = covering_columns(ref)
        out = subprocess.run([sym, "--columns", "-a", "-e", elf], input="".join(
            f"{a:x}\n" for a in addrs), check=True, capture_output=True, text=True).stdout
        got = {}
        lines = out.splitlines()
        for i in range(0, len(lines) - 1, 2):
            m = re.search(r":(\d+):(\d+)(?: \(discriminator \d+\))?$", lines[i + 1])
            got[int(lines[i], 16)] = int(m.group(2)) if m else 0
        for a in addrs:
            want = next((c for lo, hi, c in spans if lo <= a < hi), None)
            if want is None:
                continue  # no row, or line 0
            ncols += 1
            if got.get(a) != want:
                bad += 1
                print(f"FAIL: {elf}: 0x{a:x}: column {got.get(a)} expected {want}")
                break
        print(f"{elf}: {len(ref)} rows, columns of {len(addrs)} instructions checked")
    print(f"total: {nrows} line rows and {ncols} instruction columns compared, {bad} failures")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
