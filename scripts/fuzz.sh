#!/usr/bin/env bash
# Builds one libFuzzer target (ASan + coverage) and fuzzes it for a given time.
#
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer flags...]     TARGET: jpeg png exif cfg weights tflite onnx names request answer
#   scripts/fuzz.sh TARGET build                            build only
#   scripts/fuzz.sh TARGET run FILE...                      replay inputs (e.g. a crash) once
#
# The library's targets are compiled once with swiftc into .build-fuzz/, one static module each in
# dependency order, the C kernels with clang under the same sanitizers (`package` symbols stay
# visible to the harness through a shared -package-name); each fuzz target is a small harness in
# Fuzz/Targets/. The working corpus lives in .build-fuzz/corpus/TARGET, seeded from
# Tests/GroundingTests/Fuzz/Seeds/TARGET (tflite: the fetched MediaPipe models, which are never
# committed; onnx: small models that Fuzz/make_seeds.py writes with the onnx package); crashes go
# to .build-fuzz/crashes/TARGET/.
set -euo pipefail
cd "$(dirname "$0")/.."

target=${1:?usage: scripts/fuzz.sh jpeg|png|exif|cfg|weights|tflite|onnx|names|request|answer SECONDS|build|run ...}
mode=${2:?usage: scripts/fuzz.sh TARGET SECONDS|build|run ...}
shift 2

case $target in
    jpeg) harness=FuzzJPEG; max_len=65536 ;;
    png) harness=FuzzPNG; max_len=65536 ;;
    exif) harness=FuzzExif; max_len=4096 ;;
    cfg) harness=FuzzCfg; max_len=16384 ;;
    weights) harness=FuzzWeights; max_len=4096 ;;
    tflite) harness=FuzzTFLite; max_len=400000 ;;
    onnx) harness=FuzzONNX; max_len=16384 ;;
    names) harness=FuzzNames; max_len=512; words=names ;;
    request) harness=FuzzRequest; max_len=8192; words=request ;;
    answer) harness=FuzzAnswer; max_len=16384; words=request ;;
    *) echo "fuzz.sh: unknown target '$target'; use jpeg, png, exif, cfg, weights, tflite, onnx, names, request or answer" >&2; exit 2 ;;
esac

out=.build-fuzz
mkdir -p "$out"
# The C kernels (one translation unit including the others), instrumented like the Swift code;
# SwiftPM makes their module map from include/, so it is written here.
kernels=$out/libCVectorKernels.a
if [[ ! -f $kernels ]] || [[ -n $(find Sources/CVectorKernels -newer "$kernels" -type f | head -1) ]]; then
    clang -O2 -fsanitize=fuzzer-no-link,address -I Sources/CVectorKernels/include \
        -c Sources/CVectorKernels/vector_kernels.c -o "$out/vector_kernels.o"
    rm -f "$kernels" && llvm-ar rcs "$kernels" "$out/vector_kernels.o"
fi
mkdir -p "$out/CVectorKernels"
printf 'module CVectorKernels {\n    header "%s"\n    export *\n}\n' \
    "$PWD/Sources/CVectorKernels/include/vector_kernels.h" > "$out/CVectorKernels/module.modulemap"
c_modules=(-I Sources/CPNG -I Sources/CTurboJPEG -I Sources/COpenBLAS -I "$out/CVectorKernels")
flags=(-O -sanitize=fuzzer,address -parse-as-library -package-name grounding "${c_modules[@]}")

# The instrumented library, one static module per target in dependency order, rebuilt when any
# of its sources is newer.
modules=(GroundingCompute GroundingImageIO GroundingCore GroundingDarknet GroundingTFLite GroundingONNX GroundingExemplar Grounding)
libraries=()
for module in "${modules[@]}"; do
    library=$out/lib$module.a
    libraries+=("$library")
    if [[ ! -f $library ]] || [[ -n $(find Sources/Grounding* Sources/C* -newer "$library" -type f | head -1) ]]; then
        echo "fuzz.sh: building the instrumented $module (a few minutes)" >&2
        swiftc "${flags[@]}" -I "$out" -wmo -module-name "$module" -emit-library -static \
            -emit-module -emit-module-path "$out/$module.swiftmodule" \
            -o "$library" $(find "Sources/$module" -name '*.swift' | sort)
    fi
done
library=$out/libGrounding.a

binary=$out/fuzz-$target
if [[ ! -f $binary ]] || [[ $library -nt $binary ]] || [[ -n $(find Fuzz -name '*.swift' -newer "$binary" | head -1) ]]; then
    swiftc "${flags[@]}" -I "$out" -module-name "$harness" "$PWD/Fuzz/FuzzInput.swift" "$PWD/Fuzz/Targets/$harness.swift" \
        "${libraries[@]}" "$kernels" -lpng16 -lz -lturbojpeg -ldl -use-ld=lld -o "$binary"
fi

case $mode in
    build) exit 0 ;;
    run) exec "$binary" -rss_limit_mb=2048 "$@" ;;
esac

corpus=$out/corpus/$target
crashes=$out/crashes/$target
mkdir -p "$corpus" "$crashes"
seeds=Tests/GroundingTests/Fuzz/Seeds/$target
if [[ $target == tflite ]]; then
    # The real models are the seeds: fetched by scripts/fetch-mediapipe-models.sh, never committed.
    seeds=$out/seeds/tflite
    mkdir -p "$seeds"
    cp "${GROUNDING_MEDIAPIPE_DIR:-$HOME/.cache/grounding/models/mediapipe}"/*.tflite "$seeds"/
fi
# -rss_limit_mb: the 4 MP decode limit keeps a run near 100 MB; 2 GB catches real blow-ups.
# -malloc_limit_mb: any single allocation over 512 MB is reported as a bug.
# The targets that read text get the words their parser knows (Fuzz/WORDS.dict): names the
# phrase parser's, request and answer the request's JSON keys and values.
dictionary=()
[[ -n ${words:-} ]] && dictionary=(-dict="Fuzz/$words.dict")
log=$out/fuzz-$target.log
"$binary" "$corpus" "$seeds" -max_total_time="$mode" -max_len=$max_len -rss_limit_mb=2048 \
    -malloc_limit_mb=512 -timeout=10 -artifact_prefix="$crashes/" -print_final_stats=1 "${dictionary[@]}" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
echo "fuzz.sh: $target ran ${mode}s: $(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$') executions," \
     "corpus $(ls "$corpus" | wc -l) files, $(cat "$corpus"/* 2>/dev/null | wc -c) bytes, exit status $status"
exit "$status"
