#!/usr/bin/env python3
"""Would a second, mirrored view of each photo help? (issue #14: a measured trial, not built)

A detector's misses and its false marks depend in part on the view: a player seen in one crop is
lost in a crop a little wider. The cheapest other view is the photo mirrored left to right. This
counts each COCO query of truth.json twice, on the photo and on its mirror image, with `ground
bbox` as shipped, mirrors the second answer's boxes back, and scores with the stage's rule:

- each view alone;
- their union (one box kept of two overlapping more than 0.45 IoU, the engine's default);
- their agreement (a box of the photo kept only when the mirror image has one overlapping it by
  at least 0.3 IoU): whether a false mark is a view's accident that the other view does not repeat;
- what the mirror image adds to the photo's answer (its boxes overlapping none of the photo's by
  more than 0.45 IoU), box by box, true or false, with its score and how it was found
  (`found_by`).

The mirror image of a JPEG is the same file with an EXIF orientation tag of 2 in place of its
EXIF, so both views are decoded alike (none of truth.json's JPEGs has another orientation); a PNG's
pixels are mirrored.

    Benchmarks/peers/.venv/bin/python Benchmarks/Accuracy/tools/mirrored_view.py [-- GROUND ARGS]

Run from the repository root after `swift build -c release --product ground`; needs Pillow.
Arguments after `--` go to every `ground bbox` (e.g. `-- --model PATH/yolo11n.onnx`).
"""
import json
import os
import struct
import subprocess
import sys
import tempfile

from PIL import Image

from matching import centre, false_marks, pair

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GROUND = os.path.join(ROOT, "..", "..", ".build", "release", "ground")
SUPPRESSION_IOU = 0.45
AGREEMENT_IOU = 0.3


def exif_orientation_segment(orientation):
    """A JPEG APP1 segment holding only an EXIF orientation tag."""
    entry = struct.pack(">HHIHH", 0x0112, 3, 1, orientation, 0)
    tiff = b"MM\x00\x2a" + struct.pack(">I", 8) + struct.pack(">H", 1) + entry + struct.pack(">I", 0)
    body = b"Exif\x00\x00" + tiff
    return b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body


def write_mirror(source, destination):
    """Writes the mirror image of `source` to `destination` (see the module's note)."""
    if not source.lower().endswith((".jpg", ".jpeg")):
        Image.open(source).transpose(Image.Transpose.FLIP_LEFT_RIGHT).save(destination)
        return
    data = open(source, "rb").read()
    position, kept = 2, []
    while data[position + 1] != 0xDA:  # the segments before the scan; EXIF (APP1) is left out
        length = struct.unpack(">H", data[position + 2:position + 4])[0]
        if data[position + 1] != 0xE1:
            kept.append(data[position:position + 2 + length])
        position += 2 + length
    with open(destination, "wb") as file:
        file.write(b"\xff\xd8" + exif_orientation_segment(2) + b"".join(kept) + data[position:])


def boxes(path, name, arguments):
    """(box, score, found_by) of every object `ground bbox` finds of `name` in `path`."""
    run = subprocess.run([GROUND, "bbox", path, "--object", name, "--json"] + arguments,
                         capture_output=True, text=True, check=True)
    answer = json.loads(run.stdout)
    return [(d["box"], d["score"], d.get("found_by")) for o in answer["objects"] for d in o["detections"]]


def iou(a, b):
    """Intersection over union of two boxes [x1, y1, x2, y2]."""
    width = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    height = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = width * height
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0


def union_of(first, second):
    """Both views' boxes, the higher-scoring kept of two overlapping by more than SUPPRESSION_IOU."""
    kept = []
    for candidate in sorted(first + second, key=lambda d: -d[1]):
        if all(iou(candidate[0], k[0]) <= SUPPRESSION_IOU for k in kept):
            kept.append(candidate)
    return kept


def score(found, query):
    """(true, false) marks of `found` against a truth query, ignored regions left out."""
    points = [centre(d[0]) for d in found]
    matched, _ = pair(points, query["objects"])
    return len(matched), false_marks(points, matched, query.get("ignore", []))


def main():
    arguments = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else []
    truth = json.load(open(os.path.join(ROOT, "truth.json")))
    ways = ("photo", "mirror image", "union", "agreement")
    totals = {(way, group): [0, 0, 0] for way in ways for group in ("all", "held-out", "sparse")}
    added = []
    with tempfile.TemporaryDirectory() as folder:
        for photo in truth["photos"]:
            source = os.path.join(ROOT, "photos", photo["file"])
            mirror = os.path.join(folder, photo["file"])
            write_mirror(source, mirror)
            for query in photo["queries"]:
                if "object" not in query:
                    continue
                first = boxes(source, query["object"], arguments)
                width = photo["width"]
                second = [([width - b[2], b[1], width - b[0], b[3]], s, how)
                          for b, s, how in boxes(mirror, query["object"], arguments)]
                answers = {"photo": first, "mirror image": second, "union": union_of(first, second),
                           "agreement": [d for d in first if any(iou(d[0], m[0]) >= AGREEMENT_IOU for m in second)]}
                groups = ["all"] + (["held-out"] if photo.get("heldout") else []) + (
                    ["sparse"] if len(query["objects"]) < 10 else [])
                for way, found in answers.items():
                    true, false = score(found, query)
                    for group in groups:
                        total = totals[(way, group)]
                        total[0] += true
                        total[1] += false
                        total[2] += len(query["objects"])
                extra = [m for m in second if all(iou(m[0], d[0]) <= SUPPRESSION_IOU for d in first)]
                points = [centre(d[0]) for d in first + extra]
                matched, _ = pair(points, query["objects"])
                for i, d in enumerate(extra, len(first)):
                    added.append((photo["file"], query["object"], d[1], d[2], i in matched))
    print(f"{'view':<14}{'group':<10}{'true':>6}{'false':>7}{'recall':>8}{'precision':>11}")
    for (way, group), (true, false, objects) in totals.items():
        print(f"{way:<14}{group:<10}{true:>6}{false:>7}{true / objects:>8.2f}{true / max(1, true + false):>11.3f}")
    print("\nadded by the mirror image:")
    for file, name, value, how, true in sorted(added, key=lambda a: a[2]):
        print(f"  {value:.2f}  {'true ' if true else 'false'}  {how or '':<9} {file} ({name})")


if __name__ == "__main__":
    main()
