"""Takes one WebP photo out of a Qt resource file (.rcc) and writes it as PNG, losslessly.

    python rcc_to_png.py FILE.rcc RESOURCE_PATH OUT.png

gcompris-qt-data keeps its photos as WebP inside .rcc files, which our decoders do not read. The
resource's bytes are found through the .rcc's own tree (format 1-3: a header, a tree of 14- or
22-byte entries, a data block of length-prefixed files, a name block of UTF-16 names); the WebP
is decoded with Pillow and written as PNG, then both are decoded again and compared pixel for
pixel: the script fails unless they are identical. Prints the WebP's size and sha256.
"""
import hashlib
import io
import struct
import sys

import numpy as np
from PIL import Image


def resources(blob):
    """Every file in a .rcc as (path, flags, bytes)."""
    if blob[:4] != b"qres":
        raise SystemExit("not a Qt resource file (no 'qres' magic)")
    version, tree, data, names = struct.unpack(">IIII", blob[4:20])
    entry_size = 22 if version >= 2 else 14

    def name(offset):
        length = struct.unpack(">H", blob[names + offset:names + offset + 2])[0]
        return blob[names + offset + 6:names + offset + 6 + 2 * length].decode("utf-16-be")

    found = []

    def walk(index, prefix):
        at = tree + index * entry_size
        name_offset, flags = struct.unpack(">IH", blob[at:at + 6])
        here = prefix + (name(name_offset) if index else "")
        if flags & 2:  # a directory: child count, first child
            count, first = struct.unpack(">II", blob[at + 6:at + 14])
            for child in range(first, first + count):
                walk(child, here + "/")
        else:
            offset = data + struct.unpack(">I", blob[at + 10:at + 14])[0]
            size = struct.unpack(">I", blob[offset:offset + 4])[0]
            found.append((here, flags, blob[offset + 4:offset + 4 + size]))

    walk(0, "")
    return found


def main():
    rcc, wanted, out = sys.argv[1:]
    matches = [(f, b) for p, f, b in resources(open(rcc, "rb").read()) if p == wanted]
    if not matches:
        raise SystemExit(f"{wanted}: no such resource in {rcc}")
    flags, webp = matches[0]
    if flags & 1 or webp[:4] != b"RIFF" or webp[8:12] != b"WEBP":
        raise SystemExit(f"{wanted}: stored compressed or not a WebP (flags {flags})")
    Image.open(io.BytesIO(webp)).save(out)
    same = np.array_equal(np.asarray(Image.open(io.BytesIO(webp)).convert("RGB")),
                          np.asarray(Image.open(out).convert("RGB")))
    if not same:
        raise SystemExit(f"{out}: pixels differ from the WebP's")
    print(f"{out}: from {len(webp)} bytes of WebP, sha256 {hashlib.sha256(webp).hexdigest()}, pixels identical")


if __name__ == "__main__":
    main()
