"""Writes the small seed corpora the fuzz targets start from (Tests/GroundingTests/Fuzz/Seeds/).

Run with the peers' venv (OpenCV, numpy, onnx; Benchmarks/peers/setup.sh makes it):
Benchmarks/peers/.venv/bin/python Fuzz/make_seeds.py [TARGET...]   (default: every target)
Seeds are kept small (mostly under 2 KB) so that libFuzzer mutates structure, not pixel data.
"""
import os
import struct
import sys
import zlib

import cv2
import numpy as np

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
SEEDS = os.path.join(ROOT, "Tests", "GroundingTests", "Fuzz", "Seeds")
PHOTO = cv2.imread(os.path.join(ROOT, "TestImages", "horses.jpg"))


def save(target, name, data):
    os.makedirs(os.path.join(SEEDS, target), exist_ok=True)
    with open(os.path.join(SEEDS, target, name), "wb") as f:
        f.write(data)


def small(width, height):
    return cv2.resize(PHOTO, (width, height), interpolation=cv2.INTER_AREA)


def jpeg(image, *params):
    ok, data = cv2.imencode(".jpg", image, list(params))
    assert ok
    return data.tobytes()


def with_exif(data, orientation, big_endian):
    """Splices an APP1 Exif segment with one IFD0 entry (Orientation) after SOI."""
    e = ">" if big_endian else "<"
    tiff = (b"MM" if big_endian else b"II") + struct.pack(e + "HI", 42, 8)
    tiff += struct.pack(e + "H", 2)
    tiff += struct.pack(e + "HHI", 0x0112, 3, 1) + struct.pack(e + "HH", orientation, 0)
    tiff += struct.pack(e + "HHII", 0x011A, 5, 1, 38)  # XResolution, a RATIONAL stored after the IFD
    tiff += struct.pack(e + "I", 0) + struct.pack(e + "II", 72, 1)
    body = b"Exif\0\0" + tiff
    return data[:2] + b"\xFF\xE1" + struct.pack(">H", len(body) + 2) + body + data[2:]


def png(width, height, color_type, bit_depth, rows, extra=b"", interlace=0):
    def chunk(kind, payload):
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, interlace)
    raw = b"".join(b"\0" + row for row in rows)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + extra + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def jpeg_seeds():
    image = small(24, 16)
    save("jpeg", "baseline-420.jpg", jpeg(image, cv2.IMWRITE_JPEG_QUALITY, 80))
    save("jpeg", "baseline-444.jpg", jpeg(image, cv2.IMWRITE_JPEG_SAMPLING_FACTOR, cv2.IMWRITE_JPEG_SAMPLING_FACTOR_444))
    save("jpeg", "baseline-422.jpg", jpeg(image, cv2.IMWRITE_JPEG_SAMPLING_FACTOR, cv2.IMWRITE_JPEG_SAMPLING_FACTOR_422))
    save("jpeg", "progressive.jpg", jpeg(image, cv2.IMWRITE_JPEG_PROGRESSIVE, 1))
    save("jpeg", "optimized-restart.jpg", jpeg(image, cv2.IMWRITE_JPEG_OPTIMIZE, 1, cv2.IMWRITE_JPEG_RST_INTERVAL, 1))
    save("jpeg", "gray.jpg", jpeg(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)))
    save("jpeg", "one-pixel.jpg", jpeg(small(1, 1)))
    save("jpeg", "odd-size.jpg", jpeg(small(17, 9)))
    save("jpeg", "exif-right.jpg", with_exif(jpeg(small(16, 8)), 6, False))
    save("jpeg", "exif-left-mm.jpg", with_exif(jpeg(small(9, 5)), 8, True))


def exif_seeds():
    for orientation in range(1, 9):
        data = with_exif(jpeg(small(8, 8), cv2.IMWRITE_JPEG_QUALITY, 10), orientation, orientation % 2 == 0)
        save("exif", "orientation-%d.jpg" % orientation, data[:200])


def png_seeds():
    image = small(12, 8)
    save("png", "rgb.png", cv2.imencode(".png", image)[1].tobytes())
    save("png", "rgba.png", cv2.imencode(".png", cv2.cvtColor(image, cv2.COLOR_BGR2BGRA))[1].tobytes())
    save("png", "gray.png", cv2.imencode(".png", cv2.cvtColor(image, cv2.COLOR_BGR2GRAY))[1].tobytes())
    save("png", "rgb16.png", cv2.imencode(".png", image.astype(np.uint16) * 257)[1].tobytes())
    save("png", "bilevel.png", cv2.imencode(".png", cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), [cv2.IMWRITE_PNG_BILEVEL, 1])[1].tobytes())
    palette = struct.pack(">I", 9) + b"PLTE" + bytes([255, 0, 0, 0, 255, 0, 0, 0, 255])
    palette += struct.pack(">I", zlib.crc32(b"PLTE" + bytes([255, 0, 0, 0, 255, 0, 0, 0, 255])))
    trns = struct.pack(">I", 2) + b"tRNS" + bytes([0, 128]) + struct.pack(">I", zlib.crc32(b"tRNS" + bytes([0, 128])))
    rows = [bytes([(x + y) % 3 for x in range(6)]) for y in range(4)]
    save("png", "palette-trns.png", png(6, 4, 3, 8, rows, palette + trns))
    gray_alpha = [bytes(v for x in range(5) for v in (x * 50, 255 - y * 60)) for y in range(3)]
    save("png", "gray-alpha.png", png(5, 3, 4, 8, gray_alpha))
    # Adam7: a 1×1 image has data only in the first pass, one filtered row of one pixel.
    save("png", "interlaced-1x1.png", png(1, 1, 2, 8, [bytes([10, 20, 30])], interlace=1))
    gamma = struct.pack(">I", 4) + b"gAMA" + struct.pack(">I", 45455) + struct.pack(">I", zlib.crc32(b"gAMA" + struct.pack(">I", 45455)))
    save("png", "gamma-rgb16.png", png(2, 2, 2, 16, [bytes(range(12)), bytes(range(12, 24))], gamma))


def cfg_seeds():
    with open(os.path.expanduser("~/.cache/grounding/models/yolov4-tiny/yolov4-tiny.cfg"), "rb") as f:
        save("cfg", "yolov4-tiny.cfg", f.read())
    net = b"[net]\nwidth=32\nheight=32\nchannels=3\n"
    head = b"[convolutional]\nsize=1\nfilters=18\nactivation=linear\n[yolo]\nmask=0,1,2\nanchors=10,14,23,27,37,58\nclasses=1\nnum=3\n"
    save("cfg", "minimal.cfg", net + head)
    save("cfg", "layers.cfg", net + b"[convolutional]\nbatch_normalize=1\nfilters=8\nsize=3\nstride=2\npad=1\nactivation=mish\n"
         b"[maxpool]\nsize=2\nstride=1\n[route]\nlayers=-1\ngroups=2\ngroup_id=1\n[upsample]\nstride=2\n"
         b"[convolutional]\nfilters=4\nsize=1\nactivation=logistic\n[shortcut]\nfrom=-2\nactivation=linear\n[route]\nlayers=-1,-3\n" + head)


def weights_seeds():
    # The fixed model (Tests/GroundingTests/Fuzz/Model/fuzz.cfg) needs 286 parameters.
    count = 286
    rng = np.random.default_rng(7)
    values = rng.normal(0, 0.5, count).astype("<f4")
    # Batch-norm variances (the 4 values after biases and scales) must be positive to be sane.
    values[12:16] = np.abs(values[12:16]) + 0.1
    save("weights", "v0.2.weights", struct.pack("<iiiq", 0, 2, 0, 1000) + values.tobytes())
    save("weights", "v0.1.weights", struct.pack("<iiii", 0, 1, 0, 1000) + values.tobytes())
    save("weights", "zeros.weights", struct.pack("<iiiq", 0, 2, 5, 0) + bytes(4 * count))


def onnx_seeds():
    """Small models for a 1×1×4×4 input (the onnx target's), each a different mix of the operators
    the runtime implements, checked with ONNX's own checker."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    rng = np.random.default_rng(11)

    def const(name, array):
        return numpy_helper.from_array(np.asarray(array), name)

    def model(name, nodes, output, shape, initializers):
        graph = helper.make_graph(nodes, name, [helper.make_tensor_value_info("images", TensorProto.FLOAT, [1, 1, 4, 4])],
                                  [helper.make_tensor_value_info(output, TensorProto.FLOAT, shape)], initializers)
        made = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], ir_version=8)
        made.metadata_props.add(key="names", value="{0: 'thing'}")
        onnx.checker.check_model(made)
        save("onnx", name + ".onnx", made.SerializeToString())

    weights = rng.normal(0, 0.5, (2, 1, 3, 3)).astype(np.float32)
    model("conv-relu", [helper.make_node("Conv", ["images", "w", "b"], ["c"], pads=[1, 1, 1, 1]),
                        helper.make_node("Relu", ["c"], ["out"])],
          "out", [1, 2, 4, 4], [const("w", weights), const("b", np.float32([0.1, -0.1]))])
    model("silu-pool-resize-concat",
          [helper.make_node("Conv", ["images", "w"], ["c"]),
           helper.make_node("Sigmoid", ["c"], ["s"]),
           helper.make_node("Mul", ["c", "s"], ["silu"]),
           helper.make_node("MaxPool", ["silu"], ["p"], kernel_shape=[2, 2], strides=[2, 2]),
           helper.make_node("Resize", ["p", "", "scales"], ["up"], mode="nearest"),
           helper.make_node("Concat", ["silu", "up"], ["cat"], axis=1),
           helper.make_node("Add", ["cat", "bias"], ["out"])],
          "out", [1, 4, 4, 4], [const("w", rng.normal(0, 0.5, (2, 1, 1, 1)).astype(np.float32)),
                                const("scales", np.float32([1, 1, 2, 2])),
                                const("bias", np.float32(0.25).reshape(1, 1, 1, 1))])
    model("shape-reshape-softmax-matmul",
          [helper.make_node("Shape", ["images"], ["shape"]),
           helper.make_node("Gather", ["shape", "zero"], ["batch"], axis=0),
           helper.make_node("Unsqueeze", ["batch", "axes"], ["batch1"]),
           helper.make_node("Concat", ["batch1", "minus_one"], ["target"], axis=0),
           helper.make_node("Reshape", ["images", "target"], ["flat"]),
           helper.make_node("Softmax", ["flat"], ["soft"], axis=1),
           helper.make_node("Transpose", ["soft"], ["column"], perm=[1, 0]),
           helper.make_node("MatMul", ["soft", "column"], ["out"])],
          "out", [1, 1], [const("zero", np.int64(0)), const("axes", np.int64([0])), const("minus_one", np.int64([-1]))])
    model("split-slice-transpose",
          [helper.make_node("Split", ["images", "halves"], ["top", "bottom"], axis=2),
           helper.make_node("Sub", ["top", "bottom"], ["diff"]),
           helper.make_node("Div", ["diff", "two"], ["half"]),
           helper.make_node("Transpose", ["half"], ["t"], perm=[0, 1, 3, 2]),
           helper.make_node("Slice", ["t", "starts", "ends", "slice_axes"], ["s"]),
           helper.make_node("Flatten", ["s"], ["out"], axis=1)],
          "out", [1, 6], [const("halves", np.int64([2, 2])), const("two", np.float32(2)),
                          const("starts", np.int64([1])), const("ends", np.int64([4])), const("slice_axes", np.int64([2]))])


def names_seeds():
    """Names as people and assistants write them, one of each way the phrase parser reads them."""
    for index, text in enumerate([
            "two red cars on the left, and the dogs", "people except children", "non-human animals",
            "the clock's hands", "cars of a train on the bridge", "bags of rice; a glass of wine",
            "kids playing football", "a man on a horse", "cow herd", "zebra herds", "phone cases",
            "whale", "tvmonitor", "Dining-Table", "pelicans", "\u00e9l\u00e9phants \u201cmignons\u201d",
            "all objects", "sled runners", "3 traffic cones", "dogs' leads"]):
        save("names", "name-%02d.txt" % index, text.encode())


def request_seeds():
    """Requests as the C library and Python send them: every key the decoder knows, once."""
    save("request", "count.json", b'{"image": {"path": "dog.jpg"}, "queries": ["dog"], "mode": "count"}')
    save("request", "options.json", b'{"image": {"path": "a.jpg"}, "queries": ["person", {"exemplar": [[1, 2, 30, 40]]}], '
         b'"mode": "bbox", "strict": true, "draw": "png", "options": {"threshold": 0.3, "iou": 0.45, '
         b'"max_detections": 10, "tiling": "auto", "overlap": 0.2, "class_agnostic": false, "look_inside": true, '
         b'"find_the_rest": false, "exemplar": {"similarity": 0.6}}}')
    save("request", "pixels.json", b'{"image": {"pixels": {"width": 2, "height": 1, "rgb": "AAAA////"}}, '
         b'"queries": ["cats"], "mode": "point"}')
    save("request", "encoded.json", b'{"image": {"encoded": "iVBORw0KGgo="}, "queries": ["car"], "mode": "bbox"}')
    save("request", "duplicate-key.json", b'{"image": {"path": "a.jpg", "path": "b.jpg"}, "queries": ["dog"], "mode": "count"}')
    save("request", "big-number.json", b'{"image": {"path": "a.jpg"}, "queries": ["dog"], "mode": "count", "options": {"threshold": 1e999}}')


def answer_seeds():
    """Whole requests with their pixels inside (base64 RGB of the horses photo, shrunk), each a
    different mix of modes, names, exemplars and options, for the answer target's engine."""
    import base64
    import json

    def pixels(width, height):
        rgb = cv2.cvtColor(small(width, height), cv2.COLOR_BGR2RGB)
        return {"pixels": {"width": width, "height": height, "rgb": base64.b64encode(rgb.tobytes()).decode()}}

    def request(name, image, queries, mode, **extra):
        body = {"image": image, "queries": queries, "mode": mode, **extra}
        save("answer", name, json.dumps(body, separators=(",", ":")).encode())

    request("count.json", pixels(48, 32), ["horses", "people"], "count")
    request("tiled.json", pixels(64, 48), ["animals"], "bbox",
            options={"tiling": 32, "overlap": 0.25, "find_the_rest": True, "look_around": True})
    request("exemplar.json", pixels(40, 24), [{"exemplar": [[4, 4, 14, 14]]}, "dog"], "point",
            options={"exemplar": {"similarity": 0.5}})
    request("drawn.json", pixels(24, 16), ["every object except people"], "bbox", draw="png",
            options={"threshold": 0.1, "class_agnostic": True, "max_detections": 5})
    request("encoded.json", {"encoded": base64.b64encode(cv2.imencode(".png", small(20, 12))[1].tobytes()).decode()},
            ["two red cars on the left"], "count", strict=True)


SEEDS_OF = {"jpeg": jpeg_seeds, "exif": exif_seeds, "png": png_seeds, "cfg": cfg_seeds, "weights": weights_seeds,
            "onnx": onnx_seeds, "names": names_seeds, "request": request_seeds,
            "answer": answer_seeds}
for target in sys.argv[1:] or SEEDS_OF:
    SEEDS_OF[target]()
