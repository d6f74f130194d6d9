/// A Darknet `[upsample]` layer: nearest-neighbour enlargement by an integer stride.
package struct UpsampleLayer: Sendable {
    /// Input shape (one image).
    package let input: TensorShape
    /// Output shape (one image).
    package let output: TensorShape
    /// The enlargement factor.
    package let stride: Int

    /// Parses an `[upsample]` section applied to `input`.
    init(section: DarknetSection, input: TensorShape) throws(DarknetError) {
        // A negative stride means downsampling in Darknet and `scale` multiplies the values;
        // neither appears in YOLO cfgs.
        try section.require("scale", isAbsentOr: "1")
        let stride = try section.int("stride", default: 2)
        guard stride >= 1 else { throw .unsupportedOption(file: section.file, line: section.line(of: "stride"), key: "stride", value: String(stride)) }
        guard stride <= NetworkLimits.maxStride else {
            throw .invalidOption(file: section.file, line: section.line(of: "stride"), key: "stride", value: String(stride), reason: "must be in 1...\(NetworkLimits.maxStride)")
        }
        self.input = input
        self.stride = stride
        output = TensorShape(channels: input.channels, height: input.height * stride, width: input.width * stride)
        try NetworkLimits.check(output: output, section: section)
    }

    /// Enlarges `batch` images from `source` into `destination`.
    func forward(_ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, batch: Int) {
        let width = input.width
        for plane in 0..<(batch &* input.channels) {
            let from = source + plane &* input.planeSize
            let to = destination + plane &* output.planeSize
            for y in 0..<input.height {
                let row = to + y &* stride &* output.width
                let sourceRow = from + y &* width
                for x in 0..<width {
                    let value = sourceRow[x]
                    for k in 0..<stride { row[x &* stride &+ k] = value }
                }
                // The other `stride − 1` output rows repeat the first.
                for k in 1..<stride { (row + k &* output.width).update(from: row, count: output.width) }
            }
        }
    }
}
