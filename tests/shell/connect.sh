#!/usr/bin/env bash
# tests/shell/connect.sh — the shell as a client of `tangle serve`
# (`tangle --connect URI`): the same queries give the same output as a
# local run on the same data, in every format (nodes, relationships and
# paths included); errors carry the server's status code; -f scripts,
# piped input, transactions (BEGIN/COMMIT/ROLLBACK and :begin/:commit/
# :rollback), --param, --timeout, a reader's refused write, a wrong
# password, an unreachable server, TLS (bolt+ssc://), usage errors, and
# the REPL on a terminal: the banner names the server, Tab completes the
# server's labels, the prompt shows an open transaction.
. "$(dirname "$0")/lib.sh"
server_test_init
DRIVE=${TANGLE_BUILD:-$ROOT/build/rel}/tests/pty_drive
unset TANGLE_PASSWORD

add_user admin admin admin-secret
add_user rita reader reader-secret

# The built-in knowledge graph, as `tangle` has it locally.
start_server "$T/kg.log" --users "$T/users"
KG_PID=$SERVER_PID
KG=bolt://127.0.0.1:$PORT
check "the server on the knowledge graph listens" "yes" "$([ -n "$PORT" ] && echo yes || echo no)"
# An empty graph without authentication, for writes.
start_server "$T/open.log" --empty --auth none
OPEN_PID=$SERVER_PID
OPEN=bolt://127.0.0.1:$PORT

# remote ARGS...: the shell on the knowledge-graph server as admin.
remote() { TANGLE_PASSWORD=admin-secret "$TANGLE" --connect "$KG" -u admin "$@"; }

# ---- the same output as a local run --------------------------------------------

Q_SCALAR="MATCH (p:Person)-[o:OWNS]->(f:Firm) RETURN p.name AS owner, o.stake AS stake, f.name AS firm,
  size(f.aliases) AS n, f.aliases AS aliases, {k: f.kind} AS m ORDER BY owner, firm"
Q_ENTITY="MATCH (p:Person {name: 'Elon Musk'})-[o:OWNS]->(f:Firm) RETURN p, o, f, [p, {x: o}] AS mixed ORDER BY f.name"
Q_PATH="MATCH path = (a:Person {name: 'Elon Musk'})-[:OWNS]->(f)<-[r]-(b) RETURN path, nodes(path) AS ns, r
  ORDER BY f.name, type(r), b.name LIMIT 5"
Q_TEMPORAL="RETURN date('2024-02-29') AS d, datetime('2024-01-02T03:04:05.5+01:00') AS dt,
  duration('P1Y2M3DT4H') AS dur, localtime('12:30') AS lt, null AS nothing, 1.0 / 3 AS third, -0.0 AS z"
for fmt in table csv tsv json markdown; do
  for q in Q_SCALAR Q_ENTITY Q_PATH Q_TEMPORAL; do
    want=$("$TANGLE" --format "$fmt" -e "${!q}" 2>&1)
    got=$(remote --format "$fmt" -e "${!q}" 2>&1)
    check "--format $fmt: $q over Bolt is what a local run prints" "$want" "$got"
  done
done

out=$(remote --format csv -e "MATCH (p:Person {name: 'Elon Musk'})-[o:OWNS]->(f:Firm {name: 'Tesla'}) RETURN p, o, f")
check_contains "a node shows as its literal" "(:Person {name: 'Elon Musk'" "$out"
check_contains "a relationship shows as its literal" "[:OWNS {stake: 0.205" "$out"
out=$(remote --format csv -e "MATCH p = (:Firm {name: 'Tesla'})<-[:OWNS]-(:Person {name: 'Elon Musk'}) RETURN p")
check_contains "a path shows each arrow the way its relationship points" "<(:Firm {name: 'Tesla'" "$out"
check_contains "... against the walk here" ")<-[:OWNS {stake: 0.205" "$out"
out=$(remote --format json -e "MATCH (p:Person {name: 'Elon Musk'}) RETURN p LIMIT 1")
check_contains "json: a node is an object with its labels and properties" '{"p":{"id":' "$out"
check_contains "... its labels" '"labels":["Person"],"properties":{"name":"Elon Musk"' "$out"

# Streaming: more rows than one PULL asks for.
out=$(remote --format csv -e "UNWIND range(1, 2500) AS i RETURN i, 'row ' + i AS s")
check "2,500 rows arrive in batches, all of them" "2501 2500,row 2500" "$(printf '%s\n' "$out" | wc -l) $(printf '%s\n' "$out" | tail -1)"

# :schema asks the server.
check ":schema over Bolt is what a local run prints" "$("$TANGLE" -e ':schema' 2>&1)" "$(remote -e ':schema' 2>&1)"

# ---- scripts, pipes, parameters --------------------------------------------------

cat >"$T/s.cypher" <<'EOF'
// several statements, comments and lines
MATCH (p:Person) RETURN count(p) AS people;
MATCH (f:Firm {name: 'Tesla'})
RETURN f.kind AS kind;
RETURN 'a;b' AS text;   RETURN 2 AS two
EOF
check "-f: a script of several statements prints what a local run prints" \
  "$("$TANGLE" --format csv -f "$T/s.cypher" 2>&1)" "$(remote --format csv -f "$T/s.cypher" 2>&1)"
check "piped statements print what a local run prints" \
  "$("$TANGLE" --format csv <"$T/s.cypher" 2>&1)" "$(remote --format csv <"$T/s.cypher" 2>&1)"

printf 'RETURN 1 AS a;\n\nRETURN x;\nRETURN 3 AS c;\n' >"$T/bad.cypher"
out=$(remote --format csv -f "$T/bad.cypher" 2>"$T/err")
check "an error stops a script: exit status 1" 1 $?
check "the rows before it were printed" "a
1" "$out"
err=$(cat "$T/err")
check_contains "the error carries the server's status code" "Neo.ClientError.Statement.SyntaxError" "$err"
check_contains "... and its message" 'variable `x` is not defined' "$err"
check_contains "... and where the statement is" "bad.cypher, statement at line 3:" "$err"
out=$(remote --continue --format csv -f "$T/bad.cypher" 2>/dev/null)
check "--continue goes on after it (exit 1 at the end)" "1 a
1
c
3" "$? $out"
out=$(remote -e 'RETURN 1/0' 2>&1)
check "a run-time error: exit status 1" 1 $?
check_contains "... with its code and message" "Neo.ClientError.Statement.ArgumentError: division by zero" "$out"

out=$(remote --format csv --param 'who="Elon Musk"' --param 'since=date("2024-01-01")' \
  -e 'MATCH (p:Person {name: $who}) RETURN p.name AS name, $since + duration("P1D") AS after')
check "--param values are sent with the statement" "name,after
Elon Musk,2024-01-02" "$out"
out=$(printf ':param firm => "Tesla"\nMATCH (f:Firm {name: $firm}) RETURN f.kind AS kind;\n' | remote --format csv)
check ":param in piped input" "kind
automaker" "$out"

# ---- transactions ----------------------------------------------------------------

open_count() { "$TANGLE" --connect "$OPEN" --format csv -e "MATCH (n:$1) RETURN count(n) AS c" 2>/dev/null | tail -1; }
out=$(printf 'BEGIN;\nCREATE (:Gone {k: 1});\nMATCH (g:Gone) RETURN count(g) AS inside;\nROLLBACK;\nMATCH (g:Gone) RETURN count(g) AS after;\n' |
  "$TANGLE" --connect "$OPEN" --format csv 2>/dev/null)
check "BEGIN ... ROLLBACK: the write is seen inside, gone after" "inside
1
after
0" "$out"
check "... and gone for another client" 0 "$(open_count Gone)"
printf ':begin\nCREATE (:Kept {k: 2});\n:commit\n' | "$TANGLE" --connect "$OPEN" 2>/dev/null
check ":begin ... :commit: the write is there for another client" 1 "$(open_count Kept)"
printf ':begin\nCREATE (:Dropped);\n:rollback\n' | "$TANGLE" --connect "$OPEN" 2>/dev/null
check ":begin ... :rollback: the write is gone" 0 "$(open_count Dropped)"
out=$(printf 'START TRANSACTION;\nCREATE (:Half);\nRETURN x;\nCOMMIT;\n' | "$TANGLE" --connect "$OPEN" --continue 2>&1)
check_contains "a failing statement ends the transaction, and says so" "The transaction was rolled back" "$out"
check_contains "... then COMMIT has no transaction to commit" "COMMIT: no transaction is open" "$out"
check "... and the write before the failure is gone" 0 "$(open_count Half)"
out=$(printf 'BEGIN;\nCREATE (:Open);\n' | "$TANGLE" --connect "$OPEN" 2>&1)
check_contains "a transaction left open at the end is rolled back" "rolled back" "$out"
check "... so its write is gone" 0 "$(open_count Open)"
out=$("$TANGLE" --connect "$OPEN" -e 'BEGIN' -e 'BEGIN' 2>&1)
check_contains "BEGIN inside a transaction is refused before it reaches the server" "a transaction is already open" "$out"
out=$("$TANGLE" --connect "$OPEN" --timing -e "CREATE (:T {a: 1})-[:R]->(:T)" 2>&1)
check_contains "a write reports its changes from the server's counters" "Created 2 nodes, created 1 relationship, set 1 property, added 2 labels (" "$out"

out=$("$TANGLE" --connect "$OPEN" --timeout 200ms -e "UNWIND range(1, 100000000) AS i WITH i WHERE i < 0 RETURN count(i)" 2>&1)
check "--timeout is the transaction timeout the server is asked for: exit 1" 1 $?
check_contains "... the server stops the statement" "Neo.TransientError.Transaction.TransactionTimedOut" "$out"

out=$(TANGLE_PASSWORD=reader-secret "$TANGLE" --connect "$KG" -u rita -e "CREATE (:Nope)" 2>&1)
check "a reader's write is refused: exit 1" 1 $?
check_contains "... with the server's code" "Neo.ClientError.Security.Forbidden" "$out"

# ---- connecting ----------------------------------------------------------------------

out=$("$TANGLE" --connect "$KG" -u admin -p wrong -e 'RETURN 1' 2>&1)
check "a wrong password: exit status 1" 1 $?
check_contains "... and a clear message" "refused the login of admin: Neo.ClientError.Security.Unauthorized" "$out"
out=$(echo 'RETURN 1;' | "$TANGLE" --connect "$KG" -u admin 2>&1)
check "no password and no terminal to ask it at: exit status 2" 2 $?
check_contains "... says how to give one" 'TANGLE_PASSWORD' "$out"
out=$("$TANGLE" --connect "$KG" -e 'RETURN 1' 2>&1)
check "no user where the server wants one: exit status 1" 1 $?
check_contains "... says so" "refused the login without a user" "$out"
check "neo4j:// reaches the one server named" "n
1" "$(TANGLE_PASSWORD=admin-secret "$TANGLE" --connect "neo4j://127.0.0.1:${KG##*:}" -u admin --format csv -e 'RETURN 1 AS n' 2>&1)"

start_server "$T/gone.log" --empty --auth none
GONE=127.0.0.1:$PORT
stop_server "$SERVER_PID"
out=$("$TANGLE" --connect "bolt://$GONE" -e 'RETURN 1' 2>&1)
check "an unreachable server: exit status 1" 1 $?
check_contains "... the message names the address" "cannot connect to '$GONE'" "$out"
out=$("$TANGLE" --connect "http://$GONE" -e 'RETURN 1' 2>&1)
check "not a Bolt URI: exit status 2" 2 $?
check_contains "... says which are" "bolt+ssc://" "$out"
out=$("$TANGLE" "$T/db" --connect "$OPEN" -e 'RETURN 1' 2>&1)
check "--connect with a database PATH: exit status 2" 2 $?
out=$("$TANGLE" --connect "$OPEN" --dump 2>&1)
check "--connect with --dump: exit status 2" 2 $?
check_contains "... says why" "with --connect the server has its own" "$out"
out=$("$TANGLE" -u admin -e 'RETURN 1' 2>&1)
check "-u without --connect: exit status 2" 2 $?
out=$("$TANGLE" --connect "$OPEN" -e ':dump' 2>&1)
check ":dump over --connect fails" 1 $?
check_contains "... saying it needs a database of the shell's own" ":dump works on a database of this shell's own" "$out"

# TLS with a self-signed certificate.
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/key.pem" -out "$T/cert.pem" -days 2 \
  -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" >/dev/null 2>&1
start_server "$T/tls.log" --empty --users "$T/users" --tls-cert "$T/cert.pem" --tls-key "$T/key.pem"
TLS_PID=$SERVER_PID
out=$(TANGLE_PASSWORD=admin-secret "$TANGLE" --connect "bolt+ssc://127.0.0.1:$PORT" -u admin --format csv -e 'RETURN 42 AS answer' 2>&1)
check "bolt+ssc:// talks TLS to a server with a self-signed certificate" "answer
42" "$out"
out=$(TANGLE_PASSWORD=admin-secret "$TANGLE" --connect "bolt+s://127.0.0.1:$PORT" -u admin -e 'RETURN 1' 2>&1)
check "bolt+s:// checks the certificate: exit status 1" 1 $?
check_contains "... and says it is not trusted" "not trusted" "$out"
out=$(TANGLE_PASSWORD=admin-secret "$TANGLE" --connect "bolt://127.0.0.1:$PORT" -u admin -e 'RETURN 1' 2>&1)
check "plain bolt:// to a TLS server: exit status 1" 1 $?
check_contains "... with a hint" "bolt+ssc://" "$out"
stop_server "$TLS_PID"

# ---- the REPL --------------------------------------------------------------------------

"$TANGLE" --connect "$OPEN" -e "CREATE (:Zebra {stripes: 40})-[:GRAZES_ON]->(:Savanna)" 2>/dev/null
if [ -x "$DRIVE" ]; then
  TAP_N=$((TAP_N + 1))
  if HOME="$T" TANGLE_HISTORY="$T/history" LANG=C.UTF-8 "$DRIVE" -t 60 - -- "$TANGLE" --connect "$OPEN" \
      >"$T/pty.out" 2>"$T/pty.err" <<'EOF'
expect Tangle 0.
expect (Neo4j/5.26.0 (compatible; Tangle/
expect , Bolt 5.4): 
expect nodes, 
expect tangle> 
send MATCH (z:Zeb
send \t
screen tangle> MATCH (z:Zebra
send )-[g:GRAZ
send \t
screen -[g:GRAZES_ON
send ]->(s) RETURN z.stri
send \t
screen z.stripes
send  AS stripes;\r
expect │      40 │
expect 1 row (
expect tangle> 
send :begin\r
expect tangle# 
send CREATE (:Zebra);\r
expect Created 1 node
expect tangle# 
send :rollback\r
expect tangle> 
send MATCH (z:Zebra) RETURN count(z) AS zebras;\r
expect │      1 │
expect tangle> 
send \x04
exit 0
EOF
  then
    echo "ok $TAP_N - REPL: the banner names the server, Tab completes its labels, types and keys, tangle# in a transaction"
  else
    TAP_FAIL=$((TAP_FAIL + 1))
    echo "not ok $TAP_N - REPL: the banner names the server, Tab completes its labels, types and keys, tangle# in a transaction"
    head -40 "$T/pty.err" | sed 's/^/#   /'
  fi
  # The password asked at the terminal; Ctrl-C stops a long result's output.
  TAP_N=$((TAP_N + 1))
  if HOME="$T" TANGLE_HISTORY="$T/history" LANG=C.UTF-8 "$DRIVE" -t 60 - -- "$TANGLE" --connect "$KG" -u admin \
      >"$T/pty2.out" 2>"$T/pty2.err" <<'EOF'
expect Password for admin at 127.0.0.1:
send admin-secret\r
expect as admin (
expect tangle> 
send UNWIND range(1, 100000000) AS i RETURN i;\r
expect │ 2000
send \x03
expect Interrupted: output stopped
expect tangle> 
send RETURN 'still here' AS s;\r
expect │ still here │
expect tangle> 
send :quit\r
exit 0
EOF
  then
    echo "ok $TAP_N - REPL: the password is asked at the terminal; Ctrl-C stops a long result, the session goes on"
  else
    TAP_FAIL=$((TAP_FAIL + 1))
    echo "not ok $TAP_N - REPL: the password is asked at the terminal; Ctrl-C stops a long result, the session goes on"
    head -40 "$T/pty2.err" | sed 's/^/#   /'
  fi
else
  check "pty_drive is built ($DRIVE)" "yes" "no"
fi

stop_server "$OPEN_PID"
check "the open server stops cleanly" 0 $?
stop_server "$KG_PID"
check "the knowledge-graph server stops cleanly" 0 $?
check_contains "its log shows the shell's connections" "tangle/" "$(cat "$T/kg.log")"
tap_done
