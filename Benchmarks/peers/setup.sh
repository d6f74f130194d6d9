#!/usr/bin/env bash
# Creates Benchmarks/peers/.venv with the peers: OpenCV (<5 keeps the Darknet reader), ONNX Runtime.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ ! -x "$here/.venv/bin/python" ]; then
    python3 -m venv "$here/.venv"
fi
"$here/.venv/bin/pip" install --quiet "opencv-python-headless<5" onnxruntime numpy onnx ai-edge-litert
