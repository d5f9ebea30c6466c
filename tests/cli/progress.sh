# The progress bar (issue #7; docs/report.md, "Progress"): every long-running
# command accepts --quiet, and nothing is printed on stderr when stderr is not
# a terminal, with or without --quiet (the bar is for terminals only).
. "$(dirname "$0")/lib.bash"

laptop="$SRC/tests/data/genius/laptop"
laptop_files=("$laptop/laptop_domain.xml" "$laptop/laptop_buyer_utility.xml"
              "$laptop/laptop_seller_utility.xml")
ktab="$SRC/tests/data/ktab/dummyData_3Dim.csv"
small="$SRC/tests/data/report/small.json"

# expect_silent CMD...: exit 0, something on stdout, nothing on stderr.
expect_silent() {
    expect_status 0 "$@"
    if [ ! -s "$WORK/err" ]; then pass; else fail "stderr not empty: $*: $(head -3 "$WORK/err")"; fi
    if [ -s "$WORK/out" ]; then pass; else fail "no output: $*"; fi
}

for quiet in "" --quiet; do
    expect_silent "$PARLEY" simulate "${laptop_files[@]}" --runs 300 --threads 2 $quiet
    expect_silent "$PARLEY" tournament "$laptop" --agents linear,boulware $quiet
    expect_silent "$PARLEY" frontier "${laptop_files[@]}" $quiet
    expect_silent "$PARLEY" predict "$ktab" --model smp $quiet
    expect_silent "$PARLEY" predict "$ktab" --model all $quiet
    expect_silent "$PARLEY" run "$small" $quiet
    expect_silent "$PARLEY" zopa "$small" --runs 20 $quiet
done

# --quiet takes no value, and each command's help lists it.
for command in simulate tournament frontier predict run zopa; do
    expect_status 0 "$PARLEY" "$command" --help
    if grep -q -- "--quiet" "$WORK/out"; then pass; else fail "$command --help lacks --quiet"; fi
done
expect_status 2 "$PARLEY" frontier "${laptop_files[@]}" --quiet=yes

finish
