#!/usr/bin/env bash
# tests/shell/cli.sh — the tangle command as scripts use it: exit codes,
# output formats, error messages with carets, -e/-f/stdin, parameters.
set -u
. "$(dirname "$0")/lib.sh"
T=$TANGLE
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# ---- issue 2's acceptance examples ---------------------------------------
out=$("$T" --empty --format csv -e "CREATE (:Person {name:'Elon Musk'})-[:OWNS {stake:1.0}]->(:Firm {name:'X'})" \
  -e "MATCH (p:Person)-[o:OWNS]->(f:Firm) RETURN p.name, o.stake, f.name")
check "create then match prints the row (csv)" "p.name,o.stake,f.name
Elon Musk,1.0,X" "$out"

err=$("$T" --empty -e "MATCH (n RETURN n" 2>&1 >/dev/null); rc=$?
check "syntax error exits 1" 1 "$rc"
check "syntax error names line and column, shows the line and a caret" "SyntaxError: line 1, column 10: syntax error near 'RETURN'
  MATCH (n RETURN n
           ^" "$err"

"$T" --no-such-flag >/dev/null 2>&1; check "unknown flag exits 2" 2 "$?"
"$T" --format yaml -e "RETURN 1" >/dev/null 2>&1; check "unknown format exits 2" 2 "$?"
"$T" -e >/dev/null 2>&1; check "-e without a query exits 2" 2 "$?"
dbtmp=$(mktemp -d)
printf 'RETURN 1;\n' > "$dbtmp/script.cypher"
err=$("$T" "$dbtmp/script.cypher" 2>&1 >/dev/null); rc=$?
check "a file given as the database exits 1" 1 "$rc"
check_contains "a file given as the database: says it is not one" "script.cypher is a file, not a Tangle database" "$err"
check_contains "a file given as the database: points at -f for a script" "use -f $dbtmp/script.cypher" "$err"
err=$("$T" "$dbtmp/a.db" "$dbtmp/b.db" 2>&1 >/dev/null); rc=$?
check "two databases exit 2" 2 "$rc"
check_contains "two databases: one at a time" "one database at a time" "$err"
check_contains "two databases: points at --help" "Try 'tangle --help'." "$err"
check "two databases: nothing was created" "script.cypher" "$(ls "$dbtmp")"
rm -rf "$dbtmp"
err=$("$T" "MATCH (n) RETURN n" 2>&1 >/dev/null); rc=$?
check "a bare query exits 2" 2 "$rc"
check_contains "a bare query: points at -e" "to run it as a query, use -e 'QUERY'" "$err"

out=$("$T" --empty --format json -e "UNWIND [1,2] AS x RETURN x, 'ماسك' AS name")
check "json rows keep Arabic intact" '{"x":1,"name":"ماسك"}
{"x":2,"name":"ماسك"}' "$out"

# ---- formats ------------------------------------------------------------------
out=$("$T" --empty --format tsv -e "RETURN 'a	b' AS s, null AS n, [1, 'x'] AS l")
check "tsv escapes tabs, leaves null empty, writes lists as literals" "s	n	l
a\\tb		[1, 'x']" "$out"
out=$("$T" --empty --format csv -e "RETURN 'say \"hi\", ok' AS s")
check "csv quotes fields with commas and quotes" 's
"say ""hi"", ok"' "$out"
out=$("$T" --empty -e "RETURN 'イーロン' AS name, 1 AS n")
check "table aligns double-width text" "┌──────────┬───┐
│ name     │ n │
├──────────┼───┤
│ イーロン │ 1 │
└──────────┴───┘" "$out"
out=$("$T" --empty --format markdown -e "RETURN 1 AS a, 'x|y' AS b")
check "markdown table escapes pipes" "| a | b    |
| - | ---- |
| 1 | x\\|y |" "$out"
out=$("$T" --empty --format json -e "CREATE (a:A {k: 1})-[r:R {w: 2.5}]->(b:B) RETURN a, r")
check "json writes nodes and relationships as objects" '{"a":{"id":0,"labels":["A"],"properties":{"k":1}},"r":{"id":0,"type":"R","start":0,"end":1,"properties":{"w":2.5}}}' "$out"
out=$("$T" --empty --max-width 20 -e "RETURN 'a very long piece of text that will not fit' AS t")
check_contains "long cells are shortened with an ellipsis" "…" "$out"
out=$("$T" --empty --max-width 20 -e "RETURN 1234567890123 AS big, 0.1+0.2 AS f, 'some long text here' AS t")
check "a narrow table never cuts a number; the text column gives way" "┌───────────────┬─────────────────────┬──────────┐
│ big           │ f                   │ t        │
├───────────────┼─────────────────────┼──────────┤
│ 1234567890123 │ 0.30000000000000004 │ some lo… │
└───────────────┴─────────────────────┴──────────┘" "$out"
out=$("$T" --empty --max-width 30 -e "RETURN date('2024-01-01') AS d, duration('P1Y2M3DT4H5M6S') AS dur, 'long text to shorten' AS t")
check_contains "... nor a temporal value" "│ 2024-01-01 │ P1Y2M3DT4H5M6S │" "$out"
out=$("$T" --empty --max-width 24 -e "RETURN 'total 1234567890 items' AS t, [3.25, 1234567.5] AS l")
check "a text cut never ends inside a number" "┌──────────┬───────────┐
│ t        │ l         │
├──────────┼───────────┤
│ total …  │ [3.25, …  │
└──────────┴───────────┘" "$out"
out=$("$T" --empty --format csv --max-rows 2 -e "UNWIND range(1,5) AS x RETURN x" 2>&1)
check "max-rows shows a note of hidden rows" "x
1
2
(3 more rows not shown)" "$out"

# ---- PROFILE keeps machine-readable output parseable ------------------------------------
# json_lines_ok: every line of stdin is one JSON value (jq, else python3,
# else a strict shape test: each line one {...} object).
json_lines_ok() {
  if command -v jq >/dev/null 2>&1; then jq -e . >/dev/null 2>&1
  elif command -v python3 >/dev/null 2>&1; then
    python3 -c 'import json,sys; [json.loads(l) for l in sys.stdin]' 2>/dev/null
  else ! grep -qv '^{.*}$'
  fi
}
body="UNWIND [1, 2] AS x RETURN count(*) AS c"; q="PROFILE $body"
out=$("$T" --empty --format json -e "$q" 2>"$TMP/err")
check "PROFILE, json: stdout holds only the rows" '{"c":2}' "$out"
printf '%s\n' "$out" | json_lines_ok; check "PROFILE, json: stdout parses as JSON" 0 "$?"
check_contains "PROFILE, json: the plan goes to stderr" "Aggregate count(*)  (rows=1" "$(cat "$TMP/err")"
for f in csv tsv; do
  out=$("$T" --empty --format $f -e "$q" 2>"$TMP/err")
  check "PROFILE, $f: stdout holds only the rows" "c
2" "$out"
  check_contains "PROFILE, $f: the plan goes to stderr" "Aggregate count(*)  (rows=1" "$(cat "$TMP/err")"
done
out=$("$T" --empty -e "$q" 2>/dev/null)
check_contains "PROFILE, table: the plan follows the table on stdout" "│ 2 │
└───┘
Project count(*) AS c" "$out"
out=$(printf ':profile on\nUNWIND [1, 2] AS x RETURN count(*) AS c;\n' | "$T" --empty --format json 2>/dev/null)
check ":profile on, json: stdout holds only the rows" '{"c":2}' "$out"
out=$("$T" --empty --format json -e "EXPLAIN $body" 2>/dev/null)
printf '%s\n' "$out" | json_lines_ok; check "EXPLAIN, json: the plan is the result, one row per line" 0 "$?"
check_contains "EXPLAIN, json: ... with the operators" '{"plan":"  Aggregate count(*)"}' "$out"

# ---- modes: -e, -f, stdin ----------------------------------------------------------
printf 'CREATE (:N {v: 1});\nCREATE (:N {v: 2});\nMATCH (n:N) RETURN sum(n.v) AS s;\n' > "$TMP/script.cypher"
out=$("$T" --empty --format csv -f "$TMP/script.cypher")
check "-f runs every statement in order" "s
3" "$out"
out=$(echo "MATCH (n) RETURN count(n) AS c;" | "$T" --format csv 2>&1)
check_contains "stdin (not a terminal) prints only data" "c
17" "${out:0:4}"
out=$(echo "RETURN 2 AS b;" | "$T" --empty --format csv -e "RETURN 1 AS a")
check "-e leaves a piped stdin alone" "a
1" "$out"
out=$(echo "RETURN 2 AS b;" | "$T" --empty --format csv -e "RETURN 1 AS a" -f -)
check "-f - reads stdin in its turn" "a
1
b
2" "$out"
err=$("$T" --empty -f "$TMP/missing.cypher" 2>&1); rc=$?
check "a missing file exits 1" 1 "$rc"
check_contains "a missing file is named" "missing.cypher" "$err"
printf 'RETURN 1 AS a;\n\nRETURN nope AS b;\n' > "$TMP/bad.cypher"
err=$("$T" --empty -f "$TMP/bad.cypher" 2>&1 >/dev/null); rc=$?
check "an error in a script exits 1" 1 "$rc"
check "script errors name the file and the line in it" "SyntaxError: $TMP/bad.cypher, line 3, column 8: variable \`nope\` is not defined
  RETURN nope AS b;
         ^" "$err"
out=$("$T" --empty --continue --format csv -e "RETURN x" -e "RETURN 5 AS y" 2>/dev/null); rc=$?
check "--continue runs later statements" "y
5" "$out"
check "--continue still exits 1" 1 "$rc"

# ---- --timing -------------------------------------------------------------------------
err=$("$T" --empty --timing -e "CREATE (:A {x: 1})" 2>&1 >/dev/null)
check_contains "--timing after a write reports the changes" "Created 1 node, set 1 property, added 1 label (" "$err"
check "--timing after a write does not report 0 rows" "" "$(printf '%s\n' "$err" | grep 'rows')"
err=$("$T" --empty --timing -e "UNWIND [1, 2] AS x RETURN x" 2>&1 >/dev/null)
check_contains "--timing after a read reports the rows" "2 rows (" "$err"
err=$("$T" --empty --timing -e "CREATE (a:A)-[:R]->(b:B) RETURN a" -e "MATCH p = ()-->() RENDER p" 2>&1 >/dev/null)
check_contains "--timing after a RENDER without TO says what was drawn" "DOT drawing, " "$err"
check "--timing after a RENDER without TO does not report 0 rows" "" "$(printf '%s\n' "$err" | grep '0 rows')"

# ---- parameters ---------------------------------------------------------------------
out=$("$T" --empty --format csv --param 'names=["a","b"]' --param n=3 -e 'RETURN size($names) + $n AS t')
check "--param values are Cypher literals" "t
5" "$out"
"$T" --empty --param 'bad=[1,' -e 'RETURN 1' >/dev/null 2>&1; check "a bad --param value exits 2" 2 "$?"
out=$("$T" --empty --format csv --param 'd=date("2024-01-01")' -e 'RETURN $d AS d, $d.year AS y')
check "--param takes a constant expression such as date()" "d,y
2024-01-01,2024" "$out"
out=$("$T" --empty --format csv --param 'xs=[1, 2, 3]' --param 'n=size($xs) * 2' -e 'RETURN $n AS n')
check "--param may use a parameter set before it" "n
6" "$out"
err=$("$T" --empty --param "who='Elon" -e 'RETURN 1' 2>&1 >/dev/null); rc=$?
check "--param with an unterminated string exits 2" 2 "$rc"
check "--param error: names the option, line and column; caret under the user's text" "SyntaxError: --param who, line 1, column 5: unterminated string
  who='Elon
      ^" "$err"
err=$("$T" --empty --param 'a=1; MATCH (n) DETACH DELETE n' -e 'RETURN 1' 2>&1 >/dev/null); rc=$?
check "--param with text after the value exits 2" 2 "$rc"
check_contains "--param with text after the value: says so" "--param a: the value must be one expression; found more after it: MATCH (n) DETACH DELETE n" "$err"
"$T" --empty --param 'a=1 2' -e 'RETURN 1' >/dev/null 2>&1; check "--param with two values exits 2" 2 "$?"
err=$("$T" --empty -e 'RETURN $missing' 2>&1); rc=$?
check "an unbound parameter exits 1" 1 "$rc"
check_contains "an unbound parameter is named" 'ParameterMissing: parameter $missing is not bound' "$err"

# ---- errors with places ----------------------------------------------------------------
err=$("$T" --empty -e "RETURN 'ماسك' + nope" 2>&1)
check "carets count display columns after Arabic text" "SyntaxError: line 1, column 17: variable \`nope\` is not defined
  RETURN 'ماسك' + nope
                  ^" "$err"
err=$("$T" --empty -e "RETURN toUpper(1, 2)" 2>&1)
check_contains "a wrong argument count is a SyntaxError" "SyntaxError: line 1, column 8: toUpper() takes 1 argument, got 2" "$err"
err=$("$T" --empty -e "RETURN nosuch(1)" 2>&1)
check_contains "an unknown function is named" "unknown function 'nosuch'" "$err"
err=$("$T" --empty -e "UNWIND [1, 'a'] AS x RETURN x * 2 AS y" 2>&1); rc=$?
check_contains "a wrong type at run time is a TypeError with its place" "TypeError: line 1, column 29:" "$err"
check "a run-time error exits 1" 1 "$rc"

# ---- the graph is unchanged after a failing statement -------------------------------------
out=$("$T" --empty --continue --format csv -e "CREATE (:T {v: 1})" \
  -e "UNWIND [1, 2, 0] AS d CREATE (:T {v: 10 / d})" -e "MATCH (n:T) RETURN count(n) AS c" 2>/dev/null)
check "a failing CREATE leaves nothing behind" "c
1" "$out"

out=$("$T" --version); check_contains "--version prints the version" "tangle 0." "$out"
out=$("$T" --help); check_contains "--help shows usage" "Usage: tangle" "$out"
# A statement that fails on its first row writes no header to stdout.
out=$("$T" --empty --format csv -e "UNWIND [0] AS z RETURN 1 / z AS x" 2>/dev/null)
check "csv: a statement failing on its first row writes no header" "" "$out"
out=$("$T" --empty --format csv -e "UNWIND [] AS z RETURN z AS x" 2>/dev/null)
check "csv: an empty result still writes its header" "x" "$out"

# ---- hostile script text: NUL bytes, unreadable files, endless streams --------------------
out=$(printf 'CREATE (:A) \x00 RETURN 1/0;\nMATCH (n) RETURN count(n) AS n;\n' | "$T" --empty --format csv 2>&1); rc=$?
check "a NUL byte in a script is an error naming line and column, and nothing of it runs" \
  "SyntaxError: line 1, column 13: the text holds a NUL byte|1" "$(printf '%s' "$out" | head -n 1)|$rc"
out=$(printf 'RETURN 1 AS a;\x00RETURN 3 AS b;\n' | "$T" --empty --format csv 2>&1); rc=$?
check "a statement after a NUL byte is not silently dropped" \
  "SyntaxError: line 1, column 15: the text holds a NUL byte|1" "$out|$rc"
out=$("$T" --empty -f "$TMP" 2>&1); rc=$?
check "-f of a directory says it cannot be read, and fails" "IOError: cannot read $TMP: Is a directory|1" "$out|$rc"
out=$("$T" --empty -e ":read $TMP" 2>&1); rc=$?
check ":read of a directory says it cannot be read, and fails" "IOError: cannot read $TMP: Is a directory|1" "$out|$rc"
out=$("$T" --empty -f /dev/zero 2>&1); rc=$?
check "-f /dev/zero ends with an error naming the file, not after reading gigabytes" \
  "ResourceLimit: /dev/zero, line 1: a statement longer than 128 MiB; is this a script?|1" "$out|$rc"

# ---- table output never writes control characters raw -------------------------------------
out=$("$T" --empty -e "$(printf "RETURN 'a\033[2Jb\x01c' AS \`x\007y\`")" 2>&1)
check "a table escapes control characters in cells and column names (ESC cannot clear the terminal)" \
  "┌────────────────────┐
│ x\u0007y           │
├────────────────────┤
│ a\u001B[2Jb\u0001c │
└────────────────────┘" "$out"
check "no raw control byte reaches a table" 0 "$(printf '%s' "$out" | tr -d '\n' | LC_ALL=C grep -c '[[:cntrl:]]')"

# ---- --timeout and :timeout: a statement's time limit ----------------------------------------
out=$("$T" --empty --timeout 300ms -e "UNWIND range(1, 20000) AS x UNWIND range(1, 20000) AS y RETURN count(*) AS c" 2>&1); rc=$?
check "--timeout stops a long statement with ResourceLimit" \
  "ResourceLimit: the statement ran past its time limit of 300 ms (the timeout setting: --timeout, :timeout); it was stopped and rolled back|1" "$out|$rc"
out=$("$T" --empty --format csv --timeout 200ms --continue -e "UNWIND range(1, 300) AS i CREATE (:N {i: i})" \
  -e "MATCH (a:N), (b:N), (c:N) CREATE (:M)" -e "MATCH (n) RETURN labels(n)[0] AS l, count(*) AS c" 2>/dev/null)
check "a write stopped by the time limit is rolled back; the session goes on" "l,c
N,300" "$out"
out=$("$T" --empty --format csv -e ":timeout 2s" -e ":timeout" -e ":timeout 0" -e ":timeout" -e "RETURN 1 AS x" 2>&1)
check ":timeout sets, shows and clears the limit" "2 s
none
x
1" "$out"
out=$("$T" --empty --timeout soon -e "RETURN 1" 2>&1); rc=$?
check "--timeout with no duration is a usage error" \
  "tangle: --timeout needs a duration such as 500ms, 2s or 1m, got 'soon'|2" "$(printf '%s' "$out" | head -n 1)|$rc"

# ---- transactions: BEGIN, COMMIT, ROLLBACK and :begin, :commit, :rollback ----------------
out=$(printf '%s\n' "BEGIN;" "CREATE (:A {i: 1});" "CREATE (:A {i: 2}) WITH 1 AS one RETURN one / 0 AS x;" \
  "MATCH (a:A) RETURN count(a) AS inside;" "COMMIT;" "begin transaction;" "MATCH (a:A) SET a.i = 10;" \
  "ROLLBACK;" "MATCH (a:A) RETURN a.i AS i;" | "$T" --empty --format csv --continue 2>/dev/null); rc=$?
check "a transaction keeps what succeeded; a failed statement in it takes back its own; ROLLBACK all" "inside
1
i
1|1" "$out|$rc"
out=$("$T" --empty --format csv -e ":begin" -e "CREATE (:A)" -e ":commit" -e ":begin" -e "CREATE (:B)" \
  -e ":rollback" -e "MATCH (n) RETURN labels(n)[0] AS l" 2>&1)
check ":begin, :commit and :rollback do the same" "l
A" "$out"
out=$(printf 'BEGIN;\nCREATE (:A);\n' | "$T" --empty 2>&1); rc=$?
check "a script that ends inside a transaction rolls it back and says so" \
  "tangle: the transaction still open at the end was rolled back|0" "$out|$rc"
out=$("$T" --empty --continue -e "BEGIN" -e "CREATE INDEX FOR (n:A) ON (n.x)" -e "ROLLBACK" -e "ROLLBACK" 2>&1); rc=$?
check "schema commands are refused inside a transaction; ROLLBACK with none open is an error" \
  "SemanticError: a schema command cannot run inside a transaction; COMMIT or ROLLBACK first
SemanticError: ROLLBACK: no transaction is open (BEGIN starts one)|1" "$out|$rc"

# ---- --dump and :dump: a Cypher script that recreates the graph -----------------------------
# Round trips: the dump of the graph a dump rebuilds is the same script, so
# labels, types, properties (every value type, exactly), indexes and
# constraints all came back.
"$T" --dump > "$TMP/kg.cypher"; rc=$?
"$T" --empty -f "$TMP/kg.cypher" --dump > "$TMP/kg2.cypher"
check "--dump of the built-in graph, replayed and dumped again, gives the same script" \
  "0|same|176,405" "$rc|$(cmp -s "$TMP/kg.cypher" "$TMP/kg2.cypher" && echo same)|$("$T" --empty -f "$TMP/kg.cypher" --format csv -e "MATCH (n) WITH count(n) AS n MATCH ()-[r]->() RETURN n, count(r) AS r" | tail -n 1)"
cat > "$TMP/values.cypher" <<'EOF'
CREATE INDEX person_age FOR (p:Person) ON (p.age);
CREATE CONSTRAINT city_name FOR (c:City) REQUIRE c.name IS UNIQUE;
CREATE (:Person:`Odd Label` {name: 'A\'b`c', age: 3, f: 0.1, big: 1e300, tiny: 5e-324, nan: 0.0/0.0, inf: -1.0/0.0,
  d: date('2024-02-29'), dt: datetime('2024-03-01T10:00:00[Europe/Stockholm]'), t: time('10:00:00+02:00'),
  lt: localtime('23:59:59.123456789'), ldt: localdatetime('2024-01-01T00:00'), dur: duration('P1Y2M3DT4H5M6.5S'),
  l: [1, 2, 3], lf: [2.5, -0.0], ls: ['x', ''], ctl: '\u0001\n\t', `weird key`: true, match: 1});
CREATE (:City {name: 'Oslo'}), (:City {name: 'Lima'}), ();
MATCH (p:Person), (c:City) CREATE (p)-[:`LIVES IN` {since: date('2020-01-01')}]->(c);
MATCH (c:City {name: 'Oslo'}) CREATE (c)-[:LOOP]->(c);
EOF
"$T" --empty -f "$TMP/values.cypher" --dump > "$TMP/v1.cypher"
"$T" --empty -f "$TMP/v1.cypher" --dump > "$TMP/v2.cypher"
check "every value type, odd names, indexes and constraints survive a round trip" \
  "same|2" "$(cmp -s "$TMP/v1.cypher" "$TMP/v2.cypher" && echo same)|$(grep -c '^CREATE \(INDEX\|CONSTRAINT\) `\(person_age\|city_name\)`' "$TMP/v2.cypher")"
out=$("$T" --empty -f "$TMP/v1.cypher" --format csv -e "MATCH (p:Person) RETURN p.f = 0.1 AND p.tiny = 5e-324 AND isNaN(p.nan) AND p.inf < -1e308 AND p.dt = datetime('2024-03-01T10:00:00[Europe/Stockholm]') AND p.dur = duration('P1Y2M3DT4H5M6.5S') AS same")
check "... and the values compare equal to the originals" "same
true" "$out"
out=$("$T" --empty -e "CREATE (:A {x: 1})" -e ":dump $TMP/d.cypher" -e "MATCH (n) DETACH DELETE n" -e ":read $TMP/d.cypher" --format csv -e "MATCH (a:A) RETURN a.x AS x" 2>&1)
check ":dump FILE writes the script, which :read replays" "x
1" "$out"
out=$("$T" --empty -e "CREATE (:Kept)" -e "BEGIN" -e "CREATE (:Uncommitted)" --dump 2>"$TMP/err")
check "--dump after a transaction left open rolls it back first: only committed data is dumped" \
  "1|0|tangle: the transaction still open at the end was rolled back" \
  "$(grep -c 'Kept' <<<"$out")|$(grep -c 'Uncommitted' <<<"$out")|$(cat "$TMP/err")"
echo "old" > "$TMP/keep.cypher"
out=$("$T" --empty -e "BEGIN" -e "CREATE (:Z)" -e ":dump $TMP/keep.cypher" 2>&1 | head -n 1)
check ":dump inside a transaction is refused, and the file it would replace is left alone" \
  "SemanticError: cannot dump inside a transaction (its changes are not committed); COMMIT or ROLLBACK first|old|no tmp" \
  "$out|$(cat "$TMP/keep.cypher")|$([ -e "$TMP/keep.cypher.tmp" ] && echo tmp || echo no tmp)"
out=$("$T" --empty -e "CREATE (:_TangleDump)" --dump 2>&1); rc=$?
check "a graph that uses the dump's temporary label is refused, not dumped wrong" \
  "SemanticError: cannot dump: nodes already use the label _TangleDump or the key _tangle_dump_id, which the dump script needs for itself|1" "$out|$rc"

# ---- --max-memory and :max-memory: a statement's memory budget -------------------------------
out=$("$T" --empty --format csv --max-memory 64MB --continue -e "UNWIND range(1, 300) AS i CREATE (:N {i: i})" \
  -e "UNWIND range(1, 3000000) AS i CREATE (:M {i: i})" -e "UNWIND range(1, 20000000) AS x RETURN count(DISTINCT x) AS c" \
  -e "MATCH (n) RETURN labels(n)[0] AS l, count(*) AS c" 2>&1); rc=$?
check "--max-memory fails a write and a read that need more, rolls back; the session goes on" \
  "ResourceLimit: the statement needed more than its memory limit of 64 MiB (the max_memory setting: --max-memory, :max-memory); it was stopped and rolled back
ResourceLimit: the statement needed more than its memory limit of 64 MiB (the max_memory setting: --max-memory, :max-memory); it was stopped and rolled back
l,c
N,300|1" "$out|$rc"
out=$("$T" --empty --format csv -e ":max-memory 1.5G" -e ":max-memory" -e ":max-memory 0" -e ":max-memory" \
  -e ":max-memory 300k" -e ":max-memory" 2>&1)
check ":max-memory sets, shows and lifts the limit" "1.5 GiB
none
300 KiB" "$out"
out=$("$T" --empty -e ":max-memory" 2>&1)
check_contains "the default memory limit is a share of the machine's memory" " GiB" "$out"
out=$("$T" --empty --max-memory lots -e "RETURN 1" 2>&1); rc=$?
check "--max-memory with no size is a usage error" \
  "tangle: --max-memory needs a size such as 512MB or 2GB, got 'lots'|2" "$(printf '%s' "$out" | head -n 1)|$rc"
# Running out of the machine's memory (here the address-space limit) fails
# the statement, not the process. Not under the sanitizers, which reserve
# terabytes of address space.
if [ "${TANGLE_FLAVOUR:-rel}" != san ]; then
  out=$( (ulimit -v 1500000; "$T" --empty --format csv --max-memory 0 --continue \
    -e "UNWIND range(1, 1000) AS i CREATE (:N {i: i})" \
    -e "UNWIND range(1, 40000000) AS i CREATE (:M {i: i, s: 'abcdefgh'})" \
    -e "MATCH (n) RETURN labels(n)[0] AS l, count(*) AS c") 2>&1); rc=$?
  check "running out of memory fails the statement and rolls it back; the session goes on" \
    "ResourceLimit: out of memory: the machine could not give the statement the memory it asked for; it was stopped and rolled back
l,c
N,1000|1" "$out|$rc"
else
  check "running out of memory (rel build only: ASan reserves the address space)" "" ""
fi

out=$("$T" --empty --format json -e "RETURN 0.0/0.0 AS nan, 1.0/0.0 AS inf, -1.0/0.0 AS ninf" 2>&1)
check "json: NaN and infinities are written as strings, as docs/cli.md says" \
  '{"nan":"NaN","inf":"Infinity","ninf":"-Infinity"}' "$out"

# ---- --read-only ---------------------------------------------------------------------------
out=$("$T" --read-only --continue --format csv -e "CREATE (:X)" -e "CREATE INDEX FOR (n:X) ON (n.y)" \
  -e "MATCH (n:Person) RENDER n TO '$TMP/ro.svg'" -e "MATCH (n:Person) RETURN count(n) AS c" 2>&1); rc=$?
check "--read-only refuses writes to the graph, the schema and files, and still reads" \
  "SemanticError: the database is read-only (--read-only): this statement changes the graph, so it was not run
SemanticError: the database is read-only (--read-only): this statement changes the graph, so it was not run
SemanticError: the database is read-only (--read-only): this statement writes a file, so it was not run
c
17|1|absent" "$out|$rc|$([ -e "$TMP/ro.svg" ] && echo present || echo absent)"
out=$("$T" --read-only --format csv -e "EXPLAIN CREATE (:X)" 2>&1 | head -n 2)
check "--read-only: EXPLAIN of a write still shows its plan" "plan
Create nodes=1 relationships=0" "$out"

tap_done
