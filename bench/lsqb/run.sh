#!/usr/bin/env bash
# bench/lsqb/run.sh — LSQB on Tangle and its peers, side by side, in one run.
#
#   ./build.sh bench lsqb [--runs N] [--threads N] [--systems LIST] [--scale 1|10]
#                         [--rows|--no-rows] [--row-runs N] [--keep DIR] [--explain]
#                         [--tangle-only]
#
# Systems (LIST, comma-separated; default all): tangle; kuzu (Kùzu 0.11.3);
# ladybug (LadybugDB 0.19.1, Kùzu's successor, same dialect); duckdb (DuckDB
# 1.5.6 through @duckdb/node-api, the patterns written as SQL joins in
# bench/lsqb/queries.sql). The peers are installed with npm into bench/cache
# (ignored by git) when missing (bench/lsqb/data.sh); one that cannot be
# installed is reported as missing and the others still run.
#
# --scale 1 is LSQB SF0.1 as Kùzu's npm package ships it (432,235 nodes,
# 2,080,404 relationships); --scale 10 is ten disjoint copies of it
# (generated once into bench/cache/lsqb-x10), where every count is ten times
# SF0.1's. --threads N: N workers per system (0, the default: each system's
# own default, all cores).
#
# Each system runs in its own process, so each peak RSS (VmHWM) is its own
# (Node's runtime included for the peers); each loads the same CSV files
# (load time: CSV to queryable), then runs each query once to warm up and N
# times timed; the median is reported. Every count is checked against
# LSQB's expected value (times the scale). Prints a Markdown table: query ×
# system medians in ms, the sum, load, peak RSS (after the count queries),
# and Tangle / the fastest peer. Exits 1 when a count is wrong or a system that was installed fails.
#
# Then (at --scale 1 or with --rows; not with --no-rows) the row-returning
# variants of the nine patterns (bench/lsqb/rows.cypher, rows.sql: the 100
# largest groups by a node, the first 1,000 matches by ids), in the same
# processes, 1 warm-up and --row-runs timed runs each (default: --runs),
# each system's rows checked line for line against DuckDB's; a second table,
# whose peak RSS is that of the whole process.
# Rows that differ also make the exit status 1. They are off by default at
# --scale 10 (first because Tangle's q6r peaked at 4.5 GB at SF0.1; it now
# keeps 170 MB): --rows turns them on. --keep DIR keeps each
# system's raw output and rows in DIR.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
RUNS=5
EXPLAIN=""
THREADS=0
SCALE=1
SYSTEMS=tangle,kuzu,ladybug,duckdb
ROWS=""
ROW_RUNS=""
KEEP=""
usage() {
  echo "usage: bench/lsqb/run.sh [--runs N] [--threads N] [--systems tangle,kuzu,ladybug,duckdb] [--scale 1|10]" \
    "[--rows|--no-rows] [--row-runs N] [--keep DIR] [--explain] [--tangle-only]" >&2
  exit 2
}
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --systems) SYSTEMS=$2; shift 2 ;;
    --scale) SCALE=$2; shift 2 ;;
    --rows) ROWS=1; shift ;;
    --no-rows) ROWS=0; shift ;;
    --row-runs) ROW_RUNS=$2; shift 2 ;;
    --keep) KEEP=$2; shift 2 ;;
    --explain) EXPLAIN=--explain; shift ;;
    --tangle-only) SYSTEMS=tangle; shift ;;
    *) usage ;;
  esac
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --runs must be at least 1" >&2; usage; }
[ -n "$ROWS" ] || ROWS=$([ "$SCALE" = 1 ] && echo 1 || echo 0)
[ -n "$ROW_RUNS" ] || ROW_RUNS=$RUNS
[[ "$ROW_RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --row-runs must be at least 1" >&2; usage; }
for s in ${SYSTEMS//,/ }; do
  case $s in tangle|kuzu|ladybug|duckdb) ;; *) echo "run.sh: unknown system '$s'" >&2; usage ;; esac
done

# shellcheck source=bench/lsqb/data.sh
. bench/lsqb/data.sh
lsqb_data "$SCALE"

if [ -n "$KEEP" ]; then
  OUT=$KEEP
  rm -rf "$OUT/rows"
  mkdir -p "$OUT"
else
  OUT=$(mktemp -d)
  trap 'rm -rf "$OUT"' EXIT
fi
lsqb_expected "$SCALE" "$OUT/expected"

# ---- Tangle's harness -------------------------------------------------------
BIN=$ROOT/build/rel/bench/tangle_lsqb
if [[ ",$SYSTEMS," == *,tangle,* ]]; then
  if [ ! -f build/rel/libtangle.a ]; then make -s BUILD=rel build/rel/libtangle.a; fi
  if [ ! -x "$BIN" ] || [ bench/lsqb/tangle_lsqb.c -nt "$BIN" ] || [ cli/import_cli.c -nt "$BIN" ] ||
     [ build/rel/libtangle.a -nt "$BIN" ]; then
    mkdir -p "$(dirname "$BIN")"
    ${CC:-cc} -std=c11 -Wall -Wextra -Werror -O2 -D_DEFAULT_SOURCE -D_GNU_SOURCE -Iengine -Icli \
      -o "$BIN" bench/lsqb/tangle_lsqb.c cli/import_cli.c build/rel/libtangle.a \
      $(pkg-config --libs libgvc 2>/dev/null) -lunistring -lpcre2-8 -lm -lpthread
  fi
fi

# ---- the runs -------------------------------------------------------------------
NAME_SF=$([ "$SCALE" = 1 ] && echo "SF0.1" || echo "SF0.1 x$SCALE")
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
echo "LSQB $NAME_SF: $(nproc) cores; $RUNS timed runs per query after 1 warm-up ($([ "$ROWS" = 1 ] && echo "$ROW_RUNS per row query" || echo "no row queries")); medians in ms; $(date -u '+%Y-%m-%d %H:%M UTC')" >&2
: > "$OUT/status"
for s in ${SYSTEMS//,/ }; do
  echo "run.sh: $s ..." >&2
  rc=0
  mkdir -p "$OUT/rows/$s"
  case $s in
    tangle)
      rows=()
      [ "$ROWS" = 1 ] && rows=(--rows bench/lsqb/rows.cypher --rows-dir "$OUT/rows/$s" --row-runs "$ROW_RUNS")
      "$BIN" --runs "$RUNS" --threads "$THREADS" $EXPLAIN "${rows[@]}" bench/lsqb/queries.cypher "${LSQB_ARGS[@]}" \
        > "$OUT/$s" || rc=$? ;;
    kuzu|ladybug|duckdb)
      if ! MOD=$(lsqb_install "$s"); then
        echo "$s missing" >> "$OUT/status"
        continue
      fi
      if [ "$s" = duckdb ]; then
        rows=()
        [ "$ROWS" = 1 ] && rows=(bench/lsqb/rows.sql "$OUT/rows/$s" "$ROW_RUNS")
        node bench/lsqb/duckdb_bench.js "$MOD" "$LSQB_DATA" bench/lsqb/queries.sql "$RUNS" "$THREADS" "${rows[@]}" \
          > "$OUT/$s" || rc=$?
      else
        rows=()
        [ "$ROWS" = 1 ] && rows=(bench/lsqb/rows.cypher "$OUT/rows/$s" "$ROW_RUNS")
        node bench/lsqb/kuzu_bench.js "$MOD" "$LSQB_DATA" "$LSQB_TEST" "$RUNS" "$THREADS" "${rows[@]}" \
          > "$OUT/$s" || rc=$?
      fi ;;
  esac
  if [ "$rc" != 0 ]; then
    echo "run.sh: $s failed (status $rc)" >&2
    echo "$s failed" >> "$OUT/status"
  else
    echo "$s ok" >> "$OUT/status"
  fi
done
if [ -n "$EXPLAIN" ] && [ -f "$OUT/tangle" ]; then
  sed -n '/^plan /,/^query /{/^query /d;p}' "$OUT/tangle"
fi

LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# Each system's rows against DuckDB's: "system name same|differs".
: > "$OUT/rowcheck"
if [ "$ROWS" = 1 ] && [ -n "$(ls "$OUT/rows/duckdb" 2>/dev/null)" ]; then
  for s in ${SYSTEMS//,/ }; do
    [ "$s" = duckdb ] && continue
    for f in "$OUT/rows/duckdb"/*; do
      n=$(basename "$f")
      [ -f "$OUT/rows/$s/$n" ] || continue
      if cmp -s "$f" "$OUT/rows/$s/$n"; then echo "$s $n same"; else echo "$s $n differs"; fi
    done >> "$OUT/rowcheck"
  done
fi

# ---- the tables -----------------------------------------------------------------
awk -v out="$OUT" -v systems="$SYSTEMS" -v scale="$NAME_SF" -v rows="$ROWS" \
    -v machine="$(nproc) cores; load average $LOAD_START at the start, $LOAD_END at the end" '
function median(a, n,    i, j, t) {
  for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
  return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
# Reads one system output: kind "query" or "rows", then NAME COUNT times.
function readsys(s,    file, line, f, n, i, a, key) {
  file = out "/" s
  while ((getline line < file) > 0) {
    n = split(line, f, " ")
    if (f[1] == "load") loadt[s] = f[2]
    else if (f[1] == "rss") rss[s] = f[2]
    else if (f[1] == "rss-counts") rssc[s] = f[2]
    else if (f[1] == "query" || f[1] == "rows") {
      key = f[1] ":" f[2]
      if (f[1] == "rows" && !(key in rseen)) { rseen[key] = 1; rorder[++nr] = f[2] }
      count[s, key] = f[3]
      delete a
      for (i = 4; i <= n; i++) a[i - 3] = f[i]
      if (n >= 4) med[s, key] = median(a, n - 3)
    }
  }
}
function commas(x,    s, r) {   # an integer with thousands separators
  s = sprintf("%.0f", x); r = ""
  while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) }
  return s r
}
function fmt(x) { return x >= 100 ? commas(x) : sprintf("%.1f", x) }
function ratio(r) { return r < 0.1 ? sprintf("%.3f", r) : sprintf("%.2f", r) }
function cellmissing(s) { return status[s] == "ok" || status[s] == "failed" ? "failed" : status[s] == "" ? "-" : status[s] }
# Prints the header of a table whose second column is called col2.
function header(col2,    k, head, rule) {
  head = "| query | " col2 " |"; rule = "| --- | ---: |"
  for (k = 1; k <= ns; k++) { head = head " " title[sys[k]] " |"; rule = rule " ---: |" }
  if (hasT && ns > 1) { head = head " Tangle / fastest peer |"; rule = rule " ---: |" }
  print head; print rule
}
# One row of a table: the medians of key, a mark when its answer is wrong.
function line(q, key, second, check,    row, k, s, best, bestname, cell) {
  row = "| " q " | " second " |"; best = -1
  for (k = 1; k <= ns; k++) {
    s = sys[k]
    if (!((s, key) in med)) { row = row " " cellmissing(s) " |"; complete[check, s] = -1; continue }
    cell = fmt(med[s, key])
    if (check == "count" && count[s, key] != want[q]) { cell = cell " WRONG (" count[s, key] ")"; bad = 1; complete[check, s] = -1 }
    else if (check == "rows" && differs[s, q]) { cell = cell " DIFFERS"; bad = 1; complete[check, s] = -1 }
    else if (s != "tangle" && (best < 0 || med[s, key] < best)) { best = med[s, key]; bestname = short[s] }
    row = row " " cell " |"
    total[check, s] += med[s, key]
  }
  if (hasT && ns > 1) row = row " " ((("tangle", key) in med) && best > 0 ? ratio(med["tangle", key] / best) " (" bestname ")" : "-") " |"
  print row
}
function sumline(check,    row, k, s, best, bestname) {
  row = "| **sum** | |"; best = -1
  for (k = 1; k <= ns; k++) {
    s = sys[k]
    if (complete[check, s] < 0 || !((check, s) in total)) { row = row " - |"; continue }
    row = row " **" fmt(total[check, s]) "** |"
    if (s != "tangle" && (best < 0 || total[check, s] < best)) { best = total[check, s]; bestname = short[s] }
  }
  if (hasT && ns > 1) row = row " " (complete[check, "tangle"] >= 0 && best > 0 ? ratio(total[check, "tangle"] / best) " (" bestname ")" : "-") " |"
  print row
}
# A row of per-system figures v[] (load, RSS): smaller is better.
function figline(label, v, scale1,    row, k, s, best, bestname) {
  row = "| " label " | |"; best = -1
  for (k = 1; k <= ns; k++) {
    s = sys[k]; row = row " " ((s in v) ? (scale1 == 1 ? sprintf("%.2f", v[s]) : commas(v[s] / scale1)) : "-") " |"
    if (s != "tangle" && (s in v) && (best < 0 || v[s] < best)) { best = v[s]; bestname = short[s] }
  }
  if (hasT && ns > 1) row = row " " (("tangle" in v) && best > 0 ? ratio(v["tangle"] / best) " (" bestname ")" : "-") " |"
  print row
}
BEGIN {
  title["tangle"] = "Tangle"; title["kuzu"] = "Kùzu 0.11.3"; title["ladybug"] = "LadybugDB 0.19.1"
  title["duckdb"] = "DuckDB 1.5.6 (SQL)"
  short["kuzu"] = "Kùzu"; short["ladybug"] = "LadybugDB"; short["duckdb"] = "DuckDB"
  ns = split(systems, sys, ",")
  while ((getline l < (out "/expected")) > 0) { split(l, f, " "); want[f[1]] = f[2]; order[++nq] = f[1] }
  while ((getline l < (out "/status")) > 0) { split(l, f, " "); status[f[1]] = f[2] }
  while ((getline l < (out "/rowcheck")) > 0) { split(l, f, " "); checked[f[1]] = 1; if (f[3] != "same") differs[f[1], f[2]] = 1 }
  for (k = 1; k <= ns; k++) if (status[sys[k]] == "ok" || status[sys[k]] == "failed") readsys(sys[k])
  hasT = status["tangle"] == "ok"
  bad = 0
  print "LSQB " scale ", counts, medians in ms (" machine ")"
  print ""
  header("expected")
  for (i = 1; i <= nq; i++) line(order[i], "query:" order[i], commas(want[order[i]]), "count")
  sumline("count")
  figline("load (s)", loadt, 1)
  for (k = 1; k <= ns; k++) if (!(sys[k] in rssc) && (sys[k] in rss)) rssc[sys[k]] = rss[sys[k]]
  figline("peak RSS (MB)", rssc, 1024)
  print ""
  if (rows == 1 && nr > 0) {
    print "LSQB " scale ", rows: qNg the 100 largest groups, qNr the first 1,000 matches by ids; medians in ms"
    print ""
    header("rows")
    for (i = 1; i <= nr; i++) {
      q = rorder[i]; n = -1
      if (("duckdb", "rows:" q) in count) n = count["duckdb", "rows:" q]
      else for (k = 1; k <= ns && n < 0; k++) if ((sys[k], "rows:" q) in count) n = count[sys[k], "rows:" q]
      line(q, "rows:" q, n < 0 ? "-" : commas(n), "rows")
    }
    sumline("rows")
    figline("peak RSS (MB)", rss, 1024)
    print ""
    if (status["duckdb"] != "ok") print "The rows are not checked: DuckDB, whose answer they are checked against, did not run."
  }
  for (k = 1; k <= ns; k++) {
    s = sys[k]
    if (status[s] == "missing") print title[s] ": missing (npm could not install it)"
    if (status[s] == "failed") { print title[s] ": FAILED (see the messages above)"; bad = 1 }
  }
  print bad ? "Some counts are WRONG, some rows DIFFER or a system failed." : "Every count of every system that ran matches the expected value" (rows == 1 && status["duckdb"] == "ok" ? ", and every system returned DuckDB'"'"'s rows." : ".")
  exit bad
}'
