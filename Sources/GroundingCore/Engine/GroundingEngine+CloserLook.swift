import GroundingImageIO

// A model's closer look around its small finds (``CloseLook``).
extension GroundingEngine {
    /// What `look` finds, on regions around `found`'s small detections (``CloseLook``), that is
    /// of their size, not already in `found`, and looks like the small ones to the first detector
    /// that is an ``AppearanceModel`` (``AppearanceGroup``), and the regions it ran on. Without
    /// such a model, or with fewer than two small ones to compare with, there is no close look:
    /// what it finds has no other judge. Its score threshold is the look's own, or the options'
    /// when that is higher.
    func closerLook(_ look: CloseLook, found: [Detection], wanted: [Bool], on frame: ImageFrame,
                    options: GroundingOptions, timings: inout StageTimings) throws(GroundingError) -> (kept: [Detection], regionCount: Int) {
        // Sizes are judged in the pixels the models see (the decoded, possibly DCT-downscaled, image).
        let boxes = found.map { frame.toImage($0.box) }
        let small = look.small(boxes)
        guard small.count >= 2, let side = look.smallSide(of: boxes), appearanceModel != nil else { return ([], 0) }
        let regions = look.regions(width: frame.image.width, height: frame.image.height, found: boxes)
        guard !regions.isEmpty else { return ([], 0) }
        let pass = try run(look.detector, on: frame, regions: regions,
                           scoreThreshold: max(look.scoreThreshold, options.scoreThreshold ?? 0),
                           keeping: { $0 < wanted.count && wanted[$0] }, options: options, timings: &timings)
        let candidates = pass.kept.filter { look.keeps(frame.toImage($0.box), side: side, beside: boxes) }
        guard !candidates.isEmpty else { return ([], pass.regionCount) }
        guard let map = try appearanceMap(of: frame, around: small, timings: &timings),
              let group = AppearanceGroup(members: small, map: map) else { return ([], pass.regionCount) }
        return (candidates.filter { group.admits(frame.toImage($0.box)) }, pass.regionCount)
    }
}
