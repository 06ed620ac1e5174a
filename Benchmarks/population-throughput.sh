#!/usr/bin/env bash
# Population-study throughput (docs/performance.md, "Population studies"). Not a test: it measures.
#
#   Benchmarks/population-throughput.sh [KRTPLAN] [PATIENTS] [PLAN_PATIENTS]
#
# 1. PATIENTS (default 10000) virtual patients × 2 protocols of the bundled example study, simulated
#    (72 h, hourly) with `krtplan study` on all cores: wall and CPU time.
# 2. PLAN_PATIENTS (default 50) virtual patients of the flagship case (fluid and supplement choices) planned with `krtplan batch plan --threads 1`:
#    plans per second per core.
set -euo pipefail
krtplan=${1:-.build/release/krtplan}
patients=${2:-10000}
plan_patients=${3:-50}
study=cases/studies/phoxilium-vs-iv-phosphate.yaml
variant=$(cat cases/studies/phoxilium-vs-iv-phosphate.variant)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
/usr/bin/time -f "study: %e s wall, %U s user, %S s sys, %M KB max RSS" \
  "$krtplan" study "$study" --patients "$patients" --seed 2026 --variant "$variant" --format json --output "$work/study.json" || status=$?
echo "study exit $status; load after: $(cut -d' ' -f1-3 /proc/loadavg)"
"$krtplan" population cases/flagship-citrate-cvvhdf.yaml --patients "$plan_patients" --seed 2026 --output "$work/population.jsonl"
status=0
/usr/bin/time -f "plan: %e s wall, %U s user, %S s sys for $plan_patients patients on 1 thread" \
  "$krtplan" batch plan "$work/population.jsonl" --threads 1 --time-limit 600 --output "$work/plans.jsonl" 2> "$work/plan-time.txt" || status=$?
cat "$work/plan-time.txt"
user=$(grep -o '[0-9.]* s user' "$work/plan-time.txt" | cut -d' ' -f1)
awk -v n="$plan_patients" -v u="$user" 'BEGIN { printf "planning per core: %.2f plans per CPU second (%.0f ms CPU per plan)\n", n / u, 1000 * u / n }'
echo "batch plan exit $status; statuses: $(grep -o '"status":"[a-z_]*"' "$work/plans.jsonl" | sort | uniq -c | tr '\n' ' ')"
