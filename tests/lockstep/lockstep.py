#!/usr/bin/env python3
"""tests/lockstep/lockstep.py - run emucov and QEMU side by side over the gdb
protocol, one instruction at a time, and compare every register after every
instruction.

usage: lockstep.py --emucov EMUCOV [--qemu qemu-system-riscv32] [--machine NAME] [--semihosting]
                   [--max-steps N] [--csrs LIST] [--objdump OBJDUMP] [-v] ELF

Both emulators start halted with a gdb server (QEMU's board from the ELF:
RISC-V virt, or ARM mps2-an385 with -cpu cortex-m3).  QEMU starts at its reset
stub (0x1000 on virt: a few instructions, then a jump to 0x80000000), emucov
at the ELF entry: QEMU is first run to the ELF entry (a breakpoint there,
continue).  The stub leaves a0 = hartid, a1 = devicetree address and t0 = the
jump target in QEMU; those initial general registers are copied into emucov
(and listed) so both start from the same state.  Then both are single-stepped
together; after each step pc, every general register and the chosen CSRs
are compared.

The register lists come from each target's description XML (qXfer, with
QEMU's xi:include files followed), so the tool is ISA-neutral: general
registers are those of the "*.cpu"/"*.core" feature (e.g.
org.gnu.gdb.riscv.cpu, org.gnu.gdb.arm.m-profile), CSRs/system registers
are compared when both targets describe them under the same name.

Known differences, handled explicitly (never silently):
  - counters QEMU derives from host time (cycle, time, instret and their
    high halves, mcycle, minstret and high halves) are not compared; the
    tool prints them as excluded.
  - mip.MTIP (bit 7) follows QEMU's host-time mtime: masked (printed).
  - semihosting results that are the host's choice or host time (SYS_CLOCK,
    SYS_TIME, SYS_ELAPSED, SYS_ISTTY, SYS_HEAPINFO's block, the r0/a0
    that SYS_WRITEC/WRITE0 may corrupt) are copied from emucov to QEMU.
  - QEMU's single step runs with interrupts masked (its default sstep
    flags), so programs with asynchronous interrupts cannot be aligned and
    are not run (the meson tests take only interrupt-free programs).

Speed (see docs/gdb.md): both targets step concurrently; each step sends
'g' (the state after the previous step) and the next 's' in one write;
instruction bytes come from the ELF; QEMU 7.2 has no no-ack mode and stops
on any byte received while running, so acks are sent in front of the next
packet.

On the first divergence it prints the step number, the pc of the
instruction that was executed, its disassembly (objdump), and each differing
register with both values, and exits with status 1.  At the end it prints
"lockstep: N instructions compared" and the speed (exit 0), also when
--max-steps (default: none, the program runs to its end) cut the run short
(it says so).  Exit status 2: setup error.
"""
import argparse
import os
import re
import signal
import socket
import struct
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

HOST_TIME_REGS = {"cycle", "cycleh", "time", "timeh", "instret", "instreth",
                  "mcycle", "mcycleh", "minstret", "minstreth"}
# Bits compared under a mask, with the reason printed at the start.
MASKED_BITS = {
    "mip": (~0x80 & 0xffffffff,
            "mip bit 7 (MTIP) masked: QEMU's mtime follows host time (and its MTIP is "
            "already set at the ELF entry, emucov's only once mtimecmp is written)"),
}
DEFAULT_CSRS = ("mstatus,misa,mie,mip,mtvec,mscratch,mepc,mcause,mtval,mcounteren,"
                "pmpcfg0,pmpcfg1,pmpcfg2,pmpcfg3," +
                ",".join("pmpaddr%d" % i for i in range(16)) + ",priv")


class RspError(Exception):
    pass


class Rsp:
    """A minimal gdb remote protocol client (all-stop, one thread)."""

    def __init__(self, name, port, timeout=20):
        self.name = name
        end = time.time() + timeout
        while True:
            try:
                self.s = socket.create_connection(("127.0.0.1", port), timeout=5)
                break
            except OSError:
                if time.time() > end:
                    raise RspError("%s: cannot connect to port %d" % (name, port))
                time.sleep(0.05)
        self.s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.s.settimeout(timeout)
        self.buf = b""
        self.noack = False
        # Acks are owed, not sent at once: QEMU 7.2 has no no-ack mode and
        # stops its VM on any byte received while it runs, so the '+' for a
        # reply goes out in front of the next packet, when it is stopped.
        self.owe_ack = False

    def send(self, data):
        if isinstance(data, str):
            data = data.encode()
        self.send_raw(b"$" + data + b"#" + b"%02x" % (sum(data) & 0xff))

    def send_raw(self, pkt):
        if self.owe_ack:
            pkt = b"+" + pkt
            self.owe_ack = False
        self.s.sendall(pkt)

    def recv(self):
        while True:
            i = self.buf.find(b"$")
            if i >= 0:
                j = self.buf.find(b"#", i)
                if j >= 0 and len(self.buf) >= j + 3:
                    body = self.buf[i + 1:j]
                    self.buf = self.buf[j + 3:]
                    if not self.noack:
                        self.owe_ack = True
                    return self._unrle(body)
            try:
                d = self.s.recv(1 << 16)
            except socket.timeout:
                raise RspError("%s: no reply" % self.name)
            if not d:
                raise RspError("%s: connection closed" % self.name)
            self.buf += d

    @staticmethod
    def _unrle(b):
        if b"*" not in b:
            return b
        out = bytearray()
        i = 0
        while i < len(b):
            if b[i:i + 1] == b"*" and out and i + 1 < len(b):
                out += out[-1:] * (b[i + 1] - 29)
                i += 2
            else:
                out.append(b[i])
                i += 1
        return bytes(out)

    def cmd(self, data):
        self.send(data)
        return self.recv()

    def setup(self):
        sup = self.cmd("qSupported:multiprocess-;swbreak+;hwbreak+;vContSupported+;xmlRegisters=riscv")
        if b"QStartNoAckMode+" in sup:
            if self.cmd("QStartNoAckMode") == b"OK":
                self.noack = True
        return sup

    def xfer(self, annex):
        data = b""
        while True:
            r = self.cmd("qXfer:features:read:%s:%x,%x" % (annex, len(data), 0x800))
            if not r or r[:1] not in (b"m", b"l"):
                raise RspError("%s: cannot read %s: %r" % (self.name, annex, r[:40]))
            chunk = bytearray()
            k = 1
            while k < len(r):
                c = r[k]
                if c == 0x7d and k + 1 < len(r):
                    chunk.append(r[k + 1] ^ 0x20)
                    k += 2
                else:
                    chunk.append(c)
                    k += 1
            data += bytes(chunk)
            if r[:1] == b"l":
                return data.decode()

    def close(self):
        try:
            self.s.close()
        except OSError:
            pass


def read_regs_desc(rsp):
    """[(name, regnum, bytes, feature)] from the target description."""
    regs = []
    nxt = [0]
    arch = [""]

    def walk(annex):
        text = rsp.xfer(annex)
        text = re.sub(r"<!DOCTYPE[^>]*>", "", text).replace("xi:include", "include")
        root = ET.fromstring(text)
        for el in root.iter():
            tag = el.tag.split("}")[-1]
            if tag == "include":
                walk(el.get("href"))
            elif tag == "architecture":
                arch[0] = (el.text or "").strip()
            elif tag == "feature":
                for r in el:
                    if r.tag.split("}")[-1] == "reg":
                        num = int(r.get("regnum", nxt[0]))
                        nxt[0] = num + 1
                        regs.append((r.get("name"), num, int(r.get("bitsize")) // 8,
                                     el.get("name")))
                    elif r.tag.split("}")[-1] == "include":
                        walk(r.get("href"))
    walk("target.xml")
    return regs, arch[0]


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def elf_entry(path):
    with open(path, "rb") as f:
        h = f.read(64)
    if h[:4] != b"\x7fELF":
        raise SystemExit("lockstep: %s: not an ELF" % path)
    if h[4] == 1:
        return struct.unpack_from("<I", h, 24)[0]
    return struct.unpack_from("<Q", h, 24)[0]


def le_int(hexstr):
    return int.from_bytes(bytes.fromhex(hexstr.decode()), "little")


def le_hex(v, n):
    return v.to_bytes(n, "little").hex()


def disasm(objdump, elf, pc):
    if not objdump:
        return "(no objdump)"
    try:
        r = subprocess.run([objdump, "-d", "--start-address=0x%x" % pc,
                            "--stop-address=0x%x" % (pc + 4), elf],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=30)
        for line in r.stdout.decode().splitlines():
            if re.match(r"\s*%x:" % pc, line):
                return line.strip()
    except (OSError, subprocess.TimeoutExpired):
        pass
    return "(no disassembly)"


class Target:
    def __init__(self, name, rsp):
        self.name = name
        self.rsp = rsp
        rsp.setup()
        self.regs, self.arch = read_regs_desc(rsp)
        self.byname = {r[0]: r for r in self.regs}
        core = [r for r in self.regs if r[3] and re.search(r"\.(cpu|core|m-profile)$", r[3])]
        self.gpr = core
        # 'g' holds the described registers in regnum order (numbers without
        # a register take no room, as gdb reads it) as far as its length goes
        glen = len(rsp.cmd("g"))
        self.g_layout = []
        off = 0
        for r in sorted(self.regs, key=lambda r: r[1]):
            if off + 2 * r[2] > glen:
                break
            self.g_layout.append(r)
            off += 2 * r[2]

    def decode_g(self, g):
        vals = {}
        off = 0
        for name, num, size, feat in self.g_layout:
            if off + 2 * size > len(g):
                break
            vals[name] = le_int(g[off:off + 2 * size])
            off += 2 * size
        return vals


def start_emucov(a, port_holder):
    env = dict(os.environ)
    board = ["-M", a.machine] if a.machine else []
    p = subprocess.Popen([a.emucov, "run", "--trace-mode", "none"] + board +
                         ["-gdb", "tcp::0", "-S", a.elf],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    end = time.time() + 10
    while time.time() < end:
        line = p.stderr.readline()
        if not line:
            break
        m = re.search(rb"listening on [^:]+:(\d+)", line)
        if m:
            port_holder.append(int(m.group(1)))
            return p
    p.kill()
    raise SystemExit("lockstep: emucov did not start its gdb server")


# QEMU machine options per ELF e_machine (the boards emucov models)
QEMU_MACHINE = {
    243: ["-M", "virt", "-bios", "none", "-cpu", "rv32,f=off,d=off,s=off,h=off,mmu=off"],  # RISC-V
    40: ["-M", "mps2-an385", "-cpu", "cortex-m3"],                                       # ARM
}
# --machine: the same board name for both (QEMU with its default CPU)



def elf_machine(path):
    with open(path, "rb") as f:
        h = f.read(20)
    return struct.unpack_from("<H", h, 18)[0]


def start_qemu(a, port):
    mach = ["-M", a.machine] if a.machine else QEMU_MACHINE.get(elf_machine(a.elf))
    if mach is None:
        raise SystemExit("lockstep: %s: no QEMU board known for this ELF machine" % a.elf)
    cmd = [a.qemu] + mach + ["-nographic", "-monitor", "none", "-serial", "null", "-S",
                             "-gdb", "tcp:127.0.0.1:%d" % port, "-kernel", a.elf]
    if a.semihosting:
        cmd += ["-semihosting-config", "enable=on,target=native"]
    return subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def recv_or_exit(T):
    """The stop reply; a server that closed the connection because its
    process exited (QEMU at a guest exit) counts as W<status>."""
    try:
        return T.rsp.recv()
    except RspError:
        try:
            rc = T.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            raise RspError("%s: connection closed" % T.name)
        return b"W%02x" % (rc & 0xff)


def rv_csr_may_change(insn, ev, last_full, step):
    """RISC-V: a SYSTEM-opcode instruction (csr*, ecall, ebreak, mret, wfi;
    c.ebreak) ran, or the new pc is the trap vector (an exception)."""
    if len(insn) >= 4:
        w = int.from_bytes(bytes.fromhex(insn[:8].decode()), "little")
        if (w & 3) == 3 and (w & 0x7f) == 0x73:
            return True
        if (w & 0xffff) == 0x9002:
            return True
    else:
        return True
    mtvec = last_full.get("mtvec")
    return mtvec is None or ev["pc"] == (mtvec & ~3) or ev["pc"] & ~0xff == mtvec & ~0xff


RV_HOST_TIME_CSRS = {0xb00: "mcycle", 0xb02: "minstret", 0xb80: "mcycleh", 0xb82: "minstreth",
                     0xc00: "cycle", 0xc01: "time", 0xc02: "instret", 0xc80: "cycleh",
                     0xc81: "timeh", 0xc82: "instreth"}
# semihosting operations whose result QEMU takes from the host clock, or
# leaves "corrupted" as the semihosting spec allows (QEMU: 0xdeadbeef)
SEMIHOST_HOST = {0x10: "SYS_CLOCK (host time in QEMU)", 0x11: "SYS_TIME (host time in QEMU)",
                    0x30: "SYS_ELAPSED (host time in QEMU)",
                    0x03: "SYS_WRITEC (a0 corrupted per the spec; QEMU writes 0xdeadbeef)",
                    0x04: "SYS_WRITE0 (a0 corrupted per the spec; QEMU writes 0xdeadbeef)",
                    0x09: "SYS_ISTTY (QEMU maps \":tt\" to its own host stdin/stdout/stderr, "
                          "here /dev/null: not a terminal; emucov's console is one)"}


def rv_known_difference(insn, prev, ev, qv, d, regname, readmem):
    """A documented difference between QEMU and emucov explaining the
    registers in `d` after executing `insn` (hex of 4 bytes at the old pc).
    Returns (kind, {register: value to give QEMU}) or None."""
    if len(insn) < 8:
        return None
    w = int.from_bytes(bytes.fromhex(insn[:8].decode()), "little")
    if (w & 3) != 3:
        return None
    opcode, rd, f3, csr = w & 0x7f, (w >> 7) & 31, (w >> 12) & 7, w >> 20
    if w == 0x00100073 and prev.get("a0") == 0x16:
        return semihost_heapinfo(prev, "a0", "a1", readmem)
    if opcode == 0x73 and f3 and csr in RV_HOST_TIME_CSRS and d == [regname(rd)]:
        return ("read of %s: QEMU's counters follow host time; emucov's value copied to QEMU"
                % RV_HOST_TIME_CSRS[csr], {regname(rd): ev[regname(rd)]})
    if w == 0x00100073 and prev.get("a0") in SEMIHOST_HOST and d == ["a0"]:
        return ("semihosting %s: emucov's a0 copied to QEMU" % SEMIHOST_HOST[prev["a0"]],
                {"a0": ev["a0"]})
    if (w == 0x00100073 and prev.get("a0") == 0x01 and d == ["a0"] and
            ev["a0"] == 0xffffffff):
        blk = readmem(prev["a1"], 12)
        if blk and len(blk) == 12:
            ptr, mode, ln = struct.unpack("<III", blk)
            name = readmem(ptr, min(ln, 256)) or b""
            if name != b":tt":
                return ("semihosting SYS_OPEN of %r: emucov opens only \":tt\" (no host files, no \":semihosting-features\"), "
                        "QEMU opens it; emucov's -1 copied to QEMU"
                        % name.decode("latin-1"), {"a0": ev["a0"]})
    if opcode == 0x2f and set(d) <= {"mcause"} and ev.get("mcause") == 6 and qv.get("mcause") == 4:
        return ("misaligned AMO: QEMU 7.2 raises load address misaligned (4), the privileged "
                "spec (section 3.7.3 note on AMOs) and emucov store/AMO address misaligned (6); "
                "mcause 6 copied to QEMU", {"mcause": 6})
    return None


def semihost_heapinfo(prev, op_reg, arg_reg, readmem):
    """SYS_HEAPINFO fills the 4-word block its argument points to; the
    layout is the host's choice (semihosting spec: "the debugger ... can
    describe"): emucov gives the heap after the image up to the top of its
    RAM region, QEMU 7.2 its own RAM search (RISC-V virt: below the
    devicetree it places at the top of RAM; ARM: the largest RAM region).
    The block is copied from emucov to QEMU's memory."""
    if prev.get(op_reg) != 0x16:
        return None
    ptr = readmem(prev[arg_reg], 4)
    if not ptr or len(ptr) != 4:
        return None
    blk = struct.unpack("<I", ptr)[0]
    data = readmem(blk, 16)
    if not data or len(data) != 16:
        return None
    return ("semihosting SYS_HEAPINFO: the heap/stack layout is the host's choice "
            "(emucov: the image's RAM region; QEMU: its RAM search); emucov's block "
            "copied to QEMU", {}, [(blk, data)])


def arm_known_difference(insn, prev, ev, qv, d, regname, readmem):
    """ARM: the semihosting results that are QEMU's choice or host time
    (BKPT 0xAB, operation in r0, result in r0).  SYS_HEAPINFO fills a
    4-word block whose layout the semihosting spec leaves to the host
    (emucov: heap after the image to the top of its RAM region; QEMU 7.2:
    its own search of the board's RAM): the block is copied to QEMU's
    memory, like the 8-byte count of SYS_ELAPSED.  Returns (kind, {register:
    value}, [(address, bytes) to write to QEMU]) or None."""
    if insn[:4] != b"abbe":
        return None
    op = prev.get("r0")
    if op == 0x16:
        return semihost_heapinfo(prev, "r0", "r1", readmem)
    if op == 0x30 and d in ([], ["r0"]):
        data = readmem(prev["r1"], 8)
        if data and len(data) == 8:
            return ("semihosting SYS_ELAPSED (host time in QEMU): emucov's count copied to QEMU",
                    {"r0": ev["r0"]}, [(prev["r1"], data)])
    if op in SEMIHOST_HOST and d == ["r0"]:
        return ("semihosting %s: emucov's r0 copied to QEMU" % SEMIHOST_HOST[op],
                {"r0": ev["r0"]}, [])
    return None


CSR_POLICY = {"riscv:rv32": rv_csr_may_change, "arm": lambda insn, ev, last_full, step: True}
KNOWN_DIFFERENCES = {"riscv:rv32": rv_known_difference, "arm": arm_known_difference}
CSR_POLICY_TEXT = {"riscv:rv32": "SYSTEM-opcode instructions and trap entries",
                   "arm": "FP-space instructions (d0-d15, fpscr) and every slow-path step"}


def stop_kind(reply):
    if reply[:1] in (b"T", b"S"):
        return "stop", None
    if reply[:1] == b"W":
        return "exit", int(reply[1:3], 16)
    if reply[:1] == b"X":
        return "killed", int(reply[1:3], 16)
    return "?", reply


def main():
    ap = argparse.ArgumentParser(description="lockstep emucov vs QEMU over the gdb protocol")
    ap.add_argument("--emucov", required=True)
    ap.add_argument("--qemu", default="qemu-system-riscv32")
    ap.add_argument("--machine", default="",
                    help="board for both emulators (e.g. mps2-an386); default from the ELF")
    ap.add_argument("--semihosting", action="store_true")
    ap.add_argument("--max-steps", type=int, default=0,
                    help="stop after N steps (default: run the program to its end)")
    ap.add_argument("--csrs", default="",
                    help="comma-separated CSR/system registers to compare (when both have them)")
    ap.add_argument("--objdump", default="riscv64-unknown-elf-objdump")
    ap.add_argument("--expect-divergence-at", type=int, default=0,
                    help="test mode: succeed only if the first divergence is at this step")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("elf")
    a = ap.parse_args()

    procs = []
    try:
        ports = []
        emu = start_emucov(a, ports)
        procs.append(emu)
        qport = free_port()
        qemu = start_qemu(a, qport)
        procs.append(qemu)
        E = Target("emucov", Rsp("emucov", ports[0]))
        Q = Target("qemu", Rsp("qemu", qport))
        E.proc, Q.proc = emu, qemu
        return run(a, E, Q)
    except RspError as e:
        print("lockstep: error: %s" % e)
        return 2
    finally:
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGKILL)
            p.wait()


def run(a, E, Q):
    # emucov starts where the firmware starts (ELF entry, or the reset
    # vector on M-profile); QEMU may start in a reset stub (RISC-V virt:
    # 0x1000): run it to emucov's first pc
    entry = E.decode_g(E.rsp.cmd("g")).get("pc", elf_entry(a.elf))
    if Q.decode_g(Q.rsp.cmd("g")).get("pc") == entry:
        return lockstep(a, E, Q, entry)
    r = Q.rsp.cmd("Z1,%x,4" % entry)
    if r != b"OK":
        r = Q.rsp.cmd("Z0,%x,4" % entry)
    if r != b"OK":
        raise RspError("qemu: cannot set a breakpoint at the entry 0x%x" % entry)
    rep = Q.rsp.cmd("c")
    Q.rsp.cmd("z1,%x,4" % entry)
    Q.rsp.cmd("z0,%x,4" % entry)
    if stop_kind(rep)[0] != "stop":
        raise RspError("qemu did not reach the entry: %r" % rep)
    return lockstep(a, E, Q, entry)


class ElfImage:
    """The loadable segments of the ELF at their execution addresses: the
    instruction bytes of every step come from here (no memory read per step;
    the test programs do not modify their code).  None outside them."""

    def __init__(self, path):
        self.segs = []
        with open(path, "rb") as f:
            data = f.read()
        if data[4] != 1:
            return
        phoff, = struct.unpack_from("<I", data, 28)
        phentsize, phnum = struct.unpack_from("<HH", data, 42)
        for i in range(phnum):
            ptype, off, vaddr, paddr, filesz = struct.unpack_from("<IIIII", data, phoff + i * phentsize)
            if ptype == 1 and filesz:
                self.segs.append((vaddr, data[off:off + filesz]))

    def read(self, addr, n):
        for base, blob in self.segs:
            if base <= addr and addr + n <= base + len(blob):
                return blob[addr - base:addr - base + n]
        return None


RV_TRAP_CSRS = ("mstatus", "mepc", "mcause", "mtval", "priv")


def rv_fast_insn(insn):
    """RISC-V: the CSRs to read with the fast path's 'g' for an instruction
    that changes no CSR except by trapping, or None for the slow path.
    OP, OP-IMM, LUI, AUIPC, branches, jumps, fences and compressed ALU,
    jump and branch forms cannot trap (C is present: no misaligned-fetch
    traps; a jump to a bad address faults on the next step): none.  Loads
    and stores (and their compressed forms) can fault: the CSRs a trap
    writes (mstatus, mepc, mcause, mtval, priv).  Anything else (SYSTEM,
    AMOs with their known difference, bytes outside the ELF): slow."""
    if insn is None or len(insn) < 2:
        return None
    q = insn[0] & 3
    if q != 3:
        f3 = insn[1] >> 5
        if q == 1:
            return ()
        if q == 0:
            return () if f3 == 0 else RV_TRAP_CSRS if f3 in (2, 6) else None
        if f3 in (2, 6):                    # c.lwsp, c.swsp
            return RV_TRAP_CSRS
        if f3 == 4:                         # c.jr/c.mv/c.add/c.jalr, not c.ebreak
            return None if insn[:2] == b"\x02\x90" else ()
        return () if f3 == 0 else None      # c.slli
    op = insn[0] & 0x7f
    if op in (0x13, 0x33, 0x37, 0x17, 0x63, 0x6f, 0x67, 0x0f):
        return ()
    return RV_TRAP_CSRS if op in (0x03, 0x23) else None


ARM_VFP_REGS = tuple("d%d" % i for i in range(16)) + ("fpscr",)


def arm_fp_insn(insn):
    """A 32-bit encoding of the cp10/cp11 (FP) coprocessor space."""
    if insn is None or len(insn) < 4:
        return False
    hw1, hw2 = insn[0] | insn[1] << 8, insn[2] | insn[3] << 8
    return (hw1 & 0xec00) == 0xec00 and (hw2 >> 9) & 7 == 5


def arm_fast_insn(insn):
    """ARM: everything but BKPT (semihosting: the known differences of the
    host-time operations are fixed up before QEMU runs on).  System
    registers: QEMU 7.2 describes none for the Cortex-M3/M4; with an FPU
    (--machine mps2-an386) the FP registers d0-d15 and fpscr (when named
    with --csrs) are read after every instruction of the FP space, and
    after every instruction on the slow path (each 1000th step): an
    exception return that pops an extended frame is checked there, or by
    the next FP instruction that reads the register."""
    if insn is None or len(insn) < 2:
        return None
    if insn[1] == 0xbe:
        return None
    return ARM_VFP_REGS if arm_fp_insn(insn) else ()


FAST_INSN = {"riscv:rv32": rv_fast_insn, "arm": arm_fast_insn}
DEFAULT_CSRS_BY_ARCH = {"arm": "msp,psp,primask,basepri,faultmask,control"}


def lockstep(a, E, Q, entry):
    gnames = [r[0] for r in E.gpr if r[0] in Q.byname]
    missing = [r[0] for r in E.gpr if r[0] not in Q.byname]
    if missing:
        raise RspError("registers only in emucov's description: %s" % ", ".join(missing))
    want = [c for c in (a.csrs or DEFAULT_CSRS_BY_ARCH.get(E.arch, DEFAULT_CSRS)).split(",") if c]
    csrs = [c for c in want if c in E.byname and c in Q.byname and c not in HOST_TIME_REGS]
    skipped_csrs = [c for c in want if c not in csrs]
    excluded = sorted(n for n in HOST_TIME_REGS if n in E.byname and n in Q.byname)
    print("lockstep: %s, entry 0x%x" % (os.path.basename(a.elf), entry))
    print("lockstep: comparing %d general registers (%s) and %d CSRs (%s)" %
          (len(gnames), ",".join(gnames), len(csrs), ",".join(csrs)))
    if excluded:
        print("lockstep: not compared (QEMU derives them from host time): %s" % ",".join(excluded))
    for c in csrs:
        if c in MASKED_BITS:
            print("lockstep: %s" % MASKED_BITS[c][1])
    if skipped_csrs:
        print("lockstep: not compared (not described by both): %s" % ",".join(skipped_csrs))
    for T in (E, Q):
        ing = {r[0] for r in T.g_layout}
        T.extra = [n for n in gnames if n not in ing]     # read with 'p' (slow path)
    # both 'g' packets have the same layout: compare them as text first
    same_layout = [(r[0], r[2]) for r in E.g_layout] == [(r[0], r[2]) for r in Q.g_layout] \
        and not E.extra and not Q.extra
    pc_reg = E.byname["pc"]
    pc_off = 0
    if not any(r[0] == "pc" for r in E.g_layout):
        raise RspError("emucov: the pc is not in the 'g' packet")
    for r in E.g_layout:
        if r[0] == "pc":
            break
        pc_off += 2 * r[2]
    image = ElfImage(a.elf)
    fast_insn = FAST_INSN.get(E.arch)
    check_csrs_after = CSR_POLICY.get(E.arch)
    known = KNOWN_DIFFERENCES.get(E.arch)

    def read_state(T, g, cl):
        """Registers from a 'g' reply plus the replies of the CSR reads
        already sent (cl), and the general registers not in 'g'."""
        vals = T.decode_g(g)
        for c in cl:
            rr = T.rsp.recv()
            if rr[:1] == b"E" or not rr:
                raise RspError("%s: cannot read %s: %r" % (T.name, c, rr))
            vals[c] = le_int(rr)
        for n in T.extra:
            vals[n] = le_int(T.rsp.cmd("p%x" % T.byname[n][1]))
        return vals

    def read_all(T):
        T.rsp.send("g")
        for c in csrs:
            T.rsp.send("p%x" % T.byname[c][1])
        return read_state(T, T.rsp.recv(), csrs)

    # align the initial general registers (QEMU's reset stub set some)
    qv = read_all(Q)
    ev = read_all(E)
    copied = []
    for n in gnames:
        if n == "pc":
            continue
        if qv[n] != ev[n]:
            num, size = E.byname[n][1], E.byname[n][2]
            if E.rsp.cmd("P%x=%s" % (num, le_hex(qv[n], size))) != b"OK":
                raise RspError("emucov: cannot set %s" % n)
            copied.append("%s=0x%x" % (n, qv[n]))
    if copied:
        print("lockstep: initial registers from QEMU's reset stub copied to emucov: %s" %
              " ".join(copied))
    ev = read_all(E)
    last_full = dict(ev)
    if check_csrs_after and csrs:
        print("lockstep: CSRs compared after every instruction that can change them "
              "(%s) and every 1000 steps; general registers after every step" %
              CSR_POLICY_TEXT[E.arch])
    elif csrs:
        print("lockstep: CSRs compared after every step")

    def diff(ev, qv, names):
        out = []
        for n in names:
            mask = MASKED_BITS[n][0] if n in MASKED_BITS else 0xffffffffffffffff
            if ev.get(n, -1) & mask != qv.get(n, -1) & mask:
                out.append(n)
        return out

    d0 = diff(ev, qv, gnames + csrs)
    if d0:
        print("lockstep: DIVERGENCE at step 0 (before the first instruction), pc 0x%x" % qv["pc"])
        for n in d0:
            print("  %-10s emucov 0x%08x  qemu 0x%08x" % (n, ev.get(n, -1), qv.get(n, -1)))
        return 1

    t0 = time.time()
    known_seen = {}
    byregnum = {r[1]: r[0] for r in E.gpr}
    nslow = [0]

    def regname(n):
        return byregnum.get(n, "?")

    def readmem(addr, n):
        r = E.rsp.cmd("m%x,%x" % (addr, n))
        try:
            return bytes.fromhex(r.decode())
        except ValueError:
            return None

    def known_summary():
        for kind, n in sorted(known_seen.items()):
            print("lockstep: known difference resolved %d time(s): %s" % (n, kind))

    def insn_at(pc):
        b = image.read(pc, 4)
        if b is None:
            b = image.read(pc, 2)
        if b is None:
            r = E.rsp.cmd("m%x,4" % pc)
            try:
                b = bytes.fromhex(r.decode())
            except ValueError:
                b = None
        return b

    def report(step, pc, prev, ev, qv, d):
        if "_g" in prev:
            prev = E.decode_g(prev["_g"])
        print("lockstep: DIVERGENCE at step %d: pc 0x%08x  %s" %
              (step, pc, disasm(a.objdump, a.elf, pc)))
        for n in d:
            print("  %-10s emucov 0x%08x  qemu 0x%08x  (before the step 0x%08x)" %
                  (n, ev[n], qv[n], prev.get(n, 0)))
        print("lockstep: %d instructions compared before the divergence" % (step - 1))
        return expect_result(a, step)

    def stopped(step, pc, er, qr):
        """True to go on; else the result of the run."""
        ek, eval_ = stop_kind(er)
        qk, qval = stop_kind(qr)
        if ek == "stop" and qk == "stop":
            return True
        if ek == qk and eval_ == qval:
            print("lockstep: both %s with status %s at step %d" % (
                "exited" if ek == "exit" else ek, eval_, step))
            known_summary()
            el = time.time() - t0
            print("lockstep: %d instructions compared, no divergence (%.1f s, %.0f steps/s, "
                  "%d slow-path steps)" % (step, el, step / max(el, 1e-6), nslow[0]))
            return expect_result(a, None)
        print("lockstep: DIVERGENCE at step %d: pc 0x%08x  %s" % (step, pc, disasm(a.objdump, a.elf, pc)))
        print("  emucov: %s %s   qemu: %s %s" % (ek, eval_, qk, qval))
        return expect_result(a, step)

    # Both targets are stopped after `step` steps, their state not read yet.
    # Fast path (an instruction that can change no compared CSR and needs no
    # fix-up): 'g' and the next 's' go out together to both targets, which
    # run concurrently; the 'g' reply is the state after `step`, compared
    # while both execute the next instruction.  (QEMU stops its VM on any
    # byte received while it runs, so nothing may follow the 's'.)  Slow
    # path: 'g' (and CSR reads) first, compare and fix up, then 's'.
    def pkt(body):
        b = body.encode()
        return b"$" + b + b"#" + b"%02x" % (sum(b) & 0xff)
    batch = {}                      # CSRs read in the fast path -> packets
    prev = ev                       # state before the instruction of `step`
    prev_pc = ev["pc"]
    step = 1
    E.rsp.send("s")
    Q.rsp.send("s")
    r = stopped(step, prev_pc, recv_or_exit(E), recv_or_exit(Q))
    if r is not True:
        return r
    while True:
        insn = insn_at(prev_pc)
        last = a.max_steps and step >= a.max_steps
        extra = None
        if (not last and fast_insn is not None and step % 1000 and same_layout and
                (not csrs or check_csrs_after is not None)):
            extra = fast_insn(insn)
        if extra is not None:
            cl = tuple(c for c in extra if c in csrs)
            if cl not in batch:
                batch[cl] = tuple(b"$g#67" + b"".join(pkt("p%x" % T.byname[c][1]) for c in cl) +
                                  b"$s#73" for T in (E, Q))
            E.rsp.send_raw(batch[cl][0])
            Q.rsp.send_raw(batch[cl][1])
            eg = E.rsp.recv()
            ecv = [E.rsp.recv() for c in cl]
            qg = Q.rsp.recv()
            qcv = [Q.rsp.recv() for c in cl]
            er = recv_or_exit(E)
            qr = recv_or_exit(Q)
            if cl:
                for c, e_, q_ in zip(cl, ecv, qcv):
                    if e_[:1] == b"E" or q_[:1] == b"E" or not e_ or not q_:
                        raise RspError("cannot read %s: %r %r" % (c, e_, q_))
                    last_full[c] = le_int(e_)
            if eg != qg or ecv != qcv:
                ev, qv = E.decode_g(eg), Q.decode_g(qg)
                for c in csrs:
                    ev[c] = qv[c] = last_full.get(c)
                for c, q_ in zip(cl, qcv):
                    qv[c] = le_int(q_)
                d = diff(ev, qv, gnames + list(cl))
                if d:
                    return report(step, prev_pc, prev, ev, qv, d)
            pc = int.from_bytes(bytes.fromhex(eg[pc_off:pc_off + 2 * pc_reg[2]].decode()), "little")
            prev = {"_g": eg}       # decoded only when needed
        else:
            nslow[0] += 1
            E.rsp.send("g")
            Q.rsp.send("g")
            eg, qg = E.rsp.recv(), Q.rsp.recv()
            ev0 = E.decode_g(eg)
            ihex = (insn or b"").hex().encode()
            full = check_csrs_after is None or step % 1000 == 0 or \
                check_csrs_after(ihex, ev0, last_full, step)
            cl = csrs if full else []
            for T in (E, Q):
                for c in cl:
                    T.rsp.send("p%x" % T.byname[c][1])
            ev, qv = read_state(E, eg, cl), read_state(Q, qg, cl)
            for c in csrs:
                if not full:
                    ev[c] = qv[c] = last_full.get(c)
            if full:
                last_full = dict(ev)
            if "_g" in prev:
                prev = E.decode_g(prev["_g"])
            d = diff(ev, qv, gnames + csrs)
            k = known(ihex, prev, ev, qv, d, regname, readmem) if known else None
            if k:
                kind, fix = k[0], k[1]
                for n, v in fix.items():
                    if Q.rsp.cmd("P%x=%s" % (Q.byname[n][1], le_hex(v, Q.byname[n][2]))) != b"OK":
                        raise RspError("qemu: cannot write %s" % n)
                    qv[n] = v
                for addr, data in (k[2] if len(k) > 2 else []):
                    if Q.rsp.cmd("M%x,%x:%s" % (addr, len(data), data.hex())) != b"OK":
                        raise RspError("qemu: cannot write memory at 0x%x" % addr)
                known_seen[kind] = known_seen.get(kind, 0) + 1
                if known_seen[kind] == 1:
                    print("lockstep: known difference at step %d (pc 0x%08x): %s" % (step, prev_pc, kind))
                d = diff(ev, qv, gnames + csrs)
            if d:
                return report(step, prev_pc, prev, ev, qv, d)
            if last:
                known_summary()
                el = time.time() - t0
                print("lockstep: %d instructions compared, no divergence; stopped at --max-steps %d "
                      "before the program's end (%.1f s, %.0f steps/s)" %
                      (step, a.max_steps, el, step / max(el, 1e-6)))
                return expect_result(a, None)
            E.rsp.send("s")
            Q.rsp.send("s")
            er, qr = recv_or_exit(E), recv_or_exit(Q)
            pc = ev["pc"]
            prev = ev
        step += 1
        r = stopped(step, pc, er, qr)
        if r is not True:
            return r
        prev_pc = pc
        if a.verbose and step % 20000 == 0:
            print("lockstep: %d steps, pc 0x%08x, %.0f steps/s" % (step, pc, step / (time.time() - t0)))


def expect_result(a, diverged_at):
    if a.expect_divergence_at:
        if diverged_at == a.expect_divergence_at:
            print("lockstep: seeded divergence caught at step %d as expected" % diverged_at)
            return 0
        print("lockstep: FAIL: expected the divergence at step %d, got %s" %
              (a.expect_divergence_at, diverged_at))
        return 1
    return 0 if diverged_at is None else 1


if __name__ == "__main__":
    sys.exit(main())
