#!/usr/bin/env python3
"""Writes Tests/GroundingTests/Fixtures/mediapipe-faces.json: the faces MediaPipe's own Python
solution (mp.solutions.face_detection, mediapipe==0.10.21) finds on photos of TestImages/, with
both models at its default threshold 0.5, for the end-to-end parity tests (MediaPipeFaceTests).

Boxes and keypoints are in pixels of the whole photo (MediaPipe letterboxes the whole image into
the model's input, as Grounding does with tiling off).

    /work/venv-tflite/bin/python scripts/mediapipe_reference.py
"""
import json
import pathlib

import cv2
import mediapipe as mp

ROOT = pathlib.Path(__file__).resolve().parent.parent
PHOTOS = ["astronaut.png", "grace_hopper.jpg", "bus.jpg", "basketball.png", "portrait.jpg", "person.jpg"]
THRESHOLD = 0.5


def main():
    results = []
    for selection, model in [(0, "shortRange"), (1, "fullRange")]:
        with mp.solutions.face_detection.FaceDetection(model_selection=selection, min_detection_confidence=THRESHOLD) as detector:
            for photo in PHOTOS:
                bgr = cv2.imread(str(ROOT / "TestImages" / photo), cv2.IMREAD_COLOR)
                h, w = bgr.shape[:2]
                found = detector.process(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)).detections or []
                faces = []
                for detection in found:
                    box = detection.location_data.relative_bounding_box
                    faces.append({
                        "score": round(detection.score[0], 5),
                        "box": [round(v, 2) for v in (box.xmin * w, box.ymin * h, (box.xmin + box.width) * w, (box.ymin + box.height) * h)],
                        "keypoints": [[round(k.x * w, 2), round(k.y * h, 2)] for k in detection.location_data.relative_keypoints],
                    })
                results.append({"model": model, "photo": photo, "width": w, "height": h, "faces": faces})
                print(model, photo, len(faces), [f["score"] for f in faces])
    (ROOT / "Tests/GroundingTests/Fixtures/mediapipe-faces.json").write_text(json.dumps({
        "generator": "scripts/mediapipe_reference.py", "mediapipe": mp.__version__, "threshold": THRESHOLD,
        "results": results}, indent=1) + "\n")


if __name__ == "__main__":
    main()
