#!/usr/bin/env bash
# build.sh — the one entry point for Tangle.
#
#   ./build.sh            install what is missing, generate, build ./tangle
#   ./build.sh run        build, then start ./tangle on the built-in graph
#                         (./build.sh run serve --auth none: the graph explorer
#                         at http://127.0.0.1:7474/, this machine only)
#   ./build.sh test       every test, optimized and sanitized; last line "N passed, N failed"
#   ./build.sh tck [--failures]   openCypher TCK report (per folder and tier)
#   ./build.sh bench [lsqb|durability|bolt]  benchmarks under bench/
#   ./build.sh fuzz-diff [N] [SEED]  differential planner campaign: N random
#                         statements (default 1000000), one worker per core
#   ./build.sh crashtest [N] [SEED]  kill -9 a writing process N times (default
#                         2000) and check every acknowledged commit survives
#   ./build.sh oomtest [K]   allocation-failure injection at every allocation
#                         of each test statement on a graph K people larger
#                         (default 300), sanitized (the test run uses K=0)
#   ./build.sh docs       regenerate the diagrams in docs/
#   ./build.sh clean      remove build outputs
#
# Debian packages are installed with apt-get only when something is missing
# (with sudo when not root). Builds are incremental (make).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
JOBS=$(nproc 2>/dev/null || echo 2)

# ---- dependencies ----------------------------------------------------------

# Each entry: "package:file-or-command that proves it is installed".
DEPS=(
  "lemon:/usr/bin/lemon"
  "re2c:/usr/bin/re2c"
  "pkg-config:/usr/bin/pkg-config"
  "libxxhash-dev:/usr/include/xxhash.h"
  "libgraphviz-dev:/usr/include/graphviz/gvc.h"
  "libedit-dev:/usr/include/editline/readline.h"
  "libcmocka-dev:/usr/include/cmocka.h"
  "libunistring-dev:/usr/include/unistr.h"
  "libpcre2-dev:/usr/include/pcre2.h"
  "tzdata:/usr/share/zoneinfo/Europe/Stockholm"
  "fonts-noto-core:/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf"
  "fonts-noto-cjk:/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
  "fontconfig:/usr/bin/fc-list"
  "libssl-dev:/usr/include/openssl/ssl.h"
  "libargon2-dev:/usr/include/argon2.h"
  "libwslay-dev:/usr/include/wslay/wslay.h"
  "openssl:/usr/bin/openssl"
  "libmicrohttpd-dev:/usr/include/microhttpd.h"
  "libjansson-dev:/usr/include/jansson.h"
)

ensure_deps() {
  local missing=()
  for entry in "${DEPS[@]}"; do
    local pkg=${entry%%:*} file=${entry#*:}
    [ -e "$file" ] || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "build.sh: installing ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >&2 || true
  $sudo apt-get install -y -qq "${missing[@]}" >&2
}

# The tests' npm packages (Neo4j's JavaScript driver for the server tests),
# with Debian's node and npm when there are none.
ensure_test_deps() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "build.sh: installing nodejs npm" >&2
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq >&2 || true
    $sudo apt-get install -y -qq nodejs npm >&2 || true
  fi
  # The explorer's browser test drives Debian's chromium.
  if ! command -v chromium >/dev/null; then
    echo "build.sh: installing chromium" >&2
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq >&2 || true
    $sudo apt-get install -y -qq chromium >&2 || true
  fi
  if { [ ! -d tests/driver/node_modules/neo4j-driver ] || [ ! -d tests/driver/node_modules/ws ] ||
       [ ! -d tests/driver/node_modules/puppeteer-core ]; } && command -v npm >/dev/null; then
    echo "build.sh: installing neo4j-driver into tests/driver/node_modules" >&2
    npm install --prefix tests/driver --no-audit --no-fund --loglevel=error >&2 || true
  fi
}

build() {
  ensure_deps
  make -s -j"$JOBS" BUILD="${1:-rel}" "${2:-tangle}"
}

# ---- tests -----------------------------------------------------------------

# Runs one flavour's suites; appends TAP lines to $TAP_OUT.
run_suites() {
  local flavour=$1 bin="$ROOT/build/$1"
  local tangle="$bin/tangle"
  export TANGLE_BIN="$tangle" TANGLE_BUILD="$bin" TANGLE_FLAVOUR="$flavour"
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
  # Graphviz (libgvc/pango) keeps process-wide caches that LeakSanitizer
  # reports; tests/lsan.supp names each one (see the file for the proof).
  export LSAN_OPTIONS="suppressions=$ROOT/tests/lsan.supp:print_suppressions=0:fast_unwind_on_malloc=0"
  export CMOCKA_MESSAGE_OUTPUT=TAP
  local t
  for t in "$bin"/tests/test_*; do
    [ -x "$t" ] || continue
    case "$t" in *.d) continue ;; esac
    tap_run "$flavour unit $(basename "$t"):" "$t"
  done
  for t in tests/golden/run.sh tests/shell/*.sh; do
    case "$t" in */lib.sh) continue ;; esac
    tap_run "$flavour $(basename "$t" .sh)" bash "$t"
  done
  # The committed fuzz corpora (tests/fuzz/run-fuzzer.sh grows them).
  local target
  for target in query csv import param store bolt; do
    tap_run "$flavour fuzz $target" "$bin/tests/fuzz_$target" "tests/fuzz/$target"
  done
  # Durability: kill -9 at random moments of a write workload, then check
  # every acknowledged commit is there and nothing else (the long run is
  # ./build.sh crashtest).
  local nKill=100
  [ "$flavour" = san ] && nKill=50
  tap_run "$flavour crashtest" "$bin/tests/crashtest" --kills $nKill --seed 1
  # Allocation-failure injection: every allocation of each test statement
  # fails in turn and must give a clean error with the graph unchanged.
  tap_run "$flavour oomtest" "$bin/tests/oomtest" --all
  # The planner against its reference plan on random graphs and queries;
  # a fixed seed, so a failure reproduces with the same command.
  local nDiff=6000
  [ "$flavour" = san ] && nDiff=2000
  tap_run "$flavour difftest" "$bin/tests/difftest" --seed 1 --queries $nDiff
  if [ -d ../shared/tck ]; then
    tap_run "$flavour tck" "$bin/tests/tck_runner" --ratchet tests/tck/passing.txt ../shared/tck
  else
    echo "not ok - $flavour tck: ../shared/tck is missing (the TCK must sit beside the repository)"
  fi
}

# Runs one suite and re-labels its TAP lines "ok - PREFIX ...". A suite
# that exits non-zero without reporting a failure (a crash, a sanitizer
# abort, a missing binary) adds a failing line of its own, so nothing that
# stops early can pass by saying less.
tap_run() {
  local prefix=$1 out rc
  shift
  echo "# $prefix"
  out=$("$@" 2>&1) && rc=0 || rc=$?
  printf '%s\n' "$out" | sed -n 's/^\(not ok\|ok\)\( [0-9]*\)\{0,1\}\( -\)\{0,1\} */\1 - '"$prefix"' /p'
  if [ "$rc" -ne 0 ] && ! printf '%s\n' "$out" | grep -q '^not ok'; then
    echo "not ok - $prefix exited with status $rc"
    printf '%s\n' "$out" | tail -n 20 | sed 's/^/#   /'
  fi
}

run_tests() {
  ensure_deps
  ensure_test_deps
  local tap
  tap=$(mktemp)
  # No include runs up a layer (tests/layers.sh, docs/ARCHITECTURE.md).
  tap_run "layers" bash tests/layers.sh | tee -a "$tap" | grep -E '^(not ok|#)' || true
  for flavour in rel san; do
    make -s -j"$JOBS" BUILD=$flavour tests >&2
    run_suites $flavour | tee -a "$tap" | grep -E '^(not ok|#)' || true
  done
  local passed failed
  passed=$(grep -c '^ok ' "$tap" || true)
  failed=$(grep -c '^not ok ' "$tap" || true)
  rm -f "$tap"
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

# ---- main ------------------------------------------------------------------

cmd=${1:-build}
shift || true
case "$cmd" in
  build) build rel tangle ;;
  run)
    build rel tangle
    exec ./tangle "$@"
    ;;
  test) run_tests ;;
  tck)
    build rel tests
    exec build/rel/tests/tck_runner --report ../shared/tck "$@"
    ;;
  bench)
    build rel bench
    if [ "${1:-}" = "lsqb" ]; then
      exec bash bench/lsqb/run.sh "${@:2}"
    fi
    if [ "${1:-}" = "durability" ]; then
      exec bash bench/durability/run.sh "${@:2}"
    fi
    if [ "${1:-}" = "bolt" ]; then
      exec bash bench/bolt/run.sh "${@:2}"
    fi
    # One program per bench/*.c (build/rel/bench also holds the LSQB driver).
    for src in bench/*.c; do
      "build/rel/bench/$(basename "$src" .c)"
    done
    ;;
  fuzz-diff)
    build rel tests
    exec bash tests/difftest-campaign.sh "${1:-1000000}" "${2:-$(date +%s)}"
    ;;
  crashtest)
    build rel tests
    mkdir -p build/crashtest
    rm -rf build/crashtest/db
    exec build/rel/tests/crashtest --kills "${1:-2000}" --seed "${2:-$(date +%s)}" --dir build/crashtest/db
    ;;
  oomtest)
    build san tests
    export LSAN_OPTIONS="suppressions=$ROOT/tests/lsan.supp:print_suppressions=0:fast_unwind_on_malloc=0"
    exec build/san/tests/oomtest --all --scale "${1:-300}"
    ;;
  docs)
    build rel tangle
    exec bash docs/generate.sh
    ;;
  clean) rm -rf build tangle ;;
  *)
    echo "usage: ./build.sh [build|run [tangle arguments, e.g. serve --auth none]|test|tck [--failures]|bench [lsqb|durability|bolt]|fuzz-diff [N] [SEED]|crashtest [N] [SEED]|oomtest [K]|docs|clean]" >&2
    exit 2
    ;;
esac
