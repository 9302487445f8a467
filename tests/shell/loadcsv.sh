#!/usr/bin/env bash
# tests/shell/loadcsv.sh — LOAD CSV from the command line on generated
# files: linenumber() and file().
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

tap_done
