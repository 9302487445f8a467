#!/usr/bin/env bash
# bench/bolt/run.sh — what serving over Bolt costs: `tangle serve` against
# the same work through the in-process C API (issue 15; bench/bolt.c says
# what is measured and how).
#
#   ./build.sh bench bolt [--runs N] [--seconds S] [--persons N] [--knows K]
#                         [--auth none|basic] [--only point|two-hop|write]
#
# Runs build/rel/bench/bolt on a new scratch folder under build/ (on the
# repository's disk, where the sync-full commits go), after a line naming
# the machine: cores, processor, the scratch folder's file system and the
# load average (other work on the machine moves these figures: the runs of
# all configurations are interleaved so that it moves them alike).
# Defaults: 5 runs of 1 s per configuration, under 2 minutes in all.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
SCRATCH=$ROOT/build/bolt
BIN=$ROOT/build/rel/bench/bolt

rm -rf "$SCRATCH"
mkdir -p "$SCRATCH"
FS=$(df -T "$SCRATCH" | awk 'NR == 2 {print $2 " on " $1}')
CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
echo "Bolt: $(nproc) cores (${CPU:-unknown processor}); scratch folder on $FS;" \
  "load average $(cut -d ' ' -f 1-3 /proc/loadavg); $(date -u +%Y-%m-%d)"
exec "$BIN" --dir "$SCRATCH" "$@"
