# Bounded work (issue #19; docs/robustness.md, "Work limits"): the computations that
# would run for minutes on a large table are refused at once, before any work, with
# exit 2, one line, and the way out (the option that lifts the limit or a smaller
# input), and a model's limit lifted with --option lets it run.
. "$(dirname "$0")/lib.bash"

# A KTAB table of 400 actors on 10 dimensions (positions and saliences 0-100).
big="$WORK/big.csv"
awk 'BEGIN {
    n = 400; d = 10
    printf "big,generated,%d,%d\nActor,Description,Power", n, d
    for (i = 1; i <= d; i++) printf ",Pos%d,Sal%d", i, i
    printf "\n"
    for (a = 0; a < n; a++) {
        printf "A%d,x,%d", a, 1 + a % 97
        for (i = 1; i <= d; i++) printf ",%d,%d", (a * 37 + i * 11) % 101, 1 + (a + i) % 9
        printf "\n"
    }
}' >"$big"

# expect_refusal WORDS CMD...: exit 2, exactly one line on stderr holding WORDS, no stdout.
expect_refusal() {
    local words=$1; shift
    expect_status 2 "$@"
    if [ "$(wc -l <"$WORK/err")" = 1 ] && grep -q -- "$words" "$WORK/err"; then pass
    else fail "want one line with '$words': $*: $(head -3 "$WORK/err")"; fi
    if [ ! -s "$WORK/out" ]; then pass; else fail "stdout not empty: $*"; fi
}

# 400 parties over 10 grid issues: the frontier may hold most of 21^10 outcomes.
expect_refusal "--max-points" "$PARLEY" frontier "$big" --quiet
expect_refusal "--steps" "$PARLEY" frontier "$big" --json
# 400 x 10 continuous distances: the zone's programmes would take hours.
expect_refusal "agreement analysis: 400 actors x 10 issues" "$PARLEY" zopa "$big"
# 400 x 399 / 2 actor pairs x 90 issue pairs = 7.2e6 candidate exchanges a round.
expect_refusal "exchange.max_candidates" "$PARLEY" predict "$big" --model exchange
# eu: 400^2 x 10 x 8 = 1.28e7 pair evaluations, over a lowered limit, and the
# limit itself must be a whole number.
expect_refusal "max_work" "$PARLEY" predict "$big" --model eu --option eu.max_work=1000
expect_status 2 "$PARLEY" predict "$big" --model eu --option eu.max_work=-1
# The exchange model's limit lifted: a small table runs, and so it does with the
# limit exactly at its candidate count (10 x 9 / 2 x 10 x 9 = 4050).
small="$WORK/small.csv"
head -12 "$big" | sed '1s/,400,/,10,/' >"$small"
expect_status 0 "$PARLEY" predict "$small" --model exchange --option exchange.max_candidates=4050
expect_refusal "4.05e+03" "$PARLEY" predict "$small" --model exchange \
    --option exchange.max_candidates=4049
# The zone's blocking searches (conflicts, relaxation sets) stop before a size of set
# whose predicted work passes --max-work, and say how far they went: the default
# scenario's relaxation search needs between 1e6 and 2e6 simplex cells.
expect_status 0 "$PARLEY" zopa --json
got=$(jq -c '.blocked | [.searched_size, .conflicts_searched_size, .search_limited]' "$WORK/out")
[ "$got" = "[3,4,false]" ] && pass || fail "full search: $got"
expect_status 0 "$PARLEY" zopa --json --max-work 1000000
got=$(jq -c '.blocked | [.searched_size < 3, .search_limited]' "$WORK/out")
[ "$got" = "[true,true]" ] && pass || fail "limited search: $got"
expect_status 0 "$PARLEY" zopa --max-work 1000000
grep -q "larger sets" "$WORK/out" && pass || fail "zopa's text does not say the search was limited"
expect_status 2 "$PARLEY" zopa --max-work 0
expect_error_line "--max-work"
finish
