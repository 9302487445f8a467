#!/usr/bin/env bash
# bench/durability/run.sh — what a database on disk costs, with the LSQB
# SF0.1 data set and its peers (docs/performance.md, "Durability").
#
#   ./build.sh bench durability [--runs N] [--seconds S] [--open-runs N] [--no-peers]
#
# 1. Finds the LSQB data set in Kùzu 0.11.3's npm package and DuckDB's
#    @duckdb/node-api 1.5.6 (bench/lsqb/data.sh, shared with the LSQB
#    benchmark: installed into bench/cache, git-ignored, when missing; the
#    older `duckdb` package has no prebuilt binary reachable from here and
#    falls back to compiling DuckDB, so it is not used). A peer that cannot
#    be installed is reported and skipped.
# 2. Runs build/rel/bench/durability on a scratch folder under build/ (on
#    the repository's disk): commits/s against SQLite, bulk transactions
#    against memory, and opening the LSQB snapshot against importing it.
# 3. Times the command line: `tangle DB -e 'RETURN 1'` against
#    `tangle --nodes ... -e 'RETURN 1'` (the import, in memory), wall time
#    of the whole process, warm and with the files dropped from the cache.
# 4. Persists the data set with Kùzu and with DuckDB and times opening
#    each (a new process per open; the time inside it, to the answer of a
#    first trivial query), warm and cold, and compares sizes on disk.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
SCRATCH=$ROOT/build/durability
BIN=$ROOT/build/rel/bench/durability
RUNS=5
SECONDS_PER_RUN=1
OPEN_RUNS=5
PEERS=1
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    --seconds) SECONDS_PER_RUN=$2; shift 2 ;;
    --open-runs) OPEN_RUNS=$2; shift 2 ;;
    --no-peers) PEERS=0; shift ;;
    *) echo "usage: bench/durability/run.sh [--runs N] [--seconds S] [--open-runs N] [--no-peers]" >&2; exit 2 ;;
  esac
done

# ---- the data set and the peers (bench/lsqb/data.sh) ---------------------------
# shellcheck source=bench/lsqb/data.sh
. bench/lsqb/data.sh
ARGS=()
DUCK=""
KUZU=""
if lsqb_data 1; then
  DATA=$LSQB_DATA
  ARGS=("${LSQB_ARGS[@]}")
  KUZU=$(lsqb_install kuzu)
  echo "run.sh: the LSQB SF0.1 data set from $DATA" >&2
  if [ "$PEERS" = 1 ]; then DUCK=$(lsqb_install duckdb) || DUCK=""; fi
else
  echo "run.sh: no LSQB data set (Kùzu's npm package could not be installed): using a generated graph of its size" >&2
  PEERS=0
fi

rm -rf "$SCRATCH"
mkdir -p "$SCRATCH"
FS=$(df -T "$SCRATCH" | awk 'NR == 2 {print $2 " on " $1}')
echo "Durability: $(nproc) cores; scratch folder $SCRATCH ($FS); $(date -u +%Y-%m-%d)"

# ---- the C benchmark -------------------------------------------------------------
"$BIN" --dir "$SCRATCH" --runs "$RUNS" --seconds "$SECONDS_PER_RUN" --open-runs "$OPEN_RUNS" \
  --summary "$SCRATCH/summary" "${ARGS[@]}"

# median of the numbers on stdin
median() { sort -g | awk '{a[NR] = $1} END {print NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
# milliseconds of wall time of a command (its output discarded)
wall_ms() { local t0 t1; t0=$(date +%s%N); "$@" > /dev/null 2>&1; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 )); }
calc() { awk "BEGIN {print $1}"; }
summary() { awk -v k="$1" '$1 == k {print $2}' "$SCRATCH/summary"; }
mb() { du -sb "$@" | awk '{s += $1} END {printf "%.1f", s / 1e6}'; }

# ---- the command line ------------------------------------------------------------
TDB=$SCRATCH/open.tangle
TANGLE=$ROOT/build/rel/tangle
IMPORT_ARGS=()
for a in "${ARGS[@]}"; do IMPORT_ARGS+=("$a"); done
cli_import=() cli_warm=() cli_cold=()
if [ ${#ARGS[@]} -gt 0 ]; then
  for ((r = 0; r < OPEN_RUNS; r++)); do
    cli_import+=("$(wall_ms "$TANGLE" "${IMPORT_ARGS[@]}" -e 'RETURN 1')")
    cli_warm+=("$(wall_ms "$TANGLE" "$TDB" -e 'RETURN 1')")
    "$BIN" --evict "$TDB"
    cli_cold+=("$(wall_ms "$TANGLE" "$TDB" -e 'RETURN 1')")
  done
  CLI_IMPORT=$(printf '%s\n' "${cli_import[@]}" | median)
  CLI_WARM=$(printf '%s\n' "${cli_warm[@]}" | median)
  CLI_COLD=$(printf '%s\n' "${cli_cold[@]}" | median)
  echo
  echo "4. The command line, wall time of the whole process, median of $OPEN_RUNS (ms)"
  printf "   %-52s %8s %14s\n" "" "ms" "of CSV import"
  printf "   %-52s %8d %14.2f\n" "tangle --nodes ... --relationships ... -e 'RETURN 1'" "$CLI_IMPORT" 1
  printf "   %-52s %8d %14.2f\n" "tangle DB -e 'RETURN 1', files in page cache" "$CLI_WARM" "$(calc "$CLI_WARM / $CLI_IMPORT")"
  printf "   %-52s %8d %14.2f\n" "tangle DB -e 'RETURN 1', files dropped from cache" "$CLI_COLD" "$(calc "$CLI_COLD / $CLI_IMPORT")"
fi

# ---- the peers -------------------------------------------------------------------
[ "$PEERS" = 1 ] || exit 0
NODES=$(summary open.nodes)
RELS=$(summary open.rels)
echo
echo "5. Opening the persisted data set: time inside the process to the answer of a first"
echo "   trivial query (tg_open_v2 for Tangle), median of $OPEN_RUNS, a new process each for the peers"
printf "   %-8s %10s %10s %10s %14s   %s\n" system "warm ms" "cold ms" "size MB" "load/import s" "note"
printf "   %-8s %10.1f %10.1f %10s %14.2f   %s\n" Tangle "$(calc "$(summary open.warm) * 1000")" \
  "$(calc "$(summary open.cold) * 1000")" "$(mb "$TDB")" "$(summary open.import-disk)" \
  "snapshot + log; opening loads the whole graph into memory"
for sys in kuzu duckdb; do
  if [ "$sys" = kuzu ]; then MOD=$KUZU; DB=$SCRATCH/kuzu.db; NAME=Kuzu; else MOD=$DUCK; DB=$SCRATCH/duck.db; NAME=DuckDB; fi
  if [ ! -f "$MOD/package.json" ]; then
    printf "   %-8s %s\n" "$NAME" "not available (npm install failed): skipped"
    continue
  fi
  if ! node bench/durability/peers.js build "$sys" "$MOD" "$DATA" "$DB" > "$SCRATCH/$sys.build"; then
    printf "   %-8s %s\n" "$NAME" "failed to load the data set: skipped"
    continue
  fi
  if [ "$(awk '$1 == "nodes" {print $2}' "$SCRATCH/$sys.build")" != "$NODES" ] ||
     [ "$(awk '$1 == "rels" {print $2}' "$SCRATCH/$sys.build")" != "$RELS" ]; then
    echo "run.sh: $NAME holds other counts than Tangle: $(tr '\n' ' ' < "$SCRATCH/$sys.build")" >&2
    exit 1
  fi
  warm=() cold=()
  for ((r = 0; r < OPEN_RUNS; r++)); do
    warm+=("$(node bench/durability/peers.js open "$sys" "$MOD" "$DB" | awk '$1 == "open" {print $2}')")
    "$BIN" --evict "$SCRATCH"/"$(basename "$DB")"*
    cold+=("$(node bench/durability/peers.js open "$sys" "$MOD" "$DB" | awk '$1 == "open" {print $2}')")
  done
  printf "   %-8s %10.1f %10.1f %10s %14.2f   %s\n" "$NAME" "$(printf '%s\n' "${warm[@]}" | median)" \
    "$(printf '%s\n' "${cold[@]}" | median)" "$(mb "$DB"*)" "$(awk '$1 == "load" {print $2}' "$SCRATCH/$sys.build")" \
    "reads tables lazily: opening reads little"
done
