#!/usr/bin/env python3
"""Peer for the `render` stage: OpenCV draws the same scene as RenderBenchmark.swift on a
4032x3024 image, on a copy and in place (rectangles, filled tags with putText, circles, a
blended count panel).
Prints a JSON array of Stats (see Harness.swift) on its last line."""
import json

import cv2
import numpy as np

from peer_stats import measure

WIDTH, HEIGHT = 4032, 3024
COLORS = [(0, 159, 230), (233, 180, 86), (115, 158, 0)]  # BGR


def scene():
    layers = []
    for k in range(3):
        boxes = []
        for i in range(20):
            x, y = (i * 397 + k * 131) % 3400, (i * 263 + k * 89) % 2500
            boxes.append((x, y, x + 200 + (i * 53) % 400, y + 200 + (i * 71) % 400, f"object{k} 0.{50 + i}"))
        layers.append((f"object{k}: 20", boxes))
    return layers


def draw(out, layers, line=12, scale=5, radius=30):
    font, size = cv2.FONT_HERSHEY_SIMPLEX, scale * 0.4
    for k, (_, boxes) in enumerate(layers):
        for x1, y1, x2, y2, _ in boxes:
            cv2.rectangle(out, (x1, y1), (x2, y2), COLORS[k], line)
    for k, (_, boxes) in enumerate(layers):
        for x1, y1, x2, y2, _ in boxes:
            centre = ((x1 + x2) // 2, (y1 + y2) // 2)
            cv2.circle(out, centre, radius + 9, (0, 0, 0), -1)
            cv2.circle(out, centre, radius + 6, (255, 255, 255), -1)
            cv2.circle(out, centre, radius, COLORS[k], -1)
    for k, (_, boxes) in enumerate(layers):
        for x1, y1, _, _, tag in boxes:
            (w, h), base = cv2.getTextSize(tag, font, size, scale)
            top = max(0, y1 - h - base - 2 * scale)
            cv2.rectangle(out, (x1, top), (x1 + w + 4 * scale, top + h + base + 2 * scale), COLORS[k], -1)
            cv2.putText(out, tag, (x1 + 2 * scale, top + h + scale), font, size, (0, 0, 0), scale)
    panel = out[20:20 + 3 * 80 + 40, 20:700]
    panel[:] = cv2.addWeighted(panel, 0.31, np.full_like(panel, 16), 0.69, 0)
    for k, (text, _) in enumerate(layers):
        cv2.rectangle(out, (40, 50 + k * 80), (85, 95 + k * 80), COLORS[k], -1)
        cv2.putText(out, text, (110, 95 + k * 80), font, size, (255, 255, 255), scale)


def main():
    cv2.setNumThreads(1)
    index = np.arange(WIDTH * HEIGHT * 3, dtype=np.int64)
    image = ((index // 7 + index // (WIDTH * 3)) % 256).astype(np.uint8).reshape(HEIGHT, WIDTH, 3)
    layers = scene()
    target = image.copy()
    print(json.dumps([measure("cv2 copy+rectangle/putText/circle", 30, lambda: draw(image.copy(), layers)),
                      measure("cv2 rectangle/putText/circle in place", 30, lambda: draw(target, layers))]))


if __name__ == "__main__":
    main()
