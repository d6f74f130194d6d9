/// Reads Protocol Buffers' wire format (varints, fixed 32/64-bit values, length-delimited
/// fields) from bytes, every read bounds-checked: the part of protobuf an ONNX file needs, so
/// that loading a model needs no generated code and no dependency.
///
/// A message is read field by field; a nested message is read by a reader over its bytes.
///
/// ```swift
/// var reader = ProtobufReader(bytes, range: 0..<bytes.count, message: "ModelProto")
/// while let field = try reader.next() {
///     switch field.number {
///     case 1: irVersion = try field.int()
///     case 7: graph = try Graph(field.message("GraphProto"))
///     default: break   // unknown fields are skipped, as protobuf requires
///     }
/// }
/// ```
struct ProtobufReader {
    /// One field as it appears on the wire.
    struct Field {
        /// Wire types.
        enum WireType: UInt64 {
            case varint = 0, fixed64 = 1, lengthDelimited = 2, fixed32 = 5
        }

        /// The field number.
        let number: Int
        /// How its value is encoded.
        let wireType: WireType
        /// The value of a varint or fixed field.
        let scalar: UInt64
        /// The bytes of a length-delimited field.
        let range: Range<Int>
        /// The bytes it was read from.
        let bytes: [UInt8]
        /// The message holding it, for errors.
        let message: String

        /// A varint field as a signed integer (int64 / int32 / enum).
        func int() throws(ONNXFormatError) -> Int {
            guard wireType == .varint else { throw mismatch("an integer") }
            return Int(truncatingIfNeeded: scalar)
        }

        /// A fixed32 field as a float.
        func float() throws(ONNXFormatError) -> Float {
            guard wireType == .fixed32 else { throw mismatch("a float") }
            return Float(bitPattern: UInt32(truncatingIfNeeded: scalar))
        }

        /// A length-delimited field as UTF-8 text.
        func string() throws(ONNXFormatError) -> String {
            guard wireType == .lengthDelimited else { throw mismatch("a string") }
            return String(decoding: bytes[range], as: UTF8.self)
        }

        /// A length-delimited field as a reader over the nested message `name`.
        func message(_ name: String) throws(ONNXFormatError) -> ProtobufReader {
            guard wireType == .lengthDelimited else { throw mismatch("a \(name) message") }
            return ProtobufReader(bytes, range: range, message: name)
        }

        /// A repeated integer field, packed (one length-delimited run) or not (this one value).
        func ints() throws(ONNXFormatError) -> [Int] {
            if wireType == .varint { return [Int(truncatingIfNeeded: scalar)] }
            guard wireType == .lengthDelimited else { throw mismatch("integers") }
            var reader = ProtobufReader(bytes, range: range, message: message)
            var values: [Int] = []
            while !reader.atEnd { values.append(Int(truncatingIfNeeded: try reader.varint())) }
            return values
        }

        /// A repeated float field, packed or not.
        func floats() throws(ONNXFormatError) -> [Float] {
            if wireType == .fixed32 { return [try float()] }
            guard wireType == .lengthDelimited, range.count % 4 == 0 else { throw mismatch("floats") }
            return littleEndianWords(UInt32.self).map(Float.init(bitPattern:))
        }

        /// A repeated double field, packed or not.
        func doubles() throws(ONNXFormatError) -> [Double] {
            if wireType == .fixed64 { return [Double(bitPattern: scalar)] }
            guard wireType == .lengthDelimited, range.count % 8 == 0 else { throw mismatch("doubles") }
            return littleEndianWords(UInt64.self).map(Double.init(bitPattern:))
        }

        /// The bytes of a length-delimited field read as little-endian words.
        func littleEndianWords<Word: FixedWidthInteger>(_ type: Word.Type) -> [Word] {
            let size = Word.bitWidth / 8
            return stride(from: range.lowerBound, to: range.upperBound - size + 1, by: size).map { start in
                var word: Word = 0
                for byte in 0..<size { word |= Word(bytes[start + byte]) << (8 * byte) }
                return word
            }
        }

        private func mismatch(_ wanted: String) -> ONNXFormatError {
            ONNXFormatError(message: message, offset: range.lowerBound, detail: "field \(number) has wire type \(wireType), not \(wanted)")
        }
    }

    /// The whole buffer.
    let bytes: [UInt8]
    /// The next byte to read.
    private(set) var position: Int
    /// Where this message ends.
    let end: Int
    /// The message's name, for errors.
    let message: String

    /// A reader over `bytes[range]`, the encoding of message `message`.
    init(_ bytes: [UInt8], range: Range<Int>, message: String) {
        self.bytes = bytes
        self.position = range.lowerBound
        self.end = range.upperBound
        self.message = message
    }

    /// Whether every field has been read.
    var atEnd: Bool { position >= end }

    /// The next field, or nil at the end of the message.
    mutating func next() throws(ONNXFormatError) -> Field? {
        guard !atEnd else { return nil }
        let start = position
        let key = try varint()
        guard let wireType = Field.WireType(rawValue: key & 7), key >> 3 > 0, key >> 3 <= UInt64(Int32.max) else {
            throw ONNXFormatError(message: message, offset: start, detail: "field key \(key) is not a valid protobuf key (wire type \(key & 7))")
        }
        let number = Int(key >> 3)
        switch wireType {
        case .varint:
            return Field(number: number, wireType: wireType, scalar: try varint(), range: position..<position, bytes: bytes, message: message)
        case .fixed64, .fixed32:
            let size = wireType == .fixed64 ? 8 : 4
            let range = try take(size, field: number)
            var value: UInt64 = 0
            for (shift, index) in range.enumerated() { value |= UInt64(bytes[index]) << (8 * shift) }
            return Field(number: number, wireType: wireType, scalar: value, range: range, bytes: bytes, message: message)
        case .lengthDelimited:
            let length = try varint()
            guard length <= UInt64(end - position) else {
                throw ONNXFormatError(message: message, offset: start, detail: "field \(number) is \(length) bytes long, past the end of the message")
            }
            return Field(number: number, wireType: wireType, scalar: 0, range: try take(Int(length), field: number), bytes: bytes, message: message)
        }
    }

    /// A base-128 varint (at most 10 bytes).
    mutating func varint() throws(ONNXFormatError) -> UInt64 {
        var value: UInt64 = 0
        for shift in stride(from: 0, to: 70, by: 7) {
            guard position < end else { break }
            let byte = bytes[position]
            position += 1
            value |= UInt64(byte & 0x7f) << UInt64(shift)
            if byte & 0x80 == 0 { return value }
        }
        throw ONNXFormatError(message: message, offset: position, detail: "a varint runs past the end of the message or over 10 bytes")
    }

    /// The next `count` bytes.
    private mutating func take(_ count: Int, field: Int) throws(ONNXFormatError) -> Range<Int> {
        guard count <= end - position else {
            throw ONNXFormatError(message: message, offset: position, detail: "field \(field) needs \(count) bytes, past the end of the message")
        }
        defer { position += count }
        return position..<position + count
    }
}

/// Where and why an ONNX file's bytes are not valid protobuf (or not the ONNX schema).
struct ONNXFormatError: Error {
    /// The message being read.
    let message: String
    /// The byte offset in the file.
    let offset: Int
    /// What is wrong.
    let detail: String
}
