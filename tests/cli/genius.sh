#!/usr/bin/env bash
# GENIUS sets on the command line: validate and convert a domain followed by its profiles, and
# `convert --to genius` writes all of its files or none.
. "$(dirname "$0")/lib.bash"

lap="$SRC/tests/data/genius/laptop"
set=("$lap/laptop_domain.xml" "$lap/laptop_buyer_utility.xml" "$lap/laptop_seller_utility.xml")

expect_status 0 "$PARLEY" validate "${set[@]}"
if grep -q "laptop_domain.xml: ok (genius domain and profiles; 2 actors, 3 issues" "$WORK/out"
then pass; else fail "validate output: $(cat "$WORK/out")"; fi

# The domain may come anywhere (a shell glob puts it where the alphabet does) ...
expect_status 0 "$PARLEY" validate "$lap"/*.xml
if grep -q "ok (genius domain and profiles; 2 actors, 3 issues" "$WORK/out"; then pass
else fail "validate of a glob: $(cat "$WORK/out")"; fi
# ... but profiles without their domain, or a foreign file among the profiles, name the misfit.
expect_status 2 "$PARLEY" convert "$lap/laptop_buyer_utility.xml" \
    "$lap/laptop_seller_utility.xml" -o -
expect_error_line "^$lap/laptop_buyer_utility.xml: error: .*no file is its domain"
example="$SRC/examples/peace-talks-2025.json"
expect_status 2 "$PARLEY" convert "${set[@]}" "$example" -o "$WORK/x.json"
expect_error_line "^$SRC/examples/peace-talks-2025.json: error: expected a GENIUS profile"

# Round trip: GENIUS -> GENIUS gives the same scenario, and writing it again the same files
# (but for the objective's name, the scenario id, which comes from the domain's file name).
expect_status 0 "$PARLEY" convert "${set[@]}" --to genius -o "$WORK/a"
for f in a_domain.xml a_laptop_buyer_utility.xml a_laptop_seller_utility.xml; do
    if [ -s "$WORK/$f" ]; then pass; else fail "$f not written"; fi
done
back=("$WORK/a_domain.xml" "$WORK/a_laptop_buyer_utility.xml" "$WORK/a_laptop_seller_utility.xml")
expect_status 0 "$PARLEY" validate "${back[@]}"
expect_status 0 "$PARLEY" convert "${back[@]}" --to genius -o "$WORK/b"
for f in domain.xml laptop_buyer_utility.xml laptop_seller_utility.xml; do
    if cmp -s <(grep -v '<objective' "$WORK/a_$f") <(grep -v '<objective' "$WORK/b_$f")
    then pass; else fail "second round trip changes $f"; fi
done
"$PARLEY" convert "${set[@]}" -o "$WORK/one.json"
"$PARLEY" convert "${back[@]}" -o "$WORK/two.json"
if cmp -s <(sed -n '/"actors"/,$p' "$WORK/one.json") <(sed -n '/"actors"/,$p' "$WORK/two.json")
then pass; else fail "actors and stances differ after the round trip"; fi

# What GENIUS cannot hold is refused; nothing is written and existing files stay as they were.
echo "previous content" >"$WORK/p_domain.xml"
expect_status 2 "$PARLEY" convert "$SRC/examples/peace-talks-2025.json" --to genius -o "$WORK/p"
expect_error_line "cannot write GENIUS files: "
if [ "$(cat "$WORK/p_domain.xml")" = "previous content" ]; then pass; else fail "file touched"; fi
if [ "$(find "$WORK" -name 'p_*' | wc -l)" = 1 ]; then pass; else fail "files written"; fi

# An unwritable destination writes none of the files and leaves no temporary behind.
expect_status 1 "$PARLEY" convert "${set[@]}" --to genius -o "$WORK/no/such/dir/x"
if [ ! -e "$WORK/no/such/dir" ]; then pass; else fail "partial output"; fi
leftovers=$(find "$WORK" -name '*.tmp' -o -name '*.part' | wc -l)
if [ "$leftovers" = 0 ]; then pass; else fail "temporary files left behind"; fi
expect_status 2 "$PARLEY" convert "${set[@]}" --to genius -o -
expect_status 2 "$PARLEY" convert "${set[@]}" --to csv -o "$WORK/c"

finish
