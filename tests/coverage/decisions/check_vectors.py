#!/usr/bin/env python3
"""Run a host build of a corpus program (instrumented by instrument.py, built with
-DXCOV_HOST_LOG) and check every logged evaluation vector against the decision's tree from
xcov-sco-dump: evaluated conditions are exactly those short-circuit evaluation reaches, and
the outcome is the tree's value.  Every decision must be evaluated at least once and the
program must exit 0.
Usage: check_vectors.py XCOV-SCO-DUMP FILE.c HOST-EXE"""
import re
import subprocess
import sys


def parse_tree(s):
    pos = 0

    def node():
        nonlocal pos
        for op in ('and(', 'or(', 'not('):
            if s.startswith(op, pos):
                pos += len(op)
                kids = [node()]
                while s[pos] == ',':
                    pos += 1
                    kids.append(node())
                assert s[pos] == ')', s
                pos += 1
                return (op[:-1], kids)
        while s.startswith('const:', pos) or s.startswith('macro:', pos):
            pos += 6
        assert s[pos] == '{', s
        end = s.index('}', pos)
        pos = end + 1
        return ('cond', [])
    t = node()
    assert pos == len(s), s
    return t


def leaves(t):
    return 1 if t[0] == 'cond' else sum(leaves(k) for k in t[1])


def check(t, vals):
    """Evaluate T with short-circuit semantics against the logged VALS; returns
    (outcome, error or None)."""
    idx = 0

    def skip(n):
        nonlocal idx
        for _ in range(leaves(n)):
            if vals[idx] != '-':
                raise ValueError('condition %d evaluated but short-circuited' % (idx + 1))
            idx += 1

    def ev(n):
        nonlocal idx
        if n[0] == 'cond':
            v = vals[idx]
            if v == '-':
                raise ValueError('condition %d reached but not logged' % (idx + 1))
            idx += 1
            return v == 'T'
        if n[0] == 'not':
            return not ev(n[1][0])
        left = ev(n[1][0])
        if (n[0] == 'and' and not left) or (n[0] == 'or' and left):
            skip(n[1][1])
            return left
        return ev(n[1][1])
    try:
        out = ev(t)
    except ValueError as e:
        return None, str(e)
    return out, None


def main():
    dump, src, exe = sys.argv[1:4]
    p = subprocess.run([dump, src], capture_output=True, text=True, check=True)
    trees = {}
    ident = None
    for row in p.stdout.split('\n'):
        m = re.match(r'  span (\d+:\d+)-', row)
        if m:
            ident = m.group(1)
        m = re.match(r'  tree (.*)$', row)
        if m:
            trees[ident] = parse_tree(m.group(1))
    r = subprocess.run([exe], capture_output=True, text=True, timeout=60)
    errors = []
    if r.returncode != 0:
        errors.append('program exited %d' % r.returncode)
    seen = {}
    for row in r.stdout.split('\n'):
        if not row:
            continue
        m = re.match(r'(\d+:\d+) ([TF-]+) -> ([TF])$', row)
        if not m or m.group(1) not in trees:
            errors.append('bad log line: %r' % row)
            continue
        t = trees[m.group(1)]
        if len(m.group(2)) != leaves(t):
            errors.append('%s: %d values for %d conditions' % (row, len(m.group(2)), leaves(t)))
            continue
        out, err = check(t, m.group(2))
        if err:
            errors.append('%s: %s' % (row, err))
        elif out != (m.group(3) == 'T'):
            errors.append('%s: outcome should be %s' % (row, 'T' if out else 'F'))
        seen[m.group(1)] = seen.get(m.group(1), 0) + 1
    for ident in trees:
        if ident not in seen:
            errors.append('decision %s never evaluated' % ident)
    for e in errors:
        print('%s: %s' % (src, e))
    print('%s: %d evaluations of %d decisions checked, %d errors'
          % (src, sum(seen.values()), len(trees), len(errors)))
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
