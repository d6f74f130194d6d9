import GroundingImageIO

// Two boxes the detector sees as one object, shown the pair (``SplitFind``).
extension GroundingEngine {
    /// A pair's square is looked at only when it shows the pair at least this many times as large
    /// as the whole photo does; otherwise the pass saw it about as close, and the pair is seen from
    /// further back. Judged by the longer sides, which set the scale of a letterboxed input: cut at
    /// the borders of `TestImages/eagle.jpg` (773×512), the square around the eagle and its tail,
    /// boxed apart, is 750×512, and the detector, shown it, boxed the two again.
    static let splitLookZoom: Float = 1.25

    /// A pair's square is looked at only when, cut at the photo's borders, it still gives the pair
    /// at least half the room it was drawn with (``wholeLookScale``: 1.3 times the pair's side
    /// each way); otherwise the pair is seen from further back, where the grey around the photo
    /// gives it room. On `TestImages/basketball.png` (640×480) a man boxed twice, head to hips and
    /// chest to feet, fills 424 of his square's 480 rows, and the detector, shown it, boxed only
    /// his lower part.
    static let splitLookRoom: Float = 1 + (wholeLookScale - 1) / 2

    /// Whether `square` (cut at the borders of `photo`) shows `pair` closer than the photo does
    /// (``splitLookZoom``) and with room around it (``splitLookRoom``).
    static func isCloserLook(_ square: PixelRect, at pair: BoundingBox, in photo: PixelRect) -> Bool {
        Float(max(photo.width, photo.height)) >= splitLookZoom * Float(max(square.width, square.height))
            && Float(square.width) >= splitLookRoom * pair.width && Float(square.height) >= splitLookRoom * pair.height
    }

    /// `found` (full-size pixels) with each pair of boxes that `detector`, shown the pair with
    /// room around it (the square a whole is looked at on, ``wholeLookScale`` times the pair's
    /// longer side, or the whole photo from further back where that square, cut at the photo's
    /// borders, is no closer look: ``isCloserLook(_:at:in:)``), sees as one object replaced by
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
        let within = squares.filter { Self.isCloserLook($0.square, at: $0.pair, in: photo) }.map(\.square)
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
