#!/usr/bin/env bash
# Installs the build into a temporary prefix, builds tests/api/consumer.c against it
# with `pkg-config --cflags --libs parley` (the shared library) and runs it.
# Usage: install.sh BUILD_DIR SOURCE_DIR C_COMPILER
set -euo pipefail
build=$1 src=$2 cc=$3
command -v pkg-config >/dev/null || { echo "pkg-config not found"; exit 77; }
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

cmake --install "$build" --prefix "$prefix" >"$prefix/install.log" ||
    { cat "$prefix/install.log"; fail "cmake --install"; }
for f in bin/parley include/parley/parley.h include/parley/export.h share/doc/parley/README.md \
    share/doc/parley/docs/models.md; do
    [ -f "$prefix/$f" ] || fail "not installed: $f"
done
pc=$(find "$prefix" -name parley.pc)
[ -n "$pc" ] || fail "parley.pc not installed"
libdir=$(dirname "$(dirname "$pc")")
so=$(find "$libdir" -maxdepth 1 -name 'libparley.so.*.*' | head -1)
[ -n "$so" ] && [ -f "$libdir/libparley.a" ] && [ -L "$libdir/libparley.so" ] ||
    fail "libparley.so.X.Y.Z, its link libparley.so and libparley.a not all in $libdir"
soname=$(objdump -p "$so" | awk '$1 == "SONAME" {print $2}')
major=$(sed -n 's/^#define PL_VERSION_MAJOR \([0-9]*\)$/\1/p' "$src/include/parley/version.h")
[ "$soname" = "libparley.so.$major" ] || fail "SONAME is '$soname', not libparley.so.$major"

export PKG_CONFIG_PATH="$(dirname "$pc")"
flags=$(pkg-config --cflags --libs parley) || fail "pkg-config --cflags --libs parley"
case $flags in *"-I$prefix/include"*"-L$libdir"*) ;; *) fail "pkg-config gave: $flags" ;; esac
# shellcheck disable=SC2086
"$cc" -std=c17 -Wall -Wextra -Werror -pedantic "$src/tests/api/consumer.c" $flags \
    -o "$prefix/consumer" || fail "building a program against the installed library"
objdump -p "$prefix/consumer" | grep -q "NEEDED *libparley.so.$major" ||
    fail "the program is not linked with the shared library"
LD_LIBRARY_PATH="$libdir" "$prefix/consumer" "$src/examples/peace-talks-2025.json" ||
    fail "the program built against the installed library failed"
"$prefix/bin/parley" --version | grep -q '^parley ' || fail "installed parley --version"
echo "ok: installed into a temporary prefix, built and ran a program with pkg-config"
