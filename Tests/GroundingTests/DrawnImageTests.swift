import Foundation
import Testing
import Grounding

/// `ground --draw` writes the photo as the answer sees it: upright (EXIF orientation applied),
/// full size, with every box where the answer puts it.
@Suite struct DrawnImageTests {
    /// The input is a JPEG with the tag in its Exif segment, or a PNG with it in its eXIf chunk.
    @Test(arguments: ["jpg", "png"], ["png", "jpg"])
    func drawingKeepsTheUprightSizeAndOrientation(input kind: String, format: String) throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // dog.jpg (768 × 576) stored turned a quarter left (576 × 768) and tagged "rotate 90°
        // clockwise to view": upright, it is the 768 × 576 photo again.
        let photo = try ImageDecoder.decode(contentsOf: TestSupport.testImage("dog.jpg")).image
        let turned = ExifOrientation.left.applied(to: photo)
        let tagged = kind == "png"
            ? ImageTestSupport.withEXIf(try ImageEncoder.png(turned), orientation: 6, bigEndian: false)
            : ImageTestSupport.withExif(try ImageEncoder.jpeg(turned, quality: 95), orientation: 6, bigEndian: false)
        let input = directory.appendingPathComponent("dog-right.\(kind)").path
        try Data(tagged).write(to: URL(fileURLWithPath: input))
        let output = directory.appendingPathComponent("drawn.\(format)").path
        let run = try CLITests.ground(["bbox", input, "--object", "dog", "--draw", output, "--json"])
        #expect(run.status == 0, "\(run.stderr)")

        let upright = try ImageDecoder.decode(contentsOf: input).image
        let drawn = try ImageDecoder.decode(contentsOf: output)
        #expect(upright.width == 768 && upright.height == 576)
        #expect(drawn.image.width == upright.width && drawn.image.height == upright.height && drawn.orientation == .up)

        // The dog's box is outlined where the answer puts it in the upright image.
        let answer = try #require(try CLITests.json(run.lines[0]) as? [String: Any])
        let image = try #require(answer["image"] as? [String: Any])
        #expect(image["orientation"] as? Int == 6 && image["width"] as? Int == 768 && image["height"] as? Int == 576)
        let objects = try #require(answer["objects"] as? [[String: Any]])
        let detections = try #require(objects.first?["detections"] as? [[String: Any]])
        let box = try #require(detections.first?["box"] as? [NSNumber]).map(\.doubleValue)
        let (left, middle) = (Int(box[0].rounded()), Int(((box[1] + box[3]) / 2).rounded()))
        let color = Palette.color(forLayer: 0)
        let tolerance = format == "png" ? 0 : 40  // JPEG is lossy
        func near(_ a: RGBPixel, _ b: RGBPixel) -> Bool {
            abs(Int(a.red) - Int(b.red)) <= tolerance && abs(Int(a.green) - Int(b.green)) <= tolerance
                && abs(Int(a.blue) - Int(b.blue)) <= tolerance
        }
        if format == "png" {  // a 2-pixel line does not keep its colour through JPEG's chroma subsampling
            #expect(drawn.image[left + 1, middle] == color && upright[left + 1, middle] != color)
        }

        // Away from the annotations the pixels are the upright photo's.
        var same = 0
        for y in 0..<upright.height { for x in 0..<upright.width where near(drawn.image[x, y], upright[x, y]) { same += 1 } }
        #expect(Double(same) / Double(upright.pixelCount) > 0.9)
    }
}
