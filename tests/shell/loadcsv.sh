#!/usr/bin/env bash
# tests/shell/loadcsv.sh — LOAD CSV from the command line on generated
# files: linenumber() and file(), and the hint (on stderr, never in the
# rows) to index the property a MERGE or MATCH looks nodes up by when a
# LOAD CSV reads more than 5,000 rows.
set -u
. "$(dirname "$0")/lib.sh"
T=$TANGLE
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "$TMP" || exit 1

printf 'name,born\nAda,1815\n\nAlan,1912\n' > people.csv

# ---- linenumber() and file() ------------------------------------------------------
check "linenumber() counts the header as line 1, and blank lines as lines" "name,line
Ada,2
Alan,4" "$("$T" --empty --format csv -e "LOAD CSV WITH HEADERS FROM 'people.csv' AS r RETURN r.name AS name, linenumber() AS line")"
check "file() is the path FROM names" "f
people.csv
people.csv" "$("$T" --empty --format csv -e "LOAD CSV WITH HEADERS FROM 'people.csv' AS r RETURN file() AS f")"
check "file() of a file: URL is its path" "f
$TMP/people.csv" "$("$T" --empty --format csv -e "LOAD CSV FROM 'file://$TMP/people.csv' AS r WITH r LIMIT 1 RETURN file() AS f")"
check "both are null outside LOAD CSV" "l,f
," "$("$T" --empty --format csv -e "RETURN linenumber() AS l, file() AS f")"
check "they can be stored" "n.line
2
4" "$("$T" --empty --format csv -e "LOAD CSV WITH HEADERS FROM 'people.csv' AS r CREATE (:P {line: linenumber()})" \
  -e "MATCH (n:P) RETURN n.line ORDER BY n.line")"

# ---- the index hint ---------------------------------------------------------------
{ echo "name"; for i in $(seq 1 6000); do echo "p$i"; done; } > big.csv
head -n 5001 big.csv > limit.csv   # the header and 5,000 rows
merge="LOAD CSV WITH HEADERS FROM 'big.csv' AS row MERGE (p:Person {name: row.name}) RETURN count(*) AS n"
out=$("$T" --empty --format csv -e "$merge" 2>"$TMP/err"); rc=$?
check "a MERGE on an unindexed property over 6,000 rows still runs" "0:n
6000" "$rc:$out"
check "... and hints, with the statement to run, on stderr" \
  "Hint: LOAD CSV has read more than 5000 rows, and each one runs a MERGE on :Person(name), which has no index, so every row scans all :Person nodes; create the index first: CREATE INDEX FOR (n:Person) ON (n.name) (03N93)" \
  "$(cat "$TMP/err")"
check_contains "a MATCH gets the hint too" "MATCH on :Person(name)" \
  "$("$T" --empty -e "LOAD CSV WITH HEADERS FROM 'big.csv' AS row MATCH (p:Person {name: row.name}) RETURN count(p)" 2>&1 >/dev/null)"
check "no hint for 5,000 rows" "" \
  "$("$T" --empty -e "LOAD CSV WITH HEADERS FROM 'limit.csv' AS row MERGE (p:Person {name: row.name})" 2>&1 >/dev/null)"
check "no hint once the suggested index exists" "" \
  "$("$T" --empty -e "CREATE INDEX FOR (n:Person) ON (n.name)" -e "$merge" 2>&1 >/dev/null)"
check "no hint with a uniqueness constraint either" "" \
  "$("$T" --empty -e "CREATE CONSTRAINT FOR (p:Person) REQUIRE p.name IS UNIQUE" -e "$merge" 2>&1 >/dev/null)"
check "no hint when no MATCH or MERGE looks nodes up" "" \
  "$("$T" --empty -e "LOAD CSV WITH HEADERS FROM 'big.csv' AS row CREATE (:Person {name: row.name})" 2>&1 >/dev/null)"

# ---- the file-access policy: --files DIR and --no-files --------------------------------------
mkdir -p "$TMP/allowed"
printf 'a,b\n1,2\n' > "$TMP/allowed/x.csv"
printf 'secret\n' > "$TMP/secret.csv"
ln -s "$TMP/secret.csv" "$TMP/allowed/link.csv"
out=$(cd / && "$T" --empty --format csv --files "$TMP/allowed" -e "LOAD CSV FROM 'x.csv' AS r RETURN r" 2>&1)
check "--files DIR: a relative path is read inside DIR" "r
\"['a', 'b']\"
\"['1', '2']\"" "$out"
for url in "file://$TMP/secret.csv" "../secret.csv" "link.csv" "/etc/passwd"; do
  out=$("$T" --empty --files "$TMP/allowed" -e "LOAD CSV FROM '$url' AS r RETURN r" 2>&1 | head -n 1)
  check "--files DIR refuses '$url' (outside DIR once resolved)" \
    "IOError: line 1, column 1: LOAD CSV: cannot read '${url#file://}': it lies outside $(cd "$TMP/allowed" && pwd -P), the only directory queries may read from (--files)" "$out"
done
out=$("$T" --empty --no-files -e "LOAD CSV FROM '$TMP/allowed/x.csv' AS r RETURN r" 2>&1 | head -n 1)
check "--no-files: LOAD CSV reads nothing" \
  "IOError: line 1, column 1: LOAD CSV: cannot read '$TMP/allowed/x.csv': file access is off (--no-files): queries may not read files" "$out"
out=$("$T" --no-files -e "MATCH (n:Person) RENDER n TO '$TMP/allowed/p.svg'" 2>&1 | head -n 1)
check "--no-files: RENDER TO writes nothing" \
  "IOError: line 1, column 30: cannot write '$TMP/allowed/p.svg': file access is off (--no-files): queries may not write files|absent" \
  "$out|$([ -e "$TMP/allowed/p.svg" ] && echo present || echo absent)"
out=$("$T" --files "$TMP/allowed" -e "MATCH (n:Person) RENDER n TO '../p.svg'" 2>&1 | head -n 1)
check "--files DIR: RENDER TO outside DIR is refused" \
  "IOError: line 1, column 30: cannot write '../p.svg': it lies outside $(cd "$TMP/allowed" && pwd -P), the only directory queries may write in (--files)|absent" \
  "$out|$([ -e "$TMP/p.svg" ] && echo present || echo absent)"
out=$("$T" --files "$TMP/nowhere" -e "RETURN 1" 2>&1); rc=$?
check "--files needs an existing directory" "tangle: --files: '$TMP/nowhere' is not a directory: No such file or directory|2" "$out|$rc"

tap_done
