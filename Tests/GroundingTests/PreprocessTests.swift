import Foundation
import Testing
import Grounding

/// The synthetic source image of `scripts/resize_reference.py`, reproduced bit for bit:
/// byte `((7x + 5y + 80c) >> 2) + (hash(index) >> 26)` mod 256.
func syntheticImage(width: Int, height: Int) -> RGBImage {
    var bytes = [UInt8](repeating: 0, count: width * height * 3)
    for y in 0..<height {
        for x in 0..<width {
            for c in 0..<3 {
                let index = (y * width + x) * 3 + c
                var h = UInt32(truncatingIfNeeded: index) &* 2654435761
                h ^= h >> 15
                h = h &* 2246822519
                h ^= h >> 13
                let ramp = UInt32((x * 7 + y * 5 + c * 80) >> 2)
                bytes[index] = UInt8(truncatingIfNeeded: ramp &+ (h >> 26))
            }
        }
    }
    return RGBImage(width: width, height: height, pixels: bytes)
}

/// A black image with one white rectangle.
private func imageWithRectangle(width: Int, height: Int, rectangle: PixelRect) -> RGBImage {
    var image = RGBImage(width: width, height: height)
    for y in rectangle.y..<(rectangle.y + rectangle.height) {
        for x in rectangle.x..<(rectangle.x + rectangle.width) {
            image[x, y] = RGBPixel(red: 255, green: 255, blue: 255)
        }
    }
    return image
}

private struct ResizeReference: Decodable {
    struct Case: Decodable {
        var sourceWidth: Int, sourceHeight: Int
        var region: [Int]
        var targetWidth: Int, targetHeight: Int
        var filter: String
        var channelMeans: [Double]
        var sampleIndices: [Int]
        var sampleValues: [Float]
    }
    var cases: [Case]

    static func load() throws -> ResizeReference {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/resize-reference.json")
        return try JSONDecoder().decode(ResizeReference.self, from: Data(contentsOf: url))
    }
}

@Suite struct PreprocessTests {
    @Test func matchesOpenCVResize() throws {
        let reference = try ResizeReference.load()
        #expect(reference.cases.count >= 5)
        for item in reference.cases {
            let image = syntheticImage(width: item.sourceWidth, height: item.sourceHeight)
            let region = PixelRect(x: item.region[0], y: item.region[1], width: item.region[2], height: item.region[3])
            let preprocessor = Preprocessor(inputWidth: item.targetWidth, inputHeight: item.targetHeight,
                                            filter: item.filter == "area" ? .area : .bilinear)
            let (tensor, _) = preprocessor.tensor(from: image, region: region)
            var worst: Float = 0
            for (index, expected) in zip(item.sampleIndices, item.sampleValues) {
                worst = max(worst, abs(tensor.values[index] - expected))
            }
            #expect(worst <= 1e-5, "\(item.filter) \(item.sourceWidth)×\(item.sourceHeight) \(item.region): max diff \(worst)")
            let plane = item.targetWidth * item.targetHeight
            for channel in 0..<3 {
                let mean = tensor.values[(channel * plane)..<((channel + 1) * plane)].reduce(0.0) { $0 + Double($1) } / Double(plane)
                #expect(abs(mean - item.channelMeans[channel]) <= 1e-5)
            }
        }
    }

    /// The kernel reads the source through these tables without bounds checks.
    @Test func axisTablesStayInsideTheSourceAndKeepWeightsNormalised() {
        for (source, target) in [(1, 1), (1, 416), (2, 3), (3, 2), (7, 416), (415, 416), (416, 416), (417, 416),
                                 (833, 416), (1703, 416), (4032, 416), (9999, 7)] {
            for axis in [ResampleAxis(bilinearFrom: source, to: target), ResampleAxis(areaFrom: source, to: target)] {
                #expect(axis.starts.count == target && axis.tapOffsets.count == target + 1)
                for i in 0..<target {
                    #expect(axis.tapCount(i) >= 1 && axis.starts[i] >= 0 && axis.starts[i] + axis.tapCount(i) <= source)
                    let total = axis.weights[axis.tapOffsets[i]..<axis.tapOffsets[i + 1]].reduce(0, +)
                    #expect(abs(total - 1) < 1e-3, "\(source)→\(target) output \(i): weights sum to \(total)")
                }
            }
        }
    }

    @Test func automaticFilterUsesAreaOnlyForStrongDownscales() {
        let preprocessor = Preprocessor(inputWidth: 416, inputHeight: 416)
        #expect(preprocessor.resolvedFilter(region: PixelRect(width: 4032, height: 3024), width: 416, height: 416) == .area)
        #expect(preprocessor.resolvedFilter(region: PixelRect(width: 832, height: 832), width: 416, height: 416) == .area)
        #expect(preprocessor.resolvedFilter(region: PixelRect(width: 831, height: 900), width: 416, height: 416) == .bilinear)
        #expect(preprocessor.resolvedFilter(region: PixelRect(width: 300, height: 200), width: 416, height: 416) == .bilinear)
        let bilinear = Preprocessor(inputWidth: 416, inputHeight: 416, filter: .bilinear)
        #expect(bilinear.resolvedFilter(region: PixelRect(width: 4032, height: 3024), width: 416, height: 416) == .bilinear)
    }

    @Test(arguments: [ResampleFilter.bilinear, .area])
    func uniformImageKeepsItsColourPerChannel(filter: ResampleFilter) {
        let image = RGBImage(width: 997, height: 611, filledWith: RGBPixel(red: 10, green: 128, blue: 250))
        let (tensor, _) = Preprocessor(inputWidth: 96, inputHeight: 64, filter: filter).tensor(from: image)
        let plane = 96 * 64
        for (channel, byte) in [10, 128, 250].enumerated() {
            let values = tensor.values[(channel * plane)..<((channel + 1) * plane)]
            // Area weights skip sub-1/1000-pixel slivers, so a flat image may be off by < 1e-3.
            #expect(values.allSatisfy { abs($0 - Float(byte) / 255) < 1e-3 })
        }
    }

    @Test(arguments: [ResizeMode.stretch, .letterbox])
    func drawnBoxMapsBackToItsSourcePosition(mode: ResizeMode) {
        let drawn = PixelRect(x: 150, y: 90, width: 200, height: 120)
        let image = imageWithRectangle(width: 640, height: 400, rectangle: drawn)
        let preprocessor = Preprocessor(inputWidth: 416, inputHeight: 416, mode: mode)
        let (tensor, transform) = preprocessor.tensor(from: image)
        // The drawn box in input pixels: the columns and rows whose red value is mostly white.
        var minX = Int.max, minY = Int.max, maxX = -1, maxY = -1
        for y in 0..<416 {
            for x in 0..<416 where tensor.values[y * 416 + x] > 0.75 {
                minX = min(minX, x); maxX = max(maxX, x)
                minY = min(minY, y); maxY = max(maxY, y)
            }
        }
        let found = transform.mapToSource(BoundingBox(x1: Float(minX), y1: Float(minY), x2: Float(maxX + 1), y2: Float(maxY + 1)))
        // One input pixel is 1/scale source pixels: that is the resolution of the comparison.
        let toleranceX = max(1, 1 / transform.scaleX), toleranceY = max(1, 1 / transform.scaleY)
        #expect(abs(found.x1 - Float(drawn.x)) <= toleranceX)
        #expect(abs(found.x2 - Float(drawn.x + drawn.width)) <= toleranceX)
        #expect(abs(found.y1 - Float(drawn.y)) <= toleranceY)
        #expect(abs(found.y2 - Float(drawn.y + drawn.height)) <= toleranceY)
    }

    @Test func letterboxCentresTheImageAndPadsWithHalf() {
        let image = RGBImage(width: 800, height: 400)  // black: content is 0, padding 0.5
        let (tensor, transform) = Preprocessor(inputWidth: 416, inputHeight: 416, mode: .letterbox).tensor(from: image)
        #expect(transform.padX == 0 && transform.padY == 104)
        #expect(transform.scaleX == 0.52 && transform.scaleY == 0.52)
        for channel in 0..<3 {
            for y in [0, 103, 104, 311, 312, 415] {
                let value = tensor.values[(channel * 416 + y) * 416 + 207]
                #expect(value == ((104..<312).contains(y) ? 0 : Preprocessor.letterboxPadding), "row \(y)")
            }
        }
        let tall = Preprocessor(inputWidth: 416, inputHeight: 416, mode: .letterbox).transform(for: PixelRect(width: 300, height: 900))
        #expect(tall.padY == 0 && tall.padX == Float((416 - 139) / 2))
    }

    @Test func fillingASlotWritesOnlyThatSlot() {
        let image = syntheticImage(width: 120, height: 90)
        let preprocessor = Preprocessor(inputWidth: 32, inputHeight: 24, mode: .letterbox)
        let sentinel: Float = -7
        var batch = PlanarTensor(batch: 3, channels: 3, height: 24, width: 32,
                                 values: [Float](repeating: sentinel, count: 3 * 3 * 24 * 32))
        let region = PixelRect(x: 10, y: 5, width: 100, height: 60)
        _ = preprocessor.fill(&batch, at: 1, from: image, region: region)
        let size = batch.imageSize
        #expect(batch.values[0..<size].allSatisfy { $0 == sentinel })
        #expect(batch.values[(2 * size)...].allSatisfy { $0 == sentinel })
        let (single, _) = preprocessor.tensor(from: image, region: region)
        #expect(Array(batch.values[size..<(2 * size)]) == single.values)
    }

    /// The engine fills a batch's slots on several threads at once: the values must be those of
    /// one slot filled at a time, whatever the spec (padding, channel order, mean and std).
    @Test(arguments: [1, 2, 3])
    func fillingABatchOnThreadsEqualsFillingEachSlot(threads: Int) {
        let image = syntheticImage(width: 160, height: 120)
        let spec = InputSpec(width: 40, height: 24, resize: .letterbox, channelOrder: .bgr,
                             mean: SIMD3(0.5, 0.4, 0.3), std: SIMD3(0.2, 0.25, 0.3))
        let regions = [PixelRect(x: 0, y: 0, width: 160, height: 120), PixelRect(x: 10, y: 5, width: 100, height: 60),
                       PixelRect(x: 70, y: 20, width: 30, height: 90), PixelRect(x: 3, y: 90, width: 150, height: 30),
                       PixelRect(x: 40, y: 40, width: 41, height: 41)]
        for preprocessor in [Preprocessor(inputWidth: 40, inputHeight: 24), Preprocessor(spec: spec)] {
            var batch = PlanarTensor(batch: regions.count, channels: 3, height: 24, width: 40)
            let transforms = preprocessor.fill(&batch, from: image, regions: regions, threads: threads)
            var oneByOne = PlanarTensor(batch: regions.count, channels: 3, height: 24, width: 40)
            let expected = regions.indices.map { preprocessor.fill(&oneByOne, at: $0, from: image, region: regions[$0]) }
            #expect(batch.values == oneByOne.values)
            #expect(transforms == expected)
        }
    }

    @Test func regionEqualsResizingACroppedCopy() {
        let image = syntheticImage(width: 200, height: 150)
        let region = PixelRect(x: 37, y: 21, width: 120, height: 100)
        var cropped = RGBImage(width: region.width, height: region.height)
        for y in 0..<region.height {
            for x in 0..<region.width { cropped[x, y] = image[region.x + x, region.y + y] }
        }
        for filter in [ResampleFilter.bilinear, .area] {
            let preprocessor = Preprocessor(inputWidth: 50, inputHeight: 40, filter: filter)
            let (fromRegion, transform) = preprocessor.tensor(from: image, region: region)
            let (fromCrop, _) = preprocessor.tensor(from: cropped)
            #expect(fromRegion.values == fromCrop.values)
            #expect(transform.region == region)
        }
    }
}

/// A detector's ``InputSpec`` decides channel order, value range and padding.
@Suite struct InputSpecPreprocessTests {
    @Test func meanStdChannelOrderAndPaddingFollowTheSpec() throws {
        let image = RGBImage(width: 4, height: 2, filledWith: RGBPixel(red: 255, green: 0, blue: 51))
        let plain = Preprocessor(spec: InputSpec(width: 4, height: 4, resize: .letterbox)).tensor(from: image).0
        let spec = InputSpec(width: 4, height: 4, resize: .letterbox, channelOrder: .bgr,
                             mean: SIMD3(0.5, 0.5, 0.5), std: SIMD3(0.5, 0.5, 0.25), padding: 0)
        let (tensor, transform) = Preprocessor(spec: spec).tensor(from: image)
        #expect(transform == Preprocessor(spec: InputSpec(width: 4, height: 4, resize: .letterbox)).tensor(from: image).1)
        let plane = 16
        // Row 0 is padding, row 1 is image: blue first now, then green, then red.
        for (channel, byte) in [(0, 51), (1, 0), (2, 255)] {
            let expected = (Float(byte) / 255 - 0.5) / spec.std[channel]
            #expect(abs(tensor.values[channel * plane + 4] - expected) < 1e-5, "channel \(channel)")
            #expect(abs(tensor.values[channel * plane] - (0 - 0.5) / spec.std[channel]) < 1e-5, "padding, channel \(channel)")
        }
        #expect(plain.values[4] == 1 && plain.values[0] == Preprocessor.letterboxPadding)
    }
}
