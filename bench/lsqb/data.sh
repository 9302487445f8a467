# bench/lsqb/data.sh — the LSQB data set and the peers, shared by
# bench/lsqb/run.sh and bench/durability/run.sh (sourced; needs ROOT set to
# the repository and `set -euo pipefail`).
#
#   lsqb_install NAME          installs peer NAME (kuzu, ladybug, duckdb) at
#                              its pinned version into bench/cache (ignored by
#                              git) when missing; prints its module folder,
#                              or returns 1 (a message on stderr) when npm
#                              cannot install it
#   lsqb_data SCALE            1 (SF0.1, shipped in Kùzu's npm package) or 10
#                              (ten disjoint copies of it, generated once into
#                              bench/cache/lsqb-x10 by bench/lsqb/lsqb_scale.c).
#                              Sets LSQB_DATA (folder with schema.cypher,
#                              copy.cypher and the CSV files), LSQB_ARGS (the
#                              import flags for tangle: --nodes ...
#                              --relationships ... --delimiter '|'),
#                              LSQB_TEST (Kùzu's test file: the queries in its
#                              dialect, expected counts for SF0.1)
#   lsqb_expected SCALE FILE   writes "qN COUNT" lines, SF0.1's counts times
#                              SCALE, to FILE
#
# Tangle reads the CSV headers (Kùzu and DuckDB have their schemas), so each
# file is given the header schema.cypher implies, through a copy under
# bench/cache when its own differs: node ids are integers there, as in Kùzu's
# schema and DuckDB's tables (`id:ID(City){id-type:long}`; neo4j-admin's
# default would make them strings), and one header of the data set is wrong
# (Comment_replyOf_Post.csv says :END_ID(Commen)).

LSQB_CACHE=$ROOT/bench/cache
# The pinned peers: npm package and version.
declare -A LSQB_PKG=([kuzu]=kuzu [ladybug]=@ladybugdb/core [duckdb]=@duckdb/node-api)
declare -A LSQB_VER=([kuzu]=0.11.3 [ladybug]=0.19.1 [duckdb]=1.5.6-r.1)

lsqb_install() {
  local pkg=${LSQB_PKG[$1]} ver=${LSQB_VER[$1]}
  local dir=$LSQB_CACHE/node_modules/$pkg
  if ! grep -qs "\"version\": \"$ver\"" "$dir/package.json"; then
    if ! command -v npm >/dev/null; then
      echo "data.sh: npm is needed to install $pkg@$ver" >&2
      return 1
    fi
    echo "data.sh: installing $pkg@$ver into bench/cache" >&2
    mkdir -p "$LSQB_CACHE"
    # --ignore-scripts: the install scripts would build from source when the
    # prebuilt binary is missing; run below, and only to copy the binary.
    if ! npm install --prefix "$LSQB_CACHE" --no-audit --no-fund --ignore-scripts "$pkg@$ver" >&2 ||
       ! grep -qs "\"version\": \"$ver\"" "$dir/package.json"; then
      echo "data.sh: npm could not install $pkg@$ver" >&2
      return 1
    fi
  fi
  # Kùzu and LadybugDB copy their prebuilt native module into place.
  case $1 in
    kuzu) [ -f "$dir/kuzujs.node" ] || (cd "$dir" && node install.js >&2) || return 1 ;;
    ladybug) [ -f "$dir/lbugjs.node" ] || (cd "$dir" && node install.js >&2) || return 1 ;;
  esac
  echo "$dir"
}

# "Table From To" for each relationship table of schema.cypher in $1.
lsqb_rel_tables() {
  sed -n 's/^create rel table \([A-Za-z_]*\) *(FROM \([A-Za-z_]*\) TO \([A-Za-z_]*\).*/\1 \2 \3/Ip' "$1/schema.cypher"
}
lsqb_node_tables() {
  sed -n 's/^create node table \([A-Za-z_]*\).*/\1/Ip' "$1/schema.cypher"
}

# Prints the path of CSV file F with header WANT: F itself when its first
# line is WANT, else a copy with WANT as first line, made once under
# bench/cache/lsqb-sf01-headers.
lsqb_with_header() {
  local f=$1 want=$2 fixed=$LSQB_CACHE/lsqb-sf01-headers
  if [ "$(head -n 1 "$f" | tr -d '\r')" = "$want" ]; then
    echo "$f"
    return
  fi
  mkdir -p "$fixed"
  local copy
  copy=$fixed/$(basename "$f")
  if [ ! -f "$copy" ] || [ "$f" -nt "$copy" ] || [ "$(head -n 1 "$copy")" != "$want" ]; then
    { echo "$want"; tail -n +2 "$f"; } > "$copy.tmp" && mv "$copy.tmp" "$copy"
  fi
  echo "$copy"
}

lsqb_data() {
  local scale=$1 kuzu src t from to
  kuzu=$(lsqb_install kuzu) || { echo "data.sh: the LSQB data set comes with Kùzu's npm package" >&2; return 1; }
  src=$kuzu/kuzu-source/dataset/lsqb-sf01
  LSQB_TEST=$kuzu/kuzu-source/test/test_files/lsqb/lsqb_queries.test
  [ -f "$src/schema.cypher" ] || { echo "data.sh: no data set under $src" >&2; return 1; }
  if [ "$scale" = 1 ]; then
    LSQB_DATA=$src
  elif [ "$scale" = 10 ]; then
    LSQB_DATA=$LSQB_CACHE/lsqb-x10
    lsqb_generate "$src" "$LSQB_DATA" 10 || return 1
  else
    echo "data.sh: scale must be 1 (SF0.1) or 10 (ten copies of it)" >&2
    return 1
  fi
  LSQB_ARGS=()
  for t in $(lsqb_node_tables "$LSQB_DATA"); do
    LSQB_ARGS+=(--nodes "$(lsqb_with_header "$LSQB_DATA/$t.csv" "id:ID($t){id-type:long}")")
  done
  while read -r t from to; do
    LSQB_ARGS+=(--relationships "$(lsqb_with_header "$LSQB_DATA/$t.csv" ":START_ID($from)|:END_ID($to)")")
  done < <(lsqb_rel_tables "$LSQB_DATA")
  LSQB_ARGS+=(--delimiter '|')
}

# Writes COPIES disjoint copies of the data set in SRC into DST (ids of copy
# k offset by k * 10^14: SF0.1's largest id is below 4 * 10^13, and every id
# of ten copies stays below 2^53, so JavaScript numbers hold them exactly),
# with the headers rebuilt from schema.cypher. Skipped when DST is complete.
lsqb_generate() {
  local src=$1 dst=$2 copies=$3 bin=$ROOT/build/rel/bench/lsqb_scale t from to
  local offset=100000000000000 stamp="$3 copies, offset 100000000000000, integer ids"
  if [ -f "$dst/.complete" ] && [ "$(cat "$dst/.complete")" = "$stamp" ]; then return 0; fi
  if [ ! -x "$bin" ] || [ "$ROOT/bench/lsqb/lsqb_scale.c" -nt "$bin" ]; then
    mkdir -p "$(dirname "$bin")"
    ${CC:-cc} -std=c11 -Wall -Wextra -Werror -O2 -o "$bin" "$ROOT/bench/lsqb/lsqb_scale.c" || return 1
  fi
  echo "data.sh: writing $copies copies of LSQB SF0.1 into $dst ..." >&2
  rm -rf "$dst"
  mkdir -p "$dst"
  cp "$src/schema.cypher" "$src/copy.cypher" "$dst/"
  for t in $(lsqb_node_tables "$src"); do
    "$bin" "$copies" "$offset" "$src/$t.csv" "$dst/$t.csv" "id:ID($t){id-type:long}" || return 1
  done
  while read -r t from to; do
    "$bin" "$copies" "$offset" "$src/$t.csv" "$dst/$t.csv" ":START_ID($from)|:END_ID($to)" || return 1
  done < <(lsqb_rel_tables "$src")
  echo "$stamp" > "$dst/.complete"
  echo "data.sh: $(du -sh "$dst" | cut -f1) written" >&2
}

lsqb_expected() {
  # The count is the line after "---- 1" following each "-LOG name".
  awk -v k="$1" '/^-LOG/ {name=$2} /^---- / {getline; if (name != "") printf "%s %.0f\n", name, $1 * k; name=""}' \
    "$LSQB_TEST" > "$2"
}
