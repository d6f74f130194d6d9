#!/usr/bin/env python3
"""Does the DCT-scaled JPEG decode change what `ground --tile off` finds? (issue #14, point 2)

With `--tile off` the engine decodes a JPEG at the smallest TurboJPEG DCT scale that keeps the
detector's input size (fast, but not the pixels a full decode and resize would give). This runs
every JPEG photo of the hand-counted set twice, as the JPEG (DCT-scaled decode) and as a lossless
PNG copy of its full decode (decoded at full size, then resized by the engine), and scores both
against truth.json with the benchmark's matching rule (nearest pairs within each object's radius;
unmatched finds in an ignored region are no false marks).
With the default `--tile auto` nothing changes: sliced photos are always decoded at full size.

    Benchmarks/peers/.venv/bin/python Benchmarks/Accuracy/tools/decode_comparison.py   # needs cv2

Run from the repository root after `swift build -c release --product ground`.
"""
import json, os, subprocess, sys, tempfile

import cv2

from matching import centre, false_marks, pair

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GROUND = os.path.join(ROOT, "..", "..", ".build", "release", "ground")


def score(path, query):
    """(matched, false, truth count) for one photo and name with --tile off."""
    run = subprocess.run([GROUND, "count", path, "--object", query["object"], "--json", "--tile", "off"],
                         capture_output=True, text=True, check=True)
    found = json.loads(run.stdout.splitlines()[0])["objects"][0]["detections"]
    points = [centre(d["box"]) for d in found]
    matched, _ = pair(points, query["objects"])
    return len(matched), false_marks(points, matched, query.get("ignore", [])), len(query["objects"])


def main():
    truth = json.load(open(os.path.join(ROOT, "truth.json")))
    totals = {"DCT-scaled JPEG": [0, 0], "full decode (PNG copy)": [0, 0]}
    objects = 0
    with tempfile.TemporaryDirectory() as scratch:
        for photo in truth["photos"]:
            if not photo["file"].lower().endswith((".jpg", ".jpeg")):
                continue
            source = os.path.join(ROOT, "photos", photo["file"])
            copy = os.path.join(scratch, os.path.splitext(photo["file"])[0] + ".png")
            cv2.imwrite(copy, cv2.imread(source))
            for query in photo["queries"]:
                if "object" not in query:
                    continue
                a, b = score(source, query), score(copy, query)
                objects += a[2]
                for key, (tp, fp, _) in zip(totals, (a, b)):
                    totals[key][0] += tp
                    totals[key][1] += fp
                print(f"{photo['file']:22s} {query['object']:12s} truth {a[2]:3d}   JPEG {a[0]:3d} found, {a[1]:2d} false"
                      f"   PNG copy {b[0]:3d} found, {b[1]:2d} false")
    for key, (tp, fp) in totals.items():
        print(f"{key}: recall {tp / objects:.3f}, precision {tp / max(1, tp + fp):.3f} ({tp} of {objects}, {fp} false)")


if __name__ == "__main__":
    sys.exit(main())
