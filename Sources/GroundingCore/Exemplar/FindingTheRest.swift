import GroundingImageIO

/// "Detect a few, find the rest": when a detector finds several instances of a class, the
/// engine matches their appearance over the photo (the ``ExemplarMatcher``, the finds as its
/// examples), shows the detector the matches that look about as like the examples as they look
/// like one another to a rule learned on the photo (``LearnedLikeness``), and keeps a match only
/// when the detector itself, shown the match's surroundings enlarged (``ZoomMosaic``), sees the
/// class there. Each object it adds is marked ``FoundBy/exemplar``.
///
/// The judges err differently: a template match takes white stones for white birds, and a
/// detector at a low score takes many things for birds, but few things pass both. On the
/// hand-counted tuning photos (`Benchmarks/Accuracy`) YOLOv4-tiny's enlarged look added 10
/// objects (7 sheep, 2 orchestra players, a swan) and no false mark; 13 when every match was
/// shown, for up to five times the passes (``likenessFactor``). The parameters below were
/// chosen there, one at a time.
///
/// ```swift
/// var options = GroundingOptions()
/// options.findsTheRest = false   // the detector's own finds only
/// ```
public enum FindingTheRest {
    /// The fewest finds of a class that start a search for the rest: with fewer, how alike
    /// its instances are is unknown. Finds the detector read about as surely as another class
    /// are not counted here: they are no examples.
    public static let minimumExamples = 3
    /// The most finds, best first, used as examples.
    public static let maxExamples = 8
    /// The most matches, most alike first (``candidates(_:examples:finds:in:)``), shown to the
    /// detector per class and photo: at most 36 more passes of YOLOv4-tiny. Chosen when matches
    /// were shown in order of correlation, which spread the confirmed ones over the whole
    /// ranking: on the tuning photos 288 added 2 objects to the 13 of 144, for twice the passes.
    public static let maxCandidates = 144
    /// Sizes matched, relative to each example: the examples themselves spread over the sizes
    /// the class has in the photo. Against 0.7–1.4 (exemplar queries' default) on the tuning
    /// photos, before the budgets below were set: 4 more sheep found, and fewer sizes to pay for.
    public static let sizes: ClosedRange<Float> = 0.8...1.25
    /// The matcher's working image is at most this many pixels: its working side shrinks to
    /// fit, down to ``minimumWorkingSide``; where even that is too large (objects small on a
    /// large photo), the rest is not looked for. On a 12 MP photo of people and kites, matching
    /// 8 people, the working image still over 1 MP at a 20 px working side, took 2.2 s: nearly
    /// three times the detector's whole pass (0.76 s).
    public static let maxWorkingPixels = 1_000_000
    /// The smallest working side the budget may shrink an example to: below 20 px the
    /// matcher cannot search coarse to fine, and matching at 18 px took longer than at 28.
    public static let minimumWorkingSide = 20
    /// Matches are taken down to this correlation, the floor a calibration from several examples
    /// may choose (``ExemplarOptions/calibratedRange``), unless the caller set a similarity: the
    /// likeness and the enlarged look judge them, not the correlation. Calibrating from the finds
    /// (each of three matched alone over the photo) cost 0.17 s of a 12 MP count's 1.46 s, and on
    /// the hand-counted photos' 24 COCO queries no count or match changed without it.
    public static let similarity: Float = ExemplarOptions.calibratedRange.lowerBound
    /// The enlarged view confirms a match from this fraction of the detector's own default
    /// threshold (YOLO's 0.25: 0.05). Tuning photos, YOLOv4-tiny, two cells a side: at 0.2, 12
    /// objects added and none false; at 0.08, 18 added and 5 false.
    public static let confirmingFactor: Float = 0.2

    /// The score the enlarged view must reach: ``confirmingFactor`` of the detector's `default`
    /// threshold, or the threshold the caller `set`, which every score in the answer meets.
    public static func confirmingThreshold(set: Float?, default: Float) -> Float {
        set ?? confirmingFactor * `default`
    }

    /// A match is shown at about this many pixels of the detector's input (cells of four times
    /// that, ``ZoomMosaic/contextScale``): two cells a side for YOLOv4-tiny's 416, four for
    /// YOLO11n at 960. Tuning photos, YOLOv4-tiny: two cells added 12 objects and none false,
    /// one cell 10 and 1 false, three 8 and 3 false, four 2 and 2 false.
    public static let shownSide = 52

    /// Finds whose side (geometric mean) is more than this times their median side are not
    /// examples: the matcher correlates every template over the window of the largest, so one
    /// large find multiplies the cost (a 12 MP photo's detection: 2.1 s; 3.7 s with finds up to
    /// twice the median; 6.1 s with every find), and the rest to find are most likely of the
    /// size most finds have (tuning photos: 13 added, against 12 with every find).
    public static let largestExample: Float = 1.5

    /// The examples among `finds` (best first, each usable by the matcher): the first
    /// ``maxExamples`` not larger than ``largestExample`` times the median side.
    public static func examples(from finds: [PixelRect]) -> [PixelRect] {
        let sides = finds.map(side).sorted()
        guard !sides.isEmpty else { return [] }
        let limit = largestExample * sides[sides.count / 2]
        return Array(finds.filter { side($0) <= limit }.prefix(maxExamples))
    }

    /// Cells per side of a ``ZoomMosaic`` for a detector whose input side is `inputSide`.
    public static func cellsPerSide(inputSide: Int) -> Int {
        max(1, inputSide / (Int(ZoomMosaic.contextScale) * shownSide))
    }

    /// The exemplar options for finding the rest from `examples` (pixels of an image of
    /// `width × height`): `base` at ``sizes`` and, unless it sets one, ``similarity``, without
    /// the appearance and surroundings checks (the enlarged look judges instead), its working
    /// side shrunk to keep the working image within ``maxWorkingPixels``; nil when not even
    /// ``minimumWorkingSide`` does.
    public static func exemplarOptions(_ base: ExemplarOptions, examples: [PixelRect], width: Int, height: Int) -> ExemplarOptions? {
        var options = base
        options.minimumScale = sizes.lowerBound
        options.maximumScale = sizes.upperBound
        options.checksAppearance = false
        options.checksSurroundings = false
        options.similarity = options.similarity ?? similarity
        let side = examples.map(Self.side).reduce(0, +) / Float(max(1, examples.count))
        guard side > 0 else { return nil }
        // The matcher works at workingSide / side of the image, never above full size.
        let scale = min(1, Float(options.workingSide) / side)
        let pixels = Float(width) * Float(height) * scale * scale
        if pixels > Float(maxWorkingPixels) {
            let shrunk = Int((Float(options.workingSide) * (Float(maxWorkingPixels) / pixels).squareRoot()).rounded(.down))
            guard shrunk >= minimumWorkingSide else { return nil }
            options.workingSide = shrunk
        }
        return options
    }

    /// A match is shown to the detector only when its ``LearnedLikeness`` to the examples is at
    /// least this fraction of the examples' own median (each example scored by the rule learned
    /// from the others): about as like them as they are like one another. Tuning photos with
    /// YOLOv4-tiny, objects added (none false), and the detector passes it costs on a 12 MP photo
    /// of people and kites (`kite.jpg` enlarged; only the kites are matched there, the people
    /// being too small for ``maxWorkingPixels``) where it finds nothing more: every match, in
    /// order of correlation, 13 added, 36 passes; 0.5: 11, 21 passes; 0.75: 10, 7 passes; 1: 9,
    /// 3 passes. At 0.75 that whole count takes 1.8 times as long as before this work
    /// (1.66 s against 0.94 s for c3d9349, medians of 7), within the 2.
    public static let likenessFactor: Float = 0.75

    /// Which of `matches` are worth an enlarged look, as their indices, most like the examples
    /// first (at most ``maxCandidates``): ranked by a ``LearnedLikeness`` of `examples` against
    /// the rest of `image` (every box in its pixels; `finds`, the class's other detections, are
    /// not background), those below ``likenessFactor`` of the examples' median left out; and
    /// how many matches reached that floor (`alike`, more than those shown past the cap). Where
    /// no likeness can be learned (a photo too small for its background windows), the matches
    /// keep their order and `alike` is nil: nothing says which of them look like the examples.
    package static func candidates(_ matches: [BoundingBox], examples: [BoundingBox], finds: [BoundingBox],
                                   in image: RGBImage) -> (shown: [Int], alike: Int?) {
        guard let likeness = LearnedLikeness(examples: examples, avoiding: finds, in: image), !likeness.exampleScores.isEmpty else {
            return (Array(matches.indices.prefix(maxCandidates)), nil)
        }
        // Examples the rule finds unlike one another (a median at or below the background's
        // mean) set a floor that most matches pass: then the ranking alone chooses.
        let floor = likenessFactor * likeness.exampleScores[likeness.exampleScores.count / 2]
        let scores = likeness.scores(matches, in: image)
        let ranked = matches.indices.filter { scores[$0] >= floor }.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
        return (Array(ranked.prefix(maxCandidates)), ranked.count)
    }

    /// A box's side as the matcher measures an example: the geometric mean of its width and height.
    private static func side(_ box: PixelRect) -> Float {
        Float(box.width * box.height).squareRoot()
    }
}
