#!/usr/bin/env python3
"""Compare our ARMv7-M disassembly with arm-none-eabi-objdump -d, instruction
by instruction, for the given ELF files.

usage: objdump_compare.py OBJDUMP TOOL [--max-mismatch N] ELF...

objdump's text is normalised only by dropping symbolic parts ' <sym+off>' and
trailing blanks.  Data words objdump prints from $d mapping symbols (.word,
.short, .byte) are skipped.  Exit status 1 if more than N (default 0)
instructions differ."""
import re
import subprocess
import sys

LINE = re.compile(r'^\s*([0-9a-f]+):\t([0-9a-f]{4})(?: ([0-9a-f]{4}))?\s*\t(.*)$')
SYM = re.compile(r'^[0-9a-f]+ <(.*)>:$')


def objdump_lines(objdump, elf):
    out = subprocess.run([objdump, '-d', elf], check=True, capture_output=True, text=True).stdout
    for raw in out.splitlines():
        if SYM.match(raw) or raw.startswith('Disassembly of section'):
            yield None
            continue
        m = LINE.match(raw)
        if not m:
            continue
        addr, h1, h2, text = m.groups()
        if text.startswith(('.word', '.short', '.byte')):
            yield None
            continue
        text = re.sub(r'([0-9a-f]) <[^>]*>', r'\1', text).strip()
        yield (int(addr, 16), int(h1, 16), int(h2, 16) if h2 else None, text)


def main():
    args = sys.argv[1:]
    if len(args) < 3:
        sys.stderr.write(__doc__)
        return 2
    objdump, tool = args[0], args[1]
    max_mis = 0
    rest = args[2:]
    if rest[0] == '--max-mismatch':
        max_mis = int(rest[1])
        rest = rest[2:]
    total = bad = 0
    for elf in rest:
        items = list(objdump_lines(objdump, elf))
        inp = []
        for it in items:
            if it is None:
                inp.append('reset')
            else:
                a, h1, h2, _ = it
                inp.append('%x %x' % (a, h1) + (' %x' % h2 if h2 is not None else ''))
        res = subprocess.run([tool], input='\n'.join(inp) + '\n', capture_output=True,
                             text=True, check=True).stdout.splitlines()
        ours = [r.split('\t', 1)[1] if '\t' in r else r for r in res]
        insns = [it for it in items if it is not None]
        if len(ours) != len(insns):
            print('%s: tool printed %d lines for %d instructions' % (elf, len(ours), len(insns)))
            return 1
        for it, mine in zip(insns, ours):
            total += 1
            if mine.strip() != it[3]:
                bad += 1
                if bad <= 200:
                    print('%s %x: %04x%s\n   objdump: %s\n   ours:    %s' % (
                        elf.split('/')[-1], it[0], it[1],
                        ' %04x' % it[2] if it[2] is not None else '', it[3], mine))
    print('compared %d instructions, %d differ' % (total, bad))
    return 1 if bad > max_mis else 0


if __name__ == '__main__':
    sys.exit(main())
