#!/usr/bin/env bash
# bench/lsqb/run.sh — LSQB on Tangle and its peers, side by side, in one run.
#
#   ./build.sh bench lsqb [--runs N] [--threads N] [--systems LIST] [--scale 1|10]
#                         [--explain] [--tangle-only]
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
# system medians in ms, the sum, load, peak RSS, and Tangle / the fastest
# peer. Exits 1 when a count is wrong or a system that was installed fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
RUNS=5
EXPLAIN=""
THREADS=0
SCALE=1
SYSTEMS=tangle,kuzu,ladybug,duckdb
usage() {
  echo "usage: bench/lsqb/run.sh [--runs N] [--threads N] [--systems tangle,kuzu,ladybug,duckdb] [--scale 1|10] [--explain] [--tangle-only]" >&2
  exit 2
}
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --systems) SYSTEMS=$2; shift 2 ;;
    --scale) SCALE=$2; shift 2 ;;
    --explain) EXPLAIN=--explain; shift ;;
    --tangle-only) SYSTEMS=tangle; shift ;;
    *) usage ;;
  esac
done
for s in ${SYSTEMS//,/ }; do
  case $s in tangle|kuzu|ladybug|duckdb) ;; *) echo "run.sh: unknown system '$s'" >&2; usage ;; esac
done

# shellcheck source=bench/lsqb/data.sh
. bench/lsqb/data.sh
lsqb_data "$SCALE"

OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
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
echo "LSQB $NAME_SF: $(nproc) cores; $RUNS timed runs per query after 1 warm-up; medians in ms; $(date -u '+%Y-%m-%d %H:%M UTC')" >&2
: > "$OUT/status"
for s in ${SYSTEMS//,/ }; do
  echo "run.sh: $s ..." >&2
  rc=0
  case $s in
    tangle)
      "$BIN" --runs "$RUNS" --threads "$THREADS" $EXPLAIN bench/lsqb/queries.cypher "${LSQB_ARGS[@]}" \
        > "$OUT/$s" || rc=$? ;;
    kuzu|ladybug|duckdb)
      if ! MOD=$(lsqb_install "$s"); then
        echo "$s missing" >> "$OUT/status"
        continue
      fi
      if [ "$s" = duckdb ]; then
        node bench/lsqb/duckdb_bench.js "$MOD" "$LSQB_DATA" bench/lsqb/queries.sql "$RUNS" "$THREADS" > "$OUT/$s" || rc=$?
      else
        node bench/lsqb/kuzu_bench.js "$MOD" "$LSQB_DATA" "$LSQB_TEST" "$RUNS" "$THREADS" > "$OUT/$s" || rc=$?
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

# ---- the table ------------------------------------------------------------------
awk -v out="$OUT" -v systems="$SYSTEMS" -v scale="$NAME_SF" '
function median(a, n,    i, j, t) {
  for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
  return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
function readsys(s,    file, line, f, n, i, a) {
  file = out "/" s
  while ((getline line < file) > 0) {
    n = split(line, f, " ")
    if (f[1] == "load") loadt[s] = f[2]
    else if (f[1] == "rss") rss[s] = f[2]
    else if (f[1] == "query") {
      count[s, f[2]] = f[3]
      delete a
      for (i = 4; i <= n; i++) a[i - 3] = f[i]
      if (n >= 4) med[s, f[2]] = median(a, n - 3)
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
BEGIN {
  title["tangle"] = "Tangle"; title["kuzu"] = "Kùzu 0.11.3"; title["ladybug"] = "LadybugDB 0.19.1"
  title["duckdb"] = "DuckDB 1.5.6 (SQL)"
  short["kuzu"] = "Kùzu"; short["ladybug"] = "LadybugDB"; short["duckdb"] = "DuckDB"
  ns = split(systems, sys, ",")
  while ((getline line < (out "/expected")) > 0) { split(line, f, " "); want[f[1]] = f[2]; order[++nq] = f[1] }
  while ((getline line < (out "/status")) > 0) { split(line, f, " "); status[f[1]] = f[2] }
  for (k = 1; k <= ns; k++) if (status[sys[k]] == "ok" || status[sys[k]] == "failed") readsys(sys[k])
  hasT = status["tangle"] == "ok"
  head = "| query | expected |"; rule = "| --- | ---: |"
  for (k = 1; k <= ns; k++) { head = head " " title[sys[k]] " |"; rule = rule " ---: |" }
  if (hasT && ns > 1) { head = head " Tangle / fastest peer |"; rule = rule " ---: |" }
  print "LSQB " scale ", medians in ms"
  print ""; print head; print rule
  bad = 0
  for (i = 1; i <= nq; i++) {
    q = order[i]
    row = "| " q " | " commas(want[q]) " |"
    best = -1; bestname = ""
    for (k = 1; k <= ns; k++) {
      s = sys[k]
      if (!((s, q) in med)) { row = row " " (status[s] == "ok" || status[s] == "failed" ? "failed" : status[s] == "" ? "-" : status[s]) " |"; complete[s] = -1; continue }
      cell = fmt(med[s, q])
      if (count[s, q] != want[q]) { cell = cell " WRONG (" count[s, q] ")"; bad = 1; complete[s] = -1 }
      else if (s != "tangle" && (best < 0 || med[s, q] < best)) { best = med[s, q]; bestname = short[s] }
      row = row " " cell " |"
      sum[s] += med[s, q]
    }
    if (hasT && ns > 1) {
      row = row " " ((("tangle", q) in med) && best > 0 ? ratio(med["tangle", q] / best) " (" bestname ")" : "-") " |"
    }
    print row
  }
  row = "| **sum** | |"; best = -1
  for (k = 1; k <= ns; k++) {
    s = sys[k]
    if (complete[s] < 0 || !(s in sum)) { row = row " - |"; continue }
    row = row " **" fmt(sum[s]) "** |"
    if (s != "tangle" && (best < 0 || sum[s] < best)) { best = sum[s]; bestname = short[s] }
  }
  if (hasT && ns > 1) row = row " " (complete["tangle"] >= 0 && best > 0 ? ratio(sum["tangle"] / best) " (" bestname ")" : "-") " |"
  print row
  row = "| load (s) | |"; best = -1
  for (k = 1; k <= ns; k++) {
    s = sys[k]; row = row " " ((s in loadt) ? sprintf("%.2f", loadt[s]) : "-") " |"
    if (s != "tangle" && (s in loadt) && (best < 0 || loadt[s] < best)) { best = loadt[s]; bestname = short[s] }
  }
  if (hasT && ns > 1) row = row " " (("tangle" in loadt) && best > 0 ? ratio(loadt["tangle"] / best) " (" bestname ")" : "-") " |"
  print row
  row = "| peak RSS (MB) | |"; best = -1
  for (k = 1; k <= ns; k++) {
    s = sys[k]; row = row " " ((s in rss) ? commas(rss[s] / 1024) : "-") " |"
    if (s != "tangle" && (s in rss) && (best < 0 || rss[s] < best)) { best = rss[s]; bestname = short[s] }
  }
  if (hasT && ns > 1) row = row " " (("tangle" in rss) && best > 0 ? ratio(rss["tangle"] / best) " (" bestname ")" : "-") " |"
  print row
  print ""
  for (k = 1; k <= ns; k++) {
    s = sys[k]
    if (status[s] == "missing") print title[s] ": missing (npm could not install it)"
    if (status[s] == "failed") { print title[s] ": FAILED (see the messages above)"; bad = 1 }
  }
  print bad ? "Some counts are WRONG or a system failed." : "Every count of every system that ran matches the expected value."
  exit bad
}'
