#!/usr/bin/env python3
"""Peer for the `preprocess` stage: OpenCV resize + cv2.dnn.blobFromImage into a 1×3×416×416
float32 blob (scale 1/255), on random RGB images of the same sizes as the Swift side.
Prints a JSON array of Stats (see Harness.swift) on its last line."""
import json
import time

import cv2
import numpy as np


def measure(name, body, iterations, warmup=2):
    for _ in range(warmup):
        body()
    samples = []
    for _ in range(iterations):
        start = time.perf_counter_ns()
        body()
        samples.append((time.perf_counter_ns() - start) / 1e6)
    ordered = sorted(samples)

    def percentile(p):
        return ordered[min(len(ordered) - 1, int(round(p * (len(ordered) - 1))))]

    return {"name": name, "iterations": len(samples), "p50": percentile(0.5), "p90": percentile(0.9),
            "p99": percentile(0.99), "mean": sum(samples) / len(samples)}


def blob(image, interpolation):
    resized = cv2.resize(image, (416, 416), interpolation=interpolation)
    return cv2.dnn.blobFromImage(resized, scalefactor=1 / 255, size=(416, 416), swapRB=False, crop=False)


def main():
    rng = np.random.default_rng(1)
    large = rng.integers(0, 256, size=(3024, 4032, 3), dtype=np.uint8)
    small = rng.integers(0, 256, size=(576, 768, 3), dtype=np.uint8)
    stats = []
    for threads, suffix in ((1, " 1 thread"), (cv2.getNumberOfCPUs(), f" {cv2.getNumberOfCPUs()} threads")):
        cv2.setNumThreads(threads)
        stats.append(measure("cv2 AREA+blob 4032x3024" + suffix, lambda: blob(large, cv2.INTER_AREA), 30))
        stats.append(measure("cv2 LINEAR+blob 4032x3024" + suffix, lambda: blob(large, cv2.INTER_LINEAR), 30))
        stats.append(measure("cv2 LINEAR+blob 768x576" + suffix, lambda: blob(small, cv2.INTER_LINEAR), 200))
    # The resize alone on bytes (no float conversion, no planar layout): a lower bound.
    cv2.setNumThreads(1)
    resize = cv2.resize
    stats.append(measure("cv2 AREA u8 only 4032x3024 1 thread", lambda: resize(large, (416, 416), interpolation=cv2.INTER_AREA), 30))
    stats.append(measure("cv2 LINEAR u8 only 4032x3024 1 thread", lambda: resize(large, (416, 416), interpolation=cv2.INTER_LINEAR), 30))
    stats.append(measure("cv2 LINEAR u8 only 768x576 1 thread", lambda: resize(small, (416, 416), interpolation=cv2.INTER_LINEAR), 200))
    print(json.dumps(stats))


if __name__ == "__main__":
    main()
