#!/usr/bin/env python3
"""coverage-xcov-bad-input: every bad input gives a one-line message and the
documented exit status (docs/xcov.md), never a crash or a silent report.

  1 usage: unknown level, unknown format, bad option
  2 cannot open: missing trace, no *.trace in the current directory
  3 not a trace
  4 damaged trace (recovered part reported on stderr), unless --accept-damaged
  5 trace made from another ELF (SHA-256): both ELF paths are named
  8 flat trace at a decision level (stmt+decision, stmt+mcdc, stmt+uc_mcdc)
  0 missing sources: line coverage from DWARF, and the report says so
"""
import argparse
import json
import os
import subprocess
import re
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import covlib  # noqa: E402

check = covlib.Checks()


def xcov_run(xcov, args, cwd):
    return covlib.run([xcov] + args, cwd=cwd, check=False)


def one_line(p):
    lines = [ln for ln in p.stderr.splitlines() if ln.strip()]
    return lines


def main():
    a = covlib.tool_args(argparse.ArgumentParser(),
                         ('--prog', 'a small C program'), ('--other', 'another C program'),
                         ('--long', 'a program whose trace has several frames'))
    xcov, emucov, common = a.xcov, a.emucov, a.common
    with tempfile.TemporaryDirectory(prefix='xcov-bad-') as d:
        # a program built from a copy of its source (removed later)
        src = os.path.join(d, 'prog.c')
        shutil.copy(a.prog, src)
        elf = os.path.join(d, 'prog.elf')
        covlib.build_riscv(a.gcc, common, [src], elf, '-O0')
        covlib.run_emucov(emucov, elf, 'prog.trace', d)
        other = os.path.join(d, 'other.elf')
        covlib.build_riscv(a.gcc, common, [os.path.abspath(a.other)], other, '-O0')

        p = xcov_run(xcov, ['report', '--level=foo', 'prog.trace'], d)
        check('unknown level -> 1', p.returncode == 1 and "unknown level 'foo'" in p.stderr
              and len(one_line(p)) == 1, p.stderr)
        p = xcov_run(xcov, ['report', '--format=text,pdf', 'prog.trace'], d)
        check('unknown format -> 1', p.returncode == 1 and "unknown format 'pdf'" in p.stderr
              and len(one_line(p)) == 1, p.stderr)
        p = xcov_run(xcov, ['report', '--frobnicate', 'prog.trace'], d)
        check('bad option -> 1', p.returncode == 1 and len(one_line(p)) == 1, p.stderr)
        subprocess.run([emucov, 'run', '--trace-mode', 'flat', '--trace', 'flat.trace', elf],
                       cwd=d, check=True, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        for lv in ('stmt+decision', 'stmt+mcdc', 'stmt+uc_mcdc'):
            p = xcov_run(xcov, ['report', '--level', lv, 'prog.trace'], d)
            check('level %s on a history trace -> 0' % lv, p.returncode == 0, p.stderr)
            p = xcov_run(xcov, ['report', '--level', lv, 'flat.trace'], d)
            check('level %s on a flat trace -> 8' % lv, p.returncode == 8 and
                  'needs a history trace' in p.stderr and len(one_line(p)) == 1, p.stderr)
        p = xcov_run(xcov, ['report', 'missing.trace'], d)
        check('missing trace -> 2', p.returncode == 2 and 'missing.trace' in p.stderr
              and len(one_line(p)) == 1, p.stderr)
        p = xcov_run(xcov, ['report', 'prog.elf'], d)
        check('not a trace -> 3', p.returncode == 3 and 'prog.elf' in p.stderr
              and len(one_line(p)) == 1, p.stderr)
        empty = os.path.join(d, 'empty')
        os.makedirs(empty)
        p = xcov_run(xcov, ['report'], empty)
        check('no *.trace here -> 2', p.returncode == 2 and '*.trace' in p.stderr, p.stderr)

        # a trace from another ELF: refused, both named
        p = xcov_run(xcov, ['report', '--elf', other, 'prog.trace'], d)
        check('--elf of another program -> 5', p.returncode == 5 and 'prog.trace' in p.stderr
              and 'prog.elf' in p.stderr and 'other.elf' in p.stderr
              and len(one_line(p)) == 1, p.stderr)
        # the ELF named in the header was rebuilt since the run
        covlib.run_emucov(emucov, other, 'other.trace', d)
        saved = os.path.join(d, 'other.elf.saved')
        shutil.copy(other, saved)
        covlib.build_riscv(a.gcc, common, [src], other, '-O0')   # other.elf is now prog
        p = xcov_run(xcov, ['report', 'other.trace'], d)
        check('header ELF rebuilt -> 5', p.returncode == 5 and 'other.trace' in p.stderr
              and 'other.elf' in p.stderr, p.stderr)
        shutil.copy(saved, other)
        # merging traces of two ELFs: refused
        p = xcov_run(xcov, ['report', 'prog.trace', 'other.trace'], d)
        check('traces of two ELFs -> 5', p.returncode == 5 and 'other.trace' in p.stderr,
              p.stderr)
        # two traces of the same ELF merge
        covlib.run_emucov(emucov, elf, 'prog2.trace', d)
        p = xcov_run(xcov, ['report', '--format=text', 'prog.trace', 'prog2.trace'], d)
        check('two traces of one ELF merge -> 0', p.returncode == 0 and
              p.stdout.count('trace:  prog') == 2, p.stdout + p.stderr)

        # damaged trace: a long run, cut in the middle
        lelf = os.path.join(d, 'long.elf')
        covlib.build_riscv(a.gcc, common, [os.path.abspath(a.long)], lelf, '-O0')
        ld = os.path.join(d, 'long')
        os.makedirs(ld)
        covlib.run_emucov(emucov, lelf, 'long.trace', ld)
        data = open(os.path.join(ld, 'long.trace'), 'rb').read()
        with open(os.path.join(ld, 'cut.trace'), 'wb') as f:
            f.write(data[:len(data) // 2])
        p = xcov_run(xcov, ['report', 'cut.trace'], ld)
        check('damaged trace -> 4, recovered part reported',
              p.returncode == 4 and 'recovered' in p.stderr and 'cut.trace' in p.stderr
              and '--accept-damaged' in p.stderr and p.stdout == '', p.stdout + p.stderr)
        rec = [ln for ln in p.stderr.splitlines() if 'recovered' in ln]
        m = re.search(r'recovered (\d+) frames, (\d+) blocks', rec[0] if rec else '')
        check('damaged trace: some frames recovered', bool(m) and int(m.group(1)) > 0 and
              int(m.group(2)) > 0, rec[0] if rec else p.stderr)
        p = xcov_run(xcov, ['report', '--accept-damaged', '--format=text,xcov', '-o', 'rep',
                            'cut.trace'], ld)
        summ = open(os.path.join(ld, 'rep', 'summary.txt')).read() if p.returncode == 0 else ''
        check('damaged trace with --accept-damaged -> 0 and noted', p.returncode == 0 and
              'DAMAGED' in summ and 'is damaged' in summ, p.stdout + p.stderr)
        if p.returncode == 0:
            marks = covlib.read_xcov(os.path.join(ld, 'rep', 'long_loop.c.xcov'))
            check('damaged trace: recovered loop is covered', '+' in marks.values(), str(marks))

        # missing sources: line coverage from DWARF, said in the report
        os.remove(src)
        p = xcov_run(xcov, ['report', '--level=stmt', '--format=text,xcov', '-o', 'nosrc',
                            'prog.trace'], d)
        summ = open(os.path.join(d, 'nosrc', 'summary.txt')).read() if p.returncode == 0 else ''
        check('missing source -> 0, noted', p.returncode == 0 and 'not found' in summ and
              'prog.c' in summ and 'line coverage from DWARF' in summ, p.stdout + p.stderr + summ)
        xf = os.path.join(d, 'nosrc', 'prog.c.xcov')
        ok = os.path.exists(xf)
        txt = open(xf).read() if ok else ''
        marks = covlib.read_xcov(xf) if ok else {}
        check('missing source: .xcov says so and has DWARF line marks',
              'source not available' in txt and '+' in marks.values() and
              '-' in marks.values(), txt[:300])
        # --source-root finds it again
        srcdir = os.path.join(d, 'moved')
        os.makedirs(srcdir)
        shutil.copy(a.prog, os.path.join(srcdir, 'prog.c'))
        p = xcov_run(xcov, ['report', '--level=stmt', '--format=text', '--source-root', srcdir,
                            'prog.trace'], d)
        check('--source-root finds a moved source', p.returncode == 0 and
              'not found' not in p.stdout and 'statements' in p.stdout, p.stdout + p.stderr)
        # compiler options: compile_commands.json, -I, or neither
        cd = os.path.join(d, 'cdb')
        os.makedirs(os.path.join(cd, 'inc'))
        with open(os.path.join(cd, 'inc', 'defs.h'), 'w') as f:
            f.write('#define BUMP(v) ((v) + 1)\ntypedef int num;\n')
        with open(os.path.join(cd, 'm.c'), 'w') as f:
            f.write('#include "defs.h"\nvolatile num g;\nint main(void)\n{\n'
                    '    num x = BUMP(g);\n    g = x;\n    return 0;\n}\n')
        celf = os.path.join(cd, 'm.elf')
        covlib.build_riscv(a.gcc, common, [os.path.join(cd, 'm.c'), '-I' + os.path.join(cd, 'inc')],
                           celf, '-O0')
        covlib.run_emucov(emucov, celf, 'm.trace', cd)
        p = xcov_run(xcov, ['report', 'm.trace'], cd)
        check('no options for a source: libclang errors noted', p.returncode == 0 and
              'libclang reported' in p.stdout and 'm.c' in p.stdout, p.stdout + p.stderr)
        p = xcov_run(xcov, ['report', '-I', 'inc', 'm.trace'], cd)
        check('-I DIR: no libclang error, statements found', p.returncode == 0 and
              'libclang reported' not in p.stdout and '100.0%         3/3' in p.stdout,
              p.stdout + p.stderr)
        with open(os.path.join(cd, 'compile_commands.json'), 'w') as f:
            json.dump([{'directory': cd, 'file': 'm.c',
                        'arguments': [a.gcc, '-Iinc', '-O0', '-c', 'm.c', '-o', 'm.o']}], f)
        p = xcov_run(xcov, ['report', 'm.trace'], cd)
        check('compile_commands.json next to the source is used', p.returncode == 0 and
              'libclang reported' not in p.stdout and
              'compile options of 1 of 2 sources from compile_commands.json' in p.stdout and
              '100.0%         3/3' in p.stdout, p.stdout + p.stderr)
        os.rename(os.path.join(cd, 'compile_commands.json'), os.path.join(d, 'cc.json'))
        p = xcov_run(xcov, ['report', '--compile-commands', os.path.join(d, 'cc.json'),
                            'm.trace'], cd)
        check('--compile-commands FILE is used', p.returncode == 0 and
              'libclang reported' not in p.stdout and 'from compile_commands.json' in p.stdout,
              p.stdout + p.stderr)
    return check.verdict()


if __name__ == '__main__':
    sys.exit(main())
