/// Suppression of the boxes that slices found for one object, keeping the small objects the
/// whole-image pass saw beside larger ones.
///
/// A slice that cuts an object may see part of it as the object (a swan's head and neck), and
/// its box lies mostly inside the box another region gives the whole object; suppression by
/// intersection over the smaller box drops it. That would also drop a small object inside a
/// larger box (a lying foal in front of its mother) though the whole-image pass saw both and
/// kept them apart. So a box flagged ``Detection/isBesideLarger`` is not suppressed by a larger box.
///
/// Visiting by decreasing score (ties in input order), a box is kept unless it overlaps a kept
/// box (of its class when `options.classAware`) by more than `options.iouThreshold` under
/// `options.metric`, where the smaller of the two is not flagged.
///
/// ```swift
/// let options = SuppressionOptions(iouThreshold: 0.5, metric: .intersectionOverSmaller)
/// let objects = try suppressFragments(afterNMS, options: options)
/// ```
///
/// - Throws: ``PostprocessError`` for NaN or infinite scores or coordinates and out-of-range options.
public func suppressFragments(_ detections: [Detection],
                              options: SuppressionOptions) throws(PostprocessError) -> [Detection] {
    try options.validate()
    let ranked = try RankedBoxes(detections, scoreThreshold: options.scoreThreshold, classAware: options.classAware)
    let threshold = options.iouThreshold, metric = options.metric
    guard threshold < 1 else { return ranked.source.map { detections[Int($0)] } }
    var kept = [Bool](repeating: false, count: ranked.count)
    var grid = SpatialGrid(capacity: ranked.count)
    ranked.corners.withUnsafeBufferPointer { corners in
        for group in ranked.groups {
            let ranks = ranked.groupedRanks[group]
            grid.reset(for: ranks, corners: corners)
            for rank in ranks {
                let box = corners[Int(rank)], area = ranked.areas[Int(rank)]
                let isBesideLarger = detections[Int(ranked.source[Int(rank)])].isBesideLarger
                let suppressed = grid.first(near: box, within: metric.reach(of: box, area: area, threshold: threshold)) { other, otherBox, otherArea in
                    guard metric.value(box, area: area, otherBox, area: otherArea) > threshold else { return false }
                    let smallerIsFlagged = area < otherArea ? isBesideLarger : detections[Int(ranked.source[Int(other)])].isBesideLarger
                    return !smallerIsFlagged
                }
                guard !suppressed else { continue }
                kept[Int(rank)] = true
                grid.insert(rank, box: box, area: area)
            }
        }
    }
    return (0..<ranked.count).filter { kept[$0] }.map { detections[Int(ranked.source[$0])] }
}
