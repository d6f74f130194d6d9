#!/usr/bin/env python3
"""One forward pass of MediaPipe's face and palm detectors in LiteRT (PyPI `ai-edge-litert`, the
reference TFLite interpreter), on the same number of threads as ours.

    python Benchmarks/peers/tflite_peers.py --models DIR --threads 2 --iterations 50

Each model runs on a seeded random input of its own input shape (values in its input range);
LiteRT runs with its default delegate (XNNPACK) on `--threads` threads. Prints one line per model,
then the figures as a JSON array (the Swift harness reads the last line).
"""

import argparse
import os

import numpy as np
from ai_edge_litert.interpreter import Interpreter

from peer_stats import measure, report

MODELS = ["face_detection_short_range.tflite", "face_detection_full_range_sparse.tflite",
          "palm_detection_full.tflite", "palm_detection_lite.tflite"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--models", default=os.environ.get("GROUNDING_MEDIAPIPE_DIR",
                                                           os.path.expanduser("~/.cache/grounding/models/mediapipe")))
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--iterations", type=int, default=50)
    args = parser.parse_args()

    figures = []
    for name in MODELS:
        path = os.path.join(args.models, name)
        if not os.path.exists(path):
            continue
        interpreter = Interpreter(model_path=path, num_threads=args.threads)
        interpreter.allocate_tensors()
        detail = interpreter.get_input_details()[0]
        image = np.random.default_rng(0).random(detail["shape"], np.float32)

        def forward():
            interpreter.set_tensor(detail["index"], image)
            interpreter.invoke()
        figures.append(measure(f"litert {name[:-7]}", args.iterations, forward))
    report(figures)


if __name__ == "__main__":
    main()
