import Testing
import Grounding

/// The Winograd convolutions (F(4×4, 3×3) on the larger planes, F(2×2, 3×3) on the smaller)
/// against the naive reference pass: several channel counts, odd and even sizes (so tiles hang
/// over the edge), a batch, and both ways the workers split the work (whole bands per worker, or
/// shared phases).
@Suite struct DarknetWinogradTests {
    /// Four 3×3 stride-1 convolutions (3 → 5 → 16 → 33 channels, then 7 → 14 after a stride-2
    /// one, which runs as im2col) on a `width × height` input.
    static func model(width: Int, height: Int) throws -> ReferenceModel {
        try ReferenceModel(width: width, height: height, layers: [
            .convolution(filters: 5, size: 3, stride: 1, groups: 1, batchNormalize: true, activation: "leaky"),
            .convolution(filters: 16, size: 3, stride: 1, groups: 1, batchNormalize: true, activation: "mish"),
            .convolution(filters: 33, size: 3, stride: 1, groups: 1, batchNormalize: false, activation: "linear"),
            .convolution(filters: 7, size: 3, stride: 2, groups: 1, batchNormalize: true, activation: "leaky"),
            .convolution(filters: 14, size: 3, stride: 1, groups: 1, batchNormalize: false, activation: "logistic"),
            .yolo(mask: [0, 1], anchors: [6, 8, 12, 10, 20, 30], classes: 2, scaleXY: 1.05),
        ], classNames: ["cat", "dog"], seed: 11)
    }

    /// The Winograd layers of `model`: each one's tile side and whether it splits into bands (by
    /// its shape alone).
    static func winogradLayers(_ model: ReferenceModel) throws -> [(side: Int, bands: Bool)] {
        let network = try DarknetNetwork(cfgPath: model.cfgPath, weightsPath: model.weightsPath)
        return network.layers.compactMap { layer in
            guard case .convolution(let convolution) = layer else { return nil }
            // 16 transformed elements per kernel for F(2×2, 3×3), 36 for F(4×4, 3×3).
            func described<Tiling: WinogradTiling>(_: Tiling.Type, elements: Int) -> (side: Int, bands: Bool)? {
                guard let kernel = convolution.kernel as? WinogradConvolution<Tiling> else { return nil }
                #expect(kernel.transformedWeights.count == elements * convolution.weightCount / 9)
                return (Tiling.outputSide, WinogradConvolution<Tiling>.bandRows(convolution.shape) != nil)
            }
            return described(WinogradF2x2.self, elements: 16) ?? described(WinogradF4x4.self, elements: 36)
        }
    }

    @Test(arguments: [1, 2, 3])
    func aBatchOfOddSizedImagesMatchesTheReference(threads: Int) throws {
        // 37 × 29: 10 × 8 tiles of F(4×4, 3×3), too few for bands; after the stride-2 layer,
        // 19 × 15 of F(2×2, 3×3), enough for bands whatever the number of workers.
        let model = try Self.model(width: 37, height: 29)
        defer { model.remove() }
        let layers = try Self.winogradLayers(model)
        #expect(layers.map(\.side) == [4, 4, 4, 2] && layers.map(\.bands) == [false, false, false, false])
        // 96 × 48: 24 × 12 tiles of F(4×4, 3×3), enough for bands; 48 × 24 after stride 2.
        let large = try Self.model(width: 96, height: 48)
        defer { large.remove() }
        let largeLayers = try Self.winogradLayers(large)
        #expect(largeLayers.map(\.side) == [4, 4, 4, 4] && largeLayers.map(\.bands) == [true, true, true, false])
        try large.compareLayers(images: [large.randomImage(seed: 4)], threads: threads)
        try model.compareLayers(images: (1...3).map { model.randomImage(seed: $0) }, threads: threads)
    }

    @Test(arguments: [(width: 1, height: 1), (width: 2, height: 3), (width: 6, height: 4), (width: 9, height: 7)])
    func smallImagesMatchTheReference(size: (width: Int, height: Int)) throws {
        let model = try Self.model(width: size.width, height: size.height)
        defer { model.remove() }
        #expect(try Self.winogradLayers(model).map(\.bands) == [false, false, false, false])
        try model.compareLayers(images: [model.randomImage(seed: 5), model.randomImage(seed: 6)], threads: 2)
    }

    @Test func aBackendWithoutWinogradRunsTheSameLayersAsIm2colAndMatchesTheReference() throws {
        let model = try Self.model(width: 37, height: 29)
        defer { model.remove() }
        let compute = ComputeBackend(threads: 2, allowsWinograd: false)
        let network = try DarknetNetwork(cfgPath: model.cfgPath, weightsPath: model.weightsPath, compute: compute)
        let algorithms = network.layers.compactMap { layer -> ConvolutionAlgorithm? in
            guard case .convolution(let convolution) = layer else { return nil }
            return convolution.kernel?.algorithm
        }
        #expect(algorithms == [.gemm, .gemm, .gemm, .gemm, .gemm])
        try model.compareLayers(images: [model.randomImage(seed: 3)], threads: 2, compute: compute)
    }

    @Test func onlyStrideOnePaddedUngroupedThreeByThreeLayersUseWinograd() throws {
        let model = try ReferenceModel.standard()
        defer { model.remove() }
        let network = try DarknetNetwork(cfgPath: model.cfgPath, weightsPath: model.weightsPath)
        let uses = network.layers.compactMap { layer -> Bool? in
            guard case .convolution(let convolution) = layer else { return nil }
            return convolution.kernel.map { [.winograd2x2, .winograd4x4].contains($0.algorithm) }
        }
        // 3×3/1, 3×3/2, 1×1, 3×3/1 in two groups, 1×1, 1×1.
        #expect(uses == [true, false, false, false, false, false])
    }
}
