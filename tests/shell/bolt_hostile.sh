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

"$TANGLE" serve --empty --auth none --listen 127.0.0.1:0 --no-http --port-file "$T/port" --max-message 1M \
  --handshake-timeout 1s 2>"$T/log" &
SERVER_PID=$!
for _ in $(seq 1 300); do [ -s "$T/port" ] && break; sleep 0.05; done
PORT=$(sed -n 1p "$T/port")
# ws_status ORIGIN: the status line answering a WebSocket upgrade that a
# page at ORIGIN sends. Without authentication only this machine's pages
# may open one: any site a browser shows could otherwise reach the server.
ws_status() {
  P=$PORT timeout 10 node -e "
const s = require('net').connect(+process.env.P, '127.0.0.1', () => s.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
  'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n' +
  'Sec-WebSocket-Version: 13\r\nOrigin: ' + process.argv[1] + '\r\n\r\n'));
s.once('data', (d) => { console.log(d.toString().split('\r\n')[0]); s.destroy(); });" "$1"
}
check "a page on another site cannot open a WebSocket to a server without authentication" \
  "HTTP/1.1 403 Forbidden" "$(ws_status https://evil.example)"
check "a page served from this machine can" "HTTP/1.1 101 Switching Protocols" "$(ws_status http://localhost:7474)"
run_mjs hostile hostile.mjs
run_mjs load load.mjs
rss=$(awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status" 2>/dev/null)
limit=600000
[ "${TANGLE_FLAVOUR:-rel}" = san ] && limit=2000000
check "the server's peak memory stayed bounded (${rss:-?} KiB)" "yes" "$([ -n "$rss" ] && [ "$rss" -lt $limit ] && echo yes || echo no)"
check "no log line was forged by a client" 0 "$(grep -c '^FORGED' "$T/log")"
# A client that keeps sending statements does not keep the server up: at
# SIGTERM each session ends at its next statement boundary.
(cd "$ROOT/tests/driver" && BOLT_PORT=$PORT timeout 60 node -e "
import('neo4j-driver').then(async ({ default: neo4j }) => {
  const d = neo4j.driver('bolt://127.0.0.1:' + process.env.BOLT_PORT, neo4j.auth.basic('x', 'y'));
  const s = d.session();
  console.log('busy');
  try { for (;;) await s.run('RETURN 1'); } catch (e) { process.exit(0); }
});" >"$T/busy.out" 2>&1) &
BUSY_PID=$!
for _ in $(seq 1 100); do grep -q busy "$T/busy.out" 2>/dev/null && break; sleep 0.05; done
sleep 0.3
t0=$(date +%s%N)
kill -TERM "$SERVER_PID"
wait "$SERVER_PID"
rc=$?
t1=$(date +%s%N)
check "the server stops cleanly after all that, with a busy client" 0 "$rc"
check "and stops within 5 s (it took $(( (t1 - t0) / 1000000 )) ms)" yes "$([ $(( (t1 - t0) / 1000000 )) -lt 5000 ] && echo yes || echo no)"
wait "$BUSY_PID" 2>/dev/null
SERVER_PID=
check_contains "the log shows a refused client" "refused" "$(cat "$T/log")"
tap_done
