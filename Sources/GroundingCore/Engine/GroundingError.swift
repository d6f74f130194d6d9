import GroundingImageIO

/// Why the engine could not answer for an image.
///
/// Every case has a stable ``code`` (``GroundingErrorCode``) beside its message.
///
/// ```swift
/// do { _ = try engine.ground(contentsOf: "missing.jpg", objects: ["dog"], mode: .count) }
/// catch { print(error.code, error) }  // image.not_found, then the message naming the file
/// ```
public enum GroundingError: Error, CustomStringConvertible, GroundingCodedError {
    /// An option is out of range; the message says which and what range.
    case invalidOption(String)
    /// A ``GroundingRequest`` is malformed (bad JSON, an unknown key, no image, no queries); the
    /// message says what and where.
    case invalidRequest(String)
    /// The image could not be read or decoded.
    case image(ImageError)
    /// No requested name could be answered: the first name's error, and every name that could
    /// not be answered as a result lists them (a request answers the names it can and lists the
    /// others in ``GroundingResult/unresolved``).
    case query(QueryError, unresolved: [UnresolvedName])
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
        case .invalidRequest(let message): return "invalid request: \(message)"
        case .image(let error): return error.description
        case .query(let error, let unresolved):
            let others = unresolved.dropFirst().map { "\"\($0.name)\"" }
            return error.description + (others.isEmpty ? "" : " (not understood either: \(others.joined(separator: ", ")))")
        case .detector(let error): return String(describing: error)
        case .exemplar(let error): return error.description
        case .cancelled: return "the request was cancelled before it finished"
        }
    }

    /// The stable code: the wrapped error's own, so a truncated file is `image.truncated`
    /// whichever entry point read it.
    public var code: GroundingErrorCode {
        switch self {
        case .invalidOption: .optionInvalid
        case .invalidRequest: .requestInvalid
        case .image(let error): error.code
        case .query(let error, _): error.code
        case .detector(let error): GroundingErrorCode(of: error)
        case .exemplar(let error): error.code
        case .cancelled: .requestCancelled
        }
    }
}
