import Foundation
import Testing
import Grounding
#if canImport(Glibc)
import Glibc
#endif

private typealias Support = ImageTestSupport

/// Hostile files through both public entry points, one table row each: the decoder must give the
/// row's specific ``ImageError`` (and the engine the same error wrapped in
/// ``GroundingError/image(_:)``), or a valid image that the engine then answers for. Paths that
/// are not files at all (a named pipe, devices, a socket) have their own table.
@Suite struct HostileInputTests {
    /// What a row must give.
    enum Outcome {
        /// This exact error.
        case error(ImageError)
        /// An error of the right kind whose details (libjpeg's or libpng's words) vary.
        case corrupt(detailContains: String)
        /// A decoded image of this upright size and EXIF orientation, without warnings.
        case image(width: Int, height: Int, orientation: ExifOrientation)
        /// A decoded image of this size with one warning containing these words (libjpeg's).
        case damaged(width: Int, height: Int, warning: String)
    }

    struct Row: CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var outcome: Outcome
        var testDescription: String { "\(name) (\(bytes.count) bytes)" }
    }

    // MARK: The table

    /// Every row; files are built from the test photos and the shared PNG/EXIF helpers.
    static let rows: [Row] = {
        let jpeg = (try? Support.bytes("dog.jpg")) ?? []  // 768×576, no EXIF
        let png = (try? Support.bytes("coins.png")) ?? []
        let smallPNG = PNGWriter.make(width: 4, height: 3, colorType: .rgb, bitDepth: 8, samples: (0..<36).map { $0 * 7 })
        var rows: [Row] = [
            Row(name: "empty.jpg", bytes: [], outcome: .error(.empty(file: "empty.jpg"))),
            Row(name: "one-byte.jpg", bytes: [0x42], outcome: .error(.unsupportedFormat(file: "one-byte.jpg"))),
            Row(name: "jpeg-first-byte.jpg", bytes: [0xFF], outcome: .error(.truncated(file: "jpeg-first-byte.jpg"))),
            Row(name: "png-first-byte.png", bytes: [0x89], outcome: .error(.truncated(file: "png-first-byte.png"))),
            Row(name: "wrong-magic.png", bytes: [0x88] + smallPNG.dropFirst(), outcome: .error(.unsupportedFormat(file: "wrong-magic.png"))),
            Row(name: "gif.jpg", bytes: Array("GIF89a".utf8) + jpeg.dropFirst(6), outcome: .error(.unsupportedFormat(file: "gif.jpg"))),
            Row(name: "jpeg-soi-only.jpg", bytes: [0xFF, 0xD8], outcome: .error(.truncated(file: "jpeg-soi-only.jpg"))),
        ]
        // Truncation sweeps: the file cut at every 37th of its length.
        for k in 1..<37 {
            let jpegCut = jpeg.count * k / 37, pngCut = png.count * k / 37
            rows.append(Row(name: "dog-cut-\(jpegCut).jpg", bytes: Array(jpeg.prefix(jpegCut)),
                            outcome: .error(.truncated(file: "dog-cut-\(jpegCut).jpg"))))
            rows.append(Row(name: "coins-cut-\(pngCut).png", bytes: Array(png.prefix(pngCut)),
                            outcome: .error(.truncated(file: "coins-cut-\(pngCut).png"))))
        }
        rows += exifRows(jpeg)
        // A PNG with its orientation in an eXIf chunk: turned like a JPEG.
        rows.append(Row(name: "exif-valid.png", bytes: Support.withEXIf(smallPNG, orientation: 6, bigEndian: false),
                        outcome: .image(width: 3, height: 4, orientation: .right)))
        // PNG: a flipped bit in the last IDAT CRC byte (IEND is the final 12 bytes).
        var badCRC = smallPNG
        badCRC[badCRC.count - 13] ^= 0x01
        rows.append(Row(name: "bad-crc.png", bytes: badCRC, outcome: .corrupt(detailContains: "CRC")))
        // Declared sizes refused from the header, before anything is allocated.
        rows.append(Row(name: "huge.jpg", bytes: Support.withJPEGSize(jpeg, width: 60_000, height: 60_000),
                        outcome: .error(.tooLarge(file: "huge.jpg", width: 60_000, height: 60_000, limit: 100_000_000))))
        var hugePNG = smallPNG
        hugePNG[16...23] = [0, 0, 0xEA, 0x60, 0, 0, 0xEA, 0x60]
        rows.append(Row(name: "huge.png", bytes: hugePNG,
                        outcome: .error(.tooLarge(file: "huge.png", width: 60_000, height: 60_000, limit: 100_000_000))))
        // 2^32 − 1 on both sides: the pixel count overflows Int, which must still be a clean refusal.
        var maxPNG = smallPNG
        maxPNG[16...23] = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]
        rows.append(Row(name: "max-size.png", bytes: maxPNG,
                        outcome: .error(.tooLarge(file: "max-size.png", width: 0xFFFF_FFFF, height: 0xFFFF_FFFF, limit: 100_000_000))))
        var zeroJPEG = Support.withJPEGSize(jpeg, width: 0, height: 576)
        rows.append(Row(name: "zero-width.jpg", bytes: zeroJPEG, outcome: .error(.zeroSize(file: "zero-width.jpg"))))
        zeroJPEG = Support.withJPEGSize(jpeg, width: 768, height: 0)
        rows.append(Row(name: "zero-height.jpg", bytes: zeroJPEG, outcome: .error(.zeroSize(file: "zero-height.jpg"))))
        // (A fixture that cannot be built becomes an empty file, so its row fails instead of vanishing.)
        rows.append(Row(name: "cmyk.jpg", bytes: (try? TurboJPEG.cmykFixture(width: 8, height: 8)) ?? [],
                        outcome: .error(.unsupportedColorSpace(file: "cmyk.jpg", colorSpace: "YCCK (Adobe CMYK)"))))
        var twelveBit = jpeg
        twelveBit[(Support.markerOffset(0xC0, in: jpeg) ?? 0) + 4] = 12
        rows.append(Row(name: "twelve-bit.jpg", bytes: twelveBit, outcome: .error(.unsupportedJPEG(file: "twelve-bit.jpg", kind: "a 12-bit JPEG"))))
        // Repeated progressive scans: each one re-reads every coefficient, so a few bytes each make
        // a small file decode for minutes (a 250 KB 16 MP file with 5000 scans took 275 s).
        let progressive = (try? Array(Data(contentsOf: FuzzRegressionTests.root.appendingPathComponent("Seeds/jpeg/progressive.jpg")))) ?? []
        rows.append(Row(name: "five-extra-scans.jpg", bytes: withRepeatedLastScan(progressive, times: 5),
                        outcome: .damaged(width: 24, height: 16, warning: "Inconsistent progression sequence")))
        rows.append(Row(name: "many-scans.jpg", bytes: withRepeatedLastScan(progressive, times: TurboJPEG.maxScans),
                        outcome: .corrupt(detailContains: "scans")))
        rows += damagedDataRows(jpeg)
        // A progressive 4:4:4 JPEG declaring 100 MP, padded to as many bytes as such an image has:
        // libjpeg would hold 600 MB of DCT coefficients on top of 300 MB of pixels.
        let progressive444 = (try? TurboJPEG.progressive444Fixture(Support.randomImage(width: 64, height: 64, seed: 3))) ?? []
        rows.append(Row(name: "progressive-444-100mp.jpg",
                        bytes: Support.withComments(Support.withJPEGSize(progressive444, width: 10_000, height: 10_000), count: 700_000),
                        outcome: .error(.needsTooMuchMemory(file: "progressive-444-100mp.jpg", width: 10_000, height: 10_000,
                                                            estimatedBytes: 10_000 * 10_000 * 3 + 3 * 1_250 * 1_250 * 64 * 2,
                                                            limit: 768 << 20))))
        // 2000 compressed text chunks that each inflate to 256 KB: libpng would inflate the first
        // 999 (its chunk cache limit) while reading the header.
        rows.append(Row(name: "ztxt-flood.png", bytes: zTXtFlood(png, chunks: 2000, inflatedBytes: 256 << 10),
                        outcome: .image(width: 384, height: 303, orientation: .up)))
        // Valid extremes.
        rows.append(Row(name: "rgb16.png", bytes: PNGWriter.make(width: 3, height: 2, colorType: .rgb, bitDepth: 16,
                                                                 samples: (0..<18).map { $0 * 3000 }),
                        outcome: .image(width: 3, height: 2, orientation: .up)))
        rows.append(Row(name: "one-pixel.png", bytes: PNGWriter.make(width: 1, height: 1, colorType: .gray, bitDepth: 8, samples: [77]),
                        outcome: .image(width: 1, height: 1, orientation: .up)))
        rows.append(Row(name: "one-pixel.jpg", bytes: (try? ImageEncoder.jpeg(RGBImage(width: 1, height: 1, pixels: [200, 100, 50]))) ?? [],
                        outcome: .image(width: 1, height: 1, orientation: .up)))
        rows.append(Row(name: "1x100000.png", bytes: stripe(width: 1, height: 100_000),
                        outcome: .image(width: 1, height: 100_000, orientation: .up)))
        rows.append(Row(name: "100000x1.png", bytes: stripe(width: 100_000, height: 1),
                        outcome: .image(width: 100_000, height: 1, orientation: .up)))
        return rows
    }()

    /// `dog.jpg` (768×576) with Exif segments whose offsets lie, loop or overflow. The decoder
    /// must ignore what it cannot trust (orientation `.up`) and still decode the pixels.
    static func exifRows(_ jpeg: [UInt8]) -> [Row] {
        // withExif puts the TIFF header at byte 12: IFD0 offset at 16, entry count at 20, the
        // orientation entry (the second) at 34 with its type at 36, the next-IFD pointer at 46.
        let tagged = Support.withExif(jpeg, orientation: 6, bigEndian: false)
        func patched(_ edits: [(Int, [UInt8])]) -> [UInt8] {
            var bytes = tagged
            for (offset, values) in edits { bytes[offset..<offset + values.count] = ArraySlice(values) }
            return bytes
        }
        let upright = Outcome.image(width: 768, height: 576, orientation: .up)
        return [
            Row(name: "exif-valid.jpg", bytes: tagged, outcome: .image(width: 576, height: 768, orientation: .right)),
            Row(name: "exif-ifd-past-end.jpg", bytes: patched([(16, [0xFF, 0xFF, 0xFF, 0x7F])]), outcome: upright),
            Row(name: "exif-ifd-in-header.jpg", bytes: patched([(16, [0x02, 0, 0, 0])]), outcome: upright),
            // IFD0 at the last two bytes of the 38-byte TIFF block: its entry count fits, no entry does.
            Row(name: "exif-ifd-at-end.jpg", bytes: patched([(16, [0x24, 0, 0, 0])]), outcome: upright),
            // 65535 entries declared, two present: the count is clamped, the tag still found.
            Row(name: "exif-entry-count.jpg", bytes: patched([(20, [0xFF, 0xFF])]),
                outcome: .image(width: 576, height: 768, orientation: .right)),
            // The next-IFD pointer points back at IFD0: a loop for a parser that follows chains.
            Row(name: "exif-ifd-loop.jpg", bytes: patched([(46, [0x08, 0, 0, 0])]),
                outcome: .image(width: 576, height: 768, orientation: .right)),
            Row(name: "exif-wrong-type.jpg", bytes: patched([(36, [0x04, 0])]), outcome: upright),
            Row(name: "exif-value-9.jpg", bytes: patched([(42, [0x09, 0])]), outcome: upright),
            Row(name: "exif-bad-byte-order.jpg", bytes: patched([(12, [0x49, 0x4D])]), outcome: upright),
        ]
    }

    /// JPEGs whose data does not fill the size their header declares.
    static func damagedDataRows(_ jpeg: [UInt8]) -> [Row] {
        let tiny = (try? ImageEncoder.jpeg(Support.randomImage(width: 16, height: 16, seed: 2))) ?? []
        let sof = Support.markerOffset(0xC0, in: jpeg) ?? 0
        return [
            // A 16×16 JPEG whose header claims 10000×10000: its few hundred bytes of data can
            // hold at most a few thousand of the 2.3 million 8×8 blocks. Decoded, it was 300 MB
            // of grey without a word.
            Row(name: "tiny-file-huge-header.jpg", bytes: Support.withJPEGSize(tiny, width: 10_000, height: 10_000),
                outcome: .corrupt(detailContains: "follow the header")),
            // The same cut short (no end marker): truncated.
            Row(name: "tiny-file-huge-header-cut.jpg", bytes: Array(Support.withJPEGSize(tiny, width: 10_000, height: 10_000).dropLast(2)),
                outcome: .error(.truncated(file: "tiny-file-huge-header-cut.jpg"))),
            // dog.jpg claiming twice its size each way: enough data to pass that bound, but
            // libjpeg runs out of it and fills in grey, which it reports as a warning.
            Row(name: "damaged-data.jpg", bytes: Support.withJPEGSize(jpeg, width: 1536, height: 1152),
                outcome: .damaged(width: 1536, height: 1152, warning: "Corrupt JPEG data")),
            // Stray bytes before a header segment: libjpeg skips them with a warning, as in the data.
            Row(name: "stray-bytes-in-header.jpg", bytes: Array(jpeg[..<sof]) + [0x12, 0x34, 0x56] + jpeg[sof...],
                outcome: .damaged(width: 768, height: 576, warning: "extraneous bytes before marker 0xc0")),
        ]
    }

    /// `png` with `chunks` zTXt chunks inserted after IHDR, each inflating to `inflatedBytes` zeros.
    static func zTXtFlood(_ png: [UInt8], chunks: Int, inflatedBytes: Int) -> [UInt8] {
        let text = Array("Comment".utf8) + [0, 0] + PNGWriter.zlibZeros(count: inflatedBytes)
        return PNGWriter.inserting(Array(repeating: (type: "zTXt", data: text), count: chunks), into: png)
    }

    /// `jpeg` with its last scan (up to EOI) repeated `times` more times.
    static func withRepeatedLastScan(_ jpeg: [UInt8], times: Int) -> [UInt8] {
        guard jpeg.count > 4 else { return jpeg }
        let end = jpeg.count - 2  // EOI
        guard let lastScan = (2..<end).last(where: { jpeg[$0] == 0xFF && jpeg[$0 + 1] == 0xDA }) else { return jpeg }
        return Array(jpeg[..<end]) + Array(repeating: jpeg[lastScan..<end], count: times).flatMap { $0 } + [0xFF, 0xD9]
    }

    /// A grey PNG one pixel thick with a ramp along it.
    static func stripe(width: Int, height: Int) -> [UInt8] {
        PNGWriter.make(width: width, height: height, colorType: .gray, bitDepth: 8,
                       samples: (0..<width * height).map { $0 % 256 })
    }

    // MARK: The checks

    @Test(arguments: rows)
    func decoder(_ row: Row) throws {
        let result = Result { () throws(ImageError) in try ImageDecoder.decode(row.bytes, name: row.name) }
        try check(result, row)
    }

    /// The engine reads the row from a file; errors must be the decoder's, wrapped, and images
    /// must be answered with regions that cover them.
    @Test(arguments: rows)
    func engine(_ row: Row) throws {
        let engine = try TestSupport.engine()
        try Support.withTemporaryDirectory { directory in
            let path = directory + "/" + row.name
            try Data(row.bytes).write(to: URL(fileURLWithPath: path))
            let answer: GroundingResult
            do throws(GroundingError) {
                answer = try engine.ground(contentsOf: path, objects: ["person"], mode: .count)
            } catch {
                guard case .image(let imageError) = error else { Issue.record("\(row.name): \(error)"); return }
                try check(.failure(imageError), row, file: path)
                return
            }
            let (width, height): (Int, Int)
            switch row.outcome {
            case .image(let w, let h, let orientation):
                (width, height) = (w, h)
                #expect(answer.orientation == orientation.rawValue)
            case .damaged(let w, let h, _):
                (width, height) = (w, h)
            default:
                Issue.record("\(row.name) was answered, expected \(row.outcome)"); return
            }
            #expect(answer.imageWidth == width && answer.imageHeight == height)
            #expect(answer.regionCount >= 1)
            let regions = try engine.regions(imageWidth: width, imageHeight: height, options: GroundingOptions())
            #expect(regions.allSatisfy { $0.width >= 1 && $0.height >= 1 && $0.x + $0.width <= width && $0.y + $0.height <= height })
            // Sensible tiling: a few regions, none longer than the largest tile (8192 px) except
            // the whole image, which tiled plans add last.
            #expect(regions.count <= TilePlan.maximumAutomaticRegionCount, "\(regions.count) regions for \(width)×\(height)")
            #expect(regions.dropLast().allSatisfy { max($0.width, $0.height) <= TilePlan.tileSizeRange.upperBound })
        }
    }

    /// Checks a decode result against the row; `file` is the name errors must carry.
    private func check(_ result: Result<DecodedImage, ImageError>, _ row: Row, file: String? = nil) throws {
        let file = file ?? row.name
        switch (row.outcome, result) {
        case (.error(let expected), .failure(let error)):
            #expect(error == expected.renamed(file), "\(row.name)")
        case (.corrupt(let detail), .failure(let error)):
            guard case .corrupt(let name, let text) = error else { Issue.record("\(row.name): expected .corrupt, got \(error)"); return }
            #expect(name == file && text.contains(detail), "\(row.name): \(text)")
        case (.image(let width, let height, let orientation), .success(let decoded)):
            #expect(decoded.image.width == width && decoded.image.height == height, "\(row.name)")
            #expect(decoded.orientation == orientation, "\(row.name)")
            #expect(decoded.image.pixels.count >= width * height * 3)
            #expect(decoded.warnings.isEmpty, "\(row.name): \(decoded.warnings)")
        case (.damaged(let width, let height, let warning), .success(let decoded)):
            #expect(decoded.image.width == width && decoded.image.height == height, "\(row.name)")
            #expect(decoded.warnings.count == 1 && decoded.warnings.allSatisfy { $0.file == file && $0.detail.contains(warning) },
                    "\(row.name): \(decoded.warnings)")
        case (_, .failure(let error)):
            Issue.record("\(row.name): expected \(row.outcome), got \(error)")
        case (_, .success(let decoded)):
            Issue.record("\(row.name): expected \(row.outcome), decoded \(decoded.image.width)×\(decoded.image.height)")
        }
    }

    // MARK: Paths that are not files

    /// A path that names something other than a file, made in a temporary folder.
    struct SpecialFile: CustomTestStringConvertible, Sendable {
        var kind: FileKind
        /// Makes the thing in `folder` and returns its path.
        var make: @Sendable (_ folder: String) throws -> String
        var testDescription: String { "\(kind)" }
    }

    /// A named pipe, a character device, a socket and (where the machine has one) a block device.
    static let specialFiles: [SpecialFile] = {
        var files = [
            SpecialFile(kind: .namedPipe) { folder in
                let path = folder + "/pipe.jpg"
                guard mkfifo(path, 0o600) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
                return path
            },
            SpecialFile(kind: .characterDevice) { _ in "/dev/zero" },
            SpecialFile(kind: .socket) { folder in try listeningSocket(at: folder + "/socket.png") },
        ]
        if FileKind(atPath: "/dev/loop0") == .blockDevice {
            files.append(SpecialFile(kind: .blockDevice) { _ in "/dev/loop0" })
        }
        return files
    }()

    /// A Unix-domain socket bound at `path` (left open: the test process ends soon enough).
    static func listeningSocket(at path: String) throws -> String {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path.utf8.prefix($0.count - 1)) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard descriptor >= 0, bound == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        return path
    }

    /// Each is refused by what it is, through the decoder, the header probe and the engine, and
    /// `FileKind` names it without opening it. A named pipe used to block the decoder forever.
    @Test(arguments: specialFiles)
    func specialFilesAreRefusedWithoutWaiting(_ special: SpecialFile) throws {
        let engine = try TestSupport.engine()
        try Support.withTemporaryDirectory { folder in
            let path = try special.make(folder)
            // Keep a writer on a pipe, so that code which opens it blocking gets end-of-file
            // instead of hanging the suite.
            let writer = special.kind == .namedPipe ? open(path, O_RDWR | O_NONBLOCK) : -1
            defer { if writer >= 0 { close(writer) } }
            let expected = ImageError.notRegularFile(path: path, kind: special.kind)
            #expect(FileKind(atPath: path) == special.kind)
            #expect(throws: expected) { try ImageDecoder.decode(contentsOf: path) }
            #expect(throws: expected) { try ImageDecoder.header(contentsOf: path) }
            do throws(GroundingError) {
                _ = try engine.ground(contentsOf: path, objects: ["person"], mode: .count)
                Issue.record("the engine answered for \(special.kind)")
            } catch {
                guard case .image(let imageError) = error else { Issue.record("\(error)"); return }
                #expect(imageError == expected)
            }
            #expect(expected.description.contains("is \(special.kind), not an image file"))
        }
    }

    // MARK: Costly ancillary data

    /// A PNG flooded with compressed text decodes as fast as the same image without it (loosely:
    /// the machine is shared), because the text never reaches libpng. Before, the flood below
    /// took 7.9 s against 8.7 ms for the plain image (debug build, loaded machine).
    @Test func zTXtFloodCostsNoMoreThanThePlainImage() throws {
        let plain = try Support.bytes("coins.png")
        let flood = Self.zTXtFlood(plain, chunks: 2000, inflatedBytes: 256 << 10)
        func fastest(_ bytes: [UInt8]) throws -> Duration {
            try (0..<3).map { _ in try ContinuousClock().measure { _ = try ImageDecoder.decode(bytes, name: "coins.png") } }.min()!
        }
        let plainTime = try fastest(plain), floodTime = try fastest(flood)
        #expect(floodTime < plainTime * 5 + .milliseconds(200), "flood \(floodTime), plain \(plainTime)")
        #expect(try ImageDecoder.decode(flood, name: "flood.png") == ImageDecoder.decode(plain, name: "coins.png"))
    }

    // MARK: Concurrency (also run under ThreadSanitizer by `make sanitize`)

    /// Tasks sharing one engine, each mixing a tiled answer (several detector batches), a bad file
    /// and a bare decode, get exactly the serial results.
    @Test func concurrentDecodesAndTiledAnswersAgree() async throws {
        let engine = try TestSupport.engine()
        var options = GroundingOptions()
        options.tiling = .size(320)  // horses.jpg (773×512): 6 slices + the whole image = 2 batches
        let tiled = options
        let photo = TestSupport.testImage("horses.jpg")
        let jpeg = try Support.bytes("dog.jpg")
        let truncated = Array(jpeg.prefix(jpeg.count / 3))
        let serialAnswer = try await engine.ground(contentsOf: photo, objects: ["horse", "person"], mode: .bbox, options: tiled)
        let serialPixels = try ImageDecoder.decode(jpeg, name: "dog.jpg").image.pixels
        // 7 regions, and those of finding the rest of the horses.
        #expect(serialAnswer.regionCount >= 7 && serialAnswer.objects[0].count > 0)
        let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<6 {
                group.addTask {
                    let answer = try await engine.ground(contentsOf: photo, objects: ["horse", "person"], mode: .bbox, options: tiled)
                    let pixels = try ImageDecoder.decode(jpeg, name: "dog.jpg").image.pixels
                    let refused = (try? ImageDecoder.decode(truncated, name: "cut.jpg")) == nil
                    return answer.objects == serialAnswer.objects && pixels == serialPixels && refused
                }
            }
            var all: [Bool] = []
            for try await outcome in group { all.append(outcome) }
            return all
        }
        #expect(outcomes == Array(repeating: true, count: 6))
    }

    // MARK: Resource limits

    /// A 60000×60000 header is refused before its 10.8 GB of pixels are allocated: the peak RSS
    /// of the process barely moves. (The bound is loose because other tests run concurrently.)
    @Test func giantHeadersAllocateNothing() throws {
        let jpeg = Support.withJPEGSize(try Support.bytes("dog.jpg"), width: 60_000, height: 60_000)
        var png = PNGWriter.make(width: 4, height: 3, colorType: .rgb, bitDepth: 8, samples: Array(repeating: 1, count: 36))
        png[16...23] = [0, 0, 0xEA, 0x60, 0, 0, 0xEA, 0x60]
        let before = Self.peakResidentBytes()
        for (bytes, name) in [(jpeg, "giant.jpg"), (png, "giant.png")] {
            #expect(throws: ImageError.tooLarge(file: name, width: 60_000, height: 60_000, limit: 100_000_000)) {
                try ImageDecoder.decode(bytes, name: name)
            }
        }
        #expect(Self.peakResidentBytes() - before < 1 << 30)
    }

    /// The process's peak resident set size so far, in bytes.
    static func peakResidentBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024  // Linux reports kilobytes
    }
}

private extension ImageError {
    /// The same error about `file` (rows are named; the engine reads them from a temporary path).
    func renamed(_ file: String) -> ImageError {
        switch self {
        case .empty: .empty(file: file)
        case .unsupportedFormat: .unsupportedFormat(file: file)
        case .truncated: .truncated(file: file)
        case .corrupt(_, let detail): .corrupt(file: file, detail: detail)
        case .unsupportedColorSpace(_, let space): .unsupportedColorSpace(file: file, colorSpace: space)
        case .unsupportedJPEG(_, let kind): .unsupportedJPEG(file: file, kind: kind)
        case .zeroSize: .zeroSize(file: file)
        case .tooLarge(_, let width, let height, let limit): .tooLarge(file: file, width: width, height: height, limit: limit)
        case .needsTooMuchMemory(_, let width, let height, let bytes, let limit):
            .needsTooMuchMemory(file: file, width: width, height: height, estimatedBytes: bytes, limit: limit)
        default: self
        }
    }
}
