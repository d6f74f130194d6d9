#!/usr/bin/env python3
"""One forward pass of YOLO11n in ONNX Runtime (PyPI `onnxruntime`, the reference ONNX
interpreter), on the same number of threads as ours.

    python Benchmarks/peers/onnx_peers.py --model yolo11n.onnx --threads 2 --iterations 10 --sizes 640 960

The model runs on a seeded random input of each size with ONNX Runtime's CPU provider on
`--threads` intra-op threads. Prints one line per size, then the figures as a JSON array (the
Swift harness reads the last line).
"""

import argparse
import os

import numpy as np
import onnxruntime

from peer_stats import measure, report


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", default=os.path.expanduser("~/.cache/grounding/models/yolo11n/yolo11n.onnx"))
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--iterations", type=int, default=10)
    parser.add_argument("--sizes", type=int, nargs="+", default=[640])
    args = parser.parse_args()

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = args.threads
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(args.model, options, providers=["CPUExecutionProvider"])
    name = session.get_inputs()[0].name
    figures = []
    for size in args.sizes:
        image = np.random.default_rng(0).random((1, 3, size, size), np.float32)
        session.run(None, {name: image})
        figures.append(measure(f"onnxruntime yolo11n {size}", args.iterations, lambda: session.run(None, {name: image})))
    report(figures)


if __name__ == "__main__":
    main()
