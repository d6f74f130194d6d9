import Testing
import Grounding

/// Every convolution algorithm of the kernel layer against a naive convolution, on the shapes
/// the runtimes give it: ordinary, grouped, pointwise, depthwise, strided, and TFLite's SAME
/// padding (more padding after than before), with batches and several worker counts.
@Suite struct ConvolutionKernelTests {
    /// `shape` run naively over `batch` images: the definition the kernels must agree with.
    static func naive(_ shape: ConvolutionShape, _ input: [Float], _ weights: [Float], _ biases: [Float],
                      _ activation: Activation, batch: Int) -> [Float] {
        var output = [Float](repeating: 0, count: batch * shape.outputCount)
        let perGroup = shape.channels / shape.groups
        let filtersPerGroup = shape.filters / shape.groups
        for n in 0..<batch {
            for f in 0..<shape.filters {
                let g = f / filtersPerGroup
                for oy in 0..<shape.outputHeight {
                    for ox in 0..<shape.outputWidth {
                        var sum = biases[f]
                        for c in 0..<perGroup {
                            for ky in 0..<shape.size {
                                for kx in 0..<shape.size {
                                    let iy = oy * shape.stride + ky - shape.padding
                                    let ix = ox * shape.stride + kx - shape.padding
                                    guard iy >= 0, iy < shape.height, ix >= 0, ix < shape.width else { continue }
                                    let value = input[n * shape.inputCount + (g * perGroup + c) * shape.inputPlane + iy * shape.width + ix]
                                    sum += weights[((f * perGroup + c) * shape.size + ky) * shape.size + kx] * value
                                }
                            }
                        }
                        output[n * shape.outputCount + f * shape.outputPlane + oy * shape.outputWidth + ox] = activation.apply(sum)
                    }
                }
            }
        }
        return output
    }

    static let shapes: [(String, ConvolutionShape)] = [
        ("3×3/1 padded", ConvolutionShape(channels: 5, height: 19, width: 23, filters: 17, size: 3, stride: 1, padding: 1)),
        ("3×3/1 padded, large grid", ConvolutionShape(channels: 3, height: 40, width: 52, filters: 8, size: 3, stride: 1, padding: 1)),
        // Sums of 576 products: where F(4×4, 3×3)'s larger transforms would show their rounding.
        ("3×3/1 padded, many channels", ConvolutionShape(channels: 64, height: 26, width: 27, filters: 12, size: 3, stride: 1, padding: 1)),
        ("3×3/2", ConvolutionShape(channels: 4, height: 17, width: 12, filters: 9, size: 3, stride: 2, padding: 1)),
        ("1×1", ConvolutionShape(channels: 6, height: 9, width: 7, filters: 20, size: 1)),
        ("3×3 two groups", ConvolutionShape(channels: 6, height: 11, width: 10, filters: 8, size: 3, stride: 1, padding: 1, groups: 2)),
        ("5×5 depthwise", ConvolutionShape(channels: 7, height: 15, width: 13, filters: 7, size: 5, stride: 1, padding: 2, groups: 7)),
        // Without padding: the output is smaller than the input, a corner of the stride-1 plane.
        ("5×5 depthwise, no padding", ConvolutionShape(channels: 3, height: 9, width: 37, filters: 3, size: 5, stride: 1, padding: 0, groups: 3)),
        // Stride 3: tap by tap along the rows.
        ("3×3/3 depthwise", ConvolutionShape(channels: 2, height: 13, width: 14, filters: 2, size: 3, stride: 3, padding: 1, groups: 2)),
        // Planes summed a tap at a time, the first in two bands of rows.
        ("5×5 depthwise, large planes", ConvolutionShape(channels: 2, height: 40, width: 100, filters: 2, size: 5, stride: 1, padding: 2, groups: 2)),
        ("3×3 depthwise, large planes", ConvolutionShape(channels: 3, height: 36, width: 36, filters: 3, size: 3, stride: 1, padding: 1, groups: 3)),
        ("3×3/2 depthwise, SAME", ConvolutionShape(channels: 5, height: 16, width: 16, filters: 5, size: 3, stride: 2, padding: 0,
                                                   groups: 5, outputHeight: 8, outputWidth: 8)),
        ("3×3/2 SAME", ConvolutionShape(channels: 3, height: 16, width: 14, filters: 6, size: 3, stride: 2, padding: 0,
                                        groups: 1, outputHeight: 8, outputWidth: 7)),
    ]

    /// The kernel of `algorithm` for `shape` (leaky activation), its C kernels those of `unit`
    /// where it has any (im2col has none of its own).
    static func kernel(_ algorithm: ConvolutionAlgorithm, _ shape: ConvolutionShape, _ weights: [Float], _ biases: [Float],
                       unit: VectorUnit = .current) -> any ConvolutionKernel {
        switch algorithm {
        case .gemm: return GEMMConvolution(shape, weights: weights, biases: biases, activation: .leaky)
        case .winograd2x2:
            return WinogradConvolution<WinogradF2x2>(shape, weights: weights, biases: biases, activation: .leaky, unit: unit)
        case .winograd4x4:
            return WinogradConvolution<WinogradF4x4>(shape, weights: weights, biases: biases, activation: .leaky, unit: unit)
        case .depthwise: return DepthwiseConvolution(shape, weights: weights, biases: biases, activation: .leaky, unit: unit)
        }
    }

    /// `kernel` run over `batch` images of `input` on `threads` workers, its scratch filled with NaN.
    static func run(_ kernel: any ConvolutionKernel, _ input: [Float], batch: Int, threads: Int) -> [Float] {
        var scratch = [Float](repeating: .nan, count: max(1, kernel.scratchCount(batch: batch, threads: threads)))
        var output = [Float](repeating: .nan, count: batch * kernel.shape.outputCount)
        input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                scratch.withUnsafeMutableBufferPointer { scratch in
                    kernel.run(source.baseAddress!, into: destination.baseAddress!, batch: batch, threads: threads,
                               scratch: scratch.baseAddress!)
                }
            }
        }
        return output
    }

    @Test(arguments: shapes.indices, [1, 2, 3])
    func everyAlgorithmThatSupportsAShapeAgreesWithTheNaiveConvolution(index: Int, threads: Int) throws {
        let (name, shape) = Self.shapes[index]
        var random = SeededGenerator(state: UInt64(index * 7 + threads))
        let batch = 2
        let input = (0..<batch * shape.inputCount).map { _ in Float.random(in: -1...1, using: &random) }
        let weights = (0..<shape.weightCount).map { _ in Float.random(in: -0.5...0.5, using: &random) }
        let biases = (0..<shape.filters).map { _ in Float.random(in: -0.2...0.2, using: &random) }
        let expected = Self.naive(shape, input, weights, biases, .leaky, batch: batch)
        // Relative to the largest output: rounding grows with the sums. F(4×4, 3×3) is the loosest
        // (7e-6 of the largest output on 64 channels, where im2col is within 1e-6 of it); a wrong
        // transform or tile is off by a share of the outputs themselves.
        let tolerance = 1e-5 * max(1, expected.map(abs).max() ?? 1)
        let algorithms = ConvolutionAlgorithm.allCases.filter { $0.supports(shape) }
        #expect(algorithms.contains(.gemm))
        try ComputeBackend().prepare()
        for algorithm in algorithms {
            let output = Self.run(Self.kernel(algorithm, shape, weights, biases), input, batch: batch, threads: threads)
            let error = zip(output, expected).map { abs($0 - $1) }.max() ?? .infinity
            #expect(error <= tolerance, "\(name), \(algorithm), \(threads) threads: max error \(error)")
        }
    }

    /// Same input, same answer whatever the threads: on layer shapes of real detectors (bands of
    /// rows, chunks of filters, Winograd bands and shared phases), every algorithm gives the
    /// same bits on one, two and three workers, because the work is cut by the shape alone.
    @Test(arguments: [
        ConvolutionShape(channels: 32, height: 104, width: 104, filters: 32, size: 3, padding: 1),
        ConvolutionShape(channels: 64, height: 52, width: 52, filters: 64, size: 3, padding: 1),
        ConvolutionShape(channels: 128, height: 26, width: 26, filters: 128, size: 3, padding: 1),
        ConvolutionShape(channels: 32, height: 104, width: 104, filters: 64, size: 3, stride: 2, padding: 1),
        ConvolutionShape(channels: 128, height: 52, width: 52, filters: 64, size: 1),
        ConvolutionShape(channels: 512, height: 13, width: 13, filters: 255, size: 1),
        ConvolutionShape(channels: 64, height: 40, width: 40, filters: 64, size: 3, padding: 1, groups: 64),
    ])
    func theThreadCountNeverChangesTheResult(shape: ConvolutionShape) throws {
        var random = SeededGenerator(state: UInt64(shape.channels * 31 + shape.height))
        let batch = 2
        let input = random.floats(batch * shape.inputCount, in: -1...1)
        let weights = random.floats(shape.weightCount, in: -0.5...0.5)
        let biases = random.floats(shape.filters, in: -0.2...0.2)
        try ComputeBackend().prepare()
        for algorithm in ConvolutionAlgorithm.allCases where algorithm.supports(shape) {
            let kernel = Self.kernel(algorithm, shape, weights, biases)
            let outputs = [1, 2, 3].map { Self.run(kernel, input, batch: batch, threads: $0) }
            #expect(outputs[0] == outputs[1] && outputs[1] == outputs[2], "\(shape), \(algorithm)")
        }
    }

    /// The weights are transformed a block of kernels at a time, on several workers: every kernel
    /// gets the floats it gets transformed alone, at its place in each element's matrix, however
    /// many workers share the blocks. 143 kernels are two whole blocks and part of a third; 65,536
    /// (a 256-channel layer) fill 9 MB with F(4×4, 3×3), enough for huge pages.
    @Test(arguments: [(13, 11), (256, 256)])
    func theWeightsAreTransformedKernelByKernelOnAnyNumberOfWorkers(filters: Int, channels: Int) {
        var random = SeededGenerator(state: UInt64(filters * 7 + channels))
        let weights = random.floats(9 * filters * channels, in: -0.5...0.5)
        func check<Tiling: WinogradTiling>(_: Tiling.Type) {
            let transformed = [1, 2, 3].map { Tiling.transformWeights(weights, filters: filters, channels: channels, threads: $0) }
            #expect(transformed[0] == transformed[1] && transformed[1] == transformed[2], "\(Tiling.self)")
            let matrix = filters * channels
            var alone = [Float](repeating: .nan, count: Tiling.elements)
            let differing = stride(from: 0, to: matrix, by: 37).filter { kernel in
                weights.withUnsafeBufferPointer { Tiling.transformKernels($0.baseAddress! + 9 * kernel, count: 1, into: &alone) }
                return (0..<Tiling.elements).contains { transformed[0][$0 * matrix + kernel].bitPattern != alone[$0].bitPattern }
            }
            #expect(differing.isEmpty, "\(Tiling.self): kernels \(differing.prefix(5)) differ")
        }
        check(WinogradF2x2.self)
        check(WinogradF4x4.self)
    }

    /// Same answer on every CPU: the C kernels for each vector unit this CPU runs give exactly the
    /// floats of the portable path. Depthwise (OpenBLAS saxpy there) on shapes whose rows end in
    /// every kind of remainder (whole blocks of four vectors, single vectors, a partial vector),
    /// with stride 1 and 2, with and without padding; Winograd (Swift's SIMD there, and its
    /// activation) on planes of fewer than sixteen tiles a row, exactly sixteen, and sixteen and a
    /// few, with odd heights and widths.
    @Test(arguments: [
        ConvolutionShape(channels: 4, height: 96, width: 96, filters: 4, size: 3, stride: 1, padding: 1, groups: 4),
        ConvolutionShape(channels: 3, height: 98, width: 98, filters: 3, size: 3, stride: 1, padding: 0, groups: 3),
        ConvolutionShape(channels: 3, height: 50, width: 50, filters: 3, size: 3, stride: 2, padding: 0, groups: 3),
        ConvolutionShape(channels: 5, height: 23, width: 37, filters: 5, size: 5, stride: 1, padding: 2, groups: 5),
        ConvolutionShape(channels: 2, height: 16, width: 16, filters: 2, size: 5, stride: 2, padding: 1, groups: 2),
        ConvolutionShape(channels: 2, height: 7, width: 5, filters: 2, size: 3, stride: 1, padding: 1, groups: 2),
        ConvolutionShape(channels: 3, height: 16, width: 16, filters: 3, size: 3, stride: 2, padding: 0, groups: 3,
                         outputHeight: 8, outputWidth: 8),
        ConvolutionShape(channels: 5, height: 13, width: 37, filters: 6, size: 3, padding: 1),
        ConvolutionShape(channels: 4, height: 21, width: 64, filters: 3, size: 3, padding: 1),
        ConvolutionShape(channels: 3, height: 30, width: 71, filters: 5, size: 3, padding: 1),
        ConvolutionShape(channels: 16, height: 104, width: 104, filters: 8, size: 3, padding: 1),
    ])
    func everyVectorUnitGivesTheFloatsOfThePortablePath(shape: ConvolutionShape) throws {
        var random = SeededGenerator(state: UInt64(shape.width * 131 + shape.size * 7 + shape.stride))
        let input = random.floats(shape.inputCount, in: -1...1)
        let weights = random.floats(shape.weightCount, in: -0.5...0.5)
        let biases = random.floats(shape.filters, in: -0.2...0.2)
        try ComputeBackend().prepare()
        let algorithms = ConvolutionAlgorithm.allCases.filter { $0 != .gemm && $0.supports(shape) }
        #expect(!algorithms.isEmpty)
        for algorithm in algorithms {
            let portable = Self.run(Self.kernel(algorithm, shape, weights, biases, unit: .baseline), input, batch: 1, threads: 1)
            let units = VectorUnit.allCases.filter { $0 != .baseline && VectorUnit.current.runs($0) }
            for unit in units {
                let output = Self.run(Self.kernel(algorithm, shape, weights, biases, unit: unit), input, batch: 1, threads: 2)
                let differing = zip(output, portable).filter { $0.bitPattern != $1.bitPattern }.count
                #expect(differing == 0, "\(shape), \(algorithm) on \(unit): \(differing) of \(output.count) floats differ")
            }
        }
    }

    /// The widest unit is chosen from the CPU's flags, and a unit runs only narrower ones.
    @Test func theVectorUnitFollowsTheCPUFlags() {
        #expect(VectorUnit(features: CPUFeatures(flags: ["sse2", "avx2", "fma", "avx512f"])) == .avx512)
        #expect(VectorUnit(features: CPUFeatures(flags: ["sse2", "avx2", "fma"])) == .avx2)
        #expect(VectorUnit(features: CPUFeatures(flags: ["sse2", "avx2"])) == .baseline)  // AVX2 without FMA
        #expect(VectorUnit(features: CPUFeatures(flags: [])) == .baseline)
        #expect(VectorUnit.avx512.runs(.avx2) && VectorUnit.avx2.runs(.baseline))
        #expect(!VectorUnit.avx2.runs(.avx512) && !VectorUnit.baseline.runs(.avx2))
    }

    @Test func theBackendChoosesByShapeAndPolicy() {
        let winogradShape = Self.shapes[0].1, largeGrid = Self.shapes[1].1, depthwise = Self.shapes[6].1, strided = Self.shapes[3].1
        // 19 × 23 outputs: 30 tiles of F(4×4, 3×3), too few; 40 × 52: 130.
        #expect(ComputeBackend().algorithm(for: winogradShape) == .winograd2x2)
        #expect(ComputeBackend().algorithm(for: largeGrid) == .winograd4x4)
        #expect(ComputeBackend(allowsWinograd: false).algorithm(for: winogradShape) == .gemm)
        #expect(ComputeBackend(allowsWinograd: false).algorithm(for: largeGrid) == .gemm)
        #expect(ComputeBackend().algorithm(for: depthwise) == .depthwise)
        #expect(ComputeBackend().algorithm(for: strided) == .gemm)
        #expect(ComputeBackend(threads: 3).threads == 3)
        #expect(ComputeBackend(threads: 0).threads == 1)
    }
}
