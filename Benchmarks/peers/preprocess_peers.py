#!/usr/bin/env python3
"""Peer for the `preprocess` stage: OpenCV resize + cv2.dnn.blobFromImage into a 1×3×416×416
float32 blob (scale 1/255), on random RGB images of the same sizes as the Swift side.
Prints a JSON array of Stats (see Harness.swift) on its last line."""
import json

import cv2
import numpy as np

from peer_stats import measure


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
        stats.append(measure("cv2 AREA+blob 4032x3024" + suffix, 30, lambda: blob(large, cv2.INTER_AREA)))
        stats.append(measure("cv2 LINEAR+blob 4032x3024" + suffix, 30, lambda: blob(large, cv2.INTER_LINEAR)))
        stats.append(measure("cv2 LINEAR+blob 768x576" + suffix, 200, lambda: blob(small, cv2.INTER_LINEAR)))
    # The resize alone on bytes (no float conversion, no planar layout): a lower bound.
    cv2.setNumThreads(1)
    resize = cv2.resize
    stats.append(measure("cv2 AREA u8 only 4032x3024 1 thread", 30, lambda: resize(large, (416, 416), interpolation=cv2.INTER_AREA)))
    stats.append(measure("cv2 LINEAR u8 only 4032x3024 1 thread", 30, lambda: resize(large, (416, 416), interpolation=cv2.INTER_LINEAR)))
    stats.append(measure("cv2 LINEAR u8 only 768x576 1 thread", 200, lambda: resize(small, (416, 416), interpolation=cv2.INTER_LINEAR)))
    print(json.dumps(stats))


if __name__ == "__main__":
    main()
