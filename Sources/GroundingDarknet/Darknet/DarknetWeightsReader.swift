import GroundingCore

/// Reads a Darknet `.weights` file: a header, then every layer's parameters as little-endian
/// Float32 in cfg order.
///
/// The header is `major, minor, revision` (Int32 each), then the count of images seen in
/// training: Int64 when `major·10 + minor ≥ 2`, else Int32.
package struct DarknetWeightsReader {
    /// The file, for errors.
    let file: String
    /// All parameters after the header.
    private let values: [Float]
    /// The next value ``take(_:)`` returns.
    private var position = 0

    /// The header length of a file beginning with `major` and `minor`.
    package static func headerSize(major: Int32, minor: Int32) -> Int {
        major * 10 + minor >= 2 ? 20 : 16
    }

    /// Opens `path` and checks that it holds exactly `parameterCount` floats after its header,
    /// before reading them.
    init(path: String, parameterCount: Int) throws(DarknetError) {
        let head = try DarknetError.reading { () throws(ModelFileError) in try ModelFile.read(path, limit: Int.max, count: min(12, try ModelFile.size(path))) }
        guard head.count == 12 else { throw .badWeightsHeader(file: path, detail: "shorter than its 12-byte version header") }
        let major = head.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 0, as: Int32.self) }
        let minor = head.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 4, as: Int32.self) }
        // Darknet treats versions ≥ 1000 as transposed weights from a foreign format.
        guard (0..<1000).contains(major), (0..<1000).contains(minor) else {
            throw .badWeightsHeader(file: path, detail: "version \(major).\(minor)")
        }
        let header = Self.headerSize(major: major, minor: minor)
        let expected = header + 4 * parameterCount
        let actual = try DarknetError.reading { () throws(ModelFileError) in try ModelFile.size(path) }
        guard actual == expected else { throw .weightsSizeMismatch(file: path, expectedBytes: expected, actualBytes: actual) }
        file = path
        values = try DarknetError.reading { () throws(ModelFileError) in
            try ModelFile.read(path, limit: expected, offset: header, count: parameterCount, as: Float.self)
        }
    }

    /// The next `count` parameters. The size check in `init` guarantees they exist.
    mutating func take(_ count: Int) -> [Float] {
        precondition(position + count <= values.count, "weights size was checked against the cfg")
        defer { position += count }
        return Array(values[position..<position + count])
    }
}
