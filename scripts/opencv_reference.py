#!/usr/bin/env python3
"""Writes the OpenCV DNN reference detections the Swift Darknet runtime is checked against.

Runs `cv2.dnn.readNetFromDarknet` on every photo in TestImages/ with a fixed, documented
preprocessing (the Swift parity test builds the same input tensor) and records, per image, every
(cell, anchor, class) scoring at least the threshold plus the per-class NMS keep set.

    /root/.cache/grounding/venv/bin/python scripts/opencv_reference.py [--model DIR]

The fixture is committed and must only be regenerated deliberately: the script prints one summary
line per image so that a regeneration shows up as a readable diff of its output.
"""

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

import cv2
import numpy as np

from darknet_cfg import DarknetModel, default_model_dir
from reference_preprocess import RECIPE, load_rgb, to_blob
from yolo_decode import decode_head

REPO = Path(__file__).resolve().parent.parent
SCORE_THRESHOLD = 0.25
NMS_THRESHOLD = 0.45
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png"}

NOTES = [
    "Each output row is [cx, cy, w, h, objectness, class_0 .. class_79]; cx, cy, w, h are relative"
    " to the network input (multiplied by 416 here and turned into [x1, y1, x2, y2]).",
    "Verified against the raw conv outputs feeding each [yolo] layer: rows are ordered"
    " (cell_y, cell_x, slot) with the slot fastest, i.e. row = (cell_y*grid + cell_x)*3 + slot;"
    " \"cell\" is [cell_y, cell_x] and \"anchor\" = mask[slot] indexes model.anchors.",
    "Verified: objectness = sigmoid(t_o); class column = sigmoid(t_o) * sigmoid(t_c) (no softmax);"
    " cx = (cell_x + 1.05*sigmoid(t_x) - 0.025)/grid (scale_x_y = 1.05), w = exp(t_w)*anchor_w/416.",
    "OpenCV zeroes a class column when the product is not above the [yolo] layer's 'thresh' (absent"
    " from this cfg; OpenCV's Darknet importer defaults it to 0.2). This does not affect the scores"
    " >= 0.25 recorded here. There is no objectness cut-off.",
    "raw is sorted by score descending, then grid, cell, anchor, class; each class's raw boxes are"
    " passed to NMSBoxes in that order (ties in score keep that order).",
    "kept[i].raw is the index of the kept detection in raw.",
    "Floats are rounded to 6 significant digits.",
]


def sha256(path):
    """The hex SHA-256 of a file."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def round6(value):
    """`value` rounded to 6 significant digits (keeps the fixture small and diffable)."""
    return float(f"{float(value):.6g}")


def raw_detections(outputs, heads, width, height):
    """Every (cell, anchor, class) whose score is at least SCORE_THRESHOLD, sorted deterministically."""
    raw = []
    for out, head in zip(outputs, heads):
        grid, mask = head["grid"], head["mask"]
        rows, classes = np.nonzero(out[:, 5:] >= SCORE_THRESHOLD)
        for row, cls in zip(rows.tolist(), classes.tolist()):
            cx, cy, bw, bh = (out[row, :4] * [width, height, width, height]).tolist()
            cell, slot = divmod(row, len(mask))
            raw.append({
                "class": cls,
                "score": round6(out[row, 5 + cls]),
                "objectness": round6(out[row, 4]),
                "box": [round6(cx - bw / 2), round6(cy - bh / 2),
                        round6(cx + bw / 2), round6(cy + bh / 2)],
                "grid": grid,
                "cell": list(divmod(cell, grid)),
                "anchor": mask[slot],
                "_xywh": [cx - bw / 2, cy - bh / 2, bw, bh],
                "_score": float(out[row, 5 + cls]),
            })
    raw.sort(key=lambda d: (-d["_score"], d["grid"], d["cell"], d["anchor"], d["class"]))
    return raw


def per_class_nms(raw):
    """Indices into raw kept by cv2.dnn.NMSBoxes run on each class's boxes separately."""
    kept = []
    for cls in sorted({d["class"] for d in raw}):
        members = [i for i, d in enumerate(raw) if d["class"] == cls]
        keep = cv2.dnn.NMSBoxes([raw[i]["_xywh"] for i in members],
                                [raw[i]["_score"] for i in members],
                                SCORE_THRESHOLD, NMS_THRESHOLD)
        kept.extend(sorted(members[k] for k in np.asarray(keep).reshape(-1).tolist()))
    return kept


def check_layout(outputs, convs, heads, width, height):
    """Asserts the row layout and column meaning written in NOTES; returns the largest class product
    OpenCV zeroed and the smallest it kept."""
    zeroed, kept = 0.0, 1.0
    for out, conv, head in zip(outputs, convs, heads):
        expected = decode_head(conv[0].astype(np.float64), head, (width, height))
        nonzero = out[:, 5:] > 0
        assert np.abs(out[:, :5] - expected[:, :5]).max() < 1e-5, "box/objectness layout differs"
        assert np.abs(out[:, 5:][nonzero] - expected[:, 5:][nonzero]).max(initial=0) < 1e-5, "class column differs"
        zeroed = max(zeroed, float(expected[:, 5:][~nonzero].max(initial=0)))
        kept = min(kept, float(out[:, 5:][nonzero].min(initial=1)))
    return zeroed, kept


def dump(fixture, path):
    """JSON with one detection per line, so that a regeneration reads as a small diff."""
    def value(v):
        return json.dumps(v, separators=(",", ":"))
    lines = ["{"]
    top = [(k, v) for k, v in fixture.items() if k != "images"]
    for key, v in top:
        if isinstance(v, list) and v and isinstance(v[0], str):
            lines.append(f" {value(key)}:[")
            lines.append(",\n".join(f"  {value(item)}" for item in v))
            lines.append(" ],")
        else:
            lines.append(f" {value(key)}:{value(v)},")
    lines.append(' "images":[')
    records = []
    for image in fixture["images"]:
        head = ",".join(f"{value(k)}:{value(v)}" for k, v in image.items() if k not in ("raw", "kept"))
        parts = [f"  {{{head},"]
        for key in ("raw", "kept"):
            items = ",\n".join(f"    {value(d)}" for d in image[key])
            parts.append(f'   "{key}":[' + ("\n" + items + "\n   ]" if items else "]")
                         + ("," if key == "raw" else ""))
        parts.append("  }")
        records.append("\n".join(parts))
    lines.append(",\n".join(records))
    lines.append(" ]")
    lines.append("}")
    text = "\n".join(lines) + "\n"
    assert json.loads(text) == json.loads(json.dumps(fixture)), "writer lost information"
    Path(path).write_text(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", default=default_model_dir(),
                        help="folder with yolov4-tiny.cfg, .weights and coco.names")
    parser.add_argument("--images", default=str(REPO / "TestImages"))
    parser.add_argument("--out", default=str(REPO / "Tests/GroundingTests/Fixtures/opencv-reference.json"))
    args = parser.parse_args()

    model = DarknetModel(args.model)
    width, height = model.input_size
    net = cv2.dnn.readNetFromDarknet(str(model.cfg), str(model.weights))
    net.setPreferableBackend(cv2.dnn.DNN_BACKEND_OPENCV)
    net.setPreferableTarget(cv2.dnn.DNN_TARGET_CPU)
    out_names = list(net.getUnconnectedOutLayersNames())
    heads = [dict(head, name=f"yolo_{head['index']}", conv=model.head_input_name(head))
             for head in model.heads]
    assert [h["name"] for h in heads] == out_names, f"unexpected output layers {out_names}"

    images = []
    max_zeroed, min_kept = 0.0, 1.0
    for path in sorted(p for p in Path(args.images).iterdir() if p.suffix.lower() in IMAGE_SUFFIXES):
        rgb = load_rgb(path)
        h, w = rgb.shape[:2]
        blob, resample = to_blob(rgb, model.input_size)
        net.setInput(blob)
        results = net.forward(out_names + [head["conv"] for head in heads])
        outputs, convs = results[:len(heads)], results[len(heads):]
        for head, conv in zip(heads, convs):
            head["grid"] = conv.shape[2]
        zeroed, kept_min = check_layout(outputs, convs, heads, width, height)
        max_zeroed, min_kept = max(max_zeroed, zeroed), min(min_kept, kept_min)
        raw = raw_detections(outputs, heads, width, height)
        kept = per_class_nms(raw)
        images.append({
            "file": path.name, "width": w, "height": h, "resample": resample,
            "raw": [{k: v for k, v in d.items() if not k.startswith("_")} for d in raw],
            "kept": [{"raw": i, "class": raw[i]["class"], "score": raw[i]["score"], "box": raw[i]["box"]}
                     for i in kept],
        })
        summary = ", ".join(f"{model.names[raw[i]['class']]} {raw[i]['score']:.2f}"
                            for i in sorted(kept, key=lambda i: (raw[i]["class"], -raw[i]["_score"])))
        print(f"{path.name}: {len(raw)} raw, {len(kept)} kept: {summary or 'none'}")

    notes = NOTES + [f"Observed over these images: largest zeroed product {max_zeroed:.4f},"
                     f" smallest non-zero class column {min_kept:.4f}."]
    fixture = {
        "generator": "scripts/opencv_reference.py",
        "cv2_version": cv2.__version__,
        "model": {"cfg": model.cfg.name, "cfg_sha256": sha256(model.cfg),
                  "weights": model.weights.name, "weights_sha256": sha256(model.weights),
                  "input": [width, height], "anchors": model.heads[0]["anchors"]},
        "outputs": [{k: h[k] for k in ("name", "conv", "grid", "mask", "scale_x_y")} for h in heads],
        "preprocess": RECIPE + [
            "net.setInput(blob); net.forward(net.getUnconnectedOutLayersNames())  # default backend, CPU"],
        "score_threshold": SCORE_THRESHOLD,
        "nms_threshold": NMS_THRESHOLD,
        "nms": "per class: cv2.dnn.NMSBoxes(boxes_xywh, scores, 0.25, 0.45) with boxes_xywh ="
               " [x1, y1, x2 - x1, y2 - y1] in network-input pixels (unrounded float64)",
        "notes": notes,
        "images": images,
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    dump(fixture, args.out)
    print(f"wrote {os.path.relpath(args.out)}", file=sys.stderr)


if __name__ == "__main__":
    main()
