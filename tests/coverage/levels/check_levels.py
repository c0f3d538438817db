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
 - the report model of every decision (JSON "decisions" of its line) against expectations
   computed here, not by xcov: kind, macro flag, tree and condition texts from the @dec
   annotation; state from the undetermined list / the @cov outcomes and pairs; outcomes; the
   distinct vectors with their counts equal the host oracle's (--host: the same C built for
   the host, logging every evaluation, tests/coverage/decisions/vectors.h); the conditions
   with a unique-cause / masking pair are exactly the @cov uc= / mask= ones, and every pair
   shown is re-checked against the definitions (mcdc_oracle.py); the file's
   decision_summary equals the counts of those expectations;
 - summary.txt lists exactly the decisions not covered, with state and pairs;
 - the xcov annotated source lists each decision with that state and pair verdicts, and the
   SARIF log (check_sarif.py) is valid and holds exactly the report's violations;
 - with --flat, the same program's flat trace at stmt+mcdc is refused with status 8.

Usage: check_levels.py --xcov EXE --emucov EXE --elf ELF --src FILE.c --name PROGRAM
                       --config CONFIG --expected FILE [--host EXE] [--flat] [-- XCOV-ARGS]"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import collections

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'decisions'))
sys.path.insert(0, os.path.join(HERE, '..', '..', 'report'))
from check_vectors import parse_tree  # noqa: E402
from mcdc_oracle import leaf_masks  # noqa: E402
import check_sarif  # noqa: E402

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


def ann_decisions(src):
    """{line: [(kind, flags, tree)]} from the @dec annotations, in order on each line."""
    out = collections.defaultdict(list)
    for i, text in enumerate(open(src, encoding='utf-8').read().split('\n'), 1):
        line = i + 1 if re.sub(r'/\*@.*?\*/', '', text).strip() == '' else i
        for m in re.finditer(r'/\*@dec ([^:]*): (.*?) \*/', text):
            words = m.group(1).split()
            out[line].append((words[0], set(words[1:]), m.group(2)))
    return out


def prefix_form(tree):
    """Annotation tree -> (prefix form over c1..cN as the report writes it, condition
    texts, per condition: written in a macro)."""
    texts, macro = [], []

    def leaf(m):
        texts.append(m.group(2))
        macro.append('macro:' in m.group(1))
        return 'c%d' % len(texts)
    return re.sub(r'((?:const:|macro:)*)\{([^}]*)\}', leaf, tree), texts, macro


def host_vectors(exe):
    """{'L:C': Counter((values, outcome))} from the host build's log."""
    host = collections.defaultdict(collections.Counter)
    h = subprocess.run([exe], capture_output=True, text=True, timeout=60, check=True)
    for row in h.stdout.split('\n'):
        m = re.match(r'(\d+:\d+) ([TF-]+) -> ([TF])$', row)
        if m:
            host[m.group(1)][(m.group(2), m.group(3))] += 1
    return host


def pair_ok(tree, v1, v2, c, unique):
    """Is (v1, v2) an independence pair for condition c (0-based)?  The definitions of
    coverage-semantics §1, evaluated here on the annotation's tree."""
    (a, oa), (b, ob) = v1, v2
    if oa == ob or '-' in (a[c], b[c]) or a[c] == b[c]:
        return False
    ma, mb = leaf_masks(tree, a), leaf_masks(tree, b)
    for d in range(len(a)):
        if d == c or a[d] == b[d]:
            continue
        if unique and '-' not in (a[d], b[d]):
            return False
        if not unique and not (ma[d] or mb[d]):
            return False
    return True


def check_model(level, fj, ann, undet, host, errors):
    """The decisions of the report model against the annotations and the host oracle."""
    src_lines = [ln['text'] or '' for ln in fj['lines']]
    mcdc = level != 'stmt+decision'
    key = {'stmt+mcdc': 'mask', 'stmt+uc_mcdc': 'uc'}.get(level)
    covs = {}
    for line, col, ncond, want in ann:
        covs.setdefault(line, []).append((col, want))
    want_sum = collections.Counter()
    for line, decs in sorted(ann_decisions_cache.items()):
        got = fj['lines'][line - 1].get('decisions', [])
        if len(got) != len(decs):
            errors.append('%s: line %d: %d decisions in the report, %d annotated'
                          % (level, line, len(got), len(decs)))
            continue
        for k, ((kind, flags, tree), d) in enumerate(zip(decs, got)):
            ident = '%d:%d' % (d['line'], d['col'])
            where = '%s: %s' % (level, ident)
            col, want = covs[line][k] if k < len(covs.get(line, [])) else (None, None)
            if col is not None:   # @cov col=N names the decision of that column
                w = [x for c, x in covs[line] if c == str(d['col'])]
                want = w[0] if w else None
            pre, texts, macro = prefix_form(tree)
            if d['kind'] != kind or d['from_macro'] != ('macro' in flags):
                errors.append('%s: kind %s macro %s, annotated %s %s'
                              % (where, d['kind'], d['from_macro'], kind, sorted(flags)))
            if d['tree'] != pre:
                errors.append('%s: tree %s, annotated %s' % (where, d['tree'], pre))
            gt = [' '.join(c['text'].split()) for c in d['conditions']]
            if gt != [' '.join(t.split()) for t in texts]:
                errors.append('%s: conditions %r, annotated %r' % (where, gt, texts))
            if [c['from_macro'] for c in d['conditions']] != macro:
                errors.append('%s: condition macro flags %r, annotated %r'
                              % (where, [c['from_macro'] for c in d['conditions']], macro))
            for i, c in enumerate(d['conditions']):
                # expansion origin: a macro invocation in the source, by name, at its place
                m = c['macro']
                if (m is None) == c['from_macro'] or (m and not re.match(
                        re.escape(m['name']) + r'\b', src_lines[m['line'] - 1][m['col'] - 1:])):
                    errors.append('%s: condition %d: expansion origin %r' % (where, i + 1, m))
            wp = {'stmt+mcdc': 'masking', 'stmt+uc_mcdc': 'unique-cause'}.get(level)
            if d['pair_kind'] != wp:
                errors.append('%s: pair_kind %s, expected %s' % (where, d['pair_kind'], wp))
            if ident in undet:
                want_sum['undetermined'] += 1
                want_sum['conditions_undetermined'] += len(texts)
                if d['state'] != 'undetermined' or d['reason'] != undet[ident] or d['vectors']:
                    errors.append('%s: state %s (%s) with %d vectors, expected undetermined '
                                  '(%s) without vectors' % (where, d['state'], d['reason'],
                                                            len(d['vectors']), undet[ident]))
                continue
            if want is None:
                continue   # reported by the violation checks
            vecs = [(v['values'], v['outcome']) for v in d['vectors']]
            if host is not None:
                hv = host.get(ident, collections.Counter())
                gv = collections.Counter({(v['values'], v['outcome']): v['count']
                                          for v in d['vectors']})
                if gv != hv:
                    errors.append('%s: vectors %s, host oracle %s'
                                  % (where, sorted(gv.items()), sorted(hv.items())))
            if vecs != sorted(vecs):
                errors.append('%s: vectors not in canonical order' % where)
            outs = {'T': d['outcomes']['true'], 'F': d['outcomes']['false']}
            if {o for o in 'TF' if outs[o]} != set(want['outcomes']):
                errors.append('%s: outcomes %s, annotated %s' % (where, outs, want['outcomes']))
            t = parse_tree(tree)
            for name, field, unique in (('uc', 'unique_cause_pair', True),
                                        ('mask', 'masking_pair', False)):
                has = {i + 1 for i, c in enumerate(d['conditions']) if c[field] is not None}
                if has != nums(want[name]):
                    errors.append('%s: conditions with a %s pair %s, annotated %s'
                                  % (where, name, sorted(has), sorted(nums(want[name]))))
                for i, c in enumerate(d['conditions']):
                    p = c[field]
                    if p is not None and not (0 <= p[0] < p[1] < len(vecs) and
                                              pair_ok(t, vecs[p[0]], vecs[p[1]], i, unique)):
                        errors.append('%s: condition %d: %s pair %r is not one'
                                      % (where, i + 1, name, p))
            paired = nums(want[key]) if mcdc else set()
            for i, c in enumerate(d['conditions']):
                if c['covered'] != (i + 1 in paired):
                    errors.append('%s: condition %d covered=%s' % (where, i + 1, c['covered']))
            full = set(want['outcomes']) == {'T', 'F'} and \
                (not mcdc or paired == set(range(1, len(texts) + 1)))
            state = 'not-covered' if not vecs else 'covered' if full else 'partially-covered'
            if d['state'] != state:
                errors.append('%s: state %s, expected %s' % (where, d['state'], state))
            want_sum[{'covered': 'covered', 'partially-covered': 'partially_covered',
                      'not-covered': 'not_covered'}[state]] += 1
            want_sum['conditions_covered'] += len(paired)
    want_sum['decisions'] = len(ann)
    want_sum['conditions'] = sum(n for _, _, n, _ in ann)
    got_sum = fj.get('decision_summary', {})
    for k in ('decisions', 'covered', 'partially_covered', 'not_covered', 'undetermined',
              'conditions', 'conditions_covered', 'conditions_undetermined'):
        if got_sum.get(k) != want_sum[k]:
            errors.append('%s: decision_summary %s = %s, expected %d'
                          % (level, k, got_sum.get(k), want_sum[k]))


def pairs_text(kind, d):
    """The pair verdicts of decision d as the xcov and text reports print them."""
    f = 'masking_pair' if kind == 'masking' else 'unique_cause_pair'
    return '; '.join('c%d %s' % (i + 1, 'vectors %d,%d' % (c[f][0] + 1, c[f][1] + 1)
                                 if c[f] else 'none')
                     for i, c in enumerate(d['conditions']))


def check_xcov_file(level, path, fj, errors):
    """Each decision of the model appears under its line in the annotated source, with its
    state and, at the MC/DC levels, one pair verdict per condition."""
    text = open(path, encoding='utf-8').read()
    kind = {'stmt+mcdc': 'masking', 'stmt+uc_mcdc': 'unique-cause'}.get(level)
    for ln in fj['lines']:
        for d in ln.get('decisions', []):
            head = 'decision %s at %d:%d-%d:%d: %s' % ('', d['line'], d['col'], d['end_line'],
                                                       d['end_col'], d['state'])
            m = re.search(r'\n {8}decision \d+ \([^)]*\) at %d:%d-%d:%d: %s'
                          % (d['line'], d['col'], d['end_line'], d['end_col'], d['state']), text)
            if not m:
                errors.append('%s: xcov file lacks "%s"' % (level, head))
                continue
            if kind and d['state'] != 'undetermined' and d['vectors']:
                want = pairs_text(kind, d)
                if '  pairs (%s): %s\n' % (kind, want) not in text[m.end():]:
                    errors.append('%s: %d:%d: xcov file lacks the pairs "%s"'
                                  % (level, d['line'], d['col'], want))


def check_text_file(level, path, fj, errors):
    """summary.txt lists, under "decisions not covered:", exactly the decisions of the model
    whose state is not covered, each with its state and, at the MC/DC levels, its pairs."""
    text = open(path, encoding='utf-8').read()
    kind = {'stmt+mcdc': 'masking', 'stmt+uc_mcdc': 'unique-cause'}.get(level)
    for ln in fj['lines']:
        for d in ln.get('decisions', []):
            m = re.search(r'\n[^\n]*:%d:\n  decision \d+ \([^)]*\) at %d:%d-%d:%d: %s'
                          % (d['line'], d['line'], d['col'], d['end_line'], d['end_col'],
                             d['state']), text)
            if (m is not None) != (d['state'] != 'covered'):
                errors.append('%s: summary.txt %s the %s decision at %d:%d'
                              % (level, 'lists' if m else 'lacks', d['state'], d['line'],
                                 d['col']))
            if m and kind and d['state'] != 'undetermined' and d['vectors']:
                want = pairs_text(kind, d)
                if '  pairs (%s): %s\n' % (kind, want) not in text[m.end():]:
                    errors.append('%s: %d:%d: summary.txt lacks the pairs "%s"'
                                  % (level, d['line'], d['col'], want))


def check_sarif_file(level, path, rep, errors):
    sarif = json.load(open(path, encoding='utf-8'))
    for e in check_sarif.check(sarif):
        errors.append('%s: SARIF: %s' % (level, e))
    want = collections.Counter()
    for f in rep['files']:
        for ln in f['lines']:
            for v in ln['violations']:
                want[(v['kind'], v['line'], v['col'], v['message'])] += 1
    got = collections.Counter()
    for r in sarif['runs'][0].get('results', []):
        reg = r['locations'][0]['physicalLocation']['region']
        got[(r['ruleId'], reg['startLine'], reg.get('startColumn', 0), r['message']['text'])] += 1
        if r['level'] != ('warning' if 'undetermined' in r['ruleId'] else 'error'):
            errors.append('%s: SARIF %s at level %s' % (level, r['ruleId'], r['level']))
    if got != want:
        errors.append('%s: SARIF results differ from the violations: %s'
                      % (level, sorted((got - want).items())[:3] + sorted((want - got).items())[:3]))


ann_decisions_cache = {}


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
    ap.add_argument('--host')
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
    ann_decisions_cache.update(ann_decisions(a.src))
    host = host_vectors(a.host) if a.host else None
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
            r = subprocess.run([a.xcov, 'report', '--level', level, '--format',
                                'json,xcov,sarif,text',
                                '-o', out,
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
            check_model(level, fj, ann, want_undet, host, errors)
            xf = os.path.join(out, os.path.basename(a.src) + '.xcov')
            if os.path.exists(xf):
                check_xcov_file(level, xf, fj, errors)
            else:
                errors.append('%s: no %s' % (level, xf))
            check_sarif_file(level, os.path.join(out, 'coverage.sarif'), rep, errors)
            check_text_file(level, os.path.join(out, 'summary.txt'), fj, errors)
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
