#!/usr/bin/env bash
# Check that what parley needs to build and test is present; install what is missing
# on Debian. Each dependency is looked for directly (a command, a pkg-config module,
# a header, a test link), so any system with the dependencies passes; only what is
# missing is installed: with apt-get as root on Debian, otherwise the script names
# it (with the exact apt-get command on Debian) and stops.
# Usage: scripts/install-deps.sh [build|check|sanitize|fuzz|ci]
# fuzz: clang and its libFuzzer/sanitizer runtimes; ci: everything .ci/run needs
# (the check packages, clang, valgrind, gcc's ThreadSanitizer runtime).
set -eu
what=${1:-build}
packages="cmake make gcc g++ libc6-dev pkg-config libjansson-dev libxml2-dev libfmt-dev librandom123-dev libmicrohttpd-dev"
# sweep and sensitivity: GSL's Sobol sequence, SQLite output (docs/sweep.md).
packages="$packages libgsl-dev libsqlite3-dev"
case $what in
    build) ;;
    check) packages="$packages libcmocka-dev jq libxml2-utils python3 curl sqlite3 python3-cffi" ;;
    sanitize) packages="$packages libcmocka-dev jq libxml2-utils python3 curl" ;;
    fuzz) packages="$packages clang libclang-rt-14-dev" ;;
    ci) packages="$packages libcmocka-dev jq libxml2-utils python3 curl clang libclang-rt-14-dev valgrind libtsan2"
        packages="$packages git librsvg2-dev chromium sqlite3 mpich libmpich-dev"
        packages="$packages python3-cffi python3-numpy python3-pandas"
        packages="$packages python3-pip python3-setuptools python3-wheel"
        packages="$packages nodejs npm" ;;  # the browser test (tests/browser)
    *) echo "install-deps.sh: unknown target '$what'" >&2; exit 2 ;;
esac

have() { command -v "$1" >/dev/null 2>&1; }
module() { have pkg-config && pkg-config --exists "$1"; }
# A C snippet compiles (and links, with $2 = link) with the flags after it.
compiles() {
    local code=$1 mode=$2; shift 2
    local out; out=$(mktemp)
    local flag=-c; [ "$mode" = link ] && flag=
    # shellcheck disable=SC2086
    printf '%s\n' "$code" | "${CC_CHECK:-cc}" -x c - $flag -o "$out" "$@" >/dev/null 2>&1
    local rc=$?; rm -f "$out"; return $rc
}
# A module importable by Debian's python3 (the one the Python tests use).
pymodule() { [ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import $1" >/dev/null 2>&1; }
# What each Debian package provides, looked for without dpkg.
present() {
    case $1 in
        gcc) have cc || have gcc ;;
        g++) have c++ || have g++ ;;
        libc6-dev) have cc && compiles '#include <stdio.h>
int main(void) { return 0; }' link ;;
        libjansson-dev) module jansson ;;
        libxml2-dev) module libxml-2.0 ;;
        libfmt-dev) module fmt ;;
        libmicrohttpd-dev) module libmicrohttpd ;;
        librandom123-dev) have cc && compiles '#include <Random123/philox.h>' compile ;;
        libcmocka-dev) module cmocka ;;
        libgsl-dev) module gsl ;;
        libsqlite3-dev) module sqlite3 ;;
        mpich) have mpiexec ;;
        libmpich-dev) have mpicc ;;
        librsvg2-dev) module librsvg-2.0 && module cairo ;;
        libxml2-utils) have xmllint ;;
        libclang-rt-14-dev) have clang && CC_CHECK=clang compiles \
            'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; (void)n; return 0; }' \
            link -fsanitize=fuzzer ;;
        nodejs) have node ;;
        libtsan2) have cc && compiles 'int main(void) { return 0; }' link -fsanitize=thread ;;
        # the Python package's tests run Debian's python3 (tests/python/run.sh)
        python3-cffi) pymodule cffi ;;
        python3-numpy) pymodule numpy ;;
        python3-pandas) pymodule pandas ;;
        python3-pip) pymodule pip ;;
        python3-setuptools) pymodule setuptools ;;
        python3-wheel) pymodule wheel ;;
        *) have "$1" ;;   # cmake make pkg-config jq python3 curl clang valgrind git chromium
    esac
}

missing=""
for p in $packages; do
    present "$p" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if ! have apt-get; then
    echo "parley needs these (Debian package names):$missing" >&2
    echo "install them with your system's package manager, then run make again" >&2
    exit 1
fi
if [ "$(id -u)" != 0 ]; then
    echo "parley needs these Debian packages; install them with:" >&2
    echo "  sudo apt-get install -y$missing" >&2
    exit 1
fi
echo "Installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
