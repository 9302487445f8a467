#!/usr/bin/env bash
# tests/fuzz/run-fuzzer.sh — grow the fuzz corpus with libFuzzer (clang).
#
#   bash tests/fuzz/run-fuzzer.sh [SECONDS]
#
# Builds tests/tools/fuzz_query.c as a libFuzzer target with ASan+UBSan
# (needs clang and Debian's libclang-rt-14-dev), runs it for SECONDS
# (default 120) starting from the committed seeds in tests/fuzz/corpus, and
# keeps the corpus it grows in build/fuzz/corpus (not committed: thousands
# of files, and every test run replays the committed ones). A crash leaves
# crash-* files in build/fuzz/ and stops; once fixed, copy the input into
# tests/fuzz/corpus as a regression. Every ./build.sh test replays
# tests/fuzz/corpus without clang.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECS=${1:-120}
./build.sh >/dev/null
OUT=build/fuzz
mkdir -p "$OUT/new"
CFLAGS="-g -O1 -fsanitize=fuzzer,address,undefined -DTANGLE_LIBFUZZER -D_DEFAULT_SOURCE -D_GNU_SOURCE \
  -Iengine -Ibuild/gen $(pkg-config --cflags libgvc)"
SRC=$(ls engine/*.c engine/*/*.c build/gen/lexer.c build/gen/parser.c)
clang $CFLAGS -Wno-unused-parameter -o "$OUT/fuzz_query" tests/tools/fuzz_query.c $SRC \
  $(pkg-config --libs libgvc) -lunistring -lpcre2-8 -lm -lpthread
cd "$OUT"
mkdir -p corpus
cp -n ../../tests/fuzz/corpus/* corpus/
ASAN_OPTIONS=detect_leaks=1 ./fuzz_query -max_total_time="$SECS" -max_len=512 -timeout=10 \
  -rss_limit_mb=2048 new corpus
# Keep only a minimal set of inputs that add coverage.
./fuzz_query -merge=1 corpus new >/dev/null 2>&1 || true
rm -rf new
echo "run-fuzzer.sh: no crash; corpus: $(ls corpus | wc -l) inputs in build/fuzz/corpus"
