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
                        } else {
                            for ox in first..<last { destination[ox] = source[ox &* stride] }
                        }
                    }
                }
            }
        }
    }
}
