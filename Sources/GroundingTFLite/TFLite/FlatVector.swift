/// A vector of a ``FlatBuffer``: a 32-bit length followed by the elements.
struct FlatVector: Sendable {
    /// The file the vector lives in.
    let file: FlatBuffer
    /// Where the first element starts.
    let start: Int
    /// The number of elements.
    let count: Int
    /// Bytes per element.
    let elementSize: Int
    /// What the vector is, for errors.
    let name: String

    /// Reads the length at `position` and checks that every element lies inside the file.
    init(file: FlatBuffer, position: Int, elementSize: Int, name: String) throws(TFLiteError) {
        let count = Int(try file.load(UInt32.self, at: position, in: name))
        let start = position + 4
        guard count <= (file.bytes.count - min(start, file.bytes.count)) / elementSize else {
            throw file.malformed(name, position, "a vector of \(count) \(elementSize)-byte elements would run past the end of the file")
        }
        self.file = file
        self.start = start
        self.count = count
        self.elementSize = elementSize
        self.name = name
    }

    /// The bytes of the elements.
    var byteRange: Range<Int> { start..<start + count * elementSize }

    /// The elements as little-endian integers.
    func integers<T: FixedWidthInteger>(as _: T.Type) -> [T] {
        precondition(MemoryLayout<T>.size == elementSize, "element size mismatch")
        return file.bytes.withUnsafeBytes { raw in
            (0..<count).map { T(littleEndian: raw.loadUnaligned(fromByteOffset: start + $0 * elementSize, as: T.self)) }
        }
    }

    /// Element `index` of a vector of tables.
    func table(_ index: Int) throws(TFLiteError) -> FlatTable {
        let at = start + index * 4
        return try FlatTable(file: file, position: try file.offsetTarget(at: at, in: name), name: "\(name) \(index)")
    }

    /// Every element of a vector of tables.
    func tables() throws(TFLiteError) -> [FlatTable] {
        var tables: [FlatTable] = []
        tables.reserveCapacity(count)
        for index in 0..<count { tables.append(try table(index)) }
        return tables
    }
}
