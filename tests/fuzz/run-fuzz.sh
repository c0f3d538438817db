#!/bin/sh
# tests/fuzz/run-fuzz.sh - build the trace reader fuzzer with clang
# (libFuzzer + ASan + UBSan; the main build uses gcc) and run it for a
# bounded time on a seed corpus of real traces made by tracer-gen.
#
# usage: run-fuzz.sh SOURCE_ROOT TRACER_GEN WORKDIR SECONDS
set -eu
src=$1 gen=$2 work=$3 secs=$4
CLANG=${CLANG:-clang}
if ! command -v "$CLANG" >/dev/null 2>&1; then
    echo "run-fuzz.sh: $CLANG not found; skipping" >&2
    exit 77
fi
mkdir -p "$work/corpus" "$work/artifacts"
"$CLANG" -g -O1 -std=gnu11 -D_GNU_SOURCE -fsanitize=fuzzer,address,undefined \
    -fno-sanitize-recover=undefined -I "$src" \
    "$src/tests/fuzz/fuzz_trace_reader.c" "$src/tracer/trace_reader.c" \
    "$src/tracer/trace_writer.c" -lzstd -lpthread -o "$work/fuzz-trace-reader"

# Seed corpus: small traces of both modes, several frame sizes.
i=0
for spec in "history 300 1 4096" "history 2000 2 4096" "history 20 3 0" \
            "flat 2000 4 4096" "flat 50 5 0" "history 5000 6 8192"; do
    set -- $spec
    "$gen" "$work/corpus/seed$i.trace" "$1" "$2" "$3" "$4" >/dev/null
    i=$((i + 1))
done
# A truncated one too.
head -c 3000 "$work/corpus/seed1.trace" > "$work/corpus/seed-cut.trace"
# Packet-stream seeds (see the harness): the first data frame of some seeds,
# decompressed, behind a mode byte.
if command -v zstd >/dev/null 2>&1 && command -v python3 >/dev/null 2>&1; then
    for n in 0 1 3 5; do
        python3 - "$work/corpus/seed$n.trace" "$work/frame$n.zst" <<'PY'
import struct, sys
d = open(sys.argv[1], "rb").read()
off = 16
off += 20 + struct.unpack_from("<I", d, off + 8)[0]          # header record
clen = struct.unpack_from("<I", d, off + 8)[0]
open(sys.argv[2], "wb").write(d[off + 20:off + 20 + clen])   # first data frame
PY
        mode=0; [ "$n" = 3 ] && mode=1
        { printf "\\00$mode"; zstd -q -d -c "$work/frame$n.zst"; } > "$work/corpus/packets$n.bin"
    done
fi

exec "$work/fuzz-trace-reader" -max_total_time="$secs" -timeout=10 -rss_limit_mb=1024 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$work/artifacts/" \
    "$work/corpus"
