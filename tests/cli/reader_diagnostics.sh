#!/usr/bin/env bash
# Readers' diagnostics that tell the truth (issue #19): one line, with the position where the
# input is wrong, for KTAB line-1 mistakes and XML syntax errors; a GENIUS domain listing a
# value twice is refused; a GENIUS value holding a tab is read.
. "$(dirname "$0")/lib.bash"

bad="$SRC/tests/data/bad"
laptop="$SRC/tests/data/genius/laptop"

# KTAB line 1 that does not give two whole counts: the KTAB reader's error at line 1, not
# "cannot tell the format" without a position.
expect_status 2 "$PARLEY" validate "$bad/ktab-csv-line1-short.csv"
expect_error_line "ktab-csv-line1-short\.csv:1:22: error: line 1 has 3 fields, expected 4"
expect_status 2 "$PARLEY" validate "$bad/ktab-csv-fractional-count.csv"
expect_error_line "ktab-csv-fractional-count\.csv:1:21: error: number of actors 2\.5 must be a whole"

# XML that is not well-formed: libxml2's message, one line, at its position.
printf '<negotiation_template>\n<utility_space>\n<objective index="0" name="x"\n' >"$WORK/trunc.xml"
printf '<negotiation_template><utility_space><objective index="0" name="x"><!-- a -- b -->' \
    >"$WORK/comment.xml"
printf '<negotiation_template><utility_space>\n\xff\xfe</utility_space></negotiation_template>' \
    >"$WORK/bytes.xml"
for f in trunc comment bytes; do
    expect_status 2 "$PARLEY" validate "$WORK/$f.xml" "$laptop/laptop_buyer_utility.xml"
    expect_error_line "^$WORK/$f\.xml:[0-9]+:[0-9]+: error: XML: .+$"
done

# A value listed twice in one issue of a domain.
expect_status 2 "$PARLEY" validate "$bad/genius-domain-duplicate-value.xml" \
    "$laptop/laptop_buyer_utility.xml"
expect_error_line "genius-domain-duplicate-value\.xml:7:5: error: issue \"colour\" lists the value \"red\" twice"

# A value holding a tab, in the domain and the profiles: read, the option id with a space.
for f in laptop_domain laptop_buyer_utility laptop_seller_utility; do
    sed 's/value="HP"/value="H\&#9;P"/' "$laptop/$f.xml" >"$WORK/$f.xml"
done
expect_status 0 "$PARLEY" convert "$WORK/laptop_domain.xml" "$WORK/laptop_buyer_utility.xml" \
    "$WORK/laptop_seller_utility.xml" -o "$WORK/tab.json"
if [ "$(jq -c '.issues[0].options[2]' "$WORK/tab.json")" = '{"id":"H P","label":"H\tP"}' ]; then pass
else fail "tab value: $(jq -c '.issues[0].options[2]' "$WORK/tab.json")"; fi
# The same utilities as with the plain value: the frontier does not change.
"$PARLEY" frontier "$laptop/laptop_domain.xml" "$laptop/laptop_buyer_utility.xml" \
    "$laptop/laptop_seller_utility.xml" --json | jq -c .frontier >"$WORK/f1"
"$PARLEY" frontier "$WORK/laptop_domain.xml" "$WORK/laptop_buyer_utility.xml" \
    "$WORK/laptop_seller_utility.xml" --json | jq -c .frontier >"$WORK/f2"
if cmp -s "$WORK/f1" "$WORK/f2"; then pass; else fail "a tab in a value changed the frontier"; fi

finish
