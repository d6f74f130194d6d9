import GroundingImageIO

/// What a request's models found before its names are answered: per model, every object of a
/// class some name asks for, after the model's pass and its second looks.
struct ModelFinds: Sendable {
    /// Per model: the objects found (full-size pixels), best first within each stage.
    var kept: [[Detection]]
    /// Per model and class: look-alikes finding the rest did not confirm (``GroundedObject/unconfirmedLookalikes``).
    var unconfirmed: [[Int: Int]]
    /// Per model: objects read surely only as a class no name asked for (not counted), none of
    /// them held by a box of the request.
    var readAsOthers: [[Detection]]
    /// The regions run, all models and stages.
    var regionCount: Int
    /// Per model: the side of the slices its pass saw the photo in (full-size pixels); nil when
    /// it saw the whole image, or did not run.
    var viewSides: [Int?]
    /// The side of the slices of the first model (in priority order) whose pass sliced the photo,
    /// in full-size pixels; nil when every pass saw the whole image only.
    var tileSize: Int? { viewSides.lazy.compactMap { $0 }.first }
}

// The models' passes over a photo and the second looks that follow them, in order.
extension GroundingEngine {
    /// What each model finds of its `wanted` classes on `frame`: its pass (with the step back
    /// and the check of split finds), then the parts looked for inside wholes, its own second
    /// look, its closer look, finding the rest, wholes found by their parts, looking around (the
    /// pairs amid a crowd that its looks box as one object joined) and zooming in, each as
    /// `options` allow.
    func modelFinds(wanted: [[Bool]], on frame: ImageFrame, options: GroundingOptions,
                    timings: inout StageTimings) throws(GroundingError) -> ModelFinds {
        // One pass per model that has a name to answer, over that model's own regions.
        var regionCount = 0
        var kept: [[Detection]] = Array(repeating: [], count: detectors.count)
        var viewSides: [Int?] = Array(repeating: nil, count: detectors.count)
        var unconfirmed: [[Int: Int]] = Array(repeating: [:], count: detectors.count)
        var readAsOthers: [[Detection]] = Array(repeating: [], count: detectors.count)
        // What a second look adds to `model`'s objects.
        func add(_ look: (kept: [Detection], regionCount: Int), to model: Int) {
            kept[model] += look.kept
            regionCount += look.regionCount
        }
        for (model, detector) in detectors.enumerated() where wanted[model].contains(true) {
            let pass = try run(detector, on: frame, scoreThreshold: options.scoreThreshold ?? detector.defaultScoreThreshold,
                               keeping: { wanted[model][$0] }, readsOtherClasses: true, options: options, timings: &timings)
            kept[model] = pass.kept
            readAsOthers[model] = pass.readAsOthers
            regionCount += pass.regionCount
            viewSides[model] = pass.tileSize
            if options.stepsBack {
                add(try steppedBack(by: detector, found: kept[model], wanted: wanted[model], on: frame,
                                    options: options, timings: &timings), to: model)
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
            }
            kept[model] = try confirmed(kept[model], by: detector, wholes: wholes, on: frame, timings: &timings)
            if options.looksCloser, let look = (detector as? any CloseLookingDetector)?.closeLook {
                add(try closerLook(look, found: kept[model], wanted: wanted[model], on: frame,
                                   options: options, timings: &timings), to: model)
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
                add((rest.kept, rest.regionCount), to: model)
                unconfirmed[model] = rest.unconfirmed
            }
            if options.findsWholesByParts {
                add(try wholesByParts(for: model, wanted: wanted[model], found: kept[model], on: frame,
                                      options: options, timings: &timings), to: model)
            }
            if options.looksAround {
                let around = try lookedAround(by: detector, found: kept[model], wanted: wanted[model], viewSide: viewSides[model],
                                              on: frame, options: options, timings: &timings)
                add((around.kept, around.regionCount), to: model)
                // Amid a crowd, a pair the looks boxed as one object is that object (``SplitFind``).
                if options.checksSplits && !around.seen.isEmpty {
                    kept[model] = SplitFind.joined(kept[model], pairs: SplitFind.pairs(kept[model], amidCrowd: true), looked: around.seen,
                                                   kinds: detector.vocabulary.kinds, amidCrowd: true)
                }
            }
            if options.zoomsIn {
                add(try zoomedIn(by: detector, found: kept[model], wanted: wanted[model], viewSide: viewSides[model],
                                 on: frame, options: options, timings: &timings), to: model)
            }
            // An object read as a class not asked for that a box of the request holds was counted
            // (or set aside by a name's colour): "cutlery, spoons" counts the spoon a fork reads.
            readAsOthers[model].removeAll { other in
                kept[model].contains { $0.box.intersectionOverUnion(with: other.box) >= Self.sameObjectOverlap }
            }
        }
        return ModelFinds(kept: kept, unconfirmed: unconfirmed, readAsOthers: readAsOthers,
                          regionCount: regionCount, viewSides: viewSides)
    }
}
