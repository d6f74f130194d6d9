import GroundingImageIO

/// Drawing primitives on the bytes of an ``RGBImage``, each clipped to the image once, so the
/// inner loops run over raw pointers without bounds checks.
///
/// A canvas only lives inside ``RGBImage/withCanvas(_:)``; every coordinate is in pixels,
/// rectangles are half-open (`x0..<x1`, `y0..<y1`) and may lie partly or wholly outside.
package struct Canvas {
    private let base: UnsafeMutablePointer<UInt8>
    /// Image width in pixels.
    package let width: Int
    /// Image height in pixels.
    package let height: Int
    private let rowStride: Int

    fileprivate init(base: UnsafeMutablePointer<UInt8>, width: Int, height: Int, rowStride: Int) {
        self.base = base
        self.width = width
        self.height = height
        self.rowStride = rowStride
    }

    /// Sets every pixel of the rectangle to `color`.
    package func fill(x0: Int, y0: Int, x1: Int, y1: Int, color: RGBPixel) {
        let left = max(x0, 0), right = min(x1, width)
        let top = max(y0, 0), bottom = min(y1, height)
        guard left < right, top < bottom else { return }
        let (r, g, b) = (color.red, color.green, color.blue)
        for y in top..<bottom {
            let row = base + (y &* rowStride &+ left &* 3)
            for i in 0..<(right &- left) {
                row[3 &* i] = r
                row[3 &* i &+ 1] = g
                row[3 &* i &+ 2] = b
            }
        }
    }

    /// Mixes `color` over the rectangle with opacity `alpha` (0 = unchanged, 255 = `color`),
    /// rounding to nearest: `(color·alpha + pixel·(255 − alpha) + 127) / 255`.
    package func blend(x0: Int, y0: Int, x1: Int, y1: Int, color: RGBPixel, alpha: Int) {
        let left = max(x0, 0), right = min(x1, width)
        let top = max(y0, 0), bottom = min(y1, height)
        guard left < right, top < bottom else { return }
        let a = UInt32(min(max(alpha, 0), 255)), keep = 255 &- a
        let r = UInt32(color.red) &* a &+ 127, g = UInt32(color.green) &* a &+ 127, b = UInt32(color.blue) &* a &+ 127
        for y in top..<bottom {
            let row = base + (y &* rowStride &+ left &* 3)
            for i in 0..<(right &- left) {
                let p = row + 3 &* i
                p[0] = UInt8(truncatingIfNeeded: (UInt32(p[0]) &* keep &+ r) / 255)
                p[1] = UInt8(truncatingIfNeeded: (UInt32(p[1]) &* keep &+ g) / 255)
                p[2] = UInt8(truncatingIfNeeded: (UInt32(p[2]) &* keep &+ b) / 255)
            }
        }
    }

    /// Fills the disc of pixels whose centres lie within `radius + ½` of pixel (`cx`, `cy`).
    package func fillDisc(cx: Int, cy: Int, radius: Int, color: RGBPixel) {
        guard radius >= 0 else { return }
        // x² + y² ≤ r² + r is (x² + y² ≤ (r + ½)²) in integers: round discs without floating point.
        let limit = radius &* radius &+ radius
        let top = max(cy - radius, 0), bottom = min(cy + radius + 1, height)
        guard top < bottom else { return }
        for y in top..<bottom {
            let dy = y &- cy
            let span = Self.integerSquareRoot(limit &- dy &* dy)
            fill(x0: cx &- span, y0: y, x1: cx &+ span &+ 1, y1: y &+ 1, color: color)
        }
    }

    /// The largest `s` with `s * s <= n`, for `n >= 0`.
    private static func integerSquareRoot(_ n: Int) -> Int {
        var s = Int(Double(n).squareRoot())
        while s * s > n { s -= 1 }
        while (s + 1) * (s + 1) <= n { s += 1 }
        return s
    }

    /// Draws `text` with its top-left corner at (`x`, `y`), each font pixel as a `scale`×`scale`
    /// square; glyph background pixels are left as they are.
    package func drawText(_ text: String, x: Int, y: Int, scale: Int, color: RGBPixel, font: BitmapFont = .standard) {
        let advance = font.glyphWidth * scale
        guard scale > 0, y < height, y + font.glyphHeight * scale > 0 else { return }
        var penX = x
        for scalar in text.unicodeScalars {
            if penX >= width { break }
            defer { penX += advance }
            if penX + advance <= 0 { continue }
            let glyph = font.glyphIndex(for: scalar)
            for row in 0..<font.glyphHeight {
                var bits = font.rowBits(glyph: glyph, row: row)
                let top = y + row * scale
                var column = 0
                // One fill per horizontal run of set bits rather than one per font pixel.
                while bits != 0 {
                    let skip = bits.leadingZeroBitCount
                    bits <<= skip
                    let run = (~bits).leadingZeroBitCount
                    bits = run == 8 ? 0 : bits << run
                    column += skip
                    fill(x0: penX + column * scale, y0: top, x1: penX + (column + run) * scale, y1: top + scale, color: color)
                    column += run
                }
            }
        }
    }
}

extension RGBImage {
    /// Runs `body` with a canvas over this image's pixels (the only way to get one).
    package mutating func withCanvas(_ body: (Canvas) -> Void) {
        let (width, height, rowStride) = (self.width, self.height, self.rowStride)
        pixels.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            body(Canvas(base: base, width: width, height: height, rowStride: rowStride))
        }
    }
}
