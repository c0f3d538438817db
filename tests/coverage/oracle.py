#!/usr/bin/env python3
"""coverage-gcov-oracle: xcov --level=stmt agrees with gcov on executed lines.

Each program of tests/coverage/oracle/ is
  - compiled for the host with --coverage -O0, run, and read with `gcov -t`;
  - compiled for RV32 at -O0 with the firmware runtime, run under emucov, and
    read with `xcov report --level=stmt --format=xcov`.
On every line where both tools report code (gcov: a count or #####; xcov: a
mark among + - !), "executed" must agree (gcov count > 0 <=> xcov + or !).

Intended differences: a line whose source ends with `// oracle-differs: WHY`
is not compared and WHY is printed (the corpus has none today).  Structural
differences that the "both report code" rule excludes (measured: gcov gives
these lines a count, xcov marks them '.'):
  - a function's signature line (gcov: the prologue; xcov: not a statement);
  - `case N:` / `default:` labels (gcov counts the dispatch into the label;
    xcov: a label is not a statement, the statement after it is);
  - goto labels `name:` (same reason).
and lines only xcov reports: the continuation lines of a statement written
over several lines (xcov marks every line of a statement; gcov only the
lines that have line-table rows).
"""
import argparse
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import covlib  # noqa: E402

GCOV_LINE = re.compile(r'^\s*([^:]+):\s*(\d+):(.*)$')


def gcov_lines(gcov, src, cwd):
    p = covlib.run([gcov, '-t', '-o', cwd, src], cwd=cwd)
    res = {}
    for ln in p.stdout.splitlines():
        m = GCOV_LINE.match(ln)
        if not m or m.group(2) == '0':
            continue
        cnt = m.group(1).strip()
        num = int(m.group(2))
        if cnt == '-':
            continue
        if cnt.startswith('#####') or cnt.startswith('====='):
            res[num] = False
        else:
            res[num] = int(cnt.rstrip('*')) > 0
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--arch', default='riscv', choices=['riscv', 'arm'])
    ap.add_argument('--source-root', default='.')
    ap.add_argument('--xcov', required=True)
    ap.add_argument('--emucov', required=True)
    ap.add_argument('--rv-gcc', help='riscv64-unknown-elf-gcc (--arch riscv)')
    ap.add_argument('--arm-gcc', help='arm-none-eabi-gcc (--arch arm)')
    ap.add_argument('--host-gcc', default='gcc')
    ap.add_argument('--gcov', default='gcov')
    ap.add_argument('--common', help='RISC-V firmware runtime folder')
    ap.add_argument('srcs', nargs='+')
    a = ap.parse_args()
    if a.arch == 'arm':
        if not covlib.arm_available(a.source_root):
            print('SKIP: emucov has no ARM board yet (emu/boards/mps2-an385.dts does not '
                  'exist); the ARM oracle runs once it does')
            return 77
    a.xcov = os.path.abspath(a.xcov)
    a.emucov = os.path.abspath(a.emucov)
    a.common = a.common and os.path.abspath(a.common)
    total_cmp = total_exec = 0
    failures = []
    with tempfile.TemporaryDirectory(prefix='xcov-oracle-') as tmp:
        for src in a.srcs:
            src = os.path.abspath(src)
            base = os.path.splitext(os.path.basename(src))[0]
            hd = os.path.join(tmp, 'host-' + base)
            os.makedirs(hd)
            covlib.run([a.host_gcc, '--coverage', '-O0', '-g', '-c', src, '-o',
                        os.path.join(hd, base + '.o')], cwd=hd)
            covlib.run([a.host_gcc, '--coverage', os.path.join(hd, base + '.o'), '-o',
                        os.path.join(hd, base)], cwd=hd)
            p = covlib.run([os.path.join(hd, base)], cwd=hd, check=False)
            if p.returncode != 0:
                raise SystemExit('FAIL: host %s exited %d' % (base, p.returncode))
            g = gcov_lines(a.gcov, src, hd)

            td = os.path.join(tmp, 'rv-' + base)
            os.makedirs(td)
            elf = os.path.join(td, base + '.elf')
            covlib.build(a.arch, a.arm_gcc if a.arch == 'arm' else a.rv_gcc, a.common, [src],
                         elf, '-O0')
            covlib.run_emucov(a.emucov, elf, base + '.trace', td)
            covlib.run([a.xcov, 'report', '--level=stmt', '--format=xcov', '-o', 'out',
                        base + '.trace'], cwd=td)
            x = covlib.read_xcov(os.path.join(td, 'out', os.path.basename(src) + '.xcov'))
            with open(src) as f:
                text = f.read().splitlines()
            ncmp = nexec = 0
            for num in sorted(g):
                mark = x.get(num, '.')
                if mark not in '+-!':
                    continue
                line = text[num - 1] if num <= len(text) else ''
                if '// oracle-differs:' in line:
                    print('  %s:%d not compared: %s' % (base, num,
                          line.split('// oracle-differs:')[1].strip()))
                    continue
                ncmp += 1
                xe = mark in '+!'
                nexec += xe
                if xe != g[num]:
                    failures.append('%s.c:%d: gcov %s, xcov %r: %s' % (
                        base, num, 'executed' if g[num] else 'not executed', mark,
                        line.strip()))
            if ncmp == 0:
                failures.append('%s: no line compared' % base)
            print('%-14s %3d lines compared (%d executed), gcov lines with code %d, '
                  'xcov lines with code %d' % (base, ncmp, nexec, len(g),
                                               sum(1 for m in x.values() if m in '+-!')))
            total_cmp += ncmp
            total_exec += nexec
    print('total: %d lines compared over %d programs (%d executed, %d not executed)' % (
        total_cmp, len(a.srcs), total_exec, total_cmp - total_exec))
    for f in failures:
        print('MISMATCH ' + f)
    if failures:
        print('FAIL: %d mismatches' % len(failures))
        return 1
    print('PASS')
    return 0


if __name__ == '__main__':
    sys.exit(main())
