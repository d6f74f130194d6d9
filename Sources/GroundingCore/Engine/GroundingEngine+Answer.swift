import GroundingCompute
import GroundingImageIO

// Answering a request: names resolved, the models' finds (``ModelFinds``), then each query's objects.
extension GroundingEngine {
    /// How many of `found` (full-size pixels) are small for `detector` at the scale its pass saw
    /// the photo (``ZoomIn/small(_:inputPerImagePixel:)``: under COCO's 32 × 32 input pixels,
    /// in views of `viewSide`, nil: the whole photo), when any is (``GroundedObject/smallInView``);
    /// nil otherwise, and for detectors with close looks of their own (faces and hands are found
    /// inside people, not at the pass's scale). One small find alone is said too: it is no surer
    /// than one of many (of 12 lone small finds on photos nobody tuned on, 5 were not of their
    /// class: a cannon and a cart as horses, rose windows as clocks, two people as a giraffe).
    /// A find a part stands for (``FoundBy/part``: a person boxed by the face another model found)
    /// is left out: its box is the part's, not what the pass saw of the whole.
    func smallInView(_ found: [Detection], by detector: any Detector, viewSide: Int?, in frame: ImageFrame) -> Int? {
        guard detector.findsTheRest else { return nil }
        let small = ZoomIn.small(found.filter { $0.foundBy != .part }.map(\.box),
                                 inputPerImagePixel: inputPerImagePixel(of: detector, viewSide: viewSide, in: frame))
        return small.isEmpty ? nil : small.count
    }

    /// For a name that found nothing, the side (full-size pixels) under which an object is small
    /// for `detector` in views of `viewSide` (``GroundedObject/smallUnder``); nil when something
    /// was found, and for detectors with close looks of their own, as ``smallInView(_:by:viewSide:in:)``.
    func smallUnder(_ found: [Detection], by detector: any Detector, viewSide: Int?, in frame: ImageFrame) -> Int? {
        guard detector.findsTheRest, found.isEmpty else { return nil }
        // At least 1: a photo smaller than the input is enlarged, and no object is under 0 px.
        return max(1, Int((ZoomIn.smallSide / inputPerImagePixel(of: detector, viewSide: viewSide, in: frame)).rounded()))
    }

    /// The detector's input pixels per full-size pixel in views of `viewSide` (nil: the whole photo).
    private func inputPerImagePixel(of detector: any Detector, viewSide: Int?, in frame: ImageFrame) -> Float {
        Float(max(detector.inputWidth, detector.inputHeight)) / Float(viewSide ?? max(frame.fullWidth, frame.fullHeight))
    }

    /// The whole flow after decoding. `image` may be a DCT-downscaled version of the
    /// `fullWidth × fullHeight` upright image; answers are in full-size pixels.
    ///
    /// Names are answered by one pass of the engine's model; each exemplar query by a pass of an
    /// detector the ``exemplarMatcher`` builds for this image. Both passes take the same path (plan, preprocess,
    /// detect, map back, suppress); only the detector and its score threshold differ.
    func answer(_ image: RGBImage, fullWidth: Int, fullHeight: Int, path: String?, orientation: Int,
                queries: [ObjectQuery], mode: GroundingMode,
                options: GroundingOptions) throws(GroundingError) -> GroundingResult {
        // `withValue` rethrows untyped errors: the answer goes through it as a Result.
        try Parallel.$budget.withValue(threads) {
            Result { () throws(GroundingError) in
                try answerWithinBudget(image, fullWidth: fullWidth, fullHeight: fullHeight, path: path, orientation: orientation,
                                       queries: queries, mode: mode, options: options)
            }
        }.get()
    }

    /// ``answer(_:fullWidth:fullHeight:path:orientation:queries:mode:options:)`` inside the
    /// engine's thread budget.
    func answerWithinBudget(_ image: RGBImage, fullWidth: Int, fullHeight: Int, path: String?, orientation: Int,
                            queries: [ObjectQuery], mode: GroundingMode,
                            options: GroundingOptions) throws(GroundingError) -> GroundingResult {
        try options.validate()
        var timings = StageTimings()
        let frame = ImageFrame(image: image, fullWidth: fullWidth, fullHeight: fullHeight)

        // Resolve names first: with nothing to look for there is nothing to run. One query may
        // name several objects ("dogs and cats"), and each goes to the model that knows it best.
        var resolved: [Int: [(name: ResolvedName, model: Int)]] = [:]
        var unresolved: [UnresolvedName] = []
        for case (let index, .name(let text)) in queries.enumerated() {
            for result in resolveNames(in: text) {
                switch result {
                case .success(let routed):
                    resolved[index, default: []].append(routed)
                case .failure(let error):
                    unresolved.append(UnresolvedName(error: error, in: text))
                }
            }
        }

        // Per model, the classes its names ask for; then what the models find of them.
        var wanted = detectors.map { [Bool](repeating: false, count: $0.classNames.count) }
        for routed in resolved.values.joined() {
            for index in routed.name.classIndices { wanted[routed.model][index] = true }
        }
        let finds = try modelFinds(wanted: wanted, on: frame, options: options, timings: &timings)
        var regionCount = finds.regionCount

        var groundedObjects: [GroundedObject] = []
        var colourClassifier: ColourClassifier?  // measured once per image, when a query asks for a colour
        // The colour `box` (full-size pixels) reads as; counted as postprocessing.
        func colour(of box: BoundingBox) -> ColourReading? {
            let start = ContinuousClock.now
            defer { timings.postprocess += milliseconds(since: start) }
            let classifier = colourClassifier ?? ColourClassifier(image: frame.image)
            colourClassifier = classifier
            return try? classifier.reading(for: frame.toImage(box))
        }
        // `detections` whose own pixels have one of `colours` (dominant, or a large share), read
        // on the part of each box `garment` covers when there is one.
        func keeping(_ detections: [Detection], ofAny colours: [BasicColour], on garment: Garment? = nil) -> [Detection] {
            detections.filter { detection in
                // A garment the box does not show (the trousers of a person only a face found) is not of any colour.
                var region: BoundingBox? = detection.box
                if let garment { region = garment.region(of: detection.box, foundBy: detection.foundBy) }
                guard let region else { return false }
                return colour(of: region).map { reading in
                    colours.contains { reading.matches($0, floor: garment?.colourFloor ?? ColourReading.defaultFloor) }
                } ?? false
            }
        }
        // `detections` that `name` keeps by its colour ("red car": those whose own pixels are red;
        // "people in blue shirts": those whose top is blue); all without one.
        func keeping(_ detections: [Detection], by name: ResolvedName) -> [Detection] {
            guard let word = name.colour, let colour = BasicColour(word: word) else { return detections }
            return keeping(detections, ofAny: [colour], on: name.garment)
        }
        // Each model's names in the order asked. An object that another name's class reads more
        // surely is counted under the first name that has that class and would keep it: of its
        // colour, when the name asks for one (else "cars, white trucks" would lose a red pickup).
        var namesOf: [Int: [ResolvedName]] = [:]
        for index in queries.indices {
            for (name, model) in resolved[index] ?? [] { namesOf[model, default: []].append(name) }
        }
        func owner(of detection: Detection, among names: [ResolvedName]) -> String? {
            names.first { $0.classIndices.contains(detection.classIndex) && !keeping([detection], by: $0).isEmpty }?.name
        }
        for (index, query) in queries.enumerated() {
            switch query {
            case .name:
                for (name, model) in resolved[index] ?? [] {
                    let classes = Set(name.classIndices)
                    let kinds = detectors[model].vocabulary.kinds
                    var found = finds.kept[model].filter { classes.contains($0.classIndex) }
                    // Objects read surely as another class of their kind and as this name's less
                    // surely, held by no box of the request: not counted, but said (a roadster
                    // asked for as a car, read as a truck).
                    let doubtful = keeping(finds.readAsOthers[model].filter { other in
                        other.alsoReadAs.map { classes.contains($0.classIndex) } == true
                    }, by: name)
                    let readMoreSurelyAs = Dictionary(grouping: doubtful) { resolvers[model].canonicalNames[$0.classIndex] }
                        .mapValues(\.count)
                    var countedElsewhere: [String: Int] = [:]
                    if options.mergesClassesWithinName {
                        // One object seen as a class of this name and, more surely, as a class of
                        // the same kind that another name asks for is that name's (``BetterReading``).
                        let others = finds.kept[model].filter { !classes.contains($0.classIndex) }
                        let rivals = BetterReading.rivals(of: found, among: others, kinds: kinds)
                        let owners = rivals.map { rival in rival.flatMap { owner(of: others[$0], among: namesOf[model] ?? []) } }
                        for owner in owners.compactMap({ $0 }) { countedElsewhere[owner, default: 0] += 1 }
                        found = zip(found, owners).filter { $0.1 == nil }.map(\.0)
                    }
                    if classes.count > 1 && options.mergesClassesWithinName {
                        // One object seen as two of the name's classes (a pickup as truck and car)
                        // is one object of the name: the best-scoring class is kept.
                        let start = ContinuousClock.now
                        found = BetterReading.oneEach(found, kinds: kinds, iou: options.iouThreshold)
                        timings.postprocess += milliseconds(since: start)
                    }
                    found = keeping(found, by: name)
                    // Another reading that is one of this name's own classes ("things": a truck
                    // also read as a bus) leaves the count as it is: it casts no doubt on it.
                    for index in found.indices where found[index].alsoReadAs.map({ classes.contains($0.classIndex) }) ?? false {
                        found[index].alsoReadAs = nil
                    }
                    groundedObjects.append(GroundedObject(
                        name: name.name, classes: name.classNames, resolution: name.resolution,
                        detections: grounded(found.prefix(options.maxDetections), named: resolvers[model].canonicalNames,
                                             vocabulary: detectors[model].vocabulary, in: frame),
                        count: found.count, resolvedName: name, model: detectors[model].name,
                        unconfirmedLookalikes: Self.lookalikes(finds.unconfirmed[model], classes: name.classIndices,
                                                               filteredByColour: name.colour != nil),
                        countedUnderOtherNames: countedElsewhere, readMoreSurelyAs: readMoreSurelyAs,
                        smallInView: smallInView(found, by: detectors[model], viewSide: finds.viewSides[model], in: frame),
                        smallUnder: smallUnder(found, by: detectors[model], viewSide: finds.viewSides[model], in: frame)))
                }
            case .exemplar(let boxes):
                let pass = try runExemplar(boxes, on: frame, options: options, timings: &timings)
                regionCount += pass.regionCount
                var matches = pass.kept, colours: [BasicColour]?
                if options.exemplar.matchesColour {
                    // Only matches of an example's colour: the colours the example boxes read as.
                    let read = Set(boxes.compactMap { colour(of: $0.box)?.dominant })
                    let wanted = BasicColour.allCases.filter(read.contains)
                    matches = keeping(matches, ofAny: wanted)
                    colours = wanted
                }
                groundedObjects.append(GroundedObject(
                    name: "exemplar", classes: pass.detector.classNames, resolution: .exemplar,
                    detections: grounded(matches.prefix(options.maxDetections), named: pass.detector.classNames,
                                             vocabulary: pass.detector.vocabulary, in: frame),
                    exemplars: boxes.map(\.box), count: matches.count, similarity: pass.similarity,
                    sizes: options.exemplar.minimumScale...options.exemplar.maximumScale, colours: colours,
                    appearance: pass.appearance, onLargerObjects: pass.onLargerObjects))
            }
        }
        return GroundingResult(path: path, imageWidth: fullWidth, imageHeight: fullHeight, orientation: orientation,
                               mode: mode, objects: SameObjects.marked(groundedObjects), unresolved: unresolved,
                               regionCount: regionCount, tileSize: finds.tileSize, timings: timings)
    }

    /// The overlap (IoU) from which a box the request found holds an object read as another class:
    /// that object was counted, or set aside by the name's colour, and casts no doubt. Looser than
    /// ``BetterReading/overlap``: a counted box must not pass for one more object.
    static let sameObjectOverlap: Float = 0.5

    /// The look-alikes finding the rest left unconfirmed for a name's `classes`, summed; nil when
    /// no likeness was learned for any of them, or when the name keeps only objects of a colour
    /// (the look-alikes were not judged by colour).
    private static func lookalikes(_ unconfirmed: [Int: Int], classes: [Int], filteredByColour: Bool) -> Int? {
        guard !filteredByColour else { return nil }
        let known = classes.compactMap { unconfirmed[$0] }
        return known.isEmpty ? nil : known.reduce(0, +)
    }

    /// Detections as answers, their classes named by `classNames` (the model's in COCO spelling).
    func grounded(_ detections: ArraySlice<Detection>, named classNames: [String], vocabulary: Vocabulary,
                  in frame: ImageFrame) -> [GroundedDetection] {
        detections.map { detection in
            GroundedDetection(className: classNames[detection.classIndex], classIndex: detection.classIndex,
                              categoryID: vocabulary.entries[detection.classIndex].datasetID, score: detection.score, box: detection.box, point: detection.point,
                              keypoints: detection.keypoints, foundBy: detection.foundBy,
                              alsoReadAs: detection.alsoReadAs.map { .init(className: classNames[$0.classIndex], score: $0.score) },
                              imageWidth: frame.fullWidth, imageHeight: frame.fullHeight)
        }
    }
}
