import GroundingImageIO

// Finding the rest: matches of the finds' appearance confirmed by the detector (``FindingTheRest``).
extension GroundingEngine {
    /// What the finds of each `wanted` class in `found` (full-size pixels) lead to
    /// (``FindingTheRest``): matches of their appearance that `detector` confirms on an enlarged
    /// view (``ZoomMosaic``), one per object, none where `found` has one; per class whose
    /// likeness was learned, how many matches looked as alike as the finds but were not confirmed
    /// (``GroundedObject/unconfirmedLookalikes``); and the regions run.
    func restFound(by detector: any Detector, found: [Detection], wanted: [Bool], on frame: ImageFrame,
                   options: GroundingOptions, timings: inout StageTimings)
        throws(GroundingError) -> (kept: [Detection], unconfirmed: [Int: Int], regionCount: Int) {
        // The enlarged views are regions of a mosaic, which a detector that must see whole images cannot take.
        guard let matcher = exemplarMatcher, detector.findsTheRest, detector.allowsTiling else { return ([], [:], 0) }
        let inputSide = min(detector.inputWidth, detector.inputHeight)
        let cells = FindingTheRest.cellsPerSide(inputSide: inputSide)
        var added: [Detection] = [], unconfirmed: [Int: Int] = [:], regionCount = 0
        for classIndex in wanted.indices where wanted[classIndex] {
            let ofClass = found.filter { $0.classIndex == classIndex }
            // The examples must be ones the matcher can use (large enough, not flat), and ones the
            // detector did not read about as surely as another class (``Detection/alsoReadAs``): a
            // sheep it also boxes as a cow shows what a sheep looks like, and would lead the cows'
            // search to more sheep.
            let examples = FindingTheRest.examples(from: ofClass.filter { $0.alsoReadAs == nil }.sorted { $0.score > $1.score }
                .map { PixelRect(rounding: $0.box) }
                .filter { (try? matcher.validate([$0], imageWidth: frame.fullWidth, imageHeight: frame.fullHeight)) != nil })
            guard examples.count >= FindingTheRest.minimumExamples else { continue }
            guard let exemplarOptions = FindingTheRest.exemplarOptions(options.exemplar, examples: examples.map(frame.toImage),
                                                                      width: frame.image.width, height: frame.image.height)
            else { continue }
            var matching = options
            matching.exemplar = exemplarOptions
            let matches = try runExemplar(examples, on: frame, options: matching, timings: &timings)
            regionCount += matches.regionCount
            func isFound(_ box: BoundingBox) -> Bool {
                let (x, y) = box.center
                return ofClass.contains { $0.box.contains(x: x, y: y) || box.contains(x: $0.box.center.x, y: $0.box.center.y) }
            }
            // The likeness and the mosaic look at the decoded image, in its pixels.
            let unfound = matches.kept.filter { !isFound($0.box) }.map { frame.toImage($0.box) }
            let ranking = ContinuousClock.now
            let chosen = FindingTheRest.candidates(unfound, examples: examples.map { frame.toImage($0.box) },
                                                   finds: ofClass.map { frame.toImage($0.box) }, in: frame.image)
            let candidates = chosen.shown.map { unfound[$0] }
            timings.detect += milliseconds(since: ranking)
            unconfirmed[classIndex] = chosen.alike
            guard !candidates.isEmpty else { continue }
            let mosaic = ZoomMosaic(candidates: candidates, in: frame.image, regionSide: inputSide, cellsPerSide: cells)
            let view = ImageFrame(image: mosaic.image, fullWidth: mosaic.image.width, fullHeight: mosaic.image.height)
            let look = try run(detector, on: view, regions: mosaic.regions,
                               scoreThreshold: FindingTheRest.confirmingThreshold(set: options.scoreThreshold, default: detector.defaultScoreThreshold),
                               keeping: { $0 == classIndex }, options: options, timings: &timings)
            regionCount += look.regionCount
            let confirmations = mosaic.confirmations(look.kept).compactMap { $0 }
            unconfirmed[classIndex]? -= confirmations.count
            let confirmed = confirmations.map(frame.toFull).filter { !isFound($0.box) }
            // Two matches on one object may both be confirmed: one stays. They were seen in
            // separate cells, as slices' finds are, and are merged the same way (a box lying
            // mostly inside another is that object: a car confirmed whole and by its back half).
            let start = ContinuousClock.now
            let distinct = try suppressDuplicates(confirmed, tiled: true, classAware: true, options: options)
            timings.postprocess += milliseconds(since: start)
            // A detector with a second look of its own takes it here too.
            added += try self.confirmed(distinct, by: detector, wholes: [], on: frame, timings: &timings)
        }
        return (added, unconfirmed, regionCount)
    }
}
