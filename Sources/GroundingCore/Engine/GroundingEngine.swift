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
    func plan(for detector: any Detector, imageWidth: Int, imageHeight: Int,
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
}

/// Milliseconds elapsed since `start`.
package func milliseconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
}
