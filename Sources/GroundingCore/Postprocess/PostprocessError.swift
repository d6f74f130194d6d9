/// Why a postprocessing call (NMS, soft-NMS, non-max merging) refused its input.
///
/// ```swift
/// let bad = [Detection(box: BoundingBox(x1: 0, y1: 0, x2: 1, y2: 1), classIndex: 0, score: .nan)]
/// do { _ = try nonMaxSuppression(bad) } catch { print(error) }  // names index 0
/// ```
public enum PostprocessError: Error, Equatable, CustomStringConvertible {
    /// The detection at `index` has a NaN score, which has no place in a score order.
    case nanScore(index: Int)
    /// The detection at `index` has an infinite score.
    case infiniteScore(index: Int)
    /// The detection at `index` has a NaN or infinite box coordinate.
    case nonFiniteBox(index: Int)
    /// An option is out of its range; `name` says which one.
    case invalidOption(name: String, value: Double, expected: String)
    /// More detections than the 32-bit indices of the spatial index can address.
    case tooManyDetections(Int)

    /// What was wrong with the input and what to do.
    public var description: String {
        switch self {
        case .nanScore(let index):
            return "detection \(index) has a NaN score; check the detector's output (a NaN usually means "
                + "a broken model file or an overflow) and drop or fix that detection before suppression"
        case .infiniteScore(let index):
            return "detection \(index) has an infinite score; scores must be finite (0...1 for a detector)"
        case .nonFiniteBox(let index):
            return "detection \(index) has a NaN or infinite box coordinate; boxes must be finite pixels"
        case .invalidOption(let name, let value, let expected):
            return "\(name) is \(value) but must be \(expected)"
        case .tooManyDetections(let count):
            return "\(count) detections are more than \(Int32.max), the most postprocessing can index; "
                + "raise the score threshold first"
        }
    }
}
