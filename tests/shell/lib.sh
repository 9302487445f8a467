# tests/shell/lib.sh — helpers for the command-line tests (TAP output).
# Source it; then call check NAME EXPECTED ACTUAL or check_contains NAME
# NEEDLE HAYSTACK for each test, and tap_done at the end.
TANGLE=${TANGLE_BIN:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/tangle}
TAP_N=0
TAP_FAIL=0

# check NAME EXPECTED ACTUAL: passes when the two strings are equal.
check() {
  TAP_N=$((TAP_N + 1))
  if [ "$2" == "$3" ]; then
    echo "ok $TAP_N - $1"
  else
    TAP_FAIL=$((TAP_FAIL + 1))
    echo "not ok $TAP_N - $1"
    diff <(printf '%s\n' "$2") <(printf '%s\n' "$3") | head -15 | sed 's/^/#   /'
  fi
}

# check_contains NAME NEEDLE HAYSTACK
check_contains() {
  TAP_N=$((TAP_N + 1))
  if [[ "$3" == *"$2"* ]]; then
    echo "ok $TAP_N - $1"
  else
    TAP_FAIL=$((TAP_FAIL + 1))
    echo "not ok $TAP_N - $1"
    printf '%s\n' "#   expected to contain: $2" "#   got: ${3:0:400}"
  fi
}

# server_test_init: what every server suite sets up first: ROOT, a scratch
# folder T removed at exit, every pid in PIDS killed at exit, and the
# sanitizer's leak suppressions.
server_test_init() {
  ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  T=$(mktemp -d)
  PIDS=()
  trap 'for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done; rm -rf "$T"' EXIT
  export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$ROOT/tests/lsan.supp:print_suppressions=0:fast_unwind_on_malloc=0}
}

# add_user NAME ROLE PASSWORD: adds a user to the users file $T/users.
add_user() {
  printf '%s\n' "$3" | "$TANGLE" --users "$T/users" --add-user "$1" --role "$2" 2>/dev/null
}

# start_server LOGFILE ARGS...: starts `tangle serve ARGS --listen
# 127.0.0.1:0 --http 127.0.0.1:0` in the background (its pid in SERVER_PID,
# added to PIDS for the script's cleanup), waits until it listens and sets
# PORT (Bolt) and HTTP_PORT. Needs $T.
start_server() {
  local log=$1
  shift
  rm -f "$T/port"
  "$TANGLE" serve "$@" --listen 127.0.0.1:0 --http 127.0.0.1:0 --port-file "$T/port" 2>"$log" &
  SERVER_PID=$!
  PIDS+=("$SERVER_PID")
  for _ in $(seq 1 300); do
    [ -s "$T/port" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.05
  done
  PORT=$(sed -n 1p "$T/port" 2>/dev/null)
  HTTP_PORT=$(sed -n 2p "$T/port" 2>/dev/null)
}

# stop_server [PID]: SIGTERM to PID (default SERVER_PID); returns its exit status.
stop_server() {
  local pid=${1:-$SERVER_PID}
  kill -TERM "$pid" 2>/dev/null
  wait "$pid"
}

# tap_merge NAME RC OUTPUT: takes another program's TAP lines (a node
# suite) as ours, prefixed "NAME: ", and checks that it exited with 0.
tap_merge() {
  local name=$1 rc=$2 out=$3 nOk nFail
  printf '%s\n' "$out" | grep -E '^(ok|not ok) ' |
    sed -e "s/^ok [0-9]* - /ok - $name: /" -e "s/^not ok [0-9]* - /not ok - $name: /"
  printf '%s\n' "$out" | grep -E '^#' | grep -v ' tests, ' || true
  nOk=$(printf '%s\n' "$out" | grep -c '^ok ')
  nFail=$(printf '%s\n' "$out" | grep -c '^not ok ')
  TAP_N=$((TAP_N + nOk + nFail))
  TAP_FAIL=$((TAP_FAIL + nFail))
  check "$name ran to its end" 0 "$rc"
  if [ "$rc" -ne 0 ]; then printf '%s\n' "$out" | grep -v '^ok ' | tail -20 | sed 's/^/#   /'; fi
}

tap_done() {
  echo "# $(basename "$0"): $TAP_N tests, $TAP_FAIL failed"
  [ "$TAP_FAIL" -eq 0 ]
}
