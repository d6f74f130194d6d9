import Testing
import Grounding

@Suite struct SoftNonMaxSuppressionTests {
    typealias Reference = PostprocessReference

    @Test("rescored survivors match the published algorithm",
          arguments: [10, 100, 1000], Reference.Distribution.allCases)
    func matchesBruteForce(count: Int, distribution: Reference.Distribution) throws {
        let detections = Reference.detections(count, distribution, seed: UInt64(count) &+ 11)
        for (method, iouThreshold) in [(SoftNMSMethod.linear, Float(0.3)), (.linear, 0.5), (.gaussian(sigma: 0.5), 0.3)] {
            for classAware in [false, true] {
                let result = try softNonMaxSuppression(detections, method: method, iouThreshold: iouThreshold,
                                                       scoreThreshold: 0.05, classAware: classAware)
                let expected = Reference.softSuppression(detections, method: method, iouThreshold: iouThreshold,
                                                         scoreThreshold: 0.05, classAware: classAware)
                let label = "\(distribution) n=\(count) \(method) Nt=\(iouThreshold) classAware=\(classAware)"
                try #require(result.count == expected.count, "\(label)")
                for (got, want) in zip(result, expected) {
                    #expect(got.box == detections[want.index].box && got.classIndex == detections[want.index].classIndex,
                            "\(label)")
                    #expect(abs(got.score - want.score) <= 1e-5, "\(label)")
                }
            }
        }
    }

    @Test func overlappingBoxesAreDecayedNotDropped() throws {
        let a = Detection(box: BoundingBox(x1: 0, y1: 0, x2: 10, y2: 10), classIndex: 0, score: 0.9)
        let b = Detection(box: BoundingBox(x1: 0, y1: 0, x2: 5, y2: 10), classIndex: 0, score: 0.8)  // IoU 0.5
        let far = Detection(box: BoundingBox(x1: 50, y1: 50, x2: 60, y2: 60), classIndex: 0, score: 0.7)
        let linear = try softNonMaxSuppression([a, b, far], method: .linear, iouThreshold: 0.3)
        #expect(linear.map(\.score) == [0.9, 0.7, 0.8 * 0.5])
        let gaussian = try softNonMaxSuppression([a, b, far], method: .gaussian(sigma: 0.5))
        #expect(abs(gaussian[2].score - 0.8 * Float(0.6065307)) < 1e-6)  // exp(-0.25 / 0.5)
        // Above the threshold linear decay leaves nothing to decay; a high cut drops the decayed box.
        #expect(try softNonMaxSuppression([a, b, far], method: .linear, iouThreshold: 0.5).map(\.score) == [0.9, 0.8, 0.7])
        #expect(try softNonMaxSuppression([a, b, far], method: .linear, scoreThreshold: 0.5).count == 2)
    }

    @Test func badInputIsRejected() {
        let box = BoundingBox(x1: 0, y1: 0, x2: 1, y2: 1)
        let detections = [Detection(box: box, classIndex: 0, score: 0.5), Detection(box: box, classIndex: 0, score: .nan)]
        #expect(throws: PostprocessError.nanScore(index: 1)) { try softNonMaxSuppression(detections) }
        #expect(throws: PostprocessError.self) { try softNonMaxSuppression([], method: .gaussian(sigma: 0)) }
        #expect(throws: PostprocessError.self) { try softNonMaxSuppression([], iouThreshold: -0.1) }
    }
}
