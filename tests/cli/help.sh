#!/usr/bin/env bash
# Every command has --help; --version prints the version; bare parley shows usage.
. "$(dirname "$0")/lib.bash"

for cmd in run validate evaluate predict zopa frontier mediate simulate tournament backtest \
    report convert init sweep sensitivity; do
    expect_status 0 "$PARLEY" "$cmd" --help
    if grep -q "^Usage: parley $cmd" "$WORK/out"; then pass; else fail "$cmd --help"; fi
    if grep -q "Example: parley $cmd" "$WORK/out"; then pass; else fail "$cmd has no example"; fi
    expect_status 0 "$PARLEY" help "$cmd"
done
expect_status 0 "$PARLEY" --version
if grep -Eq '^parley [0-9]+\.[0-9]+\.[0-9]+$' "$WORK/out"; then pass; else fail "--version"; fi
expect_status 0 "$PARLEY" --help
for cmd in run validate evaluate predict zopa frontier mediate simulate tournament backtest \
    report convert init sweep sensitivity; do
    if grep -q "^  $cmd " "$WORK/out"; then pass; else fail "--help lacks $cmd"; fi
done
expect_status 2 "$PARLEY"

# Text reports fit in 100 columns.
"$PARLEY" run >"$WORK/report.txt"
width=$(awk '{ if (length($0) > w) w = length($0) } END { print w }' "$WORK/report.txt")
if [ "$width" -le 100 ]; then pass; else fail "run report is $width columns wide"; fi

finish
