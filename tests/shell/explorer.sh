#!/usr/bin/env bash
# tests/shell/explorer.sh — the graph explorer page (web/) end to end: starts
# `tangle serve` on the built-in knowledge graph with an admin and a reader,
# and runs tests/driver/explorer.mjs, which drives Debian's chromium through
# the page with puppeteer-core (both installed by ./build.sh). Its TAP lines
# count as ours. Screenshots go to build/artefacts/explorer-*.png.
. "$(dirname "$0")/lib.sh"
server_test_init
ARTEFACTS=$ROOT/build/artefacts
mkdir -p "$ARTEFACTS"

CHROMIUM=${CHROMIUM:-$(command -v chromium || echo /usr/bin/chromium)}
check "node, puppeteer-core and chromium are installed (./build.sh test installs them)" "yes" \
  "$(command -v node >/dev/null && [ -d "$ROOT/tests/driver/node_modules/puppeteer-core" ] && [ -x "$CHROMIUM" ] && echo yes || echo no)"

add_user admin admin admin-secret
add_user rita reader reader-secret
start_server "$T/log" --users "$T/users"
check "the server reports an HTTP port" "yes" "$([ -n "$HTTP_PORT" ] && [ "$HTTP_PORT" -gt 0 ] && echo yes)"
U="http://127.0.0.1:$HTTP_PORT/"

# The page's own files are served, embedded in the binary.
for f in index.html explorer.css js/app.js js/graph.js js/cypher.js js/values.js js/style.js favicon.svg; do
  check "GET /$f is the file in web/" "$(cat "$ROOT/web/$f")" "$(curl -s "$U$f")"
done
check_contains "the page loads only its own script" '<script type="module" src="/js/app.js"></script>' "$(curl -s "$U")"
check "no inline script, handler or style in the page" "" \
  "$(grep -nE '<script>|<script [^>]*>[^<]|[[:space:]]on[a-z]+=|style=' "$ROOT/web/index.html")"

out=$(cd "$ROOT/tests/driver" && EXPLORER_URL=$U ADMIN_USER=admin ADMIN_PASS=admin-secret READER_USER=rita \
  READER_PASS=reader-secret ARTEFACTS="$ARTEFACTS" CHROMIUM="$CHROMIUM" timeout 150 node explorer.mjs 2>&1)
tap_merge explorer $? "$out"

stop_server
check "the server stops cleanly after the browser" 0 "$?"
tap_done
