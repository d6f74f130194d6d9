import GroundingImageIO

// A detector's own second look at what it found (``VerifyingDetector``).
extension GroundingEngine {
    /// The detections a ``VerifyingDetector`` confirms on a second look (all of them for other
    /// detectors), told the `wholes` (full-size pixels) they were looked for inside; the look
    /// counts as detection time. Only the detections at `judging` are looked at when given (the
    /// others are kept): for a verifier that does not refine what it confirms.
    func confirmed(_ detections: [Detection], by detector: any Detector, wholes: [BoundingBox], judging: [Int]? = nil,
                   on frame: ImageFrame, timings: inout StageTimings) throws(GroundingError) -> [Detection] {
        guard let verifier = detector as? any VerifyingDetector, !detections.isEmpty else { return detections }
        precondition(judging == nil || !verifier.refinesDetections, "only a verifier that does not refine may skip detections")
        let start = ContinuousClock.now
        defer { timings.detect += milliseconds(since: start) }
        let judged = judging ?? Array(detections.indices)
        // The verifier looks at the (possibly DCT-downscaled) decoded image, in its pixels; what
        // it does not look at takes the same way there and back, so every box is made alike.
        var result = detections.map { Optional(frame.toFull(frame.toImage($0))) }
        do {
            let looks = try verifier.confirm(judged.map { frame.toImage(detections[$0]) }, in: frame.image,
                                             wholes: wholes.map(frame.toImage))
            for (index, look) in zip(judged, looks) { result[index] = look.map(frame.toFull) }
        } catch {
            throw .detector(error)
        }
        return result.compactMap { $0 }
    }

    /// `parts` (full-size pixels) as ``confirmed(_:by:wholes:judging:on:timings:)`` keeps them
    /// for finding `wholes` by `mark`, the second look spent only on the parts that decide which
    /// wholes are found (``WholesFromParts/decisive(parts:wholes:mark:)``) when `detector` keeps
    /// what it confirms unchanged. In a crowd most faces are each the only face their one person
    /// can hold: they pair whether real or not, and the answer is the one a look at every face gives.
    func confirmed(decisiveOf parts: [Detection], by detector: any Detector, wholes: [BoundingBox], mark: WholeMark,
                   looked: [BoundingBox], on frame: ImageFrame, timings: inout StageTimings) throws(GroundingError) -> [Detection] {
        guard let verifier = detector as? any VerifyingDetector, !verifier.refinesDetections else {
            return try confirmed(parts, by: detector, wholes: looked, on: frame, timings: &timings)
        }
        // Judged on the boxes the pairing will see: those the round trip through the decoded image gives.
        let boxes = parts.map { frame.toFull(frame.toImage($0)).box }
        let decisive = WholesFromParts.decisive(parts: boxes, wholes: wholes, mark: mark)
        return try confirmed(parts, by: detector, wholes: looked, judging: decisive, on: frame, timings: &timings)
    }
}
