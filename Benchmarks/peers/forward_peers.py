#!/usr/bin/env python3
"""One forward pass of the Darknet model (YOLOv4-tiny, 416×416) in ONNX Runtime and OpenCV DNN.

    python Benchmarks/peers/forward_peers.py --model DIR --threads 2 --iterations 30 --batch 1

Both run on the same seeded random input batch and stop at the raw convolution outputs feeding the
[yolo] layers (decoding is not part of a forward pass); a third figure runs OpenCV's whole net
including its own [yolo] decode. ONNX Runtime runs the graph from
scripts/darknet_to_onnx.py, converted on first use. Prints one line per peer, then the figures as
a JSON array (the Swift harness reads the last line).
"""

import argparse

import cv2
import numpy as np
import onnxruntime as ort

from peer_stats import measure, report  # first: it puts scripts/ on the import path
from darknet_cfg import DarknetModel, default_model_dir
from darknet_to_onnx import ensure_onnx


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", default=default_model_dir(), help="Darknet model folder")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--iterations", type=int, default=30)
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--onnx", help="ONNX file (default: converted next to the cfg on first use)")
    args = parser.parse_args()

    model = DarknetModel(args.model)
    width, height = model.input_size
    blob = np.random.default_rng(0).random((args.batch, model.channels, height, width), np.float32)
    outputs = [model.head_input_name(head) for head in model.heads]

    options = ort.SessionOptions()
    options.intra_op_num_threads = args.threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    session = ort.InferenceSession(str(ensure_onnx(model, args.onnx)), options,
                                   providers=["CPUExecutionProvider"])

    cv2.setNumThreads(args.threads)
    net = cv2.dnn.readNetFromDarknet(str(model.cfg), str(model.weights))
    net.setPreferableBackend(cv2.dnn.DNN_BACKEND_OPENCV)
    net.setPreferableTarget(cv2.dnn.DNN_TARGET_CPU)

    def opencv_forward(names):
        net.setInput(blob)
        net.forward(names)

    b = args.batch
    report([
        measure(f"onnxruntime forward b{b}", args.iterations, lambda: session.run(outputs, {"input": blob})),
        measure(f"opencv-dnn forward b{b}", args.iterations, lambda: opencv_forward(outputs)),
        # The whole OpenCV net, with its own [yolo] decode (Permute + Region layers), for reference.
        measure(f"opencv-dnn forward+yolo b{b}", args.iterations,
                lambda: opencv_forward(net.getUnconnectedOutLayersNames())),
    ])


if __name__ == "__main__":
    main()
