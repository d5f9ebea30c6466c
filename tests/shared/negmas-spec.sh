#!/usr/bin/env bash
# parley simulate against an independent implementation of docs/specs/negmas-sao.md
# (negmas_spec.py beside this script, plain Python 3, written from the spec's text
# alone). Every GENIUS domain of INDEX.tsv in the spec's scope (2 parties, additive
# profiles, at most 10^6 outcomes, no real-valued issues), all 9 ordered pairs of
# boulware/linear/conceder: the agreement step and both utilities must agree bit for
# bit. The oracle runs parley itself (`simulate FOLDER --agents A,B --runs 1 --json`)
# and prints one line per mismatch and "N passed, M failed" at the end.
set -u
parley=$1 shared=$2
here=$(cd "$(dirname "$0")" && pwd)
index="$shared/data/genius/INDEX.tsv"
[ -f "$index" ] || { echo "skipped: $index is absent"; exit 77; }
command -v python3 >/dev/null || { echo "skipped: python3 is not on PATH"; exit 77; }
python3 "$here/negmas_spec.py" --self-test --shared "$shared" || { echo "FAIL: oracle self-test"; exit 1; }
python3 "$here/negmas_spec.py" --check-parley "$parley" "$shared/data/genius"
