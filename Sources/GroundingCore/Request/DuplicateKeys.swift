/// Finds a key written twice in one object of a JSON text.
///
/// Foundation's decoder keeps one of the two silently, where Python's `json` keeps the other: a
/// service that checks a request in Python and passes its text on would have checked another
/// image or threshold than the one answered. So a request that repeats a key is refused.
package enum DuplicateKeys {
    /// The first key that some object of `json` (valid JSON) holds twice, with escapes read
    /// (`"a"` and `"\u0061"` are one key); nil when none does.
    package static func first(in json: [UInt8]) -> String? {
        // Per open object the keys seen so far; nil for an array.
        var containers: [Set<String>?] = []
        var expectsKey = false
        var index = 0
        while index < json.count {
            switch json[index] {
            case UInt8(ascii: "{"):
                containers.append([])
                expectsKey = true
            case UInt8(ascii: "["):
                containers.append(nil)
                expectsKey = false
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                _ = containers.popLast()
                expectsKey = false
            case UInt8(ascii: ","):
                expectsKey = containers.last.map { $0 != nil } ?? false
            case UInt8(ascii: "\""):
                let (text, end) = string(in: json, from: index + 1)
                if expectsKey, var keys = containers.last ?? nil {
                    guard keys.insert(text).inserted else { return text }
                    containers[containers.count - 1] = keys
                }
                expectsKey = false
                index = end
            default:
                break
            }
            index += 1
        }
        return nil
    }

    /// The string that starts at `start` (after its opening quote), escapes read, and the index of
    /// its closing quote.
    private static func string(in json: [UInt8], from start: Int) -> (String, end: Int) {
        var bytes: [UInt8] = []
        var pendingHigh: UInt32?
        var index = start
        func appendScalar(_ value: UInt32) {
            bytes += Array(String(Unicode.Scalar(value).map(Character.init) ?? "\u{FFFD}").utf8)
        }
        while index < json.count, json[index] != UInt8(ascii: "\"") {
            guard json[index] == UInt8(ascii: "\\"), index + 1 < json.count else {
                bytes.append(json[index])
                index += 1
                continue
            }
            let escaped = json[index + 1]
            index += 2
            guard escaped == UInt8(ascii: "u"), index + 4 <= json.count,
                  let unit = UInt32(String(decoding: json[index..<index + 4], as: UTF8.self), radix: 16) else {
                // \" \\ \/ \b \f \n \r \t: the character it stands for.
                let characters: [UInt8: UInt8] = [UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A,
                                                  UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09]
                bytes.append(characters[escaped] ?? escaped)
                continue
            }
            index += 4
            if (0xD800..<0xDC00).contains(unit) {
                pendingHigh = unit
            } else if let high = pendingHigh, (0xDC00..<0xE000).contains(unit) {
                appendScalar(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00))
                pendingHigh = nil
            } else {
                appendScalar(unit)
            }
        }
        return (String(decoding: bytes, as: UTF8.self), index)
    }
}
