import Foundation

/// Knobs of exemplar matching (an ``ExemplarMatcher``); the defaults were chosen on
/// `TestImages/coins.png` (24 coins, counted from one coin).
///
/// ```swift
/// var options = GroundingOptions()
/// options.exemplar.similarity = 0.7   // stricter: only close look-alikes
/// ```
public struct ExemplarOptions: Sendable, Hashable {
    /// The least zero-mean normalised cross-correlation (0...1) a match needs; nil (the default):
    /// ``defaultSimilarity`` for one example, and for several, as alike as the examples are to
    /// one another (see ``calibratedSimilarity(mutual:)``).
    public var similarity: Float?

    /// The threshold for one example. On the coins, with six different coins as the exemplar,
    /// 0.5 counted 23–24 of 24; at 0.45 some coins got two points, at 0.55 small-coin exemplars
    /// missed the largest coins.
    public static let defaultSimilarity: Float = 0.5

    /// The threshold for several examples whose least similarity to one another (each matched
    /// against the others' templates) is `mutual`: a match must be about as like them as they are
    /// like each other, 0.9 × `mutual`, kept in ``calibratedRange`` (two nearly identical examples say they
    /// are alike, not that every other object is that close to them). On the hand-counted photos
    /// with two examples (`Benchmarks/Accuracy`), against 0.5 for all: daisies (mutual 0.39) 7 →
    /// 22 marked, 16 of them daisies (truth 60); raindrops (0.68) 168 → 89 marked for 30 drops;
    /// bison (0.57) 37 → 34 for 18; nuclei (0.86) 53 → 49 for 61, 48 of them nuclei. Over the six
    /// class-agnostic photos recall stays 0.56, precision 0.37 → 0.50, mean relative count
    /// error 114% → 62% (`grounding-bench accuracy`).
    public static func calibratedSimilarity(mutual: Float) -> Float {
        min(calibratedRange.upperBound, max(calibratedRange.lowerBound, 0.9 * mutual))
    }

    /// The similarities a calibration may choose.
    public static let calibratedRange: ClosedRange<Float> = 0.3...0.7
    /// A match's contrast (standard deviation of its pixels) must be at least this fraction of
    /// the exemplar's. NCC alone ignores contrast: on kite.jpg a 20×23 kite exemplar matched ~500
    /// patches of faint cloud and water with no floor, ~200 at 0.3, ~90 at 0.5, ~50 at 0.7; the
    /// coins kept all 24 up to 0.5 and lost four at 0.7.
    public var minimumContrast: Float = 0.5
    /// The smallest size tried, relative to the exemplar. 0.7–1.4 by default: on the five
    /// class-agnostic photos of the tuning set, 0.5–2 found 7 more of 143 objects but made 56
    /// more false marks (precision 0.73 → 0.54), most on the bison's outline and the leaves of
    /// raindrops.jpg.
    public var minimumScale: Float = 0.7
    /// The largest size tried, relative to the exemplar.
    public var maximumScale: Float = 1.4
    /// Sizes tried are the powers of this ratio within the range (1.1: 0.75, 0.83, 0.91, 1, 1.1,
    /// 1.21, 1.33), so the exemplar's own size is always among them.
    public var scaleStep: Float = 1.1
    /// The image is matched at a scale where the exemplar's side (geometric mean of width and
    /// height) is about this many pixels, never upscaled: big exemplars on big photos cost
    /// little, and 20–36 px templates counted the coins equally well.
    public var workingSide: Int = 28
    /// Two matches closer than this fraction of the template's width across, or of its smaller
    /// side up and down (an ellipse between), are one object.
    public var peakDistance: Float = 0.7
    /// Whether matches must also look like the examples to the engine's ``AppearanceModel`` (its
    /// learned features), when it has one and there are several examples. On by default: it
    /// removed 70 of 74 false raindrops and no true one.
    public var checksAppearance = true
    /// Whether matches must stand apart from their surroundings about as much as the examples
    /// do (``SurroundingsCheck``): drops matches on parts of larger objects, such as the edge of
    /// a big animal's back. On by default: on the bison photo it removed 13 false marks and no
    /// true one, and changed no other class-agnostic count of the hand-counted set.
    public var checksSurroundings = true
    /// Whether matches must also be of an example's colour: the basic colour (``BasicColour``)
    /// that dominates an example must dominate the match or cover at least 30% of it, as a name
    /// with a colour ("red cup") keeps its objects. Correlation is computed on grey, so without
    /// it a red cup as the example also counts the blue ones. Off by default: examples of one
    /// colour would then drop look-alikes of every other colour (on `smarties.png`, one green
    /// sweet as the example keeps the green sweets alone).
    public var matchesColour = false

    /// Which turned copies of each example are matched too. Upright by default: on the five
    /// class-agnostic photos of the tuning set (`Benchmarks/Accuracy`), `.all` found 5 more of
    /// 143 objects (2 more of the 61 nuclei, with no false one there: 56 of 56) but made 36 more
    /// false marks, 25 of them along the bison's outline (precision 0.73 → 0.59).
    public var orientations: ExemplarOrientations = .upright

    /// The default options.
    public init() {}

    /// The scales tried, smallest first: `scaleStep` to every power that stays in the range.
    public var scales: [Float] {
        let step = Double(scaleStep)
        let below = Int((log(Double(minimumScale)) / log(step)).rounded(.up))
        let above = Int((log(Double(maximumScale)) / log(step)).rounded(.down))
        return (below...above).map { Float(pow(step, Double($0))) }
    }

    /// Checks every value is in range and says which one is not.
    public func validate() throws(GroundingError) {
        func check(_ ok: Bool, _ message: String) throws(GroundingError) {
            if !ok { throw .invalidOption(message) }
        }
        if let similarity {
            try check(similarity.isFinite && (0...1).contains(similarity), "exemplar similarity \(similarity) is not in 0...1")
        }
        try check(minimumScale.isFinite && maximumScale.isFinite && minimumScale >= 0.1 && minimumScale <= 1
                  && maximumScale >= 1 && maximumScale <= 10,
                  "exemplar scales \(minimumScale)...\(maximumScale) are not a range in 0.1...10 that holds 1")
        try check(minimumContrast.isFinite && (0...1).contains(minimumContrast),
                  "exemplar minimum contrast \(minimumContrast) is not in 0...1")
        try check(scaleStep.isFinite && scaleStep >= 1.01 && scaleStep <= 2, "exemplar scale step \(scaleStep) is not in 1.01...2")
        try check((8...256).contains(workingSide), "exemplar working side \(workingSide) is not in 8...256 pixels")
        try check(peakDistance.isFinite && peakDistance > 0 && peakDistance <= 4,
                  "exemplar peak distance \(peakDistance) is not in 0<...4")
    }
}
