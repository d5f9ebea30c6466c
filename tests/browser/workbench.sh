#!/usr/bin/env bash
# browser.workbench: the web app of `parley serve` in headless Chromium, driven by
# puppeteer-core (tests/browser/workbench.mjs). Arguments: the parley binary, the source
# root. Skipped (exit 77) when node, the npm packages (`make browser-deps`), Debian's
# chromium or the serve command is absent; installs nothing itself.
set -u
PARLEY=$1
SRC=$2
here=$SRC/tests/browser
skip() { echo "skipped: $*"; exit 77; }

command -v node >/dev/null 2>&1 || skip "node is not installed (apt-get install nodejs npm)"
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
[ "$major" -ge 18 ] || skip "node $major is older than 18"
[ -f "$here/node_modules/puppeteer-core/package.json" ] ||
    skip "puppeteer-core is not installed (make browser-deps)"
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$CHROMIUM" ] || skip "chromium is not installed (apt-get install chromium)"
"$PARLEY" serve --help >/dev/null 2>&1 || skip "this parley has no serve command"

PARLEY_SOURCE=$SRC
export PARLEY PARLEY_SOURCE CHROMIUM
exec timeout 180 node "$here/workbench.mjs"
