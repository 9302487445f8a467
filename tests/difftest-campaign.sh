#!/usr/bin/env bash
# tests/difftest-campaign.sh N SEED — a long differential-testing campaign:
# N random statements split over one difftest process per core, seeds
# SEED, SEED+1, ... Each process prints its counts and, for a mismatch,
# a shrunk reproduction. Exit status 1 when any process found one.
# Run through `./build.sh fuzz-diff [N] [SEED]`.
set -u
cd "$(dirname "$0")/.."
total=${1:-1000000}
seed=${2:-1}
workers=$(nproc 2>/dev/null || echo 2)
per=$(( (total + workers - 1) / workers ))
logdir=$(mktemp -d)
start=$(date +%s)
pids=()
for ((w = 0; w < workers; w++)); do
  build/rel/tests/difftest --seed $((seed + w)) --queries "$per" > "$logdir/$w.log" 2>&1 &
  pids+=($!)
done
rc=0
for pid in "${pids[@]}"; do wait "$pid" || rc=1; done
for ((w = 0; w < workers; w++)); do cat "$logdir/$w.log"; done
echo "# campaign: $((per * workers)) statements, seeds $seed..$((seed + workers - 1)), $(( $(date +%s) - start )) s"
rm -rf "$logdir"
exit $rc
