"""Draws the truth points of truth.json, numbered, on copies of the photos, to check a count.

    python draw_truth.py TRUTH.json OUTDIR [PHOTO ...]

For every photo (or only those named) and every query, writes OUTDIR/<photo>_<query>.png: the
upright photo with each truth object's circle (its matching radius) and its number, its extent
(the box of its visible part, where recorded) in green, the exemplar boxes of a class-agnostic
query in cyan, and its ignored regions in magenta. Look at every copy: each object must carry
exactly one mark, no mark may sit on something that is not the object, and each extent must
hold its object's visible part and no more.
"""
import json
import os
import sys

from PIL import Image, ImageDraw, ImageOps


def main():
    truth_path, outdir, *only = sys.argv[1:]
    truth = json.load(open(truth_path))
    folder = os.path.join(os.path.dirname(truth_path), "photos")
    os.makedirs(outdir, exist_ok=True)
    for photo in truth["photos"]:
        if only and photo["file"] not in only:
            continue
        image = ImageOps.exif_transpose(Image.open(os.path.join(folder, photo["file"]))).convert("RGB")
        for query in photo["queries"]:
            copy = image.copy()
            d = ImageDraw.Draw(copy)
            width = max(1, min(copy.size) // 300)
            for x, y, w, h in query.get("ignore", []):
                d.rectangle([x, y, x + w - 1, y + h - 1], outline=(255, 0, 255), width=width)
            for x, y, w, h in query.get("exemplars", []):
                d.rectangle([x, y, x + w, y + h], outline=(0, 255, 255), width=width + 1)
            for i, (x, y, r, *extent) in enumerate(query["objects"], start=1):
                if extent:
                    left, top, w, h = extent
                    d.rectangle([left, top, left + w, top + h], outline=(0, 255, 0), width=width)
                d.ellipse([x - r, y - r, x + r, y + r], outline=(255, 0, 0), width=width)
                d.ellipse([x - 2, y - 2, x + 2, y + 2], fill=(255, 255, 0))
                d.text((x + 3, y - 12), str(i), fill=(255, 255, 0), stroke_width=2, stroke_fill=(0, 0, 0))
            name = query.get("object") or query.get("label")
            stem = os.path.splitext(photo["file"])[0]
            copy.save(os.path.join(outdir, f"{stem}_{name}.png"))
            print(f"{photo['file']} {name}: {len(query['objects'])}")


if __name__ == "__main__":
    main()
