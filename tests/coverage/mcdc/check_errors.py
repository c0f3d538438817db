#!/usr/bin/env python3
"""xcov-mcdc on bad input: a one-line message on stderr and exit status 1, never a crash.
Usage: check_errors.py XCOV-MCDC ELF SOURCE.c"""
import os
import subprocess
import sys
import tempfile


def main():
    exe, elf, src = sys.argv[1:4]
    fails = 0
    with tempfile.TemporaryDirectory() as tmp:
        junk = os.path.join(tmp, 'junk')
        with open(junk, 'w') as f:
            f.write('not an ELF, not a trace\n')
        other = os.path.join(tmp, 'other.c')
        with open(other, 'w') as f:
            f.write('int other(int a, int b) { return a && b; }\n')
        cases = {
            'no arguments': [],
            'missing ELF': [os.path.join(tmp, 'none.elf'), '-', src],
            'ELF is not an ELF': [junk, '-', src],
            'trace is not a trace': [elf, junk, src],
            'missing trace': [elf, os.path.join(tmp, 'none.trace'), src],
            'missing source': [elf, '-', os.path.join(tmp, 'none.c')],
            'source not in the ELF': [elf, '-', other],
            'no compile database': ['-p', tmp, elf, '-', src],
        }
        for name, args in cases.items():
            r = subprocess.run([exe] + args, capture_output=True, text=True, timeout=60)
            lines = r.stderr.strip().split('\n')
            ok = r.returncode == 1 and len(lines) == 1 and lines[0]
            print('%-24s status %d: %s%s' % (name, r.returncode, r.stderr.strip(),
                                            '' if ok else '   <- FAIL'))
            fails += not ok
    return 1 if fails else 0


if __name__ == '__main__':
    sys.exit(main())
