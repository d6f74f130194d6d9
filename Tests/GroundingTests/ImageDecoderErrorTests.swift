import Foundation
import Testing
import Grounding

private typealias Support = ImageTestSupport

/// Every kind of bad input gets its own error, naming the file.
@Suite struct ImageDecoderErrorTests {
    /// Decodes `bytes` under `name` and returns the error (failing the test if there is none).
    private func error(_ bytes: [UInt8], _ name: String = "bad.jpg", options: DecodeOptions = DecodeOptions()) -> ImageError? {
        do {
            _ = try ImageDecoder.decode(bytes, name: name, options: options)
            Issue.record("\(name) decoded without error")
            return nil
        } catch {
            #expect(error.description.contains(name), "message does not name the file: \(error)")
            return error
        }
    }

    private func fileError(_ path: String, options: DecodeOptions = DecodeOptions()) -> ImageError? {
        do {
            _ = try ImageDecoder.decode(contentsOf: path, options: options)
            Issue.record("\(path) decoded without error")
            return nil
        } catch {
            #expect(error.description.contains(path))
            return error
        }
    }

    @Test func fileSystemProblems() throws {
        try Support.withTemporaryDirectory { dir in
            #expect(fileError(dir + "/missing.jpg") == .fileNotFound(path: dir + "/missing.jpg"))
            #expect(fileError(dir + "/missing/inside.jpg") == .fileNotFound(path: dir + "/missing/inside.jpg"))
            #expect(fileError(dir) == .isDirectory(path: dir))
            // A symbolic link to itself cannot be opened (ELOOP): unreadable, with the reason.
            let loop = dir + "/loop.jpg"
            try FileManager.default.createSymbolicLink(atPath: loop, withDestinationPath: loop)
            guard case .unreadable(let file, let reason) = fileError(loop) else { Issue.record("loop is not .unreadable"); return }
            #expect(file == loop && reason.contains("symbolic links"))
            let empty = dir + "/empty.jpg"
            _ = FileManager.default.createFile(atPath: empty, contents: Data())
            #expect(fileError(empty) == .empty(file: empty))
            // A kernel file whose size reads as 0 holds bytes all the same: not called empty, not read.
            #expect(fileError("/proc/self/status") == .sizeNotReported(path: "/proc/self/status"))
            // Refused from its size alone: a sparse 2 GiB file is never read.
            let huge = dir + "/huge.jpg"
            _ = FileManager.default.createFile(atPath: huge, contents: Data())
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: huge))
            try handle.truncate(atOffset: 2 << 30)
            try handle.close()
            #expect(fileError(huge) == .fileTooLarge(path: huge, bytes: 2 << 30, limit: 1 << 30))
        }
    }

    @Test func notAnImage() throws {
        #expect(error([], "nothing.jpg") == .empty(file: "nothing.jpg"))
        #expect(error([0x42], "one.jpg") == .unsupportedFormat(file: "one.jpg"))
        #expect(error([0xFF], "cut.jpg") == .truncated(file: "cut.jpg"))  // the first byte of a JPEG
        var random = Support.Random(state: 7)
        var noise = random.bytes(4096)
        noise[0] = 0x00
        #expect(error(noise, "noise.png") == .unsupportedFormat(file: "noise.png"))
        #expect(error(Array("GIF89a".utf8) + random.bytes(100), "anim.gif") == .unsupportedFormat(file: "anim.gif"))
    }

    @Test func truncatedJPEG() throws {
        let jpeg = try Support.bytes("dog.jpg")
        let sos = try #require(Support.markerOffset(0xDA, in: jpeg))
        for cut in [2, 40, sos - 10, sos + 30, jpeg.count / 2, jpeg.count - 100] {
            #expect(error(Array(jpeg.prefix(cut)), "dog-\(cut).jpg") == .truncated(file: "dog-\(cut).jpg"), "cut at \(cut) of \(jpeg.count)")
        }
    }

    /// A file that lacks only its end-of-image marker holds the whole image: libjpeg decodes it
    /// with a warning (OpenCV and browsers show it), and so does Grounding; strict refuses it.
    /// Baseline (dog.jpg) and progressive alike; cut 100 bytes earlier, each is truncated.
    @Test func jpegMissingOnlyItsEndMarkerDecodes() throws {
        let progressive = try TurboJPEG.progressive444Fixture(try ImageDecoder.decode(contentsOf: Support.path("dog.jpg")).image)
        var strict = DecodeOptions()
        strict.strict = true
        for (name, jpeg) in [("dog.jpg", try Support.bytes("dog.jpg")), ("progressive.jpg", progressive)] {
            let expected = try ImageDecoder.decode(jpeg, name: name).image
            let decoded = try ImageDecoder.decode(Array(jpeg.dropLast(2)), name: name)
            #expect(Support.difference(decoded.image, expected).max == 0, "\(name)")
            let warning = try #require(decoded.warnings.first, "\(name)")
            #expect(decoded.warnings.count == 1 && warning.detail.contains("only its end-of-image marker is missing"), "\(warning)")
            #expect(error(Array(jpeg.dropLast(2)), name, options: strict) == .corrupt(file: name, detail: warning.detail))
            #expect(error(Array(jpeg.dropLast(100)), name) == .truncated(file: name))
            #expect(error(Array(jpeg.dropLast(100)), name, options: strict) == .truncated(file: name))
        }
    }

    @Test func corruptJPEG() throws {
        let jpeg = try Support.bytes("dog.jpg")
        // A frame header declaring 7-bit samples, which baseline JPEG does not have.
        var badPrecision = jpeg
        badPrecision[try #require(Support.markerOffset(0xC0, in: jpeg)) + 4] = 7
        guard case .corrupt(let file, let detail) = error(badPrecision, "precision.jpg") else {
            Issue.record("bad precision is not .corrupt"); return
        }
        #expect(file == "precision.jpg" && !detail.isEmpty)
        // A Huffman table segment replaced by noise.
        var badTable = jpeg
        let dht = try #require(Support.markerOffset(0xC4, in: jpeg))
        for i in dht + 4..<dht + 24 { badTable[i] = 0xFF }
        guard case .corrupt = error(badTable, "huffman.jpg") else { Issue.record("bad DHT is not .corrupt"); return }
    }

    @Test func recoverableJPEGWarningsStillDecode() throws {
        // Stray bytes before the end-of-image marker: libjpeg warns and recovers, as OpenCV does,
        // and the warning comes back with the image; strict decoding refuses the file instead.
        let jpeg = try Support.bytes("dog.jpg")
        let padded = Array(jpeg.dropLast(2)) + [0x12, 0x34, 0x56, 0xFF, 0xD9]
        let expected = try ImageDecoder.decode(jpeg, name: "dog.jpg")
        #expect(expected.warnings.isEmpty)
        let decoded = try ImageDecoder.decode(padded, name: "padded.jpg")
        #expect(Support.difference(decoded.image, expected.image).max == 0)
        let warning = try #require(decoded.warnings.first)
        #expect(decoded.warnings.count == 1 && warning.file == "padded.jpg"
                && warning.detail.hasPrefix("Corrupt JPEG data") && warning.detail.hasSuffix("extraneous bytes before marker 0xd9"))
        #expect(warning.description.contains("padded.jpg") && warning.description.contains("strict"))
        var strict = DecodeOptions()
        strict.strict = true
        #expect(error(padded, "padded.jpg", options: strict) == .corrupt(file: "padded.jpg", detail: warning.detail))
    }

    /// Damage libjpeg reads past in the header (an unknown JFIF revision, stray bytes before a
    /// marker) is a warning just as in the data: decoded, reported, and refused only when strict.
    @Test func recoverableJPEGHeaderWarningsStillDecode() throws {
        let jpeg = try Support.bytes("dog.jpg")
        let expected = try ImageDecoder.decode(jpeg, name: "dog.jpg").image
        let jfif2: [UInt8] = [0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0, 2, 1, 0, 0, 1, 0, 1, 0, 0]
        let dqt = try #require(Support.markerOffset(0xDB, in: jpeg)), sos = try #require(Support.markerOffset(0xDA, in: jpeg))
        let cases: [(name: String, bytes: [UInt8], detail: String)] = [
            ("jfif2.jpg", [0xFF, 0xD8] + jfif2 + jpeg.dropFirst(2), "unknown JFIF revision number 2.01"),
            ("stray-dqt.jpg", Array(jpeg[..<dqt]) + [0x12, 0x34, 0x56] + jpeg[dqt...], "3 extraneous bytes before marker 0xdb"),
            ("stray-sos.jpg", Array(jpeg[..<sos]) + [0x12, 0x34, 0x56] + jpeg[sos...], "3 extraneous bytes before marker 0xda"),
        ]
        var strict = DecodeOptions()
        strict.strict = true
        for (name, bytes, detail) in cases {
            let decoded = try ImageDecoder.decode(bytes, name: name)
            #expect(Support.difference(decoded.image, expected).max == 0, "\(name)")
            let warning = try #require(decoded.warnings.first, "\(name)")
            #expect(decoded.warnings.count == 1 && warning.file == name && warning.detail.hasSuffix(detail), "\(name): \(warning)")
            #expect(error(bytes, name, options: strict) == .corrupt(file: name, detail: warning.detail), "\(name)")
            #expect(try ImageDecoder.header(bytes, name: name).width == 768)
            // Cut short as well, the file is truncated, not answered with grey rows: libjpeg's
            // words for the header's damage hide its running out of bytes.
            let cut = Array(bytes.prefix(bytes.count * 3 / 4))
            #expect(error(cut, name) == .truncated(file: name), "\(name)")
        }
    }

    /// Data that runs out before the declared size is filled (here dog.jpg's header claims twice
    /// its width and height) is grey where the data is missing: a warning, or in strict mode an error.
    @Test func damagedJPEGDataIsReported() throws {
        let damaged = Support.withJPEGSize(try Support.bytes("dog.jpg"), width: 1536, height: 1152)
        let decoded = try ImageDecoder.decode(damaged, name: "damaged.jpg")
        #expect((decoded.image.width, decoded.image.height) == (1536, 1152))
        let warning = try #require(decoded.warnings.first)
        #expect(decoded.warnings.count == 1 && warning.file == "damaged.jpg" && warning.detail.contains("Corrupt JPEG data"))
        var strict = DecodeOptions()
        strict.strict = true
        #expect(error(damaged, "damaged.jpg", options: strict) == .corrupt(file: "damaged.jpg", detail: warning.detail))
    }

    /// A complete Huffman-coded JPEG holds at least one bit per 8×8 block of each component. A
    /// flat grey image is the smallest an encoder makes (measured with cjpeg at 100 MP, quality 50:
    /// 2.0× this bound with optimised tables, 5.3× with the standard ones, which ImageEncoder
    /// uses), so it passes; the same data under a header declaring 9 times the pixels cannot.
    @Test func compressedDataTooSmallForTheHeaderIsRefused() throws {
        let flat = try ImageEncoder.jpeg(RGBImage(width: 512, height: 512, filledWith: RGBPixel(red: 128, green: 128, blue: 128)), quality: 50)
        #expect(try ImageDecoder.decode(flat, name: "flat.jpg").warnings.isEmpty)
        // 4 times the pixels: 1.3 times the bound, so it is decoded (with a warning).
        #expect(try ImageDecoder.decode(Support.withJPEGSize(flat, width: 1024, height: 1024), name: "flat4.jpg").warnings.count == 1)
        guard case .corrupt(_, let detail) = error(Support.withJPEGSize(flat, width: 1536, height: 1536), "flat9.jpg") else {
            Issue.record("9 times the pixels is not .corrupt"); return
        }
        #expect(detail.contains("1536×1536"))
    }

    /// PNG damage that libpng recovers from (image data after the end of the zlib stream) is a
    /// warning too, and an error in strict mode.
    @Test func recoverablePNGDamageIsReported() throws {
        let png = PNGWriter.make(width: 4, height: 4, colorType: .rgb, bitDepth: 8, samples: Array(repeating: 9, count: 48))
        let chunks = PNGWriter.chunks(of: png)
        let extra = PNGWriter.assemble(chunks.map { $0.type == "IDAT" ? ($0.type, $0.data + [1, 2, 3, 4]) : $0 })
        let decoded = try ImageDecoder.decode(extra, name: "extra.png")
        #expect(decoded.image.pixels == Array(repeating: 9, count: 48))
        let warning = try #require(decoded.warnings.first)
        #expect(decoded.warnings.count == 1 && warning.file == "extra.png")
        var strict = DecodeOptions()
        strict.strict = true
        #expect(error(extra, "extra.png", options: strict) == .corrupt(file: "extra.png", detail: warning.detail))
    }

    /// The working-memory limit is applied to the header's estimate, to the byte.
    @Test func memoryLimitIsCheckedBeforeDecoding() throws {
        for name in ["dog.jpg", "coins.png"] {
            let bytes = try Support.bytes(name)
            var options = DecodeOptions()
            options.maxMemoryBytes = try ImageDecoder.header(bytes, name: name).estimatedMemory
            #expect(try ImageDecoder.decode(bytes, name: name, options: options).image.width > 0)
            options.maxMemoryBytes -= 1
            guard case .needsTooMuchMemory(let file, _, _, let estimate, let limit) = error(bytes, name, options: options) else {
                Issue.record("\(name) under its estimate is not .needsTooMuchMemory"); continue
            }
            #expect(file == name && estimate == limit + 1)
        }
    }

    @Test func cmykJPEGIsRefused() throws {
        let cmyk = try TurboJPEG.cmykFixture(width: 16, height: 16)
        guard case .unsupportedColorSpace(let file, let space) = error(cmyk, "print.jpg") else {
            Issue.record("CMYK is not .unsupportedColorSpace"); return
        }
        #expect(file == "print.jpg" && (space.contains("CMYK") || space.contains("YCCK")))
    }

    /// Sound JPEGs of kinds libjpeg-turbo does not decode are named, not called damaged; a
    /// precision no JPEG has (7 bits, in ``corruptJPEG()``) is still damage.
    @Test func unsupportedJPEGKindsAreNamed() throws {
        let jpeg = try Support.bytes("dog.jpg")
        let sof = try #require(Support.markerOffset(0xC0, in: jpeg))
        func patched(_ offset: Int, _ value: UInt8) -> [UInt8] {
            var bytes = jpeg
            bytes[sof + offset] = value
            return bytes
        }
        let cases: [(name: String, bytes: [UInt8], kind: String)] = [
            ("twelve.jpg", patched(4, 12), "a 12-bit JPEG"),
            ("lossless.jpg", patched(1, 0xC3), "a lossless JPEG (SOF3)"),
            ("hierarchical.jpg", patched(1, 0xC5), "a hierarchical JPEG (SOF5)"),
            ("progressive-hierarchical.jpg", patched(1, 0xC6), "a hierarchical JPEG (SOF6)"),
            ("jpeg-ls.jpg", patched(1, 0xF7), "a JPEG-LS image (SOF55)"),
        ]
        for (name, bytes, kind) in cases {
            #expect(error(bytes, name) == .unsupportedJPEG(file: name, kind: kind), "\(name)")
        }
        let message = ImageError.unsupportedJPEG(file: "a.jpg", kind: "a 12-bit JPEG").description
        #expect(message.hasPrefix("a.jpg: is a 12-bit JPEG, which Grounding does not read") && message.contains("8-bit JPEG or a PNG"))
    }

    @Test func zeroAndOversizedJPEGHeaders() throws {
        let jpeg = try Support.bytes("dog.jpg")
        #expect(error(Support.withJPEGSize(jpeg, width: 0, height: 0), "zero.jpg") == .zeroSize(file: "zero.jpg"))
        #expect(error(Support.withJPEGSize(jpeg, width: 768, height: 0), "flat.jpg") == .zeroSize(file: "flat.jpg"))
        // 3.6 gigapixels: refused from the header (allocating 10.8 GB first would fail or take seconds).
        #expect(error(Support.withJPEGSize(jpeg, width: 60_000, height: 60_000), "giant.jpg")
                == .tooLarge(file: "giant.jpg", width: 60_000, height: 60_000, limit: 100_000_000))
        var strict = DecodeOptions()
        strict.maxPixels = 768 * 576 - 1
        #expect(error(jpeg, "dog.jpg", options: strict) == .tooLarge(file: "dog.jpg", width: 768, height: 576, limit: 768 * 576 - 1))
    }

    @Test func badPNGs() throws {
        let png = PNGWriter.make(width: 4, height: 4, colorType: .rgb, bitDepth: 8, samples: Array(repeating: 9, count: 48))
        #expect(try ImageDecoder.decode(png, name: "good.png").image.pixels == Array(repeating: 9, count: 48))
        // Last byte of the IDAT CRC (the IEND chunk is the final 12 bytes).
        var badCRC = png
        badCRC[png.count - 13] ^= 0x01
        guard case .corrupt(_, let detail) = error(badCRC, "crc.png") else { Issue.record("bad CRC is not .corrupt"); return }
        #expect(detail.contains("CRC"))
        for cut in [5, 20, 40, png.count - 20] {
            #expect(error(Array(png.prefix(cut)), "cut-\(cut).png") == .truncated(file: "cut-\(cut).png"), "cut at \(cut)")
        }
        var zero = png
        zero[16...19] = [0, 0, 0, 0]
        #expect(error(zero, "zero.png") == .zeroSize(file: "zero.png"))
        var giant = png
        giant[16...23] = [0, 0, 0xEA, 0x60, 0, 0, 0xEA, 0x60]  // 60000 × 60000
        #expect(error(giant, "giant.png") == .tooLarge(file: "giant.png", width: 60_000, height: 60_000, limit: 100_000_000))
    }

    @Test func messagesSayWhatToDo() {
        let messages = [
            ImageError.fileNotFound(path: "a.jpg"), .truncated(file: "a.jpg"),
            .unsupportedColorSpace(file: "a.jpg", colorSpace: "CMYK"), .tooLarge(file: "a.jpg", width: 1, height: 2, limit: 1),
            .unsupportedOutputFormat(file: "a.bmp", extension: "bmp"),
            .needsTooMuchMemory(file: "a.jpg", width: 10_000, height: 10_000, estimatedBytes: 900_000_000, limit: 805_306_368),
            .notRegularFile(path: "a.jpg", kind: .namedPipe),
        ].map(\.description)
        #expect(messages[0].contains("check the path"))
        #expect(messages[1].contains("re-download"))
        #expect(messages[2].contains("sRGB"))
        #expect(messages[3].contains("maxPixels"))
        #expect(messages[4].contains("bmp") && messages[4].contains(".png"))
        #expect(messages[5].contains("859 MiB") && messages[5].contains("over the 768 MiB limit") && messages[5].contains("jpegtran")
                && messages[5].contains("maxMemoryBytes"))
        #expect(messages[6].hasPrefix("a.jpg: is a named pipe (FIFO), not an image file; "))
        // A path of thousands of characters is shown by its start and end, saying how much is left out.
        let long = "/photos/" + String(repeating: "d/", count: 2_500) + "end.jpg"
        let shown = ImageError.fileNotFound(path: long).description
        #expect(shown.hasPrefix("/photos/d/") && shown.contains("end.jpg: no such file") && shown.count < 400, "\(shown.count)")
        #expect(shown.contains("…(\(long.count - 280) characters)…"))
        #expect(ImageError.truncated(file: "a.jpg").description.hasPrefix("a.jpg: "))
    }
}
