#!/usr/bin/env python3
"""Check that emu/isa/riscv disassembles exactly as binutils objdump does.

usage: objdump_compare.py OBJDUMP RVDIS FILE.elf [FILE.elf ...]

For every ELF, runs `OBJDUMP -d -z FILE` (-z only stops objdump from
collapsing runs of zero bytes into "...") and `RVDIS FILE`, and compares
them instruction by instruction: address, raw bytes as objdump shows them,
and text.  The only normalisation is dropping objdump's " <symbol+off>"
suffix after addresses and its symbol-label and blank lines.  Prints the
number of instructions compared and every mismatch; exit status 1 on any
mismatch (or when nothing was compared), 2 when a tool fails.
"""
import re
import subprocess
import sys

LINE = re.compile(r'^\s*([0-9a-f]+):\t([0-9a-f ]+?)\s*\t(.*)$')
# objdump -d shows data objects (STT_OBJECT symbols) in code as a hex dump:
# "addr:\t0100 0202 ...     ascii"
DUMP = re.compile(r'^\s*([0-9a-f]+):\t((?:[0-9a-f]{2,8} )*[0-9a-f]{2,8})(?:\s*|  +.*)$')
SYM = re.compile(r' <[^<>]*>$')
SECTION = re.compile(r'^Disassembly of section (\S+):$')


def run(cmd):
    try:
        res = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, check=False)
    except OSError as e:
        print(f'error: cannot run {cmd[0]}: {e}', file=sys.stderr)
        sys.exit(2)
    if res.returncode != 0:
        print(f'error: {" ".join(cmd)} exited with {res.returncode}: {res.stderr.strip()}',
              file=sys.stderr)
        sys.exit(2)
    return res.stdout


def parse(text):
    """List of (section, address, raw hex, text) for each instruction line
    (text None for a line of a data object's hex dump)."""
    out = []
    section = None
    for line in text.splitlines():
        m = SECTION.match(line)
        if m:
            section = m.group(1)
            continue
        m = LINE.match(line)
        if not m:
            m = DUMP.match(line)
            if m:
                addr = int(m.group(1), 16)
                if out and out[-1][3] is not None and out[-1][0] == section and \
                        out[-1][1] + 8 == addr:
                    # the rest of an encoding longer than 8 bytes
                    s, a, r, t = out[-1]
                    out[-1] = (s, a, r + ' ' + m.group(2), t)
                else:
                    out.append((section, addr, m.group(2), None))
            continue          # blank lines, symbol labels, file header
        addr, raw, txt = m.groups()
        txt = SYM.sub('', txt.rstrip())
        out.append((section, int(addr, 16), raw.strip(), txt))
    return out


def main():
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    objdump, rvdis, elves = sys.argv[1], sys.argv[2], sys.argv[3:]
    total = 0
    dumps = 0
    bad = 0
    for elf in elves:
        ref = parse(run([objdump, '-d', '-z', elf]))
        got = parse(run([rvdis, elf]))
        refmap = {(s, a): (r, t) for s, a, r, t in ref}
        gotmap = {(s, a): (r, t) for s, a, r, t in got}
        n = 0
        for s, a, r, t in ref:
            if t is None:
                dumps += 1
            else:
                n += 1
            g = gotmap.get((s, a))
            if g is None:
                bad += 1
                print(f'MISMATCH {elf} {s} {a:x}: objdump "{r}  {t}", rvdis: no instruction here')
            elif g != (r, t):
                bad += 1
                print(f'MISMATCH {elf} {s} {a:x}: objdump "{r}  {t}", rvdis "{g[0]}  {g[1]}"')
        for s, a, r, t in got:
            if (s, a) not in refmap:
                bad += 1
                print(f'MISMATCH {elf} {s} {a:x}: rvdis "{r}  {t}", objdump: no instruction here')
        print(f'{elf}: {n} instruction/data lines compared')
        total += n
    print(f'{total} instruction/data lines compared (plus {dumps} lines of data-object '
          f'hex dump), {bad} mismatches')
    if total == 0:
        print('error: nothing was compared')
        return 1
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
