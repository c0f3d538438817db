#!/usr/bin/env python3
"""Write a copy of a corpus program whose decisions log their evaluation vectors
(vectors.h), placing XV_D/XV_C around the ranges xcov-sco-dump reports.
Usage: instrument.py XCOV-SCO-DUMP IN.c OUT.c"""
import os
import re
import subprocess
import sys


def parse_dump(text):
    decs = []
    for row in text.split('\n'):
        if row.startswith('switch '):
            break                   # switches come last and are not decisions
        m = re.match(r'decision \d+ ', row)
        if m:
            decs.append({'conds': [], 'macro_not': set()})
            continue
        m = re.match(r'  op ! (\d+):(\d+) macro$', row)
        if m:
            decs[-1]['macro_not'].add(tuple(map(int, m.groups())))
            continue
        m = re.match(r'  span (\d+):(\d+)-(\d+):(\d+) ', row)
        if m and decs:
            decs[-1]['span'] = tuple(map(int, m.groups()))
            continue
        m = re.match(r'  cond c\d+ (\d+):(\d+)-(\d+):(\d+)', row)
        if m:
            decs[-1]['conds'].append(tuple(map(int, m.groups())))
    return decs


def main():
    dump, src, out = sys.argv[1:4]
    p = subprocess.run([dump, src], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit('instrument.py: ' + p.stderr.strip())
    data = open(src, 'rb').read()
    starts = [0] + [i + 1 for i, b in enumerate(data) if b == 0x0A]

    def off(line, col):
        return starts[line - 1] + col - 1

    ins = []   # (offset, 0 = close / 1 = open, tie-break, text)
    for d in parse_dump(p.stdout):
        sl, sc, el, ec = d['span']
        ident = '"%d:%d"' % (sl, sc)
        ranges = [(off(a, b), off(c, e) + 1) for a, b, c, e in d['conds']]
        # a `!` written in a macro body over a condition also in it (`#define NB !(x)`):
        # the text NB is the negation, so log !NB, the condition's own value
        inverted = [(a, b) in d['macro_not'] for a, b, _, _ in d['conds']]
        if len(set(ranges)) != len(ranges):
            continue            # conditions not separable in the text (macro body)
        a, b = off(sl, sc), off(el, ec) + 1
        ins.append((a, 1, -(b - a), 'XV_D(%s, %d, (' % (ident, len(ranges))))
        ins.append((b, 0, b - a, '))'))
        for k, (ca, cb) in enumerate(ranges, 1):
            if inverted[k - 1]:
                ins.append((ca, 1, -(cb - ca), '!XV_C(%s, %d, !(' % (ident, k)))
            else:
                ins.append((ca, 1, -(cb - ca), 'XV_C(%s, %d, (' % (ident, k)))
            ins.append((cb, 0, cb - ca, '))'))
    ins.sort(key=lambda t: (t[0], t[1], t[2]))
    res, last = [], 0
    for o, _, _, text in ins:
        res.append(data[last:o])
        res.append(text.encode())
        last = o
    res.append(data[last:])
    with open(out, 'wb') as f:
        f.write(b'#include "vectors.h"\n#line 1 "%s"\n' % os.path.basename(src).encode())
        f.write(b''.join(res))


if __name__ == '__main__':
    main()
