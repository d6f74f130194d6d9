import GroundingCompute
import Foundation
import GroundingImageIO

/// The facade that runs Grounding's whole flow: decode → plan tiles → preprocess → detect →
/// map back → merge and suppress → resolve names → answer in the requested mode.
///
/// Build one engine (it loads the model) and share it: every method is safe to call from any
/// number of threads or tasks at once.
///
/// ```swift
/// let engine = try GroundingEngine()                       // the default YOLOv4-tiny model
/// let result = try engine.ground(contentsOf: "TestImages/horses.jpg",
///                                objects: ["pony", "person"], mode: .count)
/// for object in result.objects {
///     print(object.name, "→", object.classes, object.count)
/// }
/// ```
public final class GroundingEngine: Sendable {
    /// The models the engine holds, in priority order: each requested name goes to the model whose
    /// vocabulary matches it best (exact, then plural, synonym, WordNet), the earlier one on a tie.
    public let detectors: [any Detector]
    /// The first, highest-priority model.
    public var detector: any Detector { detectors[0] }
    /// Turns requested names into the first model's classes.
    public var resolver: QueryResolver { resolvers[0] }
    /// One resolver per model, over that model's vocabulary, in the order of ``detectors``.
    public let resolvers: [QueryResolver]

    /// What answers exemplar queries; nil: such queries fail with ``ExemplarError/noMatcher``.
    public let exemplarMatcher: (any ExemplarMatcher)?
    /// The threads the asynchronous requests run on.
    let requests: RequestExecutor
    /// The most threads one answer's own work between model passes uses at once (preprocessing a
    /// batch of regions, describing and correlating when finding the rest and matching examples);
    /// nil: one per processor. Each model's passes run on the threads it was built with
    /// (``ComputeBackend``). The answers are the same whatever the number.
    public let threads: Int?

    /// How many asynchronous requests run at once; more wait in a queue.
    public var maxConcurrentRequests: Int { requests.width }

    /// Creates an engine that holds several models, the first with the highest priority, and
    /// answers exemplar queries with `exemplarMatcher`. (`import Grounding` adds
    /// `GroundingEngine(detectors:)`, which installs the standard matcher.)
    ///
    /// ```swift
    /// let engine = GroundingEngine(detectors: [try DarknetDetector(modelDirectory: dir),
    ///                                          try MediaPipeFaceDetector(), try MediaPipePalmDetector()],
    ///                              exemplarMatcher: TemplateMatcher())
    /// let result = try engine.ground(contentsOf: "group.jpg", objects: ["faces", "people", "hands"], mode: .count)
    /// ```
    ///
    /// `maxConcurrentRequests` bounds the asynchronous requests answered at once on the engine's
    /// own threads (nil: one per processor); more wait in a queue. `threads` bounds the threads of
    /// each answer's own work (``threads``; nil: one per processor).
    ///
    /// - Precondition: `detectors` is not empty, and `threads` is nil or at least 1.
    public init(detectors: [any Detector], exemplarMatcher: (any ExemplarMatcher)?, maxConcurrentRequests: Int? = nil,
                threads: Int? = nil) {
        precondition(!detectors.isEmpty, "an engine needs at least one model")
        precondition(threads.map { $0 >= 1 } ?? true, "an engine needs at least one thread, not \(threads ?? 0)")
        self.threads = threads
        self.requests = RequestExecutor(width: maxConcurrentRequests ?? ProcessInfo.processInfo.activeProcessorCount)
        self.detectors = detectors
        self.exemplarMatcher = exemplarMatcher
        self.resolvers = detectors.map { QueryResolver(vocabulary: $0.vocabulary) }
    }

    /// Each name in `text` ("faces and people") resolved against every model's vocabulary, with
    /// the model that will answer it: the best match wins (``Resolution`` order), the earlier
    /// model on a tie. A name no model knows fails with the first model's suggestions, or with the likeness
    /// a model refused ("wooden hands": ``UnknownName/isLikeness``).
    public func resolveNames(in text: String) -> [Result<(name: ResolvedName, model: Int), QueryError>] {
        let perModel = resolvers.map { $0.resolveNames(in: text) }
        return perModel[0].indices.map { part in
            var best: (name: ResolvedName, model: Int)?
            for (model, results) in perModel.enumerated() where part < results.count {
                guard case .success(let name) = results[part] else { continue }
                if let current = best, Self.rank(current.name.resolution) <= Self.rank(name.resolution) { continue }
                best = (name, model)
            }
            if let best { return .success(best) }
            // A model that knew the thing and refused its likeness ("wooden hands") says more
            // than one that does not know the thing.
            let likeness = perModel.lazy.compactMap { results -> QueryError? in
                guard part < results.count, case .failure(let error) = results[part], error.unknownName?.isLikeness == true else { return nil }
                return error
            }.first
            if let likeness { return .failure(likeness) }
            if case .failure(let error) = perModel[0][part] { return .failure(error) }
            return .failure(.emptyName)
        }
    }

    /// The order in which resolutions win: an exact class name beats a plural, a synonym, a WordNet kind.
    private static func rank(_ resolution: Resolution) -> Int {
        Resolution.allCases.firstIndex(of: resolution) ?? Resolution.allCases.count
    }

    /// Answers `mode` for `objects` in an upright image.
    ///
    /// Names that match no class are listed in ``GroundingResult/unresolved``; the others
    /// are still answered.
    public func ground(_ image: RGBImage, objects: [String], mode: GroundingMode,
                       options: GroundingOptions = GroundingOptions()) throws(GroundingError) -> GroundingResult {
        try ground(image, queries: objects.map(ObjectQuery.name), mode: mode, options: options)
    }

    /// Answers `mode` for `queries` (names and exemplar boxes) in an upright image.
    ///
    /// ```swift
    /// let coin = PixelRect(x: 193, y: 29, width: 46, height: 46)
    /// let result = try engine.ground(image, queries: [.exemplar([coin]), .name("person")], mode: .count)
    /// ```
    public func ground(_ image: RGBImage, queries: [ObjectQuery], mode: GroundingMode,
                       options: GroundingOptions = GroundingOptions()) throws(GroundingError) -> GroundingResult {
        try answer(image, fullWidth: image.width, fullHeight: image.height, path: nil, orientation: 1,
                   queries: queries, mode: mode, options: options)
    }

    /// Reads, decodes and orients an image file, then answers `mode` for `objects`.
    ///
    /// When tiling is off the JPEG is decoded straight at the size the detector needs (DCT
    /// scaling), which is several times faster than a full decode.
    public func ground(contentsOf path: String, objects: [String], mode: GroundingMode,
                       options: GroundingOptions = GroundingOptions()) throws(GroundingError) -> GroundingResult {
        try ground(contentsOf: path, queries: objects.map(ObjectQuery.name), mode: mode, options: options)
    }

    /// Reads, decodes and orients an image file, then answers `mode` for `queries`.
    public func ground(contentsOf path: String, queries: [ObjectQuery], mode: GroundingMode,
                       options: GroundingOptions = GroundingOptions()) throws(GroundingError) -> GroundingResult {
        let start = ContinuousClock.now
        let decoded: DecodedImage
        do {
            decoded = try ImageDecoder.decode(contentsOf: path, options: decodeOptions(for: options))
        } catch {
            throw .image(error)
        }
        let decodeTime = milliseconds(since: start)
        var result = try ground(decoded, path: path, queries: queries, mode: mode, options: options)
        result.timings.decode = decodeTime
        return result
    }

    /// Answers `mode` for `objects` in an already decoded image (possibly DCT-downscaled:
    /// answers are in the pixels of its full-size upright image).
    public func ground(_ decoded: DecodedImage, path: String? = nil, objects: [String], mode: GroundingMode,
                       options: GroundingOptions = GroundingOptions()) throws(GroundingError) -> GroundingResult {
        try ground(decoded, path: path, queries: objects.map(ObjectQuery.name), mode: mode, options: options)
    }

    /// Answers `mode` for `queries` in an already decoded image; exemplar boxes and answers are
    /// in the pixels of its full-size upright image.
    public func ground(_ decoded: DecodedImage, path: String? = nil, queries: [ObjectQuery], mode: GroundingMode,
                       options: GroundingOptions = GroundingOptions()) throws(GroundingError) -> GroundingResult {
        var result = try answer(decoded.image, fullWidth: decoded.fullWidth, fullHeight: decoded.fullHeight, path: path,
                                orientation: decoded.orientation.rawValue, queries: queries, mode: mode, options: options)
        result.warnings = decoded.warnings
        return result
    }

    /// The decode options that suit `options`: with tiling off, a JPEG only needs to be decoded
    /// at the detector's input size.
    public func decodeOptions(for options: GroundingOptions, base: DecodeOptions = DecodeOptions()) -> DecodeOptions {
        var decodeOptions = base
        if options.tiling == .off, decodeOptions.minimumLongSide == nil {
            decodeOptions.minimumLongSide = max(detector.inputWidth, detector.inputHeight)
        }
        return decodeOptions
    }

    /// The regions the detector will run on for an image of this size.
    public func regions(imageWidth: Int, imageHeight: Int, options: GroundingOptions) throws(GroundingError) -> [PixelRect] {
        try plan(for: detector, imageWidth: imageWidth, imageHeight: imageHeight, options: options).regions
    }

    /// The regions `detector` runs on (the whole image when it does not allow tiling), and which
    /// of them are views of the whole photo beside slices (``TilePlan/overviews``).
    private func plan(for detector: any Detector, imageWidth: Int, imageHeight: Int,
                      options: GroundingOptions) throws(GroundingError) -> (regions: [PixelRect], overviews: [PixelRect]) {
        let whole = [PixelRect(width: imageWidth, height: imageHeight)]
        guard detector.allowsTiling else { return (whole, []) }
        do {
            let plan: TilePlan
            switch options.tiling {
            case .off:
                return (whole, [])
            case .automatic:
                plan = try TilePlan.automatic(imageWidth: imageWidth, imageHeight: imageHeight,
                                              inputWidth: detector.inputWidth, inputHeight: detector.inputHeight,
                                              overlap: options.overlap)
            case .size(let size):
                plan = try TilePlan(imageWidth: imageWidth, imageHeight: imageHeight, tileSize: size,
                                    overlap: options.overlap, includeOverview: true)
            }
            return (plan.regions, plan.overviews)
        } catch {
            throw .invalidOption(String(describing: error))
        }
    }

    /// The whole flow after decoding. `image` may be a DCT-downscaled version of the
    /// `fullWidth × fullHeight` upright image; answers are in full-size pixels.
    ///
    /// Names are answered by one pass of the engine's model; each exemplar query by a pass of an
    /// detector the ``exemplarMatcher`` builds for this image. Both passes take the same path (plan, preprocess,
    /// detect, map back, suppress); only the detector and its score threshold differ.
    private func answer(_ image: RGBImage, fullWidth: Int, fullHeight: Int, path: String?, orientation: Int,
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
    private func answerWithinBudget(_ image: RGBImage, fullWidth: Int, fullHeight: Int, path: String?, orientation: Int,
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

        // One pass per model that has a name to answer, over that model's own regions.
        var regionCount = 0
        var tileSize: Int?
        var kept: [[Detection]] = Array(repeating: [], count: detectors.count)
        var tiled = Array(repeating: false, count: detectors.count)
        var viewSides: [Int?] = Array(repeating: nil, count: detectors.count)
        // Per model and class: look-alikes finding the rest did not confirm (``GroundedObject/unconfirmedLookalikes``).
        var unconfirmed: [[Int: Int]] = Array(repeating: [:], count: detectors.count)
        // Per model: objects read surely only as a class no name asked for (not counted).
        var readAsOthers: [[Detection]] = Array(repeating: [], count: detectors.count)
        var wanted = detectors.map { [Bool](repeating: false, count: $0.classNames.count) }
        for routed in resolved.values.joined() {
            for index in routed.name.classIndices { wanted[routed.model][index] = true }
        }
        for (model, detector) in detectors.enumerated() where wanted[model].contains(true) {
            let pass = try run(detector, on: frame, scoreThreshold: options.scoreThreshold ?? detector.defaultScoreThreshold,
                               keeping: { wanted[model][$0] }, readsOtherClasses: true, options: options, timings: &timings)
            kept[model] = pass.kept
            readAsOthers[model] = pass.readAsOthers
            regionCount += pass.regionCount
            tileSize = tileSize ?? pass.tileSize
            tiled[model] = pass.regionCount > 1
            viewSides[model] = pass.tileSize
            if options.stepsBack {
                let back = try steppedBack(by: detector, found: kept[model], wanted: wanted[model], on: frame,
                                           options: options, timings: &timings)
                kept[model] += back.kept
                regionCount += back.regionCount
            }
            if options.checksSplits {
                let joined = try splitsJoined(by: detector, found: kept[model], on: frame, options: options, timings: &timings)
                kept[model] = joined.kept
                regionCount += joined.regionCount
            }
        }
        // Parts (faces, hands) looked for again inside their wholes, then each model's second
        // look. Each whole is found once per image by a pass of its own (shared by faces and
        // hands), so neither the other names asked nor the order of the models change the answer.
        var wholesFound: [String: [Detection]] = [:]
        for (model, detector) in detectors.enumerated() where wanted[model].contains(true) {
            var wholes: [BoundingBox] = [], holders: [Int: [BoundingBox]] = [:]
            if options.looksInsideWholes {
                let look = try partsInsideWholes(for: model, wanted: wanted[model], found: kept[model], wholesFound: &wholesFound,
                                                 on: frame, options: options, timings: &timings)
                kept[model] = look.kept
                wholes = look.wholes
                holders = look.holders
                regionCount += look.regionCount
                tiled[model] = tiled[model] || look.regionCount > 0
            }
            kept[model] = try confirmed(kept[model], by: detector, wholes: wholes, on: frame, timings: &timings)
            if options.looksCloser, let look = (detector as? any CloseLookingDetector)?.closeLook {
                let closer = try closerLook(look, found: kept[model], wanted: wanted[model], on: frame,
                                            options: options, timings: &timings)
                kept[model] += closer.kept
                regionCount += closer.regionCount
                tiled[model] = tiled[model] || closer.regionCount > 0
            }
            if !holders.isEmpty {
                // A part no whole could hold is something else (a headlight, a paw): ``PartOfWhole``.
                let (width, height) = (Float(frame.fullWidth), Float(frame.fullHeight))
                kept[model] = kept[model].filter { part in
                    holders[part.classIndex].map { PartOfWhole.isHeld(part.box, by: $0, scale: Self.wholeLookScale, width: width, height: height) } ?? true
                }
            }
            if options.findsTheRest {
                let rest = try restFound(by: detector, found: kept[model], wanted: wanted[model], on: frame,
                                         options: options, timings: &timings)
                kept[model] += rest.kept
                unconfirmed[model] = rest.unconfirmed
                regionCount += rest.regionCount
            }
            if options.findsWholesByParts {
                let byParts = try wholesByParts(for: model, wanted: wanted[model], found: kept[model], on: frame,
                                                options: options, timings: &timings)
                kept[model] += byParts.kept
                regionCount += byParts.regionCount
            }
            if options.looksAround {
                let around = try lookedAround(by: detector, found: kept[model], wanted: wanted[model], viewSide: viewSides[model],
                                              on: frame, options: options, timings: &timings)
                kept[model] += around.kept
                regionCount += around.regionCount
                tiled[model] = tiled[model] || around.regionCount > 0
            }
            // An object read as a class not asked for that a box of the request holds was counted
            // (or set aside by a name's colour): "cutlery, spoons" counts the spoon a fork reads.
            readAsOthers[model].removeAll { other in
                kept[model].contains { $0.box.intersectionOverUnion(with: other.box) >= Self.sameObjectOverlap }
            }
        }

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
                    var found = kept[model].filter { classes.contains($0.classIndex) }
                    // Objects read surely as another class of their kind and as this name's less
                    // surely, held by no box of the request: not counted, but said (a roadster
                    // asked for as a car, read as a truck).
                    let doubtful = keeping(readAsOthers[model].filter { other in
                        other.alsoReadAs.map { classes.contains($0.classIndex) } == true
                    }, by: name)
                    let readMoreSurelyAs = Dictionary(grouping: doubtful) { resolvers[model].canonicalNames[$0.classIndex] }
                        .mapValues(\.count)
                    var countedElsewhere: [String: Int] = [:]
                    if options.mergesClassesWithinName {
                        // One object seen as a class of this name and, more surely, as a class of
                        // the same kind that another name asks for is that name's (``BetterReading``).
                        let others = kept[model].filter { !classes.contains($0.classIndex) }
                        let rivals = BetterReading.rivals(of: found, among: others, kinds: detectors[model].vocabulary.entries.map(\.kind))
                        let owners = rivals.map { rival in rival.flatMap { owner(of: others[$0], among: namesOf[model] ?? []) } }
                        for owner in owners.compactMap({ $0 }) { countedElsewhere[owner, default: 0] += 1 }
                        found = zip(found, owners).filter { $0.1 == nil }.map(\.0)
                    }
                    if classes.count > 1 && options.mergesClassesWithinName {
                        // One object seen as two of the name's classes (a pickup as truck and car)
                        // is one object of the name: the best-scoring class is kept.
                        let start = ContinuousClock.now
                        found = try suppressDuplicates(found, tiled: tiled[model], classAware: false, options: options)
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
                        unconfirmedLookalikes: Self.lookalikes(unconfirmed[model], classes: name.classIndices,
                                                               filteredByColour: name.colour != nil),
                        countedUnderOtherNames: countedElsewhere, readMoreSurelyAs: readMoreSurelyAs))
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
                               regionCount: regionCount, tileSize: tileSize, timings: timings)
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

    /// The detections a ``VerifyingDetector`` confirms on a second look (all of them for other
    /// detectors), told the `wholes` (full-size pixels) they were looked for inside; the look
    /// counts as detection time. Only the detections at `judging` are looked at when given (the
    /// others are kept): for a verifier that does not refine what it confirms.
    private func confirmed(_ detections: [Detection], by detector: any Detector, wholes: [BoundingBox], judging: [Int]? = nil,
                           on frame: ImageFrame, timings: inout StageTimings) throws(GroundingError) -> [Detection] {
        guard let verifier = detector as? any VerifyingDetector, !detections.isEmpty else { return detections }
        precondition(judging == nil || !verifier.refinesDetections, "only a verifier that does not refine may skip detections")
        let start = ContinuousClock.now
        defer { timings.detect += milliseconds(since: start) }
        let judged = judging ?? Array(detections.indices)
        // The verifier looks at the (possibly DCT-downscaled) decoded image, in its pixels; what
        // it does not look at takes the same way there and back, so every box is made alike.
        var result = detections.map { Optional(frame.toFull(frame.toImage($0))) }
        do {
            let looks = try verifier.confirm(judged.map { frame.toImage(detections[$0]) }, in: frame.image,
                                             wholes: wholes.map(frame.toImage))
            for (index, look) in zip(judged, looks) { result[index] = look.map(frame.toFull) }
        } catch {
            throw .detector(error)
        }
        return result.compactMap { $0 }
    }

    /// `parts` (full-size pixels) as ``confirmed(_:by:wholes:judging:on:timings:)`` keeps them
    /// for finding `wholes` by `mark`, the second look spent only on the parts that decide which
    /// wholes are found (``WholesFromParts/decisive(parts:wholes:mark:)``) when `detector` keeps
    /// what it confirms unchanged. In a crowd most faces are each the only face their one person
    /// can hold: they pair whether real or not, and the answer is the one a look at every face gives.
    private func confirmed(decisiveOf parts: [Detection], by detector: any Detector, wholes: [BoundingBox], mark: WholeMark,
                           looked: [BoundingBox], on frame: ImageFrame, timings: inout StageTimings) throws(GroundingError) -> [Detection] {
        guard let verifier = detector as? any VerifyingDetector, !verifier.refinesDetections else {
            return try confirmed(parts, by: detector, wholes: looked, on: frame, timings: &timings)
        }
        // Judged on the boxes the pairing will see: those the round trip through the decoded image gives.
        let boxes = parts.map { frame.toFull(frame.toImage($0)).box }
        let decisive = WholesFromParts.decisive(parts: boxes, wholes: wholes, mark: mark)
        return try confirmed(parts, by: detector, wholes: looked, judging: decisive, on: frame, timings: &timings)
    }

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
    private func partsInsideWholes(for model: Int, wanted: [Bool], found: [Detection], wholesFound: inout [String: [Detection]],
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

    /// What `look` finds, on regions around `found`'s small detections (``CloseLook``), that is
    /// of their size, not already in `found`, and looks like the small ones to the first detector
    /// that is an ``AppearanceModel`` (``AppearanceGroup``), and the regions it ran on. Without
    /// such a model, or with fewer than two small ones to compare with, there is no close look:
    /// what it finds has no other judge. Its score threshold is the look's own, or the options'
    /// when that is higher.
    private func closerLook(_ look: CloseLook, found: [Detection], wanted: [Bool], on frame: ImageFrame,
                            options: GroundingOptions, timings: inout StageTimings) throws(GroundingError) -> (kept: [Detection], regionCount: Int) {
        // Sizes are judged in the pixels the models see (the decoded, possibly DCT-downscaled, image).
        let boxes = found.map { frame.toImage($0.box) }
        let small = look.small(boxes)
        guard small.count >= 2, let side = look.smallSide(of: boxes), appearanceModel != nil else { return ([], 0) }
        let regions = look.regions(width: frame.image.width, height: frame.image.height, found: boxes)
        guard !regions.isEmpty else { return ([], 0) }
        let pass = try run(look.detector, on: frame, regions: regions,
                           scoreThreshold: max(look.scoreThreshold, options.scoreThreshold ?? 0),
                           keeping: { $0 < wanted.count && wanted[$0] }, options: options, timings: &timings)
        let candidates = pass.kept.filter { look.keeps(frame.toImage($0.box), side: side, beside: boxes) }
        guard !candidates.isEmpty else { return ([], pass.regionCount) }
        guard let map = try appearanceMap(of: frame, around: small, timings: &timings),
              let group = AppearanceGroup(members: small, map: map) else { return ([], pass.regionCount) }
        return (candidates.filter { group.admits(frame.toImage($0.box)) }, pass.regionCount)
    }

    /// The objects of the `wanted` classes `found` has none of that `detector` finds in the whole
    /// photo seen from further back (``StepBack``), at ``StepBack/scoreFactor`` times the model's
    /// own threshold (or the one asked for, when higher), and the regions
    /// run (one, or none when every class was found). Like looking around, only for detectors
    /// whose finds lead to more (``Detector/findsTheRest``): not the face and palm models.
    private func steppedBack(by detector: any Detector, found: [Detection], wanted: [Bool], on frame: ImageFrame,
                             options: GroundingOptions, timings: inout StageTimings) throws(GroundingError) -> (kept: [Detection], regionCount: Int) {
        let missing = StepBack.missing(wanted: wanted, found: found)
        let threshold = max(options.scoreThreshold ?? 0, StepBack.scoreFactor * detector.defaultScoreThreshold)
        // A model whose own threshold is above half would need a score above 1: no view can give one.
        guard detector.findsTheRest, !missing.isEmpty, threshold <= 1 else { return ([], 0) }
        // Every class is kept from the view, so that a box's best class decides what it is.
        let pass = try run(detector, on: frame, regions: [PixelRect(width: frame.image.width, height: frame.image.height)],
                           share: StepBack.viewShare, scoreThreshold: threshold,
                           keeping: { _ in true }, options: options, timings: &timings)
        do {
            let added = try StepBack.newObjects(pass.kept, missing: missing, width: Float(frame.fullWidth),
                                                height: Float(frame.fullHeight), iouThreshold: options.iouThreshold)
            return (added, pass.regionCount)
        } catch {
            throw .detector(error)
        }
    }

    /// `found` (full-size pixels) with each pair of boxes that `detector`, shown the pair with
    /// room around it (the square a whole is looked at on, ``wholeLookScale`` times the pair's
    /// longer side), sees as one object replaced by that object (``SplitFind``; at most
    /// ``GroundingOptions/maxWholeLooks`` pairs, best first), at the pass's own threshold; and the
    /// regions run. Only detectors whose low scores mean something (``Detector/findsTheRest``)
    /// are asked: the face and palm models have their own closer looks.
    private func splitsJoined(by detector: any Detector, found: [Detection], on frame: ImageFrame,
                              options: GroundingOptions, timings: inout StageTimings) throws(GroundingError) -> (kept: [Detection], regionCount: Int) {
        guard detector.findsTheRest else { return (found, 0) }
        let pairs = Array(SplitFind.pairs(found).prefix(options.maxWholeLooks))
        let regions = pairs.compactMap { frame.square(around: found[$0.0].box.union(found[$0.1].box), scale: Self.wholeLookScale) }
        guard !regions.isEmpty else { return (found, 0) }
        let classes = Set(pairs.map { found[$0.0].classIndex })
        let pass = try run(detector, on: frame, regions: regions,
                           scoreThreshold: options.scoreThreshold ?? detector.defaultScoreThreshold,
                           keeping: { classes.contains($0) }, options: options, timings: &timings)
        return (SplitFind.joined(found, pairs: pairs, looked: pass.kept, kinds: detector.vocabulary.entries.map(\.kind)), pass.regionCount)
    }

    /// The objects of each `wanted` class that `detector` finds looking around its finds in a
    /// crowd (``LookAround``; at most ``GroundingOptions/maxWholeLooks`` squares a class, best
    /// first) and none of `found` (full-size pixels) holds, at the pass's own threshold; and the
    /// regions run. Only the crowded classes are kept from the looks: another class seen there
    /// was not found often enough to be looked for again. `viewSide` is the side of the slices
    /// the finds were seen in (full-size pixels; nil: the whole photo). Only detectors whose
    /// low scores mean something (``Detector/findsTheRest``) look around their finds: not the
    /// face and palm models, which have their own closer looks.
    private func lookedAround(by detector: any Detector, found: [Detection], wanted: [Bool], viewSide: Int?, on frame: ImageFrame,
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

    /// What the finds of each `wanted` class in `found` (full-size pixels) lead to
    /// (``FindingTheRest``): matches of their appearance that `detector` confirms on an enlarged
    /// view (``ZoomMosaic``), one per object, none where `found` has one; per class whose
    /// likeness was learned, how many matches looked as alike as the finds but were not confirmed
    /// (``GroundedObject/unconfirmedLookalikes``); and the regions run.
    private func restFound(by detector: any Detector, found: [Detection], wanted: [Bool], on frame: ImageFrame,
                           options: GroundingOptions, timings: inout StageTimings)
        throws(GroundingError) -> (kept: [Detection], unconfirmed: [Int: Int], regionCount: Int) {
        // The enlarged views are regions of a mosaic, which a detector that must see whole images cannot take.
        guard let matcher = exemplarMatcher, detector.findsTheRest, detector.allowsTiling else { return ([], [:], 0) }
        let inputSide = min(detector.inputWidth, detector.inputHeight)
        let cells = FindingTheRest.cellsPerSide(inputSide: inputSide)
        var added: [Detection] = [], unconfirmed: [Int: Int] = [:], regionCount = 0
        for classIndex in wanted.indices where wanted[classIndex] {
            let ofClass = found.filter { $0.classIndex == classIndex }
            // The examples must be ones the matcher can use (large enough, not flat).
            let examples = FindingTheRest.examples(from: ofClass.sorted { $0.score > $1.score }
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

    /// The wholes of `model`'s `wanted` classes that only a part shows (``WholesFromParts``): for
    /// each part another model finds one of on each such whole (``Vocabulary/Entry/marks``), that
    /// model looks on a square around each whole in `found` (full-size pixels), or added by an
    /// earlier part model, that reaches another (``WholesFromParts/crowded(_:scale:)``; at most
    /// ``GroundingOptions/maxWholeLooks``, best first), at its own threshold and with its own
    /// second look; a part none of those wholes holds becomes a whole, scored as the part and
    /// marked ``FoundBy/part``. Also the regions run.
    private func wholesByParts(for model: Int, wanted: [Bool], found: [Detection], on frame: ImageFrame,
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

    /// The first of the engine's detectors that is an ``AppearanceModel`` (nil: none is).
    private var appearanceModel: (any AppearanceModel)? {
        detectors.lazy.compactMap { $0 as? any AppearanceModel }.first
    }

    /// The ``appearanceModel``'s map of the decoded image at the scale that shows `objects`
    /// (pixels of that image) at about ``AppearanceCheck/exemplarSide``; nil when the engine has
    /// no such model or it has no map. Counted as detection time.
    private func appearanceMap(of frame: ImageFrame, around objects: [BoundingBox],
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
    private func runExemplar(_ boxes: [PixelRect], on frame: ImageFrame, options: GroundingOptions,
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
    private func exemplarDetector(for boxes: [PixelRect], on frame: ImageFrame, options: GroundingOptions,
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
    private func mutualSimilarity(of boxes: [PixelRect], on frame: ImageFrame, options: GroundingOptions,
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

    /// One detector pass: plan regions, preprocess them in batches as the detector's
    /// ``Detector/inputSpec`` says, detect, map the boxes (and points) of the classes `keeping`
    /// accepts back to full-size pixels, then suppress duplicates.
    ///
    /// `regions` (pixels of the decoded image) replaces the planned ones when given; `share` is
    /// how much of each side of the input a region fills (below 1 for a ``StepBack``).
    ///
    /// With `readsOtherClasses`, the views of the whole photo also give the objects the detector
    /// reads surely only as a class `keeping` refuses, and as one of the same kind it accepts
    /// less surely, down to ``BetterReading/weakShare`` of the threshold (a roadster: a truck at
    /// 0.80, a car at 0.19), each as that class with the weaker reading as its
    /// ``Detection/alsoReadAs``: `readAsOthers`, not counted. No other box changes, for the
    /// readings under the threshold go nowhere else.
    private func run(_ detector: any Detector, on frame: ImageFrame, regions given: [PixelRect]? = nil, share: Float = 1,
                     scoreThreshold: Float, keeping: (Int) -> Bool, readsOtherClasses: Bool = false, options: GroundingOptions,
                     timings: inout StageTimings) throws(GroundingError)
        -> (kept: [Detection], regionCount: Int, tileSize: Int?, readAsOthers: [Detection]) {
        let image = frame.image
        guard image.width > 0, image.height > 0 else { return ([], 0, nil, []) }
        let regions: [PixelRect], overviews: [PixelRect]
        if let given {
            (regions, overviews) = (given, [])
        } else {
            (regions, overviews) = try plan(for: detector, imageWidth: image.width, imageHeight: image.height, options: options)
        }
        // The slices' side in full-size pixels (nil when the whole image is the only region).
        let slices = regions.filter { $0.width < image.width || $0.height < image.height }
        let tileSize = slices.map { Int((Float(max($0.width, $0.height)) * Float(frame.fullWidth) / Float(image.width)).rounded()) }.max()
        let preprocessor = Preprocessor(spec: detector.inputSpec, share: share)
        let toFullX = Float(frame.fullWidth) / Float(image.width)
        let toFullY = Float(frame.fullHeight) / Float(image.height)
        func toFull(_ point: ImagePoint, _ transform: InputTransform) -> ImagePoint {
            let source = transform.mapToSource(point)
            return ImagePoint(x: source.x * toFullX, y: source.y * toFullY)
        }
        let kinds = detector.vocabulary.entries.map(\.kind)
        let whole = PixelRect(width: image.width, height: image.height)
        // Readings under the threshold are wanted from the views of the whole photo only.
        func readsUnder(_ region: PixelRect) -> Bool {
            readsOtherClasses && kinds.count > 1 && (region == whole || overviews.contains(region))
        }
        var candidates: [Detection] = [], readAsOthers: [Detection] = []
        // Per candidate, whether a view of the whole photo found it; and that view's scale (input
        // pixels per full-size pixel), for the slices' finds it did not back (``SliceContext``).
        var seenWhole: [Bool] = []
        var wholeViewScale: (x: Float, y: Float) = (0, 0)
        var start = regions.startIndex
        while start < regions.endIndex {
            if Cancellation.isRequested { throw .cancelled }
            let batch = regions[start..<min(start + detector.maxBatchSize, regions.endIndex)]
            start = batch.endIndex
            let floor = batch.contains(where: readsUnder) ? scoreThreshold * BetterReading.weakShare : scoreThreshold
            let transforms: [InputTransform]
            let perRegion: [[Detection]]
            if let piecewise = detector as? any PiecewiseDetector {
                // It reads (preprocesses) its input in pieces as it detects: no whole input tensor.
                let detectStart = ContinuousClock.now
                let inputs = batch.map { preprocessor.lazyInput(from: image, region: $0) }
                transforms = inputs.map(\.transform)
                do {
                    perRegion = try inputs.map { try piecewise.detect($0, scoreThreshold: floor) }
                } catch {
                    throw .detector(error)
                }
                timings.detect += milliseconds(since: detectStart)
            } else {
                let preprocessStart = ContinuousClock.now
                var tensor = PlanarTensor(batch: batch.count, channels: 3,
                                          height: preprocessor.inputHeight, width: preprocessor.inputWidth)
                transforms = preprocessor.fill(&tensor, from: image, regions: Array(batch))
                timings.preprocess += milliseconds(since: preprocessStart)
                let detectStart = ContinuousClock.now
                do {
                    perRegion = try detector.detect(tensor, scoreThreshold: floor)
                } catch {
                    throw .detector(error)
                }
                timings.detect += milliseconds(since: detectStart)
            }
            // A network stopped by cancellation left partial outputs: they are not answers.
            if Cancellation.isRequested { throw .cancelled }
            for (region, (transform, read)) in zip(batch, zip(transforms, perRegion)) {
                let detections = floor < scoreThreshold ? read.filter { $0.score >= scoreThreshold } : read
                let found = strongest(detections.filter { keeping($0.classIndex) })
                let isOverview = overviews.contains(region)
                if isOverview {
                    wholeViewScale = (max(wholeViewScale.x, transform.scaleX / toFullX), max(wholeViewScale.y, transform.scaleY / toFullY))
                }
                seenWhole += repeatElement(isOverview, count: found.count)
                // What else the detector read each object as, in this view, from all its classes.
                let alternatives = BetterReading.alternatives(to: found, among: detections, kinds: kinds)
                // Only a look at the whole image sees every object whole beside the others.
                let besideLarger = regions.count > 1 && region == whole
                    ? Self.besideLarger(found, iouThreshold: options.iouThreshold, threshold: options.tileMatchThreshold) : []
                func fullSize(_ box: BoundingBox) -> BoundingBox {
                    BoundingBox(x1: box.x1 * toFullX, y1: box.y1 * toFullY, x2: box.x2 * toFullX, y2: box.y2 * toFullY)
                        .clipped(width: Float(frame.fullWidth), height: Float(frame.fullHeight))
                }
                if readsUnder(region) {
                    let others = detections.filter { !keeping($0.classIndex) }
                    let weak = read.filter { $0.score < scoreThreshold && keeping($0.classIndex) }
                    for (other, weaker) in zip(others, BetterReading.weakerReadings(of: others, among: weak, kinds: kinds)) {
                        guard let weaker else { continue }
                        readAsOthers.append(Detection(box: fullSize(transform.mapToSource(other.box)), classIndex: other.classIndex,
                                                      score: other.score,
                                                      alsoReadAs: .init(classIndex: weak[weaker].classIndex, score: weak[weaker].score)))
                    }
                }
                for (index, detection) in found.enumerated() {
                    let source = transform.mapToSource(detection.box)
                    let cut = regions.count > 1 ? SliceCut(source, in: region, imageWidth: image.width, imageHeight: image.height) : []
                    let box = fullSize(source)
                    candidates.append(Detection(box: box, classIndex: detection.classIndex, score: detection.score,
                                                point: detection.point.map { toFull($0, transform) },
                                                keypoints: detection.keypoints.map { toFull($0, transform) },
                                                isBesideLarger: besideLarger.contains(index), sliceCut: cut,
                                                alsoReadAs: alternatives[index]))
                }
            }
        }
        let postprocessStart = ContinuousClock.now
        if options.checksContext && !overviews.isEmpty {
            let dropped = SliceContext.outOfContext(zip(candidates, seenWhole).map { candidate, seenWhole in
                SliceContext.Find(classIndex: candidate.classIndex, seenWhole: seenWhole,
                                  sideInWholeView: max(candidate.box.width * wholeViewScale.x, candidate.box.height * wholeViewScale.y))
            })
            if !dropped.isEmpty {
                candidates = candidates.indices.filter { !dropped.contains($0) }.map { candidates[$0] }
            }
        }
        let kept = try suppressDuplicates(candidates, tiled: regions.count > 1, classAware: !options.classAgnostic,
                                          options: options)
        // One object read as two classes nobody asked for (a truck and a bus) is one object.
        if !readAsOthers.isEmpty {
            readAsOthers = try suppressDuplicates(readAsOthers, tiled: false, classAware: false, options: options)
        }
        timings.postprocess += milliseconds(since: postprocessStart)
        return (kept, regions.count, tileSize, readAsOthers)
    }

    /// The indices of `detections` (one region's) that survive the region's own suppression
    /// (IoU `iouThreshold`, per class) and lie inside a larger survivor of their class by more than
    /// `threshold` (intersection over the smaller): the objects the detector saw beside a larger
    /// one (``Detection/isBesideLarger``). Past ``maxSurvivorsCompared`` survivors none is flagged,
    /// so a region with thousands of boxes at a near-zero threshold costs no quadratic pass.
    private static func besideLarger(_ detections: [Detection], iouThreshold: Float, threshold: Float) -> Set<Int> {
        guard detections.count > 1, threshold < 1,
              let survivors = try? nonMaxSuppression(detections, options: SuppressionOptions(iouThreshold: iouThreshold)),
              survivors.count > 1, survivors.count <= maxSurvivorsCompared else { return [] }
        var inside: Set<Int> = []
        for index in survivors {
            let small = detections[index]
            for other in survivors where detections[other].classIndex == small.classIndex && detections[other].box.area > small.box.area {
                if small.box.intersectionOverSmaller(with: detections[other].box) > threshold { inside.insert(index); break }
            }
        }
        return inside
    }

    /// The most boxes of one region ``besideLarger(_:iouThreshold:threshold:)`` compares pairwise.
    static let maxSurvivorsCompared = 2000

    /// At most this many candidates per region go on to suppression: a near-zero threshold on
    /// YOLOv4-tiny yields ~200,000 boxes per region, and a tiled photo would otherwise hand
    /// millions to NMS. Far more objects than any photo holds survive, so the kept set is unchanged in
    /// practice (like `top_k` in OpenCV's NMS).
    static let maxCandidatesPerRegion = 20_000

    /// `detections`, cut to the ``maxCandidatesPerRegion`` best scores when there are more.
    private func strongest(_ detections: [Detection]) -> [Detection] {
        guard detections.count > Self.maxCandidatesPerRegion else { return detections }
        return Array(detections.sorted { $0.score > $1.score }.prefix(Self.maxCandidatesPerRegion))
    }

    /// Detections as answers, their classes named by `classNames` (the model's in COCO spelling).
    private func grounded(_ detections: ArraySlice<Detection>, named classNames: [String], vocabulary: Vocabulary,
                          in frame: ImageFrame) -> [GroundedDetection] {
        detections.map { detection in
            GroundedDetection(className: classNames[detection.classIndex], classIndex: detection.classIndex,
                              categoryID: vocabulary.entries[detection.classIndex].datasetID, score: detection.score, box: detection.box, point: detection.point,
                              keypoints: detection.keypoints, foundBy: detection.foundBy,
                              alsoReadAs: detection.alsoReadAs.map { .init(className: classNames[$0.classIndex], score: $0.score) },
                              imageWidth: frame.fullWidth, imageHeight: frame.fullHeight)
        }
    }

    /// Greedy NMS per class (or across classes when `classAware` is false), then, for tiled
    /// images, merging of the boxes that slices found for one object; best first, all of them
    /// (counts are never capped).
    private func suppressDuplicates(_ candidates: [Detection], tiled: Bool, classAware: Bool,
                                    options: GroundingOptions) throws(GroundingError) -> [Detection] {
        do {
            var suppression = SuppressionOptions()
            suppression.iouThreshold = options.iouThreshold
            suppression.classAware = classAware
            var kept = try nonMaxSuppression(candidates, options: suppression).map { candidates[$0] }
            if tiled {
                var matching = suppression
                matching.metric = .intersectionOverSmaller
                matching.iouThreshold = options.tileMatchThreshold
                switch options.tileMerge {
                case .suppress:
                    kept = try suppressFragments(kept, options: matching)
                case .merge:
                    // A merged union can newly overlap another box: merge until nothing changes.
                    for _ in 0..<8 {
                        let merged = try nonMaxMerge(kept, options: matching)
                        if merged.count == kept.count { break }
                        kept = merged
                    }
                }
            }
            kept.sort { $0.score > $1.score }
            return kept
        } catch {
            // Suppression only fails on malformed detector output (e.g. NaN scores).
            throw .detector(error)
        }
    }
}

/// The pixels the engine runs on and the full-size upright image they stand for.
private struct ImageFrame {
    let image: RGBImage
    let fullWidth: Int
    let fullHeight: Int

    /// The square `scale` times `box`'s longer side (full-size pixels) around its centre, in
    /// `image` pixels and cut to the image; nil when nothing of it is in the image.
    func square(around box: BoundingBox, scale: Float) -> PixelRect? {
        PixelRect(covering: toImage(box).square(scale: scale), width: image.width, height: image.height)
    }

    /// A detection in `image` pixels as one in full-size pixels (the same when `image` is full size).
    func toFull(_ detection: Detection) -> Detection {
        Self.scaled(detection, Float(fullWidth) / Float(image.width), Float(fullHeight) / Float(image.height))
    }

    /// A full-size detection in `image` pixels (the same when `image` is full size).
    func toImage(_ detection: Detection) -> Detection {
        Self.scaled(detection, Float(image.width) / Float(fullWidth), Float(image.height) / Float(fullHeight))
    }

    /// `detection` with its box, point and keypoints scaled by `x` and `y`; the rest as it is.
    private static func scaled(_ detection: Detection, _ x: Float, _ y: Float) -> Detection {
        func point(_ p: ImagePoint) -> ImagePoint { ImagePoint(x: p.x * x, y: p.y * y) }
        var scaled = detection
        scaled.box = BoundingBox(x1: detection.box.x1 * x, y1: detection.box.y1 * y, x2: detection.box.x2 * x, y2: detection.box.y2 * y)
        scaled.point = detection.point.map(point)
        scaled.keypoints = detection.keypoints.map(point)
        return scaled
    }

    /// A full-size box in `image` pixels (the same when `image` is full size).
    func toImage(_ box: BoundingBox) -> BoundingBox {
        let sx = Float(image.width) / Float(fullWidth), sy = Float(image.height) / Float(fullHeight)
        return BoundingBox(x1: box.x1 * sx, y1: box.y1 * sy, x2: box.x2 * sx, y2: box.y2 * sy)
    }

    /// A full-size rectangle in `image` pixels (the same when `image` is full size), kept inside it.
    func toImage(_ rect: PixelRect) -> PixelRect {
        guard image.width != fullWidth || image.height != fullHeight else { return rect }
        let sx = Double(image.width) / Double(fullWidth), sy = Double(image.height) / Double(fullHeight)
        let x1 = min(image.width - 1, Int((Double(rect.x) * sx).rounded(.down)))
        let y1 = min(image.height - 1, Int((Double(rect.y) * sy).rounded(.down)))
        let x2 = min(image.width, max(x1 + 1, Int((Double(rect.x + rect.width) * sx).rounded(.up))))
        let y2 = min(image.height, max(y1 + 1, Int((Double(rect.y + rect.height) * sy).rounded(.up))))
        return PixelRect(x: x1, y: y1, width: x2 - x1, height: y2 - y1)
    }
}

/// Milliseconds elapsed since `start`.
package func milliseconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
}
