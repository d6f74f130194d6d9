import GroundingCore

/// MediaPipe's weighted non-maximum suppression, the `WEIGHTED` algorithm of its
/// `NonMaxSuppressionCalculator`: the best remaining detection and every remaining one that
/// overlaps it by more than `threshold` (intersection over union, the best one included) are
/// merged into one detection whose box and keypoints are their score-weighted average and whose
/// score is the best one's. Averaging the many anchors that fire on one face steadies its box.
///
/// The merged detection's point is the centre of the averaged box. Detections come back best
/// first.
///
/// ```swift
/// let faces = weightedNonMaxSuppression(decoded, threshold: 0.3)
/// ```
public func weightedNonMaxSuppression(_ detections: [Detection], threshold: Float) -> [Detection] {
    var remaining = detections.sorted { $0.score > $1.score }
    var kept: [Detection] = []
    while let best = remaining.first {
        var merged: [Detection] = []
        var rest: [Detection] = []
        for candidate in remaining {
            if candidate.box.intersectionOverUnion(with: best.box) > threshold {
                merged.append(candidate)
            } else {
                rest.append(candidate)
            }
        }
        var result = best
        let total = merged.reduce(0) { $0 + $1.score }
        if !merged.isEmpty && total > 0 {
            var box = BoundingBox(x1: 0, y1: 0, x2: 0, y2: 0)
            var keypoints = [ImagePoint](repeating: ImagePoint(x: 0, y: 0), count: best.keypoints.count)
            for candidate in merged {
                let weight = candidate.score / total
                box.x1 += candidate.box.x1 * weight
                box.y1 += candidate.box.y1 * weight
                box.x2 += candidate.box.x2 * weight
                box.y2 += candidate.box.y2 * weight
                for (k, point) in candidate.keypoints.prefix(keypoints.count).enumerated() {
                    keypoints[k].x += point.x * weight
                    keypoints[k].y += point.y * weight
                }
            }
            result.box = box
            result.keypoints = keypoints
            result.point = ImagePoint(x: box.center.x, y: box.center.y)
        }
        kept.append(result)
        // The best one always merges with itself (IoU 1), so the list shrinks every round; a NaN
        // box would not, and ends the loop like MediaPipe's guard does.
        guard rest.count < remaining.count else { break }
        remaining = rest
    }
    return kept
}
