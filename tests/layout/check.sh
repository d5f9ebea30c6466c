#!/usr/bin/env bash
# check.sh ARCHIVE SRC_LIB [NM] - the shape of libparley's sources (README.md, "Layout"):
#   - every source sits in a concept folder below SRC_LIB, none directly in it;
#   - no two sources share a name (the archive's members are named by file name only);
#   - no file is over 800 lines (STYLE: functions short, files short);
#   - no dependency cycle between folders: folder A depends on folder B when an object
#     compiled from A leaves undefined a symbol that an object from B defines (nm of the
#     static library ARCHIVE), and the dependency graph must have a topological order
#     (tsort). A cycle is reported with the symbols that make each of its edges.
# Exit 0 when all hold (the folders are printed lowest layer first), 1 otherwise.
set -uo pipefail
archive=${1:?usage: check.sh ARCHIVE SRC_LIB [NM]}
src=${2:?usage: check.sh ARCHIVE SRC_LIB [NM]}
nm=${3:-nm}
max_lines=800
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0

loose=$(find "$src" -mindepth 1 -maxdepth 1 -type f | sort)
if [ -n "$loose" ]; then
    echo "files directly in $src (put each in a concept folder):"; printf '  %s\n' $loose
    failed=1
fi

find "$src" -type f -printf '%f\n' | sort | uniq -d >"$tmp/dupes"
if [ -s "$tmp/dupes" ]; then
    echo "file names used twice under $src:"; sed 's/^/  /' "$tmp/dupes"; failed=1
fi

find "$src" -type f -print0 | xargs -0 wc -l | awk -v max=$max_lines \
    '$2 != "total" && $1 > max {print "  " $2 ": " $1 " lines"}' >"$tmp/long"
if [ -s "$tmp/long" ]; then
    echo "files over $max_lines lines:"; cat "$tmp/long"; failed=1
fi

# Which folder each object comes from: member "memory.c.o" is SRC_LIB/core/memory.c.
find "$src" -type f \( -name '*.c' -o -name '*.cc' \) -printf '%f.o %h\n' |
    sed "s|  *$src/*| |; s| $| .|" | sort >"$tmp/folder"
# POSIX nm output with -A: "ARCHIVE[MEMBER]: SYMBOL TYPE ...".
member_symbols() {
    "$nm" -A -P "$@" "$archive" | sed -nE 's/^.*\[([^]]+)\]: ([^ ]+) .*$/\1 \2/p'
}
member_symbols -g --defined-only | sort -k2,2 >"$tmp/defined"
member_symbols -u | sort -k2,2 >"$tmp/undefined"
if [ ! -s "$tmp/defined" ]; then
    echo "$archive: no symbols read with $nm"; exit 1
fi
awk '{print $1}' "$tmp/defined" | sort -u | join -v1 - "$tmp/folder" >"$tmp/unknown"
if [ -s "$tmp/unknown" ]; then
    echo "objects of $archive with no source under $src (a stale build?):"
    sed 's/^/  /' "$tmp/unknown"; failed=1
fi

# user-member symbol definer-member, then both members mapped to their folders.
join -1 2 -2 2 -o 1.1,0,2.1 "$tmp/undefined" "$tmp/defined" | sort >"$tmp/uses"
join "$tmp/uses" "$tmp/folder" | sort -k3,3 | join -1 3 -2 1 -o 1.1,1.2,1.3,1.4,2.2 - "$tmp/folder" |
    awk '$4 != $5 {print $4, $5, $2, $1}' | sort -u >"$tmp/edges"   # from to symbol object
awk '{print $1, $2}' "$tmp/edges" | sort -u >"$tmp/graph"
awk '{print $2, $2}' "$tmp/folder" | sort -u >>"$tmp/graph"        # folders with no edge

if ! tsort "$tmp/graph" >"$tmp/order" 2>"$tmp/loops"; then
    echo "dependency cycles between folders (tsort):"
    sed 's/^/  /' "$tmp/loops"
    # Every edge between two folders that are on a reported loop, with its symbols.
    # tsort names the folders of a loop one per line, "tsort: FOLDER".
    sed -nE 's/^tsort: ([^:]+)$/\1/p' "$tmp/loops" | sort -u >"$tmp/in_loop"
    echo "edges between the folders on the loops (from -> to: symbol, user object):"
    awk 'NR == FNR {on[$1] = 1; next} ($1 in on) && ($2 in on) {
             print "  " $1 " -> " $2 ": " $3 ", " $4}' "$tmp/in_loop" "$tmp/edges"
    failed=1
elif [ "$failed" = 0 ]; then
    echo "folders, lowest layer first (each uses only folders before it):"
    tac "$tmp/order" | while read -r folder; do
        printf '  %-12s uses %s\n' "$folder" \
            "$(awk -v f="$folder" '$1 == f {print $2}' "$tmp/edges" | sort -u | paste -sd' ')"
    done
fi
exit $failed
