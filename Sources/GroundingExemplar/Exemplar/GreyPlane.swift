import GroundingCore

/// A single-channel Float32 image (luma in 0...1), row-major: what exemplar matching runs on.
///
/// Grey, not colour, measured with OpenCV's colour `TM_CCOEFF_NORMED` as the stand-in: on the
/// coins (a grey photo) and horses.jpg both counted the same; on kite.jpg colour cut a small
/// kite's false matches on water and trees from ~200 to ~40 but still did not count the kites,
/// and colour triples the correlation's work.
package struct GreyPlane: Sendable {
    /// Width in pixels.
    package let width: Int
    /// Height in pixels.
    package let height: Int
    /// `height × width` values, row by row.
    package var values: [Float]

    /// Rec. 601 luma of image `index` of a planar RGB tensor, or of its `rows` × `columns` only.
    init(luma tensor: PlanarTensor, index: Int, rows: Range<Int>? = nil, columns: Range<Int>? = nil) {
        let rows = rows ?? 0..<tensor.height, columns = columns ?? 0..<tensor.width
        width = columns.count
        height = rows.count
        values = [Float](repeating: 0, count: width * height)
        let plane = tensor.width * tensor.height
        tensor.values.withUnsafeBufferPointer { source in
            values.withUnsafeMutableBufferPointer { grey in
                for (y, row) in rows.enumerated() {
                    let r = source.baseAddress! + index * tensor.imageSize + row * tensor.width + columns.lowerBound
                    let g = r + plane, b = g + plane
                    let target = grey.baseAddress! + y * width
                    for x in 0..<width {
                        target[x] = 0.299 * r[x] + 0.587 * g[x] + 0.114 * b[x]
                    }
                }
            }
        }
    }

    /// A black (zero) plane.
    package init(width: Int, height: Int) {
        self.width = width
        self.height = height
        values = [Float](repeating: 0, count: width * height)
    }

    /// Half the size in each direction, each value the mean of a 2×2 block (an odd last row or
    /// column is dropped).
    func halved() -> GreyPlane {
        var half = GreyPlane(width: width / 2, height: height / 2)
        values.withUnsafeBufferPointer { source in
            half.values.withUnsafeMutableBufferPointer { target in
                for y in 0..<half.height {
                    let top = source.baseAddress! + 2 * y * width, bottom = top + width
                    for x in 0..<half.width {
                        target[y * half.width + x] = 0.25 * (top[2 * x] + top[2 * x + 1] + bottom[2 * x] + bottom[2 * x + 1])
                    }
                }
            }
        }
        return half
    }

    /// The plane mirrored left to right when `mirrored`, then turned clockwise `quarterTurns`
    /// times (a quarter turn swaps width and height).
    package func turned(mirrored: Bool, quarterTurns: Int) -> GreyPlane {
        let quarterTurns = ((quarterTurns % 4) + 4) % 4
        guard mirrored || quarterTurns != 0 else { return self }
        let swaps = quarterTurns % 2 == 1
        var turned = GreyPlane(width: swaps ? height : width, height: swaps ? width : height)
        for y in 0..<height {
            for x in 0..<width {
                // (u, v) in a w × h plane; each clockwise quarter turn maps it to (h − 1 − v, u) in h × w.
                var (u, v, w, h) = (mirrored ? width - 1 - x : x, y, width, height)
                for _ in 0..<quarterTurns { (u, v, w, h) = (h - 1 - v, u, h, w) }
                turned.values[v * turned.width + u] = values[y * width + x]
            }
        }
        return turned
    }

    /// Copies `other` into this plane with its top-left corner at (`x`, `y`).
    ///
    /// - Precondition: `other` fits inside this plane there.
    mutating func place(_ other: GreyPlane, x: Int, y: Int) {
        precondition(x >= 0 && y >= 0 && x + other.width <= width && y + other.height <= height,
                     "a \(other.width)×\(other.height) plane at (\(x), \(y)) does not fit in \(width)×\(height)")
        for row in 0..<other.height {
            let target = (y + row) * width + x
            values[target..<target + other.width] = other.values[row * other.width..<(row + 1) * other.width]
        }
    }
}
