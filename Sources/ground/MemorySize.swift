import Foundation

/// A size given on the command line: `2G`, `512M`, `1500MB`, `800k` or plain bytes (powers of
/// 1024 for the suffixes, as `free -h` and `ulimit` count).
struct MemorySize: Sendable {
    /// The size in bytes.
    let bytes: Int

    /// The smallest budget accepted: below it not even a small photo fits (an answer's working
    /// memory alone, ``ImageJob/workingBytes``, is 96 MiB).
    static let minimum = 128 << 20

    /// Reads `argument`, saying what is wrong when it cannot.
    static func parse(_ argument: String) throws(UsageError) -> MemorySize {
        let text = argument.trimmingCharacters(in: .whitespaces).lowercased()
        let digits = text.prefix { $0.isNumber || $0 == "." }
        let unit = text.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        let shifts: [String: Int] = ["": 0, "b": 0, "k": 10, "kb": 10, "kib": 10, "m": 20, "mb": 20, "mib": 20,
                                     "g": 30, "gb": 30, "gib": 30, "t": 40, "tb": 40, "tib": 40]
        guard let number = Double(digits), number.isFinite, let shift = shifts[unit] else {
            throw UsageError("'\(String(argument.prefix(40)))' is not a size; write e.g. 2G, 512M or 1500MB")
        }
        let value = number * Double(1 << shift)
        guard value >= Double(minimum), value <= Double(1 << 50) else {
            throw UsageError("'\(String(argument.prefix(40)))' is outside 128M...1P; give a budget a photo fits in, e.g. 2G")
        }
        return MemorySize(bytes: Int(value))
    }
}
