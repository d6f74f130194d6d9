#!/usr/bin/env python3
"""How many hand-counted objects can the detector see at all? (issue #14: what stands in the way)

Every way Grounding finds objects of a COCO name (the whole-image pass, slices, zoomed looks,
finding the rest) ends in the detector naming the object in some view of the photo. This shows
the detector each hand-counted object on its own, in six views centred on its truth point: squares
of 6, 12 and 24 times its radius (the object with little, some and much of its surroundings) and
of 416, 208 and 104 photo pixels (YOLOv4-tiny's input size at 1, 2 and 4 times zoom). A view
that would cross the border is moved inside the photo. The object is *seen* when, in at least one
view, `ground count --tile off --no-find-the-rest` returns a box of the name containing the point.

The share seen is a ceiling for any proposer that confirms with the detector, however good: an
object the detector names in none of the views is not found by slicing or zooming either. It is
not a strict bound on the count itself: a detector can name an object amid its neighbours that it
misses alone, so the table also gives what the default count finds and the union of the two.

    Benchmarks/peers/.venv/bin/python Benchmarks/Accuracy/tools/detector_ceiling.py [-- GROUND ARGS]

Run from the repository root after `swift build -c release --product ground`; needs Pillow.
Arguments after `--` go to every `ground count` (e.g. `-- --model PATH/yolo11n.onnx`).
Takes a few minutes per model (about 2,500 views).
"""
import json
import os
import subprocess
import sys
import tempfile

from PIL import Image, ImageOps

from matching import centre, matches, pair

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GROUND = os.path.join(ROOT, "..", "..", ".build", "release", "ground")
RADIUS_MULTIPLES = (6, 12, 24)
FIXED_SIDES = (416, 208, 104)


def views(width, height, x, y, radius):
    """The squares (left, top, side) shown for an object at (x, y), moved inside the photo."""
    sides = sorted({max(16, round(m * radius)) for m in RADIUS_MULTIPLES} | set(FIXED_SIDES))
    placed = []
    for side in sides:
        side = min(side, width, height)
        left = min(max(0, round(x - side / 2)), width - side)
        top = min(max(0, round(y - side / 2)), height - side)
        placed.append((left, top, side))
    return sorted(set(placed))


def count(paths, name, extra):
    """ground count's detections of `name`, per path, as lists of boxes."""
    run = subprocess.run([GROUND, "count", *paths, "--object", name, "--json", "--tile", "off",
                          "--no-find-the-rest", *extra], capture_output=True, text=True, check=True)
    boxes = {}
    for line in run.stdout.splitlines():
        answer = json.loads(line)
        boxes[answer["image"]["path"]] = [d["box"] for o in answer["objects"] for d in o["detections"]]
    return boxes


def main():
    extra = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else []
    truth = json.load(open(os.path.join(ROOT, "truth.json")))
    totals = [0, 0, 0, 0]
    print(f"{'photo':22s} {'name':12s} {'truth':>5s} {'seen':>5s} {'count':>5s} {'either':>6s}")
    with tempfile.TemporaryDirectory() as folder:
        for photo in truth["photos"]:
            path = os.path.join(ROOT, "photos", photo["file"])
            image = ImageOps.exif_transpose(Image.open(path)).convert("RGB")
            for query in photo["queries"]:
                if "object" not in query:
                    continue
                shown = []  # (view path, object index, the object in the view's pixels)
                for k, (x, y, radius, *extent) in enumerate(query["objects"]):
                    for left, top, side in views(image.width, image.height, x, y, radius):
                        view = os.path.join(folder, f"{len(shown)}.png")
                        image.crop((left, top, left + side, top + side)).save(view)
                        # The object in the view's pixels, its extent too where recorded.
                        moved = [x - left, y - top, radius] + ([extent[0] - left, extent[1] - top, *extent[2:]] if extent else [])
                        shown.append((view, k, moved))
                boxes = count([v for v, _, _ in shown], query["object"], extra)
                seen = {k for view, k, obj in shown if any(matches(centre(b), obj) for b in boxes[view])}
                for view, _, _ in shown:
                    os.remove(view)
                # The default count, with slicing and finding the rest, for the comparison.
                run = subprocess.run([GROUND, "count", path, "--object", query["object"], "--json", *extra],
                                     capture_output=True, text=True, check=True)
                found = [d["box"] for o in json.loads(run.stdout)["objects"] for d in o["detections"]]
                _, counted = pair([centre(b) for b in found], query["objects"])
                figures = (len(query["objects"]), len(seen), len(counted), len(seen | counted))
                for i, v in enumerate(figures):
                    totals[i] += v
                print(f"{photo['file']:22s} {query['object']:12s} " + " ".join(f"{v:5d}" for v in figures), flush=True)
    n, seen, counted, either = totals
    print(f"{'total':35s} {n:5d} {seen:5d} {counted:5d} {either:5d}")
    print(f"share of hand-counted objects: seen alone {seen / n:.2f}, found by the count {counted / n:.2f}, "
          f"either {either / n:.2f}")


if __name__ == "__main__":
    main()
