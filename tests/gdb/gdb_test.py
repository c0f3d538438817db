#!/usr/bin/env python3
"""tests/gdb/gdb_test.py - drive gdb-multiarch in batch mode against emucov.

usage: gdb_test.py --emucov EMUCOV --gdb GDB --case NAME ELF [ELF2]

Each case starts `emucov run -gdb tcp::0 -S` (a free port, read from
emucov's "gdb server listening on" line), runs gdb-multiarch -batch with a
list of commands, and checks gdb's output and emucov's exit status.

Cases (what each proves):
  break-step   break on a function by name, bt, info registers, stepi,
               step/next/finish, x/ memory, print
  hbreak       hardware breakpoint (Z1) stops with the function's arguments
  watch        a write watchpoint on a global stops on its write with old and
               new value; rwatch/awatch are accepted
  set-var      `set var` on a global changes the guest's exit status (3 -> 7)
  exit         continue to the guest's exit: gdb reports the exit code, and
               emucov exits with it
  monitor      monitor info/help, monitor reset restarts at the entry point
  fused        an `lw` followed by an `addi` in a loop (one fused operation in
               emucov's RISC-V interpreter): a breakpoint set on the addi
               after the block ran stops there, and stepi from the lw stops
               on the addi, then after it; one set before the block was
               translated stops there on two passes of the loop
  vfp          Cortex-M4F (-M mps2-an386): d0-d15/fpscr (gdb's arm.vfp
               feature) and the s0-s31 pseudo registers read and write
  trace-same   the trace of a run debugged with breakpoints, steps and a
               watchpoint equals the trace of a plain run (`emucov trace dump`
               identical; `trace info` identical apart from the command line)
               for ELF (and ELF2 when given, e.g. a timer-interrupt program)
"""
import argparse
import os
import re
import struct
import subprocess
import sys
import tempfile
import time

# What differs between the ISAs, by ELF e_machine: the return-address
# register, the code and RAM address prefixes, the board, and the system
# register checks of break-step (commands, then (pattern, what) pairs).
ARCH = {
    243: {  # RISC-V on virt
        "ra": "ra", "code": r"0x8000[0-9a-f]+", "sp": r"0x8", "arg0": "a0",
        "board": "virt",
        # gdb steps RISC-V in software (a breakpoint after the instruction,
        # then continue): the stepi after a reset runs into bump again
        "reset_stepi": ("bump", []),
        "sys_cmds": ["print/x $misa", "print $priv", "set $mscratch = 0x1234",
                     "print/x $mscratch"],
        "sys_checks": [(r"= 0x40101105", "CSR misa readable (RV32IMACU)"),
                       (r"\$\d+ = 3\b", "virtual register priv shows machine mode (3)"),
                       (r"= 0x1234", "CSR mscratch writable")],
    },
    40: {  # ARMv7-M on mps2-an385 (code in flash at 0, RAM at 0x20000000)
        "ra": "lr", "code": r"0x[0-9a-f]+", "sp": r"0x20[0-9a-f]{6}", "arg0": "r0",
        "board": "mps2-an385",
        # gdb steps ARM with the stub's 's': the stepi after a reset executes
        # the reset handler's first instruction; continue then reaches bump
        "reset_stepi": ("rt_reset", ["continue"]),
        "sys_cmds": ["print/x $xpsr", "print/x $control", "print/x $msp == $sp",
                     "set $basepri = 0x40", "print/x $basepri", "set $basepri = 0"],
        "sys_checks": [(r"= 0x[0-9a-f]?1[0-9a-f]{6}\b", "xpsr readable (Thumb bit set)"),
                       (r"= 0x0\b", "control readable (privileged, MSP)"),
                       (r"= 0x1\b", "msp is the sp in use (Thread mode, CONTROL.SPSEL=0)"),
                       (r"= 0x40\b", "basepri writable")],
    },
}


def elf_arch(path):
    with open(path, "rb") as f:
        h = f.read(20)
    mach = struct.unpack_from("<H", h, 18)[0]
    if mach not in ARCH:
        raise SystemExit("gdb_test: %s: no settings for ELF machine %d" % (path, mach))
    return ARCH[mach]


def start_emucov(emucov, elf, extra, cwd):
    p = subprocess.Popen([emucov, "run", "-gdb", "tcp::0", "-S"] + extra + [elf],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd)
    port = None
    deadline = time.time() + 10
    line = b""
    while time.time() < deadline:
        line = p.stderr.readline()
        if not line:
            break
        m = re.search(rb"gdb server listening on [^:]+:(\d+)", line)
        if m:
            port = int(m.group(1))
            break
    if port is None:
        p.kill()
        raise SystemExit("emucov did not start its gdb server: %r" % line)
    return p, port


def run_gdb(gdb, elf, port, cmds, timeout=60):
    args = [gdb, "-nx", "-batch", "-ex", "set pagination off", "-ex", "set confirm off",
            "-ex", "target remote 127.0.0.1:%d" % port]
    for c in cmds:
        args += ["-ex", c]
    args.append(elf)
    r = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       timeout=timeout)
    return r.stdout.decode("utf-8", "replace")


def session(a, elf, cmds, extra=None, cwd=None):
    p, port = start_emucov(a.emucov, elf, extra or ["--trace-mode", "none"], cwd)
    try:
        out = run_gdb(a.gdb, elf, port, cmds)
        try:
            rc = p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()
            rc = None
        eout = p.stdout.read().decode("utf-8", "replace")
        eerr = p.stderr.read().decode("utf-8", "replace")
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    return out, rc, eout, eerr


failures = []


def check(cond, what, out):
    if cond:
        print("ok: " + what)
    else:
        print("FAIL: " + what)
        failures.append(what)
        print("---- output ----\n" + out + "\n----------------")


def expect(out, pattern, what):
    check(re.search(pattern, out, re.M) is not None, "%s (/%s/)" % (what, pattern), out)


def case_break_step(a):
    A = elf_arch(a.elf[0])
    out, rc, eout, _ = session(a, a.elf[0], [
        "break square", "continue", "bt", "info registers",
        "stepi", "info registers pc", "finish", "next", "step", "step", "bt 1",
        "x/4xw &table", "print/x table[2]", "print watched"] + A["sys_cmds"] + [
        "set $%s = 77" % A["arg0"], "print $%s" % A["arg0"], "kill"])
    expect(out, r"Breakpoint 1, square \(x=0\)", "break on function by name stops there")
    expect(out, r"#1\s+0x[0-9a-f]+ in main \(\)", "backtrace shows the caller")
    expect(out, r"^%s\s+%s" % (A["ra"], A["code"]), "info registers shows %s" % A["ra"])
    expect(out, r"^sp\s+%s" % A["sp"], "info registers shows sp")
    expect(out, r"^pc\s+%s\s+%s <square\+\d+>" % (A["code"], A["code"]),
           "stepi moves pc inside square")
    expect(out, r"Value returned is \$\d+ = 0", "finish shows square(0) = 0")
    expect(out, r"#0\s+square \(x=1\)", "step enters square again (x=1)")
    expect(out, r"<table>:\s+0x11223344\s+0x55667788\s+0x99aabbcc\s+0xddeeff00", "x/4xw reads memory")
    expect(out, r"= 0x99aabbcc", "print of an array element")
    expect(out, r"\$\d+ = 0\b", "print watched before its write")
    for pat, what in A["sys_checks"]:
        expect(out, pat, what)
    expect(out, r"\$\d+ = 77", "general register writable")


def case_hbreak(a):
    out, rc, eout, _ = session(a, a.elf[0], [
        "hbreak bump", "break square", "continue", "delete 2", "next", "next",
        "break square", "continue", "delete 3", "continue", "print k", "info breakpoints", "kill"])
    expect(out, r"Breakpoint 2, square \(x=0\)", "software breakpoint stops (x=0)")
    expect(out, r"Breakpoint 3, square \(x=[12]\)",
           "a breakpoint set in code already translated and run stops there")
    expect(out, r"Breakpoint 1, bump \(k=285\)", "hbreak stops in bump with its argument")
    expect(out, r"Hardware assisted breakpoint 1 at", "hbreak accepted")
    expect(out, r"\$1 = 285", "argument readable")
    expect(out, r"hw breakpoint\s+keep y", "listed as a hardware breakpoint")


def case_fused(a):
    # find the first lw immediately followed by an addi rd,rs,imm (rs not
    # zero, imm not 0; gdb prints c.addi as "add rd,rs,imm") in main: the
    # pair the interpreter fuses
    out, _, _, _ = session(a, a.elf[0], ["x/60i main", "kill"])
    insns = re.findall(r"^\s*(?:=> )?0x([0-9a-f]+) <main\+\d+>:\s+(\S+)\s+(\S*)", out, re.M)
    pair = None
    for (pa, ma, _), (pb, mb, ob) in zip(insns, insns[1:]):
        ops = ob.split(",")
        if (ma == "lw" and mb in ("addi", "add") and len(ops) == 3 and ops[1] != "zero"
                and re.fullmatch(r"-?[0-9]+", ops[2]) and ops[2] != "0"):
            pair = (int(pa, 16), int(pb, 16))
            break
    check(pair is not None, "main has an lw + addi pair", out)
    if pair is None:
        return
    lw, addi = pair
    nxt = [int(p, 16) for p, _, _ in insns if int(p, 16) > addi][0]
    out, rc, eout, _ = session(a, a.elf[0], [
        "break square", "continue", "continue", "delete",
        "break *0x%x" % addi, "continue", "info registers pc", "delete",
        "break *0x%x" % lw, "continue", "stepi", "info registers pc",
        "stepi", "info registers pc", "kill"])
    expect(out, r"Breakpoint 2, 0x0*%x in main" % addi,
           "breakpoint on the second instruction of a fused pair already run stops there")
    pcs = [int(v, 16) for v in re.findall(r"^pc\s+0x([0-9a-f]+)", out, re.M)]
    check(pcs == [addi, addi, nxt],
          "pc at the addi breakpoint, after stepi from the lw (the addi), after one more "
          "stepi: %s, expected %s" % ([hex(v) for v in pcs], [hex(v) for v in (addi, addi, nxt)]),
          out)
    # a breakpoint set on the addi before anything ran, kept while the block
    # is translated (fused at translation, split by the breakpoint), stops at
    # each pass of the loop
    out, rc, eout, _ = session(a, a.elf[0], [
        "break *0x%x" % addi, "continue", "info registers pc", "continue",
        "info registers pc", "kill"])
    hits = re.findall(r"Breakpoint 1, 0x0*%x in main" % addi, out)
    pcs = [int(v, 16) for v in re.findall(r"^pc\s+0x([0-9a-f]+)", out, re.M)]
    check(len(hits) == 2 and pcs == [addi, addi],
          "breakpoint on the second instruction of a fused pair, set before translation, "
          "stops there twice: %d hits, pcs %s" % (len(hits), [hex(v) for v in pcs]), out)


def case_watch(a):
    out, rc, eout, _ = session(a, a.elf[0], [
        "watch watched", "continue", "bt 1", "delete",
        "rwatch table[3]", "awatch tweak", "continue", "continue", "delete",
        "continue"])
    expect(out, r"Hardware watchpoint 1: watched", "watch uses a hardware watchpoint")
    expect(out, r"Old value = 0\s+New value = 285", "stops on the write with old/new value")
    expect(out, r"#0\s+.*bump \(k=285\)", "stops in the writer")
    expect(out, r"Hardware read watchpoint \d+: table\[3\]", "rwatch accepted")
    expect(out, r"Hardware access \(read/write\) watchpoint \d+: tweak", "awatch accepted")
    expect(out, r"Value = 1", "access watchpoint stops on the read of tweak")
    expect(out, r"exited with code 03", "guest exit reported after the watchpoints")
    check(rc == 3, "emucov exit status 3 (got %r)" % rc, out)


def case_set_var(a):
    out, rc, eout, _ = session(a, a.elf[0], [
        "break bump", "continue", "set var tweak = 2", "print tweak", "continue"])
    expect(out, r"\$1 = 2", "the variable reads back")
    expect(out, r"exited with code 07", "the guest saw the new value (exit 7)")
    check(rc == 7, "emucov exit status 7 (got %r)" % rc, out)
    check("tweak=0x00000002" in eout, "guest printed tweak=2", eout)


def case_exit(a):
    out, rc, eout, _ = session(a, a.elf[0], ["continue"])
    expect(out, r"\[Inferior 1 \(Remote target\) exited with code 03\]", "gdb reports exit code 3")
    check(rc == 3, "emucov exit status 3 (got %r)" % rc, out)
    check("acc=0x0000011d" in eout, "guest output intact (acc=285)", eout)


def case_monitor(a):
    A = elf_arch(a.elf[0])
    out, rc, eout, _ = session(a, a.elf[0], [
        "monitor help", "break bump", "continue", "monitor info", "set var watched = 99",
        "monitor reset", "stepi", "info registers pc"] + A["reset_stepi"][1] + [
        "print watched", "monitor frobnicate", "monitor quit"])
    expect(out, r"monitor commands: reset, info, quit", "monitor help")
    expect(out, r"board: %s" % A["board"], "monitor info names the board")
    expect(out, r"icount: \d+", "monitor info gives the instruction count")
    expect(out, r"^pc\s+%s\s+%s <%s\+\d+>" % (A["code"], A["code"], A["reset_stepi"][0]),
           "after monitor reset, stepping over the breakpoint restarts the program (%s)"
           % A["reset_stepi"][0])
    expect(out, r"\$1 = 0\b", "after the reset the start code cleared .bss again (watched = 0 in bump)")
    expect(out, r"unknown monitor command 'frobnicate'", "unknown monitor command reported")
    check(rc == 130, "monitor quit ends emucov (status 130, got %r)" % rc, out)


def trace_text(emucov, path, what):
    r = subprocess.run([emucov, "trace", what, path], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT)
    return r.stdout.decode("utf-8", "replace")


def case_trace_same(a):
    for elf in a.elf:
        with tempfile.TemporaryDirectory() as d:
            plain = os.path.join(d, "plain.trace")
            dbg = os.path.join(d, "dbg.trace")
            r = subprocess.run([a.emucov, "run", "--trace", plain, elf],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            syms = subprocess.run(["nm", elf], stdout=subprocess.PIPE).stdout.decode()
            funcs = [f for f in ("square", "bump", "main", "heap_sort", "sift_down",
                                 "timer_handler", "rt_trap_dispatch", "quicksort", "on_t0",
                                 "on_systick", "on_svc", "rt_exc_dispatch", "rt_putc",
                                 "rt_print_val")
                     if re.search(r" [Tt] %s$" % f, syms, re.M)]
            cmds = []
            for f in funcs[:3]:
                cmds.append("break %s" % f)
            cmds += ["continue", "stepi", "stepi", "stepi", "next", "continue",
                     "stepi 25", "continue", "info registers pc"]
            if re.search(r" [BbDd] watched$", syms, re.M):
                cmds += ["watch watched", "continue"]
            cmds += ["delete", "hbreak rt_putc" if "rt_putc" in funcs else "info registers",
                     "continue", "stepi 40", "continue", "stepi 7", "delete", "continue"]
            out, rc, eout, _ = session(a, elf, cmds, extra=["--trace", dbg])
            check(rc == r.returncode, "%s: same exit status debugged (%r) and plain (%r)"
                  % (os.path.basename(elf), rc, r.returncode), out)
            d1 = trace_text(a.emucov, plain, "dump")
            d2 = trace_text(a.emucov, dbg, "dump")
            check(d1 == d2 and len(d1) > 100, "%s: trace dump identical (%d lines)"
                  % (os.path.basename(elf), d1.count("\n")), diff_head(d1, d2) + out)
            i1 = [l for l in trace_text(a.emucov, plain, "info").splitlines()
                  if not re.match(r"(trace|command|argv)", l.lower())]
            i2 = [l for l in trace_text(a.emucov, dbg, "info").splitlines()
                  if not re.match(r"(trace|command|argv)", l.lower())]
            check(i1 == i2, "%s: trace info identical apart from the command line"
                  % os.path.basename(elf), "\n".join(i1) + "\n--\n" + "\n".join(i2))


def diff_head(a, b):
    la, lb = a.splitlines(), b.splitlines()
    for i in range(min(len(la), len(lb))):
        if la[i] != lb[i]:
            return "first difference at line %d:\n  plain: %s\n  debug: %s\n" % (i + 1, la[i], lb[i])
    return "lengths differ: %d vs %d lines\n" % (len(la), len(lb))


def case_vfp(a):
    """ELF = fpu-ldst-nocp (Cortex-M4F): at rt_done d3 holds the pair it
    moved in with vmov d3, r, r; the FP registers of gdb's
    org.gnu.gdb.arm.vfp feature are readable and writable (s31 is gdb's
    pseudo register over d15)."""
    out, rc, eout, _ = session(a, a.elf[0], [
        "break rt_done", "continue", "print/x $d3", "print/x $s7", "print/x $s6",
        "print/x $fpscr", "set var $s31 = 2.5", "print $s31", "print/x $d15",
        "set var $fpscr = 0x03c0009f", "print/x $fpscr", "kill"],
        ["--trace-mode", "none", "-M", "mps2-an386"])
    expect(out, r"= 0x4444444433333333$", "d3 = s7:s6 as moved in by vmov d3, r, r")
    expect(out, r"= 0x44444444$", "s7 (pseudo register, high half of d3)")
    expect(out, r"= 0x33333333$", "s6 (low half of d3)")
    expect(out, r"\$\d+ = 2.5$", "s31 writable")
    expect(out, r"= 0x4020000000000000$", "d15 holds 2.5f in its high half")
    expect(out, r"= 0x3c0009f$", "fpscr writable")


CASES = {
    "break-step": case_break_step,
    "hbreak": case_hbreak,
    "watch": case_watch,
    "set-var": case_set_var,
    "exit": case_exit,
    "monitor": case_monitor,
    "fused": case_fused,
    "trace-same": case_trace_same,
    "vfp": case_vfp,
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--emucov", required=True)
    ap.add_argument("--gdb", required=True)
    ap.add_argument("--case", required=True, choices=sorted(CASES))
    ap.add_argument("elf", nargs="+")
    a = ap.parse_args()
    CASES[a.case](a)
    if failures:
        print("%d check(s) failed" % len(failures))
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
