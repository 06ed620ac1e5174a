#!/usr/bin/env bash
# Runs one libFuzzer target for a bounded time and prints one summary line (docs/safety.md#fuzzing).
#
# Usage: Fuzz/run.sh TARGET SECONDS [OUT_DIR]
#   TARGET   case | lp (a folder of Fuzz/Targets)
#   SECONDS  wall-clock budget (libFuzzer -max_total_time)
# The working corpus grows in OUT_DIR/corpus-TARGET, seeded from Tests/FuzzCorpus/TARGET (never
# written back here: `make fuzz-merge` minimises it into Tests/FuzzCorpus). Crashing inputs land in
# OUT_DIR/artifacts-TARGET and make this script exit 1.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TARGET="$1"; SECONDS_BUDGET="$2"; OUT="${3:-$ROOT/.build/fuzz}"
BINARY="$OUT/fuzz-$TARGET"
[ -x "$BINARY" ] || { echo "fuzz: $BINARY is missing; run Fuzz/build.sh first" >&2; exit 2; }
CORPUS="$OUT/corpus-$TARGET"; ARTIFACTS="$OUT/artifacts-$TARGET"; LOG="$OUT/fuzz-$TARGET.log"
mkdir -p "$CORPUS" "$ARTIFACTS"
export SWIFT_BACKTRACE=enable=no           # Swift's backtracer would spend 30 s+ on every crash
export KRTPLAN_FORMULATIONS="$ROOT/formulations"
EXTRA=()
case "$TARGET" in
    case) EXTRA=(-dict="$ROOT/Fuzz/case.dict" -max_len=4096) ;;
    lp)   EXTRA=(-max_len=512) ;;
    fhir) EXTRA=(-max_len=4096) ;;
esac
STARTED=$(date +%s)
"$BINARY" -max_total_time="$SECONDS_BUDGET" -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 \
    -artifact_prefix="$ARTIFACTS/" "${EXTRA[@]}" "$CORPUS" "$ROOT/Tests/FuzzCorpus/$TARGET" >"$LOG" 2>&1
STATUS=$?
ELAPSED=$(( $(date +%s) - STARTED ))
RUNS=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$LOG" | grep -o '[0-9]*$' | tail -1)
CRASHES=$(find "$ARTIFACTS" -type f | wc -l)
LINE="fuzz $TARGET: ${RUNS:-?} inputs in $ELAPSED s, $CRASHES crashing inputs, corpus $(ls "$CORPUS" | wc -l) files (log: $LOG)"
echo "$LINE"
echo "$(date -u +%FT%TZ) $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null) $LINE" >>"$OUT/fuzz-history.txt"
[ "$STATUS" -eq 0 ] && [ "$CRASHES" -eq 0 ]
