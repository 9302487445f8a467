#!/usr/bin/env bash
# tests/shell/schema.sh — schema commands as docs/language.md shows them: its
# example must run as written, and an index or constraint that already
# exists is named in the error.
set -u
. "$(dirname "$0")/lib.sh"
T=$TANGLE
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
ROOT=$(cd "$(dirname "$0")/../.." && pwd)

# The ```cypher block after "**Schema commands**" in docs/language.md.
sed -n '/^\*\*Schema commands\*\*/,/^```$/p' "$ROOT/docs/language.md" | sed -n '/^```cypher$/,/^```$/p' |
  sed '1d;$d' > "$TMP/readme_schema.cypher"
check_contains "the language page's schema example was found" "CREATE INDEX person_name" "$(cat "$TMP/readme_schema.cypher")"
err=$("$T" --empty -f "$TMP/readme_schema.cypher" 2>&1 >/dev/null); rc=$?
check "the language page's schema example runs as written" "0:" "$rc:$err"
err=$("$T" -f "$TMP/readme_schema.cypher" 2>&1 >/dev/null); rc=$?
check "the language page's schema example runs as written on the built-in graph" "0:" "$rc:$err"
# One -e per statement, as a person would type them into ./tangle.
args=()
while IFS= read -r stmt; do
  [ -n "${stmt//[[:space:]]/}" ] && args+=(-e "$stmt")
done < <(sed 's|//.*||' "$TMP/readme_schema.cypher" | tr ';' '\n')
check "the language page's schema example has twelve statements" 12 "$((${#args[@]} / 2))"
err=$("$T" "${args[@]}" 2>&1 >/dev/null); rc=$?
check "the language page's schema example runs one statement at a time" "0:" "$rc:$err"
out=$("$T" --empty --format csv -f "$TMP/readme_schema.cypher" -e "CALL db.indexes() YIELD name RETURN name ORDER BY name")
check "the language page's schema example leaves the indexes its comments name" "name
book_key
constraint_Person_email
firm_founded
firm_name
index_Person_nick
person_bio
person_born
person_name_born" "$out"

err=$("$T" --empty -e "CREATE INDEX person_name FOR (p:Person) ON (p.name)" \
  -e "CREATE INDEX ON :Person(name)" 2>&1 >/dev/null); rc=$?
check "a second index on the same property fails" 1 "$rc"
check_contains "the error names the index that exists" \
  "an index on :Person(name) already exists, named person_name" "$err"
err=$("$T" --empty -e "CREATE INDEX person_name FOR (p:Person) ON (p.name)" \
  -e "CREATE CONSTRAINT FOR (p:Person) REQUIRE p.name IS UNIQUE" 2>&1 >/dev/null)
check_contains "a constraint where an index exists names the index" \
  "an index on :Person(name) already exists, named person_name" "$err"
"$T" --empty -e "CREATE INDEX person_name FOR (p:Person) ON (p.name)" \
  -e "CREATE INDEX IF NOT EXISTS FOR (p:Person) ON (p.name)" >/dev/null 2>&1
check "IF NOT EXISTS accepts the existing index" 0 "$?"

tap_done
