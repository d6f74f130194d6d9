import GroundingCore

extension DarknetError: GroundingCodedError {
    /// The model family's code for this case (``GroundingErrorCode/internal`` for a tensor that
    /// does not fit, which only a caller of the runtime itself can cause).
    public var code: GroundingErrorCode {
        switch self {
        case .missingModelFile: .modelMissing
        case .unreadableFile: .modelUnreadable
        case .ambiguousModelFiles, .malformedLine, .invalidOption, .badLayerReference, .shapeMismatch,
             .incompleteNetwork, .badWeightsHeader, .weightsSizeMismatch, .classCountMismatch: .modelInvalid
        case .unknownSection, .unsupportedOption, .sizeLimitExceeded: .modelUnsupported
        case .inputMismatch: .internal
        }
    }
}
