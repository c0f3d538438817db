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
   on exempted lines and obligations;
 - the decision model (decision levels): each decision's outcome and condition
   exemptions (JSON `exemptions`, condition `exemption`) are the ones the exemption list
   gives by §6's rule (a region holding the decision's line, else a finer exemption on it;
   conditions at the MC/DC levels only), and agree with the violations: an outcome or
   MC/DC violation is flagged exempted exactly when the model names an exemption for it;
   the .xcov decision blocks say `exempted (...)` once per exemption of the decision;
 - SARIF: a result carries a suppression exactly when its violation is exempted, with
   the justification of the exemption covering it;
 - consolidation (decision levels): the run recorded in a database (`--db`) and reported
   from it gives the same exemption list (where, kind, justification, obligations,
   violated), the same decision-model exemptions, the same exempted violations, the same
   line marks and the same counters (exempted obligations apart from the totals); with
   --xcov-db, `xcov-db dump-json` of that database lists the same exemptions.

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
DB_LEVELS = ('stmt+decision', 'stmt+mcdc')   # recorded in a database and reported back
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


def model_exemptions(rep, fi, d):
    """(true, false, [cond...]) exemption indices for decision d by the §6 rule."""
    exs = rep['exemptions']
    reg = [i for i, x in enumerate(exs) if x['file'] == fi and x['kind'] == 'region'
           and x['first_line'] <= d['line'] <= x['last_line']]
    if reg:
        return reg[0], reg[0], [reg[0]] * len(d['conditions'])
    t = f = None
    conds = [None] * len(d['conditions'])
    for i, x in enumerate(exs):
        if x['file'] != fi or x['first_line'] != d['line']:
            continue
        if x['kind'] == 'decision-true':
            t = i
        elif x['kind'] == 'decision-false':
            f = i
        elif (x['kind'] == 'condition' and rep['level'] in ('stmt+mcdc', 'stmt+uc_mcdc')
              and 1 <= x['condition'] <= len(conds)):
            conds[x['condition'] - 1] = i
    return t, f, conds


def check_model(ck, tag, rep, fi, xtext):
    """The decision model's exemptions against the list and the violations."""
    fj = rep['files'][fi]
    nblocks = 0
    for ln in fj['lines']:
        for d in ln.get('decisions', []):
            t, f, conds = model_exemptions(rep, fi, d)
            got = (d['exemptions']['true'], d['exemptions']['false'],
                   [c['exemption'] for c in d['conditions']])
            ck('%s: decision %d:%d exemptions by the rule' % (tag, d['line'], d['col']),
               got == (t, f, conds), 'got %s, expected %s' % (got, (t, f, conds)))
            nblocks += len({e for e in [t, f] + conds if e is not None})
            for v in ln['violations']:
                want = None
                if v['line'] == d['line'] and v['col'] == d['col']:
                    if v['kind'] == 'decision-outcome-true':
                        want = t is not None
                    elif v['kind'] == 'decision-outcome-false':
                        want = f is not None
                if v['kind'] == 'mcdc-independence':
                    for c, cd in enumerate(d['conditions']):
                        if (cd['line'], cd['col']) == (v['line'], v['col']):
                            want = conds[c] is not None
                if want is not None:
                    ck('%s: %s at %d:%d exempted as the model says' % (tag, v['kind'], v['line'],
                                                                    v['col']),
                       v['exempted'] == want)
    ck('%s: one .xcov "exempted (...)" per exemption of a decision (%d)' % (tag, nblocks),
       len(re.findall(r'^ {10}exempted \(', xtext, re.M)) == nblocks)


def check_sarif(ck, tag, rep, sarif):
    """One result per violation, in file / line / report order (sarif.c), suppressed
    exactly when the violation is exempted, with an exemption's justification."""
    viol = [(v['line'] or ln['number'], v['col'], v['kind'], v['exempted'])
            for fj in rep['files'] for ln in fj['lines'] for v in ln['violations']]
    just = {x['justification'] for x in rep['exemptions']}
    res = sarif['runs'][0]['results']
    bad = []
    for r, v in zip(res, viol):
        reg = r['locations'][0]['physicalLocation']['region']
        sup = r.get('suppressions')
        if ((reg['startLine'], reg.get('startColumn', 0), r['ruleId']) != v[:3] or
                (sup is not None) != v[3] or (sup and sup[0]['justification'] not in just)):
            bad.append((v, sup))
    ck('%s: SARIF: one result per violation, suppressed iff exempted' % tag,
       not bad and len(res) == len(viol), '%d results, %d violations; %s'
       % (len(res), len(viol), bad[:3]))


def check_db(ck, tag, rep, dbrep, dump, name):
    """The report rebuilt from a database of the run, and the database's JSON
    dump (`xcov-db dump-json`), keep the exemptions."""
    def files(r):
        return [os.path.basename(f['path']) for f in r['files']]
    def exl(r):
        fn = files(r)
        return sorted((fn[x['file']], x['kind'], x['first_line'], x['last_line'],
                       x['condition'], x['justification'], x['obligations'], x['violated'])
                      for x in r['exemptions'])
    ck('%s: database: same exemption list' % tag, exl(rep) == exl(dbrep),
       'direct %s, database %s' % (exl(rep), exl(dbrep)))
    if dump is not None:
        dl = sorted((os.path.basename(x['path']), x['kind'], x['first_line'], x['last_line'],
                     x.get('condition', 0), x['justification'], x['obligations'],
                     x['violated']) for x in dump['exemptions'])
        ck('%s: xcov-db dump-json: same exemption list' % tag, dl == exl(rep),
           'direct %s, dump %s' % (exl(rep), dl))
    def model(r):
        fn = files(r)
        out = []
        for fi, f in enumerate(r['files']):
            if fn[fi] != name:
                continue
            for ln in f['lines']:
                for d in ln.get('decisions', []):
                    ex = r['exemptions']
                    key = lambda i: None if i is None else (ex[i]['kind'], ex[i]['first_line'])
                    out.append((d['line'], d['col'], key(d['exemptions']['true']),
                                key(d['exemptions']['false']),
                                [key(c['exemption']) for c in d['conditions']]))
        return out
    ck('%s: database: same decision-model exemptions' % tag, model(rep) == model(dbrep),
       'direct %s, database %s' % (model(rep), model(dbrep)))
    def exv(r):
        fn = files(r)
        return sorted((ln['number'], v['col'], v['kind']) for fi, f in enumerate(r['files'])
                      if fn[fi] == name for ln in f['lines'] for v in ln['violations']
                      if v['exempted'] and v['kind'] != 'line-not-executed')
    ck('%s: database: same exempted violations' % tag, exv(rep) == exv(dbrep),
       'direct %s, database %s' % (exv(rep), exv(dbrep)))
    def fmarks(r):
        f = [f for f in r['files'] if os.path.basename(f['path']) == name][0]
        return {ln['number']: ln['mark'] for ln in f['lines']}, f['counts']
    dm, dc = fmarks(rep)
    bm, bc = fmarks(dbrep)
    bad = [(n, dm[n], bm.get(n, '.')) for n in dm if dm[n] != bm.get(n, '.')]
    ck('%s: database: same line marks' % tag, not bad, str(bad[:5]))
    keys = ('stmt', 'decision', 'mcdc', 'line')
    ck('%s: database: same counters, exempted apart' % tag,
       all(dc[k] == bc[k] for k in keys) and dc['exempted'] == bc['exempted'],
       'direct %s, database %s' % ([dc[k] for k in keys + ('exempted',)],
                                   [bc[k] for k in keys + ('exempted',)]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--arch', required=True, choices=['riscv', 'arm'])
    for o in ('--xcov', '--emucov', '--gcc', '--source-root'):
        ap.add_argument(o, required=True)
    ap.add_argument('--common')
    ap.add_argument('--schema')
    ap.add_argument('--xcov-db', help='also check `xcov-db dump-json` of the databases')
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
                reps, sarifs, dbreps, dumps = {}, {}, {}, {}
                for level in LEVELS:
                    out = 'out-' + level
                    p = covlib.run([xcov, 'report', '--level', level, '--format',
                                    'json,xcov,sarif', '-o', out, 'prog.trace'], cwd=d)
                    reps[level] = (json.load(open(os.path.join(d, out, 'coverage.json'))),
                                   covlib.read_xcov(os.path.join(d, out, base + '.xcov')),
                                   p.stderr, open(os.path.join(d, out, base + '.xcov')).read())
                    sarifs[level] = json.load(open(os.path.join(d, out, 'coverage.sarif')))
                    if level in DB_LEVELS:
                        db = 'run-%s.db' % level
                        covlib.run([xcov, 'report', '--level', level, '--db', db, '--db-only',
                                    '-q', 'prog.trace'], cwd=d)
                        covlib.run([xcov, 'report', '--format', 'json', '-o', 'db-' + level,
                                    '-q', db], cwd=d)
                        dbreps[level] = json.load(open(os.path.join(d, 'db-' + level,
                                                                    'coverage.json')))
                        if a.xcov_db:
                            dumps[level] = json.loads(covlib.run([os.path.abspath(a.xcov_db), 'dump-json', db],
                                                                 cwd=d).stdout)
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
                    check_sarif(ck, tag, rep, sarifs[level])
                    if fi and level.startswith('stmt+'):
                        check_model(ck, tag, rep, fi[0], xtext)
                    if fi and level in dbreps:
                        check_db(ck, tag, rep, dbreps[level], dumps.get(level), base)
    return ck.verdict()


if __name__ == '__main__':
    sys.exit(main())
