#!/usr/bin/env python3
"""coverage-annotated-<arch>: hand-annotated programs, checked exactly.

Each program of tests/coverage/annotated/ states the statement-coverage mark
xcov must give each line, in a comment at the end of the line:

    x = 1;  // @+          '+' at every optimisation level
    r = b;  // @+ Og@?     '+' at -O0, '?' at -Og
    y = 2;  // @- arm-Og@. an override names a level (Og), an architecture
                           (arm, riscv) or both (arm-Og); the most specific wins

Marks: '+' covered, '-' not covered, '!' partially covered (some statements
of the line ran), '?' undetermined (the statement's code ran only under
non-is_stmt line rows), '#' exempted with every exempted obligation met, '*'
exempted with a violation (docs/coverage-semantics.md §6), '.' no code.  A line
without annotation must be '.'.

A key may also name a coverage level, for the checkers that run several
(tests/coverage/exempt/check_exempt.py): 'stmt', 'decision' (stmt+decision and
above), 'mcdc' (stmt+mcdc, stmt+uc_mcdc); `if (a)  // @+ decision@! arm-Og-decision@?`.
Keys combine with '-'; a key applies when every part matches, and the most
specific applicable key wins (a level beats an optimisation level, which beats
an architecture).
The program is built at -O0 and -Og for the architecture, run under emucov,
and `xcov report --level=stmt --format=xcov` must give exactly these marks on
every line.
"""
import argparse
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import covlib  # noqa: E402

ANNOT = re.compile(r'//\s*@(\S)((?:\s+[A-Za-z0-9-]+@\S)*)\s*$')
OVERRIDE = re.compile(r'([A-Za-z0-9-]+)@(\S)')


# coverage levels a key may name: it applies at that level and above
LEVEL_KEYS = {'stmt': 1, 'decision': 2, 'mcdc': 3}
LEVEL_RANK = {'insn': 0, 'branch': 0, 'stmt': 1, 'stmt+decision': 2, 'stmt+mcdc': 3,
              'stmt+uc_mcdc': 3}


def key_rank(key, arch, lvl, level):
    """How specific KEY is for ARCH at optimisation LVL ('Og') and coverage LEVEL, or None
    when one of its parts does not apply."""
    rank = 0
    for part in key.split('-'):
        if part == arch:
            rank += 1
        elif part == lvl:
            rank += 2
        elif part in LEVEL_KEYS and LEVEL_RANK[level] >= LEVEL_KEYS[part]:
            rank += 4 + LEVEL_KEYS[part]
        else:
            return None
    return rank


def pick(default, overrides, arch, opt, level='stmt'):
    """The value of an annotation: DEFAULT, or the value of its most specific applicable
    KEY@VALUE override (OVERRIDES: [(key, value)])."""
    best, rank = default, 0
    for key, val in overrides:
        r = key_rank(key, arch, opt.lstrip('-'), level)
        if r is not None and r > rank:
            best, rank = val, r
    return best


def expected(src, arch, opt, level='stmt'):
    """Marks per line for ARCH at OPT ('-O0') and coverage LEVEL: an override KEY@M
    applies when every part of KEY is the optimisation level (Og), the architecture (arm)
    or a coverage level at or below LEVEL (decision); the most specific one wins."""
    exp = {}
    with open(src) as f:
        for n, line in enumerate(f.read().splitlines(), 1):
            m = ANNOT.search(line)
            if not m:
                exp[n] = '.'
                continue
            exp[n] = pick(m.group(1), OVERRIDE.findall(m.group(2)), arch, opt, level)
    return exp


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--arch', required=True, choices=['riscv', 'arm'])
    ap.add_argument('--xcov', required=True)
    ap.add_argument('--emucov', required=True)
    ap.add_argument('--gcc', required=True)
    ap.add_argument('--common', help='RISC-V firmware runtime folder')
    ap.add_argument('--source-root', required=True)
    ap.add_argument('srcs', nargs='+')
    a = ap.parse_args()
    if a.arch == 'arm':
        if not covlib.arm_available(a.source_root):
            print('SKIP: emucov has no ARM board yet (emu/boards/mps2-an385.dts does not '
                  'exist); the ARM annotated tests run once it does')
            return 77
    xcov = os.path.abspath(a.xcov)
    emucov = os.path.abspath(a.emucov)
    failures = []
    checked = 0
    with tempfile.TemporaryDirectory(prefix='xcov-annot-') as tmp:
        for src in a.srcs:
            src = os.path.abspath(src)
            base = os.path.basename(src)
            for opt in ('-O0', '-Og'):
                d = os.path.join(tmp, base + opt)
                os.makedirs(d)
                elf = os.path.join(d, 'prog.elf')
                covlib.build(a.arch, a.gcc, a.common and os.path.abspath(a.common), [src], elf, opt)
                covlib.run_emucov(emucov, elf, 'prog.trace', d)
                covlib.run([xcov, 'report', '--level=stmt', '--format=xcov', '-o', 'out',
                            'prog.trace'], cwd=d)
                got = covlib.read_xcov(os.path.join(d, 'out', base + '.xcov'))
                exp = expected(src, a.arch, opt)
                bad = 0
                for n in sorted(exp):
                    g = got.get(n, '<missing>')
                    if g != exp[n]:
                        bad += 1
                        failures.append('%s %s line %d: expected %r, xcov gave %r' % (
                            base, opt, n, exp[n], g))
                checked += len(exp)
                print('%-12s %s: %d lines, %d annotated, %s' % (
                    base, opt, len(exp), sum(1 for v in exp.values() if v != '.'),
                    'ok' if not bad else '%d wrong' % bad))
    for f in failures:
        print('MISMATCH ' + f)
    print('%d programs x 2 optimisation levels, %d lines checked' % (len(a.srcs), checked))
    if failures:
        print('FAIL')
        return 1
    print('PASS')
    return 0


if __name__ == '__main__':
    sys.exit(main())
