#!/usr/bin/env python3
"""Writes Tests/GroundingTests/Fixtures/nms-reference.json: the indices cv2.dnn.NMSBoxes keeps.

A seeded set of 300 float32 boxes with tied scores, zero-area boxes, clusters and image-sized
boxes, run through OpenCV at several IoU and score thresholds, class-agnostic (one NMSBoxes call)
and class-aware (one NMSBoxes call per class, merged back into score order; NMSBoxesBatched
shifts boxes by a class offset, which lets empty boxes of different classes suppress each other).

    /root/.cache/grounding/venv/bin/python scripts/nms_reference.py
"""
import json
import pathlib

import cv2
import numpy as np

rng = np.random.default_rng(20261123)
count = 300
corners = []
for i in range(count):
    kind = i % 6
    if kind < 3:  # small boxes anywhere
        x, y = rng.uniform(0, 600), rng.uniform(0, 400)
        w, h = rng.uniform(5, 80), rng.uniform(5, 80)
    elif kind < 5:  # a few clusters of heavily overlapping boxes
        cx, cy = [(100, 100), (300, 200), (500, 300)][i % 3]
        x, y = cx + rng.normal(0, 8), cy + rng.normal(0, 8)
        w, h = rng.uniform(40, 70), rng.uniform(40, 70)
    else:  # big boxes up to the whole image
        x, y = rng.uniform(-20, 100), rng.uniform(-20, 100)
        w, h = rng.uniform(200, 660), rng.uniform(200, 460)
    corners.append([x, y, x + w, y + h])
corners = np.array(corners, dtype=np.float32)
# Zero-area boxes: lines, points, and two far-apart points (OpenCV counts empty pairs as identical).
corners[7, 2] = corners[7, 0]
corners[13, 3] = corners[13, 1]
corners[19] = [50, 50, 50, 50]
corners[25] = [550, 350, 550, 350]
corners[31] = corners[32]  # an exact duplicate
# Scores on a 0.05 grid: many ties.
scores = (rng.integers(1, 20, count) * 0.05).astype(np.float32)
scores[31] = scores[32]
classes = rng.integers(0, 3, count)

# Rect2d takes x, y, width, height; widths computed in float64 are exact for float32 corners, so
# OpenCV sees exactly the boxes the Swift side does.
c64 = corners.astype(np.float64)
rects = [[b[0], b[1], b[2] - b[0], b[3] - b[1]] for b in c64]
score_list = [float(s) for s in scores]


def nms(indices, score_threshold, iou):
    kept = cv2.dnn.NMSBoxes([rects[i] for i in indices], [score_list[i] for i in indices],
                            score_threshold, iou)
    return [indices[k] for k in np.array(kept).reshape(-1)]


cases = []
for iou in [0.0, 0.3, 0.5, 0.7, 1.0]:
    for score_threshold in [0.0, 0.5]:
        agnostic = nms(list(range(count)), score_threshold, iou)
        aware = []
        for c in range(3):
            aware += nms([i for i in range(count) if classes[i] == c], score_threshold, iou)
        aware.sort(key=lambda i: (-scores[i], i))
        cases.append({"iou": iou, "score_threshold": score_threshold, "class_aware": False, "kept": agnostic})
        cases.append({"iou": iou, "score_threshold": score_threshold, "class_aware": True, "kept": aware})

out = pathlib.Path(__file__).resolve().parent.parent / "Tests/GroundingTests/Fixtures/nms-reference.json"
out.write_text(json.dumps({
    "generator": "scripts/nms_reference.py, OpenCV " + cv2.__version__,
    "boxes": [[float(v) for v in b] for b in corners],
    "scores": score_list,
    "classes": [int(c) for c in classes],
    "cases": cases,
}) + "\n")
print(f"wrote {out}: {len(cases)} cases")
