#!/usr/bin/env python3
"""Writes Tests/GroundingTests/Fixtures/onnx/: what ONNX Runtime (PyPI `onnxruntime`, the
reference ONNX interpreter) computes with YOLO11n on real photos, for the tensor parity tests
(ONNXParityTests).

The input tensor is the one Grounding's preprocessing makes for UltralyticsDetector's input
spec: the whole photo letterboxed into the 640 x 640 input (whole pixels, centred, odd leftover
after), OpenCV's resize (area when shrinking 2x or more on both axes, else bilinear), padding
114/255, RGB in [0, 1]. The fixture records the input's sum and sum of squares so the test can
check that both sides fed the same.

The output [1, 84, 8400] is stored as three little-endian uint16 files, each as codes over its
[min, max] range (value = min + code * (max - min) / 65535): the boxes (rows 0-3), each anchor's
highest class score, and that class's index (uint16 as is).

    Benchmarks/peers/.venv/bin/python scripts/onnx_reference.py [MODEL]

MODEL defaults to ~/.cache/grounding/models/yolo11n/yolo11n.onnx.
"""
import json
import pathlib
import sys

import numpy as np
import onnxruntime

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from reference_preprocess import letterboxed, load_rgb  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "Tests/GroundingTests/Fixtures/onnx"
SIZE = 640
PHOTOS = ["horses.jpg", "bus.jpg"]


def stored(values, name):
    low, high = float(values.min()), float(values.max())
    codes = np.round((values - low) / (high - low) * 65535).astype("<u2")
    (OUT / name).write_bytes(codes.tobytes())
    return {"file": name, "min": low, "max": high, "count": int(values.size)}


def main():
    model = sys.argv[1] if len(sys.argv) > 1 else str(pathlib.Path.home() / ".cache/grounding/models/yolo11n/yolo11n.onnx")
    OUT.mkdir(parents=True, exist_ok=True)
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    session = onnxruntime.InferenceSession(model, options, providers=["CPUExecutionProvider"])
    entries = []
    for photo in PHOTOS:
        tensor = letterboxed(load_rgb(ROOT / "TestImages" / photo), SIZE, 114 / 255)
        blob = np.ascontiguousarray(tensor.transpose(2, 0, 1)[None])
        (output,) = session.run(None, {session.get_inputs()[0].name: blob})
        output = output[0].astype(np.float64)
        stem = pathlib.Path(photo).stem
        best = output[4:].max(axis=0)
        classes = output[4:].argmax(axis=0).astype("<u2")
        (OUT / f"{stem}__classes.u16").write_bytes(classes.tobytes())
        entries.append({"photo": photo, "shape": [1, int(output.shape[0]), int(output.shape[1])],
                        "input_sum": float(tensor.astype(np.float64).sum()),
                        "input_sum_of_squares": float((tensor.astype(np.float64) ** 2).sum()),
                        "boxes": stored(output[:4].ravel(), f"{stem}__boxes.u16"),
                        "best_scores": stored(best, f"{stem}__best.u16"),
                        "classes": f"{stem}__classes.u16"})
        print(f"{photo}: {int((best >= 0.25).sum())} anchors score 0.25 or more; best {best.max():.3f}")
    (OUT / "reference.json").write_text(json.dumps({
        "generator": "scripts/onnx_reference.py",
        "interpreter": "onnxruntime " + __import__("importlib.metadata").metadata.version("onnxruntime"),
        "model_sha256": __import__("hashlib").sha256(pathlib.Path(model).read_bytes()).hexdigest(),
        "entries": entries}, indent=1) + "\n")


if __name__ == "__main__":
    main()
