#!/usr/bin/env python3
"""xcov report --include/--exclude: sources left out of a report.

A program of two kinds of sources (a test program and the firmware runtime)
is run once under emucov; the unfiltered JSON report is the reference, and
the filtered reports must equal it restricted to the files kept:

 - the files are the reference's minus the ones matched (--exclude GLOB) or
   not matched (--include GLOB); each kept file's lines (number, mark, count,
   violations) are the reference's, at --level=branch and --level=stmt;
 - the instructions are the reference's minus those of the files left out
   (by address), and the totals (instructions, branch directions, lines,
   statements) are the reference's minus what the files left out held;
 - the functions are the reference's minus those whose code all went;
 - a note names every file left out;
 - a filter that keeps no file, or one given with a database input, is a
   one-line error with status 1.

Usage: filter.py --arch riscv|arm --xcov EXE --emucov EXE --gcc GCC
                 [--common DIR] PROG.c
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import covlib  # noqa: E402
from checks import check, finish  # noqa: E402

def report(xcov, d, out, level, extra):
    covlib.run([xcov, 'report', '--level', level, '--format', 'json', '-q', '-o', out,
                'prog.trace'] + extra, cwd=d)
    return json.load(open(os.path.join(d, out, 'coverage.json')))


def line_view(f):
    return [(ln['number'], ln['mark'], ln['count'],
             sorted((v['kind'], v.get('col', 0)) for v in ln['violations']))
            for ln in f['lines']]


def restrict(ref, keep):
    """What a report of `ref` restricted to the file names in `keep` must hold."""
    idx = {i for i, f in enumerate(ref['files']) if os.path.basename(f['path']) in keep}
    insns = [i for i in ref['insns'] if i['file'] is None or i['file'] < 0 or i['file'] in idx]
    addrs = [i['addr'] for i in insns]
    funcs = []
    for fn in ref['functions']:
        if any(fn['lo'] <= a < fn['hi'] for a in addrs):
            funcs.append(fn['name'])
    files = [os.path.basename(f['path']) for i, f in enumerate(ref['files']) if i in idx]
    gone = [os.path.basename(f['path']) for i, f in enumerate(ref['files']) if i not in idx]
    tot = {}
    for k in ('stmt', 'line', 'branch'):
        tot[k] = tuple(sum(ref['files'][i]['counts'][k][q] for i in idx)
                       for q in ('total', 'covered'))
    ex = [i for i in insns]
    tot['insn'] = (len(ex), sum(1 for i in ex if i['executed']))
    return files, addrs, funcs, tot, gone


def compare(tag, ref, got, keep, level):
    files, addrs, funcs, tot, gone = restrict(ref, keep)
    gfiles = [os.path.basename(f['path']) for f in got['files']]
    check(gfiles == files, '%s: files are the reference\'s kept ones' % tag,
          'got %s, want %s' % (gfiles, files))
    rby = {os.path.basename(f['path']): f for f in ref['files']}
    bad = [os.path.basename(f['path']) for f in got['files']
           if os.path.basename(f['path']) in rby and
           line_view(f) != line_view(rby[os.path.basename(f['path'])])]
    check(not bad, '%s: kept files have the reference\'s lines and marks' % tag, bad)
    gaddrs = [i['addr'] for i in got['insns']]
    check(gaddrs == addrs, '%s: instructions are the reference\'s minus the files left out '
          '(%d of %d)' % (tag, len(addrs), len(ref['insns'])),
          'got %d, want %d' % (len(gaddrs), len(addrs)))
    gfuncs = [fn['name'] for fn in got['functions']]
    check(gfuncs == funcs, '%s: functions are those with code left (%d of %d)'
          % (tag, len(funcs), len(ref['functions'])),
          'got %s, want %s' % (gfuncs, funcs))
    t = got['totals']
    gt = {k: (t[k]['total'], t[k]['covered']) for k in ('stmt', 'line', 'branch', 'insn')}
    if level == 'branch':
        tot['stmt'] = gt['stmt']   # no statements at the object levels
    check(gt == tot, '%s: totals are the kept files\' (%s)' % (tag, tot),
          'got %s, want %s' % (gt, tot))
    note = [n for n in got.get('notes', []) if 'left out by --include/--exclude' in n]
    check(len(note) == 1 and all(g in note[0] for g in gone) and len(gone) > 0,
          '%s: a note names the %d files left out' % (tag, len(gone)), note)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--arch', required=True, choices=['riscv', 'arm'])
    ap.add_argument('--xcov', required=True)
    ap.add_argument('--emucov', required=True)
    ap.add_argument('--gcc', required=True)
    ap.add_argument('--common')
    ap.add_argument('prog')
    a = ap.parse_args()
    xcov = os.path.abspath(a.xcov)
    prog = os.path.basename(a.prog)
    with tempfile.TemporaryDirectory() as d:
        covlib.build(a.arch, a.gcc, a.common and os.path.abspath(a.common),
                     [os.path.abspath(a.prog)], os.path.join(d, 'prog.elf'), '-O0')
        covlib.run_emucov(os.path.abspath(a.emucov), 'prog.elf', 'prog.trace', d)
        for level in ('branch', 'stmt'):
            ref = report(xcov, d, 'ref-' + level, level, [])
            names = [os.path.basename(f['path']) for f in ref['files']]
            check(prog in names and len(names) >= 2,
                  '%s: the reference has the program and runtime files: %s' % (level, names))
            runtime = [n for n in names if n != prog]
            # --exclude of the first runtime file by a tail glob
            got = report(xcov, d, 'ex-' + level, level, ['--exclude', '*/' + runtime[0]])
            compare('%s --exclude */%s' % (level, runtime[0]), ref, got,
                    [n for n in names if n != runtime[0]], level)
            # --include of the program only by its base name (a tail)
            got = report(xcov, d, 'in-' + level, level, ['--include', prog])
            compare('%s --include %s' % (level, prog), ref, got, [prog], level)
            # --include everything, --exclude the program: the runtime only
            got = report(xcov, d, 'both-' + level, level,
                         ['--include', '*', '--exclude', '*' + prog])
            compare('%s --include * --exclude *%s' % (level, prog), ref, got, runtime, level)
        p = subprocess.run([xcov, 'report', '-q', '-o', 'none', '--include', 'no-such-file.c',
                            'prog.trace'], cwd=d, capture_output=True, text=True)
        check(p.returncode == 1 and p.stderr.count('\n') == 1 and
              'leave no source file' in p.stderr,
              'a filter keeping no file: one line, status 1',
              (p.returncode, p.stderr))
        covlib.run([xcov, 'report', '-q', '--db', 'run.db', '--db-only', 'prog.trace'], cwd=d)
        p = subprocess.run([xcov, 'report', '-q', '-o', 'none', '--exclude', '*', 'run.db'],
                           cwd=d, capture_output=True, text=True)
        check(p.returncode == 1 and p.stderr.count('\n') == 1 and 'database' in p.stderr,
              'a filter with a database input: one line, status 1', (p.returncode, p.stderr))
    return finish()


if __name__ == '__main__':
    sys.exit(main())
