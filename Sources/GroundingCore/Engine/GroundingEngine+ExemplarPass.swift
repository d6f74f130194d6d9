import GroundingCompute
import GroundingImageIO

// Exemplar queries: the matcher's detector, its calibration and the checks on its matches.
extension GroundingEngine {
    /// The first of the engine's detectors that is an ``AppearanceModel`` (nil: none is).
    var appearanceModel: (any AppearanceModel)? {
        detectors.lazy.compactMap { $0 as? any AppearanceModel }.first
    }

    /// The ``appearanceModel``'s map of the decoded image at the scale that shows `objects`
    /// (pixels of that image) at about ``AppearanceCheck/exemplarSide``; nil when the engine has
    /// no such model or it has no map. Counted as detection time.
    func appearanceMap(of frame: ImageFrame, around objects: [BoundingBox],
                       timings: inout StageTimings) throws(GroundingError) -> AppearanceMap? {
        guard let model = appearanceModel else { return nil }
        let start = ContinuousClock.now
        defer { timings.detect += milliseconds(since: start) }
        let scale = AppearanceCheck.scale(for: objects, width: frame.image.width, height: frame.image.height)
        let map: AppearanceMap?
        do { map = try model.appearance(of: frame.image, scale: scale) } catch { throw .detector(error) }
        if Cancellation.isRequested { throw .cancelled }
        return map
    }

    /// Builds the ``exemplarMatcher``'s detector for `boxes` (full-size pixels) on this image and
    /// runs it, at the similarity the options set or, when they leave it to the examples, one
    /// calibrated from how alike they are (``ExemplarOptions/calibratedSimilarity(mutual:)``).
    /// Unless the options turn it off, the matches then pass an appearance check by the first
    /// detector that is an ``AppearanceModel``; `appearance` is its threshold (nil: not checked).
    /// Then, unless turned off, a ``SurroundingsCheck``; `onLargerObjects` is how many matches it
    /// left out (nil: not checked). (Matching the examples' colour, ``ExemplarOptions/matchesColour``,
    /// is done by the query that asks, with the image's one colour classifier.)
    func runExemplar(_ boxes: [PixelRect], on frame: ImageFrame, options: GroundingOptions,
                     timings: inout StageTimings) throws(GroundingError) -> (detector: any Detector, kept: [Detection], regionCount: Int, similarity: Float, appearance: Float?, onLargerObjects: Int?) {
        var similarity = options.exemplar.similarity ?? ExemplarOptions.defaultSimilarity
        var regionCount = 0
        let exemplarDetector = try exemplarDetector(for: boxes, on: frame, options: options, timings: &timings)
        if options.exemplar.similarity == nil, boxes.count > 1 {
            let mutual = try mutualSimilarity(of: boxes, on: frame, options: options, timings: &timings, regionCount: &regionCount)
            similarity = ExemplarOptions.calibratedSimilarity(mutual: mutual)
        }
        let pass = try run(exemplarDetector, on: frame, scoreThreshold: similarity, keeping: { _ in true },
                           options: options, timings: &timings)
        var kept = pass.kept.map { match in
            var match = match
            match.foundBy = .exemplar
            return match
        }
        var appearance: Float?
        if options.exemplar.checksAppearance, boxes.count >= AppearanceCheck.minimumExamples, !kept.isEmpty {
            // The model sees the decoded (possibly DCT-downscaled) image; boxes go there and back.
            let examples = boxes.map { frame.toImage($0.box) }
            if let map = try appearanceMap(of: frame, around: examples, timings: &timings),
               let check = AppearanceCheck(exemplars: examples, map: map) {
                kept = kept.filter { check.passes(frame.toImage($0.box)) }
                appearance = AppearanceCheck.threshold
            }
        }
        var onLargerObjects: Int?
        if options.exemplar.checksSurroundings, !kept.isEmpty {
            let start = ContinuousClock.now
            let examples = boxes.map { frame.toImage($0.box) }, matches = kept.map { frame.toImage($0.box) }
            if let check = SurroundingsCheck(exemplars: examples, matches: matches, in: frame.image) {
                let passing = check.passing(matches, in: frame.image)
                onLargerObjects = kept.count - passing.filter { $0 }.count
                kept = kept.indices.filter { passing[$0] }.map { kept[$0] }
            }
            timings.postprocess += milliseconds(since: start)
        }
        return (exemplarDetector, kept, regionCount + pass.regionCount, similarity, appearance, onLargerObjects)
    }

    /// The ``exemplarMatcher``'s detector for `boxes` (full-size pixels) on this image.
    func exemplarDetector(for boxes: [PixelRect], on frame: ImageFrame, options: GroundingOptions,
                          timings: inout StageTimings) throws(GroundingError) -> any Detector {
        let start = ContinuousClock.now
        defer { timings.preprocess += milliseconds(since: start) }
        do throws(ExemplarError) {
            guard let matcher = exemplarMatcher else { throw .noMatcher }
            try matcher.validate(boxes, imageWidth: frame.fullWidth, imageHeight: frame.fullHeight)
            return try matcher.detector(for: frame.image, exemplars: boxes.map(frame.toImage), options: options.exemplar)
        } catch {
            throw .exemplar(error)
        }
    }

    /// The most examples matched one by one against the others to calibrate the similarity.
    static let maxCalibratingExemplars = 3

    /// The least similarity of one example to another's template (each of the first
    /// ``maxCalibratingExemplars`` run alone over the image; its best match on each other example's
    /// centre, 0 where it has none at the floor of ``ExemplarOptions/calibratedRange``).
    func mutualSimilarity(of boxes: [PixelRect], on frame: ImageFrame, options: GroundingOptions,
                          timings: inout StageTimings, regionCount: inout Int) throws(GroundingError) -> Float {
        let floor = ExemplarOptions.calibratedRange.lowerBound
        var least: Float = 1
        for (index, box) in boxes.prefix(Self.maxCalibratingExemplars).enumerated() {
            let alone = try exemplarDetector(for: [box], on: frame, options: options, timings: &timings)
            let pass = try run(alone, on: frame, scoreThreshold: floor, keeping: { _ in true }, options: options, timings: &timings)
            regionCount += pass.regionCount
            for (other, target) in boxes.enumerated() where other != index {
                let (x, y) = target.box.center
                let best = pass.kept.filter { $0.box.contains(x: x, y: y) }.map(\.score).max()
                least = min(least, best ?? 0)
            }
        }
        return least
    }
}
