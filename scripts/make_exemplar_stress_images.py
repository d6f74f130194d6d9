#!/usr/bin/env python3
"""Writes 10000x10000 JPEGs of real photo content for measuring exemplar counting's peak memory.

Each image is TestImages/coins.png (a real photo: 24 coins) scaled up 2x, bicubic, and tiled
across 10000x10000 pixels, so an exemplar box drawn on one coin has thousands of look-alikes
(pure noise would have none). The second image is the same mosaic shifted by half a tile.

    /usr/bin/python3 scripts/make_exemplar_stress_images.py /tmp/exemplar-stress

needs numpy and Pillow (Debian: python3-numpy python3-pil). Coins in the 2x tile: the one the
README counts from, (193, 29)-(239, 75) in coins.png, is at (386, 58)-(478, 150).
"""

import pathlib
import sys

import numpy as np
from PIL import Image

SIDE = 10_000
SCALE = 2


def mosaic(tile: np.ndarray, shift: tuple[int, int]) -> np.ndarray:
    """`tile` repeated over SIDE x SIDE pixels, starting `shift` pixels into it."""
    height, width = tile.shape[:2]
    rows = np.arange(SIDE) + shift[1]
    columns = np.arange(SIDE) + shift[0]
    return tile[(rows % height)[:, None], (columns % width)[None, :]]


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: make_exemplar_stress_images.py OUTPUT_FOLDER")
    Image.MAX_IMAGE_PIXELS = None  # the 100 MP output is the point
    repository = pathlib.Path(__file__).resolve().parent.parent
    coins = Image.open(repository / "TestImages" / "coins.png").convert("RGB")
    tile = np.asarray(coins.resize((coins.width * SCALE, coins.height * SCALE), Image.BICUBIC))
    folder = pathlib.Path(sys.argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    for index, shift in enumerate([(0, 0), (tile.shape[1] // 2, tile.shape[0] // 2)], start=1):
        path = folder / f"coins-mosaic-{index}.jpg"
        Image.fromarray(mosaic(tile, shift)).save(path, quality=90)
        print(path)


if __name__ == "__main__":
    main()
