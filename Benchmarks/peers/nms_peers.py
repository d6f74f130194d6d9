#!/usr/bin/env python3
"""Peer for the "nms" benchmark stage: cv2.dnn.NMSBoxes on the boxes the Swift side measured.

    nms_peers.py BOXES KEPT_OUT ITERATIONS IOU

BOXES holds float32 records x1, y1, x2, y2, score. The kept indices of the last run are written
to KEPT_OUT as int32; the last stdout line is a JSON array with one Stats object (milliseconds).
"""
import json
import sys
import time

import cv2
import numpy as np

boxes_path, kept_path, iterations, iou = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
records = np.fromfile(boxes_path, dtype=np.float32).reshape(-1, 5).astype(np.float64)
# Rect2d is x, y, width, height; widths taken in float64 are exact for float32 corners.
rects = np.stack([records[:, 0], records[:, 1], records[:, 2] - records[:, 0], records[:, 3] - records[:, 1]], axis=1)
scores = records[:, 4].astype(np.float32)

samples = []
kept = None
for _ in range(iterations):
    start = time.perf_counter()
    kept = cv2.dnn.NMSBoxes(rects, scores, 0.0, iou)
    samples.append((time.perf_counter() - start) * 1000)
np.asarray(kept, dtype=np.int32).reshape(-1).tofile(kept_path)

samples.sort()
def percentile(p):
    return samples[min(len(samples) - 1, round(p * (len(samples) - 1)))]
print(json.dumps([{"name": f"cv2.dnn.NMSBoxes {len(records)} boxes", "iterations": len(samples),
                   "p50": percentile(0.5), "p90": percentile(0.9), "p99": percentile(0.99),
                   "mean": sum(samples) / len(samples)}]))
