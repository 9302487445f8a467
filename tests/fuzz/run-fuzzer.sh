#!/usr/bin/env bash
# tests/fuzz/run-fuzzer.sh — grow a fuzz corpus with libFuzzer (clang).
#
#   bash tests/fuzz/run-fuzzer.sh [TARGET] [SECONDS]
#
# TARGET is one of
#   query   the query pipeline: lexer, parser, checker, planner, executor
#           (tests/tools/fuzz_query.c; Cypher dictionary tests/fuzz/cypher.dict)
#   csv     the CSV reader shared by import and LOAD CSV (fuzz_csv.c)
#   import  the bulk import: headers, typed columns, ids, bad rows (fuzz_import.c)
#   param   Cypher literals, as parameters are given (fuzz_param.c)
#   store   the snapshot loader, log scanner and record replay (fuzz_store.c)
#   bolt    the Bolt server's PackStream reader and writer (fuzz_bolt.c)
# (default query). Builds tests/tools/fuzz_TARGET.c as a libFuzzer target
# with ASan+UBSan (needs clang and Debian's libclang-rt-14-dev), runs it
# for SECONDS (default 120) starting from the committed seeds in
# tests/fuzz/TARGET, and keeps the corpus it grows in build/fuzz/TARGET
# (not committed: thousands of files; every test run replays the committed
# ones). A crash leaves crash-* files in build/fuzz/ and stops; once fixed,
# copy the input into tests/fuzz/TARGET as a regression. Every
# ./build.sh test replays all six committed corpora without clang.
set -euo pipefail
cd "$(dirname "$0")/../.."
TARGET=${1:-query}
SECS=${2:-120}
case "$TARGET" in
  query | csv | import | param | store | bolt) ;;
  *) echo "run-fuzzer.sh: unknown target '$TARGET' (query, csv, import, param, store or bolt)" >&2; exit 2 ;;
esac
./build.sh >/dev/null
OUT=build/fuzz
mkdir -p "$OUT/new-$TARGET"
# -fno-sanitize-recover: undefined behaviour stops the run as a crash does.
CFLAGS="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -DTANGLE_LIBFUZZER -D_DEFAULT_SOURCE -D_GNU_SOURCE \
  -I. -Iengine -Ibuild/gen $(pkg-config --cflags libgvc)"
# The server's sources too (server/*.c, with the libraries they link),
# as the Makefile links every tool with libtangle_server.a.
SRC="$(ls engine/*.c engine/*/*.c build/gen/lexer.c build/gen/parser.c) $(ls server/*.c build/gen/web_assets.c 2>/dev/null || true)"
clang $CFLAGS -Wno-unused-parameter -o "$OUT/fuzz_$TARGET" "tests/tools/fuzz_$TARGET.c" $SRC \
  $(pkg-config --libs libgvc) -lssl -lcrypto -largon2 -lwslay -lmicrohttpd -ljansson -lunistring -lpcre2-8 -lm -lpthread
DICT=""
[ "$TARGET" = query ] && DICT="-dict=$PWD/tests/fuzz/cypher.dict"
cd "$OUT"
mkdir -p "$TARGET"
cp -n "../../tests/fuzz/$TARGET"/* "$TARGET"/
# Long inputs reach deep nesting and long operator chains (the query
# target accepts up to 8 KiB, the others 64 KiB).
ASAN_OPTIONS=detect_leaks=1 "./fuzz_$TARGET" $DICT -max_total_time="$SECS" -max_len=8192 -timeout=10 \
  -rss_limit_mb=2048 "new-$TARGET" "$TARGET"
# Keep only a minimal set of inputs that add coverage.
"./fuzz_$TARGET" -merge=1 "$TARGET" "new-$TARGET" >/dev/null 2>&1 || true
rm -rf "new-$TARGET"
echo "run-fuzzer.sh: no crash; corpus: $(ls "$TARGET" | wc -l) inputs in build/fuzz/$TARGET"
