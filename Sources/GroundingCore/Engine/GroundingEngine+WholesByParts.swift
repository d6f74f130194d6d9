import GroundingImageIO

// Wholes that only a part another model finds shows (``WholesFromParts``).
extension GroundingEngine {
    /// The wholes of `model`'s `wanted` classes that only a part shows (``WholesFromParts``): for
    /// each part another model finds one of on each such whole (``Vocabulary/Entry/marks``), that
    /// model looks on a square around each whole in `found` (full-size pixels), or added by an
    /// earlier part model, that reaches another (``WholesFromParts/crowded(_:scale:)``; at most
    /// ``GroundingOptions/maxWholeLooks``, best first), at its own threshold and with its own
    /// second look; a part none of those wholes holds becomes a whole, scored as the part and
    /// marked ``FoundBy/part``. Also the regions run.
    func wholesByParts(for model: Int, wanted: [Bool], found: [Detection], on frame: ImageFrame,
                       options: GroundingOptions, timings: inout StageTimings) throws(GroundingError) -> (kept: [Detection], regionCount: Int) {
        var added: [Detection] = [], regionCount = 0
        for (partModel, partDetector) in detectors.enumerated() where partModel != model {
            for entry in partDetector.vocabulary.entries {
                guard let mark = entry.marks, let whole = entry.whole,
                      case .success(let routed)? = resolveNames(in: whole).first, routed.model == model else { continue }
                for classIndex in routed.name.classIndices where wanted[classIndex] {
                    // What an earlier part model added is a whole too: another model's face of
                    // the same person pairs with it instead of adding it again.
                    let wholes = (found + added).filter { $0.classIndex == classIndex }
                    let looked = Array(WholesFromParts.crowded(wholes.map(\.box), scale: Self.wholeLookScale).map { wholes[$0] }
                        .sorted { $0.score > $1.score }.prefix(options.maxWholeLooks))
                    let regions = looked.compactMap { frame.square(around: $0.box, scale: Self.wholeLookScale) }
                    guard !regions.isEmpty else { continue }
                    let pass = try run(partDetector, on: frame, regions: regions, scoreThreshold: partDetector.defaultScoreThreshold,
                                       keeping: { $0 == entry.id }, options: options, timings: &timings)
                    regionCount += pass.regionCount
                    let parts = try confirmed(decisiveOf: pass.kept, by: partDetector, wholes: wholes.map(\.box), mark: mark,
                                              looked: looked.map(\.box), on: frame, timings: &timings)
                    let start = ContinuousClock.now
                    let lone = WholesFromParts.unpaired(parts: parts.map(\.box), wholes: wholes.map(\.box),
                                                        mark: mark, width: Float(frame.fullWidth), height: Float(frame.fullHeight))
                    added += lone.map { Detection(box: $0.box, classIndex: classIndex, score: parts[$0.part].score, foundBy: .part) }
                    timings.postprocess += milliseconds(since: start)
                }
            }
        }
        return (added, regionCount)
    }
}
