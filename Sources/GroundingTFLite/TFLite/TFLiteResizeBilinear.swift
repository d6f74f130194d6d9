import GroundingCompute

/// `RESIZE_BILINEAR` of an image, with TFLite's sampling rules: output pixel `o` samples input
/// position `o · scale` (`(o + 0.5) · scale − 0.5` with half-pixel centres), where `scale` is
/// `in / out` (`(in − 1) / (out − 1)` with aligned corners); the two neighbours are clamped to
/// the image. MediaPipe upsamples its feature pyramids 2× this way.
struct TFLiteResizeBilinear: TFLiteKernel {
    let inputs: [Int]
    let output: Int
    /// Input and output image shapes.
    let input: TFLitePlanarShape, result: TFLitePlanarShape
    /// Per output row: the two input rows and the weight of the second.
    let rows: [(Int, Int, Float)]
    /// Per output column: the two input columns and the weight of the second.
    let columns: [(Int, Int, Float)]

    /// Plans `op` (inputs: image, int32 size `[height, width]`; options
    /// `ResizeBilinearOptions`: 2 align_corners, 3 half_pixel_centers).
    init(_ op: TFLiteOperator, _ graph: inout TFLiteGraphBuilder) throws(TFLiteError) {
        let (source, input) = try graph.image(op, 0)
        let size = try graph.integers(op, 1)
        guard size.count == 2, size.allSatisfy({ $0 > 0 && $0 <= 1 << 16 }) else { throw graph.invalid(op, "size \(size) is not a height and a width") }
        let options = try graph.options(op, type: 15)
        let alignCorners = try options?.bool(2) ?? false
        let halfPixelCenters = try options?.bool(3) ?? false
        let result = TFLitePlanarShape(channels: input.channels, height: size[0], width: size[1])
        self.output = try graph.define(op, shape: result.logical)
        self.inputs = [source]
        self.input = input
        self.result = result
        self.rows = Self.samples(from: input.height, to: result.height, alignCorners: alignCorners, halfPixelCenters: halfPixelCenters)
        self.columns = Self.samples(from: input.width, to: result.width, alignCorners: alignCorners, halfPixelCenters: halfPixelCenters)
    }

    /// For each output position along an axis, the lower and upper input positions and the
    /// weight of the upper one, as TFLite computes them.
    static func samples(from length: Int, to outputLength: Int, alignCorners: Bool, halfPixelCenters: Bool) -> [(Int, Int, Float)] {
        let scale = alignCorners && outputLength > 1
            ? Float(length - 1) / Float(outputLength - 1)
            : Float(length) / Float(outputLength)
        return (0..<outputLength).map { o in
            let position = halfPixelCenters ? (Float(o) + 0.5) * scale - 0.5 : Float(o) * scale
            let lower = max(Int(position.rounded(.down)), 0)
            let upper = min(Int(position.rounded(.up)), length - 1)
            return (min(lower, length - 1), upper, position - Float(lower))
        }
    }

    func run(_ workspace: ActivationWorkspace, threads: Int) {
        let (source, destination) = (UnsafePointer(workspace[inputs[0]]), workspace[output])
        Parallel.forEach(result.channels, width: threads) { _, c in
            let plane = source + c * input.planeSize
            var target = destination + c * result.planeSize
            for (top, bottom, dy) in rows {
                let (upper, lower) = (plane + top * input.width, plane + bottom * input.width)
                for (left, right, dx) in columns {
                    let a = upper[left] * (1 - dx) + upper[right] * dx
                    let b = lower[left] * (1 - dx) + lower[right] * dx
                    target.pointee = a * (1 - dy) + b * dy
                    target += 1
                }
            }
        }
    }
}
