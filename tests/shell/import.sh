#!/usr/bin/env bash
# tests/shell/import.sh — the bulk-import flags of the tangle command
# (cli/import_cli.c): --nodes/--relationships in both forms, delimiters,
# the summary, bad rows reported as file:line with exit 1 and nothing
# loaded, --skip-bad-rows, usage errors, and queries over what was loaded
# (the built-in graph is not loaded).
set -u
. "$(dirname "$0")/lib.sh"
T=$TANGLE
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

printf 'id:ID(P)|name|age:int\n1|Ann|30\n2|"Bob|Jr"|41\n3|Cy|\n' > "$TMP/Person.csv"
printf ':START_ID(P)|:END_ID(P)|since:int\n1|2|2001\n2|3|2010\n' > "$TMP/knows.csv"

out=$("$T" --format csv --delimiter '|' --nodes "$TMP/Person.csv" --relationships=KNOWS="$TMP/knows.csv" \
  -e "MATCH (a:Person)-[k:KNOWS]->(b) RETURN a.name, k.since, b.name ORDER BY k.since" 2>"$TMP/err"); rc=$?
check "import then query: exit 0" 0 "$rc"
check "import then query: rows" "a.name,k.since,b.name
Ann,2001,Bob|Jr
Bob|Jr,2010,Cy" "$out"
check_contains "import prints a summary" "Imported 3 nodes and 2 relationships" "$(cat "$TMP/err")"

out=$("$T" --format csv --delimiter '|' --nodes=Person="$TMP/Person.csv" -e "MATCH (n) RETURN count(n) AS n" 2>/dev/null)
check "only the imported graph is there (no built-in graph)" "n
3" "$out"

printf 'id:ID\tname\n1\tA\n' > "$TMP/T.tsv"
out=$("$T" --format csv --delimiter '\t' --nodes "$TMP/T.tsv" -e "MATCH (n:T) RETURN n.name AS name" 2>/dev/null)
check "--delimiter '\\t' reads tab-separated files" "name
A" "$out"

printf 'id:ID(P)|name|age:int\n1|Ann|30\n2|Bob|forty\n3|Cy|\n' > "$TMP/Bad.csv"
err=$("$T" --format csv --delimiter '|' --nodes "$TMP/Bad.csv" -e "MATCH (n) RETURN count(n)" 2>&1 >/dev/null); rc=$?
check "a bad row fails the import: exit 1" 1 "$rc"
check_contains "the bad row is named by file and line" "$TMP/Bad.csv:3: column 'age:int': 'forty' is not an integer" "$err"
check_contains "nothing is loaded" "nothing was loaded" "$err"

out=$("$T" --format csv --delimiter '|' --skip-bad-rows --nodes "$TMP/Bad.csv" -e "MATCH (n) RETURN count(n) AS n" 2>"$TMP/err"); rc=$?
check "--skip-bad-rows: exit 0" 0 "$rc"
check "--skip-bad-rows: the good rows load" "n
2" "$out"
check_contains "--skip-bad-rows lists the bad row" "$TMP/Bad.csv:3:" "$(cat "$TMP/err")"
check_contains "--skip-bad-rows counts it" "skipped 1 bad row." "$(cat "$TMP/err")"

"$T" --nodes "$TMP/missing.csv" -e "RETURN 1" >/dev/null 2>&1; check "a missing file exits 1" 1 "$?"

# The memory budget holds for an import too: past it, the import stops at
# a named line and loads nothing.
awk 'BEGIN { print "id:ID,name"; for (i = 0; i < 300000; i++) printf "%d,name-%d-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n", i, i }' > "$TMP/Big.csv"
"$T" --max-memory 16MB --nodes "$TMP/Big.csv" -e "RETURN 1" >/dev/null 2>"$TMP/err"; rc=$?
check "an import past --max-memory exits 1" 1 "$rc"
check "... naming the file, the line reached and the limit" \
  "ResourceLimit: $TMP/Big.csv:LINE: the import needed more than its memory limit of 16 MiB (the max_memory setting: --max-memory); it was stopped and the database left empty" \
  "$(head -n 1 "$TMP/err" | sed 's/csv:[0-9]*:/csv:LINE:/')"
# A limit that is not a whole number of MiB is written as given (it read
# "0 MiB" for 300k).
"$T" --max-memory 300k --nodes "$TMP/Big.csv" -e "RETURN 1" >/dev/null 2>"$TMP/err"
check_contains "... in the unit it was given" "its memory limit of 300 KiB" "$(head -n 1 "$TMP/err")"
"$T" --delimiter '||' --nodes "$TMP/Person.csv" -e "RETURN 1" >/dev/null 2>&1; check "a two-character delimiter exits 2" 2 "$?"
"$T" --nodes >/dev/null 2>&1; check "--nodes without a file exits 2" 2 "$?"

tap_done
