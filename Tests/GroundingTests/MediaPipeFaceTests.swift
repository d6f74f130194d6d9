import Foundation
import Testing
import Grounding

/// End-to-end parity with MediaPipe's own Python solution (`mp.solutions.face_detection`, same
/// models, threshold 0.5): through the whole engine with tiling off (MediaPipe also runs the
/// whole photo) and without the face landmark model's second look (MediaPipe's face detection
/// has none), the same faces, each box with IoU ≥ 0.9. The reference comes from
/// `scripts/mediapipe_reference.py`.
///
/// Faces under 24 pixels wide in the model's input (the two in `bus.jpg` are 9) only need IoU
/// ≥ 0.5: MediaPipe warps the full-size photo bilinearly while Grounding shrinks it with an area
/// filter (from a DCT-scaled decode), and on a face of a few input pixels that difference moves
/// the box by a pixel or two (checked with LiteRT on both inputs: the same shift).
@Suite struct MediaPipeFaceTests {
    struct Reference: Decodable {
        struct Face: Decodable {
            var score: Float
            var box: [Float]
            var keypoints: [[Float]]
        }
        struct Result: Decodable {
            var model: String
            var photo: String
            var width: Int
            var height: Int
            var faces: [Face]
        }
        var threshold: Float
        var results: [Result]
    }

    /// The face detectors alone: MediaPipe's solution has no second look at each face.
    static let engines: [String: Swift.Result<GroundingEngine, any Error>] = [
        "shortRange": MediaPipeTestSupport.shortRange.map { GroundingEngine(detector: MediaPipeTestSupport.FirstLookOnly(detector: $0)) },
        "fullRange": MediaPipeTestSupport.fullRange.map { GroundingEngine(detector: MediaPipeTestSupport.FirstLookOnly(detector: $0)) },
    ]

    @Test func sameFacesAsMediaPipe() throws {
        let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: TestSupport.fixture("mediapipe-faces.json")))
        #expect(reference.results.contains { !$0.faces.isEmpty }, "the reference has faces")
        var options = GroundingOptions()
        options.tiling = .off
        options.scoreThreshold = reference.threshold
        for result in reference.results {
            let engine = try #require(Self.engines[result.model]).get()
            let toInput = Float(engine.detector.inputWidth) / Float(max(result.width, result.height))
            let found = try engine.ground(contentsOf: TestSupport.testImage(result.photo), objects: ["face"], mode: .bbox, options: options)
            let ours = found.objects[0].detections
            #expect(ours.count == result.faces.count, "\(result.model) \(result.photo): \(ours.count) faces, MediaPipe \(result.faces.count)")
            var unmatched = ours
            for face in result.faces {
                let box = BoundingBox(x1: face.box[0], y1: face.box[1], x2: face.box[2], y2: face.box[3])
                let best = unmatched.indices.max { unmatched[$0].box.intersectionOverUnion(with: box) < unmatched[$1].box.intersectionOverUnion(with: box) }
                guard let best else { Issue.record("\(result.model) \(result.photo): no face for MediaPipe's \(face.box)"); continue }
                let iou = unmatched[best].box.intersectionOverUnion(with: box)
                let required: Float = box.width * toInput >= 24 ? 0.9 : 0.5
                #expect(iou >= required, "\(result.model) \(result.photo): IoU \(iou) with MediaPipe's \(face.box), ours \(unmatched[best].box)")
                #expect(abs(unmatched[best].score - face.score) <= 0.05, "\(result.model) \(result.photo): score \(unmatched[best].score), MediaPipe \(face.score)")
                #expect(unmatched[best].keypoints.count == 6)
                unmatched.remove(at: best)
            }
        }
    }
}
