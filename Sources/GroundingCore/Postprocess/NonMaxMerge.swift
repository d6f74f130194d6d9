/// Non-maximum merging (NMM, as in SAHI): like ``nonMaxSuppression(_:options:)``, but a kept box
/// absorbs the boxes it would suppress and grows into their union. It joins the pieces of one
/// object that tiled detection cut at tile borders.
///
/// Visits detections by decreasing score (ties in input order). A detection that overlaps no kept
/// box by more than `options.iouThreshold` (under `options.metric`, same class when
/// `options.classAware`) is kept; otherwise the highest-scoring kept box it overlaps that much
/// absorbs it. Overlap is always measured against the kept boxes as detected, not their growing
/// unions, so the result does not depend on merge order. Each kept detection comes back with the
/// union of its box and everything it absorbed, and keeps its own score and class: the highest
/// score of the group, and (when class-agnostic) the class of that best box. Empty boxes overlap
/// nothing here.
///
/// ```swift
/// var options = SuppressionOptions(iouThreshold: 0.5, metric: .intersectionOverSmaller)
/// let merged = try nonMaxMerge(tileDetections, options: options)
/// ```
///
/// - Throws: ``PostprocessError`` for NaN or infinite scores or coordinates and out-of-range options.
public func nonMaxMerge(_ detections: [Detection],
                        options: SuppressionOptions = .init()) throws(PostprocessError) -> [Detection] {
    try options.validate()
    let ranked = try RankedBoxes(detections, scoreThreshold: options.scoreThreshold,
                                 classAware: options.classAware)
    let threshold = options.iouThreshold, metric = options.metric
    // The rank of the kept detection each rank merged into (itself when kept).
    var owner = [Int32](repeating: 0, count: ranked.count)
    var merged = ranked.source.map { detections[Int($0)].box }
    var grid = SpatialGrid(capacity: ranked.count)
    ranked.corners.withUnsafeBufferPointer { corners in
        for group in ranked.groups {
            let ranks = ranked.groupedRanks[group]
            grid.reset(for: ranks, corners: corners)
            for rank in ranks {
                let box = corners[Int(rank)], area = ranked.areas[Int(rank)]
                var best = rank
                if threshold < 1 {
                    // No early exit: the earliest (highest-scoring) match wins, in any visiting order.
                    _ = grid.first(near: box, within: metric.reach(of: box, area: area, threshold: threshold)) { other, otherBox, otherArea in
                        if other < best, metric.value(box, area: area, otherBox, area: otherArea) > threshold {
                            best = other
                        }
                        return false
                    }
                }
                owner[Int(rank)] = best
                if best == rank {
                    grid.insert(rank, box: box, area: area)
                } else {
                    merged[Int(best)] = merged[Int(best)].union(merged[Int(rank)])
                }
            }
        }
    }
    var result: [Detection] = []
    for rank in 0..<ranked.count where owner[rank] == Int32(truncatingIfNeeded: rank) {
        if result.count == options.maxDetections { break }
        var detection = detections[Int(ranked.source[rank])]
        detection.box = merged[rank]
        result.append(detection)
    }
    return result
}
