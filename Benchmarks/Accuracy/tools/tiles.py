"""Cuts a photo into overlapping tiles, enlarged, with a coordinate ruler, for counting by eye.

    python tiles.py PHOTO OUTDIR [--tile 400 (0: whole photo)] [--overlap 0.25] [--view 900] [--step 50] [--contrast]

Each tile is written as OUTDIR/<name>_<row>_<col>.png: the crop enlarged to about `--view` pixels,
with rulers on the top and left edges labelled in pixels of the upright photo and a faint grid
every `--step` pixels, so an object's centre can be read off in photo coordinates.
`--contrast` stretches the levels (dim microscopy). Also writes OUTDIR/<name>_overview.png, the
whole photo with the tile borders, to see where each tile lies.
"""
import argparse
import math
import os

from PIL import Image, ImageDraw, ImageOps

RULER = 28


def positions(length, tile, overlap):
    """Tile origins spread evenly from 0 to length - tile, overlapping by at least `overlap`."""
    if length <= tile:
        return [0]
    count = math.ceil((length - tile) / (tile * (1 - overlap))) + 1
    return [round(i * (length - tile) / (count - 1)) for i in range(count)]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("photo")
    p.add_argument("outdir")
    p.add_argument("--tile", type=int, default=400)
    p.add_argument("--overlap", type=float, default=0.25)
    p.add_argument("--view", type=int, default=900)
    p.add_argument("--step", type=int, default=50)
    p.add_argument("--contrast", action="store_true")
    a = p.parse_args()
    os.makedirs(a.outdir, exist_ok=True)
    image = ImageOps.exif_transpose(Image.open(a.photo)).convert("RGB")
    if a.contrast:
        image = ImageOps.autocontrast(image, cutoff=1)
    name = os.path.splitext(os.path.basename(a.photo))[0]
    w, h = image.size
    # --tile 0: one view of the whole photo.
    tw, th = (w, h) if a.tile == 0 else (min(a.tile, w), min(a.tile, h))
    xs = positions(w, tw, a.overlap)
    ys = positions(h, th, a.overlap)
    overview = image.copy()
    od = ImageDraw.Draw(overview)
    for r, y in enumerate(ys):
        for c, x in enumerate(xs):
            crop = image.crop((x, y, x + tw, y + th))
            scale = a.view / max(tw, th)
            crop = crop.resize((round(tw * scale), round(th * scale)), Image.LANCZOS)
            canvas = Image.new("RGB", (crop.width + RULER, crop.height + RULER), "white")
            canvas.paste(crop, (RULER, RULER))
            d = ImageDraw.Draw(canvas)
            first = (x // a.step + 1) * a.step if x % a.step else x
            for gx in range(first, x + tw + 1, a.step):
                px = RULER + round((gx - x) * scale)
                d.line([(px, RULER), (px, canvas.height)], fill=(255, 0, 255), width=1)
                d.text((px + 2, 2), str(gx), fill="black")
                d.line([(px, 0), (px, RULER)], fill="black")
            first = (y // a.step + 1) * a.step if y % a.step else y
            for gy in range(first, y + th + 1, a.step):
                py = RULER + round((gy - y) * scale)
                d.line([(RULER, py), (canvas.width, py)], fill=(255, 0, 255), width=1)
                d.text((1, py + 2), str(gy), fill="black")
                d.line([(0, py), (RULER, py)], fill="black")
            canvas.save(os.path.join(a.outdir, f"{name}_{r}_{c}.png"))
            od.rectangle([x, y, x + tw - 1, y + th - 1], outline=(255, 255, 0), width=max(1, w // 400))
            od.text((x + 4, y + 4), f"{r}_{c}", fill=(255, 255, 0))
    overview.thumbnail((1200, 1200))
    overview.save(os.path.join(a.outdir, f"{name}_overview.png"))
    print(f"{name}: {w}x{h}, {len(xs) * len(ys)} tiles of {tw}x{th} px")


if __name__ == "__main__":
    main()
