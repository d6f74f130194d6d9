import Foundation

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
    /// The detection backend.
    public let detector: any Detector
    /// Turns requested names into the detector's classes.
    public let resolver: QueryResolver
    private let preprocessor: Preprocessor

    /// Creates an engine around any detector.
    public init(detector: any Detector) {
        self.detector = detector
        self.resolver = QueryResolver(classNames: detector.classNames)
        self.preprocessor = Preprocessor(inputWidth: detector.inputWidth, inputHeight: detector.inputHeight)
    }

    /// Creates an engine on a Darknet model folder (cfg + weights + names); `nil` means
    /// ``defaultModelDirectory``. `threads` bounds the BLAS threads (nil: all cores).
    public convenience init(modelDirectory: String? = nil, threads: Int? = nil) throws {
        let detector = try DarknetDetector(modelDirectory: modelDirectory ?? GroundingEngine.defaultModelDirectory,
                                           threads: threads)
        self.init(detector: detector)
    }

    /// `$GROUNDING_MODEL_DIR` when set, else `~/.cache/grounding/models/yolov4-tiny`, where
    /// `scripts/fetch-model.sh` puts the default model.
    public static var defaultModelDirectory: String {
        let environment = ProcessInfo.processInfo.environment
        if let dir = environment["GROUNDING_MODEL_DIR"], !dir.isEmpty { return dir }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.cache/grounding/models/yolov4-tiny"
    }

    /// Answers `mode` for `objects` in an upright image.
    ///
    /// Names that match no class are listed in ``GroundingResult/unresolved``; the others
    /// are still answered.
    public func ground(_ image: RGBImage, objects: [String], mode: GroundingMode,
                       options: GroundingOptions = GroundingOptions()) throws(GroundingError) -> GroundingResult {
        try answer(image, fullWidth: image.width, fullHeight: image.height, path: nil, orientation: 1,
                   objects: objects, mode: mode, options: options)
    }

    /// Reads, decodes and orients an image file, then answers `mode` for `objects`.
    ///
    /// When tiling is off the JPEG is decoded straight at the size the detector needs (DCT
    /// scaling), which is several times faster than a full decode.
    public func ground(contentsOf path: String, objects: [String], mode: GroundingMode,
                       options: GroundingOptions = GroundingOptions()) throws(GroundingError) -> GroundingResult {
        let start = ContinuousClock.now
        let decoded: DecodedImage
        do {
            decoded = try ImageDecoder.decode(contentsOf: path, options: decodeOptions(for: options))
        } catch {
            throw .image(error)
        }
        let decodeTime = milliseconds(since: start)
        var result = try ground(decoded, path: path, objects: objects, mode: mode, options: options)
        result.timings.decode = decodeTime
        return result
    }

    /// Answers `mode` for `objects` in an already decoded image (possibly DCT-downscaled:
    /// answers are in the pixels of its full-size upright image).
    public func ground(_ decoded: DecodedImage, path: String? = nil, objects: [String], mode: GroundingMode,
                       options: GroundingOptions = GroundingOptions()) throws(GroundingError) -> GroundingResult {
        try answer(decoded.image, fullWidth: decoded.fullWidth, fullHeight: decoded.fullHeight, path: path,
                   orientation: decoded.orientation.rawValue,
                   objects: objects, mode: mode, options: options)
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

    /// The asynchronous form of ``ground(_:objects:mode:options:)``.
    public func ground(_ image: RGBImage, objects: [String], mode: GroundingMode,
                       options: GroundingOptions = GroundingOptions()) async throws(GroundingError) -> GroundingResult {
        try answer(image, fullWidth: image.width, fullHeight: image.height, path: nil, orientation: 1,
                   objects: objects, mode: mode, options: options)
    }

    /// The asynchronous form of ``ground(contentsOf:objects:mode:options:)``.
    public func ground(contentsOf path: String, objects: [String], mode: GroundingMode,
                       options: GroundingOptions = GroundingOptions()) async throws(GroundingError) -> GroundingResult {
        try groundFile(path, objects: objects, mode: mode, options: options)
    }

    private func groundFile(_ path: String, objects: [String], mode: GroundingMode,
                            options: GroundingOptions) throws(GroundingError) -> GroundingResult {
        try ground(contentsOf: path, objects: objects, mode: mode, options: options)
    }

    /// The regions the detector will run on for an image of this size.
    public func regions(imageWidth: Int, imageHeight: Int, options: GroundingOptions) throws(GroundingError) -> [PixelRect] {
        do {
            switch options.tiling {
            case .off:
                return [PixelRect(width: imageWidth, height: imageHeight)]
            case .automatic:
                return try TilePlan.automatic(imageWidth: imageWidth, imageHeight: imageHeight,
                                              inputWidth: detector.inputWidth, inputHeight: detector.inputHeight,
                                              overlap: options.overlap).regions
            case .size(let size):
                return try TilePlan(imageWidth: imageWidth, imageHeight: imageHeight, tileSize: size,
                                    overlap: options.overlap, includeFullImage: true).regions
            }
        } catch {
            throw .invalidOption(String(describing: error))
        }
    }

    /// The whole flow after decoding. `image` may be a DCT-downscaled version of the
    /// `fullWidth × fullHeight` upright image; answers are in full-size pixels.
    private func answer(_ image: RGBImage, fullWidth: Int, fullHeight: Int, path: String?, orientation: Int,
                        objects names: [String], mode: GroundingMode,
                        options: GroundingOptions) throws(GroundingError) -> GroundingResult {
        try options.validate()
        var timings = StageTimings()

        // Resolve names first: with nothing to look for there is nothing to run.
        var resolved: [ResolvedName] = []
        var unresolved: [UnresolvedName] = []
        for name in names {
            do {
                resolved.append(try resolver.resolve(name))
            } catch {
                unresolved.append(UnresolvedName(name: name, error: error))
            }
        }
        var wanted = [Bool](repeating: false, count: detector.classNames.count)
        for name in resolved { for index in name.classIndices { wanted[index] = true } }

        var candidates: [Detection] = []
        var regionCount = 0
        if wanted.contains(true), image.width > 0, image.height > 0 {
            let regions = try self.regions(imageWidth: image.width, imageHeight: image.height, options: options)
            regionCount = regions.count
            let toFullX = Float(fullWidth) / Float(image.width)
            let toFullY = Float(fullHeight) / Float(image.height)
            var start = regions.startIndex
            while start < regions.endIndex {
                let batch = regions[start..<min(start + detector.maxBatchSize, regions.endIndex)]
                start = batch.endIndex
                let preprocessStart = ContinuousClock.now
                var tensor = PlanarTensor(batch: batch.count, channels: 3,
                                          height: detector.inputHeight, width: detector.inputWidth)
                let transforms = batch.enumerated().map { slot, region in
                    preprocessor.fill(&tensor, at: slot, from: image, region: region)
                }
                timings.preprocess += milliseconds(since: preprocessStart)
                let detectStart = ContinuousClock.now
                let perRegion: [[Detection]]
                do {
                    perRegion = try detector.detect(tensor, scoreThreshold: options.scoreThreshold)
                } catch {
                    throw .detector(error)
                }
                timings.detect += milliseconds(since: detectStart)
                for (transform, detections) in zip(transforms, perRegion) {
                    for detection in detections where wanted[detection.classIndex] {
                        var box = transform.mapToSource(detection.box)
                        box = BoundingBox(x1: box.x1 * toFullX, y1: box.y1 * toFullY,
                                          x2: box.x2 * toFullX, y2: box.y2 * toFullY)
                            .clipped(width: Float(fullWidth), height: Float(fullHeight))
                        candidates.append(Detection(box: box, classIndex: detection.classIndex, score: detection.score))
                    }
                }
            }
        }

        let postprocessStart = ContinuousClock.now
        let kept = try suppressDuplicates(candidates, tiled: regionCount > 1, options: options)
        let groundedObjects = resolved.map { name in
            let classes = Set(name.classIndices)
            return GroundedObject(
                name: name.name, classes: name.classNames, resolution: name.resolution,
                detections: kept.filter { classes.contains($0.classIndex) }.map { detection in
                    GroundedDetection(className: detector.classNames[detection.classIndex],
                                      classIndex: detection.classIndex, score: detection.score, box: detection.box,
                                      imageWidth: fullWidth, imageHeight: fullHeight)
                })
        }
        timings.postprocess = milliseconds(since: postprocessStart)
        return GroundingResult(path: path, imageWidth: fullWidth, imageHeight: fullHeight, orientation: orientation,
                               mode: mode, objects: groundedObjects, unresolved: unresolved,
                               regionCount: regionCount, timings: timings)
    }

    /// Greedy NMS per class (or across classes), then, for tiled images, merging of the boxes
    /// that slices found for one object; best first, at most `maxDetections`.
    private func suppressDuplicates(_ candidates: [Detection], tiled: Bool,
                                    options: GroundingOptions) throws(GroundingError) -> [Detection] {
        do {
            var suppression = SuppressionOptions()
            suppression.iouThreshold = options.iouThreshold
            suppression.classAware = !options.classAgnostic
            var kept = try nonMaxSuppression(candidates, options: suppression).map { candidates[$0] }
            if tiled {
                var matching = suppression
                matching.metric = .intersectionOverSmaller
                matching.iouThreshold = options.tileMatchThreshold
                switch options.tileMerge {
                case .suppress:
                    kept = try nonMaxSuppression(kept, options: matching).map { kept[$0] }
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
            return Array(kept.prefix(options.maxDetections))
        } catch {
            // Suppression only fails on malformed detector output (e.g. NaN scores).
            throw .detector(error)
        }
    }
}

/// Milliseconds elapsed since `start`.
package func milliseconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
}
