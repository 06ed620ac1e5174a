#!/usr/bin/env bash
# A population study sharded with GNU parallel on one machine, then merged and reported.
#
#   deploy/parallel/study.sh CASE PATIENTS SEED SHARDS OUTDIR [VARIANT_FILE]
#
# The one-liner at its heart (docs/population.md):
#   seq 1 N | parallel -j JOBS deploy/run-shard.sh {} N OUTDIR/population.jsonl OUTDIR
# KRTPLAN (default: krtplan on PATH) and JOBS (default: all cores) can be set in the environment.
set -euo pipefail
if [ $# -lt 5 ]; then echo "usage: $0 CASE PATIENTS SEED SHARDS OUTDIR [VARIANT_FILE]" >&2; exit 64; fi
case_file=$1 patients=$2 seed=$3 shards=$4 outdir=$5
export VARIANT_FILE=${6:-}
export KRTPLAN=${KRTPLAN:-krtplan}
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$outdir"
"$KRTPLAN" population "$case_file" --patients "$patients" --seed "$seed" --output "$outdir/population.jsonl" --force
seq 1 "$shards" | parallel --halt now,fail=1 -j "${JOBS:-100%}" "$here/run-shard.sh" {} "$shards" "$outdir/population.jsonl" "$outdir"
"$KRTPLAN" batch merge "$outdir"/shard-*-of-*.jsonl --output "$outdir/merged.jsonl" --force
status=0
"$KRTPLAN" study --results "$outdir/merged.jsonl" --output "$outdir/study.txt" --force || status=$?
"$KRTPLAN" study --results "$outdir/merged.jsonl" --format html --output "$outdir/study.html" --force || true
# 3 = some patient crossed a hard bound (DANGER lines at the top of study.txt): a finding, not a failure.
[ "$status" -le 3 ] || exit "$status"
echo "study written: $outdir/study.txt, $outdir/study.html (exit $status)"
