import GroundingImageIO

// Looks laid out around one class's finds at a time (``LookAround``, ``ZoomIn``).
extension GroundingEngine {
    /// The squares a look at one class is taken on (pixels of the decoded image), and which of
    /// the boxes the detector finds there (same pixels) it keeps.
    typealias ClassLook = (squares: [PixelRect], keeps: (BoundingBox) -> Bool)

    /// What `detector` finds of each `wanted` class on the squares `look` lays out around that
    /// class's finds, at the pass's own threshold, that none of `found` (full-size pixels) holds
    /// (``LookAround/newObjects(_:beside:)``); the regions run; and all the looks saw (`seen`,
    /// new or not, full-size pixels). `look` is given the class's
    /// finds, best first, and the side of the views they were seen in (`viewSide`: the slices',
    /// in full-size pixels; nil: the whole photo), both in pixels of the decoded image. Each
    /// class is kept only from the squares around its own finds, so what a name counts does not
    /// depend on the other names asked.
    func classLooks(by detector: any Detector, found: [Detection], wanted: [Bool], viewSide: Int?, on frame: ImageFrame,
                    options: GroundingOptions, timings: inout StageTimings,
                    look: (_ finds: [BoundingBox], _ viewSide: Float) -> ClassLook) throws(GroundingError)
        -> (kept: [Detection], regionCount: Int, seen: [Detection]) {
        let (width, height) = (frame.image.width, frame.image.height)
        let side = viewSide.map { Float($0) * Float(width) / Float(frame.fullWidth) } ?? Float(max(width, height))
        var kept: [Detection] = [], regionCount = 0
        for classIndex in wanted.indices where wanted[classIndex] {
            let finds = found.filter { $0.classIndex == classIndex }.sorted { $0.score > $1.score }.map { frame.toImage($0.box) }
            let (squares, keeps) = look(finds, side)
            guard !squares.isEmpty else { continue }
            let pass = try run(detector, on: frame, regions: squares,
                               scoreThreshold: options.scoreThreshold ?? detector.defaultScoreThreshold,
                               keeping: { $0 == classIndex }, options: options, timings: &timings)
            kept += pass.kept.filter { keeps(frame.toImage($0.box)) }
            regionCount += pass.regionCount
        }
        return (LookAround.newObjects(kept, beside: found), regionCount, kept)
    }
}
