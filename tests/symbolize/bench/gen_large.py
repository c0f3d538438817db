#!/usr/bin/env python3
"""Generate a large C program for the symbolize benchmark.

usage: gen_large.py OUTDIR [FUNCTIONS=4000] [FILES=16]

Writes OUTDIR/big_NN.c (FUNCTIONS spread over FILES compile units), OUTDIR/big.h (static inline
helpers that get inlined everywhere) and OUTDIR/big_main.c (_start, main). Every function has
a loop, a switch, several statements per line and calls to inline helpers and to other
functions, so the line tables and inline trees look like real firmware."""
import os
import random
import sys


def main():
    out = sys.argv[1]
    nfun = int(sys.argv[2]) if len(sys.argv) > 2 else 4000
    nfiles = int(sys.argv[3]) if len(sys.argv) > 3 else 16
    os.makedirs(out, exist_ok=True)
    rnd = random.Random(12345)
    with open(os.path.join(out, "big.h"), "w") as h:
        h.write("#ifndef BIG_H\n#define BIG_H\nextern volatile unsigned big_sink;\n")
        for i in range(8):
            h.write(f"static inline unsigned helper{i}(unsigned a, unsigned b)\n{{\n"
                    f"    if (a > b) a -= b; else a += {i + 1}u;\n"
                    f"    return a * {2 * i + 3}u ^ (b >> {i % 5 + 1});\n}}\n")
        for f in range(nfun):
            h.write(f"unsigned fn{f}(unsigned x);\n")
        h.write("#endif\n")
    per = (nfun + nfiles - 1) // nfiles
    for k in range(nfiles):
        with open(os.path.join(out, f"big_{k:02d}.c"), "w") as c:
            c.write('#include "big.h"\n\n')
            for f in range(k * per, min(nfun, (k + 1) * per)):
                h1, h2 = rnd.randrange(8), rnd.randrange(8)
                callee = rnd.randrange(f) if f else None
                c.write(f"unsigned fn{f}(unsigned x)\n{{\n    unsigned acc = {f}u;\n")
                c.write(f"    for (unsigned i = 0; i < (x & 7u); i++) {{ acc += helper{h1}(acc, i); "
                        f"if (acc > {1000 + f}u) break; }}\n")
                c.write("    switch (x % 5u) {\n")
                for case in range(4):
                    c.write(f"    case {case}u: acc ^= helper{(h2 + case) % 8}(x, {case + f}u); "
                            f"break;\n")
                c.write("    default: acc += x; break;\n    }\n")
                if callee is not None:
                    c.write(f"    if (acc & 1u) acc += fn{callee}(acc >> 3);\n")
                c.write("    big_sink = acc; return acc;\n}\n\n")
    with open(os.path.join(out, "big_main.c"), "w") as m:
        m.write('#include "big.h"\nvolatile unsigned big_sink;\n\nint main(void)\n{\n'
                "    unsigned a = 1;\n")
        for f in range(0, nfun, max(1, nfun // 64)):
            m.write(f"    a += fn{f}(a);\n")
        m.write("    return (int)(a & 1u);\n}\n\nvoid _start(void)\n{\n"
                "    big_sink = (unsigned)main();\n    for (;;)\n        ;\n}\n")


if __name__ == "__main__":
    main()
