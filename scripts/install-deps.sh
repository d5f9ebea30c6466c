#!/usr/bin/env bash
# Install the Debian packages parley needs to build and test, when missing.
# As root: apt-get installs them. Otherwise: print the exact command and stop.
# Usage: scripts/install-deps.sh [build|check|sanitize|fuzz|ci]
# fuzz: clang and its libFuzzer/sanitizer runtimes; ci: everything .ci/run needs
# (the check packages, clang, valgrind, gcc's ThreadSanitizer runtime).
set -eu
what=${1:-build}
packages="cmake make gcc g++ libc6-dev pkg-config libjansson-dev libxml2-dev libfmt-dev librandom123-dev"
case $what in
    build) ;;
    check) packages="$packages libcmocka-dev jq libxml2-utils python3" ;;
    sanitize) packages="$packages libcmocka-dev jq libxml2-utils python3" ;;
    fuzz) packages="$packages clang libclang-rt-14-dev" ;;
    ci) packages="$packages libcmocka-dev jq libxml2-utils python3 clang libclang-rt-14-dev valgrind libtsan2"
        packages="$packages git librsvg2-dev chromium" ;;
    *) echo "install-deps.sh: unknown target '$what'" >&2; exit 2 ;;
esac
missing=""
for p in $packages; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0
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
