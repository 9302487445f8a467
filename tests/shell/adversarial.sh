#!/usr/bin/env bash
# tests/shell/adversarial.sh — hostile inputs, generated: every case must end
# in a result or a clear error, within a time limit and (in the optimized
# build) a memory cap. No crash, no hang, no sanitizer report.
#
# The classes (issue 13): long flat chains of each binary operator, deep
# nesting of each construct, many clauses of each kind, long patterns, many
# UNION branches, huge literals. Sizes are far past the engine's bounds
# (1,000 levels of nesting, 5,000 operators), so each case proves the bound
# holds for its class rather than that one example fails. A case passes
# when tangle exits 0, or exits 1 with a first line of stderr naming an
# error kind (SyntaxError, ResourceLimit, ...), within LIMIT seconds.
source "$(dirname "$0")/lib.sh"
T=$TANGLE
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
LIMIT=${ADVERSARIAL_SECONDS:-60}
# The optimized build runs under a 4 GiB address-space cap; AddressSanitizer
# reserves terabytes of address space, so there the time limit must do.
MEMCAP=""
[ "${TANGLE_FLAVOUR:-rel}" = rel ] && MEMCAP="ulimit -v 4194304;"

# repeat N TEXT: TEXT written N times (no separator).
repeat() { local n=$1 s=$2; awk -v n="$n" -v s="$s" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'; }

# hostile NAME: runs tangle --empty on the file $TMP/case.cypher.
hostile() {
  local name=$1 out err rc start end secs first
  start=$(date +%s)
  err=$(bash -c "$MEMCAP exec timeout -s KILL $LIMIT \"\$0\" --empty --format csv -f \"\$1\"" \
    "$T" "$TMP/case.cypher" 2>&1 >/dev/null)
  rc=$?
  end=$(date +%s)
  secs=$((end - start))
  first=$(printf '%s\n' "$err" | head -n 1 | cut -c1-160)
  if [ $rc -eq 0 ] && ! grep -q 'Sanitizer' <<<"$err"; then
    check "$name: answers (${secs}s)" ok ok
  elif [ $rc -eq 1 ] && [[ "$first" =~ ^(SyntaxError|ResourceLimit|SemanticError|TypeError|ArgumentError|ParameterMissing): ]] \
    && ! grep -q 'Sanitizer' <<<"$err"; then
    check "$name: a clear error (${secs}s)" ok ok
  else
    check "$name" "exit 0, or exit 1 with a named error, within ${LIMIT}s" "exit $rc after ${secs}s: $first"
  fi
}

# case NAME TEXT...: writes the statement, runs it.
case_text() {
  local name=$1
  shift
  printf '%s\n' "$*" > "$TMP/case.cypher"
  hostile "$name"
}

N=200000      # terms in a flat chain
D=100000      # levels of nesting

# ---- long flat chains of each binary operator -----------------------------------
for op in '+' '-' '*' '/' '%' '^' ' AND ' ' OR ' ' XOR ' '=' '<>' '<' '<=' '>' '>=' \
  ' STARTS WITH ' ' ENDS WITH ' ' CONTAINS ' ' IN ' '=~' ' || '; do
  case_text "chain of $N '${op// /}'" "RETURN 1$(repeat $N "${op}1") AS x;"
done
case_text "chain of $N string concatenations" "RETURN 'a'$(repeat $N "+'a'") AS x;"
case_text "chain of $N property accesses" "WITH {a: 1} AS m RETURN m$(repeat $N '.a') AS x;"
case_text "chain of $N subscripts" "WITH [1] AS l RETURN l$(repeat $N '[0]') AS x;"
case_text "chain of $N IS NULL tests" "RETURN 1$(repeat $N ' IS NULL') AS x;"
case_text "chain of $N label tests" "MATCH (n) WHERE n$(repeat $N ':A') RETURN n;"

# ---- deep nesting of each construct ------------------------------------------------
case_text "$D nested parentheses" "RETURN $(repeat $D '(')1$(repeat $D ')') AS x;"
case_text "$D nested lists" "RETURN $(repeat $D '[')1$(repeat $D ']') AS x;"
case_text "$D nested maps" "RETURN $(repeat $D '{a: ')1$(repeat $D '}') AS x;"
case_text "$D nested NOT" "RETURN $(repeat $D 'NOT ')true AS x;"
case_text "$D nested unary minus" "RETURN $(repeat $D '- ')1 AS x;"
case_text "$D nested function calls" "RETURN $(repeat $D 'abs(')1$(repeat $D ')') AS x;"
case_text "$D nested CASE" "RETURN $(repeat $D 'CASE WHEN true THEN ')1$(repeat $D ' END') AS x;"
case_text "$D nested comprehensions" "RETURN $(repeat $D '[x IN ')[1]$(repeat $D ' | x]') AS x;"
case_text "$D nested EXISTS" "MATCH (n) WHERE $(repeat $D 'EXISTS { MATCH (n) WHERE ')true$(repeat $D ' }') RETURN n;"
case_text "$D nested CALL subqueries" "$(repeat $D 'CALL { ')RETURN 1 AS x$(repeat $D ' }') RETURN x;"
case_text "$D nested reduce" "RETURN $(repeat $D 'reduce(s = 0, x IN [1] | ')0$(repeat $D ')') AS x;"
case_text "a value nested $D deep at run time" "WITH reduce(l = [], x IN range(1, $D) | [l]) AS l RETURN l = l AS x;"

# ---- many clauses of each kind -----------------------------------------------------
case_text "$D WITH clauses" "$(repeat $D 'WITH 1 AS x ')RETURN x;"
case_text "$D UNWIND clauses" "$(repeat $D 'UNWIND [1] AS x ')RETURN x;"
case_text "$D MATCH clauses" "$(repeat $D 'MATCH (n) ')RETURN 1;"
case_text "$D CREATE clauses" "$(repeat $D 'CREATE (:A) ')RETURN 1;"
case_text "$D SET items" "CREATE (n) SET $(repeat $D 'n.a = 1, ')n.b = 2 RETURN n.b;"
case_text "$D WHERE conjuncts in one MATCH" "MATCH (n) WHERE $(repeat $D 'n.a = 1 AND ')true RETURN n;"
case_text "$D items in one RETURN" "RETURN $(awk -v n=$D 'BEGIN { for (i = 0; i < n; i++) printf "1 AS a%d, ", i }')1 AS z;"
case_text "$D variables through WITH *" "UNWIND [1] AS x WITH $(awk -v n=$D 'BEGIN { for (i = 0; i < n; i++) printf "x AS v%d, ", i }')x WITH * RETURN count(*) AS c;"
case_text "$D UNION branches" "$(repeat $D 'RETURN 1 AS x UNION ')RETURN 1 AS x;"
case_text "$D UNION ALL branches" "$(repeat $D 'RETURN 1 AS x UNION ALL ')RETURN 1 AS x;"

# ---- long patterns ----------------------------------------------------------------
case_text "a pattern of $D hops" "MATCH (a)$(repeat $D '-->()') RETURN count(*) AS c;"
case_text "$D comma-separated patterns" "MATCH (a)$(repeat $D ', ()') RETURN count(*) AS c;"
case_text "$D labels on one node" "CREATE (n$(repeat $D ':L')) RETURN size(labels(n)) AS c;"
case_text "$D relationship type alternatives" "MATCH ()-[r:T$(repeat $D '|T')]->() RETURN count(r) AS c;"
case_text "$D properties in one map pattern" "MATCH (n {$(repeat $D 'a: 1, ')b: 2}) RETURN n;"

# ---- huge literals -----------------------------------------------------------------
case_text "a 20 MB string literal" "RETURN size('$(repeat 2000000 'xxxxxxxxxx')') AS n;"
case_text "a list literal of 1,000,000 items" "RETURN size([$(repeat 1000000 '1,')1]) AS n;"
case_text "a map literal of $D keys" "RETURN size(keys({$(repeat $D 'k: 1, ')z: 2})) AS n;"
case_text "a 1 MB identifier" "WITH 1 AS $(repeat 100000 'abcdefghij') RETURN 1 AS n;"
case_text "a 100,000-digit integer" "RETURN $(repeat 10000 '1234567890') AS n;"
case_text "a 100,000-digit float" "RETURN $(repeat 10000 '1234567890').5 AS n;"
case_text "$D parameters" "RETURN $(repeat $D '\$p + ')1 AS n;"

# ---- runaway work: lists, strings and accumulators past their limits -----------------
case_text "collect() of 1,000,000,000 values" "UNWIND range(1, 1000000000) AS x RETURN size(collect(x)) AS n;"
case_text "a string doubled 40 times" "RETURN size(reduce(s = 'x', i IN range(1, 40) | s + s)) AS n;"
case_text "a list doubled 40 times" "RETURN size(reduce(l = [1], i IN range(1, 40) | l + l)) AS n;"
case_text "a 4 MB string built 10 bytes a step" "RETURN size(reduce(s = '', x IN range(1, 400000) | s + 'xxxxxxxxxx')) AS n;"
case_text "a list built one item a step" "RETURN size(reduce(l = [], x IN range(1, 1000000) | l + [x])) AS n;"
case_text "a string repeated past its limit" "RETURN size(reduce(s = 'x', i IN range(1, 40) | s + s + s)) AS n;"

# ---- wide CSV headers ---------------------------------------------------------------------
awk -v n=$D 'BEGIN { for (i = 0; i < n; i++) printf "%sc%d", i ? "," : "", i; print "";
                     for (i = 0; i < n; i++) printf "%s%d", i ? "," : "", i; print "" }' > "$TMP/wide.csv"
case_text "a LOAD CSV header of $D columns" "LOAD CSV WITH HEADERS FROM '$TMP/wide.csv' AS row RETURN size(keys(row)) AS n;"
out=$("$T" --empty --format csv -e "LOAD CSV WITH HEADERS FROM '$TMP/wide.csv' AS row RETURN size(keys(row)) AS n, row.c$((D - 1)) AS last" 2>&1)
check "... and every column is read" "n,last
$D,$((D - 1))" "$out"

tap_done
