import Foundation
import Testing
import Grounding
#if canImport(Glibc)
import Glibc
#endif

private typealias Support = ImageTestSupport

@Suite struct ImageEncoderTests {
    @Test func pngRoundTripIsExact() throws {
        // Noise with padded rows, and a real photo.
        let noise = Support.randomImage(width: 37, height: 23, rowStride: 37 * 3 + 7, seed: 5)
        let decoded = try ImageDecoder.decode(try ImageEncoder.png(noise), name: "noise.png").image
        #expect(Support.difference(decoded, noise).max == 0)
        let photo = try ImageDecoder.decode(contentsOf: Support.path("astronaut.png")).image
        let again = try ImageDecoder.decode(try ImageEncoder.png(photo), name: "astronaut.png").image
        #expect(again.width == photo.width && Support.difference(again, photo).max == 0)
        // Noise does not compress: many bands of rows, and more than one IDAT chunk of 1 MiB.
        let large = Support.randomImage(width: 801, height: 500, rowStride: 801 * 3 + 5, seed: 7)
        let png = try ImageEncoder.png(large)
        #expect(png.count > 1 << 20)
        #expect(Support.difference(try ImageDecoder.decode(png, name: "large.png").image, large).max == 0)
        // One pixel, one row and one column: the filter's edges.
        for (width, height) in [(1, 1), (1, 9), (9, 1), (2, 2)] {
            let small = Support.randomImage(width: width, height: height, seed: UInt64(width * 10 + height))
            let decoded = try ImageDecoder.decode(try ImageEncoder.png(small), name: "small.png").image
            #expect(decoded.width == width && decoded.height == height && Support.difference(decoded, small).max == 0)
        }
    }

    /// Photos are written about as small as libpng's own writer makes them: OpenCV's
    /// `cv2.imencode(".png", kite, [IMWRITE_PNG_COMPRESSION, 6])` gives 1,899,828 bytes, PIL
    /// 1,812,874, and deflate level 6 without filtering 2,204,438 (measured 2026-12-06).
    @Test func photosAreCompressedAsWellAsByLibpng() throws {
        let photo = try ImageDecoder.decode(contentsOf: Support.path("kite.jpg")).image
        let png = try ImageEncoder.png(photo)
        #expect(png.count < 1_899_828 * 21 / 20, "\(png.count) bytes")
    }

    @Test func jpegRoundTripIsClose() throws {
        // Quality 92, 4:2:0 (measured on dog.jpg: mean abs diff 1.49 per channel; bound 2).
        let photo = try ImageDecoder.decode(contentsOf: Support.path("dog.jpg")).image
        let jpeg = try ImageEncoder.jpeg(photo)
        #expect(ImageFormat.sniff(jpeg) == .jpeg)
        let difference = Support.difference(try ImageDecoder.decode(jpeg, name: "dog-92.jpg").image, photo)
        #expect(difference.mean < 2, "mean abs diff \(difference.mean)")
        // Lower quality: smaller file, further from the original.
        let rough = try ImageEncoder.jpeg(photo, quality: 30)
        #expect(rough.count < jpeg.count)
        #expect(Support.difference(try ImageDecoder.decode(rough, name: "dog-30.jpg").image, photo).mean > difference.mean)
    }

    @Test func writesByExtension() throws {
        let image = Support.randomImage(width: 16, height: 8, seed: 9)
        try Support.withTemporaryDirectory { dir in
            for (name, format) in [("a.png", ImageFormat.png), ("b.PNG", .png), ("c.jpg", .jpeg), ("d.JPEG", .jpeg)] {
                try ImageEncoder.write(image, to: dir + "/" + name)
                let decoded = try ImageDecoder.decode(contentsOf: dir + "/" + name)
                #expect(decoded.format == format, "\(name)")
                if format == .png { #expect(decoded.image == image) }
            }
            // The PNGs say what wrote them; a JPEG, a PNG of another's and a folder do not.
            #expect(PNGSoftwareMark.isMarked(fileAt: dir + "/a.png") && PNGSoftwareMark.isMarked(fileAt: dir + "/b.PNG"))
            #expect(!PNGSoftwareMark.isMarked(fileAt: dir + "/c.jpg") && !PNGSoftwareMark.isMarked(fileAt: Support.path("coins.png"))
                    && !PNGSoftwareMark.isMarked(fileAt: dir) && !PNGSoftwareMark.isMarked(fileAt: dir + "/none.png"))
            for (name, ext) in [("e.bmp", "bmp"), ("f", ""), ("g.", ""), ("g.png.tiff", "tiff")] {
                #expect(throws: ImageError.unsupportedOutputFormat(file: dir + "/" + name, extension: ext)) {
                    try ImageEncoder.write(image, to: dir + "/" + name)
                }
            }
            do throws(ImageError) {
                try ImageEncoder.write(image, to: dir + "/missing/out.png")
                Issue.record("wrote into a missing directory")
            } catch {
                guard case .unwritable(let file, _) = error else { Issue.record("\(error)"); return }
                #expect(file == dir + "/missing/out.png")
            }
        }
    }

    /// A write that fails part-way (here `ground --draw` under a 2 KB file-size limit, so the
    /// kernel refuses the bytes past it) leaves the old image byte for byte, and no temporary.
    /// Before writes were atomic, the target was left truncated at 2 KB.
    @Test func failedWriteLeavesTheTargetUntouched() throws {
        try Support.withTemporaryDirectory { folder in
            let target = folder + "/drawn.png"
            let old = try ImageEncoder.png(Support.randomImage(width: 8, height: 8, seed: 6))
            try Data(old).write(to: URL(fileURLWithPath: target))
            // SIGXFSZ is ignored so that the write fails with EFBIG instead of killing `ground`.
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "trap '' XFSZ; ulimit -f 4; exec \"$0\" \"$@\"", CLITests.binary,
                                 "count", Support.path("coins.png"), "--object", "person", "--draw", target]
            var environment = ProcessInfo.processInfo.environment
            environment["GROUNDING_MODEL_DIR"] = TestSupport.modelDirectory
            process.environment = environment
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 1, "\(message)")
            #expect(message.contains(target) && message.contains("File too large"), "\(message)")
            #expect(try Array(Data(contentsOf: URL(fileURLWithPath: target))) == old)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["drawn.png"])
        }
    }

    /// A write replaces the file whole, leaves nothing else in the folder, and creates the file
    /// with mode 0644 less the umask.
    @Test func writeReplacesTheFileAndLeavesNoTemporary() throws {
        try Support.withTemporaryDirectory { folder in
            let target = folder + "/out.png"
            for seed in [1, 2] as [UInt64] {
                let image = Support.randomImage(width: 20, height: 10, seed: seed)
                try ImageEncoder.write(image, to: target)
                #expect(try ImageDecoder.decode(contentsOf: target).image == image)
                #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["out.png"])
            }
            let mode = try #require(FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int)
            #expect(mode == 0o644 & ~(try Support.umask()))
            // A relative path is written in the working folder's terms too.
            let relative = "grounding-\(UUID().uuidString).jpg"
            defer { unlink(relative) }
            try ImageEncoder.write(Support.randomImage(width: 4, height: 4, seed: 3), to: relative)
            #expect(FileKind(atPath: relative) == .regularFile)
        }
    }

    /// A target that is a folder, a named pipe or a device is refused and left as it is: the
    /// write would otherwise rename a file over it (or, before, block on a pipe with no reader).
    @Test func writeRefusesTargetsThatAreNotFiles() throws {
        let image = Support.randomImage(width: 4, height: 4, seed: 8)
        try Support.withTemporaryDirectory { folder in
            let pipe = folder + "/pipe.png"
            #expect(mkfifo(pipe, 0o600) == 0)
            // A reader on the pipe, so that code which opens it to write does not block forever.
            let reader = open(pipe, O_RDONLY | O_NONBLOCK)
            defer { close(reader) }
            #expect(throws: ImageError.notRegularFile(path: pipe, kind: .namedPipe)) { try ImageEncoder.write(image, to: pipe) }
            #expect(FileKind(atPath: pipe) == .namedPipe)
            let inner = folder + "/inner.png"
            try FileManager.default.createDirectory(atPath: inner, withIntermediateDirectories: false)
            #expect(throws: ImageError.notRegularFile(path: inner, kind: .directory)) { try ImageEncoder.write(image, to: inner) }
            #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder)) == ["pipe.png", "inner.png"])
        }
    }

    @Test func refusesBadParameters() {
        let image = Support.randomImage(width: 4, height: 4, seed: 1)
        #expect(throws: ImageError.self) { try ImageEncoder.jpeg(image, quality: 0) }
        #expect(throws: ImageError.self) { try ImageEncoder.jpeg(image, quality: 101) }
        #expect(throws: ImageError.self) { try ImageEncoder.png(RGBImage(width: 0, height: 3)) }
    }
}
