#!/usr/bin/env bash
# tests/shell/http_api.sh — Neo4j's Query API on `tangle serve`'s HTTP
# port with curl, on the built-in graph: the issue's curl that lists the
# firms, typed JSON, status codes, basic auth and roles, transactions over
# separate requests (and another user's, an expired one), errors with
# positions, bad JSON, --read-only, huge bodies (413), replies past
# --max-message, a slow client that does not hold up the others, and a
# shutdown that rolls back an open transaction.
. "$(dirname "$0")/lib.sh"
server_test_init

add_user admin admin admin-secret
add_user eddie editor editor-secret
add_user rita reader reader-secret
start_server "$T/log" --users "$T/users" --http-rate 1000
U="http://127.0.0.1:$HTTP_PORT/db/neo4j/query/v2"
J='Content-Type: application/json'

# q BODY [USER:PASS] [PATH-SUFFIX] [METHOD]: a request; headers in $T/h,
# body in $T/b; echoes the status.
q() {
  curl -s -u "${2:-admin:admin-secret}" -H "$J" -D "$T/h" -o "$T/b" -w '%{http_code}' -X "${4:-POST}" \
    ${1:+-d "$1"} "$U${3:-}"
}
# field EXPR: a Python expression on the last reply's JSON (d).
field() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print('"$1"')' "$T/b" 2>&1; }

# ---- the issue's request ----------------------------------------------------------
out=$(curl -s -u admin:admin-secret -H 'Content-Type: application/json' \
  -d '{"statement":"MATCH (f:Firm) RETURN f.name"}' "http://127.0.0.1:$HTTP_PORT/db/neo4j/query/v2")
check "the firms of the built-in graph" "f.name|SpaceX Tesla X xAI" \
  "$(printf '%s' "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin)["data"]; print("|".join([" ".join(d["fields"]), " ".join(sorted(r[0] for r in d["values"] if r[0] in ("SpaceX","Tesla","X","xAI")))]))' 2>&1)"
code=$(q '{"statement":"MATCH (f:Firm {name:\"xAI\"}) RETURN f, f.name"}')
check "a query answers 202" 202 "$code"
check_contains "as application/json" "Content-Type: application/json" "$(cat "$T/h")"
check "a node is elementId, labels, properties" "n Firm xAI" \
  "$(field 'd["data"]["values"][0][0]["elementId"][0], d["data"]["values"][0][0]["labels"][0], d["data"]["values"][0][0]["properties"]["name"]')"
id=$(field 'd["data"]["values"][0][0]["elementId"]')
code=$(q "{\"statement\":\"MATCH (n) WHERE elementId(n) = \$id RETURN n.name\",\"parameters\":{\"id\":\"$id\"}}")
check "the element id finds the node again" "202 xAI" "$code $(field 'd["data"]["values"][0][0]')"

# ---- typed JSON ---------------------------------------------------------------------
code=$(curl -s -u rita:reader-secret -H 'Content-Type: application/vnd.neo4j.query' -H 'Accept: application/vnd.neo4j.query' \
  -D "$T/h" -o "$T/b" -w '%{http_code}' \
  -d '{"statement":"RETURN $d AS d, $n + 1 AS n, $l AS l","parameters":{"d":{"$type":"Date","_value":"2024-02-29"},"n":{"$type":"Integer","_value":"41"},"l":[{"$type":"Duration","_value":"P1D"},2.5]}}' "$U")
check "typed JSON answers 202" 202 "$code"
check_contains "as application/vnd.neo4j.query" "Content-Type: application/vnd.neo4j.query" "$(cat "$T/h")"
check "typed values come back typed" \
  "{'\$type': 'Date', '_value': '2024-02-29'} {'\$type': 'Integer', '_value': '42'} {'\$type': 'List', '_value': [{'\$type': 'Duration', '_value': 'P1D'}, {'\$type': 'Float', '_value': '2.5'}]}" \
  "$(field '" ".join(str(v) for v in d["data"]["values"][0])')"

# ---- auth and roles --------------------------------------------------------------------
code=$(curl -s -o "$T/b" -w '%{http_code}' -H "$J" -d '{"statement":"RETURN 1"}' "$U")
check "no credentials: 401" "401 Neo.ClientError.Security.Unauthorized" "$code $(field 'd["errors"][0]["code"]')"
code=$(q '{"statement":"RETURN 1"}' admin:wrong)
check "a wrong password: 401" 401 "$code"
code=$(q '{"statement":"CREATE (:Mallory)"}' rita:reader-secret)
check "a reader's write: 403 Forbidden" "403 Neo.ClientError.Security.Forbidden" "$code $(field 'd["errors"][0]["code"]')"
code=$(q '{"statement":"MATCH (n:Mallory) RETURN count(n)"}' rita:reader-secret)
check "... and nothing was written; a reader reads" "202 0" "$code $(field 'd["data"]["values"][0][0]')"
code=$(q '{"statement":"CREATE INDEX FOR (n:Firm) ON (n.kind)"}' eddie:editor-secret)
check "an editor's schema command: 403" 403 "$code"
code=$(q '{"statement":"CREATE (n:Scratch {v: 1}) RETURN n.v","includeCounters":true}' eddie:editor-secret)
check "an editor writes, with counters" "202 1 True" "$code $(field 'd["counters"]["nodesCreated"], d["counters"]["containsUpdates"]')"
code=$(q '{"statement":"CREATE (:Scratch)","accessMode":"READ"}')
check "accessMode READ refuses a write" "400 Neo.ClientError.Statement.AccessMode" "$code $(field 'd["errors"][0]["code"]')"

# ---- transactions over separate requests ------------------------------------------------
code=$(q '{"statement":"CREATE (n:Scratch {v: 2}) RETURN n.v"}' eddie:editor-secret /tx)
tx=$(field 'd["transaction"]["id"]')
check "begin with a statement: 202, an id and an expiry" "202 16 Z" "$code ${#tx} $(field 'd["transaction"]["expires"][-1]')"
code=$(q '{"statement":"MATCH (n:Scratch) RETURN sum(n.v)"}' eddie:editor-secret "/tx/$tx")
check "the transaction sees its own write" "202 3" "$code $(field 'd["data"]["values"][0][0]')"
code=$(q '{"statement":"MATCH (n:Scratch) DETACH DELETE n"}' admin:admin-secret "/tx/$tx")
check "another user's request for it: 404" "404 Neo.ClientError.Transaction.TransactionNotFound" \
  "$code $(field 'd["errors"][0]["code"]')"
code=$(q '' eddie:editor-secret "/tx/$tx/commit")
check "commit with an empty body" 202 "$code"
code=$(q '{"statement":"MATCH (n:Scratch) RETURN sum(n.v)"}')
check "the commit is visible to others" "202 3" "$code $(field 'd["data"]["values"][0][0]')"
code=$(q '' eddie:editor-secret "/tx/$tx/commit")
check "a committed transaction is gone" 404 "$code"
code=$(q '' eddie:editor-secret /tx)
tx=$(field 'd["transaction"]["id"]')
q '{"statement":"CREATE (:Scratch {v: 100})"}' eddie:editor-secret "/tx/$tx" >/dev/null
code=$(q '' eddie:editor-secret "/tx/$tx" DELETE)
check "DELETE rolls back: 200" 200 "$code"
code=$(q '{"statement":"MATCH (n:Scratch) RETURN sum(n.v)"}')
check "... and the write is undone" "3" "$(field 'd["data"]["values"][0][0]')"
code=$(q '{"statement":"CREATE (:Scratch {v: 7})"}' eddie:editor-secret /tx)
tx=$(field 'd["transaction"]["id"]')
code=$(q '{"statement":"RETURN 1/0"}' eddie:editor-secret "/tx/$tx")
check "an error in a transaction: 400" "400 Neo.ClientError.Statement.ArgumentError" "$code $(field 'd["errors"][0]["code"]')"
code=$(q '' eddie:editor-secret "/tx/$tx/commit")
check "... ends it (rolled back)" "404" "$code"

# ---- errors ---------------------------------------------------------------------------------
code=$(q '{"statement":"MATCH (f:Firm)\nRETURN f.name +"}')
check "a syntax error: 400 with its position" "400 Neo.ClientError.Statement.SyntaxError 2" \
  "$code $(field 'd["errors"][0]["code"], d["errors"][0]["position"]["line"]')"
code=$(q '{"statement":"RETURN 1"}' admin:admin-secret "" GET)
check "GET on the query endpoint: 405" 405 "$code"
code=$(curl -s -u admin:admin-secret -H "$J" -o "$T/b" -w '%{http_code}' -d '{"statement":"RETURN 1"}' \
  "http://127.0.0.1:$HTTP_PORT/db/system/query/v2")
check "another database: 404" "404 Neo.ClientError.Database.DatabaseNotFound" "$code $(field 'd["errors"][0]["code"]')"
code=$(q '{"statement": "RETURN 1", ')
check "bad JSON: 400 naming line and column" "400 True" "$code $(field '"line 1, column" in d["errors"][0]["message"]')"
code=$(curl -s -u admin:admin-secret -H 'Content-Type: text/plain' -o "$T/b" -w '%{http_code}' -d '{"statement":"RETURN 1"}' "$U")
check "a body that is not JSON: 415" 415 "$code"
code=$(q '{"statement":"RETURN $x","parameters":{"x":{"$type":"Point","_value":{}}}}')
check_contains "an impossible parameter: 400 naming it" "400 parameter \$x" "$code $(field 'd["errors"][0]["message"]')"

# ---- a slow client ----------------------------------------------------------------------------
# It sends its headers and half its body, then stalls; the others go on.
python3 - "$HTTP_PORT" <<'EOF' &
import base64, socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
body = b'{"statement":"RETURN 1"}'
auth = base64.b64encode(b"admin:admin-secret").decode()
s.sendall(("POST /db/neo4j/query/v2 HTTP/1.1\r\nHost: x\r\nAuthorization: Basic %s\r\n"
           "Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % (auth, len(body))).encode() + body[:10])
time.sleep(4)
s.close()
EOF
SLOW=$!
PIDS+=("$SLOW")
sleep 0.3
start=$(date +%s%N)
code=$(q '{"statement":"MATCH (n) RETURN count(n)"}')
ms=$((($(date +%s%N) - start) / 1000000))
check "a stalled client does not hold up another's query" "202 fast" "$code $([ "$ms" -lt 2000 ] && echo fast || echo "slow ($ms ms)")"
kill "$SLOW" 2>/dev/null

# ---- shutdown with a transaction open ------------------------------------------------------------
code=$(q '{"statement":"CREATE (:Unfinished)"}' eddie:editor-secret /tx)
check "a transaction is open at shutdown" 202 "$code"
stop_server
check "the server stops cleanly with it open" 0 "$?"

# ---- --read-only, --max-message and --tx-timeout --------------------------------------------------
start_server "$T/log2" --users "$T/users" --http-rate 1000 --read-only --max-message 64K --tx-timeout 1s
U="http://127.0.0.1:$HTTP_PORT/db/neo4j/query/v2"
code=$(q '{"statement":"CREATE (:Nope)"}')
check "--read-only refuses an admin's write: 403" "403 True" "$code $(field '"--read-only" in d["errors"][0]["message"]')"
code=$(q '{"statement":"MATCH (n:Firm) RETURN count(n) > 0"}')
check "--read-only still reads" "202 True" "$code $(field 'd["data"]["values"][0][0]')"
head -c 100000 /dev/zero | tr '\0' ' ' > "$T/big"
code=$(curl -s -u admin:admin-secret -H "$J" -o "$T/b" -w '%{http_code}' --data-binary "@$T/big" "$U")
check "a body past --max-message: 413" 413 "$code"
code=$(q '{"statement":"UNWIND range(1, 100000) AS x RETURN x"}')
check "a reply past --max-message fails cleanly" "400 Neo.ClientError.Statement.ResourceLimit" "$code $(field 'd["errors"][0]["code"]')"
code=$(q '' admin:admin-secret /tx)
tx=$(field 'd["transaction"]["id"]')
sleep 1.6
code=$(q '{"statement":"RETURN 1"}' admin:admin-secret "/tx/$tx")
check "a transaction idle past --tx-timeout is gone" "404 True" "$code $(field '"expired" in d["errors"][0]["message"]')"
stop_server
check "the second server stops cleanly" 0 "$?"
check_contains "the log tells of the expiry" "expired after 1000 ms idle; rolled back" "$(cat "$T/log2")"
tap_done
