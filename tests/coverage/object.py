#!/usr/bin/env python3
"""coverage-xcov-object: object coverage (insn, branch), flat = history,
streaming memory.

  - every instruction objdump shows in the program's functions is listed in
    the annotated disassembly (the whole code of each function is decoded,
    not only what ran), at the same addresses;
  - a function never called has all its instructions '-';
  - a loop's conditional branch is '+' (both ways); the `if (gate)` branch of
    a function whose condition is always false went one way only ('>' or
    'v') and its line is '!';
  - a flat-mode trace gives the same .xcov files as the history trace;
  - merging a run cut short by --max-insns (a partial last block) with a
    full run gives the full run's marks in either order, and counts add;
  - xcov's peak memory on a trace 60 times longer grows by less than 4 MiB.
"""
import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import covlib  # noqa: E402

check = covlib.Checks()
INSN = re.compile(r'^\s+0x([0-9a-f]+) (.):  (.*)$')


def read_insns(path):
    """{source line: [(addr, mark, text)]} from an insn/branch .xcov."""
    res = {}
    cur = None
    with open(path) as f:
        for ln in f:
            m = covlib.XCOV_LINE.match(ln)
            if m:
                cur = int(m.group(1))
                continue
            m = INSN.match(ln)
            if m and cur is not None:
                res.setdefault(cur, []).append((int(m.group(1), 16), m.group(2), m.group(3)))
    return res


def objdump_funcs(objdump, elf, names):
    out = subprocess.run([objdump, '-d', elf], stdout=subprocess.PIPE, text=True).stdout
    addrs = {}
    cur = None
    for ln in out.splitlines():
        m = re.match(r'^([0-9a-f]+) <([^>]+)>:$', ln)
        if m:
            cur = m.group(2) if m.group(2) in names else None
            continue
        m = re.match(r'^\s*([0-9a-f]+):\s', ln)
        if m and cur:
            addrs.setdefault(cur, []).append(int(m.group(1), 16))
    return addrs


def peak_rss_kib(cmd, cwd):
    """Peak RSS of one child (KiB), measured in a fresh helper process."""
    code = ('import resource,subprocess,sys\n'
            'p=subprocess.run(sys.argv[2:],cwd=sys.argv[1],stdout=subprocess.DEVNULL)\n'
            'print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n')
    out = subprocess.run([sys.executable, '-c', code, cwd] + cmd, stdout=subprocess.PIPE,
                         text=True).stdout.split()
    return int(out[0]), int(out[1])


def main():
    a = covlib.tool_args(argparse.ArgumentParser(), ('--objdump', 'riscv objdump'),
                         ('--prog', 'oracle/uncalled.c'), ('--loops', 'oracle/loops.c'),
                         ('--long', 'bad/long_loop.c'))
    xcov, emucov, common = a.xcov, a.emucov, a.common
    with tempfile.TemporaryDirectory(prefix='xcov-obj-') as d:
        elf = os.path.join(d, 'prog.elf')
        covlib.build_riscv(a.gcc, common, [os.path.abspath(a.prog)], elf, '-O0')
        covlib.run_emucov(emucov, elf, 'prog.trace', d)
        covlib.run([xcov, 'report', '--level=branch', '--format=xcov,text', '-o', 'br',
                    'prog.trace'], cwd=d)
        ins = read_insns(os.path.join(d, 'br', 'uncalled.c.xcov'))
        marks = covlib.read_xcov(os.path.join(d, 'br', 'uncalled.c.xcov'))
        listed = {a for v in ins.values() for (a, _, _) in v}
        od = objdump_funcs(a.objdump, elf, {'never_called', 'helper_unused', 'called', 'main'})
        for fn in ('never_called', 'helper_unused', 'called', 'main'):
            check('all instructions of %s listed' % fn,
                  fn in od and set(od[fn]) <= listed, sorted(set(od.get(fn, [])) - listed))
        never = set(od.get('never_called', []))
        nmarks = {m for v in ins.values() for (a, m, _) in v if a in never}
        check('never_called: every instruction not executed', nmarks == {'-'}, nmarks)
        src = open(a.prog).read().splitlines()
        gate_line = next(i for i, ln in enumerate(src, 1) if ln.strip() == 'if (gate)')
        bm = [m for (_, m, t) in ins.get(gate_line, []) if t.startswith('b')]
        check('if (gate) branch went one way only', len(bm) == 1 and bm[0] in '>v', bm)
        check('if (gate) line is partially covered at branch level', marks.get(gate_line) == '!',
              marks.get(gate_line))

        ld = os.path.join(d, 'loops')
        os.makedirs(ld)
        lelf = os.path.join(ld, 'loops.elf')
        covlib.build_riscv(a.gcc, common, [os.path.abspath(a.loops)], lelf, '-O0')
        covlib.run_emucov(emucov, lelf, 'h.trace', ld)
        p = covlib.run([emucov, 'run', '--trace-mode', 'flat', '--trace', 'f.trace', lelf],
                       cwd=ld, check=False)
        check('flat trace written', p.returncode == 0, p.stderr)
        lsrc = open(a.loops).read().splitlines()
        for_line = next(i for i, ln in enumerate(lsrc, 1) if 'for (int i = 1; i <= n; i++)' in ln)
        for lv in ('insn', 'branch', 'stmt'):
            outs = []
            for t in ('h', 'f'):
                covlib.run([xcov, 'report', '--level=' + lv, '--format=xcov', '-o',
                            t + lv, t + '.trace'], cwd=ld)
                outs.append(open(os.path.join(ld, t + lv, 'loops.c.xcov')).read())
            check('flat trace = history trace at level %s' % lv, outs[0] == outs[1])
            if lv == 'branch':
                li = read_insns(os.path.join(ld, 'h' + lv, 'loops.c.xcov'))
                bm = [m for (_, m, t) in li.get(for_line, []) if t.startswith('b')]
                check('loop branch taken both ways', '+' in bm, bm)

        # merging: a run stopped by --max-insns inside nested() and a full run
        p = covlib.run([emucov, 'run', '--max-insns', '5000', '--trace', 's.trace', lelf],
                       cwd=ld, check=False)
        check('run stopped by --max-insns (status 123)', p.returncode == 123, p.returncode)
        merged = {}
        for name, traces in (('s', ['s.trace']), ('h', ['h.trace']),
                             ('sh', ['s.trace', 'h.trace']), ('hs', ['h.trace', 's.trace'])):
            covlib.run([xcov, 'report', '--level=branch', '--format=xcov,text', '-o',
                        'm' + name] + traces, cwd=ld)
            merged[name] = (open(os.path.join(ld, 'm' + name, 'loops.c.xcov')).read(),
                            open(os.path.join(ld, 'm' + name, 'summary.txt')).read())
        check('stopped run covers less than the full run', merged['s'][0] != merged['h'][0])
        check('merge (stopped, full) = full run', merged['sh'][0] == merged['h'][0])
        check('merge (full, stopped) = full run', merged['hs'][0] == merged['h'][0])
        entries = re.search(r'^main\s+\S+\s+(\d+)', merged['sh'][1], re.M)
        check('merged counts add up: main entered twice', entries and entries.group(1) == '2',
              entries and entries.group(0))

        # streaming: a 60x longer trace must not need more memory
        sd = os.path.join(d, 'stream')
        os.makedirs(sd)
        rss = []
        for iters in (100000, 6000000):
            e = os.path.join(sd, 'l%d.elf' % iters)
            covlib.build_riscv(a.gcc, common, [os.path.abspath(a.long), '-DITERATIONS=%d' % iters],
                               e, '-O0')
            covlib.run_emucov(emucov, e, 'l%d.trace' % iters, sd)
            rc, kib = peak_rss_kib([xcov, 'report', '--level=branch', '--format=text', '-o',
                                    'o%d' % iters, 'l%d.trace' % iters], sd)
            check('xcov on %d iterations' % iters, rc == 0, rc)
            rss.append(kib)
        print('peak RSS: short trace %d KiB, long trace %d KiB' % (rss[0], rss[1]))
        check('memory does not grow with trace length', rss[1] - rss[0] < 4096, rss)
    return check.verdict()


if __name__ == '__main__':
    sys.exit(main())
