#!/usr/bin/env bash
# Minimises a target's working corpus into the kept one (docs/safety.md#fuzzing).
#
# Usage: Fuzz/merge.sh TARGET [OUT_DIR]
# Tests/FuzzCorpus/TARGET becomes: its named inputs (seed-*, crash-*, finding-*: kept always, they are
# regression inputs) plus libFuzzer's set-cover merge of everything the runs found (about 1,000 small
# files for `case`). `swift test` replays all of them (FuzzCorpusReplayTests).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TARGET="$1"; OUT="${2:-$ROOT/.build/fuzz}"
KEPT="$ROOT/Tests/FuzzCorpus/$TARGET"; MERGED="$OUT/merged-$TARGET"
export SWIFT_BACKTRACE=enable=no KRTPLAN_FORMULATIONS="$ROOT/formulations"
rm -rf "$MERGED"; mkdir -p "$MERGED"
MAX_LEN=512; [ "$TARGET" = case ] || [ "$TARGET" = fhir ] && MAX_LEN=4096
"$OUT/fuzz-$TARGET" -set_cover_merge=1 -max_len=$MAX_LEN "$MERGED" "$KEPT" "$OUT/corpus-$TARGET" >"$OUT/merge-$TARGET.log" 2>&1
find "$KEPT" -type f ! -name 'seed-*' ! -name 'crash-*' ! -name 'finding-*' -delete
# libFuzzer names merged files by the SHA-1 of their bytes: skip those that are a named input already.
NAMED="$(cd "$KEPT" && sha1sum * 2>/dev/null | cut -d' ' -f1)"
for file in "$MERGED"/*; do
    name="$(basename "$file")"
    grep -qx "$name" <<<"$NAMED" || cp "$file" "$KEPT/min-$name"
done
echo "kept $(ls "$KEPT" | wc -l) inputs, $(cat "$KEPT"/* | wc -c) bytes in $KEPT"
