#!/usr/bin/env python3
"""Build small ELFs with both cross compilers at -O0, -Og, -O2 with and without the flag set
(and other cases) and check xcov-checkbuild's verdicts and exit statuses.
Usage: check_verdicts.py XCOV-CHECKBUILD SRCDIR [RISCV-GCC|none] [ARM-GCC|none]"""
import os
import subprocess
import sys
import tempfile

FLAGS = ['-fno-if-conversion', '-fno-if-conversion2', '-fno-ssa-phiopt', '-fno-tree-ch',
         '-fno-thread-jumps', '--param', 'logical-op-non-short-circuit=0']


def main():
    tool, srcdir, rv, arm = sys.argv[1:5]
    cc = {}
    if rv != 'none':
        cc['rv'] = [rv, '-march=rv32imac', '-mabi=ilp32', '-misa-spec=2.2']
    if arm != 'none':
        cc['arm'] = [arm, '-mcpu=cortex-m3', '-mthumb']
    if not cc:
        print('no cross compiler: nothing to check')
        return 77
    src = os.path.join(srcdir, 'cb.c')
    src2 = os.path.join(srcdir, 'cb2.c')
    asm = os.path.join(srcdir, 'cb_asm.S')
    # (name, isa, [(source, flags)...], expected status, words the output must contain)
    cases = []
    for isa in cc:
        og_ok = isa == 'arm'
        cases += [
            ('O0', isa, [(src, ['-g', '-O0'])], 0, ['ok: -O0']),
            ('Og', isa, [(src, ['-g', '-Og'])], 0 if og_ok else 1,
             ['ok: -Og'] if og_ok else ['WARNING', 'missing: -mbranch-cost=1']),
            ('O2', isa, [(src, ['-g', '-O2'])], 1,
             ['WARNING', 'missing: -fno-if-conversion -fno-if-conversion2 -fno-ssa-phiopt '
              '-fno-tree-ch -fno-thread-jumps --param=logical-op-non-short-circuit=0']),
            ('O2-flags', isa, [(src, ['-g', '-O2'] + FLAGS)], 0, ['ok: -O2 with the flag set']),
            ('O1-flags', isa, [(src, ['-g', '-O1'] + FLAGS)], 0, ['ok: -O1 with the flag set']),
            ('O2-flags-but-tree-ch', isa, [(src, ['-g', '-O2'] + FLAGS + ['-ftree-ch'])], 1,
             ['missing: -fno-tree-ch\n']),
            ('Os-flags', isa, [(src, ['-g', '-Os'] + FLAGS)], 1, ['level not studied']),
            ('no-g', isa, [(src, ['-O0'])], 1, ['no DWARF']),
            ('no-record', isa, [(src, ['-g', '-O0', '-gno-record-gcc-switches'])], 1,
             ['options not recorded']),
            ('two-cus', isa, [(src, ['-g', '-O0']), (src2, ['-g', '-O2'])], 1,
             ['CU ', 'cb.c', 'ok: -O0', 'cb2.c', 'WARNING: -O2', '2 compile units: 1 ok, 1']),
            ('asm', isa, [(src, ['-g', '-O0']), (asm, ['-g'])], 0,
             ['skip: assembler', '1 ok, 0 with warnings, 1 skipped']),
        ]
        if isa == 'rv':
            cases.append(('Og-branch-cost', isa, [(src, ['-g', '-Og', '-mbranch-cost=1'])], 0,
                          ['ok: -Og with -mbranch-cost=1']))
    fails = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, isa, units, want_rc, words in cases:
            objs = []
            for i, (s, flags) in enumerate(units):
                obj = os.path.join(tmp, '%s-%s-%d.o' % (isa, name, i))
                subprocess.run(cc[isa] + flags + ['-c', s, '-o', obj], check=True)
                objs.append(obj)
            elf = os.path.join(tmp, '%s-%s.elf' % (isa, name))
            subprocess.run(cc[isa] + ['-nostdlib', '-Wl,-e,cb_f', '-o', elf] + objs, check=True)
            r = subprocess.run([tool, elf], capture_output=True, text=True)
            out = r.stdout + r.stderr
            bad = [w for w in words if w not in out]
            if r.returncode != want_rc or bad:
                fails += 1
                print('FAIL %s %s: status %d (want %d), missing %r\n%s'
                      % (isa, name, r.returncode, want_rc, bad, out))
            else:
                print('ok   %s %s: status %d' % (isa, name, r.returncode))
        # bad input: a one-line error and status 2
        r = subprocess.run([tool, src], capture_output=True, text=True)
        if r.returncode != 2 or 'not an ELF' not in r.stderr or r.stderr.count('\n') != 1:
            fails += 1
            print('FAIL not-an-ELF: status %d %r' % (r.returncode, r.stderr))
        r = subprocess.run([tool, os.path.join(tmp, 'missing.elf')], capture_output=True,
                           text=True)
        if r.returncode != 2 or 'No such file' not in r.stderr:
            fails += 1
            print('FAIL missing file: status %d %r' % (r.returncode, r.stderr))
    print('%d cases, %d failed' % (len(cases) + 2, fails))
    return 1 if fails else 0


if __name__ == '__main__':
    sys.exit(main())
