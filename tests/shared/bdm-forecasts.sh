#!/usr/bin/env bash
# The emission-standards case (Bueno de Mesquita 1994): compromise 7.39 and
# weighted median 7.0 years, as Scholz, Calbert and Smith (2011), Table 2,
# report for round 1 (quoted in ../shared/data/README.md).
set -u
parley=$1 shared=$2
file="$shared/data/bdm/emission_standards.csv"
[ -f "$file" ] || { echo "skipped: $file is absent"; exit 77; }
fail=0
json=$("$parley" predict "$file" --model compromise --json) || { echo "FAIL: predict"; exit 1; }
compromise=$(echo "$json" | jq -r '.models.compromise.forecast[0] * 100 | round / 100')
[ "$compromise" = "7.39" ] || { echo "FAIL: compromise $compromise, want 7.39"; fail=1; }
[ "$(echo "$json" | jq -r '.issues | length')" = 1 ] || { echo "FAIL: issues"; fail=1; }
[ "$(echo "$json" | jq -r '.actors[0]')" = "Netherlands" ] || { echo "FAIL: actors"; fail=1; }
json=$("$parley" predict "$file" --model median --json) || { echo "FAIL: predict"; exit 1; }
median=$(echo "$json" | jq -r '.models.median.forecast[0]')
[ "$median" = "7" ] || [ "$median" = "7.0" ] || { echo "FAIL: median $median, want 7.0"; fail=1; }
[ $fail = 0 ] && echo "2 passed, 0 failed"
exit $fail
