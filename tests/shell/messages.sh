#!/usr/bin/env bash
# tests/shell/messages.sh — the wording of error messages and warnings as a
# user sees them on stderr: arithmetic type errors that name the operator,
# the operand and both types; "did you mean" for mistyped keywords,
# functions and procedures; what to use instead of BEGIN; what SHOW lists;
# warnings (notifications) for names the graph does not hold.
set -u
. "$(dirname "$0")/lib.sh"
T=$TANGLE
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# first_line QUERY: the first line of stderr of `tangle --empty -e QUERY`.
first_line() { "$T" --empty -e "$1" 2>&1 >/dev/null | head -n 1; }

# ---- arithmetic type errors: operator, operand side, both types ----------------
# Known when compiling (literals): SyntaxError.
check "1 + true names both types and the right operand" \
  "SyntaxError: line 1, column 12: cannot add INTEGER and BOOLEAN: the right operand of + is BOOLEAN" \
  "$(first_line "RETURN 1 + true")"
check "true + 1 names the left operand" \
  "SyntaxError: line 1, column 8: cannot add BOOLEAN and INTEGER: the left operand of + is BOOLEAN" \
  "$(first_line "RETURN true + 1")"
check "- names its operator" \
  "SyntaxError: line 1, column 12: cannot subtract STRING from INTEGER: the right operand of - is STRING" \
  "$(first_line "RETURN 1 - 'a'")"
check "* names its operator" \
  "SyntaxError: line 1, column 12: cannot multiply INTEGER by LIST: the right operand of * is LIST" \
  "$(first_line "RETURN 2 * [1]")"
check "/ names its operator" \
  "SyntaxError: line 1, column 8: cannot divide MAP by INTEGER: the left operand of / is MAP" \
  "$(first_line "RETURN {a: 1} / 2")"
check "% names its operator" \
  "SyntaxError: line 1, column 14: cannot take FLOAT modulo BOOLEAN: the right operand of % is BOOLEAN" \
  "$(first_line "RETURN 1.5 % true")"
check "^ names its operator" \
  "SyntaxError: line 1, column 12: cannot raise INTEGER to the power of STRING: the right operand of ^ is STRING" \
  "$(first_line "RETURN 2 ^ 'x'")"
check "unary minus names its operand" \
  "SyntaxError: line 1, column 9: cannot negate BOOLEAN: the operand of unary - is BOOLEAN, not a number or a DURATION" \
  "$(first_line "RETURN -true")"
check "an operand of unknown type is ANY" \
  "SyntaxError: line 1, column 13: cannot subtract BOOLEAN from ANY: the right operand of - is BOOLEAN" \
  "$(first_line 'RETURN $p - true')"
# Found while running (values from data): TypeError.
check "runtime: 1 + b" \
  "TypeError: line 1, column 27: cannot add INTEGER and BOOLEAN: the right operand of + is BOOLEAN" \
  "$(first_line "UNWIND [true] AS b RETURN 1 + b")"
check "runtime: b * 2" \
  "TypeError: line 1, column 26: cannot multiply STRING by INTEGER: the left operand of * is STRING" \
  "$(first_line "UNWIND ['x'] AS b RETURN b * 2")"
check "runtime: a DATE takes no INTEGER" \
  "TypeError: line 1, column 41: cannot add DATE and INTEGER: the right operand of + is INTEGER" \
  "$(first_line "UNWIND [date('2020-01-01')] AS b RETURN b + 1")"
check "runtime: x % y" \
  "TypeError: line 1, column 31: cannot take INTEGER modulo STRING: the right operand of % is STRING" \
  "$(first_line "UNWIND [[7, 'a']] AS p RETURN p[0] % p[1]")"
check "runtime: unary minus" \
  "TypeError: line 1, column 28: cannot negate BOOLEAN: the operand of unary - is BOOLEAN, not a number or a DURATION" \
  "$(first_line "UNWIND [true] AS b RETURN -b")"
check "runtime: unary plus" \
  "TypeError: line 1, column 27: cannot apply unary + to STRING: its operand is STRING, not a number" \
  "$(first_line "UNWIND ['a'] AS x RETURN +x")"

# ---- "did you mean": keywords, functions, procedures ----------------------------
check "a mistyped keyword suggests the keyword" \
  "SyntaxError: line 1, column 1: syntax error near 'MACTH'; did you mean MATCH?" \
  "$(first_line "MACTH (n) RETURN n")"
check "a mistyped keyword later in the query" \
  "SyntaxError: line 1, column 11: syntax error near 'RETRUN'; did you mean RETURN?" \
  "$(first_line "MATCH (n) RETRUN n")"
check "a missing letter in LIMIT" \
  "SyntaxError: line 1, column 20: syntax error near 'LIMT'; did you mean LIMIT?" \
  "$(first_line "MATCH (n) RETURN n LIMT 5")"
check "a syntax error with no near keyword suggests nothing" \
  "SyntaxError: line 1, column 10: syntax error near 'banana'" \
  "$(first_line "RETURN 1 banana")"
check "a mistyped function suggests the function" \
  "SyntaxError: line 1, column 8: unknown function 'toUppr'; did you mean toUpper?" \
  "$(first_line "RETURN toUppr('a')")"
check "an unknown function far from any suggests nothing" \
  "SyntaxError: line 1, column 8: unknown function 'frobnicate'" \
  "$(first_line "RETURN frobnicate(1)")"
check "a mistyped procedure suggests the procedure" \
  "ProcedureError: line 1, column 6: unknown procedure 'db.label'; did you mean db.labels?" \
  "$(first_line "CALL db.label()")"
check "a mistyped procedure inside a query" \
  "ProcedureError: line 1, column 6: unknown procedure 'db.propertyKey'; did you mean db.propertyKeys?" \
  "$(first_line "CALL db.propertyKey() YIELD propertyKey RETURN propertyKey")"

# ---- statements Tangle does not have say what to use instead ---------------------
check "BEGIN run together with a query says to end it first" \
  "SyntaxError: line 1, column 1: BEGIN stands alone: end it with ';' before the next statement (BEGIN, COMMIT and ROLLBACK each make a statement of their own)" \
  "$(first_line "BEGIN MATCH (n) RETURN n")"
check "COMMIT with no transaction open says so" \
  "SemanticError: COMMIT: no transaction is open (BEGIN starts one)" \
  "$(first_line "commit;")"
check "START TRANSACTION opens one, as BEGIN does (a second is refused)" \
  "SemanticError: a transaction is already open; COMMIT or ROLLBACK it first" \
  "$("$T" --empty -e "START TRANSACTION" -e "BEGIN" 2>&1 | head -n 1)"
check "SHOW INDEXES, CONSTRAINTS, FUNCTIONS and PROCEDURES run" "0 0 0 0" \
  "$(for w in INDEXES "constraints" FUNCTIONS PROCEDURES; do "$T" --empty -e "SHOW $w" >/dev/null 2>&1; printf '%s ' $?; done | sed 's/ $//')"
check "another SHOW says what SHOW lists" \
  "SyntaxError: line 1, column 6: SHOW lists INDEXES, CONSTRAINTS, FUNCTIONS or PROCEDURES, not \`DATABASES\`" \
  "$(first_line "SHOW DATABASES")"

# ---- warnings: names the graph does not hold (notifications) ----------------------
# On the built-in graph. The query still runs and succeeds.
out=$("$T" --format csv -e "MATCH (n:Persn) RETURN count(n) AS c" 2>"$TMP/err"); rc=$?
check "an unknown label is a warning on stderr" \
  "Warning: the label Persn does not exist in the graph (01N50)" "$(cat "$TMP/err")"
check "... and not an error" 0 "$rc"
check "... stdout of --format csv holds only the rows" "c
0" "$out"
check "an unknown relationship type" \
  "Warning: the relationship type FOUNDD does not exist in the graph (01N51)" \
  "$("$T" -e "MATCH (p:Person)-[:FOUNDD]->(f) RETURN f" 2>&1 >/dev/null)"
check "an unknown property key" \
  "Warning: the property key nmae does not exist in the graph (01N52)" \
  "$("$T" -e "MATCH (p:Person) RETURN p.nmae LIMIT 1" 2>&1 >/dev/null)"
check "several, in the order the query names them" \
  "Warning: the label Persn does not exist in the graph (01N50)
Warning: the relationship type FOUNDD does not exist in the graph (01N51)
Warning: the property key nme does not exist in the graph (01N52)" \
  "$("$T" -e "MATCH (p:Persn)-[:FOUNDD]->(f) WHERE p.nme = 'x' RETURN f" 2>&1 >/dev/null)"
check "names the graph holds give no warning" "" \
  "$("$T" -e "MATCH (p:Person)-[:FOUNDED]->(f) RETURN p.name LIMIT 1" 2>&1 >/dev/null)"
check "names the statement creates give no warning" "" \
  "$("$T" --empty -e "CREATE (r:Robot {serial: 7}) RETURN r.serial" 2>&1 >/dev/null)"
check "keys of a map are not property keys" "" \
  "$("$T" --empty -e "WITH {a: 1} AS m RETURN m.b" 2>&1 >/dev/null)"
printf 'MATCH (n:Robot) RETURN n;\nCREATE (:Robot);\nMATCH (n:Robot) RETURN count(n);\n' > "$TMP/robots.cypher"
check "-f: each statement is checked against the graph as it is then" \
  "Warning: the label Robot does not exist in the graph (01N50)" \
  "$("$T" --empty -f "$TMP/robots.cypher" 2>&1 >/dev/null)"
check "stdin: the same warning" \
  "Warning: the label Persn does not exist in the graph (01N50)" \
  "$(echo "MATCH (n:Persn) RETURN n;" | "$T" 2>&1 >/dev/null)"

# ---- a regular expression that could not be matched is an error, not "false" -------
A=$(printf 'a%.0s' {1..40})
check "=~ past PCRE2's match limit fails and says why" \
  "ArgumentError: line 1, column 8: the regular expression could not be matched: match limit exceeded" \
  "$("$T" --empty -e "RETURN '$A!' =~ '(a|a)+[bc]' AS m" 2>&1 | head -n 1)"
check "=~ that simply does not match is false" "false" \
  "$("$T" --empty --format csv -e "RETURN 'ab' =~ 'x.' AS m" 2>&1 | tail -n 1)"

# ---- values nest at most 1,000 levels: every routine that walks one recurses -------------
check "a list built 100,000 levels deep is a ResourceLimit at the place that nests it" \
  "ResourceLimit: line 1, column 42: lists and maps may nest at most 1000 levels deep" \
  "$("$T" --empty -e "WITH reduce(l=[], x IN range(1,100000) | [l]) AS l RETURN l = l AS e" 2>&1 | head -n 1)"
check "maps too" \
  "ResourceLimit: line 1, column 42: lists and maps may nest at most 1000 levels deep" \
  "$("$T" --empty -e "RETURN reduce(m={}, x IN range(1,5000) | {m: m}) AS m" 2>&1 | head -n 1)"
check "and collect() of lists already 1,000 deep" \
  "ResourceLimit: line 1, column 80: lists and maps may nest at most 1000 levels deep" \
  "$("$T" --empty -e "UNWIND [1, 2] AS i WITH reduce(l=[], x IN range(1,999) | [l]) AS l RETURN size(collect(l)) AS n" 2>&1 | head -n 1)"
check "999 levels are fine" "999" \
  "$("$T" --empty --format csv -e "WITH reduce(l=[], x IN range(1,998) | [l]) AS l RETURN reduce(d=1, x IN range(1,998) | CASE WHEN d > 0 THEN d + 1 END) AS d, l = l AS same" 2>&1 | tail -n 1 | cut -d, -f1)"
out=$("$T" --empty --format csv -e "UNWIND range(1,3) AS i WITH reduce(l=[], x IN range(1,998) | [l]) AS l RETURN size(collect(l)) AS n" 2>&1 | tail -n 1)
check "collect() of lists 998 deep makes one 999 deep" "3" "$out"

# ---- a plan is bounded: operators call each other, one stack frame per operator ------------
printf 'WITH 1 AS x %.0s' $(seq 100000) > "$TMP/with100k.cypher"; echo 'RETURN x' >> "$TMP/with100k.cypher"
check "100,000 WITH clauses: a ResourceLimit naming the bound, not a stack overflow" \
  "ResourceLimit: $TMP/with100k.cypher, line 1, column 1: the statement needs 100001 operators to run, more than the 5000 allowed (each runs inside the one after it); split it into several statements" \
  "$("$T" --empty -f "$TMP/with100k.cypher" 2>&1 | head -n 1)"
printf 'WITH 1 AS x %.0s' $(seq 2400) > "$TMP/with2400.cypher"; echo 'RETURN x AS x' >> "$TMP/with2400.cypher"
check "2,400 WITH clauses run" "1" "$("$T" --empty --format csv -f "$TMP/with2400.cypher" 2>&1 | tail -n 1)"

# ---- the echoed source line: a window around the caret, controls escaped ------------------
long="RETURN $(printf 'x%.0s' $(seq 100)) + $(printf '1%.0s' $(seq 50)) AS y, $(printf '2%.0s' $(seq 200))"
check "a long line is echoed as a window around the caret, with … where text was left out" \
  "  …xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx + 11111111111111111111111111111111111111111111111111 AS y, 222…
                                                               ^" \
  "$("$T" --empty -e "$long" 2>&1 | tail -n 2)"
big="RETURN $(head -c 2000000 /dev/zero | tr '\0' 'x') +"
check "an error on a 2 MB line echoes at most a window of it" 1 \
  "$("$T" --empty -e "$big" 2>&1 | awk 'length($0) > 400' | wc -l | awk '{ print ($1 == 0) }')"
check "control characters in the echoed line are escaped, and the caret stays aligned" \
  "  RETURN '\\u001B[2J' + x
                       ^" \
  "$("$T" --empty -e "$(printf "RETURN '\033[2J' + x")" 2>&1 | tail -n 2)"

# ---- a uniqueness violation names the constraint, the label, key and value ---------------------
# ... and the place: the properties or SET item that wrote the value, and
# the LOAD CSV row being written.
check "a uniqueness violation names the constraint, label, key, value, nodes and place" \
  "ConstraintValidationFailed: line 1, column 24: the statement would break the uniqueness constraint person_id: :P nodes 0 and 1 would both have id = 'x'
  MATCH (p:P) CREATE (:P {id: p.id})
                         ^" \
  "$("$T" --empty -e "CREATE CONSTRAINT person_id FOR (p:P) REQUIRE p.id IS UNIQUE" -e "CREATE (:P {id: 'x'})" \
     -e "MATCH (p:P) CREATE (:P {id: p.id})" 2>&1)"
check "... a SET that breaks it is named by its line and column" \
  "ConstraintValidationFailed: line 2, column 9: the statement would break the uniqueness constraint person_id: :P nodes 0 and 1 would both have id = 'x'
      SET q.id = 'x'
          ^" \
  "$("$T" --empty -e "CREATE CONSTRAINT person_id FOR (p:P) REQUIRE p.id IS UNIQUE" -e "CREATE (:P {id: 'x'}), (:P {id: 'y'})" \
     -e "MATCH (q:P {id: 'y'})
    SET q.id = 'x'" 2>&1)"
TMPU=$(mktemp -d)
printf 'id\na\nb\na\n' > "$TMPU/ids.csv"
q="LOAD CSV WITH HEADERS FROM '$TMPU/ids.csv' AS row CREATE (:P {id: row.id})"
prefix="LOAD CSV WITH HEADERS FROM '$TMPU/ids.csv' AS row CREATE (:P "
check "... a LOAD CSV row that breaks it is named by file and line" \
  "ConstraintValidationFailed: line 1, column $((${#prefix} + 1)): the statement would break the uniqueness constraint person_id: :P nodes 0 and 2 would both have id = 'a' (writing the LOAD CSV row at $TMPU/ids.csv:4)" \
  "$("$T" --empty -e "CREATE CONSTRAINT person_id FOR (p:P) REQUIRE p.id IS UNIQUE" \
     -e "$q" 2>&1 | head -n 1)"
check "... creating a constraint over duplicates names them" \
  "ConstraintValidationFailed: line 1, column 1: existing nodes already break the uniqueness of :P(id): :P nodes 0 and 1 both have id = 'a'" \
  "$("$T" --empty -e "CREATE (:P {id: 'a'}), (:P {id: 'a'})" -e "CREATE CONSTRAINT FOR (p:P) REQUIRE p.id IS UNIQUE" 2>&1 | head -n 1)"
rm -rf "$TMPU"

# ---- reduce keeps memory proportional to its accumulator ----------------------------------------
# Every step's result stayed in the statement's memory: building a 400 KB
# string took 7.6 GB. Under a 1 GB address-space cap (optimized build; the
# sanitizers reserve terabytes of address space) it must now succeed.
cap=""
[ "${TANGLE_FLAVOUR:-rel}" = rel ] && cap="ulimit -v 1000000;"
out=$(bash -c "$cap exec \"\$0\" --empty --format csv -e \"RETURN size(reduce(s = '', x IN range(1, 40000) | s + 'xxxxxxxxxx')) AS n\"" "$T" 2>&1 | tail -n 1)
check "reduce building a 400 KB string runs in bounded memory" 400000 "$out"
out=$(bash -c "$cap exec \"\$0\" --empty --format csv -e \"RETURN size(reduce(l = [], x IN range(1, 20000) | l + [x])) AS n\"" "$T" 2>&1 | tail -n 1)
check "reduce growing a list runs in bounded memory" 20000 "$out"
check "reduce still sees its accumulator and element" "55,\"[3, 2, 1]\"" \
  "$("$T" --empty --format csv -e "RETURN reduce(t = 0, x IN range(1, 10) | t + x) AS t, reduce(l = [], x IN [1, 2, 3] | [x] + l) AS l" 2>&1 | tail -n 1)"

tap_done
