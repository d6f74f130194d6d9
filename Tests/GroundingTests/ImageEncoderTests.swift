import Foundation
import Testing
import Grounding

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
            for (name, ext) in [("e.bmp", "bmp"), ("f", ""), ("g.", ""), ("g.png.tiff", "tiff")] {
                #expect(throws: ImageError.unsupportedOutputFormat(file: dir + "/" + name, extension: ext)) {
                    try ImageEncoder.write(image, to: dir + "/" + name)
                }
            }
            do throws(ImageError) {
                try ImageEncoder.write(image, to: dir + "/missing/out.png")
                Issue.record("wrote into a missing directory")
            } catch {
                guard case .encodingFailed(let file, _) = error else { Issue.record("\(error)"); return }
                #expect(file == dir + "/missing/out.png")
            }
        }
    }

    @Test func refusesBadParameters() {
        let image = Support.randomImage(width: 4, height: 4, seed: 1)
        #expect(throws: ImageError.self) { try ImageEncoder.jpeg(image, quality: 0) }
        #expect(throws: ImageError.self) { try ImageEncoder.jpeg(image, quality: 101) }
        #expect(throws: ImageError.self) { try ImageEncoder.png(RGBImage(width: 0, height: 3)) }
    }
}
