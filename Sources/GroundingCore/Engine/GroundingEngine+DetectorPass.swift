import GroundingCompute
import GroundingImageIO

// One detector pass over regions: batches, mapping back, suppression and merging of slices.
extension GroundingEngine {
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
    func run(_ detector: any Detector, on frame: ImageFrame, regions given: [PixelRect]? = nil, share: Float = 1,
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
        let kinds = detector.vocabulary.kinds
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
        // Only a planned tiling pairs a whole-image pass with slices of it; the squares of looks
        // (``splitsJoined``, say) are looks of their own, whose standings pass to no other.
        let kept = try suppressDuplicates(candidates, tiled: regions.count > 1, classAware: !options.classAgnostic,
                                          passingOnStanding: given == nil, options: options)
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

    /// Greedy NMS per class (or across classes when `classAware` is false), then, for tiled
    /// images, merging of the boxes that slices found for one object. With `passingOnStanding`,
    /// an object the whole-image pass saw beside a larger one keeps that standing in whichever
    /// view boxed it best (``passingOnBesideLarger(_:kept:options:)``). Best first, all of them
    /// (counts are never capped).
    func suppressDuplicates(_ candidates: [Detection], tiled: Bool, classAware: Bool, passingOnStanding: Bool = false,
                            options: GroundingOptions) throws(GroundingError) -> [Detection] {
        do {
            var suppression = SuppressionOptions()
            suppression.iouThreshold = options.iouThreshold
            suppression.classAware = classAware
            let survivors = try nonMaxSuppression(candidates, options: suppression)
            var kept = tiled && passingOnStanding ? passingOnBesideLarger(candidates, kept: survivors, options: suppression)
                : survivors.map { candidates[$0] }
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
