/// Unrolls the receptive fields of a convolution into the columns of a matrix, so that the
/// convolution becomes one matrix product (`weights · columns`).
///
/// Row `(c·size + ky)·size + kx` holds, for every output position `(oy, ox)` in row-major order,
/// the input value at `(c, oy·stride + ky − padding, ox·stride + kx − padding)`, or 0 outside
/// the image. Only output rows `outputRows` are written (so that a band of the matrix small
/// enough to stay in cache can be built and multiplied at a time); rows of the matrix are
/// `outputRows.count · outputWidth` floats long.
package enum Im2col {
    /// Writes the columns of one image (`channels` planes of `input` × `height` × `width`).
    package static func unroll(
        _ input: UnsafePointer<Float>, channels: Int, height: Int, width: Int,
        size: Int, stride: Int, padding: Int, outputRows: Range<Int>, outputWidth: Int,
        into columns: UnsafeMutablePointer<Float>
    ) {
        let rowStride = outputRows.count &* outputWidth
        for c in 0..<channels {
            let plane = input + c &* height &* width
            for ky in 0..<size {
                for kx in 0..<size {
                    let row = columns + ((c &* size &+ ky) &* size &+ kx) &* rowStride
                    // The output columns whose input column lies inside the image: ox·stride + kx − padding ∈ [0, width).
                    let shift = kx &- padding
                    let first = shift >= 0 ? 0 : (-shift &+ stride &- 1) / stride
                    let last = width &- 1 &- shift < 0 ? 0 : min(outputWidth, (width &- 1 &- shift) / stride &+ 1)
                    for oy in outputRows {
                        let destination = row + (oy &- outputRows.lowerBound) &* outputWidth
                        let iy = oy &* stride &+ ky &- padding
                        guard iy >= 0, iy < height, first < last else {
                            destination.update(repeating: 0, count: outputWidth)
                            continue
                        }
                        destination.update(repeating: 0, count: first)
                        destination.advanced(by: last).update(repeating: 0, count: outputWidth &- last)
                        let source = plane + (iy &* width &+ shift)
                        if stride == 1 {
                            destination.advanced(by: first).update(from: source + first, count: last &- first)
                        } else if stride == 2 {
                            gatherEven(from: source, into: destination, range: first..<last)
                        } else {
                            for ox in first..<last { destination[ox] = source[ox &* stride] }
                        }
                    }
                }
            }
        }
    }

    /// `destination[i] = source[2·i]` for `i` in `range`: the stride-2 gather, eight source
    /// values at a time (their even lanes), since a scalar strided loop does not vectorise.
    @inline(__always)
    private static func gatherEven(from source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, range: Range<Int>) {
        var i = range.lowerBound
        // A step reads source[2i ..< 2i + 8]; requiring i + 4 < upperBound keeps 2i + 7 below
        // 2·(upperBound − 1), the last value the gather itself reads, so it never reads past the row.
        while i &+ 4 < range.upperBound {
            let values = UnsafeRawPointer(source + 2 &* i).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(destination + i).storeBytes(of: values.evenHalf, as: SIMD4<Float>.self)
            i &+= 4
        }
        while i < range.upperBound {
            destination[i] = source[2 &* i]
            i &+= 1
        }
    }
}
