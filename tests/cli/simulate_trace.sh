#!/usr/bin/env bash
# `parley simulate --trace FILE.csv` (docs/simulation.md, "Traces"): every move of one
# negotiation on the stated inputs. SAO on Laptop, linear vs linear, is docs/specs/negmas-sao.md's
# Appendix B: the buyer's and the seller's first offers, agreement at step 20 by the seller
# accepting (HP, 80 Gb, 19'' LCD) with the spec's utilities. The mediator's trace: each step
# starts with the text, then one verdict per party. A trace that cannot be written is one
# error line, exit 2, nothing on stdout.
. "$(dirname "$0")/lib.bash"

laptop="$SRC/tests/data/genius/laptop"
full="$SRC/tests/data/native/full.json"
trace="$WORK/trace.csv"

expect_status 0 "$PARLEY" simulate "$laptop" --agents linear --runs 1 --trace "$trace" --json
header="step,party,action,u_laptop_buyer_utility,u_laptop_seller_utility,Laptop,Harddisk,\
External Monitor"
if [ "$(head -n 1 "$trace")" = "$header" ]; then pass; else fail "header: $(head -n 1 "$trace")"; fi
# Spec Appendix B, round 0 and round 19 (steps 1 and 20). The spec prints 17 digits
# (0.72558251788847661); parley prints the shortest text of the same double (0.7255825178884766).
if [ "$(sed -n 2p "$trace")" = "1,laptop_buyer_utility,offer,1,0.8150631714971639,HP,60 Gb,19'' LCD" ]
then pass; else fail "first offer: $(sed -n 2p "$trace")"; fi
if [ "$(sed -n 3p "$trace")" = \
     "1,laptop_seller_utility,offer,0.7255825178884766,1,Macintosh,80 Gb,19'' LCD" ]
then pass; else fail "second offer: $(sed -n 3p "$trace")"; fi
last="20,laptop_seller_utility,accept,0.8739790227189738,0.8739790227189737,HP,80 Gb,19'' LCD"
if [ "$(tail -n 1 "$trace")" = "$last" ]; then pass; else fail "last move: $(tail -n 1 "$trace")"; fi
# Two offers per step before the agreement, then the acceptance: 1 + 2 x 20 rows.
if [ "$(wc -l <"$trace")" = 41 ]; then pass; else fail "rows: $(wc -l <"$trace")"; fi
# The trace agrees with the JSON of the same negotiation.
if [ "$(jq -r .mean_agreement_step "$WORK/out")" = 20 ]; then pass
else fail "json step $(jq -r .mean_agreement_step "$WORK/out")"; fi

# Mediator: per step the text (empty party), then a verdict of each of the 3 parties.
expect_status 0 "$PARLEY" simulate "$full" --protocol mediator --runs 1 --steps 5 --trace "$trace"
if awk -F, 'NR > 1 && (NR - 2) % 4 == 0 && !($2 == "" && $3 == "text") { bad = 1 }
            NR > 1 && (NR - 2) % 4 != 0 && $3 != "accept" && $3 != "object" { bad = 1 }
            END { exit bad }' "$trace"; then pass; else fail "mediator rows"; cat "$trace"; fi
rows=$(($(wc -l <"$trace") - 1))
if [ $((rows % 4)) = 0 ] && [ "$rows" -ge 4 ] && [ "$rows" -le 20 ]; then pass
else fail "mediator rows: $rows"; fi

# Unwritable trace: one error line naming the file, exit 1 (an unwritable output), no stdout.
expect_status 1 "$PARLEY" simulate "$laptop" --runs 1 --trace "$WORK/no/such/dir/t.csv"
expect_error_line "t\.csv"

finish
