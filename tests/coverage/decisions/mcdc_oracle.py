#!/usr/bin/env python3
"""Brute-force MC/DC oracle over host evaluation vectors (docs/coverage-semantics.md §1).

Reads the decisions' trees (xcov-sco-dump) and the log of a host build (vectors.h) and
computes per decision: the distinct vectors, the outcomes seen, and for each condition
whether a unique-cause pair and a masking pair exist.  With --check it compares with the
`/*@cov ... */` annotations of the source:
    /*@cov [col=N] outcomes=TF uc=1,2 mask=1,2 */   (empty uc=/mask=: none; 1-based)
placed like @dec annotations (alone on a line: the next line) and referring to the decision
starting on that line (at column N when several do).  Every decision needs one.  Without --check it prints the results as JSON.
Usage: mcdc_oracle.py XCOV-SCO-DUMP FILE.c HOST-EXE [--check]"""
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_vectors import parse_tree  # noqa: E402


def leaf_masks(t, vals):
    """For one evaluation vector: per condition, is it masked?  A condition is masked when
    some &&/|| above it has, on the other side, a subtree whose value is the controlling
    one (False for &&, True for ||); short-circuited conditions are masked by this rule."""
    n = [0]
    masks = []

    def value(node):                       # value of an evaluated subtree, None if not
        if node[0] == 'cond':
            v = vals[n[0]]
            n[0] += 1
            return None if v == '-' else v == 'T'
        if node[0] == 'not':
            v = value(node[1][0])
            return None if v is None else not v
        a = value(node[1][0])
        b = value(node[1][1])
        if node[0] == 'and':
            if a is False or b is False:
                return False
            return None if a is None or b is None else True
        if a is True or b is True:
            return True
        return None if a is None or b is None else False

    def walk(node, masked):
        if node[0] == 'cond':
            masks.append(masked or vals[len(masks)] == '-')
            return
        if node[0] == 'not':
            walk(node[1][0], masked)
            return
        ctl = node[0] == 'or'                 # controlling value of the operator
        left, right = node[1]
        # value of each side, computed on a fresh counter positioned at that side
        start = len(masks)
        n[0] = start
        lv = value(left)
        rv = value(right)
        walk(left, masked or rv is ctl)
        walk(right, masked or lv is ctl)
    walk(t, False)
    return masks


def pairs(t, nconds, vectors):
    uc, mask = set(), set()
    vs = list(vectors.items())
    masks = {v: leaf_masks(t, v) for v, _ in vs}
    for i, (v1, o1) in enumerate(vs):
        for v2, o2 in vs[i + 1:]:
            if o1 == o2:
                continue
            for c in range(nconds):
                if '-' in (v1[c], v2[c]) or v1[c] == v2[c]:
                    continue
                others = [d for d in range(nconds) if d != c]
                if all(v1[d] == v2[d] or '-' in (v1[d], v2[d]) for d in others):
                    uc.add(c + 1)
                if all(v1[d] == v2[d] or masks[v1][d] or masks[v2][d] for d in others):
                    mask.add(c + 1)
    return sorted(uc), sorted(mask)


def analyse(dump, src, exe):
    p = subprocess.run([dump, src], capture_output=True, text=True, check=True)
    decs, ident = {}, None
    for row in p.stdout.split('\n'):
        if row.startswith('switch '):
            break
        m = re.match(r'decision \d+ (\S+).* line (\d+)$', row)
        if m:
            kind, line = m.group(1), int(m.group(2))
        m = re.match(r'  span (\d+:\d+)-', row)
        if m:
            ident = m.group(1)
        m = re.match(r'  tree (.*)$', row)
        if m:
            t = parse_tree(m.group(1))
            decs[ident] = {'kind': kind, 'line': line, 'tree': t, 'vectors': {}}
    r = subprocess.run([exe], capture_output=True, text=True, timeout=60, check=True)
    for row in r.stdout.split('\n'):
        m = re.match(r'(\d+:\d+) ([TF-]+) -> ([TF])$', row)
        if m:
            decs[m.group(1)]['vectors'][m.group(2)] = m.group(3)
    out = {}
    for ident, d in decs.items():
        n = len(next(iter(d['vectors']), '')) if d['vectors'] else 0
        uc, mask = pairs(d['tree'], n, d['vectors'])
        out[ident] = {'kind': d['kind'], 'line': d['line'], 'conditions': n,
                      'vectors': dict(sorted(d['vectors'].items())),
                      'outcomes': ''.join(sorted(set(d['vectors'].values()), reverse=True)),
                      'uc': uc, 'mask': mask}
    return out


def main():
    dump, src, exe = sys.argv[1:4]
    res = analyse(dump, src, exe)
    if '--check' not in sys.argv:
        print(json.dumps(res, indent=1, sort_keys=True))
        return 0
    lines = open(src, encoding='utf-8').read().split('\n')
    errors, checked, annotated = [], 0, set()
    for i, text in enumerate(lines, 1):
        for m in re.finditer(r'/\*@cov (.*?) \*/', text):
            line = i + 1 if re.sub(r'/\*@.*?\*/', '', text).strip() == '' else i
            want = dict(kv.split('=', 1) for kv in m.group(1).split())
            col = want.pop('col', None)
            found = [(ident, r) for ident, r in res.items() if r['line'] == line and
                     (col is None or ident.split(':')[1] == col)]
            if len(found) != 1:
                errors.append('line %d: @cov needs exactly one decision, found %d'
                              % (line, len(found)))
                continue
            ident, r = found[0]
            annotated.add(ident)
            got = {'outcomes': r['outcomes'], 'uc': ','.join(map(str, r['uc'])),
                   'mask': ','.join(map(str, r['mask']))}
            for k in want:
                if want[k] != got.get(k):
                    errors.append('line %d: %s=%s expected, oracle says %s (vectors %s)'
                                  % (line, k, want[k], got.get(k), r['vectors']))
            checked += 1
    for ident in sorted(set(res) - annotated):
        errors.append('decision %s has no @cov annotation' % ident)
    for e in errors:
        print('%s: %s' % (src, e))
    print('%s: %d @cov annotations checked, %d errors' % (src, checked, len(errors)))
    return 1 if errors or not checked else 0


if __name__ == '__main__':
    sys.exit(main())
