#!/usr/bin/env bash
# parley validate accepts every reference file of ../shared/data (KTAB, BDM, Decide).
# Skipped (exit 77) when ../shared/data is absent.
set -u
parley=$1 shared=$2
[ -d "$shared/data" ] || { echo "skipped: $shared/data is absent"; exit 77; }
files=()
for f in "$shared"/data/ktab/*.csv "$shared"/data/ktab/*.xml "$shared"/data/bdm/*.csv \
         "$shared"/data/decide/*; do
    [ -f "$f" ] && files+=("$f")
done
if ! "$parley" validate "${files[@]}"; then
    echo "FAIL: some reference files are refused"; exit 1
fi
echo "${#files[@]} passed, 0 failed"
