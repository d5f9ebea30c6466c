#!/usr/bin/env bash
# parley serve: versions in the workspace (plain native JSON files, written atomically),
# the timeline, the workspace's scenario files, names that cannot leave the workspace,
# and SIGTERM in the middle of saves (docs/serve.md, "Workspace").
source "$(dirname "$0")/lib.bash"
default=$SRC/examples/peace-talks-2025.json
cd "$WORK" || exit 1
mkdir ws
cp "$SRC/tests/data/ktab/dummyData_3Dim.csv" ws/
echo "not a scenario" >ws/notes.txt
start_server main ws

check "no versions yet" "$(status GET /api/versions -H "$AUTH")" 200
check "versions: []" "$(cat "$WORK/body")" "[]"
# A folder without versions opens on the built-in default scenario.
check "scenario" "$(status GET /api/scenario -H "$AUTH")" 200
check "the default" "$(jq -r .id "$WORK/body")" peace-talks-2025

save() { # save NAME DATE SCENARIO-FILE: the status; the body in $WORK/body
    jq -n --arg n "$1" --arg d "$2" --slurpfile s "$3" '{name: $n, date: $d, scenario: $s[0]}' \
        >"$WORK/save.json"
    status POST /api/versions -H "$AUTH" --data-binary @"$WORK/save.json"
}
check "save" "$(save "Moscow meeting" 2025-12-02 "$default")" 201
id=$(jq -r .id "$WORK/body")
check "id" "$id" 2025-12-02-moscow-meeting
grep -qi "^location: /api/versions/$id" "$WORK/headers" && pass || fail "no Location"
check "file in versions/" "$("$PARLEY" validate "ws/versions/$id.json" >/dev/null 2>&1 && echo valid)" valid
check "same name again" "$(save "Moscow meeting" 2025-12-02 "$default")" 201
check "a new id" "$(jq -r .id "$WORK/body")" 2025-12-02-moscow-meeting-2
# An earlier version: Ukraine's red line on Donetsk at most 90 (the zone opens).
jq '.actors |= map(if .id == "UA" then .red_lines.donetsk.max = 90 else . end)' "$default" \
    >relaxed.json
check "save relaxed" "$(save "Red line moved" 2025-11-23 relaxed.json)" 201
check "bad date" "$(save "x" 2025-13-01 "$default")" 400
check "no name" "$(save "" 2025-11-01 "$default")" 400
jq '.actors[0].capability = -1' "$default" >bad.json
check "invalid scenario" "$(save "bad" 2025-11-01 bad.json)" 400
check "invalid: the field" "$(jq -r '.errors[0].path' "$WORK/body")" "actors[0].capability"

check "list" "$(status GET /api/versions -H "$AUTH")" 200
check "list by date" "$(jq -c '[.[] | [.id, .name, .date]]' "$WORK/body")" \
    '[["2025-11-23-red-line-moved","Red line moved","2025-11-23"],["2025-12-02-moscow-meeting","Moscow meeting","2025-12-02"],["2025-12-02-moscow-meeting-2","Moscow meeting","2025-12-02"]]'
check "get" "$(status GET "/api/versions/$id" -H "$AUTH")" 200
check "get = saved" "$(cmp -s "$WORK/body" "ws/versions/$id.json" && echo same)" same
check "unknown id" "$(status GET /api/versions/2020-01-01-none -H "$AUTH")" 404
check "index is not a version" "$(status GET /api/versions/index -H "$AUTH")" 404
# The index only holds names: without it the files alone give the list.
rm ws/versions/index.json
check "list without index" "$(status GET /api/versions -H "$AUTH")" 200
check "names from the files" "$(jq -c '[.[] | .name]' "$WORK/body")" '["red-line-moved","moscow-meeting","moscow-meeting-2"]'

# Nothing outside the workspace: dot-dot, encoded or not, and symbolic links.
echo '{"secret": 1}' >secret.json
ln -s ../../secret.json ws/versions/2025-01-01-link.json
check "symlink not listed" "$(status GET /api/versions -H "$AUTH"; jq 'map(select(.id | test("link"))) | length' "$WORK/body")" "2000"
check "symlink not read" "$(status GET /api/versions/2025-01-01-link -H "$AUTH")" 404
check "dot-dot" "$(status GET /api/versions/../../secret -H "$AUTH" --path-as-is)" 404
check "encoded dot-dot" "$(status GET /api/versions/..%2F..%2Fsecret -H "$AUTH" --path-as-is)" 404
check "workspace dot-dot" "$(status GET /api/workspace/..%2Fsecret.json -H "$AUTH" --path-as-is)" 404
ln -s ../secret.json ws/link.json
check "workspace symlink" "$(status GET /api/workspace/link.json -H "$AUTH")" 404

# GET /api/workspace: the scenario files (not the notes, not the link).
check "workspace" "$(status GET /api/workspace -H "$AUTH")" 200
check "workspace files" "$(jq -c '[.files[] | [.name, .format]]' "$WORK/body")" '[["dummyData_3Dim.csv","ktab-csv"]]'
check "workspace file" "$(status GET /api/workspace/dummyData_3Dim.csv -H "$AUTH")" 200
"$PARLEY" convert ws/dummyData_3Dim.csv -o ktab.json
check "as native" "$(jq '.actors | length' "$WORK/body")" "$(jq '.actors | length' ktab.json)"

# The timeline: the default scenario's barrier is Donetsk, Russia >= 90 against Ukraine
# <= 10, a gap of 80 (README); with Ukraine's line at 90 the red lines meet.
check "timeline" "$(status GET /api/timeline -H "$AUTH")" 200
check "timeline ids" "$(jq -c '[.versions[].id]' "$WORK/body")" \
    '["2025-11-23-red-line-moved","2025-12-02-moscow-meeting","2025-12-02-moscow-meeting-2"]'
check "barrier 2 Dec" "$(jq -c '.versions[1] | [.barrier_issue, .barrier_gap, .red_lines_compatible, .margin, .package]' "$WORK/body")" \
    '["donetsk",80,false,null,"closest"]'
check "23 Nov: no barrier" "$(jq -c '.versions[0] | [.barrier_issue, .barrier_gap, .red_lines_compatible]' "$WORK/body")" '[null,0,true]'
zopa_margin=$("$PARLEY" zopa relaxed.json --json | jq '.margin')
check "23 Nov margin = zopa's" "$(jq '.versions[0].margin' "$WORK/body")" "$zopa_margin"
check "utilities per actor" "$(jq -c '.versions[1].utilities | keys' "$WORK/body")" "$(jq -c '[.actors[].id] | sort' "$default")"
# GET /api/diff?a=ID&b=ID: the document of `parley diff --json` for the two versions.
check "diff" "$(status GET '/api/diff?a=2025-12-02-moscow-meeting&b=2025-11-23-red-line-moved' -H "$AUTH")" 200
(cd ws/versions && "$PARLEY" diff 2025-12-02-moscow-meeting.json 2025-11-23-red-line-moved.json --json) >diff.json
check "diff = parley diff" "$(cmp -s <(jq -S . "$WORK/body") <(jq -S . diff.json) && echo same)" same
check "diff: the red line" "$(jq -c '[.changes[] | .path]' "$WORK/body")" "$(jq -c '[.changes[] | .path]' diff.json)"
check "diff unknown" "$(status GET '/api/diff?a=2025-12-02-moscow-meeting&b=nothing' -H "$AUTH")" 404
check "diff without b" "$(status GET '/api/diff?a=2025-12-02-moscow-meeting' -H "$AUTH")" 404

stop_server "$PID"
check "SIGTERM exit" "$STOPPED" 0

# SIGTERM while clients save: exit 0, and every file in versions/ is a whole scenario.
start_server again ws
jq -n --slurpfile s "$default" '{name: "burst", date: "2025-12-03", scenario: $s[0]}' >burst.json
clients=()
for k in $(seq 1 12); do
    curl -s -o /dev/null -H "$AUTH" --data-binary @burst.json "$BASE/api/versions" &
    clients+=($!)
done
sleep 0.15
stop_server "$PID"
check "SIGTERM during saves: exit" "$STOPPED" 0
wait "${clients[@]}" 2>/dev/null
broken=0
for f in ws/versions/*.json; do
    [ -L "$f" ] && continue
    jq -e . "$f" >/dev/null 2>&1 || { broken=1; echo "unreadable: $f"; }
    case $f in *index.json) ;; *) "$PARLEY" validate "$f" >/dev/null 2>&1 || { broken=1; echo "invalid: $f"; } ;; esac
done
check "workspace readable after SIGTERM" "$broken" 0
check "no temporary file left" "$(ls ws/versions | grep -c '\.tmp$')" 0
finish
