import GroundingImageIO

// Two boxes the detector sees as one object, shown the pair (``SplitFind``).
extension GroundingEngine {
    /// `found` (full-size pixels) with each pair of boxes that `detector`, shown the pair with
    /// room around it (the square a whole is looked at on, ``wholeLookScale`` times the pair's
    /// longer side, or the whole photo from further back where that square, cut at the photo's
    /// borders, is no closer look: ``SplitFind/isCloserLook(_:at:in:drawnAt:)``), sees as one object replaced by
    /// that object (``SplitFind``; at most ``GroundingOptions/maxWholeLooks`` pairs, best first),
    /// at the pass's own threshold; and the regions run. Only detectors whose low scores mean
    /// something (``Detector/findsTheRest``) are asked: the face and palm models have their own
    /// closer looks.
    func splitsJoined(by detector: any Detector, found: [Detection], on frame: ImageFrame,
                      options: GroundingOptions, timings: inout StageTimings) throws(GroundingError) -> (kept: [Detection], regionCount: Int) {
        guard detector.findsTheRest else { return (found, 0) }
        let pairs = Array(SplitFind.pairs(found).prefix(options.maxWholeLooks))
        // A pair whose square is no closer look is seen from further back (``StepBack``): the
        // square would show the detector about what its pass saw, or the pair without room.
        let photo = PixelRect(width: frame.image.width, height: frame.image.height)
        let squares = pairs.compactMap { pair -> (square: PixelRect, pair: BoundingBox)? in
            let union = found[pair.0].box.union(found[pair.1].box)
            return frame.square(around: union, scale: Self.wholeLookScale).map { ($0, frame.toImage(union)) }
        }
        let within = squares.filter { SplitFind.isCloserLook($0.square, at: $0.pair, in: photo, drawnAt: Self.wholeLookScale) }
            .map(\.square)
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
        return (SplitFind.joined(found, pairs: pairs, looked: looked, kinds: detector.vocabulary.kinds), regionCount)
    }
}
