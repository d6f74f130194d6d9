/// The spelling-insensitive forms of object names that every lookup of ``QueryResolver`` uses.
package enum NameKey {
    /// The words of `name` in lower case: split at whitespace, underscores and hyphens.
    package static func words(_ name: String) -> [Substring] {
        name.lowercased().split { $0.isWhitespace || $0 == "_" || $0 == "-" }
    }

    /// `name` in lower case with its words joined by single spaces: `"Dining_Table"` →
    /// `"dining table"`.
    package static func normalized(_ name: String) -> String {
        words(name).joined(separator: " ")
    }

    /// `name` in lower case with no separators at all: `"dining table"`, `"dining-table"` and
    /// `"diningtable"` share the key `"diningtable"`. All tables are keyed by it.
    package static func key(_ name: String) -> String {
        var name = name
        return name.withUTF8(key(utf8:))
    }

    /// ``key(_:)`` of a name's UTF-8 bytes. An ASCII name is keyed byte by byte, without making
    /// words of it: the WordNet table keys its 60,000 lemmas this way in every process, and most
    /// of them are their own key ("dog"), made without a copy.
    package static func key(utf8 name: UnsafeBufferPointer<UInt8>) -> String {
        if isOwnKey(utf8: name) { return String(decoding: name, as: UTF8.self) }
        guard name.allSatisfy({ $0 < 0x80 }) else { return words(String(decoding: name, as: UTF8.self)).joined() }
        var key: [UInt8] = []
        key.reserveCapacity(name.count)
        for byte in name where !isSeparator(byte) {
            key.append(isUpperCase(byte) ? byte + 32 : byte)
        }
        return String(decoding: key, as: UTF8.self)
    }

    /// Whether a name's UTF-8 bytes are its own key: ASCII, in lower case, without separators.
    package static func isOwnKey(utf8 name: UnsafeBufferPointer<UInt8>) -> Bool {
        !name.contains { $0 >= 0x80 || isSeparator($0) || isUpperCase($0) }
    }

    /// ASCII whitespace (9–13 and the space), the underscore and the hyphen.
    private static func isSeparator(_ byte: UInt8) -> Bool {
        (9...13).contains(byte) || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    private static func isUpperCase(_ byte: UInt8) -> Bool { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) }
}
