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
non-is_stmt line rows), '.' no code.  A line without annotation must be '.'.
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


def expected(src, arch, opt):
    """Marks per line for ARCH at OPT ('-O0'): an override KEY@M applies when
    KEY is the level (Og), the architecture (arm) or both (arm-Og); the most
    specific one wins."""
    exp = {}
    lvl = opt.lstrip('-')
    with open(src) as f:
        for n, line in enumerate(f.read().splitlines(), 1):
            m = ANNOT.search(line)
            if not m:
                exp[n] = '.'
                continue
            mark, rank = m.group(1), 0
            for key, mk in OVERRIDE.findall(m.group(2)):
                r = 3 if key == arch + '-' + lvl else 2 if key == lvl else 1 if key == arch else 0
                if r > rank:
                    mark, rank = mk, r
            exp[n] = mark
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
