#!/usr/bin/env python3
"""xcov merge / report DB / who / useless / check-build on real traces.

* two runs of one firmware and one of another, merged in two orders and two
  groupings: the consolidated JSON reports are byte-identical;
* the statement totals of `xcov report MERGED.db` equal those of
  `xcov report` over the same traces when they share an ELF;
* `useless` names the duplicate run; `who FILE:LINE` names the tests that
  covered a line both ran;
* `check-build` gives a verdict per compile unit and a non-zero status for
  an optimised build;
* bad input gives one line and the documented status.

usage: consolidation.py EMUCOV XCOV ELF_A ELF_B
"""
import json
import os
import subprocess
import sys
import tempfile


def run(cmd, cwd, ok=(0,)):
    r = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       stdin=subprocess.DEVNULL, timeout=300)
    if r.returncode not in ok:
        raise SystemExit("FAIL: %s -> %d\n%s%s" % (" ".join(cmd), r.returncode,
                                                    r.stdout.decode(), r.stderr.decode()))
    return r


def main():
    emucov, xcov, elf_a, elf_b = (os.path.abspath(a) for a in sys.argv[1:5])
    fails = []
    with tempfile.TemporaryDirectory() as d:
        run([emucov, "run", "--trace", "a1.trace", elf_a], d)
        run([emucov, "run", "--trace", "a2.trace", elf_a], d)
        run([emucov, "run", "--trace", "b.trace", elf_b], d)
        run([xcov, "merge", "-o", "x.db", "a1.trace", "a2.trace", "b.trace"], d)
        run([xcov, "merge", "-o", "y1.db", "b.trace"], d)
        run([xcov, "merge", "-o", "y2.db", "a2.trace", "a1.trace"], d)
        run([xcov, "merge", "-o", "y.db", "y2.db", "y1.db"], d)
        for db in ("x", "y"):
            run([xcov, "report", db + ".db", "--format", "json", "-o", db + "-json", "-q"], d)
        with open(os.path.join(d, "x-json", "coverage.json"), "rb") as f1, \
                open(os.path.join(d, "y-json", "coverage.json"), "rb") as f2:
            if f1.read() != f2.read():
                fails.append("merge order/grouping changed the consolidated report")
        # same-ELF consolidation equals a report over the traces
        run([xcov, "merge", "-o", "a.db", "a1.trace", "a2.trace"], d)
        run([xcov, "report", "a.db", "--format", "json", "-o", "adb", "-q"], d)
        run([xcov, "report", "a1.trace", "a2.trace", "--format", "json", "-o", "atr", "-q"], d)
        t_db = json.load(open(os.path.join(d, "adb", "coverage.json")))["totals"]
        t_tr = json.load(open(os.path.join(d, "atr", "coverage.json")))["totals"]
        for k in ("stmt", "line"):
            if k not in t_db or t_db[k] != t_tr.get(k):
                fails.append("%s totals: %s from the database, %s from the traces"
                             % (k, t_db.get(k), t_tr.get(k)))
        if not t_db.get("stmt", {}).get("covered"):
            fails.append("no statement covered in the consolidated report")
        u = run([xcov, "useless", "x.db"], d).stdout.decode()
        if "a1" not in u and "a2" not in u:
            fails.append("useless does not name the duplicate run:\n" + u)
        # a covered line of the shared runtime: who names tests that ran it
        rep = json.load(open(os.path.join(d, "x-json", "coverage.json")))
        target = None
        for f in rep["files"]:
            if f["path"].endswith("rt.c"):
                for ln in f["lines"]:
                    if ln.get("mark") == "+":
                        target = "%s:%d" % (f["path"], ln["number"])
                        break
            if target:
                break
        if not target:
            fails.append("no covered line of rt.c in the consolidated report")
        else:
            w = run([xcov, "who", "x.db", target], d).stdout.decode()
            print("who %s ->" % target, " ".join(w.split())[:200])
            if not any(t in w for t in ("a1", "a2", "b")):
                fails.append("who %s names no test:\n%s" % (target, w))
        cb = run([xcov, "check-build", elf_a], d, ok=(0, 1))
        if "CU " not in cb.stdout.decode():
            fails.append("check-build printed no verdict per compile unit")
        # bad input
        for args, st in ((["who", "x.db", "nocolon"], 1), (["who", "nope.db", "a.c:1"], 2),
                         (["useless"], 1), (["merge", "a1.trace"], 1),
                         (["check-build", "/nonexistent.elf"], 3),
                         (["report", "notadb.db"], 2)):
            r = run([xcov] + args, d, ok=(st,))
            lines = r.stderr.decode().strip().splitlines()
            if len(lines) != 1:
                fails.append("xcov %s: %d lines on stderr" % (" ".join(args), len(lines)))
        print("merged reports identical, totals: %s" % t_db)
    for f in fails:
        print("FAIL: " + f)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
