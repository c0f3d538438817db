#!/usr/bin/env python3
"""Decision maps, trace vectors and MC/DC verdicts of one corpus program, checked three ways
(docs/coverage-semantics.md §4-§5, issue 8):

 (a) every decision is mapped or undetermined with a reason, and exactly the decisions listed
     in EXPECTED (lines `PROGRAM LINE:COL undetermined: REASON`, for this program) are
     undetermined, with that reason;
 (b) for every mapped decision, the vectors recovered from the emucov history trace equal
     the host-logged vectors (tests/coverage/decisions, built with -DXCOV_HOST_LOG) as
     multisets (each vector with its count);
 (c) for every mapped decision, the outcomes and the unique-cause / masking verdicts equal
     the source's /*@cov ... */ annotation.
With --static only the maps are checked: (a) alone.  With --qemu (ARM, until emucov has an
ARM board) the trace comes from qemu-system-arm -M mps2-an385 -singlestep -d exec,nochain,
converted by qemu2trace.

Usage: check_mcdc.py --xcov-mcdc EXE [--emucov EXE | --qemu QEMU --objcopy OBJCOPY
                     --qemu2trace EXE] [--host EXE] --elf ELF --src FILE.c --name PROGRAM
                     --config CONFIG --expected FILE [--static] [-- CLANG-ARGS]"""
import argparse
import collections
import os
import re
import subprocess
import sys
import tempfile


def parse_xcov(text):
    decs = collections.OrderedDict()
    cur = None
    for row in text.split('\n'):
        m = re.match(r'decision (\d+:\d+) (\S+) (mapped|undetermined: (.*))$', row)
        if m:
            cur = {'kind': m.group(2), 'status': 'mapped' if m.group(3) == 'mapped'
                   else 'undetermined', 'reason': m.group(4) or '', 'vectors':
                   collections.Counter(), 'verdict': None, 'anomalies': 0, 'branches': 0}
            decs[m.group(1)] = cur
            continue
        m = re.match(r'  vector ([TF-]+) -> ([TF]) (\d+)$', row)
        if m:
            cur['vectors'][(m.group(1), m.group(2))] += int(m.group(3))
        m = re.match(r'  verdict (.*)$', row)
        if m:
            cur['verdict'] = dict(kv.split('=', 1) for kv in m.group(1).split())
        m = re.match(r'  anomalies (\d+)$', row)
        if m:
            cur['anomalies'] = int(m.group(1))
        if row.startswith('  branch '):
            cur['branches'] += 1
    return decs


def cov_annotations(src):
    """{(line, col or None): {outcomes, uc, mask}} from /*@cov */ comments."""
    out = []
    for i, text in enumerate(open(src, encoding='utf-8').read().split('\n'), 1):
        for m in re.finditer(r'/\*@cov (.*?) \*/', text):
            line = i + 1 if re.sub(r'/\*@.*?\*/', '', text).strip() == '' else i
            want = dict(kv.split('=', 1) for kv in m.group(1).split())
            col = want.pop('col', None)
            out.append((line, col, want))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--xcov-mcdc', required=True)
    ap.add_argument('--emucov')
    ap.add_argument('--qemu')
    ap.add_argument('--objcopy')
    ap.add_argument('--qemu2trace')
    ap.add_argument('--host')
    ap.add_argument('--elf', required=True)
    ap.add_argument('--src', required=True)
    ap.add_argument('--name', required=True)
    ap.add_argument('--config', required=True)
    ap.add_argument('--expected', required=True)
    ap.add_argument('--static', action='store_true')
    ap.add_argument('rest', nargs='*')
    a = ap.parse_args()
    errors = []
    with tempfile.TemporaryDirectory() as tmp:
        trace = '-'
        if not a.static and a.qemu:
            trace = os.path.join(tmp, 'fw.trace')
            log, img = os.path.join(tmp, 'qemu.log'), os.path.join(tmp, 'fw.bin')
            r = subprocess.run([a.qemu, '-M', 'mps2-an385', '-kernel', a.elf, '-semihosting',
                                '-nographic', '-monitor', 'none', '-serial', 'none',
                                '-singlestep', '-d', 'exec,nochain', '-D', log],
                               capture_output=True, text=True, timeout=120)
            if r.returncode != 0:
                print('qemu exit status %d (0 expected): %s' % (r.returncode, r.stderr))
                return 1
            subprocess.run([a.objcopy, '-O', 'binary', a.elf, img], check=True)
            subprocess.run([a.qemu2trace, img, '0', log, trace], check=True)
        elif not a.static:
            trace = os.path.join(tmp, 'fw.trace')
            r = subprocess.run([a.emucov, 'run', a.elf, '--trace', trace, '--max-insns',
                                '50000000'], capture_output=True, text=True, timeout=120)
            if r.returncode != 0:
                print('emucov exit status %d (0 expected): %s' % (r.returncode, r.stderr))
                return 1
        r = subprocess.run([a.xcov_mcdc, a.elf, trace, a.src, '--'] + a.rest,
                           capture_output=True, text=True, timeout=120)
        if r.returncode != 0:
            print('xcov-mcdc failed: %s' % r.stderr)
            return 1
    print(r.stdout)
    decs = parse_xcov(r.stdout)
    # (a) undetermined decisions: exactly those expected, with their reasons
    want = {}
    for row in open(a.expected, encoding='utf-8'):
        row = row.split('#', 1)[0].strip()
        m = re.match(r'(\S+) (\S+) (\d+:\d+) undetermined: (.*)$', row)
        if m and m.group(1) == a.config and m.group(2) == a.name:
            want[m.group(3)] = m.group(4).strip()
    for ident, d in decs.items():
        if d['status'] == 'undetermined':
            if not d['reason']:
                errors.append('%s: undetermined without a reason' % ident)
            if ident not in want:
                errors.append('%s: undetermined (%s), expected mapped' % (ident, d['reason']))
            elif want[ident] != d['reason']:
                errors.append('%s: undetermined (%s), expected reason "%s"'
                              % (ident, d['reason'], want[ident]))
        elif ident in want:
            errors.append('%s: mapped, expected undetermined (%s)' % (ident, want[ident]))
    for ident in want:
        if ident not in decs:
            errors.append('%s: listed in %s but not a decision' % (ident, a.expected))
    if not a.static:
        # (b) vectors = host oracle's, as multisets
        host = collections.defaultdict(collections.Counter)
        h = subprocess.run([a.host], capture_output=True, text=True, timeout=60, check=True)
        for row in h.stdout.split('\n'):
            m = re.match(r'(\d+:\d+) ([TF-]+) -> ([TF])$', row)
            if m:
                host[m.group(1)][(m.group(2), m.group(3))] += 1
        for ident, d in decs.items():
            if d['status'] != 'mapped':
                continue
            if d['anomalies']:
                errors.append('%s: %d branch executions off the map' % (ident, d['anomalies']))
            if d['vectors'] != host[ident]:
                errors.append('%s: trace vectors %s, host vectors %s'
                              % (ident, dict(d['vectors']), dict(host[ident])))
        # (c) verdicts = @cov annotations
        for line, col, w in cov_annotations(a.src):
            found = [i for i in decs if int(i.split(':')[0]) == line and
                     (col is None or i.split(':')[1] == col)]
            if len(found) != 1:
                errors.append('line %d: @cov matches %d decisions' % (line, len(found)))
                continue
            d = decs[found[0]]
            if d['status'] != 'mapped':
                continue
            for k, v in w.items():
                if d['verdict'].get(k) != v:
                    errors.append('%s: %s=%s expected, xcov-mcdc says %s'
                                  % (found[0], k, v, d['verdict'].get(k)))
    mapped = sum(1 for d in decs.values() if d['status'] == 'mapped')
    for e in errors:
        print('%s %s: %s' % (a.config, a.name, e))
    print('%s %s: %d decisions, %d mapped, %d undetermined, %d errors'
          % (a.config, a.name, len(decs), mapped, len(decs) - mapped, len(errors)))
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
