#!/usr/bin/env python3
"""Generate assembly files of raw encodings for the objdump-agreement test.

usage: gen_encodings.py words SEED COUNT OUT.S
       gen_encodings.py sequences SEED COUNT OUT.S [gp]

words:     every 16-bit encoding (all 49152 with low bits != 11), then COUNT
           random 32-bit words over every 32-bit major opcode, with fields
           often zeroed so that the alias forms (rd/rs1/rs2 = x0, imm 0) come
           up; covers reserved and unknown encodings too.
sequences: COUNT random instructions over a few registers, mixing
           lui/auipc/c.lui with the addi, loads, stores and jalr that
           objdump annotates with "# address" (its cross-instruction state);
           with "gp", also defines __global_pointer$.
The output is deterministic for a given SEED.
"""
import random
import sys


def words(rnd, count):
    out = ['.text', '.globl _start', '_start:']
    for h in range(65536):
        if h & 3 != 3:
            out.append(f' .insn 0x{h:04x}')
    # 32-bit major opcodes: low bits 11, bits [4:2] != 111 (longer encodings)
    ops = [o for o in range(128) if o & 3 == 3 and (o & 0x1c) != 0x1c]
    for _ in range(count):
        w = (rnd.getrandbits(32) & ~0x7f) | rnd.choice(ops)
        if rnd.random() < 0.3:
            w &= ~(0x1f << 7)       # rd = x0
        if rnd.random() < 0.3:
            w &= ~(0x1f << 15)      # rs1 = x0
        if rnd.random() < 0.3:
            w &= ~(0x1f << 20)      # rs2 = x0 / small immediates
        if rnd.random() < 0.3:
            w &= ~(0x7f << 25)      # funct7 = 0
        out.append(f' .insn 0x{w:08x}')
    return out


def sequences(rnd, count, gp):
    regs = ['zero', 'ra', 'sp', 'gp', 'tp', 't0', 'a0', 'a1', 's0', 's1']
    creg = ['s0', 's1', 'a0', 'a1']

    def r():
        return rnd.choice(regs)

    def i12():
        return rnd.choice([0, 4, -4, 2047, -2048, rnd.randint(-2048, 2047)])

    out = []
    if gp:
        out += ['.globl __global_pointer$', '.set __global_pointer$, 0x1800']
    out += ['.text', '.globl _start', '_start:']
    forms = [
        lambda: f' .insn u 0x37, {r()}, {rnd.randrange(1 << 20)}',           # lui
        lambda: f' .insn u 0x17, {r()}, {rnd.randrange(1 << 20)}',           # auipc
        lambda: f' c.lui {rnd.choice(["ra", "a0", "a1", "s0", "t0", "gp", "tp"])}, '
                f'{rnd.choice([1, 31, 0xfffe0, 0xfffff])}',
        lambda: f' .insn i 0x13, 0, {r()}, {r()}, {i12()}',                   # addi
        lambda: f' c.addi {rnd.choice(regs[1:])}, {rnd.choice([1, -1, 31, -32])}',
        lambda: f' .insn i 0x03, {rnd.choice([0, 1, 2, 4, 5])}, {r()}, {i12()}({r()})',
        lambda: f' .insn s 0x23, {rnd.choice([0, 1, 2])}, {r()}, {i12()}({r()})',
        lambda: f' .insn i 0x67, 0, {r()}, {i12()}({r()})',                  # jalr
        lambda: f' c.jr {rnd.choice(regs[1:])}',
        lambda: f' c.jalr {rnd.choice(regs[1:])}',
        lambda: f' c.lw {rnd.choice(creg)}, {rnd.choice([0, 4, 124])}({rnd.choice(creg)})',
        lambda: f' c.sw {rnd.choice(creg)}, {rnd.choice([0, 4, 124])}({rnd.choice(creg)})',
        lambda: f' c.lwsp {rnd.choice(regs[1:])}, {rnd.choice([0, 4, 252])}(sp)',
        lambda: f' c.swsp {r()}, {rnd.choice([0, 4, 252])}(sp)',
        lambda: f' c.addi16sp sp, {rnd.choice([16, -16, 496, -512])}',
        lambda: f' c.addi4spn {rnd.choice(creg)}, sp, {rnd.choice([4, 1020])}',
        lambda: f' c.mv {rnd.choice(regs[1:])}, {rnd.choice(regs[1:])}',
        lambda: f' c.li {rnd.choice(regs[1:])}, {rnd.choice([0, 1, -32, 31])}',
        lambda: f' .insn i 0x13, 4, {r()}, {r()}, {i12()}',                   # xori
        lambda: f' .insn i 0x73, 2, {r()}, {r()}, 0x300',                     # csrrs
        lambda: f' .insn r 0x2f, 2, 0x8, {r()}, {r()}, zero',                 # lr.w
        lambda: f' .insn i 0x13, 0, {r()}, {r()}, 0',                         # mv
    ]
    for _ in range(count):
        out.append(rnd.choice(forms)())
    return out


def main():
    if len(sys.argv) < 5 or sys.argv[1] not in ('words', 'sequences'):
        print(__doc__, file=sys.stderr)
        return 2
    mode, seed, count, path = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    rnd = random.Random(seed)
    if mode == 'words':
        lines = words(rnd, count)
    else:
        lines = sequences(rnd, count, len(sys.argv) > 5 and sys.argv[5] == 'gp')
    with open(path, 'w', encoding='ascii') as f:
        f.write('\n'.join(lines) + '\n')
    return 0


if __name__ == '__main__':
    sys.exit(main())
