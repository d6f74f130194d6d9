#!/usr/bin/env python3
"""The peer of a one-photo `ground count` call: a fresh Python process that imports OpenCV, loads
YOLOv4-tiny with cv2.dnn.readNetFromDarknet and counts one class in one photo (sliced_peers.py's
pipeline over the whole photo as one slice), timed from spawn to exit; and the same load and count
inside one running process, timed from before the load.

    python Benchmarks/peers/startup_peers.py --model DIR --image TestImages/dog.jpg --object dog \
        --threads 2 --iterations 10

With --once it is that child: it counts and prints the count. The last stdout line is the JSON
array the harness reads.
"""

import argparse
import subprocess
import sys

from peer_stats import measure, report  # first: it puts scripts/ on the import path


def count_once(model_dir, image, name, threads):
    """Loads the model and counts `name` in `image`; everything a one-photo call does after imports."""
    import cv2
    from darknet_cfg import DarknetModel
    from sliced_peers import SlicedDetector

    cv2.setNumThreads(threads)
    model = DarknetModel(model_dir)
    detector = SlicedDetector(model, slice_size=1 << 30, overlap=0, score=0.25, iou=0.45,
                              classes=[model.names.index(name)])
    return len(detector.detect(image)[0])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", required=True, help="Darknet model folder")
    parser.add_argument("--image", required=True, help="a JPEG or PNG photo")
    parser.add_argument("--object", required=True, help="a COCO class name")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--iterations", type=int, default=10)
    parser.add_argument("--once", action="store_true", help="count once and print the count (the timed child)")
    args = parser.parse_args()
    if args.once:
        print(count_once(args.model, args.image, args.object, args.threads))
        return

    child = [sys.executable, __file__, "--once", "--model", args.model, "--image", args.image,
             "--object", args.object, "--threads", str(args.threads)]
    found = subprocess.run(child, check=True, capture_output=True, text=True).stdout.strip()
    import cv2  # noqa: F401  (imported before the in-process figure, as a running service has it)
    report([
        measure(f"python + opencv-dnn process: {args.object} {found}", args.iterations,
                lambda: subprocess.run(child, check=True, capture_output=True)),
        measure("opencv-dnn load + count, in process", args.iterations,
                lambda: count_once(args.model, args.image, args.object, args.threads)),
    ])


if __name__ == "__main__":
    main()
