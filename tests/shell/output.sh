#!/usr/bin/env bash
# tests/shell/output.sh — the table and Markdown writers stream (issue 13):
# they lay out their columns from the first 1,000 rows, then write every
# later row as it comes, so a result of millions of rows needs no more
# memory than its first thousand (the optimized build runs the big cases
# under a 200 MB address-space cap, which the old writer, holding every
# cell, broke at 2,000,000 rows). Rows after the layout that are wider
# widen their column under a new rule, within --max-width; a statement
# that fails after the layout gets its box closed before the error, and
# one that fails within it writes nothing. Ctrl-C at a terminal is in
# repl.sh.
source "$(dirname "$0")/lib.sh"
T=$TANGLE
MEMCAP=""
[ "${TANGLE_FLAVOUR:-rel}" = rel ] && MEMCAP="ulimit -v 200000;"

# capped FORMAT QUERY: stdout of tangle --empty under the memory cap, then "rc=N".
capped() {
  bash -c "$MEMCAP exec \"\$0\" --empty --format \"\$1\" -e \"\$2\"" "$T" "$1" "$2" 2>&1
  echo "rc=$?"
}

N=2000000
Q="UNWIND range(1, $N) AS x RETURN x, toString(x) AS s"
# Lines: the rows, 3 of header, 1 bottom rule, 3 rules where x grows a
# digit past the first 1,000 rows (10,000, 100,000, 1,000,000), "rc=0".
check "a table of $N rows streams in bounded memory" \
  "$((N + 8))
│ 1999999 │ 1999999 │
│ 2000000 │ 2000000 │
└─────────┴─────────┘
rc=0" "$(capped table "$Q" | { out=$(cat); printf '%s\n' "$out" | wc -l; printf '%s\n' "$out" | tail -n 4; })"
check "... so does a Markdown table" \
  "$((N + 3))
| 2000000 | 2000000 |
rc=0" "$(capped markdown "$Q" | { out=$(cat); printf '%s\n' "$out" | wc -l; printf '%s\n' "$out" | tail -n 2; })"

# The first 1,000 rows set the widths; the ones after widen their columns
# (a rule marks where) rather than being cut, while the table fits.
out=$("$T" --empty -e "UNWIND range(998, 1003) AS x
  RETURN x, CASE WHEN x > 1001 THEN 'wider text' ELSE 'abc' END AS t" 2>&1)
check "a result of up to 1,000 rows is laid out from all of them, as before" \
  "┌──────┬────────────┐
│ x    │ t          │
├──────┼────────────┤
│  998 │ abc        │
│  999 │ abc        │
│ 1000 │ abc        │
│ 1001 │ abc        │
│ 1002 │ wider text │
│ 1003 │ wider text │
└──────┴────────────┘" "$out"
out=$("$T" --empty -e "UNWIND range(1, 1003) AS x
  RETURN x, CASE WHEN x > 1001 THEN 'wider text' ELSE 'abc' END AS t" 2>&1 | sed -n '1003,$p')
check "... a wider row after them widens its column, under a new rule" \
  "│ 1000 │ abc │
│ 1001 │ abc │
├──────┼────────────┤
│ 1002 │ wider text │
│ 1003 │ wider text │
└──────┴────────────┘" "$out"
out=$("$T" --empty --max-width 26 -e "UNWIND range(1, 1002) AS x
  RETURN x, CASE WHEN x > 1001 THEN 'a long text that goes on' ELSE 'short' END AS t,
         CASE WHEN x > 1001 THEN 123456789012 ELSE 1 END AS n" 2>&1 | sed -n '1004,$p')
check "... within --max-width: text past it is shortened (to 8 columns at least), numbers are written whole" \
  "│ 1001 │ short │ 1 │
├──────┼──────────┼──────────────┤
│ 1002 │ a long … │ 123456789012 │
└──────┴──────────┴──────────────┘" "$out"

# Failures: within the first 1,000 rows nothing is written; later, the
# rows so far stay and the box is closed before the error.
out=$("$T" --empty -e "UNWIND range(1, 1500) AS x RETURN 10 / (500 - x) AS y" 2>/dev/null); rc=$?
check "a statement failing within the first 1,000 rows writes no table" "|1" "$out|$rc"
ERR=$(mktemp)
out=$("$T" --empty -e "UNWIND range(1, 1500) AS x RETURN 10 / (1200 - x) AS y" 2>"$ERR"); rc=$?
check "one failing after them keeps its rows and closes the box, then the error" \
  "1204
│ 5 │
├────┤
│ 10 │
└────┘
ArgumentError: line 1, column 35: division by zero
1" "$(printf '%s\n' "$out" | wc -l)
$(printf '%s\n' "$out" | tail -n 4)
$(head -n 1 "$ERR")
$rc"
rm -f "$ERR"

tap_done
