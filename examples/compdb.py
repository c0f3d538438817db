#!/usr/bin/env python3
"""Write a compile_commands.json for firmware sources built by a custom
target (meson does not list those), so xcov's libclang parse sees the same
options as the cross compiler.

usage: compdb.py OUT DIRECTORY COMPILER -- FLAGS... -- SOURCES...
"""
import json
import os
import sys

out, directory, compiler = sys.argv[1], sys.argv[2], sys.argv[3]
rest = sys.argv[5:]
sep = rest.index("--")
flags, sources = rest[:sep], rest[sep + 1:]
entries = [{"directory": directory,
            "file": os.path.abspath(s),
            "arguments": [compiler] + flags + ["-c", os.path.abspath(s)]}
           for s in sources]
with open(out, "w") as f:
    json.dump(entries, f, indent=1)
    f.write("\n")
