import GroundingCompute

/// A Darknet `[maxpool]` layer: the maximum over each `size × size` window.
///
/// Darknet pads by `size − 1` in total by default (option `padding`), placing `padding / 2` of it
/// on the left/top, and ignores positions outside the image.
package struct MaxPoolLayer: Sendable {
    /// Input shape (one image).
    package let input: TensorShape
    /// Output shape (one image).
    package let output: TensorShape
    /// Window side.
    package let size: Int
    /// Step between windows.
    package let stride: Int
    /// Total padding per axis; the window of output 0 starts at `−padding / 2`.
    package let padding: Int

    /// Parses a `[maxpool]` section applied to `input`.
    init(section: DarknetSection, input: TensorShape) throws(DarknetError) {
        for key in ["maxpool_depth", "antialiasing", "out_channels"] { try section.require(key, isAbsentOr: "0") }
        let stride = try section.int("stride", default: 1, in: 1...NetworkLimits.maxStride)
        for key in ["stride_x", "stride_y"] { try section.require(key, isAbsentOr: String(stride)) }
        let size = try section.int("size", default: stride, in: 1...NetworkLimits.maxKernelSize)
        let padding = try section.int("padding", default: size - 1, in: 0...NetworkLimits.maxKernelSize)
        self.input = input
        self.size = size
        self.stride = stride
        self.padding = padding
        output = TensorShape(channels: input.channels,
                             height: (input.height + padding - size) / stride + 1,
                             width: (input.width + padding - size) / stride + 1)
        guard input.height + padding >= size, input.width + padding >= size else {
            throw .shapeMismatch(file: section.file, line: section.line, detail: "a \(size)×\(size) pool does not fit the \(input) input")
        }
        try NetworkLimits.check(output: output, section: section)
    }

    /// Pools `batch` images from `source` into `destination`, planes split between `threads` workers.
    func forward(_ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, batch: Int, threads: Int) {
        let planes = batch &* input.channels
        Parallel.run(width: threads) { worker in
            for plane in worker &* planes / threads..<(worker &+ 1) &* planes / threads {
                let from = source + plane &* input.planeSize
                let to = destination + plane &* output.planeSize
                if size == 2, stride == 2, padding == 1, input.height % 2 == 0, input.width % 2 == 0 {
                    pool2x2(from, into: to)
                } else {
                    pool(from, into: to)
                }
            }
        }
    }

    /// Any window: the maximum over the part of each window inside the plane.
    private func pool(_ from: UnsafePointer<Float>, into to: UnsafeMutablePointer<Float>) {
        let offset = -(padding / 2)
        let (height, width) = (input.height, input.width)
        for oy in 0..<output.height {
            let y0 = oy &* stride &+ offset
            let rows = max(y0, 0)..<min(y0 &+ size, height)
            for ox in 0..<output.width {
                let x0 = ox &* stride &+ offset
                let columns = max(x0, 0)..<min(x0 &+ size, width)
                var best = -Float.greatestFiniteMagnitude
                for y in rows {
                    let row = from + y &* width
                    for x in columns { best = max(best, row[x]) }
                }
                to[oy &* output.width &+ ox] = best
            }
        }
    }

    /// The 2×2, stride-2 pool of YOLO's backbones on even sides, where every window lies inside
    /// the plane (the offset is 0), without the general loop's window clipping.
    private func pool2x2(_ from: UnsafePointer<Float>, into to: UnsafeMutablePointer<Float>) {
        let width = input.width
        for oy in 0..<output.height {
            let top = from + 2 &* oy &* width
            let bottom = top + width
            let row = to + oy &* output.width
            for ox in 0..<output.width {
                let a = top[2 &* ox], b = top[2 &* ox &+ 1], c = bottom[2 &* ox], d = bottom[2 &* ox &+ 1]
                let left = a > c ? a : c
                let right = b > d ? b : d
                row[ox] = left > right ? left : right
            }
        }
    }
}
