#!/usr/bin/env bash
# Submits a population study to Slurm: the population, a job array of N shards, and a merge that waits for it.
#
#   deploy/slurm/submit.sh CASE PATIENTS SEED SHARDS OUTDIR [VARIANT_FILE]
#
# Run from the repository root (the case path in the population is relative to it) on a shared filesystem.
# KRTPLAN (default: krtplan on PATH) and VARIANT_FILE are passed to the tasks (sbatch --export=ALL).
set -euo pipefail
if [ $# -lt 5 ]; then echo "usage: $0 CASE PATIENTS SEED SHARDS OUTDIR [VARIANT_FILE]" >&2; exit 64; fi
case_file=$1 patients=$2 seed=$3 shards=$4 outdir=$5
export VARIANT_FILE=${6:+$(cd "$(dirname "$6")" && pwd)/$(basename "$6")}
export KRTPLAN=${KRTPLAN:-krtplan}
export KRTPLAN_DEPLOY=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$outdir"
"$KRTPLAN" population "$case_file" --patients "$patients" --seed "$seed" --output "$outdir/population.jsonl" --force
array=$(sbatch --parsable --export=ALL --array="1-$shards" --output="$outdir/krtplan-shard-%A_%a.log" "$KRTPLAN_DEPLOY/slurm/study.sbatch" "$outdir/population.jsonl" "$outdir")
merge=$(sbatch --parsable --export=ALL --dependency="afterok:${array%%;*}" --output="$outdir/krtplan-merge-%j.log" "$KRTPLAN_DEPLOY/slurm/merge.sbatch" "$outdir")
echo "submitted array job $array and merge job $merge; report: $outdir/study.txt"
