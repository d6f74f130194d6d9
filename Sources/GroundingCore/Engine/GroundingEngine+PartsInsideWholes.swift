import GroundingImageIO

// Parts (faces, hands) looked for again inside the wholes another model finds.
extension GroundingEngine {
    /// How much larger than a whole (its longer side) the square looked inside for its parts is:
    /// on the hand-counted faces (`Fixtures/faces-and-hands.json`), MediaPipe's own full-range
    /// face detection, run on such squares around YOLOv4-tiny's people alone, found 52 of 75
    /// faces at 1.6 times a person and 43 at 1.2 times.
    static let wholeLookScale: Float = 1.6

    /// Wholes are found at this fraction of their model's own threshold: they only say where to
    /// look, and a part found there still needs its own evidence, so a doubtful person is worth a look.
    static let wholeThresholdFactor: Float = 0.5

    /// `found` (`model`'s first-pass detections) together with its `wanted` parts
    /// (``Vocabulary/Entry/whole``) found again on a square around each whole another model finds,
    /// the wholes looked inside, and, per part class whose wholes were looked for, every whole
    /// found (``PartOfWhole``: a part none of them could hold is not counted), in full-size
    /// pixels. The wholes of a name are found once per image, by their model at
    /// ``wholeThresholdFactor`` of its own threshold, and kept in `wholesFound`.
    func partsInsideWholes(for model: Int, wanted: [Bool], found: [Detection], wholesFound: inout [String: [Detection]],
                           on frame: ImageFrame, options: GroundingOptions, timings: inout StageTimings)
        throws(GroundingError) -> (kept: [Detection], wholes: [BoundingBox], holders: [Int: [BoundingBox]], regionCount: Int) {
        let detector = detectors[model]
        var partsOfWhole: [String: Set<Int>] = [:]
        for entry in detector.vocabulary.entries where wanted[entry.id] {
            if let whole = entry.whole { partsOfWhole[whole, default: []].insert(entry.id) }
        }
        var found = found, looked: [BoundingBox] = [], holders: [Int: [BoundingBox]] = [:], regionCount = 0
        for (whole, parts) in partsOfWhole.sorted(by: { $0.key < $1.key }) {
            guard case .success(let routed)? = resolveNames(in: whole).first, routed.model != model else { continue }
            let all: [Detection]
            if let known = wholesFound[whole] {
                all = known
            } else {
                let classes = Set(routed.name.classIndices)
                let other = detectors[routed.model]
                let pass = try run(other, on: frame, scoreThreshold: other.defaultScoreThreshold * Self.wholeThresholdFactor,
                                   keeping: { classes.contains($0) }, options: options, timings: &timings)
                all = pass.kept
                wholesFound[whole] = all
                regionCount += pass.regionCount
            }
            for part in parts { holders[part] = all.map(\.box) }
            let wholes = Array(all.prefix(options.maxWholeLooks))  // kept best first
            let regions = wholes.compactMap { frame.square(around: $0.box, scale: Self.wholeLookScale) }
            guard !regions.isEmpty else { continue }
            let pass = try run(detector, on: frame, regions: regions, scoreThreshold: options.scoreThreshold ?? detector.defaultScoreThreshold,
                               keeping: { parts.contains($0) }, options: options, timings: &timings)
            found += pass.kept
            looked += wholes.map(\.box)
            regionCount += pass.regionCount
        }
        guard !looked.isEmpty else { return (found, [], holders, regionCount) }
        let start = ContinuousClock.now
        defer { timings.postprocess += milliseconds(since: start) }
        // A part found by both passes is one part.
        return (try suppressDuplicates(found, tiled: true, classAware: !options.classAgnostic, options: options), looked, holders, regionCount)
    }
}
