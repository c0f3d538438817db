#!/usr/bin/env python3
"""coverage-exempt-<arch>: exemptions (docs/coverage-semantics.md §6) on the annotated
programs of tests/coverage/exempt/, built at -O0 and -Og, run under emucov, reported by
`xcov report` at the levels stmt, stmt+decision, stmt+mcdc and branch:

 - line marks: `// @M [KEY@M...]` (tests/coverage/annotated.py notation, with '#' and
   '*' and level keys) equal the .xcov marks and the JSON marks, at the source levels;
 - exemptions: the JSON `exemptions` list is exactly the `/*@ex KIND[:N] FIRST[-LAST]
   STATE [KEY@STATE...] */` annotations, STATE '#' (obligations, none violated), '*'
   (some violated) or '0' (no obligation at that level), and each justification is the
   quoted text of its first line; every line of a region has the region's mark (also at
   the object level), and the .xcov file has one `== exempted` header per exemption;
 - warnings: the report notes "FILE:LINE: xcov annotation: ..." are exactly the
   `/*@warn [LEVEL] "TEXT" */` annotations of that line (TEXT a substring; LEVEL: from
   that coverage level up), and each is also printed on stderr;
 - counting, against the same trace reported with the annotations made inert (the
   source rewritten with `xcov:` -> `xcoy:`, same lines and columns): the obligations
   the exemptions took are exactly what the totals lost (sum over statement, decision,
   MC/DC or instruction/branch totals), the covered ones what the covered counters lost,
   `exempted` counts them, and the violations are the same ones, flagged exempted exactly
   on exempted lines and obligations.

Usage: check_exempt.py --arch riscv|arm --xcov EXE --emucov EXE --gcc GCC [--common DIR]
                       --source-root DIR FILE.c..."""
import argparse
import json
import os
import re
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
import annotated  # noqa: E402
import covlib  # noqa: E402

LEVELS = ('stmt', 'stmt+decision', 'stmt+mcdc', 'branch')
EX = re.compile(r'/\*@ex (\S+) (\d+)(?:-(\d+))? (\S)((?:\s+[A-Za-z0-9-]+@\S)*)\s*\*/')
WARN = re.compile(r'/\*@warn(?: (\w+))? "([^"]*)" \*/')
NOTE = re.compile(r'^(.*):(\d+): xcov annotation: (.*)$')
METRICS = {'stmt': ('stmt', 'decision', 'mcdc'), 'branch': ('insn', 'branch')}


def want_exemptions(src, arch, opt, level):
    out = []
    for n, text in enumerate(open(src, encoding='utf-8').read().split('\n'), 1):
        for m in EX.finditer(text):
            kind, cond = (m.group(1).split(':') + ['0'])[:2]
            first = int(m.group(2))
            last = int(m.group(3) or first)
            state = annotated.pick(m.group(4), annotated.OVERRIDE.findall(m.group(5)), arch,
                                   opt, level)
            out.append((kind, int(cond), first, last, state))
    return out


def want_warnings(src, level):
    out = []
    rank = annotated.LEVEL_RANK[level]
    for n, text in enumerate(open(src, encoding='utf-8').read().split('\n'), 1):
        for m in WARN.finditer(text):
            if m.group(1) is None or rank >= annotated.LEVEL_KEYS[m.group(1)]:
                out.append((n, m.group(2)))
    return out


def check_one(ck, tag, src, arch, opt, level, rep, plain, xcov_marks, stderr):
    name = os.path.basename(src)
    lines = open(src, encoding='utf-8').read().split('\n')
    fidx = [i for i, f in enumerate(rep['files']) if os.path.basename(f['path']) == name]
    ck('%s: %s in the report once' % (tag, name), len(fidx) == 1)
    if len(fidx) != 1:
        return
    fi = fidx[0]
    fj = rep['files'][fi]
    pj = [f for f in plain['files'] if os.path.basename(f['path']) == name][0]
    marks = {ln['number']: ln['mark'] for ln in fj['lines']}
    source_level = level.startswith('stmt')
    # marks
    if source_level:
        exp = annotated.expected(src, arch, opt, level)
        bad = ['%d: %s, expected %s' % (n, marks.get(n), exp[n]) for n in sorted(exp)
               if marks.get(n, '.') != exp[n]]
        ck('%s: line marks as annotated' % tag, not bad, '; '.join(bad))
        badx = [n for n in marks if xcov_marks.get(n) != marks[n]]
        ck('%s: .xcov marks = JSON marks' % tag, not badx, str(badx[:5]))
    # exemptions
    got = [(x['kind'], x['condition'], x['first_line'], x['last_line'],
            '0' if x['obligations'] == 0 else '*' if x['violated'] else '#')
           for x in rep['exemptions'] if x['file'] == fi]
    want = want_exemptions(src, arch, opt, level)
    if not source_level:   # object level: where and what only (states: the marks below)
        want = [w[:4] for w in want]
        got = [g[:4] for g in got]
    ck('%s: exemptions as annotated' % tag, sorted(got) == sorted(want),
       'got %s, expected %s' % (got, want))
    for x in rep['exemptions']:
        if x['file'] != fi:
            continue
        ok = '"%s"' % x['justification'] in lines[x['first_line'] - 1]
        ck('%s: justification of line %d from its comment' % (tag, x['first_line']), ok,
           x['justification'])
        if x['kind'] == 'region':
            m = '*' if x['violated'] else '#'
            bad = [n for n in range(x['first_line'], x['last_line'] + 1) if marks[n] != m]
            ck('%s: lines %d-%d all %s' % (tag, x['first_line'], x['last_line'], m), not bad,
               str(bad))
    # warnings
    gotw = []
    for note in rep['notes']:
        m = NOTE.match(note)
        if m and os.path.basename(m.group(1)) == name:
            gotw.append((int(m.group(2)), m.group(3)))
            ck('%s: warning on stderr: %s' % (tag, note), note in stderr)
    ww = want_warnings(src, level)
    unmatched = [g for g in gotw if not any(g[0] == w[0] and w[1] in g[1] for w in ww)]
    missing = [w for w in ww if not any(g[0] == w[0] and w[1] in g[1] for g in gotw)]
    ck('%s: warnings as annotated' % tag, not unmatched and not missing,
       'unexpected %s, missing %s' % (unmatched, missing))
    # counting against the inert run
    exempted = [x for x in rep['exemptions'] if x['file'] == fi]
    obl = sum(x['obligations'] for x in exempted)
    vio = sum(x['violated'] for x in exempted)
    mets = METRICS['stmt' if source_level else 'branch']
    lost_t = sum(pj['counts'][k]['total'] - fj['counts'][k]['total'] for k in mets)
    lost_c = sum(pj['counts'][k]['covered'] - fj['counts'][k]['covered'] for k in mets)
    ck('%s: totals lost = exempted obligations (%d)' % (tag, obl),
       lost_t == obl == fj['counts']['exempted'],
       'lost %d, exempted %d' % (lost_t, fj['counts']['exempted']))
    ck('%s: covered lost = exempted obligations met (%d)' % (tag, obl - vio),
       lost_c == obl - vio, 'lost %d' % lost_c)
    ck('%s: no exemption in the inert run' % tag,
       not plain['exemptions'] and pj['counts']['exempted'] == 0 and
       not any(ln['mark'] in '#*' for ln in pj['lines']))
    pv = sorted((ln['number'], v['kind'], v['message']) for ln in pj['lines']
                for v in ln['violations'])
    gv = sorted((ln['number'], v['kind'], v['message']) for ln in fj['lines']
                for v in ln['violations'])
    ck('%s: same violations as the inert run' % tag, pv == gv)
    regions = set()
    for x in exempted:
        if x['kind'] == 'region':
            regions.update(range(x['first_line'], x['last_line'] + 1))
    fine = {x['first_line'] for x in exempted if x['kind'] != 'region'}
    bad = [(ln['number'], v['kind']) for ln in fj['lines'] for v in ln['violations']
           if v['exempted'] != (ln['number'] in regions) and ln['number'] not in fine]
    ck('%s: violations exempted exactly in the regions' % tag, not bad, str(bad[:5]))
    nviol_ex = sum(1 for ln in fj['lines'] for v in ln['violations'] if v['exempted'])
    if source_level:
        ck('%s: exempted violations iff violated exempted obligations' % tag,
           (vio == 0) == (nviol_ex == 0), 'violated %d, exempted violations %d'
           % (vio, nviol_ex))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--arch', required=True, choices=['riscv', 'arm'])
    for o in ('--xcov', '--emucov', '--gcc', '--source-root'):
        ap.add_argument(o, required=True)
    ap.add_argument('--common')
    ap.add_argument('--schema')
    ap.add_argument('srcs', nargs='+')
    a = ap.parse_args()
    if a.arch == 'arm' and not covlib.arm_available(a.source_root):
        print('SKIP: emucov has no ARM board')
        return 77
    schema = None
    if a.schema:
        import jsonschema
        schema = json.load(open(a.schema, encoding='utf-8'))
    ck = covlib.Checks()
    xcov = os.path.abspath(a.xcov)
    with tempfile.TemporaryDirectory(prefix='xcov-exempt-') as tmp:
        for src0 in a.srcs:
            base = os.path.basename(src0)
            for opt in ('-O0', '-Og'):
                d = os.path.join(tmp, base + opt)
                os.makedirs(d)
                src = os.path.join(d, base)   # the ELF names this copy
                shutil.copy(src0, src)
                covlib.build(a.arch, a.gcc, a.common and os.path.abspath(a.common), [src],
                             os.path.join(d, 'prog.elf'), opt)
                covlib.run_emucov(os.path.abspath(a.emucov), 'prog.elf', 'prog.trace', d)
                reps = {}
                for level in LEVELS:
                    out = 'out-' + level
                    p = covlib.run([xcov, 'report', '--level', level, '--format', 'json,xcov',
                                    '-o', out, 'prog.trace'], cwd=d)
                    reps[level] = (json.load(open(os.path.join(d, out, 'coverage.json'))),
                                   covlib.read_xcov(os.path.join(d, out, base + '.xcov')),
                                   p.stderr, open(os.path.join(d, out, base + '.xcov')).read())
                text = open(src, encoding='utf-8').read()
                open(src, 'w', encoding='utf-8').write(text.replace('xcov:', 'xcoy:'))
                for level in LEVELS:
                    out = 'plain-' + level
                    covlib.run([xcov, 'report', '--level', level, '--format', 'json', '-o', out,
                                'prog.trace'], cwd=d)
                    plain = json.load(open(os.path.join(d, out, 'coverage.json')))
                    rep, xm, err, xtext = reps[level]
                    tag = '%s %s %s %s' % (a.arch, base, opt, level)
                    if schema is not None:
                        try:
                            jsonschema.validate(rep, schema)
                            ck('%s: JSON valid against the schema' % tag, True)
                        except jsonschema.ValidationError as e:
                            ck('%s: JSON valid against the schema' % tag, False, e.message)
                    check_one(ck, tag, src0, a.arch, opt, level, rep, plain, xm, err)
                    fi = [i for i, f in enumerate(rep['files'])
                          if os.path.basename(f['path']) == base]
                    nex = sum(1 for x in rep['exemptions'] if fi and x['file'] == fi[0])
                    ck('%s: one .xcov header per exemption' % tag,
                       xtext.count('\n    == exempted ') == nex)
    return ck.verdict()


if __name__ == '__main__':
    sys.exit(main())
