#!/usr/bin/env bash
# `parley zopa` and `parley run` (whole process, elapsed seconds, exit status) on every
# scenario file of ../shared/data (GENIUS domains with their profiles from INDEX.tsv, BDM,
# DECIDE and KTAB files) and examples/ (docs/agreement.md, "Every data file").
# Usage: bench/bench_all_data.sh [PARLEY] [DATA]   (build/parley, ../shared/data)
set -u
parley=${1:-build/parley}
here=$(cd "$(dirname "$0")/.." && pwd)
data=${2:-$here/../shared/data}
one() { # NAME FILES...
    local name=$1; shift
    local line="$name"
    for cmd in zopa run; do
        local t0 t1 status
        t0=$(date +%s.%N)
        timeout 60 "$parley" $cmd "$@" >/dev/null 2>&1
        status=$?
        t1=$(date +%s.%N)
        line="$line $cmd $(printf '%.2f' "$(echo "$t1 - $t0" | bc)")s exit $status;"
    done
    echo "$line"
}
if [ -f "$data/genius/INDEX.tsv" ]; then
    tail -n +2 "$data/genius/INDEX.tsv" | while IFS=$'\t' read -r folder domain _; do
        dir="$data/genius/$folder"
        profiles=$(ls "$dir"/*.xml | grep -v "/$domain\$" | grep -v "/pareto[^/]*\.xml$")
        # shellcheck disable=SC2086
        one "genius/$folder" "$dir/$domain" $profiles
    done
fi
for f in "$data"/bdm/*.csv "$data"/decide/* "$data"/ktab/*.csv "$data"/ktab/*.xml \
    "$here"/examples/*.json; do
    case "$f" in *.xsd|*README*) continue ;; esac
    [ -f "$f" ] && one "${f#"$data"/}" "$f"
done
