import Foundation
import Testing
import Grounding

/// The annotated horses.jpg, drawn from fixed detections (OpenCV's kept boxes from the parity
/// reference, so no detector noise), must equal the committed golden PNG pixel for pixel.
/// Regenerate it only deliberately: `GROUNDING_WRITE_GOLDEN=1 swift test -c release --filter RenderGolden`.
@Suite struct RenderGoldenTests {
    static let golden = TestSupport.fixture("golden-horses-bbox.png")

    /// A bbox-mode result for "pony" and "cow" on horses.jpg built from the reference boxes.
    static func result(width: Int, height: Int) throws -> GroundingResult {
        let reference = try #require(DarknetParityTests.reference)
        let horses = try #require(reference.images.first { $0.file == "horses.jpg" })
        let (sx, sy) = (Float(width) / 416, Float(height) / 416)
        func detections(ofClass index: Int, named name: String) -> [GroundedDetection] {
            horses.kept.filter { $0.class == index }.map { entry in
                let box = BoundingBox(x1: entry.box[0] * sx, y1: entry.box[1] * sy, x2: entry.box[2] * sx, y2: entry.box[3] * sy)
                    .clipped(width: Float(width), height: Float(height))
                return GroundedDetection(className: name, classIndex: index, score: entry.score, box: box,
                                         imageWidth: width, imageHeight: height)
            }
        }
        return GroundingResult(
            path: "TestImages/horses.jpg", imageWidth: width, imageHeight: height, orientation: 1, mode: .bbox,
            objects: [GroundedObject(name: "pony", classes: ["horse"], resolution: .wordnet, detections: detections(ofClass: 17, named: "horse")),
                      GroundedObject(name: "cow", classes: ["cow"], resolution: .exact, detections: detections(ofClass: 19, named: "cow"))],
            unresolved: [], regionCount: 1, timings: StageTimings())
    }

    @Test func annotatedHorsesMatchTheGolden() throws {
        var image = try ImageDecoder.decode(contentsOf: TestSupport.testImage("horses.jpg")).image
        let result = try Self.result(width: image.width, height: image.height)
        #expect(result.objects[0].count == 4 && result.objects[1].count == 1)
        drawAnnotations(result.annotationLayers(), on: &image)
        if ProcessInfo.processInfo.environment["GROUNDING_WRITE_GOLDEN"] == "1" {
            try ImageEncoder.write(image, to: Self.golden.path)
        }
        let golden = try ImageDecoder.decode(contentsOf: Self.golden.path).image
        #expect(golden.width == image.width && golden.height == image.height)
        var differing = 0
        for y in 0..<image.height {
            for x in 0..<image.width where image[x, y] != golden[x, y] { differing += 1 }
        }
        #expect(differing == 0, "\(differing) pixels differ from \(Self.golden.lastPathComponent)")
    }
}
