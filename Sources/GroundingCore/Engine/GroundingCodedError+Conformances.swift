import GroundingCompute
import GroundingImageIO

// The stable code of every error type the core and the layers below it raise. Each switch is
// exhaustive on purpose: a new case does not compile until it has a code.

extension ImageError: GroundingCodedError {
    /// The image family's code for this case.
    public var code: GroundingErrorCode {
        switch self {
        case .fileNotFound: .imageNotFound
        case .isDirectory, .notRegularFile, .unreadable, .sizeNotReported: .imageUnreadable
        case .empty, .truncated: .imageTruncated
        case .corrupt, .zeroSize: .imageCorrupt
        case .fileTooLarge, .tooLarge, .needsTooMuchMemory: .imageTooLarge
        case .unsupportedFormat, .unsupportedColorSpace, .unsupportedJPEG: .imageUnsupportedFormat
        // Output errors: the caller named an output Grounding cannot write, or the encoder failed.
        case .unsupportedOutputFormat: .requestInvalid
        case .encodingFailed: .internal
        case .unwritable: .outputUnwritable
        }
    }
}

extension QueryError: GroundingCodedError {
    /// The query family's code for this case.
    public var code: GroundingErrorCode {
        switch self {
        case .unknownName: .queryUnknownName
        case .emptyName: .queryEmpty
        case .severalNames: .querySeveralNames
        }
    }
}

extension ExemplarError: GroundingCodedError {
    /// The exemplar family's code for this case.
    public var code: GroundingErrorCode {
        switch self {
        case .noBoxes, .largerThanImage, .outsideImage, .tooSmall: .exemplarInvalidBox
        case .featureless, .detailTooFine: .exemplarFeatureless
        case .noMatcher: .exemplarUnsupported
        case .tooMuchWork, .tooManyTemplates: .exemplarTooCostly
        }
    }
}

extension TilingError: GroundingCodedError {
    /// ``GroundingErrorCode/optionInvalid``: tiling fails only on out-of-range options.
    public var code: GroundingErrorCode { .optionInvalid }
}

extension PostprocessError: GroundingCodedError {
    /// Out-of-range options are the caller's; malformed detector output is ``GroundingErrorCode/internal``.
    public var code: GroundingErrorCode {
        switch self {
        case .invalidOption: .optionInvalid
        case .nanScore, .infiniteScore, .nonFiniteBox, .tooManyDetections: .internal
        }
    }
}

extension ColourError: GroundingCodedError {
    /// ``GroundingErrorCode/internal``: the engine only measures boxes it found inside the image.
    public var code: GroundingErrorCode { .internal }
}

extension ModelFileError: GroundingCodedError {
    /// ``GroundingErrorCode/modelUnreadable``.
    public var code: GroundingErrorCode { .modelUnreadable }

    /// The file and why it could not be read.
    public var description: String { "\(path): cannot read model file: \(reason)" }
}

extension ModelRegistry.UnsupportedModel: GroundingCodedError {
    /// ``GroundingErrorCode/modelUnsupported``: no loader recognises the path.
    public var code: GroundingErrorCode { .modelUnsupported }
}

extension ModelRegistry.MissingModel: GroundingCodedError {
    /// ``GroundingErrorCode/modelMissing``: nothing is at the path.
    public var code: GroundingErrorCode { .modelMissing }
}

extension BLASError: GroundingCodedError {
    /// ``GroundingErrorCode/runtimeUnavailable``: OpenBLAS is missing or too old on this machine.
    public var code: GroundingErrorCode { .runtimeUnavailable }
}
