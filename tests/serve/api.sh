#!/usr/bin/env bash
# parley serve: every scenario endpoint against the command that computes the same
# thing (docs/serve.md, "API"): analyze = `parley run --json`, simulate = `parley
# simulate --json`, validation errors = the lines of `parley validate`.
source "$(dirname "$0")/lib.bash"
default=$SRC/examples/peace-talks-2025.json
cd "$WORK" || exit 1

start_server main "$default" --workspace "$WORK/ws"

# GET /api/scenario: the scenario given, as native JSON (as `parley convert` writes it).
check "scenario" "$(status GET /api/scenario -H "$AUTH")" 200
"$PARLEY" convert "$default" -o "$WORK/native.json"
check "scenario is the file's" "$(jq -S . "$WORK/body" | cmp -s - <(jq -S . "$WORK/native.json") && echo same)" same

# POST /api/analyze: the document of `parley run --json` without "simulation". The
# settlement curves of what it would take are simulations too: left out unless
# ?settlement=1 (then equal to the command's, whose --runs R sets their runs).
check "analyze" "$(status POST /api/analyze -H "$AUTH" --data-binary @"$default")" 200
cp "$WORK/body" "$WORK/analyze.json"
"$PARLEY" run "$default" --json --quiet --runs 100 >"$WORK/run.json"
check "no simulation key" "$(jq 'has("simulation")' "$WORK/analyze.json")" false
for key in scenario issues actors evaluations models not_applicable red_lines frontier_parties \
           scenario_document; do
    check "analyze .$key = run's" \
        "$(cmp -s <(jq -S ".$key" "$WORK/analyze.json") <(jq -S ".$key" "$WORK/run.json") && echo same)" same
done
filter='.agreement | del(.what_it_takes, .what_it_takes_simulation)'
check "analyze .agreement = run's" \
    "$(cmp -s <(jq -S "$filter" "$WORK/analyze.json") <(jq -S "$filter" "$WORK/run.json") && echo same)" same
check "no settlement curve by default" "$(jq '.agreement.what_it_takes_simulation' "$WORK/analyze.json")" null
# "mediation": the mediator's single text, the document of `parley mediate --json` (from the
# first proposal), by the same builder.
"$PARLEY" mediate "$default" --json >"$WORK/mediate.json"
check "analyze .mediation = mediate's" \
    "$(cmp -s <(jq -S .mediation "$WORK/analyze.json") <(jq -S . "$WORK/mediate.json") && echo same)" same
check "mediation from the first proposal" "$(jq -r .mediation.from "$WORK/analyze.json")" \
    "$(jq -r '.proposals[0].id' "$default")"
# Without proposals the text starts from the compromise forecast, as the command's does.
jq 'del(.proposals)' "$default" >noproposals.json
check "analyze without proposals" "$(status POST /api/analyze -H "$AUTH" --data-binary @noproposals.json)" 200
"$PARLEY" mediate noproposals.json --json >"$WORK/mediate2.json"
check "mediation without proposals = mediate's" \
    "$(cmp -s <(jq -S .mediation "$WORK/body") <(jq -S . "$WORK/mediate2.json") && echo same)" same
# README: the default scenario has no zone of agreement.
check "default: no zone" "$(jq '.agreement.possible' "$WORK/analyze.json")" false
check "analyze ?settlement=1" "$(status POST '/api/analyze?settlement=1' -H "$AUTH" --data-binary @"$default")" 200
check "settlement curves = run's" \
    "$(cmp -s <(jq -S .agreement "$WORK/body") <(jq -S .agreement "$WORK/run.json") && echo same)" same

# Bad input: 400 with the line `parley validate` prints for the same text.
printf '{"parley": 1,\n  "actors": [}\n' >scenario
check "bad JSON" "$(status POST /api/analyze -H "$AUTH" --data-binary @scenario)" 400
"$PARLEY" validate scenario 2>"$WORK/validate.err"
check "bad JSON: validate's line" "$(jq -r '.errors[0].text' "$WORK/body")" "$(cat "$WORK/validate.err")"
check "bad JSON: line" "$(jq '.errors[0].line' "$WORK/body")" 2
jq '.actors[1].capability = -3' "$default" >scenario
check "invalid scenario" "$(status POST /api/analyze -H "$AUTH" --data-binary @scenario)" 400
"$PARLEY" validate scenario 2>"$WORK/validate.err"
check "invalid: validate's line" "$(jq -r '.errors[0].text' "$WORK/body")" "$(cat "$WORK/validate.err")"
check "invalid: the field" "$(jq -r '.errors[0].path' "$WORK/body")" "actors[1].capability"
check "empty body" "$(status POST /api/analyze -H "$AUTH")" 400

# POST /api/validate: 200 with "valid" and every error.
check "validate ok" "$(status POST /api/validate -H "$AUTH" --data-binary @"$default")" 200
check "validate ok: valid" "$(jq -c '[.valid, .actors, .issues, (.errors | length)]' "$WORK/body")" \
    "[true,$(jq '.actors | length' "$default"),$(jq '.issues | length' "$default"),0]"
check "validate bad" "$(status POST /api/validate -H "$AUTH" --data-binary @scenario)" 200
check "validate bad: errors" "$(jq -c '[.valid, .errors[0].path]' "$WORK/body")" '[false,"actors[1].capability"]'

# POST /api/charts: the report's own SVG charts.
check "charts" "$(status POST /api/charts -H "$AUTH" --data-binary @"$default")" 200
"$PARLEY" run "$default" --quiet --runs 1 --svg "$WORK/svg" >/dev/null
check "issues chart = --svg's" "$(jq -r '.charts.issues' "$WORK/body" | cmp -s - <(cat "$WORK/svg/issues.svg"; echo) && echo same)" same
check "every chart is SVG" "$(jq '[.charts[] | startswith("<svg")] | all' "$WORK/body")" true

# POST /api/convert?to=...: export.
check "convert json" "$(status POST '/api/convert?to=json' -H "$AUTH" --data-binary @"$default")" 200
check "convert json = convert's" "$(cmp -s "$WORK/body" "$WORK/native.json" && echo same)" same
check "convert html" "$(status POST '/api/convert?to=html' -H "$AUTH" --data-binary @"$default")" 200
grep -q '^<!DOCTYPE html>' "$WORK/body" && pass || fail "convert html is not HTML"
check "convert csv" "$(status POST '/api/convert?to=csv' -H "$AUTH" --data-binary @"$default")" 200
check "convert csv tables" "$(jq -r '.files["verdicts.csv"] | split("\n")[0] | startswith("proposal")' "$WORK/body")" true
check "convert genius of continuous issues" "$(status POST '/api/convert?to=genius' -H "$AUTH" --data-binary @"$default")" 422
check "convert ?to=pdf" "$(status POST '/api/convert?to=pdf' -H "$AUTH" --data-binary @"$default")" 400

# POST /api/import: any format parley reads, named by ?name=.
ktab=$SRC/tests/data/ktab/dummyData_3Dim.csv
check "import KTAB CSV" "$(status POST "/api/import?name=dummyData_3Dim.csv" -H "$AUTH" --data-binary @"$ktab")" 200
cp "$ktab" dummyData_3Dim.csv
"$PARLEY" convert dummyData_3Dim.csv -o "$WORK/ktab.json"
check "import = convert" "$(cmp -s "$WORK/body" "$WORK/ktab.json" && echo same)" same
check "import bad file" "$(status POST "/api/import?name=x.csv" -H "$AUTH" --data-binary 'name,description,nActors,nDims')" 400
check "import without name" "$(status POST /api/import -H "$AUTH" --data-binary @"$ktab")" 400

stop_server "$PID"
check "SIGTERM exit" "$STOPPED" 0
finish
