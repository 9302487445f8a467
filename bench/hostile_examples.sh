#!/usr/bin/env bash
# bench/hostile_examples.sh — the hostile examples of issue 13, each timed:
# wall time, peak RSS, exit status and the first line of output.
#
#   bash bench/hostile_examples.sh [TANGLE]   (default build/san/tangle)
#
# Needs /usr/bin/time (Debian package time). Figures from it are quoted in
# the notes; it asserts nothing (the tests do that).
ROOT=$(cd "$(dirname "$0")/.." && pwd)
T=$(realpath "${1:-$ROOT/build/san/tangle}")
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
export ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS="suppressions=$ROOT/tests/lsan.supp:print_suppressions=0:fast_unwind_on_malloc=0"
cd "$W"
rep() { awk -v n="$1" -v s="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'; }
run() {  # NAME, then the command (stdin from $IN if set)
  local name=$1; shift
  /usr/bin/time -f "TIME %e s %M KB exit %x" "$@" < "${IN:-/dev/null}" > "$W/out" 2> "$W/err"
  printf '%-58s %s | %s\n' "$name" "$(grep TIME "$W/err" | sed 's/TIME //')" "$( (grep -v -e "^TIME" -e "^Command exited" "$W/err"; cat "$W/out") | head -n 1 | cut -c1-110)"
}
printf 'RETURN 1%s AS x;\n' "$(rep 50000 '+1')" > q1; run "50,000-term + chain" $T --empty -f q1
printf 'RETURN true%s AS x;\n' "$(rep 50000 ' AND true')" > q2; run "50,000-term AND chain" $T --empty -f q2
printf "RETURN 'a'%s AS x;\n" "$(rep 50000 "+'a'")" > q3; run "50,000-term string + chain" $T --empty -f q3
printf 'WITH {a:1} AS m RETURN m%s AS x;\n' "$(rep 50000 '.a')" > q4; run "50,000 property accesses" $T --empty -f q4
printf 'WITH [1] AS l RETURN l%s AS x;\n' "$(rep 50000 '[0]')" > q5; run "50,000 subscripts" $T --empty -f q5
run "collect() of range(1,1e9)" $T --empty -e 'UNWIND range(1,1000000000) AS x RETURN collect(x)'
run "reduce string of 40,000 steps" $T --empty -e "RETURN size(reduce(s='', x IN range(1,40000) | s + 'xxxxxxxxxx')) AS n"
run "reduce list of 40,000 steps" $T --empty -e "RETURN size(reduce(l=[], x IN range(1,40000) | l+[x])) AS n"
printf 'RETURN %s1%s AS x;\n' "$(rep 100000 '(')" "$(rep 100000 ')')" > q6; run "100,000 nested (" $T --empty -f q6
printf 'RETURN %s1%s AS x;\n' "$(rep 200000 '(')" "$(rep 200000 ')')" > q7; run "200,000 nested (" $T --empty -f q7
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "%sc%d", i ? "," : "", i; print ""; for (i = 0; i < 100000; i++) printf "%s%d", i ? "," : "", i; print "" }' > wide.csv
run "LOAD CSV header of 100,000 columns" $T --empty -e "LOAD CSV WITH HEADERS FROM '$W/wide.csv' AS r RETURN size(keys(r)) AS n"
run "import header of 100,000 columns" $T --nodes $W/wide.csv -e "MATCH (n) RETURN size(keys(n)) AS n"
run "LOAD CSV FROM /dev/zero" $T --empty -e "LOAD CSV FROM '/dev/zero' AS r RETURN count(*)"
run "import --nodes /dev/zero" $T --nodes /dev/zero -e "RETURN 1"
run "-f /dev/zero" $T --empty -f /dev/zero
run "table output of 5,400,000 rows (to a file)" $T --empty -e "UNWIND range(1,5400000) AS x RETURN x, toString(x) AS s"
run "csv output of 5,400,000 rows" $T --empty --format csv -e "UNWIND range(1,5400000) AS x RETURN x, toString(x) AS s"
DENSE="UNWIND range(1, 300) AS i CREATE (:V {i: i}) WITH count(*) AS c MATCH (a:V), (b:V) WHERE a.i < b.i AND (a.i * 7919 + b.i * 104729) % 5 = 0 CREATE (a)-[:E]->(b)"
run "RENDER 300 nodes / 8,970 rels with dot" $T --empty -e "$DENSE" -e "MATCH p=()-[:E]->() RENDER p AS 'svg' USING 'dot'"
run "... raised cap, --timeout 1s" $T --empty --timeout 1s -e "$DENSE" -e "MATCH p=()-[:E]->() RENDER p AS 'svg' USING 'dot' OPTIONS {maxRelationships: 10000}"
printf 'CREATE (:A) \x00 RETURN 1/0;\n' > nul1; IN=nul1 run "NUL inside a statement" $T --empty
printf 'RETURN 1;\x00RETURN 3;\n' > nul2; IN=nul2 run "NUL between statements" $T --empty
{ echo 'id:ID,name'; echo '0,"stray'; for i in $(seq 1 1000); do echo "$i,n$i"; done; } > stray.csv
run "--skip-bad-rows with one stray quote" $T --skip-bad-rows --nodes $W/stray.csv --format csv -e "MATCH (n) RETURN count(n) AS n"
mkdir -p dir; run "-f a directory" $T --empty -f $W/dir
printf ':read $W/dir\n' > rd; IN=rd run ":read a directory" $T --empty
run "RENDER TO ../x.svg under --files" $T --files $W/dir -e "MATCH (n:Person) RENDER n TO '../x.svg'"
run "LOAD CSV of /etc/shadow under --files" $T --files $W/dir -e "LOAD CSV FROM 'file:///etc/shadow' AS r RETURN r"
run "LOAD CSV of /proc/self/environ, --no-files" $T --no-files -e "LOAD CSV FROM '/proc/self/environ' AS r RETURN r"
run "RENDER TO /dev/full" $T -e "MATCH (n:Person) RENDER n TO '/dev/full'"
run "--read-only and a CREATE" $T --read-only -e "CREATE (:X)"
run "escape sequence in a table cell" $T --empty -e "RETURN '\u001b[2J' AS s"
run "--param with trailing text" $T --empty --param "x=1; CREATE (:Pwn)" -e "RETURN \$x"
run "rand() < 0.5 over 10,000 pairs" $T --empty -e "UNWIND range(1,100) AS i CREATE (:N)" -e "MATCH (a:N),(b:N) WHERE rand() < 0.5 RETURN count(*) AS c"
run "PCRE2 match limit" $T --empty -e "RETURN '$(rep 5000 a)' =~ '(a*)*b' AS m"
printf 'name\n\xe9t\xe9\n' > latin1.csv
run "LOAD CSV of Latin-1 bytes" $T --empty -e "LOAD CSV WITH HEADERS FROM '$W/latin1.csv' AS r RETURN r.name"
printf 'id:ID,name\n1,\xe9t\xe9\n' > latin1n.csv
run "import of Latin-1 bytes" $T --nodes $W/latin1n.csv -e "RETURN 1"
printf 'CREATE (n%s) RETURN size(labels(n)) AS n;\n' "$(rep 100000 ':L')" > labels; run "100,000 labels in one CREATE" $T --empty -f labels
run "JSON NaN" $T --empty --format json -e "RETURN 0.0/0.0 AS x"
run "uniqueness violation" $T --empty -e "CREATE CONSTRAINT c FOR (n:P) REQUIRE n.k IS UNIQUE" -e "CREATE (:P {k: 1})" -e "UNWIND [1] AS x CREATE (:P {k: x})"
printf 'RETURN %s + ;\n' "$(rep 1000000 'xxxxxxxxxx')" > long; run "10 MB line with an error" $T --empty -f long
run "--max-memory 64MB and a large write" $T --empty --max-memory 64MB -e "UNWIND range(1,3000000) AS i CREATE (:M {i: i})"
