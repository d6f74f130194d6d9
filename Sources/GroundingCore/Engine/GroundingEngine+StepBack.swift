import GroundingImageIO

// The whole photo seen from further back, for classes nothing found (``StepBack``).
extension GroundingEngine {
    /// The objects of the `wanted` classes `found` has none of that `detector` finds in the whole
    /// photo seen from further back (``StepBack``), at ``StepBack/scoreFactor`` times the model's
    /// own threshold (or the one asked for, when higher), and the regions
    /// run (one, or none when every class was found). Like looking around, only for detectors
    /// whose finds lead to more (``Detector/findsTheRest``): not the face and palm models.
    func steppedBack(by detector: any Detector, found: [Detection], wanted: [Bool], on frame: ImageFrame,
                     options: GroundingOptions, timings: inout StageTimings) throws(GroundingError) -> (kept: [Detection], regionCount: Int) {
        let missing = StepBack.missing(wanted: wanted, found: found)
        let threshold = max(options.scoreThreshold ?? 0, StepBack.scoreFactor * detector.defaultScoreThreshold)
        // A model whose own threshold is above half would need a score above 1: no view can give one.
        guard detector.findsTheRest, !missing.isEmpty, threshold <= 1 else { return ([], 0) }
        // Every class is kept from the view, so that a box's best class decides what it is.
        let pass = try run(detector, on: frame, regions: [PixelRect(width: frame.image.width, height: frame.image.height)],
                           share: StepBack.viewShare, scoreThreshold: threshold,
                           keeping: { _ in true }, options: options, timings: &timings)
        do {
            let added = try StepBack.newObjects(pass.kept, missing: missing, width: Float(frame.fullWidth),
                                                height: Float(frame.fullHeight), iouThreshold: options.iouThreshold)
            return (added, pass.regionCount)
        } catch {
            throw .detector(error)
        }
    }
}
