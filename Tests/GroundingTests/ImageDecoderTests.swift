import Foundation
import Testing
import Grounding
import Synchronization

private typealias Support = ImageTestSupport

@Suite struct ImageDecoderTests {
    @Test func decodesPhotosAtFullSize() throws {
        let jpeg = try ImageDecoder.decode(contentsOf: Support.path("kite.jpg"))
        #expect(jpeg.format == .jpeg)
        #expect((jpeg.image.width, jpeg.image.height) == (1352, 900))
        #expect((jpeg.fullWidth, jpeg.fullHeight) == (1352, 900))
        let png = try ImageDecoder.decode(contentsOf: Support.path("coins.png"))  // 8-bit grey
        #expect(png.format == .png && png.orientation == .up)
        #expect((png.image.width, png.image.height) == (384, 303))
        let pixel = png.image[100, 100]
        #expect(pixel.red == pixel.green && pixel.green == pixel.blue)
    }

    @Test func sniffsByContentNotExtension() throws {
        #expect(ImageFormat.sniff([0xFF, 0xD8, 0xFF, 0xE0]) == .jpeg)
        #expect(ImageFormat.sniff(PNGWriter.make(width: 1, height: 1, colorType: .gray, bitDepth: 8, samples: [0])) == .png)
        #expect(ImageFormat.sniff(Array("GIF89a".utf8)) == nil)
        // A PNG named .jpg decodes as PNG.
        try Support.withTemporaryDirectory { dir in
            let path = dir + "/actually-a-png.jpg"
            try Data(PNGWriter.make(width: 2, height: 1, colorType: .gray, bitDepth: 8, samples: [10, 20])).write(to: URL(fileURLWithPath: path))
            let decoded = try ImageDecoder.decode(contentsOf: path)
            #expect(decoded.format == .png && decoded.image[1, 0] == RGBPixel(red: 20, green: 20, blue: 20))
        }
    }

    /// Every PNG colour type at 8 and 16 bits, with samples whose 8-bit RGB result is known.
    @Test(arguments: [8, 16])
    func decodesEveryPNGColorType(bitDepth: Int) throws {
        let full = bitDepth == 16 ? 65_535 : 255
        // 16-bit samples become (v * 255 + 32767) / 65535; 8-bit ones stay.
        func narrow(_ v: Int) -> Int { bitDepth == 16 ? (v * 255 + 32_767) / 65_535 : v }
        // Transparency is composited over white, rounded: (c * a + 255 * (255 - a)) / 255.
        func over(_ c: Int, _ a: Int) -> Int { (narrow(c) * narrow(a) + 255 * (255 - narrow(a)) + 127) / 255 }
        let mid = bitDepth == 16 ? 32_767 : 127, low = bitDepth == 16 ? 12_850 : 50, quarter = full / 4

        func check(_ colorType: PNGWriter.ColorType, _ samples: [Int], expected: [Int], transparency: [UInt8]? = nil) throws {
            let png = PNGWriter.make(width: 2, height: 2, colorType: colorType, bitDepth: bitDepth, samples: samples, transparency: transparency)
            let image = try ImageDecoder.decode(png, name: "\(colorType)-\(bitDepth).png").image
            #expect(Array(image.pixels.prefix(12)) == expected.map(UInt8.init), "\(colorType) \(bitDepth)-bit")
        }
        try check(.gray, [0, mid, full, low], expected: [0, 0, 0, 127, 127, 127, 255, 255, 255, 50, 50, 50])
        try check(.rgb, [mid, 0, full, low, mid, 0, 0, 0, 0, full, full, full],
                  expected: [127, 0, 255, 50, 127, 0, 0, 0, 0, 255, 255, 255])
        try check(.grayAlpha, [mid, full, mid, 0, low, mid, 0, quarter],
                  expected: [127, 127, 127, 255, 255, 255] + [Int](repeating: over(low, mid), count: 3) + [Int](repeating: over(0, quarter), count: 3))
        try check(.rgba, [mid, low, 0, full, full, 0, 0, 0, low, mid, full, mid, 0, 0, 0, quarter],
                  expected: [127, 50, 0, 255, 255, 255, over(low, mid), over(mid, mid), over(full, mid), over(0, quarter), over(0, quarter), over(0, quarter)])
        // tRNS on grey and RGB marks one exact sample value fully transparent.
        let transparentGray = bitDepth == 16 ? [UInt8(low >> 8), UInt8(low & 0xFF)] : [0, UInt8(low)]
        try check(.gray, [0, mid, full, low], expected: [0, 0, 0, 127, 127, 127, 255, 255, 255, 255, 255, 255], transparency: transparentGray)
        if bitDepth == 8 {
            // Palettes are at most 8 bits deep.
            let palette: [UInt8] = [255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30]
            let opaque = PNGWriter.make(width: 2, height: 2, colorType: .palette, bitDepth: 8, samples: [0, 1, 2, 3], palette: palette)
            #expect(try ImageDecoder.decode(opaque, name: "palette.png").image.pixels == palette)
            let translucent = PNGWriter.make(width: 2, height: 2, colorType: .palette, bitDepth: 8, samples: [0, 1, 2, 3],
                                             palette: palette, transparency: [255, 0, 128])  // entry 3: opaque by default
            #expect(try ImageDecoder.decode(translucent, name: "palette-trns.png").image.pixels
                    == [255, 0, 0, 255, 255, 255, over(0, 128), over(0, 128), over(255, 128), 10, 20, 30].map(UInt8.init))
        }
    }

    @Test func decodesPackedLowBitDepths() throws {
        // Grey at 1, 2 and 4 bits scales to 0...255; 3 pixels per row leaves padding bits.
        for (depth, samples, expected) in [(1, [1, 0, 1, 0, 1, 1], [255, 0, 255, 0, 255, 255]),
                                           (2, [0, 1, 2, 3, 2, 1], [0, 85, 170, 255, 170, 85]),
                                           (4, [0, 5, 15, 10, 1, 7], [0, 85, 255, 170, 17, 119])] {
            let png = PNGWriter.make(width: 3, height: 2, colorType: .gray, bitDepth: depth, samples: samples)
            let image = try ImageDecoder.decode(png, name: "gray\(depth).png").image
            #expect(image.pixels == expected.flatMap { [UInt8($0), UInt8($0), UInt8($0)] }, "\(depth)-bit grey")
        }
        let palette: [UInt8] = [0, 0, 0, 200, 100, 50, 1, 2, 3]
        let png = PNGWriter.make(width: 3, height: 1, colorType: .palette, bitDepth: 4, samples: [2, 1, 0], palette: palette)
        #expect(try ImageDecoder.decode(png, name: "palette4.png").image.pixels == [1, 2, 3, 200, 100, 50, 0, 0, 0])
    }

    @Test func sixteenBitMidGreyIs127NotGammaEncoded() throws {
        // Every 16-bit value narrows to round(v / 257): check all of them in one 256×256 image.
        let samples = Array(0..<65_536)
        let png = PNGWriter.make(width: 256, height: 256, colorType: .gray, bitDepth: 16, samples: samples)
        let image = try ImageDecoder.decode(png, name: "ramp16.png").image
        #expect(image[32_767 % 256, 32_767 / 256].red == 127)
        let wrong = samples.filter { Int(image.pixels[$0 * 3]) != ($0 * 255 + 32_767) / 65_535 }
        #expect(wrong.isEmpty, "first wrong 16-bit values: \(wrong.prefix(5))")
    }

    @Test func downscaledDecodePicksSmallestCoveringFactor() throws {
        var options = DecodeOptions()
        options.minimumLongSide = 416
        let decoded = try ImageDecoder.decode(contentsOf: Support.path("kite.jpg"), options: options)
        // Expected factor from the list alone: the smallest n/d with ceil(1352 n / d) >= 416.
        let factors = TurboJPEG.downscalingFactors.map { ($0.numerator, $0.denominator) }
        #expect(factors.contains { $0 == (1, 8) } && factors.contains { $0 == (1, 1) })
        let covering = factors.filter { (1352 * $0.0 + $0.1 - 1) / $0.1 >= 416 }
        let best = try #require(covering.min { $0.0 * $1.1 < $1.0 * $0.1 })
        #expect(best == (3, 8))
        let width = (1352 * best.0 + best.1 - 1) / best.1, height = (900 * best.0 + best.1 - 1) / best.1
        #expect((decoded.image.width, decoded.image.height) == (width, height))
        #expect((decoded.fullWidth, decoded.fullHeight) == (1352, 900))
        // The DCT-domain downscale is close to a full decode plus area averaging
        // (measured: mean abs diff 2.76 per channel; DCT scaling is not a box filter).
        let full = try ImageDecoder.decode(contentsOf: Support.path("kite.jpg")).image
        let reference = Support.areaDownscale(full, width: width, height: height)
        let difference = Support.difference(decoded.image, reference)
        #expect(difference.mean < 3.5, "mean abs diff \(difference.mean)")
        // Asking for more than the image has decodes at full size.
        options.minimumLongSide = 5000
        #expect(try ImageDecoder.decode(contentsOf: Support.path("kite.jpg"), options: options).image.width == 1352)
    }

    @Test func decodesSafelyFromManyThreadsAtOnce() throws {
        let bytes = try Support.bytes("dog.jpg")
        let expected = try ImageDecoder.decode(bytes, name: "dog.jpg").image
        let results = Mutex<[RGBImage?]>(Array(repeating: nil, count: 8))
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            var options = DecodeOptions()
            options.minimumLongSide = i.isMultiple(of: 2) ? nil : 300
            let image = try? ImageDecoder.decode(bytes, name: "dog.jpg", options: options).image
            results.withLock { $0[i] = image }
        }
        let images = results.withLock { $0 }
        for (i, image) in images.enumerated() {
            let image = try #require(image)
            if i.isMultiple(of: 2) {
                #expect(image.width == expected.width && Support.difference(image, expected).max == 0)
            } else {
                #expect(image.width < expected.width)
            }
        }
    }
}
