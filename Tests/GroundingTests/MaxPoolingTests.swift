import Testing
import Grounding

/// Max pooling against its definition (the largest value of each window clipped to the image),
/// on the windows the runtimes give it: the 2×2 halving with a loop of its own, odd sizes that
/// leave a row and a column out, and padded, overlapping windows.
@Suite struct MaxPoolingTests {
    static func naive(_ pool: MaxPooling, _ input: [Float]) -> [Float] {
        var output: [Float] = []
        for c in 0..<pool.channels {
            for oy in 0..<pool.outputHeight {
                for ox in 0..<pool.outputWidth {
                    var largest = -Float.infinity
                    for y in oy * pool.strideY - pool.padTop..<oy * pool.strideY - pool.padTop + pool.windowHeight
                    where y >= 0 && y < pool.height {
                        for x in ox * pool.strideX - pool.padLeft..<ox * pool.strideX - pool.padLeft + pool.windowWidth
                        where x >= 0 && x < pool.width {
                            largest = max(largest, input[(c * pool.height + y) * pool.width + x])
                        }
                    }
                    output.append(largest)
                }
            }
        }
        return output
    }

    @Test(arguments: [
        // (height, width, window, stride, pad, output height, output width)
        (96, 96, 2, 2, 0, 48, 48), (7, 9, 2, 2, 0, 3, 4), (6, 6, 2, 2, 0, 3, 3),
        (7, 7, 2, 2, 1, 4, 4), (10, 10, 3, 2, 1, 5, 5), (13, 13, 5, 1, 2, 13, 13),
    ])
    func agreesWithItsDefinition(_ sizes: (Int, Int, Int, Int, Int, Int, Int)) {
        let (height, width, window, stride, pad, outputHeight, outputWidth) = sizes
        let pool = MaxPooling(channels: 5, height: height, width: width, windowHeight: window, windowWidth: window,
                              strideY: stride, strideX: stride, padTop: pad, padLeft: pad,
                              outputHeight: outputHeight, outputWidth: outputWidth)
        var random = SeededGenerator(state: UInt64(height * 100 + width))
        let input = random.floats(5 * height * width, in: -1...1)
        let expected = Self.naive(pool, input)
        for threads in [1, 2] {
            var output = [Float](repeating: .nan, count: expected.count)
            input.withUnsafeBufferPointer { source in
                output.withUnsafeMutableBufferPointer { pool.run(source.baseAddress!, into: $0.baseAddress!, threads: threads) }
            }
            #expect(output == expected, "\(sizes), \(threads) threads")
        }
    }
}
