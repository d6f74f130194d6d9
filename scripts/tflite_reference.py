#!/usr/bin/env python3
"""Writes Tests/GroundingTests/Fixtures/tflite/: the outputs of MediaPipe's face and palm models and its hand and face landmark models
as LiteRT (the reference TFLite interpreter, PyPI `ai-edge-litert`) computes them on real
photos, for the tensor parity tests (TFLiteParityTests).

The input tensor is the one Grounding's preprocessing makes for the model's input spec (see
MediaPipeFaceDetector / MediaPipePalmDetector): the whole photo letterboxed into the square
input, centred with black padding, resized with OpenCV's filters as the Swift side does (area
when shrinking 2x or more on both axes, else bilinear), then (v - mean) / std. The fixture
records the input's sum and sum of squares so the test can check that both sides fed the same.

Each output is stored compactly as little-endian uint16 codes over its [min, max] range
(value = min + code * (max - min) / 65535): the rounding is at most 1/131070 of the range,
under 8% of the parity tolerance (1e-4 of the range).

    /work/venv-tflite/bin/python scripts/tflite_reference.py [MODEL_DIR]

MODEL_DIR defaults to $GROUNDING_MEDIAPIPE_DIR, else ~/.cache/grounding/models/mediapipe.
"""
import json
import os
import pathlib
import sys

import numpy as np
from ai_edge_litert.interpreter import Interpreter

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from reference_preprocess import letterboxed, load_rgb  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "Tests/GroundingTests/Fixtures/tflite"

# model file: (input side, mean, std, photos in TestImages/)
MODELS = {
    "face_detection_short_range.tflite": (128, 0.5, 0.5, ["astronaut.png", "kite.jpg"]),
    "face_detection_full_range_sparse.tflite": (192, 0.5, 0.5, ["person.jpg"]),
    "palm_detection_full.tflite": (192, 0.0, 1.0, ["astronaut.png"]),
    "palm_detection_lite.tflite": (192, 0.0, 1.0, ["person.jpg"]),
    "hand_landmark_lite.tflite": (224, 0.0, 1.0, ["basketball.png"]),
    "face_landmark.tflite": (192, 0.0, 1.0, ["grace_hopper.jpg"]),
}


def normalised(rgb, size, mean, std):
    """H x W x 3 float32 input: Grounding's letterbox with black padding, then (v - mean) / std
    as the Swift side computes it."""
    return letterboxed(rgb, size) * np.float32(1 / std) + np.float32(-mean / std)


def main():
    model_dir = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else os.environ.get(
        "GROUNDING_MEDIAPIPE_DIR", pathlib.Path.home() / ".cache/grounding/models/mediapipe"))
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.u16"):
        old.unlink()
    entries = []
    for model, (size, mean, std, photos) in MODELS.items():
        interpreter = Interpreter(model_path=str(model_dir / model), num_threads=1)
        interpreter.allocate_tensors()
        (input_detail,) = interpreter.get_input_details()
        for photo in photos:
            tensor = normalised(load_rgb(ROOT / "TestImages" / photo), size, mean, std)
            interpreter.set_tensor(input_detail["index"], tensor[None])
            interpreter.invoke()
            outputs = []
            for detail in interpreter.get_output_details():
                values = interpreter.get_tensor(detail["index"]).astype(np.float64).ravel()
                low, high = float(values.min()), float(values.max())
                # A one-value output (a hand's presence score) has no range: all codes are 0.
                codes = (np.round((values - low) / (high - low) * 65535) if high > low else np.zeros_like(values)).astype("<u2")
                name = f"{pathlib.Path(model).stem}__{pathlib.Path(photo).stem}__{len(outputs)}.u16"
                (OUT / name).write_bytes(codes.tobytes())
                outputs.append({"name": detail["name"], "shape": [int(d) for d in detail["shape"]],
                                "min": low, "max": high, "file": name})
            entries.append({"model": model, "photo": photo,
                            "input_sum": float(tensor.astype(np.float64).sum()),
                            "input_sum_of_squares": float((tensor.astype(np.float64) ** 2).sum()),
                            "outputs": outputs})
            print(f"{model} {photo}: " + ", ".join(f"{o['name']} {o['shape']} [{o['min']:.3f}, {o['max']:.3f}]" for o in outputs))
    (OUT / "reference.json").write_text(json.dumps({
        "generator": "scripts/tflite_reference.py",
        "interpreter": "ai-edge-litert " + __import__("importlib.metadata").metadata.version("ai-edge-litert"),
        "entries": entries}, indent=1) + "\n")


if __name__ == "__main__":
    main()
