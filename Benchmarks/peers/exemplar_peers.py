"""Peer for stage `exemplar`: cv2.matchTemplate(TM_CCOEFF_NORMED) over the same scales.

Arguments: IMAGE X,Y,W,H WORK_W WORK_H SCALES(comma-separated) ITERATIONS LABEL
Per iteration: grey conversion, cv2.resize(INTER_AREA) to the working size, then for each scale
the exemplar cut from the full image resized to that scale and one cv2.matchTemplate, keeping
the best response per position (no peak finding). Prints a JSON array of Stats on the last line.
"""
import json, sys, time
import cv2
import numpy as np

path, box, work_w, work_h, scales, iterations, label = sys.argv[1:8]
x, y, w, h = map(int, box.split(","))
work_w, work_h, iterations = int(work_w), int(work_h), int(iterations)
scales = [float(s) for s in scales.split(",")]
image = cv2.imread(path, cv2.IMREAD_COLOR)
cv2.setNumThreads(2)
f = work_w / image.shape[1]


def count_once():
    grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY).astype(np.float32) / 255
    small = cv2.resize(grey, (work_w, work_h), interpolation=cv2.INTER_AREA)
    responses = []
    for s in scales:
        tw, th = max(3, round(w * f * s)), max(3, round(h * f * s))
        template = cv2.resize(grey[y:y + h, x:x + w], (tw, th), interpolation=cv2.INTER_AREA)
        responses.append(cv2.matchTemplate(small, template, cv2.TM_CCOEFF_NORMED))
    # The best score per position over the area every scale covers (the largest template's).
    rows = min(r.shape[0] for r in responses)
    cols = min(r.shape[1] for r in responses)
    return np.max([r[:rows, :cols] for r in responses], axis=0)


count_once()
samples = []
for _ in range(iterations):
    start = time.perf_counter()
    count_once()
    samples.append((time.perf_counter() - start) * 1000)
samples.sort()


def pct(p):
    return samples[min(len(samples) - 1, round(p * (len(samples) - 1)))]


print(json.dumps([{"name": f"cv2.matchTemplate {label}", "iterations": len(samples), "p50": pct(0.5),
                   "p90": pct(0.9), "p99": pct(0.99), "mean": sum(samples) / len(samples)}]))
