import GroundingImageIO

/// Why the engine could not answer for an image.
///
/// ```swift
/// do { _ = try engine.ground(contentsOf: "missing.jpg", objects: ["dog"], mode: .count) }
/// catch { print(error) }  // names the file and what to do
/// ```
public enum GroundingError: Error, CustomStringConvertible {
    /// An option is out of range; the message says which and what range.
    case invalidOption(String)
    /// The image could not be read or decoded.
    case image(ImageError)
    /// The detector failed (model files, a backend error).
    case detector(any Error)
    /// Exemplar boxes do not fit the image (outside it, too small, flat).
    case exemplar(ExemplarError)
    /// The request was cancelled (its ``Cancellation`` flag raised) before it finished; the
    /// asynchronous forms throw `CancellationError` instead.
    case cancelled

    /// A message that says what went wrong and what to do.
    public var description: String {
        switch self {
        case .invalidOption(let message): return "invalid option: \(message)"
        case .image(let error): return error.description
        case .detector(let error): return String(describing: error)
        case .exemplar(let error): return error.description
        case .cancelled: return "the request was cancelled before it finished"
        }
    }
}
