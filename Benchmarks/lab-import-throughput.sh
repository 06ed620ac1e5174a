#!/usr/bin/env bash
# Lab-import throughput (docs/performance.md, "Lab import: 10,000 Observations"). Not a test: it measures.
#
#   Benchmarks/lab-import-throughput.sh [KRTPLAN] [OBSERVATIONS] [RUNS]
#
# Writes a FHIR Bundle of OBSERVATIONS (default 10000) lab Observations with Benchmarks/make-lab-bundle.py and
# imports it RUNS (default 3) times: CPU (user, sys) and wall time of each run, the load before and after.
set -euo pipefail
krtplan=${1:-.build-release/release/krtplan}
observations=${2:-10000}
runs=${3:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
Benchmarks/make-lab-bundle.py "$observations" "$work/labs.json"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq 1 "$runs"); do
  /usr/bin/time -f "run $run: %U s user, %S s sys, %e s wall" \
    "$krtplan" labs import "$work/labs.json" --anchor 2026-12-01T08:00:00+01:00 > "$work/labs.yaml"
done
echo "$(grep -c '^  - ' "$work/labs.yaml") draws written; load after: $(cut -d' ' -f1-3 /proc/loadavg)"
