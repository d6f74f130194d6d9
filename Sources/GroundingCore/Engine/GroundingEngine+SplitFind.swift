import GroundingImageIO

// Two boxes the detector sees as one object, shown the pair (``SplitFind``).
extension GroundingEngine {
    /// `found` (full-size pixels) with each pair of boxes that `detector`, shown the pair with
    /// room around it (the square a whole is looked at on, ``wholeLookScale`` times the pair's
    /// longer side, or the whole photo from further back for a pair filling it), sees as one
    /// object replaced by that object (``SplitFind``; at most
    /// ``GroundingOptions/maxWholeLooks`` pairs, best first), at the pass's own threshold; and the
    /// regions run. Only detectors whose low scores mean something (``Detector/findsTheRest``)
    /// are asked: the face and palm models have their own closer looks.
    func splitsJoined(by detector: any Detector, found: [Detection], on frame: ImageFrame,
                      options: GroundingOptions, timings: inout StageTimings) throws(GroundingError) -> (kept: [Detection], regionCount: Int) {
        guard detector.findsTheRest else { return (found, 0) }
        let pairs = Array(SplitFind.pairs(found).prefix(options.maxWholeLooks))
        let unions = pairs.map { found[$0.0].box.union(found[$0.1].box) }
        // A pair that fills the photo is seen from further back (``StepBack``): a square around it
        // would be the photo itself, the object as close as the pass saw it.
        let fillsPhoto = { StepBack.fills($0, width: Float(frame.fullWidth), height: Float(frame.fullHeight)) }
        let squares = unions.filter { !fillsPhoto($0) }.compactMap { frame.square(around: $0, scale: Self.wholeLookScale) }
        var looks: [(regions: [PixelRect], share: Float)] = squares.isEmpty ? [] : [(squares, Float(1))]
        if unions.contains(where: fillsPhoto) {
            looks.append(([PixelRect(width: frame.image.width, height: frame.image.height)], StepBack.viewShare))
        }
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
