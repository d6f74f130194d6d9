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

    /// The header's memory estimate, worked out here from libjpeg's rules: 3 bytes per decoded
    /// pixel, plus for progressive files 128 bytes per 8×8 block of each component (blocks
    /// rounded up to whole sampling units), or a second copy of the pixels when EXIF turns them.
    @Test func headerEstimatesWorkingMemory() throws {
        // Baseline 4:4:4, 1352×900: only the pixels; DCT-scaled by 3/8 to 507×338.
        let kite = try ImageDecoder.header(contentsOf: Support.path("kite.jpg"))
        #expect((kite.format, kite.width, kite.height, kite.buffersCoefficients) == (.jpeg, 1352, 900, false))
        #expect(kite.estimatedMemory == 1352 * 900 * 3)
        var scaled = DecodeOptions()
        scaled.minimumLongSide = 416
        #expect(try ImageDecoder.header(contentsOf: Support.path("kite.jpg"), options: scaled).estimatedMemory == 507 * 338 * 3)
        // Progressive 4:2:0, 24×16: luma 3×2 blocks rounded up to 4×2, chroma 2×1 each.
        let seed = Array(try Data(contentsOf: FuzzRegressionTests.root.appendingPathComponent("Seeds/jpeg/progressive.jpg")))
        let progressive = try ImageDecoder.header(seed, name: "progressive.jpg")
        #expect(progressive.buffersCoefficients && progressive.estimatedMemory == 24 * 16 * 3 + (8 + 2 + 2) * 128)
        // Progressive 4:4:4, 40×24: 5×3 blocks in each of 3 components, also when DCT-scaled.
        let full = try TurboJPEG.progressive444Fixture(Support.randomImage(width: 40, height: 24, seed: 4))
        #expect(try ImageDecoder.header(full, name: "444.jpg").estimatedMemory == 40 * 24 * 3 + 3 * 15 * 128)
        scaled.minimumLongSide = 5
        #expect(try ImageDecoder.header(full, name: "444.jpg", options: scaled).estimatedMemory == 5 * 3 * 3 + 3 * 15 * 128)
        // EXIF "right": upright size reported, and the turned copy counted.
        let turned = try ImageDecoder.header(Support.withExif(Support.bytes("dog.jpg"), orientation: 6, bigEndian: true), name: "turned.jpg")
        #expect((turned.width, turned.height, turned.orientation) == (576, 768, .right))
        #expect(turned.estimatedMemory == 2 * 768 * 576 * 3)
        // PNG: 3 bytes per pixel, 4 with an alpha channel or a tRNS chunk.
        #expect(try ImageDecoder.header(contentsOf: Support.path("coins.png")).estimatedMemory == 384 * 303 * 3)
        let rgba = PNGWriter.make(width: 5, height: 2, colorType: .rgba, bitDepth: 8, samples: Array(repeating: 1, count: 40))
        #expect(try ImageDecoder.header(rgba, name: "rgba.png").estimatedMemory == 5 * 2 * 4)
        let keyed = PNGWriter.make(width: 5, height: 2, colorType: .gray, bitDepth: 8, samples: Array(repeating: 1, count: 10), transparency: [0, 1])
        #expect(try ImageDecoder.header(keyed, name: "keyed.png").estimatedMemory == 5 * 2 * 4)
    }

    /// `header(contentsOf:)` reads the start of a file, and all of it when the header is longer.
    @Test func headerOfAFileMatchesTheHeaderOfItsBytes() throws {
        for name in TestSupport.testImageNames {
            #expect(try ImageDecoder.header(contentsOf: Support.path(name)) == ImageDecoder.header(Support.bytes(name), name: name), "\(name)")
        }
        // 130 KB of application segments before the frame header.
        let dog = try Support.bytes("dog.jpg")
        let segment: [UInt8] = [0xFF, 0xE2, 0xFF, 0xFF] + [UInt8](repeating: 7, count: 65_533)
        let padded = Array(dog.prefix(2)) + segment + segment + Array(dog.dropFirst(2))
        try Support.withTemporaryDirectory { folder in
            let path = folder + "/padded.jpg"
            try Data(padded).write(to: URL(fileURLWithPath: path))
            let header = try ImageDecoder.header(contentsOf: path)
            #expect((header.width, header.height, header.estimatedMemory) == (768, 576, 768 * 576 * 3))
            // Cut inside those segments, the file is truncated.
            try Data(padded.prefix(100_000)).write(to: URL(fileURLWithPath: path))
            #expect(throws: ImageError.truncated(file: path)) { try ImageDecoder.header(contentsOf: path) }
        }
    }

    /// Text, ICC profiles and unknown ancillary chunks are dropped before libpng sees the file,
    /// whole (the CRCs of the rest stay valid); what decoding uses (tRNS, gAMA, sRGB, sBIT) stays.
    @Test func pngChunksDecodingDoesNotNeedAreDropped() throws {
        let plain = try Support.bytes("coins.png")
        let bomb = PNGWriter.zlibZeros(count: 1 << 20)
        let noise: [(type: String, data: [UInt8])] = [
            ("tEXt", Array("Title\0coins".utf8)), ("zTXt", Array("Comment".utf8) + [0, 0] + bomb),
            ("iTXt", Array("Note".utf8) + [0, 1, 0, 0, 0] + bomb), ("iCCP", Array("Profile".utf8) + [0, 0] + bomb),
            ("grNd", [1, 2, 3]), ("pHYs", [0, 0, 11, 19, 0, 0, 11, 19, 1]),
        ]
        let noisy = PNGWriter.inserting(noise, into: plain)
        let filtered = PNGChunks.essentials(noisy)
        #expect(PNGWriter.chunks(of: filtered).map(\.type) == ["IHDR", "IDAT", "IDAT", "IEND"])
        #expect(filtered == plain && PNGChunks.essentials(plain) == plain)
        #expect(try ImageDecoder.decode(noisy, name: "noisy.png") == ImageDecoder.decode(plain, name: "coins.png"))
        // Kept: transparency and gamma, in place.
        let gamma = PNGWriter.make(width: 2, height: 1, colorType: .gray, bitDepth: 8, samples: [10, 200], transparency: [0, 10])
        let tagged = PNGWriter.inserting([("gAMA", PNGWriter.be32(100_000)), ("sRGB", [0]), ("sBIT", [5])] + noise, into: gamma)
        #expect(PNGWriter.chunks(of: PNGChunks.essentials(tagged)).map(\.type) == ["IHDR", "gAMA", "sRGB", "sBIT", "tRNS", "IDAT", "IEND"])
    }

    /// libpng's output without the chunks the filter drops is the same as with them: here on a
    /// photo carrying iCCP, pHYs, tIME and tEXt, and on 16-bit files with a gamma (which libpng
    /// converts) plus chromaticities, a damaged ICC profile, a background and text. Run before the
    /// filter existed, this compared libpng on both streams; it also showed that sBIT does change
    /// gamma-converted pixels, so sBIT is kept.
    @Test func droppedChunksNeverChangedThePixels() throws {
        let droppable: Set = ["tEXt", "zTXt", "iTXt", "iCCP", "cHRM", "pHYs", "tIME", "bKGD"]
        func stripped(_ png: [UInt8]) -> [UInt8] { PNGWriter.assemble(PNGWriter.chunks(of: png).filter { !droppable.contains($0.type) }) }
        let astronaut = try Support.bytes("astronaut.png")
        #expect(Set(PNGWriter.chunks(of: astronaut).map(\.type)).isSuperset(of: ["iCCP", "tEXt"]))
        #expect(try ImageDecoder.decode(astronaut, name: "a.png") == ImageDecoder.decode(stripped(astronaut), name: "a.png"))
        let extras: [(type: String, data: [UInt8])] = [
            ("cHRM", [31270, 32900, 64000, 33000, 30000, 60000, 15000, 6000].flatMap { PNGWriter.be32($0) }),
            ("iCCP", Array("Profile".utf8) + [0, 0] + PNGWriter.zlibZeros(count: 4000)),
            ("bKGD", [0, 0, 0, 0, 0, 0]), ("sBIT", [5, 6, 5]), ("tEXt", Array("k\0v".utf8)),
        ]
        for gamma in [45_455, 100_000, 22_000] {
            let png = PNGWriter.make(width: 16, height: 4, colorType: .rgb, bitDepth: 16, samples: (0..<192).map { $0 * 341 })
            let tagged = PNGWriter.inserting([("gAMA", PNGWriter.be32(gamma))] + extras, into: png)
            #expect(try ImageDecoder.decode(tagged, name: "g.png") == ImageDecoder.decode(stripped(tagged), name: "g.png"), "gamma \(gamma)")
        }
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
