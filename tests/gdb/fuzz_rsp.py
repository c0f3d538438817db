#!/usr/bin/env python3
"""tests/gdb/fuzz_rsp.py - hostile input to emucov's gdb server.

usage: fuzz_rsp.py EMUCOV ELF

Starts `emucov run -gdb tcp::0 -S ELF` and, over raw sockets, sends bad
checksums, oversize packets, binary garbage, truncated packets, unknown
packets, malformed arguments of every command, and abrupt disconnects.
After each round it checks that the server still answers a well-formed
packet correctly (qSupported / register read / memory read), and at the end
that the guest still runs to its normal exit (status 3 for gdb_target.elf,
any status for other programs) and emucov never crashed.  Deterministic
(seeded random).
"""
import random
import re
import socket
import struct
import subprocess
import sys
import time

# per ELF e_machine: the pc's gdb register number, an MMIO address of the
# board (a UART: reads must be refused), the breakpoint kind gdb uses
ARCH = {
    243: {"pc": b"20", "mmio": 0x10000000, "bpkind": 4},      # RISC-V, virt
    40: {"pc": b"f", "mmio": 0x40004000, "bpkind": 2},        # ARM, mps2-an385
}


def elf_info(path):
    """(e_machine, code address: the entry point without the Thumb bit)"""
    with open(path, "rb") as f:
        h = f.read(28)
    return struct.unpack_from("<H", h, 18)[0], struct.unpack_from("<I", h, 24)[0] & ~3

failures = []


def check(cond, what):
    print(("ok: " if cond else "FAIL: ") + what)
    if not cond:
        failures.append(what)


def csum(data):
    return b"%02x" % (sum(data) & 0xff)


def frame(data):
    return b"$" + data + b"#" + csum(data)


class Conn:
    def __init__(self, port):
        self.s = socket.create_connection(("127.0.0.1", port), timeout=5)
        self.buf = b""

    def send_raw(self, b):
        self.s.sendall(b)

    def read_packet(self, timeout=5):
        """The next $...#xx packet (acks skipped); None on timeout/close."""
        end = time.time() + timeout
        while True:
            m = re.search(rb"\$([^#$]*)#([0-9a-fA-F]{2})", self.buf, re.S)
            if m:
                self.buf = self.buf[m.end():]
                self.s.sendall(b"+")
                return m.group(1)
            left = end - time.time()
            if left <= 0:
                return None
            self.s.settimeout(left)
            try:
                d = self.s.recv(65536)
            except socket.timeout:
                return None
            if not d:
                return None
            self.buf += d

    def drain(self):
        """Drop replies to earlier packets still in flight."""
        self.s.settimeout(0.1)
        try:
            while self.s.recv(65536):
                pass
        except (socket.timeout, BlockingIOError):
            pass
        self.buf = b""

    def cmd(self, data, timeout=5):
        self.drain()
        self.s.sendall(frame(data))
        return self.read_packet(timeout)

    def close(self):
        self.s.close()


def symbol(elf, name):
    try:
        out = subprocess.run(["nm", elf], stdout=subprocess.PIPE, check=True).stdout.decode()
    except (OSError, subprocess.CalledProcessError):
        return None
    m = re.search(r"^([0-9a-f]+) [DdBbTt] %s$" % name, out, re.M)
    return int(m.group(1), 16) & ~1 if m else None


A = {}


def healthy(c, what):
    r = c.cmd(b"qSupported:swbreak+")
    ok = r is not None and b"PacketSize=" in r
    r2 = c.cmd(b"p" + A["pc"])          # pc
    ok = ok and r2 is not None and re.fullmatch(rb"[0-9a-f]{8}", r2) is not None
    r3 = c.cmd(b"m%x,4" % A["code"])
    ok = ok and r3 is not None and re.fullmatch(rb"[0-9a-f]{8}", r3) is not None
    check(ok, "server answers correctly after " + what)
    return ok


def main():
    emucov, elf = sys.argv[1], sys.argv[2]
    mach, code = elf_info(elf)
    if mach not in ARCH:
        print("FAIL: %s: no settings for ELF machine %d" % (elf, mach))
        return 1
    A.update(ARCH[mach])
    A["code"] = code
    p = subprocess.Popen([emucov, "run", "--trace-mode", "none", "-gdb", "tcp::0", "-S", elf],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    port = None
    for _ in range(20):
        line = p.stderr.readline()
        m = re.search(rb"listening on [^:]+:(\d+)", line)
        if m:
            port = int(m.group(1))
            break
    if port is None:
        print("FAIL: no gdb server")
        p.kill()
        return 1
    rnd = random.Random(1234)
    try:
        c = Conn(port)
        healthy(c, "connect")

        # bad checksum: '-' and the packet ignored
        c.buf = b""
        c.send_raw(b"$g#00")
        time.sleep(0.2)
        c.s.settimeout(1)
        got = c.s.recv(100)
        check(got.startswith(b"-"), "bad checksum answered with '-' (%r)" % got[:10])
        healthy(c, "bad checksum")

        # non-hex checksum
        c.send_raw(b"$g#zz")
        healthy(c, "non-hex checksum")

        # oversize packet
        big = b"m" + b"0" * 40000
        r = c.cmd(big)
        check(r is not None and r.startswith(b"E"), "oversize packet gets an error reply (%r)" % (r[:8] if r else r))
        healthy(c, "oversize packet")

        # unknown packets: empty reply
        for u in [b"qFrobnicate", b"vFrob", b"!", b"j", b"Qfoo", b"y123", b"\x01\x02"]:
            r = c.cmd(u)
            check(r == b"", "unknown packet %r gets the empty reply (%r)" % (u, r))

        # malformed arguments of every command: error or empty replies, no crash
        bad = [b"m", b"m,", b"mzz,4", b"m80000000", b"m80000000,", b"m80000000,zz",
               b"m1,4", b"mffffffff,100", b"m" + b"f" * 40 + b",4", b"M80000000,4:zz",
               b"M80000000,4:00", b"M80000000,ffffffff:00", b"X80000000,4:", b"X80000000,2:}",
               b"p", b"pzz", b"p99999", b"P20", b"P20=", b"P20=zz", b"P9999=00000000", b"G",
               b"Gzz", b"G0", b"Z0", b"Z0,", b"Z0,80000000", b"Z9,80000000,2", b"z0,zz,2",
               b"Z2,80000000,0", b"Z2,80000000,ffffffffff", b"qXfer:features:read:",
               b"qXfer:features:read:target.xml:", b"qXfer:features:read:target.xml:zz,10",
               b"qXfer:features:read:other.xml:0,10", b"qXfer:features:read:target.xml:ffffff,10",
               b"qRcmd,zz", b"qRcmd,6", b"qRcmd,00", b"vCont", b"vCont;", b"vCont;x",
               b"Cxx", b"S;", b"c zz", b"H", b"T"]
        for b_ in bad:
            r = c.cmd(b_)
            check(r is not None, "malformed %r answered (%r)" % (b_[:30], r[:12] if r else r))
        healthy(c, "malformed arguments")

        # a read of MMIO (no side effects allowed) is an error, not a crash
        r = c.cmd(b"m%x,8" % A["mmio"])
        check(r is not None and r.startswith(b"E"), "MMIO read refused (%r)" % r)

        # binary garbage, including '$' and '#' and 0x03 bytes, then resync
        for _ in range(30):
            g = bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 300)))
            c.send_raw(g)
        c.send_raw(b"#00")          # end any half-open packet
        time.sleep(0.3)
        healthy(c, "binary garbage")

        # truncated packets followed by a good one (a new '$' restarts)
        c.send_raw(b"$m80000000,4")
        c.send_raw(b"$qSupp")
        healthy(c, "truncated packets")

        # random well-framed packets with random bodies (no resume commands)
        for _ in range(300):
            body = bytes(rnd.choice(b"0123456789abcdefmMpPgGZzqQvXHT,:;=#$}") for _ in
                         range(rnd.randrange(0, 40)))
            body = body.replace(b"#", b"").replace(b"$", b"")
            # no resume/kill/detach and no writes (they would change the guest)
            if body[:1] in (b"c", b"s", b"C", b"S", b"D", b"k", b"v", b"G", b"P", b"M", b"X",
                            b"Z", b"Q") or body.startswith(b"qRcmd"):
                continue
            c.send_raw(frame(body))
        time.sleep(0.5)
        healthy(c, "random packets")

        # no-ack mode
        r = c.cmd(b"QStartNoAckMode")
        check(r == b"OK", "QStartNoAckMode")
        healthy(c, "no-ack mode")

        # Ctrl-C while stopped is harmless
        c.send_raw(b"\x03")
        healthy(c, "Ctrl-C while stopped")

        # a software breakpoint is invisible in memory reads
        before = c.cmd(b"m%x,8" % A["code"])
        r = c.cmd(b"Z0,%x,%x" % (A["code"], A["bpkind"]))
        check(r == b"OK", "Z0 accepted")
        after = c.cmd(b"m%x,8" % A["code"])
        check(before == after and before is not None and len(before) == 16,
              "memory under a software breakpoint reads the original bytes")
        check(c.cmd(b"z0,%x,%x" % (A["code"], A["bpkind"])) == b"OK", "z0 accepted")

        # Ctrl-C interrupts a running guest (gdb_target spins while spin == 1)
        spin = symbol(sys.argv[2], "spin")
        main_pc = symbol(sys.argv[2], "main")
        if spin is not None and main_pc is not None:
            # run to main first: the start code may copy .data (ARM: from
            # flash), which would overwrite spin
            check(c.cmd(b"Z0,%x,%x" % (main_pc, A["bpkind"])) == b"OK", "Z0 at main")
            c.drain()
            c.send_raw(frame(b"c"))
            r = c.read_packet(timeout=10)
            check(r is not None and r.startswith(b"T05"), "stops at main (%r)" % r)
            check(c.cmd(b"z0,%x,%x" % (main_pc, A["bpkind"])) == b"OK", "z0 at main")
            check(c.cmd(b"M%x,4:01000000" % spin) == b"OK", "set spin = 1")
            c.drain()
            c.send_raw(frame(b"c"))
            time.sleep(0.5)
            c.send_raw(b"\x03")
            r = c.read_packet(timeout=10)
            check(r is not None and r.startswith(b"T02"), "Ctrl-C stops the guest with T02 (%r)" % r)
            check(c.cmd(b"M%x,4:00000000" % spin) == b"OK", "set spin = 0")
            healthy(c, "Ctrl-C while running")

        # abrupt disconnect in the middle of a packet: the server detaches
        # and the guest runs on to its normal exit
        c.send_raw(b"$m8000")
        c.close()
        rc = p.wait(timeout=30)
        check(rc == 3, "after an abrupt disconnect the guest ran to its exit (status %d)" % rc)
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    if failures:
        print("%d check(s) failed" % len(failures))
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
