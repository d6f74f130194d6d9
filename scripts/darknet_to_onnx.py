#!/usr/bin/env python3
"""Converts a Darknet cfg + weights model to ONNX (opset 13) for the ONNX Runtime peer.

    /root/.cache/grounding/venv/bin/python scripts/darknet_to_onnx.py [--model DIR] [--out FILE]
        [--check IMAGE]

The graph takes "input" (batch×3×H×W float32, dynamic batch) and returns, for every [yolo] layer,
the raw output of the convolution feeding it, named as OpenCV's Darknet importer names that layer
("conv_29", "conv_36" for YOLOv4-tiny); each peer decodes the YOLO head itself in numpy. Batch
normalisation is folded into the convolutions. `--check IMAGE` runs both ONNX Runtime and OpenCV DNN
on the image and fails unless the outputs agree within 1e-3.
"""

import argparse
import json
import sys
import tempfile
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from darknet_cfg import DarknetModel, default_model_dir

OPSET = 13
#: Darknet divides by sqrt(variance) + this (not sqrt(variance + eps)) in its batch norm.
DARKNET_BN_EPSILON = 0.000001
CHECK_TOLERANCE = 1e-3


class WeightsReader:
    """Reads a .weights file front to back: the header, then each layer's float32 arrays."""

    def __init__(self, path):
        self.path = path
        self.data = Path(path).read_bytes()
        if len(self.data) < 16:
            raise SystemExit(f"{path}: too short for a Darknet weights header; download it again")
        major, minor, _revision = np.frombuffer(self.data, np.int32, 3)
        if major > 1000 or minor > 1000:
            raise SystemExit(f"{path}: transposed (version {major}.{minor}) weights are not supported")
        # The images-seen counter grew from int32 to int64 in format 0.2.
        self.offset = 12 + (8 if major * 10 + minor >= 2 else 4)

    def take(self, count, what):
        end = self.offset + 4 * count
        if end > len(self.data):
            raise SystemExit(f"{self.path}: ends before {what}; the weights do not match the cfg")
        values = np.frombuffer(self.data, np.float32, count, self.offset)
        self.offset = end
        return values.astype(np.float64)

    def finish(self):
        left = len(self.data) - self.offset
        if left:
            raise SystemExit(f"{self.path}: {left} bytes left after the last layer;"
                             " the weights do not match the cfg")


class GraphBuilder:
    """Accumulates ONNX nodes and initializers with unique names."""

    def __init__(self):
        self.nodes, self.initializers = [], []

    def constant(self, name, array):
        self.initializers.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    def node(self, op, inputs, output, **attributes):
        self.nodes.append(helper.make_node(op, inputs, [output], name=output, **attributes))
        return output

    def activation(self, kind, x, name, path):
        """The Darknet activation `kind` applied to tensor `x`, as a tensor named `name`."""
        if kind == "linear":
            return x
        if kind == "leaky":
            return self.node("LeakyRelu", [x], name, alpha=0.1)
        if kind == "relu":
            return self.node("Relu", [x], name)
        if kind == "logistic":
            return self.node("Sigmoid", [x], name)
        if kind == "swish":
            return self.node("Mul", [x, self.node("Sigmoid", [x], name + "_sigmoid")], name)
        if kind == "mish":  # no Mish operator before opset 18: x * tanh(softplus(x))
            softplus = self.node("Softplus", [x], name + "_softplus")
            return self.node("Mul", [x, self.node("Tanh", [softplus], name + "_tanh")], name)
        raise SystemExit(f"{path}: activation '{kind}' is not supported by this converter")


def convert(model):
    """The ONNX model for a ``DarknetModel``."""
    width, height = model.input_size
    weights = WeightsReader(model.weights)
    graph = GraphBuilder()
    # Per layer: (tensor name, channels, height, width); None for [yolo], which has no node.
    shapes = []
    x, c, h, w = "input", model.channels, height, width

    def source(i, at):
        index = i + at if i < 0 else i
        if not 0 <= index < at or shapes[index] is None:
            raise SystemExit(f"{model.cfg}: layer {at} refers to layer {i}, which has no output")
        return shapes[index]

    for i, (kind, p) in enumerate(model.layers):
        name = f"layer_{i}"
        if kind == "convolutional":
            filters, size = int(p["filters"]), int(p.get("size", 1))
            stride, groups = int(p.get("stride", 1)), int(p.get("groups", 1))
            pad = size // 2 if int(p.get("pad", 0)) else int(p.get("padding", 0))
            if "stride_x" in p or "stride_y" in p or int(p.get("dilation", 1)) != 1:
                raise SystemExit(f"{model.cfg}: layer {i}: stride_x/stride_y/dilation are not supported")
            bias = weights.take(filters, f"layer {i}'s biases")
            if int(p.get("batch_normalize", 0)):
                scale, mean, var = (weights.take(filters, f"layer {i}'s batch norm") for _ in range(3))
            kernel = weights.take(filters * c // groups * size * size, f"layer {i}'s weights")
            kernel = kernel.reshape(filters, c // groups, size, size)
            if int(p.get("batch_normalize", 0)):
                factor = scale / (np.sqrt(var) + DARKNET_BN_EPSILON)
                kernel = kernel * factor[:, None, None, None]
                bias = bias - mean * factor
            conv = graph.node("Conv", [x, graph.constant(name + "_w", kernel.astype(np.float32)),
                                       graph.constant(name + "_b", bias.astype(np.float32))],
                              name + "_conv", kernel_shape=[size, size], strides=[stride, stride],
                              pads=[pad] * 4, group=groups)
            x = graph.activation(p.get("activation", "logistic"), conv, name, model.cfg)
            c, h, w = filters, (h + 2 * pad - size) // stride + 1, (w + 2 * pad - size) // stride + 1
        elif kind == "maxpool":
            size = int(p.get("size", 1))
            stride = int(p.get("stride", 1))
            padding = int(p.get("padding", size - 1))
            if "stride_x" in p or "stride_y" in p or int(p.get("maxpool_depth", 0)):
                raise SystemExit(f"{model.cfg}: layer {i}: this maxpool variant is not supported")
            # Darknet pads size-1 in total, the smaller half before: out = (w + padding - size)/stride + 1.
            x = graph.node("MaxPool", [x], name, kernel_shape=[size, size], strides=[stride, stride],
                           pads=[padding // 2, padding // 2, padding - padding // 2, padding - padding // 2])
            h, w = (h + padding - size) // stride + 1, (w + padding - size) // stride + 1
        elif kind == "route":
            groups, group_id = int(p.get("groups", 1)), int(p.get("group_id", 0))
            parts = []
            for ref in (int(v) for v in p["layers"].split(",")):
                part, pc, h, w = source(ref, i)
                if groups > 1:
                    pc //= groups
                    part = graph.node("Slice", [part, graph.constant(f"{name}_{ref}_start", [group_id * pc]),
                                                graph.constant(f"{name}_{ref}_end", [(group_id + 1) * pc]),
                                                graph.constant(f"{name}_{ref}_axis", [1])],
                                      f"{name}_{ref}_slice")
                parts.append((part, pc))
            x = parts[0][0] if len(parts) == 1 else graph.node("Concat", [t for t, _ in parts], name, axis=1)
            c = sum(pc for _, pc in parts)
        elif kind == "upsample":
            stride = int(p.get("stride", 2))
            if stride < 1 or float(p.get("scale", 1)) != 1:
                raise SystemExit(f"{model.cfg}: layer {i}: only upsampling by a positive stride is supported")
            x = graph.node("Resize", [x, "", graph.constant(name + "_scales",
                                                              np.array([1, 1, stride, stride], np.float32))],
                           name, mode="nearest", coordinate_transformation_mode="asymmetric",
                           nearest_mode="floor")
            h, w = h * stride, w * stride
        elif kind == "shortcut":
            if "weights_type" in p:
                raise SystemExit(f"{model.cfg}: layer {i}: weighted shortcuts are not supported")
            other = source(int(p["from"]), i)
            if other[1:] != (c, h, w):
                raise SystemExit(f"{model.cfg}: layer {i}: shortcut between different shapes")
            x = graph.activation(p.get("activation", "linear"), graph.node("Add", [x, other[0]], name + "_add"),
                                 name, model.cfg)
        elif kind == "yolo":
            shapes.append(None)
            continue
        else:
            raise SystemExit(f"{model.cfg}: layer {i}: [{kind}] is not supported by this converter")
        shapes.append((x, c, h, w))
    weights.finish()

    outputs = []
    for head in model.heads:
        tensor, hc, hh, hw = shapes[head["input"]]
        out = graph.node("Identity", [tensor], model.head_input_name(head))
        outputs.append(helper.make_tensor_value_info(out, TensorProto.FLOAT, ["batch", hc, hh, hw]))
    graph_proto = helper.make_graph(
        graph.nodes, "darknet", [helper.make_tensor_value_info("input", TensorProto.FLOAT,
                                                                ["batch", model.channels, height, width])],
        outputs, graph.initializers)
    onnx_model = helper.make_model(graph_proto, producer_name="grounding darknet_to_onnx",
                                   opset_imports=[helper.make_opsetid("", OPSET)])
    onnx_model.ir_version = 8  # the IR version of opset 13; readable by every current runtime
    heads = [{k: head[k] for k in ("mask", "anchors", "classes", "scale_x_y")} for head in model.heads]
    helper.set_model_props(onnx_model, {"yolo_heads": json.dumps(heads),
                                        "source_cfg": model.cfg.name, "source_weights": model.weights.name})
    onnx.checker.check_model(onnx_model)
    return onnx_model


def ensure_onnx(model, out=None):
    """The path of an up-to-date ONNX conversion of `model`, converting if needed: `out`, else
    `<model dir>/yolov4-tiny.onnx`, else (model dir read-only) a file in the temp folder."""
    candidates = [Path(out)] if out else [model.cfg.with_suffix(".onnx"),
                                          Path(tempfile.gettempdir()) / f"grounding-{model.cfg.stem}.onnx"]
    newest_source = max(model.cfg.stat().st_mtime, model.weights.stat().st_mtime)
    for path in candidates:
        if path.is_file() and path.stat().st_mtime >= newest_source:
            return path
    onnx_model = convert(model)
    for path in candidates:
        try:
            onnx.save(onnx_model, str(path))
            return path
        except OSError as error:
            last_error = error
    raise SystemExit(f"{candidates[-1]}: cannot write the ONNX model ({last_error}); pass --out FILE")


def check(model, onnx_path, image):
    """The largest absolute difference between ONNX Runtime's and OpenCV DNN's head inputs."""
    import cv2
    import onnxruntime as ort
    from reference_preprocess import load_rgb, to_blob

    blob, _ = to_blob(load_rgb(image), model.input_size)
    names = [model.head_input_name(head) for head in model.heads]
    session = ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
    ours = session.run(names, {"input": blob})
    net = cv2.dnn.readNetFromDarknet(str(model.cfg), str(model.weights))
    net.setInput(blob)
    theirs = net.forward(names)
    worst = 0.0
    for name, a, b in zip(names, ours, theirs):
        diff = float(np.abs(a - b).max())
        print(f"{name} {list(a.shape)}: max |onnxruntime - opencv| = {diff:.3g}")
        worst = max(worst, diff)
    return worst


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", default=default_model_dir(),
                        help="folder with yolov4-tiny.cfg, .weights and coco.names")
    parser.add_argument("--out", help="ONNX file to write (default: <model dir>/yolov4-tiny.onnx)")
    parser.add_argument("--check", metavar="IMAGE",
                        help="compare ONNX Runtime with OpenCV DNN on this photo")
    args = parser.parse_args()

    model = DarknetModel(args.model)
    out = Path(args.out) if args.out else model.cfg.with_suffix(".onnx")
    onnx.save(convert(model), str(out))
    print(f"wrote {out}")
    if args.check:
        worst = check(model, out, args.check)
        if worst > CHECK_TOLERANCE:
            sys.exit(f"{args.check}: ONNX Runtime and OpenCV DNN differ by {worst:.3g} > {CHECK_TOLERANCE}")
        print(f"ok: within {CHECK_TOLERANCE}")


if __name__ == "__main__":
    main()
