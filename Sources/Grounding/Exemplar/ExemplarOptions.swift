import Foundation

/// Knobs of exemplar matching (``ExemplarDetector``); the defaults were chosen on
/// `TestImages/coins.png`, where any single coin as the exemplar finds all 24 coins.
///
/// ```swift
/// var options = GroundingOptions()
/// options.exemplar.similarity = 0.7   // stricter: only close look-alikes
/// ```
public struct ExemplarOptions: Sendable, Hashable {
    /// The least zero-mean normalised cross-correlation (0...1) a match needs. At 0.45 coins
    /// gained duplicate points, at 0.6 a worn coin was missed.
    public var similarity: Float = 0.55
    /// The smallest size tried, relative to the exemplar.
    public var minimumScale: Float = 0.7
    /// The largest size tried, relative to the exemplar.
    public var maximumScale: Float = 1.4
    /// How many sizes are tried, spaced evenly in log scale from minimum to maximum.
    public var scaleSteps: Int = 8
    /// The image is matched at a scale where the exemplar's side (geometric mean of width and
    /// height) is about this many pixels, never upscaled: big exemplars on big photos cost
    /// little, and 20–36 px templates counted the coins equally well.
    public var workingSide: Int = 28
    /// Two matches closer than this fraction of the smaller template side are one object.
    public var peakDistance: Float = 0.7

    /// The default options.
    public init() {}

    /// The scales tried, smallest first.
    public var scales: [Float] {
        guard scaleSteps > 1 else { return [minimumScale] }
        let ratio = maximumScale / minimumScale
        return (0..<scaleSteps).map { minimumScale * Float(pow(Double(ratio), Double($0) / Double(scaleSteps - 1))) }
    }

    /// Checks every value is in range and says which one is not.
    public func validate() throws(GroundingError) {
        func check(_ ok: Bool, _ message: String) throws(GroundingError) {
            if !ok { throw .invalidOption(message) }
        }
        try check(similarity.isFinite && (0...1).contains(similarity), "exemplar similarity \(similarity) is not in 0...1")
        try check(minimumScale.isFinite && maximumScale.isFinite && minimumScale >= 0.1 && maximumScale <= 10
                  && minimumScale <= maximumScale,
                  "exemplar scales \(minimumScale)...\(maximumScale) are not an increasing range in 0.1...10")
        try check((1...32).contains(scaleSteps), "exemplar scale steps \(scaleSteps) is not in 1...32")
        try check((8...256).contains(workingSide), "exemplar working side \(workingSide) is not in 8...256 pixels")
        try check(peakDistance.isFinite && peakDistance > 0 && peakDistance <= 4,
                  "exemplar peak distance \(peakDistance) is not in 0<...4")
    }
}
