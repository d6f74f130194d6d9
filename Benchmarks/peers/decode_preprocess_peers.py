#!/usr/bin/env python3
"""Peer for the `decode+preprocess` stage: a JPEG file into a 1×3×416×416 float32 blob.

    decode_preprocess_peers.py --image FILE --iterations N

cv2.imread + cv2.dnn.blobFromImage(img, 1/255, (416, 416), swapRB=True) at 1 thread and at
OpenCV's default thread count; then, for reference, OpenCV's own DCT-scaled read
(IMREAD_REDUCED_COLOR_8) + the same blob. The last stdout line is the JSON array the harness reads.
"""

import argparse

import cv2

from peer_stats import measure, report


def blob(path, flags):
    image = cv2.imread(path, flags)
    return cv2.dnn.blobFromImage(image, 1 / 255, (416, 416), swapRB=True, crop=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--image", required=True)
    parser.add_argument("--iterations", type=int, default=20)
    args = parser.parse_args()
    cores = cv2.getNumberOfCPUs()
    stats = []
    for threads in (1, cores):
        cv2.setNumThreads(threads)
        stats.append(measure(f"cv2.imread + blobFromImage {threads} thread{'s' if threads > 1 else ''}", args.iterations,
                             lambda: blob(args.image, cv2.IMREAD_COLOR)))
    cv2.setNumThreads(1)
    stats.append(measure("cv2.imread REDUCED_COLOR_8 + blobFromImage 1 thread", args.iterations,
                         lambda: blob(args.image, cv2.IMREAD_REDUCED_COLOR_8)))
    report(stats)


if __name__ == "__main__":
    main()
