import Testing
import Grounding

@Suite struct NonMaxMergeTests {
    typealias Reference = PostprocessReference

    @Test func halvesCutByATileBorderBecomeOneBox() throws {
        // One object seen by two overlapping tiles: the left tile ends at x = 100, the right one
        // starts at x = 60. IoS of the two halves is 40 × 200 / (100 × 200) = 0.4.
        let left = Detection(box: BoundingBox(x1: 0, y1: 0, x2: 100, y2: 200), classIndex: 17, score: 0.9)
        let right = Detection(box: BoundingBox(x1: 60, y1: 0, x2: 200, y2: 200), classIndex: 17, score: 0.8)
        let options = SuppressionOptions(iouThreshold: 0.3, metric: .intersectionOverSmaller)
        let merged = try nonMaxMerge([right, left], options: options)
        #expect(merged == [Detection(box: BoundingBox(x1: 0, y1: 0, x2: 200, y2: 200), classIndex: 17, score: 0.9)])
        // Plain NMS would have thrown the right half away instead.
        #expect(try nonMaxSuppression([right, left], options: options) == [1])
    }

    @Test func distinctObjectsStayApart() throws {
        let a = Detection(box: BoundingBox(x1: 0, y1: 0, x2: 100, y2: 100), classIndex: 0, score: 0.9)
        let b = Detection(box: BoundingBox(x1: 95, y1: 0, x2: 195, y2: 100), classIndex: 0, score: 0.8)  // IoS 0.05
        let c = Detection(box: BoundingBox(x1: 300, y1: 0, x2: 400, y2: 100), classIndex: 0, score: 0.7)
        let options = SuppressionOptions(iouThreshold: 0.3, metric: .intersectionOverSmaller)
        #expect(try nonMaxMerge([a, b, c], options: options) == [a, b, c])
        // A cat and a dog overlapping stay apart per class, and merge (as the cat) when class-agnostic.
        let dog = Detection(box: BoundingBox(x1: 20, y1: 0, x2: 120, y2: 100), classIndex: 1, score: 0.6)
        #expect(try nonMaxMerge([a, dog], options: options) == [a, dog])
        var agnostic = options
        agnostic.classAware = false
        #expect(try nonMaxMerge([dog, a], options: agnostic)
                == [Detection(box: BoundingBox(x1: 0, y1: 0, x2: 120, y2: 100), classIndex: 0, score: 0.9)])
    }

    @Test("matches brute-force merging", arguments: Reference.Distribution.allCases)
    func matchesBruteForce(distribution: Reference.Distribution) throws {
        let detections = Reference.detections(1000, distribution, seed: 99)
        for (threshold, metric) in [(Float(0.5), OverlapMetric.intersectionOverSmaller), (0.3, .intersectionOverUnion), (0, .intersectionOverUnion)] {
            for classAware in [false, true] {
                let options = SuppressionOptions(iouThreshold: threshold, metric: metric, classAware: classAware,
                                                 scoreThreshold: 0.2, maxDetections: 400)
                #expect(try nonMaxMerge(detections, options: options) == Reference.merge(detections, options),
                        "\(distribution) t=\(threshold) \(metric) classAware=\(classAware)")
            }
        }
    }

    @Test func badInputIsRejected() {
        let detection = Detection(box: BoundingBox(x1: 0, y1: .nan, x2: 1, y2: 1), classIndex: 0, score: 0.5)
        #expect(throws: PostprocessError.nonFiniteBox(index: 0)) { try nonMaxMerge([detection]) }
    }
}
