#!/usr/bin/env python3
"""Build one symbolize test program: build_prog.py OUT.elf CC [FLAGS...]

main.c and util.c are compiled with FLAGS (which carry -O and -gdwarf-N); nodebug.c is compiled
with the same FLAGS but -g0 so that part of .text has no DWARF at all. Linked with -nostdlib,
entry _start."""
import os
import subprocess
import sys

out, cc, flags = sys.argv[1], sys.argv[2], sys.argv[3:]
src = os.path.join(os.path.dirname(os.path.abspath(__file__)), "progs")
nodebug_o = out + ".nodebug.o"
subprocess.run([cc] + flags + ["-g0", "-c", os.path.join(src, "nodebug.c"), "-o", nodebug_o],
               check=True)
subprocess.run([cc] + flags + ["-nostdlib", "-Wl,-e,_start", "-o", out,
                               os.path.join(src, "main.c"), os.path.join(src, "util.c"),
                               nodebug_o], check=True)
os.remove(nodebug_o)
