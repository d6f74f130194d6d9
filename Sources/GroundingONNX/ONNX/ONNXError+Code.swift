import GroundingCore

extension ONNXError: GroundingCodedError {
    /// The model family's code for this case (``GroundingErrorCode/internal`` for an input that
    /// does not fit, which only a caller of the interpreter itself can cause).
    public var code: GroundingErrorCode {
        switch self {
        case .missingModelFile: .modelMissing
        case .unreadableFile: .modelUnreadable
        case .malformed, .invalidGraph: .modelInvalid
        case .unsupportedOperator, .unsupportedNode, .unsupportedTensor, .sizeLimitExceeded: .modelUnsupported
        case .inputMismatch: .internal
        }
    }
}
