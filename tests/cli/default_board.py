#!/usr/bin/env python3
"""emucov run without -M picks the board from the ELF: a Cortex-M4F build
(hard-float ABI, FP architecture in its build attributes) runs on
mps2-an386 exactly as with `-M mps2-an386` (same output, same status, the
trace header names the board), and not as on mps2-an385 (no FPU: the first
FP instruction is a NOCP UsageFault); a Cortex-M3 build runs on mps2-an385.

Usage: default_board.py EMUCOV M4F.elf M3.elf
"""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from checks import check, finish  # noqa: E402


def run(emucov, elf, d, machine=None):
    trace = os.path.join(d, 't%d.trace' % len(os.listdir(d)))
    cmd = [emucov, 'run', '--trace', trace] + (['-M', machine] if machine else []) + [elf]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    info = subprocess.run([emucov, 'trace', 'info', trace], capture_output=True, text=True)
    board = [ln.split(':', 1)[1].strip() for ln in info.stdout.splitlines()
             if ln.startswith('board:')]
    return p.returncode, p.stdout, board[0] if board else None


def main():
    emucov, m4f, m3 = (os.path.abspath(a) for a in sys.argv[1:4])
    with tempfile.TemporaryDirectory() as d:
        dflt = run(emucov, m4f, d)
        an386 = run(emucov, m4f, d, 'mps2-an386')
        an385 = run(emucov, m4f, d, 'mps2-an385')
        check(dflt[2] == 'mps2-an386', 'M4F ELF without -M: the trace names mps2-an386',
              dflt[2])
        check(dflt[:2] == an386[:2] and dflt[0] == 0,
              'M4F ELF without -M: same status and output as -M mps2-an386 (status %d)'
              % dflt[0], (dflt[0], an386[0]))
        check(an385[1] != an386[1], 'the M4F ELF does not run as on mps2-an385 (no FPU)')
        m3d = run(emucov, m3, d)
        check(m3d[2] == 'mps2-an385', 'M3 ELF without -M: the trace names mps2-an385', m3d[2])
    return finish()


if __name__ == '__main__':
    sys.exit(main())
