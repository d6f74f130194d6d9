/// Suppression of the boxes that slices found for one object, keeping the small objects the
/// whole-image pass saw beside larger ones.
///
/// A slice that cuts an object may see part of it as the object (a swan's head and neck), and
/// its box lies mostly inside the box another region gives the whole object; suppression by
/// intersection over the smaller box drops it. That would also drop a small object inside a
/// larger box (a lying foal in front of its mother) though the whole-image pass saw both and
/// kept them apart. So a box flagged ``Detection/isBesideLarger`` is not suppressed by a larger box.
///
/// This is ``nonMaxSuppression(_:options:)`` (by decreasing score, ties in input order; of its
/// class when `options.classAware`; under `options.metric`), except that an overlap whose smaller
/// box is flagged does not suppress.
///
/// ```swift
/// let options = SuppressionOptions(iouThreshold: 0.5, metric: .intersectionOverSmaller)
/// let objects = try suppressFragments(afterNMS, options: options)
/// ```
///
/// - Throws: ``PostprocessError`` for NaN or infinite scores or coordinates and out-of-range options.
public func suppressFragments(_ detections: [Detection],
                              options: SuppressionOptions) throws(PostprocessError) -> [Detection] {
    try greedySuppression(detections, options: options, sparing: { detections[$0].isBesideLarger }).map { detections[$0] }
}
