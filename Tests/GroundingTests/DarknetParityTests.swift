import Foundation
import Testing
import Grounding

/// Parity with an independent implementation: on every TestImages photo, our decode →
/// preprocess → Darknet runtime gives OpenCV DNN's detections (same cfg and weights, same
/// input, same thresholds). The reference comes from `scripts/opencv_reference.py`.
@Suite struct DarknetParityTests {
    struct Reference: Decodable {
        struct Entry: Decodable {
            var `class`: Int
            var score: Float
            var box: [Float]
        }
        struct Image: Decodable {
            var file: String
            var width: Int
            var height: Int
            var raw: [Entry]
            var kept: [Entry]
        }
        var images: [Image]
        var score_threshold: Float
        var nms_threshold: Float
    }

    static let reference: Reference? = try? JSONDecoder().decode(
        Reference.self, from: Data(contentsOf: TestSupport.fixture("opencv-reference.json")))

    static func box(_ values: [Float]) -> BoundingBox {
        BoundingBox(x1: values[0], y1: values[1], x2: values[2], y2: values[3])
    }

    /// Every reference detection has a twin of the same class with IoU ≥ 0.99 and a score within
    /// 1e-3, and the other way round (detections within 1e-3 of the threshold may fall either side).
    static func expectSame(_ ours: [Detection], _ theirs: [Reference.Entry], threshold: Float, _ context: String) {
        for entry in theirs where entry.score >= threshold + 1e-3 {
            let twin = ours.contains {
                $0.classIndex == entry.class && abs($0.score - entry.score) <= 1e-3
                    && $0.box.intersectionOverUnion(with: box(entry.box)) >= 0.99
            }
            #expect(twin, "\(context): OpenCV's class \(entry.class) \(entry.score) \(entry.box) has no twin")
        }
        for detection in ours where detection.score >= threshold + 1e-3 {
            let twin = theirs.contains {
                $0.class == detection.classIndex && abs($0.score - detection.score) <= 1e-3
                    && detection.box.intersectionOverUnion(with: box($0.box)) >= 0.99
            }
            #expect(twin, "\(context): our class \(detection.classIndex) \(detection.score) \(detection.box) is not in OpenCV's")
        }
    }

    @Test(arguments: TestSupport.testImageNames)
    func detectionsMatchOpenCV(photo: String) throws {
        let reference = try #require(Self.reference, "Fixtures/opencv-reference.json")
        let expected = try #require(reference.images.first { $0.file == photo }, "\(photo) is in the reference")
        let detector = try TestSupport.engine().detector
        let decoded = try ImageDecoder.decode(contentsOf: TestSupport.testImage(photo))
        #expect(decoded.image.width == expected.width && decoded.image.height == expected.height)
        let preprocessor = Preprocessor(inputWidth: detector.inputWidth, inputHeight: detector.inputHeight)
        let (tensor, _) = preprocessor.tensor(from: decoded.image)
        let raw = try detector.detect(tensor, scoreThreshold: reference.score_threshold)[0]
        Self.expectSame(raw, expected.raw, threshold: reference.score_threshold, "\(photo) raw")

        var options = SuppressionOptions()
        options.iouThreshold = reference.nms_threshold
        options.scoreThreshold = reference.score_threshold
        let kept = try nonMaxSuppression(raw, options: options).map { raw[$0] }
        Self.expectSame(kept, expected.kept, threshold: reference.score_threshold, "\(photo) kept")
        #expect(kept.count == expected.kept.count)
    }
}
