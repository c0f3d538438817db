#!/usr/bin/env python3
"""Check xcov-sco-dump against the @dec / @switch annotations of a corpus file.

Annotation notation (in C comments):
  @dec KIND[ macro][ const]: TREE   KIND = if while do-while for ternary expr;
                                    TREE = canonical prefix form (and(x,y) or(x,y) not(x),
                                    conditions as {text}, prefixed const: / macro:)
  @switch cases=N
A comment alone on its line refers to the next line, otherwise to its own line; the line of
a decision is the line where its expression starts (the switch: its keyword).
Besides the exact match, the positions in the dump are checked against the source bytes:
operators (outside macros) sit on &&, || or !, ctrl on ( or ?, keywords on their keyword.
Usage: check_sco.py XCOV-SCO-DUMP FILE.c
"""
import re
import subprocess
import sys


def annotations(lines):
    want = []
    for i, text in enumerate(lines, 1):
        for m in re.finditer(r'/\*@(dec|switch) (.*?) \*/', text):
            alone = re.sub(r'/\*@.*?\*/', '', text).strip() == ''
            line = i + 1 if alone else i
            if m.group(1) == 'dec':
                want.append((line, m.group(2)))
            else:
                want.append((line, 'switch ' + m.group(2)))
    return sorted(want)


def at(lines, pos, n):
    ln, col = map(int, pos.split(':'))
    return lines[ln - 1].encode()[col - 1:col - 1 + n].decode()


def main():
    dump_exe, src = sys.argv[1], sys.argv[2]
    lines = open(src, encoding='utf-8').read().split('\n')
    p = subprocess.run([dump_exe, src], capture_output=True, text=True)
    if p.returncode != 0:
        print('xcov-sco-dump failed:', p.stderr.strip())
        return 1
    got, errors = [], []
    kind = None
    for row in p.stdout.split('\n'):
        m = re.match(r'decision \d+ (\S+)((?: macro)?(?: const)?) line (\d+)$', row)
        if m:
            kind, flags, line = m.group(1) + m.group(2), m.group(2), int(m.group(3))
            continue
        m = re.match(r'  span \S+ keyword (\S+) ctrl (\S+)$', row)
        if m and kind:
            kw, ctrl = m.groups()
            base = kind.split()[0]
            if base in ('if', 'while', 'for', 'do-while'):
                word = 'while' if base == 'do-while' else base
                if at(lines, kw, len(word)) != word:
                    errors.append('%s line %d: keyword %s is not %r' % (base, line, kw, word))
                if 'macro' not in flags and (ctrl == '-' or at(lines, ctrl, 1) != '('):
                    errors.append('%s line %d: ctrl %s is not (' % (base, line, ctrl))
            if base == 'ternary' and (ctrl == '-' or at(lines, ctrl, 1) != '?'):
                errors.append('ternary line %d: ctrl %s is not ?' % (line, ctrl))
            continue
        m = re.match(r'  tree (.*)$', row)
        if m and kind:
            got.append((line, kind + ': ' + m.group(1)))
            continue
        m = re.match(r'  op (\S+) (\S+)( macro)?$', row)
        if m and not m.group(3):
            if at(lines, m.group(2), len(m.group(1))) != m.group(1):
                errors.append('line %d: operator %s not at %s' % (line, m.group(1), m.group(2)))
            continue
        m = re.match(r'switch \d+( macro)? line (\d+)$', row)
        if m:
            kind, line = None, int(m.group(2))
            continue
        m = re.match(r'  span \S+ keyword (\S+) ctrl (\S+) cases (\d+)$', row)
        if m:
            got.append((line, 'switch cases=' + m.group(3)))
            if at(lines, m.group(1), 6) != 'switch' or at(lines, m.group(2), 1) != '(':
                errors.append('switch line %d: keyword/ctrl positions wrong' % line)
    got.sort()
    want = annotations(lines)
    for w in want:
        if w not in got:
            errors.append('expected, not found: line %d: %s' % w)
    for g in got:
        if g not in want:
            errors.append('found, not annotated: line %d: %s' % g)
    for e in errors:
        print('%s: %s' % (src, e))
    print('%s: %d SCOs checked, %d errors' % (src, len(want), len(errors)))
    return 1 if errors or not want else 0


if __name__ == '__main__':
    sys.exit(main())
