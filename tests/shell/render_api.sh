#!/usr/bin/env bash
# tests/shell/render_api.sh — RENDER over `tangle serve`'s HTTP port with
# curl, on the built-in graph: GET /render/style, POST /render as SVG,
# JSON, PNG and DOT with the node and relationship ids in them, a reader
# may draw but nothing writes through /render, the explorer's statement,
# and errors (bad format, bad JSON, wrong content type, no login).
. "$(dirname "$0")/lib.sh"
server_test_init

add_user admin admin admin-secret
add_user rita reader reader-secret
start_server "$T/log" --users "$T/users" --http-rate 1000
U="http://127.0.0.1:$HTTP_PORT"
J='Content-Type: application/json'

# post BODY [USER:PASS]: POST /render; headers in $T/h, body in $T/b; echoes the status.
post() {
  curl -s -u "${2:-admin:admin-secret}" -H "$J" -D "$T/h" -o "$T/b" -w '%{http_code}' -d "$1" "$U/render"
}

# ---- the style ----------------------------------------------------------------
code=$(curl -s -u rita:reader-secret -D "$T/h" -o "$T/b" -w '%{http_code}' "$U/render/style")
check "GET /render/style answers 200" 200 "$code"
check_contains "the style is JSON" "Content-Type: application/json" "$(cat "$T/h")"
check_contains "the style is revalidated" "Cache-Control: no-cache" "$(cat "$T/h")"
check "the style holds Person's colours" '{"shape": "ellipse", "style": "filled", "fill": "#dbeafe", "line": "#1d4ed8"}' \
  "$(python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["labels"]["Person"]))' "$T/b" 2>&1)"
code=$(curl -s -o /dev/null -w '%{http_code}' "$U/render/style")
check "the style needs a login" 401 "$code"

# ---- drawings -------------------------------------------------------------------
code=$(post '{"statement":"MATCH p=(:Person)-[:OWNS]->(:Firm) RETURN p","format":"svg"}')
check "POST /render draws SVG" 200 "$code"
check_contains "as image/svg+xml" "Content-Type: image/svg+xml" "$(cat "$T/h")"
check_contains "the SVG names a firm" ">xAI</text>" "$(cat "$T/b")"
check_contains "SVG nodes carry their ids" '<g id="n' "$(cat "$T/b")"
check_contains "SVG edges carry their ids" '<g id="r' "$(cat "$T/b")"
code=$(post '{"statement":"MATCH p=(:Person {name:\"Elon Musk\"})-[:OWNS]->(:Firm {name:\"xAI\"}) RETURN p","format":"json"}' rita:reader-secret)
check "a reader may draw; JSON positions" 200 "$code"
check "the JSON has the two nodes and the edge, by id" "2 1 n r" \
  "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["objects"]), len(d["edges"]), d["objects"][0]["id"][0], d["edges"][0]["id"][0])' "$T/b" 2>&1)"
code=$(post '{"statement":"MATCH (f:Firm {name:\"xAI\"}) RETURN f","format":"png","layout":"neato","title":"xAI"}')
check "PNG" "200|89504e47" "$code|$(head -c 4 "$T/b" | od -An -tx1 | tr -d ' \n')"
code=$(post '{"statement":"UNWIND $nodes AS i MATCH (n) WHERE id(n) = i OPTIONAL MATCH (n)-[r]-(m) WHERE id(r) IN $rels AND id(m) IN $nodes RETURN n, r","parameters":{"nodes":[0,1,2],"rels":[]},"format":"dot","legend":false}')
check "the explorer's statement draws its nodes as DOT" "200|3" "$code|$(grep -c 'id=n[0-9]' "$T/b")"
check_contains "as text/vnd.graphviz" "Content-Type: text/vnd.graphviz" "$(cat "$T/h")"

# ---- refusals and errors ----------------------------------------------------------
code=$(post '{"statement":"CREATE (n:Person {name:\"Mallory\"}) RETURN n"}')
check "a write is refused (403)" 403 "$code"
check_contains "... as Forbidden" "Neo.ClientError.Security.Forbidden" "$(cat "$T/b")"
code=$(post '{"statement":"MATCH (n) DETACH DELETE n"}' rita:reader-secret)
check "a reader's delete is refused (403)" 403 "$code"
post '{"statement":"MATCH (n:Person {name:\"Mallory\"}) RETURN n"}' >/dev/null
check_contains "nothing was written (no Mallory to draw)" "RENDER found nothing to draw" "$(cat "$T/b")"
code=$(post '{"statement":"MATCH (n:Firm) RETURN n","format":"gif"}')
check "an unknown format is 400" "400" "$code"
check_contains "... and named" 'unknown format \"gif\"' "$(cat "$T/b")"
code=$(post '{"statement":"MATCH (n:Firm) RETURN n","layout":"spring"}')
check_contains "an unknown layout is named" "unknown RENDER layout 'spring'" "$code $(cat "$T/b")"
code=$(post '{"statement":"MATCH p = (:Person {name: \"Elon Musk\"})-[:OWNS]->(:Firm) RETURN p","format":"json","layout":"dot","cluster":true}')
check "a clustered layout is 200" 200 "$code"
check_contains "... with a box for the firms" '"name": "cluster_Firm"' "$(cat "$T/b")"
code=$(post '{"statement":"MATCH (n:Firm) RETURN n","cluster":"yes"}')
check "cluster must be a boolean" 400 "$code"
check_contains "... and says so" '"cluster" must be true or false' "$(sed 's/\\//g' "$T/b")"
code=$(post '{"statement": ')
check "bad JSON is 400" 400 "$code"
check_contains "... naming line and column" "line 1, column" "$(cat "$T/b")"
code=$(curl -s -u admin:admin-secret -o "$T/b" -w '%{http_code}' -H 'Content-Type: text/plain' -d '{"statement":"RETURN 1"}' "$U/render")
check "a body that is not application/json is 415" 415 "$code"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "$J" -d '{"statement":"MATCH (n) RETURN n"}' "$U/render")
check "POST /render needs a login" 401 "$code"

stop_server
check "the server stops cleanly" 0 "$?"
tap_done
