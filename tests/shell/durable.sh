#!/usr/bin/env bash
# tests/shell/durable.sh — databases on disk from the command line
# (docs/storage.md): tangle PATH keeps what is committed, BEGIN/ROLLBACK
# across statements, --read-only, the write lock, --sync and
# --checkpoint-size, an import into a new database, --recover, and the
# errors for what is not a database. Crashes, torn logs and I/O faults
# are tests/tools/crashtest.c and tests/unit/test_durable.c.
set -u
. "$(dirname "$0")/lib.sh"
T=$TANGLE
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "$TMP" || exit 1

# ---- the issue's "done when" ------------------------------------------------

"$T" my.db -e "CREATE (:P {name:'a'})" 2>err; rc=$?
check "create in a new database: exit 0" 0 "$rc"
check "no 'created' message when stderr is not a terminal" "" "$(cat err)"
out=$("$T" my.db --format csv -e "MATCH (p:P) RETURN p.name" 2>&1)
check "a second run reads what the first committed" "p.name
a" "$out"
check "the database is a folder with a snapshot, a log and a lock" "lock snapshot wal" "$(ls my.db | tr '\n' ' ' | sed 's/ $//')"

printf 'BEGIN;\nCREATE (:P {name:"b"});\nMATCH (p:P {name:"a"}) SET p.name = "z";\nROLLBACK;\n' > undo.cypher
"$T" my.db -f undo.cypher 2>/dev/null
out=$("$T" my.db --format csv -e "MATCH (p:P) RETURN p.name ORDER BY p.name" 2>&1)
check "BEGIN ... ROLLBACK undoes a multi-statement edit, also on disk" "p.name
a" "$out"

printf 'BEGIN;\nCREATE (:P {name:"b"});\nCREATE (:P {name:"c"});\nCOMMIT;\n' > keep.cypher
"$T" my.db -f keep.cypher 2>/dev/null
out=$("$T" my.db --format csv -e "MATCH (p:P) RETURN p.name ORDER BY p.name" 2>&1)
check "BEGIN ... COMMIT keeps it" "p.name
a
b
c" "$out"

printf 'BEGIN;\nCREATE (:P {name:"open"});\n' > open.cypher
err=$("$T" my.db -f open.cypher 2>&1)
check_contains "a script that leaves a transaction open: rolled back, and said" "rolled back" "$err"
out=$("$T" my.db --format csv -e "MATCH (p:P {name:'open'}) RETURN count(*) AS n" 2>&1)
check "... and nothing of it was kept" "n
0" "$out"

# ---- read-only and the write lock ---------------------------------------------

err=$("$T" none.db --read-only -e "RETURN 1" 2>&1); rc=$?
check "--read-only on a missing database: exit 1" 1 "$rc"
check_contains "--read-only on a missing database: says there is none" "cannot open the database none.db" "$err"
check "--read-only created nothing" "no" "$([ -e none.db ] && echo yes || echo no)"
err=$("$T" my.db --read-only -e "CREATE ()" 2>&1); rc=$?
check "--read-only refuses a write: exit 1" 1 "$rc"

mkfifo hold
"$T" my.db < hold > /dev/null 2>&1 &
writer=$!
exec 3> hold
for _ in $(seq 50); do [ -s my.db/lock ] && [ "$(tr -d '\n' < my.db/lock)" = "$writer" ] && break; sleep 0.1; done
err=$("$T" my.db -e "RETURN 1" 2>&1); rc=$?
check "a second writer: exit 1" 1 "$rc"
check_contains "a second writer: names the process holding the database" "open for writing by process $writer" "$err"
check_contains "a second writer: points at --read-only" "open it with --read-only" "$err"
out=$("$T" my.db --read-only --format csv -e "MATCH (p:P) RETURN count(*) AS n" 2>&1)
check "a reader beside the writer" "n
3" "$out"
echo "CREATE (:P {name: 'd'});" >&3
exec 3>&-
wait "$writer"
out=$("$T" my.db --format csv -e "MATCH (p:P) RETURN count(*) AS n" 2>&1)
check "the writer's statement was kept, and its lock released" "n
4" "$out"

# ---- options --------------------------------------------------------------------

"$T" my.db --sync sometimes -e "RETURN 1" >/dev/null 2>&1; check "--sync with a bad policy exits 2" 2 "$?"
"$T" --sync normal -e "RETURN 1" >/dev/null 2>&1; check "--sync without a database exits 2" 2 "$?"
"$T" my.db --empty -e "RETURN 1" >/dev/null 2>&1; check "--empty with a database exits 2" 2 "$?"
"$T" my.db --sync normal --checkpoint-size 1K -e "UNWIND range(1, 200) AS i CREATE (:S {i: i, t: 'text'})" 2>/dev/null
check "--sync normal --checkpoint-size 1K: exit 0" 0 "$?"
out=$("$T" my.db --sync off --format csv -e "MATCH (s:S) RETURN count(*) AS n" -e ":checkpoint" 2>&1)
check_contains "--sync off; :checkpoint reports the database" "my.db" "$out"
out=$("$T" my.db --format csv -e "MATCH (s:S) RETURN count(*) AS n" -e "CALL db.checkIntegrity() YIELD problem RETURN count(*) AS problems" 2>&1)
check "what was committed under each policy is there, and intact" "n
200
problems
0" "$out"

# ---- import into a new database; not a database --------------------------------

printf 'id:ID(P)|name\n1|Ann\n2|Bob\n' > Person.csv
printf ':START_ID(P)|:END_ID(P)\n1|2\n' > knows.csv
"$T" imported.db --delimiter '|' --nodes Person.csv --relationships=KNOWS=knows.csv -e "RETURN 1" >/dev/null 2>&1
out=$("$T" imported.db --format csv -e "MATCH (a)-[:KNOWS]->(b) RETURN a.name, b.name" 2>&1)
check "an import into a new database is kept" "a.name,b.name
Ann,Bob" "$out"
err=$("$T" imported.db --delimiter '|' --nodes Person.csv -e "RETURN 1" 2>&1); rc=$?
check "an import into a database that holds data: exit 1" 1 "$rc"
check_contains "... says it must be empty" "import loads into an empty database" "$err"

mkdir other && touch other/notes.txt
err=$("$T" other -e "RETURN 1" 2>&1); rc=$?
check "a folder holding other files is not taken for a database: exit 1" 1 "$rc"
check_contains "... and says so" "is a folder but not a Tangle database" "$err"

# ---- damage and --recover -------------------------------------------------------

echo "stale" > my.db/snapshot.tmp
err=$("$T" my.db -e "RETURN 1" 2>&1 >/dev/null)
check_contains "a stale temporary snapshot is removed and reported" "removed my.db/snapshot.tmp" "$err"
err=$("$T" my.db --recover 2>&1); rc=$?
check "--recover on a healthy database: exit 0" 0 "$rc"
check_contains "--recover on a healthy database: nothing lost" "nothing was lost" "$err"
out=$("$T" my.db.recovered --format csv -e "MATCH (n) RETURN count(*) AS n" 2>&1)
check "--recover wrote PATH.recovered with everything" "n
204" "$out"
err=$("$T" my.db --recover 2>&1); rc=$?
check "--recover refuses to replace an existing PATH.recovered: exit 1" 1 "$rc"

size=$(stat -c %s my.db/snapshot)
printf '\xff\xff\xff\xff' | dd of=my.db/snapshot bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
err=$("$T" my.db -e "RETURN 1" 2>&1); rc=$?
check "a damaged snapshot: the open fails, exit 1" 1 "$rc"
check_contains "a damaged snapshot: the error names the file and --recover" "my.db/snapshot" "$err"
check_contains "a damaged snapshot: points at --recover" "--recover" "$err"
rm -rf my.db.recovered
err=$("$T" my.db --recover 2>&1); rc=$?
check "--recover salvages a damaged snapshot: exit 0" 0 "$rc"
check_contains "--recover lists what was lost" "lost:" "$err"
out=$("$T" my.db.recovered --format csv -e "CALL db.checkIntegrity() YIELD problem RETURN count(*) AS problems" 2>&1)
check "the salvaged database is intact" "problems
0" "$out"

tap_done
