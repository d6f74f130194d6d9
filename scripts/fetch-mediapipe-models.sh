#!/usr/bin/env bash
# Fetches MediaPipe's face and palm detectors and its hand and face landmark models (TFLite) from the PyPI wheel mediapipe==0.10.21 and
# verifies each file's sha256. Models are never committed.
#
#   scripts/fetch-mediapipe-models.sh [DIR]
#
# DIR defaults to $GROUNDING_MEDIAPIPE_DIR, else ~/.cache/grounding/models/mediapipe.
# The .tflite files are the same in every wheel of the release, so the manylinux x86_64 wheel
# for this machine's Python is downloaded (about 36 MB, once: nothing is fetched when the files
# are already there and intact).
set -euo pipefail

dir="${1:-${GROUNDING_MEDIAPIPE_DIR:-$HOME/.cache/grounding/models/mediapipe}}"
version="0.10.21"

# file in the wheel (under mediapipe/modules/) and its sha256
models=(
    "face_detection/face_detection_short_range.tflite bbff11cebd1eb27a1e004cae0b0e63ec8c551cbf34a4451148b4908b8db3eca8"
    "face_detection/face_detection_full_range_sparse.tflite 2c3728e6da56f21e21a320433396fb06d40d9088f2247c05e5635a688d45dfe1"
    "palm_detection/palm_detection_full.tflite 1b14e9422c6ad006cde6581a46c8b90dd573c07ab7f3934b5589e7cea3f89a54"
    "palm_detection/palm_detection_lite.tflite e9a4aaddf90dda56a87235303cf00e4c2d3fb28725f68fd88772997dac905c18"
    "hand_landmark/hand_landmark_lite.tflite 048edd3645c9bf7397d19a9f6e3a42957d6e414c9bea6598030a2e9b624156e6"
    "face_landmark/face_landmark.tflite 1055cb9d4a9ca8b8c688902a3a5194311138ba256bcc94e336d8373a5f30c814"
)

intact() {
    for entry in "${models[@]}"; do
        set -- $entry
        local file="$dir/$(basename "$1")"
        [ -f "$file" ] && echo "$2  $file" | sha256sum --check --status || return 1
    done
}

if intact; then
    exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "Fetching MediaPipe's face and palm detectors (PyPI wheel mediapipe==$version) into $dir" >&2
python3 -m pip download --quiet --no-deps --only-binary=:all: --platform manylinux_2_28_x86_64 \
    --platform manylinux2014_x86_64 --dest "$tmp" "mediapipe==$version"
wheel=$(ls "$tmp"/*.whl)
mkdir -p "$dir"
python3 - "$wheel" "$dir" "${models[@]}" <<'PY'
import os, sys, zipfile
wheel, dest, entries = sys.argv[1], sys.argv[2], sys.argv[3:]
with zipfile.ZipFile(wheel) as z:
    for entry in entries:
        member = "mediapipe/modules/" + entry.split()[0]
        target = os.path.join(dest, os.path.basename(member))
        with z.open(member) as src, open(target + ".part", "wb") as out:
            out.write(src.read())
        os.replace(target + ".part", target)
PY
status=0
for entry in "${models[@]}"; do
    set -- $entry
    file="$dir/$(basename "$1")"
    if ! echo "$2  $file" | sha256sum --check --status; then
        echo "error: $file does not have the expected sha256 $2; deleted it." >&2
        rm -f "$file"
        status=1
    fi
done
[ $status -eq 0 ] && echo "MediaPipe models ready in $dir" >&2
exit $status
