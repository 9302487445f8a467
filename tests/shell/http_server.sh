#!/usr/bin/env bash
# tests/shell/http_server.sh — the HTTP port of `tangle serve` below the
# handlers (server/http.c): the explorer's files and the security headers
# on every reply; basic auth, the session cookie (its flags, logout, a
# removed token), throttled logins; the Origin check on writes; methods;
# body limits by Content-Length and by chunks; the per-address rate
# limit; slow and broken clients that must not hold the server; HTTPS
# with --tls-cert; start-up refusals (--auth none off loopback, a port in
# use); and a clean stop with connections open.
. "$(dirname "$0")/lib.sh"
server_test_init

add_user admin admin admin-secret
add_user rita reader reader-secret

start_server "$T/log" --users "$T/users" --http-rate 1000
check "the server reports an HTTP port" "yes" "$([ -n "$HTTP_PORT" ] && [ "$HTTP_PORT" -gt 0 ] && echo yes)"
U="http://127.0.0.1:$HTTP_PORT"
check_contains "the log prints the URL to open" "open $U/ in a browser" "$(cat "$T/log")"

# ---- the page and the headers --------------------------------------------
h=$(curl -s -D - -o "$T/index" "$U/")
check_contains "GET / answers 200" "HTTP/1.1 200" "$h"
check_contains "the page is HTML" "Content-Type: text/html; charset=utf-8" "$h"
check "the page is the embedded web/index.html" "$(cat "$ROOT/web/index.html")" "$(cat "$T/index")"
check_contains "a CSP forbids inline and remote scripts" "Content-Security-Policy: default-src 'self'; script-src 'self';" "$h"
check_contains "the CSP forbids framing" "frame-ancestors 'none'" "$h"
check_contains "nosniff" "X-Content-Type-Options: nosniff" "$h"
check_contains "no framing (older browsers)" "X-Frame-Options: DENY" "$h"
check_contains "no referrer leaves" "Referrer-Policy: no-referrer" "$h"
h=$(curl -s -I "$U/index.html")
check_contains "HEAD gives the headers" "HTTP/1.1 200" "$h"
code=$(curl -s -o "$T/body" -w '%{http_code}' "$U/no-such-file.js")
check "an unknown path needs a login first (nothing is told to strangers)" "401" "$code"
code=$(curl -s -o "$T/body" -w '%{http_code}' -u admin:admin-secret "$U/no-such-file.js")
check "an unknown path is 404" "404" "$code"
check_contains "404 explains in Neo4j's error form" '"errors":[{"code":' "$(cat "$T/body")"
code=$(curl -s -o /dev/null -w '%{http_code}' -X PUT "$U/")
check "PUT is not allowed" "405" "$code"
h=$(curl -s -D - -o /dev/null -X OPTIONS "$U/whoami")
check_contains "OPTIONS (a CORS preflight) is not allowed, so no cross-origin grant" "405" "$h"
check_contains "405 lists the methods" "Allow: GET, HEAD, POST, DELETE" "$h"

# ---- authentication ----------------------------------------------------------
h=$(curl -s -D - "$U/whoami")
check_contains "no credentials: 401" "HTTP/1.1 401" "$h"
check_contains "curl is told to use basic auth" 'WWW-Authenticate: Basic realm="tangle"' "$h"
check_contains "the error names the way in" "Neo.ClientError.Security.Unauthorized" "$h"
h=$(curl -s -D - -H 'Sec-Fetch-Mode: cors' "$U/whoami")
check "a browser's fetch gets no basic-auth prompt" "" "$(printf '%s' "$h" | grep -i '^WWW-Authenticate')"
check "basic auth: admin" '{"user":"admin","role":"admin","auth":true,"readOnly":false,"database":"neo4j"}' \
  "$(curl -s -u admin:admin-secret "$U/whoami")"
check_contains "basic auth: a reader" '"role":"reader"' "$(curl -s -u rita:reader-secret "$U/whoami")"
code=$(curl -s -o /dev/null -w '%{http_code}' -u admin:wrong "$U/whoami")
check "a wrong password is 401" "401" "$code"
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Basic !!!notbase64' "$U/whoami")
check "a malformed Authorization header is 401" "401" "$code"
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer abc' "$U/whoami")
check "another scheme is 401" "401" "$code"

h=$(curl -s -D - -c "$T/jar" -H 'Content-Type: application/json' -d '{"user":"rita","password":"reader-secret"}' "$U/login")
check_contains "POST /login answers the user and role" '{"user":"rita","role":"reader","auth":true}' "$h"
cookie=$(printf '%s' "$h" | grep -i '^Set-Cookie:')
check_contains "the session cookie is HttpOnly" "HttpOnly" "$cookie"
check_contains "the session cookie is SameSite=Strict" "SameSite=Strict" "$cookie"
check_contains "the session cookie is for the whole site" "Path=/" "$cookie"
token=$(printf '%s' "$cookie" | sed -n 's/.*tangle_session=\([^;]*\);.*/\1/p')
check "the token is 43 characters of base64url (256 bits)" "43" "$(printf '%s' "$token" | tr -d '\r' | grep -cE '^[A-Za-z0-9_-]{43}$' | sed 's/1/43/')"
check_contains "the cookie logs the page in" '"user":"rita"' "$(curl -s -b "$T/jar" "$U/whoami")"
code=$(curl -s -o /dev/null -w '%{http_code}' -b "tangle_session=${token%?}x" "$U/whoami")
check "a forged token is 401" "401" "$code"
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$T/jar" -X POST "$U/logout")
check "POST /logout" "200" "$code"
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$T/jar" "$U/whoami")
check "after logout the token no longer works" "401" "$code"
code=$(curl -s -o "$T/body" -w '%{http_code}' -H 'Content-Type: application/json' -d '{"user":"rita","password":"nope"}' "$U/login")
check "a failed /login is 401" "401" "$code"
code=$(curl -s -o "$T/body" -w '%{http_code}' -H 'Content-Type: application/json' -d '{"user":"rita"' "$U/login")
check "a malformed /login body is 400" "400" "$code"
check_contains "... saying what it takes" "POST /login takes a JSON object" "$(cat "$T/body")"
code=$(curl -s -o /dev/null -w '%{http_code}' -u admin:admin-secret "$U/login")
check "GET /login changes nothing (no such page)" "404" "$code"

# ---- Origin ----------------------------------------------------------------
code=$(curl -s -o "$T/body" -w '%{http_code}' -H "Origin: http://evil.example" -H 'Content-Type: application/json' \
  -d '{"user":"admin","password":"admin-secret"}' "$U/login")
check "a write from another origin is 403" "403" "$code"
check_contains "... saying why" "Origin header is not this server" "$(cat "$T/body")"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Origin: http://127.0.0.1:$HTTP_PORT" -H 'Content-Type: application/json' \
  -d '{"user":"admin","password":"admin-secret"}' "$U/login")
check "a write from the server's own origin passes" "200" "$code"
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Sec-Fetch-Site: cross-site' -X POST "$U/logout")
check "Sec-Fetch-Site: cross-site without Origin is 403" "403" "$code"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Origin: http://evil.example" -u admin:admin-secret "$U/whoami")
check "a GET from another origin changes nothing and is answered" "200" "$code"

# ---- bodies -------------------------------------------------------------------
code=$(head -c 17000000 /dev/zero | tr '\0' ' ' | curl -s -o "$T/body" -w '%{http_code}' -u admin:admin-secret \
  -H 'Content-Type: application/json' --data-binary @- "$U/db/neo4j/query/v2")
check "a body over --max-message is 413 (Content-Length)" "413" "$code"
check_contains "... naming the flag" "--max-message" "$(cat "$T/body")"
code=$(head -c 17000000 /dev/zero | tr '\0' ' ' | curl -s -o /dev/null -w '%{http_code}' -u admin:admin-secret \
  -H 'Content-Type: application/json' -H 'Transfer-Encoding: chunked' --data-binary @- "$U/db/neo4j/query/v2")
check "a chunked body over --max-message is 413" "413" "$code"
rss=$(awk '/VmRSS/ {print $2}' "/proc/$SERVER_PID/status")
limit=400000
[ "${TANGLE_FLAVOUR:-rel}" = san ] && limit=1500000
check "refused bodies were not kept (${rss} KiB)" "yes" "$([ "$rss" -lt $limit ] && echo yes)"
big=$(head -c 70000 /dev/zero | tr '\0' 'a')
code=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Big: $big" "$U/")
check "headers over 64 KiB are refused" "yes" "$(case $code in 413 | 431 | 400) echo yes ;; *) echo "$code" ;; esac)"

# ---- broken and slow clients ---------------------------------------------------
# A write to a connection the server has already closed must not kill this
# script with SIGPIPE (status 141, seen once under load): ignored here.
send_to() { local fd=$1; shift; (trap '' PIPE; printf "$@" >&"$fd") 2>/dev/null || true; }
exec 7<>/dev/tcp/127.0.0.1/"$HTTP_PORT"
send_to 7 'GET / FOO/1.1\r\nHost: x\r\n\r\n'
reply=$(timeout 5 head -c 200 <&7 | head -1)
exec 7>&-
check_contains "a malformed request line is 400" "400 Bad Request" "$reply"
exec 7<>/dev/tcp/127.0.0.1/"$HTTP_PORT"
send_to 7 'GARBAGE\r\n\r\n'
reply=$(timeout 5 head -c 200 <&7 | head -1)
exec 7>&-
check "a line that is not HTTP is dropped without an answer" "" "$reply"
# Twenty clients that send half a request and wait must not stop others.
for i in $(seq 1 20); do
  exec {fd}<>/dev/tcp/127.0.0.1/"$HTTP_PORT"
  printf 'GET / HTTP/1.1\r\nHost: x\r\n' >&$fd
  slow+=("$fd")
done
code=$(curl -s -o /dev/null -w '%{http_code}' -m 5 "$U/")
check "twenty stalled clients do not hold the server" "200" "$code"
for fd in "${slow[@]}"; do exec {fd}>&-; done

# ---- the rate limit ------------------------------------------------------------
stop_server
check "the server stopped cleanly" 0 $?
start_server "$T/log2" --users "$T/users" --http-rate 5
U="http://127.0.0.1:$HTTP_PORT"
# One curl sends the 30 requests over one connection: fast enough that the
# bucket cannot refill them under load (14 curl processes in a row on a
# busy machine once took longer than the burst lasts, and none got 429).
urls=()
for i in $(seq 1 30); do urls+=(-o /dev/null "$U/index.html"); done
codes=$(curl -s -D "$T/rate-headers" -w '%{http_code} ' "${urls[@]}")
check_contains "past the burst (twice --http-rate) requests get 429" "429" "$codes"
check_contains "the burst itself is served" "200 200 200 200 200" "$codes"
check_contains "429 says when to come back" "Retry-After: 1" "$(cat "$T/rate-headers")"
sleep 1.2
code=$(curl -s -o /dev/null -w '%{http_code}' "$U/index.html")
check "after a second the address may ask again" "200" "$code"
# Throttled logins, as on Bolt: five failures lock the address out.
for i in 1 2 3 4 5; do curl -s -o /dev/null -u admin:wrong "$U/whoami"; sleep 0.2; done
sleep 0.3
h=$(curl -s -D - -u admin:admin-secret "$U/whoami")
check_contains "after five failed logins even the right password waits" "429" "$h"
check_contains "... with the AuthenticationRateLimit code" "AuthenticationRateLimit" "$h"
# A keep-alive connection open at SIGTERM does not hold the stop.
exec 8<>/dev/tcp/127.0.0.1/"$HTTP_PORT"
send_to 8 'GET / HTTP/1.1\r\nHost: x\r\n\r\n'
start=$(date +%s%N)
stop_server
rc=$?
elapsed=$((($(date +%s%N) - start) / 1000000))
exec 8>&-
check "stopped with a keep-alive client connected" 0 $rc
check "... within two seconds (${elapsed} ms)" "yes" "$([ $elapsed -lt 2000 ] && echo yes)"

# ---- HTTPS ------------------------------------------------------------------------
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/key.pem" -out "$T/cert.pem" -days 2 -subj /CN=localhost \
  >/dev/null 2>&1
start_server "$T/log3" --users "$T/users" --tls-cert "$T/cert.pem" --tls-key "$T/key.pem"
check_contains "with TLS the URL is https" "open https://127.0.0.1:$HTTP_PORT/" "$(cat "$T/log3")"
check_contains "HTTPS serves the API" '"user":"admin"' "$(curl -sk -u admin:admin-secret "https://127.0.0.1:$HTTP_PORT/whoami")"
cookie=$(curl -sk -D - -o /dev/null -H 'Content-Type: application/json' -d '{"user":"rita","password":"reader-secret"}' \
  "https://127.0.0.1:$HTTP_PORT/login" | grep -i '^Set-Cookie:')
check_contains "under TLS the cookie is Secure" "Secure" "$cookie"
code=$(curl -s -o /dev/null -w '%{http_code}' -m 5 "http://127.0.0.1:$HTTP_PORT/whoami")
check "plain HTTP to the HTTPS port gets no answer" "000" "$code"
stop_server

# ---- refusals at start ------------------------------------------------------------
out=$("$TANGLE" serve --auth none --listen 127.0.0.1:0 --http 0.0.0.0:0 2>&1)
check "--auth none with --http off loopback is refused" 1 $?
check_contains "... saying why" "--auth none is only allowed on loopback" "$out"
start_server "$T/log4" --auth none
out=$("$TANGLE" serve --auth none --listen 127.0.0.1:0 --http "127.0.0.1:$HTTP_PORT" 2>&1)
check "an HTTP port in use stops the start" 1 $?
check_contains "... naming the flag and address" "--http 127.0.0.1:$HTTP_PORT" "$out"
check_contains "--auth none: anyone is admin on loopback" '"auth":false' "$(curl -s "http://127.0.0.1:$HTTP_PORT/whoami")"
stop_server
start_server "$T/log5" --auth none --no-http
check "--no-http: no HTTP port" "0" "$HTTP_PORT"
stop_server
out=$("$TANGLE" serve --http nowhere 2>&1)
check "--http needs HOST:PORT" 2 $?
check_contains "... and says so" "--http needs HOST:PORT" "$out"
start_server "$T/log6" --auth none --read-only
check_contains "--read-only shows in /whoami" '"readOnly":true' "$(curl -s "http://127.0.0.1:$HTTP_PORT/whoami")"
check_contains "--read-only is in the banner" "read-only" "$(cat "$T/log6")"
stop_server
tap_done
