import GroundingImageIO

// Two boxes the detector sees as one object, shown the pair (``SplitFind``).
extension GroundingEngine {
    /// `found` (full-size pixels) with each pair of boxes that `detector`, shown the pair with
    /// room around it (the square a whole is looked at on, ``wholeLookScale`` times the pair's
    /// longer side, or the whole photo from further back where that square holds all of it),
    /// sees as one object replaced by that object (``SplitFind``; at most
    /// ``GroundingOptions/maxWholeLooks`` pairs, best first), at the pass's own threshold; and the
    /// regions run. Only detectors whose low scores mean something (``Detector/findsTheRest``)
    /// are asked: the face and palm models have their own closer looks.
    func splitsJoined(by detector: any Detector, found: [Detection], on frame: ImageFrame,
                      options: GroundingOptions, timings: inout StageTimings) throws(GroundingError) -> (kept: [Detection], regionCount: Int) {
        guard detector.findsTheRest else { return (found, 0) }
        let pairs = Array(SplitFind.pairs(found).prefix(options.maxWholeLooks))
        // A pair whose square would hold the whole photo is seen from further back (``StepBack``):
        // the square would show the detector what its pass saw, the object as close.
        let photo = PixelRect(width: frame.image.width, height: frame.image.height)
        let squares = pairs.compactMap { frame.square(around: found[$0.0].box.union(found[$0.1].box), scale: Self.wholeLookScale) }
        let within = squares.filter { $0 != photo }
        var looks: [(regions: [PixelRect], share: Float)] = within.isEmpty ? [] : [(within, Float(1))]
        if within.count < squares.count { looks.append(([photo], StepBack.viewShare)) }
        guard !looks.isEmpty else { return (found, 0) }
        let classes = Set(pairs.map { found[$0.0].classIndex })
        var looked: [Detection] = [], regionCount = 0
        for look in looks {
            let pass = try run(detector, on: frame, regions: look.regions, share: look.share,
                               scoreThreshold: options.scoreThreshold ?? detector.defaultScoreThreshold,
                               keeping: { classes.contains($0) }, options: options, timings: &timings)
            looked += pass.kept
            regionCount += pass.regionCount
        }
        return (SplitFind.joined(found, pairs: pairs, looked: looked, kinds: detector.vocabulary.entries.map(\.kind)), regionCount)
    }
}
