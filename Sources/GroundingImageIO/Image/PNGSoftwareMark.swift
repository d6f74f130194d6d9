/// The text chunk every PNG that ``PNGEncoder`` writes carries after its header, `tEXt` with the
/// registered keyword `Software` and the value `Grounding`: it says what wrote the file, so that
/// a later run can tell its own drawings from anyone else's files in a `--draw` folder.
///
/// ```swift
/// PNGSoftwareMark.isMarked(fileAt: "out/0001-dog.png")   // true after `ground … --draw out/`
/// ```
public enum PNGSoftwareMark {
    /// The chunk's data: keyword, NUL, text (Latin-1, PNG's rule for tEXt).
    static let text: [UInt8] = Array("Software".utf8) + [0] + Array("Grounding".utf8)

    /// The bytes a marked file starts with: signature, the 25-byte IHDR chunk, then the mark's
    /// length and type and data.
    private static func prefixMatches(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let signature: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10]
        let markAt = signature.count + 25
        let expected = [0, 0, 0, UInt8(text.count)] + Array("tEXt".utf8) + text
        guard bytes.count >= markAt + expected.count, bytes.prefix(8).elementsEqual(signature) else { return false }
        return bytes[markAt..<markAt + expected.count].elementsEqual(expected)
    }

    /// True when `path` is a regular file that starts as ``PNGEncoder`` writes PNGs, mark
    /// included. Reads its first 64 bytes only; a file that cannot be read is not marked.
    public static func isMarked(fileAt path: String) -> Bool {
        guard let head = try? ImageFile.read(path, limit: .max, prefix: 64).bytes else { return false }
        return head.withUnsafeBytes(prefixMatches)
    }
}
