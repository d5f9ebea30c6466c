#!/usr/bin/env bash
# The documentation is self-contained (issue #14): a clone has every file the sources and
# docs point at. Fails when src/, include/, docs/, bench/ or README.md names ../shared other
# than the reference data (../shared/data, which tests read in place and skip without), when
# a source names the shared originals (DESIGN.md, CLI-CONTRACT.md, ../shared/specs/*.md)
# instead of their copies in docs/, when a docs/... path named in src/, include/, tests/ or
# bench/ does not exist, or when a relative Markdown link in README.md or docs/ points at a
# file that is not in the repository. The npm packages of the browser test
# (tests/browser/node_modules) are not ours and are not read, nor is the fuzz corpus
# (tests/fuzz/corpus: mutated inputs, whose "docs/..." strings are data). The checker first runs on a planted tree, so it is
# known to catch each kind of fault.
. "$(dirname "$0")/lib.bash"

# shared_refs ROOT: "FILE:LINE:REF" for each ../shared reference that is not ../shared/data.
shared_refs() {
    (cd "$1" && grep -rnoIE '\.\./shared(/[A-Za-z0-9_.-]+)?' src include docs bench README.md \
        2>/dev/null) | grep -vE ':\.\./shared/data$' || true
}

# stale_names ROOT: "FILE:LINE:NAME" for each name of a shared original (the copies are
# docs/design.md, docs/cli-contract.md, docs/specs/, docs/scenarios/).
stale_names() {
    local names='DESIGN\.md|CLI-CONTRACT\.md|\.\./shared/(specs|scenarios)/[A-Za-z0-9_-]+\.md'
    (cd "$1" && grep -rnoIE --exclude=docs_links.sh --exclude-dir=node_modules --exclude-dir=corpus "$names" \
        src include tests bench docs README.md 2>/dev/null) || true
}

# docs_paths ROOT: "FILE:LINE:PATH" for each docs/... path named in the sources that does not exist.
docs_paths() {
    local named='(^|[^[:alnum:]_./-])docs/[A-Za-z0-9_./-]*[A-Za-z0-9_]'
    (cd "$1" && grep -rnoIE --exclude=docs_links.sh --exclude-dir=node_modules --exclude-dir=corpus "$named" src include tests bench 2>/dev/null) |
    while IFS= read -r hit; do
        local file=${hit%%:*} rest=${hit#*:}
        local line=${rest%%:*} path=${rest#*:}
        path=docs/${path#*docs/}
        [ -e "$1/$path" ] || echo "$file:$line:$path"
    done
}

# md_links FILE: "LINE<TAB>TARGET" for each inline link or reference definition outside code.
md_links() {
    awk '
        /^[[:space:]]*(```|~~~)/ { fence = !fence; next }
        fence { next }
        {
            line = $0
            gsub(/`[^`]*`/, "", line)           # a link inside a code span is no link
            if (match(line, /^[[:space:]]*\[[^]]+\]:[[:space:]]*[^[:space:]]+/)) {
                target = substr(line, RSTART, RLENGTH)
                sub(/^[[:space:]]*\[[^]]+\]:[[:space:]]*/, "", target)
                print NR "\t" target
            }
            while (match(line, /\]\([^)]*\)/)) {
                print NR "\t" substr(line, RSTART + 2, RLENGTH - 3)
                line = substr(line, RSTART + RLENGTH)
            }
        }' "$1"
}

# broken_links ROOT: "FILE:LINE: TARGET" for each relative link in README.md and docs/**/*.md
# whose file is missing or lies outside ROOT.
broken_links() {
    local root file line target path full
    root=$(realpath "$1")
    (cd "$root" && find README.md docs -name '*.md' -type f 2>/dev/null | sort) |
    while IFS= read -r file; do
        md_links "$root/$file" | while IFS=$'\t' read -r line target; do
            target=${target%% *}; target=${target#<}; target=${target%>}
            path=${target%%#*}; path=${path%%\?*}
            case $target in ''|'#'*|*://*|mailto:*) continue ;; esac
            case $path in /*) echo "$file:$line: $target (absolute path)"; continue ;; esac
            full=$(realpath -m "$root/$(dirname "$file")/$path")
            case $full in
                "$root"|"$root"/*) [ -e "$full" ] || echo "$file:$line: $target" ;;
                *) echo "$file:$line: $target (outside the repository)" ;;
            esac
        done
    done
}

check_tree() {
    shared_refs "$1"; stale_names "$1"; docs_paths "$1"; broken_links "$1"
}

# 1. A planted tree: each fault is found, and nothing that is allowed.
t=$WORK/tree/repo
mkdir -p "$t/src" "$t/include" "$t/docs/specs" "$t/bench" "$t/tests" "$WORK/tree/shared/specs"
touch "$WORK/tree/shared/specs/real.md"   # exists, but outside the repository
printf '# spec\n' >"$t/docs/specs/a.md"
cat >"$t/README.md" <<'EOF'
[good](docs/specs/a.md) [anchor](docs/specs/a.md#x) [web](https://example.org/x.md) [here](#top)
[bad](docs/specs/missing.md "title")
`[not a link](nowhere.md)`
```
[in a code block](nowhere.md)
```
[ref]: docs/gone.md
EOF
cat >"$t/docs/guide.md" <<'EOF'
See [the spec](specs/a.md) and [the old one](../../shared/specs/real.md).
EOF
cat >"$t/src/x.c" <<'EOF'
/* reads ../shared/data/bdm when present; see docs/specs/a.md and docs/specs/none.md */
/* formula from ../shared/specs/eu.md, as DESIGN.md says */
EOF
printf '# bench: SHARED_DIR ../shared (default)\n' >"$t/bench/b.sh"
printf '/* CLI-CONTRACT.md */\n' >"$t/tests/t.c"
check_tree "$t" >"$WORK/planted"
for want in 'README.md:2: docs/specs/missing.md' 'README.md:7: docs/gone.md' \
            'docs/guide.md:1: ../../shared/specs/real.md (outside the repository)' \
            'src/x.c:2:../shared/specs' 'src/x.c:2:../shared/specs/eu.md' 'src/x.c:2:DESIGN.md' \
            'src/x.c:1:docs/specs/none.md' 'bench/b.sh:1:../shared' 'tests/t.c:1:CLI-CONTRACT.md' \
            'docs/guide.md:1:../shared/specs' 'docs/guide.md:1:../shared/specs/real.md'; do
    if grep -qxF -- "$want" "$WORK/planted"; then pass; else fail "not found: $want"; fi
done
if [ "$(wc -l <"$WORK/planted")" = 11 ]; then pass; else
    fail "planted tree: want 11 findings, got:"; sed 's/^/    /' "$WORK/planted"
fi

# 2. The repository itself.
check_tree "$SRC" >"$WORK/found"
if [ -s "$WORK/found" ]; then
    fail "references that a clone cannot follow:"; sed 's/^/    /' "$WORK/found"
else
    pass
fi
finish
