import GroundingImageIO

// Looking around each find in a crowd (``LookAround``).
extension GroundingEngine {
    /// The objects of each `wanted` class that `detector` finds looking around its finds in a
    /// crowd (``LookAround``; at most ``GroundingOptions/maxWholeLooks`` squares a class, best
    /// first) and none of `found` (full-size pixels) holds, at the pass's own threshold; the
    /// regions run; and all the looks saw, for judging pairs amid the crowd (``SplitFind``)
    /// (``classLooks(by:found:wanted:viewSide:on:options:timings:look:)``). The
    /// chairs among an orchestra's players are not looked for again around the players.
    /// `viewSide` is the side of the slices the finds were seen in (full-size pixels; nil: the
    /// whole photo). Only detectors whose low scores mean something (``Detector/findsTheRest``)
    /// look around their finds: not the face and palm models, which have their own closer looks.
    func lookedAround(by detector: any Detector, found: [Detection], wanted: [Bool], viewSide: Int?, on frame: ImageFrame,
                      options: GroundingOptions, timings: inout StageTimings) throws(GroundingError)
        -> (kept: [Detection], regionCount: Int, seen: [Detection]) {
        guard detector.findsTheRest else { return ([], 0, []) }
        let (width, height) = (frame.image.width, frame.image.height)
        return try classLooks(by: detector, found: found, wanted: wanted, viewSide: viewSide, on: frame, options: options,
                              timings: &timings) { finds, side in
            (LookAround.squares(around: finds, viewSide: side, width: width, height: height, limit: options.maxWholeLooks), { _ in true })
        }
    }
}
