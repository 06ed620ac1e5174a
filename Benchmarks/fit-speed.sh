#!/usr/bin/env bash
# Speed of the per-patient fit and of re-planning from it (docs/performance.md "Per-patient fit").
# Not a test: prints the machine, the load before and after, and the median wall and CPU (user) time of
# each command over N runs. Build first:
#   swift build -c release --scratch-path .build-release --product krtplan
# Usage: Benchmarks/fit-speed.sh [runs (default 7)] [krtplan binary (default .build-release/release/krtplan)]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
bin=${2:-.build-release/release/krtplan}
case=Benchmarks/fit-72h-12-draws.yaml
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
measure() {
    local label=$1; shift
    local times=()
    for _ in $(seq "$runs"); do
        /usr/bin/time -f '%e %U' -o "$tmp" "$bin" "$@" > /dev/null 2>&1 || true
        times+=("$(tail -1 "$tmp")")
    done
    printf '%s\n' "${times[@]}" | python3 -c "
import sys, statistics
rows = [tuple(map(float, l.split())) for l in sys.stdin if l.strip()]
print('%-52s wall %.3f s  user %.3f s  (median of %d)' % ('$label', statistics.median(r[0] for r in rows), statistics.median(r[1] for r in rows), len(rows)))"
}
measure "validate (start-up, catalog, case read)" validate "$case"
measure "fit (the fit + leave-last-draw-out refit)" fit "$case"
measure "simulate --population (no fit)" simulate "$case" --population
measure "simulate (fit, then simulate from it)" simulate "$case"
measure "plan --population (no fit)" plan "$case" --population --threads 1
measure "plan (fit, then plan from it)" plan "$case" --threads 1
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
