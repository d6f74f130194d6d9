import Foundation
import Testing
import Grounding

@Suite struct NonMaxSuppressionTests {
    typealias Reference = PostprocessReference

    static let thresholds: [Float] = [0, 0.3, 0.5, 0.7, 1]

    @Test("same kept boxes as brute force, small sets, every option",
          arguments: [10, 100, 1000], Reference.Distribution.allCases)
    func matchesBruteForce(count: Int, distribution: Reference.Distribution) throws {
        let detections = Reference.detections(count, distribution, seed: UInt64(count) &* 31 &+ UInt64(Reference.Distribution.allCases.firstIndex(of: distribution)!))
        for threshold in Self.thresholds {
            for metric in [OverlapMetric.intersectionOverUnion, .intersectionOverSmaller] {
                for classAware in [false, true] {
                    let options = SuppressionOptions(iouThreshold: threshold, metric: metric,
                                                     classAware: classAware, scoreThreshold: 0.1)
                    let kept = try nonMaxSuppression(detections, options: options)
                    #expect(kept == Reference.suppression(detections, options),
                            "\(distribution) n=\(count) t=\(threshold) \(metric) classAware=\(classAware)")
                }
            }
        }
    }

    @Test("same kept boxes as brute force at 10 000 boxes", arguments: Reference.Distribution.allCases)
    func matchesBruteForceLarge(distribution: Reference.Distribution) throws {
        let detections = Reference.detections(10_000, distribution, seed: 7)
        for (threshold, metric, classAware) in [(Float(0.5), OverlapMetric.intersectionOverUnion, false),
                                                 (0.3, .intersectionOverSmaller, true),
                                                 (0.7, .intersectionOverUnion, true)] {
            let options = SuppressionOptions(iouThreshold: threshold, metric: metric, classAware: classAware)
            let kept = try nonMaxSuppression(detections, options: options)
            #expect(kept == Reference.suppression(detections, options), "\(distribution) t=\(threshold) \(metric)")
        }
    }

    @Test func matchesOpenCVFixture() throws {
        struct Fixture: Decodable {
            struct Case: Decodable {
                var iou: Float
                var score_threshold: Float
                var class_aware: Bool
                var kept: [Int]
            }
            var boxes: [[Double]]
            var scores: [Double]
            var classes: [Int]
            var cases: [Case]
        }
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/nms-reference.json")
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        let detections = fixture.boxes.indices.map { index in
            let box = fixture.boxes[index].map(Float.init)
            return Detection(box: BoundingBox(x1: box[0], y1: box[1], x2: box[2], y2: box[3]),
                             classIndex: fixture.classes[index], score: Float(fixture.scores[index]))
        }
        #expect(fixture.cases.count == 20)
        for reference in fixture.cases {
            let options = SuppressionOptions(iouThreshold: reference.iou, classAware: reference.class_aware,
                                             scoreThreshold: reference.score_threshold)
            #expect(try nonMaxSuppression(detections, options: options) == reference.kept,
                    "iou \(reference.iou) score > \(reference.score_threshold) classAware \(reference.class_aware)")
        }
    }

    @Test func tiesKeepInputOrderAndThresholdsAreStrict() throws {
        let box = BoundingBox(x1: 0, y1: 0, x2: 10, y2: 10)
        let half = BoundingBox(x1: 0, y1: 0, x2: 5, y2: 10)  // IoU with `box` is exactly 0.5
        let tied = [Detection(box: half, classIndex: 0, score: 0.5),
                    Detection(box: box, classIndex: 0, score: 0.5),
                    Detection(box: box, classIndex: 0, score: 0.5)]
        #expect(try nonMaxSuppression(tied, options: .init(iouThreshold: 0.4)) == [0])
        #expect(try nonMaxSuppression(tied, options: .init(iouThreshold: 0.5)) == [0, 1])
        #expect(try nonMaxSuppression(tied, options: .init(iouThreshold: 0.49)) == [0])
        // A score equal to the threshold is left out; -0 ties with +0.
        #expect(try nonMaxSuppression(tied, options: .init(scoreThreshold: 0.5)) == [])
        let zeros = [Detection(box: box, classIndex: 0, score: 0), Detection(box: box, classIndex: 0, score: -0.0)]
        #expect(try nonMaxSuppression(zeros, options: .init(scoreThreshold: -1)) == [0])
        #expect(try nonMaxSuppression(zeros.reversed(), options: .init(scoreThreshold: -1)) == [0])
    }

    @Test func emptyBoxesFollowOpenCV() throws {
        // OpenCV calls two empty boxes identical wherever they are; an empty box never
        // suppresses a real one.
        let point = Detection(box: BoundingBox(x1: 5, y1: 5, x2: 5, y2: 5), classIndex: 0, score: 0.9)
        let line = Detection(box: BoundingBox(x1: 900, y1: 0, x2: 900, y2: 40), classIndex: 0, score: 0.8)
        let real = Detection(box: BoundingBox(x1: 0, y1: 0, x2: 10, y2: 10), classIndex: 0, score: 0.7)
        #expect(try nonMaxSuppression([point, line, real], options: .init(iouThreshold: 0)) == [0, 2])
        #expect(try nonMaxSuppression([point, line, real], options: .init(iouThreshold: 1)) == [0, 1, 2])
        #expect(try nonMaxSuppression([point, line, real], options: .init(metric: .intersectionOverSmaller)) == [0, 1, 2])
    }

    @Test func maxDetectionsKeepsTheBest() throws {
        let detections = Reference.detections(500, .clustered, seed: 3)
        for classAware in [false, true] {
            let all = try nonMaxSuppression(detections, options: .init(classAware: classAware))
            #expect(all.count > 10)
            let limited = try nonMaxSuppression(detections, options: .init(classAware: classAware, maxDetections: 10))
            #expect(limited == Array(all.prefix(10)))
            #expect(try nonMaxSuppression(detections, options: .init(maxDetections: 0)).isEmpty)
        }
    }

    @Test func badInputIsRejectedByIndex() throws {
        var detections = Reference.detections(10, .uniformSmall, seed: 1)
        detections[3].score = .nan
        #expect(throws: PostprocessError.nanScore(index: 3)) { try nonMaxSuppression(detections) }
        // Even a detection the score threshold would drop is checked.
        detections[3].score = 0
        detections[6].box.x2 = .infinity
        #expect(throws: PostprocessError.nonFiniteBox(index: 6)) {
            try nonMaxSuppression(detections, options: .init(scoreThreshold: 0.5))
        }
        detections[6].box.x2 = 10
        detections[8].score = -.infinity
        #expect(throws: PostprocessError.infiniteScore(index: 8)) { try nonMaxSuppression(detections) }
        detections[8].score = 0.5
        #expect(throws: PostprocessError.self) { try nonMaxSuppression(detections, options: .init(iouThreshold: 1.5)) }
        #expect(throws: PostprocessError.self) { try nonMaxSuppression(detections, options: .init(iouThreshold: .nan)) }
        #expect(throws: PostprocessError.self) { try nonMaxSuppression(detections, options: .init(maxDetections: -1)) }
        #expect(PostprocessError.nanScore(index: 3).description.contains("detection 3"))
        #expect(try nonMaxSuppression([]) == [])
    }
}
