#!/usr/bin/env python3
"""A SAHI-style sliced detection pipeline in Python with OpenCV DNN, timed per image.

    python Benchmarks/peers/sliced_peers.py --model DIR --image TestImages/kite.jpg \
        --slice 416 --overlap 0.2 --threads 2 --iterations 10

Each timed run does the whole job from the file: cv2.imread, cut overlapping square slices (the
last one on each axis flush with the border), preprocess each slice as scripts/opencv_reference.py
does, one OpenCV DNN forward per slice up to the raw [yolo] inputs, YOLO decode in numpy, map the
boxes to image pixels, then cv2.dnn.NMSBoxes per class over all slices. The slice and kept-box
counts are part of the reported name. The last stdout line is the JSON array the harness reads.

--regions "x,y,w,h;..." runs exactly those regions instead (the harness passes its own tile plan,
whole-image pass included); --classes person,kite keeps only those classes before NMS.
"""

import argparse

import cv2
import numpy as np

from peer_stats import measure, report  # first: it puts scripts/ on the import path
from darknet_cfg import DarknetModel, default_model_dir
from reference_preprocess import load_rgb, to_blob
from yolo_decode import decode_head


def slice_starts(length, size, overlap):
    """Start offsets along one axis: a step of size·(1 − overlap), the last slice flush with the
    far border; one slice covering everything when the image is not longer than a slice."""
    if length <= size:
        return [0]
    step = max(1, size - int(overlap * size))
    starts = list(range(0, length - size + 1, step))
    if starts[-1] + size < length:
        starts.append(length - size)
    return starts


class SlicedDetector:
    """OpenCV DNN over overlapping slices, merged by per-class NMS."""

    def __init__(self, model, slice_size, overlap, score, iou, regions=None, classes=None):
        self.model, self.slice_size, self.overlap = model, slice_size, overlap
        self.score, self.iou = score, iou
        self.regions, self.classes = regions, classes
        self.net = cv2.dnn.readNetFromDarknet(str(model.cfg), str(model.weights))
        self.net.setPreferableBackend(cv2.dnn.DNN_BACKEND_OPENCV)
        self.net.setPreferableTarget(cv2.dnn.DNN_TARGET_CPU)
        self.outputs = [model.head_input_name(head) for head in model.heads]

    def slices(self, width, height):
        """(x, y, w, h) of every slice, row by row (or the regions given)."""
        if self.regions is not None:
            return self.regions
        return [(x, y, min(self.slice_size, width), min(self.slice_size, height))
                for y in slice_starts(height, self.slice_size, self.overlap)
                for x in slice_starts(width, self.slice_size, self.overlap)]

    def detect(self, path):
        """(kept boxes [x1, y1, x2, y2] in image pixels, their scores, classes, slice count)."""
        rgb = load_rgb(path)
        slices = self.slices(rgb.shape[1], rgb.shape[0])
        boxes, scores, classes = [], [], []
        for x, y, w, h in slices:
            blob, _ = to_blob(rgb[y:y + h, x:x + w], self.model.input_size)
            self.net.setInput(blob)
            rows = np.concatenate([decode_head(conv[0], head, self.model.input_size)
                                   for conv, head in zip(self.net.forward(self.outputs), self.model.heads)])
            row, cls = np.nonzero(rows[:, 5:] >= self.score)
            if self.classes is not None:
                row, cls = row[np.isin(cls, self.classes)], cls[np.isin(cls, self.classes)]
            cx, cy = rows[row, 0] * w + x, rows[row, 1] * h + y
            bw, bh = rows[row, 2] * w, rows[row, 3] * h
            boxes.append(np.column_stack([cx - bw / 2, cy - bh / 2, bw, bh]))
            scores.append(rows[row, 5 + cls])
            classes.append(cls)
        boxes, scores, classes = np.concatenate(boxes), np.concatenate(scores), np.concatenate(classes)
        kept = []
        for c in np.unique(classes):
            members = np.flatnonzero(classes == c)
            keep = cv2.dnn.NMSBoxes(boxes[members].tolist(), scores[members].tolist(), self.score, self.iou)
            kept.extend(members[np.asarray(keep, int).reshape(-1)])
        kept = np.asarray(kept, int)
        xyxy = boxes[kept] + np.column_stack([np.zeros((len(kept), 2)), boxes[kept][:, :2]])
        return xyxy, scores[kept], classes[kept], len(slices)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", default=default_model_dir(), help="Darknet model folder")
    parser.add_argument("--image", required=True, help="a JPEG or PNG photo")
    parser.add_argument("--slice", type=int, default=416, help="slice side in image pixels")
    parser.add_argument("--overlap", type=float, default=0.2, help="overlap ratio between slices")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--iterations", type=int, default=10)
    parser.add_argument("--score", type=float, default=0.25)
    parser.add_argument("--iou", type=float, default=0.45)
    parser.add_argument("--regions", help="exact regions instead of --slice/--overlap: x,y,w,h;x,y,w,h;...")
    parser.add_argument("--classes", help="keep only these class names, comma-separated (e.g. person,kite)")
    args = parser.parse_args()
    if args.slice < 1 or not 0 <= args.overlap < 1:
        parser.error("--slice must be positive and --overlap in [0, 1)")

    cv2.setNumThreads(args.threads)
    model = DarknetModel(args.model)
    regions = [tuple(int(v) for v in r.split(",")) for r in args.regions.split(";")] if args.regions else None
    wanted = [model.names.index(n) for n in args.classes.split(",")] if args.classes else None
    detector = SlicedDetector(model, args.slice, args.overlap, args.score, args.iou, regions, wanted)
    boxes, scores, classes, slice_count = detector.detect(args.image)
    for box, score, cls in sorted(zip(boxes.tolist(), scores.tolist(), classes.tolist()),
                                  key=lambda d: (d[2], -d[1])):
        print(f"  {model.names[cls]} {score:.2f} [{', '.join(f'{v:.1f}' for v in box)}]")
    if regions:
        counts = ", ".join(f"{model.names[c]} {int((classes == c).sum())}" for c in (wanted or np.unique(classes)))
        name = f"opencv-dnn {slice_count} given regions: {counts}"
    else:
        name = f"opencv-dnn sliced {args.slice}/{args.overlap:g}: {slice_count} slices, {len(boxes)} kept"
    report([measure(name, args.iterations, lambda: detector.detect(args.image))])


if __name__ == "__main__":
    main()
