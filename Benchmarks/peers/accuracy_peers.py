#!/usr/bin/env python3
"""The accuracy stage's peer: the SAHI library slicing the same detector Grounding answers COCO
names with: YOLOv4-tiny through OpenCV DNN (`--model yolov4-tiny`, Grounding's default), or
YOLO11n through ONNX Runtime (`--model yolo11n`, for `ground --model yolo11n.onnx`).

    python Benchmarks/peers/accuracy_peers.py JOBS.json [--model yolov4-tiny|yolo11n] [--onnx PATH]

JOBS.json is a list of {"path": PHOTO, "objects": [COCO names]}. For each photo, SAHI's
get_sliced_prediction with its usual settings: 512×512 slices overlapping by 0.2 on both axes,
the standard whole-image prediction added (perform_standard_pred), postprocess GREEDYNMM matched
by IOS ≥ 0.5, class-aware, confidence 0.25. Each model is a SAHI DetectionModel subclass:
- YOLO11n: ONNX Runtime on the slice letterboxed to 640 on grey 114, as Ultralytics predicts,
  each anchor's best class, per-class NMS at IoU 0.7 (Ultralytics' defaults);
- YOLOv4-tiny: cv2.dnn's Darknet reader, preprocessed and decoded as scripts/opencv_reference.py
  does, with per-class cv2.dnn.NMSBoxes (IoU 0.45) inside each slice as any YOLO wrapper does.

It only predicts; the harness scores. The last stdout line is a JSON list, one entry per job:
{"path", "boxes": {name: [[x1, y1, x2, y2], ...]}, "ms"}.
"""

import json
import sys
import time

import cv2
import numpy as np
from sahi.models.base import DetectionModel
from sahi.predict import get_sliced_prediction
from sahi.prediction import ObjectPrediction

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[2] / "scripts"))
from darknet_cfg import DarknetModel, default_model_dir  # noqa: E402
from reference_preprocess import to_blob  # noqa: E402
from yolo_decode import decode_head  # noqa: E402

SLICE, OVERLAP, CONFIDENCE, NMS_IOU = 512, 0.2, 0.25, 0.45
ULTRALYTICS_SIZE, ULTRALYTICS_IOU = 640, 0.7


def per_class_nms(boxes, scores, classes, confidence, iou):
    """Indices kept by cv2.dnn.NMSBoxes run class by class (boxes as x, y, w, h)."""
    kept = []
    for c in np.unique(classes):
        index = np.nonzero(classes == c)[0]
        keep = cv2.dnn.NMSBoxes(boxes[index].tolist(), scores[index].tolist(), confidence, iou)
        kept += [int(index[k]) for k in np.array(keep).reshape(-1)]
    return kept


class ONNXRuntimeUltralyticsModel(DetectionModel):
    """YOLO11n (an Ultralytics ONNX export) through ONNX Runtime, as a SAHI detection model."""

    def load_model(self):
        import onnxruntime
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 2
        session = onnxruntime.InferenceSession(self.model_path, options, providers=["CPUExecutionProvider"])
        self.set_model(session)

    def set_model(self, model, **kwargs):
        self.model = model
        names = eval(model.get_modelmeta().custom_metadata_map["names"])  # a dict literal {0: 'person', ...}
        self.category_mapping = {str(i): name for i, name in names.items()}

    def perform_inference(self, image):
        """`image`: an H×W×3 uint8 RGB slice, as SAHI passes it."""
        h, w = image.shape[:2]
        scale = min(ULTRALYTICS_SIZE / w, ULTRALYTICS_SIZE / h)
        pw, ph = round(w * scale), round(h * scale)
        x0, y0 = (ULTRALYTICS_SIZE - pw) // 2, (ULTRALYTICS_SIZE - ph) // 2
        canvas = np.full((ULTRALYTICS_SIZE, ULTRALYTICS_SIZE, 3), 114, np.uint8)
        canvas[y0:y0 + ph, x0:x0 + pw] = cv2.resize(image, (pw, ph), interpolation=cv2.INTER_LINEAR)
        blob = (canvas.astype(np.float32) / 255).transpose(2, 0, 1)[None]
        (output,) = self.model.run(None, {self.model.get_inputs()[0].name: blob})
        rows = output[0].T
        cls = rows[:, 4:].argmax(1)
        scores = rows[np.arange(len(rows)), 4 + cls]
        keep = scores >= self.confidence_threshold
        rows, cls, scores = rows[keep], cls[keep], scores[keep]
        boxes = np.column_stack([(rows[:, 0] - rows[:, 2] / 2 - x0) / scale, (rows[:, 1] - rows[:, 3] / 2 - y0) / scale,
                                 rows[:, 2] / scale, rows[:, 3] / scale])
        kept = per_class_nms(boxes, scores, cls, self.confidence_threshold, ULTRALYTICS_IOU)
        self._original_predictions = [(boxes[kept], scores[kept], cls[kept], (h, w))]

    def _create_object_prediction_list_from_original_predictions(self, shift_amount_list=[[0, 0]], full_shape_list=None):
        OpenCVDarknetModel._create_object_prediction_list_from_original_predictions(self, shift_amount_list, full_shape_list)


class OpenCVDarknetModel(DetectionModel):
    """YOLOv4-tiny through OpenCV DNN, as a SAHI detection model."""

    def load_model(self):
        self.darknet = DarknetModel(default_model_dir())
        net = cv2.dnn.readNetFromDarknet(str(self.darknet.cfg), str(self.darknet.weights))
        net.setPreferableBackend(cv2.dnn.DNN_BACKEND_OPENCV)
        net.setPreferableTarget(cv2.dnn.DNN_TARGET_CPU)
        self.set_model(net)

    def set_model(self, model, **kwargs):
        self.model = model
        self.outputs = [self.darknet.head_input_name(head) for head in self.darknet.heads]
        self.category_mapping = {str(i): name for i, name in enumerate(self.darknet.names)}

    def perform_inference(self, image):
        """`image`: an H×W×3 uint8 RGB slice, as SAHI passes it."""
        h, w = image.shape[:2]
        blob, _ = to_blob(image.astype(np.float32) / 255, self.darknet.input_size)
        self.model.setInput(blob)
        rows = np.concatenate([decode_head(conv[0], head, self.darknet.input_size)
                               for conv, head in zip(self.model.forward(self.outputs), self.darknet.heads)])
        row, cls = np.nonzero(rows[:, 5:] >= self.confidence_threshold)
        scores = rows[row, 5 + cls]
        boxes = np.column_stack([(rows[row, 0] - rows[row, 2] / 2) * w, (rows[row, 1] - rows[row, 3] / 2) * h,
                                 rows[row, 2] * w, rows[row, 3] * h])
        kept = per_class_nms(boxes, scores, cls, self.confidence_threshold, NMS_IOU)
        self._original_predictions = [(boxes[kept], scores[kept], cls[kept], (h, w))]

    def _create_object_prediction_list_from_original_predictions(self, shift_amount_list=[[0, 0]], full_shape_list=None):
        # SAHI passes one [x, y] / [h, w] or a list of them, depending on the call.
        if shift_amount_list and not isinstance(shift_amount_list[0], (list, tuple)):
            shift_amount_list = [shift_amount_list]
        if full_shape_list and not isinstance(full_shape_list[0], (list, tuple)):
            full_shape_list = [full_shape_list]
        per_image = []
        for index, (boxes, scores, classes, (h, w)) in enumerate(self._original_predictions):
            predictions = []
            for (x, y, bw, bh), score, c in zip(boxes, scores, classes):
                x1, y1, x2, y2 = max(0.0, x), max(0.0, y), min(float(w), x + bw), min(float(h), y + bh)
                if x2 <= x1 or y2 <= y1:
                    continue
                predictions.append(ObjectPrediction(
                    bbox=[float(x1), float(y1), float(x2), float(y2)], category_id=int(c),
                    category_name=self.category_mapping[str(int(c))], score=float(score),
                    shift_amount=shift_amount_list[index] if shift_amount_list else [0, 0],
                    full_shape=full_shape_list[index] if full_shape_list else None))
            per_image.append(predictions)
        self._object_prediction_list_per_image = per_image


def main():
    import argparse
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("jobs")
    parser.add_argument("--model", choices=["yolov4-tiny", "yolo11n"], default="yolov4-tiny")
    parser.add_argument("--onnx", default=str(__import__("pathlib").Path.home() / ".cache/grounding/models/yolo11n/yolo11n.onnx"))
    args = parser.parse_args()
    jobs = json.load(open(args.jobs))
    if args.model == "yolo11n":
        model = ONNXRuntimeUltralyticsModel(model_path=args.onnx, confidence_threshold=CONFIDENCE, device="cpu")
    else:
        model = OpenCVDarknetModel(confidence_threshold=CONFIDENCE, device="cpu")
    results = []
    for job in jobs:
        start = time.perf_counter()
        prediction = get_sliced_prediction(
            job["path"], model, slice_height=SLICE, slice_width=SLICE,
            overlap_height_ratio=OVERLAP, overlap_width_ratio=OVERLAP, perform_standard_pred=True,
            postprocess_type="GREEDYNMM", postprocess_match_metric="IOS", postprocess_match_threshold=0.5,
            postprocess_class_agnostic=False, verbose=0)
        ms = (time.perf_counter() - start) * 1000
        boxes = {name: [] for name in job["objects"]}
        for p in prediction.object_prediction_list:
            if p.category.name in boxes:
                boxes[p.category.name].append([round(v, 1) for v in p.bbox.to_xyxy()])
        results.append({"path": job["path"], "boxes": boxes, "ms": round(ms, 1)})
    print(json.dumps(results))


if __name__ == "__main__":
    main()
