"""The preprocessing every reference script and peer uses, which the Swift side reproduces
exactly: OpenCV decode, RGB float32 in [0, 1], plain stretch to the network input (area
resampling when shrinking by 2x or more on both axes, else bilinear), NCHW blob."""

import math

import cv2
import numpy as np

#: The recipe as recorded in the reference fixture (for a 416x416 network input).
RECIPE = [
    "img = cv2.imread(path, cv2.IMREAD_COLOR)  # 8-bit BGR; a grey PNG becomes 3 equal channels",
    "img = cv2.cvtColor(img, cv2.COLOR_BGR2RGB).astype(np.float32) / 255",
    "interpolation = cv2.INTER_AREA if w >= 2*416 and h >= 2*416 else cv2.INTER_LINEAR"
    "  # 'area' / 'bilinear'",
    "resized = cv2.resize(img, (416, 416), interpolation=interpolation)  # plain stretch, no letterbox",
    "blob = cv2.dnn.blobFromImage(resized, 1.0, (416, 416), swapRB=False, crop=False)  # NCHW float32",
]


def load_rgb(path):
    """The photo at `path` as an H×W×3 float32 RGB array in [0, 1]."""
    bgr = cv2.imread(str(path), cv2.IMREAD_COLOR)
    if bgr is None:
        raise SystemExit(f"{path}: OpenCV could not decode this file; pass a JPEG or PNG photo")
    return cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB).astype(np.float32) / 255


def to_blob(rgb, size):
    """(1×3×H×W float32 blob, "area" | "bilinear") for an RGB float image and (width, height)."""
    width, height = size
    h, w = rgb.shape[:2]
    area = w >= 2 * width and h >= 2 * height
    resized = cv2.resize(rgb, (width, height), interpolation=cv2.INTER_AREA if area else cv2.INTER_LINEAR)
    blob = cv2.dnn.blobFromImage(resized, 1.0, (width, height), swapRB=False, crop=False)
    return blob, "area" if area else "bilinear"


def letterboxed(rgb, size, padding=0.0):
    """size x size x 3 float32: Grounding's letterbox of an RGB float image (whole pixels,
    centred, odd leftover after), OpenCV's resize (area when shrinking 2x or more on both axes,
    else bilinear), `padding` (a fraction of full scale) around it."""
    h, w = rgb.shape[:2]
    scale = min(size / w, size / h)
    pw = min(size, max(1, math.floor(w * scale + 0.5)))
    ph = min(size, max(1, math.floor(h * scale + 0.5)))
    x, y = (size - pw) // 2, (size - ph) // 2
    area = w >= 2 * pw and h >= 2 * ph
    resized = cv2.resize(rgb, (pw, ph), interpolation=cv2.INTER_AREA if area else cv2.INTER_LINEAR)
    canvas = np.full((size, size, 3), np.float32(padding), np.float32)
    canvas[y:y + ph, x:x + pw] = resized
    return canvas
