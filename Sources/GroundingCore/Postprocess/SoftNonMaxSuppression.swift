/// Soft-NMS (Bodla et al., 2017): instead of dropping the boxes that overlap a selected box, lowers
/// their scores, and returns the survivors with their new scores, highest first.
///
/// Repeatedly selects the remaining detection with the highest current score (ties to the lower
/// input index) and multiplies the score of every remaining detection (of the same class when
/// `classAware`) by `method`'s weight for its IoU with the selected one. A detection survives
/// while its score stays strictly above `scoreThreshold` (the published code drops scores
/// *below* it; strictly-above matches ``nonMaxSuppression(_:options:)``). Linear decay applies
/// when IoU is strictly above `iouThreshold`, as in the authors' code.
///
/// ```swift
/// let rescored = try softNonMaxSuppression(detections, method: .gaussian(sigma: 0.5),
///                                          scoreThreshold: 0.05)
/// ```
///
/// - Throws: ``PostprocessError`` for NaN or infinite scores or coordinates, an `iouThreshold`
///   outside 0...1, or a `sigma` that is not positive.
public func softNonMaxSuppression(_ detections: [Detection], method: SoftNMSMethod = .gaussian(sigma: 0.5),
                                  iouThreshold: Float = 0.3, scoreThreshold: Float = 0.001,
                                  classAware: Bool = true) throws(PostprocessError) -> [Detection] {
    try PostprocessError.check("iouThreshold", iouThreshold, within: 0...1)
    if case .gaussian(let sigma) = method, !(sigma > 0 && sigma.isFinite) {
        throw .invalidOption(name: "sigma", value: Double(sigma), expected: "positive and finite")
    }
    try PostprocessError.check("scoreThreshold", scoreThreshold)
    let ranked = try RankedBoxes(detections, scoreThreshold: scoreThreshold, classAware: classAware)
    // Only overlaps above the threshold change a linear score; any overlap changes a Gaussian one.
    let reach: Float = method == .linear ? iouThreshold : 0
    var heap = ScoreHeap(scores: ranked.source.map { detections[Int($0)].score }, tieBreak: ranked.source)
    var selected: [Int32] = []
    var grid = SpatialGrid(capacity: ranked.count)
    ranked.corners.withUnsafeBufferPointer { corners in
        for group in ranked.groups {
            let ranks = ranked.groupedRanks[group]
            grid.reset(for: ranks, corners: corners)
            for rank in ranks {
                grid.insert(rank, box: corners[Int(rank)], area: ranked.areas[Int(rank)])
                heap.insert(rank)
            }
            // The best remaining box is selected while it scores above the threshold; the rest
            // can only be lower.
            while let best = heap.popFirst(), heap.scores[Int(best)] > scoreThreshold {
                selected.append(best)
                let box = corners[Int(best)], area = ranked.areas[Int(best)]
                _ = grid.first(near: box, within: OverlapMetric.intersectionOverUnion
                    .reach(of: box, area: area, threshold: reach)) { other, otherBox, otherArea in
                    guard heap.contains(other) else { return false }
                    let overlap = OverlapMetric.intersectionOverUnion.value(box, area: area, otherBox, area: otherArea)
                    guard overlap > 0 else { return false }
                    let score = heap.scores[Int(other)]
                    let rescored = score * method.weight(overlap: overlap, threshold: iouThreshold)
                    if rescored != score { heap.update(other, score: rescored) }
                    return false
                }
            }
            heap.removeAll()
        }
    }
    // Groups were processed one after another; interleave them back into one score order.
    let scores = heap.scores
    selected.sort {
        scores[Int($0)] > scores[Int($1)] || (scores[Int($0)] == scores[Int($1)] && ranked.source[Int($0)] < ranked.source[Int($1)])
    }
    return selected.map { rank in
        var detection = detections[Int(ranked.source[Int(rank)])]
        detection.score = scores[Int(rank)]
        return detection
    }
}
