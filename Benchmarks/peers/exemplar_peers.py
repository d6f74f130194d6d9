"""Peers for stage `exemplar`: zero-mean NCC over the same scales, two ways.

Arguments: IMAGE X,Y,W,H WORK_W WORK_H SCALES(comma-separated) ITERATIONS LABEL
Per iteration: grey conversion, cv2.resize(INTER_AREA) to the working size, then for each scale
the exemplar cut from the full image resized to that scale, and its response map over the whole
working image, keeping the best response per position (no peak finding):
- `cv2.matchTemplate(TM_CCOEFF_NORMED)`, OpenCV's own (DFT-based for large templates);
- the same NCC computed by FFT with numpy (pocketfft): the numerator as one real FFT of the image
  and one per template, the window sums from integral images. This is the FFT alternative to the
  BLAS correlation Grounding uses, measured exhaustively.
Prints a JSON array of Stats on the last line.
"""
import json
import sys

import cv2
import numpy as np

from peer_stats import measure

path, box, work_w, work_h, scales, iterations, label = sys.argv[1:8]
x, y, w, h = map(int, box.split(","))
work_w, work_h, iterations = int(work_w), int(work_h), int(iterations)
scales = [float(s) for s in scales.split(",")]
image = cv2.imread(path, cv2.IMREAD_COLOR)
cv2.setNumThreads(2)
f = work_w / image.shape[1]


def prepared():
    """The working image and one template per scale, as both peers start."""
    grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY).astype(np.float32) / 255
    small = cv2.resize(grey, (work_w, work_h), interpolation=cv2.INTER_AREA)
    templates = []
    for s in scales:
        tw, th = max(3, round(w * f * s)), max(3, round(h * f * s))
        templates.append(cv2.resize(grey[y:y + h, x:x + w], (tw, th), interpolation=cv2.INTER_AREA))
    return small, templates


def best(responses):
    """The best score per position over the area every scale covers (the largest template's)."""
    rows = min(r.shape[0] for r in responses)
    cols = min(r.shape[1] for r in responses)
    return np.max([r[:rows, :cols] for r in responses], axis=0)


def match_template():
    small, templates = prepared()
    return best([cv2.matchTemplate(small, t, cv2.TM_CCOEFF_NORMED) for t in templates])


def fft_ncc():
    small, templates = prepared()
    height, width = small.shape
    largest = max(max(t.shape) for t in templates)
    fh, fw = 1 << (height + largest - 1).bit_length(), 1 << (width + largest - 1).bit_length()
    spectrum = np.fft.rfft2(small, (fh, fw))
    sums, squares = cv2.integral(small, sdepth=cv2.CV_64F), cv2.integral(small * small, sdepth=cv2.CV_64F)
    responses = []
    for t in templates:
        th, tw = t.shape
        zero_mean = t - t.mean()
        numerator = np.fft.irfft2(spectrum * np.fft.rfft2(zero_mean[::-1, ::-1], (fh, fw)), (fh, fw))
        numerator = numerator[th - 1:height, tw - 1:width]
        s1 = sums[th:, tw:] - sums[:-th, tw:] - sums[th:, :-tw] + sums[:-th, :-tw]
        s2 = squares[th:, tw:] - squares[:-th, tw:] - squares[th:, :-tw] + squares[:-th, :-tw]
        variance = np.maximum(s2 - s1 * s1 / (th * tw), 1e-12)
        responses.append(numerator / np.sqrt(variance * float((zero_mean * zero_mean).sum())))
    return best(responses)


# Both compute the same map (checked once, so the FFT figure is for a correct NCC).
difference = float(np.abs(match_template() - fft_ncc()).max())
assert difference < 1e-3, f"FFT NCC differs from cv2.matchTemplate by {difference}"
stats = [measure(f"cv2.matchTemplate {label}", iterations, match_template, warmup=1),
         measure(f"numpy FFT NCC {label}", iterations, fft_ncc, warmup=1)]
print(json.dumps(stats))
