"""Peer for the `decode` stage: OpenCV's JPEG decoding on the same bytes.

Usage: decode_peers.py JPEG ITERATIONS DUMP_DIR [PARITY_IMAGE ...]
Times cv2.imdecode (full size, and OpenCV's own 1/8 DCT-scaled mode) on JPEG and cv2.rotate
by 90° on its decoded pixels, writes
cv2.imread's RGB pixels of JPEG and each PARITY_IMAGE to DUMP_DIR/<name>.rgb for the byte-for-byte
parity check, and prints the figures as a JSON list of Stats on its last line.
"""
import json
import os
import sys
import time

import cv2
import numpy as np


def measure(name, iterations, body, warmup=2):
    for _ in range(warmup):
        body()
    samples = []
    for _ in range(iterations):
        start = time.perf_counter_ns()
        body()
        samples.append((time.perf_counter_ns() - start) / 1e6)
    ordered = sorted(samples)

    def percentile(p):
        return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]

    return {"name": name, "iterations": iterations, "p50": percentile(0.5), "p90": percentile(0.9),
            "p99": percentile(0.99), "mean": sum(samples) / len(samples)}


def main():
    path, iterations, dump_dir, *parity = sys.argv[1:]
    iterations = int(iterations)
    cv2.setNumThreads(1)
    data = np.frombuffer(open(path, "rb").read(), np.uint8)
    stats = [
        measure("cv2.imdecode full", iterations, lambda: cv2.imdecode(data, cv2.IMREAD_COLOR)),
        measure("cv2.imdecode IMREAD_REDUCED_COLOR_8", iterations,
                lambda: cv2.imdecode(data, cv2.IMREAD_REDUCED_COLOR_8)),
    ]
    full = cv2.imdecode(data, cv2.IMREAD_COLOR)
    stats.append(measure("cv2.rotate ROTATE_90_CLOCKWISE", iterations,
                         lambda: cv2.rotate(full, cv2.ROTATE_90_CLOCKWISE)))
    for image in [path] + parity:
        bgr = cv2.imread(image, cv2.IMREAD_COLOR)
        rgb = np.ascontiguousarray(bgr[:, :, ::-1])
        with open(os.path.join(dump_dir, os.path.basename(image) + ".rgb"), "wb") as out:
            out.write(rgb.tobytes())
    print(json.dumps(stats))


if __name__ == "__main__":
    main()
