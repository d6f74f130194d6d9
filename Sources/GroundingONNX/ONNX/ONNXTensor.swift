/// A tensor whose values are known when the model loads: an initializer, a `Constant`, or the
/// result of folding a node whose inputs are all known (shape arithmetic, anchor grids).
///
/// Values are held as `Double`, which holds every float32 and every integer a shape needs
/// exactly, so folding needs one code path for floats and integers alike.
struct ONNXTensor: Sendable, Equatable {
    /// What the values stand for.
    enum Kind: Sendable, Equatable {
        /// Floating point (float32, float16, double in the file).
        case float
        /// Integers (int64, int32, int8, uint8) and booleans.
        case integer
    }

    /// The dimensions.
    var shape: [Int]
    /// The values, row-major.
    var values: [Double]
    /// Floating point or integer.
    var kind: Kind

    /// A tensor of `shape` holding `values`.
    init(shape: [Int], values: [Double], kind: Kind) {
        self.shape = shape
        self.values = values
        self.kind = kind
    }

    /// A one-dimensional integer tensor.
    init(integers: [Int]) {
        self.init(shape: [integers.count], values: integers.map(Double.init), kind: .integer)
    }

    /// The values as integers (truncated toward zero).
    var integers: [Int] { values.map { Int(clamping: Int64(exactly: $0.rounded(.towardZero)) ?? ($0 < 0 ? .min : .max)) } }
    /// The values as float32.
    var floats: [Float] { values.map(Float.init) }
}

extension ONNXTensor {
    /// Reads a `TensorProto` (dims 1, data_type 2, float_data 4, int32_data 5, int64_data 7,
    /// name 8, raw_data 9, double_data 10, data_location 14); `limit` bounds its element count.
    static func read(_ message: ProtobufReader, limit: Int) throws(ONNXModelError) -> (name: String, tensor: ONNXTensor) {
        var reader = message
        var shape: [Int] = []
        var dataType = 0
        var name = ""
        var raw: ProtobufReader.Field?
        var typed: [Double] = []
        var external = false
        do throws(ONNXFormatError) {
            while let field = try reader.next() {
                switch field.number {
                case 1: shape += try field.ints()
                case 2: dataType = try field.int()
                case 4: typed += try field.floats().map(Double.init)
                case 5, 7: typed += try field.ints().map(Double.init)
                case 8: name = try field.string()
                case 9: raw = field
                case 10: typed += try field.doubles()
                case 13: external = true
                case 14: if try field.int() == 1 { external = true }
                default: break
                }
            }
        } catch {
            throw .format(error)
        }
        guard !external else { throw .tensor(name, "data stored in an external file (export the model with its weights inside)") }
        guard shape.allSatisfy({ $0 >= 0 }), let count = ONNXShape.elementCount(shape, limit: limit) else {
            throw .tensor(name, "shape \(shape) (negative, or more than \(limit) values)")
        }
        guard let type = ElementType(rawValue: dataType) else {
            throw .tensor(name, "data type \(dataType) (supported: float32, float16, double, int64, int32, int8, uint8, bool)")
        }
        let values: [Double]
        if let raw {
            guard raw.range.count == count * type.size else {
                throw .tensor(name, "\(raw.range.count) bytes of raw data for \(count) values of \(type.size) bytes")
            }
            values = type.decode(raw)
        } else {
            values = typed
        }
        guard values.count == count else { throw .tensor(name, "\(values.count) values for shape \(shape)") }
        return (name, ONNXTensor(shape: shape, values: values, kind: type.isFloat ? .float : .integer))
    }

    /// The element types read (ONNX's `TensorProto.DataType` numbers).
    enum ElementType: Int {
        case float = 1, uint8 = 2, int8 = 3, int32 = 6, int64 = 7, bool = 9, float16 = 10, double = 11

        /// Bytes per value in raw data.
        var size: Int {
            switch self {
            case .uint8, .int8, .bool: return 1
            case .float16: return 2
            case .float, .int32: return 4
            case .int64, .double: return 8
            }
        }

        /// Whether values are floating point.
        var isFloat: Bool { self == .float || self == .float16 || self == .double }

        /// The little-endian raw bytes of `field` as values.
        func decode(_ field: ProtobufReader.Field) -> [Double] {
            switch self {
            case .float: return field.littleEndianWords(UInt32.self).map { Double(Float(bitPattern: $0)) }
            case .double: return field.littleEndianWords(UInt64.self).map { Double(bitPattern: $0) }
            case .float16: return field.littleEndianWords(UInt16.self).map { Double(Float(halfBits: $0)) }
            case .int64: return field.littleEndianWords(UInt64.self).map { Double(Int64(bitPattern: $0)) }
            case .int32: return field.littleEndianWords(UInt32.self).map { Double(Int32(bitPattern: $0)) }
            case .int8: return field.littleEndianWords(UInt8.self).map { Double(Int8(bitPattern: $0)) }
            case .uint8, .bool: return field.littleEndianWords(UInt8.self).map(Double.init)
            }
        }
    }
}
