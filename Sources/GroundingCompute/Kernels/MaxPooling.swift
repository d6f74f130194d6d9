/// The largest value of each window of planar images, padding ignored (windows are clipped to
/// the image, as TFLite and ONNX define it), with an activation after: the max-pool both model
/// runtimes run, one channel per work item.
///
/// ```swift
/// let pool = MaxPooling(channels: 64, height: 20, width: 20, window: 5, stride: 1, padTop: 2, padLeft: 2,
///                       outputHeight: 20, outputWidth: 20)
/// pool.run(source, into: destination, threads: 2)
/// ```
package struct MaxPooling: Sendable, Hashable {
    /// Planes, and each input plane's size.
    package let channels: Int, height: Int, width: Int
    /// Window size.
    package let windowHeight: Int, windowWidth: Int
    /// Steps between windows.
    package let strideY: Int, strideX: Int
    /// Rows above and columns left of the image the first window starts at.
    package let padTop: Int, padLeft: Int
    /// Each output plane's size.
    package let outputHeight: Int, outputWidth: Int

    /// A pooling of `channels` planes of `height × width`.
    package init(channels: Int, height: Int, width: Int, windowHeight: Int, windowWidth: Int, strideY: Int, strideX: Int,
                 padTop: Int, padLeft: Int, outputHeight: Int, outputWidth: Int) {
        self.channels = channels
        self.height = height
        self.width = width
        self.windowHeight = windowHeight
        self.windowWidth = windowWidth
        self.strideY = strideY
        self.strideX = strideX
        self.padTop = padTop
        self.padLeft = padLeft
        self.outputHeight = outputHeight
        self.outputWidth = outputWidth
    }

    /// Pools `source` into `destination`, then applies `activation`, on `threads` workers.
    package func run(_ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, threads: Int,
                     activation: Activation = .linear) {
        let halves = halvesEachSide
        Parallel.forEach(channels, width: threads) { _, c in
            let plane = source + c * height * width
            let target = destination + c * outputHeight * outputWidth
            if halves { halve(plane, into: target) } else { pool(plane, into: target) }
            activation.apply(to: target, count: outputHeight * outputWidth)
        }
    }

    /// Pools one plane, each window clipped to the image.
    private func pool(_ plane: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>) {
        for oy in 0..<outputHeight {
            let rows = max(0, oy * strideY - padTop)..<min(height, oy * strideY - padTop + windowHeight)
            for ox in 0..<outputWidth {
                let columns = max(0, ox * strideX - padLeft)..<min(width, ox * strideX - padLeft + windowWidth)
                var largest = -Float.infinity
                for y in rows {
                    for x in columns { largest = max(largest, plane[y &* width &+ x]) }
                }
                target[oy * outputWidth + ox] = largest
            }
        }
    }

    /// Whether this is the common 2×2, stride-2 pooling with every window inside the image (how
    /// MediaPipe's detectors halve a residual path): it has a loop of its own, without the
    /// clipping of each window (`perf` put 5% of a MediaPipe pass in the general loop).
    private var halvesEachSide: Bool {
        windowHeight == 2 && windowWidth == 2 && strideY == 2 && strideX == 2 && padTop == 0 && padLeft == 0
            && 2 * outputHeight <= height && 2 * outputWidth <= width
    }

    /// Pools one plane 2×2 with stride 2 (``halvesEachSide``).
    private func halve(_ plane: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>) {
        for oy in 0..<outputHeight {
            let upper = plane + 2 &* oy &* width, lower = upper + width
            let row = target + oy &* outputWidth
            for ox in 0..<outputWidth {
                let x = 2 &* ox
                row[ox] = max(max(upper[x], upper[x &+ 1]), max(lower[x], lower[x &+ 1]))
            }
        }
    }
}
