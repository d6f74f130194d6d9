/// Which turned copies of each exemplar are matched besides the example as drawn. Objects seen
/// from above (cells, coins, pills) lie every way; a photo's upright objects (people, bottles)
/// at most mirrored. Each copy is one more template to correlate, so `all` costs about eight
/// times `upright`.
///
/// ```swift
/// var options = GroundingOptions()
/// options.exemplar.orientations = .all   // count cells lying every way from one example
/// ```
public enum ExemplarOrientations: String, Sendable, Hashable, CaseIterable, Codable {
    /// The example as drawn (the default).
    case upright
    /// As drawn, and mirrored left to right.
    case mirrored
    /// The eight symmetries of a rectangle: four quarter turns, each also mirrored.
    case all

    /// The (mirrored first, then clockwise quarter turns) pairs this stands for.
    public var turns: [(mirrored: Bool, quarterTurns: Int)] {
        switch self {
        case .upright: return [(false, 0)]
        case .mirrored: return [(false, 0), (true, 0)]
        case .all: return [false, true].flatMap { mirrored in (0...3).map { (mirrored, $0) } }
        }
    }
}
