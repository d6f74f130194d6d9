/// A stable, machine-readable name for what went wrong, shared by the Swift API, the C ABI and
/// the Python package: a service maps it to a status (``httpStatus``) without reading messages.
///
/// Codes are `family.reason` strings that never change meaning once published; each also has a
/// stable ``number`` (the C ABI's status). `docs/ERRORS.md` lists them all.
///
/// ```swift
/// do { _ = try engine.answer(request) }
/// catch { print(error.code.rawValue, error.code.httpStatus, error.description) }  // image.truncated 422 ...
/// ```
public enum GroundingErrorCode: String, Sendable, Hashable, Codable, CaseIterable {
    /// A failure that is not the caller's doing (a bug, or a backend failing on valid input).
    case `internal` = "internal"
    /// The request itself is malformed: not JSON, an unknown key, a missing or doubled image,
    /// no queries, pixels that do not fill width × height.
    case requestInvalid = "request.invalid"
    /// An option is out of its range (threshold, overlap, tile size, similarity, ...).
    case optionInvalid = "option.invalid"
    /// No file at the image path.
    case imageNotFound = "image.not_found"
    /// The image path exists but cannot be read as a file (a directory, a pipe, no permission, a
    /// /proc or /sys file whose size the system does not report).
    case imageUnreadable = "image.unreadable"
    /// The image data ends early (or the file is empty).
    case imageTruncated = "image.truncated"
    /// The image data is malformed (bad markers, an image with no pixels, damage in strict mode).
    case imageCorrupt = "image.corrupt"
    /// The image is over a limit: file size, pixel count or decoding memory.
    case imageTooLarge = "image.too_large"
    /// Not a PNG or JPEG, or a JPEG in a colour space Grounding refuses (CMYK).
    case imageUnsupportedFormat = "image.unsupported_format"
    /// A requested name matches no class of any model.
    case queryUnknownName = "query.unknown_name"
    /// A requested name is empty or only punctuation.
    case queryEmpty = "query.empty"
    /// One name was expected where the text names several (`"dogs and cats"`).
    case querySeveralNames = "query.several_names"
    /// An exemplar box is missing, outside the image, larger than it or too small.
    case exemplarInvalidBox = "exemplar.invalid_box"
    /// An exemplar box has no detail to match (one flat colour, or detail finer than it is matched at).
    case exemplarFeatureless = "exemplar.featureless"
    /// The engine was built without an exemplar matcher.
    case exemplarUnsupported = "exemplar.unsupported"
    /// Exemplar matching with these options would take too long (sizes, turns and boxes).
    case exemplarTooCostly = "exemplar.too_costly"
    /// A model file is missing (the message gives the command that fetches it), or nothing is at
    /// a model path (the message says what a model path names).
    case modelMissing = "model.missing"
    /// A model file exists but cannot be read (permissions, size, truncated).
    case modelUnreadable = "model.unreadable"
    /// A model file is malformed or inconsistent (bad cfg, weights of the wrong size, broken graph).
    case modelInvalid = "model.invalid"
    /// A well-formed model that uses something this build does not implement, or a path no loader knows.
    case modelUnsupported = "model.unsupported"
    /// A library Grounding needs at run time (OpenBLAS) cannot be opened.
    case runtimeUnavailable = "runtime.unavailable"
    /// An output file cannot be written: the disk is full, the folder is not writable, the file
    /// there is write-protected, or the path is a dangling link or this run's standard output.
    case outputUnwritable = "output.unwritable"
    /// The request was cancelled before it finished (the asynchronous forms throw `CancellationError`).
    case requestCancelled = "request.cancelled"

    /// The code's stable number: the C ABI's status for it (0 is success and no code), grouped by
    /// family in tens. `grounding.h` defines the same numbers.
    public var number: Int32 {
        switch self {
        case .internal: 1
        case .requestInvalid: 2
        case .optionInvalid: 3
        case .imageNotFound: 10
        case .imageUnreadable: 11
        case .imageTruncated: 12
        case .imageCorrupt: 13
        case .imageTooLarge: 14
        case .imageUnsupportedFormat: 15
        case .queryUnknownName: 20
        case .queryEmpty: 21
        case .querySeveralNames: 22
        case .exemplarInvalidBox: 30
        case .exemplarFeatureless: 31
        case .exemplarUnsupported: 32
        case .exemplarTooCostly: 33
        case .modelMissing: 40
        case .modelUnreadable: 41
        case .modelInvalid: 42
        case .modelUnsupported: 43
        case .runtimeUnavailable: 50
        case .outputUnwritable: 60
        case .requestCancelled: 4
        }
    }

    /// The HTTP status a service would usually answer with: 4xx for what the caller can fix,
    /// 5xx for what the service's operator must.
    public var httpStatus: Int {
        switch self {
        case .requestInvalid, .optionInvalid, .queryEmpty, .querySeveralNames: 400
        case .imageNotFound: 404
        case .imageTooLarge: 413
        case .imageUnsupportedFormat: 415
        case .imageUnreadable, .imageTruncated, .imageCorrupt, .queryUnknownName,
             .exemplarInvalidBox, .exemplarFeatureless, .exemplarTooCostly: 422
        case .internal, .modelMissing, .modelUnreadable, .modelInvalid, .modelUnsupported, .outputUnwritable: 500
        case .exemplarUnsupported: 501
        case .runtimeUnavailable: 503
        // nginx's "client closed request": the caller gave up; nothing to fix on either side.
        case .requestCancelled: 499
        }
    }

    /// The code of any error: its own when it has one (``GroundingCodedError``), else ``internal``.
    ///
    /// ```swift
    /// do { _ = try GroundingEngine(models: ["/no/such/model"]) }
    /// catch { print(GroundingErrorCode(of: error)) }   // modelUnsupported
    /// ```
    public init(of error: any Error) {
        self = (error as? any GroundingCodedError)?.code ?? .internal
    }
}

/// An error with a stable ``GroundingErrorCode`` beside its message (its `description`, which
/// says what went wrong and what to do). Every error type the library raises conforms.
///
/// ```swift
/// extension MyModelError: GroundingCodedError {
///     var code: GroundingErrorCode { .modelInvalid }
/// }
/// ```
public protocol GroundingCodedError: Error, CustomStringConvertible {
    /// What went wrong, as a stable code.
    var code: GroundingErrorCode { get }
}
