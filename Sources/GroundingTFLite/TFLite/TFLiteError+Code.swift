import GroundingCore

extension TFLiteError: GroundingCodedError {
    /// The model family's code for this case (``GroundingErrorCode/internal`` for a tensor that
    /// does not fit, which only a caller of the interpreter itself can cause).
    public var code: GroundingErrorCode {
        switch self {
        case .missingModelFile: .modelMissing
        case .unreadableFile: .modelUnreadable
        case .notAModel, .malformed, .invalidGraph: .modelInvalid
        case .unsupportedOperator, .unsupportedOption, .unsupportedTensor, .sizeLimitExceeded: .modelUnsupported
        case .inputMismatch: .internal
        }
    }
}
