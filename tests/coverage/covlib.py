"""Helpers shared by the coverage tests: build C programs for the host and
for the targets, run them under emucov, run xcov, read .xcov files."""
import os
import re
import subprocess
import sys

XCOV_LINE = re.compile(r'^\s*(\d+) (.): ?(.*)$')


def run(cmd, cwd=None, check=True, timeout=120):
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True, timeout=timeout)
    if check and p.returncode != 0:
        raise SystemExit('FAIL: command failed (%d): %s\n%s%s' % (
            p.returncode, ' '.join(map(str, cmd)), p.stdout, p.stderr))
    return p


RV_ARCH = ['-march=rv32imac', '-mabi=ilp32', '-misa-spec=2.2']


def build_riscv(gcc, common, srcs, out, opt):
    """A freestanding RV32 ELF with the firmware runtime of
    tests/firmware/riscv/common (start.S calls main, then rt_finish)."""
    rt = [os.path.join(common, f) for f in ('start.S', 'rt.c', 'umode.S', 'semihost.S')]
    cmd = [gcc] + RV_ARCH + ['-g', opt, '-std=gnu11', '-ffreestanding', '-nostdlib',
                             '-nostartfiles', '-mcmodel=medany', '-I', common,
                             '-T', os.path.join(common, 'link.ld'), '-Wl,--gc-sections',
                             '-Wl,--no-warn-rwx-segments'] + srcs + rt + ['-lgcc', '-o', out]
    run(cmd)


ARM_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'arm')


def build_arm(gcc, srcs, out, opt):
    """A freestanding Cortex-M3 ELF for mps2-an385 with tests/coverage/arm/
    (vector table, main(), semihosting exit)."""
    cmd = [gcc, '-mcpu=cortex-m3', '-mthumb', '-g', opt, '-std=gnu11', '-ffreestanding',
           '-nostdlib', '-nostartfiles', '-T', os.path.join(ARM_DIR, 'link.ld'),
           '-Wl,--gc-sections', '-Wl,--no-warn-rwx-segments'] + srcs + \
          [os.path.join(ARM_DIR, 'start.c'), '-lgcc', '-o', out]
    run(cmd)


def build(arch, gcc, common, srcs, out, opt):
    if arch == 'arm':
        build_arm(gcc, srcs, out, opt)
    else:
        build_riscv(gcc, common, srcs, out, opt)


def run_emucov(emucov, elf, trace, cwd):
    p = run([emucov, 'run', '--trace', trace, elf], cwd=cwd, check=False)
    if p.returncode != 0:
        raise SystemExit('FAIL: %s exited %d under emucov\n%s%s' % (
            elf, p.returncode, p.stdout, p.stderr))
    return p


def read_xcov(path):
    """{line number: mark} of a .xcov file."""
    marks = {}
    with open(path) as f:
        for ln in f:
            m = XCOV_LINE.match(ln.rstrip('\n'))
            if m:
                marks[int(m.group(1))] = m.group(2)
    return marks


def arm_available(source_root):
    return os.path.exists(os.path.join(source_root, 'emu', 'boards', 'mps2-an385.dts'))


class Checks:
    """Named checks: prints ok/FAIL per check and a closing verdict."""

    def __init__(self):
        self.failed = []
        self.passed = 0

    def __call__(self, name, cond, detail=''):
        print('%s %s%s' % ('ok  ' if cond else 'FAIL', name,
                           (': ' + str(detail)) if not cond else ''))
        if cond:
            self.passed += 1
        else:
            self.failed.append(name)

    def verdict(self):
        print('%d passed, %d failed' % (self.passed, len(self.failed)))
        if self.failed:
            print('FAIL: %d checks failed' % len(self.failed))
            return 1
        print('PASS')
        return 0


def tool_args(ap, *extra):
    """The common options of the coverage test scripts."""
    ap.add_argument('--xcov', required=True)
    ap.add_argument('--emucov', required=True)
    ap.add_argument('--gcc', required=True)
    ap.add_argument('--common', required=True, help='RISC-V firmware runtime folder')
    for name, help_text in extra:
        ap.add_argument(name, required=True, help=help_text)
    a = ap.parse_args()
    a.xcov = os.path.abspath(a.xcov)
    a.emucov = os.path.abspath(a.emucov)
    a.common = os.path.abspath(a.common)
    return a
