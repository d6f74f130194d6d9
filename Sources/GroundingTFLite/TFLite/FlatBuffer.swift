/// A FlatBuffers file held in memory, read with every offset checked against its size.
///
/// FlatBuffers store tables as a position plus a signed offset to a *vtable* (a list of 16-bit
/// field offsets); table, vector and string fields hold unsigned 32-bit offsets relative to
/// where they are stored. A damaged file can point anywhere, so every read here checks its
/// bounds first and throws ``TFLiteError/malformed(path:table:offset:detail:)`` naming the
/// table being read and the byte, instead of trusting the file.
struct FlatBuffer: Sendable {
    /// The whole file.
    let bytes: [UInt8]
    /// The file's path, for errors.
    let path: String

    /// The root table (the offset in the first four bytes), after checking the 4-byte file
    /// identifier at byte 4.
    func root(identifier: String, name: String) throws(TFLiteError) -> FlatTable {
        guard bytes.count >= 8 else { throw .notAModel(path: path, detail: "\(bytes.count) bytes is too short for a flatbuffer") }
        guard Array(bytes[4..<8]) == Array(identifier.utf8) else {
            throw .notAModel(path: path, detail: "no \"\(identifier)\" identifier at byte 4")
        }
        return try FlatTable(file: self, position: try offsetTarget(at: 0, in: name), name: name)
    }

    /// The little-endian integer at `offset`.
    func load<T: FixedWidthInteger>(_: T.Type, at offset: Int, in table: String) throws(TFLiteError) -> T {
        guard offset >= 0, offset <= bytes.count - MemoryLayout<T>.size else {
            throw malformed(table, offset, "a \(MemoryLayout<T>.size)-byte value there would lie outside the \(bytes.count)-byte file")
        }
        return T(littleEndian: bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: T.self) })
    }

    /// Where the unsigned 32-bit offset stored at `position` points.
    func offsetTarget(at position: Int, in table: String) throws(TFLiteError) -> Int {
        let target = position + Int(try load(UInt32.self, at: position, in: table))
        guard target < bytes.count else {
            throw malformed(table, position, "an offset points to byte \(target), past the end of the \(bytes.count)-byte file")
        }
        return target
    }

    /// The error for a bad read in `table` at `offset`.
    func malformed(_ table: String, _ offset: Int, _ detail: String) -> TFLiteError {
        .malformed(path: path, table: table, offset: offset, detail: detail)
    }
}
