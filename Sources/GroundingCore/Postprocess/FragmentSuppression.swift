/// Suppression of the boxes that slices found for one object, keeping the small objects the
/// whole-image pass saw beside larger ones.
///
/// A slice that cuts an object may see part of it as the object (a swan's head and neck), and
/// its box lies mostly inside the box another region gives the whole object; suppression by
/// intersection over the smaller box drops it. That would also drop a small object inside a
/// larger box (a lying foal in front of its mother) though the whole-image pass saw both and
/// kept them apart. So a box flagged ``Detection/isBesideLarger`` is not suppressed by a larger box
/// (nor is a slice's sharper box of the same object, which inherits the flag in
/// ``passingOnBesideLarger(_:kept:options:)`` before this runs).
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

/// The detections `kept` (indices into `candidates`, as ``nonMaxSuppression(_:options:)``
/// returned them) with ``Detection/isBesideLarger`` passed on from the boxes they suppressed: the
/// flag says the whole-image pass saw the *object* beside a larger one, whichever view boxed it
/// best. A slice's sharper box over a foal (0.63 against the whole-image pass's 0.50) would
/// otherwise win suppression without the flag, and then be taken for a part of its mother's box
/// and dropped.
///
/// A flagged box that did not survive passes its flag to the best-scoring kept box (of its class
/// when `options.classAware`) that boxes the same object: intersection over union at least
/// ``sameObjectOverlap``. A looser heir would be spared for an object it only partly boxes (on a
/// group photo, a weak box between two rows of people made a man's box in the row below
/// unsuppressible). Past ``maxComparedForParts`` kept boxes nothing is passed on, as with parts.
package func passingOnBesideLarger(_ candidates: [Detection], kept: [Int], options: SuppressionOptions) -> [Detection] {
    var survivors = kept.map { candidates[$0] }
    guard survivors.count <= maxComparedForParts else { return survivors }
    let isKept = Set(kept)
    for (index, candidate) in candidates.enumerated() where candidate.isBesideLarger && !isKept.contains(index) {
        // `kept` is best first, so the first match is the best-scoring one.
        let heir = survivors.indices.first { survivor in
            (!options.classAware || survivors[survivor].classIndex == candidate.classIndex)
                && survivors[survivor].box.intersectionOverUnion(with: candidate.box) >= sameObjectOverlap
        }
        if let heir { survivors[heir].isBesideLarger = true }
    }
    return survivors
}

/// How well (intersection over union) a kept box must cover a suppressed one to be taken for the
/// same object by ``passingOnBesideLarger(_:kept:options:)``: the slice's and the whole-image
/// pass's boxes of the foal overlap by 0.86; the three looser pairs that measurably made false
/// marks, by 0.54–0.67.
package let sameObjectOverlap: Float = 0.7
