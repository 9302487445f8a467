#!/usr/bin/env bash
# tests/shell/bolt_driver.sh — `tangle serve` with Neo4j's JavaScript driver
# (tests/driver/driver.mjs, installed by build.sh into tests/driver/node_modules):
# types, transactions, bookmarks, errors, streaming, a killed client,
# authentication and roles, TLS. Then the server's own behaviour: users made
# from the command line, --auth none refused off loopback, a clean SIGTERM
# that checkpoints a database on disk, and a write that survives it.
. "$(dirname "$0")/lib.sh"
server_test_init

if ! command -v node >/dev/null || [ ! -d "$ROOT/tests/driver/node_modules/neo4j-driver" ]; then
  check "node and neo4j-driver are installed (./build.sh test installs them)" "yes" "no"
  tap_done
  exit 1
fi

# Users: an admin and a reader, passwords from stdin.
out=$(printf 'admin-secret\n' | "$TANGLE" --users "$T/users" --add-user admin --role admin 2>&1)
check "--add-user reads the password from stdin" 0 $?
check_contains "--add-user says what it did" "added user admin" "$out"
add_user rita reader reader-secret
check "the users file lists both, with roles" "admin	admin
rita	reader" "$("$TANGLE" --users "$T/users" --list-users)"
check "the users file is private" "600" "$(stat -c %a "$T/users")"
check_contains "no password hash is stored in the clear" '$argon2id$' "$(cat "$T/users")"
out=$(printf 'x\n' | "$TANGLE" --users "$T/users" --add-user admin 2>&1)
check_contains "a user cannot be added twice" "admin" "$out"

# The TLS certificate, self-signed.
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/key.pem" -out "$T/cert.pem" -days 2 \
  -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" >/dev/null 2>&1
check "a self-signed certificate is made" 0 $?

start_server "$T/log" --empty --users "$T/users"
check "the server listens" "yes" "$([ -n "$PORT" ] && echo yes || echo no)"
MAIN_PID=$SERVER_PID
MAIN_PORT=$PORT
start_server "$T/tls.log" --empty --users "$T/users" --tls-cert "$T/cert.pem" --tls-key "$T/key.pem"
TLS_PID=$SERVER_PID
TLS_PORT=$PORT

# The driver's own suite: its TAP lines count as ours.
driver_out=$(cd "$ROOT/tests/driver" && BOLT_PORT=$MAIN_PORT BOLT_TLS_PORT=$TLS_PORT BOLT_USER=admin \
  BOLT_PASS=admin-secret BOLT_READER=rita BOLT_READER_PASS=reader-secret timeout 300 node driver.mjs 2>&1)
tap_merge driver $? "$driver_out"

# The browser build over WebSocket: ws:// here, wss:// to the TLS server.
# Node 20 has the browsers' WebSocket behind a flag; older ones use ws.
WS_FLAG=
node --experimental-websocket -e 1 2>/dev/null && WS_FLAG=--experimental-websocket
browser_out=$(cd "$ROOT/tests/driver" && BOLT_PORT=$MAIN_PORT BOLT_TLS_PORT=$TLS_PORT BOLT_USER=admin \
  BOLT_PASS=admin-secret NODE_EXTRA_CA_CERTS="$T/cert.pem" timeout 120 node $WS_FLAG browser.mjs 2>&1)
tap_merge browser $? "$browser_out"
check_contains "the log names WebSocket connections" "over websocket," "$(cat "$T/log")"
check_contains "and secure WebSocket ones" "over websocket+tls," "$(cat "$T/tls.log")"

# docs/server.md's program, as written, against the built-in graph: only
# the port differs (7687 is not free in tests). Its output must be the one
# the page shows.
add_user ann reader 'her password'
awk '/<!-- bolt-example: hello.mjs -->/ {on = 1; next} on && /^```js/ {code = 1; next}
     code && /^```/ {exit} code {print}' "$ROOT/docs/server.md" >"$T/hello.mjs"
start_server "$T/kg.log" --users "$T/users"
KG_PID=$SERVER_PID
sed -i "s/:7687'/:$PORT'/" "$T/hello.mjs"
cp "$T/hello.mjs" "$ROOT/tests/driver/.hello-$$.mjs"
hello_out=$(cd "$ROOT/tests/driver" && timeout 60 node ".hello-$$.mjs" 2>&1)
rm -f "$ROOT/tests/driver/.hello-$$.mjs"
expected=$(awk '/<!-- bolt-example: hello.mjs -->/ {on = 1} on && /it prints:/ {p = 1; next}
                p && /^    / {print substr($0, 5); got = 1; next} p && got {exit}' "$ROOT/docs/server.md")
check "docs/server.md's JavaScript program prints what the page shows" "$expected" "$hello_out"
SERVER_PID=$KG_PID
stop_server

SERVER_PID=$MAIN_PID
stop_server
check "SIGTERM stops the server with status 0" 0 $?
log=$(cat "$T/log")
check_contains "the log names each connection" "disconnected" "$log"
check_contains "the log names a failed login" "login failed for 'admin'" "$log"
check_contains "the log names a failed statement" "statement failed" "$log"
check_contains "the log says it stopped" "tangle serve: stopped" "$log"
SERVER_PID=$TLS_PID
stop_server
check "the TLS server stops with status 0" 0 $?

# Files: a server with --files lets an editor read a CSV inside the folder,
# never a reader, and a connection that logs in again (LOGOFF, LOGON: the
# driver's per-session users) gets the new user's rights. Then a burst of
# wrong passwords at once: only the first few are even checked.
mkdir -p "$T/files"
printf 'name\nAnn\nBob\n' >"$T/files/people.csv"
add_user eddie editor pw
start_server "$T/files.log" --empty --users "$T/users" --files "$T/files"
files_out=$(cd "$ROOT/tests/driver" && BOLT_PORT=$PORT timeout 60 node relogin.mjs 2>&1)
check "an editor reads a CSV inside --files; a reader may not; the editor again after the reader" \
  "2
Neo.ClientError.Statement.ExternalResourceFailed
2" "$(printf '%s\n' "$files_out" | head -3)"
unauth=$(printf '%s\n' "$files_out" | sed -n 4p)
check "30 wrong passwords at once: at most 5 are checked (the rest are rate-limited; got $unauth)" yes \
  "$([ -n "$unauth" ] && [ "$unauth" -le 5 ] && echo yes || echo no)"
stop_server
check "the files server stops cleanly" 0 $?

# --auth none only on loopback; no users, no server.
out=$("$TANGLE" serve --empty --auth none --listen 0.0.0.0:0 2>&1)
check "--auth none off loopback is refused" 1 $?
check_contains "and says why" "loopback" "$out"
out=$("$TANGLE" serve --empty --listen 127.0.0.1:0 2>&1)
check "authentication without users does not start" 1 $?
check_contains "and says how to add one" "--add-user" "$out"

# A database on disk: users beside it, a write over Bolt, SIGTERM, the write kept.
"$TANGLE" "$T/db" -e "RETURN 1" >/dev/null 2>&1
printf 'pw\n' | "$TANGLE" "$T/db" --add-user ed --role editor 2>/dev/null
start_server "$T/db.log" "$T/db"
write_out=$(cd "$ROOT/tests/driver" && node -e "
import('neo4j-driver').then(async ({ default: neo4j }) => {
  const d = neo4j.driver('bolt://127.0.0.1:$PORT', neo4j.auth.basic('ed', 'pw'));
  await d.executeQuery(\"CREATE (:Kept {by: 'bolt'})\");
  try { await d.executeQuery('CREATE INDEX FOR (k:Kept) ON (k.by)'); console.log('schema allowed'); }
  catch (e) { console.log(e.code); }
  await d.close();
});" 2>&1)
check "an editor may not change the schema" "Neo.ClientError.Security.Forbidden" "$write_out"
stop_server
check "the database server stops cleanly" 0 $?
check "a write over Bolt is in the database after shutdown" "by
bolt" "$("$TANGLE" "$T/db" --format csv -e "MATCH (k:Kept) RETURN k.by AS by")"

tap_done
