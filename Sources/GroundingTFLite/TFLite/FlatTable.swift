/// One table of a ``FlatBuffer``: fields are looked up through its vtable, absent fields take
/// the schema's default.
struct FlatTable: Sendable {
    /// The file the table lives in.
    let file: FlatBuffer
    /// Where the table starts.
    let position: Int
    /// What the table is, for errors, e.g. `"Tensor 12"`.
    let name: String
    private let vtable: Int
    private let vtableSize: Int
    private let inlineSize: Int

    /// Reads the vtable of the table at `position`.
    init(file: FlatBuffer, position: Int, name: String) throws(TFLiteError) {
        self.file = file
        self.position = position
        self.name = name
        let vtable = position - Int(try file.load(Int32.self, at: position, in: name))
        let vtableSize = Int(try file.load(UInt16.self, at: vtable, in: name))
        let inlineSize = Int(try file.load(UInt16.self, at: vtable + 2, in: name))
        guard vtableSize >= 4, vtableSize % 2 == 0, vtable + vtableSize <= file.bytes.count else {
            throw file.malformed(name, vtable, "its vtable claims \(vtableSize) bytes, which do not fit the file")
        }
        guard inlineSize >= 4, position + inlineSize <= file.bytes.count else {
            throw file.malformed(name, position, "the table claims \(inlineSize) bytes, which do not fit the file")
        }
        self.vtable = vtable
        self.vtableSize = vtableSize
        self.inlineSize = inlineSize
    }

    /// Where field `field` (its index in the schema) is stored, or nil when it is absent.
    private func location(of field: Int, size: Int) throws(TFLiteError) -> Int? {
        let slot = 4 + 2 * field
        guard slot + 2 <= vtableSize else { return nil }
        let offset = Int(try file.load(UInt16.self, at: vtable + slot, in: name))
        guard offset != 0 else { return nil }
        guard offset >= 4, offset + size <= inlineSize else {
            throw file.malformed(name, vtable + slot, "field \(field) (offset \(offset), \(size) bytes) lies outside its \(inlineSize)-byte table")
        }
        return position + offset
    }

    /// A scalar field, or `defaultValue` when it is absent.
    func scalar<T: FixedWidthInteger>(_ field: Int, default defaultValue: T) throws(TFLiteError) -> T {
        guard let at = try location(of: field, size: MemoryLayout<T>.size) else { return defaultValue }
        return try file.load(T.self, at: at, in: name)
    }

    /// A boolean field (one byte), or `defaultValue` when it is absent.
    func bool(_ field: Int, default defaultValue: Bool = false) throws(TFLiteError) -> Bool {
        try scalar(field, default: UInt8(defaultValue ? 1 : 0)) != 0
    }

    /// A sub-table field named `childName` (for errors), or nil when absent.
    func table(_ field: Int, name childName: String) throws(TFLiteError) -> FlatTable? {
        guard let at = try location(of: field, size: 4) else { return nil }
        return try FlatTable(file: file, position: try file.offsetTarget(at: at, in: name), name: childName)
    }

    /// A vector field of `elementSize`-byte elements named `childName`, or nil when absent.
    func vector(_ field: Int, elementSize: Int, name childName: String) throws(TFLiteError) -> FlatVector? {
        guard let at = try location(of: field, size: 4) else { return nil }
        return try FlatVector(file: file, position: try file.offsetTarget(at: at, in: name), elementSize: elementSize, name: childName)
    }

    /// A vector of integers (e.g. `[int]`), empty when absent.
    func integers<T: FixedWidthInteger>(_ field: Int, as type: T.Type, name childName: String) throws(TFLiteError) -> [T] {
        try vector(field, elementSize: MemoryLayout<T>.size, name: childName)?.integers(as: type) ?? []
    }

    /// A vector of tables, empty when absent; element `i` is named `"\(childName) i"`.
    func tables(_ field: Int, name childName: String) throws(TFLiteError) -> [FlatTable] {
        try vector(field, elementSize: 4, name: childName)?.tables() ?? []
    }

    /// A string field (UTF-8, invalid sequences replaced), or nil when absent.
    func string(_ field: Int) throws(TFLiteError) -> String? {
        guard let bytes = try vector(field, elementSize: 1, name: name + " string")?.byteRange else { return nil }
        return String(decoding: file.bytes[bytes], as: UTF8.self)
    }
}
