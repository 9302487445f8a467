#!/usr/bin/env bash
# bench/lsqb/run.sh — LSQB (scale factor 0.1) on Tangle and on Kùzu, side by side.
#
#   ./build.sh bench lsqb [--runs N] [--threads N] [--explain] [--tangle-only]
#
# 1. Finds Kùzu 0.11.3 (bench/cache/node_modules/kuzu, or /tmp/kuzu when it
#    is already there), else installs it with npm into bench/cache (git-ignored)
#    and runs its install.js, which copies the prebuilt native module.
# 2. Builds bench/lsqb/tangle_lsqb.c against build/rel/libtangle.a.
# 3. Tangle: imports the data set's CSV files (neo4j-admin format, '|'),
#    runs bench/lsqb/queries.cypher. Kùzu: in-memory database, the data
#    set's schema.cypher + copy.cypher, runs the queries of Kùzu's own test
#    file (its dialect). Each system runs in its own process, so each peak
#    RSS (VmHWM) is its own; each query: 1 warm-up + N timed runs, median.
# 4. Checks every count against the test file's expected value and prints
#    per query both medians and the ratio Tangle/Kùzu, then load time and
#    peak RSS. Exits 1 when a count is wrong.
#
# One header of the data set is wrong: Comment_replyOf_Post.csv says
# :END_ID(Commen). Kùzu ignores CSV headers (it has schema.cypher); Tangle
# reads them, so a copy with the header rebuilt from schema.cypher is made
# under bench/cache for any relationship file whose header disagrees.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
CACHE=$ROOT/bench/cache
RUNS=5
EXPLAIN=""
TANGLE_ONLY=0
THREADS=0
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --explain) EXPLAIN=--explain; shift ;;
    --tangle-only) TANGLE_ONLY=1; shift ;;
    *) echo "usage: bench/lsqb/run.sh [--runs N] [--threads N] [--explain] [--tangle-only]" >&2; exit 2 ;;
  esac
done

# ---- the peer and the data ------------------------------------------------
KUZU=""
for d in "$CACHE/node_modules/kuzu" /tmp/kuzu/node_modules/kuzu; do
  if [ -f "$d/package.json" ] && grep -q '"version": "0.11.3"' "$d/package.json"; then
    KUZU=$d
    break
  fi
done
if [ -z "$KUZU" ]; then
  command -v npm >/dev/null || { echo "run.sh: npm is needed to install kuzu@0.11.3" >&2; exit 1; }
  echo "run.sh: installing kuzu@0.11.3 into bench/cache" >&2
  mkdir -p "$CACHE"
  npm install --prefix "$CACHE" --no-audit --no-fund --ignore-scripts kuzu@0.11.3 >&2
  KUZU=$CACHE/node_modules/kuzu
fi
if [ ! -f "$KUZU/kuzujs.node" ]; then
  (cd "$KUZU" && node install.js >&2)
fi
DATA=$KUZU/kuzu-source/dataset/lsqb-sf01
TEST=$KUZU/kuzu-source/test/test_files/lsqb/lsqb_queries.test
[ -f "$DATA/schema.cypher" ] || { echo "run.sh: no data set under $DATA" >&2; exit 1; }

# Node files and relationship files, as copy.cypher lists them.
NODE_TABLES=$(sed -n 's/^create node table \([A-Za-z_]*\).*/\1/Ip' "$DATA/schema.cypher")
NODE_ARGS=()
for t in $NODE_TABLES; do NODE_ARGS+=(--nodes "$DATA/$t.csv"); done
REL_ARGS=()
FIXED=$CACHE/lsqb-sf01-headers
while read -r t from to; do
  f=$DATA/$t.csv
  want=":START_ID($from)|:END_ID($to)"
  if [ "$(head -n 1 "$f" | tr -d '\r')" != "$want" ]; then
    mkdir -p "$FIXED"
    if [ ! -f "$FIXED/$t.csv" ] || [ "$f" -nt "$FIXED/$t.csv" ]; then
      echo "run.sh: $t.csv has header '$(head -n 1 "$f")'; using a copy with '$want'" >&2
      { echo "$want"; tail -n +2 "$f"; } > "$FIXED/$t.csv.tmp" && mv "$FIXED/$t.csv.tmp" "$FIXED/$t.csv"
    fi
    f=$FIXED/$t.csv
  fi
  REL_ARGS+=(--relationships "$f")
done < <(sed -n 's/^create rel table \([A-Za-z_]*\) *(FROM \([A-Za-z_]*\) TO \([A-Za-z_]*\).*/\1 \2 \3/Ip' "$DATA/schema.cypher")

# ---- Tangle's harness -------------------------------------------------------
BIN=$ROOT/build/rel/bench/tangle_lsqb
if [ ! -f build/rel/libtangle.a ]; then make -s BUILD=rel build/rel/libtangle.a; fi
if [ ! -x "$BIN" ] || [ bench/lsqb/tangle_lsqb.c -nt "$BIN" ] || [ cli/import_cli.c -nt "$BIN" ] ||
   [ build/rel/libtangle.a -nt "$BIN" ]; then
  mkdir -p "$(dirname "$BIN")"
  ${CC:-cc} -std=c11 -Wall -Wextra -Werror -O2 -D_DEFAULT_SOURCE -D_GNU_SOURCE -Iengine -Icli \
    -o "$BIN" bench/lsqb/tangle_lsqb.c cli/import_cli.c build/rel/libtangle.a \
    $(pkg-config --libs libgvc 2>/dev/null) -lunistring -lpcre2-8 -lm -lpthread
fi

OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

echo "LSQB sf0.1: $(nproc) cores; $RUNS timed runs per query after 1 warm-up; medians in ms" >&2
echo "run.sh: Tangle ..." >&2
"$BIN" --runs "$RUNS" --threads "$THREADS" $EXPLAIN bench/lsqb/queries.cypher --delimiter '|' \
  "${NODE_ARGS[@]}" "${REL_ARGS[@]}" > "$OUT/tangle"
if [ "$TANGLE_ONLY" = 0 ]; then
  echo "run.sh: Kùzu ..." >&2
  node bench/lsqb/kuzu_bench.js "$KUZU" "$DATA" "$TEST" "$RUNS" > "$OUT/kuzu"
else
  : > "$OUT/kuzu"
fi
[ -n "$EXPLAIN" ] && sed -n '/^plan /,/^query /{/^query /d;p}' "$OUT/tangle"

# Expected counts: the line after "---- 1" following each "-LOG name".
awk '/^-LOG/ {name=$2} /^---- / {getline; if (name != "") print name, $1; name=""}' "$TEST" > "$OUT/expected"

# ---- the table ----------------------------------------------------------------
awk -v tangle="$OUT/tangle" -v kuzu="$OUT/kuzu" -v expected="$OUT/expected" '
function median(a, n,    i, j, t) {
  for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
  return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
function load(file, sys,    line, f, n, i, a) {
  while ((getline line < file) > 0) {
    n = split(line, f, " ")
    if (f[1] == "load") loadt[sys] = f[2]
    else if (f[1] == "rss") rss[sys] = f[2]
    else if (f[1] == "rss-after-load") rssload[sys] = f[2]
    else if (f[1] == "query") {
      if (!(f[2] in seen)) { seen[f[2]] = 1; order[++nq] = f[2] }
      count[sys, f[2]] = f[3]
      delete a
      for (i = 4; i <= n; i++) a[i - 3] = f[i]
      med[sys, f[2]] = n >= 4 ? median(a, n - 3) : -1
    }
  }
}
BEGIN {
  while ((getline line < expected) > 0) { split(line, f, " "); want[f[1]] = f[2] }
  load(tangle, "t"); load(kuzu, "k")
  bad = 0
  printf "%-5s %12s %12s %12s %12s %9s  %s\n", "query", "expected", "Tangle ms", "Kuzu ms", "Tangle/Kuzu", "", "counts"
  for (i = 1; i <= nq; i++) {
    q = order[i]
    hasK = (("k", q) in count)
    okT = count["t", q] == want[q]
    okK = hasK ? count["k", q] == want[q] : -1
    if (!okT || okK == 0) bad = 1
    st += med["t", q]
    if (hasK) sk += med["k", q]
    r = (hasK && med["k", q] > 0) ? med["t", q] / med["k", q] : -1
    ratio = r < 0 ? "-" : r < 0.1 ? sprintf("%.3f", r) : sprintf("%.2f", r)
    printf "%-5s %12s %12.1f %12s %12s %9s  Tangle %s%s\n", q, want[q], med["t", q],
      hasK ? sprintf("%.1f", med["k", q]) : "-", ratio, "",
      okT ? "ok" : "WRONG (" count["t", q] ")",
      okK < 0 ? "" : okK ? ", Kuzu ok" : ", Kuzu WRONG (" count["k", q] ")"
  }
  printf "%-5s %12s %12.1f %12s %12s\n", "sum", "", st, sk ? sprintf("%.1f", sk) : "-",
    sk ? sprintf("%.2f", st / sk) : "-"
  printf "\nload (s):      Tangle %.2f   Kuzu %s\n", loadt["t"], ("k" in loadt) ? sprintf("%.2f", loadt["k"]) : "-"
  printf "peak RSS (MB): Tangle %.0f   Kuzu %s   (after loading: Tangle %.0f)\n", rss["t"] / 1024,
    ("k" in rss) ? sprintf("%.0f", rss["k"] / 1024) : "-", rssload["t"] / 1024
  print bad ? "\nSome counts are WRONG." : "\nAll counts match the expected values."
  exit bad
}'
