import GroundingImageIO

/// The fused resize kernel: 8-bit interleaved RGB in, three Float32 planes of `byte / 255` out.
///
/// Each output row is made in one pass: the source rows it needs are blended vertically into
/// one interleaved float row (a contiguous multiply-add over bytes that vectorises), then that
/// row is resampled horizontally, split into planes and scaled. Vertical first keeps strong
/// downscales proportional to the source size: every source byte is read about once, and the
/// horizontal pass works on one row per *output* row. Consecutive source rows of equal weight
/// (the inside of an area footprint) are summed as integers and converted to float once,
/// which is exact and cheaper than a float multiply-add per byte. (An explicit bilinear
/// strong downscale blends whole rows of which it then reads a few columns; that is why
/// ``ResampleFilter/automatic`` picks area there.)
package struct PlanarResizer: Sendable {
    /// Weights across columns.
    package let horizontal: ResampleAxis
    /// Weights across rows.
    package let vertical: ResampleAxis

    /// Creates a resizer from its two axis tables.
    package init(horizontal: ResampleAxis, vertical: ResampleAxis) {
        self.horizontal = horizontal
        self.vertical = vertical
    }

    /// Resizes `region` of `image` to `horizontal.targetCount × vertical.targetCount`, or only the
    /// output `rows` × `columns` of that (each value exactly as in the whole resize: it reads the
    /// same source pixels with the same weights in the same order), writing red at `origin`,
    /// green at `origin + planeStride`, blue at `origin + 2 · planeStride`, rows `rowStride`
    /// floats apart; output pixel (`rows.lowerBound`, `columns.lowerBound`) lands at `origin`.
    package func resize(_ image: RGBImage, region: PixelRect, rows: Range<Int>? = nil, columns: Range<Int>? = nil,
                        into origin: UnsafeMutablePointer<Float>, rowStride: Int, planeStride: Int) {
        precondition(horizontal.sourceCount == region.width && vertical.sourceCount == region.height,
                     "axis tables do not match the region")
        precondition(PixelRect(width: image.width, height: image.height).contains(region), "region is outside the image")
        let rows = rows ?? 0..<vertical.targetCount, columns = columns ?? 0..<horizontal.targetCount
        precondition(rows.lowerBound >= 0 && rows.upperBound <= vertical.targetCount
                     && columns.lowerBound >= 0 && columns.upperBound <= horizontal.targetCount,
                     "output rows \(rows) × columns \(columns) are outside \(vertical.targetCount)×\(horizontal.targetCount)")
        guard !rows.isEmpty, !columns.isEmpty else { return }
        // The source columns the output columns read: only these are blended vertically.
        let firstColumn = horizontal.starts[columns.lowerBound]
        let endColumn = columns.reduce(firstColumn) { max($0, horizontal.starts[$1] + horizontal.tapCount($1)) }
        let rowLength = (endColumn - firstColumn) * 3
        // One spare float: the horizontal pass loads four floats for three channels.
        let row = UnsafeMutablePointer<Float>.allocate(capacity: rowLength + 1)
        defer { row.deallocate() }
        row[rowLength] = 0
        let sums = UnsafeMutablePointer<UInt16>.allocate(capacity: rowLength)
        defer { sums.deallocate() }
        let stride = image.rowStride
        image.pixels.withUnsafeBufferPointer { pixels in
            vertical.starts.withUnsafeBufferPointer { rowStarts in
            vertical.tapOffsets.withUnsafeBufferPointer { rowOffsets in
            vertical.weights.withUnsafeBufferPointer { rowWeights in
                let corner = pixels.baseAddress! + region.y * stride + (region.x + firstColumn) * 3
                for dy in rows {
                    let first = rowOffsets[dy]
                    let end = rowOffsets[dy + 1]
                    var tap = first
                    while tap < end {
                        // A run of equal weights, short enough that 8-bit sums fit 16 bits.
                        let weight = rowWeights[tap]
                        var runEnd = tap + 1
                        while runEnd < end && rowWeights[runEnd] == weight && runEnd - tap < Self.longestRun { runEnd += 1 }
                        let source = corner + (rowStarts[dy] + tap - first) * stride
                        if runEnd - tap == 1 {
                            Self.blend(source, by: weight, into: row, count: rowLength, first: tap == first)
                        } else {
                            Self.sum(runEnd - tap, rowsFrom: source, stride: stride, into: sums, count: rowLength)
                            Self.blend(sums, by: weight, into: row, count: rowLength, first: tap == first)
                        }
                        tap = runEnd
                    }
                    let red = origin + (dy - rows.lowerBound) * rowStride
                    resampleRow(row, from: firstColumn, columns: columns,
                                red: red, green: red + planeStride, blue: red + 2 * planeStride)
                }
            }
            }
            }
        }
    }

    /// The most rows summed as integers at once: 257 · 255 is the largest sum under 2¹⁶.
    private static let longestRun = 257

    /// `row[i] = weight · source[i]` for the first tap of an output row, `row[i] += …` after.
    @inline(__always)
    private static func blend<Source: BinaryInteger>(_ source: UnsafePointer<Source>, by weight: Float,
                                                     into row: UnsafeMutablePointer<Float>, count: Int, first: Bool) {
        var i = 0
        if first {
            while i < count {
                row[i] = weight * Float(source[i])
                i &+= 1
            }
        } else {
            while i < count {
                row[i] += weight * Float(source[i])
                i &+= 1
            }
        }
    }

    /// `sums[i] = Σ rows[r][i]` over `rowCount` (≤ ``longestRun``) rows `stride` bytes apart.
    @inline(__always)
    private static func sum(_ rowCount: Int, rowsFrom source: UnsafePointer<UInt8>, stride: Int,
                            into sums: UnsafeMutablePointer<UInt16>, count: Int) {
        var i = 0
        while i < count {
            sums[i] = UInt16(source[i])
            i &+= 1
        }
        // Two rows per pass halves the loads and stores of `sums`.
        var next = source + stride
        var remaining = rowCount - 1
        while remaining >= 2 {
            let other = next + stride
            i = 0
            while i < count {
                sums[i] &+= UInt16(next[i]) &+ UInt16(other[i])
                i &+= 1
            }
            next = other + stride
            remaining -= 2
        }
        if remaining == 1 {
            i = 0
            while i < count {
                sums[i] &+= UInt16(next[i])
                i &+= 1
            }
        }
    }

    /// Horizontal pass over one vertically blended interleaved row that starts at source column
    /// `firstColumn`, making output `columns`, one RGB pixel per SIMD4.
    private func resampleRow(_ row: UnsafeMutablePointer<Float>, from firstColumn: Int, columns: Range<Int>,
                             red: UnsafeMutablePointer<Float>, green: UnsafeMutablePointer<Float>,
                             blue: UnsafeMutablePointer<Float>) {
        let toUnit: Float = 1 / 255
        horizontal.starts.withUnsafeBufferPointer { starts in
        horizontal.tapOffsets.withUnsafeBufferPointer { offsets in
        horizontal.weights.withUnsafeBufferPointer { weights in
            let raw = UnsafeRawPointer(row)
            for dx in columns {
                var sum = SIMD4<Float>()
                var byteOffset = (starts[dx] &- firstColumn) &* 12
                var tap = offsets[dx]
                let end = offsets[dx + 1]
                while tap < end {
                    sum += weights[tap] * raw.loadUnaligned(fromByteOffset: byteOffset, as: SIMD4<Float>.self)
                    byteOffset &+= 12
                    tap &+= 1
                }
                sum *= toUnit
                let out = dx &- columns.lowerBound
                red[out] = sum[0]
                green[out] = sum[1]
                blue[out] = sum[2]
            }
        }
        }
        }
    }
}
