#!/usr/bin/env python3
"""`symbolize` on bad input: one line on stderr, non-zero exit, nothing on stdout.

usage: cli_errors.py SYMBOLIZE NODEBUG.elf GOOD.elf  (ELF32 little-endian)"""
import os
import struct
import subprocess
import sys
import tempfile


def section(data, name):
    shoff, = struct.unpack_from("<I", data, 0x20)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x2e)
    stroff = struct.unpack_from("<I", data, shoff + shstrndx * shentsize + 16)[0]
    for i in range(shnum):
        h = shoff + i * shentsize
        nm = struct.unpack_from("<I", data, h)[0]
        end = data.index(b"\0", stroff + nm)
        if data[stroff + nm:end].decode() == name:
            return h, struct.unpack_from("<II", data, h + 16)
    raise SystemExit(f"FAIL: no {name}")


def check(sym, path, needle, what):
    p = subprocess.run([sym, "-e", path, "-f", "0x100"], capture_output=True, text=True)
    lines = p.stderr.splitlines()
    ok = p.returncode != 0 and len(lines) == 1 and needle in lines[0] and p.stdout == ""
    print(f"{'ok  ' if ok else 'FAIL'} {what}: exit {p.returncode}: {p.stderr.strip()!r}")
    return ok


def main():
    sym, nodebug, good = sys.argv[1:4]
    data = open(good, "rb").read()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        results.append(check(sym, os.path.join(tmp, "missing.elf"), "No such file",
                             "missing file"))
        txt = os.path.join(tmp, "text.elf")
        with open(txt, "w") as f:
            f.write("this is not an ELF file\n")
        results.append(check(sym, txt, "not an ELF file", "not an ELF"))
        results.append(check(sym, nodebug,
                             "has no DWARF debug information (compile with -g)", "no DWARF"))
        # undefined abbreviation code in the first DIE of .debug_info
        _, (off, size) = section(data, ".debug_info")
        version = struct.unpack_from("<H", data, off + 4)[0]
        bad = bytearray(data)
        bad[off + (12 if version >= 5 else 11)] = 0x7f
        p = os.path.join(tmp, "bad-info.elf")
        open(p, "wb").write(bad)
        results.append(check(sym, p, "damaged DWARF in .debug_info at offset 0x",
                             "inconsistent .debug_info"))
        # .debug_line truncated to 10 bytes (inside its first header)
        h, (off, size) = section(data, ".debug_line")
        bad = bytearray(data)
        struct.pack_into("<I", bad, h + 20, 10)
        p = os.path.join(tmp, "short-line.elf")
        open(p, "wb").write(bad)
        results.append(check(sym, p, "damaged DWARF in .debug_line at offset 0x",
                             "truncated .debug_line"))
        # file cut in the middle of the section data
        p = os.path.join(tmp, "cut.elf")
        open(p, "wb").write(data[:len(data) // 2])
        results.append(check(sym, p, "", "file cut in half"))
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
