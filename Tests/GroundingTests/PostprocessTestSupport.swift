import Foundation
import Grounding

/// Seeded detection sets and plain O(n²) references for the Postprocess tests.
enum PostprocessReference {
    /// The suite-wide seeded generator.
    typealias Random = SeededGenerator

    /// Shapes of random detection sets.
    enum Distribution: String, CaseIterable, CustomStringConvertible {
        /// Small boxes spread over a 2000 × 1500 image.
        case uniformSmall
        /// Boxes jittered around a few centres: heavy overlap.
        case clustered
        /// Sizes from 1 px to the whole image, some empty, scores on a coarse grid (many ties).
        case mixed
        var description: String { rawValue }
    }

    /// `count` seeded detections of `distribution` in classes 0..<3.
    static func detections(_ count: Int, _ distribution: Distribution, seed: UInt64) -> [Detection] {
        var random = Random(state: seed)
        let centres = (0..<max(1, count / 20)).map { _ in
            (Float.random(in: 0...2000, using: &random), Float.random(in: 0...1500, using: &random))
        }
        return (0..<count).map { _ in
            let x: Float, y: Float, width: Float, height: Float
            var score = Float.random(in: 0...1, using: &random)
            switch distribution {
            case .uniformSmall:
                x = .random(in: 0...2000, using: &random)
                y = .random(in: 0...1500, using: &random)
                width = .random(in: 5...60, using: &random)
                height = .random(in: 5...60, using: &random)
            case .clustered:
                let centre = centres.randomElement(using: &random)!
                x = centre.0 + .random(in: -15...15, using: &random)
                y = centre.1 + .random(in: -15...15, using: &random)
                width = .random(in: 40...80, using: &random)
                height = .random(in: 40...80, using: &random)
            case .mixed:
                x = .random(in: -50...2000, using: &random)
                y = .random(in: -50...1500, using: &random)
                switch Int.random(in: 0..<10, using: &random) {
                case 0: (width, height) = (0, .random(in: 0...50, using: &random))  // empty
                case 1: (width, height) = (.random(in: 1000...2100, using: &random), .random(in: 800...1600, using: &random))
                case 2...4: (width, height) = (.random(in: 100...600, using: &random), .random(in: 100...600, using: &random))
                default: (width, height) = (.random(in: 1...60, using: &random), .random(in: 1...60, using: &random))
                }
                score = (score * 20).rounded() / 20
            }
            return Detection(box: BoundingBox(x1: x, y1: y, x2: x + width, y2: y + height),
                             classIndex: Int.random(in: 0..<3, using: &random), score: score)
        }
    }

    /// Overlap as OpenCV's NMSBoxes computes it for Rect2d: Double areas, IoU as 1 − Float(1 − J),
    /// and (when `emptyPairsOverlap`) two boxes whose areas sum to at most DBL_EPSILON overlap fully.
    static func overlap(_ a: BoundingBox, _ b: BoundingBox, _ metric: OverlapMetric,
                        emptyPairsOverlap: Bool) -> Float {
        func area(_ box: BoundingBox) -> Double {
            max(0, Double(box.x2) - Double(box.x1)) * max(0, Double(box.y2) - Double(box.y1))
        }
        let areaA = area(a), areaB = area(b)
        let width = min(Double(a.x2), Double(b.x2)) - max(Double(a.x1), Double(b.x1))
        let height = min(Double(a.y2), Double(b.y2)) - max(Double(a.y1), Double(b.y1))
        let intersection = width > 0 && height > 0 ? width * height : 0
        switch metric {
        case .intersectionOverUnion:
            if areaA + areaB <= Double.ulpOfOne { return emptyPairsOverlap ? 1 : 0 }
            return 1 - Float(1 - intersection / (areaA + areaB - intersection))
        case .intersectionOverSmaller:
            let smaller = min(areaA, areaB)
            return smaller > 0 ? Float(intersection / smaller) : 0
        }
    }

    /// Input indices scoring above `scoreThreshold`, by decreasing score, ties by index.
    static func scoreOrder(_ detections: [Detection], above scoreThreshold: Float) -> [Int] {
        detections.indices.filter { detections[$0].score > scoreThreshold }.sorted {
            detections[$0].score > detections[$1].score
                || (detections[$0].score == detections[$1].score && $0 < $1)
        }
    }

    /// True when `a` and `b` may interact under `classAware`.
    static func sameGroup(_ a: Detection, _ b: Detection, classAware: Bool) -> Bool {
        !classAware || a.classIndex == b.classIndex
    }

    /// Greedy NMS by brute force: each candidate is compared with every kept box.
    static func suppression(_ detections: [Detection], _ options: SuppressionOptions) -> [Int] {
        var kept: [Int] = []
        for index in scoreOrder(detections, above: options.scoreThreshold) {
            let free = kept.allSatisfy { other in
                !sameGroup(detections[index], detections[other], classAware: options.classAware)
                    || overlap(detections[index].box, detections[other].box, options.metric,
                               emptyPairsOverlap: true) <= options.iouThreshold
            }
            if free { kept.append(index) }
        }
        return Array(kept.prefix(options.maxDetections ?? .max))
    }
}

extension PostprocessReference {
    /// Soft-NMS as published (Bodla et al. 2017, Algorithm 1), by brute force: select the highest
    /// current score (ties to the lower index), decay every remaining score by its IoU with the
    /// selection, drop scores no longer above the threshold. Returns (index, final score) pairs.
    static func softSuppression(_ detections: [Detection], method: SoftNMSMethod, iouThreshold: Float,
                                scoreThreshold: Float, classAware: Bool) -> [(index: Int, score: Float)] {
        var scores = detections.map(\.score)
        var remaining = detections.indices.filter { scores[$0] > scoreThreshold }
        var selected: [(index: Int, score: Float)] = []
        while let best = remaining.min(by: { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }) {
            remaining.removeAll { $0 == best }
            selected.append((best, scores[best]))
            for other in remaining where sameGroup(detections[best], detections[other], classAware: classAware) {
                let iou = overlap(detections[best].box, detections[other].box, .intersectionOverUnion,
                                  emptyPairsOverlap: false)
                switch method {
                case .linear: if iou > iouThreshold { scores[other] *= 1 - iou }
                case .gaussian(let sigma): scores[other] *= Float(exp(-Double(iou * iou) / Double(sigma)))
                }
            }
            remaining.removeAll { scores[$0] <= scoreThreshold }
        }
        return selected
    }

    /// Greedy non-max merging by brute force: NMS where each suppressed box joins the first
    /// (highest-scoring) kept box that overlaps it by more than the threshold.
    static func merge(_ detections: [Detection], _ options: SuppressionOptions) -> [Detection] {
        var kept: [Int] = []
        var merged: [Int: BoundingBox] = [:]
        for index in scoreOrder(detections, above: options.scoreThreshold) {
            let owner = kept.first { other in
                sameGroup(detections[index], detections[other], classAware: options.classAware)
                    && overlap(detections[index].box, detections[other].box, options.metric,
                               emptyPairsOverlap: false) > options.iouThreshold
            }
            if let owner {
                merged[owner] = merged[owner]!.union(detections[index].box)
            } else {
                kept.append(index)
                merged[index] = detections[index].box
            }
        }
        return kept.prefix(options.maxDetections ?? .max).map { index in
            Detection(box: merged[index]!, classIndex: detections[index].classIndex, score: detections[index].score)
        }
    }
}
