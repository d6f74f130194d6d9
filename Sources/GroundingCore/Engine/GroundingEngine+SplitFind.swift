import GroundingImageIO

// Two boxes the detector sees as one object, shown the pair (``SplitFind``).
extension GroundingEngine {
    /// `found` (full-size pixels) with each pair of boxes that `detector`, shown the pair with
    /// room around it (the square a whole is looked at on, ``wholeLookScale`` times the pair's
    /// longer side), sees as one object replaced by that object (``SplitFind``; at most
    /// ``GroundingOptions/maxWholeLooks`` pairs, best first), at the pass's own threshold; and the
    /// regions run. Only detectors whose low scores mean something (``Detector/findsTheRest``)
    /// are asked: the face and palm models have their own closer looks.
    func splitsJoined(by detector: any Detector, found: [Detection], on frame: ImageFrame,
                      options: GroundingOptions, timings: inout StageTimings) throws(GroundingError) -> (kept: [Detection], regionCount: Int) {
        guard detector.findsTheRest else { return (found, 0) }
        let pairs = Array(SplitFind.pairs(found).prefix(options.maxWholeLooks))
        let regions = pairs.compactMap { frame.square(around: found[$0.0].box.union(found[$0.1].box), scale: Self.wholeLookScale) }
        guard !regions.isEmpty else { return (found, 0) }
        let classes = Set(pairs.map { found[$0.0].classIndex })
        let pass = try run(detector, on: frame, regions: regions,
                           scoreThreshold: options.scoreThreshold ?? detector.defaultScoreThreshold,
                           keeping: { classes.contains($0) }, options: options, timings: &timings)
        return (SplitFind.joined(found, pairs: pairs, looked: pass.kept, kinds: detector.vocabulary.entries.map(\.kind)), pass.regionCount)
    }
}
