#!/usr/bin/env python3
"""Build one symbolize test program:

    build_prog.py OUT.elf CC [FLAGS...] [--link LINK_CC [LINK_FLAGS...]]

main.c and util.c are compiled with FLAGS (which carry -O and -gdwarf-N); nodebug.c is compiled
with the same FLAGS but -g0 so that part of .text has no DWARF at all. Linked with -nostdlib,
entry _start, by CC (or by LINK_CC: clang objects are linked by the GCC cross driver)."""
import os
import subprocess
import sys

args = sys.argv[1:]
link = None
if "--link" in args:
    i = args.index("--link")
    args, link = args[:i], args[i + 1:]
out, cc, flags = args[0], args[1], args[2:]
link = link or [cc] + flags
src = os.path.join(os.path.dirname(os.path.abspath(__file__)), "progs")
objs = []
for name in ("main", "util", "nodebug"):
    obj = f"{out}.{name}.o"
    extra = ["-g0"] if name == "nodebug" else []
    subprocess.run([cc] + flags + extra + ["-c", os.path.join(src, name + ".c"), "-o", obj],
                   check=True)
    objs.append(obj)
subprocess.run(link + ["-nostdlib", "-Wl,-e,_start", "-o", out] + objs, check=True)
for obj in objs:
    os.remove(obj)
