import Testing
import Grounding

private typealias Support = ImageTestSupport

@Suite struct ExifOrientationTests {
    /// The lossless transform that makes the stored image from the upright one: the inverse of
    /// each tag's.
    static let storing: [ExifOrientation: TurboJPEG.LosslessTransform] = [
        .up: .none, .upMirrored: .horizontalFlip, .down: .rotate180, .downMirrored: .verticalFlip,
        .leftMirrored: .transpose, .right: .rotate270, .rightMirrored: .transverse, .left: .rotate90,
    ]

    /// A 3×2 image whose pixels are the letters a...f (as grey levels), row-major.
    private let letters = RGBImage(width: 3, height: 2, pixels: Array(1...6).flatMap { [UInt8($0), UInt8($0), UInt8($0)] })

    private func rows(_ image: RGBImage) -> [String] {
        (0..<image.height).map { y in
            String((0..<image.width).map { x in Character(UnicodeScalar(UInt8(96) + image[x, y].red)) })
        }
    }

    @Test func appliesEachOrientationAsTheEXIFSpecSays() {
        // Stored "abc/def"; what a viewer shows for each tag, worked out by hand.
        let upright: [ExifOrientation: [String]] = [
            .up: ["abc", "def"], .upMirrored: ["cba", "fed"], .down: ["fed", "cba"], .downMirrored: ["def", "abc"],
            .leftMirrored: ["ad", "be", "cf"], .right: ["da", "eb", "fc"], .rightMirrored: ["fc", "eb", "da"], .left: ["cf", "be", "ad"],
        ]
        for orientation in ExifOrientation.allCases {
            #expect(rows(orientation.applied(to: letters)) == upright[orientation], "\(orientation)")
        }
    }

    @Test func orientationsInvertOnLargeImages() {
        // 70 × 45 with padded rows: crosses the 32-pixel tiles unevenly.
        let image = Support.randomImage(width: 70, height: 45, rowStride: 70 * 3 + 5, seed: 3)
        let tight = RGBImage(width: 70, height: 45, pixels: (0..<45).flatMap { y in image.pixels[(y * image.rowStride)..<(y * image.rowStride + 210)] })
        let inverse: [ExifOrientation: ExifOrientation] = [.right: .left, .left: .right]
        for orientation in ExifOrientation.allCases {
            let turned = orientation.applied(to: image)
            #expect(turned.width == (orientation.swapsWidthAndHeight ? 45 : 70))
            let back = (inverse[orientation] ?? orientation).applied(to: turned)
            #expect(back.width == 70 && Support.difference(back, tight).max == 0, "\(orientation)")
        }
    }

    @Test func parsesBothByteOrders() throws {
        let jpeg = try Support.bytes("dog.jpg")
        #expect(ExifOrientation.parse(jpeg: jpeg) == .up)
        for value in 1...8 {
            for bigEndian in [false, true] {
                let tagged = Support.withExif(jpeg, orientation: value, bigEndian: bigEndian)
                #expect(ExifOrientation.parse(jpeg: tagged).rawValue == value)
            }
        }
    }

    /// A PNG's eXIf chunk holds the same TIFF structure; only one before the image data counts.
    @Test func parsesPNGeXIf() {
        let png = PNGWriter.make(width: 4, height: 3, colorType: .rgb, bitDepth: 8, samples: Array(repeating: 9, count: 36))
        #expect(ExifOrientation.parse(png: png) == .up)
        for value in 1...8 {
            for bigEndian in [false, true] {
                #expect(ExifOrientation.parse(png: Support.withEXIf(png, orientation: value, bigEndian: bigEndian)).rawValue == value)
            }
        }
        #expect(ExifOrientation.parse(png: Support.withEXIf(png, orientation: 6, bigEndian: true, afterData: true)) == .up)
        // A damaged chunk, or noise, never crashes or hangs.
        let tagged = Support.withEXIf(png, orientation: 6, bigEndian: false)
        for cut in 8..<tagged.count { _ = ExifOrientation.parse(png: Array(tagged.prefix(cut))) }
        var random = Support.Random(state: 5)
        for length in 0..<300 {
            _ = ExifOrientation.parse(png: Array(png.prefix(33)) + PNGWriter.chunk("eXIf", random.bytes(length)))
        }
    }

    /// A PNG stored turned, with the tag in eXIf, decodes to exactly the upright photo, as a JPEG
    /// does; its header and decoded sizes are upright, and without orientation it is as stored.
    @Test func everyPNGTagDecodesUprightFromARealPhoto() throws {
        let upright = try ImageDecoder.decode(contentsOf: Support.path("dog.jpg")).image
        let inverse: [ExifOrientation: ExifOrientation] = [.right: .left, .left: .right]
        var raw = DecodeOptions()
        raw.appliesOrientation = false
        for orientation in ExifOrientation.allCases {
            let stored = (inverse[orientation] ?? orientation).applied(to: upright)
            let png = Support.withEXIf(try ImageEncoder.png(stored), orientation: orientation.rawValue, bigEndian: orientation.rawValue % 2 == 0)
            let decoded = try ImageDecoder.decode(png, name: "dog-\(orientation.rawValue).png")
            #expect(decoded.orientation == orientation && decoded.image == upright, "\(orientation)")
            #expect((decoded.fullWidth, decoded.fullHeight) == (768, 576))
            let header = try ImageDecoder.header(png, name: "dog.png")
            #expect(header.orientation == orientation && (header.width, header.height) == (768, 576))
            #expect(header.estimatedMemory == 768 * 576 * (orientation == .up ? 3 : 6))
            #expect(try ImageDecoder.decode(png, name: "raw.png", options: raw).image == stored, "\(orientation)")
        }
    }

    @Test func malformedExifIsUpright() throws {
        let small = try ImageEncoder.jpeg(Support.randomImage(width: 16, height: 16, seed: 2))
        let base = Support.withExif(small, orientation: 6, bigEndian: true)
        #expect(ExifOrientation.parse(jpeg: base) == .right)
        let tiff = 12  // SOI, APP1 marker + length, "Exif\0\0"
        #expect(ExifOrientation.parse(jpeg: Support.withExif([0xFF, 0xD8], orientation: 9, bigEndian: false)) == .up)
        var mutations: [(String, (inout [UInt8]) -> Void)] = [
            ("bad byte order", { $0[tiff] = 0x58 }),
            ("bad magic", { $0[tiff + 3] = 43 }),
            ("IFD offset past the end", { $0[tiff + 4...tiff + 7] = [0x7F, 0xFF, 0xFF, 0xFF] }),
            ("IFD offset inside the header", { $0[tiff + 7] = 2 }),
            ("IFD0 without the tag", { $0[tiff + 22] ^= 0x10 }),
            ("orientation of type LONG", { $0[tiff + 25] = 4 }),
            ("segment length 0", { $0[4...5] = [0, 0] }),
            ("segment length past the end", { $0[4...5] = [0xFF, 0xFF] }),
        ]
        mutations.append(("cut inside the Exif", { $0.removeLast($0.count - 30) }))
        for (name, mutate) in mutations {
            var bytes = base
            mutate(&bytes)
            #expect(ExifOrientation.parse(jpeg: bytes) == .up, "\(name)")
        }
        // An entry count past the end is clamped to the entries present, which still hold the tag.
        var overcounted = base
        overcounted[tiff + 8...tiff + 9] = [0xFF, 0xFF]
        #expect(ExifOrientation.parse(jpeg: overcounted) == .right)
        // Noise after SOI never crashes or hangs.
        var random = Support.Random(state: 11)
        for length in 0..<300 {
            _ = ExifOrientation.parse(jpeg: [0xFF, 0xD8] + random.bytes(length))
            _ = ExifOrientation.parse(jpeg: [0xFF, 0xD8, 0xFF, 0xE1, 0, UInt8(length % 200 + 2)] + Array("Exif".utf8) + [0, 0] + random.bytes(length))
        }
    }

    /// Real photo, all 8 tags, both byte orders: the stored pixels are transformed losslessly in
    /// the DCT domain (TurboJPEG `tjTransform`, perfect, MCU-aligned crop), the tag is spliced in,
    /// and the decoded upright image must match the untransformed photo's decode.
    @Test func everyTagDecodesUprightFromARealPhoto() throws {
        // kite.jpg is 4:2:0 (16×16 MCUs); crop to whole MCUs so every transform is perfect.
        let photo = try TurboJPEG.transform(try Support.bytes("kite.jpg"), .none, crop: PixelRect(x: 0, y: 0, width: 1344, height: 896))
        let upright = try ImageDecoder.decode(photo, name: "kite-cropped.jpg").image
        for orientation in ExifOrientation.allCases {
            let stored = try TurboJPEG.transform(photo, try #require(Self.storing[orientation]))
            for bigEndian in [false, true] {
                let tagged = Support.withExif(stored, orientation: orientation.rawValue, bigEndian: bigEndian)
                let decoded = try ImageDecoder.decode(tagged, name: "kite-\(orientation.rawValue).jpg")
                #expect(decoded.orientation == orientation)
                #expect((decoded.fullWidth, decoded.fullHeight) == (1344, 896))
                let difference = Support.difference(decoded.image, upright)
                // libjpeg's IDCT and chroma upsampling round asymmetrically, so a mirrored or
                // transposed coefficient block decodes to a mirror image only up to rounding:
                // measured mean 0.0001 (flips) and 0.054 (transposes), max 3. A wrong
                // orientation gives a mean difference in the tens.
                #expect(difference.mean < 0.1 && difference.max <= 3, "\(orientation): mean \(difference.mean), max \(difference.max)")
            }
            // Not applied: the stored pixels, and the stored size.
            var raw = DecodeOptions()
            raw.appliesOrientation = false
            let unturned = try ImageDecoder.decode(Support.withExif(stored, orientation: orientation.rawValue, bigEndian: true), name: "raw.jpg", options: raw)
            #expect(unturned.image.width == (orientation.swapsWidthAndHeight ? 896 : 1344))
        }
    }

    /// The same, pixel-identical: the photo reduced to flat grey 8×8 blocks has only DC
    /// coefficients and constant chroma, so libjpeg's rounding cannot tell a transformed block from
    /// the original, and every tag must give exactly the untransformed decode.
    @Test func everyTagIsPixelIdenticalOnABlockyPhoto() throws {
        let kite = try ImageDecoder.decode(contentsOf: Support.path("kite.jpg")).image
        let (width, height) = (1344, 896)
        var blocky = RGBImage(width: width, height: height)
        for by in stride(from: 0, to: height, by: 8) {
            for bx in stride(from: 0, to: width, by: 8) {
                var sum = 0
                for y in by..<(by + 8) {
                    for x in bx..<(bx + 8) { sum += Int(kite[x, y].green) }
                }
                let grey = UInt8(sum / 64)
                for y in by..<(by + 8) {
                    for x in bx..<(bx + 8) { blocky[x, y] = RGBPixel(red: grey, green: grey, blue: grey) }
                }
            }
        }
        let photo = try ImageEncoder.jpeg(blocky, quality: 95)
        let upright = try ImageDecoder.decode(photo, name: "blocky.jpg").image
        for orientation in ExifOrientation.allCases {
            let stored = try TurboJPEG.transform(photo, try #require(Self.storing[orientation]))
            for bigEndian in [false, true] {
                let tagged = Support.withExif(stored, orientation: orientation.rawValue, bigEndian: bigEndian)
                let decoded = try ImageDecoder.decode(tagged, name: "blocky-\(orientation.rawValue).jpg").image
                #expect(decoded == upright, "\(orientation), big-endian \(bigEndian)")
            }
        }
    }

    @Test func downscalesFirstThenOrients() throws {
        let cropped = try TurboJPEG.transform(try Support.bytes("kite.jpg"), .none, crop: PixelRect(x: 0, y: 0, width: 1344, height: 896))
        let photo = try TurboJPEG.transform(cropped, .rotate270)
        var options = DecodeOptions()
        options.minimumLongSide = 416
        let decoded = try ImageDecoder.decode(Support.withExif(photo, orientation: 6, bigEndian: false), name: "kite-6.jpg", options: options)
        // Stored 896 × 1344; 3/8 of that is 336 × 504, upright 504 × 336.
        #expect((decoded.image.width, decoded.image.height) == (504, 336))
        #expect((decoded.fullWidth, decoded.fullHeight) == (1344, 896))
    }
}
