#!/usr/bin/env bash
# docs/generate.sh — draws the diagrams in docs/ from the built-in
# knowledge graph (./build.sh docs builds ./tangle, then runs this).
#
# Each docs/NAME.cypher is one RENDER query ending in `TO $out`; it is run
# twice, with $out set to docs/NAME.svg and docs/NAME.png. The output is
# deterministic (dot layout, no timestamps), so a diff of the committed
# files shows what a change to RENDER or to the data did to the pictures.
#
#   bash docs/generate.sh              regenerate every diagram
#   bash docs/generate.sh NAME...      only these (e.g. h100-redirection)
set -euo pipefail
cd "$(dirname "$0")/.."
T=${TANGLE_BIN:-./tangle}
[ -x "$T" ] || { echo "docs/generate.sh: $T not found; run ./build.sh first" >&2; exit 1; }

if [ $# -gt 0 ]; then
  queries=()
  for name in "$@"; do queries+=("docs/${name%.cypher}.cypher"); done
else
  queries=(docs/*.cypher)
fi
for q in "${queries[@]}"; do
  [ -f "$q" ] || { echo "docs/generate.sh: no such query: $q" >&2; exit 1; }
  base=${q%.cypher}
  for format in svg png; do
    "$T" --param "out='$base.$format'" -f "$q" > /dev/null
  done
  echo "docs: $base.svg $base.png  <- $q"
done
