#!/usr/bin/env bash
# Creates Benchmarks/peers/.venv with the peers: OpenCV (<5 keeps the Darknet reader), ONNX Runtime,
# and the SAHI library (accuracy stage). SAHI asks for the GUI build of OpenCV (opencv-python),
# which would clash with the headless one over cv2, so it is installed without dependencies and
# then given the ones its slicing and prediction code imports.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ ! -x "$here/.venv/bin/python" ]; then
    python3 -m venv "$here/.venv"
fi
"$here/.venv/bin/pip" install --quiet "opencv-python-headless<5" onnxruntime numpy onnx ai-edge-litert
"$here/.venv/bin/pip" install --quiet --no-deps "sahi==0.12.8"
"$here/.venv/bin/pip" install --quiet shapely tqdm pyyaml pillow click fire requests
