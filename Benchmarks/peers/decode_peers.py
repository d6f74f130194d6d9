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

import cv2
import numpy as np

from peer_stats import measure


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
