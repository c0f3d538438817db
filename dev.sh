#!/bin/sh
# dev.sh - one entry point for a fresh Debian 12 machine.
#   ./dev.sh demo   install what is missing, build, run the demo firmware and
#                   write its coverage report
#   ./dev.sh test   install what is missing, build, run the whole test suite
#   ./dev.sh deps   only install what is missing
#   ./dev.sh build  only configure and build (in ./build)
set -eu
cd "$(dirname "$0")"

# Debian packages the build, the tests and the demo need (DESIGN.md §8).
PACKAGES="meson ninja-build gcc pkg-config python3 libelf-dev libdwarf-dev libcapstone-dev
libzstd-dev libsqlite3-dev libclang-14-dev llvm-14 clang libcmocka-dev libfdt-dev
device-tree-compiler gcc-arm-none-eabi libnewlib-arm-none-eabi binutils-arm-none-eabi
gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf picolibc-riscv64-unknown-elf
qemu-system-arm qemu-system-misc gdb-multiarch lcov libxml2-utils chromium"

deps() {
    missing=""
    for p in $PACKAGES; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
            missing="$missing $p"
    done
    [ -z "$missing" ] && return 0
    echo "dev.sh: installing:$missing"
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
}

build() {
    if [ ! -f build/build.ninja ]; then
        meson setup build ${MESON_ARGS:-}
    fi
    ninja -C build
}

case "${1:-}" in
deps) deps ;;
build) deps; build ;;
demo)
    deps
    build
    mkdir -p demo-out
    cd demo-out
    echo "dev.sh: running the demo firmware under emucov"
    ../build/emu/emucov run ../build/examples/riscv-demo.elf || {
        st=$?; echo "dev.sh: demo firmware exited with status $st"; exit $st; }
    if [ -x ../build/xcov/xcov ]; then
        # the demo's own sources (the C library's are left out; the report's
        # notes name them)
        ../build/xcov/xcov report --level=stmt --format=text,html -o report \
            --include '*/examples/riscv-demo/*'
        echo "dev.sh: coverage report: demo-out/report/index.html"
    else
        echo "dev.sh: xcov is not built yet; the demo stops at the emulator run"
    fi
    ;;
test)
    deps
    build
    meson test -C build --print-errorlogs ${TEST_ARGS:-}
    ;;
*)
    echo "usage: ./dev.sh demo|test|deps|build" >&2
    exit 2
    ;;
esac
