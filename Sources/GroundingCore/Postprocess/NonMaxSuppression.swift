/// Greedy non-maximum suppression: the indices of the detections to keep, highest score first.
///
/// Visits detections scoring more than `options.scoreThreshold` by decreasing score (ties in
/// input order) and keeps each one whose overlap with every box kept before it (of the same class
/// when `options.classAware`) is at most `options.iouThreshold`. With IoU this is exactly the keep
/// set of OpenCV's `cv2.dnn.NMSBoxes(boxes, scores, scoreThreshold, iouThreshold)` (one call per
/// class when class-aware), including its rule that two empty boxes overlap fully; only inverted
/// boxes (`x2 < x1` or `y2 < y1`) differ: they count as empty here. (OpenCV's `NMSBoxesBatched`
/// agrees with the per-class calls except that it lets empty boxes of different classes
/// suppress each other.)
///
/// A spatial index keeps the cost near-linear: 100 000 boxes take tens of
/// milliseconds where a plain double loop takes most of a minute.
///
/// ```swift
/// let kept = try nonMaxSuppression(detections, options: SuppressionOptions(iouThreshold: 0.5))
/// let survivors = kept.map { detections[$0] }
/// ```
///
/// - Throws: ``PostprocessError/nanScore(index:)`` and the other ``PostprocessError`` cases for
///   non-finite scores or coordinates and out-of-range options.
public func nonMaxSuppression(_ detections: [Detection],
                              options: SuppressionOptions = .init()) throws(PostprocessError) -> [Int] {
    try greedySuppression(detections, options: options, sparing: nil)
}

/// ``nonMaxSuppression(_:options:)`` where an overlap does not suppress when the smaller box of
/// the pair (the other one when both are as large) is a detection `sparing` returns true for
/// (its index in `detections`); nil spares nothing.
func greedySuppression(_ detections: [Detection], options: SuppressionOptions,
                       sparing: ((Int) -> Bool)?) throws(PostprocessError) -> [Int] {
    try options.validate()
    let ranked = try RankedBoxes(detections, scoreThreshold: options.scoreThreshold,
                                 classAware: options.classAware)
    let limit = options.maxDetections ?? Int.max
    let spares = sparing.map { sparing in { (rank: Int32) in sparing(Int(ranked.source[Int(rank)])) } }
    var kept = [Bool](repeating: false, count: ranked.count)
    var grid = SpatialGrid(capacity: ranked.count)
    ranked.corners.withUnsafeBufferPointer { corners in
        ranked.areas.withUnsafeBufferPointer { areas in
            kept.withUnsafeMutableBufferPointer { kept in
                // Class-agnostic runs are a single group, so the limit can stop them early.
                var budget = options.classAware ? Int.max : limit
                for group in ranked.groups where budget > 0 {
                    budget -= suppress(ranked.groupedRanks[group], corners: corners, areas: areas,
                                       options: options, budget: budget, spares: spares, grid: &grid, kept: kept)
                }
            }
        }
    }
    var indices: [Int] = []
    for rank in 0..<ranked.count where kept[rank] {
        if indices.count == limit { break }
        indices.append(Int(ranked.source[rank]))
    }
    return indices
}

/// Greedy suppression inside one group of ranks (ascending, so by decreasing score); marks the
/// kept ranks, stops after `budget` of them, and returns how many it kept. An overlap whose
/// smaller box is a rank `spares` returns true for does not suppress.
private func suppress(_ ranks: ArraySlice<Int32>, corners: UnsafeBufferPointer<SIMD4<Double>>,
                      areas: UnsafeBufferPointer<Double>, options: SuppressionOptions, budget: Int,
                      spares: ((Int32) -> Bool)?, grid: inout SpatialGrid, kept: UnsafeMutableBufferPointer<Bool>) -> Int {
    let threshold = options.iouThreshold
    let metric = options.metric
    // OpenCV's Jaccard distance calls two boxes whose areas sum to at most DBL_EPSILON identical
    // (IoU 1) however far apart they are. Tracking the smallest kept area finds such a pair.
    let emptyPairsOverlap = metric == .intersectionOverUnion && threshold < 1
    var smallestKeptArea = Double.infinity
    var count = 0
    grid.reset(for: ranks, corners: corners)
    for rank in ranks {
        let box = corners[Int(rank)], area = areas[Int(rank)]
        // Overlap never exceeds 1, so a threshold of 1 keeps everything without looking.
        let suppressed = threshold < 1 && (
            (emptyPairsOverlap && area + smallestKeptArea <= Double.ulpOfOne)
            || grid.first(near: box, within: metric.reach(of: box, area: area, threshold: threshold)) { otherRank, other, otherArea in
                metric.value(box, area: area, other, area: otherArea) > threshold
                    && !(spares?(area < otherArea ? rank : otherRank) ?? false)
            })
        guard !suppressed else { continue }
        kept[Int(rank)] = true
        grid.insert(rank, box: box, area: area)
        smallestKeptArea = min(smallestKeptArea, area)
        count += 1
        if count == budget { break }
    }
    return count
}
