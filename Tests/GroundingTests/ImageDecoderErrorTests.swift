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
        for cut in [2, 40, sos - 10, sos + 30, jpeg.count / 2, jpeg.count - 2] {
            #expect(error(Array(jpeg.prefix(cut)), "dog-\(cut).jpg") == .truncated(file: "dog-\(cut).jpg"), "cut at \(cut) of \(jpeg.count)")
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
        // Stray bytes before the end-of-image marker: libjpeg warns and recovers, as OpenCV does.
        let jpeg = try Support.bytes("dog.jpg")
        let padded = Array(jpeg.dropLast(2)) + [0x12, 0x34, 0x56, 0xFF, 0xD9]
        let expected = try ImageDecoder.decode(jpeg, name: "dog.jpg").image
        #expect(Support.difference(try ImageDecoder.decode(padded, name: "padded.jpg").image, expected).max == 0)
    }

    @Test func cmykJPEGIsRefused() throws {
        let cmyk = try TurboJPEG.cmykFixture(width: 16, height: 16)
        guard case .unsupportedColorSpace(let file, let space) = error(cmyk, "print.jpg") else {
            Issue.record("CMYK is not .unsupportedColorSpace"); return
        }
        #expect(file == "print.jpg" && (space.contains("CMYK") || space.contains("YCCK")))
    }

    /// `jpeg` with its frame header claiming `width × height`.
    private func withSize(_ jpeg: [UInt8], width: Int, height: Int) throws -> [UInt8] {
        var patched = jpeg
        let sof = try #require(Support.markerOffset(0xC0, in: jpeg))
        patched[sof + 5] = UInt8(height >> 8); patched[sof + 6] = UInt8(height & 0xFF)
        patched[sof + 7] = UInt8(width >> 8); patched[sof + 8] = UInt8(width & 0xFF)
        return patched
    }

    @Test func zeroAndOversizedJPEGHeaders() throws {
        let jpeg = try Support.bytes("dog.jpg")
        #expect(error(try withSize(jpeg, width: 0, height: 0), "zero.jpg") == .zeroSize(file: "zero.jpg"))
        #expect(error(try withSize(jpeg, width: 768, height: 0), "flat.jpg") == .zeroSize(file: "flat.jpg"))
        // 3.6 gigapixels: refused from the header (allocating 10.8 GB first would fail or take seconds).
        #expect(error(try withSize(jpeg, width: 60_000, height: 60_000), "giant.jpg")
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
        ].map(\.description)
        #expect(messages[0].contains("check the path"))
        #expect(messages[1].contains("re-download"))
        #expect(messages[2].contains("sRGB"))
        #expect(messages[3].contains("maxPixels"))
        #expect(messages[4].contains("bmp") && messages[4].contains(".png"))
    }
}
