import GroundingImageIO

// Looking around each find in a crowd (``LookAround``).
extension GroundingEngine {
    /// The objects of each `wanted` class that `detector` finds looking around its finds in a
    /// crowd (``LookAround``; at most ``GroundingOptions/maxWholeLooks`` squares a class, best
    /// first) and none of `found` (full-size pixels) holds, at the pass's own threshold; and the
    /// regions run. Only the crowded classes are kept from the looks: another class seen there
    /// was not found often enough to be looked for again. `viewSide` is the side of the slices
    /// the finds were seen in (full-size pixels; nil: the whole photo). Only detectors whose
    /// low scores mean something (``Detector/findsTheRest``) look around their finds: not the
    /// face and palm models, which have their own closer looks.
    func lookedAround(by detector: any Detector, found: [Detection], wanted: [Bool], viewSide: Int?, on frame: ImageFrame,
                      options: GroundingOptions, timings: inout StageTimings) throws(GroundingError) -> (kept: [Detection], regionCount: Int) {
        guard detector.findsTheRest else { return ([], 0) }
        let (width, height) = (frame.image.width, frame.image.height)
        let side = viewSide.map { Float($0) * Float(width) / Float(frame.fullWidth) } ?? Float(max(width, height))
        var regions: [PixelRect] = [], crowded = [Bool](repeating: false, count: wanted.count)
        for classIndex in wanted.indices where wanted[classIndex] {
            let finds = found.filter { $0.classIndex == classIndex }.sorted { $0.score > $1.score }.map { frame.toImage($0.box) }
            let squares = LookAround.squares(around: finds, viewSide: side, width: width, height: height, limit: options.maxWholeLooks)
            regions += squares
            crowded[classIndex] = !squares.isEmpty
        }
        guard !regions.isEmpty else { return ([], 0) }
        let pass = try run(detector, on: frame, regions: regions,
                           scoreThreshold: options.scoreThreshold ?? detector.defaultScoreThreshold,
                           keeping: { crowded[$0] }, options: options, timings: &timings)
        return (LookAround.newObjects(pass.kept, beside: found), pass.regionCount)
    }
}
