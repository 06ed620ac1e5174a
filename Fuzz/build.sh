#!/usr/bin/env bash
# Builds the libFuzzer targets with swiftc directly (docs/safety.md#fuzzing).
#
# SwiftPM cannot link a libFuzzer binary cleanly (its executable targets bring their own `main`), so
# this script compiles the module sources the targets need, in dependency order, each as one
# whole-module object with `-sanitize=fuzzer,address` coverage, and links one binary per target
# against GLPK. Yams comes from SwiftPM's checkout (`swift package resolve` fetches it).
#
# Usage: Fuzz/build.sh [OUT_DIR]   (default .build/fuzz)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="${1:-$ROOT/.build/fuzz}"
SWIFTC="${SWIFTC:-swiftc}"
CLANG="${CLANG:-clang}"
YAMS="$ROOT/.build/checkouts/Yams/Sources"
SWIFTCSV="$ROOT/.build/checkouts/SwiftCSV/SwiftCSV"
{ [ -d "$YAMS" ] && [ -d "$SWIFTCSV" ]; } || (cd "$ROOT" && swift package resolve >/dev/null)
mkdir -p "$OUT/obj" "$OUT/modules" "$OUT/maps"

SANITIZE="-sanitize=fuzzer,address"
CSAN="-fsanitize=fuzzer-no-link,address"
SWIFT_FLAGS=(-O -parse-as-library -enable-testing -I "$OUT/modules" -I "$YAMS/CYaml/include"
             -I "$ROOT/Sources/CGLPK" -Xcc "-fmodule-map-file=$OUT/maps/CGLPKShim.modulemap"
             -Xcc -DYAML_DECLARE_STATIC -swift-version 6 "$SANITIZE")

# FUZZ_TARGETS_ONLY=1 relinks the targets against the objects already built (a harness edit).
if [ "${FUZZ_TARGETS_ONLY:-0}" != 1 ]; then
# C: libyaml (Yams' CYaml) and the GLPK shim.
cat > "$OUT/maps/CGLPKShim.modulemap" <<MAP
module CGLPKShim {
    header "$ROOT/Sources/CGLPKShim/include/CGLPKShim.h"
    export *
}
MAP
for file in "$YAMS"/CYaml/src/*.c; do
    "$CLANG" -O1 -g $CSAN -DYAML_DECLARE_STATIC -I "$YAMS/CYaml/include" -c "$file" -o "$OUT/obj/cyaml-$(basename "$file" .c).o"
done
for file in "$ROOT"/Sources/CGLPKShim/*.c; do
    "$CLANG" -O1 -g $CSAN -I "$ROOT/Sources/CGLPKShim/include" -I "$ROOT/Sources/CGLPKShim" -c "$file" \
        -o "$OUT/obj/shim-$(basename "$file" .c).o"
done

# Swift modules in dependency order; each is one whole-module object.
module() {
    local name="$1" dir="$2"
    shift 2  # any further arguments are extra flags for this module (a later -swift-version wins)
    local sources
    mapfile -t sources < <(find "$dir" -name '*.swift' | sort)
    "$SWIFTC" "${SWIFT_FLAGS[@]}" "$@" -module-name "$name" -wmo -emit-module \
        -emit-module-path "$OUT/modules/$name.swiftmodule" -c "${sources[@]}" -o "$OUT/obj/$name.o"
}
SWIFT_FLAGS+=(-DSWIFT_PACKAGE)
module Yams "$YAMS/Yams"
module KRTUnits "$ROOT/Sources/KRTUnits"
module KRTInput "$ROOT/Sources/KRTInput"
module KRTKinetics "$ROOT/Sources/KRTKinetics"
module KRTCatalog "$ROOT/Sources/KRTCatalog"
module LinearProgramming "$ROOT/Sources/LinearProgramming"
module KRTEstimation "$ROOT/Sources/KRTEstimation"
module KRTPlanner "$ROOT/Sources/KRTPlanner"
module SwiftCSV "$SWIFTCSV" -swift-version 5  # a Swift 5 package: its globals are not Sendable-checked
module KRTImport "$ROOT/Sources/KRTImport"
fi

# One binary per target: its entry (Fuzz/Targets/NAME) plus the body that `swift test` also replays
# (the files named in NAME/harness.list, under Tests/SafetyTests/FuzzHarness). libFuzzer supplies main.
for target in "$ROOT"/Fuzz/Targets/*; do
    name="$(basename "$target")"
    mapfile -t sources < <(find "$target" -name '*.swift' | sort; sed "s|^|$ROOT/|" "$target/harness.list")
    "$SWIFTC" "${SWIFT_FLAGS[@]}" -module-name "Fuzz$name" "${sources[@]}" "$OUT"/obj/*.o -lglpk -lstdc++ \
        -o "$OUT/fuzz-$name" 2> >(grep -v "Cannot export local symbol" >&2)
    echo "built $OUT/fuzz-$name"
done
