import GroundingImageIO

// Looking around each find in a crowd (``LookAround``).
extension GroundingEngine {
    /// The objects of each `wanted` class that `detector` finds looking around its finds in a
    /// crowd (``LookAround``; at most ``GroundingOptions/maxWholeLooks`` squares a class, best
    /// first) and none of `found` (full-size pixels) holds, at the pass's own threshold; and the
    /// regions run. Each class is kept only from the squares around its own finds, so what a
    /// name counts does not depend on the other names asked (the chairs among an orchestra's
    /// players are not looked for again around the players). `viewSide` is the side of the
    /// slices the finds were seen in (full-size pixels; nil: the whole photo). Only detectors
    /// whose low scores mean something (``Detector/findsTheRest``) look around their finds: not
    /// the face and palm models, which have their own closer looks.
    func lookedAround(by detector: any Detector, found: [Detection], wanted: [Bool], viewSide: Int?, on frame: ImageFrame,
                      options: GroundingOptions, timings: inout StageTimings) throws(GroundingError) -> (kept: [Detection], regionCount: Int) {
        guard detector.findsTheRest else { return ([], 0) }
        let (width, height) = (frame.image.width, frame.image.height)
        let side = viewSide.map { Float($0) * Float(width) / Float(frame.fullWidth) } ?? Float(max(width, height))
        var kept: [Detection] = [], regionCount = 0
        for classIndex in wanted.indices where wanted[classIndex] {
            let finds = found.filter { $0.classIndex == classIndex }.sorted { $0.score > $1.score }.map { frame.toImage($0.box) }
            let squares = LookAround.squares(around: finds, viewSide: side, width: width, height: height, limit: options.maxWholeLooks)
            guard !squares.isEmpty else { continue }
            let pass = try run(detector, on: frame, regions: squares,
                               scoreThreshold: options.scoreThreshold ?? detector.defaultScoreThreshold,
                               keeping: { $0 == classIndex }, options: options, timings: &timings)
            kept += pass.kept
            regionCount += pass.regionCount
        }
        return (LookAround.newObjects(kept, beside: found), regionCount)
    }
}
