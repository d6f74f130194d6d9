/// A single-channel Float32 image (luma in 0...1), row-major: what exemplar matching runs on.
///
/// Grey, not colour, measured with OpenCV's colour `TM_CCOEFF_NORMED` as the stand-in: on the
/// coins (a grey photo) and horses.jpg both counted the same; on kite.jpg colour cut a small
/// kite's false matches on water and trees from ~200 to ~40 but still did not count the kites,
/// and colour triples the correlation's work.
struct GreyPlane: Sendable {
    /// Width in pixels.
    let width: Int
    /// Height in pixels.
    let height: Int
    /// `height × width` values, row by row.
    var values: [Float]

    /// Rec. 601 luma of image `index` of a planar RGB tensor.
    init(luma tensor: PlanarTensor, index: Int) {
        width = tensor.width
        height = tensor.height
        let plane = width * height
        values = [Float](repeating: 0, count: plane)
        tensor.values.withUnsafeBufferPointer { source in
            values.withUnsafeMutableBufferPointer { grey in
                let r = source.baseAddress! + index * tensor.imageSize
                let g = r + plane, b = g + plane
                for i in 0..<plane {
                    grey[i] = 0.299 * r[i] + 0.587 * g[i] + 0.114 * b[i]
                }
            }
        }
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

    /// A black plane.
    private init(width: Int, height: Int) {
        self.width = width
        self.height = height
        values = [Float](repeating: 0, count: width * height)
    }
}
