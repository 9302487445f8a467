#!/usr/bin/env bash
# tests/shell/bolt_hostile.sh — `tangle serve` against clients that break
# the rules (tests/driver/hostile.mjs) and under load: 32 clients reading
# and writing at once (tests/driver/load.mjs). The server must answer each
# hostile client with a FAILURE or a close, keep serving everyone else,
# lose no acknowledged write, and stop cleanly afterwards with bounded memory.
. "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d)
SERVER_PID=
cleanup() {
  [ -n "$SERVER_PID" ] && kill -9 "$SERVER_PID" 2>/dev/null
  rm -rf "$T"
}
trap cleanup EXIT
if ! command -v node >/dev/null || [ ! -d "$ROOT/tests/driver/node_modules/neo4j-driver" ]; then
  check "node and neo4j-driver are installed (./build.sh test installs them)" "yes" "no"
  tap_done
  exit 1
fi

# run_mjs NAME FILE: runs a node TAP suite against the server.
run_mjs() {
  local out rc
  out=$(cd "$ROOT/tests/driver" && BOLT_PORT=$PORT timeout 600 node "$2" 2>&1)
  rc=$?
  tap_merge "$1" "$rc" "$out"
}

"$TANGLE" serve --empty --auth none --listen 127.0.0.1:0 --port-file "$T/port" --max-message 1M \
  --handshake-timeout 1s 2>"$T/log" &
SERVER_PID=$!
for _ in $(seq 1 300); do [ -s "$T/port" ] && break; sleep 0.05; done
PORT=$(cat "$T/port")
run_mjs hostile hostile.mjs
run_mjs load load.mjs
rss=$(awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status" 2>/dev/null)
limit=600000
[ "${TANGLE_FLAVOUR:-rel}" = san ] && limit=2000000
check "the server's peak memory stayed bounded (${rss:-?} KiB)" "yes" "$([ -n "$rss" ] && [ "$rss" -lt $limit ] && echo yes || echo no)"
kill -TERM "$SERVER_PID"
wait "$SERVER_PID"
check "the server stops cleanly after all that" 0 $?
SERVER_PID=
check_contains "the log shows a refused client" "refused" "$(cat "$T/log")"
tap_done
