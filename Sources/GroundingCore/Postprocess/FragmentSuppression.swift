/// Suppression of the boxes that slices found for one object, keeping the small objects the
/// whole-image pass saw beside larger ones.
///
/// A slice that cuts an object may see part of it as the object (a swan's head and neck), and
/// its box lies mostly inside the box another region gives the whole object; suppression by
/// intersection over the smaller box drops it. That would also drop a small object inside a
/// larger box (a lying foal in front of its mother) though the whole-image pass saw both and
/// kept them apart. So a box flagged ``Detection/isBesideLarger`` is not suppressed by a larger box.
///
/// A part can score higher than the whole (the middle of a rowing boat, cut by its slice, at
/// 0.88; the whole boat from the whole-image pass at 0.74), and greedy suppression would then
/// keep the part and drop the whole. So first, a box with a ``Detection/sliceCut`` lying almost
/// wholly inside a larger box of its class (``SliceCut/partShare``) that reaches past a cut side is
/// dropped: the larger box saw the object go on where the slice ended. A box only partly inside
/// a larger one may be another object the slice cut, and is left to the suppression below.
/// Among more than 4,000 boxes this step is skipped.
///
/// Otherwise this is ``nonMaxSuppression(_:options:)`` (by decreasing score, ties in input order;
/// of its class when `options.classAware`; under `options.metric`), except that an overlap whose
/// smaller box is flagged does not suppress.
///
/// ```swift
/// let options = SuppressionOptions(iouThreshold: 0.5, metric: .intersectionOverSmaller)
/// let objects = try suppressFragments(afterNMS, options: options)
/// ```
///
/// - Throws: ``PostprocessError`` for NaN or infinite scores or coordinates and out-of-range options.
public func suppressFragments(_ detections: [Detection],
                              options: SuppressionOptions) throws(PostprocessError) -> [Detection] {
    let wholes = detections.count > maxComparedForParts ? detections
        : detections.indices.filter { !isCutPart(at: $0, of: detections, options: options) }.map { detections[$0] }
    return try greedySuppression(wholes, options: options, sparing: { wholes[$0].isBesideLarger }).map { wholes[$0] }
}

/// Past this many boxes, parts cut by slices are not looked for (each is compared with every
/// box): a near-zero threshold must not make merging quadratic in thousands of boxes, and no photo
/// holds that many objects.
private let maxComparedForParts = 4000

/// Whether `detections[index]` was cut by its slice and lies inside a larger box of its class
/// (by more than ``SliceCut/partShare`` of its area) that reaches past a cut side.
private func isCutPart(at index: Int, of detections: [Detection], options: SuppressionOptions) -> Bool {
    let part = detections[index]
    guard !part.sliceCut.isEmpty, part.box.area > 0 else { return false }
    return detections.contains { whole in
        (!options.classAware || whole.classIndex == part.classIndex) && whole.box.area > part.box.area
            && part.box.intersectionArea(with: whole.box) / part.box.area > SliceCut.partShare
            && part.sliceCut.isReached(past: part.box, by: whole.box)
    }
}
