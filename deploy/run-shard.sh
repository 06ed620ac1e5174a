#!/usr/bin/env bash
# One shard of a population study, for any engine (GNU parallel, Slurm job arrays, Kubernetes Indexed Jobs).
#
#   deploy/run-shard.sh I N POPULATION.jsonl OUTDIR
#
# Runs `krtplan batch simulate POPULATION.jsonl --shard I/N` (or `plan` with KRTPLAN_COMMAND=plan) with the
# protocols listed one per line in $VARIANT_FILE (NAME:PATH=VALUE,...; optional) and writes
# OUTDIR/shard-I-of-N.jsonl atomically. Exit 0 when the shard output is complete: krtplan's own exit codes
# 2 (some lines failed) and 3 (some result unsafe) describe the patients, not the run, and are in the lines.
set -euo pipefail
if [ $# -ne 4 ]; then echo "usage: $0 I N POPULATION.jsonl OUTDIR" >&2; exit 64; fi
index=$1 count=$2 population=$3 outdir=$4
krtplan=${KRTPLAN:-krtplan}
command=${KRTPLAN_COMMAND:-simulate}
variants=()
if [ -n "${VARIANT_FILE:-}" ]; then
  while IFS= read -r line || [ -n "$line" ]; do
    [ -n "$line" ] && variants+=(--variant "$line")
  done < "$VARIANT_FILE"
fi
out=$(printf '%s/shard-%05d-of-%05d.jsonl' "$outdir" "$index" "$count")
status=0
"$krtplan" batch "$command" "$population" --shard "$index/$count" --threads "${KRTPLAN_THREADS:-1}" \
  "${variants[@]}" --output "$out" --force || status=$?
if [ "$status" -gt 3 ]; then echo "shard $index/$count failed with exit $status" >&2; exit "$status"; fi
