#!/usr/bin/env bash
# tests/golden/run.sh — golden tests: every queries/*.cypher and
# tests/bugs/*.cypher is run through the tangle command and its output
# (stdout and stderr, plus "[exit N]" when N is not 0) must equal the .out
# file beside it. A first line "// tangle: FLAGS" adds command-line flags
# (bug tests use --empty and build their own data). A bug that needs more
# than one run of tangle (a database reopened) is a tests/bugs/*.sh script,
# run with bash in a fresh temporary directory with $TANGLE set; its output
# is compared the same way.
#
#   bash tests/golden/run.sh            check (TAP output)
#   bash tests/golden/run.sh --update   rewrite the .out files (review the diff!)
set -u
cd "$(dirname "$0")/../.."
BIN=${TANGLE_BIN:-$PWD/tangle}
update=0
[ "${1:-}" = "--update" ] && update=1
n=0
fail=0
for q in queries/*.cypher tests/bugs/*.cypher tests/bugs/*.sh; do
  [ -f "$q" ] || continue
  n=$((n + 1))
  out="${q%.*}.out"
  if [[ $q == *.sh ]]; then
    dir=$(mktemp -d)
    actual=$(cd "$dir" && TANGLE="$BIN" bash "$OLDPWD/$q" 2>&1; rc=$?; [ $rc -ne 0 ] && echo "[exit $rc]")
    rm -rf "$dir"
  else
    flags=$(sed -n '1s|^// tangle: ||p' "$q")
    # shellcheck disable=SC2086
    actual=$(cd /tmp && "$BIN" $flags -f "$OLDPWD/$q" 2>&1; rc=$?; [ $rc -ne 0 ] && echo "[exit $rc]")
  fi
  actual=${actual//$PWD\//}
  if [ $update -eq 1 ]; then
    printf '%s\n' "$actual" > "$out"
    echo "ok $n - golden $q (updated)"
  elif [ -f "$out" ] && [ "$actual" == "$(cat "$out")" ]; then
    echo "ok $n - golden $q"
  else
    fail=$((fail + 1))
    echo "not ok $n - golden $q"
    if [ -f "$out" ]; then
      diff <(printf '%s\n' "$actual") "$out" | head -20 | sed 's/^/#   /'
    else
      echo "#   missing $out"
    fi
  fi
done
echo "# golden: $n tests, $fail failed"
[ $fail -eq 0 ]
