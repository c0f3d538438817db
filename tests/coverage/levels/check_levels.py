#!/usr/bin/env python3
"""`xcov report` at the decision levels (stmt+decision, stmt+mcdc, stmt+uc_mcdc) on one program
of the tests/coverage/decisions corpus, built as RISC-V firmware and run under emucov (history
trace), checked against the source's annotations (docs/coverage-semantics.md, issue 8):

 - every /*@dec */ decision is counted: decision total = 2 x decisions, and at the MC/DC
   levels mcdc total = the conditions of all decisions;
 - for every mapped decision, the decision-outcome-true/false violations are exactly the
   outcomes its /*@cov outcomes= */ lacks, and at stmt+mcdc (stmt+uc_mcdc) the
   mcdc-independence violations name exactly the conditions missing from mask= (uc=);
 - the covered counters equal the sums of the annotations over the mapped decisions;
 - every decision listed undetermined for CONFIG/PROGRAM in EXPECTED has a
   decision-undetermined violation with that reason (and no other decision has one), is
   never counted covered, and its line is '?' unless something on it is '-' or '!';
 - at stmt+decision no MC/DC obligation is reported;
 - with --flat, the same program's flat trace at stmt+mcdc is refused with status 8.

Usage: check_levels.py --xcov EXE --emucov EXE --elf ELF --src FILE.c --name PROGRAM
                       --config CONFIG --expected FILE [--flat] [-- XCOV-ARGS]"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

LEVELS = ('stmt+decision', 'stmt+mcdc', 'stmt+uc_mcdc')


def annotations(src):
    """[(line, col or None, nconds, want)] pairing the k-th @dec of a line with its k-th @cov."""
    out = []
    for i, text in enumerate(open(src, encoding='utf-8').read().split('\n'), 1):
        decs = re.findall(r'/\*@dec [^:]*: (.*?) \*/', text)
        covs = re.findall(r'/\*@cov (.*?) \*/', text)
        if not decs:
            continue
        line = i + 1 if re.sub(r'/\*@.*?\*/', '', text).strip() == '' else i
        for k, tree in enumerate(decs):
            want = dict(kv.split('=', 1) for kv in covs[k].split()) if k < len(covs) else None
            col = want.pop('col', None) if want else None
            out.append((line, col, tree.count('{'), want))
    return out


def nums(s):
    return set(int(x) for x in s.split(',') if x)


def decision_violations(fj):
    """{'L:C': {'out': set('T'/'F'), 'nopair': set(cond numbers), 'undet': reason|None,
    'mcdc_undet': bool}} and the marks of the lines holding them."""
    decs = {}
    for ln in fj['lines']:
        for v in ln.get('violations', []):
            k, msg = v['kind'], v['message']
            m = re.search(r'decision at (\d+:\d+)', msg)
            if not k.startswith(('decision-', 'mcdc-')):
                continue
            if not m:
                raise SystemExit('violation without its decision: %s' % msg)
            d = decs.setdefault(m.group(1), {'out': set(), 'nopair': set(), 'undet': None,
                                             'mcdc_undet': False, 'line': ln['number'],
                                             'mark': ln['mark']})
            if k == 'decision-outcome-true':
                d['out'].add('T')
            elif k == 'decision-outcome-false':
                d['out'].add('F')
            elif k == 'mcdc-independence':
                d['nopair'].add(int(re.match(r'condition (\d+) ', msg).group(1)))
            elif k == 'decision-undetermined':
                d['undet'] = re.search(r'undetermined: (.*)$', msg).group(1)
            elif k == 'mcdc-undetermined':
                d['mcdc_undet'] = True
    return decs


def main():
    ap = argparse.ArgumentParser()
    for o in ('--xcov', '--emucov', '--elf', '--src', '--name', '--config', '--expected'):
        ap.add_argument(o, required=True)
    ap.add_argument('--flat', action='store_true')
    ap.add_argument('rest', nargs='*')
    a = ap.parse_args()
    errors = []
    want_undet = {}
    for row in open(a.expected, encoding='utf-8'):
        row = row.split('#', 1)[0].strip()
        m = re.match(r'(\S+) (\S+) (\d+:\d+) undetermined: (.*)$', row)
        if m and m.group(1) == a.config and m.group(2) == a.name:
            want_undet[m.group(3)] = m.group(4).strip()
    ann = annotations(a.src)
    if not ann:
        print('no @dec annotation in %s' % a.src)
        return 1
    src_real = os.path.realpath(a.src)
    with tempfile.TemporaryDirectory() as tmp:
        trace = os.path.join(tmp, 'fw.trace')
        r = subprocess.run([a.emucov, 'run', a.elf, '--trace', trace, '--max-insns', '50000000'],
                           capture_output=True, text=True, timeout=120)
        if r.returncode != 0:
            print('emucov exit status %d (0 expected): %s' % (r.returncode, r.stderr))
            return 1
        for level in LEVELS:
            out = os.path.join(tmp, level)
            r = subprocess.run([a.xcov, 'report', '--level', level, '--format', 'json', '-o', out,
                                trace] + a.rest, capture_output=True, text=True, timeout=120)
            if r.returncode != 0:
                errors.append('%s: xcov exit status %d: %s' % (level, r.returncode, r.stderr))
                continue
            rep = json.load(open(os.path.join(out, 'coverage.json'), encoding='utf-8'))
            if rep['level'] != level:
                errors.append('%s: report level %s' % (level, rep['level']))
            fj = [f for f in rep['files'] if os.path.realpath(f['path']) == src_real]
            if len(fj) != 1:
                errors.append('%s: %s is %d times in the report' % (level, a.src, len(fj)))
                continue
            fj = fj[0]
            c = fj['counts']
            mcdc = level != 'stmt+decision'
            key = {'stmt+mcdc': 'mask', 'stmt+uc_mcdc': 'uc'}.get(level)
            decs = decision_violations(fj)
            if c['decision']['total'] != 2 * len(ann):
                errors.append('%s: decision total %d, %d decisions annotated'
                              % (level, c['decision']['total'], len(ann)))
            want_mt = sum(n for _, _, n, _ in ann) if mcdc else 0
            if c['mcdc']['total'] != want_mt:
                errors.append('%s: mcdc total %d, expected %d' % (level, c['mcdc']['total'],
                                                                  want_mt))
            dcov = mcov = 0
            seen = set()
            for line, col, ncond, want in ann:
                ks = [k for k in decs if int(k.split(':')[0]) == line and
                      (col is None or k.split(':')[1] == col)]
                if len(ks) > 1:
                    errors.append('%s: line %d: violations of %d decisions' % (level, line,
                                                                               len(ks)))
                    continue
                d = decs[ks[0]] if ks else None
                ident = ks[0] if ks else '%d:%s' % (line, col or '?')
                seen.update(ks)
                u = [k for k in want_undet if int(k.split(':')[0]) == line and
                     (col is None or k.split(':')[1] == col)]
                if u:
                    if not d or d['undet'] is None:
                        errors.append('%s: %s: expected undetermined (%s), not reported so'
                                      % (level, u[0], want_undet[u[0]]))
                        continue
                    if ident != u[0] or d['undet'] != want_undet[u[0]]:
                        errors.append('%s: %s undetermined (%s), expected %s (%s)'
                                      % (level, ident, d['undet'], u[0], want_undet[u[0]]))
                    if d['out'] or d['nopair']:
                        errors.append('%s: %s undetermined but with outcome/pair verdicts'
                                      % (level, ident))
                    if mcdc != d['mcdc_undet']:
                        errors.append('%s: %s: mcdc-undetermined %s' % (level, ident,
                                                                        d['mcdc_undet']))
                    if d['mark'] not in '?-!':
                        errors.append('%s: %s undetermined, line mark %s' % (level, ident,
                                                                             d['mark']))
                    continue
                if d and d['undet'] is not None:
                    errors.append('%s: %s undetermined (%s), expected mapped'
                                  % (level, ident, d['undet']))
                    continue
                if want is None:
                    errors.append('%s: line %d: @dec without @cov' % (level, line))
                    continue
                exp_out = set('TF') - set(want['outcomes'])
                got_out = d['out'] if d else set()
                if got_out != exp_out:
                    errors.append('%s: %s: outcomes never exercised %s, expected %s'
                                  % (level, ident, sorted(got_out), sorted(exp_out)))
                dcov += 2 - len(exp_out)
                got_np = d['nopair'] if d else set()
                if mcdc:
                    exp_np = set(range(1, ncond + 1)) - nums(want[key])
                    mcov += ncond - len(exp_np)
                    if got_np != exp_np:
                        errors.append('%s: %s: conditions without a %s pair %s, expected %s'
                                      % (level, ident, key, sorted(got_np), sorted(exp_np)))
                elif got_np:
                    errors.append('%s: %s: MC/DC verdicts at stmt+decision' % (level, ident))
                if d and (exp_out or got_np) and d['mark'] not in '!-':
                    errors.append('%s: %s misses obligations but its line is %s'
                                  % (level, ident, d['mark']))
            for k in decs:
                if k not in seen:
                    errors.append('%s: violations of %s, which no annotation names' % (level, k))
            if c['decision']['covered'] != dcov:
                errors.append('%s: decision covered %d, annotations say %d'
                              % (level, c['decision']['covered'], dcov))
            if c['mcdc']['covered'] != mcov:
                errors.append('%s: mcdc covered %d, annotations say %d'
                              % (level, c['mcdc']['covered'], mcov))
            if c['undetermined'] < len(want_undet):
                errors.append('%s: %d undetermined counted, %d expected at least'
                              % (level, c['undetermined'], len(want_undet)))
            print('%s %s %s: decisions %d/%d, mcdc %d/%d, undetermined %d'
                  % (a.config, a.name, level, c['decision']['covered'], c['decision']['total'],
                     c['mcdc']['covered'], c['mcdc']['total'], c['undetermined']))
        if a.flat:
            flat = os.path.join(tmp, 'flat.trace')
            r = subprocess.run([a.emucov, 'run', a.elf, '--trace-mode', 'flat', '--trace', flat,
                                '--max-insns', '50000000'], capture_output=True, text=True,
                               timeout=120)
            if r.returncode != 0:
                errors.append('flat run: emucov exit status %d' % r.returncode)
            for level in LEVELS:
                r = subprocess.run([a.xcov, 'report', '--level', level, flat] + a.rest,
                                   capture_output=True, text=True, timeout=120)
                lines = [x for x in r.stderr.split('\n') if x]
                if r.returncode != 8 or len(lines) != 1 or 'needs a history trace' not in r.stderr:
                    errors.append('flat trace at %s: status %d (8 expected): %s'
                                  % (level, r.returncode, r.stderr))
            r = subprocess.run([a.xcov, 'report', '--level', 'stmt', '--format', 'json', '-o',
                                os.path.join(tmp, 'flatstmt'), flat] + a.rest,
                               capture_output=True, text=True, timeout=120)
            if r.returncode != 0:
                errors.append('flat trace at stmt: status %d (0 expected)' % r.returncode)
    for e in errors:
        print('%s %s: %s' % (a.config, a.name, e))
    print('%s %s: %d decisions annotated, %d expected undetermined, %d errors'
          % (a.config, a.name, len(ann), len(want_undet), len(errors)))
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
