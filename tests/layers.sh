#!/usr/bin/env bash
# tests/layers.sh — keeps the engine's layering true (docs/ARCHITECTURE.md).
#
# Each folder of engine/ is a layer with a rank; a file may include headers
# of its own layer or of lower ones, never of a higher one:
#
#   base < value < store < syntax < eval < out < exec < compile < engine/ root
#   < server < cli
#
# tangle.h, the public API, is pure declarations with no includes of its
# own; every layer may use its result codes and value types. parser.h is
# generated from syntax/parser.y into build/gen and belongs to syntax.
# One TAP line per source file; a failing line names each upward include.
# The ranks below are the table in docs/ARCHITECTURE.md.
set -uo pipefail
cd "$(dirname "$0")/.."

rank_of() {  # rank_of PATH-RELATIVE-TO-REPO -> echoes the rank, or nothing
  case $1 in
    engine/base/*) echo 0 ;;
    engine/value/*) echo 1 ;;
    engine/store/*) echo 2 ;;
    engine/syntax/*) echo 3 ;;
    engine/eval/*) echo 4 ;;
    engine/out/*) echo 5 ;;
    engine/exec/*) echo 6 ;;
    engine/compile/*) echo 7 ;;
    engine/*/*) echo 99 ;;       # a folder missing from the table fails below
    engine/*) echo 8 ;;
    server/*) echo 9 ;;
    cli/*) echo 10 ;;
  esac
}

n=0 fail=0
for f in $(find engine server cli -name '*.[ch]' -o -name '*.y' -o -name '*.re' | sort); do
  me=$(rank_of "$f")
  bad=""
  if [ "$me" = 99 ]; then
    bad="its folder has no rank in tests/layers.sh"
  fi
  while IFS= read -r inc; do
    case $inc in
      tangle.h) continue ;;
      parser.h) target=engine/syntax/parser.y ;;
      server/*) target=$inc ;;
      */*) target=engine/$inc ;;
      *) target=$(dirname "$f")/$inc ;;
    esac
    if [ ! -e "$target" ]; then
      bad="$bad #include \"$inc\" names no file (include headers by their folder, e.g. \"base/mem.h\");"
      continue
    fi
    them=$(rank_of "$target")
    if [ "$them" -gt "$me" ]; then
      bad="$bad #include \"$inc\" reaches up a layer;"
    fi
  done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f")
  n=$((n + 1))
  if [ -z "$bad" ]; then
    echo "ok $n - layers: $f"
  else
    fail=$((fail + 1))
    echo "not ok $n - layers: $f:$bad"
  fi
done
echo "# layers: $n files, $fail with an upward include"
[ "$fail" -eq 0 ]
