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
    if scoreThreshold.isNaN {
        throw .invalidOption(name: "scoreThreshold", value: .nan, expected: "a number")
    }
    let ranked = try RankedBoxes(detections, scoreThreshold: scoreThreshold, classAware: classAware)
    // Only overlaps above the threshold change a linear score; any overlap changes a Gaussian one.
    let reach: Float = method == .linear ? iouThreshold : 0
    var scores = ranked.source.map { detections[Int($0)].score }
    var alive = [Bool](repeating: true, count: ranked.count)
    var heap = ScoreHeap(tieBreak: ranked.source, capacity: ranked.count)
    var selected: [(score: Float, rank: Int32)] = []
    var grid = SpatialGrid(capacity: ranked.count)
    ranked.corners.withUnsafeBufferPointer { corners in
        for group in ranked.groups {
            let ranks = ranked.groupedRanks[group]
            grid.reset(for: ranks, corners: corners)
            for rank in ranks {
                grid.insert(rank, box: corners[Int(rank)], area: ranked.areas[Int(rank)])
                heap.push(score: scores[Int(rank)], rank: rank)
            }
            while let top = heap.pop() {
                let best = Int(top.rank)
                // Stale entries (a score changed after being pushed) and selected ranks are skipped.
                guard alive[best], top.score == scores[best] else { continue }
                guard top.score > scoreThreshold else { break }
                alive[best] = false
                selected.append(top)
                let box = corners[best], area = ranked.areas[best]
                _ = grid.first(near: box, within: OverlapMetric.intersectionOverUnion
                    .reach(of: box, area: area, threshold: reach)) { other, otherBox, otherArea in
                    let rank = Int(other)
                    guard alive[rank] else { return false }
                    let overlap = OverlapMetric.intersectionOverUnion.value(box, area: area, otherBox, area: otherArea)
                    guard overlap > 0 else { return false }
                    let rescored = scores[rank] * method.weight(overlap: overlap, threshold: iouThreshold)
                    if rescored != scores[rank] {
                        scores[rank] = rescored
                        heap.push(score: rescored, rank: other)
                    }
                    return false
                }
            }
            // Whatever the early stop left behind belongs to this group only.
            heap.removeAll()
        }
    }
    // Groups were processed one after another; interleave them back into one score order.
    selected.sort { $0.score > $1.score || ($0.score == $1.score && ranked.source[Int($0.rank)] < ranked.source[Int($1.rank)]) }
    return selected.map { entry in
        var detection = detections[Int(ranked.source[Int(entry.rank)])]
        detection.score = entry.score
        return detection
    }
}
