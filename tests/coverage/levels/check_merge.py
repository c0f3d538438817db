#!/usr/bin/env python3
"""Consolidation at the MC/DC levels with real traces (issue 8, docs/consolidation.md §2a).

merge.c (RISC-V firmware) runs four times under emucov, each time with `pick` set through
gdb to one of four evaluation vectors of `(a && b) || c`, so that no run alone has an
independence pair and every pair of the four runs together is made across two runs.  At
stmt+mcdc and stmt+uc_mcdc:
 - `xcov merge` of the four traces in two orders, and of databases grouped two ways, give
   byte-identical consolidated JSON (`xcov-db dump-json`);
 - the merged report (`xcov report DB --format json`) has, for every decision of merge.c,
   exactly the decisions (vectors with counts, pairs, states) and decision/MC/DC counters of
   one `xcov report` over the four traces;
 - the decision under test has the expected vectors and pairs (computed by hand in
   merge.c's header, not by xcov), each run alone has no pair;
 - `xcov who` names the two runs of each pair and `xcov useless` lists no run.
Usage: check_merge.py --xcov EXE --xcov-db EXE --emucov EXE --gdb EXE --elf ELF --src merge.c
                      [-- XCOV-ARGS]"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'gdb'))
from gdb_test import run_gdb, start_emucov  # noqa: E402

LEVELS = ('stmt+mcdc', 'stmt+uc_mcdc')
# canonical order (values, outcome) and the run that sees each (merge.c header)
WANT_VECTORS = [('F-F', 'F', 't2'), ('F-T', 'T', 't4'), ('TFF', 'F', 't3'), ('TT-', 'T', 't1')]
WANT_PAIRS = [[0, 3], [2, 3], [0, 1]]


def traced_run(a, pick, trace):
    """emucov with its gdb server halted at reset (tests/gdb's harness); gdb runs to main,
    sets `pick` and continues to the end."""
    p, port = start_emucov(a.emucov, a.elf, ['--trace', trace], None)
    try:
        # at main: start-up code has cleared .bss by then
        out = run_gdb(a.gdb, a.elf, port, ['break main', 'continue',
                                           'set var pick = %d' % pick, 'continue'],
                      timeout=120)
        rc = p.wait(timeout=60)
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    if rc != 0:
        raise SystemExit('pick %d: emucov exit status %s, gdb said: %s' % (pick, rc, out))


def run(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        raise SystemExit('%s: exit status %d: %s' % (' '.join(cmd), r.returncode, r.stderr))
    return r.stdout


def file_of(rep, src):
    fs = [f for f in rep['files'] if os.path.realpath(f['path']) == os.path.realpath(src)]
    if len(fs) != 1:
        raise SystemExit('%s is %d times in the report' % (src, len(fs)))
    return fs[0]


def main():
    ap = argparse.ArgumentParser()
    for o in ('--xcov', '--xcov-db', '--emucov', '--gdb', '--elf', '--src'):
        ap.add_argument(o, required=True)
    ap.add_argument('rest', nargs='*')
    a = ap.parse_args()
    errors = []
    dec_line = next(i for i, t in enumerate(open(a.src, encoding='utf-8'), 1)
                    if '(a && b) || c' in t and 'if' in t)
    with tempfile.TemporaryDirectory() as tmp:
        tr = {}
        for k in (1, 2, 3, 4):
            tr[k] = os.path.join(tmp, 't%d.trace' % k)
            traced_run(a, k, tr[k])
        for level in LEVELS:
            d = os.path.join(tmp, level.replace('+', '_'))
            os.makedirs(d)
            lv = ['--level', level]

            def merge(out, inputs):
                path = os.path.join(d, out)
                run([a.xcov, 'merge', '-o', path] + lv + inputs + a.rest)
                return path

            def dump(db):
                return run([a.xcov_db, 'dump-json', db])
            m1 = merge('fwd.db', [tr[1], tr[2], tr[3], tr[4]])
            m2 = merge('back.db', [tr[4], tr[2], tr[3], tr[1]])
            p12 = merge('p12.db', [tr[1], tr[2]])
            p34 = merge('p34.db', [tr[3], tr[4]])
            m3 = merge('grouped.db', [p34, p12])
            singles = [merge('s%d.db' % k, [tr[k]]) for k in (4, 3, 2, 1)]
            m4 = merge('chain.db', [singles[0], merge('c.db', [singles[1],
                                    merge('b.db', [singles[2], singles[3]])])])
            ref = dump(m1)
            for name, db in (('reversed order', m2), ('(3+4)+(1+2)', m3),
                             ('4+(3+(2+1))', m4)):
                if dump(db) != ref:
                    errors.append('%s: %s gives another JSON than 1+2+3+4' % (level, name))
            # the merged report against one report over the four traces
            run([a.xcov, 'report', m3, '--format', 'json', '-o', os.path.join(d, 'merged'),
                 '-q'])
            run([a.xcov, 'report'] + lv + ['--format', 'json', '-o', os.path.join(d, 'single'),
                                           '-q', tr[1], tr[2], tr[3], tr[4]] + a.rest)
            mj = file_of(json.load(open(os.path.join(d, 'merged', 'coverage.json'))), a.src)
            sj = file_of(json.load(open(os.path.join(d, 'single', 'coverage.json'))), a.src)
            for ml, sl in zip(mj['lines'], sj['lines']):
                if ml.get('decisions', []) != sl.get('decisions', []):
                    errors.append('%s: line %d: merged decisions %s, single report %s'
                                  % (level, ml['number'], ml.get('decisions'),
                                     sl.get('decisions')))
            for k in ('decision', 'mcdc'):
                if mj['counts'][k] != sj['counts'][k]:
                    errors.append('%s: %s counts merged %s, single %s'
                                  % (level, k, mj['counts'][k], sj['counts'][k]))
            if mj.get('decision_summary') != sj.get('decision_summary'):
                errors.append('%s: decision_summary merged %s, single %s'
                              % (level, mj.get('decision_summary'), sj.get('decision_summary')))
            # the decision under test: expectations from merge.c's header
            decs = mj['lines'][dec_line - 1].get('decisions', [])
            field = 'masking_pair' if level == 'stmt+mcdc' else 'unique_cause_pair'
            if len(decs) != 1:
                errors.append('%s: %d decisions on line %d' % (level, len(decs), dec_line))
            else:
                got = [(v['values'], v['outcome'], v['count']) for v in decs[0]['vectors']]
                if got != [(v, o, 1) for v, o, _ in WANT_VECTORS]:
                    errors.append('%s: vectors %s' % (level, got))
                pairs = [c[field] for c in decs[0]['conditions']]
                if pairs != WANT_PAIRS or decs[0]['state'] != 'covered':
                    errors.append('%s: pairs %s state %s' % (level, pairs, decs[0]['state']))
            for k in (1, 2, 3, 4):
                out = os.path.join(d, 'alone%d' % k)
                run([a.xcov, 'report'] + lv + ['--format', 'json', '-o', out, '-q', tr[k]]
                    + a.rest)
                one = file_of(json.load(open(os.path.join(out, 'coverage.json'))), a.src)
                dd = one['lines'][dec_line - 1]['decisions'][0]
                if len(dd['vectors']) != 1 or any(c[field] for c in dd['conditions']) or \
                        dd['state'] != 'partially-covered':
                    errors.append('%s: run %d alone: %s' % (level, k, dd))
            who = run([a.xcov, 'who', m3, '%s:%d' % (os.path.basename(a.src), dec_line)])
            for c, (i, j) in enumerate(WANT_PAIRS):
                want = 'condition %d "%s": pair vectors %d (%s) and %d (%s)' % (
                    c + 1, 'abc'[c], i + 1, WANT_VECTORS[i][2], j + 1, WANT_VECTORS[j][2])
                if want not in who:
                    errors.append('%s: who lacks %r:\n%s' % (level, want, who))
            useless = run([a.xcov, 'useless', m3])
            if not re.search(r'add nothing[^\n]*:\n  \(none\)\n', useless):
                errors.append('%s: useless lists runs:\n%s' % (level, useless))
            print('%s: merged == single report, pairs across runs found' % level)
    for e in errors:
        print('FAIL: ' + e)
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
