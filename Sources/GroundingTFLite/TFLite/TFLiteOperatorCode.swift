/// Which operator an operator of the model runs: a builtin code (the schema's
/// `BuiltinOperator`) or a custom operator's name.
///
/// ```swift
/// let code = TFLiteOperatorCode(builtin: 3, custom: nil)
/// print(code)   // CONV_2D
/// ```
package struct TFLiteOperatorCode: Sendable, Hashable, CustomStringConvertible {
    /// The builtin operator code (32 for a custom operator).
    package let builtin: Int32
    /// The custom operator's name, when ``builtin`` is `CUSTOM`.
    package let custom: String?

    /// Creates a code.
    package init(builtin: Int32, custom: String?) {
        self.builtin = builtin
        self.custom = custom
    }

    /// The builtin codes this runtime implements (or folds into constants at load).
    enum Builtin: Int32 {
        case add = 0
        case concatenation = 2
        case conv2D = 3
        case depthwiseConv2D = 4
        case depthToSpace = 5
        case dequantize = 6
        case fullyConnected = 9
        case logistic = 14
        case maxPool2D = 17
        case relu = 19
        case reluN1To1 = 20
        case relu6 = 21
        case reshape = 22
        case resizeBilinear = 23
        case pad = 34
        case mean = 40
        case prelu = 54
        case densify = 124
    }

    /// The implemented builtin this code stands for, if any.
    var supported: Builtin? { custom == nil ? Builtin(rawValue: builtin) : nil }

    /// The schema's name (`"CONV_2D"`), `"CUSTOM (name)"`, or `"BUILTIN 200"` past the known codes.
    package var description: String {
        if let custom { return "CUSTOM (\(custom))" }
        if builtin >= 0, builtin < Self.names.count { return Self.names[Int(builtin)] }
        return "BUILTIN \(builtin)"
    }

    /// `BuiltinOperator` names by code, 0 through 126, for error messages.
    private static let names = [
        "ADD", "AVERAGE_POOL_2D", "CONCATENATION", "CONV_2D", "DEPTHWISE_CONV_2D", "DEPTH_TO_SPACE",
        "DEQUANTIZE", "EMBEDDING_LOOKUP", "FLOOR", "FULLY_CONNECTED", "HASHTABLE_LOOKUP", "L2_NORMALIZATION",
        "L2_POOL_2D", "LOCAL_RESPONSE_NORMALIZATION", "LOGISTIC", "LSH_PROJECTION", "LSTM", "MAX_POOL_2D",
        "MUL", "RELU", "RELU_N1_TO_1", "RELU6", "RESHAPE", "RESIZE_BILINEAR", "RNN", "SOFTMAX",
        "SPACE_TO_DEPTH", "SVDF", "TANH", "CONCAT_EMBEDDINGS", "SKIP_GRAM", "CALL", "CUSTOM",
        "EMBEDDING_LOOKUP_SPARSE", "PAD", "UNIDIRECTIONAL_SEQUENCE_RNN", "GATHER", "BATCH_TO_SPACE_ND",
        "SPACE_TO_BATCH_ND", "TRANSPOSE", "MEAN", "SUB", "DIV", "SQUEEZE", "UNIDIRECTIONAL_SEQUENCE_LSTM",
        "STRIDED_SLICE", "BIDIRECTIONAL_SEQUENCE_RNN", "EXP", "TOPK_V2", "SPLIT", "LOG_SOFTMAX", "DELEGATE",
        "BIDIRECTIONAL_SEQUENCE_LSTM", "CAST", "PRELU", "MAXIMUM", "ARG_MAX", "MINIMUM", "LESS", "NEG",
        "PADV2", "GREATER", "GREATER_EQUAL", "LESS_EQUAL", "SELECT", "SLICE", "SIN", "TRANSPOSE_CONV",
        "SPARSE_TO_DENSE", "TILE", "EXPAND_DIMS", "EQUAL", "NOT_EQUAL", "LOG", "SUM", "SQRT", "RSQRT",
        "SHAPE", "POW", "ARG_MIN", "FAKE_QUANT", "REDUCE_PROD", "REDUCE_MAX", "PACK", "LOGICAL_OR",
        "ONE_HOT", "LOGICAL_AND", "LOGICAL_NOT", "UNPACK", "REDUCE_MIN", "FLOOR_DIV", "REDUCE_ANY",
        "SQUARE", "ZEROS_LIKE", "FILL", "FLOOR_MOD", "RANGE", "RESIZE_NEAREST_NEIGHBOR", "LEAKY_RELU",
        "SQUARED_DIFFERENCE", "MIRROR_PAD", "ABS", "SPLIT_V", "UNIQUE", "CEIL", "REVERSE_V2", "ADD_N",
        "GATHER_ND", "COS", "WHERE", "RANK", "ELU", "REVERSE_SEQUENCE", "MATRIX_DIAG", "QUANTIZE",
        "MATRIX_SET_DIAG", "ROUND", "HARD_SWISH", "IF", "WHILE", "NON_MAX_SUPPRESSION_V4",
        "NON_MAX_SUPPRESSION_V5", "SCATTER_ND", "SELECT_V2", "DENSIFY", "SEGMENT_SUM", "BATCH_MATMUL",
    ]
}
